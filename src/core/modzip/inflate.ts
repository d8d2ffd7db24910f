// DEFLATE decoding with compress/flate's exact failure behaviour (Go 1.23 inflate.go,
// dict_decoder.go): the same CorruptInputError offsets (bytes consumed by the bit reader),
// io.ErrUnexpectedEOF on truncated input, and all output produced before an error delivered
// first. Decoding stops as soon as the output passes `limit`, so a zip bomb costs at most
// limit + 258 bytes.

const maxCodeLen = 16;
const maxNumLit = 286;
const maxNumDist = 30;
const numCodes = 19;
const chunkBits = 9;
const numChunks = 1 << chunkBits;
const countMask = 15;
const valueShift = 4;
const windowSize = 1 << 15; // maxMatchOffset
const endBlockMarker = 256;

export class FlateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlateError';
  }
}

/** Thrown by the output callback protocol: output passed the limit. */
export class OutputLimitExceeded extends Error {
  constructor() {
    super('inflated output exceeds the limit');
  }
}

/**
 * A raw DEFLATE decoder with inflate()'s contract: the output of a well-formed stream (at most
 * limit bytes), else OutputLimitExceeded once output passes limit, else a FlateError with
 * compress/flate's text, whichever Go's reader would meet first. The default is the port
 * (goInflater); a host may supply a faster one (src/io/nodeInflater: node:zlib) that defers to
 * the port for anything it does not decode cleanly.
 */
export interface Inflater {
  inflate(body: Uint8Array, limit: number): Uint8Array;
  /** CRC-32 (IEEE) of data, when the host has a faster one than modzip/writer's crc32. */
  crc32?(data: Uint8Array): number;
}

function reverseBits(v: number, n: number): number {
  let r = 0;
  for (let i = 0; i < n; i++) {
    r = (r << 1) | (v & 1);
    v >>>= 1;
  }
  return r;
}

class HuffmanDecoder {
  min = 0;
  chunks = new Uint32Array(numChunks);
  links: Uint32Array[] = [];
  linkMask = 0;

  /** huffmanDecoder.init: false if the lengths do not form a complete code. */
  init(lengths: ArrayLike<number>): boolean {
    if (this.min !== 0) {
      this.min = 0;
      this.chunks = new Uint32Array(numChunks);
      this.links = [];
      this.linkMask = 0;
    }
    const count = new Array<number>(maxCodeLen).fill(0);
    let min = 0;
    let max = 0;
    for (let i = 0; i < lengths.length; i++) {
      const n = lengths[i]!;
      if (n === 0) continue;
      if (min === 0 || n < min) min = n;
      if (n > max) max = n;
      count[n]!++;
    }
    if (max === 0) return true;
    let code = 0;
    const nextcode = new Array<number>(maxCodeLen).fill(0);
    for (let i = min; i <= max; i++) {
      code <<= 1;
      nextcode[i] = code;
      code += count[i]!;
    }
    if (code !== 1 << max && !(code === 1 && max === 1)) return false;
    this.min = min;
    if (max > chunkBits) {
      const numLinks = 1 << (max - chunkBits);
      this.linkMask = numLinks - 1;
      const link = nextcode[chunkBits + 1]! >> 1;
      this.links = new Array(numChunks - link);
      for (let j = link; j < numChunks; j++) {
        const reverse = reverseBits(j, 16) >> (16 - chunkBits);
        const off = j - link;
        this.chunks[reverse] = ((off << valueShift) | (chunkBits + 1)) >>> 0;
        this.links[off] = new Uint32Array(numLinks);
      }
    }
    for (let i = 0; i < lengths.length; i++) {
      const n = lengths[i]!;
      if (n === 0) continue;
      const c = nextcode[n]!;
      nextcode[n] = c + 1;
      const chunk = ((i << valueShift) | n) >>> 0;
      let reverse = reverseBits(c, 16) >> (16 - n);
      if (n <= chunkBits) {
        for (let off = reverse; off < numChunks; off += 1 << n) this.chunks[off] = chunk;
      } else {
        const j = reverse & (numChunks - 1);
        const linktab = this.links[this.chunks[j]! >>> valueShift]!;
        reverse >>= chunkBits;
        for (let off = reverse; off < linktab.length; off += 1 << (n - chunkBits)) linktab[off] = chunk;
      }
    }
    return true;
  }
}

