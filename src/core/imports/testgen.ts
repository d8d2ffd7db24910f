// Seeded generators of tricky Go file headers, build-constraint lines and file names,
// shared by the differential tests of this directory (not used by the app).

import { mulberry32 as rng } from '../rng';

export { rng };

export class Gen {
  readonly r: () => number;
  constructor(readonly seed: number) {
    this.r = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }

  static readonly tags = [
    'linux', 'darwin', 'windows', 'ignore', 'cgo', 'go1.21', 'go1.23', 'go1.24', 'go1', 'amd64', 'arm64', '386',
    'unix', 'android', 'ios', 'illumos', 'solaris', 'foo', 'bar_baz', 'a.b', '_', 'α', 'x1', 'gc', 'gccgo',
    'js', 'wasm', 'go1.5x', 'xgo1.9', 'go1.99999999999999999999',
  ];

  tag(): string {
    if (this.chance(0.03)) return this.pick(['#', '$', 'é', '٣', '-x', 'a-b', '"q"', '€']);
    return this.pick(Gen.tags);
  }

  /** A //go:build expression (sometimes malformed). */
  expr(depth = 0): string {
    const sp = () => this.pick(['', ' ', ' ', '  ', '\t']);
    const k = this.int(depth > 3 ? 2 : 7);
    switch (k) {
      case 0:
      case 1:
        return this.tag();
      case 2:
        return '!' + sp() + this.expr(depth + 1);
      case 3:
        return this.expr(depth + 1) + sp() + '&&' + sp() + this.expr(depth + 1);
      case 4:
        return this.expr(depth + 1) + sp() + '||' + sp() + this.expr(depth + 1);
      case 5:
        return '(' + sp() + this.expr(depth + 1) + sp() + (this.chance(0.9) ? ')' : '');
      default:
        return this.pick(['!!x', '&', '|', 'a & b', 'a | b', '()', '(', ')', '!', 'a b', 'a,b', '!(a', 'a && ', '|| a', '']);
    }
  }

  /** A // +build line body. */
  plusBody(): string {
    const n = this.int(4);
    const clauses: string[] = [];
    for (let i = 0; i < n; i++) {
      const m = 1 + this.int(3);
      const lits: string[] = [];
      for (let j = 0; j < m; j++) lits.push(this.pick(['', '', '!', '!!']) + this.tag());
      clauses.push(lits.join(','));
    }
    return clauses.join(this.pick([' ', '  ', '\t']));
  }

  constraintLine(): string {
    switch (this.int(8)) {
      case 0:
        return '//go:build' + this.pick([' ', '  ', '\t', '']) + this.expr() + this.pick(['', ' ', '\t', '\n']);
      case 1:
        return '// +build ' + this.plusBody();
      case 2:
        return this.pick(['//+build', '// +build', '//  +build', '// +buildx', '//+build\t']) + ' ' + this.plusBody();
      case 3:
        return this.pick(['//go:build', '//go:buildx', ' //go:build', '//go:build\n//go:build', '//go:build ', '/*go:build a*/']) + this.expr();
      default:
        return '//go:build ' + this.expr();
    }
  }

  comment(): string {
    return this.pick([
      '// Copyright 2024 The Go Authors.',
      '//',
      '// Package p does things.',
      '/* block */',
      '/* multi\n   line */',
      '/*\n//go:build ignore\n*/',
      '//go:generate echo hi',
      '//go:binary-only-package',
      '// +build linux',
      '/* a */ /* b */',
      '// comment with \r carriage',
      '// ünïcödé',
    ]);
  }

  blank(): string {
    return this.pick(['\n', '\n', '\n\n', ' \n', '\t\n', '\r\n']);
  }

  importPath(): string {
    const p = this.pick([
      'fmt', 'C', 'example.com/a', 'example.com/b/v2', 'golang.org/x/mod/module', 'appengine', 'embed', 'unsafe',
      'a b', 'ünï/cöde', '', 'x/../y', 'github.com/u/r', 'm/internal/z',
    ]);
    switch (this.int(10)) {
      case 0:
        return '`' + p + '`';
      case 1:
        return '"' + p.replace(/a/g, '\\x61') + '"';
      case 2:
        return this.pick(['"\\q"', '"unterminated', '"new\nline"', '`raw\nmulti`', '"\\u00e9"', '"\\377"', '“curly”', "'c'", '42', '"a\\"b"']);
      default:
        return '"' + p + '"';
    }
  }

