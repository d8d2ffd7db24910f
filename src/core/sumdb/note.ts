// Signed notes (golang.org/x/mod/sumdb/note): verifier keys "name+hash+keydata", note
// signature lines "— name base64(hash||sig)", and Open's rules and error texts. Ed25519 itself
// is injected (WebCrypto in the page, node:crypto in Node: src/io/ed25519Web.ts, ed25519Node.ts).

import { base64Encode, decodeRune, isGoSpace, utf8Decode, utf8Encode } from '../gostrings';
import { goBase64Decode } from './b64';
import { sha256 } from './sha256';

/** Ed25519 verification of sig over msg with a 32-byte public key; false on any failure. */
export type Ed25519Verify = (publicKey: Uint8Array, msg: Uint8Array, sig: Uint8Array) => Promise<boolean>;

export interface Verifier {
  readonly name: string;
  readonly keyHash: number;
  verify(msg: Uint8Array, sig: Uint8Array): Promise<boolean>;
}

/** note.go: keyHash — the first 4 bytes (big-endian) of SHA-256(name + "\n" + key). */
export function keyHash(name: string, key: Uint8Array): number {
  const s = sha256(utf8Encode(name + '\n'), key);
  return ((s[0]! << 24) | (s[1]! << 16) | (s[2]! << 8) | s[3]!) >>> 0;
}

const algEd25519 = 1;

/** note.go: isValidName — non-empty, no Unicode space, no '+'. */
export function isValidName(name: string): boolean {
  if (name === '' || name.includes('+')) return false;
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) return false; // not valid UTF-8
    if (isGoSpace(c)) return false;
  }
  return true;
}

function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** strconv.ParseUint(s, 16, 32) for the 8-character case NewVerifier allows. */
function parseHash16(s: string): number | undefined {
  if (s.length !== 8 || !/^[0-9a-fA-F]{8}$/.test(s)) return undefined;
  return parseInt(s, 16);
}

/** note.NewVerifier: throws Go's errors ("malformed verifier id", ...). */
export function newVerifier(vkey: string, ed25519Verify: Ed25519Verify): Verifier {
  const [name, rest] = chop(vkey, '+');
  const [hash16, key64] = chop(rest, '+');
  const hash = parseHash16(hash16);
  const key = goBase64Decode(key64);
  if (hash === undefined || key === undefined || !isValidName(name) || key.length === 0) throw new Error('malformed verifier id');
  if (hash !== keyHash(name, key)) throw new Error('invalid verifier hash');
  if (key[0] !== algEd25519) throw new Error('unknown verifier algorithm');
  const pub = key.slice(1);
  if (pub.length !== 32) throw new Error('malformed verifier id');
  return {
    name,
    keyHash: hash,
    verify: async (msg, sig) => {
      try {
        return await ed25519Verify(pub, msg, sig);
      } catch {
        return false;
      }
    },
  };
}

/** note.NewEd25519VerifierKey */
export function newEd25519VerifierKey(name: string, key: Uint8Array): string {
  if (key.length !== 32) throw new Error(`invalid public key size ${key.length}, expected 32`);
  const pubkey = new Uint8Array(33);
  pubkey[0] = algEd25519;
  pubkey.set(key, 1);
  return `${name}+${hex8(keyHash(name, pubkey))}+${base64Encode(pubkey)}`;
}

/** note.UnknownVerifierError */
export class UnknownVerifierError extends Error {
  constructor(
    readonly keyName: string,
    readonly keyHash: number,
  ) {
    super(`unknown key ${keyName}+${hex8(keyHash)}`);
    this.name = 'UnknownVerifierError';
  }
}

/** A set of known verifiers (note.Verifiers). */
export interface Verifiers {
  /** The verifier for name+hash; throws UnknownVerifierError or "ambiguous key ..." */
  verifier(name: string, hash: number): Verifier;
}

