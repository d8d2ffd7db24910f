// The loader's work queue: par.Queue as go's scheduler runs it (cmd/go/internal/par).
import { isFatal } from '../../fatal';

/**
 * par.Queue as go's scheduler runs it: at most n tasks active; tasks added while a slot is free
 * are spawned as goroutines, and a burst of spawns starts newest first (runnext) once the adder
 * yields; a finishing task takes the oldest backlog entry. This reproduces go's order of
 * "go: downloading" lines in the common cases.
 */
export class WorkQueue {
  private running = 0;
  private spawned: Array<() => Promise<void>> = [];
  private readonly backlog: Array<() => Promise<void>> = [];
  private waiters: Array<() => void> = [];
  private failure: unknown = undefined;
  private flushScheduled = false;
  /** A task failed with a base.Fatalf error: go's process is gone, so nothing new starts. */
  private dead = false;
  constructor(private readonly n: number) {}
  add(f: () => Promise<void>): void {
    if (this.dead) return;
    if (this.running + this.spawned.length < this.n) {
      this.spawned.push(f);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        queueMicrotask(() => this.flush());
      }
    } else this.backlog.push(f);
  }
  private flush(): void {
    this.flushScheduled = false;
    if (this.dead) return this.checkIdle();
    const sp = this.spawned.reverse();
    this.spawned = [];
    for (const f of sp) this.run(f);
    this.checkIdle();
  }
  private run(f: () => Promise<void>): void {
    this.running++;
    void f()
      .catch((e) => {
        this.failure ??= e;
        if (isFatal(e)) {
          this.dead = true;
          this.backlog.length = 0;
          this.spawned = [];
        }
      })
      .finally(() => {
        this.running--;
        const next = this.dead ? undefined : this.backlog.shift();
        if (next) this.run(next);
        else this.checkIdle();
      });
  }
  private checkIdle(): void {
    if (this.running === 0 && this.spawned.length === 0 && this.backlog.length === 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r();
    }
  }
  async idle(): Promise<void> {
    if (this.running !== 0 || this.spawned.length !== 0 || this.backlog.length !== 0) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure !== undefined) {
      const f = this.failure;
      this.failure = undefined;
      throw f;
    }
  }
}
