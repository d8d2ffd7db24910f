// The "damaged cache" of the checksum-mismatch lesson, shared by the page's worker and
// scripts/confirm-lessons.mjs (which applies it to real go's module cache): one .go file inside a
// module's cached zip gets an extra line, and the zip's h1: hash is recomputed for .ziphash —
// what a download corrupted before it reached the cache leaves behind. Pure TypeScript.
import { hash1 } from '../../core/dirhash';
import type { Hasher } from '../../core/hasher';
import { isDirEntry, readEntry, readZip, writeZip } from '../../core/modzip';

export async function tamperZip(zip: Uint8Array, hasher: Hasher): Promise<{ zip: Uint8Array; ziphash: string; changed: string }> {
  const z = readZip(zip);
  const files = z.files.filter((f) => !isDirEntry(f)).map((f) => ({ name: f.name, data: readEntry(z, f) }));
  const target = files.find((f) => f.name.endsWith('.go'));
  if (!target) throw new Error('no .go file to change in the zip');
  target.data = new Uint8Array([...target.data, ...new TextEncoder().encode('\n// changed in the cache\n')]);
  const out = writeZip(files.map((f) => ({ name: f.name, data: f.data })));
  return { zip: out, ziphash: await hash1(files, hasher), changed: target.name };
}

/** The names of the files in a module zip (its entries, without directories), sorted. */
export function zipFileNames(zip: Uint8Array): string[] {
  const z = readZip(zip);
  return z.files
    .filter((f) => !isDirEntry(f))
    .map((f) => f.name)
    .sort();
}
