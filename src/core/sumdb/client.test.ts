// The checksum database client against real go, over local checksum databases that the oracle
// serves on 127.0.0.1 (golang.org/x/mod/sumdb Server + TestServer, go.sum lines computed by
// dirhash from a file:// proxy built from cmd/go/testdata/mod, as cmd/go/proxy_test.go does).
// Real go (GOSUMDB="<key> http://127.0.0.1:port/dbN", GOPROXY=file://...) and modscope's Fetcher
// with GoSumDB fetch the same modules: accepted sums, the sumdb cache and latest tree they
// keep, and the errors for a tampered proxy, a lying database ("h1:wrong"), a forked tree,
// a corrupted tile, a forged record, bad GOSUMDB values and GONOSUMDB.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import { removeAll, runGoIn, txtarProxyDir } from '../../cli/fetchTestHarness';
import { ed25519VerifyNode } from '../../io/ed25519Node';
import { nodeHasher } from '../../io/nodeHasher';
import { fileProxy, fileURLFromPath, FileTransport } from '../../io/proxyFile';
import { FetchTransport } from '../../io/proxyHttp';
import { sumdbHttpRemote } from '../../io/sumdbHttp';
import { MemoryCache } from '../memoryCache';
import { escapePath, escapeVersion, type ModuleVersion } from '../module';
import { Fetcher } from '../modfetch/fetcher';
import { createModuleZip, readEntry, readZip } from '../modzip';
import { GoSumDB, MemoryStore, SumDBSecurityError } from './client';

const o = new GoOracle();
const work = mkdtempSync(join(tmpdir(), 'modscope-sumdb-'));
afterAll(() => {
  o.close();
  removeAll(work);
});

const dbName = 'localhost.localdev/sumdb';
let vkey = '';
let skey = '';
let goodDir = '';
let badDir = '';
let mods: ModuleVersion[] = [];
const tampered: ModuleVersion = { path: 'rsc.io/sampler', version: 'v1.3.0' };

beforeAll(async () => {
  ({ vkey, skey } = await o.value<{ skey: string; vkey: string }>('sumdb.genkey', dbName, 'modscope sumdb client test'));
  goodDir = join(work, 'proxy');
  txtarProxyDir(goodDir, ['rsc.io/quote', 'rsc.io/sampler', 'golang.org/x/text']);
  // The same proxy with one zip replaced by a valid zip of different content.
  badDir = join(work, 'proxy-tampered');
  cpSync(goodDir, badDir, { recursive: true });
  const zf = join(badDir, escapePath(tampered.path), '@v', escapeVersion(tampered.version) + '.zip');
  const prefix = `${tampered.path}@${tampered.version}/`;
  const z = readZip(new Uint8Array(readFileSync(zf)));
  const files = z.files.map((e) => ({
    name: e.name.slice(prefix.length),
    data: e.name.endsWith('.go') ? new TextEncoder().encode('package sampler // tampered\n') : readEntry(z, e),
  }));
  writeFileSync(zf, createModuleZip(tampered, files));
});

async function serve(mode: string, dir = goodDir): Promise<{ url: string; modules: string[] }> {
  return o.value('sumdb.serve', { proxyDir: dir, skey, mode });
}

interface Result {
  Path: string;
  Version: string;
  Error?: string;
  Sum?: string;
  GoModSum?: string;
}

function parseJSONStream(s: string): Result[] {
  const out: Result[] = [];
  let start = 0;
  for (const m of s.matchAll(/^}\n/gm)) {
    out.push(JSON.parse(s.slice(start, m.index! + 1)) as Result);
    start = m.index! + 2;
  }
  return out;
}

/** All files below dir, relative, with contents. */
function tree(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else m.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return m;
}

interface Env {
  gosumdb: string;
  gonosumdb?: string;
  proxyDir?: string;
}

