// Main-module go.mod loading and dependency go.mod summaries: cmd/go/internal/modload/modfile.go.
//
// API:
//   readModFile(s, gomod, fix)          ReadModFile: strict parse, TooNewError, missing module line
//   indexModFile / modFileIsDirty       modFileIndex
//   pruningForGoVersion(v)              "unpruned" below go 1.17, else "pruned"
//   goModSummary(s, m) / rawGoModSummary(s, m)  lax-parsed summaries (replacements, excludes,
//                                       go.sum check in readonly mode, module path mismatch)
//   replacement(s, m) / resolveReplacement(s, m) / canonicalizeReplacePath
//   checkAllowed / checkExclusions / checkRetractions / checkDeprecation
//   isDisallowed(err)                   errors.Is(err, ErrDisallowed)
//   queryLatestVersionIgnoringRetractions(s, path)

import { isFatal } from '../fatal';
import { compareGo, GoStrictVersion, ExplicitIndirectVersion, isToolchainPath, Local, modCompare, modIsValid, TooNewError } from '../gover';
import { isPrint, ModuleError, versionError, type ModuleVersion } from '../module';
import { autoQuote, parse, parseLax, isDirectoryPath, type File, type VersionFixer } from '../modfile';
import { laxSummary, type LaxSummary } from '../modfile/laxSummary';
import { utf8Decode } from '../gostrings';
import { mvKey } from '../mvs/graph';
import { excludeSet, fmtMod, toReplaceMap, type ModFileIndex, type ModPruning, type ModState } from './state';
import { dir, isAbs, join, rel, shortPath, clean } from './paths';
import { query } from './query';
import { readVendorList } from './vendor';

// ---------------------------------------------------------------------------
// Errors

