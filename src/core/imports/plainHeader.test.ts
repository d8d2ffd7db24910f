import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../../../scripts/gotool.mjs';
import { parseTxtar } from '../txtar';
import { indexGoFile } from './dirs';
import { readImports } from './importreader';
import { plainHeader } from './plainHeader';
import { Gen } from './testgen';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

interface FileInfo {
  readErr?: string;
  parseErr?: string;
  unquoteErr?: string;
  constraintErr?: string;
  imports?: { path: string }[] | null;
  goBuild?: string;
  plusBuild?: string[] | null;
}

/** What go's module index records for a file (modindex/build.go getFileInfo), from the oracle's fileInfo. */
function goRecord(name: string, w: FileInfo) {
  const error = w.readErr !== undefined || w.unquoteErr !== undefined || w.constraintErr !== undefined;
  return {
    name,
    error,
    imports: error || w.parseErr !== undefined ? [] : (w.imports ?? []).map((i) => i.path),
    goBuild: error ? '' : (w.goBuild ?? ''),
    plusBuild: error ? [] : (w.plusBuild ?? []),
  };
}

/**
 * Headers near the plain shape: its pieces with random space, comments, semicolons, names and
 * paths, some of them outside the shape (a second ";", a block comment before a newline, a
 * keyword or a newline before a path, escapes, raw strings, non-ASCII, form feeds).
 */
function nearPlain(g: Gen): string {
  // Each piece: one of the shape's forms (most of the time) or one outside it.
  const one = (ok: string[], bad: string[]) => (g.chance(0.9) ? g.pick(ok) : g.pick(bad));
  const sp = () => one(['', ' ', '\t', '  ', '\r', ' /* c */ ', '/**/', ' /* a\nb */ ', '\n', '// c\n'], ['\f', '\v', ' \u00e9 ', '#']);
  const nl = () => one(['\n', '\n', '\n\n', ';', ';\n', ' // c\n', '\r\n', ' //x', '; /* x */ ', '// a // b /* c\n'], [';;', ' /* x */\n', '/*\n*/', '', '\f\n', ',', ' ; ;']);
  const name = () => one(['', '', '', '_ ', '. ', 'x ', 'fmt ', 'gox ', 'mapx ', '_x9 ', '.', 'x', 'Goto\t'], ['func ', 'import ', 'go ', 'goto ', 'map ', '\u00e9 ', 'a\n', 'a.b ', '1x ']);
  const path = () =>
    one(['"fmt"', '"a/b"', '"example.com/m0001"', '"C"', '"x-y_z~1+2@v"', '"a//b"', '"a/*b"', '"..."'], ['""', '"a b"', '"a\\tb"', '"\\x61"', '`raw`', '"a\'b"', '"\u00e9"', '"a;b"', '"a)"', '"a\\"']);
  const spec = () => name() + path();
  let s = '';
  const lead = g.int(4);
  for (let i = 0; i < lead; i++) s += g.pick(['// c\n', '/* block\n */\n', '//go:build linux\n', '// +build linux\n', '\n', '//go:build a\n//go:build b\n', '/* x */ ', '/* open']);
  s += one(['package'], ['packagex', 'Package', 'package_']) + one([' ', ' ', '\t', '\n', '/**/', '// c\n'], ['', '\f']) + one(['p', 'main', 'm1', '_', 'p2_x', 'packages'], ['func', '\u00e9', 'import', 'ma\u0000in', '1p']) + nl();
  const n = g.int(5);
  for (let i = 0; i < n; i++) {
    s += sp() + one(['import'], ['imports', 'Import', 'import.']) + sp();
    if (g.chance(0.5)) {
      s += '(' + one(['\n', '', ' ', '\n\n', '// c\n'], [';', ';;']);
      const m = g.int(5);
      for (let j = 0; j < m; j++) s += one(['\t', '', ' '], ['\f']) + spec() + (j === m - 1 && g.chance(0.3) ? g.pick(['', ' ', ' /* c */ ']) : nl());
      s += one([')'], ['', '))', ',)']);
    } else s += spec();
    s += nl();
  }
  s += g.pick(['', '\n', '\n// F is a function.\n', '\nfunc F() {}\n', '\nvar x = 1\n', '\nimport "late"\n', '\n/* open', ' x', '\n)', '\n;import "x"', '\nimportx', '\nif', '\n;', '\n/ x', '\n\u0000', '\n\f', '\n\u00e9', '\n"s"', '\n`']);
  return s;
}

