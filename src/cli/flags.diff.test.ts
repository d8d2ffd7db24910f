// Differential test of command lines (flags, flag syntax, arguments, -C, $GOFLAGS) for every go
// command modscope implements, against real go 1.23: seeded lines from flagLines.ts run over four
// small repos (a module requiring example.com/dep from a file:// proxy, the same vendored, a
// directory without go.mod, a workspace), each in an identical fresh copy at the same path with
// fresh GOMODCACHE/GOCACHE. stdout, stderr, exit status and every file of the tree are compared
// byte for byte. Where go gets as far as compiling (go build/run/test/vet passing their module
// checks, or compiler output "# pkg"), modscope only says its checks passed: such lines compare
// the exit status (and go.mod/go.sum) only.
// MODSCOPE_FLAG_SEEDS=A-B[,C-D,E] runs other seeds (a longer run by hand; differing lines are printed).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO } from '../../scripts/gotool.mjs';
import { removeAll, snapshotTree, synthProxyDir } from './fetchTestHarness';
import { flagLine, type FlagLine, type RepoName } from './flagLines';
import { firstDiff, limited, writeTree } from './goTrees';
import { runCommand } from './main';
import { passedText } from '../core/commands/buildcheck';

const range = /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(process.env.MODSCOPE_FLAG_SEEDS ?? '') ? process.env.MODSCOPE_FLAG_SEEDS! : undefined;
const seeds = (range ?? '1-100').split(',').flatMap((r) => {
  const [a, b = a] = r.split('-').map(Number) as [number, number?];
  return Array.from({ length: b! - a + 1 }, (_, i) => a + i);
});

let tmp: string;
const proxy = () => join(tmp, 'proxy');
const template = (r: RepoName) => join(tmp, 'templates', r);

const depMod = (v: string) => ({ path: 'example.com/dep', version: v, gomod: 'module example.com/dep\n\ngo 1.18\n', files: { 'dep.go': 'package dep\n\nfunc F() {}\n' } });
const mainMod = 'module example.com/m\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n';
const modFiles = {
  'go.mod': mainMod,
  'alt.mod': mainMod,
  'alt.txt': mainMod,
  'main.go': 'package main\n\nimport "example.com/dep"\n\nfunc main() { dep.F() }\n',
  'sub/sub.go': 'package sub\n',
  'overlay.json': '{"Replace":{"sub/extra.go":"extra.txt"}}\n',
  'extra.txt': 'package sub\n',
  'bad.json': '{',
  'reuse.json': '{"Path":"example.com/dep","Version":"v1.0.0"}\n',
};

/** Runs real go; a line still running after timeoutMs is killed with its children (code -2). */
function goRun(args: string[], cwd: string, env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const c = spawn(GO as string, args, { cwd, env, detached: true });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    let killed = false;
    const t = setTimeout(() => {
      killed = true;
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    c.on('close', (code) => {
      clearTimeout(t);
      ok({ code: killed ? -2 : (code ?? -1), stdout, stderr });
    });
  });
}

