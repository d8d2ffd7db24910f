// `go get`: cmd/go/internal/modget/get.go (runGet, parseArgs, resolver, queryNone, queryPath,
// findAndUpgradeImports, resolveQueries, applyUpgrades, disambiguate, chooseArbitrarily,
// checkPackageProblems, reportChanges, resolve, updateBuildList) and modget/query.go (query,
// pathSet, reportError, reportConflict, conflictError).
//
// Supported: module and package path arguments with @version, @latest, @upgrade, @patch,
// @none, <, <=, >, >= queries, bare paths (@upgrade, or the -u version), local package
// directories (".", "./x", none = "."), wildcard patterns ("...", local or not), "all", -u,
// -u=patch, -t, -v, -d/-f/-fix notes, go@V and toolchain@V (modload/toolchainrepo.ts),
// toolchain@none. Refused plainly: workspaces.
//
// Known approximation: the package loader has no AllowPackage hook, so while looking for
// imports to add or upgrade, the imports of a package whose module is about to change are
// still followed in the same round (go defers them to the next round).

import { isToolchainPath, modCompare, compareGo, ExplicitIndirectVersion, TooNewError } from '../gover';
import { Switcher, switchOrFatal, switchUnlessFatal } from '../toolchain/switch';
import { isStandardImportPath, type ModuleVersion } from '../module';
import { anyTags, contextTags } from '../imports/match';
import { mvKey } from '../mvs/graph';
import { loadModGraph, ConstraintError, type Conflict } from '../modload/buildlist';
import { editBuildList, buildVerbose } from '../modload/edit';
import { commitRequirements, initWorkfile, loadModFile, type LoaderKeepSums } from '../modload/init';
import { checkAllowed, checkDeprecation, checkExclusions, checkRetractions, errorsAs, ModuleRetractedError, replacement, shortMessage, type AllowedFunc } from '../modload/modfile';
import { NoMatchingVersionError, query as modQuery } from '../modload/query';
import { matchInModule, queryMatchesMainModulesError, queryPackages, queryPattern, UnsupportedPatternError } from '../modload/querypattern';
import { matchPattern, treeCanMatchPattern } from '../modload/packages/search';
import { FatalError, fmtMod, type ModState } from '../modload/state';
import { AmbiguousImportError, dirInModule, ImportMissingError, isStandardPackage, loadEnv, PackageNotInModuleError, QueryMatchesPackagesInMainModuleError } from '../modload/packages/import';
import { dirImportPath } from '../commands/internalrule';
import { ExitError, loadPackages, loaderKeepSums, type LoadResult } from '../modload/packages/load';
import { isNotExist } from '../source';
import { goQuote } from '../module';
import { isFatal as isFatalError } from '../fatal';

export interface GetFlags {
  /** -u: "" | "upgrade" | "patch" (or another version query) */
  u: string;
  uRaw: string;
  t: boolean;
  v: boolean;
}

/** A structured summary of what `go get` changed (for the page). */
export interface GetChange {
  path: string;
  old: string;
  new: string;
  kind: 'added' | 'removed' | 'upgraded' | 'downgraded';
}

const noMod: ModuleVersion = { path: '', version: '' };
const same = (a: ModuleVersion, b: ModuleVersion) => a.path === b.path && a.version === b.version;

/** A pathSet: the candidates for one path of one query. */
interface PathSet {
  path: string;
  pkgMods: ModuleVersion[];
  mod: ModuleVersion;
  err: Error | null;
}
const errSet = (err: Error): PathSet => ({ path: '', pkgMods: [], mod: noMod, err });
const emptySet = (): PathSet => ({ path: '', pkgMods: [], mod: noMod, err: null });

