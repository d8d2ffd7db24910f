// Tamper-evident logs (golang.org/x/mod/sumdb/tlog): record and node hashes, the stored-hash
// numbering, tree hashes, record and tree proofs, tiles and their paths, the tile-backed hash
// reader that authenticates downloaded tiles, and the tree/record text formats.
// Sizes and indexes are JS numbers: exact up to 2^53 (Go uses int64).

import { base64Encode, decodeRune, utf8Decode, utf8Encode } from '../gostrings';
import { goBase64Decode } from './b64';
import { sha256 } from './sha256';

/** A 32-byte SHA-256 hash (tlog.Hash). */
export type Hash = Uint8Array;
export const HashSize = 32;

/** Hash.String: standard base64. */
export function hashString(h: Hash): string {
  return base64Encode(h);
}

export function hashEqual(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** tlog.ParseHash */
export function parseHash(s: string): Hash {
  const data = goBase64Decode(s);
  if (data === undefined || data.length !== HashSize) throw new Error('malformed hash');
  return data;
}

const pow2 = (k: number): number => 2 ** k;
const shr = (n: number, k: number): number => Math.floor(n / 2 ** k);

function trailingZeros(n: number): number {
  if (n === 0) return 64;
  let k = 0;
  while (n % 2 === 0) {
    n /= 2;
    k++;
  }
  return k;
}

/** maxpow2: the largest power of two k < n (k = 2^l), for n > 1. */
function maxpow2(n: number): [number, number] {
  let l = 0;
  while (pow2(l + 1) < n) l++;
  return [pow2(l), l];
}

const zeroPrefix = new Uint8Array([0x00]);
const onePrefix = new Uint8Array([0x01]);

/** tlog.RecordHash: SHA-256(0x00 || data). */
export function recordHash(data: Uint8Array): Hash {
  return sha256(zeroPrefix, data);
}

/** tlog.NodeHash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return sha256(onePrefix, left, right);
}

/** tlog.StoredHashIndex: the index of hash (level, n) in the stored-hash sequence. */
export function storedHashIndex(level: number, n: number): number {
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  let i = 0;
  for (; n > 0; n = Math.floor(n / 2)) i += n;
  return i + level;
}

/** tlog.SplitStoredHashIndex */
export function splitStoredHashIndex(index: number): [level: number, n: number] {
  let n = Math.floor(index / 2);
  let indexN = storedHashIndex(0, n);
  if (indexN > index) throw new Error('bad math');
  for (;;) {
    const x = indexN + 1 + trailingZeros(n + 1);
    if (x > index) break;
    n++;
    indexN = x;
  }
  const level = index - indexN;
  return [level, shr(n, level)];
}

/** tlog.StoredHashCount: how many hashes a tree of n records stores. */
export function storedHashCount(n: number): number {
  if (n === 0) return 0;
  let numHash = storedHashIndex(0, n - 1) + 1;
  for (let i = n - 1; i % 2 === 1; i = Math.floor(i / 2)) numHash++;
  return numHash;
}

/** tlog.HashReader */
export interface HashReader {
  readHashes(indexes: number[]): Promise<Hash[]>;
}

/** A HashReader over an in-memory array of stored hashes. */
export function hashArrayReader(hashes: readonly Hash[]): HashReader {
  return {
    async readHashes(indexes) {
      return indexes.map((i) => {
        const h = hashes[i];
        if (!h) throw new Error(`index out of range [${i}] with length ${hashes.length}`);
        return h;
      });
    },
  };
}

function countError(want: number, got: number): Error {
  return new Error(`tlog: ReadHashes(${want} indexes) = ${got} hashes`);
}

/** tlog.StoredHashes: the hashes to append when adding record n with the given data. */
export function storedHashes(n: number, data: Uint8Array, r: HashReader): Promise<Hash[]> {
  return storedHashesForRecordHash(n, recordHash(data), r);
}

/** tlog.StoredHashesForRecordHash */
export async function storedHashesForRecordHash(n: number, h: Hash, r: HashReader): Promise<Hash[]> {
  const hashes = [h];
  const m = trailingZeros(n + 1);
  const indexes = new Array<number>(m);
  for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, shr(n, i) - 1);
  const old = await r.readHashes(indexes);
  if (old.length !== indexes.length) throw countError(indexes.length, old.length);
  for (let i = 0; i < m; i++) {
    h = nodeHash(old[m - 1 - i]!, h);
    hashes.push(h);
  }
  return hashes;
}

