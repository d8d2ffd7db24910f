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

/** GODEBUG's last goindex setting is "0": go's module index is off (modindex/read.go: enabled). */
export function goIndexOff(godebug: string | undefined): boolean {
  let off = false;
  for (const kv of (godebug ?? '').split(',')) {
    const eq = kv.indexOf('=');
    if (eq >= 0 && kv.slice(0, eq).trim() === 'goindex') off = kv.slice(eq + 1).trim() === '0';
  }
  return off;
}

/** FetchDeps may carry the store (the CLI's disk store, the browser's memory store). */
export interface ModIndexDeps {
  modIndex?: ModIndexStore;
}

type FileTuple = [name: string, error: 0 | 1, imports: string[], goBuild: string, plusBuild: string[]];

/**
 * A module tree's files grouped by directory: [directory, names] pairs, the directory as the
 * suffix of its path after the module root ("" for the root, else "/sub/dir"), in first-seen order.
 */
export type TreeGroups = [dir: string, names: string[]][];

/**
 * A directory's records as stored (undefined for a value that is not one). Records are
 * checksummed and the format is versioned (INDEX_FORMAT): only the shape is checked here.
 */
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
    if (!Array.isArray(t) || t.length !== 5 || typeof t[0] !== 'string' || !Array.isArray(t[2]) || !Array.isArray(t[4])) return undefined;
    const [name, error, imports, goBuild, plusBuild] = t as FileTuple;
    out.push({ name, error: error === 1, imports, goBuild, plusBuild });
  }
  return out;
}

export function encodeDirRecords(files: readonly IndexedGoFile[]): string {
  return JSON.stringify(files.map((f): FileTuple => [f.name, f.error ? 1 : 0, f.imports, f.goBuild, f.plusBuild]));
}

/** A module tree's groups as stored. */
export function decodeTree(text: string): TreeGroups | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((g) => Array.isArray(g) && g.length === 2 && typeof g[0] === 'string' && Array.isArray(g[1])) ? (v as TreeGroups) : undefined;
  } catch {
    return undefined;
  }
}

/** Record keys: a module's "path@version" holds no space (module.CheckPath, semver). */
const treeKey = (modRel: string) => 't ' + modRel;
const dirKey = (modRel: string, dirRel: string) => 'd ' + modRel + ' ' + dirRel;
const keyOK = (s: string) => !/[\n\x1e]/.test(s);

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

  /** The files of the module tree at modRel, by directory. */
  async tree(modRel: string, build: () => Promise<TreeGroups>): Promise<TreeGroups> {
    const sh = keyOK(modRel) ? await this.open() : undefined;
    const b = sh?.get(treeKey(modRel));
    const have = b && decodeTree(b);
    if (have) return have;
    const groups = await build();
    // An empty tree may be one not extracted yet: never recorded.
    if (sh && groups.length > 0) sh.put(treeKey(modRel), JSON.stringify(groups));
    return groups;
  }

  /** The .go file records of directory dirRel ("" for the root) of the module tree at modRel. */
  async dir(modRel: string, dirRel: string, build: () => Promise<IndexedGoFile[]>): Promise<IndexedGoFile[]> {
    const key = dirKey(modRel, dirRel);
    const sh = keyOK(key) ? await this.open() : undefined;
    const b = sh?.get(key);
    const have = b && decodeDirRecords(b);
    if (have) return have;
    const files = await build();
    sh?.put(key, encodeDirRecords(files));
    return files;
  }
}
