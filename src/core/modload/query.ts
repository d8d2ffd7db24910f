// Version queries: cmd/go/internal/modload/query.go (Query, queryProxy, IsRevisionQuery,
// newQueryMatcher, allowsVersion, filterVersions, versionHasGoMod, lookupRepo, emptyRepo,
// replacementRepo, NoMatchingVersionError, NoPatchBaseError, QueryMatchesMainModulesError...).
//
// API:
//   query(s, path, query, current, allowed) -> RevInfo     throws Go-worded errors
//   isRevisionQuery(path, vers)
//   lookupRepo(s, path) -> VersionRepo                      (versions/stat/latest)
// Queries: latest, upgrade, patch, vX, vX.Y, vX.Y.Z[-pre][+incompatible], pseudo-versions,
// <v, <=v, >v, >=v. Revision queries (branches, hashes) go to the proxy's .info endpoint, which
// a GOPROXY answers as go's proxy client does (there is no VCS access).

import { isToolchainPath, modCompare, modIsPrefix, modIsPrerelease, modIsValid, modMajorMinor } from '../gover';
import { canonicalVersion, checkPath, checkPathMajor, goQuote, splitPathVersion, type ModuleVersion } from '../module';
import { isPseudoVersion, pseudoVersion, pseudoVersionRev, pseudoVersionTime } from '../pseudo';
import { canonical as semverCanonical, build as semverBuild, goSortSlice } from '../semver';
import { isNotExist, zeroTime, type RevInfo } from '../source';
import { toolchainModule, toolchainRepo } from './toolchainrepo';
import { utf8Decode } from '../gostrings';
import { isDisallowed, legacyGoMod, rawGoModData, replacement, type AllowedFunc } from './modfile';
import type { ModState } from './state';

/** query.go: NoMatchingVersionError */
export class NoMatchingVersionError extends Error {
  constructor(
    readonly query: string,
    readonly current: string,
  ) {
    let suffix = '';
    if ((query === 'upgrade' || query === 'patch') && current !== '' && current !== 'none') suffix = ` (current version is ${current})`;
    super(`no matching versions for query ${goQuote(query)}` + suffix);
    this.name = 'NoMatchingVersionError';
  }
}

/** query.go: NoPatchBaseError */
export class NoPatchBaseError extends Error {
  constructor(readonly path: string) {
    super(`can't query version "patch" of module ${path}: no existing version is required`);
    this.name = 'NoPatchBaseError';
  }
}

/** query.go: QueryMatchesMainModulesError (single-pattern form used by list/get). */
export class QueryMatchesMainModulesError extends Error {
  constructor(
    readonly mainModules: ModuleVersion[],
    readonly pattern: string,
    readonly query: string,
    isMain: boolean,
  ) {
    if (isMain) super(`can't request version ${goQuote(query)} of the main module (${pattern})`);
    else {
      const paths = mainModules.map((m) => m.path);
      super(`can't request version ${goQuote(query)} of pattern ${goQuote(pattern)} that includes the main module${paths.length > 1 ? 's' : ''} (${paths.join(', ')})`);
    }
  }
}

/** The part of modfetch.Repo queries use. */
export interface VersionRepo {
  modulePath(): string;
  versions(prefix: string): Promise<string[]>;
  stat(rev: string): Promise<RevInfo>;
  latest(): Promise<RevInfo>;
}

/** query.go: IsRevisionQuery */
export function isRevisionQuery(path: string, vers: string): boolean {
  if (
    vers === 'latest' ||
    vers === 'upgrade' ||
    vers === 'patch' ||
    vers.startsWith('<') ||
    vers.startsWith('>') ||
    (modIsValid(path, vers) && modIsPrefix(path, vers))
  ) {
    return false;
  }
  return true;
}

/** query.go: Query (queryReuse without reuse). */
export function query(s: ModState, path: string, q: string, current: string, allowed: AllowedFunc | null): Promise<RevInfo> {
  return queryProxy(s, path, q, current, allowed);
}

class RevQueryMarker {}

interface QueryMatcher {
  path: string;
  prefix: string;
  filter: ((v: string) => boolean) | null;
  allowed: AllowedFunc;
  canStat: boolean;
  preferLower: boolean;
  mayUseLatest: boolean;
  preferIncompatible: boolean;
}

