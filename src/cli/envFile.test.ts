// The user's go/env file (`go env -w`) applies to every command, as cfg.Getenv reads it: a
// variable set and non-empty in the OS environment wins, else the file's value. Compared with
// real go: stdout, stderr and exit status of command lines run with a GOENV file (and the
// -mod values go's BuildInit refuses, from the file or the command line).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './main';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';

const work = mkdtempSync(join(tmpdir(), 'modscope-envfile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A main module whose go.sum lacks the entries -mod=readonly needs; the module it requires is
// replaced by a local directory, so no proxy is involved.
function layout(dir: string): void {
  mkdirSync(join(dir, 'dep'), { recursive: true });
  writeFileSync(join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => ./dep\n');
  writeFileSync(join(dir, 'main.go'), 'package main\n\nimport _ "example.com/dep"\n\nfunc main() {}\n');
  writeFileSync(join(dir, 'dep', 'go.mod'), 'module example.com/dep\n\ngo 1.21\n');
  writeFileSync(join(dir, 'dep', 'dep.go'), 'package dep\n');
}

const cases: { name: string; file: string; env: Record<string, string>; args: string[] }[] = [
  { name: 'GOFLAGS from the file', file: 'GOFLAGS=-mod=mod\n', env: {}, args: ['list', '-m', 'all'] },
  { name: 'bad GOFLAGS from the file', file: 'GOFLAGS=-mod=bogus\n', env: {}, args: ['list', '-m', 'all'] },
  { name: 'OS environment wins', file: 'GOFLAGS=-mod=bogus\n', env: { GOFLAGS: '-mod=mod' }, args: ['list', '-m', 'all'] },
  { name: 'empty OS value falls back to the file', file: 'GOFLAGS=-mod=bogus\n', env: { GOFLAGS: '' }, args: ['list', '-m', 'all'] },
  { name: '-mod=bogus on the command line (list)', file: '', env: {}, args: ['list', '-mod=bogus', 'all'] },
  { name: '-mod=bogus on the command line (build)', file: '', env: {}, args: ['build', '-mod=bogus', '.'] },
  { name: 'bad GOFLAGS from the file (build)', file: 'GOFLAGS=-mod=bogus\n', env: {}, args: ['build', '.'] },
  { name: 'GOPROXY=off from the file', file: 'GOPROXY=off\n', env: {}, args: ['list', '-m', 'example.com/other@latest'] },
  { name: 'go env reads it too', file: 'GOPROXY=off\nGOFLAGS=-mod=mod\n', env: {}, args: ['env', 'GOPROXY', 'GOFLAGS'] },
];

let seq = 0;
async function run(tool: 'go' | 'ours', c: (typeof cases)[number]) {
  const dir = join(work, String(seq++));
  layout(dir);
  writeFileSync(join(dir, 'envfile'), c.file);
  const env = goEnv({ GOENV: join(dir, 'envfile'), GOPROXY: '', GOFLAGS: undefined, ...c.env });
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  if (tool === 'go') {
    const p = spawnSync(GO as string, c.args, { cwd: dir, env, encoding: 'utf8' });
    return { stdout: p.stdout, stderr: p.stderr.split(dir).join('$DIR'), exitCode: p.status };
  }
  let stdout = '';
  let stderr = '';
  const exitCode = await runCommand(c.args, { cwd: dir, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { stdout, stderr: stderr.split(dir).join('$DIR'), exitCode };
}

describe('the go/env file applies to every command as in real go', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const [want, got] = [await run('go', c), await run('ours', c)];
      expect(got).toEqual(want);
    });
  }
});
