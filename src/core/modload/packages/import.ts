// Import resolution: cmd/go/internal/modload/import.go (importFromModules, queryImport,
// maybeInModule, dirInModule, fetch) and the
// single-package form of query.go (QueryPackages, QueryPattern, modulePrefixesExcludingTarget,
// queryPrefixModules). Its errors are in importerrors.ts, re-exported here.
import { goQuote } from '../../goquote';
import { compareGo, ExplicitModulesTxtImportVersion, isToolchainPath, modCompare, TooNewError } from '../../gover';
import { checkImportPath, checkPath, InvalidPathError, InvalidVersionError, isStandardImportPath, splitPathVersion, versionError, ModuleError, type ModuleVersion } from '../../module';
import { zeroPseudoVersion } from '../../pseudo';
import { isNotExist } from '../../source';
import { mvKey } from '../../mvs/graph';
import { checkAllowed, errorsAs, goModSummary, replaceRelativeTo, replacement, SumMissingError } from '../modfile';
import { NoMatchingVersionError, NoPatchBaseError, queryProxy } from '../query';
import type { ModuleGraph, Requirements } from '../requirements';
import type { ModState } from '../state';
import { isFatal } from '../../fatal';
import { readVendorList, vendorDir } from '../vendor';
import { errNoModRootText } from '../init';
import { inDir, isAbs, join } from '../paths';
import { PackageFS } from './fsys';
import { defaultGoRoot, stdDirs } from './stdlib';
import { ImportMissingError, AmbiguousImportError, ImportMissingSumError, InvalidImportError, PackageNotInModuleError, QueryMatchesPackagesInMainModuleError } from './importerrors';

const stdSet = new Set(stdDirs);

/** modindex.IsStandardPackage for the recorded GOROOT. */
export function isStandardPackage(path: string): boolean {
  return stdSet.has(path);
}

/**
 * modindex.IsStandardPackage for $GOROOT: the recorded list describes the reference GOROOT; any
 * other GOROOT is read (a std package is a directory of GOROOT/src, or GOROOT/src/cmd, holding
 * .go files), so a bogus GOROOT has no standard packages.
 */
async function isStandardPackageIn(env: LoadEnv, path: string): Promise<boolean> {
  const root = goRoot(env.s);
  if (root === defaultGoRoot) return isStandardPackage(path);
  return env.fs.isDirWithGoFiles(join(root, 'src', path));
}

/** The directories of $GOROOT/src holding .go files (testdata and _/. trees excluded). */
export async function stdPackageDirs(env: LoadEnv): Promise<readonly string[]> {
  const root = goRoot(env.s);
  if (root === defaultGoRoot) return stdDirs;
  const out: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    if (rel !== '' && (await env.fs.isDirWithGoFiles(dir))) out.push(rel);
    for (const sub of (await env.fs.entries(dir)).dirs) {
      if (sub === 'testdata' || sub.startsWith('.') || sub.startsWith('_')) continue;
      await walk(join(dir, sub), rel === '' ? sub : rel + '/' + sub);
    }
  };
  await walk(join(root, 'src'), '');
  return out;
}

/** search.IsMetaPackage */
export function isMetaPackage(name: string): boolean {
  return name === 'std' || name === 'cmd' || name === 'all' || name === 'tool';
}

/** go/build.IsLocalImport */
export function isLocalImport(path: string): boolean {
  return path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../');
}

export function goRoot(s: ModState): string {
  return s.getenv('GOROOT') || defaultGoRoot;
}

export interface LoadEnv {
  s: ModState;
  fs: PackageFS;
}

const envs = new WeakMap<ModState, LoadEnv>();
export function loadEnv(s: ModState): LoadEnv {
  let e = envs.get(s);
  if (!e) {
    e = { s, fs: new PackageFS(s) };
    envs.set(s, e);
  }
  return e;
}

