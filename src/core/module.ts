// Module paths, versions and their errors: the rules of golang.org/x/mod/module/module.go
// (Go 1.23's vendored copy), plus cmd/go/internal/search.IsStandardImportPath. Go's %q lives
// in goquote.ts and path.Match in pathmatch.ts (both re-exported here).
import { build as semverBuild, canonical as semverCanonical, compare as semverCompare, compareStrings, goSortSlice, isValid as semverIsValid, major as semverMajor, sortByDistinctKeys } from './semver';
import { goQuote, goQuoteRune, isLetter, isPrint } from './goquote';
import { BadPatternError, pathMatch } from './pathmatch';

export { BadPatternError, goQuote, goQuoteRune, isLetter, isPrint, pathMatch };

/** module.Version: a module path and version ("" version for the main module). */
export interface ModuleVersion {
  path: string;
  version: string;
}

/** module.Version.String: "path@version", or just path when version is "". */
export function moduleVersionString(m: ModuleVersion): string {
  return m.version === '' ? m.path : `${m.path}@${m.version}`;
}

// ---------------------------------------------------------------------------
// Errors. `.message` is Go's err.Error() text.

/** module.InvalidVersionError: `version "v1.2.3" invalid: <err>` (or "pseudo-version"). */
export class InvalidVersionError extends Error {
  constructor(
    readonly version: string,
    readonly err: Error,
    readonly pseudo = false,
  ) {
    super(`${pseudo ? 'pseudo-version' : 'version'} ${goQuote(version)} invalid: ${err.message}`);
    this.name = 'InvalidVersionError';
  }
  noun(): string {
    return this.pseudo ? 'pseudo-version' : 'version';
  }
}

/** module.ModuleError: "path@version: err", "module path: err", or for an InvalidVersionError "path@v: invalid version: err". */
export class ModuleError extends Error {
  constructor(
    readonly path: string,
    readonly version: string,
    readonly err: Error,
  ) {
    let msg: string;
    if (err instanceof InvalidVersionError) msg = `${path}@${err.version}: invalid ${err.noun()}: ${err.err.message}`;
    else if (version !== '') msg = `${path}@${version}: ${err.message}`;
    else msg = `module ${path}: ${err.message}`;
    super(msg);
    this.name = 'ModuleError';
  }
}

/** module.VersionError: wraps err as a ModuleError for m unless it already is one for m. */
export function versionError(m: ModuleVersion, err: Error): Error {
  for (let e: unknown = err; e instanceof Error; e = unwrap(e)) {
    if (e instanceof ModuleError) {
      if (e.path === m.path && e.version === m.version) return err;
      break; // errors.As finds the first ModuleError in the chain
    }
  }
  return new ModuleError(m.path, m.version, err);
}

function unwrap(e: Error): unknown {
  if (e instanceof ModuleError || e instanceof InvalidVersionError || e instanceof InvalidPathError) return e.err;
  return (e as { cause?: unknown }).cause;
}

/** module.InvalidPathError: `malformed module path "x": <err>` (kind module, import or file). */
export class InvalidPathError extends Error {
  constructor(
    readonly kind: 'module' | 'import' | 'file',
    readonly path: string,
    readonly err: Error,
  ) {
    super(`malformed ${kind} path ${goQuote(path)}: ${err.message}`);
    this.name = 'InvalidPathError';
  }
}

// ---------------------------------------------------------------------------
// Path checks (module.go: CheckPath, CheckImportPath, CheckFilePath, checkPath, checkElem).

const enum Kind {
  Module,
  Import,
  File,
}

function firstPathOK(r: number): boolean {
  return r === 0x2d || r === 0x2e || (r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a);
}

// The ASCII characters each kind of path element allows (module.go: modPathOK, importPathOK,
// fileNameOK), one bit per Kind.
const elemCharOK = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const alnum = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
  if (alnum || '-._~'.includes(ch)) elemCharOK[c] |= (1 << Kind.Module) | (1 << Kind.Import);
  if (ch === '+') elemCharOK[c] |= 1 << Kind.Import;
  if (alnum || '!#$%&()+,-.=@[]^_{}~ '.includes(ch)) elemCharOK[c] |= 1 << Kind.File;
}

/** Built on first use, once (a Unicode property class costs up to a millisecond to build). */
let loneSurrogate: RegExp | undefined;

function hasLoneSurrogate(s: string): boolean {
  return (loneSurrogate ??= /\p{Surrogate}/u).test(s);
}

const badWindowsNames = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
]);

