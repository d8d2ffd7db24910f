// How a proxy base URL's files are fetched (ProxyTransport) and what go prints for a failed
// response (web.Response.Err, formatErrorDetail). Re-exported by source.ts.

import { goTrimSpace, utf8Decode, utf8Encode } from './gostrings';
import { maxErrorDetailLines, maxErrorDetailBytes, HTTPError } from './proxyerrors';
import { type GoURL, formatURL } from './neturl';

// Transport: how a proxy base URL's files are fetched.

/** A GET response as the go command's web package sees it. */
export interface ProxyResponse {
  /** HTTP status code; 200 (or 0) is success. */
  statusCode: number;
  /** Go's Response.Status: "404 Not Found" for HTTP, "Not Found" for file:// errors. */
  status: string;
  /** Content-Type header, if any. */
  contentType?: string;
  body: Uint8Array;
  /** file:// only: the OS error text ("no such file or directory", "permission denied"). */
  fileErr?: string;
}

export interface ProxyTransport {
  /**
   * GET the URL. Resolves with any HTTP response (non-200 included); rejects only when no
   * response was received, with an Error worded as go words it (e.g. `Get "URL": ...`).
   */
  get(url: GoURL, signal?: AbortSignal): Promise<ProxyResponse>;
}

/** Chooses the transport for a proxy base URL (by scheme). */
export type TransportFor = (base: GoURL) => ProxyTransport;

/** unicode.IsGraphic || unicode.IsSpace for one code point. */
function graphicOrSpace(r: number): boolean {
  if (r === 0x09 || r === 0x0a || r === 0x0b || r === 0x0c || r === 0x0d || r === 0x85) return true;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\u2028\u2029]$/u.test(String.fromCodePoint(r));
}

function validUTF8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** mime.ParseMediaType: the lower-cased media type and the charset parameter. */
function parseContentType(ct: string): { mediaType: string; charset: string } {
  const [mt, ...params] = ct.split(';');
  let charset = '';
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toLowerCase() === 'charset') charset = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { mediaType: (mt ?? '').trim().toLowerCase(), charset: charset.toLowerCase() };
}

/** web.Response.formatErrorDetail: a short tab-indented summary of a text/plain error body. */
export function formatErrorDetail(resp: ProxyResponse): string {
  if (resp.contentType === undefined) return '';
  const { mediaType, charset } = parseContentType(resp.contentType);
  if (mediaType !== 'text/plain' || !['us-ascii', 'utf-8', ''].includes(charset)) return '';
  // errorDetailBuffer: a body read in one chunk is kept whole (Go reads small bodies at once).
  const buf = resp.body.subarray(0, 1 << 15);
  if (!validUTF8(buf)) return '';
  const s = utf8Decode(buf);
  for (const ch of s) if (!graphicOrSpace(ch.codePointAt(0)!)) return '';
  let detail = '';
  const all = s.split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (goTrimSpace(line) === '') break;
    if (i > 0) detail += '\n\t';
    if (i >= maxErrorDetailLines) {
      detail += '[Truncated: too many lines.]';
      break;
    }
    if (utf8Encode(detail).length + utf8Encode(line).length > maxErrorDetailBytes) {
      detail += '[Truncated: too long.]';
      break;
    }
    detail += line;
  }
  return detail;
}

/** web.Response.Err: undefined for 200/0, else the HTTPError go reports. */
export function responseError(url: GoURL, resp: ProxyResponse): HTTPError | undefined {
  if (resp.statusCode === 200 || resp.statusCode === 0) return undefined;
  const detail = resp.fileErr !== undefined ? '' : formatErrorDetail(resp);
  return new HTTPError(formatURL(url), resp.status, resp.statusCode, resp.fileErr, detail);
}

/** net/http.StatusText for the codes proxies use. */
export function statusText(code: number): string {
  return (
    {
      200: 'OK', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
      400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 410: 'Gone',
      429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
      503: 'Service Unavailable', 504: 'Gateway Timeout',
    } as Record<number, string>
  )[code] ?? '';
}
