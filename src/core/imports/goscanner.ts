// A port of the rules of go/scanner (Go 1.23) over bytes: tokens, automatic semicolons,
// comments and the exact error messages. Used by scan.ts to parse a file header the way
// go/parser does with ImportsOnly|ParseComments. //line directives are not applied.

import { decodeRune, goString } from './utf8';
import { EOF_CH, RUNE_ERROR, isLetter, isDecimal, isDigit, lower, isHex, digitVal, fmtU, quoteRune, keywords, litname, invalidSep, stripCR } from './golexical';

/** Token kinds are spelled as go/token's Token.String(). */
export type Tok = string;
export const literalToks = new Set(['IDENT', 'INT', 'FLOAT', 'IMAG', 'CHAR', 'STRING']);

const latin1 = new TextDecoder('latin1');

export interface ScanError {
  offset: number;
  msg: string;
}

export class GoScanner {
  ch = 0x20;
  offset = 0;
  rdOffset = 0;
  lineOffset = 0;
  insertSemi = false;
  nlPos = -1; // offset of the newline in a preceding comment, or -1
  readonly lineStarts: number[] = [0];

  constructor(
    readonly src: Uint8Array,
    readonly onError: (offset: number, msg: string, sc: GoScanner) => void,
  ) {
    // token.File.AddLine ignores a line that would start at EOF.
    for (let i = src.indexOf(0x0a); i >= 0 && i + 1 < src.length; i = src.indexOf(0x0a, i + 1)) this.lineStarts.push(i + 1);
    this.next();
    if (this.ch === 0xfeff) this.next(); // BOM at file start
  }