/** query.go: query */
export class GetQuery {
  conflict: GetQuery | null = null;
  candidates: PathSet[] = [];
  readonly pathSeen = new Set<string>();
  resolved: ModuleVersion[] = [];
  matchesPackages = false;
  constructor(
    readonly raw: string,
    readonly rawVersion: string,
    readonly pattern: string,
    readonly patternIsLocal: boolean,
    readonly version: string,
  ) {}
  toString(): string {
    return this.raw;
  }
  resolvedString(m: ModuleVersion): string {
    if (m.path !== this.pattern) {
      if (m.version !== this.version) return `${fmtMod(m)} (matching ${this.pattern}@${this.version})`;
      return `${fmtMod(m)} (matching ${this.toString()})`;
    }
    if (m.version !== this.version) return `${this.pattern}@${this.version} (${m.version})`;
    return this.toString();
  }
  isWildcard(): boolean {
    return this.pattern.includes('...');
  }
  matchesPath(path: string): boolean {
    if (this.isWildcard() && !isToolchainPath(path)) return matchPattern(this.pattern)(path);
    return path === this.pattern;
  }
  canMatchInModule(mPath: string): boolean {
    if (isToolchainPath(mPath)) return false;
    if (this.isWildcard()) return treeCanMatchPattern(this.pattern)(mPath);
    return this.pattern === mPath || (this.pattern.startsWith(mPath) && this.pattern[mPath.length] === '/') || mPath === '';
  }
  async pathOnce(path: string, f: () => Promise<PathSet>): Promise<void> {
    if (this.pathSeen.has(path)) return;
    this.pathSeen.add(path);
    const cs = await f();
    if (cs.pkgMods.length > 0 || cs.mod.path !== '' || cs.mod.version !== '' || cs.err !== null) {
      cs.path = path;
      this.candidates.push(cs);
    }
  }
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** query.go: reportError */
function reportError(s: ModState, q: GetQuery, err: Error): void {
  const errStr = err.message;
  const patternRE = new RegExp('(?:[ \\t("`]|^)' + quoteMeta(q.pattern) + '(?:[ @:;)"`]|$)', 'm');
  if (patternRE.test(errStr)) {
    if (q.rawVersion === '') {
      s.errorf(`go: ${errStr}`);
      return;
    }
    const versionRE = new RegExp('(?:[ @("`]|^)' + quoteMeta(q.version) + '(?:[ :;)"`]|$)', 'm');
    if (versionRE.test(errStr)) {
      s.errorf(`go: ${errStr}`);
      return;
    }
  }
  const qs = q.toString();
  if (qs !== '') s.errorf(`go: ${qs}: ${errStr}`);
  else s.errorf(`go: ${errStr}`);
}

interface VersionReason {
  version: string;
  reason: GetQuery;
}

/** query.go: conflictError */
function conflictText(mPath: string, proposed: VersionReason, conflict: VersionReason): string {
  const argStr = (q: GetQuery, v: string) => (v !== q.version ? `${q.pattern}@${q.version} (${v})` : q.toString());
  const pq = proposed.reason;
  const rq = conflict.reason;
  const modDetail = mPath !== pq.pattern ? `for module ${mPath}, ` : '';
  return `${modDetail}${argStr(pq, proposed.version)} conflicts with ${argStr(rq, conflict.version)}`;
}

function versionOkForMainModule(version: string): boolean {
  return version === 'upgrade' || version === 'patch';
}

/** get.go: isNoSuchModuleVersion */
function isNoSuchModuleVersion(err: Error): boolean {
  return isNotExist(err) || errorsAs(err, NoMatchingVersionError) !== undefined;
}

/** get.go: isNoSuchPackageVersion */
function isNoSuchPackageVersion(err: Error): boolean {
  return isNoSuchModuleVersion(err) || errorsAs(err, PackageNotInModuleError) !== undefined;
}

/** Ends the command with the current exit status when errors were reported (base.ExitIfErrors). */
function exitIfErrors(s: ModState): void {
  if (s.exitStatus !== 0) throw new ExitError(s.exitStatus);
}

/** query.go: newQuery */
function newQuery(s: ModState, raw: string, fl: GetFlags): { q: GetQuery | null; err: Error | null } {
  const at = raw.indexOf('@');
  const pattern = at >= 0 ? raw.slice(0, at) : raw;
  const rawVers = at >= 0 ? raw.slice(at + 1) : '';
  if (at >= 0 && (rawVers.includes('@') || rawVers === '')) return { q: null, err: new Error(`invalid module version syntax ${goQuote(raw)}`) };
  let version = rawVers;
  if (version === '') version = fl.u === '' ? 'upgrade' : fl.u;
  const isLocal = pattern.startsWith('/') || pattern === '.' || pattern === '..' || pattern.startsWith('./') || pattern.startsWith('../');
  const q = new GetQuery(raw, rawVers, pattern, isLocal, version);
  // query.go: validate
  if (q.patternIsLocal) {
    if (q.rawVersion !== '') return { q, err: new Error(`can't request explicit version ${goQuote(q.rawVersion)} of path ${goQuote(q.pattern)} in main module`) };
    return { q, err: null };
  }
  if (q.pattern === 'all') {
    if (!versionOkForMainModule(q.version)) {
      // QueryUpgradesAllError over MainModules.Versions(): parseArgs runs before newResolver's
      // LoadModFile sets MainModules, so go sees none there and says "modules".
      const mms: ModuleVersion[] = [];
      return { q, err: new Error(`can't request version ${goQuote(q.version)} of pattern "all" that includes the main module${mms.length !== 1 ? 's' : ''}`) };
    }
  }
  if (['std', 'cmd', 'tool'].includes(q.pattern) && q.pattern !== q.raw) {
    return { q, err: new Error(`can't request explicit version of standard-library pattern ${goQuote(q.pattern)}`) };
  }
  return { q, err: null };
}

/** search.CleanPatterns for get's arguments (path@version kept whole). */
function cleanPatterns(args: string[]): string[] {
  if (args.length === 0) return ['.'];
  return args.map((a) => {
    const at = a.indexOf('@');
    let p = at >= 0 ? a.slice(0, at) : a;
    const v = at >= 0 ? a.slice(at) : '';
    if (p.length > 1 && !p.includes('\\')) {
      const local = p.startsWith('./') || p.startsWith('../') || p.startsWith('/');
      const parts = p.split('/');
      const out: string[] = [];
      for (const part of parts) {
        if (part === '' && out.length > 0) continue;
        if (part === '.' && out.length > 0) continue;
        if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '' && out[out.length - 1] !== '.') {
          out.pop();
          continue;
        }
        out.push(part);
      }
      let c = out.join('/');
      if (c === '') c = p.startsWith('/') ? '/' : '.';
      if (p.startsWith('./') && !c.startsWith('.') && !c.startsWith('/')) c = './' + c;
      p = local || p.includes('//') || p.endsWith('/') ? c : p;
    }
    return p + v;
  });
}

