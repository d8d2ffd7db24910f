// A small module-graph loader for the fetch commands (go mod download / verify): the main
// module's requirements, and the graph go builds from them (cmd/go/internal/modload/
// buildlist.go: readModGraph, with pruning per modload/modfile.go: pruningForGoVersion;
// goModSummary/rawGoModSummary in modfile.go; Replacement in modload/modfile.go).
//
// SIMPLIFIED until the resolver's modload lands (it should replace this file): a single main
// module (no workspaces); the roots are taken as written in go.mod (no expandGraph root
// updates, so an inconsistent go.mod is not repaired); main-module `exclude` directives are not
// applied to dependencies' requirements; no "go" / "toolchain" roots and no TooNewError checks
// while loading; retractions and deprecations are not read.

import { compareGo, ExplicitIndirectVersion, GoStrictVersion, modCompare } from '../gover';
import { ModuleError, type ModuleVersion } from '../module';
import { parseLax, type File as ModFile } from '../modfile';
import { BuildListError, Graph, mvKey } from '../mvs/mvs';
import type { Fetcher } from './fetcher';
import { isFatal } from './fetcher';

export type Pruning = 'pruned' | 'unpruned';

/** modfile.go: pruningForGoVersion ("" means go 1.16, the default). */
export function pruningForGoVersion(goVersion: string): Pruning {
  return compareGo(goVersion === '' ? '1.16' : goVersion, ExplicitIndirectVersion) < 0 ? 'unpruned' : 'pruned';
}

/** The main module as the fetch commands need it. */
export interface MainModule {
  path: string;
  /** The go line ("" when absent). */
  goVersion: string;
  /** The parsed go.mod. */
  file: ModFile;
  /** Directory holding go.mod (absolute slash path). */
  modRoot: string;
}

/** modload.cmpVersion: "" (the main module) sorts above every version. */
function cmpVersion(path: string, v1: string, v2: string): number {
  if (v2 === '') return v1 === '' ? 0 : -1;
  if (v1 === '') return 1;
  return modCompare(path, v1, v2);
}

export interface ModSummary {
  module: string;
  goVersion: string;
  require: ModuleVersion[];
  pruning: Pruning;
}

/** Reads a directory replacement's go.mod (undefined when absent). */
export type ReadDirGoMod = (dir: string) => Promise<Uint8Array | undefined>;

/** The module graph of one load: the mvs.Graph plus the load errors. */
export class ModuleGraph {
  constructor(
    readonly main: MainModule,
    readonly g: Graph,
    readonly pruning: Pruning,
    readonly roots: readonly ModuleVersion[],
    private readonly errs: Map<string, Error>,
    /** The highest go line ≥ 1.21 among loaded dependencies (the "go" module's selected version), or "". */
    readonly depGo: { version: string; module?: ModuleVersion } = { version: '' },
  ) {}

  /**
   * The go version go 1.23 would raise the main module's go line to (go ≥ 1.21 dependencies
   * require at least their own go version), or undefined when no change is needed.
   */
  goUpgrade(): { version: string; module: ModuleVersion } | undefined {
    if (this.depGo.version === '' || !this.depGo.module) return undefined;
    const mainGo = this.main.goVersion === '' ? '1.16' : this.main.goVersion;
    return compareGo(this.depGo.version, mainGo) > 0 ? { version: this.depGo.version, module: this.depGo.module } : undefined;
  }

  /** Selected version of path ("none" if absent). */
  selected(path: string): string {
    return this.g.selectedVersion(path);
  }

  /** The build list without the main module. */
  buildList(): ModuleVersion[] {
    return this.g.buildList().filter((m) => !(m.path === this.main.path && m.version === ''));
  }

  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined {
    return this.g.requiredBy(m);
  }

  /** Modules whose requirements are in the graph (walk order). */
  loaded(): ModuleVersion[] {
    const out: ModuleVersion[] = [];
    this.g.walkBreadthFirst((m) => {
      if (m.version !== '' && this.g.requiredBy(m) !== undefined) out.push(m);
    });
    return out;
  }

  /** buildlist.go: findError — the first load error, with its requirement path. */
  error(): Error | undefined {
    if (this.errs.size === 0) return undefined;
    let found: Error | undefined;
    const path = this.g.findPath((m) => {
      const e = this.errs.get(mvKey(m));
      if (e && !found) found = e;
      return e !== undefined;
    });
    if (!found || !path) return this.errs.values().next().value;
    return new BuildListError(found, path);
  }
}

/** The replacement of m in the main go.mod (modload.Replacement), or undefined. */
export function replacement(main: MainModule, m: ModuleVersion): ModuleVersion | undefined {
  let any: ModuleVersion | undefined;
  for (const r of main.file.replace) {
    if (r.old.path !== m.path) continue;
    if (r.old.version === m.version) return r.new;
    if (r.old.version === '') any = r.new;
  }
  return any;
}

