// Root requirements and the module graph loaded from them: cmd/go/internal/modload/buildlist.go
// (Requirements, newRequirements, initVendor, rootSelected, hasRedundantRoot, Graph, ModuleGraph,
// readModGraph, findError, allRootsSelected).
//
// API:
//   newRequirements(s, pruning, rootModules, direct)   rootModules sorted by gover.ModSort, with a
//                                                     "go" root; direct = module paths imported directly
//   rs.rootModules / rs.pruning / rs.direct / rs.maxRootVersion
//   rs.rootSelected(path) -> { version, ok }          main modules give ("", true)
//   rs.goVersion()
//   await rs.graph() -> { mg, err }                   loaded once (lazily); err is a BuildListError
//   mg.requiredBy(m) / mg.selected(path) / mg.buildList() / mg.walkBreadthFirst(f) / mg.findError()
//   readModGraph(s, pruning, roots, unprune)          the graph walk with pruned/unpruned/workspace rules

import { modCompare, modSort } from '../gover';
import type { ModuleVersion } from '../module';
import { compareStrings } from '../semver';
import { BuildListError } from '../mvs/errors';
import { Graph, mvKey } from '../mvs/graph';
import { goModSummary, type ModFileSummary } from './modfile';
import { rootsFromModFile } from './init';
import { cmpVersion } from './mvsreqs';
import { fmtMod, type ModPruning, type ModState } from './state';

export class Requirements {
  readonly maxRootVersion = new Map<string, string>();
  private graphP: Promise<{ mg: ModuleGraph; err: Error | null }> | null = null;
  private graphDone: { mg: ModuleGraph; err: Error | null } | null = null;

  constructor(
    readonly s: ModState,
    readonly pruning: ModPruning,
    readonly rootModules: readonly ModuleVersion[],
    readonly direct: Map<string, boolean>,
  ) {}

  /** buildlist.go: (*Requirements).GoVersion */
  goVersion(): string {
    const { version } = this.rootSelected('go');
    if (version === '') throw new Error('internal error: missing go version in modload.Requirements');
    return version;
  }

  /** buildlist.go: rootSelected */
  rootSelected(path: string): { version: string; ok: boolean } {
    if (this.s.mainModules?.contains(path)) return { version: '', ok: true };
    const v = this.maxRootVersion.get(path);
    if (v !== undefined) return { version: v, ok: true };
    return { version: '', ok: false };
  }

  /** buildlist.go: hasRedundantRoot */
  hasRedundantRoot(): boolean {
    for (let i = 0; i < this.rootModules.length; i++) {
      const m = this.rootModules[i]!;
      if (this.s.mainModules?.contains(m.path) || (i > 0 && m.path === this.rootModules[i - 1]!.path)) return true;
    }
    return false;
  }

  isDirect(path: string): boolean {
    return this.direct.get(path) === true;
  }

  /** Whether the graph has been loaded (rs.graph.Load() != nil). */
  graphLoaded(): boolean {
    return this.graphP !== null;
  }

  /** The loaded graph, if it finished loading. */
  loadedGraph(): { mg: ModuleGraph; err: Error | null } | null {
    return this.graphDone;
  }

  /** buildlist.go: (*Requirements).Graph */
  graph(): Promise<{ mg: ModuleGraph; err: Error | null }> {
    if (!this.graphP) {
      this.graphP = readModGraph(this.s, this.pruning, this.rootModules, null).then((r) => {
        this.graphDone = r;
        return r;
      });
    }
    return this.graphP;
  }

  /** buildlist.go: initVendor */
  initVendor(vendorList: ModuleVersion[]): void {
    const s = this.s;
    const mms = s.main();
    let roots = mms.versions();
    if (s.inWorkspaceMode()) roots = [...this.rootModules];
    const mg = new ModuleGraph(new Graph(cmpVersion, roots));
    if (this.pruning === 'pruned') {
      const mainModule = mms.mustGetSingleMainModule();
      let inconsistent = false;
      for (const m of vendorList) {
        const { version, ok } = this.rootSelected(m.path);
        if (!ok || version !== m.version) {
          s.errorf(`go: vendored module ${fmtMod(m)} should be required explicitly in go.mod`);
          inconsistent = true;
        }
      }
      if (inconsistent) throw new GoModDirtyFatal(s);
      mg.g.require(mainModule, this.rootModules);
    } else {
      const vendorMod = { path: 'vendor/modules.txt', version: '' };
      if (s.inWorkspaceMode()) {
        // each workspace module requires its own go.mod's roots and the vendor list
        for (const m of mms.versions()) {
          const { roots: reqs } = rootsFromModFile(s, m, mms.modFile(m)!, false);
          mg.g.require(m, [...reqs, vendorMod]);
        }
      } else mg.g.require(mms.mustGetSingleMainModule(), [...this.rootModules, vendorMod]);
      mg.g.require(vendorMod, vendorList);
    }
    const r = { mg, err: null };
    this.graphP = Promise.resolve(r);
    this.graphDone = r;
  }
}

