// The checksum database client (golang.org/x/mod/sumdb/client.go: Client, ClientOps) and the
// go command's use of it (cmd/go/internal/modfetch/sumdb.go: dbDial, dbClient, initBase,
// ReadConfig/WriteConfig/ReadCache/WriteCache, SecurityError; key.go: knownGOSUMDB).

import { escapePath, escapeVersion, matchPrefixPatterns, type ModuleVersion } from '../module';
import { utf8Decode, utf8Encode, goFields, goTrimSpace } from '../gostrings';
import type { ModuleCache } from '../cache';
import { FatalError, type SumDB } from '../modfetch/fetcher';
import {
  errProxyOff,
  errUseProxy,
  formatURL,
  isNotExist,
  parseProxyList,
  parseURL,
  responseError,
  tryProxies,
  type GoURL,
  type TransportFor,
} from '../source';
import { newVerifier, openNote, verifierList, type Ed25519Verify, type Verifiers } from './note';
import {
  checkTree,
  emptyTreeHash,
  hashEqual,
  hashString,
  parseRecord,
  parseTree,
  proveTree,
  recordHash,
  storedHashIndex,
  tileHashReader,
  tileKey,
  tilePath,
  treeHash,
  type Tile,
  type TileReader,
  type Tree,
} from './tlog';

/** The external operations a Client needs (sumdb.ClientOps). */
export interface ClientOps {
  /** The content at path ("/lookup/...", "/tile/...") on the database server; rejects on non-200. */
  readRemote(path: string, signal?: AbortSignal): Promise<Uint8Array>;
  /** "key" → the verifier key; "<name>/latest" → the latest known signed tree (empty = none). */
  readConfig(file: string): Promise<Uint8Array>;
  /** Replaces config file old with new; rejects with WriteConflictError if it is no longer old. */
  writeConfig(file: string, old: Uint8Array, data: Uint8Array): Promise<void>;
  /** A cached lookup or tile ("<name>/lookup/P@V", "<name>/tile/8/0/001"), or undefined. */
  readCache(file: string): Promise<Uint8Array | undefined>;
  writeCache(file: string, data: Uint8Array): Promise<void>;
  log(msg: string): void;
  /**
   * Reports server misbehaviour. The go command prints msg and exits (base.Fatalf); an
   * implementation that returns lets the Client fail with ErrSecurity instead.
   */
  securityError(msg: string): void;
}

/** sumdb.ErrWriteConflict */
export class WriteConflictError extends Error {
  constructor() {
    super('write conflict');
    this.name = 'WriteConflictError';
  }
}

/** sumdb.ErrSecurity */
export class ErrSecurity extends Error {
  constructor() {
    super('security error: misbehaving server');
    this.name = 'ErrSecurity';
  }
}

/** sumdb.ErrGONOSUMDB */
export class ErrGONOSUMDB extends Error {
  constructor() {
    super('skipped (listed in GONOSUMDB)');
    this.name = 'ErrGONOSUMDB';
  }
}

/**
 * The go command's SecurityError: the message is printed as is and the command exits 1
 * (base.Fatalf). A FatalError, so the fetch layer ends the command with exactly this text.
 */