/** Loads go.mod summaries through the fetcher (and directory replacements through readDir). */
export class SummaryLoader {
  private readonly memo = new Map<string, Promise<ModSummary>>();
  constructor(
    readonly main: MainModule,
    readonly fetcher: Fetcher,
    private readonly readDir: ReadDirGoMod,
  ) {}

  /** modfile.go: goModSummary / rawGoModSummary (simplified: see the file comment). */
  summary(m: ModuleVersion): Promise<ModSummary> {
    const k = mvKey(m);
    let p = this.memo.get(k);
    if (!p) {
      p = this.load(m);
      p.catch(() => {});
      this.memo.set(k, p);
    }
    return p;
  }

  private async load(m: ModuleVersion): Promise<ModSummary> {
    const r = replacement(this.main, m);
    const actual = r ?? m;
    let data: Uint8Array | undefined;
    if (r && r.version === '') {
      const dir = r.path.startsWith('/') ? r.path : this.main.modRoot + '/' + r.path;
      data = await this.readDir(dir.replace(/\/+$/, '') + '/go.mod');
      if (data === undefined) return { module: m.path, goVersion: '', require: [], pruning: 'unpruned' };
    } else {
      data = await this.fetcher.goMod(actual.path, actual.version);
    }
    let f: ModFile;
    try {
      f = parseLax('go.mod', data);
    } catch (e) {
      throw new ModuleError(actual.path, actual.version, new Error(`parsing go.mod:\n${(e as Error).message}`));
    }
    const mpath = f.module?.mod.path ?? '';
    if (!r && mpath !== m.path) {
      throw new ModuleError(
        actual.path,
        actual.version,
        new Error(`parsing go.mod:\n\tmodule declares its path as: ${mpath}\n\t        but was required as: ${m.path}`),
      );
    }
    const goVersion = f.go?.version ?? '';
    return {
      module: mpath,
      goVersion,
      require: f.require.map((q) => ({ path: q.mod.path, version: q.mod.version })),
      pruning: pruningForGoVersion(goVersion),
    };
  }
}

/** The main module's requirements as written (modload's roots for a single module). */
export function rootsOf(main: MainModule): ModuleVersion[] {
  return main.file.require.map((r) => ({ path: r.mod.path, version: r.mod.version }));
}

/**
 * buildlist.go: readModGraph for a single main module. Pruned roots contribute only their own
 * requirements; unpruned modules are loaded transitively. Fatal errors (go.sum mismatches)
 * are thrown; other load errors are kept in the graph (ModuleGraph.error).
 */
export async function loadModGraph(loader: SummaryLoader, pruning?: Pruning): Promise<ModuleGraph> {
  const main = loader.main;
  const prune = pruning ?? pruningForGoVersion(main.goVersion);
  const roots = rootsOf(main);
  const mainMod: ModuleVersion = { path: main.path, version: '' };
  const g = new Graph(cmpVersion, [mainMod]);
  g.require(mainMod, roots);
  const errs = new Map<string, Error>();
  const seen = new Set<string>();
  const required = new Set<string>();
  let fatal: unknown;
  const depGo: { version: string; module?: ModuleVersion } = { version: '' };

  const enqueue = (m: ModuleVersion, p: Pruning): Promise<void> | undefined => {
    if (m.version === 'none') return undefined;
    const key = mvKey(m) + '\0' + p;
    if (seen.has(key)) return undefined;
    seen.add(key);
    return (async () => {
      let s: ModSummary;
      try {
        s = await loader.summary(m);
      } catch (e) {
        if (isFatal(e) || (e as Error).name === 'AbortError') fatal ??= e;
        else errs.set(mvKey(m), e as Error);
        return;
      }
      // modfile.go: goModSummary adds a requirement on "go" for go ≥ 1.21 (GoStrictVersion).
      if (s.goVersion !== '' && compareGo(s.goVersion, GoStrictVersion) >= 0 && (depGo.version === '' || compareGo(s.goVersion, depGo.version) > 0)) {
        depGo.version = s.goVersion;
        depGo.module = m;
      }
      const k = mvKey(m);
      if (!required.has(k)) {
        required.add(k);
        g.require(m, s.require);
      }
      const next: Pruning = p === 'unpruned' ? 'unpruned' : s.pruning;
      const subs: Promise<void>[] = [];
      for (const r of s.require) {
        if (p !== 'pruned' || s.pruning === 'unpruned') {
          const q = enqueue(r, next);
          if (q) subs.push(q);
        }
      }
      await Promise.all(subs);
    })();
  };

  await Promise.all(roots.map((m) => enqueue(m, prune)).filter((p): p is Promise<void> => p !== undefined));
  if (fatal) throw fatal;
  return new ModuleGraph(main, g, prune, roots, errs, depGo);
}
