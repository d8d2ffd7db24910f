// Module sources: the GOPROXY protocol client, the GOPROXY list (",", "|", off, direct,
// noproxy) and the errors the go command prints for them. Pure: the bytes come from a
// ProxyTransport (fetch, node fs, an in-memory txtar proxy) supplied by src/io.
//
// Rules from cmd/go/internal/modfetch/proxy.go (proxyList, TryProxies, proxyRepo),
// modfetch/repo.go (lookup, errProxyOff...), cmd/go/internal/web (HTTPError, Response.Err,
// formatErrorDetail, getFile) and net/url (Parse, EscapedPath, String, Redacted).

import { escapePath, escapeVersion, canonicalVersion, checkError, goQuote, InvalidVersionError, matchPrefixPatterns, ModuleError } from './module';
import { isPseudoVersion, pseudoVersionTime } from './pseudo';
import { isValid as semverIsValid, sortVersions } from './semver';
import { goFields, goTrimSpace, utf8Decode, utf8Encode } from './gostrings';
import { marshal, type GoJSON } from './gojson';

// ---------------------------------------------------------------------------
// Error helpers.

/** Whether err is equivalent to fs.ErrNotExist (errors.Is walks .err / .cause chains). */
export function isNotExist(err: unknown): boolean {
  for (let e: unknown = err, n = 0; e instanceof Error && n < 100; n++) {
    if ((e as { notExist?: boolean }).notExist === true) return true;
    const next = (e as { err?: unknown }).err ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return false;
}

/** repo.go: notExistError — an error with a custom message that is fs.ErrNotExist. */
export class NotExistError extends Error {
  readonly notExist = true;
  constructor(message: string) {
    super(message);
    this.name = 'NotExistError';
  }
}

/** repo.go: errProxyOff */
export const errProxyOff = (): Error => new NotExistError('module lookup disabled by GOPROXY=off');
/** repo.go: errNoproxy */
export const errNoproxy = (): Error => new NotExistError('disabled by GOPRIVATE/GONOPROXY');
/** repo.go: errUseProxy */
export const errUseProxy = (): Error => new NotExistError('path does not match GOPRIVATE/GONOPROXY');
/** codehost.ErrNoCommits */
export const errNoCommits = (): Error => new NotExistError('no commits');

/**
 * What modscope returns where the go command would fetch from version control ("direct",
 * or "noproxy" for a GONOPROXY match): modscope reads module proxies only.
 */
export class DirectUnsupportedError extends Error {
  readonly notExist = true;
  constructor(readonly path: string) {
    super(
      `module ${path}: fetching directly from version control (GOPROXY=direct or GONOPROXY/GOPRIVATE) is not supported by modscope; use a module proxy`,
    );
    this.name = 'DirectUnsupportedError';
  }
}

/** net/url.Error: `Op "URL": err`. */
export class URLError extends Error {
  constructor(
    readonly op: string,
    readonly url: string,
    readonly err: Error,
  ) {
    super(`${op} ${goQuote(url)}: ${err.message}`);
    this.name = 'URLError';
  }
}

const maxErrorDetailLines = 8;
const maxErrorDetailBytes = maxErrorDetailLines * 81;

/** web.HTTPError: a non-200 response. 404 and 410 are fs.ErrNotExist. */
export class HTTPError extends Error {
  constructor(
    readonly url: string,
    readonly status: string,
    readonly statusCode: number,
    readonly fileErr?: string,
    readonly detail = '',
  ) {
    let msg: string;
    if (detail !== '') {
      const sep = detail.includes('\n') ? '\n\t' : ' ';
      msg = `reading ${url}: ${status}\n\tserver response:${sep}${detail}`;
    } else if (fileErr !== undefined) {
      msg = `reading ${url}: ${fileErr}`;
    } else {
      msg = `reading ${url}: ${status}`;
    }
    super(msg);
    this.name = 'HTTPError';
  }
  get notExist(): boolean {
    return this.statusCode === 404 || this.statusCode === 410;
  }
}

// ---------------------------------------------------------------------------
// URLs as net/url sees them (enough for proxy base URLs and error texts).

export interface GoURL {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string; // unescaped
  rawPath: string; // encoded hint, '' when escape(path) is the encoding
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
}

const hexDigits = '0123456789ABCDEF';
const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

// url.shouldEscape for encodePath / encodePathSegment.
function shouldEscape(c: number, mode: 'path' | 'segment'): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    if (mode === 'path') return ch === '?';
    return ch === '/' || ch === ';' || ch === ',' || ch === '?';
  }
  return true;
}

