// Both Hasher implementations against Go's crypto/sha256 (via the oracle) on seeded random inputs.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { nodeHasher } from './nodeHasher';
import { webHasher } from './webHasher';
import { mulberry32 as rng } from '../core/rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe.each([
  ['nodeHasher', nodeHasher],
  ['webHasher', webHasher],
])('%s vs Go crypto/sha256', (label, hasher) => {
  it('digests seeded random inputs (single and batched) like Go', async () => {
    const seed = 99;
    const r = rng(seed);
    const sizes = [0, 1, 55, 56, 63, 64, 65, 1000, 70000];
    const inputs = [
      ...sizes.map((n) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256))),
      ...Array.from({ length: 200 }, () => Uint8Array.from({ length: Math.floor(r() * 300) }, () => Math.floor(r() * 256))),
    ];
    // A view into a larger buffer must hash only its own bytes.
    const big = Uint8Array.from({ length: 100 }, (_, i) => i);
    inputs.push(big.subarray(10, 50));
    const want = await Promise.all(inputs.map((d) => oracle.value<string>('crypto.sha256', Buffer.from(d).toString('base64'))));
    const single = await Promise.all(inputs.map((d) => hasher.sha256(d)));
    const many = await hasher.sha256Many(inputs);
    const same = want.filter((w, i) => w === hex(single[i]!) && w === hex(many[i]!)).length;
    console.log(`${label} (seed ${seed}): cases=${inputs.length} identical=${same} differing=${inputs.length - same}`);
    expect(single.map(hex)).toEqual(want);
    expect(many.map(hex)).toEqual(want);
    // The text forms Hash1 writes (nodeHasher only): hex as %x, base64 of the same digest.
    const h = hasher as typeof nodeHasher;
    if (h.sha256HexMany) expect(await h.sha256HexMany(inputs)).toEqual(want);
    if (h.sha256Base64) expect(await Promise.all(inputs.map((d) => h.sha256Base64!(d)))).toEqual(want.map((w) => Buffer.from(w, 'hex').toString('base64')));
  });
});
