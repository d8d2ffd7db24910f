// Differential tests of `go mod vendor` (-v, -e, -o) against real go 1.23: the same main module
// (go.mod/go.sum first completed by real go with `go list -mod=mod -e all`, so both start from
// go's own sums) over a file:// proxy of synthetic modules (metadata files, build tags, tests,
// embeds, nested modules, replacements) and seeded random modules; the whole module directory
// after the run (vendor/ tree byte for byte, modules.txt), stdout, stderr and exit status compared.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listTree, removeAll, runBoth, runGoIn, synthProxyDir, txtarProxyDir, type Scenario, type SynthModule } from '../../cli/fetchTestHarness';
import { Gen } from '../imports/testgen';
import { mainGo, normStderr } from './modtestfixtures';

const mods: SynthModule[] = [
  {
    path: 'ex.com/lic',
    version: 'v1.0.0',
    gomod: 'module ex.com/lic\n\ngo 1.20\n',
    files: {
      LICENSE: 'lic\n',
      'AUTHORS.txt': 'a\n',
      CONTRIBUTORS: 'c\n',
      'NOTICE!': 'n\n',
      'licensed-to-kill': 'no\n',
      README: 'r\n',
      'go.sum': 'x\n',
      'p/p.go': 'package p\n',
      'p/COPYING': 'cp\n',
      'p/q/q.go': 'package q\nimport _ "ex.com/lic/p"\n',
      'p/q/PATENTS': 'pt\n',
      'p/q/data.txt': 'data\n',
      'p/q/ign.go': '//go:build ignore\n\npackage q\n',
      'p/q/linux.go': '//go:build linux\n\npackage q\n',
      'p/q/plus.go': '// +build ignore\n\npackage q\n',
      'p/q/q_test.go': 'package q\n',
      'p/q/testdata/t.txt': 't\n',
      'p/q/sub/LICENSE': 'not copied\n',
      'unused/u.go': 'package unused\n',
      'unused/LICENSE.md': 'u\n',
    },
  },
  {
    path: 'ex.com/emb',
    version: 'v1.0.0',
    gomod: 'module ex.com/emb\n\ngo 1.21\n',
    files: {
      'e.go': 'package emb\n\nimport _ "embed"\n\n//go:embed same.txt\nvar s string\n\n//go:embed dir\nvar d string\n\n//go:embed all:hid "quoted name.txt"\nvar h string\n\n/* //go:embed not.txt */\nvar x = "//go:embed not2.txt"\n',
      'e_test.go': 'package emb\n\nimport _ "embed"\n\n//go:embed tdata/t.txt\nvar t string\n',
      'x_test.go': 'package emb_test\n\nimport _ "embed"\n\n//go:embed xdata\nvar t string\n',
      'same.txt': 's\n',
      'quoted name.txt': 'q\n',
      'dir/a.txt': 'a\n',
      'dir/.hidden': 'h\n',
      'dir/_under': 'u\n',
      'dir/sub/b.txt': 'b\n',
      'hid/.h': 'h\n',
      'hid/v.txt': 'v\n',
      'tdata/t.txt': 't\n',
      'xdata/x.txt': 'x\n',
    },
  },
  {
    path: 'ex.com/badembed',
    version: 'v1.0.0',
    gomod: 'module ex.com/badembed\n\ngo 1.21\n',
    files: { 'b.go': 'package badembed\n\nimport _ "embed"\n\n//go:embed missing.txt\nvar s string\n' },
  },
  {
    path: 'ex.com/badpat',
    version: 'v1.0.0',
    gomod: 'module ex.com/badpat\n\ngo 1.21\n',
    files: { 'b.go': 'package badpat\n\nimport _ "embed"\n\n//go:embed ../x.txt\nvar s string\n' },
  },
  {
    path: 'ex.com/dep',
    version: 'v1.0.0',
    gomod: 'module ex.com/dep\n\ngo 1.18\n\nrequire ex.com/leaf v1.0.0\n',
    files: { 'd.go': 'package dep\nimport _ "ex.com/leaf"\n', 'LICENSE': 'd\n' },
  },
  // //go:embed lines as go/build reads them: bytes (a BOM is kept), unicode.IsSpace, strconv.Unquote;
  // after a declaration, so outside the header go/parser checks (where a BOM or an invalid byte
  // is a syntax error that makes go mod vendor fail)
  {
    path: 'ex.com/embbom',
    version: 'v1.0.0',
    gomod: 'module ex.com/embbom\n\ngo 1.21\n',
    files: { 'e.go': 'package embbom\n\nimport _ "embed"\n\nvar x int\n\n//go:embed \ufeff x.txt\nvar s string\n', 'x.txt': 'x\n' },
  },
  {
    path: 'ex.com/embspace',
    version: 'v1.0.0',
    gomod: 'module ex.com/embspace\n\ngo 1.21\n',
    files: { 'e.go': 'package embspace\n\nimport _ "embed"\n\n//go:embed x.txt\u0085y.txt "\\x7a.txt"\nvar s string\n', 'x.txt': 'x\n', 'y.txt': 'y\n', 'z.txt': 'z\n' },
  },
  {
    path: 'ex.com/embbad',
    version: 'v1.0.0',
    gomod: 'module ex.com/embbad\n\ngo 1.21\n',
    files: { 'e.go': 'package embbad\n\nimport _ "embed"\n\nvar x int\n\n//go:embed bad\udcff.txt\nvar s string\n' },
  },
  { path: 'ex.com/leaf', version: 'v1.0.0', gomod: 'module ex.com/leaf\n\ngo 1.14\n', files: { 'l.go': 'package leaf\n' } },
  { path: 'ex.com/leaf', version: 'v1.1.0', gomod: 'module ex.com/leaf\n\ngo 1.19\n', files: { 'l.go': 'package leaf\n', 'extra/e.go': 'package extra\n' } },
  { path: 'ex.com/nogo', version: 'v1.0.0', gomod: 'module ex.com/nogo\n', files: { 'n.go': 'package nogo\n' } },
  { path: 'ex.com/unused', version: 'v1.0.0', gomod: 'module ex.com/unused\n\ngo 1.20\n', files: { 'u.go': 'package unused\n' } },
  { path: 'ex.com/Case', version: 'v1.0.0', gomod: 'module ex.com/Case\n\ngo 1.20\n', files: { 'c.go': 'package Case\n' } },
  { path: 'ex.com/case', version: 'v1.0.0', gomod: 'module ex.com/case\n\ngo 1.20\n', files: { 'c.go': 'package case_\n' } },
];

