// Go string helpers the go.mod rules depend on: unicode.IsPrint / IsSpace,
// strconv.Quote / QuoteRune / Unquote, strings.TrimSpace / Fields, UTF-8 decoding
// with Go's error rune semantics, and Go's %q.

const utf8enc = new TextEncoder();
const utf8dec = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }); // Go keeps a leading U+FEFF

export function utf8Bytes(s: string): Uint8Array {
  return utf8enc.encode(s);
}

export function utf8String(b: Uint8Array): string {
  return utf8dec.decode(b);
}

/** UTF-8 length in bytes of s (lone surrogates count as the 3-byte U+FFFD). */
export function byteLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRune: [rune, size]; invalid encodings give [RuneError, 1], empty gives [RuneError, 0]. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const n = b.length - i;
  if (n <= 0) return [RUNE_ERROR, 0];
  const c0 = b[i];
  if (c0 < 0x80) return [c0, 1];
  const bad: [number, number] = [RUNE_ERROR, 1];
  if (c0 < 0xc2 || c0 > 0xf4) return bad;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => k < b.length && b[k] >= lo && b[k] <= hi;
  if (c0 < 0xe0) {
    if (!cont(i + 1)) return bad;
    return [((c0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
  }
  if (c0 < 0xf0) {
    const lo = c0 === 0xe0 ? 0xa0 : 0x80;
    const hi = c0 === 0xed ? 0x9f : 0xbf;
    if (!cont(i + 1, lo, hi) || !cont(i + 2)) return bad;
    return [((c0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
  }
  const lo = c0 === 0xf0 ? 0x90 : 0x80;
  const hi = c0 === 0xf4 ? 0x8f : 0xbf;
  if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return bad;
  return [((c0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
}

/** Runes of a JS string as Go would range over its UTF-8 encoding. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out.push(c >= 0xd800 && c <= 0xdfff ? RUNE_ERROR : c);
  }
  return out;
}

const printRE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const spaceRE = /^\p{White_Space}$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(r: number): boolean {
  if (r === 0x20) return true;
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  if (r < 0x20 || r === 0x7f) return false;
  if (r < 0x7f) return true;
  return printRE.test(String.fromCodePoint(r));
}

/** unicode.IsSpace. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) {
    return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  }
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  return spaceRE.test(String.fromCodePoint(r));
}

/** strings.TrimSpace. */
export function trimSpace(s: string): string {
  const cps = Array.from(s);
  let i = 0;
  let j = cps.length;
  while (i < j && isSpace(cps[i].codePointAt(0)!)) i++;
  while (j > i && isSpace(cps[j - 1].codePointAt(0)!)) j--;
  if (i === 0 && j === cps.length) return s;
  return cps.slice(i, j).join('');
}

/** strings.Fields. */
export function fields(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inField = false;
  for (const ch of s) {
    if (isSpace(ch.codePointAt(0)!)) {
      if (inField) out.push(cur);
      cur = '';
      inField = false;
    } else {
      cur += ch;
      inField = true;
    }
  }
  if (inField) out.push(cur);
  return out;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function appendEscapedRune(r: number, quote: number): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCodePoint(r);
  if (isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = RUNE_ERROR;
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

/** strconv.Quote (for valid UTF-8 input; lone surrogates become \ufffd as Go would see U+FFFD). */
export function quote(s: string): string {
  let out = '"';
  for (const r of runes(s)) out += appendEscapedRune(r, 0x22);
  return out + '"';
}

/** strconv.QuoteRune (Go's %q of a rune). */
export function quoteRune(r: number): string {
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = RUNE_ERROR;
  return "'" + appendEscapedRune(r, 0x27) + "'";
}

export class SyntaxError extends Error {
  constructor() {
    super('invalid syntax');
    this.name = 'SyntaxError';
  }
}

function unhex(c: string): number {
  const v = parseInt(c, 16);
  return /^[0-9a-fA-F]$/.test(c) ? v : -1;
}

/**
 * strconv.Unquote for a double-quoted or back-quoted literal (the only forms go.mod
 * parsing hands it). Throws SyntaxError ("invalid syntax"). Byte escapes that do not
 * form valid UTF-8 become U+FFFD (Go keeps the raw bytes; a known limit of JS strings).
 */
export function unquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new SyntaxError();
  const q = s[0];
  if (q !== s[n - 1]) throw new SyntaxError();
  const body = s.slice(1, n - 1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError();
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw new SyntaxError();
  if (body.includes('\n')) throw new SyntaxError();
  if (!body.includes('\\') && !body.includes(q)) {
    if (q === '"') return body;
    // single-quoted: one rune
    if ([...body].length === 1 && body !== '') return body;
    throw new SyntaxError();
  }
  const bytes: number[] = [];
  const pushRune = (r: number) => {
    for (const b of utf8Bytes(String.fromCodePoint(r))) bytes.push(b);
  };
  const cps = Array.from(body);
  let i = 0;
  let count = 0;
  while (i < cps.length) {
    const c = cps[i];
    if (c === q && q === "'") throw new SyntaxError();
    if (c === q) throw new SyntaxError();
    count++;
    if (c !== '\\') {
      pushRune(c.codePointAt(0)!);
      i++;
      continue;
    }
    i++;
    if (i >= cps.length) throw new SyntaxError();
    const e = cps[i++];
    switch (e) {
      case 'a':
        bytes.push(7);
        break;
      case 'b':
        bytes.push(8);
        break;
      case 'f':
        bytes.push(12);
        break;
      case 'n':
        bytes.push(10);
        break;
      case 'r':
        bytes.push(13);
        break;
      case 't':
        bytes.push(9);
        break;
      case 'v':
        bytes.push(11);
        break;
      case '\\':
        bytes.push(0x5c);
        break;
      case "'":
      case '"':
        if (e !== q) throw new SyntaxError();
        bytes.push(e.charCodeAt(0));
        break;
      case 'x':
      case 'u':
      case 'U': {
        const w = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        if (i + w > cps.length) throw new SyntaxError();
        let v = 0;
        for (let k = 0; k < w; k++) {
          const d = unhex(cps[i + k]);
          if (d < 0) throw new SyntaxError();
          v = v * 16 + d;
        }
        i += w;
        if (e === 'x') {
          if (q === "'") pushRune(v);
          else bytes.push(v); // raw byte, possibly not UTF-8
          break;
        }
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError();
        pushRune(v);
        break;
      }
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        if (i + 2 > cps.length) throw new SyntaxError();
        let v = e.charCodeAt(0) - 48;
        for (let k = 0; k < 2; k++) {
          const d = cps[i + k].charCodeAt(0) - 48;
          if (cps[i + k].length !== 1 || d < 0 || d > 7) throw new SyntaxError();
          v = v * 8 + d;
        }
        i += 2;
        if (v > 255) throw new SyntaxError();
        if (q === "'") pushRune(v);
        else bytes.push(v);
        break;
      }
      default:
        throw new SyntaxError();
    }
  }
  if (q === "'" && count !== 1) throw new SyntaxError();
  return utf8String(new Uint8Array(bytes));
}

/** Go's fmt %q of a string. */
export const goQ = quote;

/** Go's JSON string encoding (encoding/json with HTML escaping, as MarshalIndent does). */
export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '<':
      case '>':
      case '&':
        out += '\\u00' + hex(c, 2);
        continue;
    }
    if (c < 0x20) out += '\\u00' + hex(c, 2);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + hex(c, 4);
    else out += ch;
  }
  return out + '"';
}

/** Go's string comparison (byte-wise UTF-8 order, which is code point order). */
export function cmpStr(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

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
