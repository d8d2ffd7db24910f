// Reading a .go file's package clause and imports the way the go command does:
// - the import reader (importreader.ts) of go/build/read.go, cmd/go/internal/imports/read.go (ReadImports) and
//   cmd/go/internal/modindex/build_read.go (readGoInfo): it reads up to the end of the import
//   section and yields the "header" bytes;
// - then go/parser.ParseFile(header, ImportsOnly|ParseComments) (go/parser/parser.go: parseFile,
//   parseGenDecl, parseImportSpec) for the package name, imports with positions and syntax errors;
// - then the header's build constraints (modindex/build.go: getFileInfo, getConstraints).
import { GoScanner, literalToks, type Tok } from './goscanner';
import { type Constraints, getConstraints, toBytes } from './match';
import { readImports } from './importreader';
import { commentGroupText, synopsis } from './synopsis';
import { isGoSpace } from '../gostrings';

// ---------------------------------------------------------------------------------------------
// go/parser over the header (ImportsOnly|ParseComments).

export interface Position {
  /** Byte offset in the parsed header (go's token.Position.Offset; the BOM is not counted). */
  offset: number;
  line: number;
  column: number;
}

export interface ParseErrorItem extends Position {
  msg: string;
}

export interface ImportSpec {
  /** Unquoted import path. */
  path: string;
  /** The literal as written (quotes included). */
  literal: string;
  /** "" (none), ".", "_" or an identifier. */
  name: string;
  /** Position of the spec (its name if any, else its path), as the module index records it. */
  pos: Position;
  /** Doc comment text of the spec (for import "C", the cgo preamble); comment markers kept. */
  doc?: string;
}

export interface HeaderParse {
  /** "" when the package clause could not be parsed. */
  packageName: string;
  /** Specs as go/parser built them (including ones with errors: path "" then). */
  specs: ImportSpec[];
  /** Sorted errors; go prints the first and "(and N more errors)". */
  errors: ParseErrorItem[];
  /** The package clause's doc comment (ast.File.Doc: its comments' texts), when the clause parsed. */
  doc?: string[];
  /** go/build's Directives: the //go: comments before the package clause, in order. */
  directives: string[];
}

interface Cg {
  list: { pos: number; text: string }[];
}

class HeaderParser {
  readonly sc: GoScanner;
  readonly errors: ParseErrorItem[] = [];
  /** -1 before the first token (token.NoPos: line 0). */
  pos = -1;
  tok: Tok = '';
  lit = '';
  leadComment: Cg | undefined;
  lineComment: Cg | undefined;
  syncPos = -1;
  syncCnt = 0;
  readonly specs: ImportSpec[] = [];
  doc: Cg | undefined;
  /** Every comment scanned, in order; those before the package clause hold the directives. */
  readonly comments: { pos: number; text: string }[] = [];
  beforePackage = 0;

  constructor(src: Uint8Array) {
    this.sc = new GoScanner(src, (off, msg, sc) => this.errors.push({ offset: off, ...sc.position(off), msg }));
    this.next();
  }

  private addError(off: number, msg: string): void {
    this.errors.push({ offset: off, ...this.sc.position(off), msg });
  }

  cur(): Tok {
    return this.tok;
  }

  private next0(): void {
    [this.pos, this.tok, this.lit] = this.sc.scan();
  }

  private line(off: number): number {
    return this.sc.line(off);
  }

  private consumeComment(): [{ pos: number; text: string }, number] {
    let endline = this.line(this.pos);
    if (this.lit[1] === '*') for (const ch of this.lit) if (ch === '\n') endline++;
    const c = { pos: this.pos, text: this.lit };
    this.comments.push(c);
    this.next0();
    return [c, endline];
  }

  private consumeCommentGroup(n: number): [Cg, number] {
    const list: Cg['list'] = [];
    let endline = this.line(this.pos);
    while (this.tok === 'COMMENT' && this.line(this.pos) <= endline + n) {
      let c;
      [c, endline] = this.consumeComment();
      list.push(c);
    }
    return [{ list }, endline];
  }

