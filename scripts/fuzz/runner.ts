// Fuzz runner (Node): loads the seed corpus from Go's testdata, runs each target in a
// worker_thread under a time budget, kills the worker when one input hangs, re-times slow
// inputs, compares a sample of results (and every property violation) with the Go oracle,
// and saves failing inputs under src/core/fuzz/regressions/<target>/ for replay.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseTxtar } from '../../src/core/txtar';
import { makeInput, targetByName, targets, type Corpus, type RunResult } from '../../src/core/fuzz/targets';
import type { FromWorker, ToWorker } from './worker';
import type { GoOracle } from '../oracle/client';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../gotool.mjs';

export const repoRoot = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'scripts/fuzz/worker.ts'))) {
    if (dirname(d) === d) throw new Error('fuzz: repository root not found');
    d = dirname(d);
  }
  return d;
})();
export const regressionsDir = join(repoRoot, 'src/core/fuzz/regressions');

const enc = new TextEncoder();

/** Seed inputs from the installed Go tree's testdata (read at run time, never copied). */
export function loadCorpus(maxScripts = 400): Corpus {
  const c: Corpus = { gomod: [], gowork: [], gosum: [], txtar: [], gofile: [], strings: [] };
  const scriptDir = join(GOROOT_SRC as string, 'cmd/go/testdata/script');
  const modDir = join(GOROOT_SRC as string, 'cmd/go/testdata/mod');
  const scripts = readdirSync(scriptDir).filter((f) => f.endsWith('.txt')).sort();
  const mods = readdirSync(modDir).filter((f) => f.endsWith('.txt')).sort();
  let n = 0;
  for (const [dir, list, isMod] of [[scriptDir, scripts, false], [modDir, mods, true]] as const) {
    for (const f of list) {
      const data = readFileSync(join(dir, f));
      if (!isMod && (n++ < maxScripts || f.startsWith('mod_'))) c.txtar.push(data);
      const a = parseTxtar(data);
      for (const file of a.files) {
        const base = file.name.split('/').pop()!;
        if (base === 'go.mod' || (isMod && base === '.mod') || base.endsWith('.mod')) c.gomod.push(file.data);
        else if (base === 'go.work') c.gowork.push(file.data);
        else if (base === 'go.sum') c.gosum.push(file.data);
        else if (base.endsWith('.go')) c.gofile.push(file.data);
      }
    }
  }
  const strs = new Set<string>();
  for (const s of c.gosum) {
    for (const line of new TextDecoder().decode(s).split('\n')) {
      const f = line.split(' ');
      if (f.length >= 2) strs.add(`${f[0]}\n${f[1]!.replace(/\/go\.mod$/, '')}`);
    }
  }
  c.strings = [...strs].sort().map((s) => enc.encode(s));
  c.txtar = c.txtar.slice(0, 600);
  return c;
}

