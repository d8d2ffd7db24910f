// Differential tests of pseudo.ts against golang.org/x/mod/module's pseudo-version rules.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { InvalidVersionError } from './module';
import { isPseudoVersion, isZeroPseudoVersion, pseudoTimestamp, pseudoVersion, pseudoVersionBase, pseudoVersionRev, pseudoVersionTime, zeroPseudoVersion } from './pseudo';
import { mulberry32 as rng } from './rng';

const SEED = 0xb5e0d0;

const HAND = [
  'v0.0.0-20191109021931-daa7c04131f5', 'v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3-pre.0.20191109021931-daa7c04131f5',
  'v2.0.0-20191109021931-daa7c04131f5+incompatible', 'v1.2.4-0.20191109021931-daa7c04131f5+incompatible',
  'v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible', 'v0.0.0-00010101000000-000000000000', 'v2.0.0-00010101000000-000000000000',
  'v0.0.0-00000000000000-000000000000', 'v0.0.1-0.00010101000000-000000000000', 'v1.0.0-0.20191109021931-daa7c04131f5',
  'v1.0.0-20191109021931-daa7c04131f5', 'v0.0.0-2019110902193-daa7c04131f5', 'v0.0.0-201911090219310-daa7c04131f5',
  'v0.0.0-20191109021931-', 'v0.0.0-20191109021931', 'v0.0.0-20191109021931-daa7c04131f5+', 'v0.0.0-20191109021931-daa7c04131f5+a..b',
  'v0.0.0-20191309021931-abc', 'v0.0.0-20190229021931-abc', 'v0.0.0-20200229021931-abc', 'v0.0.0-19000229000000-abc',
  'v0.0.0-20000229000000-abc', 'v0.0.0-20191131000000-abc', 'v0.0.0-20191130240000-abc', 'v0.0.0-20191130236000-abc',
  'v0.0.0-20191130235960-abc', 'v0.0.0-20191130235959-abc', 'v0.0.0-20190001000000-abc', 'v0.0.0-20190100000000-abc',
  'v0.0.0-00000101000000-abc', 'v1.2.3-0.20191109021931-abc', 'v1.2.0-0.20191109021931-abc', 'v1.0.0-0.20191109021931-abc+meta',
  'v1.2.3-pre.1.0.20191109021931-abc', 'v1.2.3-pre.20191109021931-abc', 'v1.2.3-0.0.20191109021931-abc', 'v1.2.3-0a.0.20191109021931-abc',
  'v0.0.0-20191109021931-daa7c04131f5+build', 'v0.0.0-20191109021931-DAA7C04131F5', 'v0.0.0-20191109021931-daa_7', 'v0.0.0-20191109021931-daa7.c',
  'v1.2.3', 'v1.2.3-pre', '', 'v0.0.0', 'v0.0.0-0.20191109021931-abc', 'v0.1.0-20191109021931-abc', 'v1.0.0-0.20191109021931-abc.x',
  'v1-0.20191109021931-abc', 'v1.2-0.20191109021931-abc', 'v99999999999999999999.0.0-20191109021931-abc', 'v0.0.0-20191109021931-abc-def',
  'v1.2.3-rc.1.0.20191109021931-abc+incompatible', 'v1.2.3-a-b.0.20191109021931-abc', 'v1.2.3-.0.20191109021931-abc',
  'v1.0.1-0.20191109021931-abc', 'v0.0.1-0.20191109021931-abc', 'v10.0.0-0.20191109021931-abc', 'v1.10.0-0.20191109021931-abc',
];

function pseudoish(r: () => number): string {
  const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
  const ts = () => {
    if (r() < 0.3) return pick(['20191109021931', '00010101000000', '20200229235959', '20190229000000', '99991231235959', '00000101000000', '2019110902193', '201911090219311']);
    const d = (lo: number, hi: number, w: number) => String(lo + Math.floor(r() * (hi - lo + 1))).padStart(w, '0');
    return d(0, 9999, 4) + d(0, 13, 2) + d(0, 32, 2) + d(0, 25, 2) + d(0, 61, 2) + d(0, 61, 2);
  };
  const rev = () => pick(['daa7c04131f5', '000000000000', 'abc', 'A', 'x-y', '', 'a_b', 'deadbeef']);
  const form = r();
  let s: string;
  if (form < 0.3) s = `v${pick(['0', '1', '2', '10'])}.0.0-${ts()}-${rev()}`;
  else if (form < 0.6) s = `v${pick(['0', '1', '2'])}.${pick(['0', '1', '2', '10'])}.${pick(['0', '1', '4', '10', '00'])}-0.${ts()}-${rev()}`;
  else if (form < 0.85) s = `v${pick(['0', '1', '2'])}.${pick(['0', '2'])}.${pick(['0', '3'])}-${pick(['pre', 'rc.1', '0', 'a.b', '01', 'x-y', ''])}.0.${ts()}-${rev()}`;
  else s = pick(HAND);
  if (r() < 0.2) s += pick(['+incompatible', '+meta', '+', '+a.b', '+a..b']);
  if (r() < 0.15) {
    const at = Math.floor(r() * (s.length + 1));
    s = s.slice(0, at) + pick(['-', '.', '0', 'x', '+', '']) + s.slice(at + 1);
  }
  return s;
}

