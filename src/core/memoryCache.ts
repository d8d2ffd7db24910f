// An in-memory ModuleCache (tests, and pages that must not persist anything).
import type { CacheFile, ModuleCache } from './cache';
import { compareStrings } from './semver';

function norm(rel: string): string {
  return rel.replace(/^\/+|\/+$/g, '');
}

export class MemoryCache implements ModuleCache {
  private readonly files = new Map<string, Uint8Array>();

  constructor(readonly root = '/gomodcache') {}

  async read(rel: string): Promise<Uint8Array | undefined> {
    const d = this.files.get(norm(rel));
    return d === undefined ? undefined : d.slice();
  }

  async write(rel: string, data: Uint8Array): Promise<void> {
    this.files.set(norm(rel), data.slice());
  }

  async remove(rel: string): Promise<void> {
    this.files.delete(norm(rel));
  }

  async exists(rel: string): Promise<boolean> {
    const r = norm(rel);
    if (this.files.has(r)) return true;
    const prefix = r + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  async list(dir: string): Promise<string[]> {
    const d = norm(dir);
    const prefix = d === '' ? '' : d + '/';
    return [...this.files.keys()].filter((k) => k.startsWith(prefix)).sort(compareStrings);
  }

  async writeTree(dir: string, files: readonly CacheFile[]): Promise<void> {
    const d = norm(dir);
    for (const f of files) this.files.set(d + '/' + norm(f.name), f.data.slice());
  }

  async removeTree(dir: string): Promise<void> {
    const d = norm(dir);
    const prefix = d === '' ? '' : d + '/'; // '' is the whole cache (go clean -modcache)
    for (const k of [...this.files.keys()]) if (k.startsWith(prefix)) this.files.delete(k);
  }

  /** Number of files stored. */
  get size(): number {
    return this.files.size;
  }
}
