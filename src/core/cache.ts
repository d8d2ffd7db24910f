// The module cache ($GOMODCACHE): a store interface (memory, disk, IndexedDB implementations)
// and Go's layout on top of it.
// cmd/go/internal/modfetch/cache.go: cacheDir, CachePath, DownloadDir, DownloadDirPartialError,
// writeDiskCache, rewriteVersionList; fetch.go: download (.partial around extraction).
//
//   cache/download/<escpath>/@v/list
//   cache/download/<escpath>/@v/<escver>.{info,mod,zip,ziphash,lock,partial}
//   <escpath>@<escver>/...            extracted module tree (read-only dirs on disk)

import { canonicalVersion, escapePath, escapeVersion, goQuote, unescapePath, unescapeVersion, type ModuleVersion } from './module';
import { isToolchainPath, modIsValid } from './gover';
import { sortVersions } from './semver';
import { utf8Decode, utf8Encode } from './gostrings';

export interface CacheFile {
  /** Slash-separated name relative to the tree's directory. */
  name: string;
  data: Uint8Array;
}

/**
 * Storage for a module cache, addressed by slash-separated paths relative to $GOMODCACHE.
 * Directories are implicit: a directory exists when a file exists below it.
 */
export interface ModuleCache {
  /** What $GOMODCACHE is (an absolute path on disk; a virtual one elsewhere), for messages. */
  readonly root: string;
  read(rel: string): Promise<Uint8Array | undefined>;
  /** Writes a whole file: readers see the old content or the new, never a part. */
  write(rel: string, data: Uint8Array): Promise<void>;
  /** Removes one file (no error if absent). */
  remove(rel: string): Promise<void>;
  /** Whether rel is a file or a directory holding files. */
  exists(rel: string): Promise<boolean>;
  /** Every file below dir (recursive), as paths relative to the root, sorted. */
  list(dir: string): Promise<string[]>;
  /**
   * Writes an extracted module tree under dir (which must not exist): all files or none
   * (IndexedDB, memory); on disk files are 0444 and directories end up read-only, as go makes them.
   */
  writeTree(dir: string, files: readonly CacheFile[]): Promise<void>;
  /** Removes a tree (making read-only directories writable first, like modfetch.RemoveAll). */
  removeTree(dir: string): Promise<void>;
  /** modfetch.checkCacheDir where Download calls it: throws go's fatal error for an unusable GOMODCACHE. */
  checkDir?(): void;
  /**
   * Whether a file or directory rel exists (os.Stat succeeds), where that is cheaper than read()
   * (which is used instead when this is absent).
   */
  statExists?(rel: string): Promise<boolean>;
  /**
   * Whether rel is a regular file (os.Stat succeeds and Mode().IsRegular()), where that is cheaper
   * than read() (which is used instead when this is absent).
   */
  statRegular?(rel: string): Promise<boolean>;
  /**
   * The names in directory rel (os.ReadDir: files and directories, any order), or undefined when
   * it does not exist; where that is cheaper than list() (which is used instead when absent).
   */
  readDirNames?(rel: string): Promise<string[] | undefined>;
}

/** os.Stat(rel) succeeds: statExists, else whether rel can be read. */
async function statExists(cache: ModuleCache, rel: string): Promise<boolean> {
  return cache.statExists ? cache.statExists(rel) : (await cache.read(rel)) !== undefined;
}

/** os.Stat(rel) succeeds and names a regular file: statRegular, else whether rel can be read as a file. */
export async function statRegular(cache: ModuleCache, rel: string): Promise<boolean> {
  if (cache.statRegular) return cache.statRegular(rel);
  try {
    return (await cache.read(rel)) !== undefined;
  } catch {
    return false;
  }
}

/** The browser's storage quota ran out: nothing of the failed write was kept. */
export class CacheQuotaError extends Error {
  constructor(
    readonly what: string,
    override readonly cause?: unknown,
  ) {
    super(`writing module cache (${what}): browser storage quota exceeded; free space or clear the module cache and retry`);
    this.name = 'CacheQuotaError';
  }
}

/** fetch.go: ErrToolchain */
export class ToolchainError extends Error {
  constructor() {
    super('internal error: invalid operation on toolchain module');
    this.name = 'ToolchainError';
  }
}

export type CacheSuffix = 'info' | 'mod' | 'zip' | 'ziphash' | 'lock' | 'partial';

// Module paths and versions that module.CheckPath and semver accept and whose escapes change
// nothing, told by patterns (a strict subset: lowercase ASCII, a dotted first element, no
// element that could be a Windows device name, a major version suffix or gopkg.in; plain
// vMAJOR.MINOR.PATCH). cache.test.ts holds both to x/mod. Everything else takes the full checks.
export const plainModulePath = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?:\/[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)*$/;
const notPlainElem = /(?:^|\/)(?:con|prn|aux|nul|com|lpt|v[0-9]|gopkg)/;
export const plainVersion = /^v(?:0|[1-9][0-9]{0,8})\.(?:0|[1-9][0-9]{0,8})\.(?:0|[1-9][0-9]{0,8})$/;

