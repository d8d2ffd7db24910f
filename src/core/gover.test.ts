// Differential tests of gover.ts against std internal/gover and cmd/go/internal/gover
// (the oracle restates cmd/go's thin wrappers), plus the constants read from Go's source.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC, goEnv } from '../../scripts/gotool.mjs';
import * as gover from './gover';
import { canonical as semverCanonical } from './semver';
import {
  cmpInt, compareGo, decInt, fromToolchain, goModLookup, isToolchainPath, isLang, isPrerelease, isValidGo, lang, maxGo, modCompare,
  modIsPrefix, modIsPrerelease, modIsValid, modMajorMinor, modSort, parseGoVersion, prevGo, toolchainMax, TooNewError,
} from './gover';
import { distinctPathLists } from './versionTestkit';
import { mulberry32 as rng } from './rng';

const SEED = 0x60e7;

const HAND = [
  '', '1', '2', '0', '01', '1.0', '1.1', '1.2', '1.9', '1.10', '1.16', '1.17', '1.20', '1.20.0', '1.20.1', '1.21', '1.21.0',
  '1.21.1', '1.21rc1', '1.21rc2', '1.21beta1', '1.21alpha1', '1.21rc', '1.21rc01', '1.21.0rc1', '1.21.0-rc1', '1.22', '1.22.0',
  '1.23', '1.23.5', '1.23.05', '1.100', '1.99999999999999999999', '2.0', '2.0.0', '1.', '1..1', '.1', '1.a', '1.21x', '1.21X',
  '1.21rc1x', '1.21 ', ' 1.21', 'go1.21', 'go1.21.3', 'go1.21rc1', 'go1.21-bigcorp', 'go1.21.3-bigcorp', 'go1.21 abc',
  'go1.21\tabc', 'go1.21/x', 'go1.21\\x', 'go', 'go1', 'go1.21.', 'gox', 'Go1.21', 'v1.21', 'v1.2.3', 'v1.2', 'v0.0.0',
  '1.21.3.4', '1.0.0', '1.0.1', '10.0', '1.2.3-pre', 'default', 'local', 'path', 'go1.21+auto', '1.21+auto', '1.21-auto',
];

const PIECES = ['1', '2', '0', '9', '10', '20', '21', '22', '01', '.', '.', '.', 'rc', 'beta', 'alpha', 'x', 'go', 'go', '-',
  ' ', '\t', '/', '\\', '+', 'v', 'bigcorp', 'é', 'A', '00', '99999999999999999999'];

function goish(r: () => number): string {
  const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
  const mode = r();
  let s: string;
  if (mode < 0.45) {
    s = (r() < 0.3 ? 'go' : '') + pick(['1', '2', '0', '01', '']);
    if (r() < 0.85) s += '.' + pick(['0', '1', '9', '16', '20', '21', '22', '100', '01', '']);
    const t = r();
    if (t < 0.4) s += '.' + pick(['0', '1', '5', '10', '01', '']);
    else if (t < 0.6) s += pick(['rc', 'beta', 'alpha', 'x', 'RC', '']) + pick(['1', '2', '10', '01', '0', '']);
    if (r() < 0.15) s += pick(['-bigcorp', ' x', '\tx', '/x', '-', '+x']);
  } else if (mode < 0.75) {
    s = '';
    const n = 1 + Math.floor(r() * 6);
    for (let i = 0; i < n; i++) s += pick(PIECES);
  } else {
    s = pick(HAND);
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.33) s = s.slice(0, at) + pick(PIECES) + s.slice(at);
    else if (op < 0.66) s = s.slice(0, at) + s.slice(at + 1);
    else s = s.slice(0, at) + pick(PIECES) + s.slice(at + 1);
  }
  return s;
}

function corpus(n: number, seed: number): string[] {
  const r = rng(seed);
  const out = new Set(HAND);
  while (out.size < HAND.length + n) out.add(goish(r));
  return [...out];
}

