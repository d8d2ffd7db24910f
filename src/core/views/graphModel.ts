// The module graph as plain data for the app's graph view: the graph `go mod graph` prints
// (cmd/go/internal/modcmd/graph.go: runGraph over modload.LoadModGraph), with what the go
// command knows about each node — main/direct/indirect (modload/build.go: moduleInfo's
// Indirect = !rs.direct[path]), selected or not (mvs Graph.Selected), replaced
// (modload.Replacement), excluded (CheckExclusions), retracted (CheckRetractions, as
// `go list -m -retracted`), deprecated (CheckDeprecation, as `go list -m -u`), go version — and
// for every requirement edge the version required and the version MVS selected for that path.
//
// Beyond what `go mod graph` prints, the model also shows (marked, never mixed into the
// go-mod-graph subset):
//   - "pruned" edges: the requirements of modules whose go.mod the pruned (go >= 1.17) graph
//     never reads (modload/buildlist.go: readModGraph only follows requirements of unpruned
//     modules or roots); they lead to nodes with inGraph = false, one level deep.
//   - "excluded" edges: requirements that an `exclude` in the main go.mod drops from a
//     dependency's go.mod (modfile.go: goModSummary filters them).
//
// API:
//   loadGraphModel(ctx, deps, opts?)   -> GraphModel (never throws for go's errors: model.error
//                                         holds the text `go mod graph` prints, and the graph is
//                                         whatever loaded)
//   graphModelFrom(s, mg, opts?)       -> GraphModel from an already loaded ModState + ModuleGraph
//   whyVersion(model, path)            -> WhyVersion: "why this version?" for one module path
//   shortestPath(model, toId)          -> node ids from a main module to toId (loaded edges)
//   modGraphLines(model)               -> the `go mod graph` lines of the model
//   toDot(model, view?) / toJSON(model, view?)   exports
//   indexModel(model)                  -> lookup tables (by id, out/in edges, by path)

import { compareGo, isToolchainPath, Local, modCompare, modSort } from '../gover';
import type { FetchDeps } from '../modfetch/fetcher';
import type { ModuleVersion } from '../module';
import { mvKey } from '../mvs/graph';
import { isNotExist } from '../source';
import type { CommandContext } from '../workspace';
import { errorText } from '../commands/errtext';
import { loadModGraph } from '../modload/buildlist';
import { initWorkfile } from '../modload/init';
import {
  checkDeprecation,
  checkExclusions,
  checkRetractions,
  errorsAs,
  goModSummary,
  goModText,
  ModuleRetractedError,
  rawGoModData,
  rawGoModSummary,
  replacement,
  resolveReplacement,
  type ModFileSummary,
} from '../modload/modfile';
import { NoMatchingVersionError } from '../modload/query';
import type { ModuleGraph } from '../modload/requirements';
import { FatalError, ModState, type ModPruning } from '../modload/state';

export type NodeKind = 'main' | 'direct' | 'indirect' | 'toolchain';

export interface GraphNode {
  /** "path@version", or "path" for a main module — exactly as `go mod graph` prints it. */
  id: string;
  path: string;
  /** "" for main modules. */
  version: string;
  /** main module; direct / indirect as go list -m's Indirect; toolchain for the go/toolchain pseudo-modules. */
  kind: NodeKind;
  /** The version MVS selected for this path ("none" if none). */
  selectedVersion: string;
  /** version === selectedVersion: this node is in the build list. */
  selected: boolean;
  /** Breadth-first distance from a main module (over loaded edges, then pruned ones). */
  depth: number;
  /** Printed by `go mod graph` (false: reached only through pruned or excluded edges). */
  inGraph: boolean;
  /** Its requirements were loaded into the graph (go mod graph lists its edges). */
  loaded: boolean;
  /** A main-module go.mod requires it (a root of the graph). */
  root?: boolean;
  /** The go version its go.mod declares. */
  goVersion?: string;
  /** Where its code comes from instead (replace directive): a module version, or a directory (version ""). */
  replacement?: { path: string; version: string };
  /** Excluded by an exclude directive of a main module. */
  excluded?: boolean;
  /** Retracted by its author: the rationales (["retracted by module author"] without one). */
  retracted?: string[];
  /** The module's deprecation message (from its latest version's go.mod). */
  deprecated?: string;
  /** Why loading something about this node failed (retractions, pruned requirements, ...). */
  problems?: string[];
  /** The go.mod text (of its replacement when replaced), when loaded and asked for. */
  goMod?: string;
  /** go.sum hashes recorded for it: the module zip's and its go.mod's. */
  sums?: { zip: string[]; goMod: string[] };
}

