// Small string/byte helpers with Go's exact semantics, shared by gosum.ts, txtar.ts and dirhash.ts.

/** unicode.IsSpace (Go): Latin-1 spaces plus the Unicode White_Space property. */
export function isGoSpace(r: number): boolean {
  if (r <= 0xff) {
    return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  }
  return (
    r === 0x1680 ||
    (r >= 0x2000 && r <= 0x200a) ||
    r === 0x2028 ||
    r === 0x2029 ||
    r === 0x202f ||
    r === 0x205f ||
    r === 0x3000
  );
}

/** strings.Fields over a JS string (whitespace as in unicode.IsSpace). */
export function goFields(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    // Every Go space is in the BMP, so code units suffice; surrogates are never spaces.
    const space = isGoSpace(s.charCodeAt(i));
    if (space) {
      if (start >= 0) out.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** strings.TrimSpace over a JS string. */
export function goTrimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isGoSpace(s.charCodeAt(i))) i++;
  while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(i, j);
}

const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRune: [rune, width]; invalid input gives [RuneError, 1]. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const n = b.length - i;
  if (n <= 0) return [RUNE_ERROR, 0];
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
      return [
        ((c0 & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f),
        4,
      ];
    }
  }
  return [RUNE_ERROR, 1];
}

/** utf8.DecodeLastRune over b[0:end]. */
function decodeLastRune(b: Uint8Array, end: number): [number, number] {
  if (end <= 0) return [RUNE_ERROR, 0];
  if (b[end - 1]! < 0x80) return [b[end - 1]!, 1];
  const lim = Math.max(0, end - 4);
  let start = end - 1;
  for (start--; start >= lim; start--) {
    if ((b[start]! & 0xc0) !== 0x80) break; // a rune start byte
  }
  if (start < 0) start = 0;
  const [r, size] = decodeRune(b.subarray(0, end), start);
  if (start + size !== end) return [RUNE_ERROR, 1];
  return [r, size];
}

/** bytes.TrimSpace: strips Go whitespace runes from both ends (invalid UTF-8 is never space). */
export function goTrimSpaceBytes(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length) {
    const [r, w] = decodeRune(b, i);
    if (!isGoSpace(r)) break;
    i += w;
  }
  let j = b.length;
  while (j > i) {
    const [r, w] = decodeLastRune(b, j);
    if (!isGoSpace(r)) break;
    j -= w;
  }
  return b.subarray(i, j);
}

// Bytes <-> text. Go strings are bytes; modscope carries them as JS strings decoded from UTF-8
// with a reversible mapping ("surrogateescape"): each byte of an invalid UTF-8 sequence (a
// byte for which utf8.DecodeRune returns RuneError, 1; always >= 0x80) becomes the lone
// surrogate U+DC00+byte (U+DC80..U+DCFF), and utf8Encode maps it back to that byte. Valid
// UTF-8 decodes as usual, so utf8Encode(utf8Decode(b)) equals b for every byte string.

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF (Go does not strip it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Whether s[i] is an escaped invalid byte: a lone U+DC80..U+DCFF (not the low half of a pair). */
export function isEscapedByte(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xdc80 || c > 0xdcff) return false;
  const p = i > 0 ? s.charCodeAt(i - 1) : 0;
  return p < 0xd800 || p > 0xdbff;
}

const maybeEscapes = /[\udc80-\udcff]/;

/** s as encoding/json shows it once decoded: each escaped invalid byte as U+FFFD. */
export function replaceEscapedBytes(s: string): string {
  return maybeEscapes.test(s) ? s.replace(/(?<![\ud800-\udbff])[\udc80-\udcff]/g, '\ufffd') : s;
}

