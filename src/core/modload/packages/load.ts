// The package loader's entry points: cmd/go/internal/modload/load.go (LoadPackages, loadFromRoots).
// The loader itself is in loader.ts, its packages in loadpkg.ts; keepSums' loader half in keepsums.ts.
import { goQuote } from '../../goquote';
import { compareGo, Local, modSort, prevGo, GoStrictVersion, TidyGoModSumVersion, NarrowAllVersion } from '../../gover';
import type { ModuleVersion } from '../../module';
import { anyTags, type Tags } from '../../imports/match';
import type { ScanMode } from '../../imports/dirs';
import { BuildListError } from '../../mvs/errors';
import { mvKey } from '../../mvs/graph';
import { convertPruning, expandGraph, overrideRoots, tidyRoots, updateRoots, conflictSummary } from '../buildlist';
import { commitRequirements, die, keepSums, loadModFile, updateGoModFromReqs, writeGoSum } from '../init';
import { errorsAs, pruningForGoVersion } from '../modfile';
import { newRequirements, type Requirements } from '../requirements';
import { FatalError, fmtMod, type ModState } from '../state';
import { clean, dir as dirOf, inDir, isAbs, join, shortPath } from '../paths';
import { ImportMissingError, ImportMissingSumError, goRoot, loadEnv, type LoadEnv } from './import';
import { isLocalPattern, matchPackages, matchPattern, matchStdCmd, treeCanMatchPattern, walkLocalPackages } from './search';
import { unifiedDiff } from './diff';
import { utf8Decode } from '../../gostrings';
import { LoadPkg, PKG_IS_ROOT } from './loadpkg';
import { ExitError, Loader, baseError, cmpStr, isHardFatal, sameMods, type LoaderParams, type PackageOpts } from './loader';
import { errPkgIsBuiltin, errPkgIsGorootSrc, pathInModuleCache, resolveLocalPackage } from './localpkg';
import { loaderKeepSums } from './keepsums';

