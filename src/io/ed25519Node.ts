// Ed25519 verification for signed notes (src/core/sumdb/note.ts) through node:crypto.
import { createPublicKey, verify } from 'node:crypto';
import type { Ed25519Verify } from '../core/sumdb/note';

// SubjectPublicKeyInfo DER prefix of an Ed25519 key (OID 1.3.101.112), followed by the 32 bytes.
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

export const ed25519VerifyNode: Ed25519Verify = async (publicKey, msg, sig) => {
  if (publicKey.length !== 32 || sig.length !== 64) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([spkiPrefix, publicKey]), format: 'der', type: 'spki' });
    return verify(null, msg, key, sig);
  } catch {
    return false;
  }
};
