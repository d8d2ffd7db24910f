// Graph view layout: layered (Sugiyama-style) and force (d3-force, fixed ticks) layout times and
// filter time on deterministic synthetic module graphs of 1,000 and 10,000 nodes. There is no go
// equivalent, so this prints figures only (median of several runs).
import { performance } from 'node:perf_hooks';
import { filterGraph, forceLayout, layeredLayout } from '../src/ui/graph/layout';
import { syntheticGraphModel } from '../src/core/views/synthetic';
import { median, ms } from './stats';

function time(f: () => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return median(t);
}

export default async function run(): Promise<void> {
  for (const n of [1_000, 10_000]) {
    const s = performance.now();
    const m = syntheticGraphModel(n, 2026);
    const gen = performance.now() - s;
    const runs = n > 5000 ? 3 : 7;
    const layered = time(() => layeredLayout(m, { roots: m.main }), runs);
    // big graphs start the force layout from the layered one (as the graph view does)
    const initial = n > 2000 ? layeredLayout(m, { roots: m.main }).pos : undefined;
    const force = time(() => forceLayout(m, { seed: 1, initial }), n > 5000 ? 1 : 3);
    const filter = time(() => filterGraph(m, { indirect: false, maxDepth: 3 }), runs);
    console.log(
      `${String(n).padStart(6)} nodes, ${String(m.edges.length).padStart(6)} edges: layered ${ms(layered)}, force (${n > 2000 ? 40 : n > 500 ? 120 : 300} ticks) ${ms(force)}, filter ${ms(filter)}  (model generated in ${ms(gen)})`,
    );
  }
}
