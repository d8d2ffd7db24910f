// The version queries the fetch commands accept, from cmd/go/internal/modload/query.go
// (Query, queryProxy, newQueryMatcher, filterVersions, IsRevisionQuery,
// NoMatchingVersionError) — the subset modscope supports: an exact canonical version,
// "latest" and "upgrade". Other queries (prefixes like v1.2, comparisons like <v1.3.0,
// "patch", branch or commit names) fail with a plain "not supported" error.

import { isToolchainPath, modCompare, modIsPrefix, modIsValid } from '../gover';
import { canonicalVersion, ModuleError, type ModuleVersion } from '../module';
import { parseLax } from '../modfile';
import { isPseudoVersion } from '../pseudo';
import { compare as semverCompare, prerelease } from '../semver';
import { isNotExist, type RevInfo } from '../source';
import { isFatal, type Fetcher } from './fetcher';
import { goQuote } from '../module';

/** query.go: NoMatchingVersionError */
export class NoMatchingVersionError extends Error {
  constructor(
    readonly query: string,
    readonly current: string,
  ) {
    super(
      `no matching versions for query ${goQuote(query)}` +
        (current !== '' && current !== 'none' ? ` (current version is ${current})` : ''),
    );
    this.name = 'NoMatchingVersionError';
  }
}

/** A query modscope does not implement yet. */
export class UnsupportedQueryError extends Error {
  constructor(readonly query: string) {
    super(`modscope: version query ${goQuote(query)} is not supported yet (use an exact version, @latest or @upgrade)`);
    this.name = 'UnsupportedQueryError';
  }
}

/** query.go: IsRevisionQuery */
export function isRevisionQuery(path: string, vers: string): boolean {
  if (vers === 'latest' || vers === 'upgrade' || vers === 'patch' || vers.startsWith('<') || vers.startsWith('>')) return false;
  if (modIsValid(path, vers) && modIsPrefix(path, vers)) return false;
  return true;
}

export interface QueryOptions {
  /** Versions the main module excludes. */
  excluded?: (m: ModuleVersion) => boolean;
}

/**
 * modload.Query(path, query, current, allowed) for the supported queries. Exact versions are
 * revision queries (nothing is disallowed); latest/upgrade skip excluded and retracted versions.
 */
export async function query(f: Fetcher, path: string, q: string, current: string, o: QueryOptions = {}): Promise<RevInfo> {
  if (isToolchainPath(path)) throw new UnsupportedQueryError(q);
  if (q !== 'latest' && q !== 'upgrade') {
    if (modIsValid(path, q) && canonicalVersion(q) === q && !modIsPrefix(path, q)) return f.stat(path, q);
    throw new UnsupportedQueryError(q);
  }
  const mayUseLatestAlways = q === 'latest' || current === '' || current === 'none';
  const mayUseLatest = mayUseLatestAlways || isPseudoVersion(current);
  const filter = (v: string) => mayUseLatestAlways || modCompare(path, v, current) >= 0;

  const list = await f.versions(path, '');
  const retracted = await retractions(f, path, list);
  const allowed = (v: string) => !(o.excluded?.({ path, version: v }) ?? false) && !retracted(v);
  const releases: string[] = [];
  const prereleases: string[] = [];
  for (const v of list) {
    if (!filter(v) || !allowed(v)) continue;
    (prerelease(v) === '' ? releases : prereleases).push(v);
  }
  if (releases.length > 0) return f.stat(path, releases[releases.length - 1]!);
  if (prereleases.length > 0) return f.stat(path, prereleases[prereleases.length - 1]!);
  if (mayUseLatest) {
    try {
      const latest = await f.latest(path);
      if (filter(latest.Version) && allowed(latest.Version)) return f.stat(path, latest.Version);
    } catch (e) {
      if (!isNotExist(e)) throw e;
    }
  }
  if (q === 'upgrade' && current !== '' && current !== 'none') return f.stat(path, current);
  throw new ModuleError(path, '', new NoMatchingVersionError(q, current));
}

/**
 * modload.checkRetractions' source: the retract directives of the latest version's go.mod
 * (queryLatestVersionIgnoringRetractions). Without versions or a go.mod, nothing is retracted.
 */
async function retractions(f: Fetcher, path: string, list: string[]): Promise<(v: string) => boolean> {
  let latest = '';
  const rel = list.filter((v) => prerelease(v) === '');
  if (rel.length > 0) latest = rel[rel.length - 1]!;
  else if (list.length > 0) latest = list[list.length - 1]!;
  else {
    try {
      latest = (await f.latest(path)).Version;
    } catch {
      return () => false;
    }
  }
  let intervals: { low: string; high: string }[];
  try {
    // queryLatestVersionIgnoringRetractions is itself a query: it stats the version (.info).
    latest = (await f.stat(path, latest)).Version;
    const file = parseLax('go.mod', await f.goMod(path, latest));
    intervals = file.retract.map((r) => ({ low: r.low, high: r.high }));
  } catch (e) {
    if (isFatal(e)) throw e;
    return () => false;
  }
  return (v) => intervals.some((r) => semverCompare(r.low, v) <= 0 && semverCompare(v, r.high) <= 0);
}
