// `go mod download` (cold cache) and `go mod tidy` (warm cache) on generated universes of
// 50/150/300/600 modules from a local file:// proxy: modscope's CLI against real go, whole
// processes, in the same run. Medians of BENCH_RUNS runs (default 3).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';
import { writeMainModule, writeProxyDir } from '../scripts/universe/proxyDir';
import { scaledUniverse } from './scaleUniverse';
import { median, ms, ratio } from './stats';

const SIZES = (process.env.BENCH_SIZES ?? '50,150,300,600').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const bin = join(process.cwd(), 'bin', 'modscope.js');

function run(tool: 'go' | 'modscope', args: string[], cwd: string, env: Record<string, string>) {
  const t0 = performance.now();
  const r =
    tool === 'go'
      ? spawnSync(GO, args, { cwd, env: goEnv(env), encoding: 'utf8' })
      : spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...goEnv(env) }, encoding: 'utf8' });
  const dt = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed in ${cwd}:\n${r.stderr}`);
  return dt;
}

export default async function main(): Promise<void> {
  console.log(`size  | download go | download modscope | ratio | tidy(warm) go | tidy(warm) modscope | ratio`);
  for (const n of SIZES) {
    const root = mkdtempSync(join(tmpdir(), `modscope-bench-${n}-`));
    try {
      const u = scaledUniverse(n);
      const proxy = join(root, 'proxy');
      writeProxyDir(u, proxy);
      const base = { GOPROXY: `file://${proxy}`, GOSUMDB: 'off', GOFLAGS: '-modcacherw' };
      // A tidy main module, made by real go (not timed).
      const tidy = join(root, 'tidy');
      writeMainModule(u, tidy, '');
      run('go', ['mod', 'tidy'], tidy, { ...base, GOMODCACHE: join(root, 'prep-cache') });
      const times: Record<string, number[]> = { dgo: [], dms: [], tgo: [], tms: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const tool of ['go', 'modscope'] as const) {
          const dir = join(root, `${tool}-${i}`);
          cpSync(tidy, dir, { recursive: true });
          const env = { ...base, GOMODCACHE: join(root, `${tool}-cache-${i}`) };
          times[tool === 'go' ? 'dgo' : 'dms']!.push(run(tool, ['mod', 'download'], dir, env));
          times[tool === 'go' ? 'tgo' : 'tms']!.push(run(tool, ['mod', 'tidy'], dir, env));
          if (readFileSync(join(dir, 'go.sum'), 'utf8') !== readFileSync(join(tidy, 'go.sum'), 'utf8')) {
            throw new Error(`${tool}: go.sum after download+tidy differs from real go's tidy (size ${n})`);
          }
          rmSync(env.GOMODCACHE, { recursive: true, force: true });
        }
      }
      const m = (k: string) => median(times[k]!);
      console.log(
        `${String(n).padEnd(5)} | ${ms(m('dgo')).padStart(11)} | ${ms(m('dms')).padStart(17)} | ${ratio(m('dms'), m('dgo')).padStart(5)} | ` +
          `${ms(m('tgo')).padStart(13)} | ${ms(m('tms')).padStart(19)} | ${ratio(m('tms'), m('tgo'))}`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  console.log('(ratio = modscope time / go time; lower is better; whole processes incl. start-up)');
  void mkdirSync;
}
