// Graph-level operations on Requirements: cmd/go/internal/modload/buildlist.go (LoadModGraph,
// expandGraph, overrideRoots, updateRoots, updatePrunedRoots, updateUnprunedRoots,
// updateWorkspaceRoots, spotCheckRoots, tidyRoots, tidyPrunedRoots, tidyUnprunedRoots,
// convertPruning, ConstraintError/Conflict).
//
// API:
//   loadModGraph(s, goVersion)                 -> ModuleGraph (go mod graph, list -m): loads
//                                                the main module, expands roots; throws Go's errors
//   expandGraph(s, rs)                         -> { rs, mg, err }
//   updateRoots(s, direct, rs, pkgs, add, rootsImported)
//   tidyRoots(s, rs, pkgs, hooks)              (for tidy; pkgs are RootPkg, below)
//   convertPruning(s, rs, pruning) / overrideRoots(s, rs, replace)

import { compareGo, GoStrictVersion, modCompare, modSort } from '../gover';
import { sortModuleVersions, type ModuleVersion } from '../module';
import { BuildList, Req } from '../mvs/mvs';
import { mvKey } from '../mvs/graph';
import { goModSummary, pruningForGoVersion } from './modfile';
import { MvsReqs } from './mvsreqs';
import { GoModDirtyError, newRequirements, readModGraph, type ModuleGraph, type Requirements } from './requirements';
import { fmtMod, type ModPruning, type ModState } from './state';
import { loadModFile } from './init';

/**
 * What the package loader tells the graph about one loaded package (load.go: loadPkg), enough
 * for updatePrunedRoots / tidyRoots.
 */
export interface RootPkg {
  path: string;
  /** The module providing the package ({path:"",version:""} for std / not found). */
  mod: ModuleVersion;
  fromExternalModule(): boolean;
  /** pkgInAll */
  inAll: boolean;
  /** pkgIsRoot */
  isRoot: boolean;
  /** pkgFromRoot */
  fromRoot: boolean;
  imports: RootPkg[];
  test: RootPkg | null;
  /** modules that lexically could have provided the package */
  altMods: ModuleVersion[];
}

/** buildlist.go: LoadModGraph */
export async function loadModGraph(s: ModState, goVersion: string): Promise<ModuleGraph> {
  let rs = await loadModFile(s);
  if (goVersion !== '') {
    const v = rs.rootSelected('go').version;
    if (compareGo(v, GoStrictVersion) >= 0 && compareGo(goVersion, v) < 0) {
      throw new Error(`requested Go version ${goVersion} cannot load module graph (requires Go >= ${v})`);
    }
    const pruning = pruningForGoVersion(goVersion);
    if (pruning === 'unpruned' && rs.pruning !== 'unpruned') {
      rs = newRequirements(s, 'unpruned', rs.rootModules, rs.direct);
    }
    const { mg, err } = await rs.graph();
    if (err) throw err;
    return mg;
  }
  const r = await expandGraph(s, rs);
  if (r.err) throw r.err;
  s.requirements = r.rs;
  return r.mg;
}

/** buildlist.go: expandGraph */
export async function expandGraph(s: ModState, rs: Requirements): Promise<{ rs: Requirements; mg: ModuleGraph; err: Error | null }> {
  let { mg, err } = await rs.graph();
  if (err) return { rs, mg, err };
  if (!mg.allRootsSelected(s)) {
    let newRS: Requirements;
    try {
      newRS = await updateRoots(s, rs.direct, rs, null, [], false);
    } catch (e) {
      if ((e as { fatal?: boolean }).fatal) throw e;
      return { rs, mg, err: e as Error };
    }
    rs = newRS;
    ({ mg, err } = await rs.graph());
  }
  return { rs, mg, err };
}

/** buildlist.go: overrideRoots */
export function overrideRoots(s: ModState, rs: Requirements, replace: ModuleVersion[]): Requirements {
  const drop = new Set(replace.map((m) => m.path));
  const roots = rs.rootModules.filter((m) => !drop.has(m.path)).concat(replace);
  modSort(roots);
  return newRequirements(s, rs.pruning, roots, rs.direct);
}

/** buildlist.go: Conflict */
export interface Conflict {
  path: ModuleVersion[];
  constraint: ModuleVersion | null;
  err: Error | null;
}

/** buildlist.go: ConstraintError */
export class ConstraintError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super('version constraints conflict:' + conflicts.map((c) => '\n\t' + conflictSummary(c)).join(''));
  }
}

