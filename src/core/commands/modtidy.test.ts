// Differential tests of `go mod tidy` (and -diff, -v, -e, -go, -compat) against real go 1.23:
// main modules over a file:// proxy built from cmd/go's testdata/mod txtar modules and from
// synthetic modules; go.mod, go.sum, stdout, stderr and exit status compared byte for byte.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';
import { mainGo, makeProxy, normStderr } from './modtestfixtures';

let work: string;
let proxy: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-tidy-'));
  proxy = makeProxy(join(work, 'proxy'));
});
afterAll(() => removeAll(work));



interface Case extends Omit<Scenario, 'args'> {
  name: string;
  args?: string[];
}

const cases: Case[] = [
  { name: 'add missing (quote)', files: { 'go.mod': 'module m\n\ngo 1.23\n', 'main.go': mainGo(['rsc.io/quote']) } },
  { name: 'add missing go 1.16', files: { 'go.mod': 'module m\n\ngo 1.16\n', 'main.go': mainGo(['rsc.io/quote']) } },
  { name: 'no go line', files: { 'go.mod': 'module m\n', 'main.go': mainGo(['rsc.io/quote']) } },
  { name: 'existing old require', files: { 'go.mod': 'module m\n\ngo 1.20\n\nrequire rsc.io/quote v1.5.1\n', 'main.go': mainGo(['rsc.io/quote']) } },
  { name: 'unused -v', args: ['mod', 'tidy', '-v'], files: { 'go.mod': 'module m\n\ngo 1.21\n\nrequire (\n\tex.com/unused v1.0.0\n\tex.com/a v1.0.0\n)\n', 'main.go': mainGo(['ex.com/a']) } },
  { name: 'synthetic chain 1.17', files: { 'go.mod': 'module m\n\ngo 1.17\n', 'main.go': mainGo(['ex.com/a']), 'main_test.go': 'package main\nimport _ "ex.com/c"\n' } },
  { name: 'synthetic chain 1.15 test of dep', files: { 'go.mod': 'module m\n\ngo 1.15\n', 'main.go': mainGo(['ex.com/a']) } },
  { name: 'synthetic chain 1.22 indirect marks', files: { 'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/c v1.0.0\nrequire ex.com/a v1.0.0 // indirect\n', 'main.go': mainGo(['ex.com/a']) } },
  { name: 'diff', args: ['mod', 'tidy', '-diff'], files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['ex.com/a']) } },
  { name: 'diff clean', args: ['mod', 'tidy', '-diff'], files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo([]) } },
  { name: '-go=1.16 (no 1.21 deps)', args: ['mod', 'tidy', '-go=1.16'], files: { 'go.mod': 'module m\n\ngo 1.21\n', 'main.go': mainGo(['ex.com/c']) } },
  { name: '-go=1.21', args: ['mod', 'tidy', '-go=1.21'], files: { 'go.mod': 'module m\n\ngo 1.16\n', 'main.go': mainGo(['ex.com/a']) } },
  { name: '-compat=1.16', args: ['mod', 'tidy', '-compat=1.16'], files: { 'go.mod': 'module m\n\ngo 1.20\n', 'main.go': mainGo(['ex.com/a']) } },
  // The -compat check's errors: go's toolchain.Switcher reports them, tidy prints its advice, and
  // the exit reports them again (load.go: checkTidyCompatibility).
  ...['', ' -diff', ' -e'].map((flag) => ({
    name: `-compat ambiguous in go 1.16${flag}`,
    args: ['mod', 'tidy', ...(flag ? [flag.trim()] : [])],
    files: {
      'go.mod': 'module example.com/m\n\ngo 1.17\n\nreplace example.net/indirect v0.1.0 => ./indirect\n\nrequire example.net/indirect v0.1.0\n\nrequire example.net/ambiguous/nested v0.1.0 // indirect\n',
      'm.go': 'package m\n\nimport _ "example.net/indirect"\n',
      'indirect/go.mod': 'module example.net/indirect\n\ngo 1.17\n\nrequire example.net/ambiguous v0.1.0\n',
      'indirect/indirect.go': 'package indirect\n\nimport _ "example.net/ambiguous/nested/pkg"\n',
    },
  })),
  { name: 'missing package -e', args: ['mod', 'tidy', '-e'], files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['ex.com/nosuch/pkg', 'ex.com/a']) } },
  { name: 'missing package', files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['ex.com/nosuch/pkg']) } },
  { name: 'not in std', files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['notstd/x', 'fmt']) } },
  { name: 'ambiguous', files: { 'go.mod': 'module m\n\ngo 1.22\n\nrequire (\n\tex.com/amb v1.0.0\n\tex.com/amb/x v1.0.0\n)\n', 'main.go': mainGo(['ex.com/amb/x']) } },
  { name: 'package in sub dir replace', files: { 'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/r v0.0.0\n\nreplace ex.com/r => ./r\n', 'main.go': mainGo(['ex.com/r/p']), 'r/go.mod': 'module ex.com/r\n\ngo 1.22\n', 'r/p/p.go': 'package p\nimport _ "ex.com/c"\n' } },
  { name: 'unrequired replace', files: { 'go.mod': 'module m\n\ngo 1.22\n\nreplace ex.com/r => ./r\n', 'main.go': mainGo(['ex.com/r']), 'r/go.mod': 'module ex.com/r\n\ngo 1.22\n', 'r/r.go': 'package r\n' } },
  { name: 'stale go.sum', files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['ex.com/c']), 'go.sum': 'ex.com/zzz v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n' } },
  { name: 'args rejected', args: ['mod', 'tidy', 'x'], files: { 'go.mod': 'module m\n\ngo 1.22\n' } },
  { name: 'testonly', files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo([]), 'm_test.go': 'package main\nimport _ "rsc.io/testonly"\n' } },
  // -modfile is opened relative to the working directory.
  { name: '-modfile relative', args: ['mod', 'tidy', '-modfile=alt.mod'], files: { 'go.mod': 'module m\n\ngo 1.22\n', 'alt.mod': 'module m\n\ngo 1.21\n', 'main.go': mainGo(['ex.com/a']) } },
  { name: '-modfile relative from a subdirectory', args: ['mod', 'tidy', '-modfile=../alt.mod'], cwd: 'sub', files: { 'go.mod': 'module m\n\ngo 1.22\n', 'alt.mod': 'module m\n\ngo 1.21\n', 'main.go': mainGo(['ex.com/a']), 'sub/s.go': 'package sub\n' } },
  { name: '-modfile relative, missing', args: ['mod', 'tidy', '-modfile=sub/none.mod'], files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo([]) } },
  { name: 'list -m -modfile relative', args: ['list', '-m', '-modfile=alt.mod', 'all'], cwd: 'sub', files: { 'go.mod': 'module m\n\ngo 1.22\n', 'sub/alt.mod': 'module m\n\ngo 1.21\n\nrequire ex.com/c v1.0.0\n', 'sub/alt.sum': '', 'main.go': mainGo([]) } },
];

describe('go mod tidy vs real go', () => {
  const results: { name: string; same: boolean }[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      const { go, ours } = await runBoth(work, proxy, { ...c, args: c.args ?? ['mod', 'tidy'] });
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: normStderr(o.stderr), exitCode: o.exitCode, gomod: o.files['go.mod'], gosum: o.files['go.sum'], altmod: o.files['alt.mod'], altsum: o.files['alt.sum'] });
      results.push({ name: c.name, same: JSON.stringify(pick(go)) === JSON.stringify(pick(ours)) });
      expect(pick(ours)).toEqual(pick(go));
    }, 30000);
  }
  afterAll(() => {
    const same = results.filter((r) => r.same).length;
    console.log(`go mod tidy differential: ${results.length} cases, ${same} identical, ${results.length - same} differing`);
  });
});
