// Tiles of a tamper-evident log (golang.org/x/mod/sumdb/tlog/tile.go): tile coordinates and paths,
// tile data, and the tile-backed hash reader that authenticates downloaded tiles.
import { decodeRune, utf8Encode } from '../gostrings';
import { HashSize, countError, hashEqual, subTreeIndex, nodeHash, pow2, shr, splitStoredHashIndex, storedHashIndex, type Hash, type HashReader } from './tlog';

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
