// The module zip fuzz targets (modzip reader, checks, unzip, hashing) and the inflate target,
// with zip-bomb inputs. Registered in targets.ts.
import { replaceEscapedBytes } from '../gostrings';
import { deflateSync } from 'fflate';
import { ModuleError } from '../module';
import { checkZip, type ZipLimits } from '../modzip/check';
import { readZip, ZipReadError, ReadBudgetExceeded } from '../modzip/reader';
import { readZipForHash, unzipModule, ZipError } from '../modzip/unzip';
import { writeZip, type RawZipEntry } from '../modzip/writer';
import { FlateError, inflate, OutputLimitExceeded } from '../modzip/inflate';
import { concat, repeat, utf8 } from './mutate';
import { Rng } from './rng';
import { type Target, PlainError, typed, b64, show } from './target';

// ---------------------------------------------------------------------------------------------
// Module zips

export const zipMod = { path: 'example.com/m', version: 'v1.0.0' };
const prefix = `${zipMod.path}@${zipMod.version}/`;
/** Small limits for the inflating paths, so that a bomb is caught by them, not by memory. */
export const fuzzLimits: ZipLimits = { maxZipFile: 4 << 20, maxGoMod: 256 << 10, maxLICENSE: 256 << 10 };

let bombBody: Uint8Array | undefined;
/** BOMB_SIZE zero bytes as one fixed-Huffman deflate block (about 100 KiB of input). */
export const BOMB_SIZE = 17 << 20;
export function bomb(): Uint8Array {
  bombBody ??= zeroDeflate(BOMB_SIZE);
  return bombBody;
}

/**
 * A raw deflate stream inflating to n zero bytes: a literal 0, then copies of length 258 at
 * distance 1, then literal zeros for the rest (RFC 1951 fixed Huffman codes).
 */
export function zeroDeflate(n: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + Math.ceil(n / 258) * 13 + 258 * 8 + 7) / 8) + 1);
  let bit = 0;
  const put = (v: number, len: number) => {
    for (let i = 0; i < len; i++) {
      if ((v >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
      bit++;
    }
  };
  // Huffman codes go out most significant bit first
  const code = (c: number, len: number) => {
    let r = 0;
    for (let i = 0; i < len; i++) r |= ((c >> i) & 1) << (len - 1 - i);
    put(r, len);
  };
  put(1, 1); // BFINAL
  put(1, 2); // fixed Huffman
  let left = n;
  if (left > 0) {
    code(0x30, 8); // literal 0
    left--;
  }
  while (left >= 258) {
    code(0xc5, 8); // length code 285 = 258
    code(0, 5); // distance code 0 = 1
    left -= 258;
  }
  while (left-- > 0) code(0x30, 8);
  code(0, 7); // end of block
  return out.subarray(0, (bit + 7) >> 3);
}

const zipNames = [
  'go.mod', 'LICENSE', 'a.go', 'sub/b.go', 'sub/', 'vendor/x/y.go', 'vendor/modules.txt', 'sub/go.mod', 'GO.MOD', 'Go.mod', 'sub/GO.MOD',
  'A.go', 'a.GO', '.hg_archival.txt', 'x/../y.go', '../evil.go', './a.go', 'a//b.go', 'a\\b.go', 'C:\\x.go', 'con.go', 'aux', 'a.go/', 'x~1.go',
  '\u212aelvin.go', 'kelvin.go', 'é.go', 'e\u0301.go', '.git/config', 'x:y', 'a b.go', '',
];

function genZip(r: Rng): Uint8Array {
  const n = r.range(0, 8);
  const entries: RawZipEntry[] = [];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    let name: string | Uint8Array;
    const k = r.int(20);
    if (k < 12) name = prefix + r.pick(zipNames);
    else if (k === 12) name = r.pick(['../x.go', '/abs/x.go', '/', 'example.com/other@v1.0.0/a.go', 'example.com/m@v1.0.1/a.go', 'example.com/M@v1.0.0/a.go']);
    else if (k === 13) name = prefix.replace('/', '\\') + 'a.go';
    else if (k === 14) name = concat([utf8(prefix), Uint8Array.of(0xff, 0xfe), utf8('.go')]);
    else if (k === 15 && names.length > 0) name = r.pick(names); // duplicate
    else if (k === 16 && names.length > 0) name = r.pick(names).toUpperCase(); // case fold
    else if (k === 17) name = prefix + 'a\nb.go';
    else name = prefix + r.pick(zipNames) + r.pick(['', '/x.go', '/']);
    if (typeof name === 'string') names.push(name);
    const size = r.chance(0.1) ? r.range(0, 1 << 16) : r.len(200);
    const data = new Uint8Array(size);
    for (let j = 0; j < size; j++) data[j] = r.chance(0.8) ? 0x61 + r.int(26) : r.int(256);
    const e: RawZipEntry = { name, data, method: r.chance(0.6) ? 8 : r.chance(0.9) ? 0 : r.pick([1, 12, 99]) };
    const s = r.int(12);
    if (s === 0) {
      // a bomb: tiny body, huge output; declared size varies
      e.method = 8;
      e.body = bomb();
      e.data = new Uint8Array(0);
      e.crc32 = 0; // no CRC check (archive/zip skips a zero CRC)
      e.uncompressedSize = r.pick([0, 100, 1 << 20, 16 << 20, (16 << 20) + 1, BOMB_SIZE, 64 << 20, 0xfffffffe, 2 ** 40]);
      if (typeof e.uncompressedSize === 'number' && e.uncompressedSize > 0xffffffff) e.uncompressedSize = BigInt(e.uncompressedSize);
    } else if (s === 1) {
      e.uncompressedSize = r.pick([0, 1, size + 1, Math.max(0, size - 1), 0xffffffff, 17 << 20, 600 << 20]);
    } else if (s === 2) {
      e.compressedSize = r.pick([0, 1, 0xffffffff, 1 << 30]);
    } else if (s === 3) {
      e.crc32 = r.int(2 ** 32);
    } else if (s === 4) {
      e.dataDescriptor = r.pick(['sig', 'nosig'] as const);
      if (r.chance(0.3)) e.descriptorCrc32 = r.int(2 ** 32);
    } else if (s === 5) {
      e.zip64 = true;
    } else if (s === 6) {
      e.creatorVersion = 0x0314;
      e.externalAttrs = (r.pick([0o120777, 0o100644, 0o040755, 0o010644]) << 16) >>> 0;
    }
    entries.push(e);
  }
  return writeZip(entries);
}

