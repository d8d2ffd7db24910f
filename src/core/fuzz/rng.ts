// Deterministic randomness for the fuzzers: every input is a pure function of (seed, target,
// index), so a crash, hang or difference found in a worker can be regenerated anywhere.

/** FNV-1a over a string's UTF-16 units (a seed mixer, not a hash of record). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A small seeded PRNG (mulberry32) with the helpers the generators need. */
export class Rng {
  private a: number;
  constructor(seed: number | string) {
    this.a = (typeof seed === 'string' ? hashString(seed) : seed) >>> 0;
  }
  static forInput(seed: number, target: string, index: number): Rng {
    return new Rng(`${seed}:${target}:${index}`);
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  /** A length skewed towards small values, sometimes large. */
  len(max: number): number {
    const r = this.next();
    if (r < 0.7) return this.int(Math.min(max, 8) + 1);
    if (r < 0.95) return this.int(Math.min(max, 64) + 1);
    return this.int(max + 1);
  }
}
