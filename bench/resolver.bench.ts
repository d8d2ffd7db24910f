// `go mod download` (cold cache) and `go mod tidy` (warm cache) on generated universes of
// 50/150/300/600 modules from a local file:// proxy: modscope's CLI against real go, whole
// processes, in the same run. Medians of BENCH_RUNS runs (default 3): wall time, and user+sys
// CPU time (the machine may be shared; CPU time is what the process itself cost), as /usr/bin/time
// measures them: in steps of 10 ms.
// BENCH_MODE=tidy times only tidy (each tool's cache warmed by its own untimed download); tidy runs
// twice: first with the tools' package indexes of the fresh module cache still to build, then again;
// BENCH_MODE=download runs only download.
// BENCH_MODSCOPE=<file> runs another modscope entry script (an A/B comparison of two builds).
// BENCH_TMP=<dir> holds the universes and caches (default: the OS temp dir). On a VM whose disk makes
// every file creation slow, BENCH_TMP=/dev/shm measures the tools instead of the disk.
// It also prints Node's own start-up (a process that runs nothing), the floor under every modscope
// figure: with NODE_EXTRA_CA_CERTS set, Node 20 parses that bundle before running any script; and,
// per size, the floors of bench/floor/*.mjs: the file work each command needs at least (reads,
// hashes, inflating, writes), done by a bare Node script that checks and parses nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';
import { writeMainModule, writeProxyDir } from '../scripts/universe/proxyDir';
import { scaledUniverse } from './scaleUniverse';
import { median, ms, ratio } from './stats';

const SIZES = (process.env.BENCH_SIZES ?? '50,150,300,600').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIDY_ONLY = process.env.BENCH_MODE === 'tidy';
const DOWNLOAD_ONLY = process.env.BENCH_MODE === 'download';
const bin = process.env.BENCH_MODSCOPE ?? join(process.cwd(), 'bin', 'modscope.js');
const TIME = '/usr/bin/time';
const TMP = process.env.BENCH_TMP ?? tmpdir();
const FLOOR = join(process.cwd(), 'bench', 'floor');

interface Took {
  wall: number;
  cpu: number;
}

