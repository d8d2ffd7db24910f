// Writing go.mod and go.sum: cmd/go/internal/modload/init.go (UpdateGoModFromReqs, keepSums,
// WriteGoSum, commitRequirements).
import { compareGo, DefaultGoModVersion, fromToolchain, GoStrictVersion, isLang, Local, SeparateIndirectVersion } from '../gover';
import type { ModuleVersion } from '../module';
import { addGoStmt as modfileAddGoStmt, addToolchainStmt, cleanup, dropToolchainStmt, format, setRequire, setRequireSeparateIndirect, type File } from '../modfile';
import { mvKey } from '../mvs/graph';
import { utf8Decode, utf8Encode } from '../gostrings';
import { indexModFile, modFileIsDirty, modFilePath, resolveReplacement } from './modfile';
import { GoModDirtyError, type Requirements } from './requirements';
import { FatalError, type ModState } from './state';
import { OverlayWorkspace } from '../overlay';
import { sideLock } from '../modfetch/session';

export interface WriteOpts {
  dropToolchain?: boolean;
  explicitToolchain?: boolean;
  tidyWroteGo?: boolean;
}

/**
 * init.go: UpdateGoModFromReqs — undefined for errNoChange. The formatted text before the
 * update is made only for a caller that asks (go mod tidy -diff); others get "".
 */
export function updateGoModFromReqs(s: ModState, opts: WriteOpts, wantBefore = false): { before: string; after: string; modFile: File } | undefined {
  const mms = s.main();
  if (mms.len() !== 1 || mms.getModRoot(mms.versions()[0]!) === '') return undefined;
  const mainModule = mms.mustGetSingleMainModule();
  const modFile = mms.modFile(mainModule);
  if (!modFile) return undefined;
  const before = wantBefore ? format(modFile.syntax) : '';
  const rs = s.requirements!;
  const list: { path: string; version: string; indirect: boolean }[] = [];
  let toolchain = '';
  let goVersion = '';
  for (const m of rs.rootModules) {
    if (m.path === 'go') {
      goVersion = m.version;
      continue;
    }
    if (m.path === 'toolchain') {
      toolchain = m.version;
      continue;
    }
    list.push({ path: m.path, version: m.version, indirect: !rs.direct.get(m.path) });
  }
  if (goVersion === '') throw new FatalError('go: internal error: missing go root module in WriteGoMod');
  if (compareGo(goVersion, Local) > 0) throw s.tooNew('updating go.mod', goVersion);
  let wroteGo = opts.tidyWroteGo ?? false;
  if ((!wroteGo && modFile.go === null) || modFile.go?.version !== goVersion) {
    const alwaysUpdate = s.buildMod === 'mod' || s.cmdName === 'mod tidy' || s.cmdName === 'get';
    if (!(modFile.go === null && goVersion === DefaultGoModVersion && !alwaysUpdate)) {
      wroteGo = true;
      modfileAddGoStmt(modFile, goVersion);
      s.rawGoVersion.set(mvKey(mainModule), goVersion);
    }
  }
  if (toolchain === '') toolchain = 'go' + goVersion;
  let toolVers = fromToolchain(toolchain);
  if (
    wroteGo &&
    !opts.dropToolchain &&
    !opts.explicitToolchain &&
    compareGo(goVersion, GoStrictVersion) >= 0 &&
    compareGo(Local, toolVers) > 0 &&
    !isLang(Local)
  ) {
    toolchain = 'go' + Local;
    toolVers = fromToolchain(toolchain);
  }
  if (opts.dropToolchain || toolchain === 'go' + goVersion || (compareGo(toolVers, GoStrictVersion) < 0 && !opts.explicitToolchain)) {
    dropToolchainStmt(modFile);
  } else {
    addToolchainStmt(modFile, toolchain);
  }
  if (compareGo(goVersion, SeparateIndirectVersion) < 0) setRequire(modFile, list.map((r) => ({ mod: { path: r.path, version: r.version }, indirect: r.indirect })) as never);
  else setRequireSeparateIndirect(modFile, list.map((r) => ({ mod: { path: r.path, version: r.version }, indirect: r.indirect })) as never);
  cleanup(modFile);
  return { before, after: format(modFile.syntax), modFile };
}

export type WhichSums = 'loadedZipSumsOnly' | 'addBuildListZipSums';

/** The part of keepSums the package loader contributes (ld != nil), merged into keep. */
export type LoaderKeepSums = (keep: Set<string>) => Promise<{ keepModSumsForZipSums: boolean }>;

