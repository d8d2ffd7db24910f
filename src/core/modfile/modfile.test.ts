// Differential tests of the go.mod/go.work parser and printer against x/mod/modfile itself
// (the Go oracle): hand-picked corner cases plus seeded random mutations of the go.mod and
// go.work files in Go 1.23's cmd/go testdata. Edit operations: edit.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import { goTestdataTxtars } from '../../../scripts/gotestdata';
import { modulePath } from './read';
import { autoQuote, mustQuote, parse, parseLax } from './rule';
import { unquote } from './gostr';
import { canonicalVersion, ModuleError } from '../module';
import { parseWork } from './work';
import { rng, type Dump, dumpFile, dumpWork, ours, TESTDATA_DIRS, corpus, VERSIONS, PATHS, NOISE, mutate } from './modfileTestkit';

const SEED = Number(process.env.MODFILE_SEED ?? 20230801);

const { mods, works } = corpus(goTestdataTxtars(TESTDATA_DIRS));

const oracle = new GoOracle();
afterAll(() => oracle.close());

async function compareParse(cases: string[], label: string) {
  const modes: Array<[string, boolean]> = [
    ['strict', true],
    ['lax', false],
  ];
  const replies = await Promise.all(
    cases.flatMap((data) => modes.map(([, strict]) => oracle.call<Dump>('modfile.parse', 'go.mod', data, strict))),
  );
  let i = 0;
  let same = 0;
  let rejected = 0;
  const diffs: unknown[] = [];
  for (const data of cases) {
    for (const [mode, strict] of modes) {
      const want = replies[i++];
      const got = ours(() => dumpFile(strict ? parse('go.mod', data) : parseLax('go.mod', data)));
      if (want.err !== undefined) rejected++;
      if (JSON.stringify(got) === JSON.stringify(want)) same++;
      else if (diffs.length < 5) diffs.push({ mode, data, want, got });
    }
  }
  console.log(`${label}: ${i} parses (${rejected} errors), ${same} identical, ${i - same} differing`);
  expect(diffs).toEqual([]);
}

