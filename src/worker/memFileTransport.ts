// file:// GOPROXY entries in the page: directories held in memory (the demo or a pasted
// universe's proxy), or an uploaded $GOMODCACHE/cache/download folder mounted lazily (File
// objects of a folder input, or a FileSystemDirectoryHandle walked along the requested path only;
// read only when go asks for that path), answered as cmd/go/internal/web getFile answers for a
// directory on disk (missing → 404 "no such file", unreadable → 403 "permission denied").
import { statusText, type GoURL, type ProxyResponse, type ProxyTransport } from '../core/source';
import { readThroughHandle } from '../io/folderMount';

/** A lazily read mount: picked files by relative path, or a directory handle; reads are recorded. */
export interface LazyMount {
  files?: Map<string, Blob>;
  handle?: FileSystemDirectoryHandle;
  reads: string[];
}

export class MemFileTransport implements ProxyTransport {
  /** mount point (absolute dir, no trailing slash) → files by path relative to it */
  constructor(
    private readonly mounts: Map<string, Map<string, Uint8Array>>,
    private readonly lazy: Map<string, LazyMount> = new Map(),
  ) {}

  async get(url: GoURL, signal?: AbortSignal): Promise<ProxyResponse> {
    signal?.throwIfAborted();
    const p = url.path;
    for (const [dir, files] of this.mounts) {
      if (!p.startsWith(dir + '/')) continue;
      const body = files.get(p.slice(dir.length + 1));
      if (body) return { statusCode: 200, status: 'OK', body };
    }
    for (const [dir, m] of this.lazy) {
      if (!p.startsWith(dir + '/')) continue;
      const rel = p.slice(dir.length + 1);
      if (m.handle) {
        const r = await readThroughHandle(m.handle, rel);
        if ('missing' in r) {
          if (r.missing === 'permission denied') return { statusCode: 403, status: statusText(403), body: new Uint8Array(), fileErr: r.missing };
          continue;
        }
        m.reads.push(rel);
        return { statusCode: 200, status: 'OK', body: r.data };
      }
      const blob = m.files?.get(rel);
      if (!blob) continue;
      m.reads.push(rel);
      return { statusCode: 200, status: 'OK', body: new Uint8Array(await blob.arrayBuffer()) };
    }
    return { statusCode: 404, status: statusText(404), body: new Uint8Array(), fileErr: 'no such file or directory' };
  }
}