function checkElem(elem: string, kind: Kind): Error | null {
  const n = elem.length;
  if (n === 0) return new Error('empty path element');
  if (elem.charCodeAt(0) === 0x2e) {
    let i = 1;
    while (i < n && elem.charCodeAt(i) === 0x2e) i++;
    if (i === n) return new Error(`invalid path element ${goQuote(elem)}`);
    if (kind === Kind.Module) return new Error('leading dot in path element');
  }
  if (elem.charCodeAt(n - 1) === 0x2e) return new Error('trailing dot in path element');
  const bit = 1 << kind;
  for (let i = 0; i < n; i++) {
    let r = elem.charCodeAt(i);
    if (r < 0x80) {
      if ((elemCharOK[r]! & bit) !== 0) continue;
    } else {
      // the code point (as for-of yields it: a pair joined, a lone surrogate as itself)
      r = elem.codePointAt(i)!;
      if (r > 0xffff) i++;
      if (kind === Kind.File && isLetter(r)) continue;
    }
    return new Error(`invalid char ${goQuoteRune(r)}`);
  }
  // Windows disallows these names, even with an extension ("CON.txt").
  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  if (short.length === 3 || short.length === 4) {
    const upper = short.replace(/[a-z]/g, (c) => c.toUpperCase()); // only ASCII can match
    if (badWindowsNames.has(upper)) return new Error(`${goQuote(short)} disallowed as path element component on Windows`);
  }
  if (kind === Kind.File) return null;
  // Windows 8.3 short names ("GIT~1") can alias other files.
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    return new Error('trailing tilde and digits in path element');
  }
  return null;
}

// Paths found valid, by Kind (a command checks the same paths many times).
const validPaths = [new Set<string>(), new Set<string>(), new Set<string>()];
const validModulePaths = new Set<string>();

/** Records a valid path in one of the sets above (bounded). */
function remember(set: Set<string>, path: string): null {
  if (set.size >= 8192) set.clear();
  set.add(path);
  return null;
}

function checkPathKind(path: string, kind: Kind): Error | null {
  return validPaths[kind]!.has(path) ? null : (checkPathKindOnce(path, kind) ?? remember(validPaths[kind]!, path));
}

function checkPathKindOnce(path: string, kind: Kind): Error | null {
  if (hasLoneSurrogate(path)) return new Error('invalid UTF-8');
  if (path === '') return new Error('empty string');
  if (path[0] === '-' && kind !== Kind.File) return new Error('leading dash');
  if (path.includes('//')) return new Error('double slash');
  if (path[path.length - 1] === '/') return new Error('trailing slash');
  for (const elem of path.split('/')) {
    const err = checkElem(elem, kind);
    if (err) return err;
  }
  return null;
}

/** module.CheckPath's error (an InvalidPathError of kind "module"), or null if path is a valid module path. */
export function modulePathError(path: string): InvalidPathError | null {
  const err = modulePathErr(path);
  return err ? new InvalidPathError('module', path, err) : null;
}

function modulePathErr(path: string): Error | null {
  return validModulePaths.has(path) ? null : (modulePathErrOnce(path) ?? remember(validModulePaths, path));
}

function modulePathErrOnce(path: string): Error | null {
  const err = checkPathKind(path, Kind.Module);
  if (err) return err;
  let i = path.indexOf('/');
  if (i < 0) i = path.length;
  if (i === 0) return new Error('leading slash');
  const first = path.slice(0, i);
  if (!first.includes('.')) return new Error('missing dot in first path element');
  if (path[0] === '-') return new Error('leading dash in first path element');
  for (const ch of first) {
    const r = ch.codePointAt(0)!;
    if (!firstPathOK(r)) return new Error(`invalid char ${goQuoteRune(r)} in first path element`);
  }
  if (!splitPathVersion(path).ok) return new Error('invalid version');
  return null;
}

/** module.CheckPath: throws InvalidPathError unless path is a valid module path. */
export function checkPath(path: string): void {
  const err = modulePathError(path);
  if (err) throw err;
}

/** module.CheckImportPath's error, or null. */
export function importPathError(path: string): InvalidPathError | null {
  const err = checkPathKind(path, Kind.Import);
  return err ? new InvalidPathError('import', path, err) : null;
}

/** module.CheckImportPath: throws InvalidPathError unless path is a valid import path. */
export function checkImportPath(path: string): void {
  const err = importPathError(path);
  if (err) throw err;
}

/** module.CheckFilePath's error, or null. */
export function filePathError(path: string): InvalidPathError | null {
  const err = checkPathKind(path, Kind.File);
  return err ? new InvalidPathError('file', path, err) : null;
}