function urlEscape(s: string, mode: 'path' | 'segment'): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    if (shouldEscape(b, mode)) out += '%' + hexDigits[b >> 4] + hexDigits[b & 15];
    else out += String.fromCharCode(b);
  }
  return out;
}

/** url.PathEscape */
export function urlPathEscape(s: string): string {
  return urlEscape(s, 'segment');
}

/** proxy.go: pathEscape — url.PathEscape keeping "/". */
export function proxyPathEscape(s: string): string {
  return urlPathEscape(s).replaceAll('%2F', '/');
}

function urlUnescape(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    if (s[i] === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]!) || !isHex(s[i + 2]!)) {
        let bad = s.slice(i);
        if (bad.length > 3) bad = bad.slice(0, 3);
        throw new Error(`invalid URL escape ${goQuote(bad)}`);
      }
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      for (const b of utf8Encode(s[i]!)) bytes.push(b);
      i++;
    }
  }
  return utf8Decode(new Uint8Array(bytes));
}

// url.validEncoded(s, encodePath)
function validEncodedPath(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ("!$&'()*+,;=:@[]".includes(s[i]!) || s[i] === '%') continue;
    if (shouldEscape(c, 'path')) return false;
  }
  return true;
}

function setPath(u: GoURL, p: string): void {
  u.path = urlUnescape(p);
  u.rawPath = urlEscape(u.path, 'path') === p ? '' : p;
}

/** url.Parse (the subset proxy URLs need). Throws `parse "raw": ...` as url.Error. */
export function parseURL(raw: string): GoURL {
  try {
    return parseURLInner(raw);
  } catch (e) {
    throw new URLError('parse', raw, e as Error);
  }
}

function parseURLInner(raw: string): GoURL {
  const u: GoURL = { scheme: '', opaque: '', host: '', path: '', rawPath: '', rawQuery: '', forceQuery: false, fragment: '' };
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    u.fragment = urlUnescape(rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  if (/[\x00-\x1f\x7f]/.test(rest)) throw new Error('net/url: invalid control character in URL');
  if (rest === '' ) return u;
  // getScheme
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new Error('missing protocol scheme');
      u.scheme = rest.slice(0, i).toLowerCase();
      rest = rest.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith('?') && (rest.match(/\?/g) ?? []).length === 1) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) throw new Error('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    } else rest = '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      u.user =
        colon >= 0
          ? { username: urlUnescape(userinfo.slice(0, colon)), password: urlUnescape(userinfo.slice(colon + 1)) }
          : { username: urlUnescape(userinfo) };
      authority = authority.slice(at + 1);
    }
    u.host = urlUnescape(authority);
  }
  setPath(u, rest);
  return u;
}

/** url.URL.EscapedPath */
export function escapedPath(u: GoURL): string {
  if (u.rawPath !== '' && validEncodedPath(u.rawPath)) {
    try {
      if (urlUnescape(u.rawPath) === u.path) return u.rawPath;
    } catch {
      // fall through
    }
  }
  if (u.path === '*') return '*';
  return urlEscape(u.path, 'path');
}

/** url.URL.String (Redacted when redact is set: the password becomes "xxxxx"). */
export function formatURL(u: GoURL, redact = true): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') buf += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (u.host !== '' || u.path !== '' || u.user) buf += '//';
      if (u.user) {
        buf += urlEscape(u.user.username, 'segment');
        if (u.user.password !== undefined) buf += ':' + (redact ? 'xxxxx' : urlEscape(u.user.password, 'segment'));
        buf += '@';
      }
      if (u.host !== '') buf += u.host;
    }
    const p = escapedPath(u);
    if (p !== '' && p[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '') {
      const seg = p.split('/')[0]!;
      if (seg.includes(':')) buf += './';
    }
    buf += p;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + urlEscape(u.fragment, 'path');
  return buf;
}

/** Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(seg);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

/** Go's path.Join. */
export function joinPath(...elems: string[]): string {
  const nonEmpty = elems.filter((e) => e !== '');
  if (nonEmpty.length === 0) return '';
  return cleanPath(nonEmpty.join('/'));
}

// ---------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------
// RevInfo JSON (.info files and @latest).

