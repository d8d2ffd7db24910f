// Which directories of a module tree are packages, and what a package directory imports,
// as the go command decides for `go mod tidy`, `all`, `./...`:
// cmd/go/internal/modload/search.go (matchPackages: walkPkgs, walkFromIndex),
// modload/load.go (scanDir), modindex/read.go ((*IndexPackage).ScanDir) and
// cmd/go/internal/imports/scan.go (ScanDir, scanFiles).
import { getConstraints, matchFile, shouldBuild, shouldBuildConstraints, toBytes, type Tags } from './match';
import { plainHeader } from './plainHeader';
import { readImports, scanGoFile, unquote, type GoFileInfo } from './scan';

/** walkPkgs: a directory element that hides its whole subtree (.foo, _foo, testdata). */
export function isSkippedDirElem(elem: string): boolean {
  return elem.startsWith('.') || elem.startsWith('_') || elem === 'testdata';
}

/** Files whose names start with "_" or "." are never looked at. */
export function isIgnoredFileName(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.');
}

export interface WalkOptions {
  /** Stop at subdirectories holding a go.mod file (main modules; module zips never have them). Default true. */
  pruneGoMod?: boolean;
  /** Consider a directory named vendor but not its subtree. Default true. */
  pruneVendor?: boolean;
}

const dirOf = (p: string) => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

/**
 * The directories (slash-separated, relative to the module root, "" for the root) that
 * matchPackages would consider as packages, sorted. `files` lists the module's files as
 * slash-separated relative paths; directories are implied by them.
 */
export function candidatePackageDirs(files: Iterable<string>, opts: WalkOptions = {}): string[] {
  const pruneGoMod = opts.pruneGoMod ?? true;
  const pruneVendor = opts.pruneVendor ?? true;
  const fileSet = new Set<string>();
  const dirs = new Set<string>(['']);
  for (const f of files) {
    fileSet.add(f);
    for (let d = dirOf(f); d !== ''; d = dirOf(d)) {
      if (dirs.has(d)) break;
      dirs.add(d);
    }
  }
  // A directory is walked only if no ancestor (below the root) prunes it.
  const verdict = new Map<string, 'pkg' | 'pkg-stop' | 'skip'>();
  const decide = (d: string): 'pkg' | 'pkg-stop' | 'skip' => {
    const known = verdict.get(d);
    if (known) return known;
    let v: 'pkg' | 'pkg-stop' | 'skip';
    if (d === '') v = 'pkg';
    else {
      const parent = decide(dirOf(d));
      const elem = d.slice(d.lastIndexOf('/') + 1);
      if (parent !== 'pkg') v = 'skip';
      else if (isSkippedDirElem(elem)) v = 'skip';
      else if (pruneGoMod && fileSet.has(d + '/go.mod')) v = 'skip';
      else if (elem === 'vendor' && pruneVendor) v = 'pkg-stop';
      else v = 'pkg';
    }
    verdict.set(d, v);
    return v;
  };
  return [...dirs].filter((d) => decide(d) !== 'skip').sort();
}

/** imports.ErrNoGo */
export const errNoGo = 'no Go source files';

export interface SourceFile {
  /** File name within its directory. */
  name: string;
  content: Uint8Array | string;
}

export type ScanDirResult =
  | { imports: string[]; testImports: string[]; error?: undefined }
  | { imports?: undefined; testImports?: undefined; error: string };

const sorted = (s: Set<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * What the module index keeps of one .go file for ScanDir (modindex/scan.go: rawFile, reduced):
 * the file's name within its directory, whether getFileInfo failed (the file then counts with
 * no imports and no constraints), its import paths (none after a syntax error) and constraints.
 */
export interface IndexedGoFile {
  name: string;
  error: boolean;
  imports: string[];
  goBuild: string;
  plusBuild: string[];
}

