// gostrings.ts against Go's unicode.IsSpace, strings.Fields, strings.TrimSpace and sort.Strings.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { compareUTF8, goFields, goTrimSpace, goTrimSpaceBytes, isGoSpace, utf8Decode } from './gostrings';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Byte pieces: ASCII and Unicode spaces, BOM, invalid and truncated sequences, plain text.
const PIECES: number[][] = [
  [0x20], [0x09], [0x0a], [0x0b], [0x0c], [0x0d], [0x61], [0x62, 0x63], [0xc2, 0x85], [0xc2, 0xa0], [0xe1, 0x9a, 0x80],
  [0xe2, 0x80, 0x80], [0xe2, 0x80, 0x8a], [0xe2, 0x80, 0x8b], [0xe2, 0x80, 0xa8], [0xe2, 0x80, 0xaf], [0xe3, 0x80, 0x80],
  [0xef, 0xbb, 0xbf], [0xff], [0x80], [0xe2, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf0, 0xe2, 0x80, 0x80], [0xc0, 0xa0],
  [0xed, 0xa0, 0x80], [0x1c], [0x85], [0xa0],
];

function randomBytes(r: () => number): Uint8Array {
  const out: number[] = [];
  const n = Math.floor(r() * 10);
  for (let i = 0; i < n; i++) out.push(...PIECES[Math.floor(r() * PIECES.length)]!);
  return new Uint8Array(out);
}

describe('Go string semantics', () => {
  it('isGoSpace agrees with unicode.IsSpace on every rune', async () => {
    const want = await oracle.value<number[]>('unicode.spaces');
    const got: number[] = [];
    for (let r = 0; r <= 0x10ffff; r++) if (isGoSpace(r)) got.push(r);
    expect(got).toEqual(want);
  });

  it('goFields / goTrimSpace / goTrimSpaceBytes agree with strings.Fields / TrimSpace', async () => {
    const seed = 31337;
    const r = rng(seed);
    const inputs = Array.from({ length: 3000 }, () => randomBytes(r));
    const fields = await Promise.all(inputs.map((b) => oracle.value<string[]>('strings.fields', b64(b))));
    const trims = await Promise.all(inputs.map((b) => oracle.value<string>('strings.trimspace', b64(b))));
    let same = 0;
    inputs.forEach((b, i) => {
      // Field boundaries are exact; contents compared after the same lossy UTF-8 decoding.
      const f = goFields(utf8Decode(b));
      const wantF = fields[i]!.map((x) => utf8Decode(unb64(x)));
      const t = b64(goTrimSpaceBytes(b));
      const ok = JSON.stringify(f) === JSON.stringify(wantF) && t === trims[i] && goTrimSpace(utf8Decode(b)) === utf8Decode(unb64(trims[i]!));
      if (ok) same++;
      else console.log('differs:', Array.from(b), f, wantF, t, trims[i]);
    });
    console.log(`fields/trimspace (seed ${seed}): cases=${inputs.length} identical=${same} differing=${inputs.length - same}`);
    expect(same).toBe(inputs.length);
  });

  it('compareUTF8 sorts like sort.Strings', async () => {
    const r = rng(5);
    const alphabet = ['a', 'Z', '~', '\u00e9', '\u07ff', '\ud7ff', '\ue000', '\uffee', '\uffff', '😀', '𝔸', '/', '.', ''];
    const words = Array.from({ length: 400 }, () =>
      Array.from({ length: Math.floor(r() * 4) }, () => alphabet[Math.floor(r() * alphabet.length)]!).join(''),
    );
    const want = await oracle.value<string[]>('strings.sort', words);
    expect([...words].sort(compareUTF8)).toEqual(want);
  });
});
