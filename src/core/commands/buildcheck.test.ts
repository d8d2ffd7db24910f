// Differential tests of go build/run/test/vet's module checks against real go 1.23 under the
// default -mod=readonly: failures compared byte for byte (stderr, exit status, go.mod, go.sum);
// where go passes its module checks (and compiles), modscope must pass them too and say that it
// does not compile.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';
import { passedText } from './buildcheck';
import { mainGo, makeProxy, normStderr } from './modtestfixtures';

let work: string;
let proxy: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-build-'));
  proxy = makeProxy(join(work, 'proxy'));
});
afterAll(() => removeAll(work));

const base = {
  'main.go': 'package main\n\nimport (\n\t_ "ex.com/a"\n\t_ "m/sub"\n)\n\nfunc main() {}\n',
  'sub/s.go': 'package sub\n\nimport _ "ex.com/c"\n',
  'sub/s_test.go': 'package sub\n\nimport _ "ex.com/t"\n',
};
const tidyGoMod = 'module m\n\ngo 1.22\n\nrequire (\n\tex.com/a v1.1.0\n\tex.com/c v1.1.0\n\tex.com/t v1.0.0\n)\n\nrequire ex.com/b v1.1.0 // indirect\n';

interface Case extends Scenario {
  name: string;
  /** Run real go mod tidy first and use its go.sum (the module is then tidy). */
  tidySum?: boolean;
  /** Run with GOROOT set to an existing directory that is not a GOROOT. */
  bogusGoroot?: boolean;
}

const nogo = {
  'go.mod': 'module m\n\ngo 1.22\n',
  'main.go': 'package main\n\nimport _ "m/sub"\n\nfunc main() {}\n',
  'sub/a.go': '//go:build ignore\n\npackage sub\n',
  'sub/_b.go': 'package sub\n',
  'tags/x.go': '// +build tag1\n\npackage y\n',
  'ae/ae.go': 'package ae\n\nimport (\n\t_ "appengine"\n\t_ "fmt"\n\t_ "appengine_internal/x"\n)\n',
  'ae2/ae.go': 'package ae2\n\nimport _ "appengine"\n',
  'json/j.go': 'package json\n\nimport _ "encoding/json"\n',
  'mod/foo/foo.go': 'package foo\n',
  'imp/imp.go': 'package imp\n\nimport _ "mod/foo"\n',
};

