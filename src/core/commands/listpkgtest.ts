// go list -test's packages (cmd/go/internal/load/test.go: TestPackagesAndErrors,
// recompileForTest): a package's internal test package (the package recompiled with its
// _test.go files), its external test package and the generated test main, over the loader's
// packages (listpkgload.ts).

import { shortPath } from '../modload/paths';
import { embedError, resolveEmbed } from './embedfiles';
import { cmp } from './listpkgdir';
import { stdVendorPath, type ImportKind, type ListLoader } from './listpkgload';
import { PackageError, newPkg, packageList, type PackageValue } from './listpkgvalue';

/** test.go: TestMainDeps */
const testMainDeps = ['os', 'reflect', 'testing', 'testing/internal/testdeps'];

export interface TestPackages {
  pmain: PackageValue;
  ptest: PackageValue;
  pxtest: PackageValue | null;
}

/**
 * test.go: TestPackagesAndErrors — p's internal test package, external test package and
 * generated main, with the dependencies that import p recompiled against the test package.
 */
export async function testPackagesAndErrors(l: ListLoader, p: PackageValue): Promise<TestPackages> {
  const stk = l.stk;
  stk.length = 0;
  stk.push(p.ImportPath + ' (test)');
  const ti = await loadTestImports(l, p, p.TestImports, 'test');
  let ptestErr = ti.err;
  let incomplete = ti.incomplete;
  const testDir = l.resolveEmbeds && !p.Standard && p.Dir !== '' ? await l.dirs.scan(p.Dir) : null;
  // test.go: TestPackagesAndErrors — a test embed's error replaces ptest's.
  const te = testDir ? await embedError(l.env.fs, p.Dir, testDir.embeds.test) : null;
  if (te) {
    ptestErr = new PackageError([...stk], te.pos === '' ? '' : shortPath(l.s.cwd, te.pos), new Error(te.msg));
    incomplete = true;
  } else if (testDir) p.TestEmbedFiles = await embedFilesOf(l, p.Dir, p.TestEmbedPatterns);
  stk.pop();
  stk.push(p.ImportPath + '_test');
  const xi = await loadTestImports(l, p, p.XTestImports, 'xtest');
  let pxtestErr = xi.err;
  let pxtestIncomplete = xi.incomplete;
  const xe = testDir ? await embedError(l.env.fs, p.Dir, testDir.embeds.xtest) : null;
  if (xe && pxtestErr === null) pxtestErr = new PackageError([...stk], xe.pos === '' ? '' : shortPath(l.s.cwd, xe.pos), new Error(xe.msg));
  if (!xe && testDir) p.XTestEmbedFiles = await embedFilesOf(l, p.Dir, p.XTestEmbedPatterns);
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
      Imports: [...ti.paths, ...p.Imports],
      _raw: [...p.TestImports, ...(p._raw ?? [])],
      EmbedFiles: [...p.EmbedFiles, ...p.TestEmbedFiles], // test.go: str.StringList, duplicates kept
      _imports: [...ti.pkgs, ...p._imports],
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
      Imports: xi.paths,
      _raw: [...p.XTestImports],
      EmbedFiles: p.XTestEmbedFiles,
      ForTest: p.ImportPath,
      Module: p.Module,
      Incomplete: pxtestIncomplete,
      Error: pxtestErr,
      _imports: xi.pkgs.filter((q) => q.ImportPath !== p.ImportPath),
      _loaded: true,
    });
    // an external test importing p imports ptest
    if (xi.paths.includes(p.ImportPath)) pxtest._imports.push(ptest);
  }
  const pmain = newPkg(p.ImportPath + '.test');
  Object.assign(pmain, { Name: 'main', Dir: p.Dir, GoFiles: ['_testmain.go'], Root: p.Root, Imports: [...testMainDeps], Module: p.Module, _loaded: true });
  // test.go: the generated main's GODEBUG defaults take p's, its test's and external test's //go:debug lines
  const pb = p.Dir !== '' ? await l.dirs.scan(p.Dir) : null;
  pmain.DefaultGODEBUG = l.defaultGODEBUG(pmain, pb?.directives.go ?? [], pb?.directives.test ?? [], pb?.directives.xtest ?? []);
  stk.push('testmain');
  for (const dep of [...testMainDeps, 'runtime']) {
    if (dep === ptest.ImportPath) pmain._imports.push(ptest);
    else {
      const p1 = await l.loadImport(dep, null);
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
  pmain._raw = [...pmain.Imports];
  recompileForTest(p, ptest, pxtest, pmain);
  testCycleError(ptest);
  return { pmain, ptest, pxtest };
}

/** A test's imports of p, loaded and checked: the first refused import's error, and incompleteness. */
/** test.go: resolveEmbed of the test files' patterns (p.TestEmbedFiles, p.XTestEmbedFiles); [] without patterns. */
async function embedFilesOf(l: ListLoader, dir: string, patterns: string[]): Promise<string[]> {
  return patterns.length === 0 ? [] : resolveEmbed(l.env.fs, dir, patterns);
}

async function loadTestImports(l: ListLoader, p: PackageValue, paths: string[], kind: ImportKind): Promise<{ pkgs: PackageValue[]; paths: string[]; err: PackageError | null; incomplete: boolean }> {
  const r = { pkgs: [] as PackageValue[], paths: [] as string[], err: null as PackageError | null, incomplete: false };
  for (const path of paths) {
    // pkg.go: loadImport resolves a standard package's test imports as its other imports, through
    // GOROOT/src/vendor (modload.Lookup: stdVendor).
    const { q, err } = await l.importChecked(p.Standard ? stdVendorPath(p.ImportPath, path) : path, p, kind, path);
    if (err && r.err === null) {
      r.err = err;
      r.incomplete = true;
    }
    if (q.Incomplete) r.incomplete = true;
    r.pkgs.push(q);
    r.paths.push(q.ImportPath);
  }
  return r;
}

/**
 * test.go: recompileForTest — the packages pmain reaches that import p (directly or not) are
 * copied as test variants importing ptest instead; main packages are always copied.
 */
function recompileForTest(p: PackageValue, ptest: PackageValue, pxtest: PackageValue | null, pmain: PackageValue): void {
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
}

/** test.go: TestPackagesAndErrors — the shortest import cycle through ptest (breadth first) is its error. */
function testCycleError(ptest: PackageValue): void {
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
      return;
    }
    for (const dep of q._imports) {
      if (!importerOf.has(dep)) {
        importerOf.set(dep, q);
        queue.push(dep);
      }
    }
  }
}
