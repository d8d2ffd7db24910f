// A port of std "path".Match (the glob syntax of GOPRIVATE-style pattern lists and of
// //go:embed patterns), over UTF-8 bytes as Go matches them. Re-exported by module.ts.

export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

const utf8 = new TextEncoder();

/**
 * Go's path.Match(pattern, name): returns [matched, error]. Works on UTF-8 bytes as Go does.
 * Syntax: '*' (any run of non-'/'), '?' (one non-'/' char), '[' ['^'] ranges ']', '\\' escapes.
 */
export function pathMatch(pattern: string, name: string): [boolean, BadPatternError | null] {
  const r = matchBytes(utf8.encode(pattern), utf8.encode(name));
  return r === 'bad' ? [false, new BadPatternError()] : [r, null];
}

type Bytes = Uint8Array;

// utf8.DecodeRune over bytes: [rune, size]; (0xFFFD, 1) on invalid input, (0xFFFD, 0) on empty.
function decodeRune(b: Bytes, i: number): [number, number] {
  const n = b.length - i;
  if (n < 1) return [0xfffd, 0];
  const c0 = b[i];
  if (c0 < 0x80) return [c0, 1];
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    if (cont(1)) return [((c0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
  } else if (c0 >= 0xe0 && c0 <= 0xef) {
    const lo = c0 === 0xe0 ? 0xa0 : 0x80;
    const hi = c0 === 0xed ? 0x9f : 0xbf;
    if (cont(1, lo, hi) && cont(2)) return [((c0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
  } else if (c0 >= 0xf0 && c0 <= 0xf4) {
    const lo = c0 === 0xf0 ? 0x90 : 0x80;
    const hi = c0 === 0xf4 ? 0x8f : 0xbf;
    if (cont(1, lo, hi) && cont(2) && cont(3)) {
      return [((c0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
    }
  }
  return [0xfffd, 1];
}

const STAR = 0x2a;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const LBRACK = 0x5b;
const RBRACK = 0x5d;

// path/match.go: scanChunk → [star, chunk, rest]
function scanChunk(pattern: Bytes): [boolean, Bytes, Bytes] {
  let star = false;
  let p = 0;
  while (p < pattern.length && pattern[p] === STAR) {
    p++;
    star = true;
  }
  pattern = pattern.subarray(p);
  let inrange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case BACKSLASH:
        if (i + 1 < pattern.length) i++;
        break;
      case LBRACK:
        inrange = true;
        break;
      case RBRACK:
        inrange = false;
        break;
      case STAR:
        if (!inrange) break scan;
        break;
    }
  }
  return [star, pattern.subarray(0, i), pattern.subarray(i)];
}

// path/match.go: getEsc → [rune, rest] or 'bad'
function getEsc(chunk: Bytes): [number, Bytes] | 'bad' {
  if (chunk.length === 0 || chunk[0] === 0x2d || chunk[0] === RBRACK) return 'bad';
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) return 'bad';
  }
  const [r, n] = decodeRune(chunk, 0);
  if (r === 0xfffd && n === 1) return 'bad';
  const rest = chunk.subarray(n);
  if (rest.length === 0) return 'bad';
  return [r, rest];
}

// path/match.go: matchChunk → rest of s on a match, null on no match, 'bad' on a syntax error
function matchChunk(chunk: Bytes, s: Bytes): Bytes | null | 'bad' {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case LBRACK: {
        let r = 0;
        if (!failed) {
          const [rr, n] = decodeRune(s, 0);
          r = rr;
          s = s.subarray(n);
        }
        chunk = chunk.subarray(1);
        let negated = false;
        if (chunk.length > 0 && chunk[0] === 0x5e) {
          negated = true;
          chunk = chunk.subarray(1);
        }
        let match = false;
        let nrange = 0;
        for (;;) {
          if (chunk.length > 0 && chunk[0] === RBRACK && nrange > 0) {
            chunk = chunk.subarray(1);
            break;
          }
          const lo = getEsc(chunk);
          if (lo === 'bad') return 'bad';
          let hi = lo[0];
          chunk = lo[1];
          if (chunk[0] === 0x2d) {
            const h = getEsc(chunk.subarray(1));
            if (h === 'bad') return 'bad';
            hi = h[0];
            chunk = h[1];
          }
          if (lo[0] <= r && r <= hi) match = true;
          nrange++;
        }
        if (match === negated) failed = true;
        break;
      }
      case 0x3f: // '?'
        if (!failed) {
          if (s[0] === SLASH) failed = true;
          const [, n] = decodeRune(s, 0);
          s = s.subarray(n);
        }
        chunk = chunk.subarray(1);
        break;
      default:
        if (chunk[0] === BACKSLASH) {
          chunk = chunk.subarray(1);
          if (chunk.length === 0) return 'bad';
        }
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.subarray(1);
        }
        chunk = chunk.subarray(1);
    }
  }
  return failed ? null : s;
}

// path/match.go: Match
function matchBytes(pattern: Bytes, name: Bytes): boolean | 'bad' {
  outer: while (pattern.length > 0) {
    const [star, chunk, rest] = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return !name.includes(SLASH);
    const t = matchChunk(chunk, name);
    if (t !== null && t !== 'bad' && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (t === 'bad') return 'bad';
    if (star) {
      for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const t2 = matchChunk(chunk, name.subarray(i + 1));
        if (t2 !== null && t2 !== 'bad') {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
        if (t2 === 'bad') return 'bad';
      }
    }
    while (pattern.length > 0) {
      const [, c2, r2] = scanChunk(pattern);
      pattern = r2;
      if (matchChunk(c2, new Uint8Array(0)) === 'bad') return 'bad';
    }
    return false;
  }
  return name.length === 0;
}
