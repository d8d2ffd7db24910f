// Without go's module index (GODEBUG=goindex=0, GOCACHE=off or relative) go reads package
// directories with imports.ScanDir, which keeps the imports of a file with a syntax error in its
// import block (the index drops them) and fails on a NUL byte: `go mod tidy -e` and `go list -deps`
// over such packages, real go vs modscope, with and without the index. With the index on, go still
// reads a local directory with ScanDir when a file in it is fresh (modified < 2 s ago) or a symlink
// (modindex/read.go dirHash).
import { lutimesSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../../../scripts/gotool.mjs';
import { runModscope, runRealGo } from '../../../cli/compareRuns';

const tmp = mkdtempSync(join(tmpdir(), 'modscope-scanmode-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const trees: Record<string, Record<string, string>> = {
  syntax: {
    'p/a.go': 'package p\n\nimport (\n\t"example.com/nowhere"\n\t1\n)\n',
    'p/b.go': 'package p\n',
  },
  nul: {
    'p/a.go': 'package p\n\nimport "example.com/nul"\n\x00\n',
    'p/b.go': 'package p\n',
  },
  twoBuildLines: {
    'p/a.go': '//go:build linux\n//go:build !linux\n\npackage p\n\nimport "example.com/both"\n',
    'p/b.go': 'package p\n',
  },
  symlinkedSyntax: {
    'real/a.txt': 'package p\n\nimport (\n\t"example.com/nowhere"\n\t1\n)\n',
    'p/a.go': 'symlink:../real/a.txt',
    'p/b.go': 'package p\n',
  },
};

/** Writes the tree; fresh leaves its files just written, otherwise they are backdated an hour. */
function writeTree(dir: string, files: Record<string, string>, fresh: boolean): void {
  const all = { 'go.mod': 'module m\n\ngo 1.23\n', 'main.go': 'package main\n\nimport _ "m/p"\n\nfunc main() {}\n', ...files };
  for (const [p, c] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    if (c.startsWith('symlink:')) symlinkSync(c.slice('symlink:'.length), join(dir, p));
    else writeFileSync(join(dir, p), c);
  }
  if (fresh) return;
  // go indexes a local directory only when its files are older than 2s (modindex/read.go: dirHash).
  const t = Date.now() / 1000 - 3600;
  for (const p of [...Object.keys(all), 'p', '.']) (all[p as keyof typeof all]?.startsWith('symlink:') ? lutimesSync : utimesSync)(join(dir, p), t, t);
}

describe('package scan mode (index vs imports.ScanDir)', () => {
  const settings: [string, Record<string, string>, boolean][] = [
    ['index', {}, false],
    ['index, fresh files', {}, true],
    ['GODEBUG=goindex=0', { GODEBUG: 'goindex=0' }, false],
    ['GOCACHE=off', { GOCACHE: 'off' }, false],
    ['GOCACHE=relative', { GOCACHE: 'rel/cache' }, false],
  ];
  const commands = [
    ['mod', 'tidy', '-e'],
    ['list', '-e', '-deps', '-f', '{{.ImportPath}}', './...'],
  ];
  it('matches real go', async () => {
    let cases = 0;
    const diffs: string[] = [];
    for (const [tree, files] of Object.entries(trees)) {
      for (const [name, extra, fresh] of settings) {
        for (const args of commands) {
          const sides = await Promise.all(
            (['go', 'ms'] as const).map(async (side) => {
              const dir = join(tmp, `${tree}-${name.replace(/[^a-z0-9]/gi, '_')}-${args[0]}-${side}`);
              writeTree(dir, files, fresh);
              const env = goEnv({ GOFLAGS: '-mod=mod', MODSCOPE_CACHE: 'off', ...extra }) as Record<string, string>;
              const r = side === 'go' ? await runRealGo(args, dir, env) : await runModscope(args, dir, env);
              return { ...r, gomod: readFileSync(join(dir, 'go.mod'), 'utf8'), stderr: r.stderr.replaceAll(dir, '$WORK') };
            }),
          );
          cases++;
          const [g, m] = sides;
          const pick = (x: typeof g) => ({ code: x!.code, stdout: x!.stdout, stderr: x!.stderr, gomod: x!.gomod });
          if (JSON.stringify(pick(g)) !== JSON.stringify(pick(m))) diffs.push(`${tree} ${name} ${args.join(' ')}:\ngo ${JSON.stringify(pick(g))}\nms ${JSON.stringify(pick(m))}`);
        }
      }
    }
    console.log(`scan mode: ${cases} cases, ${cases - diffs.length} identical, ${diffs.length} differing`);
    expect(diffs).toEqual([]);
  }, 120_000);
});