/** init.go: (*MainModuleSet).ModContainingCWD — the main module whose root holds the cwd. */
export function modContainingCWD(s: ModState): ModuleVersion | null {
  const mms = s.main();
  let best: ModuleVersion | null = null;
  let bestLen = -1;
  for (const m of mms.versions()) {
    const root = mms.getModRoot(m);
    if (root === '') continue;
    if ((s.cwd === root || s.cwd.startsWith(root === '/' ? '/' : root + '/')) && root.length > bestLen) {
      best = m;
      bestLen = root.length;
    }
  }
  return best;
}

export interface ImportResult {
  mod: ModuleVersion;
  modroot: string;
  dir: string;
  altMods: ModuleVersion[];
  err: Error | null;
}

const noMod: ModuleVersion = { path: '', version: '' };

function failed(err: Error, mod: ModuleVersion = noMod, modroot = '', dir = ''): ImportResult {
  return { mod, modroot, dir, altMods: [], err };
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

/** import.go: importFromModules */
export async function importFromModules(
  env: LoadEnv,
  path: string,
  rs: Requirements,
  mgIn: ModuleGraph | null,
  skipModFile: boolean,
): Promise<ImportResult> {
  const s = env.s;
  const invalid = (msg: string) => failed(new InvalidImportError(path, new Error(msg)));
  if (path.includes('@')) return invalid(`import path ${goQuote(path)} should not have @version`);
  if (isLocalImport(path)) return invalid(`${goQuote(path)} is relative, but relative import paths are not supported in module mode`);
  if (isAbs(path)) return invalid(`${goQuote(path)} is not a package path; see 'go help packages'`);
  if (isMetaPackage(path)) return invalid(`${goQuote(path)} is not an importable package; see 'go help packages'`);
  if (path === 'C') return { mod: noMod, modroot: '', dir: '', altMods: [], err: null };
  try {
    checkImportPath(path);
  } catch (e) {
    return failed(new InvalidImportError(path, e as Error));
  }
  const dirs: string[] = [];
  const roots: string[] = [];
  const mods: ModuleVersion[] = [];
  const pathIsStd = isStandardImportPath(path);
  if (pathIsStd && (await isStandardPackageIn(env, path))) {
    const gsrc = join(goRoot(s), 'src');
    // A main module inside GOROOT/src (std, cmd) provides its own packages.
    const mms = s.main();
    for (const mm of mms.versions()) {
      const modRoot = mms.getModRoot(mm);
      if (modRoot === '' || inDir(modRoot, gsrc) === '') continue;
      const r = await dirInModule(env, path, mms.pathPrefix.get(mvKey(mm)) ?? mm.path, modRoot, true);
      if (r.ok) return { mod: mm, modroot: modRoot, dir: r.dir, altMods: [], err: null };
    }
    dirs.push(join(gsrc, path));
    roots.push(path === 'cmd' || path.startsWith('cmd/') ? join(gsrc, 'cmd') : gsrc);
    mods.push(noMod);
  }
  if (s.buildMod === 'vendor') {
    // import.go: importFromModules, -mod=vendor: the main modules, then the vendor directory.
    const mms = s.main();
    for (const mm of mms.versions()) {
      const modRoot = mms.getModRoot(mm);
      if (modRoot === '') continue;
      const r = await dirInModule(env, path, mms.pathPrefix.get(mvKey(mm)) ?? mm.path, modRoot, true);
      if (r.ok) {
        mods.push(mm);
        dirs.push(r.dir);
        roots.push(modRoot);
      }
    }
    if (s.hasModRoot()) {
      const vdir = vendorDir(s);
      const r = await dirInModule(env, path, '', vdir, false);
      if (r.ok) {
        const vl = await readVendorList(s);
        const vm = vl.pkgModule.get(path);
        if (vm !== undefined || compareGo(mms.goVersion(), ExplicitModulesTxtImportVersion) < 0) {
          mods.push(vm ?? noMod);
          dirs.push(r.dir);
          roots.push(vdir);
        } else {
          const sub = s.inWorkspaceMode() ? 'work' : 'mod';
          s.stderr(`go: ignoring package ${path} which exists in the vendor directory but is missing from vendor/modules.txt. To sync the vendor directory run go ${sub} vendor.\n`);
        }
      }
    }
    if (dirs.length > 1) return failed(new AmbiguousImportError(path, dirs, []));
    if (mods.length === 0) return failed(new ImportMissingError(s, path));
    return { mod: mods[0]!, modroot: roots[0]!, dir: dirs[0]!, altMods: [], err: null };
  }
  let mg = mgIn;
  for (;;) {
    const sumErrMods: ModuleVersion[] = [];
    const altMods: ModuleVersion[] = [];
    for (let prefix = path; prefix !== '.'; prefix = pathDir(prefix)) {
      if (isToolchainPath(prefix)) continue;
      let v: string;
      let ok: boolean;
      if (mg === null) ({ version: v, ok } = rs.rootSelected(prefix));
      else {
        v = mg.selected(prefix);
        ok = true;
      }
      if (!ok || v === 'none') continue;
      const m = { path: prefix, version: v };
      let root: string;
      let isLocal: boolean;
      try {
        ({ dir: root, isLocal } = await fetchModule(env, m));
      } catch (e) {
        if (errorsAs(e, SumMissingError)) {
          sumErrMods.push(m);
          continue;
        }
        if ((e as { fatal?: boolean }).fatal) throw e;
        return failed(e as Error);
      }
      const r = await dirInModule(env, path, m.path, root, isLocal);
      if (r.ok) {
        mods.push(m);
        roots.push(root);
        dirs.push(r.dir);
      } else altMods.push(m);
    }
    if (mods.length > 1) {
      mods.reverse();
      roots.reverse();
      dirs.reverse();
      return failed(new AmbiguousImportError(path, dirs, mods));
    }
    if (sumErrMods.length > 0) {
      sumErrMods.reverse();
      return failed(new ImportMissingSumError(path, mods.length > 0, sumErrMods));
    }
    if (mods.length === 1) {
      const m = mods[0]!;
      if (!skipModFile && m.path !== '' && !s.main().contains(m.path)) {
        try {
          await goModSummary(s, m);
        } catch (e) {
          if ((e as { fatal?: boolean }).fatal) throw e;
          const inner = (e as { err?: Error }).err instanceof TooNewError ? (e as { err: Error }).err : (e as Error);
          return failed(inner);
        }
      }
      return { mod: m, modroot: roots[0]!, dir: dirs[0]!, altMods, err: null };
    }
    if (mg !== null) {
      // Outside a module the missing package's query error is init.go's ErrNoModRoot.
      const queryErr = s.hasModRoot() ? null : Object.assign(new Error(errNoModRootText), { noModRoot: true });
      return failed(new ImportMissingError(s, path, { isStd: pathIsStd, queryErr }));
    }
    const g = await rs.graph();
    if (g.err) return failed(g.err);
    mg = g.mg;
  }
}

/** import.go: queryImport */
export async function queryImport(env: LoadEnv, path: string, rs: Requirements): Promise<ModuleVersion> {
  const s = env.s;
  const mods: ModuleVersion[] = [];
  if (s.mainModules) {
    for (const [mp, mv0] of s.mainModules.highestReplaced) {
      if (!maybeInModule(path, mp)) continue;
      let mv = mv0;
      if (mv === '') {
        const { pathMajor, ok } = splitPathVersion(mp);
        mv = ok && pathMajor.length > 0 ? zeroPseudoVersion(pathMajor.slice(1)) : zeroPseudoVersion('v0');
      }
      const g = await rs.graph();
      if (g.err) throw g.err;
      if (modCompare(mp, g.mg.selected(mp), mv) >= 0) continue;
      mods.push({ path: mp, version: mv });
    }
  }
  // sort.Slice by descending path length (ties: Go's pdqsort on small slices is insertion sort, stable here)
  mods.sort((a, b) => b.path.length - a.path.length);
  for (const m of mods) {
    let root: string;
    let isLocal: boolean;
    try {
      ({ dir: root, isLocal } = await fetchModule(env, m));
    } catch (e) {
      if (errorsAs(e, SumMissingError)) throw new ImportMissingSumError(path, false, []);
      throw e;
    }
    const r = await dirInModule(env, path, m.path, root, isLocal);
    if (r.ok) {
      if (s.buildMod === 'readonly') throw new ImportMissingError(s, path, { replaced: m });
      return m;
    }
  }
  if (mods.length > 0) {
    let bad = false;
    try {
      checkPath(path);
    } catch {
      bad = true;
    }
    if (bad) throw new PackageNotInModuleError([], mods[0]!, replacement(s, mods[0]!), 'latest', path);
  }
  if (isStandardImportPath(path)) throw new ImportMissingError(s, path, { isStd: true });
  if ((s.buildMod === 'readonly' || s.buildMod === 'vendor') && !s.allowMissingModuleImports) {
    let queryErr: Error | null = null;
    if (s.buildModExplicit) queryErr = new Error(`import lookup disabled by -mod=${s.buildMod}`);
    else if (s.buildModReason !== '') queryErr = new Error(`import lookup disabled by -mod=${s.buildMod}\n\t(${s.buildModReason})`);
    throw new ImportMissingError(s, path, { queryErr });
  }
  s.stderr(`go: finding module for package ${path}\n`);
  const g = await rs.graph();
  if (g.err) throw g.err;
  const mg = g.mg;
  let candidates: QueryResult[];
  try {
    candidates = await queryPackages(env, path, 'latest', (p) => mg.selected(p));
  } catch (e) {
    if (isNotExist(e)) throw new ImportMissingError(s, path, { queryErr: e as Error });
    throw e;
  }
  let candidate0MissingVersion = '';
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const v = mg.selected(c.mod.path);
    if (modCompare(c.mod.path, v, c.mod.version) > 0) {
      if (i === 0) candidate0MissingVersion = v;
      continue;
    }
    return c.mod;
  }
  throw new ImportMissingError(s, path, { module: candidates[0]!.mod, newMissingVersion: candidate0MissingVersion });
}

