// Reading a checksum database over fetch: in the page through the same-origin relay
// (/sumdb/<name>/<path>, src/io/relay.ts), in Node straight to an http(s) URL. The result plugs
// into GoSumDB's readRemote (src/core/sumdb/client.ts); errors are worded as go's web package
// words them ("reading URL: 404 Not Found", `Get "URL": ...`).
import { parseURL, responseError } from '../core/source';
import { joinURL } from '../core/sumdb/client';
import { FetchTransport, type FetchTransportOptions } from './proxyHttp';

/**
 * A readRemote for the database at baseURL (e.g. "/sumdb/sum.golang.org" in the page, made
 * absolute against location.origin, or "http://127.0.0.1:8080").
 */
export function sumdbHttpRemote(
  baseURL: string,
  opts: FetchTransportOptions = {},
): (path: string, signal?: AbortSignal) => Promise<Uint8Array> {
  const abs = /^[a-z][a-z0-9+.-]*:/i.test(baseURL) || typeof location === 'undefined' ? baseURL : new URL(baseURL, location.origin).href;
  const base = parseURL(abs);
  const transport = new FetchTransport(opts);
  return async (path, signal) => {
    const target = joinURL(base, path);
    const resp = await transport.get(target, signal);
    const err = responseError(target, resp);
    if (err) throw err;
    return resp.body;
  };
}

/** The page's route to the configured checksum database through the relay. */
export function sumdbRelayRemote(name: string, opts: FetchTransportOptions = {}) {
  return sumdbHttpRemote(`/sumdb/${name}`, opts);
}
