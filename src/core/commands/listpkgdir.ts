// go list's view of one package directory: its files and imports under the build tags
// (go/build's Import as cmd/go/internal/load sees it), and the named-files package's loading.
import { matchFile, shouldBuildConstraints, type Tags } from '../imports/match';
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
 * The package facts of dir under tags: null when it holds no Go sources. go/build's Import over
 * the module index (modindex/read.go: (*IndexPackage).Import); allFiles is build.Context's
 * UseAllFiles (file names and build constraints ignored).
 */
export async function scanDirInfo(env: LoadEnv, dir: string, tags: Tags, allFiles = false): Promise<DirInfo | null> {
  const srcs = await env.fs.sources(dir);
  if (srcs.length === 0) return null;
  const di: DirInfo = { name: '', goFiles: [], cgoFiles: [], ignored: [], testGoFiles: [], xtestGoFiles: [], invalidGoFiles: [], imports: [], testImports: [], xtestImports: [], infos: [], bad: null };
  const imps = new Set<string>();
  const timps = new Set<string>();
  const ximps = new Set<string>();
  const badGoFile = (name: string, err: BadGoError) => {
    di.bad ??= err;
    if (!di.invalidGoFiles.includes(name)) di.invalidGoFiles.push(name);
  };
  let firstFile = '';
  for (const f of [...srcs].sort((a, b) => cmp(a.name, b.name))) {
    if (isIgnoredFileName(f.name)) continue;
    const info = scanGoFile(dir + '/' + f.name, f.content);
    if (info.error !== undefined) {
      badGoFile(f.name, { msg: info.error });
      continue;
    }
    const pe = info.parseErrors[0];
    if (pe !== undefined) badGoFile(f.name, { msg: pe.msg, scan: { file: info.name, line: pe.line, column: pe.column, list: info.parseError! } });
    const ok = allFiles || (matchFile(f.name, tags) && shouldBuildConstraints(info.constraints, tags));
    if (!ok || info.packageName === 'documentation') {
      di.ignored.push(f.name);
      continue;
    }
    let pkg = info.packageName;
    const isX = info.isTest && pkg.endsWith('_test') && di.name !== pkg;
    if (isX) pkg = pkg.slice(0, -'_test'.length);
    if (di.name === '') {
      di.name = pkg;
      firstFile = f.name;
    } else if (pkg !== di.name) {
      badGoFile(f.name, { msg: `found packages ${di.name} (${firstFile}) and ${pkg} (${f.name}) in ${dir}` });
    }
    let cgo = false;
    for (const imp of info.imports) {
      if (imp.path !== 'C') continue;
      if (info.isTest) badGoFile(f.name, { msg: `use of cgo in test ${f.name} not supported` });
      else cgo = true;
    }
    if (cgo && !tags.set.has('cgo')) {
      di.ignored.push(f.name); // cgo disabled: its imports are not the package's
      continue;
    }
    di.infos.push(info);
    if (!info.isTest) {
      (cgo ? di.cgoFiles : di.goFiles).push(f.name);
      for (const i of info.imports) imps.add(i.path);
    } else if (isX) {
      di.xtestGoFiles.push(f.name);
      for (const i of info.imports) ximps.add(i.path);
    } else {
      di.testGoFiles.push(f.name);
      for (const i of info.imports) timps.add(i.path);
    }
  }
  di.imports = [...imps].sort(cmp);
  di.testImports = [...timps].sort(cmp);
  di.xtestImports = [...ximps].sort(cmp);
  return di;
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
    if (!d) this.cache.set(dir, (d = scanDirInfo(this.env, dir, this.tags)));
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
