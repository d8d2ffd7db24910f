// go list's package loader: one load.Package per import path, built depth-first over the
// module loader's packages (cmd/go/internal/load/pkg.go: loadImport, loadPackageData,
// setLoadPackageDataError, reusePackage, disallowInternal, GoFilesPackage) and go/build's view
// of each directory under the build tags (listpkgdir.ts).

import { goQuote } from '../goquote';
import { cgoEnabled, type Tags } from '../imports/match';
import { errNoGo } from '../imports/dirs';
import type { GoFileInfo } from '../imports/scan';
import { isStandardImportPath } from '../module';
import { addRetraction, moduleInfo, type ModulePublic } from '../modload/list';
import type { ModState } from '../modload/state';
import type { Requirements } from '../modload/requirements';
import { inDir, shortPath, join } from '../modload/paths';
import type { LoadPkg, Loader } from '../modload/packages/load';
import { goRoot, loadEnv, type LoadEnv } from '../modload/packages/import';
import { stdDirs } from '../modload/packages/stdlib';
import { defaultGODEBUG } from '../modload/godebug';
import { isLocalImport, loadPackageDataError, localImportError, noGoErrorText } from './buildcheck';
import { internalDisallowed, vendorImportError } from './internalrule';
import { embedError, resolveEmbed } from './embedfiles';
import { cmp, copyOtherFiles, dirNoGo, dropCgoOnlyFiles, inputFilesError, otherFilesError, PackageDirs, swigImports } from './listpkgdir';
import { depsOf, PackageError, newPkg, type PackageValue } from './listpkgvalue';

const stdSet = new Set(stdDirs);

/**
 * An import of a standard package as go resolves it (modload/load.go stdVendor): through
 * GOROOT/src/cmd/vendor from a package of cmd, through GOROOT/src/vendor from the others.
 */
export function stdVendorPath(parent: string, imp: string): string {
  if (stdSet.has(imp)) return imp;
  const v = (parent === 'cmd' || parent.startsWith('cmd/') ? 'cmd/vendor/' : 'vendor/') + imp;
  return stdSet.has(v) ? v : imp;
}

/** pkg.go: cgoSyscallExclude */
const cgoSyscallExclude = new Set(['runtime/cgo', 'runtime/race', 'runtime/msan', 'runtime/asan']);

/** Which of the importer's files import a path: its package's, its test's or its external test's. */
export type ImportKind = 'go' | 'test' | 'xtest';

/** An import that loadImport's checks refused: the error goes to the importer. */
export interface CheckedImport {
  q: PackageValue;
  err: PackageError | null;
}

export interface ListLoaderOptions {
  tags: Tags;
  /** list.go: embedded files are resolved (-json without fields that need them skips it). */
  resolveEmbeds: boolean;
  /** -retracted: the modules providing packages report their retractions. */
  retracted: boolean;
  /** -find (PackageOpts.IgnoreImports): packages are found, their imports neither listed nor loaded. */
  ignoreImports?: boolean;
}

/** One go list run's loaded packages: the package cache, the import stack and their inputs. */
export class ListLoader {
  readonly env: LoadEnv;
  readonly dirs: PackageDirs;
  readonly resolveEmbeds: boolean;
  /** The import stack of the package being loaded (PackageErrors copy it). */
  readonly stk: string[] = [];
  private readonly cache = new Map<string, PackageValue>();
  private readonly modCache = new Map<string, Promise<ModulePublic>>();
  /** The requirements the packages were loaded with (their modules' facts come from them). */
  private readonly rs: Requirements | null;
  private readonly retracted: boolean;
  private readonly ignoreImports: boolean;
  private readonly gobin: string;
  private readonly gopath: string;
  /** The build context's CgoEnabled. */
  private readonly cgo: boolean;