/** import.go: maybeInModule */
export function maybeInModule(path: string, mpath: string): boolean {
  return mpath === path || (path.length > mpath.length && path[mpath.length] === '/' && path.startsWith(mpath));
}

/** import.go: dirInModule */
export async function dirInModule(env: LoadEnv, path: string, mpath: string, mdir: string, isLocal: boolean): Promise<{ dir: string; ok: boolean }> {
  let dir: string;
  if (path === mpath) dir = mdir;
  else if (mpath === '') dir = join(mdir, path);
  else if (path.length > mpath.length && path[mpath.length] === '/' && path.startsWith(mpath)) dir = join(mdir, path.slice(mpath.length + 1));
  else return { dir: '', ok: false };
  if (isLocal) {
    for (let d = dir; d !== mdir && d.length > mdir.length; ) {
      if (await env.fs.hasGoMod(d)) return { dir: '', ok: false };
      const parent = pathDir(d) === '.' ? d : d.slice(0, d.lastIndexOf('/')) || '/';
      if (parent === d) break;
      d = parent;
    }
  }
  return { dir, ok: await env.fs.isDirWithGoFiles(dir) };
}

/** import.go: fetch — the module's root directory and whether it is a local tree. */
export async function fetchModule(env: LoadEnv, mod: ModuleVersion): Promise<{ dir: string; isLocal: boolean }> {
  const s = env.s;
  const modRoot = s.main().getModRoot(mod);
  if (modRoot !== '') return { dir: modRoot, isLocal: true };
  const r = replacement(s, mod);
  if (r.path !== '') {
    if (r.version === '') {
      let dir = r.path;
      if (!isAbs(dir)) dir = join(replaceRelativeTo(s), dir);
      if ((await s.files.stat(dir)) === undefined) {
        throw versionError(mod, new Error(`replacement directory ${r.path} does not exist`));
      }
      return { dir, isLocal: true };
    }
    mod = r;
  }
  if (s.mustHaveSums() && !s.haveSum(mod)) throw versionError(mod, new SumMissingError(mod, ''));
  const dir = await s.fetcher.download(mod);
  return { dir, isLocal: false };
}

