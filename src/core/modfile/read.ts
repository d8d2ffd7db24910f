// go.mod lexer and parser (x/mod/modfile/read.go: input, readToken, parseFile,
// parseStmt, parseLineBlock, parseLine, assignComments, ModulePath).

import { utf8Decode, utf8Encode } from '../gostrings';
import { decodeRune, isPrint, isSpace, quoteRune, unquote } from './gostr';
import { CommentBlock, FileSyntax, Line, LineBlock, type Comment, type Expr, type Position } from './syntax';
import { ErrorList, ModfileError, textError } from './errors';

// token kinds: negative are classes, positive are the ASCII code of punctuation/newline.
const EOF = -1;
const EOLCOMMENT = -2;
const IDENT = -3;
const STRING = -4;
const COMMENT = -5;
type TokenKind = number;

const isCommentKind = (k: TokenKind) => k === COMMENT || k === EOLCOMMENT;
const isEOL = (k: TokenKind) => k === EOF || k === EOLCOMMENT || k === 10;

/**
 * A token: its kind, text and start and end as plain numbers; the Position objects the syntax
 * tree keeps are made on first use (one per token, shared like Go's copies of Token.Pos).
 */
class Token {
  private p: Position | null = null;
  private e: Position | null = null;
  constructor(
    public kind: TokenKind,
    readonly line: number,
    readonly col: number,
    readonly byte: number,
    public eline: number,
    public ecol: number,
    public ebyte: number,
    public text: string,
  ) {}
  get pos(): Position {
    return (this.p ??= { line: this.line, lineRune: this.col, byte: this.byte });
  }
  get endPos(): Position {
    return (this.e ??= { line: this.eline, lineRune: this.ecol, byte: this.ebyte });
  }
}

class Bail {}

/** read.go: isIdent. */
export function isIdent(c: number): boolean {
  switch (c) {
    case 0x20:
    case 0x28:
    case 0x29:
    case 0x5b:
    case 0x5d:
    case 0x7b:
    case 0x7d:
    case 0x2c:
      return false;
    default:
      return !isSpace(c) && isPrint(c);
  }
}

function isByteSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

// isIdent of each ASCII code.
const asciiIdent = new Uint8Array(128);
for (let c = 0; c < 128; c++) asciiIdent[c] = isIdent(c) ? 1 : 0;

class Input {
  filename: string;
  complete: Uint8Array;
  /** the file as a string when each byte is one char (ASCII; invalid bytes escaped), else null */
  private flat: string | null;
  // The read position: byte offset (Go's Pos.Byte), line and rune in line.
  off = 0;
  line = 1;
  col = 1;
  token: Token;
  comments: Comment[] = [];
  file = new FileSyntax();
  parseErrors: ModfileError[] = [];
  pre: Expr[] = [];
  post: Expr[] = [];

  constructor(filename: string, data: Uint8Array) {
    this.filename = filename;
    this.complete = data;
    const s = utf8Decode(data);
    this.flat = s.length === data.length ? s : null;
    this.token = new Token(EOF, 1, 1, 0, 1, 1, 0, '');
  }

  get pos(): Position {
    return { line: this.line, lineRune: this.col, byte: this.off };
  }

  error(s: string): never {
    this.parseErrors.push(new ModfileError(this.filename, this.pos, new Error(s)));
    throw new Bail();
  }

  /** Moves the read position back to the current token's start (for errors reported there). */
  private rewindToToken(): void {
    this.off = this.token.byte;
    this.line = this.token.line;
    this.col = this.token.col;
  }

  /** Reads one rune (the lexer's readRune), returning it. */
  readRune(): number {
    const b = this.complete;
    if (this.off >= b.length) this.error('internal lexer error: readRune at EOF');
    const c = b[this.off];
    if (c < 0x80) {
      this.off++;
      if (c === 10) {
        this.line++;
        this.col = 1;
      } else {
        this.col++;
      }
      return c;
    }
    const [r, size] = decodeRune(b, this.off);
    this.off += size;
    this.col++;
    return r;
  }

