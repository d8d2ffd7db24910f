// The GOPROXY list (proxy.go: proxyList, TryProxies): parsing ",", "|", off, direct, noproxy
// and trying each entry in turn. Re-exported by source.ts.

import { goTrimSpace } from './gostrings';
import { isNotExist, NotExistError } from './proxyerrors';
import { type GoURL, parseURL, formatURL } from './neturl';

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
