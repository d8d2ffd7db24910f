// The shard format keeps every intact record and never yields a damaged one: torn appends,
// flipped bytes and garbage between records are skipped (seeded random damage, seed printed).
import { describe, expect, it } from 'vitest';
import { rng } from '../imports/testgen';
import { decodeRecords, encodeRecord, encodeRecords } from './records';
import { MemoryIndexStore, shardHash } from './store';

function sampleRecords(n: number): [string, string][] {
  return Array.from({ length: n }, (_, i) => [JSON.stringify(['d', `example.com/m${i}@v1.0.0`, i % 3 ? 'sub' : '']), JSON.stringify([[`f${i}.go`, 0, ['fmt', `x/\u00e9${i}`], '', []]])]);
}

describe('index shard records', () => {
  it('round-trip, the last record of a key winning', () => {
    const recs = sampleRecords(20);
    const text = recs.map(([k, v]) => encodeRecord(k, v)).join('') + encodeRecord(recs[3]![0], '"new"');
    const t = decodeRecords(text);
    expect(t.size).toBe(20);
    expect(t.get(recs[3]![0])).toBe('"new"');
    expect(t.get(recs[4]![0])).toBe(recs[4]![1]);
    expect(decodeRecords(encodeRecords(t))).toEqual(t);
  });

  it('skip a torn last record and keep records appended after it', () => {
    const recs = sampleRecords(5);
    const whole = recs.map(([k, v]) => encodeRecord(k, v));
    for (let cut = 1; cut < whole[4]!.length; cut++) {
      const torn = whole.slice(0, 4).join('') + whole[4]!.slice(0, cut);
      expect([...decodeRecords(torn).keys()]).toEqual(recs.slice(0, 4).map(([k]) => k));
      // another process appends after the torn bytes
      const more = torn + encodeRecord('["t","later"]', '[]');
      expect(decodeRecords(more).get('["t","later"]')).toBe('[]');
      expect(decodeRecords(more).size).toBe(5);
    }
  });

  it('never yield a damaged value (seeded random damage)', () => {
    const seed = 8086;
    const r = rng(seed);
    const recs = sampleRecords(12);
    const clean = recs.map(([k, v]) => encodeRecord(k, v)).join('');
    const want = new Map(recs);
    for (let trial = 0; trial < 500; trial++) {
      const chars = clean.split('');
      const edits = 1 + Math.floor(r() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(r() * chars.length);
        const kind = Math.floor(r() * 3);
        if (kind === 0) chars[at] = String.fromCharCode(32 + Math.floor(r() * 95));
        else if (kind === 1) chars.splice(at, 1);
        else chars.splice(at, 0, r() < 0.3 ? '\x1e' : 'Z');
      }
      const got = decodeRecords(chars.join(''));
      for (const [k, v] of got) expect(want.get(k), `seed ${seed} trial ${trial}`).toBe(v);
      // damage touches few records: most survive
      expect(got.size, `seed ${seed} trial ${trial}`).toBeGreaterThanOrEqual(12 - 2 * edits);
    }
  });

  it('refuse keys and values that would break the framing', () => {
    expect(() => encodeRecord('a\nb', '1')).toThrow();
    expect(() => encodeRecord('a', '\x1e')).toThrow();
  });

  it('memory store: a shard opened again sees earlier records', async () => {
    const st = new MemoryIndexStore();
    const a = await st.open('s');
    a.put('k', '1');
    expect(a.get('k')).toBe('1');
    const b = await st.open('s');
    expect(b.get('k')).toBe('1');
    expect((await st.open('other')).get('k')).toBeUndefined();
    expect(shardHash('x')).toMatch(/^[0-9a-f]{16}$/);
    expect(shardHash('x')).not.toBe(shardHash('y'));
  });
});