describe('gover vs internal/gover and cmd/go/internal/gover', () => {
  const o = new GoOracle();
  afterAll(() => o.close());
  const all = corpus(2500, SEED);

  it(`agrees on Parse/IsValid/IsLang/Lang/IsPrerelease/Prev/FromToolchain for ${all.length} strings (seed ${SEED})`, async () => {
    const want = await Promise.all(all.map((v) => o.value<unknown[]>('ver.gover.all', v)));
    const diffs = all.flatMap((x, i) => {
      const p = parseGoVersion(x);
      const got = [[p.major, p.minor, p.patch, p.kind, p.pre], isValidGo(x), isLang(x), lang(x), isPrerelease(x), prevGo(x), fromToolchain(x)];
      return JSON.stringify(got) === JSON.stringify(want[i]) ? [] : [{ x, got, want: want[i] }];
    });
    expect(diffs).toEqual([]);
    expect(want.filter((w) => w[1] === true).length).toBeGreaterThan(300);
    expect(want.filter((w) => w[6] !== '').length).toBeGreaterThan(100);
  });

  it('agrees on Compare, Max, ToolchainMax, ModCompare for all hand pairs and random pairs', async () => {
    const pairs: [string, string][] = [];
    for (const a of HAND) for (const b of HAND) pairs.push([a, b]);
    const r = rng(SEED + 1);
    for (let i = 0; i < 3000; i++) pairs.push([all[Math.floor(r() * all.length)], all[Math.floor(r() * all.length)]]);
    const paths = ['go', 'toolchain', 'example.com/m'];
    const [wc, wm, wt, wmc] = await Promise.all([
      Promise.all(pairs.map(([a, b]) => o.value<number>('ver.gover.compare', a, b))),
      Promise.all(pairs.map(([a, b]) => o.value<string>('ver.gover.max', a, b))),
      Promise.all(pairs.map(([a, b]) => o.value<string>('ver.gover.toolchainMax', a, b))),
      Promise.all(pairs.map(([a, b], i) => o.value<number>('ver.gover.modCompare', paths[i % 3], a, b))),
    ]);
    const diffs = pairs.flatMap(([a, b], i) => {
      const got = [compareGo(a, b), maxGo(a, b), toolchainMax(a, b), modCompare(paths[i % 3], a, b)];
      const want = [wc[i], wm[i], wt[i], wmc[i]];
      return JSON.stringify(got) === JSON.stringify(want) ? [] : [{ a, b, path: paths[i % 3], got, want }];
    });
    expect(diffs).toEqual([]);
    expect(pairs.length).toBeGreaterThan(8000);
  });

  it('agrees on ModIsValid/ModIsPrefix/ModIsPrerelease/ModMajorMinor', async () => {
    const semverish = ['v1', 'v1.2', 'v1.2.3', 'v1.2.3-pre', 'v1.2.3+meta', 'v1.2-pre', 'latest', 'upgrade', 'v1.2.3.4', 'v2.0.0+incompatible'];
    const cases: [string, string][] = [];
    for (const p of ['go', 'toolchain', 'example.com/m', 'golang.org/toolchain', '']) {
      for (const v of [...all, ...semverish]) cases.push([p, v]);
    }
    const want = await Promise.all(cases.map(([p, v]) => o.value<unknown[]>('ver.gover.modAll', p, v)));
    const diffs = cases.flatMap(([p, v], i) => {
      const got = [modIsValid(p, v), modIsPrefix(p, v), modIsPrerelease(p, v), modMajorMinor(p, v)];
      return JSON.stringify(got) === JSON.stringify(want[i]) ? [] : [{ p, v, got, want: want[i] }];
    });
    expect(diffs).toEqual([]);
    expect(cases.length).toBeGreaterThan(12000);
  });

  it('agrees on ModSort for 400 random lists, with and without ties', async () => {
    const r = rng(SEED + 2);
    const paths = ['go', 'toolchain', 'example.com/a', 'example.com/b'];
    const lists = Array.from({ length: 300 }, () => {
      const n = Math.floor(r() * 30);
      const classes = new Map<string, string>(); // class -> bare version that owns it
      const seen = new Set<string>();
      const l: { path: string; version: string }[] = [];
      for (let i = 0; i < n; i++) {
        const path = paths[Math.floor(r() * paths.length)];
        const pool = path.startsWith('example') ? ['v1.0.0', 'v1.2.3', 'v1.2.3-pre', 'v2.0.0+incompatible', 'v0.1.0', 'v1.10.0', 'v1.2', 'bad'] : all;
        let version = pool[Math.floor(r() * pool.length)];
        if (r() < 0.2) version += '/go.mod';
        // Two elements tie when their bare versions differ but compare equal, or when they are identical;
        // a tie would expose sort.Slice's instability, so keep one bare version per equivalence class.
        const bare = version.split('/')[0];
        const cls = `${path}\0${modClass(path, bare)}`;
        if (seen.has(`${path}\0${version}`) || (classes.has(cls) && classes.get(cls) !== bare)) continue;
        classes.set(cls, bare);
        seen.add(`${path}\0${version}`);
        l.push({ path, version });
      }
      return l;
    });
    // Ties too: Go's sort.Slice is ported, so equal-comparing elements land where Go puts them.
    for (let i = 0; i < 100; i++) {
      lists.push(Array.from({ length: Math.floor(r() * 150) }, () => {
        const path = paths[Math.floor(r() * paths.length)];
        return { path, version: all[Math.floor(r() * all.length)] + (r() < 0.2 ? '/go.mod' : '') };
      }));
    }
    // Long lists with one version per path, sorted natively (no two elements tie).
    lists.push(...distinctPathLists(r, all, 0.2, 60));
    const want = await Promise.all(lists.map((l) => o.value<{ path: string; version: string }[] | null>('ver.gover.modSort', l)));
    lists.forEach((l, i) => expect(modSort([...l])).toEqual(want[i] ?? []));

    function modClass(path: string, v: string): string {
      if (!isToolchainPath(path)) return semverCanonical(v);
      const norm = path === 'toolchain' && !isValidGo(v) ? fromToolchain(v) : v;
      return JSON.stringify(parseGoVersion(norm));
    }
  });

  it('agrees on DecInt and CmpInt', async () => {
    const nums = ['0', '1', '2', '9', '10', '11', '19', '20', '99', '100', '101', '1000', '1009', '99999999999999999999', '100000000000000000000'];
    const pairs = nums.flatMap((a) => nums.map((b) => [a, b] as const));
    const [wd, wc] = await Promise.all([
      Promise.all(nums.map((n) => o.value<string>('ver.gover.decInt', n))),
      Promise.all(pairs.map(([a, b]) => o.value<number>('ver.gover.cmpInt', a, b))),
    ]);
    expect(nums.map(decInt)).toEqual(wd);
    expect(pairs.map(([a, b]) => cmpInt(a, b))).toEqual(wc);
  });

  it('agrees on GoModLookup for random go.mod texts', async () => {
    const r = rng(SEED + 3);
    const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
    const lines = ['module example.com/m', 'go 1.21', 'go\t1.22.0', 'go  1.20 // comment', 'toolchain go1.22.1', 'toolchain\tgo1.21rc1//x',
      '  go 1.19  ', 'gopher 1.2', 'go', 'go ', 'go1.21', '\u00a0go 1.18\u00a0', 'go 1.21\r', 'require x v1.0.0', '// go 1.5', ''];
    const texts = Array.from({ length: 400 }, () => Array.from({ length: Math.floor(r() * 6) }, () => pick(lines)).join(pick(['\n', '\r\n'])));
    const cases = texts.flatMap((t) => ['go', 'toolchain', 'module'].map((k) => [t, k] as const));
    const want = await Promise.all(cases.map(([t, k]) => o.value<string>('ver.gover.goModLookup', t, k)));
    expect(cases.map(([t, k]) => goModLookup(t, k))).toEqual(want);
  });

  it('has the constants of cmd/go/internal/gover/version.go', () => {
    const src = readFileSync(join(GOROOT_SRC, 'cmd/go/internal/gover/version.go'), 'utf8');
    const consts = [...src.matchAll(/^\s*(\w+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1], m[2]]);
    expect(consts.length).toBeGreaterThanOrEqual(8);
    for (const [name, value] of consts) expect([name, (gover as Record<string, unknown>)[name]]).toEqual([name, value]);
  });

  it('has the reference go version as Local and in TooNewError', () => {
    const out = execFileSync(GO, ['env', 'GOVERSION'], { env: goEnv({}) }).toString().trim();
    expect(gover.LocalToolchain).toBe(out);
    expect(gover.Local).toBe(fromToolchain(out));
    expect(new TooNewError('go.mod', '1.99').message).toBe(`go.mod requires go >= 1.99 (running go ${fromToolchain(out)})`);
  });

  it('follows the TESTGO_VERSION test hook (cmd/go/internal/gover TestVersion) as Local/LocalToolchain do', async () => {
    const cases = ['', ...HAND, ...all.slice(HAND.length, HAND.length + 300).map((v) => 'go' + v)];
    const want = await Promise.all(cases.map((v) => o.value<string[]>('gover.local', v)));
    try {
      const got = cases.map((v) => {
        gover.setTestVersion(v);
        return [gover.Local, gover.LocalToolchain, new TooNewError('m', '1.999').message];
      });
      expect(got).toEqual(want.map(([l, t]) => [l, t, `m requires go >= 1.999 (running go ${l})`]));
    } finally {
      gover.setTestVersion('');
    }
    expect(gover.LocalToolchain).toBe(want[0]![1]);
  });
});
