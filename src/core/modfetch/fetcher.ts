// The per-command fetch layer: module metadata, go.mod files and zips through the module cache,
// verified against go.sum (and a checksum database hook), as cmd/go/internal/modfetch does it.
// Rules from modfetch/cache.go (cachingRepo.Stat/Latest/GoMod, InfoFile, GoMod, GoModFile,
// GoModSum, readDiskStat, readDiskGoMod, writeDiskStat) and modfetch/fetch.go (Download,
// download, DownloadZip, downloadZip, hashZip, checkMod, checkGoMod, checkModSum, checkSumDB,
// Sum, isValidSum) and modfetch/sumdb.go (useSumDB).

import {
  cacheAbs,
  cachePathRel,
  downloadDirStatus,
  writeCached,
  writeExtracted,
  type ModuleCache,
  downloadDirRel,
} from '../cache';
import { hash1Bytes, hashGoMod } from '../dirhash';
import { compareGo, goModLookup, isToolchainPath, Local, modIsValid, TooNewError, tooNewExplain } from '../gover';
import { FatalError, isFatal } from '../fatal';
import type { GoSumState } from '../gosum';
import type { Hasher } from '../hasher';
import { goQuote, matchPrefixPatterns, ModuleError, versionError, type ModuleVersion } from '../module';
import { readZipForHash, unzipModule, type ModuleZipFile, type ZipArchive, type ZipEntry } from '../modzip';
import { isPseudoVersion } from '../pseudo';
import { marshalRevInfo, parseRevInfo, type ModuleSource, type RevInfo } from '../source';
import { goTrimSpace, utf8Decode, utf8Encode } from '../gostrings';
import type { FetcherOptions } from './deps';

export type { FetchDeps, FetcherOptions, SumDB } from './deps';

export { FatalError, isFatal };

const sumdbMismatch = `

SECURITY ERROR
This download does NOT match the one reported by the checksum server.
The bits may have been replaced on the origin server, or an attacker may
have intercepted the download attempt.

For more information, see 'go help module-auth'.
`;

/** The sumdb-hook error for GOSUMDB settings modscope cannot reach. */
export class NoSumDBError extends Error {
  constructor(readonly gosumdb: string) {
    super(
      `checksum database ${gosumdb} is not available in modscope (no sumdb client configured); set GOSUMDB=off, or list the modules in GONOSUMDB/GOPRIVATE`,
    );
    this.name = 'NoSumDBError';
  }
}

/** fetch.go: isValidSum — the shape of a .ziphash file's content. */
export function isValidSum(data: Uint8Array): boolean {
  if (data.includes(0)) return false;
  return data.length === 'h1:'.length + 44;
}

/** cache.go: oldVgoPrefix — cached go.mod files from vgo days are ignored. */
const oldVgoPrefix = utf8Encode('//vgo 0.0.');

function hasPrefix(b: Uint8Array, p: Uint8Array): boolean {
  if (b.length < p.length) return false;
  for (let i = 0; i < p.length; i++) if (b[i] !== p[i]) return false;
  return true;
}

/**
 * How many inflated bytes of downloaded zips may wait in memory for their extraction (see
 * Fetcher.fresh); past it, extraction inflates the zip again, as Go always does.
 */
const freshBudget = 256 << 20;

const modKey = (m: ModuleVersion) => m.path + '\0' + m.version;

class Memo<T> {
  private readonly m = new Map<string, Promise<T>>();
  do(key: string, f: () => Promise<T>): Promise<T> {
    let p = this.m.get(key);
    if (!p) {
      p = f();
      p.catch(() => {});
      this.m.set(key, p);
    }
    return p;
  }
}

/** What hashing a downloaded zip read: its central directory and the entry contents. */
interface Fresh {
  zip: Uint8Array;
  keep: Map<ZipEntry, Uint8Array>;
  archive?: ZipArchive;
}

/** Counts the fetch layer reports through progress. */
export interface FetchStats {
  /** Bytes received from the module source. */
  bytes: number;
  /** Module zips downloaded (and verified) from the source. */
  zips: number;
  /** Modules extracted into the cache. */
  extracted: number;
}

