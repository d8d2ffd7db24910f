// Differential test of the "internal" import rule (internalrule.ts, as go list applies it)
// against real go 1.23: imports of internal packages of the main module, of a replaced module
// and of std, from packages, their tests, and Go files named on the command line inside and
// outside the main module (cmd/go/internal/load/pkg.go: disallowInternal).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth } from '../../cli/fetchTestHarness';
import { makeProxy, normStderr } from './modtestfixtures';

let work: string;
let proxy: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-internalrule-'));
  proxy = makeProxy(join(work, 'proxy'));
});
afterAll(() => removeAll(work));

const xtest = 'package foo_test\n\nimport (\n\t"testing"\n\t"example.com/internal"\n)\n\nfunc TestX(t *testing.T) { _ = internal.Hacks }\n';
const files: Record<string, string> = {
  'foo/go.mod': 'module example.com/foo\ngo 1.12\nrequire example.com/internal v0.0.0\nreplace example.com/internal => ../internal\n',
  'foo/foo.go': 'package foo\n\nimport _ "example.com/internal"\n',
  'foo/foo_test.go': xtest,
  'foo_test.go': xtest,
  'foo/a/internal/x/x.go': 'package x\n',
  'foo/a/b/b.go': 'package b\n\nimport _ "example.com/foo/a/internal/x"\n',
  'foo/c/c.go': 'package c\n\nimport (\n\t"fmt"\n\t_ "example.com/foo/a/internal/x"\n)\n\nvar _ = fmt.Sprint\n',
  'foo/d/d.go': 'package d\n\nimport _ "internal/abi"\n',
  'foo/e/e.go': 'package e\n',
  'foo/e/e_test.go': 'package e_test\n\nimport _ "example.com/foo/a/internal/x"\n',
  'foo/e/i_test.go': 'package e\n\nimport _ "internal/race"\n',
  'foo/f/f.go': 'package f\n\nimport _ "example.com/foo/c"\n',
  'internal/go.mod': 'module example.com/internal\n',
  'internal/internal.go': 'package internal\n\nconst Hacks = true\n',
};

const f = '{{.ImportPath}} {{.Incomplete}}{{with .Error}} ERR {{.}}{{end}}{{range .DepsErrors}} DEP {{.}}{{end}}';
const argLists: string[][] = [
  ['list', '-e', '-f', f, './...'],
  ['list', '-e', '-test', '-f', f, './...'],
  ['list', '-test', '-deps', '../foo_test.go'],
  ['list', '-e', '-test', '-deps', '-f', f, '../foo_test.go'],
  ['list', '-test', '-deps', 'foo_test.go'],
  ['list', '-deps', './c'],
  ['list', './f'],
  ['list', './d'],
  ['list', '-test', './e'],
  ['list', '-e', '-json=ImportPath,Error,DepsErrors', './c', './f'],
];

describe('internal import rule vs real go', () => {
  const same: boolean[] = [];
  for (const args of argLists) {
    test(args.join(' '), async () => {
      const { go, ours } = await runBoth(work, proxy, { files, args, cwd: 'foo' });
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: normStderr(o.stderr), exitCode: o.exitCode });
      same.push(JSON.stringify(pick(go)) === JSON.stringify(pick(ours)));
      expect(pick(ours)).toEqual(pick(go));
    });
  }
  afterAll(() => {
    console.log(`internal rule differential: ${same.length} cases, ${same.filter((x) => x).length} identical, ${same.filter((x) => !x).length} differing`);
  });
});
