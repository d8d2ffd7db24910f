// go's two streams as a terminal shows them (2>&1): loading's warnings, "go: downloading" lines and
// errors on stderr, the answer on stdout, in the order go writes them. Real go runs with both
// streams on one file; modscope's CLI in-process with one sink (CommandResult.stdoutAfter).
// Generated universes, each command in one copy of the main module per tool, caches fresh per seed.
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { fatalChecksumRace, sortProgressRuns } from '../../scripts/universe/differential';
import { generateUniverse } from '../../scripts/universe/generator';
import { writeMainModule, writeProxyDir } from '../../scripts/universe/proxyDir';
import { runCommand } from './main';

const SEEDS = [3, 7, 11, 19, 23];
const COMMANDS: string[][] = [
  ['mod', 'graph'],
  ['list', '-m', 'all'],
  ['list', '-m', '-json', 'all'],
  ['mod', 'why', '-m', 'all'],
  ['list', '-deps', './...'],
  ['list', '-e', '-deps', '-test', './...'],
  ['mod', 'tidy', '-diff'],
  ['mod', 'download', '-json'],
  ['mod', 'verify'],
  ['env', 'GOMOD', 'GOFLAGS'],
  ['mod', 'why', 'all'],
];

// A template error ends the output: what was written, and what the failing template wrote before
// the error, come first (list.go: out.Flush before base.Fatalf).
const TEMPLATE_ERRORS: string[][] = [
  ['list', '-deps', '-f', '{{.ImportPath}} {{if not .Standard}}{{.Nope}}{{end}}x', './...'],
  ['list', '-deps', '-f', '{{if not .Standard}}{{index .Imports 5}}{{end}}{{.Name}}', './...'],
  ['list', '-m', '-f', '{{.Path}} {{.Nope}}', 'all'],
  ['list', '-m', '-json', '-f', '{{.Path}}', 'all'],
];

const root = mkdtempSync(join(tmpdir(), 'modscope-order-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Real go with stdout and stderr on one file, as `2>&1` does. */
function realGoMerged(args: string[], cwd: string, env: Record<string, string>): string {
  const out = join(cwd, '..', 'merged.txt');
  const fd = openSync(out, 'w');
  try {
    const r = spawnSync(GO as string, args, { cwd, env, stdio: ['ignore', fd, fd] });
    return readFileSync(out, 'utf8') + `exit ${r.status}\n`;
  } finally {
    closeSync(fd);
  }
}

async function modscopeMerged(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  let all = '';
  const code = await runCommand(args, { cwd, env, stdout: (t) => void (all += t), stderr: (t) => void (all += t) });
  return all + `exit ${code}\n`;
}

describe('stdout and stderr in go order (2>&1)', () => {
  it('template errors after output', async () => {
    const dir = join(root, 'tmpl');
    const tree = (tool: string) => {
      const d = join(dir, tool);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
      writeFileSync(join(d, 'main.go'), 'package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nfunc main() { fmt.Println(strings.ToUpper("x")) }\n');
      return d;
    };
    const env = goEnv({ GOMODCACHE: join(dir, 'cache') }) as Record<string, string>;
    const [g, m] = [tree('go'), tree('ms')];
    const diffs: string[] = [];
    for (const args of TEMPLATE_ERRORS) {
      const a = realGoMerged(args, g, env).replaceAll(g, '$WORK');
      const b = (await modscopeMerged(args, m, env)).replaceAll(m, '$WORK');
      if (a !== b) diffs.push(createTwoFilesPatch('go', 'modscope', a, b, '', '', { context: 2 }).split('\n').slice(2).join('\n').replace(/^/, `go ${args.join(' ')}\n`));
    }
    expect(diffs.join('\n')).toBe('');
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const u = generateUniverse(seed);
      const dir = join(root, String(seed));
      const proxy = join(dir, 'proxy');
      writeProxyDir(u, proxy);
      writeMainModule(u, join(dir, 'src'), '');
      const side = (tool: string) => {
        const d = join(dir, tool, 'main');
        cpSync(join(dir, 'src'), d, { recursive: true });
        const env = goEnv({ GOPROXY: `file://${proxy}`, GOFLAGS: '-modcacherw', GOMODCACHE: join(dir, tool, 'cache') }) as Record<string, string>;
        return { d, env, norm: (t: string) => t.replaceAll(join(dir, tool), '$WORK') };
      };
      const go = side('go');
      const ms = side('ms');
      const diffs: string[] = [];
      for (const args of COMMANDS) {
        const g = go.norm(realGoMerged(args, go.d, go.env));
        const m = ms.norm(await modscopeMerged(args, ms.d, ms.env));
        // go's fatal checksum race: which downloads precede the error varies run to run
        const drop = (t: string) => (fatalChecksumRace(g) ? t.split('\n').filter((l) => !l.startsWith('go: downloading ')).join('\n') : t);
        const [a, b] = [sortProgressRuns(drop(g)), sortProgressRuns(drop(m))];
        if (a !== b) diffs.push(createTwoFilesPatch('go', 'modscope', a, b, '', '', { context: 2 }).split('\n').slice(2).join('\n').replace(/^/, `go ${args.join(' ')}\n`));
      }
      expect(diffs.join('\n')).toBe('');
    }, 120_000);
  }
});
