// Layout math for the graph view, as pure functions over plain data (no DOM):
//   layeredLayout(graph, opts)   Sugiyama-style: cycle breaking by DFS, longest-path layering,
//                                barycentric ordering sweeps, coordinates (left-to-right or
//                                top-to-bottom; very wide layers wrap into several columns/rows)
//   forceLayout(graph, opts)     d3-force run for a fixed number of ticks with a seeded random
//                                source: the same input always gives the same positions
//   filterGraph(model, filter)   the visible subgraph: kinds, not-selected versions, unloaded
//                                (pruned / excluded) parts, replaced only, depth, focus on one
//                                module's dependencies or dependents, collapsed nodes
//   searchNodes(nodes, query)    ids whose path@version contains the query (case-insensitive)
//   neighborInDirection(layout, from, dir)   keyboard navigation between laid-out nodes
//   boundsOf(layout)
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { GraphEdge, GraphModel, GraphNode } from '../../core/views/graphModel';

export interface LayoutGraph {
  nodes: ReadonlyArray<{ id: string }>;
  edges: ReadonlyArray<{ from: string; to: string }>;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  /** Centre of each node. */
  pos: Map<string, Point>;
  /** Layer of each node (layered layout only). */
  layer?: Map<string, number>;
  /** Edges reversed to break cycles (layered layout only), as "from to". */
  reversed?: Set<string>;
}

export interface LayeredOptions {
  /** 'LR': layers left to right (default; suits long module-path labels); 'TB': top to bottom. */
  direction?: 'LR' | 'TB';
  /** Width of a node's box (default 160). In LR, layer columns are as wide as their widest node. */
  nodeWidth?: (id: string) => number;
  /** Height of a node's box (default 22). */
  nodeHeight?: number;
  /** Gap between layers (default 60) and between nodes of a layer (default 8). */
  layerGap?: number;
  nodeGap?: number;
  /** A layer with more nodes than this wraps into several columns (LR) or rows (TB). Default 60. */
  maxPerLine?: number;
  /** Barycentric sweeps (down+up pairs). Default 4. */
  sweeps?: number;
  /** Preferred sources (main modules): DFS for cycle breaking starts here. */
  roots?: readonly string[];
}

/** Builds compact integer adjacency (deduplicated, self-loops and unknown endpoints dropped). */
function adjacency(g: LayoutGraph): { ids: string[]; index: Map<string, number>; out: number[][]; inn: number[][] } {
  const ids = g.nodes.map((n) => n.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!index.has(id)) index.set(id, i);
  });
  const out: number[][] = ids.map(() => []);
  const inn: number[][] = ids.map(() => []);
  const seen = new Set<number>();
  const n = ids.length;
  for (const e of g.edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    const k = a * n + b;
    if (seen.has(k)) continue;
    seen.add(k);
    out[a]!.push(b);
    inn[b]!.push(a);
  }
  return { ids, index, out, inn };
}