const cases: Case[] = [
  { name: 'build: no requirement', args: ['build', './...'], files: { 'go.mod': 'module m\n\ngo 1.22\n', ...base } },
  { name: 'run .: no requirement', args: ['run', '.'], files: { 'go.mod': 'module m\n\ngo 1.22\n', ...base } },
  { name: 'run main.go: no requirement', args: ['run', 'main.go'], files: { 'go.mod': 'module m\n\ngo 1.22\n', ...base } },
  { name: 'build: missing go.sum', args: ['build', './...'], files: { 'go.mod': tidyGoMod, ...base } },
  { name: 'run main.go: missing go.sum', args: ['run', 'main.go'], files: { 'go.mod': tidyGoMod, ...base } },
  { name: 'run .: missing go.sum', args: ['run', '.'], files: { 'go.mod': tidyGoMod, ...base } },
  { name: 'test: missing go.sum', args: ['test', './sub'], files: { 'go.mod': tidyGoMod, ...base } },
  { name: 'vet: missing go.sum', args: ['vet', './sub'], files: { 'go.mod': tidyGoMod, ...base } },
  { name: 'test: missing go.sum for a test import', args: ['test', './sub'], files: { 'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/t v1.0.0\n', 'sub/s.go': 'package sub\n', 'sub/s_test.go': 'package sub\n\nimport _ "ex.com/t"\n' } },
  { name: 'vet: missing go.sum for a test import', args: ['vet', './sub'], files: { 'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/t v1.0.0\n', 'sub/s.go': 'package sub\n', 'sub/s_test.go': 'package sub\n\nimport _ "ex.com/t"\n' } },
  { name: 'build: tidy passes', args: ['build', './...'], files: { 'go.mod': tidyGoMod, ...base }, tidySum: true },
  { name: 'build: not in std', args: ['build', '.'], files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['notstd/x']) } },
  { name: 'build: unknown root', args: ['build', 'ex.com/nosuch'], files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo([]) } },
  {
    name: 'build: -mod=mod adds requirement',
    args: ['build', '-mod=mod', '.'],
    files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['ex.com/c']) },
  },
  {
    name: 'build: go.mod needs update',
    args: ['build', '.'],
    files: { 'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/c v1.1.0 // indirect\n', 'main.go': mainGo(['ex.com/c']) },
    tidySum: true,
  },
  {
    name: 'build: go 1.16 module',
    args: ['build', '.'],
    files: { 'go.mod': 'module m\n\ngo 1.16\n\nrequire ex.com/a v1.0.0\n', 'main.go': mainGo(['ex.com/a']) },
    tidySum: true,
  },
  // load.NoGoError, appengine imports the module loader skips, std packages of another GOROOT
  { name: 'build: constraints exclude an imported package', args: ['build', '.'], files: nogo },
  { name: 'build: constraints exclude the named packages', args: ['build', './sub', './tags'], files: nogo },
  { name: 'build: constraints exclude a package named after its importer', args: ['build', '.', './sub'], files: nogo },
  { name: 'build -tags: the package builds', args: ['build', '-tags', 'tag1', './tags'], files: nogo },
  { name: 'build: appengine imports', args: ['build', './ae', './ae2'], files: nogo },
  { name: 'vet: appengine imports', args: ['vet', './ae'], files: nogo },
  { name: 'build: std package with a bogus GOROOT', args: ['build', './json'], files: nogo, bogusGoroot: true },
  { name: 'build: std package with the real GOROOT', args: ['build', './json'], files: nogo },
  // pattern errors (PackagesAndErrors' synthetic packages)
  { name: 'build: directory not found', args: ['build', '-mod=readonly', './nonexist'], files: nogo },
  { name: 'build: a file named as a directory', args: ['build', './go.mod'], files: nogo },
  { name: 'build: directory without Go files', args: ['build', './notes'], files: { ...nogo, 'notes/README': 'x\n' } },
  { name: 'build: packages and a missing directory', args: ['build', './tags', './nonexist'], files: nogo },
  { name: 'test: directory not found', args: ['test', './nonexist'], files: nogo },
  // loadPackageData's refusals: the reserved mod/ prefix, path@version
  { name: 'build: mod/ path', args: ['build', 'mod/foo'], files: nogo },
  { name: 'build: importing a mod/ path', args: ['build', './imp'], files: nogo },
  { name: 'build: mod/ directory of the main module', args: ['build', './mod/foo'], files: nogo },
  { name: 'build: path@version', args: ['build', 'rsc.io/quote@v1.5.1'], files: nogo },
  { name: 'vet: path@version', args: ['vet', 'ex.com/a@v1.0.0', './tags'], files: nogo },
  // go/build's bad files: the first bad file's error, at the file for a parse error and at the
  // import for another package name; errors in depth-first order, imports first.
  ...[['build', './...'], ['build', './two'], ['vet', '.'], ['test', './syn']].map((args) => ({
    name: `bad files: go ${args.join(' ')}`,
    args,
    files: {
      'go.mod': 'module m\n\ngo 1.22\n',
      'main.go': 'package main\n\nimport (\n\t_ "m/syn"\n\t_ "m/two"\n\t_ "m/utf"\n)\n\nfunc main() {}\n',
      'syn/s.go': 'package syn\n\nimport "fmt\n',
      'two/a.go': 'package two\n',
      'two/b.go': 'package other\n',
      'utf/u.go': '/* \udcff */ package utf\n',
      'x.go': 'package main\n\nimport "os\n',
    },
  })),
  // pkg.go: disallowInternal on every import edge (another module's internal package; the main
  // module's own is allowed), reported with the importer's stack and the import's position.
  ...[['build', './...'], ['vet', '.'], ['run', 'main.go'], ['build', 'ex.com/dep/p'], ['test', './...'], ['build', './sub']].map((args) => ({
    name: `internal: go ${args.join(' ')}`,
    args,
    files: {
      'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/dep v0.0.0\n\nreplace ex.com/dep => ./dep\n',
      'main.go': 'package main\n\nimport (\n\t_ "ex.com/dep/internal/x"\n\t_ "m/sub"\n)\n\nfunc main() {}\n',
      'sub/s.go': 'package sub\n\nimport (\n\t_ "ex.com/dep/p"\n\t_ "m/internal/y"\n)\n',
      'internal/y/y.go': 'package y\n',
      'dep/go.mod': 'module ex.com/dep\n\ngo 1.22\n',
      'dep/internal/x/x.go': 'package x\n',
      'dep/p/p.go': 'package p\n\nimport _ "ex.com/dep/internal/x"\n',
    },
  })),
  // pkg.go: reusePackage (an import cycle, on the package that closes it) and loadImport's check
  // that an import is not a program; with the first error per package and the walk's order.
  ...[['build', './...'], ['vet', './a'], ['run', 'main.go'], ['build', './b', './a'], ['test', './a'], ['build', './c']].map((args) => ({
    name: `cycle and program imports: go ${args.join(' ')}`,
    args,
    files: {
      'go.mod': 'module m\n\ngo 1.22\n',
      'main.go': 'package main\n\nimport (\n\t_ "m/a"\n\t_ "m/c"\n\t_ "m/cmd/tool"\n)\n\nfunc main() {}\n',
      'a/a.go': 'package a\n\nimport _ "m/b"\n',
      'b/b.go': 'package b\n\nimport _ "m/a"\n',
      'c/c.go': 'package c\n\nimport (\n\t_ "m/cmd/tool"\n\t_ "m/d"\n)\n',
      'd/d.go': 'package d\n\nimport _ "m/c"\n',
      'cmd/tool/t.go': 'package main\n\nfunc main() {}\n',
    },
  })),
];

describe('go build/run/test/vet module checks vs real go', () => {
  const results: boolean[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      let files = c.files;
      if (c.tidySum) {
        const { go: t } = await runBoth(work, proxy, { files, args: ['mod', 'tidy'] });
        files = { ...files, ...(t.files['go.sum'] ? { 'go.sum': t.files['go.sum'] } : {}) };
      }
      let env = c.env;
      if (c.bogusGoroot) {
        const goroot = join(work, 'not-a-goroot');
        mkdirSync(goroot, { recursive: true });
        env = { ...env, GOROOT: goroot };
      }
      const { go, ours } = await runBoth(work, proxy, { ...c, files, env });
      const pick = (o: typeof go, mine: boolean) => ({
        stdout: o.exitCode === 0 ? '' : o.stdout,
        stderr: normStderr(mine && o.exitCode === 0 ? o.stderr.replace(passedText, '') : o.stderr),
        exitCode: o.exitCode,
        gomod: o.files['go.mod'],
        gosum: o.files['go.sum'],
      });
      const same = JSON.stringify(pick(go, false)) === JSON.stringify(pick(ours, true));
      results.push(same);
      expect(pick(ours, true)).toEqual(pick(go, false));
      if (ours.exitCode === 0) expect(ours.stderr.endsWith(passedText)).toBe(true);
    }, 60000);
  }
  afterAll(() => console.log(`build checks differential: ${results.length} cases, ${results.filter((x) => x).length} identical`));
});
