// A module cache go cannot use ($GOMODCACHE empty or relative): commands that never touch the
// cache run normally, and the error comes where go's checkCacheDir reports it.
// cmd/go/internal/modfetch/cache.go: checkCacheDir (called by cacheDir, CachePath, DownloadDir,
// SideLock, lockVersion), readDisk* (any error is a miss), writeDiskStat/writeDiskGoMod (no file,
// nothing written); fetch.go: Download (base.Fatal of checkCacheDir's error before any work).

import type { CacheFile, ModuleCache } from './cache';
import { goQuote } from './module';

/** checkCacheDir's error for a GOMODCACHE value, or undefined when it is usable (absolute). */
export function cacheDirError(gomodcache: string): string | undefined {
  if (gomodcache === '') return 'module cache not found: neither GOMODCACHE nor GOPATH is set';
  if (!gomodcache.startsWith('/')) return `GOMODCACHE entry is relative; must be absolute path: ${goQuote(gomodcache)}.\n`;
  return undefined;
}

// .info and .mod files (and @v/list after a .mod) are written from a path readDisk* could not
// compute: go skips the write silently. Anything else is a download, a lock or SideLock.
const skippedWrite = /^cache\/download\/.*\/@v\/(list|[^/]+\.(info|mod))$/;

/**
 * The cache for an unusable GOMODCACHE: reads miss, metadata writes are dropped, and
 * downloads, locks and trees end the command with checkCacheDir's error ("go: " + text, exit 1).
 */
export class UnusableCache implements ModuleCache {
  constructor(
    readonly root: string,
    private readonly message: string,
  ) {}

  checkDir(): never {
    this.fail();
  }

  private fail(): never {
    const text = 'go: ' + this.message;
    throw Object.assign(new Error(text.endsWith('\n') ? text : text + '\n'), { fatal: true });
  }

  async read(): Promise<Uint8Array | undefined> {
    return undefined;
  }
  async write(rel: string): Promise<void> {
    if (!skippedWrite.test(rel)) this.fail();
  }
  async remove(): Promise<void> {
    this.fail();
  }
  async exists(): Promise<boolean> {
    return false;
  }
  async list(): Promise<string[]> {
    return [];
  }
  async writeTree(_dir: string, _files: readonly CacheFile[]): Promise<void> {
    this.fail();
  }
  async removeTree(): Promise<void> {
    this.fail();
  }
}