/** SHA-256 of the empty string: the hash of the empty tree. */
export const emptyTreeHash: Hash = sha256();

/** tlog.TreeHash: the hash of the tree of n records. */
export async function treeHash(n: number, r: HashReader): Promise<Hash> {
  if (n === 0) return emptyTreeHash;
  const indexes = subTreeIndex(0, n, []);
  const hashes = await r.readHashes(indexes);
  if (hashes.length !== indexes.length) throw countError(indexes.length, hashes.length);
  const [hash, rest] = subTreeHash(0, n, hashes);
  if (rest.length !== 0) throw new Error('tlog: bad index math in TreeHash');
  return hash;
}

function subTreeIndex(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const [k, level] = maxpow2(hi - lo + 1);
    if (lo % k !== 0) throw new Error('tlog: bad math in subTreeIndex');
    need.push(storedHashIndex(level, shr(lo, level)));
    lo += k;
  }
  return need;
}

function subTreeHash(lo: number, hi: number, hashes: Hash[]): [Hash, Hash[]] {
  let numTree = 0;
  while (lo < hi) {
    const [k] = maxpow2(hi - lo + 1);
    if (lo % k !== 0 || lo >= hi) throw new Error('tlog: bad math in subTreeHash');
    numTree++;
    lo += k;
  }
  if (hashes.length < numTree) throw new Error('tlog: bad index math in subTreeHash');
  let h = hashes[numTree - 1]!;
  for (let i = numTree - 2; i >= 0; i--) h = nodeHash(hashes[i]!, h);
  return [h, hashes.slice(numTree)];
}

export type RecordProof = Hash[];
export type TreeProof = Hash[];

/** tlog.ProveRecord: the proof that record n is in the tree of size t. */
export async function proveRecord(t: number, n: number, r: HashReader): Promise<RecordProof> {
  if (t < 0 || n < 0 || n >= t) throw new Error('tlog: invalid inputs in ProveRecord');
  const indexes = leafProofIndex(0, t, n, []);
  if (indexes.length === 0) return [];
  const hashes = await r.readHashes(indexes);
  if (hashes.length !== indexes.length) throw countError(indexes.length, hashes.length);
  const [p, rest] = leafProof(0, t, n, hashes);
  if (rest.length !== 0) throw new Error('tlog: bad index math in ProveRecord');
  return p;
}

function leafProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (!(lo <= n && n < hi)) throw new Error('tlog: bad math in leafProofIndex');
  if (lo + 1 === hi) return need;
  const [k] = maxpow2(hi - lo);
  if (n < lo + k) {
    need = leafProofIndex(lo, lo + k, n, need);
    need = subTreeIndex(lo + k, hi, need);
  } else {
    need = subTreeIndex(lo, lo + k, need);
    need = leafProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function leafProof(lo: number, hi: number, n: number, hashes: Hash[]): [RecordProof, Hash[]] {
  if (!(lo <= n && n < hi)) throw new Error('tlog: bad math in leafProof');
  if (lo + 1 === hi) return [[], hashes];
  let p: RecordProof;
  let th: Hash;
  const [k] = maxpow2(hi - lo);
  if (n < lo + k) {
    [p, hashes] = leafProof(lo, lo + k, n, hashes);
    [th, hashes] = subTreeHash(lo + k, hi, hashes);
  } else {
    [th, hashes] = subTreeHash(lo, lo + k, hashes);
    [p, hashes] = leafProof(lo + k, hi, n, hashes);
  }
  return [[...p, th], hashes];
}

const errProofFailed = () => new Error('invalid transparency proof');

/** tlog.CheckRecord: verifies that p proves record n (hash h) is in tree (t, th). */
export function checkRecord(p: RecordProof, t: number, th: Hash, n: number, h: Hash): void {
  if (t < 0 || n < 0 || n >= t) throw new Error('tlog: invalid inputs in CheckRecord');
  const th2 = runRecordProof(p, 0, t, n, h);
  if (!hashEqual(th2, th)) throw errProofFailed();
}

function runRecordProof(p: RecordProof, lo: number, hi: number, n: number, leaf: Hash): Hash {
  if (!(lo <= n && n < hi)) throw new Error('tlog: bad math in runRecordProof');
  if (lo + 1 === hi) {
    if (p.length !== 0) throw errProofFailed();
    return leaf;
  }
  if (p.length === 0) throw errProofFailed();
  const [k] = maxpow2(hi - lo);
  const last = p[p.length - 1]!;
  if (n < lo + k) return nodeHash(runRecordProof(p.slice(0, -1), lo, lo + k, n, leaf), last);
  return nodeHash(last, runRecordProof(p.slice(0, -1), lo + k, hi, n, leaf));
}

/** tlog.ProveTree: the proof that the tree of size n is a prefix of the tree of size t. */
export async function proveTree(t: number, n: number, r: HashReader): Promise<TreeProof> {
  if (t < 1 || n < 1 || n > t) throw new Error('tlog: invalid inputs in ProveTree');
  const indexes = treeProofIndex(0, t, n, []);
  if (indexes.length === 0) return [];
  const hashes = await r.readHashes(indexes);
  if (hashes.length !== indexes.length) throw countError(indexes.length, hashes.length);
  const [p, rest] = treeProof(0, t, n, hashes);
  if (rest.length !== 0) throw new Error('tlog: bad index math in ProveTree');
  return p;
}

function treeProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (!(lo < n && n <= hi)) throw new Error('tlog: bad math in treeProofIndex');
  if (n === hi) {
    if (lo === 0) return need;
    return subTreeIndex(lo, hi, need);
  }
  const [k] = maxpow2(hi - lo);
  if (n <= lo + k) {
    need = treeProofIndex(lo, lo + k, n, need);
    need = subTreeIndex(lo + k, hi, need);
  } else {
    need = subTreeIndex(lo, lo + k, need);
    need = treeProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function treeProof(lo: number, hi: number, n: number, hashes: Hash[]): [TreeProof, Hash[]] {
  if (!(lo < n && n <= hi)) throw new Error('tlog: bad math in treeProof');
  if (n === hi) {
    if (lo === 0) return [[], hashes];
    const [th, rest] = subTreeHash(lo, hi, hashes);
    return [[th], rest];
  }
  let p: TreeProof;
  let th: Hash;
  const [k] = maxpow2(hi - lo);
  if (n <= lo + k) {
    [p, hashes] = treeProof(lo, lo + k, n, hashes);
    [th, hashes] = subTreeHash(lo + k, hi, hashes);
  } else {
    [th, hashes] = subTreeHash(lo, lo + k, hashes);
    [p, hashes] = treeProof(lo + k, hi, n, hashes);
  }
  return [[...p, th], hashes];
}

/** tlog.CheckTree: verifies that p proves tree (n, h) is a prefix of tree (t, th). */
export function checkTree(p: TreeProof, t: number, th: Hash, n: number, h: Hash): void {
  if (t < 1 || n < 1 || n > t) throw new Error('tlog: invalid inputs in CheckTree');
  const [h2, th2] = runTreeProof(p, 0, t, n, h);
  if (!(hashEqual(th2, th) && hashEqual(h2, h))) throw errProofFailed();
}

function runTreeProof(p: TreeProof, lo: number, hi: number, n: number, old: Hash): [Hash, Hash] {
  if (!(lo < n && n <= hi)) throw new Error('tlog: bad math in runTreeProof');
  if (n === hi) {
    if (lo === 0) {
      if (p.length !== 0) throw errProofFailed();
      return [old, old];
    }
    if (p.length !== 1) throw errProofFailed();
    return [p[0]!, p[0]!];
  }
  if (p.length === 0) throw errProofFailed();
  const [k] = maxpow2(hi - lo);
  const last = p[p.length - 1]!;
  if (n <= lo + k) {
    const [oh, th] = runTreeProof(p.slice(0, -1), lo, lo + k, n, old);
    return [oh, nodeHash(th, last)];
  }
  const [oh, th] = runTreeProof(p.slice(0, -1), lo + k, hi, n, old);
  return [nodeHash(last, oh), nodeHash(last, th)];
}

// ---------------------------------------------------------------------------
// Tiles (tlog/tile.go).

/** A tile of height h at level l (-1 = record data), number n, width w (1..2^h). */
export interface Tile {
  H: number;
  L: number;
  N: number;
  W: number;
}

const zeroTile: Tile = { H: 0, L: 0, N: 0, W: 0 };

export function tileKey(t: Tile): string {
  return `${t.H}/${t.L}/${t.N}/${t.W}`;
}

/** Go's %v of a Tile. */
function tileV(t: Tile): string {
  return `{${t.H} ${t.L} ${t.N} ${t.W}}`;
}

/** tlog.TileForIndex */
export function tileForIndex(h: number, index: number): Tile {
  if (h <= 0) throw new Error(`TileForIndex: invalid height ${h}`);
  return tileForIndexRange(h, index)[0];
}

function tileForIndexRange(h: number, index: number): [Tile, number, number] {
  let [level, n] = splitStoredHashIndex(index);
  const L = Math.floor(level / h);
  level -= L * h;
  const N = shr(n * pow2(level), h);
  n -= shr(N * pow2(h), level);
  const t: Tile = { H: h, L, N, W: (n + 1) * pow2(level) };
  return [t, n * pow2(level) * HashSize, (n + 1) * pow2(level) * HashSize];
}

/** tlog.HashFromTile: the hash at index, read from tile t's data. */
export function hashFromTile(t: Tile, data: Uint8Array, index: number): Hash {
  if (t.H < 1 || t.H > 30 || t.L < 0 || t.L >= 64 || t.W < 1 || t.W > pow2(t.H)) {
    throw new Error(`invalid tile ${tilePath(t)}`);
  }
  if (data.length < t.W * HashSize) throw new Error(`data len ${data.length} too short for tile ${tilePath(t)}`);
  const [t1, start, end] = tileForIndexRange(t.H, index);
  if (t.L !== t1.L || t.N !== t1.N || t.W < t1.W) {
    throw new Error(`index ${index} is in ${tilePath(t1)} not ${tilePath(t)}`);
  }
  return tileHash(data.subarray(start, end));
}

function tileHash(data: Uint8Array): Hash {
  if (data.length === 0) throw new Error('bad math in tileHash');
  if (data.length === HashSize) return data.slice();
  const n = Math.floor(data.length / 2);
  return nodeHash(tileHash(data.subarray(0, n)), tileHash(data.subarray(n)));
}

/** tlog.NewTiles: the tiles to publish when the tree grows from oldTreeSize to newTreeSize. */
export function newTiles(h: number, oldTreeSize: number, newTreeSize: number): Tile[] {
  if (h <= 0) throw new Error(`NewTiles: invalid height ${h}`);
  const tiles: Tile[] = [];
  for (let level = 0; shr(newTreeSize, h * level) > 0; level++) {
    const oldN = shr(oldTreeSize, h * level);
    const newN = shr(newTreeSize, h * level);
    if (oldN === newN) continue;
    for (let n = shr(oldN, h); n < shr(newN, h); n++) tiles.push({ H: h, L: level, N: n, W: pow2(h) });
    const n = shr(newN, h);
    const w = newN - n * pow2(h);
    if (w > 0) tiles.push({ H: h, L: level, N: n, W: w });
  }
  return tiles;
}

/** tlog.ReadTileData: the tile's hashes from a HashReader. */
export async function readTileData(t: Tile, r: HashReader): Promise<Uint8Array> {
  const size = t.W === 0 ? pow2(t.H) : t.W;
  const start = t.N * pow2(t.H);
  const indexes: number[] = [];
  for (let i = 0; i < size; i++) indexes.push(storedHashIndex(t.H * t.L, start + i));
  const hashes = await r.readHashes(indexes);
  if (hashes.length !== indexes.length) throw countError(indexes.length, hashes.length);
  const tile = new Uint8Array(size * HashSize);
  for (let i = 0; i < size; i++) tile.set(hashes[i]!, i * HashSize);
  return tile;
}

const pathBase = 1000;
const d3 = (n: number) => String(n).padStart(3, '0');

/** Tile.Path: "tile/H/L/NNN[.p/W]" with "xNNN/" groups, "data" for level -1. */
export function tilePath(t: Tile): string {
  let n = t.N;
  let nStr = d3(n % pathBase);
  while (n >= pathBase) {
    n = Math.floor(n / pathBase);
    nStr = `x${d3(n % pathBase)}/${nStr}`;
  }
  const pStr = t.W !== pow2(t.H) ? `.p/${t.W}` : '';
  const L = t.L === -1 ? 'data' : String(t.L);
  return `tile/${t.H}/${L}/${nStr}${pStr}`;
}

/** strconv.Atoi, as far as a successful round trip through tilePath can tell. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** tlog.ParseTilePath */
export function parseTilePath(path: string): Tile {
  const bad = () => new Error(`malformed tile path ${goQuoteASCII(path)}`);
  let f = path.split('/');
  if (f.length < 4 || f[0] !== 'tile') throw bad();
  const h = atoi(f[1]!);
  let isData = false;
  if (f[2] === 'data') {
    isData = true;
    f[2] = '0';
  }
  let l = atoi(f[2]!);
  if (h === undefined || l === undefined || h < 1 || l < 0 || h > 30) throw bad();
  let w = pow2(h);
  const dotP = f[f.length - 2]!;
  if (dotP.endsWith('.p')) {
    const ww = atoi(f[f.length - 1]!);
    if (ww === undefined || ww <= 0 || ww >= w) throw bad();
    w = ww;
    f[f.length - 2] = dotP.slice(0, -2);
    f = f.slice(0, -1);
  }
  f = f.slice(3);
  let n = 0;
  for (const s of f) {
    const nn = atoi(s.startsWith('x') ? s.slice(1) : s);
    if (nn === undefined || nn < 0 || nn >= pathBase) throw bad();
    n = n * pathBase + nn;
  }
  if (isData) l = -1;
  const t: Tile = { H: h, L: l, N: n, W: w };
  if (path !== tilePath(t)) throw bad();
  return t;
}

/** strconv.Quote for the texts tile paths can hold (ASCII escapes; others via JSON). */
function goQuoteASCII(s: string): string {
  let out = '"';
  const b = utf8Encode(s);
  for (let i = 0; i < b.length; ) {
    const [r, size] = decodeRune(b, i);
    if (r === 0xfffd && size === 1) {
      out += '\\x' + b[i]!.toString(16).padStart(2, '0');
    } else if (r === 0x22 || r === 0x5c) {
      out += '\\' + String.fromCharCode(r);
    } else if (r === 0x0a) out += '\\n';
    else if (r === 0x09) out += '\\t';
    else if (r === 0x0d) out += '\\r';
    else if (r < 0x20 || r === 0x7f) out += '\\x' + r.toString(16).padStart(2, '0');
    else out += String.fromCodePoint(r);
    i += size;
  }
  return out + '"';
}

/** tlog.TileReader: where tiles come from (the sumdb client's cache and server). */
export interface TileReader {
  height(): number;
  readTiles(tiles: Tile[]): Promise<Uint8Array[]>;
  saveTiles(tiles: Tile[], data: Uint8Array[]): void | Promise<void>;
}

/** tlog.Tree: a tree size and hash. */
export interface Tree {
  N: number;
  Hash: Hash;
}

function tileParent(t: Tile, k: number, n: number): Tile {
  const p: Tile = { ...t };
  p.L += k;
  p.N = shr(p.N, k * p.H);
  p.W = pow2(p.H);
  const max = shr(n, p.L * p.H);
  if (p.N * pow2(p.H) + p.W >= max) {
    if (p.N * pow2(p.H) >= max) return { ...zeroTile };
    p.W = max - p.N * pow2(p.H);
  }
  return p;
}

/**
 * tlog.TileHashReader: a HashReader for tree that reads tiles from tr and authenticates them
 * against the tree hash before returning any hash from them.
 */
export function tileHashReader(tree: Tree, tr: TileReader): HashReader {
  return {
    async readHashes(indexes) {
      const h = tr.height();
      const tileOrder = new Map<string, number>();
      const tiles: Tile[] = [];
      const stx = subTreeIndex(0, tree.N, []);
      const stxTileOrder: number[] = [];
      for (const x of stx) {
        const tile = tileParent(tileForIndexRange(h, x)[0], 0, tree.N);
        const j = tileOrder.get(tileKey(tile));
        if (j !== undefined) {
          stxTileOrder.push(j);
          continue;
        }
        stxTileOrder.push(tiles.length);
        tileOrder.set(tileKey(tile), tiles.length);
        tiles.push(tile);
      }

      const indexTileOrder = new Array<number>(indexes.length).fill(0);
      for (let i = 0; i < indexes.length; i++) {
        const x = indexes[i]!;
        if (x >= storedHashIndex(0, tree.N)) throw new Error('indexes not in tree');
        const tile = tileForIndexRange(h, x)[0];
        let k = 0;
        for (; ; k++) {
          if (k > 64) throw new Error(`bad math in tileHashReader: ${tree.N} ${x}`);
          const p = tileParent(tile, k, tree.N);
          const j = tileOrder.get(tileKey(p));
          if (j !== undefined) {
            if (k === 0) indexTileOrder[i] = j;
            break;
          }
        }
        for (k--; k >= 0; k--) {
          const p = tileParent(tile, k, tree.N);
          if (p.W !== pow2(p.H)) throw new Error(`bad math in tileHashReader: ${tree.N} ${x} ${tileV(p)}`);
          tileOrder.set(tileKey(p), tiles.length);
          if (k === 0) indexTileOrder[i] = tiles.length;
          tiles.push(p);
        }
      }

      const data = await tr.readTiles(tiles);
      if (data.length !== tiles.length) {
        throw new Error(`TileReader returned bad result slice (len=${data.length}, want ${tiles.length})`);
      }
      for (let i = 0; i < tiles.length; i++) {
        if (data[i]!.length !== tiles[i]!.W * HashSize) {
          throw new Error(`TileReader returned bad result slice (${tilePath(tiles[i]!)} len=${data[i]!.length}, want ${tiles[i]!.W * HashSize})`);
        }
      }

      // Authenticate the tiles covering the tree's subtrees against the tree hash...
      const lastJ = stxTileOrder[stx.length - 1]!;
      let th = hashFromTile(tiles[lastJ]!, data[lastJ]!, stx[stx.length - 1]!);
      for (let i = stx.length - 2; i >= 0; i--) {
        const j = stxTileOrder[i]!;
        th = nodeHash(hashFromTile(tiles[j]!, data[j]!, stx[i]!), th);
      }
      if (!hashEqual(th, tree.Hash)) throw new Error('downloaded inconsistent tile');

      // ...and every other tile against its (already authenticated) parent.
      for (let i = stx.length; i < tiles.length; i++) {
        const tile = tiles[i]!;
        const p = tileParent(tile, 1, tree.N);
        const j = tileOrder.get(tileKey(p));
        if (j === undefined) {
          throw new Error(`bad math in tileHashReader ${tree.N} [${indexes.join(' ')}]: lost parent of ${tileV(tile)}`);
        }
        let ph: Hash;
        try {
          ph = hashFromTile(p, data[j]!, storedHashIndex(p.L * p.H, tile.N));
        } catch (e) {
          throw new Error(`bad math in tileHashReader ${tree.N} [${indexes.join(' ')}]: lost hash of ${tileV(tile)}: ${(e as Error).message}`);
        }
        if (!hashEqual(ph, tileHash(data[i]!))) throw new Error('downloaded inconsistent tile');
      }

      await tr.saveTiles(tiles, data);

      return indexes.map((x, i) => {
        const j = indexTileOrder[i]!;
        try {
          return hashFromTile(tiles[j]!, data[j]!, x);
        } catch (e) {
          throw new Error(`bad math in tileHashReader ${tree.N} [${indexes.join(' ')}]: lost hash ${x}: ${(e as Error).message}`);
        }
      });
    },
  };
}

// ---------------------------------------------------------------------------
// Tree and record texts (tlog/note.go).

/** tlog.FormatTree */
export function formatTree(tree: Tree): string {
  return `go.sum database tree\n${tree.N}\n${hashString(tree.Hash)}\n`;
}

const treePrefix = 'go.sum database tree\n';

/** strconv.ParseInt(s, 10, 64) → number, or undefined (syntax/range). */
function parseInt64(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const b = BigInt(s);
  if (b > 9223372036854775807n || b < -9223372036854775808n) return undefined;
  return Number(b);
}

/** tlog.ParseTree: the tree in a signed tree note's text. Throws "malformed tree note". */
export function parseTree(text: string | Uint8Array): Tree {
  const s = typeof text === 'string' ? text : utf8Decode(text);
  const bytes = typeof text === 'string' ? utf8Encode(text) : text;
  const bad = () => new Error('malformed tree note');
  if (!s.startsWith(treePrefix) || s.split('\n').length - 1 < 3 || bytes.length > 1e6) throw bad();
  const lines = s.split('\n');
  const n = parseInt64(lines[1]!);
  if (n === undefined || n < 0 || lines[1] !== String(n)) throw bad();
  if (n > Number.MAX_SAFE_INTEGER) throw new Error('tree size too large for modscope');
  const h = goBase64Decode(lines[2]!);
  if (h === undefined || h.length !== HashSize) throw bad();
  return { N: n, Hash: h };
}

/** tlog.isValidRecordText: valid UTF-8, no control characters but '\n', no blank lines, ends in '\n'. */
function isValidRecordText(text: Uint8Array): boolean {
  let last = -1;
  for (let i = 0; i < text.length; ) {
    const [r, size] = decodeRune(text, i);
    if ((r < 0x20 && r !== 0x0a) || (r === 0xfffd && size === 1) || (last === 0x0a && r === 0x0a)) return false;
    i += size;
    last = r;
  }
  return last === 0x0a;
}

/** tlog.FormatRecord */
export function formatRecord(id: number, text: Uint8Array): Uint8Array {
  if (!isValidRecordText(text)) throw new Error('malformed record data');
  const head = utf8Encode(`${id}\n`);
  const msg = new Uint8Array(head.length + text.length + 1);
  msg.set(head);
  msg.set(text, head.length);
  msg[msg.length - 1] = 0x0a;
  return msg;
}

/** tlog.ParseRecord: a lookup response's record id, record text and the rest (the tree note). */
export function parseRecord(msg: Uint8Array): { id: number; text: Uint8Array; rest: Uint8Array } {
  const bad = () => new Error('malformed record data');
  const i = msg.indexOf(0x0a);
  if (i < 0) throw bad();
  const id = parseInt64(utf8Decode(msg.subarray(0, i)));
  if (id === undefined) throw bad();
  const m = msg.subarray(i + 1);
  let j = -1;
  for (let k = 0; k + 1 < m.length; k++) {
    if (m[k] === 0x0a && m[k + 1] === 0x0a) {
      j = k;
      break;
    }
  }
  if (j < 0) throw bad();
  const text = m.subarray(0, j + 1);
  const rest = m.subarray(j + 2);
  if (!isValidRecordText(text)) throw bad();
  return { id, text, rest };
}