function env(root: string, goflags: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(root, 'home'),
    GOTOOLCHAIN: 'local',
    GOPROXY: 'file://' + proxy(),
    GOSUMDB: 'off',
    GOENV: 'off',
    GOCACHE: join(root, 'gocache'),
    GOMODCACHE: join(root, 'modcache'),
    GOPATH: join(root, 'gopath'),
    CGO_ENABLED: '0',
    MODSCOPE_CACHE: join(root, 'modscope'),
    ...(goflags !== '' ? { GOFLAGS: goflags } : {}),
  };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'modscope-flags-'));
  synthProxyDir(proxy(), [depMod('v1.0.0'), depMod('v1.1.0'), { path: 'example.com/other', version: 'v1.0.0', gomod: 'module example.com/other\n\ngo 1.18\n', files: { 'o.go': 'package other\n' } }]);
  const e = env(join(tmp, 'setup'), '-modcacherw');
  const mod = template('mod');
  writeTree(mod, modFiles);
  await goRun(['mod', 'download', 'example.com/dep'], mod, e);
  const sum = await goRun(['mod', 'tidy'], mod, e);
  if (sum.code !== 0) throw new Error(sum.stderr);
  cpSync(join(mod, 'go.sum'), join(mod, 'alt.sum'));
  cpSync(mod, template('vendor'), { recursive: true });
  const v = await goRun(['mod', 'vendor'], template('vendor'), e);
  if (v.code !== 0) throw new Error(v.stderr);
  const { 'go.mod': _m, 'alt.mod': _a, ...noMod } = modFiles;
  writeTree(template('nomod'), noMod);
  writeTree(template('work'), { 'go.work': 'go 1.23\n\nuse (\n\t./a\n\t./b\n)\n', 'b/go.mod': 'module example.com/b\n\ngo 1.22\n', 'b/b.go': 'package b\n', 'sub/x.txt': '' });
  cpSync(mod, join(template('work'), 'a'), { recursive: true });
}, 60_000);
afterAll(() => {
  try {
    removeAll(tmp);
  } catch {
    // a killed go's children still writing
  }
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
}

/**
 * What go writes that modscope cannot know: -debug-trace/-debug-actiongraph files (timestamps of
 * go's own run), -work's "WORK=<random temporary directory>" line (left out of both sides), and
 * go env's GOGCCFLAGS naming a random /tmp/go-build<N> (N written as N on both sides).
 */
const unknowable = { files: ['trace.out', 'ag.json'], work: /^WORK=\/tmp\/go-buildN\n/m, buildDir: /\/tmp\/go-build\d+/g };

/**
 * go get resolves its arguments in parallel (modget queries): the order of adjacent
 * "go: downloading" lines differs from run to run of the same go, so each such run is sorted.
 */
function downloadsSorted(t: string): string {
  return t.replace(/(^go: downloading [^\n]*\n){2,}/gm, (block) => block.split(/(?<=\n)/).sort().join(''));
}

let runs = 0;
/** Runs one tool over a fresh copy of the repo in a new directory, fresh caches; the directory is $ROOT in the outputs. */
async function runOne(tool: 'go' | 'ours', line: FlagLine): Promise<Outcome> {
  const root = join(tmp, `run${runs++}`);
  const w = join(root, 'w');
  cpSync(template(line.repo), w, { recursive: true });
  mkdirSync(join(root, 'home'), { recursive: true });
  const e = env(root, line.goflags);
  let r: { code: number; stdout: string; stderr: string };
  // go build/run/test/vet that run this long are compiling (their module checks are long done)
  if (tool === 'go') r = await goRun(line.args, w, e, buildCmds.has(cmdOf(line.args)) ? 15_000 : 60_000);
  else {
    let stdout = '';
    let stderr = '';
    let code: number;
    try {
      code = await runCommand(line.args, { cwd: w, env: e, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
    } catch (err) {
      code = -1;
      stderr += `modscope threw: ${(err as Error).stack}`;
    }
    r = { code, stdout, stderr };
  }
  const norm = (s: string) => s.split(root).join('$ROOT').replace(unknowable.buildDir, '/tmp/go-buildN');
  const files = snapshotTree(w);
  for (const f of Object.keys(files)) if (unknowable.files.includes(f.slice(f.lastIndexOf('/') + 1))) delete files[f];
  const out = { code: r.code, stdout: norm(r.stdout), stderr: downloadsSorted(norm(r.stderr).replace(unknowable.work, '')), files };
  try {
    removeAll(root);
  } catch {
    // a killed go's children may still be writing; afterAll removes it
  }
  return out;
}

const buildCmds = new Set(['build', 'run', 'test', 'vet']);
/** The command words of a line (after any -C). */
function cmdOf(args: string[]): string {
  const a = args[0] === '-C' ? args.slice(2) : args[0]?.startsWith('-C=') || args[0]?.startsWith('--C=') ? args.slice(1) : args;
  return a[0] ?? '';
}

/** The differences of one line, or null; "skip" where go compiled (modscope cannot). */
async function compare(line: FlagLine): Promise<string | null | 'compile'> {
  const g = await runOne('go', line);
  const m = await runOne('ours', line);
  const show = `seed ${line.seed} [${line.repo}]${line.goflags !== '' ? ` GOFLAGS=${JSON.stringify(line.goflags)}` : ''} go ${line.args.map((a) => (/^[\w./@=,:-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}`;
  const cmd = cmdOf(line.args);
  let keys: string[] = ['code', 'stdout', 'stderr', 'files'];
  let compiled = false;
  if (buildCmds.has(cmd) || (cmd === 'list' && /(^|\s)--?(export|compiled)\b/.test(line.args.join(' ')))) {
    // (a -toolexec program runs the compiler: 'parsing buildID from go tool compile')
    compiled = g.code === 0 || g.code === -2 || /^# /m.test(g.stderr) || /^(compile|link|vet): |^go: parsing buildID from go tool /m.test(g.stderr);
    if (compiled) {
      // go went on to compile: modscope's checks must pass (go.mod and go.sum as go left them)
      keys = ['code', 'go.mod', 'go.sum'];
      if (g.code !== 0) keys = ['go.mod', 'go.sum'];
      if (m.code !== 0 || !m.stderr.endsWith(passedText)) return `${show}\n  go compiled (exit ${g.code}); modscope: exit ${m.code}\n${m.stderr}`;
    }
  }
  for (const k of keys) {
    const a = k === 'files' ? JSON.stringify(g.files, null, 1) : k in g ? String(g[k as keyof Outcome]) : String(g.files[k] ?? '<none>');
    const b = k === 'files' ? JSON.stringify(m.files, null, 1) : k in m ? String(m[k as keyof Outcome]) : String(m.files[k] ?? '<none>');
    if (a !== b) return `${show}\n${firstDiff(k, a, b)}${k === 'code' ? `\n  go stderr ${JSON.stringify(g.stderr.slice(0, 400))}\n  ms stderr ${JSON.stringify(m.stderr.slice(0, 400))}` : ''}`;
  }
  return compiled ? 'compile' : null;
}

describe('go command lines: flags, arguments, -C and $GOFLAGS', () => {
  it(`match real go (seeds ${seeds[0]}-${seeds[seeds.length - 1]})`, async () => {
    const results = await limited(
      seeds.map((seed) => () => compare(flagLine(seed))),
      3,
    );
    const diffs = results.filter((r): r is string => r !== null && r !== 'compile');
    const compiled = results.filter((r) => r === 'compile').length;
    console.log(`flag lines: ${results.length} compared (${compiled} reaching go's compile stage: exit status and go.mod/go.sum only), ${results.length - diffs.length} identical, ${diffs.length} differing`);
    if (range) for (const d of diffs) console.log(d);
    if (!range) expect(diffs).toEqual([]);
  }, 600_000);
});