let fixed: HuffmanDecoder | undefined;
function fixedDecoder(): HuffmanDecoder {
  if (!fixed) {
    const bits = new Array<number>(288);
    for (let i = 0; i < 144; i++) bits[i] = 8;
    for (let i = 144; i < 256; i++) bits[i] = 9;
    for (let i = 256; i < 280; i++) bits[i] = 7;
    for (let i = 280; i < 288; i++) bits[i] = 8;
    fixed = new HuffmanDecoder();
    fixed.init(bits);
  }
  return fixed;
}

const codeOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

class Out {
  buf: Uint8Array;
  len = 0;
  constructor(private limit: number) {
    this.buf = new Uint8Array(Math.min(limit + 1, 1 << 16));
  }
  private grow(need: number): void {
    if (this.len > this.limit) throw new OutputLimitExceeded();
    if (need <= this.buf.length) return;
    const b = new Uint8Array(Math.max(need, Math.min(this.buf.length * 2, this.limit + 259)));
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  byte(c: number): void {
    this.grow(this.len + 1);
    this.buf[this.len++] = c;
    if (this.len > this.limit) throw new OutputLimitExceeded();
  }
  bytes(src: Uint8Array): void {
    this.grow(this.len + src.length);
    this.buf.set(src, this.len);
    this.len += src.length;
    if (this.len > this.limit) throw new OutputLimitExceeded();
  }
  copy(dist: number, length: number): void {
    this.grow(this.len + length);
    const b = this.buf;
    for (let k = 0; k < length; k++) b[this.len + k] = b[this.len + k - dist]!;
    this.len += length;
    if (this.len > this.limit) throw new OutputLimitExceeded();
  }
}

/**
 * Inflates input as flate.NewReader(input) read to EOF. Throws FlateError with Go's text
 * ("flate: corrupt input before offset N", "unexpected EOF") or OutputLimitExceeded once more
 * than `limit` bytes are produced (output produced before a corruption counts first, as Go
 * delivers it before the error).
 */
export function inflate(input: Uint8Array, limit: number): Uint8Array {
  let roffset = 0;
  let b = 0; // bit buffer (uint32)
  let nb = 0;
  const out = new Out(limit);
  const corrupt = () => new FlateError(`flate: corrupt input before offset ${roffset}`);
  const unexpectedEOF = () => new FlateError('unexpected EOF');
  const moreBits = () => {
    if (roffset >= input.length) throw unexpectedEOF();
    b = (b | (input[roffset++]! << nb)) >>> 0;
    nb += 8;
  };
  const need = (n: number) => {
    while (nb < n) moreBits();
  };
  const take = (n: number): number => {
    const v = b & ((1 << n) - 1);
    b >>>= n;
    nb -= n;
    return v;
  };
  const huffSym = (h: HuffmanDecoder): number => {
    let n = h.min;
    for (;;) {
      while (nb < n) {
        if (roffset >= input.length) throw unexpectedEOF();
        b = (b | (input[roffset++]! << (nb & 31))) >>> 0;
        nb += 8;
      }
      let chunk = h.chunks[b & (numChunks - 1)]!;
      n = chunk & countMask;
      if (n > chunkBits) {
        chunk = h.links[chunk >>> valueShift]![(b >>> chunkBits) & h.linkMask]!;
        n = chunk & countMask;
      }
      if (n <= nb) {
        if (n === 0) throw corrupt();
        b >>>= n;
        nb -= n;
        return chunk >>> valueShift;
      }
    }
  };
  const h1 = new HuffmanDecoder();
  const h2 = new HuffmanDecoder();
  const bits = new Array<number>(maxNumLit + maxNumDist).fill(0);
  const codebits = new Array<number>(numCodes).fill(0);

  const readHuffman = () => {
    need(5 + 5 + 4);
    const nlit = take(5) + 257;
    if (nlit > maxNumLit) throw corrupt();
    const ndist = take(5) + 1;
    if (ndist > maxNumDist) throw corrupt();
    const nclen = take(4) + 4;
    for (let i = 0; i < nclen; i++) {
      need(3);
      codebits[codeOrder[i]!] = take(3);
    }
    for (let i = nclen; i < codeOrder.length; i++) codebits[codeOrder[i]!] = 0;
    if (!h1.init(codebits)) throw corrupt();
    for (let i = 0, n = nlit + ndist; i < n; ) {
      const x = huffSym(h1);
      if (x < 16) {
        bits[i++] = x;
        continue;
      }
      let rep: number;
      let nbits: number;
      let v: number;
      if (x === 16) {
        rep = 3;
        nbits = 2;
        if (i === 0) throw corrupt();
        v = bits[i - 1]!;
      } else if (x === 17) {
        rep = 3;
        nbits = 3;
        v = 0;
      } else if (x === 18) {
        rep = 11;
        nbits = 7;
        v = 0;
      } else {
        throw new FlateError('flate: internal error: unexpected length code');
      }
      need(nbits);
      rep += take(nbits);
      if (i + rep > n) throw corrupt();
      for (let j = 0; j < rep; j++) bits[i++] = v;
    }
    if (!h1.init(bits.slice(0, nlit)) || !h2.init(bits.slice(nlit, nlit + ndist))) throw corrupt();
    if (h1.min < bits[endBlockMarker]!) h1.min = bits[endBlockMarker]!;
  };

  const huffmanBlock = (hl: HuffmanDecoder, hd: HuffmanDecoder | null) => {
    for (;;) {
      const v = huffSym(hl);
      let n: number;
      let length: number;
      if (v < 256) {
        out.byte(v);
        continue;
      } else if (v === 256) {
        return;
      } else if (v < 265) {
        length = v - (257 - 3);
        n = 0;
      } else if (v < 269) {
        length = v * 2 - (265 * 2 - 11);
        n = 1;
      } else if (v < 273) {
        length = v * 4 - (269 * 4 - 19);
        n = 2;
      } else if (v < 277) {
        length = v * 8 - (273 * 8 - 35);
        n = 3;
      } else if (v < 281) {
        length = v * 16 - (277 * 16 - 67);
        n = 4;
      } else if (v < 285) {
        length = v * 32 - (281 * 32 - 131);
        n = 5;
      } else if (v < maxNumLit) {
        length = 258;
        n = 0;
      } else {
        throw corrupt();
      }
      if (n > 0) {
        need(n);
        length += take(n);
      }
      let dist: number;
      if (hd === null) {
        need(5);
        dist = reverseBits(take(5) << 3, 8);
      } else {
        dist = huffSym(hd);
      }
      if (dist < 4) {
        dist++;
      } else if (dist < maxNumDist) {
        const nbx = (dist - 2) >> 1;
        let extra = (dist & 1) << nbx;
        need(nbx);
        extra |= take(nbx);
        dist = (1 << (nbx + 1)) + 1 + extra;
      } else {
        throw corrupt();
      }
      if (dist > Math.min(out.len, windowSize)) throw corrupt();
      out.copy(dist, length);
    }
  };

  const dataBlock = () => {
    nb = 0;
    b = 0;
    const avail = input.length - roffset;
    if (avail < 4) {
      roffset += avail;
      throw unexpectedEOF();
    }
    const n = input[roffset]! | (input[roffset + 1]! << 8);
    const nn = input[roffset + 2]! | (input[roffset + 3]! << 8);
    roffset += 4;
    if ((nn & 0xffff) !== (~n & 0xffff)) throw corrupt();
    const got = Math.min(n, input.length - roffset);
    out.bytes(input.subarray(roffset, roffset + got));
    roffset += got;
    if (got < n) throw unexpectedEOF();
  };

  for (;;) {
    need(1 + 2);
    const final = (b & 1) === 1;
    b >>>= 1;
    const typ = b & 3;
    b >>>= 2;
    nb -= 3;
    if (typ === 0) dataBlock();
    else if (typ === 1) huffmanBlock(fixedDecoder(), null);
    else if (typ === 2) {
      readHuffman();
      huffmanBlock(h1, h2);
    } else throw corrupt();
    if (final) break;
  }
  return out.buf.slice(0, out.len);
}

/** The ported decoder as an Inflater. */
export const goInflater: Inflater = { inflate };