/** errGoModDirty as a fatal (base.Fatal(errGoModDirty)). */
export class GoModDirtyFatal extends Error {
  readonly fatal = true;
  constructor(s: ModState) {
    super('go: ' + goModDirtyText(s));
  }
}

/** init.go: goModDirtyError.Error */
export function goModDirtyText(s: ModState): string {
  if (s.buildModExplicit) return `updates to go.mod needed, disabled by -mod=${s.buildMod}; to update it:\n\tgo mod tidy`;
  if (s.buildModReason !== '') {
    return `updates to go.mod needed, disabled by -mod=${s.buildMod}\n\t(${s.buildModReason})\n\tto update it:\n\tgo mod tidy`;
  }
  return 'updates to go.mod needed; to update it:\n\tgo mod tidy';
}

/** errGoModDirty */
export class GoModDirtyError extends Error {
  constructor(s: ModState) {
    super(goModDirtyText(s));
    this.name = 'GoModDirtyError';
  }
}

/**
 * A panic in go (an internal error such as mustHaveGoRoot's): it ends the command whatever -e
 * says; modscope prints "go: " and the panic's message, exit status 1 (go: 2 and a goroutine trace).
 */
export class GoPanic extends Error {
  readonly fatal = true;
  constructor(message: string) {
    super('go: ' + message);
    this.name = 'GoPanic';
  }
}

/** buildlist.go: newRequirements (panics become thrown internal errors). */
export function newRequirements(s: ModState, pruning: ModPruning, rootModules: readonly ModuleVersion[], direct: Map<string, boolean>): Requirements {
  if (!rootModules.some((m) => m.path === 'go')) throw new GoPanic('go: internal error: missing go root module') // buildlist.go mustHaveGoRoot;
  if (pruning !== 'workspace') {
    if (s.workFilePath !== '') throw new Error('in workspace mode, but pruning is not workspace in newRequirements');
    rootModules.forEach((m, i) => {
      if (m.version === '' && s.mainModules?.contains(m.path)) {
        throw new Error(`newRequirements called with untrimmed build list: rootModules[${i}] is a main module`);
      }
      if (m.path === '' || m.version === '') throw new Error(`bad requirement: rootModules[${i}] = ${fmtMod(m)}`);
    });
  }
  const rs = new Requirements(s, pruning, rootModules, direct);
  rootModules.forEach((m, i) => {
    if (i > 0) {
      const prev = rootModules[i - 1]!;
      if (compareStrings(prev.path, m.path) > 0 || (prev.path === m.path && modCompare(m.path, prev.version, m.version) > 0)) {
        throw new Error(`newRequirements called with unsorted roots: ${rootModules.map(fmtMod).join(' ')}`);
      }
    }
    const v = rs.maxRootVersion.get(m.path);
    if (v !== undefined && modCompare(m.path, v, m.version) >= 0) return;
    rs.maxRootVersion.set(m.path, m.version);
  });
  if (!rs.maxRootVersion.get('go')) throw new Error('newRequirements called without a "go" version');
  return rs;
}

/** buildlist.go: ModuleGraph */
export class ModuleGraph {
  /** loadCache: summaries (or errors) of modules whose requirements were loaded. */
  readonly loadCache = new Map<string, { summary?: ModFileSummary; err?: Error }>();
  private buildListV: ModuleVersion[] | null = null;

  constructor(readonly g: Graph) {}

  /** The requirements of m, or undefined if they were pruned out (not loaded). */
  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined {
    return this.g.requiredBy(m);
  }

  /** The selected version of path ("none" if none). */
  selected(path: string): string {
    return this.g.selectedVersion(path);
  }

  walkBreadthFirst(f: (m: ModuleVersion) => void): void {
    this.g.walkBreadthFirst(f);
  }

  /** Main modules first, then the other selected modules (gover.ModSort order). */
  buildList(): readonly ModuleVersion[] {
    this.buildListV ??= this.g.buildList();
    return this.buildListV;
  }

  /** buildlist.go: findError */
  findError(): Error | null {
    const errStack = this.g.findPath((m) => this.loadCache.get(mvKey(m))?.err !== undefined);
    if (errStack && errStack.length > 0) {
      const err = this.loadCache.get(mvKey(errStack[errStack.length - 1]!))!.err!;
      return new BuildListError(err, errStack);
    }
    return null;
  }

  /** buildlist.go: allRootsSelected */
  allRootsSelected(s: ModState): boolean {
    let roots: readonly ModuleVersion[];
    if (s.inWorkspaceMode()) roots = s.main().versions();
    else roots = this.g.requiredBy(s.main().mustGetSingleMainModule()) ?? [];
    for (const m of roots) if (this.selected(m.path) !== m.version) return false;
    return true;
  }
}

