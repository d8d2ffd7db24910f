// Which files a module zip may hold: x/mod/zip/zip.go checkZip (reading a zip) and
// checkFiles (a module file tree on its way into a zip), with Go's error texts.
import { canonicalVersion, checkError, filePathError, goQuote, type ModuleVersion } from '../module';
import { strToFold } from './fold';
import { foldsToGoMod, pathBase, pathClean, pathDir, pathSplit, quoteBytes } from './gostr';
import { readZip, type ZipArchive, ZipReadError } from './reader';

/** Size limits of x/mod/zip (zip.go: MaxZipFile, MaxGoMod, MaxLICENSE). */
export interface ZipLimits {
  maxZipFile: number;
  maxGoMod: number;
  maxLICENSE: number;
}

export const MaxZipFile = 500 << 20;
export const MaxGoMod = 16 << 20;
export const MaxLICENSE = 16 << 20;
export const goLimits: ZipLimits = { maxZipFile: MaxZipFile, maxGoMod: MaxGoMod, maxLICENSE: MaxLICENSE };

/** zip.FileError: "path: err". */
export class FileError extends Error {
  constructor(
    readonly path: string,
    readonly err: Error,
  ) {
    super(`${path}: ${err.message}`);
    this.name = 'FileError';
  }
}

/** zip.FileErrorList: the errors one per line. */
export class FileErrorList extends Error {
  constructor(readonly errors: FileError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'FileErrorList';
  }
}

/** A size limit error (CheckedFiles.SizeError). */
export class ZipSizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipSizeError';
  }
}

/** zip.CheckedFiles. */
export interface CheckedFiles {
  /** Paths to include in the zip (zip entry names for checkZip; module-relative for checkFiles). */
  valid: string[];
  omitted: FileError[];
  invalid: FileError[];
  sizeError: ZipSizeError | null;
}

/** CheckedFiles.Err: the size error, else the invalid files, else null. */
export function checkedFilesErr(cf: CheckedFiles): Error | null {
  if (cf.sizeError) return cf.sizeError;
  if (cf.invalid.length > 0) return new FileErrorList(cf.invalid);
  return null;
}

// Predefined errors (zip.go).
const errPathNotClean = 'file path is not clean';
const errPathNotRelative = 'file path is not relative';
const errGoModCase = 'go.mod files must have lowercase names';
export const errVCS = 'directory is a version control repository';
export const errVendored = 'file is in vendor directory';
export const errSubmoduleFile = 'file is in another module';
export const errSubmoduleDir = 'directory is in another module';
const errHgArchivalTxt = "file is inserted by 'hg archive' and is always omitted";
const errSymlink = 'file is a symbolic link';
export const errNotRegular = 'not a regular file';

const E = (msg: string) => new Error(msg);

/** collisionChecker: case-insensitive collisions and paths that are both file and directory. */
class CollisionChecker {
  private seen = new Map<string, { path: string; isDir: boolean }>();
  check(p: string, isDir: boolean): Error | null {
    for (;;) {
      const fold = strToFold(p);
      const other = this.seen.get(fold);
      if (other) {
        if (p !== other.path) return E(`case-insensitive file name collision: ${goQuote(other.path)} and ${goQuote(p)}`);
        if (isDir !== other.isDir) return E(`entry ${goQuote(p)} is both a file and a directory`);
        if (!isDir) return E(`multiple entries for file ${goQuote(p)}`);
      } else {
        this.seen.set(fold, { path: p, isDir });
      }
      const parent = pathDir(p);
      if (parent === '.') return null;
      p = parent;
      isDir = true;
    }
  }
}

/** module.CheckFilePath's error for a name that may not be valid UTF-8. */
function filePathErr(name: string, valid: boolean, bytes: Uint8Array | undefined): Error | null {
  if (!valid) return E(`malformed file path ${bytes ? quoteBytes(bytes) : goQuote(name)}: invalid UTF-8`);
  return filePathError(name);
}

/** The checks shared by checkZip and create: canonical version, then module.Check. */
export function moduleVersionErr(mod: ModuleVersion): Error | null {
  const vers = canonicalVersion(mod.version);
  if (vers !== mod.version) return E(`version ${goQuote(mod.version)} is not canonical (should be ${goQuote(vers)})`);
  return checkError(mod.path, mod.version);
}

