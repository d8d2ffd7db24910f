// Finding and loading the main module(s): cmd/go/internal/modload/init.go (Init, FindGoWork,
// findModuleRoot, findWorkspaceFile, loadWorkFile, loadModFile, fixVersion, makeMainModules,
// requirementsFromModFiles, rootsFromModFile, appendGoAndToolchainRoots, setDefaultBuildMod,
// modulesTextIsForWorkspace, die). Writing go.mod/go.sum (commitRequirements,
// UpdateGoModFromReqs, keepSums, WriteGoSum) is in commit.ts, re-exported here.
//
// API:
//   initModules(s)          Init: locates go.work / go.mod (throws FatalError with go's text)
//   loadModFile(s)          -> Requirements; s.mainModules set; go.sum bound to s.fetcher
//   commitRequirements(s, keepHook?)  writes go.mod / go.sum as go would (readonly: errors)
//   keepSums(s, rs, which, loaderKeep?)  the go.sum keep set from the graph

import { checkGodebug } from './godebug';
import { compareGo, DefaultGoModVersion, ExplicitIndirectVersion, fromGoMod, fromGoWork, GoStrictVersion, Local, LocalToolchain, modCompare, modSort, TooNewError } from '../gover';
import { GoSumState, MalformedGoSumError } from '../gosum';
import { canonicalVersion, checkImportPath, checkPathMajor, InvalidPathError, ModuleError, InvalidVersionError, splitPathVersion, versionError, goQuote, type ModuleVersion } from '../module';
import { addGoStmt as modfileAddGoStmt, parseWork, type File, type WorkFile, type VersionFixer } from '../modfile';
import { mvKey } from '../mvs/graph';
import { utf8Decode } from '../gostrings';
import { convertPruning, overrideRoots, updateRoots } from './buildlist';
import { indexModFile, modFilePath, pruningForGoVersion, readModFile } from './modfile';
import { query } from './query';
import { newRequirements, type Requirements } from './requirements';
import { FatalError, MainModuleSet, toReplaceMap, fmtMod, type ModFileIndex, type ModState } from './state';
import { clean, dir, inDir, isAbs, join, rel, shortPath } from './paths';
import { defaultGoRoot } from './packages/stdlib';
import { checkVendorConsistency, readVendorList } from './vendor';
import { initOverlay, OverlayWorkspace } from '../overlay';

export const errNoModRootText = "go.mod file not found in current directory or any parent directory; see 'go help modules'";

/** init.go: findModuleRoot */
export async function findModuleRoot(s: ModState, d: string): Promise<string> {
  let cur = d;
  for (;;) {
    if ((await s.files.stat(join(cur, 'go.mod'))) === 'file') return cur;
    const up = dir(cur);
    if (up === cur) return '';
    cur = up;
  }
}

/** init.go: findWorkspaceFile */
async function findWorkspaceFile(s: ModState, d: string): Promise<string> {
  let cur = d;
  for (;;) {
    const f = join(cur, 'go.work');
    if ((await s.files.stat(f)) === 'file') return f;
    const up = dir(cur);
    if (up === cur) return '';
    cur = up;
  }
}

/** init.go: FindGoWork / InitWorkfile */
/** fsys.Init: the command's files seen through -overlay (once; base.Fatal on its errors). */
async function initFsys(s: ModState): Promise<void> {
  if (s.overlayFile === '' || s.files instanceof OverlayWorkspace) return;
  const o = await initOverlay(s.files, s.cwd, s.overlayFile);
  if ('error' in o) throw new FatalError('go: ' + o.error);
  s.files = o;
}

export async function initWorkfile(s: ModState): Promise<void> {
  await initFsys(s); // early: go.work itself is read through the overlay
  const gowork = s.getenv('GOWORK');
  switch (gowork) {
    case 'off':
      s.workFilePath = '';
      return;
    case '':
    case 'auto':
      s.workFilePath = await findWorkspaceFile(s, s.cwd);
      return;
    default:
      if (!isAbs(gowork)) throw new FatalError('go: invalid GOWORK: not an absolute path');
      s.workFilePath = gowork;
  }
}