/** Real go: go mod download -json for mods, in a fresh module, with the given GOPATH/GOMODCACHE. */
function runGo(env: Env, state: { gopath: string; modcache: string }, list = mods) {
  const dir = mkdtempSync(join(work, 'm-'));
  writeFileSync(join(dir, 'go.mod'), 'module m\n\ngo 1.21\n');
  const r = runGoIn(dir, ['mod', 'download', '-json', ...list.map((m) => `${m.path}@${m.version}`)], {
    GOPROXY: fileURLFromPath(env.proxyDir ?? goodDir),
    GOSUMDB: env.gosumdb,
    GONOSUMDB: env.gonosumdb ?? '',
    GOPATH: state.gopath,
    GOMODCACHE: state.modcache,
    GOFLAGS: '-modcacherw',
  });
  return { ...r, results: parseJSONStream(r.stdout) };
}

interface OurState {
  config: MemoryStore;
  cache: MemoryStore;
}

function newState(): OurState {
  return { config: new MemoryStore(), cache: new MemoryStore() };
}

/** modscope: the Fetcher with GoSumDB, the same steps go mod download takes per module. */
async function runOurs(env: Env, state: OurState, list = mods) {
  const db = new GoSumDB({
    GOSUMDB: env.gosumdb,
    GOPROXY: fileURLFromPath(env.proxyDir ?? goodDir),
    transportFor: (u) => (u.scheme === 'file' ? new FileTransport() : new FetchTransport()),
    verify: ed25519VerifyNode,
    config: state.config,
    cache: state.cache,
  });
  const f = new Fetcher({
    source: fileProxy(env.proxyDir ?? goodDir),
    cache: new MemoryCache(),
    hasher: nodeHasher,
    sumdb: db,
    env: { GOSUMDB: env.gosumdb, GONOSUMDB: env.gonosumdb ?? '' },
  });
  const results: Result[] = [];
  for (const m of list) {
    const r: Result = { Path: m.path, Version: m.version };
    try {
      await f.goModFile(m.path, m.version);
      await f.download(m);
      r.Sum = await f.sum(m);
      r.GoModSum = await f.goModSum(m.path, m.version);
    } catch (e) {
      r.Error = (e as Error).message;
    }
    results.push(r);
  }
  return { results, db };
}

const pick = (r: Result) => ({ Path: r.Path, Version: r.Version, Error: r.Error, Sum: r.Error ? undefined : r.Sum, GoModSum: r.Error ? undefined : r.GoModSum });

function compare(goRes: Result[], ours: Result[], label: string) {
  const byKey = new Map(goRes.map((r) => [`${r.Path}@${r.Version}`, pick(r)]));
  let same = 0;
  for (const r of ours) {
    expect(pick(r), `${label}: ${r.Path}@${r.Version}`).toEqual(byKey.get(`${r.Path}@${r.Version}`));
    same++;
  }
  return same;
}

function goState(name: string) {
  const gopath = join(work, name, 'gopath');
  const modcache = join(work, name, 'modcache');
  mkdirSync(gopath, { recursive: true });
  return { gopath, modcache };
}

const counts: string[] = [];
afterAll(() => console.log('sumdb vs real go:\n  ' + counts.join('\n  ')));