/** The .go files of cmd/go's script tests, and every 10th .go file of GOROOT/src (by sorted path). */
function goSources(): { name: string; data: Uint8Array }[] {
  const scripts = join(GOROOT_SRC, 'cmd/go/testdata/script');
  const out = readdirSync(scripts)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseTxtar(readFileSync(join(scripts, f))).files.filter((x) => x.name.endsWith('.go')).map((x) => ({ name: `${f}/${x.name}`, data: x.data })));
  const std = (readdirSync(GOROOT_SRC, { recursive: true }) as string[]).filter((p) => p.endsWith('.go')).sort();
  for (let i = 0; i < std.length; i += 10) out.push({ name: std[i]!, data: readFileSync(join(GOROOT_SRC, std[i]!)) });
  return out;
}

async function compare(label: string, files: { name: string; data: Uint8Array }[]) {
  const want = await Promise.all(files.map((f) => oracle.value<FileInfo>('imports.fileInfo', f.name, b64(f.data))));
  let plain = 0;
  const diffs: string[] = [];
  files.forEach((f, i) => {
    const ph = plainHeader(f.data);
    if (ph !== undefined) {
      plain++;
      // the reader's header and literals, found without it
      const rd = readImports(f.data, false);
      const got = JSON.stringify([b64(ph.header), ph.paths]);
      const want = JSON.stringify([b64(rd.header), rd.imports.map((l) => l.slice(1, -1))]);
      if (rd.error !== undefined || got !== want) diffs.push(`${f.name}: plain header ${got}, reader ${want} ${rd.error ?? ''}`);
    }
    const o = JSON.stringify(indexGoFile({ name: f.name, content: f.data }));
    const w = JSON.stringify(goRecord(f.name, want[i]!));
    if (o !== w) diffs.push(`${f.name} ${JSON.stringify(Buffer.from(f.data).toString('latin1').slice(0, 300))}\n  ours ${o}\n  go   ${w}`);
  });
  console.log(`index records ${label}: ${files.length} files (${plain} by the plain shape), ${files.length - diffs.length} identical, ${diffs.length} differing`);
  return { diffs, plain };
}

describe('indexGoFile (plain-shape shortcut) vs go (readGoInfo + go/parser + constraints)', () => {
  it('headers near the plain shape', async () => {
    const seed = Number(process.env.PLAIN_SEED ?? 7105);
    const g = new Gen(seed);
    const files = Array.from({ length: Number(process.env.PLAIN_N ?? 4000) }, (_, i) => ({ name: `p${i}.go`, data: Buffer.from(nearPlain(g), 'utf8') }));
    // headers around plainHeader's look-ahead (16 KiB): cut in a comment, a spec, the space after
    for (const k of [16300, 16370, 16384, 16390, 16400]) {
      const specs = Array.from({ length: 800 }, (_, j) => `\t_ "example.com/m${j}"\n`).join('');
      files.push({ name: `long${k}a.go`, data: Buffer.from(`// ${'x'.repeat(k)}\npackage p\n\nimport "fmt"\n`) });
      files.push({ name: `long${k}b.go`, data: Buffer.from(`package p\n\nimport (\n${specs.slice(0, k - 30)}\n)\n\nfunc F() {}\n`) });
      files.push({ name: `long${k}c.go`, data: Buffer.from(`package p\nimport "fmt"\n${' '.repeat(k)}\n/* ${'y'.repeat(k)} */\nfunc F() {}\n`) });
    }
    const { diffs, plain } = await compare(`near-plain seed=${seed}`, files);
    expect(diffs.slice(0, 5)).toEqual([]);
    expect(plain).toBeGreaterThan(files.length / 8);
  });

  it('generated tricky files', async () => {
    const g = new Gen(20240601);
    const files = Array.from({ length: 2000 }, (_, i) => {
      const data = Buffer.from(g.goFile(), 'utf8');
      return { name: `gen/f${i}.go`, data: i % 3 === 2 ? g.mutate(data) : data };
    });
    expect((await compare('generated seed=20240601', files)).diffs.slice(0, 5)).toEqual([]);
  });

  it('cmd/go script testdata and every 10th file of GOROOT/src', async () => {
    const { diffs, plain } = await compare('script testdata + std sample', goSources());
    expect(diffs.slice(0, 5)).toEqual([]);
    expect(plain).toBeGreaterThan(1000);
  });
});
