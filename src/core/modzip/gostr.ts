// Go string semantics for zip entry names, which are arbitrary bytes (archive/zip does not
// decode them). A name is carried as a JS string decoded the way Go prints bytes through
// encoding/json: each byte of an invalid UTF-8 sequence becomes U+FFFD; `valid` tells
// whether the bytes were valid UTF-8.
import { goQuote } from '../module';

const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRune over b[i:]: [rune, width]; invalid input gives [RuneError, 1]. */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i]!;
  if (c0 < 0x80) return [c0, 1];
  const cont = (k: number, lo = 0x80, hi = 0xbf) => k < b.length && b[k]! >= lo && b[k]! <= hi;
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    if (cont(i + 1)) return [((c0 & 0x1f) << 6) | (b[i + 1]! & 0x3f), 2];
  } else if (c0 >= 0xe0 && c0 <= 0xef) {
    const lo = c0 === 0xe0 ? 0xa0 : 0x80;
    const hi = c0 === 0xed ? 0x9f : 0xbf;
    if (cont(i + 1, lo, hi) && cont(i + 2)) {
      return [((c0 & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f), 3];
    }
  } else if (c0 >= 0xf0 && c0 <= 0xf4) {
    const lo = c0 === 0xf0 ? 0x90 : 0x80;
    const hi = c0 === 0xf4 ? 0x8f : 0xbf;
    if (cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3)) {
      const r = ((c0 & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
      return [r, 4];
    }
  }
  return [RUNE_ERROR, 1];
}

// Only ever given ASCII (where UTF-8 decoding is the identity on code units).
const asciiDecoder = new TextDecoder();

/** Decodes bytes as Go would print them: invalid bytes become U+FFFD one by one. */
export function goString(b: Uint8Array): { s: string; valid: boolean } {
  let ascii = true;
  for (let k = 0; k < b.length; k++) {
    if (b[k]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return { s: asciiDecoder.decode(b), valid: true };
  let s = '';
  let valid = true;
  let start = 0;
  let i = 0;
  // Fast path for ASCII runs.
  while (i < b.length) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const [r, w] = decodeRune(b, i);
    if (r === RUNE_ERROR && w === 1) valid = false;
    s += String.fromCharCode(...b.subarray(start, i)) + String.fromCodePoint(r);
    i += w;
    start = i;
  }
  if (start === 0) return { s: String.fromCharCode(...b), valid };
  return { s: s + String.fromCharCode(...b.subarray(start)), valid };
}

const encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** strconv.Quote of arbitrary bytes: invalid UTF-8 bytes print as \xNN. */
export function quoteBytes(b: Uint8Array): string {
  let out = '';
  let run: number[] = [];
  const flush = () => {
    if (run.length) out += goQuote(String.fromCodePoint(...run)).slice(1, -1);
    run = [];
  };
  for (let i = 0; i < b.length; ) {
    const [r, w] = decodeRune(b, i);
    if (r === RUNE_ERROR && w === 1) {
      flush();
      out += '\\x' + b[i]!.toString(16).padStart(2, '0');
    } else {
      run.push(r);
    }
    i += w;
  }
  flush();
  return '"' + out + '"';
}

/** Byte-wise comparison (Go's string order). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

/** path.Clean (Go's "path" package): lexical cleaning of a slash-separated path. */
export function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const out: string[] = [];
  for (const elem of p.split('/')) {
    if (elem === '' || elem === '.') continue;
    if (elem === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(elem);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

/** path.Split: dir keeps its trailing slash. */
export function pathSplit(p: string): [string, string] {
  const i = p.lastIndexOf('/');
  return [p.slice(0, i + 1), p.slice(i + 1)];
}

/** path.Base. */
export function pathBase(p: string): string {
  if (p === '') return '.';
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  const i = p.lastIndexOf('/');
  if (i >= 0) p = p.slice(i + 1);
  return p === '' ? '/' : p;
}

/** path.Dir. */
export function pathDir(p: string): string {
  return pathClean(pathSplit(p)[0]);
}

/**
 * strings.EqualFold(s, "go.mod"), which here equals strings.ToLower(s) == "go.mod": no
 * non-ASCII rune folds or lowers to one of the letters g, o, m, d.
 */
export function foldsToGoMod(s: string): boolean {
  return s.length === 6 && s.replace(/[A-Z]/g, (c) => c.toLowerCase()) === 'go.mod';
}