/** Whether escapePath(path) is path itself and cannot fail, told cheaply (false: not known). */
export function isPlainModulePath(path: string): boolean {
  return plainModulePath.test(path) && !notPlainElem.test(path);
}

// escapePath checks the whole path (module.CheckPath) on every call, and every cache file
// name needs it: successful escapes are remembered (errors are recomputed, so thrown anew).
const escaped = new Map<string, string>();
function escapePathMemo(path: string): string {
  let e = escaped.get(path);
  if (e === undefined) {
    e = isPlainModulePath(path) ? path : escapePath(path);
    if (escaped.size >= 50000) escaped.clear();
    escaped.set(path, e);
  }
  return e;
}

/** cache.go: cacheDir — "cache/download/<escpath>/@v". Throws the path's escape error. */
export function cacheDirRel(path: string): string {
  return `cache/download/${escapePathMemo(path)}/@v`;
}

/** The @v/list file of a module path. */
export function listFileRel(path: string): string {
  return cacheDirRel(path) + '/list';
}

/** The checked, escaped version of a cache file name (throws Go's errors). */
function escapeCacheVersion(m: ModuleVersion): string {
  if (plainVersion.test(m.version)) return m.version; // valid, canonical, escapes to itself
  if (!modIsValid(m.path, m.version)) throw new Error(`non-semver module version ${goQuote(m.version)}`);
  if (canonicalVersion(m.version) !== m.version) throw new Error(`non-canonical module version ${goQuote(m.version)}`);
  return escapeVersion(m.version);
}

// Every cache file of a module version repeats CachePath's checks (the path's escape, the
// version's semver parse and escape): successful results are remembered by path, then version
// (no key string built per call), with the names made from them. Errors are recomputed. Not
// for toolchain paths, which CachePath refuses first.
interface EscapedMod {
  /** "cache/download/<escpath>/@v/<escver>." */
  readonly filePrefix: string;
  /** "<escpath>@<escver>" */
  readonly dirRel: string;
}
const escapedMods = new Map<string, Map<string, EscapedMod>>();
let escapedCount = 0;
function escapeCacheMod(m: ModuleVersion): EscapedMod {
  let byVersion = escapedMods.get(m.path);
  let e = byVersion?.get(m.version);
  if (e === undefined) {
    if (isToolchainPath(m.path)) throw new ToolchainError();
    const enc = escapePathMemo(m.path);
    const ver = escapeCacheVersion(m);
    e = { filePrefix: `cache/download/${enc}/@v/${ver}.`, dirRel: `${enc}@${ver}` };
    if (escapedCount >= 50000) {
      escapedMods.clear();
      escapedCount = 0;
      byVersion = undefined;
    }
    if (byVersion === undefined) escapedMods.set(m.path, (byVersion = new Map()));
    byVersion.set(m.version, e);
    escapedCount++;
  }
  return e;
}

/** cache.go: CachePath — "cache/download/<escpath>/@v/<escver>.<suffix>". Throws Go's errors. */
export function cachePathRel(m: ModuleVersion, suffix: CacheSuffix): string {
  return escapeCacheMod(m).filePrefix + suffix;
}

/** cache.go: DownloadDir's directory — "<escpath>@<escver>". Throws Go's errors. */
export function downloadDirRel(m: ModuleVersion): string {
  return escapeCacheMod(m).dirRel;
}

/** Joins the cache root and a relative path (for messages and disk paths). */
export function cacheAbs(cache: ModuleCache, rel: string): string {
  return cache.root.replace(/\/+$/, '') + '/' + rel;
}

/** cache.go: DownloadDirPartialError — "<dir>: <err>", equivalent to fs.ErrNotExist. */
export class DownloadDirPartialError extends Error {
  readonly notExist = true;
  constructor(
    readonly dir: string,
    readonly err: Error,
  ) {
    super(`${dir}: ${err.message}`);
    this.name = 'DownloadDirPartialError';
  }
}

/** The not-exist error DownloadDir returns when the directory is absent (os.Stat's). */
export class DirNotExistError extends Error {
  readonly notExist = true;
  constructor(readonly dir: string) {
    super(`stat ${dir}: no such file or directory`);
    this.name = 'DirNotExistError';
  }
}

/**
 * cache.go: DownloadDir — the absolute extracted directory of m and, when it is not complete,
 * the error (not-exist, or DownloadDirPartialError for a .partial or a missing .ziphash).
 */
export async function downloadDir(cache: ModuleCache, m: ModuleVersion): Promise<{ dir: string; err?: Error }> {
  const { dir, missing } = await downloadDirStatus(cache, m);
  switch (missing) {
    case undefined:
      return { dir };
    case 'dir':
      return { dir, err: new DirNotExistError(dir) };
    case 'partial':
      return { dir, err: new DownloadDirPartialError(dir, new Error('not completely extracted')) };
    case 'ziphash':
      return { dir, err: new DownloadDirPartialError(dir, new Error('ziphash file is missing')) };
  }
}

/**
 * DownloadDir's checks without building its error: the directory and what makes it incomplete
 * (every such error is not-exist). Throws the version's cache path error.
 */