const autoRootCommands = new Set(['list', 'build', 'run', 'test', 'vet', 'clean']);

/** init.go: die — in a workspace says it has no modules; otherwise suggests go mod init where findAltConfig finds a config. */
export async function die(s: ModState): Promise<never> {
  if (s.getenv('GO111MODULE') === 'off') throw new FatalError("go: modules disabled by GO111MODULE=off; see 'go help modules'");
  if (s.inWorkspaceMode()) throw new FatalError("go: no modules were found in the current workspace; see 'go help work'");
  // init.go: findAltConfig (altConfigs: .git/config), never at or above GOROOT.
  let d = clean(s.cwd);
  const goroot = s.getenv('GOROOT') || defaultGoRoot;
  if (inDir(d, goroot) === '') {
    for (;;) {
      if ((await s.files.stat(join(d, '.git/config'))) === 'file') {
        const r = rel(s.cwd, d) ?? d;
        const cdCmd = r !== '.' ? `cd ${r} && ` : '';
        throw new FatalError(`go: cannot find main module, but found .git/config in ${d}\n\tto create a module there, run:\n\t${cdCmd}go mod init`);
      }
      const up = dir(d);
      if (up === d) break;
      d = up;
    }
  }
  throw new FatalError('go: ' + errNoModRootText);
}

/** init.go: Init (module mode with RootMode = NeedRoot). */
export async function initModules(s: ModState): Promise<void> {
  if (s.initialized) return;
  s.initialized = true;
  const env = s.getenv('GO111MODULE');
  if (!['', 'on', 'auto', 'off'].includes(env)) throw new FatalError(`go: unknown environment setting GO111MODULE=${env}`);
  if (env === 'off') throw new FatalError("go: modules disabled by GO111MODULE=off; see 'go help modules'");
  await initFsys(s);
  if (s.workFilePath !== '') {
    if (s.cfgModFile !== '') throw new FatalError('go: -modfile cannot be used in workspace mode');
  } else {
    const modRoot = await findModuleRoot(s, s.cwd);
    if (modRoot === '') {
      if (s.cfgModFile !== '') {
        throw new FatalError('go: cannot find main module, but -modfile was set.\n\t-modfile cannot be used to set the module root directory.');
      }
      // RootMode AutoRoot (go list, go build, ...) with GO111MODULE on: module mode without a
      // main module (loadModFile's "command-line-arguments"). GO111MODULE=auto would stay in
      // GOPATH mode, which modscope does not simulate: init.go die.
      if (autoRootCommands.has(s.cmdName)) {
        if (env !== 'auto') return;
        await die(s);
      }
      throw new FatalError('go: ' + errNoModRootText);
    }
    // init.go: Init — a go.mod in the system temp root (os.TempDir: $TMPDIR or /tmp) is ignored.
    let tmp = s.getenv('TMPDIR') || '/tmp';
    if (tmp.length > 1) tmp = tmp.replace(/\/+$/, '');
    if (modRoot === tmp) {
      s.stderr(`go: warning: ignoring go.mod in system temp root ${s.getenv('TMPDIR') || '/tmp'}\n`);
      throw new FatalError('go: ' + errNoModRootText);
    }
    s.modRoots = [modRoot];
  }
  if (s.cfgModFile !== '' && !s.cfgModFile.endsWith('.mod')) {
    throw new FatalError(`go: -modfile=${s.cfgModFile}: file does not have .mod extension`);
  }
  // Init ends with setDefaultBuildMod: an explicit -mod other than readonly or vendor is refused
  // in workspace mode before any go.mod is read; the rest runs again once the go.mod is read.
  if (s.buildModExplicit && s.workFilePath !== '') await setDefaultBuildMod(s);
}