/**
 * One command's view of module fetching (go's modfetch package state for one run): in-process
 * memos like cachingRepo and downloadCache, the disk cache, go.sum verification.
 */
export class Fetcher {
  readonly source: ModuleSource;
  readonly cache: ModuleCache;
  readonly hasher: Hasher;
  readonly goSum?: GoSumState;
  readonly stats: FetchStats = { bytes: 0, zips: 0, extracted: 0 };
  private readonly statMemo = new Memo<RevInfo>();
  private readonly latestMemo = new Memo<RevInfo>();
  private readonly goModMemo = new Memo<Uint8Array>();
  private readonly zipMemo = new Memo<string>();
  private readonly dirMemo = new Memo<string>();
  /** go.mod files read (and checked against go.sum) or downloaded by this fetcher, with their hash. */
  private readonly goModKnown = new Map<string, { data: Uint8Array; h: string }>();
  /** The .ziphash contents this fetcher wrote (what reading the file back gives). */
  private readonly zipHashes = new Map<string, string>();
  /** Modules whose .lock file exists. */
  private readonly locked = new Set<string>();
  /**
   * Zips downloaded and hashed by this fetcher and not extracted yet: their bytes and the entry
   * contents hashing read, so extraction neither reads the .zip back nor inflates it again.
   */
  private readonly fresh = new Map<string, Fresh & { size: number }>();
  private freshBytes = 0;
  /** The go.mod of each module this fetcher extracted (null: the zip has none). */
  private readonly extractedGoMod = new Map<string, Uint8Array | null>();

  constructor(private readonly opts: FetcherOptions) {
    this.source = opts.source;
    this.cache = opts.cache;
    this.hasher = opts.hasher;
    this.goSum = opts.goSum;
  }

  get signal(): AbortSignal | undefined {
    return this.opts.signal;
  }

  private checkAbort(): void {
    this.opts.signal?.throwIfAborted();
  }

  /** Before going to the module source (a cache miss): errLookupDisabled under -mod=vendor. */
  private checkLookup(): void {
    const e = this.opts.lookupDisabled?.();
    if (e) throw e;
  }

  private report(phase: string): void {
    this.opts.progress?.({ phase, done: this.stats.extracted, bytes: this.stats.bytes });
  }

  private stderr(s: string): void {
    this.opts.stderr?.(s);
  }

  private async lock(m: ModuleVersion): Promise<void> {
    if (this.opts.writeLocks === false) return;
    const key = modKey(m);
    if (this.locked.has(key)) return;
    const rel = cachePathRel(m, 'lock');
    if (!(await this.cache.exists(rel))) await this.cache.write(rel, new Uint8Array());
    this.locked.add(key);
  }

  // ---------------------------------------------------------------------------
  // .info files

  /** cache.go: readDiskStat — the cached .info of path@rev, or undefined. */
  async readDiskStat(path: string, rev: string): Promise<{ file: string; info: RevInfo } | undefined> {
    if (isToolchainPath(path)) return undefined;
    let rel: string;
    try {
      this.cache.checkDir?.(); // CachePath: checkCacheDir (which makes $GOMODCACHE) before the version checks
      rel = cachePathRel({ path, version: rev }, 'info');
    } catch {
      return undefined;
    }
    const data = await this.cache.read(rel);
    if (data === undefined) return undefined;
    try {
      return { file: cacheAbs(this.cache, rel), info: parseRevInfo(data) };
    } catch {
      return undefined;
    }
  }

  /** cache.go: writeDiskStat — the .info file go writes (Origin cleaned). */
  private async writeDiskStat(path: string, info: RevInfo): Promise<void> {
    let rel: string;
    try {
      rel = cachePathRel({ path, version: info.Version }, 'info');
    } catch {
      return;
    }
    let out = info;
    if (info.Origin) {
      const o: Record<string, unknown> = { ...info.Origin };
      for (const k of Object.keys(o)) {
        const l = k.toLowerCase();
        if (l === 'tagsum' || l === 'tagprefix' || (l === 'ref' && isPseudoVersion(info.Version))) delete o[k];
      }
      out = { ...info, Origin: o };
    }
    await this.cache.write(rel, utf8Encode(marshalRevInfo(out)));
  }