export async function downloadDirStatus(cache: ModuleCache, m: ModuleVersion): Promise<{ dir: string; missing?: 'dir' | 'partial' | 'ziphash' }> {
  const rel = downloadDirRel(m);
  const dir = cacheAbs(cache, rel);
  if (!(await cache.exists(rel))) return { dir, missing: 'dir' };
  if (await statExists(cache, cachePathRel(m, 'partial'))) return { dir, missing: 'partial' };
  if (!(await statExists(cache, cachePathRel(m, 'ziphash')))) return { dir, missing: 'ziphash' };
  return { dir };
}

/** cache.go: readDiskCache — the cached file of m, or undefined (any error means "not cached"). */
export async function readCached(cache: ModuleCache, m: ModuleVersion, suffix: CacheSuffix): Promise<Uint8Array | undefined> {
  let rel: string;
  try {
    rel = cachePathRel(m, suffix);
  } catch {
    return undefined;
  }
  return cache.read(rel);
}

/** cache.go: writeDiskCache — writes the file; after a .mod, rewrites @v/list. */
export async function writeCached(cache: ModuleCache, m: ModuleVersion, suffix: CacheSuffix, data: Uint8Array | string): Promise<string> {
  const rel = cachePathRel(m, suffix);
  await cache.write(rel, typeof data === 'string' ? utf8Encode(data) : data);
  if (suffix === 'mod') await rewriteVersionList(cache, rel.slice(0, rel.lastIndexOf('/')));
  return rel;
}

/** cache.go: rewriteVersionList — @v/list = the canonical versions having a .mod file, sorted. */
export async function rewriteVersionList(cache: ModuleCache, dirRel: string): Promise<void> {
  if (!dirRel.endsWith('/@v')) throw new Error('go: internal error: misuse of rewriteVersionList');
  const list: string[] = [];
  const names = cache.readDirNames
    ? ((await cache.readDirNames(dirRel)) ?? [])
    : (await cache.list(dirRel)).map((f) => f.slice(dirRel.length + 1)).filter((n) => !n.includes('/'));
  for (const name of names) {
    if (!name.endsWith('.mod')) continue;
    const v = name.slice(0, -'.mod'.length);
    if (v !== '' && canonicalVersion(v) === v) list.push(v);
  }
  const text = sortVersions(list)
    .map((v) => v + '\n')
    .join('');
  const listRel = dirRel + '/list';
  const old = await cache.read(listRel);
  if (old !== undefined && utf8Decode(old) === text) return;
  await cache.write(listRel, utf8Encode(text));
}

/**
 * fetch.go: download's extraction protocol — .partial first, the tree, then .partial removed.
 * A tree left behind by an interrupted extraction is removed first.
 */
export async function writeExtracted(cache: ModuleCache, m: ModuleVersion, files: readonly CacheFile[]): Promise<string> {
  const dirRel = downloadDirRel(m);
  const partial = cachePathRel(m, 'partial');
  if (await cache.exists(dirRel)) await cache.removeTree(dirRel);
  await cache.write(partial, new Uint8Array());
  try {
    await cache.writeTree(dirRel, files);
  } catch (e) {
    await cache.removeTree(dirRel).then(
      () => cache.remove(partial),
      () => {},
    );
    throw e;
  }
  await cache.remove(partial);
  return cacheAbs(cache, dirRel);
}

/** The extracted files of m (names relative to its directory), or undefined when absent. */
export async function readExtracted(cache: ModuleCache, m: ModuleVersion): Promise<CacheFile[] | undefined> {
  const dirRel = downloadDirRel(m);
  const names = await cache.list(dirRel);
  if (names.length === 0) return undefined;
  const out: CacheFile[] = [];
  for (const n of names) {
    const data = await cache.read(n);
    if (data !== undefined) out.push({ name: n.slice(dirRel.length + 1), data });
  }
  return out;
}

/** One module version's entries in cache/download. */
export interface CachedVersion {
  path: string;
  version: string;
  /** Which of .info .mod .zip .ziphash .lock .partial exist. */
  files: CacheSuffix[];
}

const suffixes: readonly CacheSuffix[] = ['info', 'mod', 'zip', 'ziphash', 'lock', 'partial'];

/** Everything under cache/download, grouped by module version (unescapable names skipped). */
export async function listCachedVersions(cache: ModuleCache): Promise<CachedVersion[]> {
  const byKey = new Map<string, CachedVersion>();
  for (const f of await cache.list('cache/download')) {
    const at = f.lastIndexOf('/@v/');
    if (at < 0) continue;
    const encPath = f.slice('cache/download/'.length, at);
    const file = f.slice(at + 4);
    const dot = file.lastIndexOf('.');
    if (dot < 0) continue;
    const suffix = file.slice(dot + 1) as CacheSuffix;
    if (!suffixes.includes(suffix)) continue;
    let path: string;
    let version: string;
    try {
      path = unescapePath(encPath);
      version = unescapeVersion(file.slice(0, dot));
    } catch {
      continue;
    }
    const key = path + '@' + version;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { path, version, files: [] }));
    e.files.push(suffix);
  }
  return [...byKey.values()];
}