/** init.go: loadWorkFile */
async function loadWorkFile(s: ModState, path: string): Promise<{ wf: WorkFile; modRoots: string[] }> {
  const workDir = dir(path);
  const short = shortPath(s.cwd, path);
  const data = await s.files.read(path);
  if (data === undefined) throw new Error(`reading go.work: open ${short}: no such file or directory`);
  let wf: WorkFile;
  try {
    wf = parseWork(short, data, null);
  } catch (e) {
    throw new Error(`errors parsing go.work:\n${(e as Error).message}`);
  }
  if (wf.go && compareGo(wf.go.version, Local) > 0) throw new FatalError('go: ' + s.tooNew(short, wf.go.version).message);
  const seen = new Set<string>();
  const modRoots: string[] = [];
  for (const d of wf.use) {
    let modRoot = d.path;
    if (!isAbs(modRoot)) modRoot = join(workDir, modRoot);
    if (seen.has(modRoot)) {
      throw new Error(`error loading go.work:\n${short}:${d.syntax.start.line}: path ${modRoot} appears multiple times in workspace`);
    }
    seen.add(modRoot);
    modRoots.push(modRoot);
  }
  for (const g of wf.godebug) {
    const err = checkGodebug('godebug', g.key, g.value);
    if (err) throw new Error(`error loading go.work:\n${short}:${g.syntax.start.line}: ${err.message}`);
  }
  return { wf, modRoots };
}

/**
 * init.go: fixVersion. Queries are asynchronous here, so the fixer runs in two passes: the
 * first collects the versions needing a query, the second applies the resolved versions.
 */
class VersionFixing {
  fixed = false;
  readonly pending = new Map<string, { path: string; vers: string }>();
  readonly resolved = new Map<string, { version?: string; err?: Error }>();

  fixer(): VersionFixer {
    return (path, vers) => {
      const r = this.fix(path, vers);
      if (r !== vers) this.fixed = true;
      return r;
    };
  }

  private fix(path: string, vers: string): string {
    if (path.startsWith('gopkg.in/') && vers.includes('-gopkgin-')) vers = vers.slice(vers.indexOf('-gopkgin-') + '-gopkgin-'.length);
    const { pathMajor, ok } = splitPathVersion(path);
    if (!ok) {
      throw new ModuleError(path, '', new InvalidVersionError(vers, new Error(`malformed module path ${goQuote(path)}`)));
    }
    if (vers !== '' && canonicalVersion(vers) === vers) {
      try {
        checkPathMajor(vers, pathMajor);
      } catch (e) {
        throw versionError({ path, version: vers }, e as Error);
      }
      return vers;
    }
    const k = path + '\0' + vers;
    const r = this.resolved.get(k);
    if (r) {
      if (r.err) throw r.err;
      return r.version!;
    }
    this.pending.set(k, { path, vers });
    return canonicalVersion(vers) || 'v0.0.0';
  }
}

async function readModFileFixed(s: ModState, gomod: string): Promise<{ data: Uint8Array; f: File; fixed: boolean }> {
  const fx = new VersionFixing();
  try {
    const r = await readModFile(s, gomod, fx.fixer());
    if (fx.pending.size === 0) return { ...r, fixed: fx.fixed };
  } catch (e) {
    if (fx.pending.size === 0) throw e;
  }
  for (const [k, { path, vers }] of fx.pending) {
    try {
      const info = await query(s, path, vers, '', null);
      fx.resolved.set(k, { version: info.Version });
    } catch (e) {
      fx.resolved.set(k, { err: e as Error });
    }
  }
  fx.pending.clear();
  fx.fixed = false;
  const r = await readModFile(s, gomod, fx.fixer());
  return { ...r, fixed: fx.fixed };
}

/** init.go: loadModFile (LoadModFile). tidyGoVersion (go mod tidy -go) is the go line added to a
 * go.mod that has none, as loadModFile's opts.TidyGoVersion. */
