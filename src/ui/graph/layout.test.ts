// Layout math: properties that must hold for any input (layering respects edges and is the
// longest-path one, no overlaps, determinism, barycentric sweeps reduce crossings, filters keep
// a consistent subgraph), checked on seeded synthetic graphs (seeds in the test names).
import { describe, expect, it } from 'vitest';
import { filterGraph, forceLayout, layeredLayout, neighborInDirection, searchNodes, type Layout, type LayoutGraph } from './layout';
import { syntheticGraphModel } from '../../core/views/synthetic';
import { indexModel } from '../../core/views/graphModel';

const SEEDS = [1, 2, 3, 42];

function crossings(g: LayoutGraph, l: Layout): number {
  // edges between adjacent layers, counted pairwise per layer gap
  const byGap = new Map<number, Array<[number, number]>>();
  for (const e of g.edges) {
    const la = l.layer!.get(e.from)!;
    const lb = l.layer!.get(e.to)!;
    if (lb !== la + 1) continue;
    const a = l.pos.get(e.from)!;
    const b = l.pos.get(e.to)!;
    let list = byGap.get(la);
    if (!list) byGap.set(la, (list = []));
    list.push([a.y, b.y]);
  }
  let c = 0;
  for (const list of byGap.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a1, b1] = list[i]!;
        const [a2, b2] = list[j]!;
        if ((a1 - a2) * (b1 - b2) < 0) c++;
      }
  }
  return c;
}