describe('GoSumDB against real go', () => {
  it('accepts the same sums and keeps the same sumdb cache and latest tree', async () => {
    const db = await serve('good');
    mods = db.modules.map((s) => {
      const [path, version] = s.split('@') as [string, string];
      return { path, version };
    }).filter((m) => {
      // go mod download rejects path@v2+ queries for a path without the /vN suffix up front
      const major = /^v(\d+)\./.exec(m.version)![1]!;
      return Number(major) < 2 || m.path.endsWith('/v' + major);
    });
    expect(mods.length).toBeGreaterThan(10);
    const env = { gosumdb: `${vkey} ${db.url}` };
    const gs = goState('good');
    const g = runGo(env, gs);
    expect(g.exitCode, g.stderr).toBe(0);
    const state = newState();
    const ours = await runOurs(env, state);
    const n = compare(g.results, ours.results, 'good');
    expect(ours.results.every((r) => !r.Error && r.Sum?.startsWith('h1:'))).toBe(true);
    // The same lookups and tiles cached, byte for byte (go: $GOMODCACHE/cache/download/sumdb).
    const goCache = tree(join(gs.modcache, 'cache/download/sumdb'));
    expect(new Map([...state.cache.files].map(([k, v]) => [k, Buffer.from(v).toString('base64')]))).toEqual(goCache);
    // The same latest signed tree ($GOPATH/pkg/sumdb/<name>/latest).
    const goLatest = readFileSync(join(gs.gopath, 'pkg/sumdb', dbName, 'latest'));
    expect(Buffer.from((await state.config.read(dbName + '/latest'))!).equals(goLatest)).toBe(true);
    // The lines the database returns are the ones go accepted.
    for (const r of ours.results) {
      expect(await ours.db.lookup({ path: r.Path, version: r.Version })).toEqual([`${r.Path} ${r.Version} ${r.Sum}`]);
      expect(await ours.db.lookup({ path: r.Path, version: r.Version + '/go.mod' })).toEqual([`${r.Path} ${r.Version}/go.mod ${r.GoModSum}`]);
    }
    // The same lookups through src/io/sumdbHttp.ts (the page's route, here straight to the URL).
    const viaHttp = new GoSumDB({ GOSUMDB: env.gosumdb, readRemote: sumdbHttpRemote(db.url), verify: ed25519VerifyNode, config: new MemoryStore() });
    for (const r of ours.results.slice(0, 3)) expect(await viaHttp.lookup({ path: r.Path, version: r.Version })).toEqual([`${r.Path} ${r.Version} ${r.Sum}`]);
    counts.push(`good database: ${n}/${mods.length} modules identical; ${goCache.size} cache files identical; latest identical`);
  });

  it('rejects a tampered proxy zip with go\'s checksum mismatch text', async () => {
    const db = await serve('good');
    const env = { gosumdb: `${vkey} ${db.url}`, proxyDir: badDir };
    const g = runGo(env, goState('tampered'));
    const ours = await runOurs(env, newState());
    const n = compare(g.results, ours.results, 'tampered');
    const bad = ours.results.find((r) => r.Path === tampered.path && r.Version === tampered.version)!;
    expect(bad.Error).toMatch(/^rsc\.io\/sampler@v1\.3\.0: verifying module: checksum mismatch\n\tdownloaded: h1:.*\n\tlocalhost\.localdev\/sumdb: h1:.*\n\nSECURITY ERROR\nThis download does NOT match the one reported by the checksum server\./);
    expect(ours.results.filter((r) => r.Error).length).toBe(1);
    counts.push(`tampered proxy: ${n}/${mods.length} modules identical (1 checksum mismatch)`);
  });

  const fork = { go: goState('fork'), ours: newState() };

  it('reports a lying database ("h1:wrong") as go does', async () => {
    const db = await serve('wrong');
    const env = { gosumdb: `${vkey} ${db.url}` };
    const g = runGo(env, fork.go);
    const ours = await runOurs(env, fork.ours);
    const n = compare(g.results, ours.results, 'wrong');
    expect(ours.results.every((r) => r.Error?.includes(': verifying go.mod: checksum mismatch\n'))).toBe(true);
    counts.push(`lying database: ${n}/${mods.length} modules identical (all go.mod checksum mismatches)`);
  });

  it('checks a same-size tree from another database against its own tiles, as go does', async () => {
    // The truthful database has as many records as the lying one: its tiles do not hash to the
    // remembered tree (go: "initializing sumdb.Client: checking tree#N: downloaded inconsistent tile").
    const db = await serve('good');
    const env = { gosumdb: `${vkey} ${db.url}` };
    const g = runGo(env, { gopath: fork.go.gopath, modcache: join(work, 'fork', 'modcache1') });
    const ours = await runOurs(env, { config: fork.ours.config, cache: new MemoryStore() });
    const n = compare(g.results, ours.results, 'same-size fork');
    expect(ours.results.every((r) => r.Error?.includes('initializing sumdb.Client: checking tree#'))).toBe(true);
    counts.push(`same-size tree from another database: ${n}/${mods.length} modules identical`);
  });

  it('detects the forked tree when a larger truthful database follows (SECURITY ERROR, as go prints it)', async () => {
    const bigger = join(work, 'proxy-bigger');
    cpSync(goodDir, bigger, { recursive: true });
    txtarProxyDir(bigger, ['rsc.io/fortune']);
    const db = await serve('good', bigger);
    expect(db.modules.length).toBeGreaterThan(mods.length + 1);
    const env = { gosumdb: `${vkey} ${db.url}` };
    // As in cmd/go's mod_sumdb test: the latest tree and the cached tiles are the lying
    // database's; a module it never served is looked up in the larger truthful one.
    const fortune = db.modules.filter((m) => m.startsWith('rsc.io/fortune@v1')).map((m) => ({ path: 'rsc.io/fortune', version: m.split('@')[1]! }))[0]!;
    const g = runGo({ ...env, proxyDir: bigger }, fork.go, [fortune]);
    expect(g.exitCode).toBe(1);
    expect(g.stderr).toMatch(/^SECURITY ERROR\ngo.sum database server misbehavior detected!\n\nold database:\n/);
    // The SumDB the fetch layer calls ends the command with exactly go's stderr.
    const db2 = new GoSumDB({ GOSUMDB: env.gosumdb, transportFor: () => new FetchTransport(), verify: ed25519VerifyNode, config: fork.ours.config, cache: fork.ours.cache });
    let err: unknown;
    try {
      await db2.lookup({ ...fortune, version: fortune.version + '/go.mod' });
    } catch (e) {
      err = e;
    }
    expect(err, String(err)).toBeInstanceOf(SumDBSecurityError);
    expect((err as Error).message + '\n').toBe(g.stderr);
    // Through the Fetcher: the same text (the fetch layer currently prefixes it with
    // "P@V: verifying go.mod: "; go prints it alone).
    const ours = await runOurs({ ...env, proxyDir: bigger }, fork.ours, [fortune]);
    expect(ours.results[0]!.Error).toContain((err as Error).message);
    counts.push('forked tree (larger truthful database): SECURITY ERROR text identical (1 case)');
  });

  for (const mode of ['badtile', 'badrecord']) {
    it(`rejects a ${mode === 'badtile' ? 'corrupted tile' : 'forged lookup record'} as go does`, async () => {
      const db = await serve(mode);
      const env = { gosumdb: `${vkey} ${db.url}` };
      const g = runGo(env, goState(mode));
      const ours = await runOurs(env, newState());
      const n = compare(g.results, ours.results, mode);
      expect(ours.results.every((r) => r.Error)).toBe(true);
      counts.push(`${mode}: ${n}/${mods.length} modules identical (${ours.results[0]!.Error!.split('\n')[0]})`);
    });
  }

  it('reads GOSUMDB and GONOSUMDB as go does', async () => {
    const db = await serve('wrong');
    const key = vkey.split('+');
    const values = [
      ' ',
      'a b c',
      'nope',
      'off-by-one+12345678+AAAA',
      `${key[0]}+${key[1]}+${key[2]!.slice(0, -4)}`,
      `${key[0]}+00000000+${key.slice(2).join('+')}`,
      `${vkey} ::bad`,
      `${vkey.replace(dbName, 'a?b')} ${db.url}`,
    ];
    let n = 0;
    const one = mods.slice(0, 2);
    for (const v of values) {
      const env = { gosumdb: v };
      const g = runGo(env, goState('env' + n), one);
      const ours = await runOurs(env, newState(), one);
      n += compare(g.results, ours.results, `GOSUMDB=${JSON.stringify(v)}`);
    }
    // GONOSUMDB: listed modules skip the (lying) database, others still fail.
    for (const gonosumdb of ['rsc.io', 'golang.org/x,rsc.io/quote', '*.io']) {
      const env = { gosumdb: `${vkey} ${db.url}`, gonosumdb };
      const g = runGo(env, goState('nosum' + n));
      const ours = await runOurs(env, newState());
      n += compare(g.results, ours.results, `GONOSUMDB=${gonosumdb}`);
    }
    counts.push(`GOSUMDB/GONOSUMDB settings: ${n} module results identical (${values.length} GOSUMDB values, 3 GONOSUMDB lists)`);
  });
});
