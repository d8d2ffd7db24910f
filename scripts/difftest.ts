// Differential-test harness for the module graph commands (used by modload *.test.ts): a
// file:// GOPROXY directory written from txtar module archives (cmd/go/testdata/mod format, via
// TxtarProxy), a main module directory, and a runner that executes the same command line with
// real go and with modscope on identical fresh copies of the directory and module cache, so the
// outputs (stdout, stderr, exit status, go.mod, go.sum) can be compared byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, chmodSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TxtarProxy } from '../src/core/proxyTxtar';
import { escapePath } from '../src/core/module';
import { runCommand } from '../src/cli/main';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC } from './gotool.mjs';

export const testdataMod = join(GOROOT_SRC as string, 'cmd/go/testdata/mod');

/** Writes the proxy protocol files (list, @latest, .info, .mod) of every archive into dir. */
export function writeFileProxy(dir: string, archives: Iterable<readonly [string, string | Uint8Array]>): void {
  const proxy = new TxtarProxy(archives);
  const paths = new Set<string>();
  for (const m of proxy.modList) paths.add(m.path);
  const put = (rel: string) => {
    const r = proxy.handle(rel);
    if (r.statusCode !== 200) return;
    const f = join(dir, rel);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, r.body);
  };
  for (const p of paths) {
    const ep = escapePath(p);
    put(`${ep}/@v/list`);
    put(`${ep}/@latest`);
  }
  for (const m of proxy.modList) {
    let ev: string;
    try {
      ev = `${escapePath(m.path)}/@v/${m.version.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase())}`;
    } catch {
      continue;
    }
    put(`${ev}.info`);
    put(`${ev}.mod`);
    put(`${ev}.zip`);
  }
}

/** The archives of cmd/go/testdata/mod. */
export function goTestdataArchives(): Array<[string, Uint8Array]> {
  return readdirSync(testdataMod)
    .filter((n) => n.endsWith('.txt'))
    .map((n) => [n, new Uint8Array(readFileSync(join(testdataMod, n)))] as [string, Uint8Array]);
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  files: Record<string, string | null>;
}

export interface Case {
  /** Files of the work tree, relative to the work dir (e.g. "go.mod", "sub/go.mod"). */
  files: Record<string, string>;
  /** go command line (without "go"). */
  args: string[];
  /** Directory inside the work tree to run in ("" = its root). */
  dir?: string;
  env?: Record<string, string>;
}

/** One proxy + scratch area for a test file. */
export class DiffEnv {
  readonly root: string;
  readonly proxyDir: string;

  constructor(archives: Iterable<readonly [string, string | Uint8Array]>) {
    this.root = mkdtempSync(join(tmpdir(), 'modscope-modload-'));
    this.proxyDir = join(this.root, 'proxy');
    mkdirSync(this.proxyDir, { recursive: true });
    writeFileProxy(this.proxyDir, archives);
  }

  close(): void {
    makeWritable(this.root);
    rmSync(this.root, { recursive: true, force: true });
  }

  private env(extra: Record<string, string> = {}): Record<string, string> {
    const home = join(this.root, 'home');
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      GOTOOLCHAIN: 'local',
      GOPROXY: 'file://' + this.proxyDir,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GONOPROXY: '',
      GONOSUMDB: '',
      GOPRIVATE: '',
      GOWORK: 'off',
      GOCACHE: join(this.root, 'gocache'),
      GOMODCACHE: join(this.root, 'modcache'),
      GOPATH: join(this.root, 'gopath'),
      GOENV: 'off',
      CGO_ENABLED: '0',
      GO111MODULE: '',
      ...extra,
    };
  }

  private reset(c: Case): string {
    const work = join(this.root, 'work');
    for (const d of [work, join(this.root, 'modcache')]) {
      if (existsSync(d)) {
        makeWritable(d);
        rmSync(d, { recursive: true, force: true });
      }
    }
    for (const [name, text] of Object.entries(c.files)) {
      const f = join(work, name);
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, text);
    }
    mkdirSync(work, { recursive: true });
    return work;
  }

  private snapshot(work: string, c: Case): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const name of new Set([...Object.keys(c.files), 'go.mod', 'go.sum'])) {
      const f = join(work, name);
      out[name] = existsSync(f) ? readFileSync(f, 'utf8') : null;
    }
    return out;
  }

  runGo(c: Case): RunResult {
    const work = this.reset(c);
    // Real go can run away on a generated universe (go get …@none of one seed ran for over 15
    // minutes): such a case fails loudly instead of hanging the run.
    const r = spawnSync(GO as string, c.args, { cwd: join(work, c.dir ?? ''), env: this.env(c.env), encoding: 'utf8', timeout: GO_TIMEOUT_MS });
    if (r.error) throw new Error(`real go ${c.args.join(' ')}: ${r.error.message}${(r.error as { code?: string }).code === 'ETIMEDOUT' ? ` (killed after ${GO_TIMEOUT_MS / 1000} s)` : ''}`);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1, files: this.snapshot(work, c) };
  }

  async runOurs(c: Case): Promise<RunResult> {
    const work = this.reset(c);
    let stdout = '';
    let stderr = '';
    const exitCode = await runCommand(c.args, {
      cwd: join(work, c.dir ?? ''),
      env: this.env(c.env),
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
    });
    return { stdout, stderr, exitCode, files: this.snapshot(work, c) };
  }
}

const GO_TIMEOUT_MS = 120_000;

function makeWritable(d: string): void {
  if (!existsSync(d)) return;
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      try {
        chmodSync(p, 0o755);
      } catch {
        // ignore
      }
      for (const e of readdirSync(p)) walk(join(p, e));
    }
  };
  walk(d);
}