export async function loadModFile(s: ModState, opts: { tidyGoVersion?: string } = {}): Promise<Requirements> {
  if (s.requirements) return s.requirements;
  await initModules(s);
  let workFile: WorkFile | null = null;
  if (s.inWorkspaceMode()) {
    const r = await loadWorkFile(s, s.workFilePath);
    workFile = r.wf;
    s.modRoots = r.modRoots;
    s.workspaceGoSumFiles = r.modRoots.map((m) => modFilePath(s, m).replace(/\.mod$/, '') + '.sum');
    s.goSumFile = s.workFilePath + '.sum';
  } else if (s.modRoots === null) {
    return loadNoModRoot(s);
  } else {
    s.goSumFile = modFilePath(s, s.modRoots[0]!).replace(/\.mod$/, '') + '.sum';
  }
  await bindGoSum(s);
  if (s.inWorkspaceMode() && s.modRoots!.length === 0) return loadNoModRoot(s, true);

  const modFiles: File[] = [];
  const mainModules: ModuleVersion[] = [];
  const indices: ModFileIndex[] = [];
  const errs: Error[] = [];
  for (const modroot of s.modRoots ?? []) {
    const gomod = modFilePath(s, modroot);
    let data: Uint8Array;
    let f: File;
    let fixed: boolean;
    try {
      ({ data, f, fixed } = await readModFileFixed(s, gomod));
    } catch (e) {
      if ((e as { fatal?: boolean }).fatal || e instanceof FatalError) throw e;
      let err = e as Error;
      if (s.inWorkspaceMode()) {
        if (err instanceof TooNewError && !s.cmdName.startsWith('work ')) err = errWorkTooOld(s, gomod, workFile, err.goVersion);
        else err = new Error(`cannot load module ${shortPath(s.cwd, dir(gomod))} listed in go.work file: ${err.message}`, { cause: err }); // %w
      }
      errs.push(err);
      continue;
    }
    if (s.inWorkspaceMode() && !s.cmdName.startsWith('work ')) {
      const mv = fromGoMod(f.go?.version);
      const wv = fromGoWork(workFile?.go?.version);
      if (compareGo(mv, wv) > 0 && compareGo(mv, GoStrictVersion) >= 0) {
        errs.push(errWorkTooOld(s, gomod, workFile, mv));
        continue;
      }
    }
    if (!s.inWorkspaceMode()) {
      let ok = true;
      for (const g of f.godebug) {
        const err = checkGodebug('godebug', g.key, g.value);
        if (err) {
          errs.push(new Error(`error loading go.mod:\n${shortPath(s.cwd, gomod)}:${g.syntax.start.line}: ${err.message}`));
          ok = false;
        }
      }
      if (!ok) continue;
    }
    modFiles.push(f);
    const mainModule = { ...f.module!.mod };
    mainModules.push(mainModule);
    indices.push(indexModFile(s, data, f, mainModule, fixed));
    try {
      checkImportPath(mainModule.path);
    } catch (e) {
      if (e instanceof InvalidPathError) errs.push(new InvalidPathError('module', e.path, e.err));
      else errs.push(e as Error);
    }
  }
  if (errs.length > 0) throw new JoinedError(errs);

  s.mainModules = makeMainModules(s, mainModules, s.modRoots ?? [], modFiles, indices, workFile);
  await setDefaultBuildMod(s);
  let rs = requirementsFromModFiles(s, workFile, modFiles);

  if (s.buildMod === 'vendor') {
    const v = await readVendorList(s);
    // by MainModules.Versions(): a module path twice in a workspace gives its last go.mod twice
    const vs = s.mainModules.versions();
    const vIndices = vs.map((m) => s.mainModules!.index(m)!);
    const vModFiles = vs.map((m) => s.mainModules!.modFile(m)!);
    await checkVendorConsistency(s, vIndices, vModFiles, vs.map((m) => s.mainModules!.getModRoot(m)));
    rs.initVendor(v.list);
  }
  if (s.inWorkspaceMode()) {
    s.requirements = rs;
    return rs;
  }
  const mainModule = s.mainModules.mustGetSingleMainModule();
  if (rs.hasRedundantRoot()) rs = await updateRoots(s, rs.direct, rs, null, [], false);
  if (s.mainModules.index(mainModule)!.goVersion === '' && rs.pruning !== 'workspace') {
    if (s.buildMod === 'mod' && s.cmdName !== 'mod graph' && s.cmdName !== 'mod why') {
      const v = opts.tidyGoVersion || Local;
      addGoStmt(s, s.mainModules.modFile(mainModule)!, mainModule, v);
      rs = overrideRoots(s, rs, [{ path: 'go', version: v }]);
      if (compareGo(v, ExplicitIndirectVersion) >= 0) rs = await convertPruning(s, rs, 'pruned');
    } else {
      s.rawGoVersion.set(mvKey(mainModule), DefaultGoModVersion);
    }
  }
  s.requirements = rs;
  return rs;
}