  constructor(
    readonly s: ModState,
    private readonly ld: Loader,
    o: ListLoaderOptions,
  ) {
    this.env = loadEnv(s);
    this.dirs = new PackageDirs(this.env, o.tags, s.cwd);
    this.rs = s.requirements;
    this.resolveEmbeds = o.resolveEmbeds;
    this.retracted = o.retracted;
    this.ignoreImports = !!o.ignoreImports;
    this.gobin = s.getenv('GOBIN');
    this.gopath = (s.goEnv.GOPATH || '').split(':')[0] ?? ''; // cfg.GOPATH: $GOPATH or $HOME/go
    this.cgo = cgoEnabled((k) => s.getenv(k));
  }

  /** The module providing a loaded package (once per module version), or null outside modules. */
  private modValue(lp: LoadPkg): Promise<ModulePublic> | null {
    if (lp.mod.path === '') return null;
    const key = lp.mod.path + '@' + lp.mod.version;
    let m = this.modCache.get(key);
    if (!m) {
      const s = this.s;
      m = moduleInfo(s, this.rs, lp.mod, 0);
      // list.go: runList — with -retracted, the retractions of the modules (and replacements)
      // that provide packages (modload.ListModules of path@version, mode ListRetracted).
      if (this.retracted) {
        m = m.then(async (mi) => {
          await addRetraction(s, mi);
          if (mi.Replace) await addRetraction(s, mi.Replace);
          return mi;
        });
      }
      this.modCache.set(key, m);
    }
    return m;
  }

  /** load/godebug.go: defaultGODEBUG — a main package's defaults from the main modules' go version and godebug lines and its //go:debug directives. */
  defaultGODEBUG(p: PackageValue, ...directives: string[][]): string {
    if (p.Name !== 'main') return '';
    const mms = this.s.main();
    return defaultGODEBUG(mms.goVersion(), mms.godebugs(), directives.flat());
  }

  /** An installable main package's Target: GOBIN or GOPATH/bin, named elem. */
  private target(elem: string): string {
    if (this.gobin) return join(this.gobin, elem);
    if (this.gopath) return join(this.gopath, 'bin', elem);
    return '';
  }