/** query.go: newQueryMatcher — throws; returns RevQueryMarker for errRevQuery. */
function newQueryMatcher(path: string, query: string, current: string, allowed: AllowedFunc): QueryMatcher | RevQueryMarker {
  const badVersion = (v: string): never => {
    throw new Error(`invalid semantic version ${goQuote(v)} in range ${goQuote(query)}`);
  };
  const matchesMajor = (v: string): boolean => {
    const { pathMajor, ok } = splitPathVersion(path);
    if (!ok) return false;
    try {
      checkPathMajor(v, pathMajor);
      return true;
    } catch {
      return false;
    }
  };
  const qm: QueryMatcher = {
    path,
    prefix: '',
    filter: null,
    allowed,
    canStat: false,
    preferLower: false,
    mayUseLatest: false,
    preferIncompatible: current.endsWith('+incompatible'),
  };
  if (query === 'latest') {
    qm.mayUseLatest = true;
  } else if (query === 'upgrade') {
    if (current === '' || current === 'none') qm.mayUseLatest = true;
    else {
      qm.mayUseLatest = isPseudoVersion(current);
      qm.filter = (mv) => modCompare(path, mv, current) >= 0;
    }
  } else if (query === 'patch') {
    if (current === '' || current === 'none') throw new NoPatchBaseError(path);
    qm.mayUseLatest = isPseudoVersion(current);
    qm.prefix = modMajorMinor(path, current) + '.';
    qm.filter = (mv) => modCompare(path, mv, current) >= 0;
  } else if (query.startsWith('<=')) {
    const v = query.slice(2);
    if (!modIsValid(path, v)) badVersion(v);
    if (modIsPrefix(path, v)) throw new Error(`ambiguous semantic version ${goQuote(v)} in range ${goQuote(query)}`);
    qm.filter = (mv) => modCompare(path, mv, v) <= 0;
    if (!matchesMajor(v)) qm.preferIncompatible = true;
  } else if (query.startsWith('<')) {
    const v = query.slice(1);
    if (!modIsValid(path, v)) badVersion(v);
    qm.filter = (mv) => modCompare(path, mv, v) < 0;
    if (!matchesMajor(v)) qm.preferIncompatible = true;
  } else if (query.startsWith('>=')) {
    const v = query.slice(2);
    if (!modIsValid(path, v)) badVersion(v);
    qm.filter = (mv) => modCompare(path, mv, v) >= 0;
    qm.preferLower = true;
    if (!matchesMajor(v)) qm.preferIncompatible = true;
  } else if (query.startsWith('>')) {
    const v = query.slice(1);
    if (!modIsValid(path, v)) badVersion(v);
    if (modIsPrefix(path, v)) throw new Error(`ambiguous semantic version ${goQuote(v)} in range ${goQuote(query)}`);
    qm.filter = (mv) => modCompare(path, mv, v) > 0;
    qm.preferLower = true;
    if (!matchesMajor(v)) qm.preferIncompatible = true;
  } else if (modIsValid(path, query)) {
    if (modIsPrefix(path, query)) {
      qm.prefix = query + '.';
      qm.filter = (mv) => modCompare(path, mv, query) >= 0;
    } else {
      qm.canStat = true;
      qm.filter = (mv) => modCompare(path, mv, query) === 0;
      qm.prefix = semverCanonical(query);
    }
    if (!matchesMajor(query)) qm.preferIncompatible = true;
  } else {
    return new RevQueryMarker();
  }
  return qm;
}

/** query.go: allowsVersion */
async function allowsVersion(qm: QueryMatcher, v: string): Promise<boolean> {
  if (qm.prefix !== '' && !v.startsWith(qm.prefix)) {
    if (!(isToolchainPath(qm.path) && qm.prefix.replace(/\.$/, '') === v)) return false;
  }
  if (qm.filter && !qm.filter(v)) return false;
  const err = await qm.allowed({ path: qm.path, version: v });
  if (err && isDisallowed(err)) return false;
  return true;
}

/** query.go: filterVersions */
async function filterVersions(s: ModState, qm: QueryMatcher, versions: string[]): Promise<{ releases: string[]; prereleases: string[] }> {
  let needIncompatible = qm.preferIncompatible;
  let lastCompatible = '';
  const releases: string[] = [];
  const prereleases: string[] = [];
  for (const v of versions) {
    if (!(await allowsVersion(qm, v))) continue;
    if (!needIncompatible) {
      if (!v.endsWith('+incompatible')) lastCompatible = v;
      else if (lastCompatible !== '') {
        const ok = await versionHasGoMod(s, { path: qm.path, version: lastCompatible });
        if (ok) break;
        needIncompatible = true;
      }
    }
    if (modIsPrerelease(qm.path, v)) prereleases.push(v);
    else releases.push(v);
  }
  return { releases, prereleases };
}