  /** cachingRepo.Stat: the disk cache, then the source (the result is written to the cache). */
  stat(path: string, rev: string): Promise<RevInfo> {
    return this.statMemo.do(path + '\0' + rev, async () => {
      const disk = await this.readDiskStat(path, rev);
      if (disk) return disk.info;
      this.checkAbort();
      this.checkLookup();
      const info = await this.source.stat(path, rev, this.signal);
      await this.writeDiskStat(path, info);
      return info;
    }).then((i) => ({ ...i }));
  }

  /** cachingRepo.Latest: the source's @latest; its .info is cached if not there yet. */
  latest(path: string): Promise<RevInfo> {
    return this.latestMemo.do(path, async () => {
      this.checkAbort();
      this.checkLookup();
      const info = await this.source.latest(path, this.signal);
      // cachingRepo.Latest keeps the info for a likely Stat of its version, even when that is
      // not a version the source would stat (a proxy's @latest naming "master").
      void this.statMemo.do(path + '\0' + info.Version, async () => info);
      if (!(await this.readDiskStat(path, info.Version))) await this.writeDiskStat(path, info);
      return info;
    }).then((i) => ({ ...i }));
  }

  /** The source's tagged versions (go keeps no disk cache of version lists for lookups). */
  versions(path: string, prefix = ''): Promise<string[]> {
    this.checkAbort();
    this.checkLookup();
    return this.source.versions(path, prefix, this.signal);
  }

  /** cache.go: InfoFile — the RevInfo of path@version and the absolute .info file. */
  async infoFile(path: string, version: string): Promise<{ info: RevInfo; file: string }> {
    if (!modIsValid(path, version)) throw new Error(`invalid version ${goQuote(version)}`);
    const disk = await this.readDiskStat(path, version);
    if (disk) return disk;
    const info = await this.stat(path, version);
    const rel = cachePathRel({ path, version }, 'info');
    return { info, file: cacheAbs(this.cache, rel) };
  }

  // ---------------------------------------------------------------------------
  // go.mod files

  /** cache.go: readDiskGoMod — the cached .mod (checked against go.sum), or undefined. */
  private async readDiskGoMod(path: string, version: string): Promise<Uint8Array | undefined> {
    if (isToolchainPath(path)) return undefined;
    let rel: string;
    try {
      this.cache.checkDir?.(); // CachePath: checkCacheDir (which makes $GOMODCACHE) before the version checks
      rel = cachePathRel({ path, version }, 'mod');
    } catch {
      return undefined;
    }
    const data = await this.cache.read(rel);
    if (data === undefined || hasPrefix(data, oldVgoPrefix)) return undefined;
    const h = await this.checkGoMod(path, version, data);
    this.goModKnown.set(path + '\0' + version, { data, h });
    return data;
  }

  /** cache.go: GoMod — the go.mod of path@rev through the cache, verified against go.sum. */
  async goMod(path: string, rev: string): Promise<Uint8Array> {
    if (!modIsValid(path, rev)) {
      const disk = await this.readDiskStat(path, rev);
      rev = disk ? disk.info.Version : (await this.stat(path, rev)).Version;
    }
    const version = rev;
    const key = path + '\0' + version;
    // Go reads and checks the cached file on every call; once that has succeeded, reading it
    // again gives the same bytes: only the go.sum check is repeated (it marks the sum used).
    const known = this.goModKnown.get(key);
    if (known) {
      await this.checkModSum({ path, version: version + '/go.mod' }, known.h);
      return known.data.slice();
    }
    const cached = await this.readDiskGoMod(path, rev);
    if (cached) return cached.slice();
    const data = await this.goModMemo.do(key, async () => {
      const again = await this.readDiskGoMod(path, version);
      if (again) return again;
      this.checkAbort();
      this.checkLookup();
      const text = await this.source.goMod(path, version, this.signal);
      this.stats.bytes += text.length;
      const h = await this.checkGoMod(path, version, text);
      await writeCached(this.cache, { path, version }, 'mod', text);
      this.goModKnown.set(key, { data: text, h });
      this.report('go.mod');
      return text;
    });
    return data.slice();
  }

