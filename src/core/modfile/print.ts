// go.mod printer (x/mod/modfile/print.go: Format, printer.file/expr/newline/tokens).

import { trimSpace } from './gostr';
import type { Comment, Expr, FileSyntax } from './syntax';

class Printer {
  /**
   * The output is `done.join('') + buf`. Reading the end of a long string built with += makes
   * V8 flatten it each time, which made printing quadratic (a 64 KiB go.mod took seconds; found
   * by src/core/fuzz), so completed text moves to `done`, keeping the last two characters (all
   * that trim, indent and newline look back at once a line has ended) in buf.
   */
  done: string[] = [];
  buf = '';
  comment: Comment[] = [];
  margin = 0;

  indent(): number {
    const i = this.buf.lastIndexOf('\n');
    return this.buf.length - (i + 1);
  }

  trim(): void {
    let n = this.buf.length;
    while (n > 0 && (this.buf[n - 1] === '\t' || this.buf[n - 1] === ' ')) n--;
    this.buf = this.buf.slice(0, n);
  }

  tabs(): void {
    this.buf += '\t'.repeat(this.margin);
  }

  newline(): void {
    if (this.comment.length > 0) {
      this.buf += ' ';
      this.comment.forEach((com, i) => {
        if (i > 0) {
          this.trim();
          this.buf += '\n';
          this.tabs();
        }
        this.buf += trimSpace(com.token);
      });
      this.comment = [];
    }
    this.trim();
    const b = this.buf;
    const n = b.length;
    if (n === 0 || (n >= 2 && b[n - 1] === '\n' && b[n - 2] === '\n')) {
      // skip the blank line at top of file or after a blank line
    } else {
      this.buf += '\n';
    }
    if (this.buf.length > 256) {
      this.done.push(this.buf.slice(0, -2));
      this.buf = this.buf.slice(-2);
    }
    this.tabs();
  }

  file(f: FileSyntax): void {
    for (const com of f.comments.before) {
      this.buf += trimSpace(com.token);
      this.newline();
    }
    f.stmt.forEach((stmt, i) => {
      this.expr(stmt);
      if (stmt.kind !== 'commentBlock') this.newline();
      for (const com of stmt.comments.after) {
        this.buf += trimSpace(com.token);
        this.newline();
      }
      if (i + 1 < f.stmt.length) this.newline();
    });
  }

  expr(x: Expr): void {
    const before = x.comments.before;
    if (before.length > 0) {
      this.trim();
      if (this.indent() > 0) this.buf += '\n';
      this.tabs();
      for (const com of before) {
        this.buf += trimSpace(com.token);
        this.newline();
      }
    }
    switch (x.kind) {
      case 'commentBlock':
        break;
      case 'lparen':
        this.buf += '(';
        break;
      case 'rparen':
        this.buf += ')';
        break;
      case 'line':
        this.tokens(x.token);
        break;
      case 'lineBlock':
        this.tokens(x.token);
        this.buf += ' ';
        this.expr(x.lparen);
        this.margin++;
        for (const l of x.line) {
          this.newline();
          this.expr(l);
        }
        this.margin--;
        this.newline();
        this.expr(x.rparen);
        break;
      case 'file':
        throw new Error('printer: unexpected type FileSyntax');
    }
    this.comment.push(...x.comments.suffix);
  }

  tokens(tokens: string[]): void {
    let sep = '';
    for (const t of tokens) {
      if (t === ',' || t === ')' || t === ']' || t === '}') sep = '';
      this.buf += sep + t;
      sep = ' ';
      if (t === '(' || t === '[' || t === '{') sep = '';
    }
  }
}

/** print.go: Format — the file in standard style. */
export function format(f: FileSyntax): string {
  const p = new Printer();
  p.file(f);
  const b = p.done.join('') + p.buf;
  let n = b.length;
  while (n > 0 && b[n - 1] === '\n' && (n === 1 || b[n - 2] === '\n')) n--;
  return b.slice(0, n);
}
