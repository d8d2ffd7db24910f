// go/scanner's lexical rules (Go 1.23): character classes, rune quoting, keywords, and the
// number-literal and CR-stripping helpers the scanner uses.

export const EOF_CH = -1;
export const RUNE_ERROR = 0xfffd;

// Unicode property classes are built on first use: each costs up to a millisecond to build,
// which a command that never needs one would pay at start-up.
let letterRe: RegExp | undefined;
let digitRe: RegExp | undefined;
let printRe: RegExp | undefined;

export function isLetter(ch: number): boolean {
  const l = ch | 0x20;
  return (l >= 0x61 && l <= 0x7a && ch < 0x80) || ch === 0x5f || (ch >= 0x80 && (letterRe ??= /\p{L}/u).test(String.fromCodePoint(ch)));
}
export function isDecimal(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}
export function isDigit(ch: number): boolean {
  return isDecimal(ch) || (ch >= 0x80 && (digitRe ??= /\p{Nd}/u).test(String.fromCodePoint(ch)));
}
export function lower(ch: number): number {
  return 0x20 | ch;
}
export function isHex(ch: number): boolean {
  return isDecimal(ch) || (lower(ch) >= 0x61 && lower(ch) <= 0x66);
}
export function digitVal(ch: number): number {
  if (isDecimal(ch)) return ch - 0x30;
  if (lower(ch) >= 0x61 && lower(ch) <= 0x66) return lower(ch) - 0x61 + 10;
  return 16;
}

/** strconv.IsPrint (approximately: letters, marks, numbers, punctuation, symbols, ASCII space). */
function isPrint(r: number): boolean {
  if (r === 0x20) return true;
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) return false;
  return (printRe ??= /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u).test(String.fromCodePoint(r));
}

/** fmt %#U */
export function fmtU(r: number): string {
  const hex = (r < 0 ? 0xfffd : r).toString(16).toUpperCase().padStart(4, '0');
  if (r >= 0 && isPrint(r)) return `U+${hex} '${String.fromCodePoint(r)}'`;
  return `U+${hex}`;
}

/** fmt %q of a rune (strconv.QuoteRune). */
export function quoteRune(r: number): string {
  if (r === 0x27) return "'\\''";
  if (r === 0x5c) return "'\\\\'";
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
  if (isPrint(r)) return `'${String.fromCodePoint(r)}'`;
  switch (r) {
    case 7: return "'\\a'";
    case 8: return "'\\b'";
    case 12: return "'\\f'";
    case 10: return "'\\n'";
    case 13: return "'\\r'";
    case 9: return "'\\t'";
    case 11: return "'\\v'";
  }
  if (r < 0x20 || r === 0x7f) return `'\\x${r.toString(16).padStart(2, '0')}'`;
  if (r < 0x10000) return `'\\u${r.toString(16).padStart(4, '0')}'`;
  return `'\\U${r.toString(16).padStart(8, '0')}'`;
}

export const keywords = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for',
  'func', 'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select',
  'struct', 'switch', 'type', 'var',
]);


export function litname(prefix: number): string {
  switch (prefix) {
    case 0x78:
      return 'hexadecimal literal';
    case 0x6f:
    case 0x30:
      return 'octal literal';
    case 0x62:
      return 'binary literal';
  }
  return 'decimal literal';
}

export function invalidSep(x: string): number {
  let x1 = 0x20;
  let d = 0x2e;
  let i = 0;
  if (x.length >= 2 && x.charCodeAt(0) === 0x30) {
    x1 = lower(x.charCodeAt(1));
    if (x1 === 0x78 || x1 === 0x6f || x1 === 0x62) {
      d = 0x30;
      i = 2;
    }
  }
  for (; i < x.length; i++) {
    const p = d;
    d = x.charCodeAt(i);
    if (d === 0x5f) {
      if (p !== 0x30) return i;
    } else if (isDecimal(d) || (x1 === 0x78 && isHex(d))) {
      d = 0x30;
    } else {
      if (p === 0x5f) return i - 1;
      d = 0x2e;
    }
  }
  if (d === 0x5f) return x.length - 1;
  return -1;
}

export function stripCR(b: Uint8Array, comment: boolean): Uint8Array {
  const c = new Uint8Array(b.length);
  let i = 0;
  for (let j = 0; j < b.length; j++) {
    const ch = b[j];
    if (ch !== 0x0d || (comment && i > 2 && c[i - 1] === 0x2a && j + 1 < b.length && b[j + 1] === 0x2f)) {
      c[i++] = ch;
    }
  }
  return c.subarray(0, i);
}
