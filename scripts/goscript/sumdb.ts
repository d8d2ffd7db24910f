// The checksum databases cmd/go's TestScript serves beside its module proxy (proxy_test.go:
// sumdbOps / sumdbWrongOps over golang.org/x/mod/sumdb NewTestServer and Server.ServeHTTP):
//   $GOPROXY/sumdb/localhost.localdev/sumdb/...  the test database, through the proxy
//   $GOPROXY/sumdb-direct/...                    the same database, "direct" access
//   $GOPROXY/sumdb-wrong/...                     a database whose every hash is "h1:wrong"
//   $GOPROXY/sumdb-<code>/sumdb/...              HTTP status <code> (>= 200)
// Records are the two go.sum lines of each module (proxyGoSum: dirhash over the archive's files
// and its .mod). The test database is prepopulated with every testdata module in name order, as
// StartProxy does, so record ids match go's; the wrong one grows on lookup. Notes are signed with
// the harness's published test key (ed25519 via node:crypto).
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { hash1, hashGoMod } from '../../src/core/dirhash';
import { utf8Encode } from '../../src/core/gostrings';
import { unescapePath, unescapeVersion, type ModuleVersion } from '../../src/core/module';
import type { TxtarProxy } from '../../src/core/proxyTxtar';
import type { ProxyResponse } from '../../src/core/source';
import { keyHash } from '../../src/core/sumdb/note';
import { formatRecord, formatTree, hashArrayReader, parseTilePath, readTileData, recordHash, storedHashesForRecordHash, treeHash, type Hash } from '../../src/core/sumdb/tlog';
import { nodeHasher } from '../../src/io/nodeHasher';

/** proxy_test.go: testSumDBName, testSumDBVerifierKey, testSumDBSignerKey. */
export const testSumDBName = 'localhost.localdev/sumdb';
export const testSumDBVerifierKey = 'localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6';
const testSumDBSignerKey = 'PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AXu6+oaVaOYuQOFrf1V59JK1owcFlJcHwwXHDfDGxSPk';

const textPlain = 'text/plain; charset=utf-8';
const respond = (statusCode: number, body: string | Uint8Array, contentType = textPlain): ProxyResponse => ({
  statusCode,
  status: String(statusCode),
  contentType,
  body: typeof body === 'string' ? utf8Encode(body) : body,
});
/** http.Error */
const httpError = (msg: string, code: number) => respond(code, msg + '\n');

class NotExistError extends Error {}

/** note.NewSigner over a PRIVATE+KEY+name+hash+key string. */
function newSigner(skey: string): { name: string; hash: number; key: KeyObject } {
  // strings.SplitN(skey, "+", 5): the key's base64 may hold '+'.
  const parts = skey.split('+');
  const [priv, plus, name, hash] = parts;
  const key = parts.slice(4).join('+');
  if (priv !== 'PRIVATE' || plus !== 'KEY' || name === undefined || key === undefined) throw new Error('malformed signer key');
  const raw = Buffer.from(key, 'base64');
  if (raw[0] !== 1 || raw.length !== 33) throw new Error('unsupported signer key');
  const seed = raw.subarray(1);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const k = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const pub = Buffer.from(testSumDBVerifierKey.split('+').slice(2).join('+'), 'base64');
  if (keyHash(name, new Uint8Array(pub)) !== parseInt(hash!, 16)) throw new Error('signer key hash mismatch');
  return { name, hash: parseInt(hash!, 16), key: k };
}

/** sumdb.TestServer + sumdb.Server for one gosum function. */
class TestSumDB {
  private readonly records: Uint8Array[] = [];
  private readonly hashes: Hash[] = [];
  private readonly ids = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly signer = newSigner(testSumDBSignerKey);

  constructor(private readonly gosum: (m: ModuleVersion) => Promise<Uint8Array>) {}