/** The index record of one .go file (any name: the summary does not depend on the directory). */
export function indexGoFile(f: SourceFile): IndexedGoFile {
  // A header of the plain shape needs neither the byte-wise reader nor the parser (plainHeader.ts).
  const plain = plainHeader(toBytes(f.content));
  if (plain !== undefined) {
    const c = getConstraints(plain.header);
    if (c.error === undefined) return { name: f.name, error: false, imports: plain.paths, goBuild: c.goBuild, plusBuild: c.plusBuild };
  }
  const info: GoFileInfo = scanGoFile(f.name, f.content);
  const err = info.error !== undefined;
  return {
    name: f.name,
    error: err,
    imports: err ? [] : info.imports.map((i) => i.path),
    goBuild: err ? '' : info.constraints.goBuild,
    plusBuild: err ? [] : info.constraints.plusBuild,
  };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The files of a directory the index records: .go files not hidden by a leading "_" or ".", by name. */
export function indexedSources(files: readonly SourceFile[]): SourceFile[] {
  return files.filter((f) => !isIgnoredFileName(f.name) && f.name.endsWith('.go')).sort(byName);
}

/**
 * modindex/read.go: (*IndexPackage).ScanDir over a directory's index records (indexedSources
 * order) — the imports and test imports of the package as the module index sees them. Files
 * with a per-file error or a syntax error still count as Go files but contribute no imports.
 */
export function scanIndexedFiles(files: readonly IndexedGoFile[], tags: Tags): ScanDirResult {
  const imports = new Set<string>();
  const testImports = new Set<string>();
  let numFiles = 0;
  files: for (const f of files) {
    if (!matchFile(f.name, tags)) continue;
    for (const imp of f.imports) if (imp === 'C' && !tags.set.has('cgo') && !tags.set.has('*')) continue files;
    if (!shouldBuildConstraints(f, tags)) continue;
    numFiles++;
    const m = f.name.endsWith('_test.go') ? testImports : imports;
    for (const imp of f.imports) m.add(imp);
  }
  if (numFiles === 0) return { error: errNoGo };
  return { imports: sorted(imports), testImports: sorted(testImports) };
}

/**
 * modindex/read.go: (*IndexPackage).ScanDir — the imports and test imports of one package
 * directory as the module index sees them (what modload uses by default). The result does not
 * depend on the directory (go's records keep it only for positions): `_dir` is accepted for callers.
 */
export function scanDirIndexed(files: readonly SourceFile[], tags: Tags, _dir = ''): ScanDirResult {
  return scanIndexedFiles(indexedSources(files).filter((f) => matchFile(f.name, tags)).map(indexGoFile), tags);
}

/**
 * cmd/go/internal/imports/scan.go: ScanDir — the same question answered without the index
 * (GODEBUG=goindex=0, or GOFLAGS with the index off): imports come from the import reader,
 * constraints from ShouldBuild over its header, and a NUL byte is an error.
 */
export function scanDirDirect(files: readonly SourceFile[], tags: Tags, dir = ''): ScanDirResult {
  const imports = new Set<string>();
  const testImports = new Set<string>();
  let numFiles = 0;
  const list = [...files]
    .filter((f) => !isIgnoredFileName(f.name) && f.name.endsWith('.go') && matchFile(f.name, tags))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  files: for (const f of list) {
    const full = dir ? dir + '/' + f.name : f.name;
    const rd = readImports(f.content, false);
    if (rd.error !== undefined) return { error: `reading ${full}: ${rd.error}` };
    for (const lit of rd.imports) if (lit === '"C"' && !tags.set.has('cgo') && !tags.set.has('*')) continue files;
    if (!shouldBuild(rd.header, tags)) continue;
    numFiles++;
    const m = f.name.endsWith('_test.go') ? testImports : imports;
    for (const lit of rd.imports) {
      const q = unquote(lit);
      if (q !== undefined) m.add(q);
    }
  }
  if (numFiles === 0) return { error: errNoGo };
  return { imports: sorted(imports), testImports: sorted(testImports) };
}

/** modload/load.go: scanDir's filter — "C" and appengine imports are never loaded. */
export function filterLoadImports(paths: readonly string[]): string[] {
  return paths.filter(
    (p) =>
      p !== 'C' &&
      p !== 'appengine' &&
      !p.startsWith('appengine/') &&
      p !== 'appengine_internal' &&
      !p.startsWith('appengine_internal/'),
  );
}

/**
 * How the go command reads a package directory. modload/load.go: scanDir uses the module index
 * (scanDirIndexed) unless it is off (GODEBUG=goindex=0, GOCACHE=off) or, for directories outside
 * the module cache, some entry was modified less than 2 s ago (modindex/read.go: dirHash,
 * modTimeCutoff); then it uses imports.ScanDir (scanDirDirect). The two differ on files with
 * syntax errors (the index keeps none of their imports), multiple //go:build lines (the index
 * keeps the file, without imports) and NUL bytes (direct reading fails).
 */
export type ScanMode = 'index' | 'direct';

/** modload/load.go: scanDir including its filter. */
export function loadScanDir(files: readonly SourceFile[], tags: Tags, dir = '', mode: ScanMode = 'index'): ScanDirResult {
  return filterScanResult(mode === 'index' ? scanDirIndexed(files, tags) : scanDirDirect(files, tags, dir));
}

/** loadScanDir's filter over a scan result. */
export function filterScanResult(r: ScanDirResult): ScanDirResult {
  if (r.error !== undefined) return r;
  return { imports: filterLoadImports(r.imports), testImports: filterLoadImports(r.testImports) };
}

const joinPath = (a: string, b: string) => (a === '' ? b : b === '' ? a : a + '/' + b);

/**
 * matchPackages over one module: the import paths of the packages in the module tree
 * (directories from candidatePackageDirs whose scan is not "no Go source files"), sorted.
 * `files` maps slash-separated paths relative to the module root to contents.
 */
export function modulePackages(
  modulePath: string,
  files: ReadonlyMap<string, Uint8Array | string>,
  tags: Tags,
  opts: WalkOptions & { isMatch?: (importPath: string) => boolean; mode?: ScanMode } = {},
): string[] {
  const byDir = new Map<string, SourceFile[]>();
  for (const [p, content] of files) {
    const d = dirOf(p);
    let l = byDir.get(d);
    if (!l) byDir.set(d, (l = []));
    l.push({ name: p.slice(d === '' ? 0 : d.length + 1), content });
  }
  const out: string[] = [];
  for (const d of candidatePackageDirs(files.keys(), opts)) {
    const name = joinPath(modulePath, d);
    if (opts.isMatch && !opts.isMatch(name)) continue;
    const r = loadScanDir(byDir.get(d) ?? [], tags, d, opts.mode ?? 'index');
    if (r.error !== errNoGo) out.push(name);
  }
  return out.sort();
}
