// gosum.ts: formatting order against x/mod module.Sort + sort.Strings (oracle), and the
// read/check/add/trim/write bookkeeping against REAL go writing go.sum (module cache with
// GOPROXY=off; results cached in .test-out/gosum-write keyed by input hash).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { nodeHasher } from '../io/nodeHasher';
import { hashGoMod } from './dirhash';
import {
  ChecksumMismatchError,
  EMPTY_GO_MOD_HASH,
  formatGoSum,
  GoSumMap,
  GoSumState,
  MalformedGoSumError,
  mergeGoSum,
  parseGoSum,
} from './gosum';
import type { ModuleVersion } from './module';
import { mulberry32 as rng } from './rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

describe('formatGoSum order', () => {
  it('sorts keys like module.Sort and hashes like sort.Strings, de-duplicated', async () => {
    const seed = 8080;
    const r = rng(seed);
    const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)]!;
    const paths = ['example.com/a', 'example.com/a/v2', 'example.com/A', 'example.com/a-b', 'golang.org/x/text', 'rsc.io/quote', 'z.org/é'];
    // Distinct semver precedences only: module.Sort is not stable, so versions that compare
    // equal (build metadata) would make Go's own order depend on map iteration.
    const versions = ['v0.0.0-20170915032832-14c0d48ead0c', 'v0.1.0', 'v1.0.0-rc.1', 'v1.0.0-beta', 'v1.0.0', 'v1.2.0', 'v1.10.0', 'v2.0.0+incompatible', 'v1.0.0-0.20200101000000-abcdefabcdef'];
    const hashes = ['h1:AAA=', 'h1:aaa=', 'h1:Zz9=', 'h2:x', 'h1:+/=', 'h1:0='];
    let cases = 0;
    for (let n = 0; n < 60; n++) {
      const m = new GoSumMap();
      const k = Math.floor(r() * 15);
      for (let i = 0; i < k; i++) {
        const mod = { path: pick(paths), version: pick(versions) + (r() < 0.5 ? '/go.mod' : '') };
        m.add(mod, pick(hashes));
        if (r() < 0.3) m.add(mod, pick(hashes));
      }
      const keys = m.keys();
      const sorted = await oracle.value<[string, string][]>('module.sort', keys.map((x) => [x.path, x.version]));
      let want = '';
      for (const [path, version] of sorted) {
        const hs = await oracle.value<string[]>('strings.sort', [...m.get({ path, version })]);
        for (const [i, h] of hs.entries()) if (i === 0 || h !== hs[i - 1]) want += `${path} ${version} ${h}\n`;
      }
      expect(formatGoSum(m)).toBe(want);
      // Re-reading the output gives the same text (format is a fixed point).
      expect(formatGoSum(parseGoSum('go.sum', want))).toBe(want);
      cases++;
    }
    console.log(`formatGoSum order (seed ${seed}): cases=${cases} identical=${cases} differing=0`);
  });

  it('mergeGoSum adds only missing hashes', () => {
    const a = parseGoSum('a', 'x v1.0.0 h1:a\nx v1.0.0 h1:a\n');
    const b = parseGoSum('b', 'x v1.0.0 h1:a\nx v1.0.0 h1:b\ny v1.0.0/go.mod h1:c\n');
    mergeGoSum(a, b);
    expect(a.get({ path: 'x', version: 'v1.0.0' })).toEqual(['h1:a', 'h1:a', 'h1:b']);
    expect(a.get({ path: 'y', version: 'v1.0.0/go.mod' })).toEqual(['h1:c']);
  });
});

// ---------------------------------------------------------------------------------------------
// The write rule against real go. Universe in a module cache: example.com/a v1.0.0 requires
// example.com/b v1.1.0. The main module requires a. `go list -m all` with -mod=mod checks the
// go.mod sums of a then b and writes go.sum; `go mod tidy` (no packages) trims every sum; in
// workspace mode `go list -m all` writes go.work.sum, leaving out sums the module's go.sum has.