const SEED = 20261126;
const randomMods: SynthModule[] = [];
const randomCases: Case[] = [];

/** Seeded random modules: files with build tags, metadata-like names, embeds and subpackages. */
function genRandom(): void {
  const g = new Gen(SEED);
  const names = ['LICENSE', 'LICENSE.txt', 'COPYRIGHT', 'LEGAL', 'NOTICE', 'README.md', 'license', 'PATENTS-x', 'data.bin', 'x.s', 'x.c', 'x.h'];
  for (let i = 0; i < 8; i++) {
    const path = `ex.com/r${i}`;
    const files: Record<string, string> = {};
    const pkgs = ['', 'a', 'a/b', 'c'].filter(() => g.chance(0.7));
    if (pkgs.length === 0) pkgs.push('');
    for (const p of pkgs) {
      const pre = p === '' ? '' : p + '/';
      const name = p === '' ? `r${i}` : p.split('/').pop()!;
      const embed = g.chance(0.4);
      const embPat = g.pick(['e.txt', 'e*', 'edir', 'all:edir', '*.txt', '[ab].txt', 'edir/*']);
      if (embed) {
        files[pre + 'e.txt'] = 'e\n';
        if (g.chance(0.5)) files[pre + 'a.txt'] = 'a\n';
        files[pre + 'edir/.x'] = 'x\n';
        if (g.chance(0.6)) files[pre + 'edir/y'] = 'y\n';
      }
      files[pre + 'main.go'] = `package ${name}\n${embed ? `\nimport _ "embed"\n\n//go:embed ${embPat}\nvar e string\n` : ''}`;
      const nf = g.int(4);
      for (let k = 0; k < nf; k++) {
        const kind = g.int(4);
        if (kind === 0) files[pre + `f${k}.go`] = `//go:build ${g.tag()}\n\npackage ${name}\n`;
        else if (kind === 1) files[pre + `f${k}_test.go`] = `package ${name}\n`;
        else if (kind === 2) files[pre + g.pick(names)] = `n${k}\n`;
        else files[pre + `_f${k}.go`] = `package ${name}\n`;
      }
    }
    if (g.chance(0.5)) files['LICENSE'] = 'root\n';
    randomMods.push({ path, version: 'v1.0.0', gomod: `module ${path}\n\ngo 1.${g.pick([14, 16, 17, 21])}\n`, files });
  }
  for (let c = 0; c < 6; c++) {
    const imports: string[] = [];
    for (const m of randomMods) {
      if (!g.chance(0.4)) continue;
      for (const f of Object.keys(m.files ?? {})) {
        if (f.endsWith('main.go') && g.chance(0.6)) imports.push(m.path + (f === 'main.go' ? '' : '/' + f.slice(0, -'/main.go'.length)));
      }
    }
    const gov = g.pick(['1.16', '1.17', '1.21', '1.23']);
    randomCases.push({ name: `random ${c} (seed ${SEED})`, files: { 'go.mod': `module m\n\ngo ${gov}\n`, 'main.go': mainGo(imports) }, args: g.chance(0.3) ? ['mod', 'vendor', '-v'] : undefined });
  }
}

