// UTF-8 decoding with Go's rules (unicode/utf8): an invalid byte decodes to U+FFFD, width 1.

const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRune: [rune, width]; invalid → [0xFFFD, 1]. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const n = b.length - i;
  if (n < 1) return [RUNE_ERROR, 0];
  const c0 = b[i];
  if (c0 < 0x80) return [c0, 1];
  const cont = (k: number, lo = 0x80, hi = 0xbf) => k < b.length && b[k] >= lo && b[k] <= hi;
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    if (cont(i + 1)) return [((c0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
    return [RUNE_ERROR, 1];
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const lo = c0 === 0xe0 ? 0xa0 : 0x80;
    const hi = c0 === 0xed ? 0x9f : 0xbf;
    if (cont(i + 1, lo, hi) && cont(i + 2)) {
      return [((c0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
    }
    return [RUNE_ERROR, 1];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const lo = c0 === 0xf0 ? 0x90 : 0x80;
    const hi = c0 === 0xf4 ? 0x8f : 0xbf;
    if (cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3)) {
      return [((c0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
    }
    return [RUNE_ERROR, 1];
  }
  return [RUNE_ERROR, 1];
}

/** string(b) as Go sees it when ranging over it: each invalid byte becomes U+FFFD. */
export function goString(b: Uint8Array): string {
  // Short ASCII (identifiers, import paths: nearly every call) without the general machinery.
  if (b.length <= 64) {
    let s = '';
    let k = 0;
    for (; k < b.length && b[k] < 0x80; k++) s += String.fromCharCode(b[k]);
    if (k === b.length) return s;
  }
  const parts: string[] = [];
  const ascii = (from: number, to: number) => {
    for (let k = from; k < to; k += 8192) parts.push(String.fromCharCode(...b.subarray(k, Math.min(to, k + 8192))));
  };
  let run = 0; // start of a pending ASCII run
  let i = 0;
  while (i < b.length) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    ascii(run, i);
    const [r, w] = decodeRune(b, i);
    parts.push(String.fromCodePoint(r));
    i += w;
    run = i;
  }
  ascii(run, i);
  return parts.join('');
}
