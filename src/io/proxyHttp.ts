// The GOPROXY protocol over fetch (browser and Node): an http(s) ProxyTransport, optionally
// routed through the same-origin relay (src/io/relay.ts) while error texts keep naming the
// real upstream URL as go would.
import {
  escapedPath,
  formatURL,
  ProxyClient,
  URLError,
  type GoURL,
  type ProxyResponse,
  type ProxyTransport,
} from '../core/source';

export interface FetchTransportOptions {
  /** fetch implementation (globalThis.fetch by default). */
  fetch?: typeof fetch;
  /**
   * Route requests through a relay: the part of the URL below `base` is appended to `relay`
   * (e.g. base https://proxy.golang.org, relay /goproxy → /goproxy/<escpath>/@v/list).
   */
  relay?: { base: GoURL; url: string };
  /**
   * Follow redirects here, refusing the 11th as Go's http.Client does (defaultCheckRedirect:
   * "stopped after 10 redirects"). Node only: a browser's fetch hides redirect responses.
   */
  goRedirects?: boolean;
}

/** net/http client.go defaultCheckRedirect's limit. */
const maxRedirects = 10;

/** A Node/undici network error as Go's net package words it, where there is an equivalent. */
function describeNetError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; address?: string; port?: number; hostname?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return `dial tcp ${cause.address}:${cause.port}: connect: connection refused`;
  if (cause?.code === 'ENOTFOUND') return `dial tcp: lookup ${cause.hostname}: no such host`;
  if (cause?.code === 'ECONNRESET') return 'read: connection reset by peer';
  if (cause?.message) return cause.message;
  return (e as Error)?.message ?? String(e);
}

/** web.get for http/https via fetch: any response is returned; no response rejects with `Get "URL": ...`. */
export class FetchTransport implements ProxyTransport {
  private readonly fetchFn: typeof fetch;
  constructor(private readonly opts: FetchTransportOptions = {}) {
    this.fetchFn = opts.fetch ?? ((...a) => globalThis.fetch(...a));
  }

  requestURL(url: GoURL): { href: string; headers: Record<string, string> } {
    const headers: Record<string, string> = {};
    if (this.opts.relay) {
      const basePath = escapedPath(this.opts.relay.base).replace(/\/+$/, '');
      const p = escapedPath(url);
      const rel = p.startsWith(basePath + '/') ? p.slice(basePath.length) : p;
      return { href: this.opts.relay.url.replace(/\/+$/, '') + rel, headers };
    }
    let u = url;
    if (url.user) {
      headers.authorization = 'Basic ' + btoa(`${url.user.username}:${url.user.password ?? ''}`);
      u = { ...url, user: undefined };
    }
    return { href: formatURL(u, false), headers };
  }

  async get(url: GoURL, signal?: AbortSignal): Promise<ProxyResponse> {
    const { href, headers } = this.requestURL(url);
    let res!: Response;
    try {
      if (!this.opts.goRedirects) res = await this.fetchFn(href, { signal, redirect: 'follow', headers });
      else {
        // client.go (*Client).do: each redirect's target is checked against the requests so far.
        let at = href;
        for (let via = 1; ; via++) {
          // Credentials are not sent on to another host (client.go makeHeadersCopier).
          const hdrs = new URL(at).origin === new URL(href).origin ? headers : {};
          res = await this.fetchFn(at, { signal, redirect: 'manual', headers: hdrs });
          const loc = res.headers.get('location');
          if (![301, 302, 303, 307, 308].includes(res.status) || loc === null) break;
          await res.arrayBuffer().catch(() => undefined);
          if (via >= maxRedirects) throw new URLError('Get', loc, new Error(`stopped after ${maxRedirects} redirects`));
          at = new URL(loc, at).href;
        }
      }
    } catch (e) {
      if (signal?.aborted || e instanceof URLError) throw e;
      throw new URLError('Get', formatURL(url), new Error(describeNetError(e)));
    }
    let body: Uint8Array;
    try {
      body = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new URLError('read', formatURL(url), new Error(describeNetError(e)));
    }
    return {
      statusCode: res.status,
      status: res.statusText ? `${res.status} ${res.statusText}` : `${res.status}`,
      contentType: res.headers.get('content-type') ?? undefined,
      body,
    };
  }
}

/** A ModuleSource for one http(s) proxy base URL. */
export function httpProxy(baseURL: string, opts: FetchTransportOptions = {}): ProxyClient {
  return new ProxyClient(baseURL, new FetchTransport(opts));
}