  private peekRune(): number {
    const b = this.complete;
    if (this.off >= b.length) return 0;
    const c = b[this.off];
    return c < 0x80 ? c : decodeRune(b, this.off)[0];
  }

  private startToken(): void {
    this.token = new Token(0, this.line, this.col, this.off, 0, 0, 0, '');
  }

  private endToken(kind: TokenKind): void {
    const t = this.token;
    t.kind = kind;
    const from = t.byte;
    let to = this.off;
    if (isCommentKind(kind)) {
      const b = this.complete;
      if (to - from >= 1 && b[to - 1] === 10) to -= to - from >= 2 && b[to - 2] === 13 ? 2 : 1;
    }
    // invalid bytes kept (escaped)
    t.text = this.flat !== null ? this.flat.slice(from, to) : utf8Decode(this.complete.subarray(from, to));
    t.eline = this.line;
    t.ecol = this.col;
    t.ebyte = this.off;
  }

  peek(): TokenKind {
    return this.token.kind;
  }

  lex(): Token {
    const tok = this.token;
    this.readToken();
    return tok;
  }

  readToken(): void {
    const b = this.complete;
    const n = b.length;
    while (this.off < n) {
      const c = b[this.off];
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.off++;
        this.col++;
        continue;
      }
      if (c === 0x2f && b[this.off + 1] === 0x2f) {
        this.startToken();
        // A comment is a suffix comment unless only spaces precede it on its line.
        let i = this.off - 1;
        while (i >= 0 && b[i] !== 10) i--;
        const suffix = lineHasText(b, i + 1, this.off);
        const nl = b.indexOf(10, this.off);
        if (nl >= 0) {
          this.off = nl + 1;
          this.line++;
          this.col = 1;
        } else {
          this.col += runeCount(b, this.off, n);
          this.off = n;
        }
        if (!suffix) {
          this.endToken(COMMENT);
          return;
        }
        this.endToken(EOLCOMMENT);
        this.comments.push({ start: this.token.pos, token: this.token.text, suffix });
        return;
      }
      if (c === 0x2f && b[this.off + 1] === 0x2a) this.error('mod files must use // comments (not /* */ comments)');
      break;
    }

    this.startToken();
    if (this.off >= n) {
      this.endToken(EOF);
      return;
    }

    const c = this.peekRune();
    switch (c) {
      case 10:
      case 0x28:
      case 0x29:
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
      case 0x2c:
        this.readRune();
        this.endToken(c);
        return;
      case 0x22:
      case 0x60: {
        const q = c;
        this.readRune();
        for (;;) {
          if (this.off >= n) {
            this.rewindToToken();
            this.error('unexpected EOF in string');
          }
          if (b[this.off] === 10) this.error('unexpected newline in string');
          const d = this.readRune();
          if (d === q) break;
          if (d === 0x5c && q !== 0x60) {
            if (this.off >= n) {
              this.rewindToToken();
              this.error('unexpected EOF in string');
            }
            this.readRune();
          }
        }
        this.endToken(STRING);
        return;
      }
    }