/** Sugiyama-style layered layout. */
export function layeredLayout(g: LayoutGraph, o: LayeredOptions = {}): Layout {
  const dir = o.direction ?? 'LR';
  const nodeW = o.nodeWidth ?? (() => 160);
  const nodeH = o.nodeHeight ?? 22;
  const layerGap = o.layerGap ?? 60;
  const nodeGap = o.nodeGap ?? 8;
  const maxPerLine = Math.max(1, o.maxPerLine ?? 60);
  const sweeps = o.sweeps ?? 4;
  const { ids, index, out, inn } = adjacency(g);
  const n = ids.length;
  if (n === 0) return { pos: new Map(), layer: new Map(), reversed: new Set() };

  // 1. Cycle breaking: iterative DFS; an edge to a node on the stack is a back edge (ignored).
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const back = new Set<number>(); // a * n + b
  const starts: number[] = [];
  for (const r of o.roots ?? []) {
    const i = index.get(r);
    if (i !== undefined) starts.push(i);
  }
  for (let i = 0; i < n; i++) if (inn[i]!.length === 0) starts.push(i);
  for (let i = 0; i < n; i++) starts.push(i);
  const stack: number[] = [];
  const iter: number[] = [];
  for (const s of starts) {
    if (state[s] !== 0) continue;
    stack.push(s);
    iter.push(0);
    state[s] = 1;
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      const k = iter[iter.length - 1]!;
      if (k < out[v]!.length) {
        iter[iter.length - 1] = k + 1;
        const w = out[v]![k]!;
        if (state[w] === 1) back.add(v * n + w);
        else if (state[w] === 0) {
          state[w] = 1;
          stack.push(w);
          iter.push(0);
        }
      } else {
        state[v] = 2;
        stack.pop();
        iter.pop();
      }
    }
  }

  // 2. Longest-path layering over the DAG (Kahn's order).
  const indeg = new Int32Array(n);
  for (let a = 0; a < n; a++) for (const b of out[a]!) if (!back.has(a * n + b)) indeg[b]!++;
  const layerOf = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue.push(i);
  for (let qi = 0; qi < queue.length; qi++) {
    const a = queue[qi]!;
    for (const b of out[a]!) {
      if (back.has(a * n + b)) continue;
      if (layerOf[b]! < layerOf[a]! + 1) layerOf[b] = layerOf[a]! + 1;
      if (--indeg[b]! === 0) queue.push(b);
    }
  }
  let nLayers = 0;
  for (let i = 0; i < n; i++) nLayers = Math.max(nLayers, layerOf[i]! + 1);
  const layers: number[][] = Array.from({ length: nLayers }, () => []);
  for (const i of queue) layers[layerOf[i]!]!.push(i); // topological first-appearance order

  // 3. Ordering: barycentric sweeps over neighbours in other layers (edge direction ignored for back edges).
  // ranks are normalised to (0, 1) so that layers of different widths compare
  const rank = new Float64Array(n);
  const setRanks = (L: number[]) => L.forEach((v, i) => (rank[v] = (i + 0.5) / L.length));
  for (const L of layers) setRanks(L);
  const bary = new Float64Array(n);
  const reorder = (L: number[], nbrs: (v: number) => number[], above: boolean) => {
    for (const v of L) {
      // neighbours in the adjacent layer; failing those, in any layer on that side
      let sum = 0;
      let cnt = 0;
      let sumFar = 0;
      let cntFar = 0;
      const lv = layerOf[v]!;
      for (const w of nbrs(v)) {
        const lw = layerOf[w]!;
        if (above ? lw === lv - 1 : lw === lv + 1) {
          sum += rank[w]!;
          cnt++;
        } else if (above ? lw < lv : lw > lv) {
          sumFar += rank[w]!;
          cntFar++;
        }
      }
      bary[v] = cnt > 0 ? sum / cnt : cntFar > 0 ? sumFar / cntFar : rank[v]!;
    }
    L.sort((a, b) => bary[a]! - bary[b]! || rank[a]! - rank[b]!);
    setRanks(L);
  };
  // crossings between adjacent layers (inversions counted with a Fenwick tree)
  const idxIn = new Int32Array(n);
  const crossings = (): number => {
    for (const L of layers) L.forEach((v, i) => (idxIn[v] = i));
    let total = 0;
    for (let l = 0; l + 1 < nLayers; l++) {
      const pairs: number[] = [];
      for (const a of layers[l]!) for (const b of out[a]!) if (layerOf[b] === l + 1) pairs.push(idxIn[a]! * n + idxIn[b]!);
      pairs.sort((x, y) => x - y);
      const w = layers[l + 1]!.length;
      const tree = new Int32Array(w + 1);
      let seenCount = 0;
      for (const p of pairs) {
        const b = (p % n) + 1;
        let le = 0;
        for (let i = b; i > 0; i -= i & -i) le += tree[i]!;
        total += seenCount - le;
        for (let i = b; i <= w; i += i & -i) tree[i]!++;
        seenCount++;
      }
    }
    return total;
  };
  let best = layers.map((L) => L.slice());
  let bestC = sweeps > 0 ? crossings() : 0;
  for (let s = 0; s < sweeps && bestC > 0; s++) {
    for (let l = 1; l < nLayers; l++) reorder(layers[l]!, (v) => inn[v]!, true);
    for (let l = nLayers - 2; l >= 0; l--) reorder(layers[l]!, (v) => out[v]!, false);
    const c = crossings();
    if (c < bestC) {
      bestC = c;
      best = layers.map((L) => L.slice());
    }
  }
  layers.splice(0, layers.length, ...best);

  // 4. Coordinates; wide layers wrap into several lines.
  const pos = new Map<string, Point>();
  let offset = 0;
  for (const L of layers) {
    const lines = Math.ceil(L.length / maxPerLine);
    const perLine = Math.ceil(L.length / lines);
    if (dir === 'LR') {
      for (let li = 0; li < lines; li++) {
        const part = L.slice(li * perLine, (li + 1) * perLine);
        const colW = Math.max(...part.map((v) => nodeW(ids[v]!)));
        const c = (part.length - 1) / 2;
        part.forEach((v, i) => pos.set(ids[v]!, { x: offset + colW / 2, y: (i - c) * (nodeH + nodeGap) }));
        offset += colW + (li < lines - 1 ? nodeGap * 2 : layerGap);
      }
    } else {
      for (let li = 0; li < lines; li++) {
        const part = L.slice(li * perLine, (li + 1) * perLine);
        const widths = part.map((v) => nodeW(ids[v]!));
        const total = widths.reduce((a, b) => a + b, 0) + nodeGap * (part.length - 1);
        let x = -total / 2;
        part.forEach((v, i) => {
          pos.set(ids[v]!, { x: x + widths[i]! / 2, y: offset + nodeH / 2 });
          x += widths[i]! + nodeGap;
        });
        offset += nodeH + (li < lines - 1 ? nodeGap * 2 : layerGap);
      }
    }
  }
  const layer = new Map<string, number>();
  for (let i = 0; i < n; i++) layer.set(ids[i]!, layerOf[i]!);
  const reversed = new Set<string>();
  for (const k of back) reversed.add(`${ids[Math.floor(k / n)]} ${ids[k % n]}`);
  return { pos, layer, reversed };
}

