// query.go: QueryPattern / queryPrefixModules for `go get` — the package-or-module query with a
// caller-supplied `allowed` and the module-only result; wildcard patterns match packages over
// each candidate module's tree (search.go: matchPackages for one module, MatchInModule).

import { isToolchainPath } from '../gover';
import { InvalidPathError, InvalidVersionError, splitPathVersion, type ModuleVersion } from '../module';
import { isNotExist } from '../source';
import { errorsAs, replacement, type AllowedFunc } from './modfile';
import { NoMatchingVersionError, NoPatchBaseError, queryProxy } from './query';
import { goQuote } from '../module';
import type { ModState } from './state';
import { isFatal } from '../fatal';
import { dirInModule, fetchModule, loadEnv, PackageNotInModuleError, QueryMatchesPackagesInMainModuleError, type LoadEnv } from './packages/import';
import { matchPattern as pkgMatchPattern, treeCanMatchPattern, walkLocalPackages } from './packages/search';
import { anyTags } from '../imports/match';

/** query.go: WildcardInFirstElementError */
export class WildcardInFirstElementError extends Error {
  constructor(
    readonly pattern: string,
    readonly query: string,
  ) {
    super(`no modules to query for ${pattern}@${query} because first path element contains a wildcard`);
    this.name = 'WildcardInFirstElementError';
  }
}

/** search.go: matchPackages for one module (any build tags, no std): the packages below root matching pattern. */
async function matchInTree(env: LoadEnv, pattern: string, modPath: string, root: string): Promise<string[]> {
  const pkgs = await walkLocalPackages(env, root, modPath, anyTags, pkgMatchPattern(pattern), treeCanMatchPattern(pattern));
  return pkgs.map((p) => p.path);
}

/** modload.MatchInModule for a wildcard pattern: the packages of module m matching pattern. */
export async function matchInModule(s: ModState, pattern: string, m: ModuleVersion): Promise<string[]> {
  const env = loadEnv(s);
  const mms = s.main();
  if (mms.contains(m.path) && m.version === '') return matchInTree(env, pattern, m.path, mms.getModRoot(m));
  const { dir } = await fetchModule(env, m);
  return matchInTree(env, pattern, m.path, dir);
}

export interface QueryResult {
  mod: ModuleVersion;
  packages: string[];
}

/** Thrown for a wildcard pattern (not supported yet). */
export class UnsupportedPatternError extends Error {
  constructor(pattern: string) {
    super(`modscope: go get with the package pattern ${pattern} is not supported yet`);
    this.name = 'UnsupportedPatternError';
  }
}

/** query.go: QueryMatchesMainModulesError */
export function queryMatchesMainModulesError(s: ModState, mainModules: ModuleVersion[], pattern: string, query: string): Error {
  if (s.main().contains(pattern)) {
    return Object.assign(new Error(`can't request version ${goQuote(query)} of the main module (${pattern})`), { name: 'QueryMatchesMainModulesError' });
  }
  const paths = mainModules.map((m) => m.path);
  return Object.assign(
    new Error(`can't request version ${goQuote(query)} of pattern ${goQuote(pattern)} that includes the main module${paths.length > 1 ? 's' : ''} (${paths.join(', ')})`),
    { name: 'QueryMatchesMainModulesError' },
  );
}

