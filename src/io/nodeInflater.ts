// A fast Inflater for Node: node:zlib decodes, and anything zlib does not decode cleanly (a
// corrupt or truncated stream, output past the limit) is decoded again by the port of
// compress/flate, so errors keep Go's exact text and order. On streams zlib accepts, zlib and
// compress/flate produce the same bytes: both implement RFC 1951 with the same checks (complete
// Huffman codes but for a single one-bit code, distances within the output so far, stored
// lengths, symbols 286/287 and distance codes 30/31 invalid), and both stop at the final block
// without reading what follows. nodeInflater.test.ts holds zlib to Go on mutated streams.
import * as zlib from 'node:zlib';
import { inflateRawSync } from 'node:zlib';
import { goInflater, type Inflater } from '../core/modzip/inflate';

/** Output buffer granularity: the whole output in one buffer up to this size. */
const maxChunk = 1 << 20;

export const nodeInflater: Inflater = {
  inflate(body, limit) {
    if (limit > 0) {
      try {
        const out = inflateRawSync(body, { maxOutputLength: limit, chunkSize: Math.max(64, Math.min(limit, maxChunk)) });
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      } catch {
        // Go's error (or limit) comes from the port below.
      }
    }
    return goInflater.inflate(body, limit);
  },
  // zlib.crc32 exists from Node 20.15 / 22.2; otherwise the core's table-driven one is used.
  crc32: typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : undefined,
};
