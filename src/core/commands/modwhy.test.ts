// Differential tests of `go mod why [-m] [-vendor]` against real go 1.23 (stdout, stderr, exit
// status, go.mod/go.sum untouched) over a file:// proxy of testdata/mod and synthetic modules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';
import { mainGo, makeProxy, normStderr } from './modtestfixtures';

let work: string;
let proxy: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-why-'));
  proxy = makeProxy(join(work, 'proxy'));
});
afterAll(() => removeAll(work));

// A tidy module: go.sum lines as real go writes them are produced by running go mod tidy first.
const tidyMain = {
  'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/a v1.0.0\n\nrequire (\n\tex.com/b v1.0.0 // indirect\n\tex.com/c v1.0.0 // indirect\n)\n',
  'main.go': mainGo(['ex.com/a']),
  'x/x.go': 'package x\nimport _ "fmt"\n',
  'x/x_test.go': 'package x\nimport _ "ex.com/c"\n',
};

interface Case extends Scenario {
  name: string;
}

const pre = (files: Record<string, string>): Scenario['files'] => files;

const cases: Case[] = [
  { name: 'package chain', args: ['mod', 'why', 'ex.com/c'], files: pre(tidyMain) },
  { name: 'several packages', args: ['mod', 'why', 'ex.com/b', 'ex.com/a', 'fmt', 'ex.com/nope'], files: pre(tidyMain) },
  { name: '-m', args: ['mod', 'why', '-m', 'ex.com/c', 'ex.com/b', 'ex.com/unused'], files: pre(tidyMain) },
  { name: '-vendor', args: ['mod', 'why', '-vendor', 'ex.com/c'], files: pre(tidyMain) },
  { name: '-m version query', args: ['mod', 'why', '-m', 'ex.com/c@v1.0.0'], files: pre(tidyMain) },
  { name: 'local package', args: ['mod', 'why', './x'], files: pre(tidyMain) },
  { name: 'go 1.15 all', args: ['mod', 'why', 'ex.com/c'], files: pre({ ...tidyMain, 'go.mod': 'module m\n\ngo 1.15\n\nrequire ex.com/a v1.0.0\n' }) },
];

describe('go mod why vs real go', () => {
  const results: boolean[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      // Fill go.sum with real go's tidy first (same input for both sides).
      const { go: tidied } = await runBoth(work, proxy, { files: c.files, args: ['mod', 'tidy'] });
      const files = { ...c.files, 'go.mod': tidied.files['go.mod']!, ...(tidied.files['go.sum'] ? { 'go.sum': tidied.files['go.sum'] } : {}) };
      const { go, ours } = await runBoth(work, proxy, { ...c, files });
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: normStderr(o.stderr), exitCode: o.exitCode, gomod: o.files['go.mod'], gosum: o.files['go.sum'] });
      results.push(JSON.stringify(pick(go)) === JSON.stringify(pick(ours)));
      expect(pick(ours)).toEqual(pick(go));
    }, 30000);
  }
  afterAll(() => console.log(`go mod why differential: ${results.length} cases, ${results.filter((x) => x).length} identical`));
});