  next(): void {
    this.leadComment = undefined;
    this.lineComment = undefined;
    const prev = this.pos;
    this.next0();
    if (this.tok === 'COMMENT') {
      let comment: Cg | undefined;
      let endline: number;
      if (this.line(this.pos) === (prev < 0 ? 0 : this.line(prev))) {
        [comment, endline] = this.consumeCommentGroup(0);
        if (this.line(this.pos) !== endline || this.cur() === ';' || this.cur() === 'EOF') this.lineComment = comment;
      }
      endline = -1;
      while (this.tok === 'COMMENT') [comment, endline] = this.consumeCommentGroup(1);
      if (endline + 1 === this.line(this.pos)) this.leadComment = comment;
    }
  }

  error(off: number, msg: string): void {
    const line = this.sc.position(off).line;
    const n = this.errors.length;
    if (n > 0 && this.errors[n - 1].line === line) return;
    if (n > 10) throw new Bailout();
    this.addError(off, msg);
  }

  errorExpected(off: number, what: string): void {
    let msg = 'expected ' + what;
    if (off === this.pos) {
      if (this.tok === ';' && this.lit === '\n') msg += ', found newline';
      else if (literalToks.has(this.tok)) msg += ', found ' + this.lit;
      else msg += ", found '" + this.tok + "'";
    }
    this.error(off, msg);
  }

  expect(tok: Tok): number {
    const pos = this.pos;
    if (this.tok !== tok) this.errorExpected(pos, "'" + tok + "'");
    this.next();
    return pos;
  }

  expectSemi(): void {
    if (this.tok === ')' || this.tok === '}') return;
    switch (this.tok) {
      case ',':
        this.errorExpected(this.pos, "';'");
        this.next();
        return;
      case ';':
        this.next();
        return;
      default:
        this.errorExpected(this.pos, "';'");
        this.advance(stmtStart);
    }
  }

  advance(to: ReadonlySet<Tok>): void {
    for (; this.tok !== 'EOF'; this.next()) {
      if (to.has(this.tok)) {
        if (this.pos === this.syncPos && this.syncCnt < 10) {
          this.syncCnt++;
          return;
        }
        if (this.pos > this.syncPos) {
          this.syncPos = this.pos;
          this.syncCnt = 0;
          return;
        }
      }
    }
  }

  parseIdent(): string {
    if (this.tok === 'IDENT') {
      const name = this.lit;
      this.next();
      return name;
    }
    this.expect('IDENT');
    return '_';
  }

  parseImportSpec(doc: Cg | undefined): void {
    let name = '';
    let namePos = -1;
    if (this.tok === 'IDENT') {
      namePos = this.pos;
      name = this.parseIdent();
    } else if (this.tok === '.') {
      namePos = this.pos;
      name = '.';
      this.next();
    }
    const pos = this.pos;
    let lit = '';
    if (this.tok === 'STRING') {
      lit = this.lit;
      this.next();
    } else if (literalToks.has(this.tok)) {
      this.error(pos, 'import path must be a string');
      this.next();
    } else {
      this.error(pos, 'missing import path');
      this.advance(exprEnd);
    }
    this.expectSemi();
    const specPos = namePos >= 0 ? namePos : pos;
    this.specs.push({
      path: lit,
      literal: lit,
      name,
      pos: { offset: specPos, ...this.sc.position(specPos) },
      doc: doc ? doc.list.map((c) => c.text).join('\n') : undefined,
    });
  }

  parseGenDecl(): void {
    const doc = this.leadComment;
    this.expect('import');
    if (this.tok === '(') {
      this.next();
      while (this.cur() !== ')' && this.cur() !== 'EOF') this.parseImportSpec(this.leadComment);
      this.expect(')');
      this.expectSemi();
    } else {
      this.parseImportSpec(undefined);
      // readGoInfo: a single-spec declaration's doc comment belongs to the spec.
      const s = this.specs[this.specs.length - 1];
      if (s.doc === undefined && doc) s.doc = doc.list.map((c) => c.text).join('\n');
    }
  }

