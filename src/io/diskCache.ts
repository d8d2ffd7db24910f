// A ModuleCache on disk in exactly Go's layout, so real go can use what modscope writes and
// modscope can read what go wrote. cmd/go/internal/modfetch/cache.go: writeDiskCache,
// tempFile; fetch.go: makeDirsReadOnly, RemoveAll; x/mod/zip: Unzip (files 0444).
// Every call is synchronous: on Node each thread-pool round trip (an open, a write, a close, a
// rename, a mkdir each) costs a wake-up of a pool thread and of the event loop, which was most of
// a cold `go mod download`'s CPU; go, too, makes these calls blocking (one goroutine per module).
// A miss is checked without a thrown error. Directories made once are remembered. With
// modCacheRW (-modcacherw, cfg.ModCacheRW) extracted directories stay writable, as go's download
// skips makeDirsReadOnly; files are 0444 either way (Unzip).
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { CacheFile, ModuleCache } from '../core/cache';
import { compareStrings } from '../core/semver';

function norm(rel: string): string {
  // The common case, checked without allocating: no slash at either end, no ".." anywhere.
  if (rel.charCodeAt(0) !== 0x2f && rel.charCodeAt(rel.length - 1) !== 0x2f && !rel.includes('..')) return rel;
  const r = rel.replace(/^\/+|\/+$/g, '');
  if (r.split('/').some((s) => s === '..')) throw new Error(`invalid module cache path ${JSON.stringify(rel)}`);
  return r;
}