describe('layeredLayout', () => {
  for (const seed of SEEDS) {
    it(`respects edges, is longest-path, has no overlaps (seed ${seed})`, () => {
      const m = syntheticGraphModel(600, seed);
      const l = layeredLayout(m, { roots: m.main, maxPerLine: 1000 });
      expect(l.pos.size).toBe(m.nodes.length);
      const layer = l.layer!;
      const dagIn = new Map<string, number[]>();
      for (const e of m.edges) {
        if (e.from === e.to) continue;
        if (l.reversed!.has(`${e.from} ${e.to}`)) continue;
        expect(layer.get(e.to)!).toBeGreaterThan(layer.get(e.from)!);
        let a = dagIn.get(e.to);
        if (!a) dagIn.set(e.to, (a = []));
        a.push(layer.get(e.from)!);
      }
      for (const n of m.nodes) {
        const ins = dagIn.get(n.id) ?? [];
        expect(layer.get(n.id)).toBe(ins.length === 0 ? 0 : Math.max(...ins) + 1);
      }
      // LR: nodes of a column are distinct rows; columns are separated
      const cols = new Map<number, number[]>();
      for (const p of l.pos.values()) {
        let c = cols.get(p.x);
        if (!c) cols.set(p.x, (c = []));
        c.push(p.y);
      }
      for (const ys of cols.values()) {
        ys.sort((a, b) => a - b);
        for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(22);
      }
      const xs = [...cols.keys()].sort((a, b) => a - b);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(160);
    });

    it(`is deterministic and barycentric sweeps never add crossings (seed ${seed})`, () => {
      const m = syntheticGraphModel(400, seed);
      const a = layeredLayout(m, { roots: m.main, maxPerLine: 1000 });
      const b = layeredLayout(m, { roots: m.main, maxPerLine: 1000 });
      expect([...a.pos]).toEqual([...b.pos]);
      const none = layeredLayout(m, { roots: m.main, maxPerLine: 1000, sweeps: 0 });
      expect(crossings(m, a)).toBeLessThanOrEqual(crossings(m, none));
    });

    it(`barycentric sweeps untangle a shuffled layered graph (seed ${seed})`, () => {
      // 6 layers of 40 nodes whose edges are local in a hidden order; ids and edges shuffled
      let a = seed;
      const rnd = () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
      const L = 6;
      const W = 40;
      const nodes = [{ id: 'm' }];
      const edges: Array<{ from: string; to: string }> = [];
      for (let l = 0; l < L; l++) for (let i = 0; i < W; i++) nodes.push({ id: `${l}.${i}` });
      for (let i = 0; i < W; i++) edges.push({ from: 'm', to: `0.${i}` });
      const perm = Array.from({ length: W }, (_, i) => [rnd(), i] as const).sort((x, y) => x[0] - y[0]).map((x) => x[1]);
      for (let l = 0; l + 1 < L; l++)
        for (let i = 0; i < W; i++)
          for (let k = 0; k < 2; k++) {
            const j = Math.max(0, Math.min(W - 1, i + Math.floor(rnd() * 7) - 3));
            edges.push({ from: `${l}.${perm[i]}`, to: `${l + 1}.${perm[j]}` });
          }
      const g = { nodes, edges: edges.map((e) => [rnd(), e] as const).sort((x, y) => x[0] - y[0]).map((x) => x[1]) };
      const before = crossings(g, layeredLayout(g, { roots: ['m'], sweeps: 0, maxPerLine: 1000 }));
      const after = crossings(g, layeredLayout(g, { roots: ['m'], sweeps: 8, maxPerLine: 1000 }));
      expect(after).toBeLessThan(before / 2);
    });
  }

  it('breaks cycles: a DAG needs no reversed edges, a cycle exactly one', () => {
    const dag = { nodes: ['a', 'b', 'c'].map((id) => ({ id })), edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'c' }] };
    const l = layeredLayout(dag, { roots: ['a'] });
    expect(l.reversed!.size).toBe(0);
    expect([l.layer!.get('a'), l.layer!.get('b'), l.layer!.get('c')]).toEqual([0, 1, 2]);
    const cyc = { nodes: ['m', 'a', 'b'].map((id) => ({ id })), edges: [{ from: 'm', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'a' }] };
    const lc = layeredLayout(cyc, { roots: ['m'] });
    expect([...lc.reversed!]).toEqual(['b a']);
    expect([lc.layer!.get('m'), lc.layer!.get('a'), lc.layer!.get('b')]).toEqual([0, 1, 2]);
  });

  it('wraps wide layers and lays out top-to-bottom', () => {
    const g = { nodes: [{ id: 'm' }, ...Array.from({ length: 100 }, (_, i) => ({ id: `d${i}` }))], edges: Array.from({ length: 100 }, (_, i) => ({ from: 'm', to: `d${i}` })) };
    const lr = layeredLayout(g, { maxPerLine: 30 });
    expect(new Set([...lr.pos.values()].map((p) => p.x)).size).toBe(1 + 4);
    const tb = layeredLayout(g, { direction: 'TB', maxPerLine: 1000 });
    expect(new Set([...tb.pos.values()].map((p) => p.y)).size).toBe(2);
  });

  it('handles 10,000 nodes', () => {
    const m = syntheticGraphModel(10_000, 7);
    const l = layeredLayout(m, { roots: m.main });
    expect(l.pos.size).toBe(m.nodes.length);
    for (const p of l.pos.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });
});

describe('forceLayout', () => {
  it('is deterministic for a seed, and pulls linked nodes together', () => {
    const m = syntheticGraphModel(120, 5);
    const a = forceLayout(m, { seed: 9, ticks: 120 });
    const b = forceLayout(m, { seed: 9, ticks: 120 });
    expect([...a.pos]).toEqual([...b.pos]);
    const dist = (x: string, y: string) => Math.hypot(a.pos.get(x)!.x - a.pos.get(y)!.x, a.pos.get(x)!.y - a.pos.get(y)!.y);
    const linked = m.edges.map((e) => dist(e.from, e.to));
    const ids = m.nodes.map((n) => n.id);
    const random = ids.map((id, i) => dist(id, ids[(i * 7919 + 13) % ids.length]!));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(linked)).toBeLessThan(mean(random));
    for (const p of a.pos.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });
});

