// Template literals (text/template/parse/node.go: newNumber; strconv's ParseInt / ParseUint /
// ParseFloat with base 0, Unquote, UnquoteChar) for gotmplParse.ts.
import { utf8Decode } from './gostrings';

export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: { re: number; im: number };
}

/** strconv: underscoreOK */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, 0, 64) */
function parseUint0(s: string): bigint | null {
  if (s === '') return null;
  let base = 10;
  let body = s;
  if (s[0] === '0') {
    if (s.length >= 3 && 'xX'.includes(s[1]!)) [base, body] = [16, s.slice(2)];
    else if (s.length >= 3 && 'oO'.includes(s[1]!)) [base, body] = [8, s.slice(2)];
    else if (s.length >= 3 && 'bB'.includes(s[1]!)) [base, body] = [2, s.slice(2)];
    else [base, body] = [8, s.slice(1)];
  }
  if (body.includes('_')) {
    if (!underscoreOK(s)) return null;
    body = body.replace(/_/g, '');
  }
  if (body === '') return base === 8 && s.replace(/_/g, '') === '0' ? 0n : null;
  const digits = '0123456789abcdef'.slice(0, base);
  let n = 0n;
  for (const c of body.toLowerCase()) {
    const d = digits.indexOf(c);
    if (d < 0) return null;
    n = n * BigInt(base) + BigInt(d);
  }
  return n < 1n << 64n ? n : null;
}

/** strconv.ParseInt(s, 0, 64) */
function parseInt0(s: string): bigint | null {
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUint0(body);
  if (u === null) return null;
  if (neg ? u > 1n << 63n : u >= 1n << 63n) return null;
  return neg ? -u : u;
}

/** strconv.ParseFloat(s, 64) for the literals the lexer produces (decimal and hex floats). */
function parseFloat64(s: string): number | null {
  if (s.includes('_')) {
    if (!underscoreOK(s)) return null;
    s = s.replace(/_/g, '');
  }
  let m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (m) {
    const int = m[2]!;
    const frac = m[3] ?? '';
    if (int === '' && frac === '') return null;
    const mant = BigInt('0x' + (int + frac || '0'));
    const v = Number(mant) * 2 ** (Number(m[4]) - 4 * frac.length);
    return !Number.isFinite(v) ? null : m[1] === '-' ? -v : v;
  }
  m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.exec(s);
  if (!m) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

const isInt64 = (f: number) => Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63;
const isUint64 = (f: number) => Number.isInteger(f) && f >= 0 && f < 2 ** 64;

/** node.go: newNumber — the number's interpretations, or the parse error's text. */
export function parseNumber(text: string, typ: string): NumberValue | string {
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, uint64: 0n, float64: 0, complex: { re: 0, im: 0 } };
  const simplifyComplex = () => {
    n.isFloat = n.complex.im === 0;
    if (n.isFloat) {
      n.float64 = n.complex.re;
      n.isInt = isInt64(n.float64);
      if (n.isInt) n.int64 = BigInt(n.float64);
      n.isUint = isUint64(n.float64);
      if (n.isUint) n.uint64 = BigInt(n.float64);
    }
  };
  if (typ === 'charConstant') {
    const r = unquoteChar(text.slice(1), "'");
    if (r === null) return 'invalid syntax';
    if (r.tail !== "'") return `malformed character constant: ${text}`;
    n.int64 = n.uint64 = BigInt(r.value);
    n.float64 = r.value;
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (typ === 'complex') {
    let i = text.length - 2;
    while (i > 0 && !((text[i] === '+' || text[i] === '-') && !'eEpP'.includes(text[i - 1]!))) i--;
    const re = parseFloat64(text.slice(0, i));
    const im = parseFloat64(text.slice(i, -1));
    if (re === null || im === null) return `strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`;
    n.isComplex = true;
    n.complex = { re, im };
    simplifyComplex();
    return n;
  }
  if (text.endsWith('i')) {
    const f = parseFloat64(text.slice(0, -1));
    if (f !== null) {
      n.isComplex = true;
      n.complex = { re: 0, im: f };
      simplifyComplex();
      return n;
    }
  }
  const u = parseUint0(text);
  if (u !== null) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt0(text);
  if (i !== null) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuoteASCII(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (!n.isInt && isInt64(f)) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (!n.isUint && isUint64(f)) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuoteASCII(text)}`;
  return n;
}

/** %q of a number literal's text (ASCII). */
const goQuoteASCII = (s: string) => JSON.stringify(s);

/** strconv.UnquoteChar: the first character of s (rune or raw byte) and the rest; null on a syntax error. */
function unquoteChar(s: string, quote: string): { value: number; byte: boolean; tail: string } | null {
  const c = s[0];
  if (c === undefined) return null;
  if (c === quote && (quote === "'" || quote === '"')) return null;
  if (c !== '\\') {
    const r = s.codePointAt(0)!;
    return { value: r, byte: false, tail: s.slice(r > 0xffff ? 2 : 1) };
  }
  if (s.length <= 1) return null;
  const e = s[1]!;
  let rest = s.slice(2);
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };
  if (e in simple) return { value: simple[e]!, byte: false, tail: rest };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const h = rest.slice(0, n);
    if (h.length < n || !/^[0-9a-fA-F]+$/.test(h)) return null;
    rest = rest.slice(n);
    const v = parseInt(h, 16);
    if (e === 'x') return { value: v, byte: true, tail: rest };
    if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
    return { value: v, byte: false, tail: rest };
  }
  if (e >= '0' && e <= '7') {
    const o = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(o)) return null;
    const v = parseInt(o, 8);
    if (v > 255) return null;
    return { value: v, byte: true, tail: s.slice(4) };
  }
  if (e === "'" || e === '"') {
    if (e !== quote) return null;
    return { value: e.charCodeAt(0), byte: false, tail: rest };
  }
  return null;
}

/** strconv.Unquote for "..." and `...` literals; null on a syntax error. */
export function unquote(lit: string): string | null {
  if (lit.length < 2) return null;
  const q = lit[0]!;
  if (q !== lit[lit.length - 1]) return null;
  let s = lit.slice(1, -1);
  if (q === '`') {
    if (s.includes('`')) return null;
    return s.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") return null;
  if (s.includes('\n')) return null;
  if (!s.includes('\\') && !s.includes(q)) return s;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  while (s.length > 0) {
    const r = unquoteChar(s, q);
    if (r === null) return null;
    s = r.tail;
    if (r.byte && r.value >= 0x80) bytes.push(r.value);
    else if (r.value >= 0xdc80 && r.value <= 0xdcff && !r.byte) bytes.push(r.value & 0xff);
    else bytes.push(...enc.encode(String.fromCodePoint(r.value)));
  }
  return utf8Decode(new Uint8Array(bytes));
}
