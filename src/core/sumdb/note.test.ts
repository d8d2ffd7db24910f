// Signed notes and the helpers under them, against golang.org/x/mod/sumdb/note through the
// oracle: verifier-key parsing (valid keys and seeded mutations), note.Open on notes the oracle
// signed (subsets of known keys, unknown keys, seeded corruptions), with node:crypto's and
// WebCrypto's Ed25519. SHA-256 against node:crypto.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import { ed25519VerifyNode } from '../../io/ed25519Node';
import { ed25519VerifyWeb } from '../../io/ed25519Web';
import { newEd25519VerifierKey, newVerifier, openNote, verifierList, type Ed25519Verify } from './note';
import { sha256 } from './sha256';
import { goBase64Decode } from './b64';
import { mulberry32 as rng } from '../rng';

const o = new GoOracle();
afterAll(() => o.close());

const SEED = 0x5eed2025;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const enc = (s: string) => new TextEncoder().encode(s);

describe('sha256', () => {
  it('matches node:crypto on seeded inputs', () => {
    const r = rng(SEED);
    for (let n = 0; n < 300; n++) {
      const data = new Uint8Array(n < 200 ? n : Math.floor(r() * 5000));
      for (let i = 0; i < data.length; i++) data[i] = Math.floor(r() * 256);
      const cut = Math.floor(r() * (data.length + 1));
      expect(b64(sha256(data.subarray(0, cut), data.subarray(cut)))).toBe(createHash('sha256').update(data).digest('base64'));
    }
  });
});

describe('goBase64Decode', () => {
  it('accepts and rejects what encoding/base64.StdEncoding does (seen through NewVerifier)', async () => {
    // Covered with the oracle below; here only the shapes Buffer agrees on.
    for (const s of ['', 'QQ==', 'QUI=', 'QUJD', 'QU\nJD', 'QU\r\nJD\n']) {
      expect(b64(goBase64Decode(s)!)).toBe(Buffer.from(s.replace(/[\r\n]/g, ''), 'base64').toString('base64'));
    }
    for (const s of ['Q', 'QQ=', 'Q===', 'QQ==QQ==', 'QU JD', 'QU=D', '====', 'QUJD=']) expect(goBase64Decode(s)).toBeUndefined();
  });
});

const names = ['localhost.localdev/sumdb', 'sum.example.org', 'a', 'ünïcode.example/x', 'x.test/a/b'];

async function keys(name: string, seed: string) {
  return o.value<{ skey: string; vkey: string }>('sumdb.genkey', name, seed);
}

function mutateKey(k: string, r: () => number): string {
  const i = Math.floor(r() * (k.length + 1));
  switch (Math.floor(r() * 9)) {
    case 0:
      return k.slice(0, i) + k.slice(i + 1);
    case 1:
      return k.slice(0, i) + '\n' + k.slice(i);
    case 2:
      return k.slice(0, i) + '\r' + k.slice(i);
    case 3:
      return k.slice(0, i) + ' ' + k.slice(i);
    case 4:
      return k.replace(/\+([0-9a-f]{8})\+/, (_, h: string) => '+' + h.toUpperCase() + '+');
    case 5:
      return k.slice(0, i) + '=' + k.slice(i);
    case 6: {
      // another algorithm byte, hash recomputed so that only the algorithm is wrong
      const [name, , key] = k.split('+', 3).concat(k.split('+').slice(3).join('+')) as string[];
      const raw = unb64(k.slice(k.indexOf('+', k.indexOf('+') + 1) + 1));
      raw[0] = Math.floor(r() * 4);
      void key;
      const hh = createHash('sha256').update(name + '\n').update(raw).digest();
      return `${name}+${hh.subarray(0, 4).toString('hex')}+${b64(raw)}`;
    }
    case 7:
      return k.replace(/=$/, '');
    default:
      return k.slice(0, i) + String.fromCharCode(33 + Math.floor(r() * 90)) + k.slice(i + 1);
  }
}

