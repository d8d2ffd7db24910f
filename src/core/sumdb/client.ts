// The checksum database client (golang.org/x/mod/sumdb/client.go: Client, ClientOps) and the
// go command's SecurityError. The go command's use of it (GOSUMDB, stores, GoSumDB) is in
// gosumdb.ts, re-exported here.

import { escapePath, escapeVersion, matchPrefixPatterns } from '../module';
import { utf8Decode, goTrimSpace } from '../gostrings';
import { FatalError } from '../modfetch/fetcher';
import { newVerifier, openNote, verifierList, type Ed25519Verify, type Verifiers } from './note';
import { checkTree, emptyTreeHash, hashEqual, hashString, parseRecord, parseTree, proveTree, recordHash, storedHashIndex, tileHashReader, tileKey, tilePath, treeHash, type Tile, type TileReader, type Tree } from './tlog';

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

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
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

export * from './gosumdb';
