// `go list` without -m: cmd/go/internal/list/list.go (runList, package half) over
// load.PackagesAndErrors (cmd/go/internal/load/pkg.go: loadImport, setLoadPackageDataError,
// PackageError.Error, PackageList) built on modscope's module package loader. Package facts
// come from scanning each directory under the concrete build tags (go/build's view).

import { goQuote } from '../goquote';
import { contextTags } from '../imports/match';
import { errNoGo } from '../imports/dirs';
import { isLocalImport, loadPackageDataError, localImportError, noGoErrorText } from './buildcheck';
import type { GoFileInfo } from '../imports/scan';
import { isStandardImportPath } from '../module';
import { addRetraction, moduleInfo, type ModulePublic } from '../modload/list';
import { ModState } from '../modload/state';
import { inDir, isAbs, shortPath, join } from '../modload/paths';
import { loadPackages, type LoadPkg, type Loader } from '../modload/packages/load';
import { goRoot, loadEnv } from '../modload/packages/import';
import { stdDirs } from '../modload/packages/stdlib';
import { ptrTo, TemplateError } from '../gotmpl';
import { internalDisallowed } from './internalrule';
import { withStdImports } from './stdall';
import { embedError } from './embedfiles';
import { cmp, dirNoGo, importDirHasGo, importFromFiles, PackageDirs } from './listpkgdir';
import { PackageError, listTemplate, newPkg, packagePublicT, packageJSON, packageList, type PackageValue } from './listpkgvalue';

const stdSet = new Set(stdDirs);

/** pkg.go: cgoSyscallExclude */
const cgoSyscallExclude = new Set(['runtime/cgo', 'runtime/race', 'runtime/msan', 'runtime/asan']);

/** test.go: TestMainDeps */
const testMainDeps = ['os', 'reflect', 'testing', 'testing/internal/testdeps'];

export interface ListPackagesOptions {
  e: boolean;
  deps: boolean;
  test: boolean;
  find: boolean;
  tags: string;
  fmt: string;
  json: boolean;
  jsonFields: Set<string> | null;
  /** -retracted: the modules providing listed packages report their retractions. */
  retracted?: boolean;
  /** -pgo (default "auto"). */
  pgo?: string;
}

