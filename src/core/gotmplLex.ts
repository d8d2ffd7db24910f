// text/template/parse/lex.go: the template lexer (items with positions and lines), with its
// error texts. Positions are UTF-16 offsets into the source (gotmplParse converts them to
// Go's byte offsets where errors show them).
import { goQuote, isLetter, isPrint } from './goquote';

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare' | 'EOF'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

const keywords: Record<string, ItemType> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else', end: 'end',
  if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};
export const isKeyword = (t: ItemType) => Object.values(keywords).includes(t);

/** lex.go: item.String — how parse errors show a token. */
export function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (isKeyword(i.typ)) return `<${i.val}>`;
  if ([...i.val].length > 10) return goQuote([...i.val].slice(0, 10).join('')) + '...';
  return goQuote(i.val);
}

const EOF = -1;
const isSpace = (r: number) => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
const isDigit = (r: number) => r >= 0x30 && r <= 0x39;
/** unicode.IsDigit beyond ASCII (Nd). */
const isAlphaNumeric = (r: number) => r === 0x5f || isLetter(r) || isDigit(r) || (r >= 0x80 && /\p{Nd}/u.test(String.fromCodePoint(r)));
const hasLeftTrimMarker = (s: string, i: number) => s.length - i >= 2 && s[i] === '-' && isSpace(s.charCodeAt(i + 1));
const hasRightTrimMarker = (s: string, i: number) => s.length - i >= 2 && isSpace(s.charCodeAt(i)) && s[i + 1] === '-';
const LEFT = '{{';
const RIGHT = '}}';

type StateFn = ((l: Lexer) => StateFn) | null;

export class Lexer {
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  item: Item = { typ: 'EOF', pos: 0, val: 'EOF', line: 1 };
  insideAction = false;
  breakOK = true;
  continueOK = true;
  constructor(public input: string) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }
  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }
  backup() {
    if (!this.atEOF && this.pos > 0) {
      const c = this.input.charCodeAt(this.pos - 1);
      this.pos -= c >= 0xdc00 && c < 0xe000 && this.pos > 1 && (this.input.charCodeAt(this.pos - 2) & 0xfc00) === 0xd800 ? 2 : 1;
      if (c === 0x0a) this.line--;
    }
  }
  thisItem(typ: ItemType): Item {
    const i = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }
  emit(t: ItemType): StateFn {
    return this.emitItem(this.thisItem(t));
  }
  emitItem(i: Item): StateFn {
    this.item = i;
    return null;
  }
  ignore() {
    this.line += count(this.input.slice(this.start, this.pos), '\n');
    this.start = this.pos;
    this.startLine = this.line;
  }
  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }
  acceptRun(valid: string) {
    for (let r = this.next(); r !== EOF && valid.includes(String.fromCodePoint(r)); r = this.next());
    this.backup();
  }
  errorf(msg: string): StateFn {
    this.item = { typ: 'error', pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }
  nextItem(): Item {
    this.item = { typ: 'EOF', pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    while (state) state = state(this);
    return this.item;
  }
  atRightDelim(): [boolean, boolean] {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return [true, true];
    if (this.input.startsWith(RIGHT, this.pos)) return [true, false];
    return [false, false];
  }
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === EOF || r === 0x2e || r === 0x2c || r === 0x7c || r === 0x3a || r === 0x29 || r === 0x28) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }
  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

const count = (s: string, c: string) => s.split(c).length - 1;
const trimRightLen = (s: string) => s.length - s.replace(/[ \t\r\n]+$/, '').length;
const trimLeftLen = (s: string) => s.length - s.replace(/^[ \t\r\n]+/, '').length;

/** %#U of a rune: U+0041 'A' */
function sharpU(r: number): string {
  let s = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  if (r >= 0 && isPrint(r)) s += " '" + String.fromCodePoint(r) + "'";
  return s;
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      const delimEnd = l.pos + LEFT.length;
      if (hasLeftTrimMarker(l.input, delimEnd)) trimLength = trimRightLen(l.input.slice(l.start, l.pos));
      l.pos -= trimLength;
      l.line += count(l.input.slice(l.start, l.pos), '\n');
      const i = l.thisItem('text');
      l.pos += trimLength;
      l.ignore();
      if (i.val.length > 0) return l.emitItem(i);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += count(l.input.slice(l.start, l.pos), '\n');
    return l.emit('text');
  }
  return l.emit('EOF');
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += LEFT.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const i = l.thisItem('leftDelim');
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(i);
}

function lexComment(l: Lexer): StateFn {
  l.pos += 2;
  const x = l.input.indexOf('*/', l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + 2;
  const [delim, trimSpace] = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.thisItem('comment');
  if (trimSpace) l.pos += 2;
  l.pos += RIGHT.length;
  if (trimSpace) l.pos += trimLeftLen(l.input.slice(l.pos));
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const [, trimSpace] = l.atRightDelim();
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT.length;
  const i = l.thisItem('rightDelim');
  if (trimSpace) {
    l.pos += trimLeftLen(l.input.slice(l.pos));
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(i);
}

function lexInsideAction(l: Lexer): StateFn {
  const [delim] = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  const c = r === EOF ? '' : String.fromCodePoint(r);
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  if (c === '=') return l.emit('assign');
  if (c === ':') {
    if (l.next() !== 0x3d) return l.errorf('expected :=');
    return l.emit('declare');
  }
  if (c === '|') return l.emit('pipe');
  if (c === '"') return lexQuote;
  if (c === '`') return lexRawQuote;
  if (c === '$') return lexVariable;
  if (c === "'") return lexChar;
  if (c === '.') {
    if (l.pos < l.input.length) {
      const d = l.input[l.pos]!;
      if (d < '0' || d > '9') return lexField;
    }
    l.backup();
    return lexNumber;
  }
  if (c === '+' || c === '-' || isDigit(r)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (c === '(') {
    l.parenDepth++;
    return l.emit('leftParen');
  }
  if (c === ')') {
    l.parenDepth--;
    if (l.parenDepth < 0) return l.errorf('unexpected right paren');
    return l.emit('rightParen');
  }
  if (r <= 0x7f && r >= 0x20 && r !== 0x7f) return l.emit('char');
  return l.errorf(`unrecognized character in action: ${sharpU(r)}`);
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0;
  for (;;) {
    const r = l.peek();
    if (!isSpace(r)) break;
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos - 1 + 2)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit('space');
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r !== EOF && isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${sharpU(r)}`);
    const kw = keywords[word];
    if (kw && kw !== 'dot') {
      if ((kw === 'break' && !l.breakOK) || (kw === 'continue' && !l.continueOK)) return l.emit('identifier');
      return l.emit(kw);
    }
    if (word[0] === '.') return l.emit('field');
    if (word === 'true' || word === 'false') return l.emit('bool');
    return l.emit('identifier');
  }
}

const lexField = (l: Lexer) => lexFieldOrVariable(l, 'field');

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) return l.emit('variable');
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, typ: 'field' | 'variable'): StateFn {
  if (l.atTerminator()) return l.emit(typ === 'variable' ? 'variable' : 'dot');
  let r: number;
  for (;;) {
    r = l.next();
    if (r === EOF || !isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${sharpU(r)}`);
  return l.emit(typ);
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  return l.emit('charConstant');
}

function lexNumber(l: Lexer): StateFn {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    return l.emit('complex');
  }
  return l.emit('number');
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  return l.emit('string');
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit('rawString');
}
