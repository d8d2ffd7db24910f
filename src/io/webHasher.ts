// Hasher over WebCrypto (crypto.subtle), for the page and the worker. No Node imports.
import type { Hasher } from '../core/hasher';

async function digest(data: Uint8Array): Promise<Uint8Array> {
  // subtle.digest wants an ArrayBuffer-backed view; copy views over shared memory.
  const view = data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', view));
}

export const webHasher: Hasher = {
  sha256: digest,
  sha256Many(items) {
    return Promise.all(items.map(digest));
  },
};
