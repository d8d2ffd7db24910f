// The shortcut cache.ts takes for ordinary module paths and versions (no CheckPath, no escape):
// every path and version its patterns accept must be one x/mod accepts and escapes to itself
// (oracle fuzz.module: CheckPath, EscapePath, EscapeVersion, CanonicalVersion).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { isPlainModulePath, plainVersion } from './cache';
import { Rng } from './fuzz/rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

interface FuzzModule {
  checkPath: string | null;
  escapePath?: string;
  escapePathErr?: string;
  escapeVersion?: string;
  escapeVersionErr?: string;
  canonicalVersion: string;
}

describe('plain module paths and versions', () => {
  it('are exactly what x/mod accepts unchanged, among those the patterns take', async () => {
    const seed = 3003;
    const r = new Rng(seed);
    const rand = () => r.next();
    const pick = <T>(xs: readonly T[]) => r.pick(xs);
    const common = ['example', 'com', 'm0001', 'a', 'x-y', 'a_b', 'org', 'io', 'lib9', 'z0'];
    const odd = ['con', 'aux', 'nul1', 'com1', 'lpt9', 'conx', 'v1', 'v2', 'v0', 'v02', 'vx', 'gopkg', 'in', 'yaml', 'A', 'b~1', '.x', 'x.', '-a', 'a-', '', 'é', 'prn', 'go', 'toolchain', '_a', 'a_'];
    const elem = () => (rand() < 0.8 ? pick(common) : pick(odd));
    const paths = ['example.com/m0001', 'golang.org/x/mod', 'gopkg.in/yaml.v2', 'example.com/a/v2', 'con.example.com', 'example.com/con', 'example.com/aux.go', 'github.com/Foo/bar', 'example.com//a', 'example.com/', 'go', 'toolchain', 'example', 'ex_ample.com', '-example.com', 'example.com/a~1'];
    for (let i = 0; i < 400; i++) {
      const n = 1 + Math.floor(rand() * 4);
      const parts = [elem() + (rand() < 0.8 ? '.' + elem() : '')];
      for (let k = 1; k < n; k++) parts.push(elem() + (rand() < 0.2 ? '.' + elem() : ''));
      paths.push(parts.join('/'));
    }
    const versions = ['v1.0.0', 'v0.0.0', 'v10.20.30', 'v1.0', 'v1', 'v01.0.0', 'v1.00.0', 'v1.0.0-pre', 'v1.0.0+meta', 'v1.0.0-Pre', '1.0.0', 'v2.0.0+incompatible', 'v123456789.0.0', 'v1234567890.0.0'];
    for (let i = 0; i < 100; i++) versions.push(`v${Math.floor(rand() * 20)}.${pick(['0', '1', '01', '10'])}.${pick(['0', '7', '00', '99'])}${pick(['', '', '-rc.1', '+x'])}`);
    const pairs = paths.map((p, i) => [p, versions[i % versions.length]!] as const);
    const got = await Promise.all(pairs.map(([p, v]) => oracle.value<FuzzModule>('fuzz.module', p, v)));
    let plainPaths = 0;
    let plainVersions = 0;
    pairs.forEach(([p, v], i) => {
      const g = got[i]!;
      if (isPlainModulePath(p)) {
        plainPaths++;
        expect({ p, check: g.checkPath, esc: g.escapePath }).toEqual({ p, check: null, esc: p });
      }
      if (plainVersion.test(v)) {
        plainVersions++;
        expect({ v, esc: g.escapeVersion, canon: g.canonicalVersion }).toEqual({ v, esc: v, canon: v });
      }
    });
    console.log(`plain paths (seed ${seed}): ${paths.length} cases, ${plainPaths} taken by the pattern, all accepted unchanged by x/mod; versions: ${pairs.length} cases, ${plainVersions} taken, all canonical and unescaped`);
    expect(plainPaths).toBeGreaterThan(50);
    expect(plainVersions).toBeGreaterThan(20);
  });
});