/** A bounded-concurrency work queue (par.Queue) whose idle() resolves when all work is done. */
class Queue {
  private running = 0;
  private readonly todo: Array<() => Promise<void>> = [];
  private waiters: Array<() => void> = [];
  private failure: unknown = undefined;
  constructor(private readonly n: number) {}
  add(f: () => Promise<void>): void {
    this.todo.push(f);
    this.pump();
  }
  private pump(): void {
    while (this.running < this.n && this.todo.length > 0) {
      const f = this.todo.shift()!;
      this.running++;
      void f()
        .catch((e) => {
          this.failure ??= e;
        })
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
    if (this.running === 0 && this.todo.length === 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r();
    }
  }
  async idle(): Promise<void> {
    if (this.running !== 0 || this.todo.length !== 0) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure !== undefined) {
      const f = this.failure;
      this.failure = undefined;
      throw f;
    }
  }
}

/**
 * buildlist.go: readModGraph — loads the graph from roots. In pruned mode the requirements of
 * a module are followed only if it is unpruned (go < 1.17) or in unprune; in unpruned mode
 * everything is followed; workspace mode re-loads selected versions of workspace dependencies.
 * Never throws for load errors: they come back as err (a BuildListError), mg holding what loaded.
 */
export async function readModGraph(
  s: ModState,
  pruning: ModPruning,
  roots: readonly ModuleVersion[],
  unprune: Set<string> | null,
): Promise<{ mg: ModuleGraph; err: Error | null }> {
  if (!roots.some((m) => m.path === 'go')) throw new GoPanic('go: internal error: missing go root module') // buildlist.go mustHaveGoRoot;
  const graphRoots = s.inWorkspaceMode() ? roots : s.main().versions();
  const mg = new ModuleGraph(new Graph(cmpVersion, graphRoots));
  let hasError = false;
  if (pruning !== 'workspace') {
    if (s.inWorkspaceMode()) throw new Error('pruning is not workspace in workspace mode');
    mg.g.require(s.main().mustGetSingleMainModule(), roots);
  }

  const loadQueue = new Queue(8);
  const loading = new Set<string>();
  const loadPromises = new Map<string, Promise<ModFileSummary | undefined>>();

  const loadOne = (m: ModuleVersion): Promise<ModFileSummary | undefined> => {
    const k = mvKey(m);
    let p = loadPromises.get(k);
    if (!p) {
      p = (async () => {
        try {
          const summary = await goModSummary(s, m);
          mg.g.require(m, summary.require);
          mg.loadCache.set(k, { summary });
          return summary;
        } catch (e) {
          if ((e as { fatal?: boolean }).fatal) throw e;
          hasError = true;
          mg.loadCache.set(k, { err: e as Error });
          return undefined;
        }
      })();
      loadPromises.set(k, p);
    }
    return p;
  };

  const enqueue = (m: ModuleVersion, pr: ModPruning): void => {
    if (m.version === 'none') return;
    const dk = mvKey(m) + '\0' + pr;
    if (loading.has(dk)) return;
    loading.add(dk);
    loadQueue.add(async () => {
      const summary = await loadOne(m);
      if (!summary) return;
      const nextPruning = pr === 'unpruned' ? 'unpruned' : summary.pruning;
      for (const r of summary.require) {
        if (pr !== 'pruned' || summary.pruning === 'unpruned' || unprune?.has(mvKey(r))) enqueue(r, nextPruning);
      }
    });
  };

  for (const m of roots) enqueue(m, pruning);
  await loadQueue.idle();

  if (pruning === 'workspace') {
    const hasDepsInAll = new Set<string>(roots.map((m) => m.path));
    const seen = new Set<string>();
    for (;;) {
      const needs = new Map<string, ModuleVersion>();
      for (const p of hasDepsInAll) {
        const m = { path: p, version: mg.g.selectedVersion(p) };
        if (!seen.has(mvKey(m))) {
          needs.set(mvKey(m), m);
          continue;
        }
        for (const r of mg.g.requiredBy(m) ?? []) {
          const sv = { path: r.path, version: mg.g.selectedVersion(r.path) };
          if (modCompare(r.path, sv.version, r.version) > 0 && !seen.has(mvKey(sv))) needs.set(mvKey(sv), sv);
        }
      }
      if (needs.size === 0) break;
      for (const p of needs.values()) {
        enqueue(p, 'workspace');
        seen.add(mvKey(p));
        hasDepsInAll.add(p.path);
      }
      await loadQueue.idle();
    }
  }

  if (hasError) return { mg, err: mg.findError() };
  return { mg, err: null };
}

/** gover.ModSort on a copy. */
export function sortedRoots(roots: ModuleVersion[]): ModuleVersion[] {
  return modSort(roots.slice());
}