export interface ForceOptions {
  /** Ticks to run (default 300 up to 500 nodes, 120 up to 2,000, then 40: start big graphs from `initial`). */
  ticks?: number;
  /** Seed of the simulation's random source (default 1). */
  seed?: number;
  linkDistance?: number;
  charge?: number;
  /** Starting positions (e.g. the layered layout), else d3's phyllotaxis. */
  initial?: Map<string, Point>;
  /** Collision radius (0 = none; default 0 above 2,000 nodes, else 12). */
  collide?: number;
}

/** A seeded linear congruential generator in [0, 1) (the one d3-force uses by default). */
export function lcg(seed: number): () => number {
  let s = (seed >>> 0) || 1;
  return () => ((s = (1664525 * s + 1013904223) % 4294967296) / 4294967296);
}

/** d3-force, stopped, run for a fixed tick count: deterministic for a given input and seed. */
export function forceLayout(g: LayoutGraph, o: ForceOptions = {}): Layout {
  interface N extends SimulationNodeDatum {
    id: string;
  }
  const big = g.nodes.length > 2000;
  const nodes: N[] = [];
  const seen = new Set<string>();
  for (const n of g.nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    const p = o.initial?.get(n.id);
    nodes.push(p ? { id: n.id, x: p.x, y: p.y } : { id: n.id });
  }
  const links = g.edges.filter((e) => seen.has(e.from) && seen.has(e.to) && e.from !== e.to).map((e) => ({ source: e.from, target: e.to }));
  const sim = forceSimulation<N>(nodes)
    .randomSource(lcg(o.seed ?? 1))
    .force(
      'link',
      forceLink<N, { source: string | N; target: string | N }>(links)
        .id((d) => d.id)
        .distance(o.linkDistance ?? 50),
    )
    .force('charge', forceManyBody<N>().strength(o.charge ?? -60).theta(big ? 1.2 : 0.9).distanceMax(big ? 400 : Infinity))
    .force('x', forceX<N>(0).strength(0.04))
    .force('y', forceY<N>(0).strength(0.04))
    .stop();
  const collide = o.collide ?? (big ? 0 : 12);
  if (collide > 0) sim.force('collide', forceCollide<N>(collide));
  sim.tick(o.ticks ?? (big ? 40 : g.nodes.length > 500 ? 120 : 300));
  const pos = new Map<string, Point>();
  for (const n of nodes) pos.set(n.id, { x: n.x ?? 0, y: n.y ?? 0 });
  return { pos };
}

export function boundsOf(l: Layout): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of l.pos.values()) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  if (minX === Infinity) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}

// ---------------------------------------------------------------------------
// Filters

