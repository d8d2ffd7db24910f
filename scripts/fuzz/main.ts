// Entry of `npm run fuzz` (bundled by run.mjs).
import { GoOracle } from '../oracle/client';
import { loadCorpus, runFuzz } from './runner';
import { targets } from '../../src/core/fuzz/targets';

export async function main(o: { minutes: number; seed: number; targets?: string[]; sampleEvery: number }): Promise<number> {
  const names = o.targets ?? targets.map((t) => t.name);
  const msPerTarget = Math.max(1000, Math.floor((o.minutes * 60_000) / names.length));
  console.log(`fuzz: seed ${o.seed}, ${o.minutes} min over ${names.length} targets (${Math.round(msPerTarget / 1000)} s each), oracle sample 1/${o.sampleEvery}`);
  const corpus = loadCorpus();
  console.log(`corpus: ${Object.entries(corpus).map(([k, v]) => `${k} ${v.length}`).join(', ')}`);
  const oracle = new GoOracle();
  const t0 = Date.now();
  const { stats, failures } = await runFuzz({ seed: o.seed, msPerTarget, targets: names, sampleEvery: o.sampleEvery, oracle, save: true, corpus, log: console.log });
  oracle.close();
  const tried = stats.reduce((s, x) => s + x.tried, 0);
  const compared = stats.reduce((s, x) => s + x.compared, 0);
  const identical = stats.reduce((s, x) => s + x.identical, 0);
  console.log(`\nfuzz: ${tried} inputs in ${((Date.now() - t0) / 60000).toFixed(1)} min (seed ${o.seed}); ${compared} compared with go, ${identical} identical`);
  for (const s of stats) console.log(`  ${s.target.padEnd(14)} ${String(s.tried).padStart(9)} inputs  ${String(s.compared).padStart(6)} compared  ${s.hangs} hangs  max ${s.maxInputMs} ms/input  heap ${s.maxHeapMB} MB`);
  const byKind = new Map<string, number>();
  for (const f of failures) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  console.log(`failures: ${failures.length}${failures.length ? ' (' + [...byKind].map(([k, v]) => `${v} ${k}`).join(', ') + ')' : ''}; saved under src/core/fuzz/regressions/`);
  return failures.length === 0 ? 0 : 1;
}