interface Case extends Omit<Scenario, 'args'> {
  name: string;
  args?: string[];
  /** Commands real go runs first to complete go.mod/go.sum (default: list -mod=mod -e all). */
  setup?: string[][];
  /** Edits to the prepared files (after setup), e.g. to make vendor/modules.txt inconsistent. */
  mutate?: (files: Record<string, string>) => void;
}

const main = (gov: string, reqs: string[], extra = '') =>
  `module m\n${gov ? `\ngo ${gov}\n` : ''}${reqs.length ? `\nrequire (\n${reqs.map((r) => '\t' + r + '\n').join('')})\n` : ''}${extra}`;

const badDep = (file: string, data: string) => ({
  'go.mod': main('1.22', ['ex.com/bad v0.0.0'], '\nreplace ex.com/bad => ./bad\n'),
  'main.go': mainGo(['ex.com/bad']),
  'bad/go.mod': 'module ex.com/bad\n\ngo 1.22\n',
  'bad/a.go': 'package bad\n',
  [`bad/${file}`]: data,
});

const cases: Case[] = [
  // vendor.go: vendorPkg — go/build's ImportDir (all files) fails on a bad file: an internal
  // error that stops go mod vendor half way (another package name is allowed).
  { name: 'bad file: invalid UTF-8 in a comment', files: badDep('b.go', '// head \udcff comment\npackage bad\n') },
  { name: 'bad file: BOM inside a comment', files: badDep('b.go', '// x \ufeff y\npackage bad\n') },
  { name: 'bad file: header does not parse', files: badDep('b.go', 'package bad\n\nimport "fmt\n') },
  { name: 'bad file: another package name', files: badDep('b.go', 'package other\n') },
  { name: 'bad file: excluded by its name, still read', files: badDep('b_windows.go', 'package bad\n\nimport ( "fmt" ; 3 )\n') },
  { name: 'metadata, tags, tests (1.23)', files: { 'go.mod': main('1.23', ['ex.com/lic v1.0.0']), 'main.go': mainGo(['ex.com/lic/p/q']) } },
  { name: 'metadata 1.16 keeps go.mod/go.sum', files: { 'go.mod': main('1.16', ['ex.com/lic v1.0.0']), 'main.go': mainGo(['ex.com/lic/p/q']) } },
  { name: 'module root package', files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']) } },
  { name: '-v', args: ['mod', 'vendor', '-v'], files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0', 'ex.com/unused v1.0.0']), 'main.go': mainGo(['ex.com/dep']) } },
  { name: 'unused explicit only', files: { 'go.mod': main('1.21', ['ex.com/unused v1.0.0']), 'main.go': mainGo([]) } },
  { name: 'go 1.13 (no annotations)', files: { 'go.mod': main('1.13', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']) } },
  { name: 'no go line', files: { 'go.mod': main('', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']) }, setup: [] },
  { name: 'go 1.16 (explicit, no go versions)', files: { 'go.mod': main('1.16', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']) } },
  { name: 'module without go line', files: { 'go.mod': main('1.21', ['ex.com/nogo v1.0.0']), 'main.go': mainGo(['ex.com/nogo']) } },
  { name: 'no dependencies', files: { 'go.mod': main('1.21', []), 'main.go': mainGo(['fmt']) } },
  { name: 'args rejected', args: ['mod', 'vendor', 'x'], files: { 'go.mod': main('1.21', []), 'main.go': mainGo([]) } },
  { name: 'bad flag', args: ['mod', 'vendor', '-x'], files: { 'go.mod': main('1.21', []), 'main.go': mainGo([]) } },
  { name: 'no go.mod', files: { 'main.go': mainGo([]) }, setup: [] },
  { name: '-o relative', args: ['mod', 'vendor', '-o', 'out/v'], files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']) } },
  { name: '-o from subdir', args: ['mod', 'vendor', '-o', 'v2'], cwd: 'sub', files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']), 'sub/s.go': 'package sub\n' } },
  { name: 'default from subdir', cwd: 'sub', files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']), 'sub/s.go': 'package sub\n' } },
  { name: 'old vendor removed', files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep']), 'vendor/stale/x.go': 'package x\n', 'vendor/modules.txt': '# junk\n' } },
  { name: 'embeds 1.21', files: { 'go.mod': main('1.21', ['ex.com/emb v1.0.0']), 'main.go': mainGo(['ex.com/emb']) } },
  { name: 'embeds 1.22 (no test embeds)', files: { 'go.mod': main('1.22', ['ex.com/emb v1.0.0']), 'main.go': mainGo(['ex.com/emb']) } },
  { name: 'embed no matching files', files: { 'go.mod': main('1.22', ['ex.com/badembed v1.0.0', 'ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/badembed', 'ex.com/dep']) } },
  { name: 'embed no matching files -e', args: ['mod', 'vendor', '-e'], files: { 'go.mod': main('1.22', ['ex.com/badembed v1.0.0']), 'main.go': mainGo(['ex.com/badembed']) } },
  { name: 'embed BOM before pattern', files: { 'go.mod': main('1.22', ['ex.com/embbom v1.0.0']), 'main.go': mainGo(['ex.com/embbom']) } },
  { name: 'embed U+0085 space and escaped quote', files: { 'go.mod': main('1.22', ['ex.com/embspace v1.0.0']), 'main.go': mainGo(['ex.com/embspace']) } },
  { name: 'embed invalid UTF-8 pattern', files: { 'go.mod': main('1.22', ['ex.com/embbad v1.0.0']), 'main.go': mainGo(['ex.com/embbad']) } },
  { name: 'embed bad pattern', files: { 'go.mod': main('1.22', ['ex.com/badpat v1.0.0']), 'main.go': mainGo(['ex.com/badpat']) } },
  {
    name: 'directory replacement',
    files: {
      'go.mod': main('1.21', ['ex.com/dep v1.0.0', 'ex.com/local v0.0.0'], '\nreplace ex.com/local => ./local\n'),
      'main.go': mainGo(['ex.com/dep', 'ex.com/local/x']),
      'local/go.mod': 'module ex.com/local\n\ngo 1.19\n',
      'local/LICENSE': 'l\n',
      'local/x/x.go': 'package x\n',
      'local/x/NOTICE': 'n\n',
      'local/x/x_test.go': 'package x\n',
    },
  },
  {
    name: 'version and unused replacements',
    files: {
      'go.mod': main('1.21', ['ex.com/dep v1.0.0'], '\nreplace ex.com/leaf v1.0.0 => ex.com/leaf v1.1.0\n\nreplace ex.com/unused => ./nowhere\n\nreplace ex.com/other v1.2.3 => ex.com/other v1.2.4\n'),
      'main.go': mainGo(['ex.com/dep']),
    },
  },
  {
    name: 'replacement inside vendor',
    files: {
      'go.mod': main('1.21', ['ex.com/local v0.0.0'], '\nreplace ex.com/local => ./vendor/local\n'),
      'main.go': mainGo(['ex.com/local']),
      'vendor/local/go.mod': 'module ex.com/local\n',
      'vendor/local/l.go': 'package local\n',
    },
  },
  { name: 'case-insensitive collision', files: { 'go.mod': main('1.21', ['ex.com/Case v1.0.0', 'ex.com/case v1.0.0']), 'main.go': mainGo(['ex.com/Case', 'ex.com/case']) } },
  { name: 'go build: case-insensitive collision (load order)', args: ['build'], files: { 'go.mod': main('1.21', ['ex.com/Case v1.0.0', 'ex.com/case v1.0.0']), 'main.go': mainGo(['ex.com/Case', 'ex.com/case']) } },
  { name: 'go build: std vendored package import', args: ['build', '.'], files: { 'go.mod': main('1.21', []), 'main.go': mainGo(['vendor/golang.org/x/net/http2/hpack']) }, setup: [] },
  { name: 'go build: cmd vendored package import', args: ['build', '.'], files: { 'go.mod': main('1.21', []), 'main.go': mainGo(['cmd/vendor/golang.org/x/tools/go/analysis']) }, setup: [] },
  { name: 'go build: own vendor path import', args: ['build', '.'], files: { 'go.mod': main('1.13', []), 'main.go': mainGo(['m/vendor/x']), 'vendor/x/x.go': 'package x\n' }, setup: [] },
  { name: 'missing package -e', args: ['mod', 'vendor', '-e'], files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep', 'ex.com/nosuch/pkg']) }, setup: [] },
  { name: 'missing package', files: { 'go.mod': main('1.21', ['ex.com/dep v1.0.0']), 'main.go': mainGo(['ex.com/dep', 'ex.com/nosuch/pkg']) }, setup: [] },
  { name: 'quote (testdata/mod)', files: { 'go.mod': main('1.20', ['rsc.io/quote v1.5.2']), 'main.go': mainGo(['rsc.io/quote']) } },
  { name: 'workspace mode refused', files: { 'go.mod': main('1.21', []), 'main.go': mainGo([]), 'go.work': 'go 1.21\n\nuse .\n' }, setup: [] },
];

// Vendor mode reading an existing vendor directory (made by real go's `go mod vendor`):
// modload/vendor.go's consistency checks and -mod=vendor package loading.
const vendored = [['list', '-mod=mod', '-e', 'all'], ['mod', 'vendor']];
const vmod = (gov: string, extra = '') => ({
  'go.mod': main(gov, ['ex.com/dep v1.0.0', 'ex.com/unused v1.0.0'], `\nreplace ex.com/leaf v1.0.0 => ex.com/leaf v1.1.0\n${extra}`),
  'main.go': mainGo(['ex.com/dep', 'ex.com/leaf/extra']),
});
const edit = (f: string, from: string | RegExp, to: string) => (files: Record<string, string>) => {
  files[f] = files[f]!.replace(from, to);
};
const vendorCases: Case[] = [
  { name: 'vendor mode: consistent', args: ['list', '-m'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: list packages', args: ['list', 'all'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: list -m all refused', args: ['list', '-m', 'all'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: -mod=mod ignores vendor', args: ['list', '-mod=mod', '-m', 'all'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: go 1.13 not automatic', args: ['list', '-m'], files: vmod('1.13'), setup: vendored },
  { name: 'vendor mode: new requirement', args: ['list', '-m'], files: vmod('1.21'), setup: vendored, mutate: edit('go.mod', 'ex.com/unused v1.0.0', 'ex.com/unused v1.0.0\n\tex.com/nogo v1.0.0') },
  { name: 'vendor mode: explicit marker lost', args: ['list', '-m'], files: vmod('1.21'), setup: vendored, mutate: edit('vendor/modules.txt', '## explicit; go 1.18', '## go 1.18') },
  { name: 'vendor mode: explicit but not required', args: ['list', '-m'], files: vmod('1.21'), setup: vendored, mutate: edit('go.mod', /\tex.com\/unused v1.0.0\n/, '') },
  { name: 'vendor mode: replacement changed', args: ['list', '-m'], files: vmod('1.21'), setup: vendored, mutate: edit('go.mod', '=> ex.com/leaf v1.1.0', '=> ex.com/leaf v1.0.0') },
  { name: 'vendor mode: replacement removed', args: ['list', '-m'], files: vmod('1.21'), setup: vendored, mutate: edit('go.mod', /replace .*\n/, '') },
  { name: 'vendor mode: replacement added', args: ['list', '-m'], files: vmod('1.21', 'replace ex.com/dep => ./dep\n'), setup: vendored, mutate: (f) => {
    f['go.mod'] = f['go.mod']!.replace('replace ex.com/dep => ./dep\n', '') + 'replace ex.com/unused => ex.com/unused v1.0.1\n';
  } },
  { name: 'vendor mode: go version too new', args: ['list', '-m'], files: vmod('1.21'), setup: vendored, mutate: edit('vendor/modules.txt', '## go 1.19', '## go 1.99') },
  { name: 'vendor mode: go 1.13 -mod=vendor version mismatch', args: ['list', '-mod=vendor', '-m'], files: vmod('1.13'), setup: vendored, mutate: edit('vendor/modules.txt', '# ex.com/dep v1.0.0', '# ex.com/dep v1.0.1') },
  { name: 'vendor mode: build missing vendored package', args: ['build', './...'], files: vmod('1.21'), setup: vendored, mutate: (f) => {
    delete f['vendor/ex.com/leaf/extra/e.go'];
  } },
  { name: 'vendor mode: package missing from modules.txt (1.23)', args: ['list', 'all'], files: vmod('1.23'), setup: vendored, mutate: edit('vendor/modules.txt', 'ex.com/leaf/extra\n', '') },
  { name: 'vendor mode: package missing from modules.txt (1.22)', args: ['list', 'all'], files: vmod('1.22'), setup: vendored, mutate: edit('vendor/modules.txt', 'ex.com/leaf/extra\n', '') },
  { name: 'vendor mode: list ./vendor dir', args: ['list', './vendor/ex.com/dep'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: list ./vendor dir not listed', args: ['list', './vendor/ex.com/leaf'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: list ./vendor dir without -mod=vendor', args: ['list', '-mod=mod', './vendor/ex.com/dep'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: ... pattern', args: ['list', 'ex.com/...'], files: vmod('1.21'), setup: vendored },
  { name: 'vendor mode: re-vendor is stable', args: ['mod', 'vendor', '-v'], files: vmod('1.21'), setup: vendored },
];

let work: string;
let proxy: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-vendor-'));
  const pdir = join(work, 'proxy');
  txtarProxyDir(pdir, ['rsc.io/quote', 'rsc.io/sampler', 'golang.org/x/text']);
  synthProxyDir(pdir, [...mods, ...randomMods]);
  proxy = 'file://' + pdir;
});
afterAll(() => removeAll(work));

let setupSeq = 0;
/** Completes go.mod/go.sum with real go (the inputs both tools then start from). */
function prepared(c: Case): Record<string, string> {
  const setup = c.setup ?? [['list', '-mod=mod', '-e', 'all']];
  if (setup.length === 0) return c.files;
  const dir = join(work, `setup${setupSeq++}`);
  for (const [name, data] of Object.entries(c.files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  for (const args of setup) runGoIn(dir, args, { GOPROXY: proxy, GOMODCACHE: join(work, 'setupcache'), GOFLAGS: '-modcacherw', GOSUMDB: 'off' });
  const files = { ...c.files };
  for (const f of ['go.mod', 'go.sum']) if (existsSync(join(dir, f))) files[f] = readFileSync(join(dir, f), 'utf8');
  for (const f of listTree(join(dir, 'vendor'))) files['vendor/' + f] = readFileSync(join(dir, 'vendor', f), 'utf8');
  c.mutate?.(files);
  return files;
}

genRandom();

/** checkPathCollisions ranges over a Go map: which two paths come first varies between go runs. */
const normCollision = (s: string) =>
  s.replace(/case-insensitive import collision: ("[^"]*") and ("[^"]*")/g, (_m, a: string, b: string) => `case-insensitive import collision: ${[a, b].sort().join(' and ')}`);

describe('go mod vendor vs real go', () => {
  const results: { name: string; same: boolean }[] = [];
  for (const c of [...cases, ...vendorCases, ...randomCases]) {
    test(c.name, async () => {
      const files = prepared(c);
      const { go, ours } = await runBoth(work, proxy, { ...c, files, args: c.args ?? ['mod', 'vendor'] });
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: normCollision(normStderr(o.stderr)), exitCode: o.exitCode, files: o.files });
      results.push({ name: c.name, same: JSON.stringify(pick(go)) === JSON.stringify(pick(ours)) });
      expect(pick(ours)).toEqual(pick(go));
    }, 30000);
  }
  afterAll(() => {
    const same = results.filter((r) => r.same).length;
    console.log(`go mod vendor differential: ${results.length} cases, ${same} identical, ${results.length - same} differing`);
  });
});