  /** cache.go: GoModFile — the absolute .mod file, after GoMod. */
  async goModFile(path: string, version: string): Promise<string> {
    if (!modIsValid(path, version)) throw new Error(`invalid version ${goQuote(version)}`);
    await this.goMod(path, version);
    return cacheAbs(this.cache, cachePathRel({ path, version }, 'mod'));
  }

  /** cache.go: GoModSum — the go.sum hash ("path version/go.mod") of the go.mod. */
  async goModSum(path: string, version: string): Promise<string> {
    if (!modIsValid(path, version)) throw new Error(`invalid version ${goQuote(version)}`);
    const data = await this.goMod(path, version);
    return this.goModKnown.get(path + '\0' + version)?.h ?? hashGoMod(data, this.hasher);
  }

  /** fetch.go: checkGoMod. Returns the go.mod's hash. */
  async checkGoMod(path: string, version: string, data: Uint8Array): Promise<string> {
    const h = await hashGoMod(data, this.hasher);
    await this.checkModSum({ path, version: version + '/go.mod' }, h);
    return h;
  }

  // ---------------------------------------------------------------------------
  // Checksums

  /** sumdb.go: useSumDB (the toolchain-module exceptions are not modelled). */
  useSumDB(mod: ModuleVersion): boolean {
    return this.opts.env.GOSUMDB !== 'off' && !matchPrefixPatterns(this.opts.env.GONOSUMDB, mod.path);
  }

  /**
   * fetch.go: checkModSum — a hash listed in go.sum passes; a different h1: entry throws the
   * fatal ChecksumMismatchError; otherwise the checksum database is consulted (when useSumDB)
   * and the sum is recorded as used and new.
   */
  async checkModSum(mod: ModuleVersion, h: string): Promise<void> {
    const done = this.goSum ? this.goSum.check(mod, h) : false;
    if (done) return;
    if (this.useSumDB(mod)) await this.checkSumDB(mod, h);
    if (this.goSum) {
      const before = this.goSum.warnings.length;
      this.goSum.add(mod, h);
      for (const w of this.goSum.warnings.slice(before)) this.stderr(w);
    }
  }

  /** fetch.go: checkSumDB. */
  private async checkSumDB(mod: ModuleVersion, h: string): Promise<void> {
    let noun = 'module';
    const base: ModuleVersion = { ...mod };
    if (mod.version.endsWith('/go.mod')) {
      noun = 'go.mod';
      base.version = mod.version.slice(0, -'/go.mod'.length);
    }
    const db = this.opts.sumdb;
    let lines: string[];
    try {
      if (!db) throw new NoSumDBError(this.opts.env.GOSUMDB);
      lines = await db.lookup(mod, this.signal);
    } catch (e) {
      if (isFatal(e)) throw e; // a SECURITY ERROR ends the command as printed (base.Fatalf)
      throw versionError(base, new Error(`verifying ${noun}: ${(e as Error).message}`));
    }
    const have = `${mod.path} ${mod.version} ${h}`;
    const prefix = `${mod.path} ${mod.version} h1:`;
    for (const line of lines) {
      if (line === have) return;
      if (line.startsWith(prefix)) {
        throw versionError(
          base,
          new Error(
            `verifying ${noun}: checksum mismatch\n\tdownloaded: ${h}\n\t${db!.name}: ${line.slice(prefix.length - 3)}` + sumdbMismatch,
          ),
        );
      }
    }
  }

  // ---------------------------------------------------------------------------
  // Zips and extracted trees

