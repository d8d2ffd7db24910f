// `go list` without -m: cmd/go/internal/list/list.go (runList, package half) over
// load.PackagesAndErrors built on modscope's module package loader: the packages are loaded
// by listpkgload.ts (load/pkg.go), -test's packages built by listpkgtest.ts (load/test.go);
// this file chooses them, reports their errors and prints them.

import { contextTags } from '../imports/match';
import type { GoFileInfo } from '../imports/scan';
import { ModState } from '../modload/state';
import { isAbs, join } from '../modload/paths';
import { loadPackages, type Loader } from '../modload/packages/load';
import { loadEnv } from '../modload/packages/import';
import { ExecError, executeAsync, ptrTo, TemplateError } from '../gotmpl';
import { moduleFunc } from './listmodfunc';
import { withStdImports } from './stdall';
import { cmp, importDirHasGo, importFromFiles } from './listpkgdir';
import { ListLoader, stdVendorPath } from './listpkgload';
import { testPackagesAndErrors } from './listpkgtest';
import { PackageError, collectDeps, listContext, listTemplate, newPkg, packagePublicT, packageJSON, packageList, type PackageValue } from './listpkgvalue';

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
export async function listPackages(s: ModState, args: string[], o: ListPackagesOptions): Promise<{ stdout: string; exitCode: number; templateError?: string }> {
  const tags = contextTags((k) => s.getenv(k), o.tags);
  // list.go: the template functions join, context and module
  const modFunc = moduleFunc(s);
  const ctx = listContext((k) => s.getenv(k), s.goEnv.GOPATH, o.tags === '' ? undefined : o.tags);
  const tmpl = o.fmt !== '' ? listTemplate(o.fmt, ctx, { module: modFunc.module }) : null;
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
  for (const m of lr.matches) if (m.pattern === 'all') m.pkgs = await withStdImports(lr.ld, m.pkgs);
  const l = new ListLoader(s, lr.ld, {
    tags,
    // list.go: embedded files are resolved unless -json names fields that do not need them.
    resolveEmbeds: o.jsonFields === null || ['EmbedFiles', 'TestEmbedFiles', 'XTestEmbedFiles'].some((f) => o.jsonFields!.has(f)),
    retracted: !!o.retracted,
    ignoreImports: o.find,
  });

  let pkgs: PackageValue[] = [];
  const seen = new Set<PackageValue>();
  if (goFiles) pkgs.push(await l.goFilesPackage(fileInfos, filesDir || s.cwd, goFiles));
  for (const m of lr.matches) {
    for (const path of m.pkgs) {
      const p = await l.loadImport(path, null);
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
      const t = await testPackagesAndErrors(l, p);
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
  const reportErrors = (list: PackageValue[]) => {
    for (const p of list) {
      if (p.Error) {
        s.stderr(p.Error.Error() + '\n');
        exitCode = 1;
      }
    }
  };
  if (o.deps) {
    // list.go: loadPackageList reports the errors of the expanded list without -e.
    pkgs = packageList(pkgs);
    if (!o.e) reportErrors(pkgs);
  }
  for (const p of pkgs) {
    p.DepOnly = !cmdline.has(p);
    // list.go: test imports are shown vendor-expanded (Package.Resolve: modload.Lookup, where
    // only a standard package's imports resolve to another path, GOROOT/src/vendor's).
    if (p.Standard) {
      p.TestImports = [...new Set(p.TestImports.map((i) => stdVendorPath(p.ImportPath, i)))].sort(cmp);
      p.XTestImports = [...new Set(p.XTestImports.map((i) => stdVendorPath(p.ImportPath, i)))].sort(cmp);
    }
  }
  // list.go: with -deps the listed packages are already the dependency-ordered list.
  const all = o.deps ? pkgs : packageList(pkgs);
  // list.go: loadPackageList reports the errors of the whole graph of -test's packages, or of
  // several command-line packages under -pgo=auto (the profile search walks them all).
  if ((o.test || ((o.pgo ?? 'auto') === 'auto' && cmdline.size > 1)) && !o.deps && !o.e) reportErrors(all);
  if (o.test) nameTestVariants(all, cmdline);
  collectDeps(all);
  // list.go: record non-identity import mappings (Internal.RawImports against Imports) in ImportMap
  for (const p of pkgs) {
    const raw = p._raw ?? [];
    const pairs: [string, string][] = [];
    for (let i = 0; i < raw.length && i < p.Imports.length; i++) if (p.Imports[i] !== raw[i]) pairs.push([raw[i]!, p.Imports[i]!]);
    if (pairs.length > 0) p.ImportMap = Object.fromEntries(pairs.sort((a, b) => cmp(a[0], b[0])));
  }
  let stdout = '';
  for (const p of pkgs) {
    if (o.json) stdout += packageJSON(p, o.jsonFields) + '\n';
    else if (tmpl) {
      try {
        stdout += await executeAsync(tmpl, p, ptrTo(packagePublicT), modFunc.resolve);
        if (stdout !== '' && !stdout.endsWith('\n')) stdout += '\n';
      } catch (e) {
        if (e instanceof TemplateError) {
          // list.go: the output so far, with what the template wrote before failing, is flushed;
          // then base.Fatalf prints the error (the caller's last stderr)
          return { stdout: stdout + (e instanceof ExecError ? e.partial : ''), exitCode: 1, templateError: e.message + '\n' };
        }
        throw e;
      }
    } else stdout += p.ImportPath + '\n';
  }
  return { stdout, exitCode: s.exitStatus || exitCode };
}

/** list.go: -test's variants are listed as "p [q.test]", and the imports name them so. */
function nameTestVariants(all: PackageValue[], cmdline: Set<PackageValue>): void {
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

export { PackageError, execModuleTemplate, listTemplate, modulePublicT, type PackageValue } from './listpkgvalue';
