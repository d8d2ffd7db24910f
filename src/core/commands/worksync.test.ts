// Differential tests of `go work sync` against real go 1.23: workspaces over a file:// proxy of
// synthetic modules (modtestfixtures), hand-picked shapes plus seeded random workspaces; every
// file of the workspace tree (go.work, go.work.sum, each go.mod / go.sum), stdout, stderr and
// exit status compared byte for byte.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';
import { mainGo, makeProxy, normStderr } from './modtestfixtures';
import { rng } from '../imports/testgen';

let work: string;
let proxy: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-worksync-'));
  proxy = makeProxy(join(work, 'proxy'));
});
afterAll(() => removeAll(work));

interface Case extends Omit<Scenario, 'args'> {
  name: string;
  args?: string[];
}

const gomod = (path: string, go: string | null, reqs: string[] = []) =>
  `module ${path}\n${go === null ? '' : `\ngo ${go}\n`}${reqs.length ? `\nrequire (\n${reqs.map((r) => `\t${r}\n`).join('')})\n` : ''}`;

const cases: Case[] = [
  {
    name: 'workspace selects a higher version for one module',
    files: {
      'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
      'a/go.mod': gomod('example.com/a', '1.22', ['ex.com/b v1.0.0']),
      'a/a.go': mainGo(['ex.com/b']),
      'b/go.mod': gomod('example.com/b', '1.22', ['ex.com/a v1.1.0']),
      'b/b.go': mainGo(['ex.com/a']),
    },
  },
  {
    name: 'go line raised from a module, toolchain recorded',
    files: {
      'go.work': 'go 1.18\n\nuse ./a\nuse ./b\n',
      'a/go.mod': gomod('example.com/a', '1.21.3', ['ex.com/c v1.0.0']),
      'a/a.go': mainGo(['ex.com/c']),
      'b/go.mod': gomod('example.com/b', '1.20', ['ex.com/c v1.1.0']),
      'b/b.go': mainGo(['ex.com/c']),
    },
  },
  {
    name: 'quoted and repeated use lines rewritten',
    files: {
      'go.work': 'go 1.21\n\nuse "./a" // first\n\nuse (\n\t"b"\n)\n',
      'a/go.mod': gomod('example.com/a', '1.21', []),
      'a/a.go': mainGo([]),
      'b/go.mod': gomod('example.com/b', '1.17', ['ex.com/t v1.0.0']),
      'b/b_test.go': 'package main\nimport _ "ex.com/t"\n',
      'b/b.go': mainGo([]),
    },
  },
  {
    name: 'run from a module directory (use paths relative to cwd)',
    cwd: 'a',
    files: {
      'go.work': 'go 1.22\n\nuse (\n\t"./a"\n\t"./b"\n)\n',
      'a/go.mod': gomod('example.com/a', '1.22', ['ex.com/c v1.0.0']),
      'a/a.go': mainGo(['ex.com/c']),
      'b/go.mod': gomod('example.com/b', '1.22', ['ex.com/c v1.1.0']),
      'b/b.go': mainGo(['ex.com/c']),
    },
  },
  {
    name: 'module without a go line, unpruned graph',
    files: {
      'go.work': 'go 1.19\n\nuse ./a\nuse ./b\n',
      'a/go.mod': gomod('example.com/a', null, ['ex.com/a v1.0.0']),
      'a/a.go': mainGo(['ex.com/a']),
      'b/go.mod': gomod('example.com/b', '1.16', ['ex.com/b v1.1.0']),
      'b/b.go': mainGo(['ex.com/b']),
    },
  },
  {
    name: 'workspace module imports another workspace module',
    files: {
      'go.work': 'go 1.22\n\nuse ./a\nuse ./b\n',
      'a/go.mod': gomod('example.com/a', '1.22', ['example.com/b v0.0.0', 'ex.com/c v1.0.0']),
      'a/a.go': mainGo(['example.com/b', 'ex.com/c']),
      'b/go.mod': gomod('example.com/b', '1.22', ['ex.com/b v1.1.0']),
      'b/b.go': 'package b\nimport _ "ex.com/b"\n',
    },
  },
  {
    name: 'go.work replace',
    files: {
      'go.work': 'go 1.22\n\nuse ./a\n\nreplace ex.com/c v1.0.0 => ex.com/c v1.1.0\n',
      'a/go.mod': gomod('example.com/a', '1.22', ['ex.com/c v1.0.0']),
      'a/a.go': mainGo(['ex.com/c']),
    },
  },
  { name: 'no go.work', files: { 'go.mod': gomod('example.com/m', '1.22') } },
  {
    name: 'module go.mod too new',
    files: { 'go.work': 'go 1.10\nuse .\n', 'go.mod': 'module example\ngo 1.99999\n', 'p.go': 'package p\n' },
  },
  {
    name: 'module go.mod too new, GOTOOLCHAIN=auto (switch attempted)',
    env: { GOTOOLCHAIN: 'auto' },
    files: { 'go.work': 'go 1.10\nuse .\n', 'go.mod': 'module example\ngo 1.99999\n', 'p.go': 'package p\n' },
  },
  { name: 'go.work too new', files: { 'go.work': 'go 1.99999\nuse .\n', 'go.mod': 'module example\ngo 1.10\n' } },
  { name: 'missing module directory', files: { 'go.work': 'go 1.22\nuse ./nope\n' } },
  { name: 'unknown flag', args: ['work', 'sync', '-x'], files: { 'go.work': 'go 1.22\n' } },
  { name: 'arguments ignored, empty workspace', args: ['work', 'sync', 'extra'], files: { 'go.work': 'go 1.22\n' } },
];

