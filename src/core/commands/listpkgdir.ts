// go list's view of one package directory: its files and imports under the build tags
// (go/build's Import as cmd/go/internal/load sees it), and the named-files package's loading.
import { matchFile, shouldBuildConstraints, toBytes, type Tags } from '../imports/match';
import { embedPositions } from './embedfiles';
import { tryParseConstraint } from '../imports/constraint';
import type { ScanMode } from '../imports/dirs';
import { filterLoadImports, isIgnoredFileName } from '../imports/dirs';
import { scanGoFile, type GoFileInfo } from '../imports/scan';
import { FatalError, type ModState } from '../modload/state';
import { dir, isAbs, join, shortPath } from '../modload/paths';
import { commitRequirements, loadModFile } from '../modload/init';
import { loadFromRoots, loaderKeepSums, type Loader } from '../modload/packages/load';
import type { LoadEnv } from '../modload/packages/import';

export interface DirInfo {
  name: string;
  goFiles: string[];
  cgoFiles: string[];
  ignored: string[];
  testGoFiles: string[];
  xtestGoFiles: string[];
  invalidGoFiles: string[];
  imports: string[];
  testImports: string[];
  xtestImports: string[];
  infos: GoFileInfo[];
  /** go/build's error for the directory (its first bad Go file), or null. */
  bad: BadGoError | null;
  /**
   * //go:embed patterns of the package's, test and external test files, each with its first
   * position ("FILE:LINE:COL", absolute), in file order (EmbedPatternPos and its test kinds).
   */
  embeds: { go: Map<string, string>; test: Map<string, string>; xtest: Map<string, string> };
  /** A built non-test file says //go:binary-only-package (Package.BinaryOnly). */
  binaryOnly: boolean;
  /** The index's Import gave up at a bad //go:build line: the facts stop there (no imports). */
  aborted?: boolean;
}

/**
 * The first bad Go file's error (modindex/read.go: Import's badGoError). A parse error is a
 * go/scanner ErrorList: its first position and message, and the whole list's text.
 */
