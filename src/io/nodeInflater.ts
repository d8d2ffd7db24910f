// A fast Inflater for Node: node:zlib decodes, and anything zlib does not decode cleanly (a
// corrupt or truncated stream, output past the limit) is decoded again by the port of
// compress/flate, so errors keep Go's exact text and order. On streams zlib accepts, zlib and
// compress/flate produce the same bytes: both implement RFC 1951 with the same checks (complete
// Huffman codes but for a single one-bit code, distances within the output so far, stored
// lengths, symbols 286/287 and distance codes 30/31 invalid), and both stop at the final block
// without reading what follows. nodeInflater.test.ts holds zlib to Go on mutated streams.
import type * as Zlib from 'node:zlib';
import { goInflater, type Inflater } from '../core/modzip/inflate';

/** Output buffer granularity: the whole output in one buffer up to this size. */
const maxChunk = 1 << 20;

// node:zlib is loaded on first use: a command that inflates nothing (a warm mod tidy) skips it.
let zlibModule: typeof Zlib | undefined;
const zlib = (): typeof Zlib => (zlibModule ??= process.getBuiltinModule('node:zlib') as typeof Zlib);

/**
 * The native half of a zlib.InflateRaw (its `_handle`), driven directly so that one zlib stream
 * serves every entry: inflateRawSync makes a stream object per call (a Transform, its handle,
 * zlib's state), which costs more than inflating a small file. Node's own sync path
 * (zlib.js processChunkSync) makes the same writeSync calls; `state` receives
 * [avail_out, avail_in] after each. Used when Node's internals have this shape, else undefined.
 */
interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
  close(): void;
  onerror: (message: string, errno: number) => void;
}

let handle: ZlibHandle | undefined;
let state: Uint32Array | undefined;
let failed = false;
let usable = true;

function rawHandle(): ZlibHandle | undefined {
  if (handle !== undefined || !usable) return handle;
  try {
    const engine = new (zlib().InflateRaw)() as unknown as { _handle?: Partial<ZlibHandle>; _writeState?: unknown };
    const h = engine._handle;
    const st = engine._writeState;
    if (!h || typeof h.writeSync !== 'function' || typeof h.reset !== 'function' || typeof h.close !== 'function' || !(st instanceof Uint32Array) || st.length < 2) {
      usable = false;
      return undefined;
    }
    // zlib reports a stream error through onerror, synchronously inside writeSync.
    h.onerror = () => {
      failed = true;
    };
    handle = h as ZlibHandle;
    state = st;
    return handle;
  } catch {
    usable = false;
    return undefined;
  }
}

/**
 * Inflates body into limit+1 bytes with one Z_FINISH call: the output when the stream ends
 * within limit bytes (trailing input ignored, as inflateRawSync does), else undefined (a zlib
 * error — a corrupt or truncated stream — or more than limit bytes).
 */
function inflateReused(body: Uint8Array, limit: number): Uint8Array | undefined {
  const h = rawHandle();
  if (h === undefined) return undefined;
  const out = Buffer.allocUnsafe(limit + 1);
  failed = false;
  try {
    h.writeSync(zlib().constants.Z_FINISH, body, 0, body.length, out, 0, limit + 1);
  } catch {
    failed = true;
  }
  const availOut = state![0]!;
  if (failed) {
    // A stream in an error state is not reset: the next call starts a fresh one.
    try {
      h.close();
    } catch {
      // nothing held
    }
    handle = undefined;
    return undefined;
  }
  h.reset();
  if (availOut === 0) return undefined;
  return new Uint8Array(out.buffer, out.byteOffset, limit + 1 - availOut);
}

export const nodeInflater: Inflater = {
  inflate(body, limit) {
    if (limit > 0) {
      if (limit < maxChunk) {
        const out = inflateReused(body, limit);
        if (out !== undefined) return out;
        if (usable) return goInflater.inflate(body, limit);
      }
      try {
        const out = zlib().inflateRawSync(body, { maxOutputLength: limit, chunkSize: Math.max(64, Math.min(limit, maxChunk)) });
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      } catch {
        // Go's error (or limit) comes from the port below.
      }
    }
    return goInflater.inflate(body, limit);
  },
  // zlib.crc32 exists from Node 20.15 (package.json asks for 20.19).
  crc32: (data) => zlib().crc32(data),
};