type ErrInfo = { msg: string; type: string } | null;

function attempt<T>(f: () => T): { ok: T } | { err: ErrInfo } {
  try {
    return { ok: f() };
  } catch (e) {
    const err = e as Error;
    return { err: { msg: err.message, type: err instanceof InvalidVersionError ? 'module.InvalidVersionError' : 'other' } };
  }
}

// time.Time.Format(time.RFC3339) of a UTC Date.
function rfc3339(d: Date): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const y = d.getUTCFullYear();
  return `${y < 0 ? '-' + p(-y, 4) : p(y, 4)}-${p(d.getUTCMonth() + 1, 2)}-${p(d.getUTCDate(), 2)}T${p(d.getUTCHours(), 2)}:${p(d.getUTCMinutes(), 2)}:${p(d.getUTCSeconds(), 2)}Z`;
}

describe('pseudo-versions vs x/mod/module', () => {
  const o = new GoOracle();
  afterAll(() => o.close());

  it('agrees on IsPseudoVersion, IsZeroPseudoVersion, PseudoVersionTime/Rev/Base and their errors', async () => {
    const r = rng(SEED);
    const set = new Set(HAND);
    while (set.size < HAND.length + 3000) set.add(pseudoish(r));
    const list = [...set];
    const want = await Promise.all(list.map((v) => o.value<Record<string, unknown>>('ver.pseudo.all', v)));
    const diffs = list.flatMap((v, i) => {
      const got: Record<string, unknown> = { is: isPseudoVersion(v), isZero: isZeroPseudoVersion(v) };
      const t = attempt(() => rfc3339(pseudoVersionTime(v)));
      if ('ok' in t) got.time = t.ok;
      else got.timeErr = t.err;
      const rv = attempt(() => pseudoVersionRev(v));
      if ('ok' in rv) got.rev = rv.ok;
      else got.revErr = rv.err;
      const b = attempt(() => pseudoVersionBase(v));
      if ('ok' in b) got.base = b.ok;
      else got.baseErr = b.err;
      return JSON.stringify(got, Object.keys(got).sort()) === JSON.stringify(want[i], Object.keys(want[i]).sort()) ? [] : [{ v, got, want: want[i] }];
    });
    expect(diffs).toEqual([]);
    expect(want.filter((w) => w.is).length).toBeGreaterThan(1000);
    expect(want.filter((w) => w.timeErr && w.is).length).toBeGreaterThan(100);
    expect(want.filter((w) => w.base && w.base !== '').length).toBeGreaterThan(300);
  });

  it('agrees on PseudoVersion and ZeroPseudoVersion', async () => {
    const r = rng(SEED + 1);
    const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
    const majors = ['', 'v0', 'v1', 'v2', 'v10', 'x'];
    const olders = ['', 'v1.2.3', 'v1.2.9', 'v1.2.99', 'v1.2', 'v1', 'v1.2.3-pre', 'v1.2.3-pre+meta', 'v2.0.0+incompatible', 'v1.2.3+meta',
      'bad', 'v0.0.0', 'v1.9.999', 'v1.2.3-0.20191109021931-abc'];
    const secs = [0, 1573265971, -62135596800, -62135596801, 253402300799, 253402300800, -62167219200, -65000000000, 951782400, 4102444800];
    const cases: [string, string, number, string][] = [];
    for (let i = 0; i < 1500; i++) {
      const s = r() < 0.5 ? pick(secs) : Math.floor((r() - 0.3) * 400000000000);
      cases.push([pick(majors), pick(olders), s, pick(['daa7c04131f5', '000000000000', 'abc'])]);
    }
    const want = await Promise.all(cases.map((c) => o.value<string>('ver.pseudo.pseudoVersion', ...c)));
    expect(cases.map(([m, old, s, rev]) => pseudoVersion(m, old, new Date(s * 1000), rev))).toEqual(want);
    // the pre-formatted timestamp form gives the same result
    expect(cases.map(([m, old, s, rev]) => pseudoVersion(m, old, pseudoTimestamp(new Date(s * 1000)), rev))).toEqual(want);
    const wz = await Promise.all(majors.map((m) => o.value<string>('ver.pseudo.zeroPseudoVersion', m)));
    expect(majors.map(zeroPseudoVersion)).toEqual(wz);
  });
});