export interface BadGoError {
  msg: string;
  scan?: { file: string; line: number; column: number; list: string };
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * How the go command reads a package directory's facts (load/pkg.go: loadPackageData): through
 * the module index (modindex.GetPackage(...).Import) when the directory is indexable, else with
 * go/build's Context.ImportDir — as modload's scanDir chooses (PackageFS.importMode).
 */
export type ImportMode = ScanMode;

/**
 * The package facts of dir under tags: null when it holds no Go sources. mode 'index':
 * modindex/read.go (*IndexPackage).Import; 'direct': go/build build.go (*Context).Import with
 * matchFile and read.go readGoInfo. allFiles is build.Context's UseAllFiles (file names and
 * build constraints ignored).
 */
export async function scanDirInfo(env: LoadEnv, dir: string, tags: Tags, mode: ImportMode, allFiles = false): Promise<DirInfo | null> {
  const srcs = await env.fs.sources(dir);
  if (srcs.length === 0) return null;
  const di: DirInfo = { name: '', goFiles: [], cgoFiles: [], ignored: [], testGoFiles: [], xtestGoFiles: [], invalidGoFiles: [], imports: [], testImports: [], xtestImports: [], infos: [], bad: null, binaryOnly: false, embeds: { go: new Map(), test: new Map(), xtest: new Map() } };
  const imps = new Set<string>();
  const timps = new Set<string>();
  const ximps = new Set<string>();
  const badGoFile = (name: string, err: BadGoError) => {
    di.bad ??= err;
    if (!di.invalidGoFiles.includes(name)) di.invalidGoFiles.push(name);
  };
  const direct = mode === 'direct';
  let firstFile = '';
  for (const f of [...srcs].sort((a, b) => cmp(a.name, b.name))) {
    if (isIgnoredFileName(f.name)) continue;
    const info = scanGoFile(dir + '/' + f.name, f.content);
    // build.go: matchFile rejects a file by name before reading it; the index reads it first.
    const nameOK = allFiles || matchFile(f.name, tags);
    if (direct && !nameOK) {
      di.ignored.push(f.name);
      continue;
    }
    // read.go: readGoInfo stops at the first bad import path (a parse error to go/build) or
    // badly quoted one (a read error), whichever comes first.
    const readErr = info.error !== undefined && !info.constraintError && !(direct && info.invalidImport !== undefined);
    if (readErr || (info.error !== undefined && !direct)) {
      badGoFile(f.name, { msg: info.error! });
      continue;
    }
    let ok = nameOK;
    if (direct) {
      // build.go: shouldBuild — a second //go:build line or a bad expression makes the file bad.
      if (info.error !== undefined) {
        badGoFile(f.name, { msg: info.error });
        continue;
      }
      const c = info.constraints;
      if (c.goBuild !== '' && tryParseConstraint(c.goBuild).error !== undefined) {
        badGoFile(f.name, { msg: `${f.name}: parsing //go:build line: ${tryParseConstraint(c.goBuild).error!.message}` });
        continue;
      }
      ok = allFiles || shouldBuildConstraints(c, tags);
      if (!ok) {
        di.ignored.push(f.name);
        continue;
      }
      if (c.binaryOnly) di.binaryOnly = true;
    }
    const pe = info.parseErrors[0];
    if (pe !== undefined) badGoFile(f.name, { msg: pe.msg, scan: { file: info.name, line: pe.line, column: pe.column, list: info.parseError! } });
    else if (direct && info.invalidImport !== undefined) badGoFile(f.name, { msg: info.invalidImport });
    if (!direct && nameOK && info.constraints.goBuild !== '') {
      // modindex/read.go: Import gives up on a //go:build line it cannot parse.
      const e = tryParseConstraint(info.constraints.goBuild).error;
      if (e !== undefined) {
        di.bad ??= { msg: `${f.name}: parsing //go:build line: ${e.message}` };
        di.aborted = true;
        return di;
      }
    }
    if (!direct) ok = ok && (allFiles || shouldBuildConstraints(info.constraints, tags));
    if (!ok || info.packageName === 'documentation') {
      di.ignored.push(f.name);
      continue;
    }
    let pkg = info.packageName;
    const isX = info.isTest && pkg.endsWith('_test') && di.name !== pkg;
    if (isX) pkg = pkg.slice(0, -'_test'.length);
    if (!direct && !info.isTest && info.constraints.binaryOnly) di.binaryOnly = true;
    if (di.name === '') {
      di.name = pkg;
      firstFile = f.name;
    } else if (pkg !== di.name) {
      badGoFile(f.name, { msg: `found packages ${di.name} (${firstFile}) and ${pkg} (${f.name}) in ${dir}` });
    }
    const imports = direct && info.invalidImport !== undefined ? [] : info.imports;
    let cgo = false;
    for (const imp of imports) {
      if (imp.path !== 'C') continue;
      // go/build names the file by its full path, the index by its base name.
      if (info.isTest) badGoFile(f.name, { msg: `use of cgo in test ${direct ? info.name : f.name} not supported` });
      else cgo = true;
    }
    if (cgo && !tags.set.has('cgo')) {
      di.ignored.push(f.name); // cgo disabled: its imports are not the package's
      continue;
    }
    di.infos.push(imports === info.imports ? info : { ...info, imports });
    if (imports.some((i) => i.path === 'embed')) {
      const m = di.embeds[!info.isTest ? 'go' : isX ? 'xtest' : 'test'];
      for (const e of embedPositions(toBytes(f.content))) if (!m.has(e.pattern)) m.set(e.pattern, `${info.name}:${e.line}:${e.column}`);
    }
    if (!info.isTest) {
      (cgo ? di.cgoFiles : di.goFiles).push(f.name);
      for (const i of imports) imps.add(i.path);
    } else if (isX) {
      di.xtestGoFiles.push(f.name);
      for (const i of imports) ximps.add(i.path);
    } else {
      di.testGoFiles.push(f.name);
      for (const i of imports) timps.add(i.path);
    }
  }
  di.imports = [...imps].sort(cmp);
  di.testImports = [...timps].sort(cmp);
  di.xtestImports = [...ximps].sort(cmp);
  return di;
}

/** build.Import's NoGoError: no Go, cgo, test or external test files (and no bad file). */
export function dirNoGo(di: DirInfo | null): boolean {
  return di === null || (di.bad === null && di.goFiles.length + di.cgoFiles.length + di.testGoFiles.length + di.xtestGoFiles.length === 0);
}

/** PackageOpts.importDirHasGo: build.ImportDir (read directly, under tags) finds Go files or a bad one. */
export function importDirHasGo(env: LoadEnv, tags: Tags): (dir: string) => Promise<boolean> {
  return async (dir) => !dirNoGo(await scanDirInfo(env, dir, tags, 'direct'));
}

/** go list's package directories, each scanned once, and the positions of imports in them. */
export class PackageDirs {
  private readonly cache = new Map<string, Promise<DirInfo | null>>();
  constructor(
    private readonly env: LoadEnv,
    private readonly tags: Tags,
    private readonly cwd: string,
  ) {}

