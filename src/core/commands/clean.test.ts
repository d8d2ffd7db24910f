// Differential tests of `go clean` (packages, -r, -i, -n, -x, -modcache, flag and argument
// errors) against real go 1.23: the module tree's files after the run, stdout, stderr and exit
// status compared (paths made relative by the harness).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';
import { mainGo, makeProxy, normStderr } from './modtestfixtures';

let work: string;
let proxy: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-clean-'));
  proxy = makeProxy(join(work, 'proxy'));
});
afterAll(() => removeAll(work));

// Leftovers of every kind clean knows, plus files it must keep.
const leftovers = (dir: string, extra: string[] = []): Record<string, string> => {
  const o: Record<string, string> = {};
  for (const f of ['test.out', 'build.out', 'a.out', '_testmain.go', 'x.o', 'lib.a', 'z.so', 'k.6', 'keep.txt', 'keep.out', '_obj/o.txt', '_test/t.txt', 'sub/test.out', ...extra]) {
    o[`${dir}${dir ? '/' : ''}${f}`] = 'x\n';
  }
  return o;
};

const mainMod = {
  'go.mod': 'module example.com/m\n\ngo 1.22\n\nrequire (\n\tex.com/c v1.0.0\n\texample.com/r v0.0.0\n)\n\nreplace example.com/r => ./r\n',
  'go.sum': 'ex.com/c v1.0.0 h1:8JcJ6U1H9I2C47hvSsCwMxhXBh23kltNTsrUz2bQ2aU=\nex.com/c v1.0.0/go.mod h1:72t4VFXUbvXMmhwyjmvdaO/Qo8fpqf0y61eA9PcdfEw=\n',
  'main.go': mainGo(['example.com/r', 'example.com/m/lib']),
  'main_test.go': 'package main\n',
  'tool.go': '//go:build ignore\n\npackage main\n',
  ...leftovers('', ['m', 'm.exe', 'm.test', 'main', 'tool', 'tool.exe', 'main.test', 'other']),
  'lib/lib.go': 'package lib\n\nimport _ "ex.com/c"\n',
  'lib/lib_test.go': 'package lib\n',
  'lib/gen.go': '//go:build ignore\n\npackage main\n',
  ...leftovers('lib', ['lib', 'lib.test', 'gen', 'gen.exe', 'lib_test.go.x']),
  'r/go.mod': 'module example.com/r\n\ngo 1.22\n',
  'r/r.go': 'package r\n',
  ...leftovers('r', ['r.test', 'r']),
};

interface Case extends Omit<Scenario, 'args' | 'files'> {
  name: string;
  args: string[];
  files?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'bare go clean in a module', args: ['clean'] },
  { name: '-n', args: ['clean', '-n'] },
  { name: '-x', args: ['clean', '-x'] },
  { name: '-r', args: ['clean', '-r'] },
  { name: '-r -n (standard library packages too)', args: ['clean', '-r', '-n'], files: { ...mainMod, 'main.go': mainGo(['example.com/r', 'errors']) } },
  { name: 'library package', args: ['clean', './lib'] },
  { name: 'pattern ./...', args: ['clean', '-x', './...'] },
  { name: 'from a subdirectory', args: ['clean', '-r'], cwd: 'lib' },
  { name: '-i -n', args: ['clean', '-i', '-n'] },
  { name: '-r -modcache', args: ['clean', '-r', '-modcache'] },
  { name: '-modcache -n only', args: ['clean', '-modcache', '-n'] },
  { name: 'missing package', args: ['clean', 'example.com/m/nosuch'] },
  { name: 'not in std', args: ['clean', 'nosuch/pkg'] },
  { name: '-modcache with packages', args: ['clean', '-modcache', './lib'] },
  { name: '-testcache with packages', args: ['clean', '-testcache', 'x'] },
  { name: 'unknown flag', args: ['clean', '-bogus'] },
  { name: 'major version exec name', args: ['clean'], files: { 'go.mod': 'module example.com/tool/v2\n\ngo 1.22\n', 'main.go': mainGo([]), ...leftovers('', ['tool', 'tool.test', 'v2', 'v2.test']) } },
  { name: 'no package in the directory', args: ['clean', '-n'], files: { 'go.mod': 'module example.com/e\n\ngo 1.22\n', ...leftovers('') } },
];

describe('go clean vs real go', () => {
  const results: { name: string; same: boolean }[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      const { go, ours } = await runBoth(work, proxy, { ...c, files: c.files ?? mainMod, baseCache: undefined });
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: normStderr(o.stderr), exitCode: o.exitCode, files: o.files });
      results.push({ name: c.name, same: JSON.stringify(pick(go)) === JSON.stringify(pick(ours)) });
      expect(pick(ours)).toEqual(pick(go));
    }, 30000);
  }
  afterAll(() => {
    const same = results.filter((r) => r.same).length;
    console.log(`go clean differential: ${results.length} cases, ${same} identical, ${results.length - same} differing`);
  });
});