/** init.go: loadModFile without module roots — outside any module, or in a workspace with no use
 * lines: the synthetic main module "command-line-arguments" with no root (and no work file),
 * requiring go and toolchain: the local version outside, go.work's default version in a workspace. */
async function loadNoModRoot(s: ModState, workspace = false): Promise<Requirements> {
  if (!workspace) {
    s.goSumFile = '';
    await bindGoSum(s);
  }
  const mainModule: ModuleVersion = { path: 'command-line-arguments', version: '' };
  s.mainModules = makeMainModules(s, [mainModule], [''], [], [], null);
  s.mainModules.inWorkspace = workspace;
  await setDefaultBuildMod(s);
  const goVersion = workspace ? s.mainModules.goVersion() : Local;
  s.rawGoVersion.set(mvKey(mainModule), goVersion);
  const roots = [...(workspace ? [mainModule] : []), { path: 'go', version: goVersion }, { path: 'toolchain', version: LocalToolchain }];
  const rs = newRequirements(s, workspace ? 'workspace' : pruningForGoVersion(Local), roots, new Map(workspace ? [] : [['go', true]]));
  // GOFLAGS=-mod=vendor: the synthetic module is vendored with no dependencies.
  if (s.buildMod === 'vendor') rs.initVendor([]);
  s.requirements = rs;
  return rs;
}

/** errors.Join: messages joined by newlines; base.Error prints each with "go: ". */
export class JoinedError extends Error {
  constructor(readonly errs: Error[]) {
    super(errs.map((e) => e.message).join('\n'));
  }
}

async function bindGoSum(s: ModState): Promise<void> {
  const ws: { file: string; data: Uint8Array }[] = [];
  for (const f of s.workspaceGoSumFiles) {
    const d = await s.files.read(f);
    if (d !== undefined) ws.push({ file: f, data: d });
  }
  const main = (await s.files.read(s.goSumFile)) ?? new Uint8Array();
  // fetch.go readGoSum reports a malformed go.sum through base.Fatalf (no "go: " prefix), at the
  // first question asked of go.sum (initGoSum), not here.
  s.bindGoSum(
    GoSumState.deferred(s.goSumFile, main, ws, { ignoreMalformed: s.cmdName === 'mod tidy' } as never, (e) => new FatalError((e instanceof MalformedGoSumError ? '' : 'go: ') + e.message)),
  );
}

function errWorkTooOld(s: ModState, gomod: string, wf: WorkFile | null, goVers: string): Error {
  const verb = wf === null || wf.go === null ? 'implicitly requires' : 'lists';
  return new Error(
    `module ${shortPath(s.cwd, dir(gomod))} listed in go.work file requires go >= ${goVers}, but go.work ${verb} go ${fromGoWork(wf?.go?.version)}; to update it:\n\tgo work use`,
  );
}

