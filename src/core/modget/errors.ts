// `go get`'s error helpers: get.go (isNoSuchModuleVersion, isNoSuchPackageVersion), query.go
// (the main module's version error), buildlist.go ((Conflict).String) and the exit checks.
import { isFatal as isFatalError } from '../fatal';
import { goQuote } from '../goquote';
import { modulePathError } from '../module';
import type { Conflict } from '../modload/buildlist';
import { errorsAs } from '../modload/modfile';
import { ExitError } from '../modload/packages/load';
import { PackageNotInModuleError } from '../modload/packages/import';
import { NoMatchingVersionError } from '../modload/query';
import { fmtMod, type ModState } from '../modload/state';
import { isNotExist } from '../source';

/** get.go: isNoSuchModuleVersion */
export function isNoSuchModuleVersion(err: Error): boolean {
  return isNotExist(err) || errorsAs(err, NoMatchingVersionError) !== undefined;
}

/** get.go: isNoSuchPackageVersion */
export function isNoSuchPackageVersion(err: Error): boolean {
  return isNoSuchModuleVersion(err) || errorsAs(err, PackageNotInModuleError) !== undefined;
}

/** Ends the command with the current exit status when errors were reported (base.ExitIfErrors). */
export function exitIfErrors(s: ModState): void {
  if (s.exitStatus !== 0) throw new ExitError(s.exitStatus);
}

/** query.go: QueryMatchesMainModulesError for a single main module matched by its path. */
export function mainModuleVersionError(pattern: string, query: string): Error {
  return new Error(`can't request version ${goQuote(query)} of the main module (${pattern})`);
}

export function unwrapModuleError(c: Conflict): Error {
  const me = c.err as unknown as { path?: string; version?: string; err?: Error };
  if (me && me.err && c.path.length > 0) {
    const last = c.path[c.path.length - 1]!;
    if (me.path === last.path && me.version === last.version) return me.err;
  }
  return c.err!;
}

/** buildlist.go: (Conflict).String */
export function conflictString(c: Conflict): string {
  if (c.path.length === 0) return '(internal error: invalid Conflict struct)';
  let b = c.path.map(fmtMod).join(' requires\n\t');
  if (c.err !== null) b += ': ' + unwrapModuleError(c).message;
  else b += `, but ${c.constraint!.version} is requested`;
  return b;
}

/** module.CheckPath(p) == nil (get.go findPackage): leading dots, reserved names, ... included. */
export function validModulePath(p: string): boolean {
  return modulePathError(p) === null;
}

/** fatal.ts isFatal, and an aborted command (AbortError) ends go get too. */
export function isFatal(e: unknown): boolean {
  return isFatalError(e) || (e as { name?: unknown } | null | undefined)?.name === 'AbortError';
}

/** filepath.Clean of an absolute slash path. */
export { cleanAbs } from '../workspace';