/** module.CheckFilePath: throws InvalidPathError unless path is a valid file path inside a module zip. */
export function checkFilePath(path: string): void {
  const err = filePathError(path);
  if (err) throw err;
}

/** module.Check's error (InvalidPathError or ModuleError), or null. */
export function checkError(path: string, version: string): Error | null {
  const perr = modulePathError(path);
  if (perr) return perr;
  if (!semverIsValid(version)) {
    return new ModuleError(path, '', new InvalidVersionError(version, new Error('not a semantic version')));
  }
  const { pathMajor } = splitPathVersion(path);
  const merr = pathMajorError(version, pathMajor);
  if (merr) return new ModuleError(path, '', merr);
  return null;
}

/** module.Check: throws unless path is a valid module path and version a valid, path-compatible semver. */
export function check(path: string, version: string): void {
  const err = checkError(path, version);
  if (err) throw err;
}

/**
 * module.SplitPathVersion: "x/y/v2" → {prefix:"x/y", pathMajor:"/v2"}, "gopkg.in/yaml.v2" →
 * {prefix:"gopkg.in/yaml", pathMajor:".v2"}. ok is false for a malformed suffix such as "/v1" or "/v0".
 */
export function splitPathVersion(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  if (path.startsWith('gopkg.in/')) return splitGopkgIn(path);
  let i = path.length;
  let dot = false;
  while (i > 0 && ((path[i - 1] >= '0' && path[i - 1] <= '9') || path[i - 1] === '.')) {
    if (path[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') {
    return { prefix: path, pathMajor: '', ok: true };
  }
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

// module.go: splitGopkgIn
function splitGopkgIn(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  if (!path.startsWith('gopkg.in/')) return { prefix: path, pathMajor: '', ok: false };
  let i = path.length;
  if (path.endsWith('-unstable')) i -= '-unstable'.length;
  while (i > 0 && path[i - 1] >= '0' && path[i - 1] <= '9') i--;
  if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return { prefix: path, pathMajor: '', ok: false };
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

/** module.CheckPathMajor's error (an InvalidVersionError), or null if v fits pathMajor. */
export function pathMajorError(v: string, pathMajor: string): InvalidVersionError | null {
  if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable')) pathMajor = pathMajor.slice(0, -'-unstable'.length);
  if (v.startsWith('v0.0.0-') && pathMajor === '.v1') {
    // gopkg.in/yaml.v1 accepts pseudo-versions of v0.
    return null;
  }
  const m = semverMajor(v);
  if (pathMajor === '') {
    if (m === 'v0' || m === 'v1' || semverBuild(v) === '+incompatible') return null;
    pathMajor = 'v0 or v1';
  } else if (pathMajor[0] === '/' || pathMajor[0] === '.') {
    if (m === pathMajor.slice(1)) return null;
    pathMajor = pathMajor.slice(1);
  }
  return new InvalidVersionError(v, new Error(`should be ${pathMajor}, not ${semverMajor(v)}`));
}

/** module.CheckPathMajor: throws InvalidVersionError unless v's major version fits pathMajor. */
export function checkPathMajor(v: string, pathMajor: string): void {
  const err = pathMajorError(v, pathMajor);
  if (err) throw err;
}

/** module.MatchPathMajor */
export function matchPathMajor(v: string, pathMajor: string): boolean {
  return pathMajorError(v, pathMajor) === null;
}

/** module.PathMajorPrefix: "/v2" → "v2", ".v1-unstable" → "v1"; throws (Go panics) on a malformed suffix. */
export function pathMajorPrefix(pathMajor: string): string {
  if (pathMajor === '') return '';
  if (pathMajor[0] !== '/' && pathMajor[0] !== '.') {
    throw new Error(`pathMajor suffix ${pathMajor} passed to PathMajorPrefix lacks separator`);
  }
  if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable')) pathMajor = pathMajor.slice(0, -'-unstable'.length);
  const m = pathMajor.slice(1);
  if (m !== semverMajor(m)) {
    throw new Error(`pathMajor suffix ${pathMajor}passed to PathMajorPrefix is not a valid major version`);
  }
  return m;
}

/** module.CanonicalVersion: semver.Canonical, keeping a "+incompatible" suffix. */
export function canonicalVersion(v: string): string {
  let cv = semverCanonical(v);
  if (semverBuild(v) === '+incompatible') cv += '+incompatible';
  return cv;
}

/** module.Sort's ordering: path, then version; a "/go.mod"-style suffix sorts after its bare version. */
export function lessModuleVersion(a: ModuleVersion, b: ModuleVersion): boolean {
  if (a.path !== b.path) return compareStrings(a.path, b.path) < 0;
  let vi = a.version;
  let vj = b.version;
  let fi = '';
  let fj = '';
  let k = vi.indexOf('/');
  if (k >= 0) [vi, fi] = [vi.slice(0, k), vi.slice(k)];
  k = vj.indexOf('/');
  if (k >= 0) [vj, fj] = [vj.slice(0, k), vj.slice(k)];
  if (vi !== vj) return semverCompare(vi, vj) < 0;
  return compareStrings(fi, fj) < 0;
}

/** module.Sort: sorts in place (with Go's sort.Slice, so ties land where Go puts them) and returns the list. */
export function sortModuleVersions<T extends ModuleVersion>(list: T[]): T[] {
  if (list.length > 12 && sortByDistinctKeys(list, (m) => m.path)) return list; // one version per path: no ties
  return goSortSlice(list, lessModuleVersion);
}

// ---------------------------------------------------------------------------
// Case-encoding for file systems and proxies: "!" + lower-case letter stands for an upper-case letter.

function escapeString(s: string): string {
  if (!/[A-Z!\u0080-\uffff]/.test(s)) return s; // nothing to escape, nothing to refuse
  for (const ch of s) {
    if (ch === '!' || ch.codePointAt(0)! >= 0x80) throw new Error('internal error: inconsistency in EscapePath');
  }
  return s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** module.EscapePath: throws the CheckPath error for an invalid module path. */
export function escapePath(path: string): string {
  checkPath(path);
  return escapeString(path);
}

/** module.EscapeVersion: throws InvalidVersionError "disallowed version string". */
export function escapeVersion(v: string): string {
  if (checkElem(v, Kind.File) !== null || v.includes('!')) {
    throw new InvalidVersionError(v, new Error('disallowed version string'));
  }
  return escapeString(v);
}

function unescapeString(escaped: string): string | null {
  let out = '';
  let bang = false;
  for (const ch of escaped) {
    if (ch.codePointAt(0)! >= 0x80) return null;
    if (bang) {
      bang = false;
      if (ch < 'a' || ch > 'z') return null;
      out += ch.toUpperCase();
      continue;
    }
    if (ch === '!') {
      bang = true;
      continue;
    }
    if (ch >= 'A' && ch <= 'Z') return null;
    out += ch;
  }
  if (bang) return null;
  return out;
}

/** module.UnescapePath: throws Error(`invalid escaped module path "..."[: err]`). */
export function unescapePath(escaped: string): string {
  const path = unescapeString(escaped);
  if (path === null) throw new Error(`invalid escaped module path ${goQuote(escaped)}`);
  const err = modulePathError(path);
  if (err) throw new Error(`invalid escaped module path ${goQuote(escaped)}: ${err.message}`);
  return path;
}

/** module.UnescapeVersion: throws Error(`invalid escaped version "..."[: err]`). */
export function unescapeVersion(escaped: string): string {
  const v = unescapeString(escaped);
  if (v === null) throw new Error(`invalid escaped version ${goQuote(escaped)}`);
  const err = checkElem(v, Kind.File);
  if (err) throw new Error(`invalid escaped version ${goQuote(v)}: ${err.message}`);
  return v;
}

// ---------------------------------------------------------------------------
// Patterns.

/** cmd/go/internal/search.IsStandardImportPath: the first path element has no dot. */
export function isStandardImportPath(path: string): boolean {
  let i = path.indexOf('/');
  if (i < 0) i = path.length;
  return !path.slice(0, i).includes('.');
}

/**
 * module.MatchPrefixPatterns: whether any comma-separated glob (path.Match syntax) in globs
 * matches a prefix of target with the same number of path elements (GOPRIVATE, GONOSUMDB...).
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  while (globs !== '') {
    let glob: string;
    const c = globs.indexOf(',');
    if (c >= 0) [glob, globs] = [globs.slice(0, c), globs.slice(c + 1)];
    else [glob, globs] = [globs, ''];
    if (glob.endsWith('/')) glob = glob.slice(0, -1);
    if (glob === '') continue;
    let n = glob.split('/').length - 1;
    let prefix = target;
    for (let i = 0; i < target.length; i++) {
      if (target[i] === '/') {
        if (n === 0) {
          prefix = target.slice(0, i);
          break;
        }
        n--;
      }
    }
    if (n > 0) continue;
    const [matched] = pathMatch(glob, prefix);
    if (matched) return true;
  }
  return false;
}
