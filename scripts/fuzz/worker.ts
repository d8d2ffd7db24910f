// Fuzz worker (bundled by runner.ts with esbuild, run in a worker_thread): regenerates inputs
// from (seed, target, index), runs them, and reports crashes, slow inputs and sampled results.
// The index being run is published in a SharedArrayBuffer so the parent can see a hang.
import { parentPort, workerData } from 'node:worker_threads';
import { makeInput, runInput, targetByName, type Corpus } from '../../src/core/fuzz/targets';

export type ToWorker =
  | { type: 'run'; target: string; seed: number; start: number; deadline: number; maxCount: number; sampleEvery: number; slowMs: number }
  | { type: 'one'; target: string; input: Uint8Array; repeat: number; id: number };

export type FromWorker =
  | { type: 'crash'; target: string; index: number; input: Uint8Array; message: string }
  | { type: 'slow'; target: string; index: number; input: Uint8Array; ms: number }
  | { type: 'result'; target: string; index: number; input: Uint8Array; err?: string; out?: unknown; props: string[] }
  | { type: 'done'; target: string; next: number; tried: number; heapUsed: number; maxInputMs: number }
  | { type: 'oneDone'; id: number; ms: number; crash?: string; err?: string; out?: unknown; props?: string[] };

// CPU time (process-wide, but the worker is the only busy thread): stable on a loaded machine,
// where wall time is not. Hangs are caught by the parent on wall time.
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const { corpus, progress } = workerData as { corpus: Corpus; progress: SharedArrayBuffer };
const cur = new Int32Array(progress);

parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'one') {
    const t = targetByName(m.target);
    let best = Infinity;
    let last: ReturnType<typeof runInput> = {};
    for (let k = 0; k < m.repeat; k++) {
      Atomics.add(cur, 0, 1);
      const t0 = cpuMs();
      last = runInput(t, m.input);
      best = Math.min(best, cpuMs() - t0);
    }
    const msg: FromWorker = { type: 'oneDone', id: m.id, ms: best, crash: last.crash, err: last.result?.err, out: last.result?.out, props: last.result?.props };
    parentPort!.postMessage(msg);
    return;
  }
  const t = targetByName(m.target);
  let i = m.start;
  let tried = 0;
  let maxInputMs = 0;
  while (Date.now() < m.deadline && tried < m.maxCount) {
    Atomics.store(cur, 0, i);
    const x = makeInput(t, m.seed, i, corpus);
    const t0 = cpuMs();
    const r = runInput(t, x);
    const ms = cpuMs() - t0;
    maxInputMs = Math.max(maxInputMs, ms);
    tried++;
    if (r.crash !== undefined) {
      parentPort!.postMessage({ type: 'crash', target: t.name, index: i, input: x, message: r.crash } satisfies FromWorker);
    } else {
      const res = r.result!;
      if (ms > m.slowMs) parentPort!.postMessage({ type: 'slow', target: t.name, index: i, input: x, ms } satisfies FromWorker);
      if (res.props.length > 0 || (t.oracle && i % m.sampleEvery === 0)) {
        parentPort!.postMessage({ type: 'result', target: t.name, index: i, input: x, err: res.err, out: res.out, props: res.props } satisfies FromWorker);
      }
    }
    i++;
  }
  Atomics.store(cur, 0, -1);
  parentPort!.postMessage({ type: 'done', target: t.name, next: i, tried, heapUsed: process.memoryUsage().heapUsed, maxInputMs } satisfies FromWorker);
});
