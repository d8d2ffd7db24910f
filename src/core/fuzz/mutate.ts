// Byte- and token-level mutators shared by the fuzz targets.
import { concatBytes } from '../gostrings';
import type { Rng } from './rng';

const enc = new TextEncoder();
export const utf8 = (s: string): Uint8Array => enc.encode(s);

export const concat = concatBytes;

/** Bytes that change how Go's lexers read text. */
const interestingBytes = [
  0x00, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x27, 0x28, 0x29, 0x2f, 0x2a, 0x3d, 0x3e, 0x40, 0x5c, 0x60, 0x7f, 0x80, 0xbf, 0xc0, 0xc2,
  0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xfe, 0xff,
];

/** Multi-byte sequences: odd Unicode and invalid UTF-8. */
export const unicodeChunks: readonly Uint8Array[] = [
  utf8('\u00a0'), // NBSP (unicode.IsSpace)
  utf8('\u0085'), // NEL
  utf8('\u2028'),
  utf8('\u200b'),
  utf8('\ufeff'), // BOM
  utf8('\u0130'), // İ (folding)
  utf8('\u212a'), // Kelvin sign folds to k
  utf8('\u017f'), // long s folds to s
  utf8('é'),
  utf8('💩'),
  utf8('\u0301'),
  Uint8Array.of(0xc0, 0xaf), // overlong "/"
  Uint8Array.of(0xe0, 0x80, 0xaf), // overlong
  Uint8Array.of(0xed, 0xa0, 0x80), // surrogate
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80), // > U+10FFFF
  Uint8Array.of(0xff),
  Uint8Array.of(0xe2, 0x82), // truncated
  Uint8Array.of(0xf0, 0x9f, 0x98), // truncated
];

export type Mutator = (r: Rng, b: Uint8Array, ctx: MutateContext) => Uint8Array;

export interface MutateContext {
  /** Target-specific tokens (directives, punctuation, versions...). */
  dict: readonly string[];
  /** Other corpus entries, for splicing. */
  corpus: readonly Uint8Array[];
  /** Upper bound for "huge" mutations. */
  maxLen: number;
}

function pos(r: Rng, b: Uint8Array, end = false): number {
  return r.int(b.length + (end ? 1 : 0));
}

function insert(b: Uint8Array, at: number, x: Uint8Array): Uint8Array {
  return concat([b.subarray(0, at), x, b.subarray(at)]);
}