export interface CheckZipResult extends CheckedFiles {
  /** CheckZip's error: a module/version error, a zip format error, or checkedFilesErr. */
  err: Error | null;
}

const empty = (): CheckedFiles => ({ valid: [], omitted: [], invalid: [], sizeError: null });

/**
 * zip.CheckZip: whether the zip's entries satisfy the module zip rules, decided from names and
 * declared sizes only (nothing is inflated).
 */
export function checkZip(mod: ModuleVersion, zip: Uint8Array, limits: ZipLimits = goLimits): CheckZipResult {
  const r = checkZipArchive(mod, zip, limits);
  return { ...r.cf, err: r.err };
}

/** checkZip, also returning the parsed archive (for Unzip); parsed: readZip(zip) already done. */
export function checkZipArchive(
  mod: ModuleVersion,
  zip: Uint8Array,
  limits: ZipLimits = goLimits,
  parsed?: ZipArchive,
): { cf: CheckedFiles; err: Error | null; archive?: ZipArchive } {
  const verr = moduleVersionErr(mod);
  if (verr) return { cf: empty(), err: verr };
  if (zip.length > limits.maxZipFile) {
    const cf = empty();
    cf.sizeError = new ZipSizeError(`module zip file is too large (${zip.length} bytes; limit is ${limits.maxZipFile} bytes)`);
    return { cf, err: cf.sizeError };
  }
  let archive: ZipArchive;
  try {
    archive = parsed?.data === zip ? parsed : readZip(zip);
  } catch (e) {
    if (e instanceof ZipReadError) return { cf: empty(), err: e };
    throw e;
  }
  const cf = empty();
  const addError = (name: string, err: Error) => cf.invalid.push(new FileError(name, err));
  const prefix = `${mod.path}@${mod.version}/`;
  const collisions = new CollisionChecker();
  const maxSize = BigInt(limits.maxZipFile);
  let size = 0n;
  for (const zf of archive.files) {
    if (!zf.name.startsWith(prefix)) {
      // The prefix is ASCII, so the decoded name starts with it iff the bytes do.
      addError(zf.name, E(`path does not have prefix ${goQuote(prefix)}`));
      continue;
    }
    let name = zf.name.slice(prefix.length);
    if (name === '') continue;
    const isDir = name.endsWith('/');
    if (isDir) name = name.slice(0, -1);
    if (pathClean(name) !== name) {
      addError(zf.name, E(errPathNotClean));
      continue;
    }
    const perr = filePathErr(name, zf.nameValid, zf.nameBytes.subarray(prefix.length, zf.nameBytes.length - (isDir ? 1 : 0)));
    if (perr) {
      addError(zf.name, perr);
      continue;
    }
    const cerr = collisions.check(name, isDir);
    if (cerr) {
      addError(zf.name, cerr);
      continue;
    }
    if (isDir) continue;
    const base = pathBase(name);
    if (foldsToGoMod(base)) {
      if (base !== name) {
        addError(zf.name, E('go.mod file not in module root directory'));
        continue;
      }
      if (name !== 'go.mod') {
        addError(zf.name, E(errGoModCase));
        continue;
      }
    }
    const sz = BigInt.asIntN(64, zf.uncompressedSize);
    if (sz >= 0n && maxSize - size >= sz) {
      size += sz;
    } else if (!cf.sizeError) {
      cf.sizeError = new ZipSizeError(
        `total uncompressed size of module contents too large (max size is ${limits.maxZipFile} bytes)`,
      );
    }
    if (name === 'go.mod' && sz > BigInt(limits.maxGoMod)) {
      addError(zf.name, E(`go.mod file too large (max size is ${limits.maxGoMod} bytes)`));
      continue;
    }
    if (name === 'LICENSE' && sz > BigInt(limits.maxLICENSE)) {
      addError(zf.name, E(`LICENSE file too large (max size is ${limits.maxLICENSE} bytes)`));
      continue;
    }
    cf.valid.push(zf.name);
  }
  return { cf, err: checkedFilesErr(cf), archive };
}

