// Go's own testdata for tests (read at test time, never copied): the txtar archives in
// directories of $GOROOT/src.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from './gotool.mjs';

/** The text of every .txt file in the given $GOROOT/src directories, in name order per directory. */
export function goTestdataTxtars(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) =>
    readdirSync(join(GOROOT_SRC as string, d))
      .sort()
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(GOROOT_SRC as string, d, f), 'utf8')),
  );
}