const A_MOD = 'module example.com/a\n\ngo 1.20\n\nrequire example.com/b v1.1.0\n';
const B_MOD = 'module example.com/b\n\ngo 1.20\n';
const MAIN_MOD = 'module example.com/m\n\ngo 1.23\n\nrequire example.com/a v1.0.0\n';
const A: ModuleVersion = { path: 'example.com/a', version: 'v1.0.0/go.mod' };
const B: ModuleVersion = { path: 'example.com/b', version: 'v1.1.0/go.mod' };
const CACHE = resolve(__dirname, '../../.test-out/gosum-write');

interface GoRun {
  gosum: string;
  stderr: string;
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) makeWritable(join(dir, e.name));
}

function run(dir: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((res) => {
    execFile(GO as string, args, { cwd: dir, env }, (_err, _stdout, stderr) => res(String(stderr)));
  });
}

type Cmd = 'list' | 'tidy' | 'work';

/**
 * Runs go on a go.sum holding `initial`. For 'work' the main module is used from a go.work
 * (GOWORK set): `initial` is go.work.sum and `modSum` the module's go.sum.
 */
async function realGo(cmd: Cmd, initial: string, modSum = ''): Promise<GoRun> {
  const key = createHash('sha256').update([cmd, A_MOD, B_MOD, MAIN_MOD, initial, modSum].join('\0')).digest('hex');
  const cached = join(CACHE, key + '.json');
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as GoRun;
  const root = mkdtempSync(join(tmpdir(), 'gosum-write-'));
  try {
    const mc = join(root, 'modcache');
    for (const [p, v, text] of [['example.com/a', 'v1.0.0', A_MOD], ['example.com/b', 'v1.1.0', B_MOD]] as const) {
      const f = join(mc, 'cache/download', p, '@v', v + '.mod');
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, text);
    }
    const dir = join(root, 'm');
    mkdirSync(dir);
    writeFileSync(join(dir, 'go.mod'), MAIN_MOD);
    const sumFile = cmd === 'work' ? join(root, 'go.work.sum') : join(dir, 'go.sum');
    writeFileSync(sumFile, initial);
    if (cmd === 'work') {
      writeFileSync(join(dir, 'go.sum'), modSum);
      writeFileSync(join(root, 'go.work'), 'go 1.23\n\nuse ./m\n');
    }
    const env = goEnv({
      GOMODCACHE: mc,
      GOFLAGS: cmd === 'list' ? '-mod=mod' : '',
      GOWORK: cmd === 'work' ? join(root, 'go.work') : 'off',
    });
    const stderr = await run(dir, cmd === 'tidy' ? ['mod', 'tidy'] : ['list', '-m', 'all'], env);
    const out: GoRun = { gosum: readFileSync(sumFile, 'utf8'), stderr: stderr.replaceAll(root, '$ROOT') };
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(cached, JSON.stringify(out));
    return out;
  } finally {
    // The module cache is read-only once go has used it.
    makeWritable(root);
    rmSync(root, { recursive: true, force: true });
  }
}

/** Our replay of the same command: returns the final go.sum and the fatal error text, if any. */
function replay(cmd: Cmd, initial: string, ha: string, hb: string, modSum = ''): { gosum: string; fatal?: string; warnings: string[] } {
  const file = cmd === 'work' ? '$ROOT/go.work.sum' : '$ROOT/m/go.sum';
  let state: GoSumState | undefined;
  try {
    if (cmd === 'list' || cmd === 'work') {
      // Workspace mode: go.work.sum is maintained; the module's go.sum is only read.
      state = cmd === 'work' ? GoSumState.load(file, initial, [{ file: '$ROOT/m/go.sum', data: modSum }]) : GoSumState.load(file, initial);
      state.checkAndAdd(A, ha);
      state.checkAndAdd(B, hb);
      const keep = (m: ModuleVersion) => ['example.com/a', 'example.com/b'].includes(m.path);
      const text = state.write(initial, keep);
      return { gosum: text ?? initial, warnings: state.warnings };
    }
    state = GoSumState.load(file, initial, [], { ignoreMalformed: true });
    state.trim(() => false);
    const text = state.write(initial, () => false);
    return { gosum: text ?? initial, warnings: state.warnings };
  } catch (e) {
    if (e instanceof ChecksumMismatchError || e instanceof MalformedGoSumError) {
      return { gosum: initial, fatal: e.message, warnings: state?.warnings ?? [] };
    }
    throw e;
  }
}