export interface GraphFilter {
  /** Show direct / indirect dependencies (default true). */
  direct?: boolean;
  indirect?: boolean;
  /** Show the go / toolchain pseudo-modules (default true). */
  toolchain?: boolean;
  /** Show versions MVS did not select (default true). */
  notSelected?: boolean;
  /** Show what go mod graph does not list: pruned and excluded edges and their nodes (default true). */
  unloaded?: boolean;
  /** Only replaced modules (and the main modules). */
  replacedOnly?: boolean;
  /** Only nodes at most this far from the main module. */
  maxDepth?: number | null;
  /** Only one module's dependencies ('deps') or dependents ('dependents'), itself included. */
  focus?: { id: string; mode: 'deps' | 'dependents' } | null;
  /** Nodes whose requirements are hidden (with what only they lead to). */
  collapsed?: readonly string[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** For each collapsed node, how many nodes its collapse hides. */
  hiddenBy: Map<string, number>;
}

/** The visible subgraph under a filter. Pure; keeps the model's node and edge order. */
export function filterGraph(model: Pick<GraphModel, 'nodes' | 'edges' | 'main'>, f: GraphFilter = {}): Subgraph {
  const show = (n: GraphNode): boolean => {
    if (n.kind === 'main') return true;
    if (n.kind === 'toolchain') {
      if (f.toolchain === false) return false;
    } else if (n.kind === 'direct' ? f.direct === false : f.indirect === false) return false;
    if (f.notSelected === false && !n.selected) return false;
    if (f.unloaded === false && !n.inGraph) return false;
    if (f.replacedOnly && !n.replacement) return false;
    if (f.maxDepth !== undefined && f.maxDepth !== null && (n.depth < 0 || n.depth > f.maxDepth)) return false;
    return true;
  };
  const visible = new Set<string>();
  for (const n of model.nodes) if (show(n)) visible.add(n.id);
  let edges = model.edges.filter((e) => visible.has(e.from) && visible.has(e.to) && (f.unloaded !== false || e.status === 'loaded'));

  if (f.focus && visible.has(f.focus.id)) {
    const fwd = f.focus.mode === 'deps';
    const adj = new Map<string, string[]>();
    for (const e of edges) {
      const a = fwd ? e.from : e.to;
      const b = fwd ? e.to : e.from;
      let l = adj.get(a);
      if (!l) adj.set(a, (l = []));
      l.push(b);
    }
    const reach = new Set<string>([f.focus.id]);
    const q = [f.focus.id];
    for (let i = 0; i < q.length; i++) {
      for (const b of adj.get(q[i]!) ?? []) {
        if (!reach.has(b)) {
          reach.add(b);
          q.push(b);
        }
      }
    }
    for (const id of [...visible]) if (!reach.has(id)) visible.delete(id);
    edges = edges.filter((e) => visible.has(e.from) && visible.has(e.to));
  }

  const hiddenBy = new Map<string, number>();
  const collapsed = new Set((f.collapsed ?? []).filter((id) => visible.has(id)));
  if (collapsed.size > 0) {
    const out = new Map<string, string[]>();
    for (const e of edges) {
      let l = out.get(e.from);
      if (!l) out.set(e.from, (l = []));
      l.push(e.to);
    }
    const starts = f.focus && f.focus.mode === 'deps' && visible.has(f.focus.id) ? [f.focus.id] : model.main.filter((m) => visible.has(m));
    const reachFrom = (skip: (id: string) => boolean): Set<string> => {
      const reach = new Set<string>(starts);
      const q = [...starts];
      for (let i = 0; i < q.length; i++) {
        if (skip(q[i]!)) continue;
        for (const b of out.get(q[i]!) ?? []) {
          if (!reach.has(b)) {
            reach.add(b);
            q.push(b);
          }
        }
      }
      return reach;
    };
    const all = reachFrom(() => false);
    const kept = reachFrom((id) => collapsed.has(id));
    for (const c of collapsed) {
      // the nodes reachable only through c
      const alone = reachFrom((id) => id === c);
      let count = 0;
      for (const id of all) if (!alone.has(id)) count++;
      hiddenBy.set(c, count);
    }
    for (const id of [...visible]) if (all.has(id) && !kept.has(id)) visible.delete(id);
    edges = edges.filter((e) => visible.has(e.from) && visible.has(e.to) && !collapsed.has(e.from));
  }
  return { nodes: model.nodes.filter((n) => visible.has(n.id)), edges, hiddenBy };
}

/** Ids of nodes whose "path@version" contains query (case-insensitive); [] for an empty query. */
export function searchNodes(nodes: ReadonlyArray<GraphNode>, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  return nodes.filter((n) => n.id.toLowerCase().includes(q) || (n.replacement?.path.toLowerCase().includes(q) ?? false)).map((n) => n.id);
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The nearest node in a direction (within a 45° cone, ties broken by id): arrow-key navigation.
 * Returns from itself when nothing lies that way.
 */
export function neighborInDirection(l: Layout, from: string, dir: Direction): string {
  const p = l.pos.get(from);
  if (!p) return from;
  const [ux, uy] = dir === 'left' ? [-1, 0] : dir === 'right' ? [1, 0] : dir === 'up' ? [0, -1] : [0, 1];
  let best = from;
  let bestScore = Infinity;
  for (const [id, q] of l.pos) {
    if (id === from) continue;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const along = dx * ux + dy * uy;
    if (along <= 0) continue;
    const across = Math.abs(dx * uy - dy * ux);
    if (across > along) continue;
    const score = along + 2 * across;
    if (score < bestScore || (score === bestScore && id < best)) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
