// One module path through one proxy: modfetch.Repo (proxy.go proxyRepo, cache.go cachingRepo).
// Re-exported by source.ts.

import { escapePath, escapeVersion, canonicalVersion, checkError, goQuote, InvalidVersionError, ModuleError } from './module';
import { isPseudoVersion, pseudoVersionTime } from './pseudo';
import { isPlainModulePath } from './cache';
import { isValid as semverIsValid, sortVersions } from './semver';
import { goFields, utf8Decode } from './gostrings';
import { isNotExist, errNoCommits } from './proxyerrors';
import { type GoURL, cleanPath, proxyPathEscape, formatURL, joinPath } from './neturl';
import { type ProxyTransport, responseError } from './proxytransport';
import { type RevInfo, parseRFC3339, timeBefore, parseRevInfo } from './revinfo';

// Repos: one module path through one proxy (modfetch.Repo).

/** modfetch.Repo, minus CheckReuse. Methods reject with Go-worded errors. */
export interface Repo {
  readonly path: string;
  /** Tagged versions with the prefix, semver-sorted (pseudo-versions dropped). */
  versions(prefix: string, signal?: AbortSignal): Promise<string[]>;
  stat(rev: string, signal?: AbortSignal): Promise<RevInfo>;
  latest(signal?: AbortSignal): Promise<RevInfo>;
  goMod(version: string, signal?: AbortSignal): Promise<Uint8Array>;
  zip(version: string, signal?: AbortSignal): Promise<Uint8Array>;
}

// Relative protocol paths that url.PathEscape (keeping "/") leaves unchanged and that have no
// empty, "." or ".." element.
const plainRel = /^[A-Za-z0-9\-_.~@]+(?:\/[A-Za-z0-9\-_.~@]+)*$/;
const dotElem = /(?:^|\/)\.\.?(?:\/|$)/;

/** path.Join(base, rel) for a plain rel, as a function of rel (base cleaned once). */
function joinBase(base: string): (rel: string) => string {
  if (base === '') return (rel) => rel;
  const c = cleanPath(base);
  if (c === '.') return (rel) => rel;
  if (c === '/') return (rel) => '/' + rel;
  return (rel) => c + '/' + rel;
}

/** codehost.MaxZipFile */
export const maxZipFile = 500 << 20;

/** proxy.go: proxyRepo — the GOPROXY protocol for one module path at one base URL. */
export class ProxyRepo implements Repo {
  private readonly url: GoURL;
  private redacted?: string;
  private listLatest?: Promise<RevInfo>;
  private cleanBase?: [(rel: string) => string, (rel: string) => string];

  constructor(
    private readonly base: GoURL,
    readonly path: string,
    private readonly transport: ProxyTransport,
  ) {
    // A plain path is its own escape, and pathEscape leaves its bytes (a-z 0-9 . - _ /) as they are.
    const plain = isPlainModulePath(path);
    const enc = plain ? path : escapePath(path);
    this.url = {
      ...base,
      path: base.path.replace(/\/$/, '') + '/' + enc,
      rawPath: base.rawPath.replace(/\/$/, '') + '/' + (plain ? enc : proxyPathEscape(enc)),
    };
  }

  /** The base URL as messages name it (redacted), made when an error needs it. */
  private get redactedBase(): string {
    return (this.redacted ??= formatURL(this.base));
  }

  /** proxy.go: versionError */
  private versionError(version: string, err: Error): Error {
    if (version !== '' && version !== canonicalVersion(version)) {
      return new ModuleError(this.path, '', new InvalidVersionError(version, err, isPseudoVersion(version)));
    }
    return new ModuleError(this.path, version, err);
  }

  /** The URL a protocol path (e.g. "@v/list") is read from. */
  target(rel: string): GoURL {
    if (plainRel.test(rel) && !dotElem.test(rel)) {
      // pathEscape leaves rel as it is, and path.Join only cleans the base (once, here).
      const [p, rp] = (this.cleanBase ??= [joinBase(this.url.path), joinBase(this.url.rawPath)]);
      return { ...this.url, path: p(rel), rawPath: rp(rel) };
    }
    return { ...this.url, path: joinPath(this.url.path, rel), rawPath: joinPath(this.url.rawPath, proxyPathEscape(rel)) };
  }

  private async getBytes(rel: string, signal?: AbortSignal): Promise<Uint8Array> {
    const target = this.target(rel);
    const resp = await this.transport.get(target, signal);
    const err = responseError(target, resp);
    if (err) throw err;
    return resp.body;
  }

  async versions(prefix: string, signal?: AbortSignal): Promise<string[]> {
    let data: Uint8Array;
    try {
      data = await this.getBytes('@v/list', signal);
    } catch (e) {
      const err = this.versionError('', e as Error);
      this.listLatest ??= Promise.reject(err);
      this.listLatest.catch(() => {});
      throw err;
    }
    const allLines = utf8Decode(data).split('\n');
    const list: string[] = [];
    for (const line of allLines) {
      const f = goFields(line);
      if (f.length >= 1 && semverIsValid(f[0]!) && f[0]!.startsWith(prefix) && !isPseudoVersion(f[0]!)) list.push(f[0]!);
    }
    this.listLatest ??= this.latestFromList(allLines, signal);
    this.listLatest.catch(() => {});
    return sortVersions(list);
  }