const mutators: Array<[number, Mutator]> = [
  // bit flip
  [3, (r, b) => {
    if (b.length === 0) return b;
    const c = b.slice();
    const i = pos(r, c);
    c[i]! ^= 1 << r.int(8);
    return c;
  }],
  // set an interesting byte
  [3, (r, b) => {
    if (b.length === 0) return Uint8Array.of(r.pick(interestingBytes));
    const c = b.slice();
    c[pos(r, c)] = r.pick(interestingBytes);
    return c;
  }],
  // insert random bytes
  [2, (r, b) => {
    const x = new Uint8Array(r.len(16) + 1);
    for (let i = 0; i < x.length; i++) x[i] = r.chance(0.5) ? r.pick(interestingBytes) : r.int(256);
    return insert(b, pos(r, b, true), x);
  }],
  // delete a range
  [3, (r, b) => {
    if (b.length === 0) return b;
    const i = pos(r, b);
    const n = Math.min(b.length - i, r.len(64) + 1);
    return concat([b.subarray(0, i), b.subarray(i + n)]);
  }],
  // duplicate a range
  [2, (r, b) => {
    if (b.length === 0) return b;
    const i = pos(r, b);
    const n = Math.min(b.length - i, r.len(64) + 1);
    const times = r.chance(0.1) ? r.range(2, 50) : 1;
    const chunk = b.subarray(i, i + n);
    return insert(b, pos(r, b, true), concat(Array(times).fill(chunk)));
  }],
  // insert a dictionary token (maybe with whitespace/newline)
  [5, (r, b, ctx) => {
    if (ctx.dict.length === 0) return b;
    const sep = r.pick(['', ' ', '\n', '\t', ' ', '\r\n']);
    return insert(b, pos(r, b, true), utf8(sep + r.pick(ctx.dict) + sep));
  }],
  // token-level: delete, duplicate or swap whitespace-separated tokens
  [4, (r, b) => tokenMutate(r, b)],
  // line-level: delete, duplicate or swap lines
  [3, (r, b) => lineMutate(r, b)],
  // splice with another corpus entry
  [2, (r, b, ctx) => {
    if (ctx.corpus.length === 0) return b;
    const o = r.pick(ctx.corpus);
    const i = pos(r, o, true);
    const j = i + r.int(o.length - i + 1);
    return insert(b, pos(r, b, true), o.subarray(i, j));
  }],
  // unicode and invalid UTF-8
  [3, (r, b) => insert(b, pos(r, b, true), r.pick(unicodeChunks))],
  // truncate
  [1, (r, b) => b.subarray(0, pos(r, b, true))],
  // huge: a long run of one chunk (long lines, long tokens)
  [1, (r, b, ctx) => {
    const unit = b.length > 0 && r.chance(0.5) ? b.subarray(pos(r, b), pos(r, b) + r.range(1, 8)) : utf8(r.pick(['a', ' ', '\n', '/', '"', '\\', '(', 'v1.', '0']));
    if (unit.length === 0) return b;
    const n = Math.floor(r.range(ctx.maxLen / 8, ctx.maxLen) / unit.length);
    return insert(b, pos(r, b, true), repeat(unit, n));
  }],
  // deep nesting: many open (or close) brackets/parens
  [1, (r, b, ctx) => {
    const open = r.pick(['(', ')', '(\n', '((', '[', '{', '!(', '/*', '"', '`']);
    const n = r.range(100, Math.max(100, Math.floor(ctx.maxLen / 8)));
    return insert(b, pos(r, b, true), repeat(utf8(open), n));
  }],
];

const totalWeight = mutators.reduce((s, [w]) => s + w, 0);

export function repeat(unit: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(unit.length * n);
  for (let i = 0; i < n; i++) out.set(unit, i * unit.length);
  return out;
}

/** Applies one randomly chosen mutator. */
export function mutateOnce(r: Rng, b: Uint8Array, ctx: MutateContext): Uint8Array {
  let x = r.int(totalWeight);
  for (const [w, m] of mutators) {
    if (x < w) return m(r, b, ctx);
    x -= w;
  }
  return b;
}

/** Applies 1..max stacked mutations, keeping the result under ctx.maxLen bytes. */
export function mutate(r: Rng, b: Uint8Array, ctx: MutateContext, max = 6): Uint8Array {
  const n = r.range(1, max);
  for (let i = 0; i < n; i++) {
    b = mutateOnce(r, b, ctx);
    if (b.length > ctx.maxLen) b = b.subarray(0, ctx.maxLen);
  }
  return b;
}

function splitKeep(b: Uint8Array, isSep: (c: number) => boolean): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    if (isSep(b[i]!)) {
      parts.push(b.subarray(s, i + 1));
      s = i + 1;
    }
  }
  if (s < b.length) parts.push(b.subarray(s));
  return parts;
}

function listMutate(r: Rng, parts: Uint8Array[]): Uint8Array[] {
  if (parts.length === 0) return parts;
  const i = r.int(parts.length);
  const j = r.int(parts.length);
  switch (r.int(4)) {
    case 0:
      parts.splice(i, 1);
      break;
    case 1:
      parts.splice(j, 0, parts[i]!);
      break;
    case 2: {
      const t = parts[i]!;
      parts[i] = parts[j]!;
      parts[j] = t;
      break;
    }
    default:
      parts.splice(i, 1 + r.int(Math.min(4, parts.length - i)));
  }
  return parts;
}

const isWS = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export function tokenMutate(r: Rng, b: Uint8Array): Uint8Array {
  return concat(listMutate(r, splitKeep(b, isWS)));
}

export function lineMutate(r: Rng, b: Uint8Array): Uint8Array {
  return concat(listMutate(r, splitKeep(b, (c) => c === 0x0a)));
}
