// The h1: directory hash of golang.org/x/mod/sumdb/dirhash (hash.go: Hash1) and the go.mod
// hash cmd/go records in go.sum (cmd/go/internal/modfetch/fetch.go: goModSum).

import type { Hasher } from './hasher';
import { base64Encode, compareUTF8, hexEncode, utf8Decode, utf8Encode } from './gostrings';

/** dirhash.Hash1's error for a file name containing a newline. */
export class DirhashNewlineError extends Error {
  constructor() {
    super('dirhash: filenames with newlines are not supported');
    this.name = 'DirhashNewlineError';
  }
}

export interface HashFile {
  /** Slash-separated name as hashed (for module zips: "path@version/file"). */
  name: string;
  data: Uint8Array;
}

/**
 * A Hasher that can also give digests as the text Hash1 writes (node:crypto encodes natively):
 * lower-case hex (fmt %x) and standard padded base64.
 */
export interface TextDigests {
  sha256HexMany?(items: readonly Uint8Array[]): Promise<string[]>;
  sha256Base64?(data: Uint8Array): Promise<string>;
}

async function hexDigests(hasher: Hasher & TextDigests, items: readonly Uint8Array[]): Promise<string[]> {
  if (hasher.sha256HexMany) return hasher.sha256HexMany(items);
  return (await hasher.sha256Many(items)).map(hexEncode);
}

/** "h1:" + base64(sha256(summary)). */
async function h1Of(hasher: Hasher & TextDigests, summary: string): Promise<string> {
  const data = utf8Encode(summary);
  return 'h1:' + (hasher.sha256Base64 ? await hasher.sha256Base64(data) : base64Encode(await hasher.sha256(data)));
}

/** How many file contents are handed to the hasher at once by hash1Open. */
const BATCH = 64;

/**
 * Hash1 over named files whose contents are fetched by open (called at most once per name,
 * in sorted order, in batches). Names are sorted in Go's byte order; duplicates are hashed
 * twice, as in Go. Rejects with DirhashNewlineError when the first offending name is reached
 * (contents of names sorted before it have been opened by then, as in Go).
 */
export async function hash1Open(
  names: readonly string[],
  open: (name: string) => Uint8Array | Promise<Uint8Array>,
  hasher: Hasher,
): Promise<string> {
  const sorted = [...names].sort(compareUTF8);
  const bad = sorted.findIndex((n) => n.includes('\n'));
  const good = bad < 0 ? sorted : sorted.slice(0, bad);
  const lines: string[] = [];
  for (let i = 0; i < good.length; i += BATCH) {
    const chunk = good.slice(i, i + BATCH);
    const contents = await Promise.all(chunk.map((n) => open(n)));
    const sums = await hexDigests(hasher, contents);
    chunk.forEach((n, k) => lines.push(`${sums[k]!}  ${n}\n`));
  }
  if (bad >= 0) throw new DirhashNewlineError();
  return h1Of(hasher, lines.join(''));
}

/** Hash1 over in-memory files. */
export function hash1(files: readonly HashFile[], hasher: Hasher): Promise<string> {
  // Duplicate names: Go's open would return the same content for each; keep the last.
  const byName = new Map<string, Uint8Array>();
  for (const f of files) byName.set(f.name, f.data);
  return hash1Open(
    files.map((f) => f.name),
    (n) => byName.get(n)!,
    hasher,
  );
}

/** The go.sum hash of a go.mod file: Hash1 over one file named "go.mod" (fetch.go: goModSum). */
export async function hashGoMod(data: Uint8Array, hasher: Hasher): Promise<string> {
  // hash1Open's steps for its one file, without sorting and batching.
  const [sum] = await hexDigests(hasher, [data]);
  return h1Of(hasher, `${sum!}  go.mod\n`);
}

/**
 * Hash1 over files named by raw bytes (zip entries: dirhash.HashZip hashes each name as the
 * bytes the archive holds, valid UTF-8 or not).
 */
export function hash1Bytes(files: readonly { nameBytes: Uint8Array; data: Uint8Array }[], hasher: Hasher): Promise<string> {
  return hash1(
    files.map((f) => ({ name: utf8Decode(f.nameBytes), data: f.data })),
    hasher,
  );
}
