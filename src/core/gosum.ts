// go.sum: reading, formatting, and the bookkeeping cmd/go does before writing it back.
// Rules from cmd/go/internal/modfetch/fetch.go (readGoSum, HaveSum, RecordedSum, checkModSum,
// haveModSumLocked, addModSumLocked, TrimGoSum, WriteGoSum, tidyGoSum) and
// cmd/go/internal/modload/init.go (modkey).

import { compareUTF8, goFields, utf8Decode } from './gostrings';
import { sortModuleVersions, type ModuleVersion } from './module';

/**
 * The hash of a one-file tree holding an empty go.mod. An old bug wrote it into go.sum for
 * non-modules; readGoSum drops such lines (fetch.go: emptyGoModHash).
 */
export const EMPTY_GO_MOD_HASH = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=';

/**
 * A go.sum line without exactly three fields. cmd/go prints the message as is (base.Fatalf: no
 * "go: " prefix) followed by a newline, and exits 1. `file` is the path go names: the absolute
 * path of the main module's go.sum (or of go.work.sum in workspace mode).
 */
export class MalformedGoSumError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly fields: number,
  ) {
    super(`malformed go.sum:\n${file}:${line}: wrong number of fields ${fields}`);
    this.name = 'MalformedGoSumError';
  }
}

const goSumMismatch = `

SECURITY ERROR
This download does NOT match an earlier download recorded in go.sum.
The bits may have been replaced on the origin server, or an attacker may
have intercepted the download attempt.

For more information, see 'go help module-auth'.
`;

const hashVersionMismatch = `

SECURITY WARNING
This download is listed in go.sum, but using an unknown hash algorithm.
The download cannot be verified.

For more information, see 'go help module-auth'.

`;

/** A downloaded hash that differs from an h1: hash recorded in go.sum (haveModSumLocked; fatal in go). */
export class ChecksumMismatchError extends Error {
  /** modfetch reports a mismatch with base.Fatalf: it ends the command wherever it happens. */
  readonly fatal = true;
  constructor(
    readonly mod: ModuleVersion,
    readonly downloaded: string,
    /** "go.sum", "go.work.sum", or a workspace module's go.sum path. */
    readonly sumFile: string,
    readonly recorded: string,
  ) {
    super(
      `verifying ${mod.path}@${mod.version}: checksum mismatch\n\tdownloaded: ${downloaded}\n\t${sumFile}:     ${recorded}` +
        goSumMismatch,
    );
    this.name = 'ChecksumMismatchError';
  }
}

/** The go.sum key of a module's go.mod hash: version + "/go.mod" (modload/init.go: modkey). */
export function goModKey(m: ModuleVersion): ModuleVersion {
  return { path: m.path, version: m.version + '/go.mod' };
}

function keyOf(path: string, version: string): string {
  return path + '\u0000' + version;
}

/** go.sum contents: hashes per (path, version), where version may end in "/go.mod". */
export class GoSumMap {
  private readonly m = new Map<string, { mod: ModuleVersion; hashes: string[] }>();

  /** Hashes recorded for the key, in the order read/added (may contain duplicates). */
  get(mod: ModuleVersion): readonly string[] {
    return this.m.get(keyOf(mod.path, mod.version))?.hashes ?? [];
  }

  has(mod: ModuleVersion): boolean {
    return this.m.has(keyOf(mod.path, mod.version));
  }

  /** Appends a hash for the key (no de-duplication, as Go's map of slices). */
  add(mod: ModuleVersion, hash: string): void {
    const k = keyOf(mod.path, mod.version);
    const e = this.m.get(k);
    if (e) e.hashes.push(hash);
    else this.m.set(k, { mod: { path: mod.path, version: mod.version }, hashes: [hash] });
  }

  delete(mod: ModuleVersion): boolean {
    return this.m.delete(keyOf(mod.path, mod.version));
  }

  get size(): number {
    return this.m.size;
  }

  /** Keys in insertion order (callers that need Go's order use sortedKeys). */
  keys(): ModuleVersion[] {
    return [...this.m.values()].map((e) => e.mod);
  }

  /** Keys in module.Sort order: path, then semver, "/go.mod" after the bare version. */
  sortedKeys(): ModuleVersion[] {
    return sortModuleVersions(this.keys());
  }

  /** The key's hashes sorted (byte order) and de-duplicated, as tidyGoSum writes them. */
  sortedHashes(mod: ModuleVersion): string[] {
    return uniqSorted(this.get(mod));
  }

