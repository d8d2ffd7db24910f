// A ModuleCache in front of a slow one (the page's IndexedDB cache, where every read, stat and
// listing is a storage transaction): the names of all its files are read once, in one listing,
// and kept up to date by the writes made through it; file contents are remembered up to a byte
// budget. A command's thousands of stats and reads of module-cache files (go.mod files, .ziphash,
// extracted sources: written once, then only read) then cost no round trip. Writes and removals
// go to the store first and are reflected here only when they succeeded. Another writer of the
// same store (another tab) is not seen: whoever knows of one calls invalidate().
import type { CacheFile, ModuleCache } from './cache';
import { compareStrings } from './semver';

function norm(rel: string): string {
  return rel.replace(/^\/+|\/+$/g, '');
}

const parentOf = (k: string): string => {
  const i = k.lastIndexOf('/');
  return i < 0 ? '' : k.slice(0, i);
};
const baseOf = (k: string): string => k.slice(k.lastIndexOf('/') + 1);

/** Every file name of the store, and the implicit directories above them (the root is ''). */
class NameIndex {
  readonly files = new Set<string>();
  /** directory → the names in it (files and directories) */
  readonly dirs = new Map<string, Set<string>>();

  constructor(keys: Iterable<string>) {
    for (const k of keys) this.add(k);
  }

  add(key: string): void {
    if (this.files.has(key)) return;
    this.files.add(key);
    for (let k = key; ; k = parentOf(k)) {
      const dir = parentOf(k);
      let names = this.dirs.get(dir);
      const known = names !== undefined;
      if (!names) this.dirs.set(dir, (names = new Set()));
      names.add(baseOf(k));
      if (known || dir === '') return;
    }
  }

  remove(key: string): void {
    if (!this.files.delete(key)) return;
    for (let k = key; !this.files.has(k) && !this.dirs.has(k); k = parentOf(k)) {
      const dir = parentOf(k);
      const names = this.dirs.get(dir);
      if (!names) return;
      names.delete(baseOf(k));
      if (names.size > 0) return;
      this.dirs.delete(dir);
      if (dir === '') return;
    }
  }

  /** A file, or a directory with files below it (the stores say no of the root itself). */
  exists(key: string): boolean {
    return this.files.has(key) || (key !== '' && this.dirs.has(key));
  }

  /** The files below dir, recursively, sorted. */
  below(dir: string): string[] {
    if (dir === '') return [...this.files].sort(compareStrings);
    const out: string[] = [];
    const walk = (d: string) => {
      for (const name of this.dirs.get(d) ?? []) {
        const k = d + '/' + name;
        if (this.files.has(k)) out.push(k);
        if (this.dirs.has(k)) walk(k);
      }
    };
    walk(dir);
    return out.sort(compareStrings);
  }
}

export interface MemoCacheOptions {
  /** Bytes of file contents kept (least recently used dropped first); default 64 MiB. */
  budget?: number;
  /** Larger files are read through every time; default 8 MiB. */
  maxFile?: number;
  /** Called after every change made through this cache (to tell other users of the store). */
  onChange?: () => void;
}

export class MemoCache implements ModuleCache {
  readonly root: string;
  private index?: Promise<NameIndex>;
  /** Contents by key, in least-recently-used order. */
  private readonly data = new Map<string, Uint8Array>();
  private bytes = 0;
  /** Bumped by every change: a read that overlapped one is not remembered. */
  private epoch = 0;
  private readonly budget: number;
  private readonly maxFile: number;
  readonly statExists?: (rel: string) => Promise<boolean>;
  readonly statRegular?: (rel: string) => Promise<boolean>;
  readonly readDirNames?: (rel: string) => Promise<string[] | undefined>;
  readonly checkDir?: () => void;

  constructor(
    private readonly inner: ModuleCache,
    private readonly opts: MemoCacheOptions = {},
  ) {
    this.root = inner.root;
    this.budget = opts.budget ?? 64 << 20;
    this.maxFile = opts.maxFile ?? 8 << 20;
    // The optional stats exist here when the store has them, so that callers choose as before.
    if (inner.statExists) this.statExists = async (rel) => ((await this.names())?.exists(norm(rel)) ?? inner.statExists!(rel));
    if (inner.statRegular) this.statRegular = async (rel) => ((await this.names())?.files.has(norm(rel)) ?? inner.statRegular!(rel));
    if (inner.readDirNames) {
      this.readDirNames = async (rel) => {
        const ix = await this.names();
        if (!ix) return inner.readDirNames!(rel);
        const names = ix.dirs.get(norm(rel));
        return names ? [...names] : undefined;
      };
    }
    if (inner.checkDir) this.checkDir = () => inner.checkDir!();
  }