  /**
   * pkg.go: loadImport — one Package per import path, loaded depth-first; the import stack of
   * its first load is the one its error reports.
   */
  async loadImport(path: string, importer: PackageValue | null, kind: ImportKind = 'go'): Promise<PackageValue> {
    const { s, stk } = this;
    let p = this.cache.get(path);
    if (p) return this.reusePackage(p, path);
    p = newPkg(path);
    const dataErr = loadPackageDataError(path);
    if (dataErr !== undefined) {
      // pkg.go: loadImport — loadPackageData refused the path: a new Package for each import
      // (never cached), the path on its import stack.
      p.Error = new PackageError([...stk, path], '', new Error(dataErr));
      p.Incomplete = true;
      p._loaded = true;
      return p;
    }
    this.cache.set(path, p);
    const lp = this.ld.pkgCache.get(path);
    let err: Error | null = null;
    let dir = '';
    // A package of a main module inside GOROOT/src (std, cmd) is a GOROOT package too.
    const gorootMain = !!lp && lp.mod.path !== '' && lp.mod.version === '' && s.main().contains(lp.mod.path) && inDir(s.main().getModRoot(lp.mod), join(goRoot(s), 'src')) !== '';
    const std = (!lp || lp.inStd || ((lp.mod.path === '' || gorootMain) && lp.err === null)) && isStandardImportPath(path) && stdSet.has(path);
    if (std) dir = join(goRoot(s), 'src', path);
    else if (lp) {
      err = lp.err;
      dir = lp.dir;
      const mv = this.modValue(lp);
      if (mv) p.Module = await mv;
    }
    p.Dir = dir;
    p.Standard = std;
    p.Goroot = std;
    if (std) p.Root = goRoot(s);
    else if (p.Module) p.Root = p.Module.Dir ?? '';
    // pkg.go: loadPackageData — with a directory, go/build's facts (the index's Import or
    // ImportDir) come first: their error is kept over the module loader's; where go/build found
    // Go files the loader's NoGo error is dropped.
    const di = dir !== '' ? await this.dirs.scan(dir) : null;
    // (The standard library is matched by a list of its directories, not by scanning them: its
    // loader errors stand.)
    if (dir !== '' && !std) {
      if (di !== null && di.bad !== null) err = null; // reported below, as go/build's
      else if (dirNoGo(di)) err = new Error(errNoGo);
      else if (err !== null && err.message === errNoGo) err = null;
    }
    if (err !== null && err.message === errNoGo && dir !== '') {
      // setLoadPackageDataError makes it a load.NoGoError: no position, the package on the stack.
      p.IgnoredGoFiles = di?.ignored ?? [];
      if (di) {
        // copyBuild: what go/build found (a cgo file's package name and doc with cgo off)
        p.Name = di.name;
        p.DefaultGODEBUG = this.defaultGODEBUG(p, di.directives.go);
        copyOtherFiles(p, di);
        if (!this.cgo && inputFilesError(p) === undefined) dropCgoOnlyFiles(p);
      }
      err = new Error(noGoErrorText(dir, p.IgnoredGoFiles.some((n) => n.endsWith('.go'))));
      stk.push(path);
      p.Error = new PackageError([...stk], '', err);
      stk.pop();
      p.Incomplete = true;
      p._loaded = true;
      return p;
    }
    if (err !== null) {
      // pkg.go: (*Package).load — setLoadPackageDataError; with a directory (go/build's package:
      // a main-module package importing from an implicitly required module) the load goes on to
      // the package's files and imports.
      p.Error = new PackageError([...stk], importer ? await this.dirs.importPos(importer, path, kind) : '', err);
      p.Incomplete = true;
      if (!di) {
        p._loaded = true;
        return p;
      }
    }
    if (!di) {
      p._loaded = true;
      return p;
    }
    p.Name = di.name;
    p.DefaultGODEBUG = this.defaultGODEBUG(p, di.directives.go);
    p.BinaryOnly = di.binaryOnly;
    if (di.bad !== null && p.Error === null) {
      // pkg.go: setLoadPackageDataError — a scanner error is the package's own (its first
      // position, the package on the stack); another bad file is reported where it is imported.
      const b = di.bad;
      if (b.scan) p.Error = new PackageError([...stk, path], `${shortPath(s.cwd, b.scan.file)}:${b.scan.line}:${b.scan.column}`, new Error(b.msg));
      else p.Error = new PackageError([...stk], importer ? await this.dirs.importPos(importer, path, kind) : '', new Error(b.msg));
      p.Incomplete = true;
    }
    if (this.resolveEmbeds && !std) {
      // pkg.go: (*Package).load — resolveEmbed's error is the package's own (the package on the
      // stack); its position, the pattern's first, replaces any earlier error's.
      const ee = await embedError(this.env.fs, dir, di.embeds.go);
      if (ee) {
        const pos = ee.pos === '' ? '' : shortPath(s.cwd, ee.pos);
        const e0 = p.Error;
        p.Error = e0 ? new PackageError(e0.ImportStack, pos, e0.err, e0.isImportCycle, e0.alwaysPrintStack) : new PackageError([...stk, path], pos, new Error(ee.msg));
        p.Incomplete = true;
      }
    }
    p.InvalidGoFiles = di.invalidGoFiles;
    p.GoFiles = di.goFiles;
    p.CgoFiles = di.cgoFiles;
    p.IgnoredGoFiles = di.ignored;
    copyOtherFiles(p, di);
    p.TestGoFiles = di.testGoFiles;
    p.XTestGoFiles = di.xtestGoFiles;
    p.TestImports = di.testImports;
    p.XTestImports = di.xtestImports;
    // go/build: the //go:embed patterns of each kind of file, sorted (cleanDecls); load resolves the
    // package's own unless SuppressEmbedFiles (a failure is the package's error, reported above).
    const sortedKeys = (m: ReadonlyMap<string, string>) => [...m.keys()].sort(cmp);
    p.EmbedPatterns = sortedKeys(di.embeds.go);
    p.TestEmbedPatterns = sortedKeys(di.embeds.test);
    p.XTestEmbedPatterns = sortedKeys(di.embeds.xtest);
    if (this.resolveEmbeds && p.EmbedPatterns.length > 0) {
      try {
        p.EmbedFiles = await resolveEmbed(this.env.fs, dir, p.EmbedPatterns);
      } catch {
        p.EmbedFiles = [];
      }
    }
    if (p.Name === 'main' && !std) {
      let elem = path.slice(path.lastIndexOf('/') + 1);
      if (/^v[0-9]+$/.test(elem) && path.includes('/')) {
        const q = path.slice(0, path.lastIndexOf('/'));
        elem = q.slice(q.lastIndexOf('/') + 1);
      }
      p.Target = this.target(elem);
    }
    const ie = inputFilesError(p);
    if (ie !== undefined) {
      // pkg.go: load stops before loading the imports (Imports as go/build found them).
      if (p.Error === null) {
        p.Error = new PackageError([...stk, path], '', new Error(ie));
        p.Incomplete = true;
      }
      p.Imports = [...di.imports];
      p._raw = di.imports;
      p._loaded = true;
      return p;
    }
    stk.push(path);
    if (this.ignoreImports) {
      // pkg.go: copyBuild drops the import lists; no implicit or linker imports are added
      p.Imports = [];
      p._raw = [];
      p.TestImports = [];
      p.XTestImports = [];
    }
    const resolved: string[] = [];
    for (const imp of this.ignoreImports ? [] : di.imports) {
      if (imp === 'C') {
        resolved.push(imp); // listed, never loaded (pkg.go: load)
        continue;
      }
      const target = std ? stdVendorPath(path, imp) : imp;
      this.addImport(p, await this.importChecked(target, p, 'go', imp));
      resolved.push(target);
    }
    // pkg.go: load — cgo's translation imports unsafe, runtime/cgo and syscall (not into
    // runtime/cgo itself, nor syscall into the runtime's sanitizer packages); SWIG's imports
    // unsafe, runtime/cgo, syscall and sync.
    const extra: string[] = [];
    if (p.CgoFiles.length > 0) {
      extra.push('unsafe');
      if (!std || path !== 'runtime/cgo') extra.push('runtime/cgo');
      if (!std || !cgoSyscallExclude.has(path)) extra.push('syscall');
    }
    extra.push(...swigImports(di));
    for (const dep of this.ignoreImports ? [] : extra) {
      if (resolved.includes(dep)) continue;
      resolved.push(dep);
      this.addImport(p, { q: await this.loadImport(dep, p), err: null });
    }
    if (!this.ignoreImports) await this.linkerDeps(p, resolved);
    if (!this.cgo) dropCgoOnlyFiles(p);
    // pkg.go: load — C, C++, Objective-C and Fortran files need cgo or SWIG (p's own error).
    const oe = otherFilesError(p);
    if (oe !== undefined && p.Error === null) {
      p.Error = new PackageError([...stk], '', new Error(oe));
      p.Incomplete = true;
    }
    stk.pop();
    p._loaded = true;
    if (!this.ignoreImports) {
      p.Imports = resolved.slice(0, di.imports.length);
      p._raw = di.imports;
    }
    p.Deps = depsOf(p);
    return p;
  }