/** load.go: loadFromRoots */
export async function loadFromRoots(s: ModState, params: LoaderParams): Promise<Loader> {
  const ld = new Loader(s, params);
  if (ld.requirements.pruning === 'unpruned') {
    try {
      const r = await expandGraph(s, ld.requirements);
      ld.requirements = r.rs;
      if (r.err) ld.error(r.err);
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
    }
  }
  await ld.exitIfErrors();

  const updateGoVersion = async () => {
    const goVersion = ld.goVersion();
    if (ld.requirements.pruning !== 'workspace') {
      try {
        ld.requirements = await convertPruning(s, ld.requirements, pruningForGoVersion(goVersion));
      } catch (e) {
        if (isHardFatal(e)) throw e;
        ld.error(e as Error);
        await ld.exitIfErrors();
      }
    }
    ld.skipImportModFiles = (ld.p.tidy ?? false) && compareGo(goVersion, TidyGoModSumVersion) < 0;
    ld.allClosesOverTests = compareGo(goVersion, NarrowAllVersion) < 0 && !ld.p.useVendorAll;
  };

  for (;;) {
    ld.reset();
    await updateGoVersion();
    const rootPkgs = await ld.p.listRoots(ld.requirements);
    if (ld.requirements.pruning === 'pruned' && s.buildMod === 'mod') {
      if (await ld.preloadRootModules(rootPkgs)) continue;
    }
    const inRoots = new Set<LoadPkg>();
    for (const path of rootPkgs) {
      const root = ld.pkg(path, PKG_IS_ROOT);
      if (!inRoots.has(root)) {
        ld.roots.push(root);
        inRoots.add(root);
      }
    }
    await ld.work.idle();
    ld.buildStacks();
    let changed: boolean;
    try {
      changed = await ld.updateRequirements();
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
      break;
    }
    if (changed) continue;
    if (!ld.p.resolveMissingImports || (!s.hasModRoot() && !s.allowMissingModuleImports)) break;
    let modAddedBy: Map<string, { mod: ModuleVersion; pkg: LoadPkg }>;
    try {
      modAddedBy = await ld.resolveMissingImports();
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
      break;
    }
    if (modAddedBy.size === 0) break;
    const toAdd = modSort([...modAddedBy.values()].map((x) => x.mod));
    let rs: Requirements;
    try {
      rs = await updateRoots(s, ld.requirements.direct, ld.requirements, [], toAdd, ld.p.assumeRootsImported ?? false);
    } catch (e) {
      if (isHardFatal(e)) throw e;
      if (e instanceof BuildListError) {
        const m = e.module();
        const added = modAddedBy.get(mvKey(m));
        if (added) {
          ld.error(new Error(`${added.pkg.stackText()}: ${e.err.message}`, { cause: e.err })); // %w
          break;
        }
      }
      ld.error(e as Error);
      break;
    }
    if (sameMods(rs.rootModules, ld.requirements.rootModules)) {
      throw new Error(`internal error: adding ${toAdd.map(fmtMod).join(' ')} to module graph had no effect on root requirements`);
    }
    ld.requirements = rs;
  }
  await ld.exitIfErrors();

  if (ld.p.tidy) {
    let rs: Requirements | null = null;
    try {
      rs = await tidyRoots(s, ld.requirements, ld.pkgs, ld.tidyHooks());
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
    }
    if (rs) {
      if (ld.p.tidyGoVersion) {
        const tidy = overrideRoots(s, rs, [{ path: 'go', version: ld.p.tidyGoVersion }]);
        const g = await tidy.graph();
        if (g.err) ld.error(g.err);
        const v = g.mg.selected('go');
        if (v === ld.p.tidyGoVersion) rs = tidy;
        else {
          const path = (g.mg.g.findPath((m) => m.path === 'go' && m.version === v) ?? []).slice(1);
          const conflict = { path, constraint: { path: 'go', version: ld.p.tidyGoVersion }, err: null };
          ld.error(new Error(conflictSummary(conflict)));
        }
      }
      if (ld.requirements.pruning === 'pruned') {
        for (const m of rs.rootModules) {
          if (m.path === 'go' && ld.p.tidyGoVersion) continue;
          const { version, ok } = ld.requirements.rootSelected(m.path);
          if (!ok || version !== m.version) {
            ld.error(new Error(`internal error: a requirement on ${fmtMod(m)} is needed but was not added during package loading (selected ${version})`));
          }
        }
      }
      ld.requirements = rs;
    }
    await ld.exitIfErrors();
  }

  for (const pkg of ld.pkgs) {
    if (pkg.err === null) continue;
    const sumErr = errorsAs(pkg.err, ImportMissingSumError);
    if (sumErr) {
      const importer = pkg.stack;
      if (importer) {
        sumErr.importer = importer.path;
        sumErr.importerVersion = importer.mod.version;
        sumErr.importerIsTest = importer.testOf !== null;
      }
    }
    const stdErr = errorsAs(pkg.err, ImportMissingError);
    if (stdErr && stdErr.isStd) {
      const importer = pkg.stack;
      if (importer) {
        const v = s.rawGoVersion.get(mvKey(importer.mod));
        if (v !== undefined && compareGo(Local, v) < 0) stdErr.importerGoVersion = v;
      }
      if (ld.p.silenceMissingStdImports) continue;
    }
    if (ld.p.silencePackageErrors) continue;
    if (ld.p.silenceNoGoErrors && pkg.err.message === 'no Go source files') continue;
    ld.error(new Error(`${pkg.stackText()}: ${pkg.err.message}`, { cause: pkg.err })); // %w
  }
  ld.checkMultiplePaths();
  return ld;
}

// ---------------------------------------------------------------------------
// LoadPackages

export interface Match {
  pattern: string;
  pkgs: string[];
  errs: Error[];
  /** Local patterns: the directories matched. */
  dirs?: string[];
}

