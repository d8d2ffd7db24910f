// URLs as net/url sees them: Parse, EscapedPath, String, Redacted, path escaping (enough for
// proxy base URLs and error texts). Re-exported by source.ts.

import { goQuote } from './module';
import { utf8Decode, utf8Encode } from './gostrings';
import { URLError } from './proxyerrors';

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
export const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

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
