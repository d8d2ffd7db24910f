// Reading zip archives the way Go's archive/zip (Go 1.23) does: the central directory as
// NewReader parses it (reader.go: init, readDirectoryEnd, findDirectory64End,
// readDirectory64End, readDirectoryHeader) and file contents as File.Open + checksumReader
// deliver them, with the same error values (inflate.ts decodes as compress/flate does).
import { FlateError, goInflater, OutputLimitExceeded, type Inflater } from './inflate';
import { goString } from './gostr';
import { utf8Decode } from '../gostrings';
import { crc32 } from './writer';

/** An error of archive/zip or io, with Go's text. */
export class ZipReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipReadError';
  }
}

const errFormat = () => new ZipReadError('zip: not a valid zip file');
const errAlgorithm = () => new ZipReadError('zip: unsupported compression algorithm');
const errChecksum = () => new ZipReadError('zip: checksum error');
const errEOF = () => new ZipReadError('EOF');
const errUnexpectedEOF = () => new ZipReadError('unexpected EOF');

/** One central directory entry (zip.File's header). */
export interface ZipEntry {
  /** The name bytes as stored. */
  nameBytes: Uint8Array;
  /** The name as a Go string (an invalid UTF-8 byte as an escaped byte, gostrings.utf8Decode). */
  name: string;
  /** Whether nameBytes is valid UTF-8. */
  nameValid: boolean;
  creatorVersion: number;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: bigint;
  uncompressedSize: bigint;
  externalAttrs: number;
  headerOffset: bigint;
}

