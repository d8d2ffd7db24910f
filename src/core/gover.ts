// Go toolchain versions ("1.21", "1.21.0", "1.21rc1"; no "v" prefix) and the
// "go"/"toolchain" pseudo-modules. Rules from Go 1.23's src/internal/gover/gover.go
// and src/cmd/go/internal/gover/{gover,version,mod,toolchain,local,gomod}.go.
import { compare as semverCompare, compareStrings, goSortSlice, sortByDistinctKeys, isValid as semverIsValid, majorMinor as semverMajorMinor, prerelease as semverPrerelease } from './semver';

/** A parsed Go version (internal/gover.Version); all fields are decimal strings or "". */
export interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  kind: string; // "", "alpha", "beta", "rc"
  pre: string;
}

const ZERO: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };

function isZero(v: GoVersion): boolean {
  return v.major === '' && v.minor === '' && v.patch === '' && v.kind === '' && v.pre === '';
}

// internal/gover: cutInt
function cutInt(x: string): [string, string] | null {
  let i = 0;
  while (i < x.length && x[i] >= '0' && x[i] <= '9') i++;
  if (i === 0 || (x[0] === '0' && i !== 1)) return null;
  return [x.slice(0, i), x.slice(i)];
}

/** internal/gover.CmpInt: compares decimal strings without leading zeros. */
export function cmpInt(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/** internal/gover.DecInt: decimal minus one ("" for "0"). */
export function decInt(decimal: string): string {
  const d = decimal.split('');
  let i = d.length - 1;
  for (; i >= 0 && d[i] === '0'; i--) d[i] = '9';
  if (i < 0) return '';
  if (i === 0 && d[i] === '1' && d.length > 1) d.shift();
  else d[i] = String.fromCharCode(d[i].charCodeAt(0) - 1);
  return d.join('');
}

// A command compares the same few go versions (one per go.mod) many times: parsed once each.
const parsedGo = new Map<string, Readonly<GoVersion>>();

/**
 * internal/gover.Parse: the zero GoVersion (all "") if x is not a valid Go version. The result
 * is shared between calls: read it, never change it.
 */
export function parseGoVersion(x: string): Readonly<GoVersion> {
  let v = parsedGo.get(x);
  if (v === undefined) {
    if (parsedGo.size >= 4096) parsedGo.clear();
    v = parseGo(x);
    parsedGo.set(x, v);
  }
  return v;
}

function parseGo(x: string): GoVersion {
  const v: GoVersion = { ...ZERO };
  let r = cutInt(x);
  if (!r) return { ...ZERO };
  [v.major, x] = r;
  if (x === '') {
    v.minor = '0';
    v.patch = '0';
    return v;
  }
  if (x[0] !== '.') return { ...ZERO };
  r = cutInt(x.slice(1));
  if (!r) return { ...ZERO };
  [v.minor, x] = r;
  if (x === '') {
    // "1.21" is a language version, "1.20" means "1.20.0".
    if (cmpInt(v.minor, '21') < 0) v.patch = '0';
    return v;
  }
  if (x[0] === '.') {
    r = cutInt(x.slice(1));
    if (!r || r[1] !== '') return { ...ZERO };
    v.patch = r[0];
    return v;
  }
  let i = 0;
  while (i < x.length && (x[i] < '0' || x[i] > '9')) {
    if (x[i] < 'a' || x[i] > 'z') return { ...ZERO };
    i++;
  }
  if (i === 0) return { ...ZERO };
  v.kind = x.slice(0, i);
  x = x.slice(i);
  if (x === '') return v;
  r = cutInt(x);
  if (!r || r[1] !== '') return { ...ZERO };
  v.pre = r[0];
  return v;
}

/** gover.Compare: "" and invalid versions sort below all valid ones. */
export function compareGo(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  const vx = parseGoVersion(x);
  const vy = parseGoVersion(y);
  return (
    cmpInt(vx.major, vy.major) ||
    cmpInt(vx.minor, vy.minor) ||
    cmpInt(vx.patch, vy.patch) ||
    compareStrings(vx.kind, vy.kind) || // "" < alpha < beta < rc
    cmpInt(vx.pre, vy.pre)
  );
}

/** gover.Max: y if x < y, else x. */
export function maxGo(x: string, y: string): string {
  return compareGo(x, y) < 0 ? y : x;
}

/** gover.IsLang: "1.21" yes, "1.21.0" and "1.21rc1" no. */
export function isLang(x: string): boolean {
  const v = parseGoVersion(x);
  return !isZero(v) && v.patch === '' && v.kind === '' && v.pre === '';
}

/** gover.Lang: the language version of x ("1.21.3" → "1.21", "1.0" → "1"). */
export function lang(x: string): string {
  const v = parseGoVersion(x);
  if (v.minor === '' || (v.major === '1' && v.minor === '0')) return v.major;
  return v.major + '.' + v.minor;
}

/** gover.IsValid */
export function isValidGo(x: string): boolean {
  return !isZero(parseGoVersion(x));
}

/** cmd/go/internal/gover.IsPrerelease: "1.21rc1" yes. */
export function isPrerelease(x: string): boolean {
  return parseGoVersion(x).kind !== '';
}

/** cmd/go/internal/gover.Prev: the previous language version ("1.21.3" → "1.20", "1.1" → "1"). */
export function prevGo(x: string): string {
  const v = parseGoVersion(x);
  if (cmpInt(v.minor, '1') <= 0) return v.major;
  return v.major + '.' + decInt(v.minor);
}

// cmd/go/internal/gover/version.go
/** Go version from which "all" is narrowed to packages imported by the main module's packages and tests. */
export const NarrowAllVersion = '1.16';
/** Go version assumed for a go.mod without a go line. */
export const DefaultGoModVersion = '1.16';
/** Go version assumed for a go.work without a go line. */
export const DefaultGoWorkVersion = '1.18';
/** From this go version on, go.mod lists every indirect dependency explicitly (graph pruning). */
export const ExplicitIndirectVersion = '1.17';
/** From this go version on, indirect requirements go in a separate require block. */
export const SeparateIndirectVersion = '1.17';
/** From this go version on, tidy keeps go.sum lines for go.mod files of modules it needs checksums for. */
export const TidyGoModSumVersion = '1.21';
/** From this go version on, the go line is a strict minimum requirement. */
export const GoStrictVersion = '1.21';
/** From this go version on, vendor/modules.txt records explicit ## go versions. */
export const ExplicitModulesTxtImportVersion = '1.23';

/** The reference go's runtime.Version(). */
const runtimeVersion = 'go1.23.5';
/**
 * The running go's own version (gover.Local) and toolchain name (gover.LocalToolchain): the
 * reference go's, unless a test hook overrides them (setTestVersion). Live bindings: read them
 * at use, never copy them at module load.
 */
export let Local = '1.23.5';
export let LocalToolchain = runtimeVersion;
/** gover.TestVersion: $TESTGO_VERSION as the test hook set it, or "". */
export let TestVersion = '';
/** runtime.Version() of the reference go. */
export const RuntimeVersion = runtimeVersion;

/**
 * Test hook, cmd/go/internal/gover/local.go TestVersion: cmd/go's test binary sets it from
 * $TESTGO_VERSION so scripts can pretend to run an older or newer go ("" restores the real one).
 * gover.local: a toolchain name that is not a Go version means a development build "go1.N".
 */
export function setTestVersion(testVersion: string): void {
  TestVersion = testVersion;
  const toolVers = testVersion !== '' ? testVersion : runtimeVersion;
  const goVers = fromToolchain(toolVers);
  if (goVers === '') {
    Local = lang(runtimeVersion.slice(2));
    LocalToolchain = 'go' + Local;
  } else {
    Local = goVers;
    LocalToolchain = toolVers;
  }
}

/** gover.FromGoMod / FromGoWork given the go line's version (undefined when absent). */
export function fromGoMod(goLine: string | undefined): string {
  return goLine ?? DefaultGoModVersion;
}
export function fromGoWork(goLine: string | undefined): string {
  return goLine ?? DefaultGoWorkVersion;
}

/** gover.FromToolchain: "go1.21.3" → "1.21.3", "go1.21-custom" → "1.21"; "" if not a Go toolchain name. */
export function fromToolchain(name: string): string {
  if (/[\\/]/.test(name)) return ''; // no path tricks
  if (!name.startsWith('go')) return '';
  let v = name.slice(2);
  const i = v.search(/[ \t-]/);
  if (i >= 0) v = v.slice(0, i);
  return isValidGo(v) ? v : '';
}

// gover.maybeToolchainVersion
function maybeToolchainVersion(name: string): string {
  return isValidGo(name) ? name : fromToolchain(name);
}

/** gover.ToolchainMax: the larger of two toolchain names ("go1.21" style). */
export function toolchainMax(x: string, y: string): string {
  return compareGo(fromToolchain(x), fromToolchain(y)) < 0 ? y : x;
}

/** gover.IsToolchain: the "go" and "toolchain" pseudo-modules. */
export function isToolchainPath(path: string): boolean {
  return path === 'go' || path === 'toolchain';
}

/** gover.ModCompare: versions of module path (Go versions for "go"/"toolchain", semver otherwise). */
export function modCompare(path: string, x: string, y: string): -1 | 0 | 1 {
  if (path === 'go') return compareGo(x, y);
  if (path === 'toolchain') return compareGo(maybeToolchainVersion(x), maybeToolchainVersion(y));
  return semverCompare(x, y);
}

/** gover.ModSort's ordering: path, then version (a "/go.mod"-style suffix sorts after the bare version). */
export function modLess(a: { path: string; version: string }, b: { path: string; version: string }): boolean {
  if (a.path !== b.path) return compareStrings(a.path, b.path) < 0;
  let vi = a.version;
  let vj = b.version;
  let fi = '';
  let fj = '';
  let k = vi.indexOf('/');
  if (k >= 0) [vi, fi] = [vi.slice(0, k), vi.slice(k)];
  k = vj.indexOf('/');
  if (k >= 0) [vj, fj] = [vj.slice(0, k), vj.slice(k)];
  if (vi !== vj) return modCompare(a.path, vi, vj) < 0;
  return compareStrings(fi, fj) < 0;
}

const modPath = (m: { path: string }) => m.path;

/** gover.ModSort: sorts in place (with Go's sort.Slice, so ties land where Go puts them) and returns the list. */
export function modSort<T extends { path: string; version: string }>(list: T[]): T[] {
  if (list.length > 12 && sortByDistinctKeys(list, modPath)) return list; // one version per path: no ties
  return goSortSlice(list, modLess);
}

/** gover.ModIsValid */
export function modIsValid(path: string, vers: string): boolean {
  if (isToolchainPath(path)) {
    if (path === 'toolchain') return isValidGo(fromToolchain(vers));
    return isValidGo(vers);
  }
  return semverIsValid(vers);
}

/** gover.ModIsPrefix: whether vers is a version prefix ("v1", "v1.2", "1.21") rather than a full version. */
export function modIsPrefix(path: string, vers: string): boolean {
  if (isToolchainPath(path)) {
    if (path === 'toolchain') return isLang(fromToolchain(vers));
    return isLang(vers);
  }
  let dots = 0;
  for (const c of vers) {
    if (c === '-' || c === '+') return false;
    if (c === '.') {
      dots++;
      if (dots >= 2) return false;
    }
  }
  return true;
}

/** gover.ModIsPrerelease */
export function modIsPrerelease(path: string, vers: string): boolean {
  if (isToolchainPath(path)) return isPrerelease(vers);
  return semverPrerelease(vers) !== '';
}

/** gover.ModMajorMinor */
export function modMajorMinor(path: string, vers: string): string {
  if (isToolchainPath(path)) {
    if (path === 'toolchain') return 'go' + lang(fromToolchain(vers));
    return lang(vers);
  }
  return semverMajorMinor(vers);
}

/** gover.GoModLookup: the value of the first "key value" line in a go.mod text ("" if none). */
export function goModLookup(gomod: string, key: string): string {
  for (const raw of gomod.split('\n')) {
    const line = trimSpace(raw);
    if (!line.startsWith(key)) continue;
    let s = line.slice(key.length);
    if (s.length === 0 || (s[0] !== ' ' && s[0] !== '\t')) continue;
    const c = s.indexOf('//');
    if (c >= 0) s = s.slice(0, c);
    return trimSpace(s);
  }
  return '';
}

// bytes.TrimSpace / strings.TrimSpace: Unicode White_Space.
function trimSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/, '').replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, '');
}