/** init.go: keepSums — keys are mvKey of (path, version[/go.mod]). */
export async function keepSums(s: ModState, rs: Requirements, which: WhichSums, loaderKeep?: LoaderKeepSums): Promise<Set<string>> {
  const keep = new Set<string>();
  let keepModSumsForZipSums = true;
  if (!loaderKeep) {
    if (compareGo(s.main().goVersion(), '1.21') < 0 && s.buildMod !== 'mod') keepModSumsForZipSums = false;
  } else {
    ({ keepModSumsForZipSums } = await loaderKeep(keep));
  }
  const modkey = (m: ModuleVersion) => mvKey({ path: m.path, version: m.version + '/go.mod' });
  if (!rs.graphLoaded()) {
    for (const m of rs.rootModules) {
      const r = resolveReplacement(s, m);
      keep.add(modkey(r));
      if (which === 'addBuildListZipSums') keep.add(mvKey(r));
    }
  } else {
    const { mg } = await rs.graph();
    mg.walkBreadthFirst((m) => {
      if (mg.requiredBy(m) !== undefined) keep.add(modkey(resolveReplacement(s, m)));
    });
    if (which === 'addBuildListZipSums') {
      for (const m of mg.buildList()) {
        const r = resolveReplacement(s, m);
        if (keepModSumsForZipSums) keep.add(modkey(r));
        keep.add(mvKey(r));
      }
    }
  }
  return keep;
}

/** modfetch.WriteGoSum through the Workspace. */
export async function writeGoSum(s: ModState, keep: Set<string>, readonly: boolean): Promise<void> {
  const gs = s.goSum;
  if (!gs) return;
  const keepSum = (m: ModuleVersion) => keep.has(mvKey(m));
  // fetch.go WriteGoSum: with nothing to add or remove, go.sum is not opened.
  if (!gs.needsWrite(keepSum)) return;
  const current = (await s.files.read(s.goSumFile)) ?? new Uint8Array();
  let text: string | undefined;
  const before = gs.warnings.length;
  try {
    text = gs.write(current, keepSum, readonly);
  } catch (e) {
    throw new FatalError('go: ' + (e as Error).message);
  } finally {
    // tidyGoSum re-adds the sums used in this run, warning again about unknown hashes.
    for (const w of gs.warnings.slice(before)) s.stderr(w);
  }
  if (text === undefined) return;
  if (s.files instanceof OverlayWorkspace && s.files.overlaid(s.goSumFile)) {
    throw new FatalError('go: updates to go.sum needed, but go.sum is part of the overlay specified with -overlay');
  }
  await sideLock(s.deps.cache); // fetch.go WriteGoSum
  await s.files.write(s.goSumFile, utf8Encode(text));
}

/** init.go: commitRequirements */
export async function commitRequirements(s: ModState, opts: WriteOpts = {}, loaderKeep?: LoaderKeepSums): Promise<void> {
  const rs = s.requirements!;
  if (s.inWorkspaceMode()) {
    await writeGoSum(s, await keepSums(s, rs, 'addBuildListZipSums', loaderKeep), s.mustHaveCompleteRequirements());
    return;
  }
  const upd = updateGoModFromReqs(s, opts);
  if (!upd) return;
  const index = s.main().getSingleIndexOrNil();
  const dirty = modFileIsDirty(s, index, upd.modFile);
  if (dirty && s.buildMod !== 'mod') throw new GoModDirtyError(s);
  if (!dirty && s.cmdName !== 'mod tidy') {
    if (s.cmdName !== 'mod init') await writeGoSum(s, await keepSums(s, rs, 'addBuildListZipSums', loaderKeep), s.mustHaveCompleteRequirements());
    return;
  }
  const mainModule = s.main().mustGetSingleMainModule();
  const path = modFilePath(s, s.main().getModRoot(mainModule));
  if (s.files instanceof OverlayWorkspace && s.files.overlaid(path)) {
    if (dirty) throw new Error('updates to go.mod needed, but go.mod is part of the overlay specified with -overlay');
    return;
  }
  await sideLock(s.deps.cache); // init.go commitRequirements, even when go.mod's bytes stay
  const old = await s.files.read(path);
  const oldText = old === undefined ? '' : utf8Decode(old);
  if (oldText !== upd.after) {
    if (index && old !== undefined && utf8Decode(index.data) !== oldText) {
      throw new Error('updating go.mod: existing contents have changed since last read');
    }
    await s.files.write(path, utf8Encode(upd.after));
  }
  s.main().setIndex(mainModule, indexModFile(s, utf8Encode(upd.after), upd.modFile, mainModule, false));
  if (s.cmdName !== 'mod init') await writeGoSum(s, await keepSums(s, rs, 'addBuildListZipSums', loaderKeep), s.mustHaveCompleteRequirements());
}
