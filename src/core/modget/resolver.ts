// `go get`'s resolver: cmd/go/internal/modget/get.go (resolver, queryNone, queryPath,
// performLocalQueries, performWildcardQueries, performPatternAllQueries, findAndUpgradeImports,
// resolveQueries, applyUpgrades, disambiguate, chooseArbitrarily, resolve, updateBuildList).

import { TooNewError } from '../gover';
import { Switcher, switchOrFatal, switchUnlessFatal } from '../toolchain/switch';
import { isStandardImportPath, type ModuleVersion } from '../module';
import { anyTags } from '../imports/match';
import { loadModGraph, ConstraintError } from '../modload/buildlist';
import { editBuildList } from '../modload/edit';
import { checkAllowed, checkExclusions, errorsAs, type AllowedFunc } from '../modload/modfile';
import { query as modQuery } from '../modload/query';
import { matchInModule, queryMatchesMainModulesError, queryPackages, queryPattern } from '../modload/querypattern';
import { fmtMod, type ModState } from '../modload/state';
import { AmbiguousImportError, dirInModule, ImportMissingError, isStandardPackage, loadEnv, QueryMatchesPackagesInMainModuleError } from '../modload/packages/import';
import { dirImportPath } from '../commands/internalrule';
import { ExitError, loadPackages, type LoadResult } from '../modload/packages/load';
import { goQuote } from '../module';
import { isNoSuchModuleVersion, isNoSuchPackageVersion, exitIfErrors, mainModuleVersionError, unwrapModuleError, conflictString, cleanAbs, validModulePath, isFatal } from './errors';
import { type GetFlags, GetQuery, type PathSet, type VersionReason, conflictText, emptySet, errSet, noMod, reportError, same, versionOkForMainModule } from './query';

/** get.go: errVersionChange — the package's module needs a version change first. */
const errVersionChange = new Error('version change needed');

/** The resolver (get.go: resolver). */
export class Resolver {
  readonly localQueries: GetQuery[] = [];
  readonly pathQueries: GetQuery[] = [];
  readonly wildcardQueries: GetQuery[] = [];
  readonly patternAllQueries: GetQuery[] = [];
  readonly nonesByPath = new Map<string, GetQuery>();
  readonly resolvedVersion = new Map<string, VersionReason>();
  buildList: readonly ModuleVersion[] = [];
  buildListVersion = new Map<string, string>();
  initialVersion = new Map<string, string>();
  lastLoad: LoadResult | null = null;

  constructor(
    readonly s: ModState,
    readonly fl: GetFlags,
  ) {}

  async init(queries: GetQuery[]): Promise<void> {
    const mg = await loadModGraph(this.s, '').catch((e) => switchUnlessFatal(this.s, e));
    this.buildList = mg.buildList();
    for (const m of this.buildList) this.initialVersion.set(m.path, m.version);
    this.buildListVersion = this.initialVersion;
    for (const q of queries) {
      if (q.pattern === 'all') this.patternAllQueries.push(q);
      else if (q.patternIsLocal) this.localQueries.push(q);
      else if (q.isWildcard()) this.wildcardQueries.push(q);
      else this.pathQueries.push(q);
      if (q.version === 'none' && !q.isWildcard()) this.nonesByPath.set(q.pattern, q);
    }
  }

  initialSelected = (p: string): string => this.initialVersion.get(p) ?? 'none';
  selected = (p: string): string => this.buildListVersion.get(p) ?? 'none';

  noneForPath(mPath: string): GetQuery | undefined {
    return this.nonesByPath.get(mPath);
  }

  checkAllowedOr(requested: string, selected: (p: string) => string): AllowedFunc {
    const s = this.s;
    return async (m) => {
      if (m.version === requested) return checkExclusions(s, m);
      if ((requested === 'upgrade' || requested === 'patch') && m.version === selected(m.path)) return null;
      return checkAllowed(s, m);
    };
  }

  async queryModule(mPath: string, q: string, selected: (p: string) => string): Promise<ModuleVersion> {
    const rev = await modQuery(this.s, mPath, q, this.initialSelected(mPath), this.checkAllowedOr(q, selected));
    return { path: mPath, version: rev.Version };
  }

