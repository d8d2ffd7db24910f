// Test support for differential tests over module trees on disk: writing a tree, setting its
// mtimes (go's module index reads only directories untouched for 2 s), comparing outputs and
// running jobs a few at a time.
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runModscope, runRealGo, type RunOut } from './compareRuns';

export type Tree = Record<string, string | Uint8Array>;

/** Writes the files (paths relative to dir), creating their directories. */
export function writeTree(dir: string, files: Tree): void {
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
}

/** Sets every mtime under dir: fresh = now (go will not index it), else an hour ago. */
export function setTimes(dir: string, fresh: boolean): void {
  const t = Date.now() / 1000 - (fresh ? 0 : 3600);
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) utimesSync(join(dir, rel), t, t);
  utimesSync(dir, t, t);
}

/** The first differing line of two texts (go's, then modscope's), with two lines around it. */
export function firstDiff(what: string, a: string, b: string): string {
  const l1 = a.split('\n');
  const l2 = b.split('\n');
  const i = l1.findIndex((l, j) => l !== l2[j]);
  const at = i >= 0 ? i : l1.length;
  return `${what} line ${at + 1}:\n  go ${JSON.stringify(l1.slice(Math.max(0, at - 2), at + 2))}\n  ms ${JSON.stringify(l2.slice(Math.max(0, at - 2), at + 2))}`;
}

/** Runs the jobs, at most n at a time; their results in order. */
export async function limited<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const running = new Set<Promise<unknown>>();
  const results: Promise<T>[] = [];
  for (const job of jobs) {
    while (running.size >= n) await Promise.race(running);
    const r = job();
    results.push(r);
    const done: Promise<unknown> = r.finally(() => running.delete(done));
    running.add(done);
  }
  return Promise.all(results);
}

/**
 * Runs one go command line with real go, then with modscope, over the same tree: mtimes set
 * before each (fresh or an hour old), and go.mod put back as it was before modscope's run.
 */
export async function runBoth(args: string[], dir: string, env: Record<string, string>, fresh: boolean): Promise<{ g: RunOut; m: RunOut }> {
  const mod = readFileSync(join(dir, 'go.mod'));
  setTimes(dir, fresh);
  const g = await runRealGo(args, dir, env);
  writeFileSync(join(dir, 'go.mod'), mod);
  setTimes(dir, fresh);
  const m = await runModscope(args, dir, env);
  return { g, m };
}
