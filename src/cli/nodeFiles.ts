// Finding and reading the main module's files on disk for the CLI.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The directory holding go.mod at or above dir (modload.findModuleRoot), or undefined. */
export function findModuleRoot(dir: string): string | undefined {
  let d = resolve(dir);
  for (;;) {
    const f = join(d, 'go.mod');
    if (existsSync(f) && statSync(f).isFile()) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export const noGoModText =
  "go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n";