/** The resolver (get.go: resolver). */
class Resolver {
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

  /** get.go: findAndUpgradeImports (see the file comment for the approximation). */
  async findAndUpgradeImports(queries: GetQuery[]): Promise<PathSet[]> {
    const patterns = queries.filter((q) => q.matchesPackages).map((q) => q.pattern);
    if (patterns.length === 0) return [];
    const upgrades: PathSet[] = [];
    const findPackage = async (path: string, m: ModuleVersion): Promise<void> => {
      let version = 'latest';
      if (m.path !== '') {
        if (this.fl.u === '') return;
        if (this.resolvedVersion.has(m.path)) return;
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
      if (pkgMods.some((u) => same(u, m))) return;
      if (err !== null) {
        if (isNoSuchPackageVersion(err) || (m.path === '' && !validModulePath(path))) return;
      }
      upgrades.push({ path, pkgMods, mod: noMod, err });
    };
    const lr = await this.loadPackagesFor(patterns, {
      tags: anyTags,
      loadTests: this.fl.t,
      assumeRootsImported: true,
      silencePackageErrors: true,
      allowErrors: true,
      silenceUnmatchedWarnings: true,
      explicitWriteGoMod: true,
    });
    const jobs: Promise<void>[] = [];
    for (const pkg of lr.ld.pkgs) {
      if (pkg.isTest()) continue;
      if (pkg.err === null) {
        if (pkg.mod.path !== '' && pkg.mod.version !== '') jobs.push(findPackage(pkg.path, pkg.mod));
        continue;
      }
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

  /** get.go: checkPackageProblems */
  async checkPackageProblems(pkgPatterns: string[]): Promise<void> {
    const s = this.s;
    const RESOLVED = 1,
      NAMED = 2,
      HAS_PKG = 4,
      DIRECT = 8;
    const relevant = new Map<string, { m: ModuleVersion; flags: number }>();
    const mark = (m: ModuleVersion, f: number) => {
      const k = mvKey(m);
      const e = relevant.get(k);
      if (e) e.flags |= f;
      else relevant.set(k, { m, flags: f });
    };
    for (const [path, reason] of this.resolvedVersion) mark({ path, version: reason.version }, RESOLVED);
    if (pkgPatterns.length > 0) {
      let lr: LoadResult;
      try {
        lr = await this.loadPackagesFor(pkgPatterns, {
          // get.go: checkPackageProblems leaves PackageOpts.Tags nil: modload.Tags(), the build context's
          tags: contextTags((k) => s.getenv(k)),
          loadTests: this.fl.t,
          resolveMissingImports: false,
          allowErrors: true,
          silenceNoGoErrors: true,
          explicitWriteGoMod: true,
        });
      } catch (e) {
        throw e;
      }
      if (lr.matches.some((m) => m.errs.length > 0)) s.exitStatus = 1;
      for (const pkg of lr.ld.pkgs) {
        if (pkg.isTest()) continue;
        if (pkg.err !== null) {
          if (pkg.dir !== '' && /^no Go source files|build constraints exclude all Go files/.test(pkg.err.message)) {
            // imports.ErrNoGo with a directory: not reported by go get
          } else {
            s.exitStatus = 1;
            const amb = errorsAs(pkg.err, AmbiguousImportError) as unknown as { modules?: ModuleVersion[] } | undefined;
            for (const m of amb?.modules ?? []) mark(m, HAS_PKG);
          }
        }
        if (pkg.mod.path !== '') mark(pkg.mod, HAS_PKG);
      }
      for (const match of lr.matches) {
        for (const p of match.pkgs) {
          const pkg = lr.ld.pkgs.find((x) => x.path === p && !x.isTest());
          mark(pkg?.mod ?? noMod, NAMED);
        }
      }
    }
    const reqs = await loadModFile(s);
    for (const e of relevant.values()) if (reqs.isDirect(e.m.path)) e.flags |= DIRECT;

    const byPath = (a: { m: ModuleVersion }, b: { m: ModuleVersion }) => (a.m.path < b.m.path ? -1 : a.m.path > b.m.path ? 1 : 0);
    const retractions = [...relevant.values()].filter((e) => (e.flags & (RESOLVED | NAMED | HAS_PKG)) !== 0).map((e) => ({ m: e.m, message: '' }));
    retractions.sort(byPath);
    const deprecations = [...relevant.values()]
      .filter((e) => (e.flags & (RESOLVED | NAMED)) !== 0 || (e.flags & (HAS_PKG | DIRECT)) === (HAS_PKG | DIRECT))
      .map((e) => ({ m: e.m, message: '' }));
    deprecations.sort(byPath);
    await Promise.all([
      ...retractions.map(async (r) => {
        if (r.m.path === '' || r.m.version === '') return;
        const err = await checkRetractions(s, r.m);
        if (err && errorsAs(err, ModuleRetractedError)) r.message = err.message;
      }),
      ...deprecations.map(async (d) => {
        if (d.m.path === '' || d.m.version === '') return;
        try {
          const dep = await checkDeprecation(s, d.m);
          if (dep !== '') d.message = shortMessage(dep, '');
        } catch (e) {
          if (isFatal(e)) throw e;
        }
      }),
    ]);
    // Sums for updated modules that had sums before.
    const sumErrs: (string | null)[] = this.buildList.map(() => null);
    await Promise.all(
      this.buildList.map(async (m, i) => {
        const r = replacement(s, m);
        const mActual = r.path !== '' ? r : m;
        const oldV = this.initialVersion.get(m.path);
        if (oldV === undefined || oldV === '') return;
        const old = { path: m.path, version: oldV };
        const or = replacement(s, old);
        const oldActual = or.path !== '' ? or : old;
        if (same(mActual, oldActual) || mActual.version === '' || !s.haveSum(oldActual)) return;
        try {
          await s.fetcher.downloadZip(mActual);
        } catch (e) {
          if (isFatal(e)) throw e;
          const verb = modCompare(m.path, m.version, old.version) < 0 ? 'downgraded' : 'upgraded';
          const replaced = !same(mActual, m) ? ` (replaced by ${fmtMod(mActual)})` : '';
          sumErrs[i] = `${verb} ${m.path} ${old.version} => ${m.version}${replaced}: error finding sum for ${fmtMod(mActual)}: ${(e as Error).message}`;
        }
      }),
    );
    for (const d of deprecations) if (d.message !== '') s.stderr(`go: module ${d.m.path} is deprecated: ${d.message}\n`);
    let retractPath = '';
    for (const r of retractions) {
      if (r.message !== '') {
        s.stderr(`go: warning: ${r.message}\n`);
        retractPath = retractPath === '' ? r.m.path : '<module>';
      }
    }
    if (retractPath !== '') s.stderr(`go: to switch to the latest unretracted version, run:\n\tgo get ${retractPath}@latest\n`);
    for (const e of sumErrs) if (e !== null) s.errorf('go: ' + e);
    exitIfErrors(s);
  }

  /** get.go: reportChanges */
  reportChanges(oldReqs: ModuleVersion[], newReqs: ModuleVersion[]): GetChange[] {
    const changes = new Map<string, { path: string; old: string; new: string }>();
    for (const [path, reason] of this.resolvedVersion) {
      if (isToolchainPath(path)) continue;
      const old = this.initialVersion.get(path) ?? '';
      const nw = reason.version;
      if (old !== nw && (old !== '' || nw !== 'none')) changes.set(path, { path, old, new: nw });
    }
    for (const req of oldReqs) {
      if (isToolchainPath(req.path)) continue;
      const nw = this.buildListVersion.get(req.path) ?? '';
      if (req.version !== nw) changes.set(req.path, { path: req.path, old: req.version, new: nw });
    }
    for (const req of newReqs) {
      if (isToolchainPath(req.path)) continue;
      const old = this.initialVersion.get(req.path) ?? '';
      if (old !== req.version) changes.set(req.path, { path: req.path, old, new: req.version });
    }
    const tv = (reqs: ModuleVersion[]) => ({
      go: reqs.find((r) => r.path === 'go')?.version ?? '',
      toolchain: reqs.find((r) => r.path === 'toolchain')?.version ?? '',
    });
    const o = tv(oldReqs);
    const n = tv(newReqs);
    if (o.go !== n.go) changes.set('go', { path: 'go', old: o.go, new: n.go });
    if (o.toolchain !== n.toolchain) changes.set('toolchain', { path: 'toolchain', old: o.toolchain, new: n.toolchain });
    const rank = (p: string) => (p === 'go' ? 0 : p === 'toolchain' ? 1 : 2);
    const sorted = [...changes.values()].sort((a, b) => rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const out: GetChange[] = [];
    for (const c of sorted) {
      if (c.old === '') {
        this.s.stderr(`go: added ${c.path} ${c.new}\n`);
        out.push({ ...c, kind: 'added' });
      } else if (c.new === 'none' || c.new === '') {
        this.s.stderr(`go: removed ${c.path} ${c.old}\n`);
        out.push({ ...c, kind: 'removed' });
      } else if (modCompare(c.path, c.new, c.old) > 0) {
        this.s.stderr(`go: upgraded ${c.path} ${c.old} => ${c.new}\n`);
        if (c.path === 'go' && compareGo(c.old, ExplicitIndirectVersion) < 0 && compareGo(c.new, ExplicitIndirectVersion) >= 0) {
          this.s.stderr(`\tnote: expanded dependencies to upgrade to go ${ExplicitIndirectVersion} or higher; run 'go mod tidy' to clean up\n`);
        }
        out.push({ ...c, kind: 'upgraded' });
      } else {
        this.s.stderr(`go: downgraded ${c.path} ${c.old} => ${c.new}\n`);
        out.push({ ...c, kind: 'downgraded' });
      }
    }
    return out;
  }
}

/** query.go: QueryMatchesMainModulesError for a single main module matched by its path. */
function mainModuleVersionError(pattern: string, query: string): Error {
  return new Error(`can't request version ${goQuote(query)} of the main module (${pattern})`);
}

function unwrapModuleError(c: Conflict): Error {
  const me = c.err as unknown as { path?: string; version?: string; err?: Error };
  if (me && me.err && c.path.length > 0) {
    const last = c.path[c.path.length - 1]!;
    if (me.path === last.path && me.version === last.version) return me.err;
  }
  return c.err!;
}

/** buildlist.go: (Conflict).String */
function conflictString(c: Conflict): string {
  if (c.path.length === 0) return '(internal error: invalid Conflict struct)';
  let b = c.path.map(fmtMod).join(' requires\n\t');
  if (c.err !== null) b += ': ' + unwrapModuleError(c).message;
  else b += `, but ${c.constraint!.version} is requested`;
  return b;
}

/** filepath.Clean of an absolute slash path. */
function cleanAbs(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

function validModulePath(p: string): boolean {
  return /^[A-Za-z0-9][-A-Za-z0-9._~/+]*$/.test(p) && p.split('/')[0]!.includes('.');
}

/** fatal.ts isFatal, and an aborted command (AbortError) ends go get too. */
function isFatal(e: unknown): boolean {
  return isFatalError(e) || (e as { name?: unknown } | null | undefined)?.name === 'AbortError';
}

function reqsFromGoMod(s: ModState): ModuleVersion[] {
  const mm = s.main().mustGetSingleMainModule();
  const f = s.main().modFile(mm);
  if (!f) return [];
  const reqs = f.require.map((r) => ({ path: r.mod.path, version: r.mod.version }));
  if (f.go) reqs.push({ path: 'go', version: f.go.version });
  if (f.toolchain) reqs.push({ path: 'toolchain', version: f.toolchain.name });
  return reqs;
}

/** Thrown for forms of `go get` modscope does not implement yet. */
export class GetUnsupportedError extends Error {
  constructor(what: string) {
    super(`modscope: ${what} is not supported yet`);
    this.name = 'GetUnsupportedError';
  }
}

/** get.go: runGet after flag parsing. Returns the changes reported. Throws ExitError / fatal errors. */
export async function runGet(s: ModState, rawArgs: string[], fl: GetFlags): Promise<GetChange[]> {
  if (fl.v) buildVerbose.add(s);
  s.allowMissingModuleImports = true;
  await initWorkfile(s);
  if (s.inWorkspaceMode()) throw new GetUnsupportedError('go get in workspace mode');
  try {
    await loadModFile(s);
  } catch (e) {
    if (e instanceof FatalError && e.message.startsWith("go: go.mod file not found in current directory")) {
      throw new FatalError(
        "go: go.mod file not found in current directory or any parent directory.\n\t'go get' is no longer supported outside a module.\n\tTo build and install a command, use 'go install' with a version,\n\tlike 'go install example.com/cmd@latest'\n\tFor more information, see https://golang.org/doc/go-get-install-deprecation\n\tor run 'go help get' or 'go help install'.",
      );
    }
    throw e;
  }

  // parseArgs
  let dropToolchain = false;
  const queries: GetQuery[] = [];
  for (const arg of cleanPatterns(rawArgs)) {
    const { q, err } = newQuery(s, arg, fl);
    if (err) {
      s.errorf('go: ' + err.message);
      continue;
    }
    if (q!.version === 'none') {
      if (q!.pattern === 'go') {
        s.errorf('go: cannot use go@none');
        continue;
      }
      if (q!.pattern === 'toolchain') {
        dropToolchain = true;
        continue;
      }
    }
    if (rawArgs.length === 0) (q as { raw: string }).raw = '';
    if (q!.raw.endsWith('.go') && q!.rawVersion === '') {
      if (!q!.raw.includes('/')) {
        s.errorf(`go: ${q!.raw}: arguments must be package or module paths`);
        continue;
      }
      if ((await s.files.stat(q!.raw.startsWith('/') ? q!.raw : s.cwd + '/' + q!.raw)) === 'file') {
        s.errorf(`go: ${q!.raw} exists as a file, but 'go get' requires package arguments`);
        continue;
      }
    }
    queries.push(q!);
  }
  exitIfErrors(s);
  // get.go runGet: naming toolchain@V keeps that toolchain line as given.
  const opts = { dropToolchain, explicitToolchain: queries.some((q) => q.pattern === 'toolchain') };

  const r = new Resolver(s, fl);
  await r.init(queries);
  try {
    await r.performLocalQueries();
    await r.performPathQueries();
  } catch (e) {
    if (e instanceof UnsupportedPatternError) throw new GetUnsupportedError(e.message.replace(/^modscope: /, '').replace(/ is not supported yet$/, ''));
    throw e;
  }
  for (;;) {
    await r.performWildcardQueries();
    await r.performPatternAllQueries();
    if (await r.resolveQueries(queries)) continue;
    const upgrades = await r.findAndUpgradeImports(queries);
    if (await r.applyUpgrades(upgrades)) continue;
    await r.findMissingWildcards();
    if (await r.resolveQueries(r.wildcardQueries)) continue;
    break;
  }
  await r.checkWildcardVersions();
  const pkgPatterns = queries.filter((q) => q.matchesPackages).map((q) => q.pattern);
  await r.checkPackageProblems(pkgPatterns);

  const oldReqs = reqsFromGoMod(s);
  s.requirements = await loadModFile(s);
  let keep: LoaderKeepSums | undefined;
  if (r.lastLoad) keep = loaderKeepSums(r.lastLoad.ld, s.requirements);
  // A TooNewError here: go get go@newversion with modules that are all old enough.
  await commitRequirements(s, opts, keep).catch((e) => switchUnlessFatal(s, e));
  const newReqs = reqsFromGoMod(s);
  return r.reportChanges(oldReqs, newReqs);
}
