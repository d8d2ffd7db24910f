// Runs the real go command (Go 1.23, offline) for differential tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from './gotool.mjs';

export interface GoRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function runGo(args: string[], opts: { cwd: string; env?: Record<string, string> }): GoRun {
  const r = spawnSync(GO as string, args, { cwd: opts.cwd, env: goEnv(opts.env ?? {}), encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

/** `go mod edit <args>` on a go.mod holding `gomod`; returns the run and the file afterwards. */
export function goModEdit(gomod: string, args: string[]): GoRun & { gomod: string } {
  const dir = mkdtempSync(join(tmpdir(), 'modscope-edit-'));
  try {
    writeFileSync(join(dir, 'go.mod'), gomod);
    const run = runGo(['mod', 'edit', ...args], { cwd: dir });
    return { ...run, gomod: readFileSync(join(dir, 'go.mod'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