  /** Forgets everything (the store was changed by someone else). */
  invalidate(): void {
    this.epoch++;
    this.index = undefined;
    this.data.clear();
    this.bytes = 0;
  }

  /** The name index, listed from the store on first use; undefined when that listing fails. */
  private async names(): Promise<NameIndex | undefined> {
    if (!this.index) {
      const p = this.inner.list('').then((keys) => new NameIndex(keys));
      this.index = p;
      // a failed listing is tried again at the next use
      p.catch(() => {
        if (this.index === p) this.index = undefined;
      });
    }
    try {
      return await this.index;
    } catch {
      return undefined;
    }
  }

  private remember(key: string, d: Uint8Array): void {
    if (d.length > this.maxFile) return;
    this.forget(key);
    this.data.set(key, d);
    this.bytes += d.length;
    for (const [k, v] of this.data) {
      if (this.bytes <= this.budget) break;
      this.data.delete(k);
      this.bytes -= v.length;
    }
  }

  private forget(key: string): void {
    const old = this.data.get(key);
    if (old === undefined) return;
    this.data.delete(key);
    this.bytes -= old.length;
  }

  /**
   * Runs a change in the store. Then the contents it may have replaced are forgotten; files it wrote
   * are remembered as written (they are read next: a download's tree by the package loader) and
   * added to the index, or removed from it; after a failed change, whose extent is unknown, the
   * index is listed anew.
   */
  private async change(
    op: () => Promise<void>,
    dropped: readonly string[] | ((key: string) => boolean),
    written?: () => [string, Uint8Array][],
    removed?: (ix: NameIndex) => void,
  ): Promise<void> {
    let ok = false;
    try {
      await op();
      ok = true;
    } finally {
      this.epoch++;
      if (typeof dropped === 'function') {
        for (const k of [...this.data.keys()]) if (dropped(k)) this.forget(k);
      } else for (const k of dropped) this.forget(k);
      if (!ok) this.index = undefined;
      const ix = this.index ? await this.names() : undefined;
      if (ok) {
        for (const [k, d] of written?.() ?? []) {
          ix?.add(k);
          this.remember(k, d);
        }
        if (ix) removed?.(ix);
      }
      this.opts.onChange?.();
    }
  }

  async read(rel: string): Promise<Uint8Array | undefined> {
    const key = norm(rel);
    const ix = await this.names();
    if (ix && !ix.files.has(key)) return undefined;
    const hit = this.data.get(key);
    if (hit !== undefined) {
      this.data.delete(key);
      this.data.set(key, hit);
      return hit.slice();
    }
    const epoch = this.epoch;
    const d = await this.inner.read(rel);
    if (d !== undefined && epoch === this.epoch) this.remember(key, d.slice());
    return d;
  }

  async exists(rel: string): Promise<boolean> {
    const ix = await this.names();
    return ix ? ix.exists(norm(rel)) : this.inner.exists(rel);
  }

  async list(dir: string): Promise<string[]> {
    const ix = await this.names();
    return ix ? ix.below(norm(dir)) : this.inner.list(dir);
  }

  write(rel: string, data: Uint8Array): Promise<void> {
    const key = norm(rel);
    const copy = data.slice();
    return this.change(
      () => this.inner.write(rel, data),
      [key],
      () => [[key, copy]],
    );
  }

  remove(rel: string): Promise<void> {
    const key = norm(rel);
    return this.change(
      () => this.inner.remove(rel),
      [key],
      undefined,
      (ix) => ix.remove(key),
    );
  }

  writeTree(dir: string, files: readonly CacheFile[]): Promise<void> {
    const d = norm(dir);
    const written = files.map((f): [string, Uint8Array] => [d + '/' + norm(f.name), f.data.slice()]);
    return this.change(
      () => this.inner.writeTree(dir, files),
      written.map(([k]) => k),
      () => written,
    );
  }

  removeTree(dir: string): Promise<void> {
    const d = norm(dir);
    return this.change(
      () => this.inner.removeTree(dir),
      (k) => d === '' || k.startsWith(d + '/'),
      undefined,
      (ix) => {
        for (const k of ix.below(d)) ix.remove(k);
      },
    );
  }
}