/** query.go: versionHasGoMod */
async function versionHasGoMod(s: ModState, m: ModuleVersion): Promise<boolean> {
  const { data } = await rawGoModData(s, m);
  return utf8Decode(data) !== legacyGoMod(m.path);
}

/** query.go: queryProxy */
export async function queryProxy(s: ModState, path: string, query: string, current: string, allowedIn: AllowedFunc | null): Promise<RevInfo> {
  if (current !== '' && current !== 'none' && !modIsValid(path, current)) {
    throw new Error(`invalid previous version ${path}@${current}`);
  }
  if (s.buildMod === 'vendor') {
    throw new Error(
      s.buildModReason === '' ? `cannot query module due to -mod=${s.buildMod}` : `cannot query module due to -mod=${s.buildMod}\n\t(${s.buildModReason})`,
    );
  }
  const allowed: AllowedFunc = allowedIn ?? (async () => null);
  if (s.mainModules?.contains(path) && (query === 'upgrade' || query === 'patch')) {
    const err = await allowed({ path, version: '' });
    if (err) throw new Error(`internal error: main module version is not allowed: ${err.message}`);
    return { Version: '', Time: zeroTime };
  }
  if (path === 'std' || path === 'cmd') {
    throw new Error(`can't query specific version (${goQuote(query)}) of standard-library module ${goQuote(path)}`);
  }
  const repo = lookupRepo(s, path);
  const qmOr = newQueryMatcher(path, query, current, allowed);
  if (qmOr instanceof RevQueryMarker || qmOr.canStat) {
    let info: RevInfo;
    try {
      info = await repo.stat(query);
    } catch (queryErr) {
      const canonicalQuery = canonicalVersion(query);
      let ok = false;
      if (canonicalQuery !== '' && query !== canonicalQuery) {
        try {
          info = await repo.stat(canonicalQuery);
          ok = true;
        } catch (e) {
          if (!isNotExist(e)) throw e;
        }
      }
      if (!ok) throw queryErr;
    }
    const err = await allowed({ path, version: info!.Version });
    if (err && isDisallowed(err)) throw err;
    return info!;
  }
  const qm = qmOr;
  const versions = await repo.versions(qm.prefix);
  const { releases, prereleases } = await filterVersions(s, qm, versions);

  // query.go: revWithOrigin — a version found by listing carries the list's Origin (none from
  // a proxy's @v/list), not the one of its .info file.
  const withListOrigin = (rev: RevInfo): RevInfo => {
    const out = { ...rev };
    delete out.Origin;
    return out;
  };
  const lookup = async (v: string): Promise<RevInfo> => withListOrigin(await lookupRev(v));
  const lookupRev = async (v: string): Promise<RevInfo> => {
    const rev = await repo.stat(v);
    if ((query === 'upgrade' || query === 'patch') && isPseudoVersion(current) && rev.Time !== zeroTime) {
      let currentTime: Date | undefined;
      try {
        currentTime = pseudoVersionTime(current);
      } catch {
        currentTime = undefined;
      }
      if (currentTime && new Date(rev.Time).getTime() < currentTime.getTime()) {
        const err = await allowed({ path, version: current });
        if (err && isDisallowed(err)) throw err;
        return repo.stat(current);
      }
    }
    return rev;
  };

  if (qm.preferLower) {
    if (releases.length > 0) return lookup(releases[0]!);
    if (prereleases.length > 0) return lookup(prereleases[0]!);
  } else {
    if (releases.length > 0) return lookup(releases[releases.length - 1]!);
    if (prereleases.length > 0) return lookup(prereleases[prereleases.length - 1]!);
  }
  if (qm.mayUseLatest) {
    let latest: RevInfo | undefined;
    try {
      latest = await repo.latest();
    } catch (e) {
      if (!isNotExist(e)) throw e;
    }
    if (latest && (await allowsVersion(qm, latest.Version))) return lookup(latest.Version);
  }
  if ((query === 'upgrade' || query === 'patch') && current !== '' && current !== 'none') {
    const err = await allowed({ path, version: current });
    if (err && isDisallowed(err)) throw err;
    return lookup(current);
  }
  throw new NoMatchingVersionError(query, current);
}

