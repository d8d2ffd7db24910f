// The tamper-evident log against golang.org/x/mod/sumdb/tlog through the oracle, on seeded
// random logs: stored-hash numbering, stored and tree hashes, record and tree proofs (and
// tampered proofs), tile numbering and paths, tile data, the tile-authenticating hash reader
// (with a corrupted tile), and the tree/record texts.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import {
  checkRecord,
  checkTree,
  formatRecord,
  hashArrayReader,
  hashFromTile,
  hashString,
  newTiles,
  parseHash,
  parseRecord,
  parseTilePath,
  parseTree,
  proveRecord,
  proveTree,
  readTileData,
  recordHash,
  splitStoredHashIndex,
  storedHashCount,
  storedHashes,
  storedHashIndex,
  tileForIndex,
  tileHashReader,
  tilePath,
  treeHash,
  type Hash,
  type Tile,
} from './tlog';
import { mulberry32 as rng } from '../rng';

const o = new GoOracle();
afterAll(() => o.close());

const SEED = 0x7109;
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const enc = (s: string) => new TextEncoder().encode(s);

function records(n: number, r: () => number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => enc(`example.com/m${i} v1.${Math.floor(r() * 100)}.0 h1:${i}\n`));
}

async function build(recs: Uint8Array[]): Promise<Hash[]> {
  const hs: Hash[] = [];
  for (let i = 0; i < recs.length; i++) hs.push(...(await storedHashes(i, recs[i]!, hashArrayReader(hs))));
  return hs;
}

/** toEqual on long lists without vitest's (slow) whole-list diff: the first differing item. */
function sameList<T>(got: T[], want: T[], label: string): void {
  expect(got.length, label + ' length').toBe(want.length);
  for (let i = 0; i < got.length; i++) if (JSON.stringify(got[i]) !== JSON.stringify(want[i])) expect(got[i], `${label}[${i}]`).toEqual(want[i]);
}