describe('GoSumState vs real go writing go.sum', () => {
  it('reproduces go.sum after `go list -m all -mod=mod` and `go mod tidy` on seeded go.sum files', async () => {
    const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
    const ha = await hashGoMod(enc(A_MOD), nodeHasher);
    const hb = await hashGoMod(enc(B_MOD), nodeHasher);
    const lines = [
      `example.com/a v1.0.0/go.mod ${ha}`,
      `example.com/b v1.1.0/go.mod ${hb}`,
      'example.com/a v1.0.0/go.mod h2:unknownalgo',
      'example.com/b v1.1.0/go.mod h2:other',
      'example.com/b v1.1.0/go.mod h1:wrongwrongwrong=',
      `example.com/a v1.0.0 h1:zipsumnotchecked=`,
      `z.org/x v1.0.0 h1:zzz`,
      `z.org/x v1.0.0 h1:aaa`,
      `z.org/x v0.9.0/go.mod ${EMPTY_GO_MOD_HASH}`,
      `a.org/first v1.0.0-pre/go.mod h1:p`,
      'a.org/first v1.0.0/go.mod h1:q',
      '',
      '   ',
      'example.com/a\tv1.0.0/go.mod\t' + ha + '\r',
    ];
    const seed = 555;
    const r = rng(seed);
    const inputs: { cmd: Cmd; initial: string; modSum?: string }[] = [];
    const randomSum = () => {
      const n = Math.floor(r() * 7);
      const chosen = Array.from({ length: n }, () => lines[Math.floor(r() * lines.length)]!);
      return chosen.join('\n') + (n > 0 && r() < 0.8 ? '\n' : '');
    };
    for (let i = 0; i < 48; i++) {
      let text = randomSum();
      const cmd: Cmd = (['list', 'list', 'tidy', 'work'] as const)[i % 4]!;
      if (cmd === 'tidy' && r() < 0.5) text += 'malformed line\n'; // tidy ignores it
      inputs.push({ cmd, initial: text, modSum: cmd === 'work' ? randomSum() : undefined });
    }
    inputs.push({ cmd: 'list', initial: '' }, { cmd: 'list', initial: '\n\n' }, { cmd: 'tidy', initial: '\n\n' }, { cmd: 'list', initial: 'bad line\n' });

    const results: GoRun[] = [];
    for (let i = 0; i < inputs.length; i += 2) {
      results.push(...(await Promise.all(inputs.slice(i, i + 2).map((x) => realGo(x.cmd, x.initial, x.modSum)))));
    }
    let same = 0;
    const differing: string[] = [];
    inputs.forEach((x, i) => {
      const go = results[i]!;
      const ours = replay(x.cmd, x.initial, ha, hb, x.modSum);
      const okSum = ours.gosum === go.gosum;
      const okFatal = ours.fatal === undefined || go.stderr.includes(ours.fatal);
      const goFatal = /checksum mismatch|malformed go\.sum/.test(go.stderr);
      const okWarn = ours.warnings.every((w) => go.stderr.includes(w)) && (ours.warnings.length > 0) === go.stderr.includes('SECURITY WARNING');
      if (okSum && okFatal && goFatal === (ours.fatal !== undefined) && okWarn) same++;
      else differing.push(`${x.cmd} ${JSON.stringify(x.initial)} ${JSON.stringify(x.modSum)}: go=${JSON.stringify(go)} ours=${JSON.stringify(ours)}`);
    });
    console.log(`go.sum write rule vs real go (seed ${seed}): cases=${inputs.length} identical=${same} differing=${differing.length}`);
    expect(differing).toEqual([]);
  });
});
