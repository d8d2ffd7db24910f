// Build-tag matching the way cmd/go does it for tidy, vendor, why and package loading:
// cmd/go/internal/imports/build.go (ShouldBuild, parseFileHeader, matchTag, eval, MatchFile),
// imports/tags.go (Tags, AnyTags) and the index variant in modindex/build.go (getConstraints)
// and modindex/read.go (shouldBuild).
import { archTags, parseGOEXPERIMENT } from '../buildcfg';
import { type Expr, isPlusBuild, tryParseConstraint } from './constraint';
import { goString } from './utf8';

/**
 * A tag set as cmd/go passes it around (map[string]bool of true tags). The special member "*"
 * (see anyTags) makes every tag except "ignore" count as both true and false.
 * `goos` is cfg.BuildContext.GOOS, consulted only for the "unix" tag.
 */
export interface Tags {
  readonly set: ReadonlySet<string>;
  readonly goos?: string;
}

/** imports/tags.go: AnyTags — {"*": true}. */
export const anyTags: Tags = Object.freeze({ set: new Set(['*']) as ReadonlySet<string> });

/** Builds a concrete tag set like imports/tags.go: loadTags. */
export function concreteTags(opts: {
  goos: string;
  goarch: string;
  compiler?: string; // "gc"
  cgo?: boolean;
  buildTags?: readonly string[];
  toolTags?: readonly string[];
  /** Go 1.x minor of the toolchain: release tags go1.1 … go1.N. Default 23. */
  goMinor?: number;
  releaseTags?: readonly string[];
}): Tags {
  const set = new Set<string>([opts.goos, opts.goarch, opts.compiler ?? 'gc']);
  if (opts.cgo) set.add('cgo');
  for (const t of opts.buildTags ?? []) set.add(t);
  for (const t of opts.toolTags ?? []) set.add(t);
  const rel = opts.releaseTags ?? Array.from({ length: opts.goMinor ?? 23 }, (_, i) => `go1.${i + 1}`);
  for (const t of rel) set.add(t);
  return { set, goos: opts.goos };
}

let defaultCCFound: boolean | (() => boolean) = true;

/**
 * Whether the default C compiler ($CC unset) is on $PATH — cfg.go: since Go 1.20 cgo defaults to
 * off without one. The CLI passes a lookup, run on first need; the page's machine has Debian's gcc.
 */
export function setDefaultCCFound(found: boolean | (() => boolean)): void {
  defaultCCFound = found;
}

function ccFound(): boolean {
  if (typeof defaultCCFound === 'function') defaultCCFound = defaultCCFound();
  return defaultCCFound;
}

/**
 * The build context's CgoEnabled (go/build defaultContext, cmd/go/internal/cfg): CGO_ENABLED=1 or
 * 0 decides; otherwise cgo is on when building for the host (linux/amd64, where cgo is supported)
 * and $CC is set or the default C compiler is found.
 */
export function cgoEnabled(getenv: (key: string) => string): boolean {
  const v = getenv('CGO_ENABLED');
  if (v === '0' || v === '1') return v === '1';
  return (getenv('GOOS') || 'linux') === 'linux' && (getenv('GOARCH') || 'amd64') === 'amd64' && (getenv('CC') !== '' || ccFound());
}

/**
 * modload.Tags (imports/tags.go: loadTags) for the build context the environment describes:
 * $GOOS, $GOARCH, cgo when enabled (cgoEnabled), the -tags flag's list (space or comma separated) and
 * the tool tags (architecture features, experiments).
 */
export function contextTags(getenv: (key: string) => string, tagFlag = ''): Tags {
  const goos = getenv('GOOS') || 'linux';
  const goarch = getenv('GOARCH') || 'amd64';
  const cgo = cgoEnabled(getenv);
  const buildTags = tagFlag.split(/[ ,]/).filter((t) => t !== '');
  // cfg.go: build.Default's tool tags (buildcfg.ToolTags: the architecture feature tags) and the
  // goexperiment.* tag of each enabled experiment
  const exp = parseGOEXPERIMENT(goarch, getenv('GOEXPERIMENT'));
  const toolTags = [...archTags(goarch, getenv), ...('enabled' in exp ? exp.enabled : []).map((e) => 'goexperiment.' + e)];
  return concreteTags({ goos, goarch, cgo, buildTags, toolTags });
}

/** go/build syslist: every GOOS Go knows (for file-name suffixes). */
export const knownOS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux',
  'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);

/** GOOS values matched by the "unix" tag (not used for file names). */
export const unixOS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd',
  'openbsd', 'solaris',
]);

/** go/build syslist: every GOARCH Go knows. */
export const knownArch: ReadonlySet<string> = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'mips',
  'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'loong64', 'ppc', 'riscv', 'riscv64',
  's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

export const isKnownOS = (s: string): boolean => knownOS.has(s);
export const isKnownArch = (s: string): boolean => knownArch.has(s);