export type EdgeStatus = 'loaded' | 'pruned' | 'excluded';

export interface GraphEdge {
  /** Requiring node id. */
  from: string;
  /** Required node id (path@required). */
  to: string;
  path: string;
  /** The version required. */
  required: string;
  /** The version MVS selected for path. */
  selected: string;
  /** loaded: a `go mod graph` edge; pruned: in the go.mod of a module whose requirements the
   * pruned graph does not load; excluded: dropped by an exclude directive. */
  status: EdgeStatus;
}

export interface GraphModel {
  /** Main module ids (paths). */
  main: string[];
  pruning: ModPruning;
  /** The main module's go version (or go.work's). */
  goVersion: string;
  /** The -go version the graph was loaded as ("" = the module's own). */
  asGo: string;
  /** go mod graph order: breadth-first from the main module(s); pruned-only nodes last. */
  nodes: GraphNode[];
  /** go mod graph order for loaded edges; pruned / excluded edges after them. */
  edges: GraphEdge[];
  /** Main-module exclude directives. */
  excludes: { path: string; version: string }[];
  /** Main-module replace directives (old version "" = all versions). */
  replaces: { old: { path: string; version: string }; new: { path: string; version: string } }[];
  /** go mod why -m results, if the host attached them: module path -> package chain. */
  why?: Record<string, string[]>;
  /** What `go mod graph` printed to stderr when it failed (exact text), or undefined. */
  error?: string;
  /** Other diagnostics printed while loading. */
  warnings?: string;
}

export interface GraphModelOptions {
  /** `-go=version` of go mod graph. */
  go?: string;
  /** Read the go.mod of modules the pruned graph leaves unloaded (default true). */
  prunedRequirements?: boolean;
  /** Check retractions (default true). */
  retractions?: boolean;
  /** Check deprecations (default true). */
  deprecations?: boolean;
  /** Attach each loaded node's go.mod text (default: when the graph has ≤ 5000 nodes). */
  goModText?: boolean;
  signal?: AbortSignal;
}

const fmt = (m: ModuleVersion) => (m.version !== '' ? `${m.path}@${m.version}` : m.path);

/** Loads the module graph as `go mod graph [-go=V]` does and builds the model. */
export async function loadGraphModel(ctx: CommandContext, deps: FetchDeps, opts: GraphModelOptions = {}): Promise<GraphModel> {
  let stderr = '';
  const s = new ModState({
    cwd: ctx.cwd,
    files: ctx.files,
    env: ctx.env,
    cmdName: 'mod graph',
    deps,
    stderr: (t) => (stderr += t),
    signal: opts.signal ?? ctx.signal,
  });
  let mg: ModuleGraph | undefined;
  let error: string | undefined;
  try {
    await initWorkfile(s);
    const goVersion = opts.go ?? '';
    if (goVersion !== '' && compareGo(Local, goVersion) < 0) throw s.tooNew('-go flag', goVersion);
    mg = await loadModGraph(s, goVersion);
  } catch (e) {
    error = stderr + errorText(e);
    stderr = '';
    mg = s.requirements?.loadedGraph()?.mg;
  }
  if (!mg || !s.mainModules) {
    return { main: [], pruning: 'pruned', goVersion: '', asGo: opts.go ?? '', nodes: [], edges: [], excludes: [], replaces: [], error: error ?? stderr };
  }
  const model = await graphModelFrom(s, mg, opts);
  if (error !== undefined) model.error = error;
  else if (s.exitStatus !== 0) model.error = stderr;
  const warn = stderr + (model.warnings ?? '');
  if (warn !== '' && model.error === undefined) model.warnings = warn;
  return model;
}

