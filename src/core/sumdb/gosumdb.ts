// The go command's use of the checksum database client (cmd/go/internal/modfetch/sumdb.go:
// dbDial, dbClient, initBase, ReadConfig/WriteConfig/ReadCache/WriteCache; key.go: knownGOSUMDB):
// GOSUMDB parsing, where sumdb state is kept, and the SumDB the fetch layer calls.
import type { ModuleVersion } from '../module';
import { utf8Encode, goFields } from '../gostrings';
import type { ModuleCache } from '../cache';
import type { SumDB } from '../modfetch/fetcher';
import { errProxyOff, errUseProxy, formatURL, isNotExist, parseProxyList, parseURL, responseError, tryProxies, type GoURL, type TransportFor } from '../source';
import { newVerifier, type Ed25519Verify } from './note';
import { Client, SumDBSecurityError, bytesEqual, WriteConflictError, type ClientOps } from './client';

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