  /** get.go: queryNone */
  async queryNone(q: GetQuery): Promise<void> {
    const s = this.s;
    await q.pathOnce(q.pattern, async () => {
      if (s.main().contains(q.pattern)) {
        return errSet(mainModuleVersionError(q.pattern, q.version));
      }
      return { ...emptySet(), mod: { path: q.pattern, version: 'none' } };
    });
    for (const curM of this.buildList) {
      if (!q.matchesPath(curM.path)) continue;
      await q.pathOnce(curM.path, async () => {
        if (curM.version === '' && s.main().contains(curM.path)) {
          return errSet(mainModuleVersionError(q.pattern, q.version));
        }
        return { ...emptySet(), mod: { path: curM.path, version: 'none' } };
      });
    }
  }

  /** get.go: queryPath */
  async queryPath(q: GetQuery): Promise<void> {
    await q.pathOnce(q.pattern, async () => {
      // get.go: queryPath — matchInModule(pattern, module.Version{}): modload.MatchInModule's fetch
      // of the zero module reaches modfetch.Download, whose checkCacheDir makes $GOMODCACHE (or is
      // fatal) before the download fails.
      if (isStandardImportPath(q.pattern)) this.s.fetcher.cache.checkDir?.();
      if (isStandardImportPath(q.pattern) && isStandardPackage(q.pattern)) {
        if (q.rawVersion !== '') {
          return errSet(new Error(`can't request explicit version ${goQuote(q.version)} of standard library package ${q.pattern}`));
        }
        q.matchesPackages = true;
        return emptySet();
      }
      try {
        const { pkgMods, modOnly } = await queryPattern(this.s, q.pattern, q.version, this.initialSelected, this.checkAllowedOr(q.version, this.initialSelected));
        return { path: '', pkgMods: pkgMods.map((r) => r.mod), mod: modOnly?.mod ?? noMod, err: null };
      } catch (e) {
        if (isFatal(e)) throw e;
        return errSet(e as Error);
      }
    });
  }

  /** load.go: (*MainModuleSet).DirImportPath */
  dirImportPath(dir: string): { path: string; m: ModuleVersion } {
    return dirImportPath(this.s, dir);
  }

  /** get.go: performLocalQueries (non-wildcard paths). */
  async performLocalQueries(): Promise<void> {
    const s = this.s;
    for (const q of this.localQueries) {
      await q.pathOnce(q.pattern, async () => {
        const abs = cleanAbs(q.pattern.startsWith('/') ? q.pattern : s.cwd + '/' + q.pattern);
        const absDetail = q.pattern.startsWith('/') ? '' : ` (${abs})`;
        const { path: pkgPattern, m: mainModule } = this.dirImportPath(q.pattern);
        const mms = s.main();
        if (pkgPattern === '.') {
          const modRoots = mms.versions().map((m) => mms.getModRoot(m));
          return errSet(new Error(`${q.pattern}${absDetail} is not within module${modRoots.length !== 1 ? 's' : ''} rooted at ${modRoots.join(', ')}`));
        }
        const root = mms.getModRoot(mainModule);
        if (q.isWildcard()) {
          // MatchInModule for a wildcard: the main module's packages matching it.
          let pkgs: string[];
          try {
            pkgs = await matchInModule(s, pkgPattern, mainModule);
          } catch (e) {
            if (isFatal(e)) throw e;
            return errSet(e as Error);
          }
          if (pkgs.length === 0) {
            if (q.raw === '' || q.raw === '.') return errSet(new Error('no package to get in current directory'));
            // search.WarnUnmatched
            s.stderr(`go: warning: ${goQuote(pkgPattern)} matched no packages\n`);
            return emptySet();
          }
          return { ...emptySet(), pkgMods: [mainModule] };
        }
        // MatchInModule for a literal pattern in a main module: a directory with Go files.
        const env = loadEnv(s);
        const { ok } = await dirInModule(env, pkgPattern, mainModule.path, root, true);
        if (!ok) {
          if (q.raw === '' || q.raw === '.') return errSet(new Error('no package to get in current directory'));
          return errSet(new Error(`${q.pattern}${absDetail} is not a package in module rooted at ${root}`));
        }
        return { ...emptySet(), pkgMods: [mainModule] };
      });
    }
  }

  /** get.go: performWildcardQueries */
  async performWildcardQueries(): Promise<void> {
    for (const q of this.wildcardQueries) {
      if (q.version === 'none') await this.queryNone(q);
      else await this.queryWildcard(q);
    }
  }