  /**
   * pkg.go: reusePackage — a package still loading its imports is in an import cycle; an error
   * keeps the shortest import stack seen.
   */
  private reusePackage(p: PackageValue, path: string): PackageValue {
    const stk = this.stk;
    stk.push(path);
    if (!p._loaded) {
      if (p.Error === null) p.Error = new PackageError([...stk], '', new Error('import cycle not allowed'), true);
      else p.Error.isImportCycle = true;
      p.Incomplete = true;
    }
    if (p.Error !== null && p.Error.ImportStack.length > 0 && !p.Error.isImportCycle && stk.length < p.Error.ImportStack.length) {
      p.Error.ImportStack = [...stk];
    }
    stk.pop();
    return p;
  }

  /** p imports a loaded package: the first refused import's error is p's, and so is incompleteness. */
  private addImport(p: PackageValue, { q, err }: CheckedImport): void {
    if (err && p.Error === null) {
      p.Error = err;
      p.Incomplete = true;
    }
    p._imports.push(q);
    if (q.Incomplete) p.Incomplete = true;
  }

  /** pkg.go: load — the linker's implicit dependencies of a main package (LinkerDeps). */
  private async linkerDeps(p: PackageValue, imports: string[]): Promise<void> {
    if (p.Name === 'main' && !imports.includes('runtime')) this.addImport(p, { q: await this.loadImport('runtime', p), err: null });
  }