export interface QueryResult {
  mod: ModuleVersion;
  packages: string[];
}

/** query.go: modulePrefixesExcludingTarget */
function modulePrefixesExcludingTarget(s: ModState, path: string): string[] {
  const prefixes: string[] = [];
  const main = new Set(s.main().versions().map((m) => m.path));
  for (;;) {
    if (!main.has(path) && splitPathVersion(path).ok) prefixes.push(path);
    const j = path.lastIndexOf('/');
    if (j < 0) break;
    path = path.slice(0, j);
  }
  return prefixes;
}

/** query.go: QueryPackages for one (non-wildcard) package path. */
export async function queryPackages(env: LoadEnv, pattern: string, query: string, current: (p: string) => string): Promise<QueryResult[]> {
  const s = env.s;
  const match = async (mod: ModuleVersion, roots: string[], isLocal: boolean): Promise<string[]> => {
    const prefix = mod.path;
    let pkgs: string[] = [];
    for (const root of roots) {
      if ((await dirInModule(env, pattern, prefix, root, isLocal)).ok) pkgs = [pattern];
    }
    return pkgs;
  };
  for (const mainModule of s.main().versions()) {
    const pk = await match(mainModule, [s.main().getModRoot(mainModule)], true);
    if (pk.length > 0) throw new QueryMatchesPackagesInMainModuleError(pattern, query, pk);
  }
  const candidateModules = modulePrefixesExcludingTarget(s, pattern);
  if (candidateModules.length === 0) throw new PackageNotInModuleError([], noMod, noMod, query, pattern);
  const allowed = (m: ModuleVersion) => checkAllowed(s, m);
  const results = await Promise.all(
    candidateModules.map(async (path) => {
      const r: QueryResult = { mod: { path, version: '' }, packages: [] };
      try {
        const rev = await queryProxy(s, path, query, current(path), allowed);
        r.mod.version = rev.Version;
        if (isToolchainPath(path)) return { r, err: null };
        const { dir, isLocal } = await fetchModule(env, r.mod);
        r.packages = await match(r.mod, [dir], isLocal);
        if (r.packages.length === 0 && pattern !== path) {
          return { r, err: new PackageNotInModuleError([], r.mod, replacement(s, r.mod), query, pattern) as Error };
        }
        return { r, err: null };
      } catch (e) {
        if (isFatal(e)) throw e;
        return { r, err: e as Error };
      }
    }),
  );
  // queryPrefixModules
  const found: QueryResult[] = [];
  let err: Error | null = null;
  let noPackage: PackageNotInModuleError | null = null;
  let noVersion: Error | null = null;
  let noPatchBase: Error | null = null;
  let invalidPath: Error | null = null;
  let invalidVersion: Error | null = null;
  let notExistErr: Error | null = null;
  for (const { r, err: rErr } of results) {
    if (rErr === null) found.push(r);
    else if (rErr instanceof PackageNotInModuleError) {
      if (noPackage === null || s.main().contains(noPackage.mod.path)) noPackage = rErr;
    } else if (rErr instanceof NoMatchingVersionError) noVersion ??= rErr;
    else if (rErr instanceof NoPatchBaseError) noPatchBase ??= rErr;
    else if (rErr instanceof InvalidPathError) invalidPath ??= rErr;
    else if (isNotExist(rErr)) notExistErr ??= rErr;
    else if (errorsAs(rErr, InvalidVersionError)) invalidVersion ??= rErr;
    else if (err === null && !(found.length > 0 || noPackage !== null)) err = rErr;
  }
  if (found.length === 0 && err === null) err = noPackage ?? noVersion ?? noPatchBase ?? invalidPath ?? invalidVersion ?? notExistErr;
  const pkgMods = found.filter((r) => r.packages.length > 0);
  const modOnly = found.find((r) => r.packages.length === 0);
  if (err) throw err;
  if (pkgMods.length === 0 && modOnly) throw new PackageNotInModuleError([], modOnly.mod, replacement(s, modOnly.mod), query, pattern);
  return pkgMods;
}

export { compareGo, ModuleError, mvKey };
export { LazyError, ImportMissingError, AmbiguousImportError, DirectImportFromImplicitDependencyError, ImportMissingSumError, InvalidImportError, PackageNotInModuleError, QueryMatchesPackagesInMainModuleError } from './importerrors';
