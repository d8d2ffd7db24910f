// go list's non-Go source files and package docs, real go vs modscope: go/build sorts a package
// directory's .c .s .S .h ... files into CFiles, SFiles, HFiles, ... or IgnoredOtherFiles (by
// GOOS/GOARCH file names and //go:build or // +build lines in their leading comments), takes Doc
// from the first non-test Go file's package comment, and cmd/go/internal/load refuses C, C++,
// Objective-C and Fortran files without cgo or SWIG. Each tree is listed old (files an hour
// old: read through the module index) and fresh (just touched: build.ImportDir); the standard
// library's packages too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../../scripts/gotool.mjs';
import { runModscope, runRealGo } from '../../cli/compareRuns';
import { firstDiff, limited, setTimes, writeTree as writeFiles } from '../../cli/goTrees';
import { Gen } from '../imports/testgen';

const tmp = mkdtempSync(join(tmpdir(), 'modscope-listother-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Tree = Record<string, string>;
const writeTree = (dir: string, files: Tree) => writeFiles(dir, { 'go.mod': 'module m\n\ngo 1.23\n', ...files });
interface Case {
  files: Tree;
  env?: Record<string, string>;
}

const cgoOn = { CGO_ENABLED: '1' };
const goP = 'package p\n';
const cgoFile = 'package p\n\n// #include <stdio.h>\nimport "C"\n';

const cases: Record<string, Case> = {
  cfile: { files: { 'p/a.go': goP, 'p/d.c': 'int x;\n' } },
  cfileCgoOn: { files: { 'p/a.go': goP, 'p/d.c': 'int x;\n', 'p/e.c': '' }, env: cgoOn },
  cxx: { files: { 'p/a.go': goP, 'p/d.cc': '', 'p/e.cpp': '', 'p/f.cxx': '' } },
  objc: { files: { 'p/a.go': goP, 'p/d.m': '' }, env: cgoOn },
  fortran: { files: { 'p/a.go': goP, 'p/d.f': '', 'p/e.F': '', 'p/g.for': '', 'p/h.f90': '' } },
  fortranOn: { files: { 'p/a.go': goP, 'p/d.f90': '' }, env: cgoOn },
  headersAsm: { files: { 'p/a.go': goP, 'p/h.h': '', 'p/i.hh': '', 'p/j.hpp': '', 'p/k.hxx': '', 'p/asm.s': '', 'p/big.S': '', 'p/x.sx': '' } },
  cgoAsm: { files: { 'p/a.go': cgoFile, 'p/big.S': '', 'p/x.sx': '', 'p/asm.s': '', 'p/g.c': '', 'p/h.h': '' }, env: cgoOn },
  cgoAsmOff: { files: { 'p/a.go': cgoFile, 'p/b.go': goP, 'p/big.S': '', 'p/asm.s': '', 'p/g.c': '', 'p/h.h': '' } },
  swig: { files: { 'p/a.go': goP, 'p/s.swig': '', 'p/t.swigcxx': '', 'p/d.c': '' }, env: cgoOn },
  swigOff: { files: { 'p/a.go': goP, 'p/s.swig': '', 'p/d.c': '' } },
  syso: { files: { 'p/a.go': goP, 'p/x.syso': '\x00\x01', 'p/x_windows.syso': '', 'p/_y.syso': '' } },
  onlyC: { files: { 'p/d.c': '', 'p/e.s': '' } },
  onlyCgoOff: { files: { 'p/a.go': '// Package p is cgo only.\n' + cgoFile, 'p/d.c': '' } },
  osArch: {
    files: { 'p/a.go': goP, 'p/x_linux.s': '', 'p/x_windows.s': '', 'p/x_amd64.s': '', 'p/x_arm64.s': '', 'p/x_linux_amd64.c': '', 'p/y_darwin.h': '', 'p/z_test.s': '', 'p/w_linux_test.c': '' },
  },
  headers: {
    files: {
      'p/a.go': goP,
      'p/b.s': '//go:build linux\n\n#include "textflag.h"\n',
      'p/c.s': '//go:build !linux\n\nTEXT x(SB)\n',
      'p/d.s': '// +build ignore\n\nx\n',
      'p/e.s': '/* block */\n// +build windows\n\nx\n',
      'p/f.s': '// +build linux,amd64 windows\n\nx\n',
      'p/g.h': '#include <x.h>\n//go:build ignore\n',
      'p/h.s': '//go:build linux\n// +build ignore\n\nx\n',
      'p/i.s': '// comment\n// +build ignore\nx\n',
    },
  },
  twoBuild: { files: { 'p/a.go': goP, 'p/b.s': '//go:build linux\n//go:build !linux\n\nx\n', 'p/c.s': '' } },
  badBuild: { files: { 'p/a.go': goP, 'p/b.s': '//go:build linux &&\n\nx\n', 'p/c.s': '', 'p/z.go': goP } },
  badBuildWindows: { files: { 'p/a.go': goP, 'p/b_windows.s': '//go:build linux &&\n\nx\n' } },
  nul: { files: { 'p/a.go': goP, 'p/b.s': '// \x00\n', 'p/c.s': '/x\n', 'p/d.s': '/* open\n' } },
  collision: { files: { 'p/a.go': 'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n', 'p/gcc.s': '', 'p/gcc.S': '', 'p/d.c': '' } },
  collisionGo: { files: { 'p/a.go': goP, 'p/A.go': goP, 'q/q.go': 'package q\n\nimport _ "m/p"\n' } },
  flagName: { files: { 'p/a.go': goP, 'p/-x.s': '', 'p/+y.c': '' } },
  flagNameOn: { files: { 'p/a.go': cgoFile, 'p/=x.h': '' }, env: cgoOn },
  hidden: { files: { 'p/a.go': goP, 'p/_b.s': '', 'p/.c.c': '', 'p/d.txt': '', 'p/e': '', 'p/f.go.s': '' } },
  docs: {
    files: {
      'a/a.go': '// Package a does things. And more.\npackage a\n',
      'b/a.go': '// Copyright 2024 Someone.\n\npackage b\n',
      'b/b.go': '// Package b has its doc in b.go.\npackage b\n',
      'c/a_test.go': '// Package c test doc.\npackage c\n',
      'c/c.go': 'package c\n',
      'd/doc.go': '// Package documentation is ignored.\npackage documentation\n',
      'd/d.go': '/*\nPackage d uses [fmt.Println] and ``quotes\'\'.\n*/\npackage d\n',
      'e/a.go': '// Package e\n\npackage e\n',
      'e/b.go': '//go:build ignore\n\n// Package e ignored file.\npackage e\n',
      'f/a.go': '//go:build linux\n// Package f after a directive. See https://go.dev/x.\npackage f\n',
      'g/a.go': '// Package g. Mr. Smith goes.\npackage g\n\nimport "a b"\n',
      'h/a_test.go': '// Package h_test doc.\npackage h_test\n',
      'h/h.go': 'package h\n',
    },
  },
  docCgoOff: { files: { 'p/a.go': '// Package p is cgo.\n' + cgoFile, 'p/b.go': goP } },
  docMultiple: { files: { 'p/a.go': goP, 'p/b.go': '// Package q doc.\npackage q\n' } },
};

const exts = ['.s', '.S', '.sx', '.c', '.cc', '.cpp', '.cxx', '.m', '.h', '.hh', '.hpp', '.hxx', '.f', '.F', '.for', '.f90', '.swig', '.swigcxx', '.syso', '.txt', '.go.bak'];
const bases = ['d', 'asm', 'z', '_h', '.x', 'gcc', 'f_linux', 'f_windows', 'g_amd64', 'g_arm64', 'h_linux_amd64', 'k_test', 'm_darwin_arm64', 'n_unix'];
const heads = ['', '', '//go:build linux\n\n', '//go:build !linux\n\n', '//go:build cgo\n\n', '// +build ignore\n\n', '// +build linux\n\nx\n', '/* c */\n#include <x.h>\n', '#include "textflag.h"\n', '//go:build amd64 || arm64\n'];
const rareHeads = ['//go:build linux &&\n\n', '//go:build a\n//go:build b\n\n', '// \x00\n', '/x\n'];
const docs = ['', '', '// Package p does X. More.\n', '// Copyright 2020 X.\n', '/* Package p block. */\n', '// Package p uses [fmt.Println] and https://go.dev.\n', '//go:build !windows\n// Package p, with a directive.\n'];

/** A seeded module: a few packages with assorted Go files, docs and non-Go files. */
function generated(g: Gen): Case {
  const files: Tree = {};
  const npkg = 1 + g.int(3);
  for (let k = 0; k < npkg; k++) {
    const dir = `p${k}/`;
    const doc = () => g.pick(docs);
    if (g.chance(0.85)) files[dir + 'a.go'] = doc() + 'package p\n';
    if (g.chance(0.3)) files[dir + 'b.go'] = doc() + cgoFile;
    if (g.chance(0.2)) files[dir + 'a_test.go'] = doc() + 'package p\n';
    if (g.chance(0.15)) files[dir + 'doc.go'] = doc() + 'package documentation\n';
    if (g.chance(0.2)) files[dir + 'x_windows.go'] = doc() + 'package p\n';
    const n = g.int(7);
    for (let i = 0; i < n; i++) {
      const name = g.pick(bases) + g.pick(exts);
      files[dir + name] = g.chance(0.06) ? g.pick(rareHeads) : g.pick(heads);
    }
  }
  const env = g.pick<Record<string, string>>([{}, cgoOn, { ...cgoOn, GOARCH: 'arm64' }, { GOOS: 'darwin' }]);
  return { files, env };
}

const listFields = 'Name,Doc,Error,Incomplete,GoFiles,CgoFiles,IgnoredGoFiles,InvalidGoFiles,IgnoredOtherFiles,CFiles,CXXFiles,MFiles,HFiles,FFiles,SFiles,SwigFiles,SwigCXXFiles,SysoFiles,Imports,Deps';
const tmpl = '{{.ImportPath}}|{{.Doc}}|{{.SFiles}}|{{.CFiles}}|{{.CXXFiles}}|{{.MFiles}}|{{.HFiles}}|{{.FFiles}}|{{.SwigFiles}}|{{.SwigCXXFiles}}|{{.SysoFiles}}|{{.IgnoredOtherFiles}}|{{with .Error}}{{.}}{{end}}';
const commands = [
  ['list', '-e', '-json=' + listFields, './...'],
  ['list', '-json=' + listFields, './...'],
  ['list', '-e', '-f', tmpl, './...'],
  ['list', '-e', '-test', '-deps', '-f', tmpl, './...'],
];

/** GoFilesPackage: Doc from the named files (in argument order), over the docs tree. */
const filesCommands = [
  ['list', '-f', '{{.Name}}|{{.Doc}}', 'b/a.go', 'b/b.go'],
  ['list', '-f', '{{.Name}}|{{.Doc}}', 'b/b.go', 'b/a.go'],
  ['list', '-e', '-f', '{{.Name}}|{{.Doc}}', 'c/a_test.go', 'c/c.go'],
  ['list', '-e', '-f', '{{.Name}}|{{.Doc}}', 'd/doc.go', 'd/d.go'],
];

async function compare(args: string[], dir: string, env: Record<string, string>, fresh: boolean | null, label: string): Promise<string | null> {
  if (fresh !== null) setTimes(dir, fresh);
  const g = await runRealGo(args, dir, env);
  if (fresh !== null) setTimes(dir, fresh);
  const m = await runModscope(args, dir, env);
  const norm = (s: string) => s.replaceAll(dir, '$WORK');
  for (const k of ['code', 'stdout', 'stderr'] as const) {
    if (norm(String(g[k])) !== norm(String(m[k]))) return `${label} ${args.join(' ')}:\n${firstDiff(k, norm(String(g[k])), norm(String(m[k])))}`;
  }
  return null;
}

describe('go list: non-Go files and Doc', () => {
  it('match real go (module trees old and fresh, std packages)', async () => {
    const seed = Number(process.env.LISTOTHER_SEED ?? 77);
    const g = new Gen(seed);
    const all: [string, Case][] = [...Object.entries(cases), ...Array.from({ length: 12 }, (_, i): [string, Case] => [`gen${i}`, generated(g)])];
    const jobs: (() => Promise<string | null>)[] = [];
    for (const [name, c] of all) {
      for (const fresh of [false, true]) {
        const dir = join(tmp, `${name}-${fresh ? 'new' : 'old'}`);
        writeTree(dir, c.files);
        const env = goEnv({ ...c.env }) as Record<string, string>;
        // one tree per freshness: its commands run in turn (go may write its index meanwhile)
        jobs.push(async () => {
          const diffs: string[] = [];
          const named = name === 'docs' ? filesCommands : [];
          for (const args of [...commands, ...named]) {
            const d = await compare(args, dir, env, fresh, `${name} ${fresh ? 'fresh' : 'old'}`);
            if (d) diffs.push(d);
          }
          return diffs.length ? diffs.join('\n') : null;
        });
      }
    }
    const stdDir = join(tmp, 'std');
    writeTree(stdDir, {});
    for (const env of [{}, cgoOn]) {
      for (const args of [
        ['list', '-json=Name,Doc,Dir,GoFiles,CgoFiles,IgnoredGoFiles,IgnoredOtherFiles,CFiles,HFiles,SFiles,SysoFiles,Imports,Error', 'internal/bytealg', 'runtime/cgo', 'runtime', 'fmt', 'os', 'math', 'crypto/internal/bigmod'],
        ['list', '-e', '-f', tmpl, 'internal/bytealg', 'runtime/cgo', 'runtime', 'fmt', 'os', 'runtime/race', 'syscall'],
      ]) {
        jobs.push(() => compare(args, stdDir, goEnv(env) as Record<string, string>, null, `std ${JSON.stringify(env)}`));
      }
    }
    const results = await limited(jobs, 3);
    const diffs = results.filter((r): r is string => r !== null);
    const runs = all.length * 2 * commands.length + 2 * filesCommands.length + 4;
    console.log(`list non-Go files/Doc seed=${seed}: ${all.length} trees x old/fresh x ${commands.length} commands + 4 std runs = ${runs} runs; ${results.length - diffs.length}/${results.length} groups identical`);
    expect(diffs).toEqual([]);
  }, 300_000);
});