describe('modfile vs x/mod/modfile', () => {

  it('corner cases', async () => {
    await compareParse(
      [
        '',
        '\n',
        'module x',
        'module x\n\n\n\ngo 1.21\n\n\n',
        '// c\nmodule x // s\n// after\n',
        'require (\n\tx v1.0.0 // indirect\n\n\n\t// c\n\ty v1.0.0\n\t// end\n)\n',
        'require x v1.0.0 // indirect; c\nrequire y v1.0.0 //indirect\n',
        'module x\nrequire ()\nrequire ( ) // c\n',
        'module x\nrequire (\n',
        'module x\nrequire (\n) x\n',
        'module x\nrequire "x\n',
        'module x\nrequire "x\\',
        'module x\n/* c */\n',
        'module x\x01\n',
        'module "x y"\nrequire "a b" v1.0.0\n',
        '// Deprecated: old\nmodule x\n',
        'module x // Deprecated: inline\n',
        'module (\n\t// Deprecated: in block\n\tx\n)\n',
        'retract (\n\t// r1\n\tv1.0.0\n\t[v1.1.0, v1.2.0] // r2\n)\n',
        'module x\ngo 1.21\nexclude (\n\tx v1.10.0\n\tx v1.9.0\n\tx v1.9.0\n)\nreplace a => ./a\nreplace a => ./b\n',
        'go 1.21rc1\ntoolchain go1.21rc1\ngodebug (\n\tpanicnil=1\n)\n',
        'module x\r\ngo 1.21\r\n// c\r\nrequire y v1.0.0 // c\r\n',
        'module x\nrequire a v1 // indirect\nrequire b v1.2 // indirect\n',
        'module é\nrequire 𝔘 v1.0.0\n',
      ],
      'corner cases',
    );
  });

  it(`random mutations of testdata go.mod files (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const cases: string[] = [];
    for (let i = 0; i < 3000; i++) cases.push(mutate(r, r.pick(mods)));
    await compareParse(cases, `mutated go.mod (seed ${SEED})`);
  });

  it('go.work files (testdata and mutated)', async () => {
    const r = rng(SEED + 1);
    const cases = [...works];
    for (let i = 0; i < 500; i++) cases.push(mutate(r, r.pick(works)));
    const replies = await Promise.all(cases.map((d) => oracle.call<Dump>('modfile.parseWork', 'go.work', d)));
    let same = 0;
    const diffs: unknown[] = [];
    cases.forEach((data, i) => {
      const got = ours(() => dumpWork(parseWork('go.work', data)));
      if (JSON.stringify(got) === JSON.stringify(replies[i])) same++;
      else if (diffs.length < 5) diffs.push({ data, want: replies[i], got });
    });
    console.log(`go.work: ${cases.length} parses, ${same} identical, ${cases.length - same} differing`);
    expect(diffs).toEqual([]);
  });

  it(`version fixer and retract fixing (seed ${SEED})`, async () => {
    const r = rng(SEED + 5);
    const fixVers = ['latest', 'bad1', 'errx', 'v1.2', 'master', 'v2.0.0', 'v1.0.0'];
    const fix = (path: string, vers: string): string => {
      if (vers === 'latest') return 'v1.9.9';
      if (vers.startsWith('bad')) throw new ModuleError(path, vers, new Error(`unknown revision ${vers}`));
      if (vers.startsWith('err')) throw new Error(`fixer failed for ${path}@${vers}`);
      return canonicalVersion(vers) || vers;
    };
    const cases: string[] = [
      'retract v1.0.0\nmodule m\n',
      'retract v1.0.0\nretract latest\n',
      'module m/v2\nretract [v2.0.0, latest]\nretract bad1\nretract errx\n',
      'module m\nrequire a.org/a latest\nrequire b.org/b bad1\nrequire c.org/c errx\n',
    ];
    for (let i = 0; i < 1000; i++) {
      let t = mutate(r, r.pick(mods));
      t = t.replace(/v\d+\.\d+\.\d+[^\s]*/, () => r.pick(fixVers));
      cases.push(t);
    }
    const modes = [true, false];
    const replies = await Promise.all(cases.flatMap((d) => modes.map((m) => oracle.call<Dump>('modfile.parseFix', 'go.mod', d, m))));
    let i = 0;
    let same = 0;
    const diffs: unknown[] = [];
    for (const data of cases) {
      for (const strict of modes) {
        const want = replies[i++];
        const got = ours(() => dumpFile(strict ? parse('go.mod', data, fix) : parseLax('go.mod', data, fix)));
        if (JSON.stringify(got) === JSON.stringify(want)) same++;
        else if (diffs.length < 5) diffs.push({ strict, data, want, got });
      }
    }
    console.log(`fixer parses (seed ${SEED}): ${i} parses, ${same} identical, ${i - same} differing`);
    expect(diffs).toEqual([]);
  });

  it('ModulePath, AutoQuote and Unquote', async () => {
    const r = rng(SEED + 2);
    const texts = [...mods.slice(0, 200), ...Array.from({ length: 300 }, () => mutate(r, r.pick(mods)))];
    const want = await Promise.all(texts.map((t) => oracle.value<string>('modfile.modulePath', t)));
    expect(texts.map(modulePath)).toEqual(want);
    const strs = [...NOISE, ...PATHS, ...VERSIONS, '', 'a b', 'a//b', 'a/*b', '(', '((', 'x,', 'é', '\u0000', '\u00ad', '\u0378', '\ud83d\ude00'];
    // every printable ASCII character alone, inside a token and doubled (mustQuote's plain-token fast path)
    for (let c = 0x20; c < 0x7f; c++) strs.push(String.fromCharCode(c), 'a' + String.fromCharCode(c) + 'b', String.fromCharCode(c, c));
    const q = await Promise.all(strs.map((s) => oracle.value<[boolean, string]>('modfile.autoQuote', s)));
    expect(strs.map((s) => [mustQuote(s), autoQuote(s)])).toEqual(q);
    const lits = ['"a"', '"\\x41\\u00e9\\U0001F600"', '"\\101\\a\\b\\f\\n\\r\\t\\v\\\\\\""', "\"\\'\"", '"\\400"', '"\\ud800"', '"a', '``', '`a`', '"\\z"'];
    const u = await Promise.all(lits.map((s) => oracle.call<string>('strconv.unquote', s)));
    expect(lits.map((s) => ours(() => unquote(s)))).toEqual(u.map((x) => (x.err ? { err: 'invalid syntax' } : x)));
  });
});