function unwrapModuleError(c: Conflict): Error | null {
  const me = c.err as { path?: string; version?: string; err?: Error } | null;
  if (me && me.err && c.path.length > 0) {
    const last = c.path[c.path.length - 1]!;
    if (me.path === last.path && me.version === last.version) return me.err;
  }
  return c.err;
}

/** buildlist.go: (Conflict).Summary */
export function conflictSummary(c: Conflict): string {
  if (c.path.length === 0) return '(internal error: invalid Conflict struct)';
  const first = c.path[0]!;
  const last = c.path[c.path.length - 1]!;
  if (c.path.length === 1) {
    if (c.err) return `${fmtMod(first)}: ${unwrapModuleError(c)!.message}`;
    return `${fmtMod(first)} is above ${c.constraint?.version ?? ''}`;
  }
  const adverb = c.path.length > 2 ? 'indirectly ' : '';
  if (c.err) return `${fmtMod(first)} ${adverb}requires ${fmtMod(last)}: ${unwrapModuleError(c)!.message}`;
  return `${fmtMod(first)} ${adverb}requires ${fmtMod(last)}, but ${c.constraint?.version ?? ''} is requested`;
}

/** buildlist.go: updateRoots */
export function updateRoots(
  s: ModState,
  direct: Map<string, boolean>,
  rs: Requirements,
  pkgs: RootPkg[] | null,
  add: ModuleVersion[],
  rootsImported: boolean,
): Promise<Requirements> {
  switch (rs.pruning) {
    case 'unpruned':
      return updateUnprunedRoots(s, direct, rs, add);
    case 'pruned':
      return updatePrunedRoots(s, direct, rs, pkgs ?? [], add, rootsImported);
    case 'workspace':
      return Promise.resolve(updateWorkspaceRoots(s, direct, rs, add));
  }
}

function updateWorkspaceRoots(s: ModState, direct: Map<string, boolean>, rs: Requirements, add: ModuleVersion[]): Requirements {
  if (add.length !== 0) throw new Error('add is not empty');
  return newRequirements(s, 'workspace', rs.rootModules, direct);
}

