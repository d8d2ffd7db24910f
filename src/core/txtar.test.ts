// Differential tests of txtar.ts against Go's internal/txtar (via the oracle): every .txt file
// under Go 1.23's cmd/go/testdata, plus seeded random and mutated archives.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../../scripts/gotool.mjs';
import { formatTxtar, parseTxtar, parseTxtarText, formatTxtarText, type TxtarArchive } from './txtar';
import { utf8Decode, utf8Encode } from './gostrings';
import { mulberry32 as rng } from './rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const TESTDATA = join(GOROOT_SRC as string, 'cmd/go/testdata');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (e.endsWith('.txt')) out.push(p);
  }
  return out;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

type B64Archive = { comment: string; files: { name: string; data: string }[] };

/** Our parse, in the oracle's shape (names as the bytes they stand for, invalid UTF-8 included). */
function ours(data: Uint8Array) {
  const a = parseTxtar(data);
  return { comment: b64(a.comment), files: a.files.map((f) => ({ name: b64(utf8Encode(f.name)), data: b64(f.data) })) };
}

/**
 * Compares parse and format(parse) with Go for each input, byte for byte. Go formats our parsed
 * archive (names carry invalid UTF-8 as escaped bytes, which utf8Encode restores).
 */
async function compare(inputs: { label: string; data: Uint8Array }[]) {
  const parsed = await Promise.all(inputs.map((x) => oracle.value<B64Archive>('txtar.parse', b64(x.data))));
  const mineParsed = inputs.map((x) => parseTxtar(x.data));
  const formatted = await Promise.all(
    mineParsed.map((a) =>
      oracle.value<string>('txtar.format', {
        comment: b64(a.comment),
        files: a.files.map((f) => ({ name: b64(utf8Encode(f.name)), data: b64(f.data) })),
      }),
    ),
  );
  let same = 0;
  const diff: string[] = [];
  inputs.forEach((x, i) => {
    const mine = ours(x.data);
    const mineFmt = b64(formatTxtar(mineParsed[i]!));
    if (JSON.stringify(mine) === JSON.stringify(parsed[i]) && mineFmt === formatted[i]) same++;
    else diff.push(x.label);
  });
  return { same, diff };
}

// Pieces that exercise marker recognition: marker prefixes/suffixes, whitespace (incl. Unicode
// spaces Go trims), CR, invalid UTF-8, empty names.
const PIECES: (string | number[])[] = [
  '-- ', ' --', '--', '-', ' ', '\n', '\n', '\n', '\r', '\t', 'a', 'go.mod', 'x/y.txt', '-- a --\n', '-- --\n',
  '--  --\n', '-- \t --\n', '-- b --', '\n-- ', 'text line\n', [0xc2, 0xa0], [0xe3, 0x80, 0x80], [0xef, 0xbb, 0xbf],
  [0xff], [0xe2, 0x80], [0xc2], [0xe2, 0x80, 0xa8], [0x0b], [0x0c], [0xc2, 0x85],
];

function randomArchive(r: () => number): Uint8Array {
  const out: number[] = [];
  const n = Math.floor(r() * 40);
  for (let i = 0; i < n; i++) {
    const p = PIECES[Math.floor(r() * PIECES.length)]!;
    if (typeof p === 'string') out.push(...Buffer.from(p, 'utf8'));
    else out.push(...p);
  }
  return new Uint8Array(out);
}