/** init.go: makeMainModules */
function makeMainModules(s: ModState, ms: ModuleVersion[], rootDirs: string[], modFiles: File[], indices: ModFileIndex[], workFile: WorkFile | null): MainModuleSet {
  const mms = new MainModuleSet(ms.slice(), workFile);
  const workFileReplaces = workFile?.replace ?? [];
  if (workFile) mms.workFileReplaceMap = toReplaceMap(workFile.replace);
  const mainModulePaths = new Set<string>();
  for (const m of ms) {
    if (mainModulePaths.has(m.path)) s.errorf(`go: module ${m.path} appears multiple times in workspace`);
    mainModulePaths.add(m.path);
  }
  const replacedByWorkFile = new Set<string>();
  const replacements = new Map<string, ModuleVersion>();
  for (const r of workFileReplaces) {
    if (mainModulePaths.has(r.old.path) && r.old.version === '') {
      s.errorf(
        `go: workspace module ${r.old.path} is replaced at all versions in the go.work file. To fix, remove the replacement from the go.work file or specify the version at which to replace the module.`,
      );
    }
    replacedByWorkFile.add(r.old.path);
    const v = mms.highestReplaced.get(r.old.path);
    if (v === undefined || modCompare(r.old.path, r.old.version, v) > 0) mms.highestReplaced.set(r.old.path, r.old.version);
    replacements.set(mvKey(r.old), r.new);
  }
  ms.forEach((m, i) => {
    const k = mvKey(m);
    mms.pathPrefix.set(k, m.path);
    // init.go: makeMainModules — the "std" module in GOROOT/src has no import-path prefix.
    if (m.path === 'std' && inDir(rootDirs[i]!, join(s.getenv('GOROOT') || defaultGoRoot, 'src')) !== '') mms.pathPrefix.set(k, '');
    mms.modRoot.set(k, rootDirs[i]!);
    mms.modFiles.set(k, modFiles[i] ?? null);
    mms.indices.set(k, indices[i] ?? null);
    const f = modFiles[i];
    if (f) {
      const cur = new Set<string>();
      for (const r of f.replace) {
        if (replacedByWorkFile.has(r.old.path)) continue;
        let newV = r.new;
        if (s.workFilePath !== '' && newV.version === '' && !isAbs(newV.path)) newV = { path: join(rootDirs[i]!, newV.path), version: '' };
        const prev = replacements.get(mvKey(r.old));
        if (prev && !cur.has(mvKey(r.old)) && (prev.path !== newV.path || prev.version !== newV.version)) {
          throw new FatalError(
            `go: conflicting replacements for ${fmtMod(r.old)}:\n\t${fmtMod(prev)}\n\t${fmtMod(newV)}\nuse "go work edit -replace ${fmtMod(r.old)}=[override]" to resolve`,
          );
        }
        cur.add(mvKey(r.old));
        replacements.set(mvKey(r.old), newV);
        const v = mms.highestReplaced.get(r.old.path);
        if (v === undefined || modCompare(r.old.path, r.old.version, v) > 0) mms.highestReplaced.set(r.old.path, r.old.version);
      }
    }
  });
  return mms;
}

/** init.go: requirementsFromModFiles */
function requirementsFromModFiles(s: ModState, workFile: WorkFile | null, modFiles: File[]): Requirements {
  let roots: ModuleVersion[];
  let direct = new Map<string, boolean>();
  let pruning;
  const mms = s.main();
  if (s.inWorkspaceMode()) {
    pruning = 'workspace' as const;
    roots = mms.versions().slice();
    appendGoAndToolchainRoots(roots, fromGoWork(workFile?.go?.version), workFile?.toolchain?.name ?? '', direct);
    direct = directRequirements(modFiles);
  } else {
    pruning = pruningForGoVersion(mms.goVersion());
    if (modFiles.length !== 1) throw new Error(`requirementsFromModFiles called with ${modFiles.length} modfiles outside workspace mode`);
    ({ roots, direct } = rootsFromModFile(s, mms.mustGetSingleMainModule(), modFiles[0]!, true));
  }
  modSort(roots);
  return newRequirements(s, pruning, roots, direct);
}

function directRequirements(modFiles: File[]): Map<string, boolean> {
  const direct = new Map<string, boolean>();
  for (const f of modFiles) for (const r of f.require) if (!r.indirect) direct.set(r.mod.path, true);
  return direct;
}

/** init.go: rootsFromModFile */
export function rootsFromModFile(s: ModState, m: ModuleVersion, modFile: File, addToolchainRoot: boolean): { roots: ModuleVersion[]; direct: Map<string, boolean> } {
  const direct = new Map<string, boolean>();
  const roots: ModuleVersion[] = [];
  const index = s.main().index(m);
  for (const r of modFile.require) {
    if (index && index.exclude.has(mvKey(r.mod))) {
      if (s.buildMod === 'mod') s.stderr(`go: dropping requirement on excluded version ${r.mod.path} ${r.mod.version}\n`);
      else s.stderr(`go: ignoring requirement on excluded version ${r.mod.path} ${r.mod.version}\n`);
      continue;
    }
    roots.push({ ...r.mod });
    if (!r.indirect) direct.set(r.mod.path, true);
  }
  const goVersion = fromGoMod(modFile.go?.version);
  const toolchain = addToolchainRoot && modFile.toolchain ? modFile.toolchain.name : '';
  appendGoAndToolchainRoots(roots, goVersion, toolchain, direct);
  return { roots, direct };
}

