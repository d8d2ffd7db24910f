// Pseudo-versions ("v0.0.0-20191109021931-daa7c04131f5"): the rules of
// golang.org/x/mod/module/pseudo.go (Go 1.23's vendored copy).
import { goQuote, InvalidVersionError } from './module';
import { build as semverBuild, canonical as semverCanonical, isValid as semverIsValid, major as semverMajor, prerelease as semverPrerelease } from './semver';

// pseudo.go: pseudoVersionRE (Go's \d is ASCII, as is JS's without the u flag).
const pseudoVersionRE = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** module.PseudoVersionTimestampFormat as a description: yyyymmddhhmmss in UTC. */
export const PseudoVersionTimestampFormat = '20060102150405';

/** Formats t (UTC) as a 14-digit pseudo-version timestamp; a string is taken as already formatted. */
export function pseudoTimestamp(t: Date | string): string {
  if (typeof t === 'string') return t;
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const y = t.getUTCFullYear();
  const year = y < 0 ? '-' + p(-y, 4) : p(y, 4);
  return year + p(t.getUTCMonth() + 1, 2) + p(t.getUTCDate(), 2) + p(t.getUTCHours(), 2) + p(t.getUTCMinutes(), 2) + p(t.getUTCSeconds(), 2);
}

// pseudo.go: incDecimal
function incDecimal(decimal: string): string {
  const d = decimal.split('');
  let i = d.length - 1;
  for (; i >= 0 && d[i] === '9'; i--) d[i] = '0';
  if (i >= 0) d[i] = String.fromCharCode(d[i].charCodeAt(0) + 1);
  else {
    d[0] = '1';
    d.push('0');
  }
  return d.join('');
}

// pseudo.go: decDecimal
function decDecimal(decimal: string): string {
  const d = decimal.split('');
  let i = d.length - 1;
  for (; i >= 0 && d[i] === '0'; i--) d[i] = '9';
  if (i < 0) return '';
  if (i === 0 && d[i] === '1' && d.length > 1) d.shift();
  else d[i] = String.fromCharCode(d[i].charCodeAt(0) - 1);
  return d.join('');
}

/**
 * module.PseudoVersion: the pseudo-version for revision rev at time t, just above the tag
 * `older` ("" when there is none) within major version `major` ("" means "v0").
 */
export function pseudoVersion(major: string, older: string, t: Date | string, rev: string): string {
  if (major === '') major = 'v0';
  const segment = `${pseudoTimestamp(t)}-${rev}`;
  const build = semverBuild(older);
  older = semverCanonical(older);
  if (older === '') return `${major}.0.0-${segment}`; // vX.0.0-yyyymmddhhmmss-abcdef
  if (semverPrerelease(older) !== '') return `${older}.0.${segment}${build}`; // vX.Y.Z-pre.0.yyyy...
  const i = older.lastIndexOf('.') + 1;
  return `${older.slice(0, i)}${incDecimal(older.slice(i))}-0.${segment}${build}`; // vX.Y.(Z+1)-0.yyyy...
}

/** module.ZeroPseudoVersion: "vN.0.0-00010101000000-000000000000". */
export function zeroPseudoVersion(major: string): string {
  return pseudoVersion(major, '', '00010101000000', '000000000000');
}

/** module.IsPseudoVersion */
export function isPseudoVersion(v: string): boolean {
  return v.split('-').length - 1 >= 2 && semverIsValid(v) && pseudoVersionRE.test(v);
}

/** module.IsZeroPseudoVersion */
export function isZeroPseudoVersion(v: string): boolean {
  return v === zeroPseudoVersion(semverMajor(v));
}

const syntaxError = () => new Error('syntax error');

// pseudo.go: parsePseudoVersion
function parsePseudoVersion(v: string): { base: string; timestamp: string; rev: string; build: string } {
  if (!isPseudoVersion(v)) throw new InvalidVersionError(v, syntaxError(), true);
  const build = semverBuild(v);
  v = v.slice(0, v.length - build.length);
  const j = v.lastIndexOf('-');
  const rev = v.slice(j + 1);
  v = v.slice(0, j);
  const i = v.lastIndexOf('-');
  const k = v.lastIndexOf('.');
  if (k > i) return { base: v.slice(0, k), timestamp: v.slice(k + 1), rev, build };
  return { base: v.slice(0, i), timestamp: v.slice(i + 1), rev, build };
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** module.PseudoVersionTime: the UTC time in v; throws InvalidVersionError (pseudo) on bad syntax or time. */
export function pseudoVersionTime(v: string): Date {
  const { timestamp } = parsePseudoVersion(v);
  // time.Parse("20060102150405", ts): ranges checked, day against the month's length.
  const n = (a: number, b: number) => Number(timestamp.slice(a, b));
  const [year, month, day, hour, min, sec] = [n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || min > 59 || sec > 59) {
    throw new InvalidVersionError(v, new Error(`malformed time ${goQuote(timestamp)}`), true);
  }
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, min, sec, 0);
  return d;
}

/** module.PseudoVersionRev: the revision identifier of v; throws InvalidVersionError (pseudo). */
export function pseudoVersionRev(v: string): string {
  return parsePseudoVersion(v).rev;
}

/**
 * module.PseudoVersionBase: the tagged version v is based on ("" for a vX.0.0 pseudo-version);
 * throws InvalidVersionError (pseudo).
 */
export function pseudoVersionBase(v: string): string {
  let { base, build } = parsePseudoVersion(v);
  const pre = semverPrerelease(base);
  if (pre === '') {
    if (build !== '') {
      throw new InvalidVersionError(v, new Error(`lacks base version, but has build metadata ${goQuote(build)}`), true);
    }
    return '';
  }
  if (pre === '-0') {
    base = base.slice(0, base.length - pre.length);
    const i = base.lastIndexOf('.');
    if (i < 0) throw new Error('base from parsePseudoVersion missing patch number: ' + base);
    const patch = decDecimal(base.slice(i + 1));
    if (patch === '') {
      throw new InvalidVersionError(v, new Error(`version before ${base} would have negative patch number`), true);
    }
    return base.slice(0, i + 1) + patch + build;
  }
  if (!base.endsWith('.0')) throw new Error('base from parsePseudoVersion missing ".0" before date: ' + base);
  return base.slice(0, -2) + build;
}
