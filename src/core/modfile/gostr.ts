// Go string helpers the go.mod rules depend on. The general ones (UTF-8 with escaped invalid
// bytes, unicode.IsPrint / IsSpace, strconv.Quote, strings.Fields / TrimSpace) live in
// ../gostrings and ../module and are re-exported here (with Go's JSON string encoding); this
// file adds strconv.Unquote, string order and sort.SliceStable.
import { compareUTF8, decodeRune, goFields, goRunes, goTrimSpace, isGoSpace, isValidUTF8, jsonString, utf8Decode, utf8Encode } from '../gostrings';
import { goQuote, goQuoteRune, isPrint } from '../module';

export {
  decodeRune,
  goFields as fields,
  goRunes as runes,
  goTrimSpace as trimSpace,
  isGoSpace as isSpace,
  isPrint,
  jsonString,
  goQuote as quote,
  goQuoteRune as quoteRune,
};

const RUNE_ERROR = 0xfffd;

export class SyntaxError extends Error {
  constructor() {
    super('invalid syntax');
    this.name = 'SyntaxError';
  }
}

const hexDigit = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);
const simpleEscapes: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };

/**
 * strconv.Unquote over the bytes s stands for (escaped invalid bytes included). Throws
 * SyntaxError ("invalid syntax"). As in Go, a back-quoted literal keeps its bytes (minus
 * '\r'); in a quoted one an invalid byte is decoded as RuneError (so becomes U+FFFD) while a
 * \xNN or octal escape yields the raw byte.
 */
export function unquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new SyntaxError();
  const q = s[0]!;
  const end = s.indexOf(q, 1);
  if (end < 0) throw new SyntaxError();
  if (q === '`') {
    if (end !== n - 1) throw new SyntaxError();
    return s.slice(1, end).replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw new SyntaxError();
  const lit = s.slice(1, end);
  if (!lit.includes('\\') && !lit.includes('\n')) {
    // no escapes: valid UTF-8 (or, quoted with ', one valid rune) is its own value
    const valid = q === '"' ? isValidUTF8(lit) : lit !== '' && [...lit].length === 1 && isValidUTF8(lit);
    if (valid) {
      if (end !== n - 1) throw new SyntaxError();
      return lit;
    }
  }
  const bytes: number[] = [];
  const pushRune = (r: number) => {
    for (const b of utf8Encode(String.fromCodePoint(r))) bytes.push(b);
  };
  let i = 1;
  while (i < n && s[i] !== q) {
    const c = s.charCodeAt(i);
    if (c === 10) throw new SyntaxError();
    if (c !== 0x5c) {
      // utf8.DecodeRuneInString: an invalid byte (any lone surrogate) is RuneError
      const r = s.codePointAt(i)!;
      i += r > 0xffff ? 2 : 1;
      pushRune(r >= 0xd800 && r <= 0xdfff ? RUNE_ERROR : r);
    } else {
      const e = s[i + 1] ?? '';
      i += 2;
      if (e in simpleEscapes) bytes.push(simpleEscapes[e]!);
      else if (e === "'" || e === '"') {
        if (e !== q) throw new SyntaxError();
        bytes.push(e.charCodeAt(0));
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const w = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        let v = 0;
        for (let k = 0; k < w; k++) {
          const d = i + k < n ? hexDigit(s.charCodeAt(i + k)) : -1;
          if (d < 0) throw new SyntaxError();
          v = v * 16 + d;
        }
        i += w;
        if (e === 'x') bytes.push(v); // a raw byte, possibly not UTF-8
        else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError();
        else pushRune(v);
      } else if (e >= '0' && e <= '7') {
        let v = e.charCodeAt(0) - 0x30;
        for (let k = 0; k < 2; k++) {
          const d = i + k < n ? s.charCodeAt(i + k) - 0x30 : -1;
          if (d < 0 || d > 7) throw new SyntaxError();
          v = v * 8 + d;
        }
        i += 2;
        if (v > 255) throw new SyntaxError();
        bytes.push(v);
      } else throw new SyntaxError();
    }
    if (q === "'") break; // one character
  }
  if (i !== n - 1 || s[i] !== q) throw new SyntaxError();
  return utf8Decode(new Uint8Array(bytes));
}

/** Go's fmt %q of a string. */
export const goQ = goQuote;

/** Go's string comparison (byte-wise). */
export const cmpStr = compareUTF8;

export function strLess(a: string, b: string): boolean {
  return cmpStr(a, b) < 0;
}

/** sort.SliceStable, step for step (insertion sort blocks of 20, then SymMerge). */
export function sliceStable<T>(data: T[], less: (x: T, y: T) => boolean): void {
  const n = data.length;
  const lessIdx = (i: number, j: number) => less(data[i], data[j]);
  const swap = (i: number, j: number) => {
    const t = data[i];
    data[i] = data[j];
    data[j] = t;
  };
  const insertionSort = (a: number, b: number) => {
    for (let i = a + 1; i < b; i++) {
      for (let j = i; j > a && lessIdx(j, j - 1); j--) swap(j, j - 1);
    }
  };
  const swapRange = (a: number, b: number, k: number) => {
    for (let i = 0; i < k; i++) swap(a + i, b + i);
  };
  const rotate = (a: number, m: number, b: number) => {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (lessIdx(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!lessIdx(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const nn = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = nn - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = nn - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!lessIdx(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = nn - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
    blockSize *= 2;
  }
}
