// Differential tests of go build/run/test/vet's module checks against real go 1.23 under the
// default -mod=readonly: failures compared byte for byte (stderr, exit status, go.mod, go.sum);
// where go passes its module checks (and compiles), modscope must pass them too and say that it
// does not compile.
import { mkdtempSync } from 'node:fs';
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
}

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
      const { go, ours } = await runBoth(work, proxy, { ...c, files });
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
