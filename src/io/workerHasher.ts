// A Hasher that sends batches to 1–2 dedicated hash workers (src/worker/hashWorker.ts): two where
// navigator.hardwareConcurrency reports more than one core. A batch is split between the workers
// by bytes. Where workers cannot be created or one fails, it falls back to webHasher (WebCrypto
// in the calling thread) — results are the same digests either way.
import type { Hasher } from '../core/hasher';
import { webHasher } from './webHasher';
import type { HashReply, HashRequest } from '../worker/hashWorker';

export interface WorkerHasherOptions {
  /** Number of hash workers (default: 2 if hardwareConcurrency > 1, else 1). */
  workers?: number;
  /** Batches with fewer bytes than this are hashed in the calling thread (default 256 KiB). */
  minBatchBytes?: number;
  /** Creates one hash worker (default: new Worker(hashWorker.ts)). */
  create?: () => Worker;
  fallback?: Hasher;
}

export interface WorkerHasherStats {
  workers: number;
  /** Batches (or parts of batches) hashed by the workers. */
  workerBatches: number;
  /** Batches hashed by the fallback in the calling thread. */
  fallbackBatches: number;
  /** Why the workers were given up, if they were. */
  broken?: string;
}

export interface WorkerHasher extends Hasher {
  stats(): WorkerHasherStats;
  terminate(): void;
}

function defaultCount(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return n !== undefined && n > 1 ? 2 : 1;
}

function defaultCreate(): Worker {
  return new Worker(new URL('../worker/hashWorker.ts', import.meta.url), { type: 'module', name: 'modscope-hash' });
}

interface Pending {
  resolve(d: Uint8Array[]): void;
  reject(e: Error): void;
}

export function createWorkerHasher(opts: WorkerHasherOptions = {}): WorkerHasher {
  const fallback = opts.fallback ?? webHasher;
  const minBytes = opts.minBatchBytes ?? 256 * 1024;
  const count = Math.max(1, Math.min(2, opts.workers ?? defaultCount()));
  const stats: WorkerHasherStats = { workers: 0, workerBatches: 0, fallbackBatches: 0 };
  let pool: Worker[] | undefined;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function giveUp(why: string) {
    stats.broken ??= why;
    for (const w of pool ?? []) w.terminate();
    pool = [];
    stats.workers = 0;
    const err = new Error(why);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }

  function workers(): Worker[] {
    if (pool) return pool;
    pool = [];
    if (typeof Worker === 'undefined') {
      stats.broken = 'no Worker in this context';
      return pool;
    }
    try {
      for (let i = 0; i < count; i++) {
        const w = (opts.create ?? defaultCreate)();
        w.onmessage = (e: MessageEvent<HashReply>) => {
          const p = pending.get(e.data.id);
          if (!p) return;
          pending.delete(e.data.id);
          if ('error' in e.data) p.reject(new Error(e.data.error));
          else p.resolve(e.data.digests);
        };
        w.onerror = (e) => {
          e.preventDefault();
          giveUp(`hash worker failed: ${e.message || 'error'}`);
        };
        pool.push(w);
      }
    } catch (e) {
      giveUp(`hash worker not created: ${(e as Error).message}`);
    }
    stats.workers = pool.length;
    return pool;
  }

  function send(w: Worker, items: Uint8Array[]): Promise<Uint8Array[]> {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const req: HashRequest = { id, items };
      w.postMessage(req); // copied: callers keep their buffers
    });
  }

  async function many(items: readonly Uint8Array[]): Promise<Uint8Array[]> {
    let total = 0;
    for (const d of items) total += d.length;
    const ws = total < minBytes || items.length === 0 ? [] : workers();
    if (ws.length === 0) {
      stats.fallbackBatches++;
      return fallback.sha256Many(items);
    }
    // Split by bytes: each item goes to the worker with the fewest bytes so far (largest first).
    const parts: { idx: number[]; bytes: number }[] = ws.map(() => ({ idx: [], bytes: 0 }));
    const order = items.map((_, i) => i).sort((a, b) => items[b]!.length - items[a]!.length);
    for (const i of order) {
      const part = parts.reduce((m, p) => (p.bytes < m.bytes ? p : m));
      part.idx.push(i);
      part.bytes += items[i]!.length;
    }
    try {
      const out: Uint8Array[] = new Array<Uint8Array>(items.length);
      await Promise.all(
        parts.map(async (p, k) => {
          if (p.idx.length === 0) return;
          const d = await send(ws[k]!, p.idx.map((i) => items[i]!));
          stats.workerBatches++;
          p.idx.forEach((i, j) => (out[i] = d[j]!));
        }),
      );
      return out;
    } catch (e) {
      if (!stats.broken) giveUp((e as Error).message);
      stats.fallbackBatches++;
      return fallback.sha256Many(items);
    }
  }

  return {
    async sha256(data) {
      return (await many([data]))[0]!;
    },
    sha256Many: many,
    stats: () => ({ ...stats }),
    terminate() {
      giveUp('terminated');
    },
  };
}