interface ZipOut {
  check: string | null;
  valid: string[];
}

export const zipTarget: Target = {
  name: 'zip',
  corpus: 'strings',
  dict: ['PK\x03\x04', 'PK\x01\x02', 'PK\x05\x06', 'PK\x06\x06', 'PK\x06\x07', 'PK\x07\x08', '\xff\xff\xff\xff', '\x00\x00\x00\x00', prefix],
  maxLen: 256 << 10,
  mutateRate: 0.35,
  generate: (r) => genZip(r),
  run(x) {
    const props: string[] = [];
    // checkZip with Go's limits decides from names and declared sizes only.
    const c = checkZip(zipMod, x);
    let archive;
    try {
      archive = readZip(x);
    } catch (e) {
      typed(e, [ZipReadError]);
    }
    // The inflating paths, under small limits: output must stay within them.
    let declared = 0n;
    for (const f of archive?.files ?? []) declared += f.uncompressedSize > 0n ? f.uncompressedSize : 0n;
    try {
      const files = unzipModule(zipMod, x, { limits: fuzzLimits, zipPath: '$ZIP' });
      const total = files.reduce((s, f) => s + f.data.length, 0);
      if (total > fuzzLimits.maxZipFile) props.push(`unzipModule produced ${total} bytes over the ${fuzzLimits.maxZipFile} limit`);
    } catch (e) {
      typed(e, [ZipError]);
    }
    try {
      const files = readZipForHash(zipMod, x, fuzzLimits);
      const total = files.reduce((s, f) => s + f.data.length, 0);
      if (total > fuzzLimits.maxZipFile) props.push(`readZipForHash produced ${total} bytes over the ${fuzzLimits.maxZipFile} limit`);
    } catch (e) {
      typed(e, [ZipReadError, ModuleError, PlainError]);
    }
    // names and errors as the oracle's JSON carries them (invalid bytes as U+FFFD)
    const out: ZipOut = { check: c.err ? replaceEscapedBytes(c.err.message) : null, valid: c.valid.map(replaceEscapedBytes) };
    return { err: c.err?.message, out: { ...out, declared: declared.toString() }, props };
  },
  oracle: (x) => [{ op: 'zip.check', args: [zipMod.path, zipMod.version, b64(x)] }],
  compare(_x, ours, [go]) {
    const g = go as { valid: string[]; err: string | null };
    const o = ours.out as ZipOut;
    const diffs: string[] = [];
    if ((g.err ?? null) !== o.check) diffs.push(`checkZip error: ours ${show(o.check)} go ${show(g.err)}`);
    else if (show(g.valid) !== show(o.valid)) diffs.push(`checkZip valid: ours ${show(o.valid)} go ${show(g.valid)}`);
    return [...diffs, ...ours.props];
  },
};

/** Raw deflate streams: the inflater must stop at its output limit and reject bad data. */
export const inflateTarget: Target = {
  name: 'inflate',
  corpus: 'strings',
  dict: [],
  maxLen: 64 << 10,
  mutateRate: 0.5,
  generate(r) {
    if (r.chance(0.2)) return r.chance(0.5) ? bomb() : zeroDeflate(r.int(4 << 20));
    const n = r.len(4096);
    const d = new Uint8Array(n);
    const alphabet = r.range(1, 256);
    for (let i = 0; i < n; i++) d[i] = r.int(alphabet);
    return deflateSync(d, { level: r.pick([0, 1, 6, 9] as const) });
  },
  run(x) {
    const limit = 1 << 20;
    const props: string[] = [];
    try {
      const out = inflate(x, limit);
      if (out.length > limit) props.push(`inflate returned ${out.length} bytes over its ${limit} limit`);
      return { out: out.length, props };
    } catch (e) {
      return { err: typed(e, [FlateError, OutputLimitExceeded]), props };
    }
  },
};

void ReadBudgetExceeded;
void repeat;