/** The bytes of a Buffer as a plain Uint8Array: a view when it owns its ArrayBuffer, else a copy. */
function ownBytes(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.buffer.byteLength === b.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

const notFound = (e: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((e as { code?: string }).code ?? '');
const code = (e: unknown) => (e as { code?: string }).code;

/** Writes data to a new file (O_EXCL) with mode (before umask): one open, write, close. */
const createFile = (file: string, data: Uint8Array, mode: number) => writeFileSync(file, data, { flag: 'wx', mode });

/** Creates file empty (0666 before umask) or truncates it. */
const emptyFile = (file: string) => closeSync(openSync(file, 'w', 0o666));

/** join(dirSlash, r) for a dirSlash ending in "/", without path.join's work where it changes nothing. */
function under(dirSlash: string, r: string): string {
  // path.join's normalization changes nothing when no element is empty or starts with a dot.
  if (r !== '' && r.charCodeAt(0) !== 0x2e && !r.includes('/.') && !r.includes('//')) return dirSlash + r;
  return join(dirSlash, r);
}

const unlinkQuiet = (p: string) => {
  try {
    unlinkSync(p);
  } catch {
    /* not there */
  }
};

export interface DiskCacheOptions {
  /** -modcacherw (cfg.ModCacheRW): leave extracted directories writable. */
  modCacheRW?: boolean;
}

export class DiskCache implements ModuleCache {
  /** Directories made (os.MkdirAll); forgotten when a tree is removed. */
  private readonly dirs = new Set<string>();
  private readonly modCacheRW: boolean;
  /** root, cleaned, ending in "/". */
  private readonly rootSlash: string;
  /** The last read() found no file. */
  private readMissed = false;
  /** checkDir ran (statCacheOnce). */
  private rootChecked = false;

  /** root: the absolute $GOMODCACHE directory. */
  constructor(
    readonly root: string,
    opts: DiskCacheOptions = {},
  ) {
    this.modCacheRW = opts.modCacheRW ?? false;
    this.rootSlash = join(root, '/').replace(/\/?$/, '/');
  }

  private abs(rel: string): string {
    return under(this.rootSlash, norm(rel));
  }

  /**
   * modfetch/cache.go checkCacheDir, which every access of the cache goes through (CachePath,
   * DownloadDir, SideLock, lockVersion, Download): once per run, $GOMODCACHE is made when missing.
   * Its failure is left to the access that follows.
   */
  checkDir(): void {
    if (this.rootChecked) return;
    this.rootChecked = true;
    try {
      this.ensureDir(this.rootSlash.slice(0, -1) || '/');
    } catch {
      /* the access itself fails */
    }
  }

  /** os.MkdirAll(dir, 0777), once per directory. */
  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true, mode: 0o777 });
    this.dirs.add(dir);
  }

  async read(rel: string): Promise<Uint8Array | undefined> {
    this.checkDir();
    const file = this.abs(rel);
    // Misses come in runs (a cold cache), and so do hits (a warm one). After a miss, look without
    // an exception first: a failed open's thrown error costs ten stats, and existsSync answers a
    // hit at a fifth of a statSync. After a hit, open at once (a warm mod tidy: no look at all).
    if (this.readMissed && !existsSync(file) && statSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
    try {
      const data = ownBytes(readFileSync(file));
      this.readMissed = false;
      return data;
    } catch (e) {
      if (!notFound(e)) throw e;
      this.readMissed = true;
      return undefined;
    }
  }

  /**
   * writeDiskCache: a temp file "<name><random>.tmp" beside the target, renamed into place. An
   * empty file (.lock, .partial: lockedfile's O_CREATE, os.WriteFile(partial, nil)) is created
   * or truncated in place: no reader can see a part of nothing.
   */
  async write(rel: string, data: Uint8Array): Promise<void> {
    this.checkDir();
    const file = this.abs(rel);
    const dir = dirname(file);
    this.ensureDir(dir);
    if (data.length === 0) {
      try {
        return emptyFile(file);
      } catch (e) {
        if (code(e) !== 'ENOENT') throw e;
        this.dirs.delete(dir);
        this.ensureDir(dir);
        return emptyFile(file);
      }
    }
    for (let tries = 0; ; tries++) {
      const tmp = `${file}${Math.floor(Math.random() * 1e9)}.tmp`;
      try {
        createFile(tmp, data, 0o666);
      } catch (e) {
        if (code(e) === 'EEXIST' && tries < 10000) continue;
        if (code(e) === 'ENOENT' && tries === 0) {
          // The directory went away behind our back: make it again.
          this.dirs.delete(dir);
          this.ensureDir(dir);
          continue;
        }
        unlinkQuiet(tmp);
        throw e;
      }
      try {
        renameSync(tmp, file);
      } catch (e) {
        unlinkQuiet(tmp);
        throw e;
      }
      return;
    }
  }

  async remove(rel: string): Promise<void> {
    this.checkDir();
    try {
      unlinkSync(this.abs(rel));
    } catch (e) {
      if (!notFound(e)) throw e;
    }
  }

  async exists(rel: string): Promise<boolean> {
    this.checkDir();
    try {
      return existsSync(this.abs(rel)) || statSync(this.abs(rel), { throwIfNoEntry: false }) !== undefined;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }

  statExists(rel: string): Promise<boolean> {
    return this.exists(rel);
  }

  async statRegular(rel: string): Promise<boolean> {
    this.checkDir();
    try {
      return statSync(this.abs(rel), { throwIfNoEntry: false })?.isFile() === true;
    } catch {
      return false;
    }
  }

  async readDirNames(rel: string): Promise<string[] | undefined> {
    this.checkDir();
    try {
      return readdirSync(this.abs(rel));
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  async list(dir: string): Promise<string[]> {
    this.checkDir();
    const d = norm(dir);
    const out: string[] = [];
    const walk = (rel: string) => {
      let entries;
      try {
        entries = readdirSync(under(this.rootSlash, rel), { withFileTypes: true });
      } catch (e) {
        if (notFound(e)) return;
        throw e;
      }
      for (const ent of entries) {
        const r = rel === '' ? ent.name : rel + '/' + ent.name;
        if (ent.isDirectory()) walk(r);
        else out.push(r);
      }
    };
    walk(d);
    return out.sort(compareStrings);
  }

  /**
   * Unzip's layout: directories 0777 (each made once, the tree's root without `recursive` when
   * its parent is known), files 0444; then (fetch.go: download) the directories made read-only
   * (makeDirsReadOnly) unless modCacheRW.
   */
  async writeTree(dir: string, files: readonly CacheFile[]): Promise<void> {
    this.checkDir();
    const root = this.abs(dir);
    const top = dirname(root);
    if (!this.dirs.has(top)) {
      mkdirSync(top, { recursive: true, mode: 0o777 });
      this.dirs.add(top);
    }
    try {
      mkdirSync(root, 0o777);
    } catch (e) {
      // An empty directory is fine (zip.Unzip); a parent removed behind our back is made again.
      if (code(e) === 'ENOENT') mkdirSync(root, { recursive: true, mode: 0o777 });
      else if (code(e) !== 'EEXIST') throw e;
    }
    const rootSlash = root + '/';
    const dirs = new Set<string>([root]);
    for (const f of files) {
      const file = under(rootSlash, norm(f.name));
      // dirname, by the last slash of a path not ending in one
      const slash = file.lastIndexOf('/');
      const parent = slash > 0 && slash < file.length - 1 ? file.slice(0, slash) : dirname(file);
      if (!dirs.has(parent)) {
        mkdirSync(parent, { recursive: true, mode: 0o777 });
        for (let p = parent; p.length > root.length; p = dirname(p)) dirs.add(p);
      }
      createFile(file, f.data, 0o444);
    }
    if (this.modCacheRW) return;
    // Children before parents (reverse lexical order), as makeDirsReadOnly does.
    for (const d of [...dirs].sort().reverse()) {
      const st = statSync(d);
      if (st.mode & 0o222) chmodSync(d, st.mode & 0o7777 & ~0o222);
    }
  }

  /**
   * modfetch.RemoveAll: make directories writable, then remove. Without checkDir: go clean
   * -modcache (clean.go) removes $GOMODCACHE without checkCacheDir's MkdirAll, so a missing
   * cache leaves its parent directories uncreated.
   */
  async removeTree(dir: string): Promise<void> {
    const root = this.abs(dir);
    for (const d of [...this.dirs]) if (d === root || d.startsWith(root + '/')) this.dirs.delete(d);
    const walk = (p: string) => {
      let st;
      try {
        st = lstatSync(p);
      } catch {
        return;
      }
      if (!st.isDirectory()) return;
      try {
        chmodSync(p, 0o777);
      } catch {
        /* go ignores it too */
      }
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        /* as above */
      }
      for (const name of names) walk(join(p, name));
    };
    walk(root);
    rmSync(root, { recursive: true, force: true });
  }
}