  /** parseFile with ImportsOnly: returns the package name or undefined if it gave up. */
  parseFile(): string | undefined {
    if (this.errors.length !== 0) return undefined;
    this.doc = this.leadComment;
    this.beforePackage = this.comments.length;
    this.expect('package');
    const name = this.parseIdent();
    this.expectSemi();
    if (this.errors.length !== 0) return undefined;
    while (this.tok === 'import') this.parseGenDecl();
    return name;
  }
}

class Bailout {}

const stmtStart: ReadonlySet<Tok> = new Set([
  'break', 'const', 'continue', 'defer', 'fallthrough', 'for', 'go', 'goto', 'if', 'return',
  'select', 'switch', 'type', 'var',
]);
const exprEnd: ReadonlySet<Tok> = new Set([',', ':', ';', ')', ']', '}']);

/** go/parser.ParseFile(src, ImportsOnly|ParseComments), reduced to what the go command uses. */
export function parseHeader(content: Uint8Array | string): HeaderParse {
  const src = toBytes(content);
  let p: HeaderParser | undefined;
  let name: string | undefined;
  try {
    p = new HeaderParser(src);
    name = p.parseFile();
  } catch (e) {
    if (!(e instanceof Bailout)) throw e;
  }
  // p is always set: the constructor's first next() cannot bail out (only error() can).
  const parser = p!;
  const errors = parser.errors.slice().sort(
    (a, b) => a.line - b.line || a.column - b.column || (a.msg < b.msg ? -1 : a.msg > b.msg ? 1 : 0),
  );
  for (const s of parser.specs) s.path = s.literal === '' ? '' : (unquote(s.literal) ?? '');
  const doc = name !== undefined && parser.doc ? parser.doc.list.map((c) => c.text) : undefined;
  const directives = parser.comments
    .slice(0, parser.beforePackage)
    .map((c) => c.text)
    .filter((t) => t.startsWith('//go:'));
  return { packageName: name ?? '', specs: parser.specs, errors, doc, directives };
}

/** scanner.ErrorList.Error() text for a file name. */
export function formatParseErrors(name: string, errors: readonly ParseErrorItem[]): string {
  if (errors.length === 0) return 'no errors';
  const e = errors[0];
  const first = `${name ? name + ':' : ''}${e.line}:${e.column}: ${e.msg}`;
  return errors.length === 1 ? first : `${first} (and ${errors.length - 1} more errors)`;
}

