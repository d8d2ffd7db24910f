// txtar archives, as std internal/txtar (= golang.org/x/tools/txtar) reads and writes them.
// internal/txtar/archive.go: Parse, findFileMarker, isMarker, fixNL, Format.
// There are no syntax errors: every byte sequence is an archive.

import { concatBytes, goTrimSpaceBytes, utf8Decode, utf8Encode } from './gostrings';

/** An archive at the byte level. Names are decoded as UTF-8 (invalid bytes escaped, see gostrings.utf8Decode). */
export interface TxtarArchive {
  comment: Uint8Array;
  files: TxtarFile[];
}

export interface TxtarFile {
  name: string;
  data: Uint8Array;
}

/** The same archive as text (comment and contents decoded as UTF-8, invalid bytes escaped). */
export interface TxtarTextArchive {
  comment: string;
  files: { name: string; data: string }[];
}

const NL = 0x0a;
const DASH = 0x2d;
const SPACE = 0x20;

/** Whether data[i:] starts with "-- ". */
function hasMarkerPrefix(data: Uint8Array, i: number): boolean {
  return i + 3 <= data.length && data[i] === DASH && data[i + 1] === DASH && data[i + 2] === SPACE;
}

/**
 * isMarker: if data[i:] begins with a `-- name --` line, returns the (trimmed, non-empty) name
 * and the offset just past the line; otherwise undefined.
 */
function isMarker(data: Uint8Array, i: number): { name: string; after: number } | undefined {
  if (!hasMarkerPrefix(data, i)) return undefined;
  let end = data.indexOf(NL, i);
  let after: number;
  if (end < 0) {
    end = data.length;
    after = data.length;
  } else {
    after = end + 1;
  }
  // The line must end in " --" and be at least "-- " + " --" long.
  if (end - i < 6 || data[end - 3] !== SPACE || data[end - 2] !== DASH || data[end - 1] !== DASH) {
    return undefined;
  }
  const name = goTrimSpaceBytes(data.subarray(i + 3, end - 3));
  if (name.length === 0) return undefined;
  return { name: utf8Decode(name), after };
}

/** "\n-- " searched from i; returns the index of the '\n' or -1. */
function indexNewlineMarker(data: Uint8Array, i: number): number {
  for (;;) {
    const j = data.indexOf(NL, i);
    if (j < 0) return -1;
    if (hasMarkerPrefix(data, j + 1)) return j;
    i = j + 1;
  }
}

/** fixNL: empty data or data ending in '\n' unchanged, otherwise '\n' appended. */
function fixNL(data: Uint8Array): Uint8Array {
  if (data.length === 0 || data[data.length - 1] === NL) return data;
  const d = new Uint8Array(data.length + 1);
  d.set(data);
  d[data.length] = NL;
  return d;
}

/** findFileMarker: data before the next marker, that marker's name and where its content starts. */
function findFileMarker(
  data: Uint8Array,
  from: number,
): { before: Uint8Array; name?: string; after: number } {
  let i = from;
  for (;;) {
    const m = isMarker(data, i);
    if (m) return { before: data.subarray(from, i), name: m.name, after: m.after };
    const j = indexNewlineMarker(data, i);
    if (j < 0) return { before: fixNL(data.subarray(from)), after: data.length };
    i = j + 1; // start of a possible marker line
  }
}

/** Parses an archive (txtar.Parse). Returned slices may share memory with data. */
export function parseTxtar(data: Uint8Array | string): TxtarArchive {
  const bytes = typeof data === 'string' ? utf8Encode(data) : data;
  let r = findFileMarker(bytes, 0);
  const archive: TxtarArchive = { comment: r.before, files: [] };
  while (r.name !== undefined) {
    const name = r.name;
    r = findFileMarker(bytes, r.after);
    archive.files.push({ name, data: r.before });
  }
  return archive;
}

/** Parses an archive and decodes comment and contents as UTF-8. */
export function parseTxtarText(data: string | Uint8Array): TxtarTextArchive {
  const a = parseTxtar(data);
  return {
    comment: utf8Decode(a.comment),
    files: a.files.map((f) => ({ name: f.name, data: utf8Decode(f.data) })),
  };
}

/**
 * Serializes an archive (txtar.Format). Like Go, assumes the comment and contents contain no
 * marker lines and names are non-empty.
 */
export function formatTxtar(a: TxtarArchive | TxtarTextArchive): Uint8Array {
  const parts: Uint8Array[] = [];
  const bytes = (x: Uint8Array | string) => (typeof x === 'string' ? utf8Encode(x) : x);
  parts.push(fixNL(bytes(a.comment)));
  for (const f of a.files) {
    parts.push(utf8Encode(`-- ${f.name} --\n`));
    parts.push(fixNL(bytes(f.data)));
  }
  return concatBytes(parts);
}

/** formatTxtar, decoded as text. */
export function formatTxtarText(a: TxtarArchive | TxtarTextArchive): string {
  return utf8Decode(formatTxtar(a));
}
