// go list's view of one package directory: its files and imports under the build tags
// (go/build's Import as cmd/go/internal/load sees it), and the named-files package's loading.
import { getConstraints, matchFile, shouldBuildConstraints, toBytes, type Tags } from '../imports/match';
import { embedPositions } from './embedfiles';
import { tryParseConstraint } from '../imports/constraint';
import type { ScanMode } from '../imports/dirs';
import { filterLoadImports, isIgnoredFileName, type SourceFile } from '../imports/dirs';
import { readComments, scanGoFile, type GoFileInfo } from '../imports/scan';
import { FatalError, type ModState } from '../modload/state';
import { dir, isAbs, join, shortPath } from '../modload/paths';
import { commitRequirements, loadModFile } from '../modload/init';
import { loadFromRoots, loaderKeepSums, type Loader } from '../modload/packages/load';
import type { LoadEnv } from '../modload/packages/import';
import type { PackageValue } from './listpkgvalue';
import { goQuote } from '../goquote';
import { strToFold } from '../modzip/fold';

/** go/build Package's lists of non-Go source files (fileListForExt) and IgnoredOtherFiles. */
export type OtherFileKind = 'CFiles' | 'CXXFiles' | 'MFiles' | 'HFiles' | 'FFiles' | 'SFiles' | 'SwigFiles' | 'SwigCXXFiles' | 'SysoFiles';
export const otherFileKinds: readonly OtherFileKind[] = ['CFiles', 'CXXFiles', 'MFiles', 'HFiles', 'FFiles', 'SFiles', 'SwigFiles', 'SwigCXXFiles', 'SysoFiles'];
export type OtherFiles = Record<OtherFileKind | 'IgnoredOtherFiles', string[]>;

/** build.go: fileListForExt — the list a non-Go source file's extension puts it in. */
const kindOfExt = new Map<string, OtherFileKind>([
  ['.c', 'CFiles'], ['.cc', 'CXXFiles'], ['.cpp', 'CXXFiles'], ['.cxx', 'CXXFiles'], ['.m', 'MFiles'],
  ['.h', 'HFiles'], ['.hh', 'HFiles'], ['.hpp', 'HFiles'], ['.hxx', 'HFiles'],
  ['.f', 'FFiles'], ['.F', 'FFiles'], ['.for', 'FFiles'], ['.f90', 'FFiles'],
  ['.s', 'SFiles'], ['.S', 'SFiles'], ['.sx', 'SFiles'], ['.swig', 'SwigFiles'], ['.swigcxx', 'SwigCXXFiles'], ['.syso', 'SysoFiles'],
]);

/** build.go: nameExt */
const nameExt = (name: string) => (name.lastIndexOf('.') < 0 ? '' : name.slice(name.lastIndexOf('.')));