function sameList(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

function sameDirect(a: Map<string, boolean>, b: Map<string, boolean>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** buildlist.go: updatePrunedRoots */
export async function updatePrunedRoots(
  s: ModState,
  direct: Map<string, boolean>,
  rs: Requirements,
  pkgs: RootPkg[],
  add: ModuleVersion[],
  rootsImported: boolean,
): Promise<Requirements> {
  let roots: ModuleVersion[] = rs.rootModules.slice();
  let rootsUpgraded = false;
  const spotCheckRoot = new Map<string, ModuleVersion>();
  let needSort = false;
  for (const pkg of pkgs) {
    if (!pkg.fromExternalModule()) continue;
    if (!(pkg.inAll || (rootsImported && pkg.fromRoot) || pkg.isRoot)) continue;
    if (rs.rootSelected(pkg.mod.path).ok) {
      spotCheckRoot.set(mvKey(pkg.mod), pkg.mod);
    } else {
      roots.push(pkg.mod);
      rootsUpgraded = true;
      needSort = true;
    }
  }
  for (const m of add) {
    const { version, ok } = rs.rootSelected(m.path);
    if (!ok || modCompare(m.path, version, m.version) < 0) {
      roots.push(m);
      rootsUpgraded = true;
      needSort = true;
    }
  }
  if (needSort) modSort(roots);

  for (;;) {
    let mg: ModuleGraph | null = null;
    if (rootsUpgraded) {
      if (s.mustHaveCompleteRequirements()) throw new GoModDirtyError(s);
      rs = newRequirements(s, 'pruned', roots, direct);
      const r = await rs.graph();
      if (r.err) throw r.err;
      mg = r.mg;
    } else {
      if (rs.graphLoaded()) {
        mg = (await rs.graph()).mg;
      } else if (s.buildMod === 'vendor') {
        throw new Error('internal error: rs.graph is unexpectedly nil with -mod=vendor');
      } else if (!(await spotCheckRoots(s, rs, [...spotCheckRoot.values()]))) {
        const r = await rs.graph();
        if (r.err) throw r.err;
        mg = r.mg;
      }
    }

    roots = [];
    rootsUpgraded = false;
    const inRootPaths = new Set<string>(s.main().versions().map((m) => m.path));
    for (const m of rs.rootModules) {
      if (inRootPaths.has(m.path)) continue;
      const v = mg === null ? rs.rootSelected(m.path).version : mg.selected(m.path);
      roots.push({ path: m.path, version: v });
      inRootPaths.add(m.path);
      if (v !== m.version) rootsUpgraded = true;
    }
    if (!rootsUpgraded) {
      if (s.buildMod !== 'mod') return rs;
      break;
    }
  }
  if (rs.pruning === 'pruned' && sameList(roots, rs.rootModules) && sameDirect(direct, rs.direct)) return rs;
  return newRequirements(s, 'pruned', roots, direct);
}

/** buildlist.go: spotCheckRoots */
async function spotCheckRoots(s: ModState, rs: Requirements, mods: ModuleVersion[]): Promise<boolean> {
  const results = await Promise.all(
    mods.map(async (m) => {
      let summary;
      try {
        summary = await goModSummary(s, m);
      } catch {
        return false;
      }
      for (const r of summary.require) {
        const { version, ok } = rs.rootSelected(r.path);
        if (ok && modCompare(r.path, version, r.version) < 0) return false;
      }
      return true;
    }),
  );
  return results.every((x) => x);
}

/** buildlist.go: updateUnprunedRoots */
export async function updateUnprunedRoots(s: ModState, direct: Map<string, boolean>, rs: Requirements, add: ModuleVersion[]): Promise<Requirements> {
  const { mg, err } = await rs.graph();
  if (err) throw err;
  if (s.mustHaveCompleteRequirements()) {
    for (const m of rs.rootModules) if (m.version !== mg.selected(m.path)) throw new GoModDirtyError(s);
    for (const m of add) if (m.version !== mg.selected(m.path)) throw new GoModDirtyError(s);
    for (const [p, d] of direct) if (d && !rs.rootSelected(p).ok) throw new GoModDirtyError(s);
    return rs;
  }
  const rootPaths: string[] = [];
  const inRootPaths = new Set<string>();
  for (const root of rs.rootModules) {
    if (!inRootPaths.has(root.path) && mg.selected(root.path) === root.version) {
      rootPaths.push(root.path);
      inRootPaths.add(root.path);
    }
  }
  const keep = mg.buildList().slice(s.main().len()).concat(add);
  for (const m of keep) {
    if (direct.get(m.path) && !inRootPaths.has(m.path)) {
      rootPaths.push(m.path);
      inRootPaths.add(m.path);
    }
  }
  let roots: ModuleVersion[] = [];
  for (const mainModule of s.main().versions()) {
    const min = await Req(mainModule, rootPaths, new MvsReqs(s, keep));
    roots = roots.concat(min);
  }
  if (s.main().len() > 1) modSort(roots);
  if (rs.pruning === 'unpruned' && sameList(roots, rs.rootModules) && sameDirect(direct, rs.direct)) return rs;
  return newRequirements(s, 'unpruned', roots, direct);
}

/** buildlist.go: convertPruning */
export async function convertPruning(s: ModState, rs: Requirements, pruning: ModPruning): Promise<Requirements> {
  if (rs.pruning === pruning) return rs;
  if (rs.pruning === 'workspace' || pruning === 'workspace') {
    throw new Error('attempting to convert to/from workspace pruning and another pruning type');
  }
  if (pruning === 'unpruned') return updateUnprunedRoots(s, rs.direct, rs, []);
  const { mg, err } = await rs.graph();
  if (err) throw err;
  return newRequirements(s, 'pruned', mg.buildList().slice(s.main().len()), rs.direct);
}

/** Hooks tidyPrunedRoots needs from the package loader. */
export interface TidyHooks {
  /** importFromModules(ctx, path, rs, nil, skipModFile=true) reports an AmbiguousImportError. */
  isAmbiguous(pkgPath: string, rs: Requirements): Promise<boolean>;
}

/** buildlist.go: tidyRoots */
export function tidyRoots(s: ModState, rs: Requirements, pkgs: RootPkg[], hooks: TidyHooks): Promise<Requirements> {
  const mainModule = s.main().mustGetSingleMainModule();
  if (rs.pruning === 'unpruned') return tidyUnprunedRoots(s, mainModule, rs, pkgs);
  return tidyPrunedRoots(s, mainModule, rs, pkgs, hooks);
}

/** buildlist.go: tidyPrunedRoots */
export async function tidyPrunedRoots(s: ModState, mainModule: ModuleVersion, old: Requirements, pkgs: RootPkg[], hooks: TidyHooks): Promise<Requirements> {
  let roots: ModuleVersion[] = [];
  const pathIsRoot = new Set<string>([mainModule.path]);
  for (const p of ['go', 'toolchain']) {
    const { version, ok } = old.rootSelected(p);
    if (ok) {
      roots.push({ path: p, version });
      pathIsRoot.add(p);
    }
  }
  let queue: RootPkg[] = [];
  const queued = new Set<RootPkg>();
  for (const pkg of pkgs) {
    if (!pkg.inAll) continue;
    if (pkg.fromExternalModule() && !pathIsRoot.has(pkg.mod.path)) {
      roots.push(pkg.mod);
      pathIsRoot.add(pkg.mod.path);
    }
    queue.push(pkg);
    queued.add(pkg);
  }
  modSort(roots);
  let tidy = newRequirements(s, 'pruned', roots, old.direct);

  while (queue.length > 0) {
    roots = tidy.rootModules.slice();
    const { mg, err } = await tidy.graph();
    if (err) throw err;
    const prevQueue = queue;
    queue = [];
    for (const pkg of prevQueue) {
      const m = pkg.mod;
      if (m.path === '') continue;
      for (const dep of pkg.imports) {
        if (!queued.has(dep)) {
          queue.push(dep);
          queued.add(dep);
        }
      }
      if (pkg.test && !queued.has(pkg.test)) {
        queue.push(pkg.test);
        queued.add(pkg.test);
      }
      if (!pathIsRoot.has(m.path)) {
        if (modCompare(m.path, mg.selected(m.path), m.version) < 0) {
          roots.push(m);
          pathIsRoot.add(m.path);
        }
      }
    }
    if (roots.length > tidy.rootModules.length) {
      modSort(roots);
      tidy = newRequirements(s, 'pruned', roots, tidy.direct);
    }
  }

  roots = tidy.rootModules.slice();
  {
    const { err } = await tidy.graph();
    if (err) throw err;
  }
  for (;;) {
    const disambiguate = new Map<string, ModuleVersion>();
    const t = tidy;
    await Promise.all(
      pkgs.map(async (pkg) => {
        if (pkg.mod.path === '' || pathIsRoot.has(pkg.mod.path)) return;
        if (await hooks.isAmbiguous(pkg.path, t)) disambiguate.set(mvKey(pkg.mod), pkg.mod);
      }),
    );
    for (const m of disambiguate.values()) {
      roots.push(m);
      pathIsRoot.add(m.path);
    }
    if (roots.length > tidy.rootModules.length) {
      sortModuleVersions(roots);
      tidy = newRequirements(s, 'pruned', roots, tidy.direct);
      const { err } = await tidy.graph();
      if (err) throw err;
      continue;
    }
    break;
  }
  return tidy;
}

/** buildlist.go: tidyUnprunedRoots */
export async function tidyUnprunedRoots(s: ModState, mainModule: ModuleVersion, old: Requirements, pkgs: RootPkg[]): Promise<Requirements> {
  const keep: ModuleVersion[] = [];
  const keptPath = new Set<string>();
  const rootPaths: string[] = [];
  const inRootPaths = new Set<string>();
  const altMods = new Map<string, string>();
  for (const p of ['go', 'toolchain']) {
    const { version, ok } = old.rootSelected(p);
    if (ok) {
      keep.push({ path: p, version });
      keptPath.add(p);
    }
  }
  for (const pkg of pkgs) {
    if (!pkg.fromExternalModule()) continue;
    const m = pkg.mod;
    if (!keptPath.has(m.path)) {
      keep.push(m);
      keptPath.add(m.path);
      if (old.direct.get(m.path) && !inRootPaths.has(m.path)) {
        rootPaths.push(m.path);
        inRootPaths.add(m.path);
      }
    }
    for (const am of pkg.altMods) altMods.set(am.path, am.version);
  }
  const reqs = new MvsReqs(s, keep);
  let min = await Req(mainModule, rootPaths, reqs);
  const buildList = await BuildList([mainModule], reqs);
  let keptAltMod = false;
  for (const m of buildList) {
    const v = altMods.get(m.path);
    if (v !== undefined && modCompare(m.path, m.version, v) < 0) {
      keep.push({ path: m.path, version: v });
      keptAltMod = true;
    }
  }
  if (keptAltMod) {
    reqs.roots = keep;
    min = await Req(mainModule, rootPaths, reqs);
  }
  return newRequirements(s, 'unpruned', min, old.direct);
}
