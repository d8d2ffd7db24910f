// laxSummary against x/mod/modfile.ParseLax itself (the Go oracle): wherever laxSummary reads
// a file (returns non-null), go's ParseLax must accept it with the same module path, go version
// and requirements, no retractions and no deprecation. Inputs: Go's testdata go.mod files,
// seeded random plain files (so the direct path is exercised in many shapes) and seeded
// mutations of both (so it meets near-misses of every kind).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import { goTestdataTxtars } from '../../../scripts/gotestdata';
import { laxSummary } from './laxSummary';
import { corpus, mutate, rng, TESTDATA_DIRS, VERSIONS, type Dump, type Rng } from './modfileTestkit';

const SEED = Number(process.env.MODFILE_SEED ?? 20240917);
const oracle = new GoOracle();
afterAll(() => oracle.close());

const PLAIN_PATHS = ['example.com/m', 'example.com/m/v2', 'gopkg.in/yaml.v2', 'golang.org/x/text', 'a/b/v3', 'x', 'rsc.io/q~1', 'a.b/c+d'];
const PLAIN_VERSIONS = ['v1.0.0', 'v1.2', 'v2.0.0+incompatible', 'v0.0.0-20200101000000-abcdefabcdef', 'v3.1.0', 'v1.0.0-pre.1'];
const SP = ['', ' ', '\t', '  \t'];

/** A random go.mod in the plain form (and a few near it). */
function plainFile(r: Rng): string {
  const lines: string[] = [];
  const near = r.int(3) === 0; // a file that may hold lines just outside the plain form
  const sp = () => r.pick(SP);
  const req = () => `${r.pick(PLAIN_PATHS)}${r.pick([' ', '\t', '  '])}${near && r.int(6) === 0 ? r.pick(VERSIONS) : r.pick(PLAIN_VERSIONS)}`;
  const n = 1 + r.int(6);
  for (let k = 0; k < n; k++) {
    switch (r.int(9)) {
      case 0:
        lines.push(`${sp()}module ${r.pick(PLAIN_PATHS)}${sp()}`);
        break;
      case 1:
        lines.push(`go ${r.pick(near ? ['1', '1.21.x', 'v1.21', '1.21'] : ['1.21', '1.17', '1.22.3', '1.21rc1'])}`);
        break;
      case 2:
        lines.push(`require ${req()}`);
        break;
      case 3: {
        lines.push(`require${r.pick([' ', '\t'])}(${sp()}`);
        for (let j = r.int(5); j > 0; j--) lines.push(r.int(5) === 0 ? '' : `${sp()}${req()}${sp()}`);
        lines.push(`${sp()})`);
        break;
      }
      case 4:
        lines.push(r.pick(['toolchain go1.22.0', 'exclude x v1.0.0', 'exclude (\n\tx v1.0.0\n)', 'foo bar', 'block (\n\tx\n)', near ? 'retract v1.0.0' : '']));
        break;
      case 5:
        lines.push('');
        break;
      case 6:
        if (near) lines.push(r.pick(['require', 'require x', 'module', 'go', ')', '(', 'require (', 'module (\n\tx\n)', 'require x v1.0.0 extra']));
        break;
      default:
        lines.push(`require ${req()}`);
    }
  }
  return lines.join('\n') + (r.int(4) === 0 ? '' : '\n');
}

describe('laxSummary', () => {
  it('reads only files go parses alike (Go testdata, random plain files, mutations)', async () => {
    const r = rng(SEED);
    const { mods } = corpus(goTestdataTxtars(TESTDATA_DIRS));
    const plain = Array.from({ length: 1500 }, () => plainFile(r));
    const mutated = [...mods, ...plain].flatMap((m) => [mutate(r, m), mutate(r, m)]);
    const cases = [...new Set([...mods, ...plain, ...mutated])];
    const enc = new TextEncoder();
    const got = cases.map((c) => laxSummary(enc.encode(c)));
    const read = cases.filter((_, i) => got[i] !== null);
    const want = await Promise.all(read.map((c) => oracle.call<Dump>('modfile.parse', 'go.mod', c, false)));
    let same = 0;
    const diffs: unknown[] = [];
    read.forEach((data, k) => {
      const s = got[cases.indexOf(data)]!;
      const w = want[k]!;
      const ours = { module: s.module === null ? null : { path: s.module, deprecated: '' }, go: s.go ?? '', require: s.require, retract: [] };
      const theirs = w.ok === undefined ? { err: w.err } : {
        module: w.ok.module,
        go: w.ok.go,
        require: w.ok.require.map((q) => ({ path: q.path, version: q.version })),
        retract: w.ok.retract,
      };
      if (JSON.stringify(ours) === JSON.stringify(theirs)) same++;
      else if (diffs.length < 5) diffs.push({ data, ours, theirs });
    });
    const plainRead = plain.filter((m) => laxSummary(enc.encode(m)) !== null).length;
    const modsRead = mods.filter((m) => laxSummary(enc.encode(m)) !== null).length;
    console.log(
      `laxSummary: ${cases.length} files (seed ${SEED}), ${read.length} read directly (random plain ${plainRead}/${plain.length}, ` +
        `Go testdata ${modsRead}/${mods.length}), ${same} as go's ParseLax, ${read.length - same} differing`,
    );
    expect(diffs).toEqual([]);
    // the direct path is exercised: on most random plain files and on some of Go's own
    expect(plainRead).toBeGreaterThan(plain.length / 3);
    expect(modsRead).toBeGreaterThan(mods.length / 10);
  }, 60_000);
});