/** modfetch.RevInfo as JSON fields (Name/Short are never serialized). */
export interface RevInfo {
  Version: string;
  /** RFC 3339 time as the proxy sent it ("0001-01-01T00:00:00Z" when absent). */
  Time: string;
  Origin?: Record<string, unknown>;
}

export const zeroTime = '0001-01-01T00:00:00Z';

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = goQuote(c);
  return "'" + q.slice(1, -1) + "'";
}

/** encoding/json's checkValid: Go's syntax error text for invalid JSON, or undefined. */
export function jsonSyntaxError(s: string): string | undefined {
  let i = 0;
  const eof = () => i >= s.length;
  const ws = () => {
    while (!eof() && ' \t\r\n'.includes(s[i]!)) i++;
  };
  // The scanner reports the offending byte: the first UTF-8 byte of a non-ASCII character.
  const ch = () => String.fromCharCode(utf8Encode(String.fromCodePoint(s.codePointAt(i)!))[0]!);
  class SyntaxErr {
    constructor(readonly msg: string) {}
  }
  const fail = (ctx: string): never => {
    // At EOF Go's scanner steps a space: where a space is invalid, that is the error.
    if (eof()) {
      if (ctx.startsWith('in ') || ctx.startsWith('after decimal point')) throw new SyntaxErr(`invalid character ' ' ${ctx}`);
      throw new SyntaxErr('unexpected end of JSON input');
    }
    throw new SyntaxErr(`invalid character ${quoteChar(ch())} ${ctx}`);
  };
  const lit = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) {
      if (s[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
  };
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (eof()) fail('');
      const c = s[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (eof()) fail('');
        if ('"\\/bfnrt'.includes(s[i]!)) i++;
        else if (s[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (eof() || !isHex(s[i]!)) fail('in \\u hexadecimal character escape');
            i++;
          }
        } else fail('in string escape code');
      } else if (c.charCodeAt(0) < 0x20) fail('in string literal');
      else i++;
    }
  };
  const num = () => {
    if (s[i] === '-') {
      i++;
      if (eof() || !/[0-9]/.test(s[i]!)) fail('in numeric literal');
    }
    if (s[i] === '0') i++;
    else while (!eof() && /[0-9]/.test(s[i]!)) i++;
    if (s[i] === '.') {
      i++;
      if (eof() || !/[0-9]/.test(s[i]!)) fail('after decimal point in numeric literal');
      while (!eof() && /[0-9]/.test(s[i]!)) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (eof() || !/[0-9]/.test(s[i]!)) fail('in exponent of numeric literal');
      while (!eof() && /[0-9]/.test(s[i]!)) i++;
    }
  };
  const value = (): void => {
    ws();
    if (eof()) fail('');
    const c = s[i]!;
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail('looking for beginning of object key string');
        str();
        ws();
        if (s[i] !== ':') fail('after object key');
        i++;
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail('after array element');
      }
    }
    if (c === '"') return str();
    if (c === '-' || /[0-9]/.test(c)) return num();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    fail('looking for beginning of value');
  };
  try {
    value();
    ws();
    if (!eof()) fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxErr) return e.msg;
    throw e;
  }
}

const rfc3339RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A time as seconds + nanoseconds since the Unix epoch (for ordering), or undefined if not RFC 3339. */
export function parseRFC3339(t: string): { sec: number; nsec: number } | undefined {
  const m = rfc3339RE.exec(t);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return undefined;
  let off = 0;
  if (m[8] !== 'Z') {
    const sign = m[8]![0] === '-' ? -1 : 1;
    off = sign * (Number(m[8]!.slice(1, 3)) * 3600 + Number(m[8]!.slice(4, 6)) * 60);
  }
  const base = Date.UTC(y, mo - 1, d, h, mi, se);
  const dd = new Date(base);
  if (y < 100) dd.setUTCFullYear(y);
  const sec = Math.floor(dd.getTime() / 1000) - off;
  const frac = (m[7] ?? '.').slice(1).padEnd(9, '0').slice(0, 9);
  return { sec, nsec: Number(frac) };
}

function timeBefore(a: { sec: number; nsec: number }, b: { sec: number; nsec: number }): boolean {
  return a.sec < b.sec || (a.sec === b.sec && a.nsec < b.nsec);
}