describe('newVerifier', () => {
  it('parses keys like note.NewVerifier (valid keys and seeded mutations)', async () => {
    const r = rng(SEED + 1);
    const cases: string[] = ['', '+', 'a+b+c', 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'];
    for (const name of names) {
      const { vkey } = await keys(name, name);
      cases.push(vkey);
      for (let i = 0; i < 60; i++) cases.push(mutateKey(vkey, r));
      // a short Ed25519 key with a matching hash
      const raw = unb64(vkey.split('+').slice(2).join('+')).subarray(0, 20);
      const hh = createHash('sha256').update(name + '\n').update(raw).digest();
      cases.push(`${name}+${hh.subarray(0, 4).toString('hex')}+${b64(raw)}`);
    }
    const want = await Promise.all(cases.map((c) => o.call<{ name: string; hash: number }>('sumdb.newVerifier', c)));
    let same = 0;
    cases.forEach((c, i) => {
      let got: { name?: string; hash?: number; err?: string };
      try {
        const v = newVerifier(c, ed25519VerifyNode);
        got = { name: v.name, hash: v.keyHash };
      } catch (e) {
        got = { err: (e as Error).message };
      }
      const w = want[i]!;
      expect(got, JSON.stringify(c)).toEqual(w.err !== undefined ? { err: w.err } : { name: w.ok!.name, hash: w.ok!.hash });
      same++;
    });
    console.log(`newVerifier: ${same}/${cases.length} identical to note.NewVerifier (seed ${SEED + 1})`);
  });

  it('builds the verifier key go builds from a raw public key', async () => {
    for (const name of names) {
      const { vkey } = await keys(name, 'raw-' + name);
      const raw = unb64(vkey.split('+').slice(2).join('+')).subarray(1);
      expect(newEd25519VerifierKey(name, raw)).toBe(vkey);
    }
  });
});

interface GoNote {
  text: string;
  sigs: { name: string; hash: number; base64: string }[];
  unverified: { name: string; hash: number; base64: string }[];
}

function mutateNote(msg: Uint8Array, r: () => number): Uint8Array {
  const m = Array.from(msg);
  const i = Math.floor(r() * m.length);
  switch (Math.floor(r() * 8)) {
    case 0:
      m[i] = m[i]! ^ (1 << Math.floor(r() * 8));
      break;
    case 1:
      m.splice(i, 1);
      break;
    case 2:
      m.splice(i, 0, [0x0a, 0x09, 0x00, 0xff, 0x20, 0x2b][Math.floor(r() * 6)]!);
      break;
    case 3:
      m.pop();
      break;
    case 4: {
      // duplicate the last signature line
      const s = new TextDecoder().decode(msg);
      const lines = s.split('\n');
      return enc(s + lines[lines.length - 2] + '\n');
    }
    case 5: {
      // the signature of another text
      const s = new TextDecoder().decode(msg);
      return enc(s.replace(/^/, 'x'));
    }
    case 6: {
      // 101 signature lines
      const s = new TextDecoder().decode(msg);
      const lines = s.split('\n');
      return enc(s + (lines[lines.length - 2] + '\n').repeat(101));
    }
    default:
      m.splice(i, Math.floor(r() * 5));
  }
  return new Uint8Array(m);
}

describe('openNote', () => {
  const impls: [string, Ed25519Verify][] = [
    ['node:crypto', ed25519VerifyNode],
    ['WebCrypto', ed25519VerifyWeb],
  ];
  it('opens notes as note.Open does (seeded signer/verifier sets and corruptions)', async () => {
    const r = rng(SEED + 2);
    const ks = await Promise.all(names.map((n, i) => keys(n, 'note' + i)));
    // a second key with the first key's name
    ks.push(await keys(names[0]!, 'other'));
    const texts = ['go.sum database tree\n5\nAAAA\n', 'hello\n', 'multi\nline\ntext\n', 'ünï\n', '\n', 'no newline'];
    const cases: { msg: Uint8Array; vkeys: string[] }[] = [];
    for (let c = 0; c < 120; c++) {
      const text = texts[Math.floor(r() * texts.length)]!;
      const signers = ks.filter(() => r() < 0.4);
      const signed = await o.call<string>('sumdb.sign', b64(enc(text)), signers.map((k) => k.skey));
      if (signed.err !== undefined) {
        expect(signers.length === 0 || !text.endsWith('\n')).toBe(true);
        continue;
      }
      let msg: Uint8Array = unb64(signed.ok);
      if (r() < 0.5) msg = mutateNote(msg, r);
      const vkeys = ks.filter(() => r() < 0.5).map((k) => k.vkey);
      cases.push({ msg, vkeys });
    }
    cases.push({ msg: enc('x\n\n'), vkeys: [] }, { msg: enc(''), vkeys: [] }, { msg: enc('a\n\n\u2014 n AAAAAAA=\n'), vkeys: [] });
    const want = await Promise.all(cases.map((c) => o.call<GoNote>('sumdb.open', b64(c.msg), c.vkeys)));
    for (const [label, verify] of impls) {
      let same = 0;
      for (let i = 0; i < cases.length; i++) {
        const c = cases[i]!;
        let got: unknown;
        try {
          const n = await openNote(c.msg, verifierList(...c.vkeys.map((k) => newVerifier(k, verify))));
          got = { text: b64(enc(n.text)), sigs: n.sigs, unverified: n.unverifiedSigs };
        } catch (e) {
          got = { err: (e as Error).message };
        }
        const w = want[i]!;
        expect(got, `${label} case ${i}`).toEqual(w.err !== undefined ? { err: w.err } : w.ok);
        same++;
      }
      console.log(`openNote (${label}): ${same}/${cases.length} identical to note.Open (seed ${SEED + 2})`);
    }
  });
});
