// A malformed go.sum (a merge conflict, a hand edit) is reported where go reports it: go parses
// go.sum at the first question asked of it (fetch.go initGoSum, from checkModSum / HaveSum /
// TrimGoSum), so a command that asks none succeeds, a lookup that fails first reports that, and
// otherwise readGoSum's base.Fatalf ends the command. Real go and modscope's CLI (in-process) on
// identical trees: stdout, stderr, exit status, go.mod and go.sum after.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { sortProgressRuns } from '../../scripts/universe/differential';
import { generateUniverse } from '../../scripts/universe/generator';
import { writeMainModule, writeProxyDir } from '../../scripts/universe/proxyDir';
import { runModscope, runRealGo } from './compareRuns';

const root = mkdtempSync(join(tmpdir(), 'modscope-badsum-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const COMMANDS: string[][] = [
  ['list', '-m'],
  ['list', '-m', 'all'],
  ['list', './...'],
  ['mod', 'graph'],
  ['mod', 'verify'],
  ['mod', 'download'],
  ['mod', 'why', '-m', 'all'],
  ['mod', 'vendor'],
  ['mod', 'tidy'],
  ['get', '.'],
];

/** Ways a go.sum goes bad, applied to its text. */
const BREAKS: Array<[string, (sum: string) => string]> = [
  ['extra field', (s) => s.replace(/^/, 'x ')],
  ['missing field', (s) => s.replace(/ h1:\S+\n/, '\n')],
  ['merge conflict', (s) => `<<<<<<< HEAD\n${s}=======\n${s}>>>>>>> branch\n`],
  ['no deps, junk', () => 'junk\n'],
];

let proxy = '';
let tidySum = '';
beforeAll(() => {
  const u = generateUniverse(7);
  proxy = join(root, 'proxy');
  writeProxyDir(u, proxy);
  writeMainModule(u, join(root, 'deps'), '');
  // The module with go.sum made by real go's tidy.
  const r = runRealGoSync(['mod', 'tidy'], join(root, 'deps'), join(root, 'prep-cache'));
  if (r !== 0) throw new Error('go mod tidy failed in the fixture');
  tidySum = readFileSync(join(root, 'deps', 'go.sum'), 'utf8');
  const plain = join(root, 'plain');
  cpSync(join(root, 'deps'), plain, { recursive: true });
  writeFileSync(join(plain, 'go.mod'), 'module example.com/plain\n\ngo 1.22\n');
  rmSync(join(plain, 'internal'), { recursive: true, force: true });
  writeFileSync(join(plain, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n');
  rmSync(join(plain, 'main_test.go'), { force: true });
}, 60_000);

function runRealGoSync(args: string[], cwd: string, cache: string): number {
  const env = goEnv({ GOPROXY: `file://${proxy}`, GOFLAGS: '-modcacherw', GOMODCACHE: cache }) as Record<string, string>;
  return spawnSync(GO as string, args, { cwd, env }).status ?? -1;
}

interface Case {
  name: string;
  tree: 'deps' | 'plain';
  /** 'warm': the module cache holds every module (filled by real go); 'empty' with GOPROXY=off. */
  cache: 'warm' | 'empty';
  brk: (s: string) => string;
}

const cases: Case[] = [];
for (const [name, brk] of BREAKS) {
  if (name.startsWith('no deps')) cases.push({ name, tree: 'plain', cache: 'empty', brk });
  else for (const cache of ['warm', 'empty'] as const) cases.push({ name: `${name}, ${cache} cache`, tree: 'deps', cache, brk });
}

describe('malformed go.sum: where go reports it', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const diffs: string[] = [];
      for (const args of COMMANDS) {
        const outs = [];
        for (const tool of ['go', 'ms'] as const) {
          const dir = mkdtempSync(join(root, `${tool}-`));
          const work = join(dir, 'm');
          cpSync(join(root, c.tree), work, { recursive: true });
          writeFileSync(join(work, 'go.sum'), c.brk(c.tree === 'deps' ? tidySum : ''));
          const cache = join(dir, 'cache');
          if (c.cache === 'warm') cpSync(join(root, 'prep-cache'), cache, { recursive: true });
          const env = goEnv({ GOPROXY: c.cache === 'warm' ? `file://${proxy}` : 'off', GOFLAGS: '-modcacherw', GOMODCACHE: cache }) as Record<string, string>;
          const r = tool === 'go' ? await runRealGo(args, work, env) : await runModscope(args, work, env);
          const norm = (t: string) => t.replaceAll(dir, '$WORK');
          outs.push({
            code: r.code,
            stdout: norm(r.stdout),
            stderr: sortProgressRuns(norm(r.stderr)), // go's parallel downloads print in any order
            gomod: readFileSync(join(work, 'go.mod'), 'utf8'),
            gosum: readFileSync(join(work, 'go.sum'), 'utf8'),
          });
        }
        const [g, m] = outs;
        if (JSON.stringify(g) !== JSON.stringify(m)) diffs.push(`go ${args.join(' ')}\n  go:       ${JSON.stringify(g)}\n  modscope: ${JSON.stringify(m)}`);
      }
      expect(diffs.join('\n')).toBe('');
    }, 120_000);
  }
});