  importSpec(): string {
    const name = this.pick(['', '', '', 'x ', '. ', '_ ', 'C ', '日本 ', '3x ', 'a.b ']);
    return name + this.importPath();
  }

  importDecl(): string {
    const sep = () => this.pick(['\n', '\n', ';', '; ', ' ', '\n\t// c\n']);
    switch (this.int(6)) {
      case 0:
      case 1:
        return 'import ' + this.importSpec();
      case 2: {
        const n = this.int(4);
        const specs: string[] = [];
        for (let i = 0; i < n; i++) specs.push(this.importSpec());
        return 'import (' + sep() + specs.map((s) => '\t' + s + sep()).join('') + ')';
      }
      case 3:
        return '/*\n#include <stdio.h>\n#cgo LDFLAGS: -lm\n*/\nimport "C"';
      case 4:
        return this.pick(['import', 'import (', 'import ()', 'imports "x"', 'import x', 'import ( "a" "b" )', 'import "a" "b"', 'import(`a`)']);
      default:
        return 'import ' + this.importSpec() + ' // trailing';
    }
  }

  packageClause(): string {
    if (this.chance(0.85)) return 'package ' + this.pick(['main', 'p', 'p_test', 'foo', 'élan', '_', 'x9']);
    return this.pick(['', 'package', 'package 9', 'packagex y', 'package "p"', 'pkg p', 'package p q', 'package\np', 'package /* c */ p', 'package p;']);
  }

  tail(): string {
    return this.pick([
      '', '\n', '\nfunc main() {}\n', '\nvar x = 1\n', '\ntype T int\n', '\nconst c = 0x1p-2\n', '\n// end\n',
      '\nfunc f() { / }\n', '\n#\n', '\nimport "late"\n', '\nvar s = "unterminated\n', '\n/* unterminated', '\n`raw',
      '\nvar x = 0b102\n', '\nvar y = 1__0\n', '\n\u0000\n', '\nfunc f() { x := \'ab\' }\n',
    ]);
  }

  /** A whole (tricky) Go file. */
  goFile(): string {
    let s = '';
    if (this.chance(0.05)) s += '\uFEFF';
    const lead = this.int(6);
    for (let i = 0; i < lead; i++) {
      const k = this.int(3);
      s += (k === 0 ? this.constraintLine() : k === 1 ? this.comment() : '') + this.blank();
    }
    if (this.chance(0.05)) s += this.pick(['x', '/ ', '\u0000', '“', '/* open']);
    s += this.packageClause();
    const n = this.int(4);
    for (let i = 0; i < n; i++) s += this.pick(['\n', '\n\n', ';', ' ']) + (this.chance(0.2) ? this.comment() + '\n' : '') + this.importDecl();
    s += this.tail();
    return s;
  }

  /** Random byte-level damage: inserts, deletes and replacements from a nasty alphabet. */
  mutate(data: Uint8Array): Uint8Array {
    const out = Array.from(data);
    const alphabet = [0x00, 0x0a, 0x0d, 0x20, 0x22, 0x27, 0x28, 0x29, 0x2a, 0x2f, 0x3b, 0x5c, 0x60, 0x2e, 0x5f, 0x30, 0x78, 0x65, 0x69, 0x80, 0xc3, 0xa9, 0xef, 0xbb, 0xbf, 0xff, 0x23, 0x7b];
    const n = 1 + this.int(4);
    for (let k = 0; k < n && out.length > 0; k++) {
      const i = this.int(out.length + 1);
      switch (this.int(3)) {
        case 0:
          out.splice(i, 0, this.pick(alphabet));
          break;
        case 1:
          out.splice(i, 1);
          break;
        default:
          out[Math.min(i, out.length - 1)] = this.pick(alphabet);
      }
    }
    return Uint8Array.from(out);
  }

  fileName(): string {
    const stem = this.pick(['a', 'foo', 'x_y', '_hidden', '.dot', 'linux', 'z', 'doc']);
    const parts: string[] = [];
    const n = this.int(3);
    for (let i = 0; i < n; i++) {
      parts.push(this.pick(['linux', 'windows', 'darwin', 'android', 'ios', 'illumos', 'solaris', 'amd64', 'arm64', '386', 'wasm', 'js', 'nacl', 'amd64p32', 'x', 'test', 'unix', 'plan9']));
    }
    if (this.chance(0.3)) parts.push('test');
    return [stem, ...parts].join('_') + this.pick(['.go', '.go', '.s', '.x.go', '']);
  }
}