/** query.go: modulePrefixesExcludingTarget */
export function modulePrefixesExcludingTarget(s: ModState, path: string): string[] {
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

/** pkgpattern.MatchPattern for a literal pattern. */
const matchLiteral = (pattern: string) => (p: string) => p === pattern;

/**
 * query.go: QueryPattern. Returns the modules providing the package at the queried version,
 * and the module whose path is the pattern (modOnly), or throws the error go reports.
 */
export async function queryPattern(
  s: ModState,
  pattern: string,
  query: string,
  current: (path: string) => string,
  allowed: AllowedFunc,
): Promise<{ pkgMods: QueryResult[]; modOnly: QueryResult | null }> {
  const env = loadEnv(s);
  let base = pattern;
  let matchPattern = matchLiteral(pattern);
  let match = async (mod: ModuleVersion, roots: string[], isLocal: boolean): Promise<string[]> => {
    let pkgs: string[] = [];
    for (const root of roots) {
      if ((await dirInModule(env, pattern, mod.path, root, isLocal)).ok) pkgs = [pattern];
    }
    return pkgs;
  };
  const wi = pattern.indexOf('...');
  if (wi >= 0) {
    const upto = pattern.slice(0, wi + 3);
    const slash = upto.lastIndexOf('/');
    base = slash < 0 ? '.' : upto.slice(0, slash);
    if (base === '.') throw new WildcardInFirstElementError(pattern, query);
    matchPattern = pkgMatchPattern(pattern);
    match = async (mod: ModuleVersion, roots: string[]): Promise<string[]> => {
      const out: string[] = [];
      for (const root of roots) out.push(...(await matchInTree(env, pattern, mod.path, root)));
      return out;
    };
  }
  const mms = s.main();
  const modRoots = mms.versions().map((m) => mms.getModRoot(m));
  const mainModuleMatches: ModuleVersion[] = [];
  let modOnly: QueryResult | null = null;
  for (const mainModule of mms.versions()) {
    const pk = await match(mainModule, modRoots, true);
    if (pk.length > 0) {
      if (query !== 'upgrade' && query !== 'patch') throw new QueryMatchesPackagesInMainModuleError(pattern, query, pk);
      const err = await allowed(mainModule);
      if (err) throw new Error(`internal error: package ${pattern} is in the main module (${mainModule.path}), but version is not allowed: ${err.message}`);
      return { pkgMods: [{ mod: mainModule, packages: pk }], modOnly: null };
    }
    let matchesMainModule = false;
    if (matchPattern(mainModule.path)) {
      mainModuleMatches.push(mainModule);
      matchesMainModule = true;
    }
    if ((query === 'upgrade' || query === 'patch') && matchesMainModule) {
      if ((await allowed(mainModule)) === null) modOnly = { mod: mainModule, packages: [] };
    }
  }

  const candidateModules = modulePrefixesExcludingTarget(s, base);
  if (candidateModules.length === 0) {
    if (modOnly) return { pkgMods: [], modOnly };
    if (mainModuleMatches.length > 0) throw queryMatchesMainModulesError(s, mainModuleMatches, pattern, query);
    throw new PackageNotInModuleError([], { path: '', version: '' }, { path: '', version: '' }, query, pattern);
  }

  const queryModule = async (path: string): Promise<QueryResult> => {
    const r: QueryResult = { mod: { path, version: '' }, packages: [] };
    const rev = await queryProxy(s, path, query, current(path), allowed);
    r.mod.version = rev.Version;
    if (isToolchainPath(path)) return r;
    const { dir, isLocal } = await fetchModule(env, r.mod);
    r.packages = await match(r.mod, [dir], isLocal);
    if (r.packages.length === 0 && !matchPattern(path)) {
      throw new PackageNotInModuleError([], r.mod, replacement(s, r.mod), query, pattern);
    }
    return r;
  };

  const { found, err } = await queryPrefixModules(s, candidateModules, queryModule);
  const results: QueryResult[] = [];
  for (const r of found) {
    if (r.packages.length === 0) modOnly = r;
    else results.push(r);
  }
  if (mainModuleMatches.length > 0 && results.length === 0 && modOnly === null && err && isNotExist(err)) {
    throw queryMatchesMainModulesError(s, [], pattern, query);
  }
  if (err) throw Object.assign(err, { partial: { pkgMods: results, modOnly } });
  return { pkgMods: results, modOnly };
}

/** query.go: queryPrefixModules */
export async function queryPrefixModules(
  s: ModState,
  candidateModules: string[],
  queryModule: (path: string) => Promise<QueryResult>,
): Promise<{ found: QueryResult[]; err: Error | null }> {
  // go starts one goroutine per candidate; the scheduler runs the newest first (runnext), then
  // the others in order. Running them one at a time in that order reproduces the order of
  // "go: downloading" lines.
  const order = candidateModules.length < 2 ? candidateModules.map((_, i) => i) : [candidateModules.length - 1, ...candidateModules.slice(0, -1).map((_, i) => i)];
  const results: { r: QueryResult | null; err: Error | null }[] = candidateModules.map(() => ({ r: null, err: null }));
  for (const i of order) {
    try {
      results[i] = { r: await queryModule(candidateModules[i]!), err: null };
    } catch (e) {
      if (isFatal(e)) throw e;
      results[i] = { r: null, err: e as Error };
    }
  }
  const found: QueryResult[] = [];
  let err: Error | null = null;
  let noPackage: PackageNotInModuleError | null = null;
  let noVersion: Error | null = null;
  let noPatchBase: Error | null = null;
  let invalidPath: Error | null = null;
  let invalidVersion: Error | null = null;
  let notExistErr: Error | null = null;
  for (const { r, err: rErr } of results) {
    if (rErr === null) found.push(r!);
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
  return { found, err };
}

/** query.go: QueryPackages — QueryPattern, but a module-only match is an error. */
export async function queryPackages(
  s: ModState,
  pattern: string,
  query: string,
  current: (path: string) => string,
  allowed: AllowedFunc,
): Promise<QueryResult[]> {
  const { pkgMods, modOnly } = await queryPattern(s, pattern, query, current, allowed);
  if (pkgMods.length === 0 && modOnly) throw new PackageNotInModuleError([], modOnly.mod, replacement(s, modOnly.mod), query, pattern);
  return pkgMods;
}
