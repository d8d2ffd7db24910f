// Reading package directories for the loader: the main module and directory replacements
// through the Workspace, downloaded modules through the module cache (cmd/go/internal/fsys,
// modindex: IsDirWithGoFiles, the per-directory file lists scanDir reads).
import { cacheAbs } from '../../cache';
import { filterScanResult, indexedSources, indexGoFile, loadScanDir, scanIndexedFiles, type IndexedGoFile, type ScanDirResult, type ScanMode, type SourceFile } from '../../imports/dirs';
import type { Tags } from '../../imports/match';
import { CacheIndex, goIndexOff, type ModIndexDeps, type TreeGroups } from '../../modindex/moduleIndex';
import type { ModState } from '../state';
import { defaultGoRoot } from './stdlib';

const dirOf = (p: string) => {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
};

/** One module tree in the cache, indexed by directory (absolute paths). */
interface CacheTree {
  byDir: Map<string, string[]>;
  rel: string;
  /** A module's tree ("path@version", not cache/...) with files: an empty one may not be extracted yet. */
  indexable: boolean;
}

export class PackageFS {
  private readonly cacheRoot: string;
  private readonly trees = new Map<string, Promise<CacheTree>>();
  private readonly goModCache = new Map<string, Promise<boolean>>();
  private readonly goFilesCache = new Map<string, Promise<boolean>>();
  private readonly readDirCache = new Map<string, Promise<string[]>>();
  private readonly indexedDirs = new Map<string, Promise<IndexedGoFile[]>>();
  private readonly unindexableDirs = new Map<string, Promise<boolean>>();
  private readonly goRootSrc: string;
  /**
   * How scanDir reads package directories: without go's module index (GODEBUG=goindex=0 or the
   * build cache off: modindex/read.go GetModule, errDisabled) go reads them with imports.ScanDir.
   */
  readonly scanMode: ScanMode;
  /** The module index of the cache (modindex.GetModule), when the deps carry a store. */
  private readonly index: CacheIndex | undefined;

  constructor(private readonly s: ModState) {
    this.cacheRoot = cacheAbs(s.deps.cache, '').replace(/\/+$/, '');
    this.goRootSrc = (s.getenv('GOROOT') || defaultGoRoot) + '/src/'; // import.ts goRoot
    this.scanMode = goIndexOff(s.getenv('GODEBUG')) || goCacheOff((k) => s.getenv(k)) ? 'direct' : 'index';
    const store = (s.deps as ModIndexDeps).modIndex;
    // One shard per module cache and set of main modules (what this process will read).
    this.index = store && new CacheIndex(store, () => [this.cacheRoot, ...mainRoots(s)].join('\n'));
  }

  /** Whether dir lies in the module cache (a downloaded module). */
  inCache(dir: string): boolean {
    // An unusable GOMODCACHE ('' or relative) holds nothing: no absolute path lies in it.
    return this.cacheRoot.startsWith('/') && dir.startsWith(this.cacheRoot + '/');
  }

  /** The module tree in the cache holding dir: its root is the "path@version" element. */
  private cacheTree(dir: string): Promise<CacheTree> {
    const rest = dir.slice(this.cacheRoot.length + 1);
    const parts = rest.split('/');
    let n = parts.findIndex((p) => p.includes('@'));
    const isModule = n >= 0 && parts[0] !== 'cache';
    if (n < 0) n = parts.length - 1;
    const rel = parts.slice(0, n + 1).join('/');
    let t = this.trees.get(rel);
    if (!t) {
      t = (async () => {
        const root = this.cacheRoot + '/' + rel;
        // The files by directory (suffix of the directory's path after root), as listed.
        const list = async (): Promise<TreeGroups> => {
          const groups = new Map<string, string[]>();
          for (const f of await this.s.deps.cache.list(rel)) {
            const abs = this.cacheRoot + '/' + f;
            const d = dirOf(abs);
            const k = d.slice(root.length);
            let l = groups.get(k);
            if (!l) groups.set(k, (l = []));
            l.push(abs.slice(d.length + 1));
          }
          return [...groups];
        };
        const files = this.index && isModule ? await this.index.tree(rel, list) : await list();
        const byDir = new Map<string, string[]>();
        for (const [k, names] of files) byDir.set(root + k, names);
        return { byDir, rel, indexable: isModule && files.length > 0 };
      })();
      this.trees.set(rel, t);
    }
    return t;
  }

  /** The regular files directly inside dir (names). */
  async filesIn(dir: string): Promise<string[]> {
    if (this.inCache(dir)) return (await this.cacheTree(dir)).byDir.get(dir) ?? [];
    return (await this.readDir(dir)).filter((n) => !n.endsWith('/'));
  }

  private readDir(dir: string): Promise<string[]> {
    let p = this.readDirCache.get(dir);
    if (!p) {
      p = this.s.files.readDir(dir).catch(() => []);
      this.readDirCache.set(dir, p);
    }
    return p;
  }

  /** The subdirectories directly inside a Workspace directory (names, no slash). */
  async subdirs(dir: string): Promise<string[]> {
    return (await this.readDir(dir)).filter((n) => n.endsWith('/')).map((n) => n.slice(0, -1));
  }

  async exists(path: string): Promise<boolean> {
    if (this.inCache(path)) {
      const t = await this.cacheTree(path);
      if (t.byDir.has(path)) return true;
      for (const d of t.byDir.keys()) if (d.startsWith(path + '/')) return true;
      return (t.byDir.get(dirOf(path)) ?? []).includes(path.slice(dirOf(path).length + 1));
    }
    return (await this.s.files.stat(path)) !== undefined;
  }

