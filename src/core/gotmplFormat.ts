// fmt/format.go for gotmplFmt.ts: flags, width and precision, padding, and the formatting of
// integers, strings, quoted strings, runes and floats.
import { goQuote, goQuoteRune, isPrint } from './goquote';
import { isValidUTF8 } from './gostrings';
import { formatFloat } from './gotmplFloat';

export const ldigits = '0123456789abcdefx';
export const udigits = '0123456789ABCDEFX';

const runeCount = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function hexn(n: number, w: number, upper = false): string {
  const s = n.toString(16).padStart(w, '0');
  return upper ? s.toUpperCase() : s;
}

/** strconv.QuoteToASCII */
function quoteToASCII(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r < 0x80 || (r >= 0xd800 && r < 0xe000)) out += goQuote(ch).slice(1, -1);
    else out += r < 0x10000 ? '\\u' + hexn(r, 4) : '\\U' + hexn(r, 8);
  }
  return out + '"';
}

/** strconv.CanBackquote */
function canBackquote(s: string): boolean {
  if (!isValidUTF8(s)) return false;
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if ((r < 0x20 && r !== 9) || r === 0x60 || r === 0x7f || r === 0xfeff) return false;
  }
  return true;
}


/** fmt's fmt struct: flags and the formatting methods. */
export class Formatter {
  buf = '';
  // fmtFlags
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  prec = 0;

  clearflags() {
    this.widPresent = this.precPresent = this.minus = this.plus = this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  writePadding(n: number) {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  padString(s: string) {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean) {
    this.padString(v ? 'true' : 'false');
  }

  fmtUnicode(u: bigint) {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = u.toString(16).toUpperCase();
    if (s.length < prec) s = s.padStart(prec, '0');
    s = 'U+' + s;
    if (this.sharp && u <= 0x10ffffn && isPrint(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
    const oldZero = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = oldZero;
  }

  /** format.go: fmtInteger; v is the value itself (negative only when signed). */
  fmtInteger(v: bigint, base: number, isSigned: boolean, verb: string, digits: string) {
    const negative = isSigned && v < 0n;
    let u = negative ? -v : v;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = '';
    const b = BigInt(base);
    do {
      s = digits[Number(u % b)] + s;
      u /= b;
    } while (u > 0n);
    if (prec > s.length) s = s.padStart(prec, '0');
    if (this.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.plus) s = '+' + s;
    else if (this.space) s = ' ' + s;
    const oldZero = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = oldZero;
  }

  truncateString(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    let out = '';
    for (const ch of s) {
      if (--n < 0) return out;
      out += ch;
    }
    return s;
  }

  fmtS(s: string) {
    this.padString(this.truncateString(s));
  }

  fmtSbx(bytes: Uint8Array, digits: string) {
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = '';
    if (this.sharp) out += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += ' ';
        if (this.sharp) out += '0' + digits[16];
      }
      const c = bytes[i]!;
      out += digits[c >> 4]! + digits[c & 15]!;
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: string) {
    s = this.truncateString(s);
    if (this.sharp && canBackquote(s)) {
      this.padString('`' + s + '`');
      return;
    }
    this.padString(this.plus ? quoteToASCII(s) : goQuote(s));
  }

  fmtC(c: bigint) {
    const r = c > 0x10ffffn ? 0xfffd : Number(c);
    this.padString(r >= 0xd800 && r < 0xe000 ? '\ufffd' : String.fromCodePoint(r));
  }

  fmtQc(c: bigint) {
    let r = c > 0x10ffffn ? 0xfffd : Number(c);
    if (r >= 0xd800 && r < 0xe000) r = 0xfffd;
    if (this.plus && r >= 0x80) this.padString("'" + (r < 0x10000 ? '\\u' + hexn(r, 4) : '\\U' + hexn(r, 8)) + "'");
    else this.padString(goQuoteRune(r));
  }

  /** format.go: fmtFloat */
  fmtFloatF(v: number, verb: string, prec: number) {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb, prec);
    if (num[0] === '-' || num[0] === '+') {
      // keep
    } else num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.padString(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < num.length; i++) {
        const c = num[i]!;
        if (c === '.') hasDecimalPoint = true;
        else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = num.slice(i);
          num = num.slice(0, i);
          break;
        } else {
          if (c !== '0') sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        if (num.length === 2 && num[1] === '0') digits--;
        num += '.';
      }
      while (digits > 0) {
        num += '0';
        digits--;
      }
      num += tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.padString(num);
      return;
    }
    this.padString(num.slice(1));
  }

}
