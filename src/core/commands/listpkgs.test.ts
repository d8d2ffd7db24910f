// Differential tests of `go list` without -m (listpkgs.ts) against real go 1.23: stdout, stderr
// (downloading/finding lines normalised) and the exit status, over hand-picked module layouts
// (missing packages, import cycles, tests and external tests, test cycles, std dependencies,
// local patterns, .go file arguments) crossed with flag sets (-deps, -e, -test, -f templates over Error, DepsErrors,
// Incomplete, Module, Imports, Deps, -json with selected fields).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth } from '../../cli/fetchTestHarness';
import { makeProxy, normStderr } from './modtestfixtures';

let work: string;
let proxy: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-listpkgs-'));
  proxy = makeProxy(join(work, 'proxy'));
});
afterAll(() => removeAll(work));

const layouts: Record<string, Record<string, string>> = {
  plain: {
    'go.mod': 'module example.com/m\n\ngo 1.22\n',
    'm.go': 'package m\n\nimport (\n\t"errors"\n\t"example.com/m/sub"\n)\n\nvar _ = errors.New\nvar _ = sub.X\n',
    'm_test.go': 'package m\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n',
    'x_test.go': 'package m_test\n\nimport (\n\t"testing"\n\n\t"example.com/m"\n)\n\nfunc TestY(t *testing.T) {}\n',
    'sub/s.go': 'package sub\n\nconst X = 1\n',
    'cmd/tool/main.go': 'package main\n\nimport _ "example.com/m/sub"\n\nfunc main() {}\n',
  },
  missing: {
    'go.mod': 'module example.com/m\n\ngo 1.22\n',
    'm.go': 'package m\n\nimport (\n\t_ "example.com/m/sub"\n\t_ "example.com/nosuch/pkg"\n)\n',
    'sub/s.go': 'package sub\n\nimport _ "notstd/x"\n',
  },
  cycle: {
    'go.mod': 'module m\n\ngo 1.22\n',
    'm.go': 'package m\n\nimport _ "m/a"\n',
    'a/a.go': 'package a\n\nimport _ "m/b"\n',
    'b/b.go': 'package b\n\nimport _ "m/a"\n',
  },
  testcycle: {
    'go.mod': 'module example.com/tc\n\ngo 1.17\n',
    'ds/ds.go': 'package ds\n\nimport _ "example.com/tc/ds/sql"\n',
    'ds/sql/sql.go': 'package sql\n',
    'ds/sql/sql_test.go': 'package sql\n\nimport _ "example.com/tc/ds"\n',
  },
  nogo: {
    'go.mod': 'module example.com/ng\n\ngo 1.22\n',
    'm/m.go': 'package m\n\nimport _ "example.com/ng/sub"\n',
    'sub/a.go': '//go:build ignore\n\npackage sub\n',
    'sub/_b.go': 'package sub\n',
    'tags/x.go': '// +build tag1\n\npackage y\n',
    'mod/foo/foo.go': 'package foo\n',
    'imp/imp.go': 'package imp\n\nimport _ "mod/foo"\n',
  },
  // go/build's bad files (modindex/read.go: Import's badGoError): a header that does not parse,
  // a second package name, an invalid UTF-8 byte (U+DCFF is the raw byte 0xff) and a BOM inside
  // a comment; the package is still listed, with its first bad file's error.
  badfiles: {
    'go.mod': 'module example.com/bf\n\ngo 1.22\n',
    'm.go': 'package m\n\nimport (\n\t_ "example.com/bf/bom"\n\t_ "example.com/bf/syn"\n\t_ "example.com/bf/two"\n\t_ "example.com/bf/utf"\n)\n',
    'syn/s.go': 'package syn\n\nimport "fmt\n',
    'two/a.go': 'package two\n',
    'two/b.go': 'package other\n\nimport _ "fmt"\n',
    'utf/u.go': '// head \udcff comment\npackage utf\n',
    'utf/a&<b>\u00e9.go': 'package utf\n',
    'bom/b.go': '// x \ufeff y\npackage bom\n',
  },
  // loadImport's checks: a main package is not importable (a test in its directory may import it).
  programs: {
    'go.mod': 'module m\n\ngo 1.22\n',
    'main.go': 'package main\n\nimport (\n\t_ "m/c"\n\t_ "m/cmd/tool"\n)\n\nfunc main() {}\n',
    'c/c.go': 'package c\n\nimport _ "m/cmd/tool"\n',
    'cmd/tool/t.go': 'package main\n\nfunc main() {}\n',
    'cmd/tool/t_test.go': 'package main\n\nimport _ "m/cmd/tool"\n',
  },
  deps: {
    'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/a v1.1.0\n',
    'main.go': 'package main\n\nimport _ "ex.com/a"\n\nfunc main() {}\n',
  },
};