    if (!isIdent(c)) this.error(`unexpected input character ${quoteRune(c)}`);
    while (this.off < n) {
      const d = b[this.off];
      if (d < 0x80) {
        if (asciiIdent[d] === 0) break;
        if (d === 0x2f) {
          if (b[this.off + 1] === 0x2f) break;
          if (b[this.off + 1] === 0x2a) this.error('mod files must use // comments (not /* */ comments)');
        }
        this.off++;
        this.col++;
        continue;
      }
      const [r, size] = decodeRune(b, this.off);
      if (!isIdent(r)) break;
      this.off += size;
      this.col++;
    }
    this.endToken(IDENT);
  }

  // Comment assignment.

  order(x: Expr): void {
    this.pre.push(x);
    if (x.kind === 'file') {
      for (const s of x.stmt) this.order(s);
    } else if (x.kind === 'lineBlock') {
      this.order(x.lparen);
      for (const l of x.line) this.order(l);
      this.order(x.rparen);
    }
    this.post.push(x);
  }

  assignComments(): void {
    if (this.comments.length === 0) return; // nothing to place (the parser placed whole-line comments)
    this.order(this.file);
    const line: Comment[] = [];
    const suffix: Comment[] = [];
    for (const com of this.comments) (com.suffix ? suffix : line).push(com);

    // Whole-line comments go to the syntax immediately following (the parser already
    // attached those it saw; this only matters for comments the lexer kept).
    let li = 0;
    for (const x of this.pre) {
      const [start] = x.span();
      const xcom = x.comments;
      while (li < line.length && start.byte >= line[li].start.byte) xcom.before.push(line[li++]);
    }
    this.file.comments.after.push(...line.slice(li));

    for (let i = this.post.length - 1; i >= 0; i--) {
      const x = this.post[i];
      if (x.kind === 'file') continue;
      const [start, end] = x.span();
      if (start.line !== end.line) continue;
      const xcom = x.comments;
      while (suffix.length > 0 && end.byte <= suffix[suffix.length - 1].start.byte) {
        xcom.suffix.push(suffix.pop()!);
      }
    }
    for (const x of this.post) x.comments.suffix.reverse();
    this.file.comments.before.push(...suffix);
  }

  // Parser.

  parseFile(): void {
    this.file = new FileSyntax();
    let cb: CommentBlock | null = null;
    for (;;) {
      switch (this.peek()) {
        case 10:
          this.lex();
          if (cb !== null) {
            this.file.stmt.push(cb);
            cb = null;
          }
          break;
        case COMMENT: {
          const tok = this.lex();
          if (cb === null) {
            cb = new CommentBlock();
            cb.start = tok.pos;
          }
          cb.comments.before.push({ start: tok.pos, token: tok.text, suffix: false });
          break;
        }
        case EOF:
          if (cb !== null) this.file.stmt.push(cb);
          return;
        default:
          this.parseStmt();
          if (cb !== null) {
            this.file.stmt[this.file.stmt.length - 1].comments.before = cb.comments.before;
            cb = null;
          }
      }
    }
  }

  parseStmt(): void {
    const first = this.lex();
    const start = first.pos;
    let last = first;
    const tokens = [first.text];
    for (;;) {
      const tok = this.lex();
      if (isEOL(tok.kind)) {
        const l = new Line(tokens);
        l.start = start;
        l.end = last.endPos;
        this.file.stmt.push(l);
        return;
      }
      if (tok.kind === 0x28) {
        const next = this.peek();
        if (isEOL(next)) {
          this.file.stmt.push(this.parseLineBlock(start, tokens, tok));
          return;
        } else if (next === 0x29) {
          const rparen = this.lex();
          if (isEOL(this.peek())) {
            this.lex();
            const b = new LineBlock(tokens, []);
            b.start = start;
            b.lparen.pos = tok.pos;
            b.rparen.pos = rparen.pos;
            this.file.stmt.push(b);
            return;
          }
          tokens.push(tok.text, rparen.text);
        } else {
          tokens.push(tok.text);
        }
        continue;
      }
      tokens.push(tok.text);
      last = tok;
    }
  }

  parseLineBlock(start: Position, token: string[], lparen: Token): LineBlock {
    const x = new LineBlock(token, []);
    x.start = start;
    x.lparen.pos = lparen.pos;
    let comments: Comment[] = [];
    for (;;) {
      switch (this.peek()) {
        case EOLCOMMENT:
          this.lex();
          break;
        case 10:
          this.lex();
          if ((comments.length === 0 && x.line.length > 0) || (comments.length > 0 && comments[comments.length - 1].token !== '')) {
            comments.push({ start: { line: 0, lineRune: 0, byte: 0 }, token: '', suffix: false });
          }
          break;
        case COMMENT: {
          const tok = this.lex();
          comments.push({ start: tok.pos, token: tok.text, suffix: false });
          break;
        }
        case EOF:
          this.error(`syntax error (unterminated block started at ${this.filename}:${x.start.line}:${x.start.lineRune})`);
        // eslint-disable-next-line no-fallthrough
        case 0x29: {
          const rparen = this.lex();
          x.rparen.comments.before = comments;
          x.rparen.pos = rparen.pos;
          if (!isEOL(this.peek())) this.error('syntax error (expected newline after closing paren)');
          this.lex();
          return x;
        }
        default: {
          const l = this.parseLine();
          x.line.push(l);
          l.comments.before = comments;
          comments = [];
        }
      }
    }
  }

  parseLine(): Line {
    const first = this.lex();
    if (isEOL(first.kind)) this.error('internal parse error: parseLine at end of line');
    const start = first.pos;
    let last = first;
    const tokens = [first.text];
    for (;;) {
      const tok = this.lex();
      if (isEOL(tok.kind)) {
        const l = new Line(tokens, true);
        l.start = start;
        l.end = last.endPos;
        return l;
      }
      tokens.push(tok.text);
      last = tok;
    }
  }
}