/** Runs one command under /usr/bin/time: wall and user+sys CPU milliseconds. */
function run(tool: 'go' | 'modscope' | 'floor', args: string[], cwd: string, env: Record<string, string>, root: string): Took {
  const out = join(root, 'time.txt');
  const cmd = tool === 'go' ? [GO, ...args] : [process.execPath, tool === 'floor' ? args.shift()! : bin, ...args];
  const fullEnv = tool === 'go' ? goEnv(env) : { ...process.env, ...goEnv(env) };
  const r = spawnSync(TIME, ['-f', '%e %U %S', '-o', out, ...cmd], { cwd, env: fullEnv, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed in ${cwd}:\n${r.stderr}`);
  const [e, u, s] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: e! * 1000, cpu: (u! + s!) * 1000 };
}

const cell = (t: Took[], w: number) => `${ms(median(t.map((x) => x.wall)))} / ${ms(median(t.map((x) => x.cpu)))}`.padStart(w);
const rat = (a: Took[], b: Took[], k: keyof Took) => ratio(median(a.map((x) => x[k])), median(b.map((x) => x[k])));

/** Node's start-up alone (`node -e 0`, medians of 9) with this environment, and without NODE_EXTRA_CA_CERTS. */
function nodeStartup(root: string): string {
  const time = (env: NodeJS.ProcessEnv): number => {
    const out = join(root, 'startup.txt');
    const walls: number[] = [];
    for (let i = 0; i < 9; i++) {
      spawnSync(TIME, ['-f', '%e', '-o', out, process.execPath, '-e', '0'], { env });
      walls.push(Number(readFileSync(out, 'utf8').trim().split('\n').pop()) * 1000);
    }
    return median(walls);
  };
  const withEnv = time(process.env);
  if (process.env.NODE_EXTRA_CA_CERTS === undefined) return `node start-up alone: ${ms(withEnv)}`;
  const { NODE_EXTRA_CA_CERTS: _, ...rest } = process.env;
  return `node start-up alone: ${ms(withEnv)} (${ms(time(rest))} without NODE_EXTRA_CA_CERTS, which this environment sets)`;
}

export default async function main(): Promise<void> {
  const probe = mkdtempSync(join(TMP, 'modscope-bench-startup-'));
  try {
    console.log(nodeStartup(probe));
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
  console.log(
    (TIDY_ONLY ? '' : 'size  | download go (wall / cpu) | download modscope       | ratio wall/cpu' + (DOWNLOAD_ONLY ? '' : ' | ')) +
      (TIDY_ONLY ? 'size  | ' : '') +
      (DOWNLOAD_ONLY ? '' : 'tidy(warm) go (wall / cpu) | tidy(warm) modscope     | ratio wall/cpu'),
  );
  for (const n of SIZES) {
    const root = mkdtempSync(join(TMP, `modscope-bench-${n}-`));
    try {
      const u = scaledUniverse(n);
      const proxy = join(root, 'proxy');
      writeProxyDir(u, proxy);
      const base = { GOPROXY: `file://${proxy}`, GOSUMDB: 'off', GOFLAGS: '-modcacherw' };
      // A tidy main module, made by real go (not timed).
      const tidy = join(root, 'tidy');
      writeMainModule(u, tidy, '');
      run('go', ['mod', 'tidy'], tidy, { ...base, GOMODCACHE: join(root, 'prep-cache') }, root);
      const times: Record<string, Took[]> = { dgo: [], dms: [], tgo: [], tms: [], dfl: [], tfl: [], tgo2: [], tms2: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const tool of ['go', 'modscope'] as const) {
          const dir = join(root, `${tool}-${i}`);
          cpSync(tidy, dir, { recursive: true });
          const env = { ...base, GOMODCACHE: join(root, `${tool}-cache-${i}`) };
          times[tool === 'go' ? 'dgo' : 'dms']!.push(run(tool, ['mod', 'download'], dir, env, root));
          if (tool === 'modscope' && !TIDY_ONLY) {
            const floorCache = join(root, `floor-cache-${i}`);
            times.dfl!.push(run('floor', [join(FLOOR, 'downloadFloor.mjs'), proxy, tidy, floorCache], dir, {}, root));
            rmSync(floorCache, { recursive: true, force: true });
          }
          if (DOWNLOAD_ONLY) {
            rmSync(env.GOMODCACHE, { recursive: true, force: true });
            continue;
          }
          times[tool === 'go' ? 'tgo' : 'tms']!.push(run(tool, ['mod', 'tidy'], dir, env, root));
          // Again: each tool's own index of this module cache (go's in GOCACHE, modscope's in
          // MODSCOPE_CACHE) was built by the first tidy — a developer's steady state.
          times[tool === 'go' ? 'tgo2' : 'tms2']!.push(run(tool, ['mod', 'tidy'], dir, env, root));
          if (tool === 'modscope') times.tfl!.push(run('floor', [join(FLOOR, 'tidyFloor.mjs'), tidy, env.GOMODCACHE], dir, {}, root));
          if (readFileSync(join(dir, 'go.sum'), 'utf8') !== readFileSync(join(tidy, 'go.sum'), 'utf8')) {
            throw new Error(`${tool}: go.sum after download+tidy differs from real go's tidy (size ${n})`);
          }
          rmSync(env.GOMODCACHE, { recursive: true, force: true });
        }
      }
      const t = times as Record<'dgo' | 'dms' | 'tgo' | 'tms' | 'dfl' | 'tfl' | 'tgo2' | 'tms2', Took[]>;
      const tidyCols = DOWNLOAD_ONLY
        ? ''
        : `${cell(t.tgo, 26)} | ${cell(t.tms, 23)} | ${rat(t.tms, t.tgo, 'wall')} / ${rat(t.tms, t.tgo, 'cpu')}`;
      console.log(
        String(n).padEnd(5) +
          ' | ' +
          (TIDY_ONLY
            ? tidyCols
            : `${cell(t.dgo, 25)} | ${cell(t.dms, 23)} | ${rat(t.dms, t.dgo, 'wall')} / ${rat(t.dms, t.dgo, 'cpu')}` + (DOWNLOAD_ONLY ? '' : ` | ${tidyCols}`)),
      );
      if (!DOWNLOAD_ONLY) {
        console.log(`      tidy again (indexes built): go ${cell(t.tgo2, 0)} | modscope ${cell(t.tms2, 0)} | ${rat(t.tms2, t.tgo2, 'wall')} / ${rat(t.tms2, t.tgo2, 'cpu')}`);
      }
      const floors = [t.dfl.length ? `download ${cell(t.dfl, 0)}` : '', t.tfl.length ? `tidy ${cell(t.tfl, 0)}` : ''].filter(Boolean);
      console.log(`      floor (bare node script doing only the file work, bench/floor): ${floors.join(', ')}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  console.log('(ratio = modscope / go; lower is better; whole processes incl. start-up; cpu = user+sys)');
}