/** Built on first use (a Unicode property class costs up to a millisecond to build). */
let tagNameRe: RegExp | undefined;

/**
 * imports/build.go: matchTag. Invalid names are false; with "*" every non-empty name other
 * than "ignore" yields `prefer`; otherwise the set decides, with linux⇐android,
 * solaris⇐illumos, darwin⇐ios and unix⇐(GOOS is a Unix).
 */
export function matchTag(name: string, tags: Tags, prefer: boolean): boolean {
  if (!(tagNameRe ??= /^[\p{L}\p{Nd}_.]*$/u).test(name)) return false;
  const set = tags.set;
  if (set.has('*') && name !== '' && name !== 'ignore') return prefer;
  if (set.has(name)) return true;
  switch (name) {
    case 'linux':
      return set.has('android');
    case 'solaris':
      return set.has('illumos');
    case 'darwin':
      return set.has('ios');
    case 'unix':
      return unixOS.has(tags.goos ?? '');
    default:
      return false;
  }
}

/** imports/build.go: eval — `prefer` flips under negation so "*" satisfies both x and !x. */
export function evalTags(x: Expr, tags: Tags, prefer = true): boolean {
  switch (x.kind) {
    case 'tag':
      return matchTag(x.tag, tags, prefer);
    case 'not':
      return !evalTags(x.x, tags, !prefer);
    case 'and': {
      const a = evalTags(x.x, tags, prefer);
      return a && evalTags(x.y, tags, prefer);
    }
    case 'or': {
      const a = evalTags(x.x, tags, prefer);
      return a || evalTags(x.y, tags, prefer);
    }
  }
}

// ---- header scanning over bytes ----

const utf8 = new TextEncoder();

export function toBytes(content: Uint8Array | string): Uint8Array {
  return typeof content === 'string' ? utf8.encode(content) : content;
}

/** Go's string(b) as text (invalid bytes become U+FFFD one by one). */
export function bytesToString(b: Uint8Array): string {
  return goString(b);
}

/** Length of the Unicode White_Space rune encoded at b[i] (0 if none). */
function spaceLenAt(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c === 0xc2 && i + 1 < end && (b[i + 1] === 0x85 || b[i + 1] === 0xa0)) return 2;
  if (i + 2 < end) {
    const c1 = b[i + 1];
    const c2 = b[i + 2];
    if (c === 0xe1 && c1 === 0x9a && c2 === 0x80) return 3; // U+1680
    if (c === 0xe2 && c1 === 0x80 && ((c2 >= 0x80 && c2 <= 0x8a) || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf)) return 3;
    if (c === 0xe2 && c1 === 0x81 && c2 === 0x9f) return 3; // U+205F
    if (c === 0xe3 && c1 === 0x80 && c2 === 0x80) return 3; // U+3000
  }
  return 0;
}

function spaceLenBefore(b: Uint8Array, start: number, j: number): number {
  const c = b[j - 1];
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return 1;
  for (const n of [2, 3]) if (j - n >= start && spaceLenAt(b, j - n, j) === n) return n;
  return 0;
}

/** bytes.TrimSpace on b[start:end]: returns the trimmed [start, end). */
export function trimSpaceRange(b: Uint8Array, start: number, end: number): [number, number] {
  let n: number;
  while (start < end && (n = spaceLenAt(b, start, end)) > 0) start += n;
  while (end > start && (n = spaceLenBefore(b, start, end)) > 0) end -= n;
  return [start, end];
}

function hasPrefix(b: Uint8Array, s: number, e: number, p: string): boolean {
  if (e - s < p.length) return false;
  for (let k = 0; k < p.length; k++) if (b[s + k] !== p.charCodeAt(k)) return false;
  return true;
}