/** strconv.Unquote for a Go string literal (as produced by the scanner); undefined if invalid. */
export function unquote(lit: string): string | undefined {
  if (lit.length < 2) return undefined;
  const q = lit[0];
  if (q !== lit[lit.length - 1]) return undefined;
  const body = lit.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) return undefined;
    return body.replace(/\r/g, '');
  }
  if (q !== '"') return undefined;
  let out = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === '"' || c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e !== undefined && e in simple) {
      out += simple[e];
      continue;
    }
    let n = 0;
    let base = 16;
    if (e === 'x') n = 2;
    else if (e === 'u') n = 4;
    else if (e === 'U') n = 8;
    else if (e !== undefined && e >= '0' && e <= '7') {
      n = 2;
      base = 8;
      i--; // the first octal digit is part of the value
      n = 3;
    } else return undefined;
    const digits = body.slice(i, i + n);
    if (digits.length !== n || !(base === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/).test(digits)) return undefined;
    const v = parseInt(digits, base);
    i += n;
    if (e === 'x' || base === 8) {
      if (v > 255) return undefined;
      // A byte escape: in Go the string holds that raw byte. Represent bytes < 0x80 exactly;
      // other bytes cannot be valid UTF-8 on their own, so they decode to U+FFFD.
      out += v < 0x80 ? String.fromCharCode(v) : '\uFFFD';
    } else {
      if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      out += String.fromCodePoint(v);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Per-file information as the module index records it (modindex/scan.go: importRaw).

export interface GoFileImport {
  path: string;
  name: string;
  pos: Position & { filename: string };
}

export interface GoFileInfo {
  name: string;
  /** The package name from the package clause ("" if it could not be parsed). */
  packageName: string;
  /** Imports as go/parser saw them; empty when parsing failed (readGoInfo stops then). */
  imports: GoFileImport[];
  /** Import literals the import reader saw (cmd/go/internal/imports.ScanDir's view). */
  readerImports: string[];
  /** Build constraints recorded from the header. */
  constraints: Constraints;
  isTest: boolean;
  /** The file imports "C". */
  cgo: boolean;
  /** go/build: doc.Synopsis of the package clause's doc comment ("" without one). */
  synopsis: string;
  /** go/build's directives: //go: comments before the package clause. */
  directives: string[];
  /** The header bytes that were parsed. */
  header: Uint8Array;
  /** go/parser's error (scanner.ErrorList text with the file name), if any. */
  parseError?: string;
  parseErrors: ParseErrorItem[];
  /**
   * A per-file error as getFileInfo reports it ("read NAME: unexpected NUL in input",
   * "BASE: multiple //go:build comments", "read NAME: parser returned invalid quoted string: <…>").
   * The index then records the file with no imports and no constraints.
   */
  error?: string;
  /** error comes from the file's build constraints (a second //go:build line), not from reading it. */
  constraintError?: boolean;
  /**
   * go/build read.go: readGoInfo's check of each import path (isValidImport), which only go/build
   * makes (not the module index): the first bad path as a go/scanner.Error's text
   * ("FILE:LINE:COL: invalid import path: P"); go/build then keeps none of the file's imports.
   */
  invalidImport?: string;
}

/** go/build read.go: isValidImport — no control, space or quoting characters, not empty. */
export function isValidImport(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (isGoSpace(r) || !graphic.test(ch) || illegalImportChars.includes(ch)) return false;
  }
  return s !== '';
}

const illegalImportChars = '!"#$%&\'()*,:;<=>?[\\]^{|}`\uFFFD';
// unicode.IsGraphic: letters, marks, numbers, punctuation, symbols and the space separators.
const graphic = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

function baseName(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * Scans one .go file (name may include a directory; it is used in positions and messages,
 * as go uses filepath.Join(dir, name)).
 */
export function scanGoFile(name: string, content: Uint8Array | string): GoFileInfo {
  const src = toBytes(content);
  const base = baseName(name);
  const rd = readImports(src, false);
  const info: GoFileInfo = {
    name,
    packageName: '',
    imports: [],
    readerImports: rd.imports,
    constraints: { goBuild: '', plusBuild: [], binaryOnly: false },
    isTest: base.endsWith('_test.go'),
    cgo: false,
    synopsis: '',
    directives: [],
    header: rd.header,
    parseErrors: [],
  };
  if (rd.error !== undefined) {
    info.error = `read ${name}: ${rd.error}`;
    return info;
  }
  const ph = parseHeader(rd.header);
  info.packageName = ph.packageName;
  if (ph.doc) info.synopsis = synopsis(commentGroupText(ph.doc));
  info.directives = ph.directives;
  if (ph.errors.length > 0) {
    info.parseErrors = ph.errors;
    info.parseError = formatParseErrors(name, ph.errors);
  } else {
    for (const s of ph.specs) {
      const path = unquote(s.literal);
      if (path === undefined) {
        info.error = `read ${name}: parser returned invalid quoted string: <${s.literal}>`;
        info.imports = [];
        return info;
      }
      if (info.invalidImport === undefined && !isValidImport(path)) info.invalidImport = `${name}:${s.pos.line}:${s.pos.column}: invalid import path: ${path}`;
      info.imports.push({ path, name: s.name, pos: { filename: name, ...s.pos } });
    }
    info.cgo = info.imports.some((i) => i.path === 'C');
  }
  const c = getConstraints(rd.header);
  if (c.error !== undefined) {
    info.error = `${base}: ${c.error}`;
    info.constraintError = true;
    info.imports = [];
    return info;
  }
  if (info.isTest) c.binaryOnly = false;
  info.constraints = c;
  return info;
}

export { readComments, readImports, type ReadImportsResult } from './importreader';
