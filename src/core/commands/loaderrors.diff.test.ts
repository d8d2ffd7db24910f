// Load-stage errors of package directories, real go vs modscope: cmd/go/internal/load reads each
// package directory with go/build — through the module index (IndexPackage.Import) when the
// directory is indexable, else with build.ImportDir (a file modified < 2 s ago) — and reports
// bad files, build constraints, local imports, binary-only packages and the like before any
// compiling. Each tree is run old (files an hour old: indexed) and fresh (files just touched:
// not indexed), with mtimes set right before each command. Output that comes from the compiler
// (go's stderr opens with "# m/p") or from go's panics is out of scope; where go builds, modscope
// says its checks passed. go mod why covers the module loader's view (imports.ScanDir for fresh trees).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../../scripts/gotool.mjs';
import { runRealGo } from '../../cli/compareRuns';
import { runBoth } from '../../cli/goTrees';
import { passedText } from './buildcheck';

const tmp = mkdtempSync(join(tmpdir(), 'modscope-loaderrors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Tree = Record<string, string | Uint8Array>;
const one = (a: string | Uint8Array): Tree => ({ 'p/a.go': a, 'p/b.go': 'package p\n' });

/** Package p (imported by main.go) with the case's files; env overrides go's environment. */
const cases: Record<string, { files: Tree; env?: Record<string, string>; listOnly?: boolean }> = {
  syntax: { files: one('package p\n\nimport (\n\t"example.com/nowhere"\n\t1\n)\n') },
  nul: { files: one('package p\n\nimport "example.com/nul"\n\x00\n') },
  two: { files: one('//go:build linux\n//go:build !linux\n\npackage p\n\nimport "example.com/both"\n') },
  badname: { files: one('package p\n\nimport "a b"\n') },
  badutf: { files: one(Buffer.from('package p\n\nimport "a\xffb"\n', 'latin1')) },
  backslash: { files: one('package p\n\nimport "a\\\\b"\n') },
  nopkg: { files: one('// hello\n\nimport "fmt"\n') },
  badexpr: { files: one('//go:build linux &&\n\npackage p\n\nimport "fmt"\n') },
  badexprLast: { files: { 'p/a.go': 'package p\n', 'p/z.go': '//go:build linux &&\n\npackage p\n\nimport "fmt"\n' } },
  badexprTest: { files: { 'p/a.go': 'package p\n', 'p/a_test.go': '//go:build (\n\npackage p\n' } },
  plusbad: { files: one('// +build !!linux\n\npackage p\n\nimport "fmt"\n') },
  plusMismatch: { files: one('//go:build linux\n// +build !linux\n\npackage p\n\nimport "fmt"\n') },
  plusIgnore: { files: one('// +build ignore\n\npackage p\n\nimport "example.com/ign"\n') },
  doc: { files: one('package documentation\n\nimport "example.com/doc"\n') },
  docOnly: { files: { 'p/a.go': 'package documentation\n' } },
  embedmissing: { files: one('package p\n\nimport _ "embed"\n\n//go:embed nothere.txt\nvar s string\n') },
  embedParent: { files: { ...one('package p\n\nimport _ "embed"\n\n//go:embed ../go.mod\nvar s string\n') } },
  embedHidden: { files: { ...one('package p\n\nimport _ "embed"\n\n//go:embed .h\nvar s string\n'), 'p/.h': 'x' } },
  embedDirEmpty: { files: { ...one('package p\n\nimport _ "embed"\n\n//go:embed d\nvar s string\n'), 'p/d/.h': 'x' } },
  embedOK: { files: { ...one('package p\n\nimport _ "embed"\n\n//go:embed d x.txt\nvar s string\n'), 'p/d/y.txt': 'y', 'p/x.txt': 'x' } },
  embedTest: { files: { 'p/a.go': 'package p\n', 'p/a_test.go': 'package p\n\nimport _ "embed"\n\n//go:embed none.txt\nvar s string\n' } },
  cgo: { files: one('package p\n\n// #include <stdio.h>\nimport "C"\n') },
  cgoOn: { files: one('package p\n\n// #include <stdio.h>\nimport "C"\n'), env: { CGO_ENABLED: '1' }, listOnly: true },
  cgoTest: { files: { 'p/a.go': 'package p\n', 'p/a_test.go': 'package p\n\nimport "C"\n' } },
  cgoTestOn: { files: { 'p/a.go': 'package p\n', 'p/a_test.go': 'package p\n\nimport "C"\n' }, env: { CGO_ENABLED: '1' }, listOnly: true },
  binonly: { files: one('//go:binary-only-package\n\npackage p\n') },
  binonlyTest: { files: { 'p/a.go': 'package p\n', 'p/a_test.go': '//go:binary-only-package\n\npackage p\n' } },
  binonlyDoc: { files: one('//go:binary-only-package\n\npackage documentation\n') },
  dotimp: { files: one('package p\n\nimport "./q"\n') },
  dotdotimp: { files: one('package p\n\nimport "../q"\n') },
  curimp: { files: one('package p\n\nimport "."\n') },
  absimp: { files: one('package p\n\nimport "/abs/q"\n') },
  testpkg: { files: one('package p_test\n\nimport "fmt"\n') },
  testBadName: { files: { 'p/a.go': 'package p\n', 'p/a_test.go': 'package q\n' } },
  xtest: { files: { 'p/a.go': 'package p\n', 'p/a_test.go': 'package p_test\n\nimport _ "m/p"\n' } },
  multiple: { files: one('package q\n') },
  onlyIgnored: { files: { 'p/a.go': '//go:build ignore\n\npackage p\n', 'p/_b.go': 'package p\n', 'p/.c.go': 'package p\n' } },
  nulExcluded: { files: { 'p/a.go': 'package p\n', 'p/x_windows.go': 'package p\n\x00\n' } },
  syntaxExcluded: { files: { 'p/a.go': 'package p\n', 'p/x.go': '//go:build ignore\n\npackage p\n\nimport (\n\t1\n)\n' } },
  badnameExcluded: { files: { 'p/a.go': 'package p\n', 'p/x.go': '//go:build ignore\n\npackage p\n\nimport "a b"\n' } },
  badnameWindows: { files: { 'p/a.go': 'package p\n', 'p/x_windows.go': 'package p\n\nimport "a b"\n' } },
  unterminated: { files: one('package p\n\nimport "fmt\n') },
  comment_nul: { files: one('package p\n\n// \x00\nimport "fmt"\n') },
  hiddenDir: { files: { 'p/a.go': 'package p\n\nimport _ "m/p/.h"\n', 'p/.h/h.go': 'package h\n' } },
};

const commands = [
  ['list', '-e', '-json=Name,Error,Imports,GoFiles,IgnoredGoFiles,InvalidGoFiles,Incomplete,DepsErrors,Deps,TestGoFiles,XTestGoFiles,CgoFiles,BinaryOnly', './...'],
  ['list', '-deps', '-test', './...'],
  ['build', './...'],
  ['mod', 'why', 'm/p', 'example.com/nowhere', 'example.com/nul', 'example.com/both', 'example.com/doc', 'example.com/ign'],
  ['vet', './...'],
];

/** go vet compiles (slow): only these cases run it. */
const vetCases = new Set(['nul', 'badexpr', 'doc', 'embedTest', 'binonly', 'cgoTest', 'testBadName', 'docOnly']);

function writeTree(dir: string, files: Tree): void {
  const all: Tree = { 'go.mod': 'module m\n\ngo 1.23\n', 'main.go': 'package main\n\nimport _ "m/p"\n\nfunc main() {}\n', ...files };
  for (const [p, c] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
}

/**
 * list.go: collectDepsErrors sorts DepsErrors by the last package on their import stacks, having
 * gathered them from a map: errors of the same package come in map order. Both outputs get those
 * ties in one order (by their JSON text).
 */
function tieOrder(stdout: string): string {
  const objs = stdout.split(/(?<=^\})\n/m).filter((t) => t.trim() !== '');
  return objs
    .map((t) => {
      const v = JSON.parse(t) as { DepsErrors?: { ImportStack: string[] }[] };
      const key = (e: { ImportStack: string[] }) => e.ImportStack[e.ImportStack.length - 1] ?? '';
      v.DepsErrors?.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      return JSON.stringify(v, null, '\t');
    })
    .join('\n');
}

/** The first differing line of two outputs, go's then modscope's, with its predecessor. */
function firstDiff(a: string, b: string): string {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  const out: string[] = [];
  for (const k of ['code', 'stdout', 'stderr']) {
    const l1 = String(x[k]).split('\n');
    const l2 = String(y[k]).split('\n');
    const i = l1.findIndex((l, j) => l !== l2[j]);
    const at = i >= 0 ? i : l1.length < l2.length ? l1.length : -1;
    if (at >= 0) out.push(`${k} line ${at + 1}:\n  go ${JSON.stringify(l1.slice(Math.max(0, at - 1), at + 2))}\n  ms ${JSON.stringify(l2.slice(Math.max(0, at - 1), at + 2))}`);
  }
  return out.join('\n');
}

async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  }));
  return out;
}