function indexOf(b: Uint8Array, s: number, e: number, p: string): number {
  outer: for (let i = s; i + p.length <= e; i++) {
    for (let k = 0; k < p.length; k++) if (b[i + k] !== p.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

function isGoBuildCommentAt(b: Uint8Array, s: number, e: number): boolean {
  if (!hasPrefix(b, s, e, '//go:build')) return false;
  const [ts, te] = trimSpaceRange(b, s, e);
  const rs = ts + '//go:build'.length;
  if (te - rs === 0) return true;
  const [r1, r2] = trimSpaceRange(b, rs, te);
  return r2 - r1 < te - rs;
}

export interface FileHeader {
  /** Byte length of the leading part where // +build lines count (ends after the last blank line). */
  end: number;
  /** The (trimmed) //go:build line, if any. */
  goBuild?: string;
  binaryOnly: boolean;
  /** "multiple //go:build comments" */
  error?: string;
}

/** imports/build.go + modindex/build.go: parseFileHeader. */
export function parseFileHeader(content: Uint8Array | string): FileHeader {
  const b = toBytes(content);
  let end = 0;
  let p = 0;
  let ended = false;
  let inSlashStar = false;
  let goBuild: string | undefined;
  let binaryOnly = false;
  lines: while (p < b.length) {
    let le = b.indexOf(0x0a, p);
    let next: number;
    if (le >= 0) next = le + 1;
    else {
      le = b.length;
      next = b.length;
    }
    let [ls, lend] = trimSpaceRange(b, p, le);
    p = next;
    if (lend === ls && !ended) {
      end = p; // position after the most recent blank line
      continue;
    }
    if (!hasPrefix(b, ls, lend, '//')) ended = true;
    if (!inSlashStar && isGoBuildCommentAt(b, ls, lend)) {
      if (goBuild !== undefined) return { end: 0, binaryOnly: false, error: 'multiple //go:build comments' };
      goBuild = bytesToString(b.subarray(ls, lend));
    }
    if (!inSlashStar && lend - ls === 24 && hasPrefix(b, ls, lend, '//go:binary-only-package')) binaryOnly = true;
    while (lend > ls) {
      if (inSlashStar) {
        const i = indexOf(b, ls, lend, '*/');
        if (i >= 0) {
          inSlashStar = false;
          [ls, lend] = trimSpaceRange(b, i + 2, lend);
          continue;
        }
        continue lines;
      }
      if (hasPrefix(b, ls, lend, '//')) continue lines;
      if (hasPrefix(b, ls, lend, '/*')) {
        inSlashStar = true;
        [ls, lend] = trimSpaceRange(b, ls + 2, lend);
        continue;
      }
      break lines; // non-comment text
    }
  }
  return { end, goBuild, binaryOnly };
}

export interface Constraints {
  /** The //go:build line ("" when absent). */
  goBuild: string;
  /** The // +build lines in the header (only collected when there is no //go:build line). */
  plusBuild: string[];
  binaryOnly: boolean;
  error?: string;
}

/** modindex/build.go: getConstraints — what the module index records for a file header. */
export function getConstraints(content: Uint8Array | string): Constraints {
  const b = toBytes(content);
  const h = parseFileHeader(b);
  if (h.error !== undefined) return { goBuild: '', plusBuild: [], binaryOnly: false, error: h.error };
  const plusBuild: string[] = [];
  if (h.goBuild === undefined) {
    let p = 0;
    while (p < h.end) {
      let le = b.indexOf(0x0a, p);
      if (le < 0 || le >= h.end) le = h.end;
      const [ls, lend] = trimSpaceRange(b, p, le);
      p = le + 1;
      if (!hasPrefix(b, ls, lend, '//') || indexOf(b, ls, lend, '+build') < 0) continue;
      const text = bytesToString(b.subarray(ls, lend));
      if (!isPlusBuild(text)) continue;
      plusBuild.push(text);
    }
  }
  return { goBuild: h.goBuild ?? '', plusBuild, binaryOnly: h.binaryOnly };
}

/** modindex/read.go: shouldBuild over recorded constraints. */
export function shouldBuildConstraints(c: { goBuild: string; plusBuild: readonly string[] }, tags: Tags): boolean {
  if (c.goBuild !== '') {
    const r = tryParseConstraint(c.goBuild);
    return r.expr !== undefined && evalTags(r.expr, tags, true);
  }
  for (const text of c.plusBuild) {
    const r = tryParseConstraint(text);
    if (r.expr !== undefined && !evalTags(r.expr, tags, true)) return false;
  }
  return true;
}

/**
 * imports/build.go: ShouldBuild — whether a file's header constraints accept it under tags.
 * A //go:build line controls when present (a parse error rejects the file); otherwise every
 * valid // +build line in the leading comment block (before a blank line) must match.
 * Multiple //go:build lines reject the file.
 */
export function shouldBuild(content: Uint8Array | string, tags: Tags): boolean {
  const c = getConstraints(content);
  if (c.error !== undefined) return false;
  return shouldBuildConstraints(c, tags);
}

/**
 * imports/build.go: MatchFile — false if the name has a _GOOS, _GOARCH or _GOOS_GOARCH suffix
 * (before an optional _test, after the first "_", ignoring everything from the first ".")
 * that the tags do not satisfy. Always true under anyTags.
 */
export function matchFile(name: string, tags: Tags): boolean {
  if (tags.set.has('*')) return true;
  const dot = name.indexOf('.');
  if (dot >= 0) name = name.slice(0, dot);
  const i = name.indexOf('_');
  if (i < 0) return true;
  const l = name.slice(i).split('_');
  if (l.length > 0 && l[l.length - 1] === 'test') l.pop();
  const n = l.length;
  if (n >= 2 && knownOS.has(l[n - 2]) && knownArch.has(l[n - 1])) {
    return matchTag(l[n - 2], tags, true) && matchTag(l[n - 1], tags, true);
  }
  if (n >= 1 && knownOS.has(l[n - 1])) return matchTag(l[n - 1], tags, true);
  if (n >= 1 && knownArch.has(l[n - 1])) return matchTag(l[n - 1], tags, true);
  return true;
}