describe('filterGraph', () => {
  const m = syntheticGraphModel(500, 11);
  const idx = indexModel(m);
  const consistent = (s: ReturnType<typeof filterGraph>) => {
    const ids = new Set(s.nodes.map((n) => n.id));
    for (const e of s.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  };

  it('shows everything by default', () => {
    const s = filterGraph(m);
    expect(s.nodes.length).toBe(m.nodes.length);
    expect(s.edges.length).toBe(m.edges.length);
  });

  it('filters kinds, selection, depth and replaced', () => {
    for (const f of [{ direct: false }, { indirect: false }, { notSelected: false }, { maxDepth: 2 }, { replacedOnly: true }] as const) {
      const s = filterGraph(m, f);
      consistent(s);
      for (const n of s.nodes) {
        if (n.kind === 'main') continue;
        if ('direct' in f) expect(n.kind).not.toBe('direct');
        if ('indirect' in f) expect(n.kind).not.toBe('indirect');
        if ('notSelected' in f) expect(n.selected).toBe(true);
        if ('maxDepth' in f) expect(n.depth).toBeLessThanOrEqual(2);
        if ('replacedOnly' in f) expect(n.replacement).toBeDefined();
      }
      expect(s.nodes.length).toBeLessThan(m.nodes.length);
    }
  });

  it('focuses on dependencies and dependents', () => {
    const target = m.nodes.find((n) => n.kind === 'direct')!;
    const deps = filterGraph(m, { focus: { id: target.id, mode: 'deps' } });
    consistent(deps);
    // every shown node is reachable from target along shown edges
    const out = new Map<string, string[]>();
    for (const e of deps.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    const seen = new Set([target.id]);
    const q = [target.id];
    for (let i = 0; i < q.length; i++) for (const b of out.get(q[i]!) ?? []) if (!seen.has(b)) (seen.add(b), q.push(b));
    expect(seen.size).toBe(deps.nodes.length);
    const leaf = m.nodes.find((n) => n.depth > 2 && (idx.in.get(n.id)?.length ?? 0) > 0)!;
    const dependents = filterGraph(m, { focus: { id: leaf.id, mode: 'dependents' } });
    consistent(dependents);
    expect(dependents.nodes.some((n) => n.kind === 'main')).toBe(true);
    for (const e of idx.in.get(leaf.id)!) expect(dependents.nodes.some((n) => n.id === e.from)).toBe(true);
  });

  it('collapses a node: its requirements and what only they lead to disappear', () => {
    const c = m.nodes.find((n) => n.kind === 'direct' && (idx.out.get(n.id)?.length ?? 0) > 2)!;
    const s = filterGraph(m, { collapsed: [c.id] });
    consistent(s);
    expect(s.edges.some((e) => e.from === c.id)).toBe(false);
    expect(s.nodes.some((n) => n.id === c.id)).toBe(true);
    expect(m.nodes.length - s.nodes.length).toBe(s.hiddenBy.get(c.id));
  });

  it('searches path@version case-insensitively', () => {
    const n = m.nodes[5]!;
    expect(searchNodes(m.nodes, n.id.toUpperCase())).toContain(n.id);
    expect(searchNodes(m.nodes, '  ')).toEqual([]);
  });
});

describe('neighborInDirection', () => {
  it('moves along a grid', () => {
    const pos = new Map<string, { x: number; y: number }>();
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) pos.set(`${i},${j}`, { x: i * 100, y: j * 30 });
    const l = { pos };
    expect(neighborInDirection(l, '1,1', 'left')).toBe('0,1');
    expect(neighborInDirection(l, '1,1', 'right')).toBe('2,1');
    expect(neighborInDirection(l, '1,1', 'up')).toBe('1,0');
    expect(neighborInDirection(l, '1,1', 'down')).toBe('1,2');
    expect(neighborInDirection(l, '0,0', 'left')).toBe('0,0');
  });
});
