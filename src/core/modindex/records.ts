// The module index's storage format: a shard is UTF-8 text, a sequence of checksummed records
// appended whole (one write each) by any number of processes:
//   RS <payload length in UTF-16 units> SP <FNV-1a 32 of the payload, hex> LF <key> LF <value>
// where RS is U+001E, and key and value are JSON texts (which never hold a raw RS or LF). A
// record whose length or checksum does not hold (a torn append, a damaged file) is skipped; the
// reader resynchronizes at the next RS. For a key, the last intact record wins. The whole shard
// is decoded with one call and records are sliced from the string: per-record work is a few
// string operations, which matters in a short-lived process.

const RS = '\x1e';

/** FNV-1a 32 over a string's UTF-16 units. */
export function fnv32(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One record: key and value must not hold RS or LF (JSON texts do not). */
export function encodeRecord(key: string, value: string): string {
  if (/[\x1e\n]/.test(key) || value.includes(RS)) throw new Error('modindex: record text holds a separator');
  const payload = key + '\n' + value;
  return RS + payload.length + ' ' + fnv32(payload).toString(16) + '\n' + payload;
}

/** The records of a shard's text, the last intact record per key; damaged stretches are skipped. */
export function decodeRecords(s: string): Map<string, string> {
  const values = new Map<string, string>();
  let i = s.indexOf(RS);
  while (i >= 0) {
    const sp = s.indexOf(' ', i);
    const lf = sp < 0 ? -1 : s.indexOf('\n', sp);
    const n = sp < 0 ? NaN : Number(s.slice(i + 1, sp));
    const start = lf + 1;
    const end = start + n;
    if (lf < 0 || lf - i > 24 || !Number.isSafeInteger(n) || n < 0 || end > s.length) {
      i = s.indexOf(RS, i + 1);
      continue;
    }
    const sum = parseInt(s.slice(sp + 1, lf), 16);
    const kl = s.indexOf('\n', start);
    if (kl < 0 || kl >= end || sum !== fnv32(s, start, end)) {
      i = s.indexOf(RS, i + 1);
      continue;
    }
    values.set(s.slice(start, kl), s.slice(kl + 1, end));
    i = s.indexOf(RS, end);
  }
  return values;
}

/** The text of a shard holding exactly these records (a compaction). */
export function encodeRecords(values: ReadonlyMap<string, string>): string {
  let out = '';
  for (const [k, v] of values) out += encodeRecord(k, v);
  return out;
}
