// The page's side of the worker: a supervisor that starts the worker, forwards calls through
// Comlink, and when the worker dies (an uncaught error, or a kill) fails the pending calls with
// the reason, starts a fresh worker and re-sends the mounts.
import * as Comlink from 'comlink';
import type { Progress } from '../core/workspace';
import type { LazySource, WorkerAPI } from './protocol';

export class WorkerCrashedError extends Error {
  constructor(reason: string) {
    super(`the modscope worker stopped (${reason}); it was restarted`);
    this.name = 'WorkerCrashedError';
  }
}

export class WorkerClient {
  private worker!: Worker;
  private api!: Comlink.Remote<WorkerAPI>;
  private readonly mounts = new Map<string, Record<string, Uint8Array> | null>();
  private readonly lazyMounts = new Map<string, LazySource | null>();
  private pending = new Set<(e: Error) => void>();
  /** Called after a restart with the reason (the page shows it). */
  onRestart?: (reason: string) => void;
  restarts = 0;
  /** How long a canceled command may take to stop before the worker is restarted. */
  cancelGraceMs = 3000;
  private runs = 0;
  /** The number of the run in flight (runs counted from 1), 0 when none. */
  private running = 0;

  constructor() {
    this.start();
  }

  private start() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'modscope-core' });
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.restart(e.message || 'uncaught error');
    });
    this.worker.addEventListener('messageerror', () => this.restart('a message could not be read'));
    this.api = Comlink.wrap<WorkerAPI>(this.worker);
    for (const [dir, files] of this.mounts) void this.api.setMount(dir, files);
    for (const [dir, files] of this.lazyMounts) void this.api.setLazyMount(dir, files);
  }

  private restart(reason: string) {
    this.worker.terminate();
    this.restarts++;
    const err = new WorkerCrashedError(reason);
    const p = this.pending;
    this.pending = new Set();
    for (const reject of p) reject(err);
    this.start();
    this.onRestart?.(reason);
  }

  /** Terminates the worker as if it had died (the page's "restart worker", and tests). */
  kill(reason = 'killed') {
    this.restart(reason);
  }

  private call<T>(f: (api: Comlink.Remote<WorkerAPI>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      f(this.api).then(
        (v) => {
          this.pending.delete(reject);
          resolve(v);
        },
        (e) => {
          this.pending.delete(reject);
          reject(e);
        },
      );
    });
  }

  run(argv: string[], files: Record<string, Uint8Array>, env: Record<string, string>, onProgress?: (p: Progress) => void) {
    const started = this.runs;
    const p = this.call((api) => api.run(argv, files, env, onProgress ? Comlink.proxy(onProgress) : undefined));
    this.running = started + 1;
    const done = () => {
      if (this.running === started + 1) this.running = 0;
    };
    p.then(done, done);
    this.runs++;
    return p;
  }
  /**
   * Asks the running command to stop. A command that never reaches a point where it reads the
   * request (a loop that never yields to the event loop; real go hangs too on some `go get`
   * upgrades) is stopped by restarting the worker after cancelGraceMs: its call fails with
   * WorkerCrashedError and the page's files, kept outside the worker, are untouched.
   */
  cancel() {
    void this.api.cancel();
    const run = this.running;
    if (run === 0) return;
    setTimeout(() => {
      if (this.running === run) this.restart('the canceled command did not stop');
    }, this.cancelGraceMs);
  }
  setMount(dir: string, files: Record<string, Uint8Array> | null) {
    this.mounts.set(dir, files);
    return this.call((api) => api.setMount(dir, files));
  }
  setLazyMount(dir: string, src: LazySource | null) {
    this.lazyMounts.set(dir, src);
    return this.call((api) => api.setLazyMount(dir, src));
  }
  lazyMountReads(dir: string) {
    return this.call((api) => api.lazyMountReads(dir));
  }
  cacheList() {
    return this.call((api) => api.cacheList());
  }
  cacheVerify() {
    return this.call((api) => api.cacheVerify());
  }
  cacheClean() {
    return this.call((api) => api.cacheClean());
  }
  cacheExportZip() {
    return this.call((api) => api.cacheExportZip());
  }
  graphModel(files: Record<string, Uint8Array>, env: Record<string, string>) {
    return this.call((api) => api.graphModel(files, env));
  }
  moduleDetails(path: string, version: string, lesson?: boolean) {
    return this.call((api) => api.moduleDetails(path, version, lesson));
  }
  preview(kind: 'tidy' | 'get', args: string[], files: Record<string, Uint8Array>, env: Record<string, string>, onProgress?: (p: Progress) => void) {
    return this.call((api) => api.preview(kind, args, files, env, onProgress ? Comlink.proxy(onProgress) : undefined));
  }
  lessonRun(argv: string[], files: Record<string, Uint8Array>, env: Record<string, string>) {
    return this.call((api) => api.lessonRun(argv, files, env));
  }
  lessonReset() {
    return this.call(async (api) => api.lessonReset());
  }
  lessonTamper(path: string, version: string) {
    return this.call((api) => api.lessonTamper(path, version));
  }
  crash(message: string) {
    void this.api.crash(message);
  }
  stall(ms: number) {
    void this.api.stall(ms);
  }
}
