// A small zip writer with full control over what the archive declares (names as raw bytes,
// sizes, CRC, external attributes, zip64 records), so that module zips can be built the way
// Go builds them and adversarial archives can be crafted for tests. Deflate is fflate's.
import { deflateSync } from 'fflate';

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE), as hash/crc32.ChecksumIEEE. */
export function crc32(data: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export interface RawZipEntry {
  /** Entry name; a string is written as UTF-8. */
  name: string | Uint8Array;
  data: Uint8Array;
  /** 0 = store, 8 = deflate (default). Any other value stores data under that method id. */
  method?: number;
  /** Overrides of what the headers declare (defaults are the true values). */
  crc32?: number;
  compressedSize?: bigint | number;
  uncompressedSize?: bigint | number;
  /** Use zip64 extra fields for the sizes even if they fit in 32 bits. */
  zip64?: boolean;
  externalAttrs?: number;
  /** Central directory "version made by" (high byte 3 = Unix, whose mode sits in externalAttrs >> 16). */
  creatorVersion?: number;
  /** General purpose flags (0x800 UTF-8 is set automatically for non-ASCII string names). */
  flags?: number;
  /** The stored body bytes as written (default: data, deflated for method 8). */
  body?: Uint8Array;
  /** Replace the local header's name (e.g. to disagree with the central directory). */
  localName?: Uint8Array;
  /** Append a data descriptor (flag 0x8), with or without its signature, holding descriptorCrc32 (default crc32). */
  dataDescriptor?: 'sig' | 'nosig';
  descriptorCrc32?: number;
}

export interface WriteZipOptions {
  comment?: Uint8Array;
}

const enc = new TextEncoder();

class Buf {
  private chunks: Uint8Array[] = [];
  length = 0;
  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u16(v: number): void {
    this.bytes(new Uint8Array([v & 0xff, (v >>> 8) & 0xff]));
  }
  u32(v: number): void {
    this.bytes(new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]));
  }
  u64(v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
    this.bytes(b);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

const MAX32 = 0xffffffffn;

/** Writes a zip archive of the entries, in order. */
export function writeZip(entries: RawZipEntry[], opts: WriteZipOptions = {}): Uint8Array {
  const out = new Buf();
  const central = new Buf();
  for (const e of entries) {
    const name = typeof e.name === 'string' ? enc.encode(e.name) : e.name;
    const method = e.method ?? 8;
    const body = e.body ?? (method === 8 ? deflateSync(e.data, { level: 6 }) : e.data);
    const crc = e.crc32 ?? crc32(e.data);
    const usize = BigInt(e.uncompressedSize ?? e.data.length);
    const csize = BigInt(e.compressedSize ?? body.length);
    const offset = BigInt(out.length);
    const zip64 = e.zip64 === true || usize >= MAX32 || csize >= MAX32;
    let flags = e.flags ?? (e.dataDescriptor ? 0x8 : 0);
    if (e.flags === undefined && typeof e.name === 'string' && /[^\x00-\x7f]/.test(e.name)) flags |= 0x800;

    const extra = new Buf();
    if (zip64) {
      extra.u16(0x0001);
      extra.u16(16);
      extra.u64(usize);
      extra.u64(csize);
    }
    const extraBytes = extra.concat();

    // Local file header.
    const local = e.localName ?? name;
    out.u32(0x04034b50);
    out.u16(zip64 ? 45 : 20);
    out.u16(flags);
    out.u16(method);
    out.u16(0); // time
    out.u16(0x21); // date: 1980-01-01
    out.u32(crc);
    out.u32(zip64 ? 0xffffffff : Number(csize));
    out.u32(zip64 ? 0xffffffff : Number(usize));
    out.u16(local.length);
    out.u16(extraBytes.length);
    out.bytes(local);
    out.bytes(extraBytes);
    out.bytes(body);
    if (e.dataDescriptor) {
      if (e.dataDescriptor === 'sig') out.u32(0x08074b50);
      out.u32(e.descriptorCrc32 ?? crc);
      out.u32(Number(csize & MAX32));
      out.u32(Number(usize & MAX32));
    }

    // Central directory header.
    central.u32(0x02014b50);
    central.u16(e.creatorVersion ?? ((3 << 8) | 20));
    central.u16(zip64 ? 45 : 20);
    central.u16(flags);
    central.u16(method);
    central.u16(0);
    central.u16(0x21);
    central.u32(crc);
    central.u32(zip64 ? 0xffffffff : Number(csize));
    central.u32(zip64 ? 0xffffffff : Number(usize));
    central.u16(name.length);
    central.u16(extraBytes.length);
    central.u16(0); // comment length
    central.u16(0); // disk number start
    central.u16(0); // internal attributes
    central.u32(e.externalAttrs ?? (0o100644 << 16) >>> 0);
    central.u32(Number(offset));
    central.bytes(name);
    central.bytes(extraBytes);
  }
  const dirOffset = out.length;
  const dir = central.concat();
  out.bytes(dir);
  const comment = opts.comment ?? new Uint8Array(0);
  out.u32(0x06054b50);
  out.u16(0);
  out.u16(0);
  out.u16(entries.length & 0xffff);
  out.u16(entries.length & 0xffff);
  out.u32(dir.length);
  out.u32(dirOffset);
  out.u16(comment.length);
  out.bytes(comment);
  return out.concat();
}
