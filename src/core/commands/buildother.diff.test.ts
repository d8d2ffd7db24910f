// go build/vet/test/run over packages with non-Go source files, real go vs modscope: before
// compiling, cmd/go/internal/load refuses C files (gc) and C++, Objective-C and Fortran files
// without cgo or SWIG (cgo being off drops the C, C++, Objective-C and SWIG files first), and
// input file names that collide case-insensitively or could pass for flags (which stop the
// package's load before its imports). Each tree holds the files in the main package, in a local
// package main imports, or in a replaced module's package, and is run old (indexed) and fresh
// (read with build.ImportDir). Output from the compiler ("# pkg") is out of scope; where go
// passes its checks, modscope says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../../scripts/gotool.mjs';
import { firstDiff, limited, runBoth, writeTree, type Tree } from '../../cli/goTrees';
import { passedText } from './buildcheck';

const tmp = mkdtempSync(join(tmpdir(), 'modscope-buildother-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cgoOn = { CGO_ENABLED: '1' };
const mainImports = (...paths: string[]) => `package main\n\n${paths.map((p) => `import _ "${p}"\n`).join('')}\nfunc main() {}\n`;
const mainP = mainImports('m/p');
const goP = 'package p\n';
const replaced = {
  'go.mod': 'module m\n\ngo 1.23\n\nrequire example.com/r v0.0.0\n\nreplace example.com/r => ./r\n',
  'main.go': mainImports('example.com/r'),
  'r/go.mod': 'module example.com/r\n\ngo 1.23\n',
  'r/r.go': 'package r\n',
};

interface Case {
  files: Tree;
  env?: Record<string, string>;
}

const cases: Record<string, Case> = {
  mainC: { files: { 'main.go': mainImports(), 'd.c': 'int x;\n' } },
  mainCOn: { files: { 'main.go': mainImports(), 'd.c': 'int x;\n', 'e.c': '' }, env: cgoOn },
  mainFortran: { files: { 'main.go': mainImports(), 'f.f': '', 'g.F': '' } },
  mainCollision: { files: { 'main.go': mainP, 'a.s': '', 'A.s': '', 'p/p.go': goP } },
  mainFlag: { files: { 'main.go': mainImports(), '+y.c': '' }, env: cgoOn },
  depCOn: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d.c': '' }, env: cgoOn },
  depCxx: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d.cc': '', 'p/e.cpp': '' } },
  depCxxOn: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d.cxx': '' }, env: cgoOn },
  depObjC: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d.m': '' }, env: cgoOn },
  depFortran: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d.f90': '', 'p/e.for': '' } },
  depMixed: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d.c': '', 'p/e.cc': '', 'p/f.f': '', 'p/h.h': '', 'p/s.s': '' } },
  depMixedOn: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d.m': '', 'p/e.cc': '', 'p/f.f': '' }, env: cgoOn },
  depHeadersAsm: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/h.h': '', 'p/big.S': '', 'p/x.syso': '' } },
  depExcluded: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/d_windows.f': '', 'p/e.cc': '//go:build ignore\n' } },
  depCollision: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/gcc.s': '', 'p/gcc.S': '' } },
  depCollisionGo: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/P.go': goP } },
  depFlag: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/-x.s': '' } },
  depFlagEq: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/=x.h': '' } },
  depFlagImports: { files: { 'main.go': mainP, 'p/p.go': 'package p\n\nimport _ "m/q"\n', 'p/-x.s': '', 'q/q.go': 'package q\n', 'q/d.f': '' } },
  depFlagAndFortran: { files: { 'main.go': mainImports('m/p', 'm/q'), 'p/p.go': goP, 'p/+x.s': '', 'q/q.go': 'package q\n', 'q/d.f': '' } },
  twoDeps: { files: { 'main.go': mainImports('m/a', 'm/b'), 'a/a.go': 'package a\n\nimport _ "m/b"\n', 'a/d.f': '', 'b/b.go': 'package b\n', 'b/e.cc': '' } },
  depAndMain: { files: { 'main.go': mainP, 'd.f': '', 'p/p.go': goP, 'p/e.f': '' } },
  fortranProgram: { files: { 'main.go': mainP, 'p/p.go': 'package p\n\nimport _ "m/c"\n', 'p/d.f': '', 'c/c.go': 'package main\n' } },
  fortranEmbed: { files: { 'main.go': mainP, 'p/p.go': 'package p\n\nimport _ "embed"\n\n//go:embed none.txt\nvar s string\n', 'p/d.f': '' } },
  fortranInternal: { files: { ...replaced, 'main.go': mainImports('m/p', 'example.com/r'), 'p/p.go': 'package p\n\nimport _ "example.com/r/internal/i"\n', 'p/d.f': '', 'r/internal/i/i.go': 'package i\n' } },
  swigOff: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/s.swig': '', 'p/d.c': '', 'p/f.f': '' } },
  cgoOffFile: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/c.go': 'package p\n\nimport "C"\n', 'p/d.f': '' } },
  replacedFortran: { files: { ...replaced, 'r/d.f': '' } },
  replacedCOn: { files: { ...replaced, 'r/d.c': '' }, env: cgoOn },
  replacedFlag: { files: { ...replaced, 'r/-d.s': '' } },
  diamond: { files: { 'main.go': mainImports('m/b', 'm/a'), 'a/a.go': 'package a\n\nimport _ "m/c"\n', 'b/b.go': 'package b\n\nimport _ "m/c"\n', 'c/c.go': 'package c\n', 'c/d.f': '', 'b/-e.s': '' } },
  cycle: { files: { 'main.go': mainImports('m/a'), 'a/a.go': 'package a\n\nimport _ "m/b"\n', 'a/d.f': '', 'b/b.go': 'package b\n\nimport _ "m/a"\n', 'b/e.f': '' } },
  xtestOnly: { files: { 'main.go': mainP, 'p/p.go': goP, 'p/p_test.go': 'package p_test\n\nimport _ "m/t"\n', 't/t.go': 'package t\n', 't/d.cc': '' } },
  testOnly: { files: { 'main.go': mainImports(), 'main_test.go': 'package main\n\nimport _ "m/t"\n', 't/t.go': 'package t\n', 't/d.f': '' } },
};

const commands = [['build', './...'], ['vet', './...'], ['test', './...'], ['run', '.'], ['build', '-tags', 'x', '.']];
/** Run over the old trees only: the named files' package (no non-Go files); -e (no such flag), on a few. */
const oldOnly = (name: string) => [['run', 'main.go'], ...(['mainC', 'depFortran', 'depFlag'].includes(name) ? [['build', '-e', './...'], ['vet', '-e', './...'], ['run', '-e', '.']] : [])];

describe('go build/vet/test/run: non-Go files', () => {
  it('match real go (main package, local dependency, replaced module; old and fresh)', async () => {
    const jobs: (() => Promise<string | null | 'skip'>)[] = [];
    for (const [name, c] of Object.entries(cases)) {
      for (const fresh of [false, true]) {
        for (const [ci, args] of [...commands, ...(fresh ? [] : oldOnly(name))].entries()) {
          jobs.push(async () => {
            const dir = join(tmp, `${name}-${fresh ? 'new' : 'old'}-${ci}`);
            writeTree(dir, { 'go.mod': 'module m\n\ngo 1.23\n', ...c.files });
            const { g, m } = await runBoth(args, dir, goEnv({ ...c.env }) as Record<string, string>, fresh);
            if (/^# /m.test(g.stderr)) return 'skip';
            if (g.code === 0) {
              g.stderr += passedText;
              g.stdout = ''; // go test's ok/no test files lines: modscope runs nothing
            }
            const norm = (s: string) => s.replaceAll(dir, '$WORK');
            for (const k of ['code', 'stdout', 'stderr'] as const) {
              const a = norm(String(g[k]));
              const b = norm(String(m[k]));
              if (a !== b) return `${name} ${fresh ? 'fresh' : 'old'} ${args.join(' ')}:\n${firstDiff(k, a, b)}`;
            }
            return null;
          });
        }
      }
    }
    const results = await limited(jobs, 3);
    const compared = results.filter((r) => r !== 'skip');
    const diffs = compared.filter((r): r is string => r !== null);
    console.log(`build non-Go files: ${Object.keys(cases).length} trees x old/fresh x ${commands.length} commands (+ go run main.go and -e on old trees) = ${results.length} runs, ${compared.length} compared (${results.length - compared.length} compile-stage), ${compared.length - diffs.length} identical, ${diffs.length} differing`);
    expect(diffs).toEqual([]);
  }, 300_000);
});