  /** A go.mod file in d (local trees only). */
  hasGoMod(d: string): Promise<boolean> {
    let p = this.goModCache.get(d);
    if (!p) {
      p = this.s.files.stat(d + '/go.mod').then((x) => x === 'file');
      this.goModCache.set(d, p);
    }
    return p;
  }

  /** fsys.IsDirWithGoFiles */
  isDirWithGoFiles(dir: string): Promise<boolean> {
    let p = this.goFilesCache.get(dir);
    if (!p) {
      p = this.filesIn(dir).then((fs) => fs.some((n) => n.endsWith('.go')));
      this.goFilesCache.set(dir, p);
    }
    return p;
  }

  /** A file's contents (module cache or Workspace). */
  async read(path: string): Promise<Uint8Array | undefined> {
    if (this.inCache(path)) return this.s.deps.cache.read(path.slice(this.cacheRoot.length + 1));
    return this.s.files.read(path);
  }

  /** The regular files and subdirectories directly inside dir (names, sorted). */
  async entries(dir: string): Promise<{ files: string[]; dirs: string[] }> {
    if (this.inCache(dir)) {
      const t = await this.cacheTree(dir);
      const dirs = new Set<string>();
      for (const d of t.byDir.keys()) if (d.startsWith(dir + '/')) dirs.add(d.slice(dir.length + 1).split('/')[0]!);
      return { files: [...(t.byDir.get(dir) ?? [])].sort(), dirs: [...dirs].sort() };
    }
    const all = await this.readDir(dir);
    return { files: all.filter((n) => !n.endsWith('/')), dirs: all.filter((n) => n.endsWith('/')).map((n) => n.slice(0, -1)) };
  }

  /**
   * modload/load.go: scanDir (with its filter) for a package directory (mode: scanMode unless
   * given). In the module cache, with the index on, from the directory's index records
   * (modindex.GetPackage).
   */
  async scanDir(dir: string, tags: Tags, mode: ScanMode = this.scanMode): Promise<ScanDirResult> {
    if (mode === 'index' && this.inCache(dir)) return filterScanResult(scanIndexedFiles(await this.indexedDir(dir), tags));
    if (mode === 'index' && (await this.unindexable(dir))) mode = 'direct';
    return loadScanDir(await this.sources(dir), tags, dir, mode);
  }

  /**
   * How go reads dir's package facts and imports: through the module index, or — index off, or a
   * directory outside the module cache that the index refuses — directly (load/pkg.go:
   * loadPackageData's build.ImportDir, modload's imports.ScanDir).
   */
  async importMode(dir: string): Promise<ScanMode> {
    if (this.scanMode === 'direct' || this.inCache(dir)) return this.scanMode;
    return (await this.unindexable(dir)) ? 'direct' : 'index';
  }

  /**
   * modindex/read.go GetPackage: outside the module cache go indexes a package directory on its
   * own (openIndexPackage), unless dirHash refuses it (fresh or irregular files); GOROOT's
   * installed files are taken as indexable without looking.
   */
  private unindexable(dir: string): Promise<boolean> {
    let p = this.unindexableDirs.get(dir);
    if (!p) {
      const files = this.s.files;
      p = files.unindexable && !dir.startsWith(this.goRootSrc) ? files.unindexable(dir) : Promise.resolve(false);
      this.unindexableDirs.set(dir, p);
    }
    return p;
  }

  /** The index records of the .go files of a module cache directory. */
  private indexedDir(dir: string): Promise<IndexedGoFile[]> {
    let p = this.indexedDirs.get(dir);
    if (!p) {
      p = (async () => {
        const build = async () => indexedSources(await this.sources(dir)).map(indexGoFile);
        const t = await this.cacheTree(dir);
        if (!this.index || !t.indexable) return build();
        const root = this.cacheRoot + '/' + t.rel;
        // Only clean paths name a directory's records ("a//b", "a/" would alias others).
        const rel = dir === root ? '' : dir.slice(root.length + 1);
        if (dir !== root && rel.split('/').some((e) => e === '' || e === '.' || e === '..')) return build();
        return this.index.dir(t.rel, rel, build);
      })();
      this.indexedDirs.set(dir, p);
    }
    return p;
  }

  /** The files of dir with contents, for scanning. */
  async sources(dir: string): Promise<SourceFile[]> {
    const names = (await this.filesIn(dir)).filter((n) => n.endsWith('.go'));
    const out: SourceFile[] = [];
    for (const n of names) {
      const p = dir + '/' + n;
      const data = this.inCache(p) ? await this.s.deps.cache.read(p.slice(this.cacheRoot.length + 1)) : await this.s.files.read(p);
      if (data !== undefined) out.push({ name: n, content: data });
    }
    return out;
  }
}

/** The roots of the main modules ("" for none), the index shard's scope. */
function mainRoots(s: ModState): string[] {
  const mms = s.mainModules;
  return mms ? mms.versions().map((m) => mms.getModRoot(m)) : [];
}

/**
 * cache/default.go: DefaultDir is "off" — GOCACHE=off or a relative GOCACHE. (Unset with no user
 * cache dir is off too in go; an environment without HOME, as the browser's, is taken to have one.)
 */
function goCacheOff(getenv: (k: string) => string): boolean {
  const g = getenv('GOCACHE');
  return g !== '' && !g.startsWith('/');
}
