// encoding/base64.StdEncoding.DecodeString as Go applies it: padding required, '\r' and '\n'
// ignored anywhere, any other character outside the alphabet an error, non-zero trailing bits
// accepted (the encoding is not Strict).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DEC = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) DEC[ALPHABET.charCodeAt(i)] = i;

/** The decoded bytes, or undefined where Go reports a CorruptInputError. */
export function goBase64Decode(s: string): Uint8Array | undefined {
  const chars: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) continue;
    if (c > 0xff) return undefined;
    chars.push(c);
  }
  if (chars.length % 4 !== 0) return undefined;
  const out: number[] = [];
  for (let q = 0; q < chars.length; q += 4) {
    const last = q + 4 === chars.length;
    const v: number[] = [];
    let pad = 0;
    for (let j = 0; j < 4; j++) {
      const c = chars[q + j]!;
      if (c === 0x3d) {
        // '=' only as the last one or two characters of the final quantum.
        if (!last || j < 2) return undefined;
        pad++;
        continue;
      }
      if (pad > 0) return undefined;
      const d = DEC[c]!;
      if (d < 0) return undefined;
      v.push(d);
    }
    const n = (v[0]! << 18) | (v[1]! << 12) | ((v[2] ?? 0) << 6) | (v[3] ?? 0);
    out.push((n >> 16) & 0xff);
    if (v.length >= 3) out.push((n >> 8) & 0xff);
    if (v.length === 4) out.push(n & 0xff);
  }
  return new Uint8Array(out);
}