  scan(dir: string): Promise<DirInfo | null> {
    let d = this.cache.get(dir);
    if (!d) this.cache.set(dir, (d = this.env.fs.importMode(dir).then((m) => scanDirInfo(this.env, dir, this.tags, m))));
    return d;
  }

  /** Where the importer's files of a kind import path ("file:line:col", short), or "". */
  async importPos(importer: { Dir: string; _files?: GoFileInfo[] }, path: string, kind: 'go' | 'test' | 'xtest' = 'go'): Promise<string> {
    const di = importer._files ? { infos: importer._files } : importer.Dir !== '' ? await this.scan(importer.Dir) : null;
    if (!di) return '';
    for (const info of di.infos) {
      const k = !info.isTest ? 'go' : info.packageName.endsWith('_test') ? 'xtest' : 'test';
      if (k !== kind) continue;
      const imp = info.imports.find((x) => x.path === path);
      if (imp) return `${shortPath(this.cwd, info.name)}:${imp.pos.line}:${imp.pos.column}`;
    }
    return '';
  }
}

/**
 * pkg.go: GoFilesPackage's loading — the named .go files (one directory) are scanned and their
 * imports loaded as roots (load.go: ImportFromFiles). null: an error was printed (exit 1).
 */
export async function importFromFiles(s: ModState, goFiles: string[], tags: Tags): Promise<{ ld: Loader; fileInfos: GoFileInfo[]; filesDir: string } | null> {
  const fileInfos: GoFileInfo[] = [];
  let filesDir = '';
  for (const f of goFiles) {
    if (!f.endsWith('.go')) {
      s.stderr(`named files must be .go files: ${f}\n`);
      return null;
    }
  }
  for (const f of goFiles) {
    const abs = isAbs(f) ? f : join(s.cwd, f);
    const st = await s.files.stat(abs);
    if (st === undefined) throw new FatalError(`stat ${f}: no such file or directory`);
    if (st === 'dir') throw new FatalError(`${f} is a directory, should be a Go file`);
    const d = dir(abs);
    if (filesDir === '') filesDir = d;
    else if (filesDir !== d) throw new FatalError(`named files must all be in one directory; have ${dir(goFiles[0]!)} and ${dir(f)}`);
    const data = await s.files.read(abs);
    if (data !== undefined) fileInfos.push(scanGoFile(abs, data));
  }
  // load.go: ImportFromFiles
  const rs = await loadModFile(s);
  const imports = new Set<string>();
  const testImports = new Set<string>();
  for (const info of fileInfos) for (const imp of info.imports) (info.isTest ? testImports : imports).add(imp.path);
  const roots = [...filterLoadImports([...imports].sort()), ...filterLoadImports([...testImports].sort())];
  const ld = await loadFromRoots(s, { tags, resolveMissingImports: true, silencePackageErrors: true, requirements: rs, allPatternIsRoot: false, listRoots: async () => roots });
  s.requirements = ld.requirements;
  await commitRequirements(s, {}, loaderKeepSums(ld, ld.requirements));
  return { ld, fileInfos, filesDir };
}