  /**
   * pkg.go: loadImport — the checks made on every import (their error goes to the importer):
   * disallowInternal, importing a main package, a local import from a package with a path.
   */
  async importChecked(path: string, importer: PackageValue, kind: ImportKind, srcPath = path): Promise<CheckedImport> {
    const q = await this.loadImport(path, importer, kind);
    const bad = internalDisallowed(
      this.s,
      { ImportPath: importer.ImportPath, Dir: importer.Dir, cmdlineFiles: importer._files !== undefined },
      { ImportPath: q.ImportPath, Dir: q.Dir, inModule: q.Module !== null, hasError: q.Error !== null },
    );
    let msg = '';
    let alwaysPrintStack = false;
    // disallowVendor judges the path as the import wrote it (a std import of golang.org/x/... resolves into GOROOT/src/vendor)
    const vendorErr = bad ? null : vendorImportError(importer.Dir, srcPath, q);
    if (bad) {
      msg = `use of internal package ${q.ImportPath} not allowed`;
      alwaysPrintStack = true;
    } else if (vendorErr !== null) {
      msg = vendorErr;
    } else if (q.Name === 'main' && importer.Dir !== q.Dir) {
      // a main package is not importable (but from its own directory: tests)
      msg = `import ${goQuote(path)} is a program, not an importable package`;
    } else if (isLocalImport(path) && importer._files === undefined) {
      // a local import ("./q") from a package that has an import path
      msg = localImportError(path);
    } else return { q, err: null };
    const pos = await this.dirs.importPos(importer, srcPath, kind);
    return { q, err: new PackageError([...this.stk], pos, new Error(msg), false, alwaysPrintStack) };
  }

  /**
   * pkg.go: GoFilesPackage — the named .go files (build constraints ignored) as the package
   * command-line-arguments in dir, its imports loaded; match is its Match (the file arguments).
   */
  async goFilesPackage(fileInfos: GoFileInfo[], dir: string, match: string[]): Promise<PackageValue> {
    const p = newPkg('command-line-arguments');
    this.cache.set(p.ImportPath, p);
    p.Dir = dir;
    p._files = fileInfos;
    const imps = new Set<string>();
    const timps = new Set<string>();
    const ximps = new Set<string>();
    for (const info of fileInfos) {
      const base = info.name.slice(info.name.lastIndexOf('/') + 1);
      if (info.packageName === 'documentation') {
        p.IgnoredGoFiles.push(base); // go/build ignores package documentation files
        continue;
      }
      if (!info.isTest) {
        if (p.Name === '') p.Name = info.packageName;
        if (p.Doc === '') p.Doc = info.synopsis;
        (info.cgo ? p.CgoFiles : p.GoFiles).push(base);
        for (const i of info.imports) imps.add(i.path);
      } else if (info.packageName.endsWith('_test')) {
        p.XTestGoFiles.push(base);
        for (const i of info.imports) ximps.add(i.path);
      } else {
        p.TestGoFiles.push(base);
        for (const i of info.imports) timps.add(i.path);
      }
    }
    p.TestImports = [...timps].sort(cmp);
    p.XTestImports = [...ximps].sort(cmp);
    this.stk.push(p.ImportPath);
    for (const imp of [...imps].sort(cmp)) {
      if (imp === 'C') continue;
      const ci = await this.importChecked(imp, p, 'go');
      this.addImport(p, ci);
      p.Imports.push(ci.q.ImportPath);
    }
    await this.linkerDeps(p, p.Imports);
    this.stk.pop();
    p._loaded = true;
    p.Match = [...match];
    if (p.Name === 'main') p.Target = this.target((fileInfos[0]?.name ?? '').replace(/^.*\//, '').replace(/\.go$/, ''));
    return p;
  }
}
