// file:// GOPROXY entries in the page: directories held in memory (the demo or a pasted
// universe's proxy, an uploaded $GOMODCACHE/cache/download folder), answered as
// cmd/go/internal/web getFile answers for a directory on disk (missing → 404 "no such file").
import { statusText, type GoURL, type ProxyResponse, type ProxyTransport } from '../core/source';

export class MemFileTransport implements ProxyTransport {
  /** mount point (absolute dir, no trailing slash) → files by path relative to it */
  constructor(private readonly mounts: Map<string, Map<string, Uint8Array>>) {}

  async get(url: GoURL, signal?: AbortSignal): Promise<ProxyResponse> {
    signal?.throwIfAborted();
    const p = url.path;
    for (const [dir, files] of this.mounts) {
      if (!p.startsWith(dir + '/')) continue;
      const body = files.get(p.slice(dir.length + 1));
      if (body) return { statusCode: 200, status: 'OK', body };
    }
    return { statusCode: 404, status: statusText(404), body: new Uint8Array(), fileErr: 'no such file or directory' };
  }
}