/** Builds the model from a loaded graph (s.requirements and s.mainModules set). */
export async function graphModelFrom(s: ModState, mg: ModuleGraph, opts: GraphModelOptions = {}): Promise<GraphModel> {
  const mms = s.main();
  const rs = s.requirements;
  const mainIds = new Set(mms.versions().map(fmt));
  const nodes = new Map<string, GraphNode>();
  const mvOf = new Map<string, ModuleVersion>();
  const edges: GraphEdge[] = [];
  const edgeSeen = new Set<string>();

  const addNode = (m: ModuleVersion, depth: number, inGraph: boolean): GraphNode => {
    const id = fmt(m);
    let n = nodes.get(id);
    if (n) return n;
    const isMain = m.version === '' && mms.contains(m.path);
    const sel = isMain ? '' : mg.selected(m.path);
    n = {
      id,
      path: m.path,
      version: m.version,
      kind: isMain ? 'main' : isToolchainPath(m.path) ? 'toolchain' : rs?.direct.get(m.path) ? 'direct' : 'indirect',
      selectedVersion: sel,
      selected: sel === m.version,
      depth,
      inGraph,
      loaded: false,
    };
    nodes.set(id, n);
    mvOf.set(id, m);
    return n;
  };
  const addEdge = (from: ModuleVersion, to: ModuleVersion, status: EdgeStatus): void => {
    const key = fmt(from) + ' ' + fmt(to);
    if (edgeSeen.has(key)) return;
    edgeSeen.add(key);
    edges.push({ from: fmt(from), to: fmt(to), path: to.path, required: to.version, selected: mg.selected(to.path), status });
  };

  // The go mod graph walk (graph.go: runGraph → mg.WalkBreadthFirst).
  mg.walkBreadthFirst((m) => {
    const n = addNode(m, 0, true);
    const reqs = mg.requiredBy(m);
    if (reqs === undefined) return;
    n.loaded = true;
    for (const r of reqs) {
      const rn = addNode(r, n.depth + 1, true);
      void rn;
      addEdge(m, r, 'loaded');
    }
  });
  for (const mm of mms.versions()) {
    const n = addNode(mm, 0, true);
    for (const r of mg.requiredBy(mm) ?? []) {
      const rn = nodes.get(fmt(r));
      if (rn && !isToolchainPath(r.path)) rn.root = true;
    }
    n.loaded = mg.requiredBy(mm) !== undefined;
  }

  // Main-module directives.
  const excludes: GraphModel['excludes'] = [];
  const replaces: GraphModel['replaces'] = [];
  for (const mm of mms.versions()) {
    const f = mms.modFile(mm);
    for (const x of f?.exclude ?? []) excludes.push({ path: x.mod.path, version: x.mod.version });
    for (const r of f?.replace ?? []) replaces.push({ old: { ...r.old }, new: { ...r.new } });
  }
  if (mms.workFile) for (const r of mms.workFile.replace ?? []) replaces.push({ old: { ...r.old }, new: { ...r.new } });

  const loadedNodes = [...nodes.values()];
  const regular = (n: GraphNode) => n.kind !== 'main' && n.kind !== 'toolchain';

  // Pruned requirements and exclusion-dropped requirements.
  const prunedOn = opts.prunedRequirements ?? true;
  const saveBuildMod = s.buildMod;
  for (const n of loadedNodes) {
    if (!regular(n)) continue;
    const m = mvOf.get(n.id)!;
    if (!n.loaded) {
      if (!prunedOn) continue;
      // Read its go.mod as -mod=mod would (go.sum may lack the hash of a go.mod the graph never needed).
      let summary: ModFileSummary | undefined;
      try {
        s.buildMod = saveBuildMod === 'vendor' ? saveBuildMod : 'mod';
        summary = await goModSummary(s, m);
      } catch (e) {
        if (e instanceof FatalError || (e as { fatal?: boolean }).fatal) throw e;
        problem(n, `requirements not loaded: ${(e as Error).message}`);
      } finally {
        s.buildMod = saveBuildMod;
      }
      if (!summary) continue;
      for (const r of summary.require) {
        addNode(r, n.depth + 1, false);
        addEdge(m, r, 'pruned');
      }
    }
  }
  for (const n of loadedNodes) {
    if (!regular(n) || !n.loaded || excludes.length === 0) continue;
    const m = mvOf.get(n.id)!;
    try {
      const raw = await rawGoModSummary(s, resolveReplacement(s, m));
      for (const r of raw.require) {
        if (checkExclusions(s, r) === null) continue;
        addNode(r, n.depth + 1, false);
        addEdge(m, r, 'excluded');
      }
    } catch {
      // the graph load reported it
    }
  }

  // Per-node facts.
  const wantGoMod = opts.goModText ?? nodes.size <= 5000;
  const gs = s.goSum;
  for (const n of nodes.values()) {
    const m = mvOf.get(n.id)!;
    if (n.kind === 'main') {
      const gv = s.rawGoVersion.get(mvKey(m));
      if (gv) n.goVersion = gv;
      if (wantGoMod) {
        try {
          n.goMod = goModText((await rawGoModData(s, m)).data);
        } catch {
          // unreadable main go.mod: the load error says why
        }
      }
      continue;
    }
    if (n.kind === 'toolchain') continue;
    const r = replacement(s, m);
    if (r.path !== '') n.replacement = { path: r.path, version: r.version };
    if (checkExclusions(s, m) !== null) n.excluded = true;
    const gv = mg.loadCache.get(mvKey(m))?.summary?.goVersion ?? s.rawGoVersion.get(mvKey(m));
    if (gv) n.goVersion = gv;
    if (gs) {
      const zip: string[] = [];
      const gm: string[] = [];
      for (const sums of [...gs.w.values(), gs.m]) {
        zip.push(...sums.get(m));
        gm.push(...sums.get({ path: m.path, version: m.version + '/go.mod' }));
      }
      if (zip.length > 0 || gm.length > 0) n.sums = { zip, goMod: gm };
    }
    if (wantGoMod && (n.loaded || n.inGraph === false)) {
      try {
        const a = resolveReplacement(s, m);
        if (n.loaded || mg.loadCache.has(mvKey(m)) || s.rawGoModSummaryCache.has(mvKey(a))) n.goMod = goModText((await rawGoModData(s, a)).data);
      } catch {
        // not available offline
      }
    }
  }

  // Retractions and deprecations (build.go: addRetraction / addDeprecation), once per module version / path.
  if (opts.retractions ?? true) {
    await Promise.all(
      [...nodes.values()].filter(regular).map(async (n) => {
        const target = n.replacement ?? { path: n.path, version: n.version };
        if (target.version === '') return;
        let err: Error | null;
        try {
          err = await checkRetractions(s, target);
        } catch (e) {
          if (e instanceof FatalError) return;
          err = e as Error;
        }
        if (err === null || isNotExist(err) || errorsAs(err, NoMatchingVersionError)) return;
        const re = errorsAs(err, ModuleRetractedError);
        if (re) n.retracted = re.rationale.length === 0 ? ['retracted by module author'] : [...re.rationale];
        else problem(n, err.message);
      }),
    );
  }
  if (opts.deprecations ?? true) {
    const byPath = new Map<string, Promise<string>>();
    await Promise.all(
      [...nodes.values()].filter(regular).map(async (n) => {
        let p = byPath.get(n.path);
        if (!p) {
          p = checkDeprecation(s, { path: n.path, version: n.version }).catch((e) => {
            if (e instanceof FatalError || isNotExist(e) || errorsAs(e, NoMatchingVersionError)) return '';
            const cause = (e as Error).cause;
            if (cause && (isNotExist(cause) || errorsAs(cause, NoMatchingVersionError))) return '';
            return '';
          });
          byPath.set(n.path, p);
        }
        const d = await p;
        if (d) n.deprecated = d;
      }),
    );
  }

  // Depth: breadth-first over loaded edges first (go mod graph's walk), then the rest.
  computeDepths([...nodes.values()], edges, [...mainIds]);

  return {
    main: [...mainIds],
    pruning: rs?.pruning ?? 'pruned',
    goVersion: mms.goVersion(),
    asGo: opts.go ?? '',
    nodes: [...nodes.values()],
    edges,
    excludes,
    replaces,
  };
}