/** time.Time.MarshalJSON (RFC3339Nano) of an RFC 3339 string as Go re-prints it. */
export function normalizeTime(t: string): string {
  const m = rfc3339RE.exec(t);
  if (!m) return t;
  let frac = (m[7] ?? '').slice(1, 10).replace(/0+$/, '');
  frac = frac === '' ? '' : '.' + frac;
  const zone = m[8] === '+00:00' || m[8] === '-00:00' ? 'Z' : m[8]; // offset 0 marshals as Z (time.Time.MarshalJSON)
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${frac}${zone}`;
}

/** json.Unmarshal(data, &RevInfo{}): throws Go's json error text. */
export function parseRevInfo(data: Uint8Array): RevInfo {
  const text = utf8Decode(data);
  const syn = jsonSyntaxError(text);
  if (syn !== undefined) throw new Error(syn);
  const v: unknown = JSON.parse(text);
  const info: RevInfo = { Version: '', Time: zeroTime };
  if (v === null) return info;
  if (typeof v !== 'object' || Array.isArray(v)) {
    const kind = Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';
    throw new Error(`json: cannot unmarshal ${kind} into Go value of type modfetch.RevInfo`);
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const key = k.toLowerCase();
    if (key === 'version') {
      if (val === null) continue;
      if (typeof val !== 'string') throw new Error(`json: cannot unmarshal ${jsonKind(val)} into Go struct field RevInfo.Version of type string`);
      info.Version = val;
    } else if (key === 'time') {
      if (val === null) continue;
      if (typeof val !== 'string') throw new Error('Time.UnmarshalJSON: input is not a JSON string');
      if (!parseRFC3339(val)) throw new Error(`parsing time ${goQuote(val)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
      info.Time = val;
    } else if (key === 'origin') {
      if (val === null) continue;
      if (typeof val !== 'object' || Array.isArray(val)) throw new Error(`json: cannot unmarshal ${jsonKind(val)} into Go struct field RevInfo.Origin of type codehost.Origin`);
      info.Origin = val as Record<string, unknown>;
    }
  }
  return info;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

const originFields = ['VCS', 'URL', 'Subdir', 'Hash', 'TagPrefix', 'TagSum', 'Ref', 'RepoSum'];

/** json.Marshal(RevInfo): the .info file go writes into the module cache (cache.go: writeDiskStat). */
export function marshalRevInfo(info: RevInfo): string {
  const e: Array<[string, GoJSON]> = [
    ['Version', info.Version],
    ['Time', normalizeTime(info.Time)],
  ];
  if (info.Origin) {
    const o: Array<[string, GoJSON]> = [];
    for (const f of originFields) {
      const found = Object.keys(info.Origin).find((k) => k.toLowerCase() === f.toLowerCase());
      const val = found === undefined ? undefined : info.Origin[found];
      if (typeof val === 'string' && val !== '') o.push([f, val]);
    }
    e.push(['Origin', { entries: o }]);
  }
  return marshal({ entries: e });
}

// ---------------------------------------------------------------------------
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

/** codehost.MaxZipFile */
export const maxZipFile = 500 << 20;

/** proxy.go: proxyRepo — the GOPROXY protocol for one module path at one base URL. */
export class ProxyRepo implements Repo {
  private readonly url: GoURL;
  private readonly redactedBase: string;
  private listLatest?: Promise<RevInfo>;

  constructor(
    base: GoURL,
    readonly path: string,
    private readonly transport: ProxyTransport,
  ) {
    this.redactedBase = formatURL(base);
    const enc = escapePath(path);
    this.url = {
      ...base,
      path: base.path.replace(/\/$/, '') + '/' + enc,
      rawPath: base.rawPath.replace(/\/$/, '') + '/' + proxyPathEscape(enc),
    };
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
    let encRev: string;
    try {
      encRev = escapeVersion(rev);
    } catch (e) {
      throw this.versionError(rev, e as Error);
    }
    let data: Uint8Array;
    try {
      data = await this.getBytes('@v/' + encRev + '.info', signal);
    } catch (e) {
      throw this.versionError(rev, e as Error);
    }
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
    let encVer: string;
    try {
      encVer = escapeVersion(version);
    } catch (e) {
      throw this.versionError(version, e as Error);
    }
    try {
      return await this.getBytes('@v/' + encVer + '.mod', signal);
    } catch (e) {
      throw this.versionError(version, e as Error);
    }
  }

