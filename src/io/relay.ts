// Same-origin relay for the dev/preview server: the page cannot fetch proxy.golang.org
// cross-origin, so GET/HEAD /goproxy/<GOPROXY protocol path> and /sumdb/<name>/<sumdb path>
// are forwarded to the one configured upstream (GOPROXY's first proxy entry; a file://
// upstream is served from disk). Nothing else passes: other methods, other paths, ".."
// segments, query strings and absolute-form request targets naming a host are refused.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseProxyList } from '../core/source';
import { unescapePath, unescapeVersion } from '../core/module';

export interface RelayOptions {
  /** GOPROXY as go reads it; the first proxy URL is the upstream (default https://proxy.golang.org). */
  goproxy?: string;
  /** GOSUMDB: its name is the only checksum database relayed (default sum.golang.org). */
  gosumdb?: string;
  fetch?: typeof fetch;
}

export type RelayHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** The upstream proxy base: GOPROXY's first entry that is a URL. */
export function relayUpstream(goproxy: string | undefined): string {
  const def = 'https://proxy.golang.org';
  if (goproxy === undefined || goproxy === '') return def;
  try {
    const first = parseProxyList(goproxy, '').find((p) => p.url.includes(':/') || p.url.startsWith('/'));
    return first ? first.url.replace(/\/+$/, '') : def;
  } catch {
    return def;
  }
}

/** The checksum database name and explicit URL in GOSUMDB ("name[+hash+key] [url]"). */
export function sumdbTarget(gosumdb: string | undefined): { name: string; url?: string } | undefined {
  const v = gosumdb === undefined || gosumdb === '' ? 'sum.golang.org' : gosumdb;
  if (v === 'off') return undefined;
  if (v === 'sum.golang.google.cn') return { name: 'sum.golang.org', url: 'https://sum.golang.google.cn' };
  const f = v.trim().split(/\s+/);
  const name = f[0]!.split('+')[0]!;
  return { name, url: f[1]?.replace(/\/+$/, '') };
}

function validModVersion(escPath: string, escVer?: string): boolean {
  try {
    unescapePath(escPath);
    if (escVer !== undefined) unescapeVersion(escVer);
    return true;
  } catch {
    return false;
  }
}

/** Whether rest (below /goproxy/) is a GOPROXY protocol path. */
export function isProxyPath(rest: string): boolean {
  let m = /^(.+)\/@v\/list$/.exec(rest);
  if (m) return validModVersion(m[1]!);
  m = /^(.+)\/@latest$/.exec(rest);
  if (m) return validModVersion(m[1]!);
  m = /^(.+)\/@v\/([^/]+)\.(info|mod|zip)$/.exec(rest);
  if (m) return validModVersion(m[1]!, m[2]!);
  return false;
}

/** Whether rest (below /sumdb/<name>/) is a checksum database path. */
export function isSumdbPath(rest: string): boolean {
  if (rest === 'latest' || rest === 'supported') return true;
  const m = /^lookup\/(.+)@([^@/]+)$/.exec(rest);
  if (m) return validModVersion(m[1]!, m[2]!);
  return /^tile\/[0-9]+\/([0-9]+|data)(\/x[0-9]{3})*\/[0-9]{3}(\.p\/[0-9]+)?$/.test(rest);
}

function refuse(res: ServerResponse, code: number, msg: string, extra: Record<string, string> = {}): void {
  res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', ...extra });
  res.end(msg + '\n');
}

const passHeaders = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified'];

export function createRelayHandler(opts: RelayOptions = {}): RelayHandler {
  const upstream = relayUpstream(opts.goproxy ?? process.env.GOPROXY);
  const sumdb = sumdbTarget(opts.gosumdb ?? process.env.GOSUMDB);
  const fetchFn = opts.fetch ?? globalThis.fetch;

  async function forward(req: IncomingMessage, res: ServerResponse, base: string, rel: string): Promise<void> {
    const head = req.method === 'HEAD';
    if (base.startsWith('file://')) {
      const dir = decodeURIComponent(new URL(base).pathname);
      const file = join(dir, ...rel.split('/'));
      try {
        const st = await stat(file);
        if (!st.isFile()) return refuse(res, 404, 'not found');
        res.writeHead(200, { 'content-length': String(st.size), 'content-type': rel.endsWith('.zip') ? 'application/zip' : 'text/plain; charset=utf-8' });
        if (head) return void res.end();
        createReadStream(file).on('error', () => res.destroy()).pipe(res);
      } catch {
        refuse(res, 404, 'not found');
      }
      return;
    }
    let up: Response;
    try {
      up = await fetchFn(base + '/' + rel, { method: head ? 'HEAD' : 'GET', redirect: 'follow' });
    } catch (e) {
      return refuse(res, 502, `relay: upstream unreachable: ${(e as Error).message}`);
    }
    const headers: Record<string, string> = {};
    for (const h of passHeaders) {
      const v = up.headers.get(h);
      if (v !== null) headers[h] = v;
    }
    if (up.headers.get('content-encoding')) delete headers['content-length'];
    res.writeHead(up.status, up.statusText, headers);
    if (head || !up.body) return void res.end();
    Readable.fromWeb(up.body as import('node:stream/web').ReadableStream).on('error', () => res.destroy()).pipe(res);
  }

  return (req, res, next) => {
    const target = req.url ?? '';
    const isOurs = target.startsWith('/goproxy/') || target.startsWith('/sumdb/');
    if (!isOurs) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return refuse(res, 400, 'relay: absolute request targets are refused');
      if (next) return next();
      return refuse(res, 404, 'not found');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'relay: only GET and HEAD', { allow: 'GET, HEAD' });
    if (target.includes('?') || target.includes('#')) return refuse(res, 400, 'relay: query strings are refused');
    let path: string;
    try {
      path = decodeURIComponent(target);
    } catch {
      return refuse(res, 400, 'relay: bad escape');
    }
    if (path.includes('\\') || path.includes('\0') || path.split('/').some((s) => s === '..' || s === '.') || /\/\//.test(path)) {
      return refuse(res, 400, 'relay: bad path');
    }
    const fail = (e: unknown) => {
      if (!res.headersSent) refuse(res, 502, `relay: ${(e as Error).message}`);
      else res.destroy();
    };
    if (path.startsWith('/goproxy/')) {
      const rest = target.slice('/goproxy/'.length);
      if (!isProxyPath(decodeURIComponent(rest))) return refuse(res, 404, 'relay: not a module proxy path');
      forward(req, res, upstream, rest).catch(fail);
      return;
    }
    const m = /^\/sumdb\/([^/]+)\/(.+)$/.exec(path);
    if (!m || !sumdb || m[1] !== sumdb.name || !isSumdbPath(m[2]!)) return refuse(res, 404, 'relay: not a checksum database path');
    const rel = target.slice(target.indexOf('/', '/sumdb/'.length) + 1);
    const base = sumdb.url ?? `${upstream}/sumdb/${sumdb.name}`;
    forward(req, res, base, rel).catch(fail);
  };
}