/** A file of a module tree, as zip.File's Path and Lstat describe it. */
export interface ModuleFile {
  /** Slash-separated path relative to the module root. */
  name: string;
  data?: Uint8Array;
  /** Lstat's type (default "file", a regular file). */
  mode?: 'file' | 'dir' | 'symlink' | 'other';
  /** Lstat's size (default data.length). */
  size?: number;
}

/** isVendoredPackage (zip.go), including its offset bug (golang.org/issue/31562). */
export function isVendoredPackage(name: string): boolean {
  let i = 0;
  if (name.startsWith('vendor/')) i += 'vendor/'.length;
  else if (name.indexOf('/vendor/') >= 0) i += '/vendor/'.length; // sic: not j + len
  else return false;
  return name.slice(i).includes('/');
}

const fileSize = (f: ModuleFile) => f.size ?? f.data?.length ?? 0;

/**
 * zip.CheckFiles: sorts files into valid, omitted (vendored, nested modules, .hg_archival.txt,
 * symlinks, irregular files) and invalid, in the order given. Also returns the valid files.
 */
export function checkFiles(
  files: ModuleFile[],
  limits: ZipLimits = goLimits,
): CheckedFiles & { err: Error | null; validFiles: ModuleFile[] } {
  const cf = empty();
  const validFiles: ModuleFile[] = [];
  const errPaths = new Set<string>();
  const addError = (p: string, omitted: boolean, msg: string | Error) => {
    if (errPaths.has(p)) return;
    errPaths.add(p);
    const fe = new FileError(p, typeof msg === 'string' ? E(msg) : msg);
    (omitted ? cf.omitted : cf.invalid).push(fe);
  };
  // Directories (other than the root) holding a go.mod start other modules.
  const haveGoMod = new Set<string>();
  for (const f of files) {
    const [dir, base] = pathSplit(f.name);
    if (foldsToGoMod(base) && (f.mode ?? 'file') === 'file') haveGoMod.add(dir);
  }
  const inSubmodule = (p: string): boolean => {
    for (;;) {
      const [dir] = pathSplit(p);
      if (dir === '') return false;
      if (haveGoMod.has(dir)) return true;
      p = dir.slice(0, -1);
    }
  };
  const collisions = new CollisionChecker();
  let maxSize = limits.maxZipFile;
  for (const f of files) {
    const p = f.name;
    const mode = f.mode ?? 'file';
    if (p !== pathClean(p)) {
      addError(p, false, errPathNotClean);
      continue;
    }
    if (p.startsWith('/')) {
      addError(p, false, errPathNotRelative);
      continue;
    }
    if (isVendoredPackage(p)) {
      addError(p, true, errVendored);
      continue;
    }
    if (inSubmodule(p)) {
      addError(p, true, errSubmoduleFile);
      continue;
    }
    if (p === '.hg_archival.txt') {
      addError(p, true, errHgArchivalTxt);
      continue;
    }
    const perr = filePathError(p);
    if (perr) {
      addError(p, false, perr);
      continue;
    }
    if (foldsToGoMod(p) && p !== 'go.mod') {
      addError(p, false, errGoModCase);
      continue;
    }
    const cerr = collisions.check(p, mode === 'dir');
    if (cerr) {
      addError(p, false, cerr);
      continue;
    }
    if (mode === 'symlink') {
      addError(p, true, errSymlink);
      continue;
    }
    if (mode !== 'file') {
      addError(p, true, errNotRegular);
      continue;
    }
    const size = fileSize(f);
    if (size >= 0 && size <= maxSize) {
      maxSize -= size;
    } else if (!cf.sizeError) {
      cf.sizeError = new ZipSizeError(`module source tree too large (max size is ${limits.maxZipFile} bytes)`);
    }
    if (p === 'go.mod' && size > limits.maxGoMod) {
      addError(p, false, `go.mod file too large (max size is ${limits.maxGoMod} bytes)`);
      continue;
    }
    if (p === 'LICENSE' && size > limits.maxLICENSE) {
      addError(p, false, `LICENSE file too large (max size is ${limits.maxLICENSE} bytes)`);
      continue;
    }
    cf.valid.push(p);
    validFiles.push(f);
  }
  return { ...cf, err: checkedFilesErr(cf), validFiles };
}
