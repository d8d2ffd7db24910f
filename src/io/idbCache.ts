// A ModuleCache in IndexedDB (the page's persistent cache) via idb-keyval: one key per file,
// the relative $GOMODCACHE path. A file or a whole extracted tree is written in a single
// transaction, so a quota failure leaves nothing half-written; it surfaces as CacheQuotaError.
import { createStore, del, get, promisifyRequest, set, setMany, type UseStore } from 'idb-keyval';
import { CacheQuotaError, type CacheFile, type ModuleCache } from '../core/cache';
import { compareStrings } from '../core/semver';

function norm(rel: string): string {
  return rel.replace(/^\/+|\/+$/g, '');
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return true;
  const inner = (e as { error?: unknown; target?: { error?: unknown } } | null)?.target?.error;
  return (inner as { name?: string } | null)?.name === 'QuotaExceededError';
}

export class IdbCache implements ModuleCache {
  private readonly store: UseStore;

  constructor(
    opts: { dbName?: string; storeName?: string; store?: UseStore } = {},
    readonly root = '/gomodcache',
  ) {
    this.store = opts.store ?? createStore(opts.dbName ?? 'modscope-gomodcache', opts.storeName ?? 'files');
  }

  private async guard<T>(what: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (isQuotaError(e)) throw new CacheQuotaError(what, e);
      throw e;
    }
  }

  async read(rel: string): Promise<Uint8Array | undefined> {
    const v = await get<Uint8Array>(norm(rel), this.store);
    return v === undefined ? undefined : new Uint8Array(v);
  }

  write(rel: string, data: Uint8Array): Promise<void> {
    const key = norm(rel);
    return this.guard(key, () => set(key, data.slice(), this.store));
  }

  remove(rel: string): Promise<void> {
    return del(norm(rel), this.store);
  }

  private keysUnder(prefix: string, limit?: number): Promise<string[]> {
    return this.store('readonly', (s) =>
      promisifyRequest(s.getAllKeys(prefix === '' ? undefined : IDBKeyRange.bound(prefix, prefix + '\uffff'), limit)),
    ) as Promise<string[]>;
  }

  async exists(rel: string): Promise<boolean> {
    const r = norm(rel);
    if ((await this.keysUnder(r, 1)).length > 0 && (await get(r, this.store)) !== undefined) return true;
    return (await this.keysUnder(r + '/', 1)).length > 0;
  }

  async list(dir: string): Promise<string[]> {
    const d = norm(dir);
    return (await this.keysUnder(d === '' ? '' : d + '/')).sort(compareStrings);
  }

  /** The whole tree in one transaction: all files or none. */
  writeTree(dir: string, files: readonly CacheFile[]): Promise<void> {
    const d = norm(dir);
    return this.guard(d, () => setMany(files.map((f) => [d + '/' + norm(f.name), f.data.slice()]), this.store));
  }

  async removeTree(dir: string): Promise<void> {
    const keys = await this.list(dir);
    await this.store('readwrite', (s) => {
      for (const k of keys) s.delete(k);
      return promisifyRequest(s.transaction);
    });
  }
}
