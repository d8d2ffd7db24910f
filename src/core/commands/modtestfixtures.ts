// Shared fixtures for the package-loading command tests (tidy, why, build checks): a file://
// proxy of cmd/go testdata/mod modules plus small synthetic modules. Test support only.
import { synthProxyDir, txtarProxyDir, type SynthModule } from '../../cli/fetchTestHarness';

export const synthMods: SynthModule[] = [
  { path: 'ex.com/a', version: 'v1.0.0', gomod: 'module ex.com/a\n\ngo 1.17\n\nrequire ex.com/b v1.0.0\n', files: { 'a.go': 'package a\nimport _ "ex.com/b"\n', 'a_test.go': 'package a\nimport _ "ex.com/t"\n' } },
  { path: 'ex.com/a', version: 'v1.1.0', gomod: 'module ex.com/a\n\ngo 1.21\n\nrequire ex.com/b v1.1.0\n', files: { 'a.go': 'package a\nimport _ "ex.com/b"\n', 'sub/s.go': 'package sub\n' } },
  { path: 'ex.com/b', version: 'v1.0.0', gomod: 'module ex.com/b\n\ngo 1.16\n\nrequire ex.com/c v1.0.0\n', files: { 'b.go': 'package b\nimport _ "ex.com/c"\n' } },
  { path: 'ex.com/b', version: 'v1.1.0', gomod: 'module ex.com/b\n\ngo 1.16\n\nrequire ex.com/c v1.1.0\n', files: { 'b.go': 'package b\nimport _ "ex.com/c"\n' } },
  { path: 'ex.com/c', version: 'v1.0.0', gomod: 'module ex.com/c\n\ngo 1.14\n', files: { 'c.go': 'package c\n' } },
  { path: 'ex.com/c', version: 'v1.1.0', gomod: 'module ex.com/c\n\ngo 1.14\n', files: { 'c.go': 'package c\n' } },
  { path: 'ex.com/t', version: 'v1.0.0', gomod: 'module ex.com/t\n\ngo 1.20\n', files: { 't.go': 'package t\n' } },
  { path: 'ex.com/unused', version: 'v1.0.0', gomod: 'module ex.com/unused\n\ngo 1.20\n', files: { 'u.go': 'package unused\n' } },
  { path: 'ex.com/amb', version: 'v1.0.0', gomod: 'module ex.com/amb\n\ngo 1.20\n', files: { 'x/x.go': 'package x\n' } },
  { path: 'ex.com/amb/x', version: 'v1.0.0', gomod: 'module ex.com/amb/x\n\ngo 1.20\n', files: { 'x.go': 'package x\n' } },
];

export const mainGo = (imports: string[]) => `package main\n\n${imports.map((i) => `import _ "${i}"\n`).join('')}\nfunc main() {}\n`;

/** Writes the proxy into dir and returns its file:// URL. */
export function makeProxy(dir: string): string {
  txtarProxyDir(dir, ['rsc.io/quote', 'rsc.io/sampler', 'golang.org/x/text', 'rsc.io/testonly', 'example.com/split', 'example.com/join', 'example.net/ambiguous']);
  synthProxyDir(dir, synthMods);
  return 'file://' + dir;
}

/**
 * go prints "go: downloading" and "go: finding module" lines from concurrent goroutines, so their
 * order within a run of such lines varies between runs of go itself: each maximal run of the
 * same kind of line is sorted before comparing. Every other line keeps its place.
 */
export function normStderr(s: string): string {
  const lines = s.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const kind = ['go: downloading ', 'go: finding module for package '].find((k) => lines[i]!.startsWith(k));
    if (!kind) {
      out.push(lines[i++]!);
      continue;
    }
    const run: string[] = [];
    while (i < lines.length && lines[i]!.startsWith(kind)) run.push(lines[i++]!);
    out.push(...run.sort());
  }
  return out.join('\n');
}
