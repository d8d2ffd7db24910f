// A module proxy served from cmd/go's testdata/mod format: one txtar archive per module
// version, named <escpath with "/" → "_">_<escver>.txt, with .mod and .info sections served
// verbatim and the other files zipped under path@version/. Pure: archives are given as
// (filename, text) pairs. Rules of cmd/go/proxy_test.go: readModList, proxyHandler,
// findHash, readArchive (the module part; sumdb endpoints are not served here).

import { checkError, escapePath, escapeVersion, unescapePath, unescapeVersion, type ModuleVersion } from './module';
import { isPseudoVersion } from './pseudo';
import { compare as semverCompare, prerelease as semverPrerelease } from './semver';
import { parseTxtar, type TxtarArchive } from './txtar';
import { proxyTestZip } from './modzip';
import { utf8Decode, utf8Encode } from './gostrings';
import { escapedPath, parseURL, ProxyClient, statusText, type GoURL, type ProxyResponse, type ProxyTransport } from './source';

const textPlain = 'text/plain; charset=utf-8';

function notFound(): ProxyResponse {
  return { statusCode: 404, status: '404 Not Found', contentType: textPlain, body: utf8Encode('404 page not found\n') };
}

function httpError(msg: string, code: number): ProxyResponse {
  return { statusCode: code, status: `${code} ${statusText(code)}`, contentType: textPlain, body: utf8Encode(msg + '\n') };
}

function ok(body: Uint8Array): ProxyResponse {
  return { statusCode: 200, status: '200 OK', body };
}

function status(code: number): ProxyResponse {
  const t = statusText(code);
  return { statusCode: code, status: t ? `${code} ${t}` : `${code} status code ${code}`, body: new Uint8Array() };
}

/** codehost.AllHex */
function allHex(rev: string): boolean {
  return /^[0-9a-f]*$/.test(rev);
}

export class TxtarProxy {
  /** readModList: the module versions the archive names denote, in file-name order. */
  readonly modList: ModuleVersion[] = [];
  private readonly texts = new Map<string, string | Uint8Array>();
  private readonly archives = new Map<string, TxtarArchive>();
  private readonly zips = new Map<string, Uint8Array>();

  /** files: (file name, archive text) pairs, e.g. the contents of cmd/go/testdata/mod. */
  constructor(files: Iterable<readonly [string, string | Uint8Array]>) {
    const sorted = [...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [file, text] of sorted) {
      this.texts.set(file, text);
      if (!file.endsWith('.txt')) continue;
      const name = file.slice(0, -'.txt'.length);
      const i = name.lastIndexOf('_v');
      if (i < 0) continue;
      let path: string;
      let version: string;
      try {
        path = unescapePath(name.slice(0, i).replaceAll('_', '/'));
        version = unescapeVersion(name.slice(i + 1));
      } catch {
        continue;
      }
      this.modList.push({ path, version });
    }
  }

  /** readArchive: the archive for path@vers, or undefined (not-exist). */
  readArchive(path: string, vers: string): TxtarArchive | undefined {
    let file: string;
    try {
      file = escapePath(path).replaceAll('/', '_') + '_' + escapeVersion(vers) + '.txt';
    } catch {
      return undefined;
    }
    let a = this.archives.get(file);
    if (!a) {
      const text = this.texts.get(file);
      if (text === undefined) return undefined;
      a = parseTxtar(text);
      this.archives.set(file, a);
    }
    return a;
  }

  /** findHash: the Short field of the version's .info section. */
  private findHash(m: ModuleVersion): string {
    const a = this.readArchive(m.path, m.version);
    const info = a?.files.find((f) => f.name === '.info');
    if (!info) return '';
    try {
      const v = JSON.parse(utf8Decode(info.data)) as { Short?: unknown };
      return typeof v?.Short === 'string' ? v.Short : '';
    } catch {
      return '';
    }
  }

  /** The @v/list body for path, or undefined when no archive names the path (404). */
  list(path: string): string | undefined {
    let found = false;
    let out = '';
    for (const m of this.modList) {
      if (m.path !== path) continue;
      found = true;
      if (!isPseudoVersion(m.version) && checkError(m.path, m.version) === null) out += m.version + '\n';
    }
    return found ? out : undefined;
  }

  /** The version @latest resolves to, per proxyHandler (including its comparisons as written). */
  latest(path: string): string | undefined {
    let latestRelease = '';
    let latestPrerelease = '';
    let latestPseudo = '';
    for (const m of this.modList) {
      if (m.path !== path) continue;
      if (isPseudoVersion(m.version) && (latestPseudo === '' || semverCompare(latestPseudo, m.version) > 0)) {
        latestPseudo = m.version;
      } else if (semverPrerelease(m.version) !== '' && (latestPrerelease === '' || semverCompare(latestPrerelease, m.version) > 0)) {
        latestPrerelease = m.version;
      } else if (latestRelease === '' || semverCompare(latestRelease, m.version) > 0) {
        latestRelease = m.version;
      }
    }
    return latestRelease || latestPrerelease || latestPseudo || undefined;
  }