describe('load-stage errors (module index vs build.ImportDir)', () => {
  it('match real go', async () => {
    const jobs: (() => Promise<string | null | 'skip'>)[] = [];
    for (const [name, c] of Object.entries(cases)) {
      for (const fresh of [false, true]) {
        for (const [ci, args] of commands.entries()) {
          if ((args[0] === 'vet' && !vetCases.has(name)) || (args[0] === 'build' && c.listOnly)) continue;
          jobs.push(async () => {
            const dir = join(tmp, `${name}-${fresh ? 'new' : 'old'}-${ci}`);
            writeTree(dir, c.files);
            const { g, m } = await runBoth(args, dir, goEnv({ GOFLAGS: '-mod=mod', ...c.env }) as Record<string, string>, fresh);
            if (g.stderr.startsWith('# m/p') || g.stderr.startsWith('# m\n') || g.stderr.includes('\n# m/p') || g.stderr.startsWith('panic:')) return 'skip';
            if ((args[0] === 'build' || args[0] === 'vet') && g.code === 0) g.stderr += passedText;
            const pick = (x: typeof g) => JSON.stringify({ code: x.code, stdout: args[1] === '-e' ? tieOrder(x.stdout) : x.stdout, stderr: x.stderr.replaceAll(dir, '$WORK') });
            return pick(g) === pick(m) ? null : `${name} ${fresh ? 'fresh' : 'old'} ${args.join(' ')}:\n${firstDiff(pick(g), pick(m))}`;
          });
        }
      }
    }
    // One build and vet first, so that the runs below find the runtime compiled in go's cache.
    const warm = join(tmp, 'warm');
    writeTree(warm, one('package p\n'));
    const env0 = goEnv({ GOFLAGS: '-mod=mod' }) as Record<string, string>;
    await runRealGo(['build', './...'], warm, env0);
    await runRealGo(['vet', './...'], warm, env0);
    const results = await pool(jobs, 3);
    const compared = results.filter((r) => r !== 'skip');
    const diffs = compared.filter((r): r is string => r !== null);
    console.log(`load errors: ${results.length} runs, ${compared.length} compared (${results.length - compared.length} compile-stage), ${compared.length - diffs.length} identical, ${diffs.length} differing`);
    expect(diffs).toEqual([]);
  }, 300_000);
});