export interface DirInfo {
  name: string;
  /** Package.Doc: the synopsis of the first non-test Go file's package comment. */
  doc: string;
  /** The non-Go source files by list; .S/.sx files are SFiles only beside cgo files. */
  other: OtherFiles;
  goFiles: string[];
  cgoFiles: string[];
  ignored: string[];
  testGoFiles: string[];
  xtestGoFiles: string[];
  invalidGoFiles: string[];
  imports: string[];
  testImports: string[];
  xtestImports: string[];
  /** go/build's Directives, TestDirectives, XTestDirectives: //go: lines before package clauses. */
  directives: { go: string[]; test: string[]; xtest: string[] };
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
export async function scanDirInfo(env: LoadEnv, dir: string, tags: Tags, mode: ImportMode, allFiles = false, goOnly = false): Promise<DirInfo | null> {
  const srcs = await env.fs.sources(dir);
  const others = goOnly ? [] : (await env.fs.filesIn(dir)).filter((n) => !isIgnoredFileName(n) && kindOfExt.has(nameExt(n)));
  if (srcs.length === 0 && others.length === 0) return null;
  const other: OtherFiles = { CFiles: [], CXXFiles: [], MFiles: [], HFiles: [], FFiles: [], SFiles: [], SwigFiles: [], SwigCXXFiles: [], SysoFiles: [], IgnoredOtherFiles: [] };
  const di: DirInfo = { name: '', doc: '', other, goFiles: [], cgoFiles: [], ignored: [], testGoFiles: [], xtestGoFiles: [], invalidGoFiles: [], imports: [], testImports: [], xtestImports: [], directives: { go: [], test: [], xtest: [] }, infos: [], bad: null, binaryOnly: false, embeds: { go: new Map(), test: new Map(), xtest: new Map() } };
  const imps = new Set<string>();
  const timps = new Set<string>();
  const ximps = new Set<string>();
  const badGoFile = (name: string, err: BadGoError) => {
    di.bad ??= err;
    if (!di.invalidGoFiles.includes(name)) di.invalidGoFiles.push(name);
  };
  const direct = mode === 'direct';
  let firstFile = '';
  const sFiles: string[] = []; // .S and .sx: build.go's Sfiles, placed at the end
  const entries: ({ name: string; content?: undefined } | SourceFile)[] = [...srcs, ...others.map((name) => ({ name }))];
  for (const f of entries.sort((a, b) => cmp(a.name, b.name))) {
    if (isIgnoredFileName(f.name)) continue;
    if (f.content === undefined) {
      // A non-Go source file: kept by its name and header's constraints (go/build matchFile,
      // the index's getFileInfo and Import).
      const r = await otherFile(env, dir, f.name, tags, direct, allFiles);
      if (r.abort !== undefined) {
        di.bad ??= { msg: r.abort };
        di.aborted = true;
        return di;
      }
      if (r.kind === undefined) other.IgnoredOtherFiles.push(f.name);
      else if (r.kind === 'SFiles' && !f.name.endsWith('.s')) sFiles.push(f.name);
      else other[r.kind].push(f.name);
      continue;
    }
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
    // build.go: Import — the first package comment of a non-test file is the package's Doc.
    if (di.doc === '' && !info.isTest) di.doc = info.synopsis;
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
    di.directives[!info.isTest ? 'go' : isX ? 'xtest' : 'test'].push(...info.directives);
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
  // build.go: Import — .S/.sx files go to the C compiler with cgo, else they are ignored.
  const into = di.cgoFiles.length > 0 ? other.SFiles : other.IgnoredOtherFiles;
  into.push(...sFiles);
  into.sort(cmp);
  return di;
}

/**
 * One non-Go source file of a package directory: the list it joins (undefined: ignored by its
 * name or constraints), or the index's error that stops the directory's Import. go/build
 * (direct) drops a file whose header it cannot judge (two //go:build lines, a bad expression);
 * the index records the first as an error (kept by name) and gives up on the second. A file
 * that cannot be read is kept by both.
 */
async function otherFile(env: LoadEnv, dir: string, name: string, tags: Tags, direct: boolean, allFiles: boolean): Promise<{ kind?: OtherFileKind; abort?: string }> {
  const kind = kindOfExt.get(nameExt(name))!;
  if (!allFiles && !matchFile(name, tags)) return {};
  if (kind === 'SysoFiles') return { kind }; // binary: not read
  const data = await env.fs.read(dir + '/' + name);
  if (data === undefined) return direct ? {} : { kind };
  const rc = readComments(data);
  if (rc.error !== undefined) return { kind };
  const c = getConstraints(rc.header);
  if (c.error !== undefined) return direct ? {} : { kind };
  if (c.goBuild !== '') {
    const e = tryParseConstraint(c.goBuild).error;
    if (e !== undefined) return direct ? {} : { abort: `${name}: parsing //go:build line: ${e.message}` };
  }
  return allFiles || shouldBuildConstraints(c, tags) ? { kind } : {};
}

/** load/pkg.go: copyBuild — the Doc and non-Go file lists go/build found. */
export function copyOtherFiles(p: PackageValue, di: DirInfo): void {
  p.Doc = di.doc;
  p.IgnoredOtherFiles = [...di.other.IgnoredOtherFiles];
  for (const k of otherFileKinds) p[k] = [...di.other[k]];
}

/**
 * pkg.go: (*Package).load — with cgo off, the files only cgo compiles are dropped (C, C++,
 * Objective-C, SWIG: not .s, .h, .syso, Fortran).
 */
export function dropCgoOnlyFiles(p: InputFiles): void {
  p.CFiles = [];
  p.CXXFiles = [];
  p.MFiles = [];
  p.SwigFiles = [];
  p.SwigCXXFiles = [];
}

/** A package's input file lists (load.Package's, as copyBuild fills them). */
export type InputFiles = Pick<PackageValue, 'GoFiles' | 'CgoFiles' | 'IgnoredGoFiles' | 'TestGoFiles' | 'XTestGoFiles' | OtherFileKind | 'IgnoredOtherFiles'>;

/** pkg.go: copyBuild — the input file lists of a directory go/build read (copies). */
export function inputFiles(di: DirInfo): InputFiles {
  const f: InputFiles = { GoFiles: [...di.goFiles], CgoFiles: [...di.cgoFiles], IgnoredGoFiles: [...di.ignored], TestGoFiles: [...di.testGoFiles], XTestGoFiles: [...di.xtestGoFiles], IgnoredOtherFiles: [...di.other.IgnoredOtherFiles] } as InputFiles;
  for (const k of otherFileKinds) f[k] = [...di.other[k]];
  return f;
}

/** pkg.go: SafeArg — a name starting with an ASCII byte starts with a letter, digit, ".", "_" or "/". */
function safeArg(name: string): boolean {
  if (name === '') return false;
  const c = name.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x5f || c === 0x2f || c >= 0x80;
}

/**
 * pkg.go: (*Package).load — the checks of the package's input files (AllFiles, but for embedded
 * files) and directory made before its imports load: a case-insensitive name collision, a name
 * that could pass for a flag, a directory name that could, a directory path with a newline.
 */
export function inputFilesError(p: InputFiles & Pick<PackageValue, 'ImportPath' | 'Dir'>): string | undefined {
  const inputs = [
    ...p.GoFiles, ...p.CgoFiles, ...p.IgnoredGoFiles, ...p.IgnoredOtherFiles, ...p.CFiles, ...p.CXXFiles, ...p.MFiles, ...p.HFiles,
    ...p.FFiles, ...p.SFiles, ...p.SwigFiles, ...p.SwigCXXFiles, ...p.SysoFiles, ...p.TestGoFiles, ...p.XTestGoFiles,
  ];
  // str.FoldDup
  const clash = new Map<string, string>();
  for (const f of inputs) {
    const fold = strToFold(f);
    const t = clash.get(fold);
    if (t !== undefined) return `case-insensitive file name collision: ${goQuote(f < t ? f : t)} and ${goQuote(f < t ? t : f)}`;
    clash.set(fold, f);
  }
  for (const f of inputs) if (!safeArg(f) || f.startsWith('_cgo_')) return `invalid input file name ${goQuote(f)}`;
  const name = p.ImportPath.slice(p.ImportPath.lastIndexOf('/') + 1);
  if (!safeArg(name)) return `invalid input directory name ${goQuote(name)}`;
  if (/[\r\n]/.test(p.Dir)) return `invalid package directory ${goQuote(p.Dir)}`;
  return undefined;
}

/** pkg.go: (*Package).load — SWIG's implicit imports (before cgo being off drops the SWIG files). */
export function swigImports(di: DirInfo): string[] {
  return di.other.SwigFiles.length + di.other.SwigCXXFiles.length > 0 ? ['unsafe', 'runtime/cgo', 'syscall', 'sync'] : [];
}

/**
 * pkg.go: (*Package).load — C files need cgo or SWIG under the gc toolchain; C++, Objective-C
 * and Fortran files need them always. The first such error's text, or undefined.
 */
export function otherFilesError(p: InputFiles): string | undefined {
  if (p.CgoFiles.length > 0 || p.SwigFiles.length + p.SwigCXXFiles.length > 0) return undefined;
  const lang: [string, string[]][] = [['C', p.CFiles], ['C++', p.CXXFiles], ['Objective-C', p.MFiles], ['Fortran', p.FFiles]];
  for (const [name, files] of lang) if (files.length > 0) return `${name} source files not allowed when not using cgo or SWIG: ${files.join(' ')}`;
  return undefined;
}

/** build.Import's NoGoError: no Go, cgo, test or external test files (and no bad file). */
export function dirNoGo(di: DirInfo | null): boolean {
  return di === null || (di.bad === null && di.goFiles.length + di.cgoFiles.length + di.testGoFiles.length + di.xtestGoFiles.length === 0);
}

/** PackageOpts.importDirHasGo: build.ImportDir (read directly, under tags) finds Go files or a bad one. */
export function importDirHasGo(env: LoadEnv, tags: Tags): (dir: string) => Promise<boolean> {
  return async (dir) => !dirNoGo(await scanDirInfo(env, dir, tags, 'direct', false, true));
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