function problem(n: GraphNode, msg: string): void {
  (n.problems ??= []).push(msg);
}

function computeDepths(nodes: GraphNode[], edges: GraphEdge[], main: string[]): void {
  const out = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    let l = out.get(e.from);
    if (!l) out.set(e.from, (l = []));
    l.push(e);
  }
  const depth = new Map<string, number>();
  const bfs = (starts: string[], allow: (e: GraphEdge) => boolean) => {
    const q = starts.slice();
    for (let i = 0; i < q.length; i++) {
      const d = depth.get(q[i]!)!;
      for (const e of out.get(q[i]!) ?? []) {
        if (!allow(e) || depth.has(e.to)) continue;
        depth.set(e.to, d + 1);
        q.push(e.to);
      }
    }
  };
  for (const m of main) depth.set(m, 0);
  bfs(main, (e) => e.status === 'loaded');
  bfs([...depth.keys()], () => true);
  for (const n of nodes) n.depth = depth.get(n.id) ?? -1;
}

// ---------------------------------------------------------------------------
// Queries over the model (pure)

export interface ModelIndex {
  byId: Map<string, GraphNode>;
  out: Map<string, GraphEdge[]>;
  in: Map<string, GraphEdge[]>;
  byPath: Map<string, GraphNode[]>;
}

