// Ed25519 verification for signed notes (src/core/sumdb/note.ts) through WebCrypto.
import type { Ed25519Verify } from '../core/sumdb/note';

export const ed25519VerifyWeb: Ed25519Verify = async (publicKey, msg, sig) => {
  if (publicKey.length !== 32 || sig.length !== 64) return false;
  try {
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey('raw', publicKey.slice(), { name: 'Ed25519' }, false, ['verify']);
    return await subtle.verify({ name: 'Ed25519' }, key, sig.slice(), msg.slice());
  } catch {
    return false;
  }
};
