// Differential tests of semver.ts against golang.org/x/mod/semver (via the Go oracle).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { build, canonical, compare, compareStrings, goSortSlice, isValid, lessVersion, major, majorMinor, max, prerelease, sortVersions } from './semver';
import { mulberry32 as rng } from './rng';

const SEED = 0x5e3e5;

const HAND = [
  '', 'v', 'V1', '1.2.3', 'v0', 'v1', 'v01', 'v1.', 'v1.0', 'v1.00', 'v1.0.0', 'v1.0.00', 'v1.2', 'v1.2.3',
  'v1.2.3.4', 'v1.2.3-', 'v1.2.3-0', 'v1.2.3-00', 'v1.2.3-01', 'v1.2.3-0a', 'v1.2.3-a.', 'v1.2.3-.a', 'v1.2.3-a..b',
  'v1.2.3-alpha', 'v1.2.3-alpha.1', 'v1.2.3-alpha.beta', 'v1.2.3-beta', 'v1.2.3-beta.2', 'v1.2.3-beta.11',
  'v1.2.3-rc.1', 'v1.2.3-x.7.z.92', 'v1.2.3-A', 'v1.2.3-Z', 'v1.2.3-a', 'v1.2.3+', 'v1.2.3+meta', 'v1.2.3+meta.',
  'v1.2.3+0', 'v1.2.3+00', 'v1.2.3+a..b', 'v1.2.3-pre+meta', 'v1.2.3-pre+meta+meta', 'v1.2+meta', 'v1+meta',
  'v1-pre', 'v1.2-pre', 'v2.0.0+incompatible', 'v2.0+incompatible', 'v0.0.0-20191109021931-daa7c04131f5',
  'v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible',
  'v99999999999999999999.0.0', 'v99999999999999999998.0.0', 'v1.99999999999999999999.1', 'v1.2.3-99999999999999999999',
  'v1.2.3-99999999999999999998', 'v1.2.3-1.2', 'v1.2.3-1.10', 'v1.2.3-1.a', 'v1.2.3--', 'v1.2.3---', 'v1.2.3-é',
  'v1.2.3 ', ' v1.2.3', 'v1.2.3\n', 'v1.2.3-a_b', 'v1.2.3-😀', 'v１.2.3', 'v0.0.0', 'v0.0.1', 'v0.1.0', 'v10.0.0', 'v9.0.0',
];

const PIECES = ['v', 'v', 'v', 'V', '0', '1', '2', '9', '10', '01', '00', '123', '99999999999999999999', '.', '.', '.', '-', '-',
  '+', 'alpha', 'beta', 'rc', 'pre', 'A', 'Z', 'x', 'incompatible', '0', '.0', '.1', '-0', '+meta', 'é', '😀', ' ', '_', '\t', '~'];

/** Near-valid version strings: random token soups and mutations of valid versions. */
function versionish(r: () => number): string {
  const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
  const mode = r();
  if (mode < 0.4) {
    // structured: vMAJ[.MIN[.PAT]][-pre][+build]
    let s = 'v' + pick(['0', '1', '2', '10', '01', '00', '99999999999999999999', '']);
    if (r() < 0.8) s += '.' + pick(['0', '1', '2', '10', '01', '']);
    if (r() < 0.7) s += '.' + pick(['0', '1', '3', '10', '01', '']);
    if (r() < 0.5) {
      const ids = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(['0', '1', '2', '11', '01', 'alpha', 'beta', 'rc', 'a', 'A', '-', '', 'x-y', '20191109021931']));
      s += '-' + ids.join('.');
    }
    if (r() < 0.3) s += '+' + Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(['meta', 'incompatible', '0', '01', '', 'a-b'])).join('.');
    return s;
  }
  if (mode < 0.7) {
    let s = '';
    const n = 1 + Math.floor(r() * 8);
    for (let i = 0; i < n; i++) s += pick(PIECES);
    return s;
  }
  // mutate a hand-picked version
  let s = pick(HAND);
  const k = 1 + Math.floor(r() * 2);
  for (let i = 0; i < k; i++) {
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
  // no lone surrogates: JSON carries them to Go as U+FFFD
  while (out.size < HAND.length + n) out.add(versionish(r).replace(/\p{Surrogate}/gu, ''));
  return [...out];
}

