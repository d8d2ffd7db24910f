// gostrings.ts against Go's unicode.IsSpace, strings.Fields, strings.TrimSpace and sort.Strings.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { compareUTF8, goByteLen, goFields, goRunes, goTrimSpace, goTrimSpaceBytes, isGoSpace, isValidUTF8, jsonString, utf8Decode, utf8Encode } from './gostrings';
import { goQuote } from './module';
import { unquote } from './modfile/gostr';
import { mulberry32 as rng } from './rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

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
      // Field boundaries and contents are exact (invalid bytes survive decoding as escapes).
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

  it('bytes survive utf8Decode/utf8Encode; validity, len, runes, %q, Unquote and JSON encoding see the same bytes as Go', async () => {
    const seed = 4242;
    const r = rng(seed);
    const ascii = (t: string) => Array.from(t, (c) => c.charCodeAt(0));
    // quoted-literal pieces: escapes (valid and not), quotes, CR, besides the byte pieces above
    const LIT = [...PIECES, ...['\\xff', '\\x41', '\\u00e9', '\\U0001F600', '\\377', '\\400', '\\n', '\\"', "\\'", '\\q', '\\ud800', '"', "'", '`', '\r', '<', '>', '&', '\b', '\f', '\x7f'].map(ascii)];
    const inputs: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 2 === 0) {
        inputs.push(randomBytes(r));
        continue;
      }
      const q = ascii(['"', '`', "'"][Math.floor(r() * 3)]!);
      const body: number[] = [];
      for (let k = Math.floor(r() * 5); k > 0; k--) body.push(...LIT[Math.floor(r() * LIT.length)]!);
      inputs.push(new Uint8Array([...q, ...body, ...(r() < 0.95 ? q : [])]));
    }
    // long runs of invalid bytes (a run is decoded as one string, in chunks of 4096 escapes)
    for (const [piece, n] of [[[0xe0, 0x80], 5000], [[0xfe], 9000], [[0xff, 0x41, 0xc3, 0xa9], 3000], [[0x80, 0x80, 0xf0, 0x9f, 0x98, 0x80], 2000]] as const) {
      inputs.push(new Uint8Array(Array.from({ length: n }, () => piece).flat()));
    }
    const want = await Promise.all(
      inputs.map((b) =>
        oracle.value<{ json: string; valid: boolean; len: number; runes: number[]; quote: string; unquoted: { ok?: string; err?: string } }>('bytes.info', b64(b)),
      ),
    );
    let same = 0;
    inputs.forEach((b, i) => {
      const s = utf8Decode(b);
      let unq: { ok?: string; err?: string };
      try {
        unq = { ok: b64(utf8Encode(unquote(s))) };
      } catch (e) {
        unq = { err: (e as Error).message };
      }
      // keys in the order Go's JSON writes a map
      const got = { json: b64(utf8Encode(jsonString(s))), len: goByteLen(s), quote: b64(utf8Encode(goQuote(s))), runes: goRunes(s), unquoted: unq, valid: isValidUTF8(s) };
      if (b64(utf8Encode(s)) === b64(b) && JSON.stringify(got) === JSON.stringify(want[i])) same++;
      else console.log('differs:', Array.from(b), got, want[i]);
    });
    console.log(`bytes codec (seed ${seed}): cases=${inputs.length} identical=${same} differing=${inputs.length - same}`);
    expect(same).toBe(inputs.length);
  });

  it('compareUTF8 orders strings holding escaped invalid bytes as sort.Strings orders the bytes', async () => {
    const seed = 77;
    const r = rng(seed);
    const words = Array.from({ length: 600 }, () => randomBytes(r));
    const want = await oracle.value<string[]>('bytes.sort', words.map(b64));
    const got = words.map(utf8Decode).sort(compareUTF8).map((s) => b64(utf8Encode(s)));
    expect(got).toEqual(want);
  });
});