// Seeded random workspaces: 1-3 modules with random go lines, requirements and imports.
const SEED = 20261127;
const rand = rng(SEED);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const deps = ['ex.com/a', 'ex.com/b', 'ex.com/c', 'ex.com/t'];
for (let n = 0; n < 8; n++) {
  const files: Record<string, string> = {};
  const count = 1 + Math.floor(rand() * 3);
  const uses: string[] = [];
  for (let i = 0; i < count; i++) {
    const dir = `m${i}`;
    uses.push(`./${dir}`);
    const imports = deps.filter(() => rand() < 0.4);
    const reqs = imports.filter(() => rand() < 0.8).map((p) => `${p} ${p === 'ex.com/t' ? 'v1.0.0' : pick(['v1.0.0', 'v1.1.0'])}`);
    files[`${dir}/go.mod`] = gomod(`example.com/${dir}`, pick([null, '1.16', '1.17', '1.20', '1.21', '1.22', '1.22.1']), reqs);
    files[`${dir}/x.go`] = mainGo(imports);
  }
  const wgo = pick(['', 'go 1.18\n', 'go 1.21\n', 'go 1.22\n', 'go 1.21\ntoolchain go1.21.5\n']);
  files['go.work'] = `${wgo}\nuse (\n${uses.map((u) => `\t${u}\n`).join('')})\n`;
  cases.push({ name: `random seed ${SEED} #${n}`, files });
}

describe('go work sync vs real go', () => {
  const results: { name: string; same: boolean; exit: number; changed: boolean }[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      const { go, ours } = await runBoth(work, proxy, { ...c, env: { GOWORK: '', ...c.env }, args: c.args ?? ['work', 'sync'] });
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: normStderr(o.stderr), exitCode: o.exitCode, files: o.files });
      const changed = Object.entries(go.files).some(([k, v]) => c.files[k] !== v);
      results.push({ name: c.name, same: JSON.stringify(pick(go)) === JSON.stringify(pick(ours)), exit: go.exitCode, changed });
      expect(pick(ours)).toEqual(pick(go));
    }, 30000);
  }
  afterAll(() => {
    const same = results.filter((r) => r.same).length;
    const changed = results.filter((r) => r.changed).length;
    const failed = results.filter((r) => r.exit !== 0).length;
    console.log(`go work sync differential: ${results.length} cases (go changed files in ${changed}, failed in ${failed}), ${same} identical, ${results.length - same} differing`);
  });
});