/** init.go: appendGoAndToolchainRoots */
function appendGoAndToolchainRoots(roots: ModuleVersion[], goVersion: string, toolchain: string, direct: Map<string, boolean>): void {
  roots.push({ path: 'go', version: goVersion });
  direct.set('go', true);
  if (toolchain !== '') roots.push({ path: 'toolchain', version: toolchain });
}

/** init.go: setDefaultBuildMod */
export async function setDefaultBuildMod(s: ModState): Promise<void> {
  if (s.buildModExplicit) {
    if (s.inWorkspaceMode() && s.buildMod !== 'readonly' && s.buildMod !== 'vendor') {
      throw new FatalError(
        `go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to ${goQuote(s.buildMod)}` +
          '\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.',
      );
    }
    return;
  }
  switch (s.cmdName) {
    case 'get':
    case 'mod download':
    case 'mod init':
    case 'mod tidy':
    case 'work sync':
    case 'mod graph':
    case 'mod verify':
    case 'mod why':
      s.buildMod = 'mod';
      return;
    case 'mod vendor':
    case 'work vendor':
      s.buildMod = 'readonly';
      return;
  }
  if (s.modRoots === null) {
    s.buildMod = s.allowMissingModuleImports ? 'mod' : 'readonly';
    return;
  }
  if (s.modRoots.length >= 1 && s.mainModules) {
    let goVersion = '';
    let versionSource: string;
    if (s.inWorkspaceMode()) {
      versionSource = 'go.work';
      goVersion = s.mainModules.workFile?.go?.version ?? '';
    } else {
      versionSource = 'go.mod';
      goVersion = s.mainModules.getSingleIndexOrNil()?.goVersion ?? '';
    }
    const vendorDir = s.workFilePath !== '' ? join(dir(s.workFilePath), 'vendor') : join(s.modRoots[0]!, 'vendor');
    if ((await s.files.stat(vendorDir)) === 'dir') {
      if (goVersion !== '') {
        if (compareGo(goVersion, '1.14') < 0) {
          s.buildModReason = `Go version in ${versionSource} is ${goVersion}, so vendor directory was not used.`;
        } else {
          const vendoredWorkspace = await modulesTextIsForWorkspace(s, vendorDir);
          if (vendoredWorkspace !== (versionSource === 'go.work')) {
            s.buildModReason = vendoredWorkspace
              ? 'Outside workspace mode, but vendor directory is for a workspace.'
              : 'In workspace mode, but vendor directory is not for a workspace';
          } else {
            s.buildMod = 'vendor';
            s.buildModReason = `Go version in ${versionSource} is at least 1.14 and vendor directory exists.`;
            return;
          }
        }
      } else {
        s.buildModReason = `Go version in ${versionSource} is unspecified, so vendor directory was not used.`;
      }
    }
  }
  s.buildMod = 'readonly';
}

async function modulesTextIsForWorkspace(s: ModState, vendorDir: string): Promise<boolean> {
  const data = await s.files.read(join(vendorDir, 'modules.txt'));
  if (data === undefined) return false;
  const text = utf8Decode(data.slice(0, 512));
  const line = text.split('\n')[0]!;
  if (line.startsWith('## ')) {
    for (const entry of line.slice(3).split(';')) if (entry.trim() === 'workspace') return true;
  }
  return false;
}

/** init.go: addGoStmt */
function addGoStmt(s: ModState, modFile: File, mod: ModuleVersion, v: string): void {
  if (modFile.go && modFile.go.version !== '') return;
  modfileAddGoStmt(modFile, v);
  s.rawGoVersion.set(mvKey(mod), v);
}

export { inDir };
export { commitRequirements, keepSums, updateGoModFromReqs, writeGoSum, type LoaderKeepSums, type WhichSums, type WriteOpts } from './commit';