  async zip(version: string, signal?: AbortSignal): Promise<Uint8Array> {
    if (version !== canonicalVersion(version)) {
      throw this.versionError(version, new Error('internal error: version passed to Zip is not canonical'));
    }
    let encVer: string;
    try {
      encVer = escapeVersion(version);
    } catch (e) {
      throw this.versionError(version, e as Error);
    }
    let data: Uint8Array;
    try {
      data = await this.getBytes('@v/' + encVer + '.zip', signal);
    } catch (e) {
      throw this.versionError(version, e as Error);
    }
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

// ---------------------------------------------------------------------------
// The GOPROXY list.

export interface ProxySpec {
  /** A proxy URL, or "off", "direct", "noproxy". */
  url: string;
  /** "|" after the entry: fall back to the next on any error (else only on not-found). */
  fallBackOnError: boolean;
}

/** Go's filepath.IsAbs / path.IsAbs on a Unix host: a leading "/". */
function isAbs(p: string): boolean {
  return p.startsWith('/');
}

/** proxy.go: newProxyRepo's URL checks. Throws Go's error. */
export function checkProxyURL(raw: string): GoURL {
  const base = parseURL(raw);
  const redacted = formatURL(base);
  switch (base.scheme) {
    case 'http':
    case 'https':
      break;
    case 'file':
      if (base.opaque !== '' || base.user || base.host !== '' || base.rawQuery !== '' || base.forceQuery || base.fragment !== '') {
        throw new Error(`invalid file:// proxy URL with non-path elements: ${redacted}`);
      }
      break;
    case '':
      throw new Error(`invalid proxy URL missing scheme: ${redacted}`);
    default:
      throw new Error(`invalid proxy URL scheme (must be https, http, file): ${redacted}`);
  }
  return base;
}

/** proxy.go: proxyList — parses GOPROXY (with GONOPROXY adding "noproxy"). Throws Go's error. */
export function parseProxyList(goproxy: string, gonoproxy: string): ProxySpec[] {
  const list: ProxySpec[] = [];
  if (gonoproxy !== '' && goproxy !== 'direct') list.push({ url: 'noproxy', fallBackOnError: false });
  let rest = goproxy;
  while (rest !== '') {
    let url: string;
    let fallBackOnError = false;
    const i = rest.search(/[,|]/);
    if (i >= 0) {
      url = rest.slice(0, i);
      fallBackOnError = rest[i] === '|';
      rest = rest.slice(i + 1);
    } else {
      url = rest;
      rest = '';
    }
    url = goTrimSpace(url);
    if (url === '') continue;
    if (url === 'off') {
      list.push({ url: 'off', fallBackOnError: false });
      break;
    }
    if (url === 'direct') {
      list.push({ url: 'direct', fallBackOnError: false });
      break;
    }
    if (/[.:/]/.test(url) && !url.includes(':/') && !isAbs(url)) url = 'https://' + url;
    checkProxyURL(url);
    list.push({ url, fallBackOnError });
  }
  if (list.length === 0 || (list.length === 1 && list[0]!.url === 'noproxy')) {
    throw new Error('GOPROXY list is not the empty string, but contains no entries');
  }
  return list;
}


/** proxy.go: TryProxies — runs f over the list until success or a non-fall-back error; the best error wins. */
export async function tryProxies<T>(proxies: readonly ProxySpec[], f: (proxy: string) => Promise<T>): Promise<T> {
  if (proxies.length === 0) throw new Error('GOPROXY list is empty');
  const notExistRank = 0;
  const proxyRank = 1;
  const directRank = 2;
  let bestErr: unknown;
  let bestErrRank = notExistRank;
  for (const proxy of proxies) {
    try {
      return await f(proxy.url);
    } catch (err) {
      const notExist = isNotExist(err);
      const isUseProxy = err instanceof NotExistError && err.message === 'path does not match GOPRIVATE/GONOPROXY';
      if (proxy.url === 'direct' || (proxy.url === 'noproxy' && !isUseProxy)) {
        bestErr = err;
        bestErrRank = directRank;
      } else if (bestErrRank <= proxyRank && !notExist) {
        bestErr = err;
        bestErrRank = proxyRank;
      } else if (bestErrRank === notExistRank) {
        bestErr = err;
      }
      if (!proxy.fallBackOnError && !notExist) break;
    }
  }
  throw bestErr;
}

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