export class SumDBSecurityError extends FatalError {
  constructor(message: string) {
    super(message);
    this.name = 'SumDBSecurityError';
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const msgPast = 1;
const msgNow = 2;
const msgFuture = 3;

/** A client connection to a checksum database (sumdb.Client). */
export class Client {
  private initP?: Promise<void>;
  private name = '';
  private verifiers!: Verifiers;
  private readonly tileHeight: number;
  private nosumdb = '';
  private didLookup = false;
  private readonly record = new Map<string, Promise<Uint8Array>>();
  private readonly tileCache = new Map<string, Promise<Uint8Array>>();
  private latest: Tree = { N: 0, Hash: emptyTreeHash };
  private latestMsg: Uint8Array = new Uint8Array();
  private readonly tileSaved = new Set<string>();
  private readonly tileReader: TileReader;
  /** The signal of the lookup in progress (tiles and records are shared between lookups). */
  private signal?: AbortSignal;

  constructor(
    private readonly ops: ClientOps,
    private readonly ed25519Verify: Ed25519Verify,
    opts: { tileHeight?: number } = {},
  ) {
    this.tileHeight = opts.tileHeight ?? 8;
    if (this.tileHeight <= 0) throw new Error('invalid call to SetTileHeight');
    this.tileReader = {
      height: () => this.tileHeight,
      readTiles: (tiles) => Promise.all(tiles.map((t) => this.readTile(t))),
      saveTiles: (tiles, data) => this.saveTiles(tiles, data),
    };
  }

  /** Client.SetGONOSUMDB */
  setGONOSUMDB(list: string): void {
    if (this.didLookup) throw new Error('SetGONOSUMDB used after Lookup');
    if (this.nosumdb !== '') throw new Error('multiple calls to SetGONOSUMDB');
    this.nosumdb = list;
  }

  private init(): Promise<void> {
    this.initP ??= this.initWork().catch((e) => {
      if (e instanceof FatalError) throw e;
      throw new Error(`initializing sumdb.Client: ${(e as Error).message}`);
    });
    return this.initP;
  }

  private async initWork(): Promise<void> {
    const vkey = await this.ops.readConfig('key');
    const verifier = newVerifier(goTrimSpace(utf8Decode(vkey)), this.ed25519Verify);
    this.verifiers = verifierList(verifier);
    this.name = verifier.name;
    const data = await this.ops.readConfig(this.name + '/latest');
    await this.mergeLatest(data);
  }

  /**
   * Client.Lookup: the go.sum lines the database has for path@vers (vers may end in
   * "/go.mod"). Errors read "path@vers: ...".
   */
  async lookup(path: string, vers: string, signal?: AbortSignal): Promise<string[]> {
    this.didLookup = true;
    if (matchPrefixPatterns(this.nosumdb, path)) throw new ErrGONOSUMDB();
    let data: Uint8Array;
    try {
      this.signal = signal;
      await this.init();
      const epath = escapePath(path);
      const evers = escapeVersion(vers.endsWith('/go.mod') ? vers.slice(0, -'/go.mod'.length) : vers);
      const remotePath = '/lookup/' + epath + '@' + evers;
      const file = this.name + remotePath;
      let p = this.record.get(file);
      if (!p) {
        p = this.fetchRecord(file, remotePath);
        p.catch(() => {});
        this.record.set(file, p);
      }
      data = await p;
    } catch (e) {
      if (e instanceof FatalError || signal?.aborted) throw e;
      throw new Error(`${path}@${vers}: ${(e as Error).message}`);
    }
    const prefix = path + ' ' + vers + ' ';
    return utf8Decode(data)
      .split('\n')
      .filter((line) => line.startsWith(prefix));
  }

  private async fetchRecord(file: string, remotePath: string): Promise<Uint8Array> {
    let writeCache = false;
    let data = await this.ops.readCache(file);
    if (data === undefined) {
      data = await this.ops.readRemote(remotePath, this.signal);
      writeCache = true;
    }
    const { id, text, rest } = parseRecord(data);
    await this.mergeLatest(rest);
    await this.checkRecord(id, text);
    if (writeCache) await this.ops.writeCache(file, data);
    return data;
  }

  /** Client.mergeLatest: merges a signed tree head into the latest one, persisting progress. */
  private async mergeLatest(msg: Uint8Array): Promise<void> {
    const when = await this.mergeLatestMem(msg);
    if (when !== msgFuture) return;
    for (;;) {
      const cur = await this.ops.readConfig(this.name + '/latest');
      const w = await this.mergeLatestMem(cur);
      if (w !== msgPast) return;
      try {
        await this.ops.writeConfig(this.name + '/latest', cur, this.latestMsg);
        return;
      } catch (e) {
        if (!(e instanceof WriteConflictError)) throw e;
      }
    }
  }

  private async mergeLatestMem(msg: Uint8Array): Promise<number> {
    if (msg.length === 0) return this.latest.N === 0 ? msgNow : msgPast;
    let text: string;
    try {
      text = (await openNote(msg, this.verifiers)).text;
    } catch (e) {
      throw new Error(`reading tree note: ${(e as Error).message}\nnote:\n${utf8Decode(msg)}`);
    }
    let tree: Tree;
    try {
      tree = parseTree(text);
    } catch (e) {
      throw new Error(`reading tree: ${(e as Error).message}\ntree:\n${text}`);
    }
    let latest = this.latest;
    let latestMsg = this.latestMsg;
    for (;;) {
      if (tree.N <= latest.N) {
        await this.checkTrees(tree, msg, latest, latestMsg);
        return tree.N < latest.N ? msgPast : msgNow;
      }
      await this.checkTrees(latest, latestMsg, tree, msg);
      if (this.latest.N === latest.N && hashEqual(this.latest.Hash, latest.Hash)) {
        this.latest = tree;
        this.latestMsg = msg;
        return msgFuture;
      }
      latest = this.latest;
      latestMsg = this.latestMsg;
    }
  }

  /** Client.checkTrees: older must be a prefix of newer, or the server forked its log. */
  private async checkTrees(older: Tree, olderNote: Uint8Array, newer: Tree, newerNote: Uint8Array): Promise<void> {
    const thr = tileHashReader(newer, this.tileReader);
    let h;
    try {
      h = await treeHash(older.N, thr);
    } catch (e) {
      if (e instanceof FatalError) throw e;
      const msg = (e as Error).message;
      if (older.N === newer.N) throw new Error(`checking tree#${older.N}: ${msg}`);
      throw new Error(`checking tree#${older.N} against tree#${newer.N}: ${msg}`);
    }
    if (hashEqual(h, older.Hash)) return;

    const indent = (b: Uint8Array) => utf8Decode(b).replaceAll('\n', '\n\t');
    let buf = 'SECURITY ERROR\n';
    buf += 'go.sum database server misbehavior detected!\n\n';
    buf += `old database:\n\t${indent(olderNote)}\n`;
    buf += `new database:\n\t${indent(newerNote)}\n`;
    buf += `proof of misbehavior:\n\t${hashString(h)}`;
    try {
      const p = await proveTree(newer.N, older.N, thr);
      try {
        checkTree(p, newer.N, newer.Hash, older.N, h);
        for (const ph of p) buf += `\n\t${hashString(ph)}`;
      } catch {
        buf += '\tinternal error: generated inconsistent proof\n';
      }
    } catch (e) {
      buf += `\tinternal error: ${(e as Error).message}\n`;
    }
    this.ops.securityError(buf);
    throw new ErrSecurity();
  }

  /** Client.checkRecord: record id's hash in the latest tree must match data. */
  private async checkRecord(id: number, data: Uint8Array): Promise<void> {
    const latest = this.latest;
    if (id >= latest.N) throw new Error(`cannot validate record ${id} in tree of size ${latest.N}`);
    const hashes = await tileHashReader(latest, this.tileReader).readHashes([storedHashIndex(0, id)]);
    if (hashEqual(hashes[0]!, recordHash(data))) return;
    throw new Error('cannot authenticate record data in server response');
  }

  private tileCacheKey(tile: Tile): string {
    return this.name + '/' + tilePath(tile);
  }

  /** Client.readTile: the cache, the cached full tile, the server, the server's full tile. */
  private readTile(tile: Tile): Promise<Uint8Array> {
    const key = tileKey(tile);
    let p = this.tileCache.get(key);
    if (!p) {
      p = this.readTileWork(tile);
      p.catch(() => {});
      this.tileCache.set(key, p);
    }
    return p;
  }

  private async readTileWork(tile: Tile): Promise<Uint8Array> {
    const cached = await this.ops.readCache(this.tileCacheKey(tile));
    if (cached !== undefined) {
      this.tileSaved.add(tileKey(tile));
      return cached;
    }
    const full: Tile = { ...tile, W: 2 ** tile.H };
    const isFull = tile.W === full.W;
    if (!isFull) {
      const data = await this.ops.readCache(this.tileCacheKey(full));
      if (data !== undefined) {
        this.tileSaved.add(tileKey(tile));
        return data.subarray(0, Math.floor(data.length / full.W) * tile.W);
      }
    }
    try {
      return await this.ops.readRemote('/' + tilePath(tile), this.signal);
    } catch (err) {
      if (err instanceof FatalError || this.signal?.aborted) throw err;
      if (!isFull) {
        try {
          const data = await this.ops.readRemote('/' + tilePath(full), this.signal);
          return data.subarray(0, Math.floor(data.length / full.W) * tile.W);
        } catch {
          // fall through: report the error for the requested tile
        }
      }
      throw err;
    }
  }

  private async saveTiles(tiles: Tile[], data: Uint8Array[]): Promise<void> {
    for (let i = 0; i < tiles.length; i++) {
      const k = tileKey(tiles[i]!);
      if (this.tileSaved.has(k)) continue;
      this.tileSaved.add(k);
      await this.ops.writeCache(this.name + '/' + tilePath(tiles[i]!), data[i]!);
    }
  }
}

// ---------------------------------------------------------------------------
// GOSUMDB (modfetch/sumdb.go: dbDial; key.go).

/** key.go: knownGOSUMDB */
export const knownGOSUMDB: Readonly<Record<string, string>> = {
  'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
};

export interface SumDBConfig {
  /** The database name (the verifier key's name), e.g. "sum.golang.org". */
  name: string;
  /** The verifier key. */
  key: string;
  /** https://<name>: where the database is when no proxy serves it. */
  direct: GoURL;
  /** The explicit URL in GOSUMDB ("key url"), bypassing proxies. */
  base?: GoURL;
}

/** Go's %+v of a url.URL (User printed as <nil> only). */
function urlPlusV(u: GoURL): string {
  return (
    `{Scheme:${u.scheme} Opaque:${u.opaque} User:${u.user ? '0x?' : '<nil>'} Host:${u.host} Path:${u.path} ` +
    `RawPath:${u.rawPath} OmitHost:false ForceQuery:${u.forceQuery} RawQuery:${u.rawQuery} Fragment:${u.fragment} RawFragment:}`
  );
}

/**
 * dbDial's reading of GOSUMDB: "off", a known name, "name+hash+key", each optionally followed by
 * a URL. Throws go's error texts ("invalid GOSUMDB: ...").
 */
export function parseGOSUMDB(gosumdb: string, ed25519Verify: Ed25519Verify = async () => false): SumDBConfig {
  if (gosumdb === 'sum.golang.google.cn') gosumdb = 'sum.golang.org https://sum.golang.google.cn';
  if (gosumdb === 'off') throw new Error('checksum database disabled by GOSUMDB=off');
  const key = goFields(gosumdb);
  if (key.length >= 1) {
    const k = knownGOSUMDB[key[0]!];
    if (k !== undefined && Object.prototype.hasOwnProperty.call(knownGOSUMDB, key[0]!)) key[0] = k;
  }
  if (key.length === 0) throw new Error('missing GOSUMDB');
  if (key.length > 2) throw new Error('invalid GOSUMDB: too many fields');
  let name: string;
  try {
    name = newVerifier(key[0]!, ed25519Verify).name;
  } catch (e) {
    throw new Error(`invalid GOSUMDB: ${(e as Error).message}`);
  }
  let direct: GoURL | undefined;
  try {
    direct = parseURL('https://' + name);
  } catch {
    direct = undefined;
  }
  if (
    !direct ||
    name.endsWith('/') ||
    direct.scheme !== 'https' ||
    direct.opaque !== '' ||
    direct.user !== undefined ||
    direct.forceQuery ||
    direct.rawQuery !== '' ||
    direct.fragment !== '' ||
    direct.rawPath !== '' ||
    direct.host === ''
  ) {
    // (Go dereferences a nil URL here when parsing failed; modscope reports it instead.)
    throw new Error(`invalid sumdb name (must be host[/path]): ${name} ${direct ? urlPlusV(direct) : '<nil>'}`);
  }
  let base: GoURL | undefined;
  if (key.length >= 2) {
    try {
      base = parseURL(key[1]!);
    } catch (e) {
      throw new Error(`invalid GOSUMDB URL: ${(e as Error).message}`);
    }
  }
  return { name, key: key[0]!, direct, base };
}

/** web.Join: path appended to u's path with one slash. */
export function joinURL(u: GoURL, path: string): GoURL {
  if (path === '') return { ...u };
  const p = path.replace(/^\//, '');
  return { ...u, path: u.path.replace(/\/$/, '') + '/' + p, rawPath: u.rawPath.replace(/\/$/, '') + '/' + p };
}

// ---------------------------------------------------------------------------
// Where the go command keeps sumdb state, and the SumDB the fetch layer calls.

/** Persistent config files ($GOPATH/pkg/sumdb/<name>/latest in go). */
export interface ConfigStore {
  read(file: string): Promise<Uint8Array | undefined>;
  write(file: string, data: Uint8Array): Promise<void>;
}

/** Cached lookups and tiles ($GOMODCACHE/cache/download/sumdb/<file> in go). */
export interface CacheStore {
  read(file: string): Promise<Uint8Array | undefined>;
  write(file: string, data: Uint8Array): Promise<void>;
}

/** A ConfigStore (or CacheStore) in a Map: tests, or a page that keeps nothing. */
export class MemoryStore implements ConfigStore, CacheStore {
  readonly files = new Map<string, Uint8Array>();
  async read(file: string): Promise<Uint8Array | undefined> {
    const d = this.files.get(file);
    return d ? d.slice() : undefined;
  }
  async write(file: string, data: Uint8Array): Promise<void> {
    this.files.set(file, data.slice());
  }
}

/** The sumdb cache inside a module cache, where go keeps it: cache/download/sumdb/<file>. */
export function moduleCacheSumdbStore(cache: ModuleCache): CacheStore {
  return {
    read: (file) => cache.read(`cache/download/sumdb/${file}`),
    write: (file, data) => cache.write(`cache/download/sumdb/${file}`, data),
  };
}

export interface GoSumDBOptions {
  /** cfg.GOSUMDB (GOROOT/go.env makes it "sum.golang.org" by default). */
  GOSUMDB: string;
  /** cfg.GOPROXY and GONOPROXY: proxies are asked whether they serve the database. */
  GOPROXY?: string;
  GONOPROXY?: string;
  /** Fetches http(s)/file URLs (proxy "supported" probes and the database itself). */
  transportFor?: TransportFor;
  /**
   * Reads a database path ("/latest", "/lookup/...", "/tile/...") directly, instead of resolving
   * URLs through transportFor (e.g. the page's same-origin relay: src/io/sumdbHttp.ts).
   */
  readRemote?: (path: string, signal?: AbortSignal) => Promise<Uint8Array>;
  verify: Ed25519Verify;
  config: ConfigStore;
  cache?: CacheStore;
  log?: (msg: string) => void;
}

/**
 * The checksum database as the go command uses it (modfetch/sumdb.go): GOSUMDB parsed on first
 * use, the database URL found through the proxies (initBase), the latest tree kept in the
 * config store, lookups and tiles in the cache, SECURITY ERRORs fatal.
 */
export class GoSumDB implements SumDB {
  private dial?: { cfg?: SumDBConfig; client?: Client; err?: Error };
  private basePromise?: Promise<GoURL>;

  constructor(private readonly opts: GoSumDBOptions) {}

  /** The database name printed in mismatch errors ("" if GOSUMDB is invalid). */
  get name(): string {
    return this.dialOnce().cfg?.name ?? '';
  }

  private dialOnce(): { cfg?: SumDBConfig; client?: Client; err?: Error } {
    if (this.dial) return this.dial;
    try {
      const cfg = parseGOSUMDB(this.opts.GOSUMDB, this.opts.verify);
      this.dial = { cfg, client: new Client(this.ops(cfg), this.opts.verify) };
    } catch (e) {
      this.dial = { err: e as Error };
    }
    return this.dial;
  }

  /** modfetch lookupSumDB: dbDial's error, or the client's lines. */
  async lookup(mod: ModuleVersion, signal?: AbortSignal): Promise<string[]> {
    const d = this.dialOnce();
    if (d.err) throw d.err;
    return d.client!.lookup(mod.path, mod.version, signal);
  }

  /** dbClient.initBase: the first proxy answering <proxy>/sumdb/<name>/supported, else direct. */
  private base(cfg: SumDBConfig, signal?: AbortSignal): Promise<GoURL> {
    this.basePromise ??= (async () => {
      if (cfg.base) return cfg.base;
      const transportFor = this.transportFor();
      try {
        const proxies = parseProxyList(this.opts.GOPROXY ?? '', this.opts.GONOPROXY ?? '');
        return await tryProxies(proxies, async (proxy) => {
          if (proxy === 'noproxy') throw errUseProxy();
          if (proxy === 'direct' || proxy === 'off') throw errProxyOff();
          const proxyURL = parseURL(proxy);
          const target = joinURL(proxyURL, 'sumdb/' + cfg.name + '/supported');
          const resp = await transportFor(proxyURL).get(target, signal);
          const err = responseError(target, resp);
          if (err) throw err;
          return joinURL(proxyURL, 'sumdb/' + cfg.name);
        });
      } catch (e) {
        if (isNotExist(e)) return cfg.direct;
        throw e;
      }
    })();
    return this.basePromise;
  }

  private transportFor(): TransportFor {
    const t = this.opts.transportFor;
    if (!t) throw new Error('no transport for checksum database URLs');
    return t;
  }

  private ops(cfg: SumDBConfig): ClientOps {
    const o = this.opts;
    return {
      readRemote: async (path, signal) => {
        if (o.readRemote) return o.readRemote(path, signal);
        const base = await this.base(cfg, signal);
        const target = joinURL(base, path);
        const resp = await this.transportFor()(base).get(target, signal);
        const err = responseError(target, resp);
        if (err) throw err;
        return resp.body;
      },
      readConfig: async (file) => {
        if (file === 'key') return utf8Encode(cfg.key);
        return (await o.config.read(file)) ?? new Uint8Array();
      },
      writeConfig: async (file, old, data) => {
        if (file === 'key') throw new Error('cannot write key');
        const cur = (await o.config.read(file)) ?? new Uint8Array();
        if (cur.length > 0 && !bytesEqual(cur, old)) throw new WriteConflictError();
        await o.config.write(file, data);
      },
      readCache: async (file) => {
        const d = await o.cache?.read(file);
        return d === undefined || d.length === 0 ? undefined : d;
      },
      writeCache: async (file, data) => {
        try {
          await o.cache?.write(file, data);
        } catch {
          // go ignores cache write failures
        }
      },
      log: (msg) => o.log?.(msg),
      securityError: (msg) => {
        throw new SumDBSecurityError(msg);
      },
    };
  }
}

/** The URL text go prints for a database base URL. */
export function sumdbURLString(u: GoURL): string {
  return formatURL(u);
}
