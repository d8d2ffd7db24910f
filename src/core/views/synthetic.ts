// A deterministic synthetic GraphModel of any size, for layout benchmarks and the browser test
// of large graphs (10,000 modules). Not a resolver result: the shape (layers, several versions
// per path with the highest selected, a few cycles, replaced / retracted / pruned parts) imitates
// real module graphs, and selection follows MVS's rule (the highest required version).
import type { GraphEdge, GraphModel, GraphNode } from './graphModel';
import { mulberry32 } from '../rng';

/** n module versions (plus the main module), about `degree` requirements each. */
export function syntheticGraphModel(n: number, seed = 1, degree = 3): GraphModel {
  const rnd = mulberry32(seed);
  const int = (k: number) => Math.floor(rnd() * k);
  const main = 'example.com/main';
  // paths with 1-3 versions each
  const mvs: { path: string; version: string; minor: number }[] = [];
  for (let p = 0; mvs.length < n; p++) {
    const path = `example.com/org${p % 97}/mod${p}`;
    const count = 1 + (rnd() < 0.3 ? 1 + int(2) : 0);
    for (let v = 0; v < count && mvs.length < n; v++) mvs.push({ path, version: `v1.${v}.${int(3)}`, minor: v });
  }
  // versions of a path in ascending order (minor increases)
  const byPath = new Map<string, number[]>();
  mvs.forEach((m, i) => {
    let l = byPath.get(m.path);
    if (!l) byPath.set(m.path, (l = []));
    l.push(i);
  });
  const pathIndex = [...byPath.keys()];
  const posOf = new Map<string, number>();
  pathIndex.forEach((p, i) => posOf.set(p, i));

  const edgesRaw: { from: number; to: number }[] = []; // -1 = main
  const directCount = Math.max(3, Math.min(40, Math.floor(pathIndex.length / 50)));
  for (let i = 0; i < directCount; i++) {
    const l = byPath.get(pathIndex[i]!)!;
    edgesRaw.push({ from: -1, to: l[l.length - 1]! });
  }
  // requirements point to paths later in the list (a DAG), with a few back edges (cycles)
  for (let i = 0; i < mvs.length; i++) {
    const pi = posOf.get(mvs[i]!.path)!;
    const k = int(degree * 2 + 1);
    for (let j = 0; j < k; j++) {
      const back = rnd() < 0.01;
      const span = 1 + int(Math.min(200, pathIndex.length));
      const tp = back ? Math.max(0, pi - span) : pi + span;
      if (tp >= pathIndex.length || tp === pi) continue;
      const vs = byPath.get(pathIndex[tp]!)!;
      edgesRaw.push({ from: i, to: vs[int(vs.length)]! });
    }
  }
  const id = (i: number) => (i < 0 ? main : `${mvs[i]!.path}@${mvs[i]!.version}`);
  // reachability from main; unreached versions are required by main's first direct dependency's
  // chain so that everything is in the graph
  const out = new Map<number, number[]>();
  for (const e of edgesRaw) {
    let l = out.get(e.from);
    if (!l) out.set(e.from, (l = []));
    l.push(e.to);
  }
  const depth = new Map<number, number>([[-1, 0]]);
  let q = [-1];
  const bfs = () => {
    for (let i = 0; i < q.length; i++) for (const b of out.get(q[i]!) ?? []) if (!depth.has(b)) (depth.set(b, depth.get(q[i]!)! + 1), q.push(b));
  };
  bfs();
  for (let i = 0; i < mvs.length; i++) {
    if (depth.has(i)) continue;
    // every j < i is reached by now (versions are ordered by path position)
    const j = int(i + 1) - 1;
    const from = j >= 0 && mvs[j]!.path !== mvs[i]!.path ? j : -1;
    edgesRaw.push({ from, to: i });
    let l = out.get(from);
    if (!l) out.set(from, (l = []));
    l.push(i);
    q = [from];
    bfs();
  }
  // MVS: the highest required version of each path
  const sel = new Map<string, number>();
  for (const e of edgesRaw) {
    const m = mvs[e.to]!;
    const cur = sel.get(m.path);
    if (cur === undefined || mvs[cur]!.minor < m.minor || (mvs[cur]!.minor === m.minor && mvs[cur]!.version < m.version)) sel.set(m.path, e.to);
  }
  const directPaths = new Set(edgesRaw.filter((e) => e.from === -1).map((e) => mvs[e.to]!.path));
  const nodes: GraphNode[] = [
    { id: main, path: main, version: '', kind: 'main', selectedVersion: '', selected: true, depth: 0, inGraph: true, loaded: true, goVersion: '1.23.0' },
  ];
  mvs.forEach((m, i) => {
    const s = mvs[sel.get(m.path)!]!.version;
    const node: GraphNode = {
      id: id(i),
      path: m.path,
      version: m.version,
      kind: directPaths.has(m.path) ? 'direct' : 'indirect',
      selectedVersion: s,
      selected: s === m.version,
      depth: depth.get(i) ?? -1,
      inGraph: true,
      loaded: true,
      goVersion: rnd() < 0.5 ? '1.21' : '1.16',
    };
    if (rnd() < 0.01) node.replacement = { path: `example.com/fork/mod${i}`, version: 'v1.0.0' };
    if (rnd() < 0.005) node.retracted = ['synthetic retraction'];
    nodes.push(node);
  });
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const e of edgesRaw) {
    const k = e.from * (mvs.length + 1) + e.to;
    if (seen.has(String(k))) continue;
    seen.add(String(k));
    const m = mvs[e.to]!;
    edges.push({
      from: id(e.from),
      to: id(e.to),
      path: m.path,
      required: m.version,
      selected: mvs[sel.get(m.path)!]!.version,
      status: 'loaded',
    });
  }
  return { main: [main], pruning: 'pruned', goVersion: '1.23.0', asGo: '', nodes, edges, excludes: [], replaces: [] };
}

/**
 * The model after a synthetic change (for preview marks): its last k modules gone, k new modules
 * (example.com/new/modI@v1.0.0) required by the main module.
 */
export function syntheticChange(m: GraphModel, k: number): GraphModel {
  const gone = new Set(m.nodes.slice(-k).map((n) => n.id));
  const main = m.main[0]!;
  const added = Array.from({ length: k }, (_, i) => `example.com/new/mod${i}`);
  const node = (path: string): GraphNode => ({ id: `${path}@v1.0.0`, path, version: 'v1.0.0', kind: 'direct', selectedVersion: 'v1.0.0', selected: true, depth: 1, inGraph: true, loaded: true, goVersion: '1.21' });
  const edge = (path: string): GraphEdge => ({ from: main, to: `${path}@v1.0.0`, path, required: 'v1.0.0', selected: 'v1.0.0', status: 'loaded' });
  return {
    ...m,
    nodes: [...m.nodes.filter((n) => !gone.has(n.id)), ...added.map(node)],
    edges: [...m.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)), ...added.map(edge)],
  };
}
