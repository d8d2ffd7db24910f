// Extracting a module zip: x/mod/zip/zip.go Unzip, and the checks cmd/go makes on a zip it
// downloaded before extracting it (cmd/go/internal/modfetch/proxy.go: Zip; fetch.go:
// downloadZip, hashZip with dirhash.HashZip, download).
import { goQuote } from '../goquote';
import { ModuleError, type ModuleVersion } from '../module';
import { checkZipArchive, goLimits, type ZipLimits } from './check';
import { compareBytes, pathClean } from './gostr';
import type { Inflater } from './inflate';
import { readEntry, ReadBudgetExceeded, readZip, type ReadBudget, type ZipArchive, type ZipEntry, ZipReadError } from './reader';

/** zip.zipError: "verb path: err" ("verb: err" without a path). */
export class ZipError extends Error {
  constructor(
    readonly verb: string,
    readonly path: string,
    readonly err: Error,
  ) {
    super(path === '' ? `${verb}: ${err.message}` : `${verb} ${path}: ${err.message}`);
    this.name = 'ZipError';
  }
}

/** An extracted file: a clean path relative to the module root, and its contents. */
export interface ModuleZipFile {
  name: string;
  data: Uint8Array;
}

export interface UnzipOptions {
  limits?: ZipLimits;
  /** The zip's file name for error texts (cmd/go: the .zip in the download cache). */
  zipPath?: string;
  /** The DEFLATE decoder (default: the port of compress/flate). */
  inflater?: Inflater;
  /**
   * Entry contents readZipForHash already read from the same zip bytes (its `keep` map, keyed by
   * the entries of `archive`): used instead of inflating those entries again. Reading an entry
   * is deterministic, so the result is the same as reading it twice, which is what Go does.
   */
  preread?: ReadonlyMap<ZipEntry, Uint8Array>;
  /** zip's central directory as readZipForHash parsed it (readZip is deterministic). */
  archive?: ZipArchive;
}

/** readZipForHash's extra inputs and outputs. */
export interface HashReadOptions {
  inflater?: Inflater;
  /** Filled with the contents of every entry read completely, for UnzipOptions.preread. */
  keep?: Map<ZipEntry, Uint8Array>;
  /** Receives the parsed central directory, for UnzipOptions.archive. */
  onArchive?: (a: ZipArchive) => void;
}

/** Refuses anything that could land outside the module directory (defense in depth). */
function assertInside(name: string): void {
  if (name === '' || name !== pathClean(name) || name.startsWith('/') || name.startsWith('../') || name === '..' || name.includes('\\')) {
    throw new Error(`internal error: unsafe zip path ${goQuote(name)}`);
  }
}

/**
 * zip.Unzip: checks the zip (checkZip) and returns its files, in zip order, with paths
 * relative to the module root. Throws a ZipError ("unzip <zipPath>: ...") with Go's text.
 * Each file is inflated to at most its declared size, which checkZip has held to the limits.
 */
export function unzipModule(mod: ModuleVersion, zip: Uint8Array, opts: UnzipOptions = {}): ModuleZipFile[] {
  const fail = (err: Error) => new ZipError('unzip', opts.zipPath ?? '', err);
  const { err, archive } = checkZipArchive(mod, zip, opts.limits ?? goLimits, opts.archive);
  if (err) throw fail(err);
  const prefix = `${mod.path}@${mod.version}/`;
  const out: ModuleZipFile[] = [];
  for (const zf of archive!.files) {
    const name = zf.name.slice(prefix.length);
    if (name === '' || name.endsWith('/')) continue;
    assertInside(name);
    let data: Uint8Array;
    try {
      data = opts.preread?.get(zf) ?? readEntry(archive!, zf, undefined, opts.inflater);
    } catch (e) {
      if (e instanceof ZipReadError) throw fail(e);
      throw e;
    }
    out.push({ name, data });
  }
  return out;
}

/** A file as dirhash.HashZip hashes it: the zip entry name and contents. */
export interface ZipHashFile {
  /** Entry name (decoded for display; see nameBytes for the exact bytes hashed). */
  name: string;
  nameBytes: Uint8Array;
  data: Uint8Array;
}