  /** get.go: queryWildcard */
  async queryWildcard(q: GetQuery): Promise<void> {
    const s = this.s;
    for (const curM of this.buildList) {
      if (!q.canMatchInModule(curM.path)) continue;
      await q.pathOnce(curM.path, async () => {
        if (this.noneForPath(curM.path)) return emptySet();
        try {
          if (s.main().contains(curM.path) && !versionOkForMainModule(q.version)) {
            if (q.matchesPath(curM.path)) return errSet(queryMatchesMainModulesError(s, [curM], q.pattern, q.version));
            const packages = await this.matchInModule(q.pattern, curM);
            if (packages.length > 0) return errSet(new QueryMatchesPackagesInMainModuleError(q.pattern, q.version, packages));
            return await this.tryWildcard(q, curM);
          }
          let m: ModuleVersion;
          try {
            m = await this.queryModule(curM.path, q.version, this.initialSelected);
          } catch (e) {
            if (isFatal(e)) throw e;
            if (!isNoSuchModuleVersion(e as Error)) return errSet(e as Error);
            return emptySet();
          }
          return await this.tryWildcard(q, m);
        } catch (e) {
          if (isFatal(e)) throw e;
          return errSet(e as Error);
        }
      });
    }
  }

  /** get.go: tryWildcard */
  async tryWildcard(q: GetQuery, m: ModuleVersion): Promise<PathSet> {
    const mMatches = q.matchesPath(m.path);
    let packages: string[];
    try {
      packages = await this.matchInModule(q.pattern, m);
    } catch (e) {
      if (isFatal(e)) throw e;
      return errSet(e as Error);
    }
    if (packages.length > 0) return { ...emptySet(), pkgMods: [m] };
    if (mMatches) return { ...emptySet(), mod: m };
    return emptySet();
  }

  private readonly matchCache = new Map<string, Promise<string[]>>();
  /** get.go: (*resolver).matchInModule (cached per pattern and module version). */
  matchInModule(pattern: string, m: ModuleVersion): Promise<string[]> {
    const key = pattern + '\x00' + m.path + '\x00' + m.version;
    let p = this.matchCache.get(key);
    if (!p) {
      p = matchInModule(this.s, pattern, m);
      this.matchCache.set(key, p);
    }
    return p;
  }

  /** get.go: findMissingWildcards */
  async findMissingWildcards(): Promise<void> {
    for (const q of this.wildcardQueries) {
      if (q.version === 'none' || q.matchesPackages) continue;
      await q.pathOnce(q.pattern, async () => {
        try {
          const { pkgMods, modOnly } = await queryPattern(this.s, q.pattern, q.version, this.initialSelected, this.checkAllowedOr(q.version, this.initialSelected));
          return { path: '', pkgMods: pkgMods.map((r) => r.mod), mod: modOnly?.mod ?? noMod, err: null };
        } catch (e) {
          if (isFatal(e)) throw e;
          if (isNoSuchPackageVersion(e as Error) && q.resolved.length > 0) return emptySet();
          return errSet(e as Error);
        }
      });
    }
  }

