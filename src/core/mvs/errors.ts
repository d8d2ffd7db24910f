// Errors of the MVS algorithms: cmd/go/internal/mvs/errors.go (BuildListError).
import { InvalidVersionError, ModuleError, moduleVersionString, versionError, type ModuleVersion } from '../module';

interface StackElem {
  m: ModuleVersion;
  /** Why this module leads to the next one: "requires" or "updating to" ("" for the last). */
  nextReason: string;
}

/**
 * mvs.BuildListError: an error met while loading requirements, with the chain of requirements
 * (and upgrades) from the roots to the module where it happened.
 */
export class BuildListError extends Error {
  /** The requirement chain, roots first (Go's unexported stack). */
  readonly chain: StackElem[];

  // errors.go: NewBuildListError
  constructor(
    readonly err: Error,
    path: ModuleVersion[],
    isVersionChange?: (from: ModuleVersion, to: ModuleVersion) => boolean,
  ) {
    if (path.length === 0) throw new Error('internal error: NewBuildListError with an empty path');
    const stack: StackElem[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const reason = isVersionChange?.(path[i], path[i + 1]) ? 'updating to' : 'requires';
      stack.push({ m: path[i], nextReason: reason });
    }
    stack.push({ m: path[path.length - 1], nextReason: '' });
    super(buildListErrorText(err, stack));
    this.name = 'BuildListError';
    this.chain = stack;
    this.cause = err;
  }

  /** errors.go: Module — the module where the error occurred. */
  module(): ModuleVersion {
    return this.chain[this.chain.length - 1].m;
  }
}

// errors.go: (*BuildListError).Error
function buildListErrorText(err: Error, full: StackElem[]): string {
  // Leading modules without a version (the main module, synthetic targets) are not printed.
  let start = 0;
  while (start < full.length && full[start].m.version === '') start++;
  const stack = full.slice(start);
  if (stack.length === 0) return err.message;
  let b = '';
  for (const elem of stack.slice(0, -1)) b += `${moduleVersionString(elem.m)} ${elem.nextReason}\n\t`;
  const m = stack[stack.length - 1].m;
  if (err instanceof ModuleError) {
    const actual = { path: err.path, version: err.version };
    if (err.err instanceof InvalidVersionError) actual.version = err.err.version;
    if (actual.path === m.path && actual.version === m.version) b += err.message;
    else b += `${moduleVersionString(m)} (replaced by ${moduleVersionString(actual)}): ${err.err.message}`;
  } else {
    b += versionError(m, err).message;
  }
  return b;
}
