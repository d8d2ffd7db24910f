// Test support: one go command line run by the real go (a child process) and by modscope's CLI
// in-process, with the same working directory and environment, for differential tests.
import { execFile } from 'node:child_process';
// @ts-expect-error plain ESM helper without types
import { GO } from '../../scripts/gotool.mjs';
import { runCommand } from './main';

export interface RunOut {
  code: number;
  stdout: string;
  stderr: string;
}

export function runRealGo(args: string[], cwd: string, env: Record<string, string>): Promise<RunOut> {
  return new Promise((ok) => {
    execFile(GO as string, args, { cwd, env }, (err, stdout, stderr) => {
      ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export async function runModscope(args: string[], cwd: string, env: Record<string, string>): Promise<RunOut> {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(args, { cwd, env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}
