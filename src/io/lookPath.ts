// exec.LookPath for the CLI: the C compiler go env asks (ccProbe.ts) and cgo's default (cfg.go:
// cgo is off when the default C compiler is not on $PATH).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** exec.LookPath: the runnable file name names (a path when it holds a slash, else found on $PATH). */
export function lookPath(name: string, env: Env, cwd: string): string | undefined {
  const runnable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (name.includes('/')) return runnable(resolve(cwd, name)) ? resolve(cwd, name) : undefined;
  for (const d of (env.PATH ?? '').split(delimiter)) {
    const p = resolve(cwd, d === '' ? '.' : d, name);
    if (runnable(p)) return p;
  }
  return undefined;
}