  clone(): GoSumMap {
    const c = new GoSumMap();
    for (const e of this.m.values()) for (const h of e.hashes) c.add(e.mod, h);
    return c;
  }
}

function uniqSorted(list: readonly string[]): string[] {
  const s = [...list].sort(compareUTF8);
  return s.filter((h, i) => i === 0 || h !== s[i - 1]);
}

const plainSumLine = /^[!-~]+ [!-~]+ [!-~]+$/;

export interface ReadGoSumOptions {
  /** Skip lines with the wrong number of fields instead of failing (what `go mod tidy` does). */
  ignoreMalformed?: boolean;
}

/**
 * readGoSum: adds the lines of data to dst. Lines are split at '\n' only; fields are split at
 * any Unicode space (so "\r", tabs and U+00A0 separate fields); blank lines are skipped; lines
 * holding EMPTY_GO_MOD_HASH are dropped. Returns the error for the first line without exactly
 * three fields (lines before it have been added), unless ignoreMalformed.
 */
export function readGoSum(
  dst: GoSumMap,
  file: string,
  data: string | Uint8Array,
  opts: ReadGoSumOptions = {},
): MalformedGoSumError | undefined {
  const text = typeof data === 'string' ? data : utf8Decode(data);
  let lineno = 0;
  let pos = 0;
  while (pos < text.length) {
    lineno++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    // the usual line, three fields of printable ASCII between single spaces, split natively
    const f = plainSumLine.test(line) ? line.split(' ') : goFields(line);
    pos = end + 1;
    if (f.length === 0) continue;
    if (f.length !== 3) {
      if (opts.ignoreMalformed) continue;
      return new MalformedGoSumError(file, lineno, f.length);
    }
    if (f[2] === EMPTY_GO_MOD_HASH) continue;
    dst.add({ path: f[0]!, version: f[1]! }, f[2]!);
  }
  return undefined;
}

/** Parses go.sum text; throws MalformedGoSumError. */
export function parseGoSum(file: string, data: string | Uint8Array, opts: ReadGoSumOptions = {}): GoSumMap {
  const m = new GoSumMap();
  const err = readGoSum(m, file, data, opts);
  if (err) throw err;
  return m;
}

/**
 * Formats sums as go writes go.sum: keys in module.Sort order, each key's hashes sorted and
 * de-duplicated, one "path version hash\n" line each. include filters lines.
 */
export function formatGoSum(sums: GoSumMap, include?: (mod: ModuleVersion, hash: string) => boolean): string {
  let out = '';
  for (const m of sums.sortedKeys()) {
    for (const h of sums.sortedHashes(m)) {
      if (!include || include(m, h)) out += `${m.path} ${m.version} ${h}\n`;
    }
  }
  return out;
}

/** Adds to dst every (key, hash) of src that dst does not already list. */
export function mergeGoSum(dst: GoSumMap, src: GoSumMap): void {
  for (const m of src.keys()) {
    for (const h of src.get(m)) if (!dst.get(m).includes(h)) dst.add(m, h);
  }
}

export interface SumStatus {
  /** The sum was checked against a download in this run. */
  used: boolean;
  /** The sum is new (added this run) or marked for removal (TrimGoSum). */
  dirty: boolean;
}

/** Which keys a write keeps (modload's keepSums result; go.mod sums use goModKey). */
export type KeepSums = (mod: ModuleVersion) => boolean;

/**
 * go.sum state during one go command (fetch.go's goSum): the main go.sum (or go.work.sum),
 * the go.sum files of workspace modules, and per-(key, hash) status.
 */
export class GoSumState {
  private mV: GoSumMap | undefined;
  private wV: Map<string, GoSumMap> | undefined;
  /** Parses the files on first use (deferred). */
  private pending: (() => { m: GoSumMap; w: Map<string, GoSumMap> }) | undefined;
  readonly status = new Map<string, SumStatus>();
  /** The keys of status ever set dirty (since the last write), with their sums. */
  private readonly marked = new Map<string, { mod: ModuleVersion; h: string }>();
  /** Set by trim: write without re-reading the file. */
  overwrite = false;
  /** Warnings go prints to stderr (unknown hash algorithms). */
  readonly warnings: string[] = [];