export interface LoadResult {
  ld: Loader;
  matches: Match[];
  /** Non-test loaded package paths, sorted. */
  loadedPackages: string[];
  /** Set when tidy -diff printed its diff (and its exit status). */
  tidyDiff?: { gomod: string; gosum: string };
  /** go.sum keep set computed by tidy (mvKey form). */
  tidyKeep?: Set<string>;
  /** Root requirements before loading (for -v "unused" and change reports). */
  initialRoots: readonly ModuleVersion[];
  initialDirect: ReadonlyMap<string, boolean>;
}

/** search.CleanPatterns */
export function cleanPatterns(patterns: string[]): string[] {
  if (patterns.length === 0) return ['.'];
  return patterns.map((a) => {
    let p = a;
    let v = '';
    if (!isLocalPattern(a) && !isAbs(a)) {
      const i = a.indexOf('@');
      if (i >= 0) {
        p = a.slice(0, i);
        v = a.slice(i);
      }
    }
    if (isAbs(p)) p = clean(p);
    else if (p.startsWith('./')) {
      p = './' + clean(p);
      if (p === './.') p = '.';
    } else p = clean(p);
    return p + v;
  });
}

/** load.go: LoadPackages. Throws ExitError / FatalError when go would exit. */
export async function loadPackages(
  s: ModState,
  opts: PackageOpts,
  patterns: string[],
  hooks: { beforeWrite?: () => Promise<void> } = {},
): Promise<LoadResult> {
  const tags = opts.tags ?? anyTags;
  patterns = cleanPatterns(patterns);
  const matches: Match[] = patterns.map((p) => ({ pattern: p, pkgs: [], errs: [] }));
  const allPatternIsRoot = patterns.includes('all');
  const env = loadEnv(s);

  const updateMatches = async (rs: Requirements, ld: Loader | null): Promise<void> => {
    for (const m of matches) {
      const pat = m.pattern;
      if (isLocalPattern(pat)) {
        if (m.dirs === undefined) {
          m.dirs = [];
          const abs = isAbs(pat) ? pat : join(s.cwd, pat);
          if (pat.includes('...')) {
            const i = abs.indexOf('...');
            const base = abs.slice(0, i).replace(/\/+$/, '');
            const roots = s.main().versions().map((mv) => s.main().getModRoot(mv));
            const root = roots.find((r) => r !== '' && (base === r || base.startsWith(r + '/')));
            // load.go: matchLocalDirs — outside the main modules, a wildcard may still walk
            // GOROOT/src or a selected module's tree (its directory before the "...").
            const absDir = dirOf(clean(abs.slice(0, i + 3)));
            if (root === undefined && (inDir(absDir, join(goRoot(s), 'src')) !== '' || (await pathInModuleCache(s, absDir, rs)) !== '')) {
              m.dirs = await matchDirs(env, abs, tags, opts.scanMode);
            } else if (root === undefined) {
              // search.MatchError: a wildcard pattern's error names the pattern.
              const scope = s.inWorkspaceMode() ? 'modules listed in go.work or their selected dependencies' : 'main module or its selected dependencies';
              m.errs.push(new Error(`pattern ${pat}: directory prefix ${shortPath(s.cwd, base)} does not contain ${scope}`));
            } else {
              const mm = s.main().versions()[roots.indexOf(root)]!;
              const prefix = s.main().pathPrefix.get(mvKey(mm)) ?? mm.path;
              const relPat = abs.slice(root.length).replace(/^\//, '');
              const ipPat = relPat === '' ? prefix : prefix === '' ? relPat : prefix + '/' + relPat;
              const found = await walkLocalPackages(env, root, prefix, tags, matchPattern(ipPat), treeCanMatchPattern(ipPat), opts.scanMode);
              m.dirs = found.map((f) => f.dir);
              if (opts.importDirHasGo) {
                const keep = await Promise.all(m.dirs.map(opts.importDirHasGo));
                m.dirs = m.dirs.filter((_, k) => keep[k]);
              }
            }
          } else m.dirs = [abs];
        }
        m.pkgs = [];
        for (const dir of m.dirs) {
          const r = await resolveLocalPackage(s, dir, rs);
          if ('err' in r) {
            // Wildcard patterns skip "builtin" and GOROOT/src.
            if (pat.includes('...') && (r.err === errPkgIsBuiltin || r.err === errPkgIsGorootSrc)) continue;
            if (!s.hasModRoot()) await die(s);
            // search.go: Match.AddError wraps it in a MatchError, "pattern P: " for a wildcard.
            if (ld !== null) m.errs.push(pat.includes('...') ? new Error(`pattern ${pat}: ${r.err.message}`) : r.err);
            continue;
          }
          m.pkgs.push(r.pkg);
        }
      } else if (!pat.includes('...') && pat !== 'all' && pat !== 'std' && pat !== 'cmd') {
        m.pkgs = [pat];
      } else if (pat === 'all') {
        if (ld === null && s.buildMod === 'vendor') {
          // matchPackages with -mod=vendor: every main module and the whole vendor tree are roots
          ({ pkgs: m.pkgs, errs: m.errs } = await matchPackages(env, 'all', tags, [], opts.scanMode));
        } else if (ld === null) {
          m.errs = [];
          m.pkgs = [];
          for (const mv of opts.mainModule ? [opts.mainModule] : s.main().versions()) {
            const root = s.main().getModRoot(mv);
            if (root === '') continue;
            // search.go: matchPackages — a main module's packages under its PathPrefix ("" for std in GOROOT).
            const prefix = s.main().pathPrefix.get(mvKey(mv)) ?? mv.path;
            const found = await walkLocalPackages(env, root, prefix, tags, () => true, () => true, opts.scanMode);
            m.pkgs.push(...found.map((f) => f.path));
          }
          m.pkgs.sort(cmpStr);
        } else m.pkgs = ld.computePatternAll();
      } else if (pat === 'std' || pat === 'cmd') {
        m.pkgs = await matchStdCmd(env, pat, tags, opts.scanMode);
      } else if (pat.includes('...') && s.buildMod === 'vendor') {
        // search.go: matchPackages with -mod=vendor (std, the main modules, the vendor tree).
        const r = await matchPackages(env, pat, tags, [], opts.scanMode);
        m.pkgs = r.pkgs;
        m.errs = r.errs;
      } else if (pat.includes('...')) {
        // load.go: updateMatches — matchPackages over std and the build list.
        const { mg, err } = await rs.graph();
        const r = await matchPackages(env, pat, tags, [...mg.buildList()], opts.scanMode);
        m.pkgs = r.pkgs;
        m.errs = err ? [err, ...r.errs] : r.errs;
      } else {
        throw new FatalError(`modscope: pattern ${pat} is not supported`);
      }
    }
  };

  const initialRS = await loadModFile(s, { tidyGoVersion: opts.tidyGoVersion });
  await hooks.beforeWrite?.();
  const initialRoots = initialRS.rootModules;
  const initialDirect = new Map(initialRS.direct);
  const ld = await loadFromRoots(s, {
    ...opts,
    requirements: initialRS,
    allPatternIsRoot,
    listRoots: async (rs) => {
      await updateMatches(rs, null);
      return matches.flatMap((m) => m.pkgs);
    },
  });
  await updateMatches(ld.requirements, ld);
  if (!opts.silencePackageErrors) for (const m of matches) for (const e of m.errs) ld.error(e);
  await ld.exitIfErrors();
  if (!opts.silenceUnmatchedWarnings) {
    for (const m of matches) {
      if (m.pkgs.length === 0 && m.errs.length === 0 && (m.pattern === 'all' || m.pattern.includes('...'))) {
        s.stderr(`go: warning: ${goQuote(m.pattern)} matched no packages\n`);
      }
    }
  }
  const result: LoadResult = { ld, matches, loadedPackages: [], initialRoots, initialDirect };

  if (opts.tidy) {
    if (opts.verbose) {
      const g = await ld.requirements.graph();
      for (const m of initialRoots) {
        let unused: boolean;
        if (ld.requirements.pruning === 'unpruned') unused = g.mg.selected(m.path) === 'none';
        else unused = !ld.requirements.rootSelected(m.path).ok;
        if (unused) s.stderr(`unused ${m.path}\n`);
      }
    }
    let keep = await keepSums(s, ld.requirements, 'loadedZipSumsOnly', loaderKeepSums(ld, ld.requirements));
    let compatVersion = opts.tidyCompatibleVersion ?? '';
    const goVersion = ld.requirements.goVersion();
    if (compatVersion === '') compatVersion = compareGo(goVersion, GoStrictVersion) < 0 ? prevGo(goVersion) : goVersion;
    if (compareGo(compatVersion, goVersion) > 0) compatVersion = goVersion;
    const compatPruning = pruningForGoVersion(compatVersion);
    if (compatPruning !== ld.requirements.pruning) {
      const compatRS = newRequirements(s, compatPruning, ld.requirements.rootModules, ld.requirements.direct);
      await ld.checkTidyCompatibility(compatRS, compatVersion);
      for (const k of await keepSums(s, compatRS, 'loadedZipSumsOnly', loaderKeepSums(ld, compatRS))) keep.add(k);
    }
    result.tidyKeep = keep;
    const gs = s.goSum;
    if (opts.tidyDiff) {
      s.buildMod = 'readonly';
      s.requirements = ld.requirements;
      const upd = updateGoModFromReqs(s, {}, true);
      const before = upd?.before ?? '';
      const after = upd?.after ?? before;
      const goModDiff = unifiedDiff('current/go.mod', before, 'tidy/go.mod', after);
      gs?.trim((m) => keep.has(mvKey(m)));
      if (compareGo(compatVersion, '1.16') > 0) keep = await keepSums(s, ld.requirements, 'addBuildListZipSums', loaderKeepSums(ld, ld.requirements));
      const currentBytes = (await s.files.read(s.goSumFile)) ?? new Uint8Array();
      const currentGoSum = utf8Decode(currentBytes);
      const tidyGoSum = gs ? gs.tidy(currentBytes, (m) => keep.has(mvKey(m))) : '';
      const goSumDiff = unifiedDiff('current/go.sum', currentGoSum, 'tidy/go.sum', tidyGoSum);
      result.tidyDiff = { gomod: goModDiff, gosum: goSumDiff };
      return result;
    }
    gs?.trim((m) => keep.has(mvKey(m)));
    await writeGoSum(s, keep, s.mustHaveCompleteRequirements());
  }

  s.requirements = ld.requirements;
  result.loadedPackages = ld.pkgs
    .filter((p) => !p.isTest())
    .map((p) => p.path)
    .sort(cmpStr);
  if (opts.resolveMissingImports && !opts.explicitWriteGoMod) {
    await commitRequirements(s, {}, loaderKeepSums(ld, ld.requirements));
  }
  return result;
}


/**
 * search.go: Match.MatchDirs for an absolute wildcard pattern outside the main modules: the
 * directories below the pattern's leading directory whose paths match it and hold Go files
 * (nested modules pruned, vendor only where the pattern names it).
 */
async function matchDirs(env: LoadEnv, pattern: string, tags: Tags, mode: ScanMode | undefined): Promise<string[]> {
  const head = pattern.slice(0, pattern.indexOf('...'));
  const top = head.slice(0, head.lastIndexOf('/')) || '/';
  const found = await walkLocalPackages(env, top, top, tags, matchPattern(pattern), treeCanMatchPattern(pattern), mode, { pruneVendor: false, have: new Set() });
  return found.map((f) => f.dir);
}

export { LoadPkg } from './loadpkg';
export { ExitError, Loader, baseError, isHardFatal, type LoaderParams, type PackageOpts } from './loader';
export { resolveLocalPackage } from './localpkg';
export { loaderKeepSums } from './keepsums';
export { ImportMissingError, ImportMissingSumError };