  private async hashZipBytes(mod: ModuleVersion, zip: Uint8Array, fresh?: Fresh): Promise<string> {
    const files = readZipForHash(mod, zip, undefined, {
      inflater: this.opts.inflater,
      keep: fresh?.keep,
      onArchive: fresh && ((a) => (fresh.archive = a)),
    });
    return hash1Bytes(files, this.hasher);
  }

  /** fetch.go: hashZip — hash, check against go.sum, then write .ziphash. */
  private async hashZip(mod: ModuleVersion, zip: Uint8Array, fresh?: Fresh): Promise<void> {
    const h = await this.hashZipBytes(mod, zip, fresh);
    await this.checkModSum(mod, h);
    await this.cache.write(cachePathRel(mod, 'ziphash'), utf8Encode(h));
    this.zipHashes.set(modKey(mod), h);
  }

  /** fetch.go: DownloadZip — the absolute .zip file, downloaded and hashed if needed. */
  downloadZip(mod: ModuleVersion): Promise<string> {
    return this.zipMemo.do(mod.path + '\0' + mod.version, async () => {
      const zipRel = cachePathRel(mod, 'zip');
      const hashRel = cachePathRel(mod, 'ziphash');
      const zipFile = cacheAbs(this.cache, zipRel);
      const haveZip = await this.cache.exists(zipRel);
      if (haveZip && (await this.cache.exists(hashRel))) return zipFile;
      if (this.opts.announceDownloads) this.stderr(`go: downloading ${mod.path} ${mod.version}\n`);
      await this.lock(mod);
      if (haveZip) {
        // The .ziphash was lost: re-hash the zip without downloading.
        await this.hashZip(mod, (await this.cache.read(zipRel))!);
        return zipFile;
      }
      this.checkAbort();
      this.checkLookup();
      const zip = await this.source.zip(mod.path, mod.version, this.signal);
      this.stats.bytes += zip.length;
      this.report('zip');
      const fresh: Fresh = { zip, keep: new Map() };
      await this.hashZip(mod, zip, fresh); // checks the entry prefixes first, like downloadZip
      await this.cache.write(zipRel, zip);
      this.stats.zips++;
      this.keepFresh(mod, fresh);
      return zipFile;
    });
  }

  /** Holds a just-hashed zip's bytes and entry contents for its extraction (within freshBudget). */
  private keepFresh(mod: ModuleVersion, f: Fresh): void {
    let size = f.zip.length;
    for (const d of f.keep.values()) if (d.buffer !== f.zip.buffer) size += d.length;
    if (this.freshBytes + size > freshBudget) return;
    this.fresh.set(modKey(mod), { ...f, size });
    this.freshBytes += size;
  }

  private takeFresh(mod: ModuleVersion): Fresh | undefined {
    const f = this.fresh.get(modKey(mod));
    if (!f) return undefined;
    this.fresh.delete(modKey(mod));
    this.freshBytes -= f.size;
    return f;
  }

  /**
   * The .ziphash file's content, trimmed (strings.TrimSpace): what this fetcher wrote (an h1:
   * hash, ASCII), else read from the cache. `valid` is isValidSum of the trimmed bytes.
   */
  private async readZipHash(mod: ModuleVersion, rel: string): Promise<{ text: string; valid: boolean } | undefined> {
    const h = this.zipHashes.get(modKey(mod));
    if (h !== undefined) return { text: h, valid: isValidSum(utf8Encode(h)) };
    const raw = await this.cache.read(rel);
    if (raw === undefined) return undefined;
    const t = utf8Encode(goTrimSpace(utf8Decode(raw)));
    return { text: utf8Decode(t), valid: isValidSum(t) };
  }

  /** fetch.go: Sum — the cached .ziphash of mod, or "". */
  async sum(mod: ModuleVersion): Promise<string> {
    let rel: string;
    try {
      rel = cachePathRel(mod, 'ziphash');
    } catch {
      return '';
    }
    const data = await this.readZipHash(mod, rel);
    return data?.valid ? data.text : '';
  }