export function indexModel(model: Pick<GraphModel, 'nodes' | 'edges'>): ModelIndex {
  const byId = new Map<string, GraphNode>();
  const out = new Map<string, GraphEdge[]>();
  const inn = new Map<string, GraphEdge[]>();
  const byPath = new Map<string, GraphNode[]>();
  for (const n of model.nodes) {
    byId.set(n.id, n);
    let l = byPath.get(n.path);
    if (!l) byPath.set(n.path, (l = []));
    l.push(n);
  }
  for (const e of model.edges) {
    let o = out.get(e.from);
    if (!o) out.set(e.from, (o = []));
    o.push(e);
    let i = inn.get(e.to);
    if (!i) inn.set(e.to, (i = []));
    i.push(e);
  }
  return { byId, out, in: inn, byPath };
}

/**
 * A shortest requirement path from a main module to toId over loaded edges, breadth-first in
 * go mod graph order (mvs/graph.go: FindPath visits requirements in the same order); [] if none.
 */
export function shortestPath(model: Pick<GraphModel, 'nodes' | 'edges' | 'main'>, toId: string, idx = indexModel(model), includeUnloaded = false): string[] {
  const prev = new Map<string, string | null>();
  const q: string[] = [];
  for (const m of model.main) {
    prev.set(m, null);
    q.push(m);
  }
  for (let i = 0; i < q.length; i++) {
    const id = q[i]!;
    if (id === toId) {
      const path: string[] = [];
      for (let c: string | null = id; c !== null; c = prev.get(c) ?? null) path.push(c);
      return path.reverse();
    }
    for (const e of idx.out.get(id) ?? []) {
      if (e.status !== 'loaded' && !includeUnloaded) continue;
      if (!prev.has(e.to)) {
        prev.set(e.to, id);
        q.push(e.to);
      }
    }
  }
  return [];
}

export interface WhyVersion {
  path: string;
  /** The version MVS selected ("none" if the path is not in the build list). */
  selected: string;
  /** Every requirement on path in the graph: who asks, for which version; highest first. */
  requirers: { from: string; required: string; status: EdgeStatus; fromSelected: boolean }[];
  /** The highest version asked for by a loaded requirement (what MVS took), "" if none. */
  max: string;
  /** The main module's own requirement on path, if any. */
  mainRequires?: string;
  /** A shortest path from the main module to path@selected (node ids). */
  pathFromMain: string[];
  /** Versions of path present in the graph but not selected. */
  notSelected: string[];
}