function mutate(r: () => number, src: Uint8Array): Uint8Array {
  const b = Array.from(src.subarray(0, 4000));
  const edits = 1 + Math.floor(r() * 6);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(r() * (b.length + 1));
    const op = r();
    if (op < 0.4) {
      const p = PIECES[Math.floor(r() * PIECES.length)]!;
      b.splice(at, 0, ...(typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
    } else if (op < 0.7) b.splice(at, 1 + Math.floor(r() * 5));
    else if (b.length > 0) b[at % b.length] = [0x0a, 0x2d, 0x20, 0x0d][Math.floor(r() * 4)]!;
  }
  // Drop the final newline sometimes.
  if (r() < 0.3 && b[b.length - 1] === 0x0a) b.pop();
  return new Uint8Array(b);
}

describe('txtar vs Go internal/txtar', () => {
  const files = walk(TESTDATA);

  it(`parses and formats every .txt under cmd/go/testdata like Go`, async () => {
    const inputs = files.map((f) => ({ label: f, data: new Uint8Array(readFileSync(f)) }));
    const { same, diff } = await compare(inputs);
    console.log(`txtar testdata: files=${inputs.length} identical=${same} differing=${diff.length}`);
    expect(inputs.length).toBeGreaterThan(1000);
    expect(diff).toEqual([]);
  });

  it('parses and formats seeded random archives like Go', async () => {
    const seed = 20240611;
    const r = rng(seed);
    const inputs = Array.from({ length: 3000 }, (_, i) => ({ label: `random#${i}`, data: randomArchive(r) }));
    const { same, diff } = await compare(inputs);
    console.log(`txtar random (seed ${seed}): cases=${inputs.length} identical=${same} differing=${diff.length}`);
    expect(diff).toEqual([]);
  });

  it('parses and formats mutated testdata archives like Go', async () => {
    const seed = 7;
    const r = rng(seed);
    const inputs = Array.from({ length: 1500 }, (_, i) => {
      const f = files[Math.floor(r() * files.length)]!;
      return { label: `mutated#${i} of ${f}`, data: mutate(r, new Uint8Array(readFileSync(f))) };
    });
    const { same, diff } = await compare(inputs);
    console.log(`txtar mutated (seed ${seed}): cases=${inputs.length} identical=${same} differing=${diff.length}`);
    expect(diff).toEqual([]);
  });

  it('formats hand-built archives like Go (missing final newlines, empty files)', async () => {
    const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
    const cases: TxtarArchive[] = [
      { comment: enc(''), files: [] },
      { comment: enc('no newline'), files: [{ name: 'a', data: enc('x') }] },
      { comment: enc(''), files: [{ name: 'a', data: enc('') }, { name: 'b/c.go', data: enc('package c') }] },
      { comment: enc('c\n'), files: [{ name: 'é x', data: enc('y\n\n') }] },
    ];
    for (const a of cases) {
      const wire = { comment: b64(a.comment), files: a.files.map((f) => ({ name: b64(enc(f.name)), data: b64(f.data) })) };
      expect(b64(formatTxtar(a))).toBe(await oracle.value<string>('txtar.format', wire));
    }
  });

  it('text API round-trips like the byte API', () => {
    const src = readFileSync(join(TESTDATA, 'script/mod_tidy.txt'), 'utf8');
    const t = parseTxtarText(src);
    const b = parseTxtar(new Uint8Array(Buffer.from(src, 'utf8')));
    expect(t.files.map((f) => f.name)).toEqual(b.files.map((f) => f.name));
    expect(formatTxtarText(t)).toBe(utf8Decode(formatTxtar(b)));
  });

  it('text API keeps invalid UTF-8 bytes: format(parse(x)) as text encodes back to Go\'s bytes', async () => {
    const x = (...parts: (string | number[])[]) =>
      new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));
    const inputs = [
      x('comment ', [0xff], '\n-- a', [0xc0, 0xaf], '.go --\n', [0xe2, 0x82], 'x\n'),
      x([0xed, 0xa0, 0x80], '\n-- ', [0xfe], ' --\n', [0x80], '\n-- ok --\nbody ', [0xf4, 0x90, 0x80, 0x80]),
      x('-- caf', [0xe9], ' --\n-- \ufffd', [0xff], ' --\n\ufffd'),
    ];
    for (const data of inputs) {
      const wire = await oracle.value<B64Archive>('txtar.parse', b64(data));
      const t = parseTxtarText(data);
      expect(t.files.map((f) => b64(utf8Encode(f.name)))).toEqual(wire.files.map((f) => f.name));
      expect(t.files.map((f) => b64(utf8Encode(f.data)))).toEqual(wire.files.map((f) => f.data));
      const goFmt = await oracle.value<string>('txtar.format', wire);
      expect(b64(utf8Encode(formatTxtarText(t)))).toBe(goFmt);
    }
  });
});
