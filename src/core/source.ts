// Module sources: the GOPROXY stack a command fetches through (ProxyStack, ProxyClient), over
// the GOPROXY list (proxylist.ts), proxy repos (proxyrepo.ts), RevInfo JSON (revinfo.ts), URLs
// (neturl.ts), transports (proxytransport.ts) and errors (proxyerrors.ts), all re-exported
// here. Pure: the bytes come from a ProxyTransport (fetch, node fs, an in-memory txtar proxy)
// supplied by src/io.
//
// Rules from cmd/go/internal/modfetch/proxy.go (proxyList, TryProxies, proxyRepo),
// modfetch/repo.go (lookup, errProxyOff...), cmd/go/internal/web (HTTPError, Response.Err,
// formatErrorDetail, getFile) and net/url (Parse, EscapedPath, String, Redacted).

import { matchPrefixPatterns } from './module';
import { errProxyOff, errNoproxy, errUseProxy, DirectUnsupportedError } from './proxyerrors';
import type { GoURL } from './neturl';
import type { ProxyTransport, TransportFor } from './proxytransport';
import type { RevInfo } from './revinfo';
import { type Repo, ProxyRepo, ErrRepo, CachingRepo } from './proxyrepo';
import { type ProxySpec, checkProxyURL, parseProxyList, tryProxies } from './proxylist';

export * from './proxyerrors';
export * from './neturl';
export * from './proxytransport';
export * from './revinfo';
export * from './proxyrepo';
export * from './proxylist';

/** The part of the go environment module sources depend on. */
export interface SourceConfig {
  GOPROXY: string;
  GONOPROXY: string;
}

/** A module source: what the module loader asks for, by module path. */
export interface ModuleSource {
  versions(path: string, prefix?: string, signal?: AbortSignal): Promise<string[]>;
  stat(path: string, rev: string, signal?: AbortSignal): Promise<RevInfo>;
  latest(path: string, signal?: AbortSignal): Promise<RevInfo>;
  goMod(path: string, version: string, signal?: AbortSignal): Promise<Uint8Array>;
  zip(path: string, version: string, signal?: AbortSignal): Promise<Uint8Array>;
}

export interface ProxyStackOptions {
  /** The transport for a proxy base URL (http(s) via fetch, file:// via fs, a txtar proxy...). */
  transportFor: TransportFor;
  /** What "direct" (and "noproxy" for GONOPROXY paths) means; by default DirectUnsupportedError. */
  direct?: (path: string) => Repo;
}

/**
 * The configured GOPROXY list as one ModuleSource: modfetch.Lookup + TryProxies, with
 * cachingRepo's in-process memo per (proxy, path).
 */
export class ProxyStack implements ModuleSource {
  private list?: ProxySpec[];
  private listErr?: Error;
  private readonly repos = new Map<string, Repo>();
  /** Proxy URLs checked and parsed (checkProxyURL), by their text. */
  private readonly bases = new Map<string, GoURL>();

  constructor(
    readonly config: SourceConfig,
    private readonly opts: ProxyStackOptions,
  ) {}

  /** proxyList(): the parsed list; throws the list's error. */
  proxies(): ProxySpec[] {
    if (!this.list && !this.listErr) {
      try {
        this.list = parseProxyList(this.config.GOPROXY, this.config.GONOPROXY);
      } catch (e) {
        this.listErr = e as Error;
      }
    }
    if (this.listErr) throw this.listErr;
    return this.list!;
  }

  async tryProxies<T>(f: (proxy: string) => Promise<T>): Promise<T> {
    return tryProxies(this.proxies(), f);
  }

  /** modfetch.Lookup(proxy, path). */
  lookup(proxy: string, path: string): Repo {
    const key = proxy + '\0' + path;
    let r = this.repos.get(key);
    if (!r) {
      r = new CachingRepo(this.lookupUncached(proxy, path));
      this.repos.set(key, r);
    }
    return r;
  }

  private direct(path: string): Repo {
    return this.opts.direct ? this.opts.direct(path) : new ErrRepo(path, new DirectUnsupportedError(path));
  }

  private lookupUncached(proxy: string, path: string): Repo {
    if (matchPrefixPatterns(this.config.GONOPROXY, path)) {
      if (proxy === 'noproxy' || proxy === 'direct') return this.direct(path);
      return new ErrRepo(path, errNoproxy());
    }
    switch (proxy) {
      case 'off':
        return new ErrRepo(path, errProxyOff());
      case 'direct':
        return this.direct(path);
      case 'noproxy':
        return new ErrRepo(path, errUseProxy());
    }
    try {
      // newProxyRepo's URL checks give the same answer for every path: a good URL is parsed once.
      let base = this.bases.get(proxy);
      if (!base) this.bases.set(proxy, (base = checkProxyURL(proxy)));
      return new ProxyRepo(base, path, this.opts.transportFor(base));
    } catch (e) {
      return new ErrRepo(path, e as Error);
    }
  }

  versions(path: string, prefix = '', signal?: AbortSignal): Promise<string[]> {
    return this.tryProxies((p) => this.lookup(p, path).versions(prefix, signal));
  }
  stat(path: string, rev: string, signal?: AbortSignal): Promise<RevInfo> {
    return this.tryProxies((p) => this.lookup(p, path).stat(rev, signal));
  }
  latest(path: string, signal?: AbortSignal): Promise<RevInfo> {
    return this.tryProxies((p) => this.lookup(p, path).latest(signal));
  }
  goMod(path: string, version: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.tryProxies((p) => this.lookup(p, path).goMod(version, signal));
  }
  zip(path: string, version: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.tryProxies((p) => this.lookup(p, path).zip(version, signal));
  }
}

/** One proxy base URL as a ModuleSource (no list semantics). */
export class ProxyClient implements ModuleSource {
  private readonly base: GoURL;
  private readonly repos = new Map<string, Repo>();
  constructor(
    baseURL: string,
    private readonly transport: ProxyTransport,
  ) {
    this.base = checkProxyURL(baseURL);
  }
  repo(path: string): Repo {
    let r = this.repos.get(path);
    if (!r) {
      try {
        r = new CachingRepo(new ProxyRepo(this.base, path, this.transport));
      } catch (e) {
        r = new ErrRepo(path, e as Error);
      }
      this.repos.set(path, r);
    }
    return r;
  }
  versions(path: string, prefix = '', signal?: AbortSignal): Promise<string[]> {
    return this.repo(path).versions(prefix, signal);
  }
  stat(path: string, rev: string, signal?: AbortSignal): Promise<RevInfo> {
    return this.repo(path).stat(rev, signal);
  }
  latest(path: string, signal?: AbortSignal): Promise<RevInfo> {
    return this.repo(path).latest(signal);
  }
  goMod(path: string, version: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.repo(path).goMod(version, signal);
  }
  zip(path: string, version: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.repo(path).zip(version, signal);
  }
}
