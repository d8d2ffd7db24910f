// `go get`'s queries: cmd/go/internal/modget/query.go (query, pathSet, newQuery, validate,
// reportError, conflictError) and get.go's argument cleaning.

import { isToolchainPath } from '../gover';
import { type ModuleVersion } from '../module';
import { matchPattern, treeCanMatchPattern } from '../modload/packages/search';
import { fmtMod, type ModState } from '../modload/state';
import { goQuote } from '../module';

export interface GetFlags {
  /** -u: "" | "upgrade" | "patch" (or another version query) */
  u: string;
  uRaw: string;
  t: boolean;
  v: boolean;
}

export const noMod: ModuleVersion = { path: '', version: '' };
export const same = (a: ModuleVersion, b: ModuleVersion) => a.path === b.path && a.version === b.version;

/** A pathSet: the candidates for one path of one query. */
export interface PathSet {
  path: string;
  pkgMods: ModuleVersion[];
  mod: ModuleVersion;
  err: Error | null;
}
export const errSet = (err: Error): PathSet => ({ path: '', pkgMods: [], mod: noMod, err });
export const emptySet = (): PathSet => ({ path: '', pkgMods: [], mod: noMod, err: null });

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
export function reportError(s: ModState, q: GetQuery, err: Error): void {
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

export interface VersionReason {
  version: string;
  reason: GetQuery;
}

/** query.go: conflictError */
export function conflictText(mPath: string, proposed: VersionReason, conflict: VersionReason): string {
  const argStr = (q: GetQuery, v: string) => (v !== q.version ? `${q.pattern}@${q.version} (${v})` : q.toString());
  const pq = proposed.reason;
  const rq = conflict.reason;
  const modDetail = mPath !== pq.pattern ? `for module ${mPath}, ` : '';
  return `${modDetail}${argStr(pq, proposed.version)} conflicts with ${argStr(rq, conflict.version)}`;
}

export function versionOkForMainModule(version: string): boolean {
  return version === 'upgrade' || version === 'patch';
}

/** query.go: newQuery */
export function newQuery(s: ModState, raw: string, fl: GetFlags): { q: GetQuery | null; err: Error | null } {
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

/** search.CleanPatterns (path@version split as get.go's arguments are). */
export { cleanPatterns } from '../modload/packages/load';