  /** TestServer.Lookup (serialized: ids are handed out in request order). */
  lookup(m: ModuleVersion): Promise<number> {
    const run = async () => {
      const key = `${m.path}@${m.version}`;
      const have = this.ids.get(key);
      if (have !== undefined) return have;
      const data = await this.gosum(m);
      const id = this.records.length;
      this.records.push(data);
      this.ids.set(key, id);
      this.hashes.push(...(await storedHashesForRecordHash(id, recordHash(data), hashArrayReader(this.hashes))));
      return id;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** TestServer.Signed: the signed note of the current tree. */
  async signed(): Promise<Uint8Array> {
    const n = this.records.length;
    const text = formatTree({ N: n, Hash: await treeHash(n, hashArrayReader(this.hashes)) });
    const sig = sign(null, Buffer.from(text), this.signer.key);
    const hb = Buffer.alloc(4);
    hb.writeUInt32BE(this.signer.hash);
    return utf8Encode(`${text}\n— ${this.signer.name} ${Buffer.concat([hb, sig]).toString('base64')}\n`);
  }

  /** Server.ServeHTTP for a path below the database's URL ("/lookup/...", "/latest", "/tile/..."). */
  async serve(path: string): Promise<ProxyResponse> {
    if (path.startsWith('/lookup/')) {
      const mod = path.slice('/lookup/'.length);
      if (!/^[^@]+@v[0-9]+\.[0-9]+\.[0-9]+(-[^@]*)?(\+incompatible)?$/.test(mod)) return httpError('invalid module@version syntax', 400);
      const i = mod.indexOf('@');
      let m: ModuleVersion;
      try {
        m = { path: unescapePath(mod.slice(0, i)), version: unescapeVersion(mod.slice(i + 1)) };
      } catch (e) {
        return httpError((e as Error).message, 500);
      }
      let id: number;
      try {
        id = await this.lookup(m);
      } catch (e) {
        return httpError((e as Error).message, e instanceof NotExistError ? 404 : 500);
      }
      const msg = formatRecord(id, this.records[id]!);
      const signed = await this.signed();
      const body = new Uint8Array(msg.length + signed.length);
      body.set(msg);
      body.set(signed, msg.length);
      return respond(200, body, 'text/plain; charset=UTF-8');
    }
    if (path === '/latest') return respond(200, await this.signed(), 'text/plain; charset=UTF-8');
    if (path.startsWith('/tile/')) {
      let t;
      try {
        t = parseTilePath(path.slice(1));
      } catch {
        return httpError('invalid tile syntax', 400);
      }
      if (t.L === -1) {
        const start = t.N * 2 ** t.H;
        if (start + t.W > this.records.length) return httpError('missing records', 500);
        const parts: Uint8Array[] = [];
        for (let i = 0; i < t.W; i++) parts.push(formatRecord(start + i, this.records[start + i]!));
        return respond(200, new Uint8Array(Buffer.concat(parts)), 'text/plain; charset=UTF-8');
      }
      try {
        return respond(200, await readTileData(t, hashArrayReader(this.hashes)), 'application/octet-stream');
      } catch (e) {
        return httpError((e as Error).message, 500);
      }
    }
    return httpError('404 page not found', 404);
  }
}

/** The sumdb handler for the goscript proxy (the `sumdb` option of startProxy). */
export function testSumDBHandler(proxy: TxtarProxy): (rel: string) => Promise<ProxyResponse> | undefined {
  // proxy_test.go: proxyGoSum
  const goSum = async (m: ModuleVersion): Promise<Uint8Array> => {
    const a = proxy.readArchive(m.path, m.version);
    if (!a) throw new NotExistError('file does not exist');
    let gomod: Uint8Array = new Uint8Array();
    const files: { name: string; data: Uint8Array }[] = [];
    for (const f of a.files) {
      if (f.name.startsWith('.')) {
        if (f.name === '.mod') gomod = f.data;
        continue;
      }
      files.push({ name: `${m.path}@${m.version}/${f.name}`, data: f.data });
    }
    const h1 = await hash1(files, nodeHasher);
    const h1mod = await hashGoMod(gomod, nodeHasher);
    return utf8Encode(`${m.path} ${m.version} ${h1}\n${m.path} ${m.version}/go.mod ${h1mod}\n`);
  };
  const db = new TestSumDB(goSum);
  const wrong = new TestSumDB(async (m) => utf8Encode(`${m.path} ${m.version} h1:wrong\n${m.path} ${m.version}/go.mod h1:wrong\n`));
  // StartProxy: "Prepopulate main sumdb."
  let ready: Promise<void> | undefined;
  const prepopulated = () => (ready ??= (async () => {
    for (const m of proxy.modList) await db.lookup(m).catch(() => undefined);
  })());

  return (rel0) => {
    let rel = rel0;
    // /mod/sumdb-<code>/sumdb/... answers with that status; /mod/sumdb-<code>/<rest> serves <rest>.
    const j = rel.indexOf('/');
    if (j >= 0 && rel.startsWith('sumdb-')) {
      const code = /^[+-]?[0-9]+$/.test(rel.slice(6, j)) ? Number(rel.slice(6, j)) : NaN;
      if (code >= 200) {
        if (rel.slice(j).startsWith('/sumdb/')) return Promise.resolve(respond(code, ''));
        rel = rel.slice(j + 1);
      }
    }
    if (rel.startsWith('sumdb-direct/')) return prepopulated().then(() => db.serve(rel.slice('sumdb-direct'.length)));
    if (rel.startsWith('sumdb-wrong/')) return wrong.serve(rel.slice('sumdb-wrong'.length));
    if (rel === `sumdb/${testSumDBName}/supported`) return Promise.resolve(respond(200, ''));
    const prefix = `sumdb/${testSumDBName}/`;
    if (rel.startsWith(prefix)) return prepopulated().then(() => db.serve(rel.slice(prefix.length - 1)));
    // sumdb-<code>/<path>: the proxy answers <path>.
    if (rel !== rel0) return Promise.resolve(proxy.handle(rel));
    return undefined;
  };
}