/** UTF-8 encoding of s; escaped invalid bytes (see utf8Decode) become the bytes they stand for. */
export function utf8Encode(s: string): Uint8Array {
  if (!maybeEscapes.test(s)) return encoder.encode(s);
  // one buffer (3 bytes per UTF-16 unit is enough): a run of escaped bytes costs no allocations
  const out = new Uint8Array(s.length * 3);
  let o = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isEscapedByte(s, i)) continue;
    if (i > start) o += encoder.encodeInto(s.slice(start, i), out.subarray(o)).written;
    out[o++] = s.charCodeAt(i) & 0xff;
    start = i + 1;
  }
  if (start < s.length) o += encoder.encodeInto(s.slice(start), out.subarray(o)).written;
  return out.slice(0, o);
}

/** The concatenation of byte strings. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Decodes UTF-8; each invalid byte becomes its escape U+DC00+byte (reversed by utf8Encode). */
export function utf8Decode(b: Uint8Array): string {
  const s = decoder.decode(b);
  // U+FFFD in the output: invalid input, or a genuine U+FFFD; decode exactly.
  if (s.indexOf('\ufffd') < 0) return s;
  const parts: string[] = [];
  // a run of invalid bytes becomes one string (fromCharCode in chunks), not a string per byte
  const escapes: number[] = [];
  const flush = () => {
    for (let k = 0; k < escapes.length; k += 4096) parts.push(String.fromCharCode(...escapes.slice(k, k + 4096)));
    escapes.length = 0;
  };
  let start = 0;
  for (let i = 0; i < b.length; ) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const [r, w] = decodeRune(b, i);
    if (r === RUNE_ERROR && w === 1) {
      if (i > start) {
        flush();
        parts.push(decoder.decode(b.subarray(start, i)));
      }
      escapes.push(0xdc00 | b[i]!);
      start = i + 1;
    }
    i += w;
  }
  flush();
  if (start < b.length) parts.push(decoder.decode(b.subarray(start)));
  return parts.join('');
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** utf8.ValidString of the bytes s stands for: no escaped bytes (nor any other lone surrogate). */
export function isValidUTF8(s: string): boolean {
  return !loneSurrogate.test(s);
}

/** len(s) in Go: the number of bytes s stands for. */
export function goByteLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (isEscapedByte(s, i)) n += 1;
    else n += 3;
  }
  return n;
}

/** The runes Go's `for range` yields over the bytes s stands for (invalid bytes: RuneError). */
export function goRunes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out.push(c >= 0xd800 && c <= 0xdfff ? RUNE_ERROR : c);
  }
  return out;
}

/** Byte-wise comparison of the bytes a and b stand for (Go's string order). */
export function compareUTF8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    // An escaped byte orders by its byte value: compare the encodings.
    if (isEscapedByte(a, i) || isEscapedByte(b, i)) return compareBytes(utf8Encode(a), utf8Encode(b));
    // UTF-16 order equals UTF-8 (code point) order except that surrogates (astral code
    // points) must sort above U+E000..U+FFFF.
    if (sx !== sy && (x >= 0xe000 || y >= 0xe000)) return sx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** bytes.Compare. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * Go's JSON encoding of a string (encoding/json with HTML escaping, as Marshal and MarshalIndent
 * do): <, > and & as \u003c..., U+2028/U+2029 escaped, and each invalid byte (an escaped byte,
 * see utf8Decode, or any other lone surrogate) as \ufffd.
 */
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
        out += '\\u00' + hexPad(c, 2);
        continue;
    }
    if (c < 0x20) out += '\\u00' + hexPad(c, 2);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + hexPad(c, 4);
    else out += ch;
  }
  return out + '"';
}

function hexPad(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

const HEX = '0123456789abcdef';

export function hexEncode(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]! >> 4]! + HEX[b[i]! & 15]!;
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** encoding/base64.StdEncoding (padded). */
export function base64Encode(b: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
  }
  if (i + 1 === b.length) {
    const v = b[i]! << 16;
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + '==';
  } else if (i + 2 === b.length) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8);
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + '=';
  }
  return s;
}