describe('semver vs x/mod/semver', () => {
  const o = new GoOracle();
  afterAll(() => o.close());
  const all = corpus(3000, SEED);

  it(`agrees on IsValid/Canonical/Major/MajorMinor/Prerelease/Build for ${all.length} strings (seed ${SEED})`, async () => {
    const want = await Promise.all(all.map((v) => o.value<unknown[]>('ver.semver.all', v)));
    const got = all.map((v) => [isValid(v), canonical(v), major(v), majorMinor(v), prerelease(v), build(v)]);
    const diffs = all.flatMap((v, i) => (JSON.stringify(got[i]) === JSON.stringify(want[i]) ? [] : [{ v, got: got[i], want: want[i] }]));
    expect(diffs).toEqual([]);
    // the corpus must exercise both sides
    const valid = want.filter((w) => w[0] === true).length;
    expect(valid).toBeGreaterThan(300);
    expect(all.length - valid).toBeGreaterThan(300);
  });

  it('agrees on Compare and Max for all pairs of hand-picked versions and random pairs', async () => {
    const pairs: [string, string][] = [];
    for (const a of HAND) for (const b of HAND) pairs.push([a, b]);
    const r = rng(SEED + 1);
    for (let i = 0; i < 4000; i++) pairs.push([all[Math.floor(r() * all.length)], all[Math.floor(r() * all.length)]]);
    const wantC = await Promise.all(pairs.map(([a, b]) => o.value<number>('ver.semver.compare', a, b)));
    const wantM = await Promise.all(pairs.map(([a, b]) => o.value<string>('ver.semver.max', a, b)));
    const diffs = pairs.flatMap(([a, b], i) => {
      const c = compare(a, b);
      const m = max(a, b);
      return c === wantC[i] && m === wantM[i] ? [] : [{ a, b, c, wantC: wantC[i], m, wantM: wantM[i] }];
    });
    expect(diffs).toEqual([]);
    expect(pairs.length).toBeGreaterThan(9000);
  });

  it('agrees on Sort for 300 random lists', async () => {
    const r = rng(SEED + 2);
    const lists = Array.from({ length: 300 }, () => Array.from({ length: Math.floor(r() * 40) }, () => all[Math.floor(r() * all.length)]));
    const want = await Promise.all(lists.map((l) => o.value<string[] | null>('ver.semver.sort', l)));
    lists.forEach((l, i) => {
      const got = sortVersions([...l]);
      expect(got).toEqual(want[i] ?? []);
      for (let j = 1; j < got.length; j++) expect(lessVersion(got[j], got[j - 1])).toBe(false);
    });
  });

  it('compareStrings orders like Go (UTF-8 bytes), also past the BMP', async () => {
    const cps = [0x41, 0x7a, 0xe9, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfb01, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff];
    const strs = cps.flatMap((a) => [String.fromCodePoint(a), 'v' + String.fromCodePoint(a) + 'x']);
    // Go sorts invalid versions by string: use that to get Go's string order.
    const want = await o.value<string[]>('ver.semver.sort', strs);
    expect([...strs].sort(compareStrings)).toEqual(want);
    expect(sortVersions([...strs])).toEqual(want);
    // seeded random strings of those code points, sharing prefixes (the first difference decides)
    const r = rng(SEED + 7);
    const pick = () => String.fromCodePoint(cps[Math.floor(r() * cps.length)]!);
    const rand = Array.from({ length: 300 }, () => 'p' + Array.from({ length: 1 + Math.floor(r() * 3) }, pick).join(''));
    const wantRand = await o.value<string[]>('ver.semver.sort', rand);
    expect([...rand].sort(compareStrings)).toEqual(wantRand);
  });

  it('goSortSlice leaves ties exactly where Go sort.Slice does (pdqsort paths: insertion, partial, heap, patterns)', async () => {
    const r = rng(SEED + 3);
    const shapes: ((n: number) => number[])[] = [
      (n) => Array.from({ length: n }, () => Math.floor(r() * 4)), // few distinct keys: many ties
      (n) => Array.from({ length: n }, () => Math.floor(r() * n)),
      (n) => Array.from({ length: n }, (_, i) => i), // sorted
      (n) => Array.from({ length: n }, (_, i) => n - i), // reversed
      (n) => Array.from({ length: n }, (_, i) => Math.floor((n - i) / 3)), // reversed with ties
      (n) => Array.from({ length: n }, (_, i) => i % 7), // sawtooth
      (n) => Array.from({ length: n }, () => 1), // all equal
      (n) => Array.from({ length: n }, (_, i) => (i < n - 3 ? i : Math.floor(r() * n))), // nearly sorted
      (n) => Array.from({ length: n }, (_, i) => (i % 2 ? i : n - i)), // organ pipe-ish
    ];
    const cases: number[][] = [];
    for (const shape of shapes) for (const n of [0, 1, 5, 12, 13, 20, 49, 50, 51, 64, 100, 257, 1000, 3000]) cases.push(shape(n));
    for (let i = 0; i < 60; i++) cases.push(shapes[i % shapes.length](Math.floor(r() * 600)));
    const want = await Promise.all(cases.map((keys) => o.value<number[] | null>('ver.sort.slice', keys)));
    cases.forEach((keys, i) => {
      const idx = goSortSlice(keys.map((_, j) => j), (a, b) => keys[a] < keys[b]);
      expect(idx).toEqual(want[i] ?? []);
    });
  });
});