  /** Line (1-based) and column (1-based, bytes) of an offset. */
  position(off: number): { line: number; column: number } {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - ls[lo] + 1 };
  }

  line(off: number): number {
    return this.position(off).line;
  }

  text(from: number, to: number): string {
    return goString(this.src.subarray(from, to));
  }

  private error(off: number, msg: string): void {
    this.onError(off, msg, this);
  }

  next(): void {
    const src = this.src;
    if (this.rdOffset < src.length) {
      this.offset = this.rdOffset;
      if (this.ch === 0x0a) this.lineOffset = this.offset;
      let r = src[this.rdOffset];
      let w = 1;
      if (r === 0) this.error(this.offset, 'illegal character NUL');
      else if (r >= 0x80) {
        [r, w] = decodeRune(src, this.rdOffset);
        if (r === RUNE_ERROR && w === 1) this.error(this.offset, 'illegal UTF-8 encoding');
        else if (r === 0xfeff && this.offset > 0) this.error(this.offset, 'illegal byte order mark');
      }
      this.rdOffset += w;
      this.ch = r;
    } else {
      this.offset = src.length;
      if (this.ch === 0x0a) this.lineOffset = this.offset;
      this.ch = EOF_CH;
    }
  }

  /** The current character (a method so TypeScript does not narrow it across next()). */
  cur(): number {
    return this.ch;
  }

  peek(): number {
    return this.rdOffset < this.src.length ? this.src[this.rdOffset] : 0;
  }

  private scanComment(): [string, number] {
    const offs = this.offset - 1;
    let numCR = 0;
    let nlOffset = 0;
    if (this.ch === 0x2f) {
      this.next();
      while (this.cur() !== 0x0a && this.cur() >= 0) {
        if (this.cur() === 0x0d) numCR++;
        this.next();
      }
    } else {
      this.next();
      let terminated = false;
      while (this.ch >= 0) {
        const ch = this.ch;
        if (ch === 0x0d) numCR++;
        else if (ch === 0x0a && nlOffset === 0) nlOffset = this.offset;
        this.next();
        if (ch === 0x2a && this.ch === 0x2f) {
          this.next();
          terminated = true;
          break;
        }
      }
      if (!terminated) this.error(offs, 'comment not terminated');
    }
    let lit = this.src.subarray(offs, this.offset);
    if (numCR > 0 && lit.length >= 2 && lit[1] === 0x2f && lit[lit.length - 1] === 0x0d) {
      lit = lit.subarray(0, lit.length - 1);
      numCR--;
    }
    if (numCR > 0) lit = stripCR(lit, lit[1] === 0x2a);
    return [goString(lit), nlOffset];
  }

  private scanIdentifier(): string {
    const offs = this.offset;
    const src = this.src;
    let i = this.rdOffset;
    for (; i < src.length; i++) {
      const b = src[i];
      if ((b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || (b >= 0x30 && b <= 0x39)) continue;
      this.rdOffset = i;
      if (b > 0 && b < 0x80) {
        this.ch = b;
        this.offset = this.rdOffset;
        this.rdOffset++;
      } else {
        this.next();
        while (isLetter(this.ch) || isDigit(this.ch)) this.next();
      }
      return this.text(offs, this.offset);
    }
    this.offset = src.length;
    this.rdOffset = src.length;
    this.ch = EOF_CH;
    return this.text(offs, this.offset);
  }

  private digits(base: number, invalid: { v: number } | null): number {
    let digsep = 0;
    if (base <= 10) {
      const max = 0x30 + base;
      while (isDecimal(this.ch) || this.ch === 0x5f) {
        let ds = 1;
        if (this.ch === 0x5f) ds = 2;
        else if (this.ch >= max && invalid !== null && invalid.v < 0) invalid.v = this.offset;
        digsep |= ds;
        this.next();
      }
    } else {
      while (isHex(this.ch) || this.ch === 0x5f) {
        digsep |= this.ch === 0x5f ? 2 : 1;
        this.next();
      }
    }
    return digsep;
  }

  private scanNumber(): [Tok, string] {
    const offs = this.offset;
    let tok: Tok = 'ILLEGAL';
    let base = 10;
    let prefix = 0;
    let digsep = 0;
    const invalid = { v: -1 };
    if (this.ch !== 0x2e) {
      tok = 'INT';
      if (this.ch === 0x30) {
        this.next();
        switch (lower(this.ch)) {
          case 0x78:
            this.next();
            base = 16;
            prefix = 0x78;
            break;
          case 0x6f:
            this.next();
            base = 8;
            prefix = 0x6f;
            break;
          case 0x62:
            this.next();
            base = 2;
            prefix = 0x62;
            break;
          default:
            base = 8;
            prefix = 0x30;
            digsep = 1;
        }
      }
      digsep |= this.digits(base, invalid);
    }
    if (this.ch === 0x2e) {
      tok = 'FLOAT';
      if (prefix === 0x6f || prefix === 0x62) this.error(this.offset, 'invalid radix point in ' + litname(prefix));
      this.next();
      digsep |= this.digits(base, invalid);
    }
    if ((digsep & 1) === 0) this.error(this.offset, litname(prefix) + ' has no digits');
    const e = lower(this.ch);
    if (e === 0x65 || e === 0x70) {
      if (e === 0x65 && prefix !== 0 && prefix !== 0x30) {
        this.error(this.offset, `${quoteRune(this.ch)} exponent requires decimal mantissa`);
      } else if (e === 0x70 && prefix !== 0x78) {
        this.error(this.offset, `${quoteRune(this.ch)} exponent requires hexadecimal mantissa`);
      }
      this.next();
      tok = 'FLOAT';
      if (this.ch === 0x2b || this.ch === 0x2d) this.next();
      const ds = this.digits(10, null);
      digsep |= ds;
      if ((ds & 1) === 0) this.error(this.offset, 'exponent has no digits');
    } else if (prefix === 0x78 && tok === 'FLOAT') {
      this.error(this.offset, "hexadecimal mantissa requires a 'p' exponent");
    }
    if (this.ch === 0x69) {
      tok = 'IMAG';
      this.next();
    }
    const litBytes = this.src.subarray(offs, this.offset);
    const lit = latin1.decode(litBytes); // all ASCII
    if (tok === 'INT' && invalid.v >= 0) {
      this.error(invalid.v, `invalid digit ${quoteRune(litBytes[invalid.v - offs])} in ${litname(prefix)}`);
    }
    if (digsep & 2) {
      const i = invalidSep(lit);
      if (i >= 0) this.error(offs + i, "'_' must separate successive digits");
    }
    return [tok, lit];
  }

  private scanEscape(quote: number): boolean {
    const offs = this.offset;
    let n: number;
    let base: number;
    let max: number;
    switch (this.ch) {
      case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: case 0x5c: case quote:
        this.next();
        return true;
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37:
        n = 3; base = 8; max = 255;
        break;
      case 0x78:
        this.next();
        n = 2; base = 16; max = 255;
        break;
      case 0x75:
        this.next();
        n = 4; base = 16; max = 0x10ffff;
        break;
      case 0x55:
        this.next();
        n = 8; base = 16; max = 0x10ffff;
        break;
      default:
        this.error(offs, this.ch < 0 ? 'escape sequence not terminated' : 'unknown escape sequence');
        return false;
    }
    let x = 0;
    while (n > 0) {
      const d = this.ch < 0 ? 16 : digitVal(this.ch);
      if (d >= base) {
        this.error(
          this.offset,
          this.ch < 0 ? 'escape sequence not terminated' : `illegal character ${fmtU(this.ch)} in escape sequence`,
        );
        return false;
      }
      x = x * base + d;
      this.next();
      n--;
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) {
      this.error(offs, 'escape sequence is invalid Unicode code point');
      return false;
    }
    return true;
  }

  private scanRune(): string {
    const offs = this.offset - 1;
    let valid = true;
    let n = 0;
    for (;;) {
      const ch = this.ch;
      if (ch === 0x0a || ch < 0) {
        if (valid) {
          this.error(offs, 'rune literal not terminated');
          valid = false;
        }
        break;
      }
      this.next();
      if (ch === 0x27) break;
      n++;
      if (ch === 0x5c && !this.scanEscape(0x27)) valid = false;
    }
    if (valid && n !== 1) this.error(offs, 'illegal rune literal');
    return this.text(offs, this.offset);
  }

  private scanString(): string {
    const offs = this.offset - 1;
    for (;;) {
      const ch = this.ch;
      if (ch === 0x0a || ch < 0) {
        this.error(offs, 'string literal not terminated');
        break;
      }
      this.next();
      if (ch === 0x22) break;
      if (ch === 0x5c) this.scanEscape(0x22);
    }
    return this.text(offs, this.offset);
  }

  private scanRawString(): string {
    const offs = this.offset - 1;
    let hasCR = false;
    for (;;) {
      const ch = this.ch;
      if (ch < 0) {
        this.error(offs, 'raw string literal not terminated');
        break;
      }
      this.next();
      if (ch === 0x60) break;
      if (ch === 0x0d) hasCR = true;
    }
    let lit = this.src.subarray(offs, this.offset);
    if (hasCR) lit = stripCR(lit, false);
    return goString(lit);
  }

  private skipWhitespace(): void {
    while (this.ch === 0x20 || this.ch === 0x09 || (this.ch === 0x0a && !this.insertSemi) || this.ch === 0x0d) this.next();
  }

  private sw2(t0: Tok, t1: Tok): Tok {
    if (this.ch === 0x3d) {
      this.next();
      return t1;
    }
    return t0;
  }

  private sw3(t0: Tok, t1: Tok, ch2: number, t2: Tok): Tok {
    if (this.ch === 0x3d) {
      this.next();
      return t1;
    }
    if (this.ch === ch2) {
      this.next();
      return t2;
    }
    return t0;
  }

  private sw4(t0: Tok, t1: Tok, ch2: number, t2: Tok, t3: Tok): Tok {
    if (this.ch === 0x3d) {
      this.next();
      return t1;
    }
    if (this.ch === ch2) {
      this.next();
      if (this.ch === 0x3d) {
        this.next();
        return t3;
      }
      return t2;
    }
    return t0;
  }

  /** Scanner.Scan with ScanComments: [offset, token, literal]. */
  scan(): [number, Tok, string] {
    for (;;) {
      if (this.nlPos >= 0) {
        const p = this.nlPos;
        this.nlPos = -1;
        return [p, ';', '\n'];
      }
      this.skipWhitespace();
      const pos = this.offset;
      let insertSemi = false;
      let tok: Tok;
      let lit = '';
      const ch = this.ch;
      if (isLetter(ch)) {
        lit = this.scanIdentifier();
        if (lit.length > 1 && keywords.has(lit)) {
          tok = lit;
          insertSemi = tok === 'break' || tok === 'continue' || tok === 'fallthrough' || tok === 'return';
        } else {
          tok = 'IDENT';
          insertSemi = true;
        }
      } else if (isDecimal(ch) || (ch === 0x2e && isDecimal(this.peek()))) {
        insertSemi = true;
        [tok, lit] = this.scanNumber();
      } else {
        this.next();
        switch (ch) {
          case EOF_CH:
            if (this.insertSemi) {
              this.insertSemi = false;
              return [pos, ';', '\n'];
            }
            tok = 'EOF';
            break;
          case 0x0a:
            this.insertSemi = false;
            return [pos, ';', '\n'];
          case 0x22:
            insertSemi = true;
            tok = 'STRING';
            lit = this.scanString();
            break;
          case 0x27:
            insertSemi = true;
            tok = 'CHAR';
            lit = this.scanRune();
            break;
          case 0x60:
            insertSemi = true;
            tok = 'STRING';
            lit = this.scanRawString();
            break;
          case 0x3a:
            tok = this.sw2(':', ':=');
            break;
          case 0x2e:
            tok = '.';
            if (this.ch === 0x2e && this.peek() === 0x2e) {
              this.next();
              this.next();
              tok = '...';
            }
            break;
          case 0x2c:
            tok = ',';
            break;
          case 0x3b:
            tok = ';';
            lit = ';';
            break;
          case 0x28:
            tok = '(';
            break;
          case 0x29:
            insertSemi = true;
            tok = ')';
            break;
          case 0x5b:
            tok = '[';
            break;
          case 0x5d:
            insertSemi = true;
            tok = ']';
            break;
          case 0x7b:
            tok = '{';
            break;
          case 0x7d:
            insertSemi = true;
            tok = '}';
            break;
          case 0x2b:
            tok = this.sw3('+', '+=', 0x2b, '++');
            if (tok === '++') insertSemi = true;
            break;
          case 0x2d:
            tok = this.sw3('-', '-=', 0x2d, '--');
            if (tok === '--') insertSemi = true;
            break;
          case 0x2a:
            tok = this.sw2('*', '*=');
            break;
          case 0x2f:
            if (this.ch === 0x2f || this.ch === 0x2a) {
              const [comment, nlOffset] = this.scanComment();
              if (this.insertSemi && nlOffset !== 0) {
                this.nlPos = nlOffset;
                this.insertSemi = false;
              } else {
                insertSemi = this.insertSemi;
              }
              tok = 'COMMENT';
              lit = comment;
            } else {
              tok = this.sw2('/', '/=');
            }
            break;
          case 0x25:
            tok = this.sw2('%', '%=');
            break;
          case 0x5e:
            tok = this.sw2('^', '^=');
            break;
          case 0x3c:
            if (this.ch === 0x2d) {
              this.next();
              tok = '<-';
            } else tok = this.sw4('<', '<=', 0x3c, '<<', '<<=');
            break;
          case 0x3e:
            tok = this.sw4('>', '>=', 0x3e, '>>', '>>=');
            break;
          case 0x3d:
            tok = this.sw2('=', '==');
            break;
          case 0x21:
            tok = this.sw2('!', '!=');
            break;
          case 0x26:
            if (this.ch === 0x5e) {
              this.next();
              tok = this.sw2('&^', '&^=');
            } else tok = this.sw3('&', '&=', 0x26, '&&');
            break;
          case 0x7c:
            tok = this.sw3('|', '|=', 0x7c, '||');
            break;
          case 0x7e:
            tok = '~';
            break;
          default:
            if (ch !== 0xfeff) {
              if (ch === 0x201c || ch === 0x201d) {
                this.error(pos, `curly quotation mark ${quoteRune(ch)} (use neutral ${quoteRune(0x22)})`);
              } else {
                this.error(pos, `illegal character ${fmtU(ch)}`);
              }
            }
            insertSemi = this.insertSemi;
            tok = 'ILLEGAL';
            lit = String.fromCodePoint(ch);
        }
      }
      this.insertSemi = insertSemi;
      return [pos, tok, lit];
    }
  }
}

export { EOF_CH, fmtU, quoteRune } from './golexical';
