// file:// module proxies on Node: a directory in the GOPROXY layout, which is also what
// $GOMODCACHE/cache/download is. cmd/go/internal/web: getFile, urlToFilePath.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { formatURL, ProxyClient, statusText, URLError, type GoURL, type ProxyResponse, type ProxyTransport } from '../core/source';

const errnoText: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

function errText(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  return errnoText[code] ?? (e as Error).message;
}

/** web.urlToFilePath on a Unix host. */
export function fileURLToPath(u: GoURL): string {
  if (u.scheme !== 'file') throw new Error('non-file URL');
  let p: string;
  if (u.path === '') {
    if (u.host !== '' || u.opaque === '') throw new Error('file URL missing path');
    p = u.opaque;
  } else {
    if (u.host !== '' && u.host !== 'localhost') throw new Error('file URL specifies non-local host');
    p = u.path;
  }
  if (!isAbsolute(p)) throw new Error('path is not absolute');
  return p;
}

/** file:// URL of an absolute directory, as GOPROXY would name it (web.urlFromFilePath). */
export function fileURLFromPath(dir: string): string {
  if (!isAbsolute(dir)) throw new Error('path is not absolute');
  return formatURL({ scheme: 'file', opaque: '', host: '', path: dir, rawPath: '', rawQuery: '', forceQuery: false, fragment: '' });
}

/** web.getFile: ENOENT → 404, EACCES → 403 (with the OS error), other open errors fail. */
export class FileTransport implements ProxyTransport {
  async get(url: GoURL): Promise<ProxyResponse> {
    const path = fileURLToPath(url);
    try {
      const b = readFileSync(path);
      // A view when the Buffer owns its whole ArrayBuffer (no copy), else a copy.
      const body = b.byteOffset === 0 && b.buffer.byteLength === b.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
      return { statusCode: 200, status: 'OK', body };
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT') return { statusCode: 404, status: statusText(404), body: new Uint8Array(), fileErr: errText(e) };
      if (code === 'EACCES' || code === 'EPERM') return { statusCode: 403, status: statusText(403), body: new Uint8Array(), fileErr: errText(e) };
      if (code === 'EISDIR') {
        // os.Open succeeds on a directory; the read fails (url.Error "read").
        throw new URLError('read', formatURL(url), new Error(`read ${path}: is a directory`));
      }
      throw new Error(`open ${path}: ${errText(e)}`);
    }
  }
}

/** A ModuleSource for a proxy directory (or $GOMODCACHE/cache/download). */
export function fileProxy(dirOrURL: string): ProxyClient {
  const url = dirOrURL.startsWith('file:') ? dirOrURL : fileURLFromPath(dirOrURL);
  return new ProxyClient(url, new FileTransport());
}
