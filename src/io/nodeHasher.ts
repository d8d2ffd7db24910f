// Hasher over node:crypto (CLI and tests).
import { createHash } from 'node:crypto';
import type { Hasher } from '../core/hasher';

function digest(data: Uint8Array): Uint8Array {
  const d = createHash('sha256').update(data).digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

export const nodeHasher: Hasher = {
  async sha256(data) {
    return digest(data);
  },
  async sha256Many(items) {
    return items.map(digest);
  },
};