/**
 * gover.Startup: what toolchain selection saw at start-up (cmd/go/internal/toolchain/select.go
 * sets it; the CLI runs that selection). Unset (GOTOOLCHAIN undefined), explanations fall back to
 * the command's own $GOTOOLCHAIN. autoFile is the go.mod/go.work path as go shortens it.
 */
export const Startup: { GOTOOLCHAIN?: string; autoFile: string; autoGoVersion: string; autoToolchain: string } = {
  autoFile: '',
  autoGoVersion: '',
  autoToolchain: '',
};

/** Resets Startup (before each command run in-process). */
export function resetStartup(): void {
  delete Startup.GOTOOLCHAIN;
  Startup.autoFile = Startup.autoGoVersion = Startup.autoToolchain = '';
}

/** gover/toolchain.go: TooNewError.Error's explanation ("; GOTOOLCHAIN=local", "; go.mod sets go 1.22"). */
export function tooNewExplain(envGotoolchain: string): string {
  const tc = Startup.GOTOOLCHAIN ?? envGotoolchain;
  let explain = tc !== '' && tc !== 'auto' ? '; GOTOOLCHAIN=' + tc : '';
  if (Startup.autoFile !== '' && (Startup.autoGoVersion !== '' || Startup.autoToolchain !== '')) {
    explain += `; ${Startup.autoFile} sets ` + (Startup.autoToolchain !== '' ? 'toolchain ' + Startup.autoToolchain : 'go ' + Startup.autoGoVersion);
  }
  return explain;
}

/**
 * gover.TooNewError: "<what> requires go >= <goVersion> (running go 1.23.5<explain>)".
 * explain is what gover.Startup adds ("; GOTOOLCHAIN=local", "; go.mod sets go 1.22").
 */
export class TooNewError extends Error {
  constructor(
    readonly what: string,
    readonly goVersion: string,
    readonly explain = '',
    readonly toolchain = '',
  ) {
    super(`${what} requires go >= ${goVersion} (running go ${Local}${explain})`);
    this.name = 'TooNewError';
  }
}