  private latestViaList(signal?: AbortSignal): Promise<RevInfo> {
    this.listLatest ??= (async () => {
      let data: Uint8Array;
      try {
        data = await this.getBytes('@v/list', signal);
      } catch (e) {
        throw this.versionError('', e as Error);
      }
      return this.latestFromList(utf8Decode(data).split('\n'), signal);
    })();
    return this.listLatest;
  }

  private async latestFromList(allLines: string[], signal?: AbortSignal): Promise<RevInfo> {
    let bestTime = { sec: -62135596800, nsec: 0 }; // zero time.Time
    let bestVersion = '';
    for (const line of allLines) {
      const f = goFields(line);
      if (f.length < 1 || !semverIsValid(f[0]!)) continue;
      let ft = { sec: -62135596800, nsec: 0 };
      if (f.length >= 2) ft = parseRFC3339(f[1]!) ?? ft;
      else if (isPseudoVersion(f[0]!)) {
        try {
          ft = { sec: Math.floor(pseudoVersionTime(f[0]!).getTime() / 1000), nsec: 0 };
        } catch {
          // zero time
        }
      } else continue;
      if (timeBefore(bestTime, ft)) {
        bestTime = ft;
        bestVersion = f[0]!;
      }
    }
    if (bestVersion === '') throw this.versionError('', errNoCommits());
    return this.stat(bestVersion, signal);
  }

  async stat(rev: string, signal?: AbortSignal): Promise<RevInfo> {
    const data = await this.versionFile(rev, '.info', signal);
    let info: RevInfo;
    try {
      info = parseRevInfo(data);
    } catch (e) {
      throw this.versionError(rev, new Error(`invalid response from proxy ${goQuote(this.redactedBase)}: ${(e as Error).message}`));
    }
    if (info.Version !== rev && rev === canonicalVersion(rev) && checkError(this.path, rev) === null) {
      throw this.versionError(rev, new Error(`proxy returned info for version ${info.Version} instead of requested version`));
    }
    return info;
  }

  async latest(signal?: AbortSignal): Promise<RevInfo> {
    let data: Uint8Array;
    try {
      data = await this.getBytes('@latest', signal);
    } catch (e) {
      if (!isNotExist(e)) throw this.versionError('', e as Error);
      return this.latestViaList(signal);
    }
    try {
      return parseRevInfo(data);
    } catch (e) {
      throw this.versionError('', new Error(`invalid response from proxy ${goQuote(this.redactedBase)}: ${(e as Error).message}`));
    }
  }

  async goMod(version: string, signal?: AbortSignal): Promise<Uint8Array> {
    if (version !== canonicalVersion(version)) {
      throw this.versionError(version, new Error('internal error: version passed to GoMod is not canonical'));
    }
    return this.versionFile(version, '.mod', signal);
  }

  /** proxy.go: @v/<escaped version><ext>, its errors (escaping or fetching) as version errors. */
  private async versionFile(version: string, ext: '.info' | '.mod' | '.zip', signal?: AbortSignal): Promise<Uint8Array> {
    let enc: string;
    try {
      enc = escapeVersion(version);
    } catch (e) {
      throw this.versionError(version, e as Error);
    }
    try {
      return await this.getBytes('@v/' + enc + ext, signal);
    } catch (e) {
      throw this.versionError(version, e as Error);
    }
  }

  async zip(version: string, signal?: AbortSignal): Promise<Uint8Array> {
    if (version !== canonicalVersion(version)) {
      throw this.versionError(version, new Error('internal error: version passed to Zip is not canonical'));
    }
    const data = await this.versionFile(version, '.zip', signal);
    if (data.length > maxZipFile) throw this.versionError(version, new Error('downloaded zip file too large'));
    return data;
  }
}

/** repo.go: errRepo — every method fails with the same error. */
export class ErrRepo implements Repo {
  constructor(
    readonly path: string,
    readonly err: Error,
  ) {}
  versions(): Promise<string[]> {
    return Promise.reject(this.err);
  }
  stat(): Promise<RevInfo> {
    return Promise.reject(this.err);
  }
  latest(): Promise<RevInfo> {
    return Promise.reject(this.err);
  }
  goMod(): Promise<Uint8Array> {
    return Promise.reject(this.err);
  }
  zip(): Promise<Uint8Array> {
    return Promise.reject(this.err);
  }
}

/**
 * cache.go: cachingRepo (in-process part) — Versions, Stat, Latest and GoMod results, errors
 * included, are remembered; Zip is not.
 */
export class CachingRepo implements Repo {
  private readonly memo = new Map<string, Promise<unknown>>();
  constructor(private readonly r: Repo) {}
  get path(): string {
    return this.r.path;
  }
  private once<T>(key: string, f: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = f();
      p.catch(() => {});
      this.memo.set(key, p);
    }
    return p;
  }
  versions(prefix: string, signal?: AbortSignal): Promise<string[]> {
    return this.once('versions\0' + prefix, () => this.r.versions(prefix, signal)).then((l) => [...l]);
  }
  stat(rev: string, signal?: AbortSignal): Promise<RevInfo> {
    return this.once('stat\0' + rev, () => this.r.stat(rev, signal));
  }
  latest(signal?: AbortSignal): Promise<RevInfo> {
    return this.once('latest', () => this.r.latest(signal));
  }
  goMod(version: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.once('gomod\0' + version, () => this.r.goMod(version, signal));
  }
  zip(version: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.r.zip(version, signal);
  }
}