/** ErrDisallowed and errors equivalent to it (excludedError, ModuleRetractedError). */
export function isDisallowed(err: unknown): boolean {
  for (let e: unknown = err, n = 0; e instanceof Error && n < 100; n++) {
    if ((e as { disallowed?: boolean }).disallowed === true) return true;
    e = (e as { err?: unknown }).err ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** errors.As: the first error in err's chain that is an instance of C. */
export function errorsAs<T>(err: unknown, C: abstract new (...a: never[]) => T): T | undefined {
  for (let e: unknown = err, n = 0; e instanceof Error && n < 100; n++) {
    if (e instanceof C) return e as T;
    e = (e as { err?: unknown }).err ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export class ErrDisallowedError extends Error {
  readonly disallowed = true;
  constructor() {
    super('disallowed module version');
  }
}

/** modfile.go: excludedError */
export class ExcludedError extends Error {
  readonly disallowed = true;
  constructor() {
    super('excluded by go.mod');
    this.name = 'ExcludedError';
  }
}

/** modfile.go: ModuleRetractedError */
export class ModuleRetractedError extends Error {
  readonly disallowed = true;
  constructor(readonly rationale: string[]) {
    let msg = 'retracted by module author';
    if (rationale.length > 0) msg += ': ' + shortMessage(rationale[0]!, 'retracted by module author');
    super(msg);
    this.name = 'ModuleRetractedError';
  }
}

/** modfile.go: retractionLoadingError */
export class RetractionLoadingError extends Error {
  constructor(
    readonly m: ModuleVersion,
    readonly err: Error,
  ) {
    super(`loading module retractions for ${fmtMod(m)}: ${err.message}`);
    this.cause = err;
  }
}

/** import.go: sumMissingError */
export class SumMissingError extends Error {
  constructor(
    readonly mod: ModuleVersion,
    readonly suggestion: string,
  ) {
    super('missing go.sum entry' + suggestion);
    this.name = 'SumMissingError';
  }
}

/** modfile.go: ShortMessage */
export function shortMessage(message: string, emptyDefault: string): string {
  const maxLen = 500;
  const i = message.indexOf('\n');
  if (i >= 0) message = message.slice(0, i);
  message = message.replace(/^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g, '');
  if (message === '') return emptyDefault;
  if (new TextEncoder().encode(message).length > maxLen) return '(message omitted: too long)';
  for (const ch of message) {
    const r = ch.codePointAt(0)!;
    const graphic = isPrint(r) || /\p{Zs}/u.test(ch);
    const space = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(ch);
    if (!graphic && !space) return '(message omitted: contains non-printable characters)';
  }
  return message;
}

// ---------------------------------------------------------------------------
// Main module go.mod

/** modfile.go: ReadModFile. Throws Go's errors (TooNewError, parse errors, missing module). */
export async function readModFile(s: ModState, gomod: string, fix: VersionFixer | null): Promise<{ data: Uint8Array; f: File }> {
  const short = shortPath(s.cwd, gomod);
  const data = await s.files.read(gomod);
  if (data === undefined) {
    throw new Error(`open ${short}: no such file or directory`);
  }
  let f: File;
  try {
    f = parse(short, data, fix);
  } catch (e) {
    throw new Error(`errors parsing ${short}:\n${(e as Error).message}`);
  }
  if (f.go && compareGo(f.go.version, Local) > 0) {
    throw s.tooNew(short, f.go.version, f.toolchain?.name ?? '');
  }
  if (f.module === null) {
    throw new Error(`error reading ${short}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod`);
  }
  return { data, f };
}

/** modfile.go: pruningForGoVersion */
export function pruningForGoVersion(goVersion: string): ModPruning {
  return compareGo(goVersion, ExplicitIndirectVersion) < 0 ? 'unpruned' : 'pruned';
}

/** modfile.go: indexModFile */
export function indexModFile(s: ModState, data: Uint8Array, modFile: File, mod: ModuleVersion, needsFix: boolean): ModFileIndex {
  const require = new Map<string, { indirect: boolean }>();
  for (const r of modFile.require) require.set(mvKey(r.mod), { indirect: r.indirect });
  const goVersion = modFile.go?.version ?? '';
  s.rawGoVersion.set(mvKey(mod), goVersion);
  return {
    data,
    dataNeedsFix: needsFix,
    module: modFile.module ? { ...modFile.module.mod } : { path: '', version: '' },
    goVersion,
    toolchain: modFile.toolchain?.name ?? '',
    require,
    replace: toReplaceMap(modFile.replace),
    exclude: excludeSet(modFile.exclude),
  };
}

/** modfile.go: (*modFileIndex).modFileIsDirty */
export function modFileIsDirty(s: ModState, i: ModFileIndex | null, modFile: File): boolean {
  if (i === null) return modFile !== null;
  if (i.dataNeedsFix) return true;
  if (modFile.module === null) {
    if (i.module.path !== '' || i.module.version !== '') return true;
  } else if (modFile.module.mod.path !== i.module.path || modFile.module.mod.version !== i.module.version) return true;
  const goV = modFile.go?.version ?? '';
  const toolchain = modFile.toolchain?.name ?? '';
  if (
    goV !== i.goVersion ||
    toolchain !== i.toolchain ||
    modFile.require.length !== i.require.size ||
    modFile.replace.length !== i.replace.size ||
    modFile.exclude.length !== i.exclude.size
  ) {
    return true;
  }
  for (const r of modFile.require) {
    const meta = i.require.get(mvKey(r.mod));
    if (!meta) return true;
    if (r.indirect !== meta.indirect && s.buildMod !== 'readonly') return true;
  }
  for (const r of modFile.replace) {
    const n = i.replace.get(mvKey(r.old));
    if (!n || n.path !== r.new.path || n.version !== r.new.version) return true;
  }
  for (const x of modFile.exclude) if (!i.exclude.has(mvKey(x.mod))) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Replacements

function replacementIn(mod: ModuleVersion, replace: Map<string, ModuleVersion>): { from: string; to: ModuleVersion } | undefined {
  if (replace.size === 0) return undefined; // the common case, asked for every module many times
  const r = replace.get(mvKey(mod));
  if (r) return { from: mod.version, to: r };
  const r2 = replace.get(mvKey({ path: mod.path, version: '' }));
  if (r2) return { from: '', to: r2 };
  return undefined;
}

/** modfile.go: replacementFrom — the replacement, and the module root of the go.mod holding it. */
export function replacementFrom(s: ModState, mod: ModuleVersion): { r: ModuleVersion; modroot: string } {
  const none = { r: { path: '', version: '' }, modroot: '' };
  const mms = s.mainModules;
  if (!mms || !mms.hasReplacements()) return none; // the common case, asked for every module many times
  if (mms.contains(mod.path) && mod.version === '') return none;
  const w = replacementIn(mod, mms.workFileReplaceMap);
  if (w) return { r: w.to, modroot: '' };
  // Go never updates foundFrom after its first assignment: it stays "" for the whole loop, so only a
  // version-specific replacement (from !== '') can conflict with an earlier one.
  const foundFrom = '';
  let found: ModuleVersion = { path: '', version: '' };
  let foundModRoot = '';
  for (const v of mms.versions()) {
    const index = mms.index(v);
    if (!index) continue;
    const rr = replacementIn(mod, index.replace);
    if (!rr) continue;
    const modRoot = mms.getModRoot(v);
    if (foundModRoot !== '' && foundFrom !== rr.from && (found.path !== rr.to.path || found.version !== rr.to.version)) {
      s.errorf(
        `conflicting replacements found for ${fmtMod(mod)} in workspace modules defined by ${modFilePath(s, foundModRoot)} and ${modFilePath(s, modRoot)}`,
      );
      return { r: found, modroot: foundModRoot };
    }
    found = rr.to;
    foundModRoot = modRoot;
  }
  return { r: found, modroot: foundModRoot };
}

/** modfile.go: Replacement */
export function replacement(s: ModState, mod: ModuleVersion): ModuleVersion {
  const { r, modroot } = replacementFrom(s, mod);
  return canonicalizeReplacePath(s, r, modroot);
}

/** modfile.go: canonicalizeReplacePath */
export function canonicalizeReplacePath(s: ModState, r: ModuleVersion, modRoot: string): ModuleVersion {
  if (isAbs(r.path) || r.version !== '' || modRoot === '') return r;
  if (s.workFilePath === '') return r;
  const abs = join(modRoot, r.path);
  const rl = rel(dir(s.workFilePath), abs);
  if (rl !== undefined) return { path: toDirectoryPath(rl), version: r.version };
  return { path: toDirectoryPath(abs), version: r.version };
}

/** modfile.go: resolveReplacement */
export function resolveReplacement(s: ModState, m: ModuleVersion): ModuleVersion {
  const r = replacement(s, m);
  return r.path !== '' ? r : m;
}

/** modfile.go: replaceRelativeTo */
export function replaceRelativeTo(s: ModState): string {
  if (s.workFilePath !== '') return dir(s.workFilePath);
  const mms = s.main();
  return mms.getModRoot(mms.mustGetSingleMainModule());
}

/** modfile.go: ToDirectoryPath */
export function toDirectoryPath(path: string): string {
  if (isDirectoryPath(path)) return path;
  return './' + clean(path);
}

/** init.go: modFilePath */
export function modFilePath(s: ModState, modRoot: string): string {
  // -modfile names a file as the OS opens it: relative to the working directory.
  if (s.cfgModFile !== '') return isAbs(s.cfgModFile) ? s.cfgModFile : join(s.cwd, s.cfgModFile);
  return join(modRoot, 'go.mod');
}

// ---------------------------------------------------------------------------
// Allowed versions

export type AllowedFunc = (m: ModuleVersion) => Promise<Error | null>;

/** modfile.go: CheckAllowed */
export async function checkAllowed(s: ModState, m: ModuleVersion): Promise<Error | null> {
  const e = checkExclusions(s, m);
  if (e) return e;
  return checkRetractions(s, m);
}

/** modfile.go: CheckExclusions */
export function checkExclusions(s: ModState, m: ModuleVersion): Error | null {
  for (const mm of s.mainModules?.versions() ?? []) {
    const index = s.mainModules!.index(mm);
    if (index && index.exclude.has(mvKey(m))) return versionError(m, new ExcludedError());
  }
  return null;
}

/** modfile.go: CheckRetractions */
export async function checkRetractions(s: ModState, m: ModuleVersion): Promise<Error | null> {
  const wrap = (err: Error | null): Error | null => {
    if (err === null || errorsAs(err, ModuleRetractedError)) return err;
    let inner: Error = err;
    const me = errorsAs(err, ModuleError);
    if (me) inner = me.err;
    return new RetractionLoadingError(m, inner);
  };
  if (m.version === '') return null;
  if (replacement(s, { path: m.path, version: '' }).path !== '') return null;
  let rm: ModuleVersion;
  try {
    rm = await queryLatestVersionIgnoringRetractions(s, m.path);
  } catch (e) {
    if (isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
    return wrap(e as Error);
  }
  let summary: ModFileSummary;
  try {
    summary = await rawGoModSummary(s, rm);
  } catch (e) {
    if (e instanceof SummaryError && e.err instanceof TooNewError) summary = e.summary;
    else if (isFatal(e)) throw e;
    else return wrap(e instanceof SummaryError ? e.err : (e as Error));
  }
  const rationale: string[] = [];
  let isRetracted = false;
  for (const r of summary.retract) {
    if (modCompare(m.path, r.low, m.version) <= 0 && modCompare(m.path, m.version, r.high) <= 0) {
      isRetracted = true;
      if (r.rationale !== '') rationale.push(r.rationale);
    }
  }
  if (isRetracted) return versionError(m, new ModuleRetractedError(rationale));
  return null;
}

/** modfile.go: CheckDeprecation — throws "loading deprecation for P: ..." */
export async function checkDeprecation(s: ModState, m: ModuleVersion): Promise<string> {
  try {
    if (m.version === '') return '';
    if (replacement(s, { path: m.path, version: '' }).path !== '') return '';
    const latest = await queryLatestVersionIgnoringRetractions(s, m.path);
    let summary: ModFileSummary;
    try {
      summary = await rawGoModSummary(s, latest);
    } catch (e) {
      if (e instanceof SummaryError && e.err instanceof TooNewError) summary = e.summary;
      else throw e instanceof SummaryError ? e.err : e;
    }
    return summary.deprecated;
  } catch (e) {
    if (isFatal(e)) throw e;
    const err = new Error(`loading deprecation for ${m.path}: ${(e as Error).message}`);
    err.cause = e;
    throw err;
  }
}

// ---------------------------------------------------------------------------
// go.mod summaries

export interface Retraction {
  low: string;
  high: string;
  rationale: string;
}

/** modfile.go: modFileSummary */
export interface ModFileSummary {
  module: ModuleVersion;
  goVersion: string;
  toolchain: string;
  pruning: ModPruning;
  require: ModuleVersion[];
  retract: Retraction[];
  deprecated: string;
}

/** A summary loaded with an error that still carries the summary (TooNewError). */
export class SummaryError extends Error {
  constructor(
    readonly err: Error,
    readonly summary: ModFileSummary,
  ) {
    super(err.message);
    this.cause = err;
  }
}

/** modfile.go: goModSummary */
export async function goModSummary(s: ModState, m: ModuleVersion): Promise<ModFileSummary> {
  if (m.version === '' && !s.inWorkspaceMode() && s.mainModules?.contains(m.path)) {
    throw new Error('internal error: goModSummary called on a main module');
  }
  if (isToolchainPath(m.path)) return rawGoModSummaryNoTooNew(s, m);

  if (s.buildMod === 'vendor') {
    const summary: ModFileSummary = emptySummary({ path: m.path, version: '' });
    const vendor = await readVendorList(s);
    if ((vendor.version.get(m.path) ?? '') !== m.version) return summary; // a missing key is "" in go's map (so a workspace module gets the list)
    summary.require = vendor.list;
    return summary;
  }

  const actual = resolveReplacement(s, m);
  if (s.mustHaveSums() && actual.version !== '') {
    const key = { path: actual.path, version: actual.version + '/go.mod' };
    if (!s.haveSum(key)) {
      const suggestion = ` for go.mod file; to add it:\n\tgo mod download ${m.path}`;
      throw versionError(actual, new SumMissingError(actual, suggestion));
    }
  }
  let summary = await rawGoModSummaryNoTooNew(s, actual);

  if (actual.version !== '') {
    if (summary.module.path === '') {
      throw versionError(actual, new Error('parsing go.mod: missing module line'));
    }
    const mpath = summary.module.path;
    if (mpath !== m.path && mpath !== actual.path) {
      throw versionError(
        actual,
        new Error(`parsing go.mod:\n\tmodule declares its path as: ${mpath}\n\t        but was required as: ${m.path}`),
      );
    }
  }

  for (const mm of s.mainModules?.versions() ?? []) {
    const index = s.mainModules!.index(mm);
    if (index && index.exclude.size > 0) {
      if (summary.require.some((r) => index.exclude.has(mvKey(r)))) {
        summary = { ...summary, require: summary.require.filter((r) => !index.exclude.has(mvKey(r))) };
      }
    }
  }
  return summary;
}

function emptySummary(m: ModuleVersion): ModFileSummary {
  return { module: m, goVersion: '', toolchain: '', pruning: 'pruned', require: [], retract: [], deprecated: '' };
}

/** rawGoModSummary, rethrowing the bare error (as Go's callers see it). */
async function rawGoModSummaryNoTooNew(s: ModState, m: ModuleVersion): Promise<ModFileSummary> {
  try {
    return await rawGoModSummary(s, m);
  } catch (e) {
    throw e instanceof SummaryError ? e.err : e;
  }
}

/**
 * modfile.go: rawGoModSummary. On a TooNewError it throws a SummaryError carrying the summary
 * (Go returns both); other errors are thrown as they are.
 */
export async function rawGoModSummary(s: ModState, m: ModuleVersion): Promise<ModFileSummary> {
  if (isToolchainPath(m.path)) {
    if (m.path === 'go' && compareGo(m.version, GoStrictVersion) >= 0) {
      return { ...emptySummary(m), require: [{ path: 'toolchain', version: 'go' + m.version }] };
    }
    return emptySummary(m);
  }
  if (m.version === '' && !s.inWorkspaceMode() && s.mainModules?.contains(m.path)) {
    throw new Error('internal error: rawGoModSummary called on a main module');
  }
  if (m.version === '' && s.inWorkspaceMode() && m.path === 'command-line-arguments') {
    return emptySummary(m);
  }
  const key = mvKey(m);
  let p = s.rawGoModSummaryCache.get(key) as Promise<ModFileSummary> | undefined;
  if (!p) {
    p = (async () => {
      const { name, data } = await rawGoModData(s, m);
      const summary = emptySummary({ path: '', version: '' });
      // a plain go.mod read directly, any other through ParseLax
      const plain = laxSummary(data);
      if (plain !== null) fromLaxSummary(summary, plain);
      else {
        let f: File;
        try {
          f = parseLax(name, data, null);
        } catch (e) {
          throw versionError(m, new Error(`parsing ${shortPath(s.cwd, name)}: ${(e as Error).message}`));
        }
        fromLaxSummary(summary, { module: f.module?.mod.path ?? null, go: f.go?.version ?? null, require: f.require.map((r) => ({ ...r.mod })) });
        if (f.module) summary.deprecated = f.module.deprecated;
        if (f.toolchain) summary.toolchain = f.toolchain.name;
        summary.retract = f.retract.map((r) => ({ low: r.low, high: r.high, rationale: r.rationale }));
      }
      if (summary.goVersion !== '' && !s.rawGoVersion.has(key)) s.rawGoVersion.set(key, summary.goVersion);
      if (summary.goVersion !== '' && compareGo(summary.goVersion, GoStrictVersion) >= 0) {
        summary.require.push({ path: 'go', version: summary.goVersion });
        if (compareGo(summary.goVersion, Local) > 0) {
          throw new SummaryError(s.tooNew('module ' + fmtMod(m), summary.goVersion), summary);
        }
      }
      return summary;
    })();
    p.catch(() => {});
    s.rawGoModSummaryCache.set(key, p);
  }
  return p;
}

/** A summary's module, go version (and pruning) and requirements from what ParseLax keeps. */
function fromLaxSummary(summary: ModFileSummary, f: LaxSummary): void {
  if (f.module !== null) summary.module = { path: f.module, version: '' };
  if (f.go !== null) {
    summary.goVersion = f.go;
    summary.pruning = pruningForGoVersion(f.go);
  } else {
    summary.pruning = 'unpruned';
  }
  summary.require = f.require;
}

/** modfile.go: rawGoModData — the go.mod bytes of m (a directory replacement or a module version). */
export async function rawGoModData(s: ModState, m: ModuleVersion): Promise<{ name: string; data: Uint8Array }> {
  if (m.version === '') {
    let d = m.path;
    if (!isAbs(d)) {
      if (s.inWorkspaceMode() && s.mainModules?.contains(m.path)) d = s.mainModules.getModRoot(m);
      else d = join(replaceRelativeTo(s), d);
    }
    const name = join(d, 'go.mod');
    const data = await s.files.read(name);
    if (data === undefined) {
      const exists = await s.files.stat(d);
      const why = exists === 'file' ? 'not a directory' : 'no such file or directory';
      throw versionError(m, new Error(`reading ${shortPath(s.cwd, name)}: open ${name}: ${why}`));
    }
    return { name, data };
  }
  if (!modIsValid(m.path, m.version)) {
    throw new ModloadFatal(`go: internal error: ${m.path}@${m.version}: unexpected invalid semantic version`);
  }
  return { name: 'go.mod', data: await s.fetcher.goMod(m.path, m.version) };
}

/** A base.Fatalf raised inside modload. */
export class ModloadFatal extends Error {
  readonly fatal = true;
}

/** query.go: versionHasGoMod helper data — modfetch.LegacyGoMod */
export function legacyGoMod(modPath: string): string {
  return `module ${autoQuote(modPath)}\n`;
}

export function goModText(data: Uint8Array): string {
  return utf8Decode(data);
}

/** modfile.go: queryLatestVersionIgnoringRetractions */
export function queryLatestVersionIgnoringRetractions(s: ModState, path: string): Promise<ModuleVersion> {
  let p = s.latestVersionIgnoringRetractionsCache.get(path);
  if (!p) {
    p = (async () => {
      const repl = replacement(s, { path, version: '' });
      if (repl.path !== '') return repl;
      const rev = await query(s, path, 'latest', '', null);
      let latest: ModuleVersion = { path, version: rev.Version };
      const r = resolveReplacement(s, latest);
      if (r.path !== '') latest = r;
      return latest;
    })();
    p.catch(() => {});
    s.latestVersionIgnoringRetractionsCache.set(path, p);
  }
  return p;
}
