// Tamper-evident logs (golang.org/x/mod/sumdb/tlog): record and node hashes, the stored-hash
// numbering, tree hashes, record and tree proofs, tiles and their paths, the tile-backed hash
// reader that authenticates downloaded tiles, and the tree/record text formats. Tiles are in tile.ts,
// the texts in tlogtext.ts; both are re-exported here.
// Sizes and indexes are JS numbers: exact up to 2^53 (Go uses int64).

import { base64Encode } from '../gostrings';
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

export const pow2 = (k: number): number => 2 ** k;
export const shr = (n: number, k: number): number => Math.floor(n / 2 ** k);

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

export function countError(want: number, got: number): Error {
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

export function subTreeIndex(lo: number, hi: number, need: number[]): number[] {
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

export * from './tile';
export * from './tlogtext';