/** runList for packages: returns stdout and the exit status (errors go to s.stderr). */
export async function listPackages(s: ModState, args: string[], o: ListPackagesOptions): Promise<{ stdout: string; exitCode: number }> {
  const tags = contextTags((k) => s.getenv(k), o.tags);
  const tmpl = o.fmt !== '' ? listTemplate(o.fmt) : null;
  // pkg.go: PackagesAndErrors — .go file arguments name one package (GoFilesPackage).
  let goFiles: string[] | null = null;
  for (const a of args) {
    if (!a.endsWith('.go')) continue;
    const st = await s.files.stat(isAbs(a) ? a : join(s.cwd, a));
    if (st === 'file') {
      goFiles = args;
      break;
    }
  }
  let lr: { ld: Loader; matches: { pattern: string; pkgs: string[]; errs: Error[] }[] };
  const fileInfos: GoFileInfo[] = [];
  let filesDir = '';
  if (goFiles) {
    const r = await importFromFiles(s, goFiles, tags);
    if (r === null) return { stdout: '', exitCode: 1 };
    fileInfos.push(...r.fileInfos);
    filesDir = r.filesDir;
    lr = { ld: r.ld, matches: [] };
  } else lr = await loadPackages(s, { tags, resolveMissingImports: true, loadTests: o.test, silencePackageErrors: true, importDirHasGo: importDirHasGo(loadEnv(s), tags) }, args);
  const ld: Loader = lr.ld;
  for (const m of lr.matches) if (m.pattern === 'all') m.pkgs = await withStdImports(ld, m.pkgs);
  const env = loadEnv(s);
  const rs = s.requirements;
  const modCache = new Map<string, Promise<ModulePublic>>();
  const modValue = (lp: LoadPkg): Promise<ModulePublic> | null => {
    if (lp.mod.path === '') return null;
    const key = lp.mod.path + '@' + lp.mod.version;
    let m = modCache.get(key);
    if (!m) {
      m = moduleInfo(s, rs, lp.mod, 0);
      // list.go: runList — with -retracted, the retractions of the modules (and replacements)
      // that provide packages (modload.ListModules of path@version, mode ListRetracted).
      if (o.retracted) {
        m = m.then(async (mi) => {
          await addRetraction(s, mi);
          if (mi.Replace) await addRetraction(s, mi.Replace);
          return mi;
        });
      }
      modCache.set(key, m);
    }
    return m;
  };
  const dirs = new PackageDirs(env, tags, s.cwd);
  // list.go: embedded files are resolved unless -json names fields that do not need them.
  const resolveEmbeds = o.jsonFields === null || ['EmbedFiles', 'TestEmbedFiles', 'XTestEmbedFiles'].some((f) => o.jsonFields!.has(f));

  const gobin = s.getenv('GOBIN');
  const gopath = (s.getenv('GOPATH') || '').split(':')[0] ?? '';
  const cache = new Map<string, PackageValue>();
  const stk: string[] = [];


  // loadImport: one Package per import path, loaded depth-first; the import stack of its
  // first load is the one its error reports.
  const loadImport = async (path: string, importer: PackageValue | null, kind: 'go' | 'test' | 'xtest' = 'go'): Promise<PackageValue> => {
    let p = cache.get(path);
    if (p) {
      // pkg.go: reusePackage — a package still loading its imports is in an import cycle; an
      // error keeps the shortest import stack seen.
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
    cache.set(path, p);
    const lp = ld.pkgCache.get(path);
    let err: Error | null = null;
    let dir = '';
    // A package of a main module inside GOROOT/src (std, cmd) is a GOROOT package too.
    const gorootMain = !!lp && lp.mod.path !== '' && lp.mod.version === '' && s.main().contains(lp.mod.path) && inDir(s.main().getModRoot(lp.mod), join(goRoot(s), 'src')) !== '';
    const std = (!lp || lp.inStd || ((lp.mod.path === '' || gorootMain) && lp.err === null)) && isStandardImportPath(path) && stdSet.has(path);
    if (std) dir = join(goRoot(s), 'src', path);
    else if (lp) {
      err = lp.err;
      dir = lp.dir;
      const mv = modValue(lp);
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
    const di = dir !== '' ? await dirs.scan(dir) : null;
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
      err = new Error(noGoErrorText(dir, p.IgnoredGoFiles.some((n) => n.endsWith('.go'))));
      stk.push(path);
      p.Error = new PackageError([...stk], '', err);
      stk.pop();
      p.Incomplete = true;
      p._loaded = true;
      return p;
    }
    if (err !== null) {
      p.Error = new PackageError([...stk], importer ? await dirs.importPos(importer, path, kind) : '', err);
      p.Incomplete = true;
      p._loaded = true;
      return p;
    }
    if (!di) {
      p._loaded = true;
      return p;
    }
    p.Name = di.name;
    p.BinaryOnly = di.binaryOnly;
    if (di.bad !== null && p.Error === null) {
      // pkg.go: setLoadPackageDataError — a scanner error is the package's own (its first
      // position, the package on the stack); another bad file is reported where it is imported.
      const b = di.bad;
      if (b.scan) p.Error = new PackageError([...stk, path], `${shortPath(s.cwd, b.scan.file)}:${b.scan.line}:${b.scan.column}`, new Error(b.msg));
      else p.Error = new PackageError([...stk], importer ? await dirs.importPos(importer, path, kind) : '', new Error(b.msg));
      p.Incomplete = true;
    }
    if (resolveEmbeds && !std) {
      // pkg.go: (*Package).load — resolveEmbed's error is the package's own (the package on the
      // stack); its position, the pattern's first, replaces any earlier error's.
      const ee = await embedError(env.fs, dir, di.embeds.go);
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
    p.TestGoFiles = di.testGoFiles;
    p.XTestGoFiles = di.xtestGoFiles;
    p.TestImports = di.testImports;
    p.XTestImports = di.xtestImports;
    if (p.Name === 'main' && !std) {
      let elem = path.slice(path.lastIndexOf('/') + 1);
      if (/^v[0-9]+$/.test(elem) && path.includes('/')) {
        const q = path.slice(0, path.lastIndexOf('/'));
        elem = q.slice(q.lastIndexOf('/') + 1);
      }
      if (gobin) p.Target = join(gobin, elem);
      else if (gopath) p.Target = join(gopath, 'bin', elem);
    }
    stk.push(path);
    const resolved: string[] = [];
    for (const imp of di.imports) {
      if (imp === 'C') {
        resolved.push(imp); // listed, never loaded (pkg.go: load)
        continue;
      }
      let target = imp;
      if (std && !stdSet.has(imp) && stdSet.has('vendor/' + imp)) target = 'vendor/' + imp;
      const { q, err: ierr } = await importChecked(target, p, 'go', imp);
      if (ierr && p.Error === null) {
        p.Error = ierr;
        p.Incomplete = true;
      }
      p._imports.push(q);
      resolved.push(target);
      if (q.Incomplete) p.Incomplete = true;
    }
    // pkg.go: load — cgo's translation imports unsafe, runtime/cgo and syscall (not into
    // runtime/cgo itself, nor syscall into the runtime's sanitizer packages).
    if (p.CgoFiles.length > 0) {
      const extra = ['unsafe'];
      if (!std || path !== 'runtime/cgo') extra.push('runtime/cgo');
      if (!std || !cgoSyscallExclude.has(path)) extra.push('syscall');
      for (const dep of extra) {
        if (resolved.includes(dep)) continue;
        resolved.push(dep);
        const q = await loadImport(dep, p);
        p._imports.push(q);
        if (q.Incomplete) p.Incomplete = true;
      }
    }
    // pkg.go: load — the linker's implicit dependencies of a main package (LinkerDeps).
    if (p.Name === 'main' && !resolved.includes('runtime')) {
      const q = await loadImport('runtime', p);
      p._imports.push(q);
      if (q.Incomplete) p.Incomplete = true;
    }
    stk.pop();
    p._loaded = true;
    p.Imports = resolved.slice(0, di.imports.length);
    const deps = new Set<string>();
    for (const q of p._imports) {
      deps.add(q.ImportPath);
      for (const d of q.Deps) deps.add(d);
    }
    p.Deps = [...deps].sort(cmp);
    return p;
  };

  // pkg.go: loadImport — the checks made on every import (their error goes to the importer):
  // disallowInternal.
  const importChecked = async (path: string, importer: PackageValue, kind: 'go' | 'test' | 'xtest', srcPath = path): Promise<{ q: PackageValue; err: PackageError | null }> => {
    const q = await loadImport(path, importer, kind);
    const bad = internalDisallowed(
      s,
      { ImportPath: importer.ImportPath, Dir: importer.Dir, cmdlineFiles: importer._files !== undefined },
      { ImportPath: q.ImportPath, Dir: q.Dir, inModule: q.Module !== null, hasError: q.Error !== null },
    );
    if (bad) {
      const pos = await dirs.importPos(importer, srcPath, kind);
      return { q, err: new PackageError([...stk], pos, new Error(`use of internal package ${q.ImportPath} not allowed`), false, true) };
    }
    // pkg.go: loadImport — a main package is not importable (but from its own directory: tests).
    if (q.Name === 'main' && importer.Dir !== q.Dir) {
      const pos = await dirs.importPos(importer, srcPath, kind);
      return { q, err: new PackageError([...stk], pos, new Error(`import ${goQuote(path)} is a program, not an importable package`)) };
    }
    // pkg.go: loadImport — a local import ("./q") from a package that has an import path.
    if (isLocalImport(path) && importer._files === undefined) {
      const pos = await dirs.importPos(importer, srcPath, kind);
      return { q, err: new PackageError([...stk], pos, new Error(localImportError(path))) };
    }
    return { q, err: null };
  };

  // test.go: TestPackagesAndErrors — p's internal test package (p recompiled with its _test.go
  // files), external test package and generated main, with the dependencies that import p
  // recompiled against the test package (recompileForTest).
  const testPackagesAndErrors = async (p: PackageValue): Promise<{ pmain: PackageValue; ptest: PackageValue; pxtest: PackageValue | null }> => {
    stk.length = 0;
    stk.push(p.ImportPath + ' (test)');
    let ptestErr: PackageError | null = null;
    let incomplete = false;
    const imports: PackageValue[] = [];
    const testImports: string[] = [];
    for (const path of p.TestImports) {
      const { q: p1, err } = await importChecked(path, p, 'test');
      if (err && ptestErr === null) {
        ptestErr = err;
        incomplete = true;
      }
      if (p1.Incomplete) incomplete = true;
      testImports.push(p1.ImportPath);
      imports.push(p1);
    }
    const testDir = resolveEmbeds && !p.Standard && p.Dir !== '' ? await dirs.scan(p.Dir) : null;
    // test.go: TestPackagesAndErrors — a test embed's error replaces ptest's.
    const te = testDir ? await embedError(env.fs, p.Dir, testDir.embeds.test) : null;
    if (te) {
      ptestErr = new PackageError([...stk], te.pos === '' ? '' : shortPath(s.cwd, te.pos), new Error(te.msg));
      incomplete = true;
    }
    stk.pop();
    stk.push(p.ImportPath + '_test');
    let pxtestNeedsPtest = false;
    let pxtestIncomplete = false;
    let pxtestErr: PackageError | null = null;
    const ximports: PackageValue[] = [];
    const xtestImports: string[] = [];
    for (const path of p.XTestImports) {
      const { q: p1, err } = await importChecked(path, p, 'xtest');
      if (err && pxtestErr === null) {
        pxtestErr = err;
        pxtestIncomplete = true;
      }
      if (p1.Incomplete) pxtestIncomplete = true;
      if (p1.ImportPath === p.ImportPath) pxtestNeedsPtest = true;
      else ximports.push(p1);
      xtestImports.push(p1.ImportPath);
    }
    const xe = testDir ? await embedError(env.fs, p.Dir, testDir.embeds.xtest) : null;
    if (xe && pxtestErr === null) pxtestErr = new PackageError([...stk], xe.pos === '' ? '' : shortPath(s.cwd, xe.pos), new Error(xe.msg));
    if (pxtestErr !== null) pxtestIncomplete = true;
    stk.pop();
    let ptest = p;
    if (p.TestGoFiles.length > 0 || p.Name === 'main') {
      ptest = {
        ...p,
        Error: ptestErr,
        Incomplete: incomplete,
        ForTest: p.ImportPath,
        GoFiles: [...p.GoFiles, ...p.TestGoFiles],
        Target: '',
        Imports: [...testImports, ...p.Imports],
        _imports: [...imports, ...p._imports],
        Match: [...p.Match],
      };
    }
    let pxtest: PackageValue | null = null;
    if (p.XTestGoFiles.length > 0) {
      pxtest = newPkg(p.ImportPath + '_test');
      Object.assign(pxtest, {
        Name: p.Name + '_test',
        Root: p.Root,
        Dir: p.Dir,
        Goroot: p.Goroot,
        GoFiles: p.XTestGoFiles,
        Imports: xtestImports,
        ForTest: p.ImportPath,
        Module: p.Module,
        Incomplete: pxtestIncomplete,
        Error: pxtestErr,
        _imports: ximports,
        _loaded: true,
      });
      if (pxtestNeedsPtest) pxtest._imports.push(ptest);
    }
    const pmain = newPkg(p.ImportPath + '.test');
    Object.assign(pmain, { Name: 'main', Dir: p.Dir, GoFiles: ['_testmain.go'], Root: p.Root, Imports: [...testMainDeps], Module: p.Module, _loaded: true });
    stk.push('testmain');
    for (const dep of [...testMainDeps, 'runtime']) {
      if (dep === ptest.ImportPath) pmain._imports.push(ptest);
      else {
        const p1 = await loadImport(dep, null);
        if (p1.Error && pmain.Error === null) {
          pmain.Error = p1.Error;
          pmain.Incomplete = true;
        }
        pmain._imports.push(p1);
      }
    }
    stk.pop();
    if (ptest.GoFiles.length + ptest.CgoFiles.length > 0) {
      pmain._imports.push(ptest);
      pmain.Imports.push(ptest.ImportPath);
    }
    if (pxtest) {
      pmain._imports.push(pxtest);
      pmain.Imports.push(pxtest.ImportPath);
    }
    pmain.Imports = [...new Set(pmain.Imports)].sort(cmp);
    // recompileForTest
    const testCopy = new Map<PackageValue, PackageValue>([[p, ptest]]);
    for (let q of packageList([pmain])) {
      if (q === p) continue;
      let didSplit = q === pmain || q === pxtest || q === ptest;
      const split = () => {
        if (didSplit) return;
        didSplit = true;
        const q1: PackageValue = { ...q, ForTest: p.ImportPath, _imports: [...q._imports], Imports: [...q.Imports], Target: '' };
        testCopy.set(q, q1);
        q = q1;
      };
      for (let i = 0; i < q._imports.length; i++) {
        const imp = q._imports[i]!;
        const p1 = testCopy.get(imp);
        if (p1 && p1 !== imp) {
          split();
          q._imports[i] = p1;
        }
      }
      if (q.Name === 'main' && q !== pmain && q !== ptest) split();
    }
    // the shortest import cycle through ptest, breadth first
    const importerOf = new Map<PackageValue, PackageValue | null>();
    for (const q of ptest._imports) importerOf.set(q, null);
    const queue = [...ptest._imports];
    while (queue.length > 0) {
      let q: PackageValue | null = queue.shift()!;
      if (q === ptest) {
        const cyc: string[] = [];
        while (q) {
          cyc.push(q.ImportPath);
          q = importerOf.get(q) ?? null;
        }
        cyc.push(ptest.ImportPath);
        cyc.reverse();
        ptest.Error = new PackageError(cyc, '', new Error('import cycle not allowed in test'), true);
        ptest.Incomplete = true;
        break;
      }
      for (const dep of q._imports) {
        if (!importerOf.has(dep)) {
          importerOf.set(dep, q);
          queue.push(dep);
        }
      }
    }
    return { pmain, ptest, pxtest };
  };

  let pkgs: PackageValue[] = [];
  const seen = new Set<PackageValue>();
  if (goFiles) {
    // GoFilesPackage: the named files (build constraints ignored) as command-line-arguments.
    const p = newPkg('command-line-arguments');
    cache.set(p.ImportPath, p);
    p.Dir = filesDir || s.cwd;
    p._files = fileInfos;
    const imps = new Set<string>();
    const timps = new Set<string>();
    const ximps = new Set<string>();
    for (const info of fileInfos) {
      const base = info.name.slice(info.name.lastIndexOf('/') + 1);
      if (!info.isTest) {
        if (p.Name === '') p.Name = info.packageName;
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
    stk.push(p.ImportPath);
    for (const imp of [...imps].sort(cmp)) {
      if (imp === 'C') continue;
      const { q, err } = await importChecked(imp, p, 'go');
      if (err && p.Error === null) {
        p.Error = err;
        p.Incomplete = true;
      }
      p._imports.push(q);
      p.Imports.push(q.ImportPath);
      if (q.Incomplete) p.Incomplete = true;
    }
    if (p.Name === 'main' && !p.Imports.includes('runtime')) {
      const q = await loadImport('runtime', p);
      p._imports.push(q);
      if (q.Incomplete) p.Incomplete = true;
    }
    stk.pop();
    p._loaded = true;
    p.Match = [...goFiles];
    if (p.Name === 'main') {
      const exe = (fileInfos[0]?.name ?? '').replace(/^.*\//, '').replace(/\.go$/, '');
      if (gobin) p.Target = join(gobin, exe);
      else if (gopath) p.Target = join(gopath, 'bin', exe);
    }
    pkgs.push(p);
  }
  for (const m of lr.matches) {
    for (const path of m.pkgs) {
      const p = await loadImport(path, null);
      p.Match.push(m.pattern);
      if (seen.has(p)) continue;
      seen.add(p);
      pkgs.push(p);
    }
    if (m.errs.length > 0) {
      const p = newPkg(m.pattern);
      p.Error = new PackageError([], '', m.errs[0]!);
      // setLoadPackageDataError: a build.NoGoError gives the package its directory.
      p.Dir = (m.errs[0] as { noGoDir?: string }).noGoDir ?? '';
      p.Incomplete = true;
      p.Match.push(m.pattern);
      pkgs.push(p);
    }
  }

  if (!o.e) {
    let bad = false;
    pkgs = pkgs.filter((p) => {
      if (p.Error) {
        s.stderr(p.Error.Error() + '\n');
        bad = true;
        return false;
      }
      return true;
    });
    if (bad) return { stdout: '', exitCode: 1 };
  }
  if (o.test) {
    const tests: PackageValue[][] = [];
    for (const p of pkgs) {
      if (p.TestGoFiles.length + p.XTestGoFiles.length === 0) continue;
      const t = await testPackagesAndErrors(p);
      if (!o.e) {
        for (const p1 of [t.ptest, t.pxtest, t.pmain]) {
          if (!p1) continue;
          let err: PackageError | null = p1.Error;
          if (err === null && p1.Incomplete) err = packageList([p1]).find((q) => q.Error !== null)?.Error ?? null;
          if (err !== null) {
            s.stderr(`go: can't load test package: ${err.Error()}\n`);
            return { stdout: '', exitCode: 1 };
          }
          if (p1.Incomplete) break;
        }
      }
      tests.push([t.pmain, ...(t.ptest !== p ? [t.ptest] : []), ...(t.pxtest ? [t.pxtest] : [])]);
    }
    for (const t of tests) pkgs.push(...t);
  }
  const cmdline = new Set(pkgs);
  let exitCode = 0;
  if (o.deps) {
    // list.go: loadPackageList reports the errors of the expanded list without -e.
    pkgs = packageList(pkgs);
    if (!o.e) {
      for (const p of pkgs) {
        if (p.Error) {
          s.stderr(p.Error.Error() + '\n');
          exitCode = 1;
        }
      }
    }
  }
  for (const p of pkgs) p.DepOnly = !cmdline.has(p);
  // list.go: with -deps the listed packages are already the dependency-ordered list.
  const all = o.deps ? pkgs : packageList(pkgs);
  if ((o.test || ((o.pgo ?? 'auto') === 'auto' && cmdline.size > 1)) && !o.deps && !o.e) {
    // list.go: loadPackageList reports the errors of the whole graph of -test's packages, or of
    // several command-line packages under -pgo=auto (the profile search walks them all).
    for (const p of all) {
      if (p.Error) {
        s.stderr(p.Error.Error() + '\n');
        exitCode = 1;
      }
    }
  }
  if (o.test) {
    // list.go: test variants are listed as "p [q.test]", and imports name them so.
    const old = new Map<string, string>();
    for (const p of all) {
      if (p.ForTest !== '') {
        const nw = `${p.ImportPath} [${p.ForTest}.test]`;
        old.set(nw, p.ImportPath);
        p.ImportPath = nw;
      }
      p.DepOnly = !cmdline.has(p);
    }
    for (const p of all) {
      const m = new Map<string, string>();
      for (const p1 of p._imports) if (p1.ForTest !== '') m.set(old.get(p1.ImportPath) ?? p1.ImportPath, p1.ImportPath);
      p.Imports = p.Imports.map((x) => m.get(x) ?? x);
    }
  }
  // collectDeps (in list order: inside an import cycle the result depends on it, as in go)
  for (const p of all) p.Deps = [];
  for (const p of all) {
    const deps = new Set<string>();
    for (const q of p._imports) {
      deps.add(q.ImportPath);
      for (const d of q.Deps) deps.add(d);
    }
    p.Deps = [...deps].sort(cmp);
  }
  // collectDepsErrors
  for (const p of all) {
    const errs = new Set<PackageError>();
    for (const q of p._imports) {
      if (q.Error) errs.add(q.Error);
      for (const e of q.DepsErrors) errs.add(e);
    }
    p.DepsErrors = [...errs].sort((a, b) => {
      const si = a.ImportStack;
      const sj = b.ImportStack;
      if (si.length === 0) {
        if (sj.length !== 0) return -1;
        return cmp(a.err.message, b.err.message);
      } else if (sj.length === 0) return 1;
      return cmp(si[si.length - 1]!, sj[sj.length - 1]!);
    });
  }
  let stdout = '';
  for (const p of pkgs) {
    if (o.json) stdout += packageJSON(p, o.jsonFields) + '\n';
    else if (tmpl) {
      try {
        stdout += tmpl.execute(p, ptrTo(packagePublicT));
        if (stdout !== '' && !stdout.endsWith('\n')) stdout += '\n';
      } catch (e) {
        if (e instanceof TemplateError) {
          s.stderr(e.message + '\n');
          return { stdout, exitCode: 1 };
        }
        throw e;
      }
    } else stdout += p.ImportPath + '\n';
  }
  return { stdout, exitCode: s.exitStatus || exitCode };
}

export { PackageError, execModuleTemplate, listTemplate, modulePublicT, type PackageValue } from './listpkgvalue';
