// What a fuzz target is (Target, Corpus, RunResult, Crash) and the helpers targets share:
// typed error checks, byte/text conversions. Re-exported by targets.ts.
import type { Rng } from './rng';

/** Seed inputs per corpus kind, read from Go's testdata by the (Node) runner. */
export interface Corpus {
  gomod: Uint8Array[];
  gowork: Uint8Array[];
  gosum: Uint8Array[];
  txtar: Uint8Array[];
  gofile: Uint8Array[];
  strings: Uint8Array[];
}

export interface RunResult {
  /** The typed error's text, if the input was rejected. */
  err?: string;
  /** What is compared with Go (target-specific, JSON-able). */
  out?: unknown;
  /** Violated properties (each a short description). */
  props: string[];
}

export interface OracleCall {
  op: string;
  args: unknown[];
}

export interface Target {
  name: string;
  corpus: keyof Corpus;
  dict: readonly string[];
  maxLen: number;
  /** A structured input (used for a share of the inputs), else a corpus entry is mutated. */
  generate?(r: Rng, corpus: readonly Uint8Array[]): Uint8Array;
  /** Share of inputs mutated after choosing/generating the base (default 0.9). */
  mutateRate?: number;
  run(x: Uint8Array): RunResult;
  /** Oracle calls for x (answered in order); compare returns the differences found. */
  oracle?(x: Uint8Array): OracleCall[];
  compare?(x: Uint8Array, ours: RunResult, replies: unknown[]): string[];
}

/** A thrown value that is not one of the allowed typed errors: a crash. */
export class Crash extends Error {
  constructor(
    readonly kind: string,
    readonly reason: unknown,
  ) {
    super(`${kind}: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
    this.name = 'Crash';
  }
}

type ErrClass = abstract new (...args: never[]) => Error;
/** Plain `Error` (exactly), which some functions use for Go's error texts. */
export const PlainError: ErrClass = Error;

/** Returns e's message when e is one of the allowed classes; throws a Crash otherwise. */
export function typed(e: unknown, allowed: readonly ErrClass[], goInternal: readonly string[] = []): string {
  if (e instanceof Crash) throw e;
  if (e instanceof Error && (!e.message.startsWith('internal error') || goInternal.includes(e.message))) {
    for (const c of allowed) {
      if (c === PlainError ? e.constructor === Error : e instanceof c) return e.message;
    }
  }
  throw new Crash('unexpected exception', e);
}

const td = new TextDecoder('utf-8', { ignoreBOM: true });
export const decode = (x: Uint8Array): string => td.decode(x);
export function b64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}
export function unb64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
export const show = (v: unknown) => JSON.stringify(v)?.slice(0, 300);
