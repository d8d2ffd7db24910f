// nodeInflater (node:zlib, falling back to the port of compress/flate) against Go 1.23's
// archive/zip + compress/flate: one-entry zips whose deflate bodies are generated, mutated
// (bit flips, truncation, inserted/overwritten bytes, trailing garbage) or hand-made, read by
// our readEntry with nodeInflater and by Go's zip reader (oracle zip.entries). Contents and
// error texts must be identical, and identical to the ported decoder's.
import { deflateSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { rng } from '../../scripts/universe/generator';
import { zeroDeflate } from '../core/fuzz/targets';
import { readEntry, readZip, writeZip } from '../core/modzip';
import { goInflater, type Inflater } from '../core/modzip/inflate';
import { nodeInflater } from './nodeInflater';

const SEED = Number(process.env.INFLATE_SEED ?? 20251126);
const CASES = 700;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** LSB-first bit writer for hand-made deflate streams. */
function bits(fields: Array<[value: number, width: number]>): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const [v, w] of fields) {
    for (let i = 0; i < w; i++) {
      acc |= ((v >> i) & 1) << n;
      if (++n === 8) {
        out.push(acc);
        acc = 0;
        n = 0;
      }
    }
  }
  if (n > 0) out.push(acc);
  return new Uint8Array(out);
}

/** Hand-made streams on the edges where decoders could disagree. */
function handMade(): Uint8Array[] {
  return [
    new Uint8Array(0),
    new Uint8Array([0x03, 0x00]), // empty fixed block
    new Uint8Array([0x01, 0x00, 0x00, 0xff, 0xff]), // empty final stored block
    new Uint8Array([0x01, 0x01, 0x00, 0xff, 0xfe]), // stored length != ^nlength
    new Uint8Array([0x07]), // block type 3
    bits([[1, 1], [1, 2], [0x30 + 0, 8], [0, 7]]), // fixed: literal 0, end of block
    bits([[1, 1], [1, 2], [0b11000110, 8], [0, 7]]), // fixed: literal/length symbol 286 (invalid)
    bits([[1, 1], [1, 2], [0x30, 8], [0b0000001, 7], [0b11110, 5], [0, 7]]), // length 3, distance code 30
    bits([[1, 1], [1, 2], [0x30, 8], [0b0000001, 7], [0b00001, 5], [0, 7]]), // distance 2 after 1 byte
    // Dynamic block whose code-length code is a single one-bit code (Go's completeness rule
    // allows it, zlib's does not):
    // HLIT=257, HDIST=1, HCLEN=4 (lengths for 16,17,18,0: only 0 has length 1); then every
    // length is 0 — an empty literal tree, so the first symbol is corrupt input.
    bits([[1, 1], [2, 2], [0, 5], [0, 5], [0, 4], [0, 3], [0, 3], [0, 3], [1, 3], ...Array.from({ length: 258 }, (): [number, number] => [0, 1])]),
    // HLIT above 286.
    bits([[1, 1], [2, 2], [30, 5], [0, 5], [0, 4]]),
    zeroDeflate(70000),
  ];
}

function generate(r: ReturnType<typeof rng>): Uint8Array {
  const n = r.chance(0.1) ? r.int(200000) : r.int(3000);
  const d = new Uint8Array(n);
  const alphabet = 1 + r.int(256);
  for (let i = 0; i < n; i++) d[i] = r.chance(0.3) && i > 8 ? d[i - 1 - r.int(8)]! : r.int(alphabet);
  return deflateSync(d, { level: ([0, 1, 6, 9] as const)[r.int(4)]! });
}

function mutate(r: ReturnType<typeof rng>, body: Uint8Array): Uint8Array {
  const b = Array.from(body);
  const k = 1 + r.int(3);
  for (let i = 0; i < k; i++) {
    const op = r.int(5);
    const at = r.int(b.length + 1);
    if (op === 0 && b.length > 0) b[Math.min(at, b.length - 1)]! ^= 1 << r.int(8);
    else if (op === 1) b.length = at;
    else if (op === 2) b.splice(at, 0, r.int(256));
    else if (op === 3 && b.length > 0) b[Math.min(at, b.length - 1)] = r.int(256);
    else b.push(...Array.from({ length: 1 + r.int(8) }, () => r.int(256)));
  }
  return new Uint8Array(b);
}

interface Case {
  zip: Uint8Array;
}

/** A zip holding body as entry "x", declaring the size and CRC of the intended contents. */
function caseOf(r: ReturnType<typeof rng>, body: Uint8Array): Case {
  let data: Uint8Array;
  try {
    data = goInflater.inflate(body, 1 << 22);
  } catch {
    data = new Uint8Array(r.int(100));
  }
  const size = r.chance(0.15) ? Math.max(0, data.length + r.int(21) - 10) : data.length;
  const crc = r.chance(0.2) ? 0 : undefined;
  return { zip: writeZip([{ name: 'x', data, body, uncompressedSize: size, crc32: crc }]) };
}

function readWith(zip: Uint8Array, inflater: Inflater): { ok: string } | { err: string } {
  try {
    const z = readZip(zip);
    return { ok: b64(readEntry(z, z.files[0]!, undefined, inflater)) };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

const oracle = new GoOracle();
afterAll(() => oracle.close());

describe('nodeInflater vs Go compress/flate (through archive/zip)', () => {
  it(`reads generated, mutated and hand-made deflate bodies as Go does (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const cases: Case[] = handMade().map((body) => caseOf(r, body));
    while (cases.length < CASES) {
      const body = generate(r);
      cases.push(caseOf(r, r.chance(0.7) ? mutate(r, body) : body));
    }
    let identical = 0;
    let okCount = 0;
    const differing: string[] = [];
    const portDiffers: string[] = [];
    const go = await Promise.all(cases.map((c) => oracle.call<Array<{ name: string; data: string }>>('zip.entries', b64(c.zip))));
    cases.forEach((c, i) => {
      const ours = readWith(c.zip, nodeInflater);
      const port = readWith(c.zip, goInflater);
      const g = go[i]!;
      const want = g.err !== undefined ? { err: g.err } : { ok: g.ok![0]!.data };
      if (JSON.stringify(ours) === JSON.stringify(want)) identical++;
      else differing.push(`case ${i}: ours ${JSON.stringify(ours).slice(0, 200)} go ${JSON.stringify(want).slice(0, 200)}`);
      if (JSON.stringify(ours) !== JSON.stringify(port)) portDiffers.push(`case ${i}`);
      if ('ok' in want) okCount++;
    });
    console.log(`nodeInflater (seed ${SEED}): cases=${cases.length} identical=${identical} differing=${differing.length} (go read ${okCount} without error)`);
    expect(differing).toEqual([]);
    expect(portDiffers).toEqual([]);
    // Both outcomes must be well represented for the comparison to mean something.
    expect(okCount).toBeGreaterThan(CASES / 5);
    expect(cases.length - okCount).toBeGreaterThan(CASES / 5);
  }, 120_000);
});
