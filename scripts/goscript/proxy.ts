// The module proxy cmd/go's TestScript starts (proxy_test.go StartProxy/proxyHandler): an
// HTTP server on 127.0.0.1 serving cmd/go/testdata/mod at http://127.0.0.1:<port>/mod,
// answered by src/core/proxyTxtar.ts. Redirects (/mod/redirect/<n>/...) are real 302s, as
// proxyHandler sends them. The checksum database endpoints are answered by the sumdb option
// (scripts/goscript/sumdb.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { TxtarProxy } from '../../src/core/proxyTxtar';
import type { ProxyResponse } from '../../src/core/source';

export interface ProxyServer {
  /** The GOPROXY value, e.g. http://127.0.0.1:41234/mod */
  url: string;
  proxy: TxtarProxy;
  close(): Promise<void>;
}

/** Answers requests below /mod/ that the module proxy does not (sumdb, sumdb-direct, ...). */
export type SumdbHandler = (path: string) => ProxyResponse | Promise<ProxyResponse> | undefined;

export function loadTestdataProxy(goRootSrc: string): TxtarProxy {
  const dir = join(goRootSrc, 'cmd/go/testdata/mod');
  const names = readdirSync(dir).sort();
  return new TxtarProxy(names.map((n) => [n, readFileSync(join(dir, n))] as const));
}

export async function startProxy(proxy: TxtarProxy, opts: { sumdb?: SumdbHandler } = {}): Promise<ProxyServer> {
  const server: Server = createServer((req, res) => {
    const raw = (req.url ?? '').replace(/\?.*$/, '');
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!path.startsWith('/mod/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      return;
    }
    const rel = path.slice('/mod/'.length);
    // proxyHandler: /mod/redirect/<count>/<path> redirects count times, then to /mod/<path>.
    const rd = /^redirect\/([^/]*)\/(.*)$/s.exec(rel);
    if (rd && !/^[0-9]+\//.test(rel)) {
      const count = /^[+-]?[0-9]+$/.test(rd[1]!) ? Number(rd[1]) : NaN;
      if (Number.isNaN(count)) {
        res.writeHead(200).end();
        return;
      }
      const to = count <= 1 ? `/mod/${rd[2]}` : `/mod/redirect/${count - 1}/${rd[2]}`;
      res.writeHead(302, { location: encodeURI(to), 'content-type': 'text/html; charset=utf-8' }).end(`<a href="${to}">Found</a>.\n\n`);
      return;
    }
    const send = (r: ProxyResponse) => {
      const headers: Record<string, string> = {};
      if (r.contentType) headers['content-type'] = r.contentType;
      res.writeHead(r.statusCode, headers).end(Buffer.from(r.body));
    };
    const r = opts.sumdb?.(rel) ?? proxy.handle(rel);
    if (r instanceof Promise) {
      r.then(send, (e: Error) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(e.message + '\n'));
    } else send(r);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  return {
    url: `http://127.0.0.1:${port}/mod`,
    proxy,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