  private constructor(
    /** Path of the go.sum being maintained (GoSumFile). */
    readonly file: string,
    m: GoSumMap | undefined,
    w: Map<string, GoSumMap> | undefined,
    private readonly readOpts: ReadGoSumOptions,
  ) {
    this.mV = m;
    this.wV = w;
  }

  /** The main go.sum's sums (parsed on first use when deferred). */
  get m(): GoSumMap {
    this.parsePending();
    return this.mV!;
  }

  set m(v: GoSumMap) {
    this.parsePending();
    this.mV = v;
  }

  /** Workspace modules' go.sum files, by path. */
  get w(): Map<string, GoSumMap> {
    this.parsePending();
    return this.wV!;
  }

  private parsePending(): void {
    if (this.pending === undefined) return;
    const r = this.pending(); // throws again on every use, as each of go's would exit
    this.pending = undefined;
    this.mV = r.m;
    this.wV = r.w;
  }

  /**
   * initGoSum: reads workspace modules' go.sum files, then the main one (missing files are
   * passed as ""). Throws MalformedGoSumError unless opts.ignoreMalformed (go mod tidy).
   */
  static load(
    file: string,
    data: string | Uint8Array,
    workspace: { file: string; data: string | Uint8Array }[] = [],
    opts: ReadGoSumOptions = {},
  ): GoSumState {
    const w = new Map<string, GoSumMap>();
    for (const ws of workspace) {
      const wm = new GoSumMap();
      w.set(ws.file, wm);
      const err = readGoSum(wm, ws.file, ws.data, opts);
      if (err) throw err;
    }
    return new GoSumState(file, parseGoSum(file, data, opts), w, opts);
  }

  /**
   * fetch.go initGoSum as go calls it: the files are parsed at the first question asked of them
   * (checkModSum, HaveSum, TrimGoSum...), so a command that never asks never reads a malformed
   * go.sum, and one whose module lookup fails first reports that. fail maps a parse error to the
   * error that ends the command (readGoSum's base.Fatalf).
   */
  static deferred(
    file: string,
    data: string | Uint8Array,
    workspace: { file: string; data: string | Uint8Array }[],
    opts: ReadGoSumOptions,
    fail: (e: Error) => Error,
  ): GoSumState {
    const st = new GoSumState(file, undefined, undefined, opts);
    st.pending = () => {
      try {
        const loaded = GoSumState.load(file, data, workspace, opts);
        return { m: loaded.m, w: loaded.w };
      } catch (e) {
        throw fail(e as Error);
      }
    };
    return st;
  }

  private st(mod: ModuleVersion, h: string): SumStatus {
    return this.status.get(keyOf(mod.path, mod.version) + '\u0000' + h) ?? { used: false, dirty: false };
  }

  private setSt(mod: ModuleVersion, h: string, s: SumStatus): void {
    const k = keyOf(mod.path, mod.version) + '\u0000' + h;
    this.status.set(k, s);
    if (s.dirty) this.marked.set(k, { mod: { path: mod.path, version: mod.version }, h });
  }

  private *allMaps(): Generator<GoSumMap> {
    yield* this.w.values();
    yield this.m;
  }

  /** HaveSum: an h1: hash for mod that is not dirty is recorded. */
  haveSum(mod: ModuleVersion): boolean {
    for (const sums of this.allMaps()) {
      for (const h of sums.get(mod)) {
        if (h.startsWith('h1:') && !this.st(mod, h).dirty) return true;
      }
    }
    return false;
  }

  /**
   * RecordedSum: the single non-dirty h1: hash recorded for mod; ok is false when two differ.
   * (As in Go, no entry gives sum "" with ok true.)
   */
  recordedSum(mod: ModuleVersion): { sum: string; ok: boolean } {
    let found = '';
    for (const sums of this.allMaps()) {
      for (const h of sums.get(mod)) {
        if (!h.startsWith('h1:') || this.st(mod, h).dirty) continue;
        if (found !== '' && found !== h) return { sum: '', ok: false };
        found = h;
      }
    }
    return { sum: found, ok: true };
  }

  /** haveModSumLocked: whether (mod, h) is listed; throws ChecksumMismatchError on a conflicting h1: hash. */
  private haveModSum(mod: ModuleVersion, h: string): boolean {
    const main = this.m.get(mod);
    for (let i = 0; i < main.length; i++) {
      const vh = main[i]!;
      if (h === vh) return true;
      if (vh.startsWith('h1:')) {
        throw new ChecksumMismatchError(mod, h, this.file.endsWith('go.work.sum') ? 'go.work.sum' : 'go.sum', vh);
      }
    }
    if (this.w.size === 0) return false;
    let found = false;
    for (const [f, sums] of this.w) {
      for (const vh of sums.get(mod)) {
        if (h === vh) found = true;
        else if (vh.startsWith('h1:')) throw new ChecksumMismatchError(mod, h, f, vh);
      }
    }
    return found;
  }

