// The module index (cmd/go/internal/modindex: GetModule, openIndexModule) as modscope's package
// loader uses it: for a module tree inside the module cache, which is immutable, the list of
// its files and, per package directory, the scan records of its .go files (dirs.ts:
// IndexedGoFile) are kept in a store and trusted on later runs without looking at the files.
// Like go's, the index is keyed by the module's root and the index format, with no check of the
// files (modindex/read.go: moduleHash); directories outside the cache are never indexed.
// Records are made lazily: a module's file list when it is first read, a directory's records
// when it is first scanned.
import type { IndexedGoFile } from '../imports/dirs';
import { INDEX_FORMAT, shardHash, type IndexShard, type ModIndexStore } from './store';

/** FetchDeps may carry the store (the CLI's disk store, the browser's memory store). */
export interface ModIndexDeps {
  modIndex?: ModIndexStore;
}

type FileTuple = [name: string, error: 0 | 1, imports: string[], goBuild: string, plusBuild: string[]];


function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** A directory's records as stored (undefined for a value that is not one). */
export function decodeDirRecords(text: string): IndexedGoFile[] | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const out: IndexedGoFile[] = [];
  for (const t of v as unknown[]) {
    if (!Array.isArray(t) || t.length !== 5) return undefined;
    const [name, error, imports, goBuild, plusBuild] = t as unknown[];
    if (typeof name !== 'string' || (error !== 0 && error !== 1) || !isStrings(imports) || typeof goBuild !== 'string' || !isStrings(plusBuild)) return undefined;
    out.push({ name, error: error === 1, imports, goBuild, plusBuild });
  }
  return out;
}

export function encodeDirRecords(files: readonly IndexedGoFile[]): string {
  return JSON.stringify(files.map((f): FileTuple => [f.name, f.error ? 1 : 0, f.imports, f.goBuild, f.plusBuild]));
}

/** A module tree's file list as stored. */
export function decodeFileList(text: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isStrings(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The index of one module cache for one set of main modules: one shard of the store, opened
 * on first use. Every method falls back to building (and then records) what the shard lacks.
 */
export class CacheIndex {
  private shard: Promise<IndexShard | undefined> | undefined;

  constructor(
    private readonly store: ModIndexStore,
    private readonly identity: () => string,
  ) {}

  private open(): Promise<IndexShard | undefined> {
    this.shard ??= (async () => {
      const id = INDEX_FORMAT + '\n' + this.identity();
      let sh: IndexShard;
      try {
        sh = await this.store.open(shardHash(id));
      } catch {
        return undefined; // an unreadable store: no index
      }
      const have = sh.get('');
      if (have === undefined) sh.put('', JSON.stringify(id));
      else if (have !== JSON.stringify(id)) return undefined; // a hash collision: keep away
      return sh;
    })();
    return this.shard;
  }

  /** The files of the module tree at modRel (paths relative to its root). */
  async files(modRel: string, build: () => Promise<string[]>): Promise<string[]> {
    const key = JSON.stringify(['t', modRel]);
    const sh = await this.open();
    const b = sh?.get(key);
    const have = b && decodeFileList(b);
    if (have) return have;
    const list = await build();
    // An empty list may be a tree not extracted yet: never recorded.
    if (sh && list.length > 0) sh.put(key, JSON.stringify(list));
    return list;
  }

  /** The .go file records of directory dirRel ("" for the root) of the module tree at modRel. */
  async dir(modRel: string, dirRel: string, build: () => Promise<IndexedGoFile[]>): Promise<IndexedGoFile[]> {
    const key = JSON.stringify(['d', modRel, dirRel]);
    const sh = await this.open();
    const b = sh?.get(key);
    const have = b && decodeDirRecords(b);
    if (have) return have;
    const files = await build();
    sh?.put(key, encodeDirRecords(files));
    return files;
  }
}