  /** The zip proxyHandler builds for path@vers from its archive. */
  zip(path: string, vers: string, a: TxtarArchive): Uint8Array {
    const key = path + '@' + vers;
    let z = this.zips.get(key);
    if (!z) {
      z = proxyTestZip({ path, version: vers }, a.files);
      this.zips.set(key, z);
    }
    return z;
  }

  /**
   * proxyHandler for a request path below $GOPROXY (which is ".../mod"): e.g.
   * "rsc.io/quote/@v/list", "404/x/@v/list" (that status), "invalid/..." (bad bodies),
   * "redirect/<n>/..." (followed here), "sumdb-<n>/..." prefixes (stripped for module paths).
   */
  handle(reqPath: string): ProxyResponse {
    let path = reqPath.replace(/^\/+/, '');
    if (path.startsWith('invalid/')) return ok(utf8Encode('invalid'));
    const j = path.indexOf('/');
    if (j >= 0) {
      const head = path.slice(0, j);
      if (/^[0-9]+$/.test(head) && Number(head) >= 200) return status(Number(head));
      if (head.startsWith('sumdb-')) {
        const n = head.slice('sumdb-'.length);
        if (/^[0-9]+$/.test(n) && Number(n) >= 200) {
          if (path.slice(j).startsWith('/sumdb/')) return status(Number(n));
          path = path.slice(j + 1);
        }
      }
    }
    if (path.startsWith('sumdb-direct/') || path.startsWith('sumdb-wrong/') || path.startsWith('sumdb/')) {
      return notFound(); // checksum database endpoints are not part of this proxy
    }
    if (path.startsWith('redirect/')) {
      const rest = path.slice('redirect/'.length);
      const k = rest.indexOf('/');
      if (k >= 0) {
        if (!/^[+-]?[0-9]+$/.test(rest.slice(0, k))) return ok(new Uint8Array());
        return this.handle(rest.slice(k + 1)); // the client follows the 302s to $GOPROXY/<rest>
      }
    }

    const li = path.lastIndexOf('/@latest');
    if (li >= 0) {
      const encPath = path.slice(0, li);
      let modPath: string;
      try {
        modPath = unescapePath(encPath);
      } catch {
        return notFound();
      }
      const latest = this.latest(modPath);
      if (latest === undefined) return notFound();
      let encVers: string;
      try {
        encVers = escapeVersion(latest);
      } catch (e) {
        return httpError((e as Error).message, 500);
      }
      path = `${encPath}/@v/${encVers}.info`;
    }

    const i = path.indexOf('/@v/');
    if (i < 0) return notFound();
    const encPath = path.slice(0, i);
    const file = path.slice(i + '/@v/'.length);
    let modPath: string;
    try {
      modPath = unescapePath(encPath);
    } catch {
      return notFound();
    }
    if (file === 'list') {
      const body = this.list(modPath);
      return body === undefined ? notFound() : ok(utf8Encode(body));
    }
    const dot = file.lastIndexOf('.');
    if (dot < 0) return notFound();
    const ext = file.slice(dot + 1);
    let vers: string;
    try {
      vers = unescapeVersion(file.slice(0, dot));
    } catch {
      return notFound();
    }
    if (allHex(vers)) {
      let best = '';
      for (const m of this.modList) {
        if (m.path !== modPath || semverCompare(best, m.version) >= 0) continue;
        const hash = isPseudoVersion(m.version) ? m.version.slice(m.version.lastIndexOf('-') + 1) : this.findHash(m);
        if (hash.startsWith(vers) || vers.startsWith(hash)) best = m.version;
      }
      if (best !== '') vers = best;
    }
    const a = this.readArchive(modPath, vers);
    if (!a) return notFound();
    if (ext === 'info' || ext === 'mod') {
      const f = a.files.find((x) => x.name === '.' + ext);
      if (f) return ok(f.data);
    } else if (ext === 'zip') {
      return ok(this.zip(modPath, vers, a));
    }
    return notFound();
  }

  /** A transport answering URLs below base (normally "http://127.0.0.1:<port>/mod"). */
  transport(base: GoURL): ProxyTransport {
    const basePath = escapedPath(base).replace(/\/+$/, '');
    return {
      get: async (url: GoURL) => {
        const p = escapedPath(url);
        if (!p.startsWith(basePath + '/')) return notFound();
        let rel: string;
        try {
          rel = decodeURIComponent(p.slice(basePath.length + 1));
        } catch {
          return notFound();
        }
        return this.handle(rel);
      },
    };
  }

  /** This proxy as a ModuleSource at baseURL (the $GOPROXY the go command would be given). */
  client(baseURL = 'http://127.0.0.1/mod'): ProxyClient {
    return new ProxyClient(baseURL, this.transport(parseURL(baseURL)));
  }
}