  /** addModSumLocked. */
  private addModSum(mod: ModuleVersion, h: string): void {
    if (this.haveModSum(mod, h)) return;
    const prev = this.m.get(mod);
    if (prev.length > 0) {
      this.warnings.push(
        `warning: verifying ${mod.path}@${mod.version}: unknown hashes in go.sum: ${prev.join(', ')}; adding ${h}` +
          hashVersionMismatch,
      );
    }
    this.m.add(mod, h);
  }

  /**
   * The go.sum half of checkModSum: marks (mod, h) used and reports whether it was already
   * listed. Throws ChecksumMismatchError. When it returns false the caller consults the
   * checksum database if appropriate and then calls add.
   */
  check(mod: ModuleVersion, h: string): boolean {
    const done = this.haveModSum(mod, h);
    this.setSt(mod, h, { ...this.st(mod, h), used: true });
    return done;
  }

  /** The end of checkModSum: records a newly verified (mod, h) as used and dirty. */
  add(mod: ModuleVersion, h: string): void {
    this.addModSum(mod, h);
    this.setSt(mod, h, { ...this.st(mod, h), dirty: true });
  }

  /** check then add: the whole of checkModSum when no checksum database is involved. */
  checkAndAdd(mod: ModuleVersion, h: string): void {
    if (!this.check(mod, h)) this.add(mod, h);
  }

  /** TrimGoSum: marks every sum whose key is not kept for removal. */
  trim(keep: KeepSums): void {
    for (const m of this.m.keys()) {
      if (keep(m)) continue;
      for (const h of this.m.get(m)) this.setSt(m, h, { used: false, dirty: true });
      this.overwrite = true;
    }
  }

  /**
   * WriteGoSum's test: some sum of the go.sum map is dirty and either unused (trimmed) or used
   * and kept. Only a dirty status can answer yes: the statuses are walked, not the map.
   */
  needsWrite(keep: KeepSums): boolean {
    for (const [k, { mod, h }] of this.marked) {
      const st = this.status.get(k)!;
      if (st.dirty && this.m.get(mod).includes(h) && (!st.used || keep(mod))) return true;
    }
    return false;
  }

  private inWorkspaceModules(m: ModuleVersion): boolean {
    for (const sums of this.w.values()) if (sums.has(m)) return true;
    return false;
  }

  /**
   * tidyGoSum: the new go.sum text given the file's current content. Unless trimmed
   * (overwrite), the file is re-read and the sums used in this run are added back. A line is
   * written if it is not dirty, or used and kept; sums of workspace modules are never written.
   * Throws MalformedGoSumError / ChecksumMismatchError like go.
   */
  tidy(current: string | Uint8Array, keep: KeepSums): string {
    if (!this.overwrite) {
      this.m = parseGoSum(this.file, current, this.readOpts);
      for (const [k, st] of this.status) {
        if (!st.used) continue;
        const [path, version, h] = k.split('\u0000') as [string, string, string];
        const mod = { path, version };
        if (!this.inWorkspaceModules(mod)) this.addModSum(mod, h);
      }
    }
    return formatGoSum(this.m, (m, h) => {
      const st = this.st(m, h);
      return (!st.dirty || (st.used && keep(m))) && !this.inWorkspaceModules(m);
    });
  }

  /**
   * WriteGoSum: undefined when nothing needs writing, otherwise the new text (tidy), after
   * which statuses are reset. With readonly, throws GoSumDirtyError instead.
   */
  write(current: string | Uint8Array, keep: KeepSums, readonly = false): string | undefined {
    if (!this.needsWrite(keep)) return undefined;
    if (readonly) throw new GoSumDirtyError();
    const text = this.tidy(current, keep);
    this.status.clear();
    this.marked.clear();
    this.overwrite = false;
    return text;
  }
}

/** fetch.go: ErrGoSumDirty. */
export class GoSumDirtyError extends Error {
  constructor() {
    super('updates to go.sum needed, disabled by -mod=readonly');
    this.name = 'GoSumDirtyError';
  }
}