/** "Why this version?" for a module path. */
export function whyVersion(model: GraphModel, path: string, idx = indexModel(model)): WhyVersion {
  const requirers: WhyVersion['requirers'] = [];
  for (const e of model.edges) {
    if (e.path !== path) continue;
    requirers.push({ from: e.from, required: e.required, status: e.status, fromSelected: idx.byId.get(e.from)?.selected ?? false });
  }
  requirers.sort((a, b) => modCompare(path, b.required, a.required) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let max = '';
  for (const r of requirers) if (r.status === 'loaded' && (max === '' || modCompare(path, r.required, max) > 0)) max = r.required;
  const nodesOf = idx.byPath.get(path) ?? [];
  const selected = nodesOf[0]?.selectedVersion ?? 'none';
  const mainReq = requirers.find((r) => model.main.includes(r.from) && r.status === 'loaded');
  const target = nodesOf.find((n) => n.selected);
  return {
    path,
    selected,
    requirers,
    max,
    ...(mainReq ? { mainRequires: mainReq.required } : {}),
    pathFromMain: target ? shortestPath(model, target.id, idx) : [],
    notSelected: nodesOf.filter((n) => !n.selected && n.inGraph).map((n) => n.version),
  };
}

/** The lines `go mod graph` prints for this model (loaded edges, in order). */
export function modGraphLines(model: Pick<GraphModel, 'edges'>): string[] {
  return model.edges.filter((e) => e.status === 'loaded').map((e) => `${e.from} ${e.to}`);
}

/** The build list as `go list -m all` prints it (path version [=> replacement]). */
export function buildListLines(model: GraphModel): string[] {
  const sel = model.nodes.filter((n) => n.selected && n.inGraph && n.kind !== 'toolchain');
  const main = model.main.map((id) => sel.find((n) => n.id === id)).filter((n): n is GraphNode => n !== undefined);
  const rest = sel.filter((n) => n.kind !== 'main');
  modSort(rest);
  return [...main, ...rest].map((n) => {
    let s = n.version === '' ? n.path : `${n.path} ${n.version}`;
    if (n.replacement) s += ` => ${n.replacement.version === '' ? n.replacement.path : `${n.replacement.path} ${n.replacement.version}`}`;
    return s;
  });
}

// ---------------------------------------------------------------------------
// Exports

function dotQuote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/** Graphviz DOT of the (optionally filtered) model. */
export function toDot(model: Pick<GraphModel, 'nodes' | 'edges'>): string {
  const lines = ['digraph modules {', '\trankdir=LR;', '\tnode [shape=box, fontname="monospace"];'];
  for (const n of model.nodes) {
    const attrs: string[] = [`kind=${dotQuote(n.kind)}`];
    if (n.kind === 'main') attrs.push('style=bold');
    if (!n.selected) attrs.push('color=gray');
    if (!n.inGraph) attrs.push('style=dashed');
    if (n.replacement) attrs.push(`replaced=${dotQuote(n.replacement.version ? `${n.replacement.path}@${n.replacement.version}` : n.replacement.path)}`);
    if (n.retracted) attrs.push('retracted=true');
    if (n.excluded) attrs.push('excluded=true');
    lines.push(`\t${dotQuote(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of model.edges) {
    const label = e.required === e.selected ? e.required : `${e.required} → ${e.selected}`;
    const attrs = [`label=${dotQuote(label)}`];
    if (e.status !== 'loaded') attrs.push('style=dashed', `status=${dotQuote(e.status)}`);
    lines.push(`\t${dotQuote(e.from)} -> ${dotQuote(e.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** JSON of the (optionally filtered) model. */
export function toJSON(model: Partial<GraphModel> & Pick<GraphModel, 'nodes' | 'edges'>): string {
  return JSON.stringify(model, null, 2) + '\n';
}