/** query.go: lookupRepo — the proxy repo, an emptyRepo for invalid paths, a replacementRepo for replaced paths. */
export function lookupRepo(s: ModState, path: string): VersionRepo {
  let err: Error | null = null;
  if (path !== 'go' && path !== 'toolchain') {
    try {
      checkPath(path);
    } catch (e) {
      err = e as Error;
    }
  }
  const f = s.fetcher;
  let repo: VersionRepo;
  const proxyRepo = (p: string): VersionRepo => ({
    modulePath: () => p,
    versions: (prefix) => f.versions(p, prefix),
    stat: (rev) => f.stat(p, rev),
    latest: () => f.latest(p),
  });
  if (err === null) {
    // modfetch/repo.go lookup: go and toolchain are read from golang.org/toolchain's versions.
    repo = path === 'go' || path === 'toolchain' ? toolchainRepo(path, proxyRepo(toolchainModule)) : proxyRepo(path);
  } else {
    const e = err;
    repo = {
      modulePath: () => path,
      versions: async () => [],
      stat: async () => {
        throw e;
      },
      latest: async () => {
        throw e;
      },
    };
  }
  if (s.mainModules && s.mainModules.highestReplaced.has(path)) return replacementRepo(s, repo);
  if (err) throw err;
  return repo;
}

function replacementStat(v: string): RevInfo {
  const rev: RevInfo = { Version: v, Time: zeroTime };
  if (isPseudoVersion(v)) {
    try {
      rev.Time = pseudoVersionTime(v).toISOString().replace('.000Z', 'Z');
      pseudoVersionRev(v);
    } catch {
      // keep zero time
    }
  }
  return rev;
}

/** query.go: replacementRepo — adds versions named in replace directives. */
function replacementRepo(s: ModState, repo: VersionRepo): VersionRepo {
  const path = repo.modulePath();
  return {
    modulePath: () => path,
    async versions(prefix: string): Promise<string[]> {
      let list: string[];
      try {
        list = await repo.versions(prefix);
      } catch (e) {
        if (!isNotExist(e)) throw e;
        list = [];
      }
      const vs = list.slice();
      for (const mm of s.main().versions()) {
        const index = s.main().index(mm);
        if (!index || index.replace.size === 0) continue;
        for (const k of index.replace.keys()) {
          const [p, v] = k.split('\0') as [string, string];
          if (p === path && v.startsWith(prefix) && v !== '' && !isPseudoVersion(v)) vs.push(v);
        }
      }
      if (vs.length === list.length) return list;
      goSortSlice(vs, (a, b) => modCompare(path, a, b) < 0);
      return vs.filter((v, i) => i === 0 || v !== vs[i - 1]);
    },
    async stat(rev: string): Promise<RevInfo> {
      try {
        return await repo.stat(rev);
      } catch (err) {
        const hasReplacements = s.main().versions().some((v) => (s.main().index(v)?.replace.size ?? 0) > 0);
        if (!hasReplacements) throw err;
        let v = canonicalVersion(rev);
        if (v !== rev) throw err;
        const { pathMajor, ok } = splitPathVersion(path);
        if (ok && pathMajor === '') {
          let bad = false;
          try {
            checkPathMajor(v, pathMajor);
          } catch {
            bad = true;
          }
          if (bad && semverBuild(v) === '') v += '+incompatible';
        }
        if (replacement(s, { path, version: v }).path === '') throw err;
        return replacementStat(v);
      }
    },
    async latest(): Promise<RevInfo> {
      let info: RevInfo | undefined;
      let err: unknown;
      try {
        info = await repo.latest();
      } catch (e) {
        err = e;
      }
      let v = s.main().highestReplaced.get(path);
      if (v !== undefined) {
        if (v === '') {
          const { pathMajor, ok } = splitPathVersion(path);
          if (ok && pathMajor.length > 0) v = pseudoVersion(pathMajor.slice(1), '', '00010101000000', '000000000000');
          else v = pseudoVersion('v0', '', '00010101000000', '000000000000');
        }
        if (err !== undefined || modCompare(path, v, info!.Version) > 0) return replacementStat(v);
      }
      if (err !== undefined) throw err;
      return info!;
    },
  };
}