let workerBundle: string | undefined;
/** Bundles worker.ts (and the core it imports) for worker_threads. */
export async function bundleWorker(): Promise<string> {
  if (workerBundle) return workerBundle;
  const outfile = join(repoRoot, '.test-out', 'fuzz', `worker-${process.pid}.mjs`);
  await build({
    entryPoints: [join(repoRoot, 'scripts/fuzz/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  workerBundle = outfile;
  return outfile;
}

export interface Failure {
  target: string;
  kind: 'crash' | 'hang' | 'slow' | 'diff' | 'prop';
  index: number;
  detail: string;
  input: Uint8Array;
  file?: string;
}

export interface TargetStats {
  target: string;
  tried: number;
  compared: number;
  identical: number;
  hangs: number;
  maxHeapMB: number;
  maxInputMs: number;
}

export interface FuzzOptions {
  seed: number;
  /** Time per target (ms). */
  msPerTarget: number;
  /** Cap on inputs per target (default unlimited). */
  maxPerTarget?: number;
  targets?: string[];
  /** An input slower than this (min of 3 re-runs) is a failure. */
  slowMs?: number;
  /** A worker stuck on one input this long is killed and the input reported as a hang. */
  hangMs?: number;
  /** Compare every n-th input with the oracle. */
  sampleEvery?: number;
  oracle?: GoOracle;
  /** Save failing inputs as regression files. */
  save?: boolean;
  corpus?: Corpus;
  log?: (s: string) => void;
}

class FuzzWorker {
  w: Worker;
  progress = new SharedArrayBuffer(4);
  cur = new Int32Array(this.progress);
  listeners = new Set<(m: FromWorker) => void>();
  dead = false;
  constructor(file: string, corpus: Corpus) {
    Atomics.store(this.cur, 0, -1);
    this.w = new Worker(file, { workerData: { corpus, progress: this.progress }, resourceLimits: { maxOldGenerationSizeMb: 1024, stackSizeMb: 4 } });
    this.w.on('message', (m: FromWorker) => this.listeners.forEach((l) => l(m)));
    this.w.on('error', () => (this.dead = true));
    this.w.on('exit', () => (this.dead = true));
  }
  /** Posts msg and waits for a message satisfying done; null if the worker hung (and was killed) or died. */
  async request<T extends FromWorker>(msg: ToWorker, done: (m: FromWorker) => m is T, onMsg: (m: FromWorker) => void, hangMs: number): Promise<T | null> {
    return new Promise((resolve) => {
      let last = Atomics.load(this.cur, 0);
      let since = Date.now();
      const timer = setInterval(() => {
        const v = Atomics.load(this.cur, 0);
        if (v !== last) {
          last = v;
          since = Date.now();
        } else if (this.dead || Date.now() - since > hangMs) {
          clearInterval(timer);
          this.listeners.delete(l);
          this.dead = true;
          void this.w.terminate();
          resolve(null);
        }
      }, 20);
      const l = (m: FromWorker) => {
        if (done(m)) {
          clearInterval(timer);
          this.listeners.delete(l);
          resolve(m);
        } else onMsg(m);
      };
      this.listeners.add(l);
      this.w.postMessage(msg);
    });
  }
  close(): void {
    if (!this.dead) void this.w.terminate();
    this.dead = true;
  }
}

export function inputName(kind: string, input: Uint8Array): string {
  return `${kind}-${createHash('sha256').update(input).digest('hex').slice(0, 12)}.bin`;
}

function save(f: Failure): void {
  const dir = join(regressionsDir, f.target);
  mkdirSync(dir, { recursive: true });
  const name = inputName(f.kind, f.input);
  writeFileSync(join(dir, name), f.input);
  f.file = `src/core/fuzz/regressions/${f.target}/${name}`;
}

/** Oracle comparison of one result; returns the problems (differences, confirmed property violations). */
export async function compareWithGo(oracle: GoOracle | undefined, target: string, input: Uint8Array, res: RunResult): Promise<{ compared: boolean; problems: string[] }> {
  const t = targetByName(target);
  if (!t.oracle || !t.compare || !oracle) return { compared: false, problems: res.props };
  const replies = await Promise.all(t.oracle(input).map((c) => oracle.value(c.op, ...c.args)));
  return { compared: true, problems: t.compare(input, res, replies) };
}

export async function runFuzz(o: FuzzOptions): Promise<{ stats: TargetStats[]; failures: Failure[] }> {
  const log = o.log ?? (() => {});
  const corpus = o.corpus ?? loadCorpus();
  const file = await bundleWorker();
  const slowMs = o.slowMs ?? 200;
  const hangMs = o.hangMs ?? 2000;
  const sampleEvery = o.sampleEvery ?? 20;
  const failures: Failure[] = [];
  const stats: TargetStats[] = [];
  let worker = new FuzzWorker(file, corpus);
  const fresh = () => {
    if (worker.dead) worker = new FuzzWorker(file, corpus);
    return worker;
  };
  const fail = (f: Failure) => {
    if (failures.some((g) => g.target === f.target && g.kind === f.kind && g.detail.split('\n')[0] === f.detail.split('\n')[0] && failures.length > 50)) return;
    if (o.save) save(f);
    failures.push(f);
    log(`  ${f.kind.toUpperCase()} ${f.target}#${f.index}: ${f.detail.split('\n')[0]}${f.file ? ` (${f.file})` : ''}`);
  };
  for (const t of targets.filter((x) => !o.targets || o.targets.includes(x.name))) {
    const st: TargetStats = { target: t.name, tried: 0, compared: 0, identical: 0, hangs: 0, maxHeapMB: 0, maxInputMs: 0 };
    const deadline = Date.now() + o.msPerTarget;
    const maxCount = o.maxPerTarget ?? Number.MAX_SAFE_INTEGER;
    const slow: Array<{ index: number; input: Uint8Array }> = [];
    const pending: Promise<void>[] = [];
    let start = 0;
    while (Date.now() < deadline && st.tried < maxCount) {
      const w = fresh();
      const done = await w.request(
        { type: 'run', target: t.name, seed: o.seed, start, deadline, maxCount: maxCount - st.tried, sampleEvery, slowMs },
        (m): m is Extract<FromWorker, { type: 'done' }> => m.type === 'done',
        (m) => {
          if (m.type === 'crash') fail({ target: t.name, kind: 'crash', index: m.index, detail: m.message, input: m.input });
          else if (m.type === 'slow') slow.push({ index: m.index, input: m.input });
          else if (m.type === 'result') {
            const res: RunResult = { err: m.err, out: m.out, props: m.props };
            pending.push(
              compareWithGo(o.oracle, t.name, m.input, res).then(({ compared, problems }) => {
                if (compared) {
                  st.compared++;
                  if (problems.length === 0) st.identical++;
                }
                if (problems.length > 0) fail({ target: t.name, kind: compared ? 'diff' : 'prop', index: m.index, detail: problems.join('\n'), input: m.input });
              }),
            );
          }
        },
        hangMs,
      );
      if (done) {
        st.tried += done.tried;
        st.maxHeapMB = Math.max(st.maxHeapMB, Math.round(done.heapUsed / 2 ** 20));
        st.maxInputMs = Math.max(st.maxInputMs, Math.round(done.maxInputMs));
        start = done.next;
      } else {
        // the worker was stuck on index `hung`: report it and go on after it
        const hung = Atomics.load(w.cur, 0);
        st.hangs++;
        if (hung >= 0) {
          st.tried += hung - start + 1;
          // confirm alone in a fresh worker (a busy parent or a long GC can look like a hang)
          const input = makeInput(t, o.seed, hung, corpus);
          const again = await timeOne(fresh(), t.name, input, 1, hangMs);
          if (again === null) fail({ target: t.name, kind: 'hang', index: hung, detail: `no result after ${hangMs} ms`, input });
          else if (again.crash) fail({ target: t.name, kind: 'crash', index: hung, detail: again.crash, input });
          else if (again.ms > slowMs) slow.push({ index: hung, input });
          start = hung + 1;
        }
      }
    }
    await Promise.all(pending);
    // re-time slow inputs alone (best of 3) before calling them failures
    for (const s of slow.slice(0, 5)) {
      const r = await timeOne(fresh(), t.name, s.input, 3, hangMs);
      if (r === null || r.ms > slowMs) fail({ target: t.name, kind: r === null ? 'hang' : 'slow', index: s.index, detail: r === null ? `no result after ${hangMs} ms` : `${Math.round(r.ms)} ms (limit ${slowMs} ms)`, input: s.input });
    }
    stats.push(st);
    log(`  ${t.name}: ${st.tried} inputs, ${st.compared} compared with go (${st.identical} identical), max ${st.maxInputMs} ms/input, heap ${st.maxHeapMB} MB`);
  }
  worker.close();
  return { stats, failures };
}

let oneId = 0;
async function timeOne(w: FuzzWorker, target: string, input: Uint8Array, repeat: number, hangMs: number) {
  const id = oneId++;
  return w.request({ type: 'one', target, input, repeat, id }, (m): m is Extract<FromWorker, { type: 'oneDone' }> => m.type === 'oneDone' && m.id === id, () => {}, hangMs * repeat);
}

export interface Regression {
  target: string;
  file: string;
  input: Uint8Array;
}

export function loadRegressions(): Regression[] {
  const out: Regression[] = [];
  if (!existsSync(regressionsDir)) return out;
  for (const t of readdirSync(regressionsDir).sort()) {
    const dir = join(regressionsDir, t);
    if (!existsSync(dir) || !targets.some((x) => x.name === t)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.bin')).sort()) out.push({ target: t, file: `${t}/${f}`, input: readFileSync(join(dir, f)) });
  }
  return out;
}

/** Replays saved inputs: each must finish in time without a crash, and agree with Go where compared. */
export async function replayRegressions(regs: Regression[], o: { oracle?: GoOracle; slowMs?: number; hangMs?: number; corpus?: Corpus }): Promise<string[]> {
  const file = await bundleWorker();
  const corpus = o.corpus ?? { gomod: [], gowork: [], gosum: [], txtar: [], gofile: [], strings: [] };
  const slowMs = o.slowMs ?? 200;
  const hangMs = o.hangMs ?? 2000;
  let w = new FuzzWorker(file, corpus);
  const problems: string[] = [];
  for (const r of regs) {
    if (w.dead) w = new FuzzWorker(file, corpus);
    const m = await timeOne(w, r.target, r.input, 1, hangMs);
    if (m === null) {
      problems.push(`${r.file}: hang (no result after ${hangMs} ms)`);
      continue;
    }
    if (m.crash) {
      problems.push(`${r.file}: crash: ${m.crash.split('\n')[0]}`);
      continue;
    }
    if (m.ms > slowMs) {
      const again = await timeOne(w, r.target, r.input, 3, hangMs);
      if (again && again.ms > slowMs) problems.push(`${r.file}: slow (${Math.round(again.ms)} ms)`);
    }
    const { problems: p } = await compareWithGo(o.oracle, r.target, r.input, { err: m.err, out: m.out, props: m.props ?? [] });
    for (const x of p) problems.push(`${r.file}: ${x.split('\n')[0]}`);
  }
  w.close();
  return problems;
}