export interface ZipArchive {
  data: Uint8Array;
  files: ZipEntry[];
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => BigInt(u32(b, o)) | (BigInt(u32(b, o + 4)) << 32n);
const i64 = (v: bigint) => BigInt.asIntN(64, v);

/** io.ReaderAt.ReadAt on the archive bytes: a short read is io.EOF. */
function readAt(data: Uint8Array, off: bigint, n: number): Uint8Array {
  if (off < 0n) throw new ZipReadError('negative offset');
  if (off + BigInt(n) > BigInt(data.length)) throw errEOF();
  const o = Number(off);
  return data.subarray(o, o + n);
}

/** A sequential reader over data[pos:end] with io.ReadFull's errors. */
class Cursor {
  constructor(
    private data: Uint8Array,
    private pos: number,
    private end: number,
  ) {}
  readFull(n: number): Uint8Array {
    if (n === 0) return new Uint8Array(0);
    const avail = Math.max(0, this.end - this.pos);
    if (avail === 0) throw errEOF();
    if (avail < n) {
      this.pos = this.end;
      throw errUnexpectedEOF();
    }
    const b = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /**
   * The error a directory header read would stop on at once (too few bytes, no signature), as
   * its message, without building it: every directory ends that way.
   */
  headerStop(): string | undefined {
    const avail = this.end - this.pos;
    if (avail <= 0) return undefined;
    if (avail < directoryHeaderLen) return 'unexpected EOF';
    const d = this.data;
    const p = this.pos;
    if (d[p] !== 0x50 || d[p + 1] !== 0x4b || d[p + 2] !== 0x01 || d[p + 3] !== 0x02) return 'zip: not a valid zip file';
    return undefined;
  }
}

const directoryHeaderLen = 46;

/** readDirectoryHeader: one central directory record, or a thrown ZipReadError. */
function readDirectoryHeader(r: Cursor): ZipEntry {
  const b = r.readFull(directoryHeaderLen);
  if (u32(b, 0) !== 0x02014b50) throw errFormat();
  const nameLen = u16(b, 28);
  const extraLen = u16(b, 30);
  const commentLen = u16(b, 32);
  const d = r.readFull(nameLen + extraLen + commentLen);
  const nameBytes = d.slice(0, nameLen);
  const extra = d.subarray(nameLen, nameLen + extraLen);
  const csize32 = u32(b, 20);
  const usize32 = u32(b, 24);
  const offset32 = u32(b, 42);
  let compressedSize = BigInt(csize32);
  let uncompressedSize = BigInt(usize32);
  let headerOffset = BigInt(offset32);
  let needUSize = usize32 === 0xffffffff;
  let needCSize = csize32 === 0xffffffff;
  let needHeaderOffset = offset32 === 0xffffffff;
  for (let p = 0; extraLen - p >= 4; ) {
    const tag = u16(extra, p);
    const size = u16(extra, p + 2);
    p += 4;
    if (extraLen - p < size) break;
    const field = extra.subarray(p, p + size);
    p += size;
    if (tag !== 0x0001) continue; // zip64; other fields only carry timestamps
    let q = 0;
    if (needUSize) {
      needUSize = false;
      if (field.length - q < 8) throw errFormat();
      uncompressedSize = u64(field, q);
      q += 8;
    }
    if (needCSize) {
      needCSize = false;
      if (field.length - q < 8) throw errFormat();
      compressedSize = u64(field, q);
      q += 8;
    }
    if (needHeaderOffset) {
      needHeaderOffset = false;
      if (field.length - q < 8) throw errFormat();
      headerOffset = i64(u64(field, q));
      q += 8;
    }
  }
  if (needCSize || needHeaderOffset) throw errFormat();
  const { s, valid } = goString(nameBytes);
  return {
    nameBytes,
    // invalid bytes as escaped bytes (gostrings.utf8Decode): printed, they are the bytes again
    name: valid ? s : utf8Decode(nameBytes),
    nameValid: valid,
    creatorVersion: u16(b, 4),
    flags: u16(b, 8),
    method: u16(b, 10),
    crc32: u32(b, 16),
    compressedSize,
    uncompressedSize,
    externalAttrs: u32(b, 38),
    headerOffset,
  };
}

const directoryEndLen = 22;

function findSignatureInBlock(b: Uint8Array): number {
  for (let i = b.length - directoryEndLen; i >= 0; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      const n = u16(b, i + directoryEndLen - 2);
      if (n + directoryEndLen + i > b.length) return -1; // truncated comment
      return i;
    }
  }
  return -1;
}

/** zip.NewReader: parses the central directory. Throws ZipReadError with Go's text. */
export function readZip(data: Uint8Array): ZipArchive {
  const size = data.length;
  // readDirectoryEnd
  let buf: Uint8Array | undefined;
  let directoryEndOffset = 0n;
  const lens = [1024, 65 * 1024];
  for (let i = 0; i < lens.length; i++) {
    const bLen = Math.min(lens[i]!, size);
    const block = data.subarray(size - bLen);
    const p = findSignatureInBlock(block);
    if (p >= 0) {
      buf = block.subarray(p);
      directoryEndOffset = BigInt(size - bLen + p);
      break;
    }
    if (i === 1 || bLen === size) throw errFormat();
  }
  const b = buf!;
  let directoryRecords = BigInt(u16(b, 10));
  let directorySize = BigInt(u32(b, 12));
  let directoryOffset = BigInt(u32(b, 16));
  if (directoryRecords === 0xffffn || directorySize === 0xffffn || directoryOffset === 0xffffffffn) {
    const p = findDirectory64End(data, directoryEndOffset);
    if (p >= 0n) {
      directoryEndOffset = p;
      const d = readAt(data, p, 56);
      if (u32(d, 0) !== 0x06064b50) throw errFormat();
      directoryRecords = u64(d, 32);
      directorySize = u64(d, 40);
      directoryOffset = u64(d, 48);
    }
  }
  const maxInt64 = (1n << 63n) - 1n;
  if (directorySize > maxInt64 || directoryOffset > maxInt64) throw errFormat();
  let baseOffset = i64(directoryEndOffset - directorySize - directoryOffset);
  const o = i64(baseOffset + directoryOffset);
  if (o < 0n || o >= BigInt(size)) throw errFormat();
  if (baseOffset > 0n) {
    // A directory found at the declared offset with base 0 wins over the computed base.
    const off = Number(directoryOffset);
    try {
      readDirectoryHeader(new Cursor(data, off, size));
      baseOffset = 0n;
    } catch {
      // keep baseOffset
    }
  }
  // init: read headers until a bad one; only the count modulo 65536 must match.
  const r = new Cursor(data, Number(i64(baseOffset + directoryOffset)), size);
  const files: ZipEntry[] = [];
  let stop: ZipReadError | undefined;
  for (;;) {
    const quick = r.headerStop();
    if (quick !== undefined) {
      if ((files.length & 0xffff) !== Number(directoryRecords & 0xffffn)) throw new ZipReadError(quick);
      break;
    }
    try {
      const f = readDirectoryHeader(r);
      f.headerOffset = i64(f.headerOffset + baseOffset);
      files.push(f);
    } catch (e) {
      const msg = (e as Error).message;
      if (msg === 'zip: not a valid zip file' || msg === 'unexpected EOF') {
        stop = e as ZipReadError;
        break;
      }
      throw e;
    }
  }
  if (stop !== undefined && (files.length & 0xffff) !== Number(directoryRecords & 0xffffn)) throw stop;
  return { data, files };
}

function findDirectory64End(data: Uint8Array, directoryEndOffset: bigint): bigint {
  const locOffset = directoryEndOffset - 20n;
  if (locOffset < 0n) return -1n;
  const b = readAt(data, locOffset, 20);
  if (u32(b, 0) !== 0x07064b50) return -1n;
  if (u32(b, 4) !== 0) return -1n;
  const p = i64(u64(b, 8));
  if (u32(b, 16) !== 1) return -1n;
  return p;
}

/** Whether the entry's name ends in "/" (archive/zip treats it as a directory). */
export function isDirEntry(f: ZipEntry): boolean {
  return f.nameBytes.length > 0 && f.nameBytes[f.nameBytes.length - 1] === 0x2f;
}

/** A section [off, off+n) of data clipped to the file, as io.NewSectionReader reads it. */
function section(data: Uint8Array, off: bigint, n: bigint): Uint8Array {
  if (n <= 0n || off >= BigInt(data.length) || off < 0n) return new Uint8Array(0);
  const end = off + n > BigInt(data.length) ? data.length : Number(off + n);
  return data.subarray(Number(off), end);
}

/**
 * Reads an entry's contents to EOF as File.Open and its checksumReader would deliver them:
 * never more than the declared uncompressed size (plus one inflate step) is produced, and a
 * size, CRC or data descriptor mismatch throws Go's error. Callers must check declared sizes
 * against their limits first.
 */
export function readEntry(z: ZipArchive, f: ZipEntry, budget?: ReadBudget, inflater: Inflater = goInflater): Uint8Array {
  const data = z.data;
  // findBodyOffset
  const h = readAt(data, f.headerOffset, 30);
  if (u32(h, 0) !== 0x04034b50) throw errFormat();
  const bodyOffset = BigInt(30 + u16(h, 26) + u16(h, 28));
  if (isDirEntry(f)) {
    if (f.uncompressedSize !== 0n) throw errFormat();
    return new Uint8Array(0);
  }
  const size = i64(f.compressedSize);
  const start = f.headerOffset + bodyOffset;
  const body = section(data, start, size);
  const usize = f.uncompressedSize;
  let out: Uint8Array;
  if (f.method === 0) {
    if (BigInt(body.length) > usize) throw errFormat();
    out = body; // shares memory with the archive
    if (budget) budget.remaining -= out.length;
  } else if (f.method === 8) {
    out = inflateLimited(body, usize, budget, inflater);
  } else {
    throw errAlgorithm();
  }
  if (BigInt(out.length) !== usize) throw errUnexpectedEOF();
  const sum = inflater.crc32 ? inflater.crc32(out) : crc32(out);
  if (f.flags & 0x8) {
    // readDataDescriptor: an optional signature, then CRC-32 (sizes are ignored).
    const desc = section(data, start + size, 16n);
    const sig = desc.length >= 4 && u32(desc, 0) === 0x08074b50;
    if (desc.length < (sig ? 16 : 12)) throw errUnexpectedEOF();
    if (u32(desc, sig ? 4 : 0) !== f.crc32) throw errChecksum();
    if (sum !== f.crc32) throw errChecksum();
  } else if (f.crc32 !== 0 && sum !== f.crc32) {
    throw errChecksum();
  }
  return out;
}

/** A cap on the bytes readEntry may produce, shared across calls. */
export interface ReadBudget {
  remaining: number;
}

/** Thrown when reading would produce more than the ReadBudget allows (Go has no such limit). */
export class ReadBudgetExceeded extends Error {
  constructor() {
    super('zip entry contents exceed the read budget');
    this.name = 'ReadBudgetExceeded';
  }
}

/** Inflates body as compress/flate would, failing with ErrFormat once the output exceeds usize. */
function inflateLimited(body: Uint8Array, usize: bigint, budget: ReadBudget | undefined, inflater: Inflater): Uint8Array {
  const declared = Number(usize);
  const byBudget = budget !== undefined && budget.remaining < declared;
  const limit = byBudget ? budget!.remaining : declared;
  let out: Uint8Array;
  try {
    out = inflater.inflate(body, limit);
  } catch (e) {
    if (e instanceof OutputLimitExceeded) throw byBudget ? new ReadBudgetExceeded() : errFormat();
    if (e instanceof FlateError) throw new ZipReadError(e.message);
    throw e;
  }
  if (budget) budget.remaining -= out.length;
  return out;
}