/** The number of runes in b[from:to] (utf8.RuneCount). */
function runeCount(b: Uint8Array, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; k++) i += b[i] < 0x80 ? 1 : decodeRune(b.subarray(0, to), i)[1];
  return k;
}

function lineHasText(b: Uint8Array, from: number, to: number): boolean {
  // bytes.TrimSpace(b[from:to]) is non-empty: some rune that is not unicode space.
  let i = from;
  while (i < to) {
    const c = b[i];
    if (c < 0x80) {
      if (!isByteSpace(c)) return true;
      i++;
      continue;
    }
    const [r, size] = decodeRune(b.subarray(0, to), i);
    if (!isSpace(r)) return true;
    i += size;
  }
  return false;
}

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? utf8Encode(data) : data;
}

/** read.go: parse — the syntax tree of a go.mod/go.work file; throws ErrorList. */
export function parseSyntax(filename: string, data: string | Uint8Array): FileSyntax {
  const inp = new Input(filename, toBytes(data));
  try {
    inp.readToken();
    inp.parseFile();
  } catch (e) {
    if (!(e instanceof Bail)) {
      inp.parseErrors.push(new ModfileError(filename, inp.pos, new Error(`internal error: ${String(e)}`)));
    }
  }
  if (inp.parseErrors.length > 0) throw new ErrorList(inp.parseErrors);
  inp.file.name = filename;
  inp.assignComments();
  return inp.file;
}

/** read.go: ModulePath — the module path from go.mod text, tolerant of other problems; '' if none. */
export function modulePath(mod: string): string {
  let rest: string | null = mod;
  while (rest !== null && rest.length > 0) {
    let line: string = rest;
    rest = null;
    const nl = line.indexOf('\n');
    if (nl >= 0) {
      rest = line.slice(nl + 1);
      line = line.slice(0, nl);
    }
    const cm = line.indexOf('//');
    if (cm >= 0) line = line.slice(0, cm);
    line = trimBytesSpace(line);
    if (!line.startsWith('module')) continue;
    line = line.slice('module'.length);
    const n = line.length;
    line = trimBytesSpace(line);
    if (line.length === n || line.length === 0) continue;
    if (line[0] === '"' || line[0] === '`') {
      try {
        return unquote(line);
      } catch {
        return '';
      }
    }
    return line;
  }
  return '';
}

function trimBytesSpace(s: string): string {
  const cps = Array.from(s);
  let i = 0;
  let j = cps.length;
  while (i < j && isSpace(cps[i].codePointAt(0)!)) i++;
  while (j > i && isSpace(cps[j - 1].codePointAt(0)!)) j--;
  return cps.slice(i, j).join('');
}

export { ErrorList, ModfileError, textError } from './errors';