function outcome<T>(f: () => T): { ok: T } | { err: string } {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: (e as Error).message };
  }
}
async function outcomeAsync<T>(f: () => Promise<T>): Promise<{ ok: T } | { err: string }> {
  try {
    return { ok: await f() };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

describe('tlog', () => {
  it('numbers stored hashes as tlog does', async () => {
    const r = rng(SEED);
    const pairs: [number, number][] = [];
    for (let l = 0; l < 12; l++) for (let n = 0; n < 40; n++) pairs.push([l, n]);
    for (let i = 0; i < 200; i++) pairs.push([Math.floor(r() * 30), Math.floor(r() * 2 ** 20)]);
    const idx = Array.from({ length: 3000 }, (_, i) => i).concat(Array.from({ length: 300 }, () => Math.floor(r() * 2 ** 40)));
    const counts = Array.from({ length: 1000 }, (_, i) => i).concat(Array.from({ length: 200 }, () => Math.floor(r() * 2 ** 40)));
    const want = await o.value<{ index: number[]; split: [number, number][]; count: number[] }>('tlog.index', pairs, idx, counts);
    sameList(pairs.map(([l, n]) => storedHashIndex(l, n)), want.index, 'index');
    sameList(idx.map((x) => splitStoredHashIndex(x)), want.split, 'split');
    sameList(counts.map((n) => storedHashCount(n)), want.count, 'count');
    console.log(`tlog numbering: ${pairs.length + idx.length + counts.length} values identical (seed ${SEED})`);
  });

  it('hashes records, stored hashes and trees; proves and checks records and trees', async () => {
    const r = rng(SEED + 1);
    let proofs = 0;
    let checks = 0;
    for (const n of [0, 1, 2, 3, 7, 8, 9, 100, 257, 600]) {
      const recs = records(n, r);
      const want = await o.value<{ hashes: string[]; trees: string[]; records: string[] }>('tlog.build', recs.map(b64));
      const hs = await build(recs);
      sameList(hs.map(hashString), want.hashes, 'hashes');
      expect(recs.map((x) => hashString(recordHash(x)))).toEqual(want.records);
      const rd = hashArrayReader(hs);
      const trees: string[] = [];
      for (let t = 0; t <= n; t++) trees.push(hashString(await treeHash(t, rd)));
      sameList(trees, want.trees, 'trees');

      const qs: [string, number, number][] = [];
      for (let k = 0; k < 25; k++) {
        const t = Math.floor(r() * (n + 2)) - (r() < 0.1 ? 1 : 0);
        const m = Math.floor(r() * (t + 2)) - (r() < 0.1 ? 1 : 0);
        qs.push([r() < 0.5 ? 'record' : 'tree', t, m]);
      }
      const wantP = await Promise.all(qs.map(([kind, t, m]) => o.call<string[]>('tlog.prove', kind, recs.map(b64), t, m)));
      for (let k = 0; k < qs.length; k++) {
        const [kind, t, m] = qs[k]!;
        const got = await outcomeAsync(async () => (kind === 'record' ? proveRecord(t, m, rd) : proveTree(t, m, rd)));
        const w = wantP[k]!;
        if (w.err !== undefined) {
          expect(got, `${kind} ${t} ${m}`).toEqual({ err: w.err });
          continue;
        }
        expect('ok' in got && got.ok.map(hashString)).toEqual(w.ok);
        proofs++;
        if (t > n || m > n) continue; // a proof that read nothing, for a tree beyond the log
        // Check the proof, and tampered variants, both ways.
        const th = want.trees[t]!;
        const h = kind === 'record' ? want.records[m]! : want.trees[m]!;
        const variants: [string[], string, string][] = [[w.ok, th, h]];
        if (w.ok.length > 0) {
          variants.push([w.ok.slice(1), th, h]);
          variants.push([[...w.ok].reverse(), th, h]);
          variants.push([w.ok.map((x, i) => (i === 0 ? want.trees[0]! : x)), th, h]);
        }
        variants.push([w.ok, want.trees[0]!, h]);
        variants.push([[...w.ok, th], th, h]);
        const wantC = await Promise.all(variants.map(([p, tth, hh]) => o.call<boolean>('tlog.check', kind, p, t, tth, m, hh)));
        variants.forEach(([p, tth, hh], i) => {
          const ph = p.map(parseHash);
          const got = outcome(() =>
            kind === 'record' ? checkRecord(ph, t, parseHash(tth), m, parseHash(hh)) : checkTree(ph, t, parseHash(tth), m, parseHash(hh)),
          );
          const wc = wantC[i]!;
          expect('err' in got ? got : { ok: true }).toEqual(wc.err !== undefined ? { err: wc.err } : { ok: true });
          checks++;
        });
      }
    }
    console.log(`tlog: ${proofs} proofs and ${checks} proof checks identical (seed ${SEED + 1})`);
  });

  it('numbers tiles and spells their paths as tlog does', async () => {
    const r = rng(SEED + 2);
    let count = 0;
    for (const h of [1, 2, 3, 8]) {
      const idx = Array.from({ length: 400 }, (_, i) => i).concat(Array.from({ length: 200 }, () => Math.floor(r() * 2 ** 36)));
      const grow: [number, number][] = [];
      for (let i = 0; i < 100; i++) {
        const a = Math.floor(r() * 3000);
        grow.push([a, a + Math.floor(r() * 3000)]);
      }
      if (h === 8) grow.push([0, 70000], [12345678, 12399999], [2 ** 40, 2 ** 40 + 1000]);
      const want = await o.value<{ forIndex: string[]; newTiles: (string[] | null)[] }>('tlog.tiles', h, idx, grow);
      sameList(idx.map((x) => tilePath(tileForIndex(h, x))), want.forIndex, `forIndex h=${h}`);
      sameList(grow.map(([a, b]) => newTiles(h, a, b).map(tilePath)), want.newTiles.map((x) => x ?? []), `newTiles h=${h}`);
      count += idx.length + grow.length;
    }
    const paths = [
      'tile/8/0/000', 'tile/8/0/001.p/5', 'tile/8/data/002', 'tile/8/1/x001/234', 'tile/8/1/x001/x234/567.p/255',
      'tile/8/0/001.p/256', 'tile/8/0/001.p/0', 'tile/8/0/1', 'tile/08/0/001', 'tile/+8/0/001', 'tile/8/-1/001', 'tile/31/0/000',
      'tile/8/0/x000/001', 'tile/8/0/1000', 'tile/8/0', 'tiles/8/0/000', 'tile/8/data/000.p/3', 'tile/1/0/000.p/1', 'tile/8/0/001.p/',
      'tile/8/0/x1/001', 'tile/8/0/"q"', 'tile/30/63/999', 'tile/8/0/001.p/5/6',
    ];
    for (let i = 0; i < 100; i++) {
      const t: Tile = { H: 1 + Math.floor(r() * 10), L: Math.floor(r() * 4) - 1, N: Math.floor(r() * 10 ** (1 + Math.floor(r() * 9))), W: 0 };
      t.W = r() < 0.5 ? 2 ** t.H : 1 + Math.floor(r() * 2 ** t.H);
      paths.push(tilePath(t));
    }
    const wantT = await Promise.all(paths.map((p) => o.call<Tile>('tlog.parseTilePath', p)));
    paths.forEach((p, i) => {
      const w = wantT[i]!;
      expect(outcome(() => ({ ...parseTilePath(p) })), p).toEqual(w.err !== undefined ? { err: w.err } : { ok: w.ok });
    });
    count += paths.length;
    console.log(`tiles: ${count} tile numbers/paths identical (seed ${SEED + 2})`);
  });

  it('reads tile data and hashes from tiles as tlog does', async () => {
    const r = rng(SEED + 3);
    const recs = records(700, r);
    const hs = await build(recs);
    const rd = hashArrayReader(hs);
    let count = 0;
    for (let k = 0; k < 40; k++) {
      const h = [2, 3, 8][k % 3]!;
      const t = tileForIndex(h, Math.floor(r() * hs.length));
      const full = r() < 0.3 ? { ...t, W: 2 ** h } : t;
      const idx = Array.from({ length: 6 }, () => Math.floor(r() * hs.length));
      const want = await o.call<{ data: string; hashes: ({ hash: string } | { err: string })[] }>('tlog.tileData', recs.map(b64), tilePath(full), idx);
      const got = await outcomeAsync(() => readTileData(full, rd));
      if (want.err !== undefined) {
        expect(got).toEqual({ err: want.err });
        continue;
      }
      expect('ok' in got && b64(got.ok)).toBe(want.ok.data);
      const data = (got as { ok: Uint8Array }).ok;
      idx.forEach((x, i) => {
        const g = outcome(() => hashString(hashFromTile(full, data, x)));
        const w = want.ok.hashes[i]!;
        expect('err' in g ? { err: g.err } : { hash: g.ok }).toEqual(w);
        count++;
      });
    }
    console.log(`tile data: ${count} hashFromTile results identical (seed ${SEED + 3})`);
  });

  it('authenticates tiles like tlog.TileHashReader (and rejects a corrupted tile)', async () => {
    const r = rng(SEED + 4);
    const recs = records(600, r);
    const hs = await build(recs);
    let count = 0;
    for (let k = 0; k < 30; k++) {
      const h = [1, 2, 3, 8][k % 4]!;
      const n = 1 + Math.floor(r() * recs.length);
      const top = storedHashIndex(0, n);
      const idx = Array.from({ length: 1 + Math.floor(r() * 4) }, () => Math.floor(r() * (top + (r() < 0.1 ? 5 : 0))));
      const tree = { N: n, Hash: await treeHash(n, hashArrayReader(hs)) };
      // first clean, then with one of the tiles it reads corrupted
      const clean = await o.value<{ hashes?: string[]; err?: string; read: string[] }>('tlog.tileHashReader', recs.map(b64), n, h, idx, '');
      const corrupt = clean.read.length > 0 ? clean.read[Math.floor(r() * clean.read.length)]! : '';
      for (const bad of [''].concat(corrupt ? [corrupt] : [])) {
        const want = bad === '' ? clean : await o.value<{ hashes?: string[]; err?: string; read: string[] }>('tlog.tileHashReader', recs.map(b64), n, h, idx, bad);
        const read: string[] = [];
        const got = await outcomeAsync(() =>
          tileHashReader(tree, {
            height: () => h,
            readTiles: async (tiles) =>
              Promise.all(
                tiles.map(async (t) => {
                  read.push(tilePath(t));
                  const d = await readTileData(t, hashArrayReader(hs));
                  if (tilePath(t) === bad && d.length > 0) d[d.length - 1]! ^= 1;
                  return d;
                }),
              ),
            saveTiles: () => {},
          }).readHashes(idx),
        );
        expect('err' in got ? { err: got.err, read } : { hashes: got.ok.map(hashString), read }).toEqual(
          want.err !== undefined ? { err: want.err, read: want.read ?? [] } : { hashes: want.hashes, read: want.read ?? [] },
        );
        count++;
      }
    }
    console.log(`tileHashReader: ${count} reads identical (tiles asked and hashes or error) (seed ${SEED + 4})`);
  });

  it('parses tree notes and records, formats records as tlog does', async () => {
    const r = rng(SEED + 5);
    const h = b64(new Uint8Array(32).map(() => Math.floor(r() * 256)));
    const trees = [
      `go.sum database tree\n5\n${h}\n`, `go.sum database tree\n05\n${h}\n`, `go.sum database tree\n-1\n${h}\n`, `go.sum database tree\n+5\n${h}\n`,
      `go.sum database tree\n5\n${h}`, `go.sum database tree\n5\n${h}\nextra\n`, `go.sum database tree\n5\n${h}\r\n`, `go.sum database tree\n5\n${h.slice(4)}\n`,
      `go.sum database tre\n5\n${h}\n`, `go.sum database tree\n9223372036854775808\n${h}\n`, `go.sum database tree\n0\n${h}\n`, `go.sum database tree\n5\n${h.slice(0, -1)}\n`,
    ];
    const recs = [
      '5\nexample.com/a v1.0.0 h1:x\n\nnote', '5\nexample.com/a v1.0.0 h1:x\n', '-3\na\n\n', '+3\na\n\n', '03\na\n\n', 'x\na\n\n', '3\n\n\n',
      '3\na\n\nb\n\n', '3\na\tb\n\n', '3\n\xffa\n\n', '9223372036854775808\na\n\n', '3\n\n', '3\na\nb\n\nrest',
    ];
    const wantT = await Promise.all(trees.map((t) => o.call<{ N: number; Hash: string }>('tlog.text', 'tree', b64(enc(t)))));
    trees.forEach((t, i) => {
      const w = wantT[i]!;
      const g = outcome(() => parseTree(enc(t)));
      expect('err' in g ? g : { ok: { N: g.ok.N, Hash: hashString(g.ok.Hash) } }, JSON.stringify(t)).toEqual(w.err !== undefined ? { err: w.err } : { ok: w.ok });
    });
    const latin1 = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    const wantR = await Promise.all(recs.map((t) => o.call<{ id: number; text: string; rest: string }>('tlog.text', 'record', b64(latin1(t)))));
    recs.forEach((t, i) => {
      const w = wantR[i]!;
      const g = outcome(() => parseRecord(latin1(t)));
      expect('err' in g ? g : { ok: { id: g.ok.id, text: b64(g.ok.text), rest: b64(g.ok.rest) } }, JSON.stringify(t)).toEqual(
        w.err !== undefined ? { err: w.err } : { ok: w.ok },
      );
    });
    const texts = ['a\n', 'a\nb\n', 'a', 'a\n\n', '\n', '', 'a\tb\n', 'ü\n', '\xff\n'];
    const wantF = await Promise.all(texts.map((t) => o.call<string>('tlog.text', 'formatRecord', b64(latin1(t)), 42)));
    texts.forEach((t, i) => {
      const w = wantF[i]!;
      const g = outcome(() => b64(formatRecord(42, latin1(t))));
      expect(g).toEqual(w.err !== undefined ? { err: w.err } : { ok: w.ok });
    });
    console.log(`tlog texts: ${trees.length + recs.length + texts.length} cases identical`);
  });
});