const flagSets: string[][] = [
  [],
  ['-deps'],
  ['-e'],
  ['-e', '-deps'],
  ['-e', '-deps', '-f', '{{.ImportPath}} {{.Incomplete}}{{with .Error}} ERR {{.}}{{end}}{{range .DepsErrors}} DEP {{.Err}}{{end}}'],
  ['-e', '-f', '{{.ImportPath}} {{.Name}} {{.Imports}} {{.Standard}} {{join .GoFiles ","}} {{if .Module}}{{.Module.Path}} {{.Module.Main}}{{end}}'],
  ['-e', '-test', '-f', '{{.ImportPath}}|{{.ForTest}}|{{.Imports}}|{{.Incomplete}}|{{.Error}}'],
  ['-e', '-deps', '-test', '-f', '{{if not .Standard}}{{.ImportPath}} {{.DepOnly}}{{end}}'],
  ['-test'],
  ['-e', '-json=ImportPath,Name,Deps,Incomplete,Error,DepsErrors,Module,Match,ForTest'],
  ['-e', '-f', '{{.ImportPath}} {{.GoFiles}} {{.IgnoredGoFiles}} {{.InvalidGoFiles}}'],
  ['-e', '-json=ImportPath,GoFiles,InvalidGoFiles,Error'],
];

const patterns: Record<string, string[][]> = {
  plain: [['./...'], ['.', './sub'], ['example.com/m/cmd/tool'], ['cmd/tool/main.go'], ['m.go', 'm_test.go']],
  missing: [['.'], ['./sub'], ['m.go']],
  cycle: [['all'], ['m/a']],
  testcycle: [['./ds/sql']],
  nogo: [['./m'], ['./sub', './m'], ['./tags'], ['mod/foo', './imp'], ['rsc.io/quote@v1.5.1']],
  deps: [['.'], ['all']],
  badfiles: [['./...'], ['./two', './syn']],
  programs: [['./...'], ['./c']],
};

interface Case {
  name: string;
  files: Record<string, string>;
  args: string[];
}

const cases: Case[] = [];
for (const [layout, pats] of Object.entries(patterns)) {
  for (const pat of pats) {
    for (const flags of flagSets) {
      cases.push({ name: `${layout}: go list ${[...flags, ...pat].join(' ')}`, files: layouts[layout]!, args: ['list', ...flags, ...pat] });
    }
  }
}
// A dependency layout needs go.sum: -mod=mod lets both tools fetch and record it.
for (const c of cases) if (c.name.startsWith('deps:')) c.args.splice(1, 0, '-mod=mod');

describe('go list (packages) vs real go', () => {
  const same: boolean[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      const { go, ours } = await runBoth(work, proxy, { files: c.files, args: c.args });
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: normStderr(o.stderr), exitCode: o.exitCode });
      same.push(JSON.stringify(pick(go)) === JSON.stringify(pick(ours)));
      expect(pick(ours)).toEqual(pick(go));
    });
  }
  afterAll(() => {
    console.log(`go list differential: ${same.length} cases, ${same.filter((x) => x).length} identical, ${same.filter((x) => !x).length} differing`);
  });
});
