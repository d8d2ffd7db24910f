// Test-side client of the Go oracle: one long-lived process, requests answered in order.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
// @ts-expect-error plain ESM helper without types
import { buildOracle } from './build.mjs';

export type OracleReply<T> = { ok: T; err?: undefined } | { ok?: undefined; err: string };

export class GoOracle {
  private proc: ChildProcessWithoutNullStreams;
  private waiting: Array<(line: string) => void> = [];

  constructor() {
    const bin: string = buildOracle();
    this.proc = spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    const rl = createInterface({ input: this.proc.stdout });
    rl.on('line', (line) => this.waiting.shift()?.(line));
    this.proc.stderr.on('data', (d) => process.stderr.write(d));
  }

  /** Calls op; resolves to {ok} or {err} (Go's error text). A panic in Go rejects. */
  call<T = unknown>(op: string, ...args: unknown[]): Promise<OracleReply<T>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        const r = JSON.parse(line) as { ok?: T; err?: string; panic?: string };
        if (r.panic !== undefined) reject(new Error(`oracle ${op}: ${r.panic}`));
        else if (r.err !== undefined) resolve({ err: r.err });
        else resolve({ ok: r.ok as T });
      });
      this.proc.stdin.write(JSON.stringify({ op, args }) + '\n');
    });
  }

  /** Like call, but rejects on a Go error. */
  async value<T = unknown>(op: string, ...args: unknown[]): Promise<T> {
    const r = await this.call<T>(op, ...args);
    if (r.err !== undefined) throw new Error(`oracle ${op}: ${r.err}`);
    return r.ok as T;
  }

  close(): void {
    this.proc.stdin.end();
  }
}
