// Go's %q (strconv.Quote / strconv.QuoteRune) and the unicode tables behind it
// (unicode.IsPrint, unicode.IsLetter as of Go 1.23's Unicode 15.0.0), for exact error texts.
// Re-exported by module.ts.
import { isEscapedByte } from './gostrings';


// Unicode property classes are built on first use: each costs up to a millisecond to build,
// which a command that never needs one would pay at start-up.
let printRE: RegExp | undefined;
let letterRE: RegExp | undefined;

// Code points the JS engine's Unicode (newer than Go 1.23's Unicode 15.0.0) assigns but Go's
// unicode tables leave unassigned; hex ranges. module.test.ts checks isPrint and isLetter
// against Go's unicode.IsPrint and unicode.IsLetter over every code point.
const NEWER_THAN_GO_TEXT =
  '88f 897 c5c cdc 1acf-1add 1ae0-1aeb 1b4e-1b4f 1b7f 1c89-1c8a 20c1 2427-2429 2b96 2ffc-2fff 31e4-31e5 ' +
  '31ef a7cb-a7cf a7d2 a7d4 a7da-a7dc a7f1 fbc3-fbd2 fd90-fd91 fdc8-fdce 105c0-105f3 10940-10959 ' +
  '10d40-10d65 10d69-10d85 10d8e-10d8f 10ec2-10ec7 10ed0-10ed8 10efa-10efc 11380-11389 1138b 1138e ' +
  '11390-113b5 113b7-113c0 113c2 113c5 113c7-113ca 113cc-113d5 113d7-113d8 113e1-113e2 116d0-116e3 ' +
  '11b60-11b67 11bc0-11be1 11bf0-11bf9 11db0-11ddb 11de0-11de9 11f5a 13460-143fa 16100-16139 ' +
  '16d40-16d79 16ea0-16eb8 16ebb-16ed3 16ff2-16ff6 187f8-187ff 18cff 18d09-18d1e 18d80-18df2 ' +
  '1cc00-1ccfc 1cd00-1ceb3 1ceba-1ced0 1cee0-1cef0 1e5d0-1e5fa 1e5ff 1e6c0-1e6de 1e6e0-1e6f5 ' +
  '1e6fe-1e6ff 1f6d8 1f777-1f77a 1f8b2-1f8bb 1f8c0-1f8c1 1f8d0-1f8d8 1fa54-1fa57 1fa89-1fa8a ' +
  '1fa8e-1fa8f 1fabe 1fac6 1fac8 1facd 1fadc 1fadf 1fae9-1faea 1faef 1fbcb-1fbef 1fbfa 2b73a-2b73f ' +
  '2cea2-2cead 2ebf0-2ee5d 323b0-33479';
/** NEWER_THAN_GO_TEXT's ranges, parsed on first use. */
let newerRanges: [number, number][] | undefined;

function newerThanGo(r: number): boolean {
  const ranges = (newerRanges ??= NEWER_THAN_GO_TEXT.trim()
    .split(/\s+/)
    .map((x): [number, number] => {
      const [a, b = a] = x.split('-');
      return [parseInt(a, 16), parseInt(b, 16)];
    }));
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    const [a, b] = ranges[m];
    if (r < a) hi = m - 1;
    else if (r > b) lo = m + 1;
    else return true;
  }
  return false;
}

/** unicode.IsPrint (strconv.IsPrint): letters, marks, numbers, punctuation, symbols, ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) return false;
  return (printRE ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u).test(String.fromCodePoint(r)) && !newerThanGo(r);
}

/** unicode.IsLetter (Go 1.23, Unicode 15.0.0). */
export function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) return false;
  return (letterRE ??= /^\p{L}$/u).test(String.fromCodePoint(r)) && !newerThanGo(r);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(r: number, quote: number): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCharCode(r);
  if (isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x0b: return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

/** Go's strconv.Quote (fmt %q of a string). Lone surrogates print as Go prints invalid UTF-8 bytes. */
export function goQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const r = s.codePointAt(i)!;
    if (r >= 0xd800 && r < 0xe000) {
      i++;
      // An escaped invalid byte (gostrings.utf8Decode) prints as Go prints it: \xNN.
      if (isEscapedByte(s, i - 1)) {
        out += '\\x' + hex(r & 0xff, 2);
        continue;
      }
      // Another lone surrogate: WTF-8 bytes, each printed as \xNN like invalid UTF-8.
      out += '\\x' + hex(0xe0 | (r >> 12), 2) + '\\x' + hex(0x80 | ((r >> 6) & 0x3f), 2) + '\\x' + hex(0x80 | (r & 0x3f), 2);
      continue;
    }
    out += escapeRune(r, 0x22);
    i += r > 0xffff ? 2 : 1;
  }
  return out + '"';
}

/** Go's strconv.QuoteRune (fmt %q of a rune). */
export function goQuoteRune(r: number): string {
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
  return "'" + escapeRune(r, 0x27) + "'";
}