/**
 * The part of cmd/go's download that runs before go.sum verification: the proxy's size limit,
 * zip.NewReader, the entry prefix check (fetch.go: downloadZip) and reading every entry as
 * dirhash.HashZip does. Returns the files to hash (sorted by name bytes, as Hash1 visits
 * them) or throws the first error with the text `go mod download -json` shows.
 *
 * Inflating stops once limits.maxZipFile bytes have been produced in all: the entry being
 * read then counts as unreadable-but-fine (Go would read on; an archive holding that much
 * makes the later unzipModule fail in any case, though Go might report a read error of that
 * entry first).
 */
export function readZipForHash(mod: ModuleVersion, zip: Uint8Array, limits: ZipLimits = goLimits, opts: HashReadOptions = {}): ZipHashFile[] {
  if (zip.length > limits.maxZipFile) {
    throw new ModuleError(mod.path, mod.version, new Error('downloaded zip file too large'));
  }
  const archive: ZipArchive = readZip(zip); // throws ZipReadError with Go's text
  opts.onArchive?.(archive);
  const prefix = `${mod.path}@${mod.version}/`;
  for (const f of archive.files) {
    if (!f.name.startsWith(prefix)) {
      throw new Error(`zip for ${prefix.slice(0, -1)} has unexpected file ${f.name}`);
    }
  }
  // HashZip: names in zip order, contents by name (the last entry of a name wins).
  const byName = new Map<string, ZipEntry>();
  for (const f of archive.files) byName.set(nameKey(f), f);
  const sorted = [...archive.files].sort(
    archive.files.every(stringOrdered) ? (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : (a, b) => compareBytes(a.nameBytes, b.nameBytes),
  );
  const out: ZipHashFile[] = [];
  const budget: ReadBudget = { remaining: limits.maxZipFile };
  for (const entry of sorted) {
    const nameBytes = entry.nameBytes;
    const f = byName.get(nameKey(entry))!;
    if (nameBytes.includes(0x0a)) throw new Error('dirhash: filenames with newlines are not supported');
    let data: Uint8Array;
    try {
      data = readEntry(archive, f, budget, opts.inflater);
      opts.keep?.set(f, data);
    } catch (e) {
      if (!(e instanceof ReadBudgetExceeded)) throw e;
      data = new Uint8Array(0); // not read: see above
    }
    out.push({ name: f.name, nameBytes, data });
  }
  return out;
}

/**
 * Whether the entry's name sorts among such names by JavaScript's string order as its bytes sort:
 * valid UTF-8 with no code unit from U+D800 (below it, UTF-16 units order as UTF-8 bytes do).
 */
function stringOrdered(f: ZipEntry): boolean {
  return f.nameValid && !highUnit.test(f.name);
}
const highUnit = /[\ud800-\uffff]/;

/** A string naming exactly the entry's name bytes (valid UTF-8 decodes one-to-one). */
function nameKey(f: ZipEntry): string {
  return f.nameValid ? 'u' + f.name : 'b' + bytesKey(f.nameBytes);
}

function bytesKey(b: Uint8Array): string {
  return String.fromCharCode(...b);
}

/**
 * What cmd/go does with a downloaded zip, except go.sum verification (which needs the h1
 * hash of the returned hashFiles): readZipForHash, then unzipModule. Throws the first
 * error, with the text `go mod download -json` shows in "Error".
 */
export function checkDownloadedZip(
  mod: ModuleVersion,
  zip: Uint8Array,
  opts: UnzipOptions = {},
): { hashFiles: ZipHashFile[]; files: ModuleZipFile[] } {
  const keep = new Map<ZipEntry, Uint8Array>();
  let archive: ZipArchive | undefined;
  const hashFiles = readZipForHash(mod, zip, opts.limits ?? goLimits, { inflater: opts.inflater, keep, onArchive: (a) => (archive = a) });
  const files = unzipModule(mod, zip, { ...opts, preread: keep, archive });
  return { hashFiles, files };
}