  /**
   * fetch.go: Download — the absolute extracted directory of mod: the zip downloaded, extracted
   * with a .partial marker around it, and checked (checkMod; go.mod's go version not too new).
   */
  download(mod: ModuleVersion): Promise<string> {
    return this.dirMemo.do(mod.path + '\0' + mod.version, async () => {
      if (isToolchainPath(mod.path)) throw new Error('internal error: invalid operation on toolchain module');
      this.cache.checkDir?.();
      const dir = await this.extract(mod);
      await this.checkMod(mod);
      const rel = dir.slice(this.cache.root.replace(/\/+$/, '').length + 1);
      // The go.mod just extracted is what reading it back gives.
      const extracted = this.extractedGoMod.get(modKey(mod));
      const gomod = extracted !== undefined ? (extracted ?? undefined) : await this.cache.read(rel + '/go.mod');
      if (gomod !== undefined) {
        const goVersion = goModLookup(utf8Decode(gomod), 'go');
        if (compareGo(goVersion, Local) > 0) {
          throw new TooNewError(`${mod.path}@${mod.version}`, goVersion, tooNewExplain(this.opts.env.GOTOOLCHAIN ?? ''));
        }
      }
      return dir;
    });
  }

  /** fetch.go: download. */
  private async extract(mod: ModuleVersion): Promise<string> {
    // Every error DownloadDir returns is not-exist: download goes on to fetch and extract.
    const first = await downloadDirStatus(this.cache, mod);
    if (!first.missing) return first.dir;
    const zipFile = await this.downloadZip(mod);
    await this.lock(mod);
    const again = await downloadDirStatus(this.cache, mod);
    if (!again.missing) return again.dir;
    const fresh = this.takeFresh(mod);
    const zip = fresh?.zip ?? (await this.cache.read(cachePathRel(mod, 'zip')));
    if (zip === undefined) throw new Error(`open ${zipFile}: no such file or directory`);
    this.checkAbort();
    let files: ModuleZipFile[];
    try {
      files = unzipModule(mod, zip, { zipPath: zipFile, inflater: this.opts.inflater, preread: fresh?.keep, archive: fresh?.archive });
    } catch (e) {
      this.stderr(`-> ${(e as Error).message}\n`);
      // fetch.go: download made the module directory's parent (os.MkdirAll) before Unzip failed,
      // then removed the directory itself (RemoveAll): the parent stays.
      const dirRel = downloadDirRel(mod);
      await this.cache.writeTree(dirRel, []).then(() => this.cache.removeTree(dirRel)).catch(() => undefined);
      throw e;
    }
    const dir = await writeExtracted(this.cache, mod, files);
    this.extractedGoMod.set(modKey(mod), files.find((f) => f.name === 'go.mod')?.data ?? null);
    this.stats.extracted++;
    this.report('extract');
    return dir;
  }

  /** fetch.go: checkMod — the .ziphash against go.sum (fatal on mismatch). */
  private async checkMod(mod: ModuleVersion): Promise<void> {
    const hashRel = cachePathRel(mod, 'ziphash');
    const data = await this.readZipHash(mod, hashRel);
    if (data === undefined) {
      throw new FatalError(`verifying ${new ModuleError(mod.path, mod.version, new Error(`open ${cacheAbs(this.cache, hashRel)}: no such file or directory`)).message}`);
    }
    if (!data.valid) {
      const zip = await this.cache.read(cachePathRel(mod, 'zip'));
      try {
        if (zip === undefined) throw new Error(`open ${cacheAbs(this.cache, cachePathRel(mod, 'zip'))}: no such file or directory`);
        await this.hashZip(mod, zip);
      } catch (e) {
        if (isFatal(e)) throw e;
        throw new FatalError(`verifying ${versionError(mod, e as Error).message}`);
      }
      return;
    }
    const h = data.text;
    if (!h.startsWith('h1:')) {
      throw new FatalError(`verifying ${new ModuleError(mod.path, mod.version, new Error(`unexpected ziphash: ${goQuote(h)}`)).message}`);
    }
    try {
      await this.checkModSum(mod, h);
    } catch (e) {
      if (isFatal(e)) throw e;
      throw new FatalError((e as Error).message);
    }
  }
}