  /**
   * get.go: performPatternAllQueries (the loader has no AllowPackage hook: every package of
   * "all" is queried, as in findAndUpgradeImports).
   */
  async performPatternAllQueries(): Promise<void> {
    if (this.patternAllQueries.length === 0) return;
    const findPackage = async (path: string, m: ModuleVersion): Promise<void> => {
      for (const q of this.patternAllQueries) {
        await q.pathOnce(path, async () => {
          try {
            const pkgMods = (await queryPackages(this.s, path, q.version, this.initialSelected, this.checkAllowedOr(q.version, this.initialSelected))).map((r) => r.mod);
            return { ...emptySet(), pkgMods };
          } catch (e) {
            if (isFatal(e)) throw e;
            return errSet(e as Error);
          }
        });
      }
    };
    const lr = await this.loadPackagesFor(['all'], {
      tags: anyTags,
      loadTests: this.fl.t,
      assumeRootsImported: true,
      silencePackageErrors: true,
      allowErrors: true,
      silenceUnmatchedWarnings: true,
      explicitWriteGoMod: true,
    });
    for (const pkg of lr.ld.pkgs) {
      if (pkg.isTest()) continue;
      if (pkg.err === null) {
        if (pkg.mod.path !== '' && pkg.mod.version !== '') await findPackage(pkg.path, pkg.mod);
        continue;
      }
      if (errorsAs(pkg.err, ImportMissingError) || errorsAs(pkg.err, AmbiguousImportError)) await findPackage(pkg.path, noMod);
    }
    for (const q of this.patternAllQueries) q.candidates.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** get.go: checkWildcardVersions */
  async checkWildcardVersions(): Promise<void> {
    const s = this.s;
    for (const q of this.wildcardQueries) {
      for (const curM of this.buildList) {
        if (!q.canMatchInModule(curM.path)) continue;
        if (!q.matchesPath(curM.path)) {
          let packages: string[] = [];
          let err: Error | null = null;
          try {
            packages = await this.matchInModule(q.pattern, curM);
          } catch (e) {
            if (isFatal(e)) throw e;
            err = e as Error;
          }
          if (packages.length === 0) {
            if (err) reportError(s, q, err);
            continue;
          }
        }
        let rev: ModuleVersion;
        try {
          rev = await this.queryModule(curM.path, q.version, this.initialSelected);
        } catch (e) {
          if (isFatal(e)) throw e;
          reportError(s, q, e as Error);
          continue;
        }
        if (rev.version === curM.version) continue;
        if (!q.matchesPath(curM.path)) {
          const m = { path: curM.path, version: rev.version };
          let packages: string[];
          try {
            packages = await this.matchInModule(q.pattern, m);
          } catch (e) {
            if (isFatal(e)) throw e;
            reportError(s, q, e as Error);
            continue;
          }
          if (packages.length === 0) {
            const version = rev.version !== q.version ? `${m.path}@${q.version} (${m.version})` : fmtMod(m);
            reportError(s, q, new Error(`${q.toString()} matches packages in ${fmtMod(curM)} but not ${version}: specify a different version for module ${m.path}`));
            continue;
          }
        }
        reportError(s, q, new Error(`internal error: selected ${fmtMod(curM)} instead of ${rev.version}`));
      }
    }
    exitIfErrors(s);
  }

  async performPathQueries(): Promise<void> {
    // go runs these on a par.Queue (GOMAXPROCS workers); its scheduler starts the newest goroutine
    // first (runnext), then the older ones. Running the queries one at a time in that order
    // reproduces the usual order of "go: downloading" lines (each query fills only its own
    // candidate list, so the results do not depend on the order).
    const qs = this.pathQueries;
    const order = qs.length < 2 ? qs : [qs[1]!, qs[0]!, ...qs.slice(2)];
    for (const q of order) await (q.version === 'none' ? this.queryNone(q) : this.queryPath(q));
  }

  /** get.go: findAndUpgradeImports and loadPackages (findPackage runs as the loader's AllowPackage). */
  async findAndUpgradeImports(queries: GetQuery[]): Promise<PathSet[]> {
    const patterns = queries.filter((q) => q.matchesPackages).map((q) => q.pattern);
    if (patterns.length === 0) return [];
    const upgrades: PathSet[] = [];
    /** get.go: findPackage — false when the package's module needs a version change. */
    const findPackage = async (path: string, m: ModuleVersion): Promise<boolean> => {
      let version = 'latest';
      if (m.path !== '') {
        if (this.fl.u === '') return true;
        if (this.resolvedVersion.has(m.path)) return true;
        version = this.fl.u;
      }
      let pkgMods: ModuleVersion[] = [];
      let err: Error | null = null;
      try {
        pkgMods = (await queryPackages(this.s, path, version, this.selected, this.checkAllowedOr(version, this.selected))).map((r) => r.mod);
      } catch (e) {
        if (isFatal(e)) throw e;
        err = e as Error;
      }
      if (pkgMods.some((u) => same(u, m))) return true;
      if (err !== null) {
        if (isNoSuchPackageVersion(err) || (m.path === '' && !validModulePath(path))) return true;
      }
      upgrades.push({ path, pkgMods, mod: noMod, err });
      return false;
    };
    const lr = await this.loadPackagesFor(patterns, {
      tags: anyTags,
      loadTests: this.fl.t,
      assumeRootsImported: true,
      silencePackageErrors: true,
      // get.go: loadPackages — a toolchain.Switcher, not AllowErrors: an error that is not a
      // package's (two module paths for one module, a broken graph) ends go get here, after
      // the loader's AllowPackage calls have run their queries.
      switcher: true,
      silenceUnmatchedWarnings: true,
      explicitWriteGoMod: true,
      allowPackage: async (path, m) => {
        if (m.path === '' || m.version === '') return null;
        return (await findPackage(path, m)) ? null : errVersionChange;
      },
    });
    const jobs: Promise<boolean>[] = [];
    for (const pkg of lr.ld.pkgs) {
      if (pkg.isTest() || pkg.err === null || pkg.err === errVersionChange) continue;
      if (errorsAs(pkg.err, ImportMissingError) || errorsAs(pkg.err, AmbiguousImportError)) jobs.push(findPackage(pkg.path, noMod));
    }
    await Promise.all(jobs);
    upgrades.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return upgrades;
  }

  async loadPackagesFor(patterns: string[], opts: Parameters<typeof loadPackages>[1]): Promise<LoadResult> {
    const lr = await loadPackages(this.s, { ...opts, vendorModulesInGOROOTSrc: true }, patterns);
    this.lastLoad = lr;
    return lr;
  }

  /** get.go: resolveQueries */
  async resolveQueries(queries: GetQuery[]): Promise<boolean> {
    const s = this.s;
    let resolved = 0;
    for (;;) {
      const prevResolved = resolved;
      // Candidates too new for this toolchain: switch to one new enough for all of them.
      const sw = new Switcher(s);
      for (const q of queries) for (const cs of q.candidates) if (cs.err !== null) sw.error(cs.err);
      if (sw.needSwitch()) {
        await sw.switch();
        throw new ExitError(s.exitStatus || 1); // no newer toolchain: Switch reported why
      }
      for (const q of queries) {
        const unresolved: PathSet[] = [];
        for (const cs of q.candidates) {
          if (cs.err !== null) {
            reportError(s, q, cs.err);
            resolved++;
            continue;
          }
          const d = this.disambiguate(cs);
          if (!d.unique) {
            unresolved.push(d.filtered);
            continue;
          }
          let { isPackage, m } = d;
          if (m.path === '') ({ isPackage, m } = this.chooseArbitrarily(cs));
          if (isPackage) q.matchesPackages = true;
          this.resolve(q, m);
          resolved++;
        }
        q.candidates = unresolved;
      }
      exitIfErrors(s);
      if (resolved === prevResolved) break;
    }
    if (resolved > 0) {
      if (await this.updateBuildList([])) return true;
    }
    let resolvedArbitrarily = 0;
    for (const q of queries) {
      for (const cs of q.candidates) {
        const { isPackage, m } = this.chooseArbitrarily(cs);
        if (isPackage) q.matchesPackages = true;
        this.resolve(q, m);
        resolvedArbitrarily++;
      }
    }
    if (resolvedArbitrarily > 0) return this.updateBuildList([]);
    return false;
  }

  /** get.go: applyUpgrades */
  async applyUpgrades(upgrades: PathSet[]): Promise<boolean> {
    const s = this.s;
    const tentative: ModuleVersion[] = [];
    for (const cs of upgrades) {
      if (cs.err !== null) {
        s.errorf('go: ' + cs.err.message);
        continue;
      }
      const d = this.disambiguate(cs);
      let m = d.m;
      if (!d.unique) m = this.chooseArbitrarily(d.filtered).m;
      if (m.path === '') continue;
      tentative.push(m);
    }
    exitIfErrors(s);
    return this.updateBuildList(tentative);
  }

  /** get.go: disambiguate */
  disambiguate(cs: PathSet): { filtered: PathSet; isPackage: boolean; m: ModuleVersion; unique: boolean } {
    if (cs.pkgMods.length === 0 && cs.mod.path === '') throw new Error('internal error: resolveIfUnambiguous called with empty pathSet');
    const filtered: PathSet = emptySet();
    for (const m of cs.pkgMods) {
      if (this.noneForPath(m.path)) continue;
      if (this.s.main().contains(m.path)) {
        if (m.version === '') return { filtered: emptySet(), isPackage: true, m, unique: true };
        continue;
      }
      const vr = this.resolvedVersion.get(m.path);
      if (!vr) {
        filtered.pkgMods.push(m);
        continue;
      }
      if (vr.version !== m.version) continue;
      return { filtered: emptySet(), isPackage: true, m, unique: true };
    }
    if (cs.mod.path !== '') {
      const vr = this.resolvedVersion.get(cs.mod.path);
      if (!vr || vr.version === cs.mod.version) filtered.mod = cs.mod;
    }
    if (filtered.pkgMods.length === 1 && (filtered.mod.path === '' || same(filtered.mod, filtered.pkgMods[0]!))) {
      return { filtered: emptySet(), isPackage: true, m: filtered.pkgMods[0]!, unique: true };
    }
    if (filtered.pkgMods.length === 0) return { filtered: emptySet(), isPackage: false, m: filtered.mod, unique: true };
    return { filtered, isPackage: false, m: noMod, unique: false };
  }

  /** get.go: chooseArbitrarily */
  chooseArbitrarily(cs: PathSet): { isPackage: boolean; m: ModuleVersion } {
    for (const m of cs.pkgMods) if (this.initialSelected(m.path) !== 'none') return { isPackage: true, m };
    if (cs.pkgMods.length > 0) return { isPackage: true, m: cs.pkgMods[0]! };
    return { isPackage: false, m: cs.mod };
  }

  /** get.go: resolve */
  resolve(q: GetQuery, m: ModuleVersion): void {
    if (m.path === '') throw new Error('internal error: resolving a module.Version with an empty path');
    if (this.s.main().contains(m.path) && m.version !== '') {
      reportError(this.s, q, mainModuleVersionError(q.pattern, q.version));
      return;
    }
    const vr = this.resolvedVersion.get(m.path);
    if (vr && vr.version !== m.version) {
      this.reportConflict(q, m, vr);
      return;
    }
    this.resolvedVersion.set(m.path, { version: m.version, reason: q });
    q.resolved.push(m);
  }

  /** query.go: reportConflict */
  reportConflict(pq: GetQuery, m: ModuleVersion, conflict: VersionReason): void {
    if (pq.conflict !== null) return;
    pq.conflict = conflict.reason;
    let proposed: VersionReason = { version: m.version, reason: pq };
    if (pq.isWildcard() && !conflict.reason.isWildcard()) [proposed, conflict] = [conflict, proposed];
    reportError(this.s, pq, new Error(conflictText(m.path, proposed, conflict)));
  }

  /** get.go: updateBuildList */
  async updateBuildList(additions: ModuleVersion[]): Promise<boolean> {
    const s = this.s;
    const resolved: ModuleVersion[] = [];
    for (const [p, rv] of this.resolvedVersion) if (!s.main().contains(p)) resolved.push({ path: p, version: rv.version });
    let changed: boolean;
    try {
      changed = await editBuildList(s, additions, resolved);
    } catch (e) {
      if (errorsAs(e, TooNewError)) await switchOrFatal(s, e as Error);
      if (!(e instanceof ConstraintError)) throw e;
      if (this.fl.v) for (const c of e.conflicts) s.stderr(`go: ${conflictString(c)}\n`);
      const reason = (m: ModuleVersion): string => {
        const rv = this.resolvedVersion.get(m.path);
        if (!rv) return `(INTERNAL ERROR: no reason found for ${fmtMod(m)})`;
        return rv.reason.resolvedString({ path: m.path, version: rv.version });
      };
      for (const c of e.conflicts) {
        const adverb = c.path.length > 2 ? 'indirectly ' : '';
        const firstReason = reason(c.path[0]!);
        const last = c.path[c.path.length - 1]!;
        if (c.err !== null) s.errorf(`go: ${firstReason} ${adverb}requires ${fmtMod(last)}: ${unwrapModuleError(c).message}`);
        else s.errorf(`go: ${firstReason} ${adverb}requires ${fmtMod(last)}, not ${reason(c.constraint!)}`);
      }
      exitIfErrors(s);
      return false;
    }
    if (!changed) return false;
    const mg = await loadModGraph(s, '').catch((e) => switchUnlessFatal(s, e));
    this.buildList = mg.buildList();
    this.buildListVersion = new Map();
    for (const m of this.buildList) this.buildListVersion.set(m.path, m.version);
    return true;
  }
}