/** note.VerifierList */
export function verifierList(...list: Verifier[]): Verifiers {
  const m = new Map<string, Verifier[]>();
  for (const v of list) {
    const k = v.name + '\0' + v.keyHash;
    m.set(k, [...(m.get(k) ?? []), v]);
  }
  return {
    verifier(name, hash) {
      const v = m.get(name + '\0' + hash);
      if (!v) throw new UnknownVerifierError(name, hash);
      if (v.length > 1) throw new Error(`ambiguous key ${name}+${hex8(hash)}`);
      return v[0]!;
    },
  };
}

export interface Signature {
  name: string;
  hash: number;
  base64: string;
}

export interface Note {
  /** The note text (valid UTF-8, ending in "\n"). */
  text: string;
  sigs: Signature[];
  unverifiedSigs: Signature[];
}

/** note.UnverifiedNoteError */
export class UnverifiedNoteError extends Error {
  constructor(readonly note: Note) {
    super('note has no verifiable signatures');
    this.name = 'UnverifiedNoteError';
  }
}

/** note.InvalidSignatureError */
export class InvalidSignatureError extends Error {
  constructor(
    readonly keyName: string,
    readonly keyHash: number,
  ) {
    super(`invalid signature for key ${keyName}+${hex8(keyHash)}`);
    this.name = 'InvalidSignatureError';
  }
}

const malformed = () => new Error('malformed note');

function lastIndexOfSplit(b: Uint8Array): number {
  for (let i = b.length - 2; i >= 0; i--) if (b[i] === 0x0a && b[i + 1] === 0x0a) return i;
  return -1;
}

// "— " (U+2014 EM DASH, space)
const sigPrefix = utf8Encode('\u2014 ');

/** note.Open: parses and verifies a signed note. */
export async function openNote(msg: Uint8Array, known: Verifiers = verifierList()): Promise<Note> {
  for (let i = 0; i < msg.length; ) {
    const [r, size] = decodeRune(msg, i);
    if ((r < 0x20 && r !== 0x0a) || (r === 0xfffd && size === 1)) throw malformed();
    i += size;
  }
  const split = lastIndexOfSplit(msg);
  if (split < 0) throw malformed();
  const textBytes = msg.subarray(0, split + 1);
  let sigs = msg.subarray(split + 2);
  if (sigs.length === 0 || sigs[sigs.length - 1] !== 0x0a) throw malformed();

  const n: Note = { text: utf8Decode(textBytes), sigs: [], unverifiedSigs: [] };
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  let numSig = 0;
  while (sigs.length > 0) {
    const i = sigs.indexOf(0x0a);
    let line = sigs.subarray(0, i);
    sigs = sigs.subarray(i + 1);
    if (line.length < sigPrefix.length || !sigPrefix.every((b, k) => line[k] === b)) throw malformed();
    line = line.subarray(sigPrefix.length);
    const lineStr = utf8Decode(line);
    const [name, b64] = chop(lineStr, ' ');
    const sig = goBase64Decode(b64);
    if (sig === undefined || !isValidName(name) || b64 === '' || sig.length < 5) throw malformed();
    const hash = ((sig[0]! << 24) | (sig[1]! << 16) | (sig[2]! << 8) | sig[3]!) >>> 0;
    const rawSig = sig.subarray(4);
    if (++numSig > 100) throw malformed();

    let v: Verifier;
    try {
      v = known.verifier(name, hash);
    } catch (e) {
      if (e instanceof UnknownVerifierError) {
        if (seenUnverified.has(lineStr)) continue;
        seenUnverified.add(lineStr);
        n.unverifiedSigs.push({ name, hash, base64: b64 });
        continue;
      }
      throw e;
    }
    if (v.name !== name || v.keyHash !== hash) throw new Error("verifier name or hash doesn't match signature");
    const k = name + '\0' + hash;
    if (seen.has(k)) continue;
    seen.add(k);
    if (!(await v.verify(textBytes, rawSig))) throw new InvalidSignatureError(name, hash);
    n.sigs.push({ name, hash, base64: b64 });
  }
  if (n.sigs.length === 0) throw new UnverifiedNoteError(n);
  return n;
}
