// Runs cmd/go/testdata/script/*.txt scripts as cmd/go's TestScript does (script_test.go:
// TestScript, initScriptDirs, scriptEnv) with `go` dispatched to modscope (in-process) or to
// the real go binary, against the testdata/mod proxy on 127.0.0.1.
import { testSumDBHandler, testSumDBVerifierKey } from './sumdb';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Local as goLocalVersion } from '../../src/core/gover';
import { parseTxtar } from '../../src/core/txtar';
import { applicability } from './applicability';
import { goscriptCmds, type GoMode } from './commands';
import { defaultHost, scriptConds } from './conds';
import { CommandError, defaultCmds, Engine, extractFiles, LineError, removeAll, State, type WaitFunc } from './engine';
import { loadTestdataProxy, startProxy, type ProxyServer, type SumdbHandler } from './proxy';

export const REAL_GO = process.env.MODSCOPE_GO ?? '/usr/lib/go-1.23/bin/go';
export const GOROOT_SRC = process.env.MODSCOPE_GOROOT_SRC ?? '/usr/share/go-1.23/src';
export const scriptDir = () => join(GOROOT_SRC, 'cmd/go/testdata/script');

export type Status = 'pass' | 'fail' | 'na';

export interface ScriptResult {
  name: string;
  status: Status;
  /** N/A: why; FAIL: the failing line's error. */
  reason?: string;
  /** FAIL: the log of the failing section (commands, outputs, diff). */
  log?: string;
  ms: number;
  /** Lines that touch the checksum database (GOSUMDB is off in these runs). */
  sumdbLines: number[];
  /** RunnerOptions.cutNA: the not-applicable line the script was cut before. */
  cutAt?: number;
}

export interface RunnerOptions {
  mode: GoMode;
  /** Run scripts even when not applicable to modscope (meaningful with the real go). */
  all?: boolean;
  /** Evaluate conditions as `go test cmd/go` without -short does ([short] false, no TESTGOVCS). */
  long?: boolean;
  /** Keep each script's $WORK (printed in the result). */
  keepWork?: boolean;
  /** The checksum database and $GOSUMDB (default: the test database of sumdb.ts). */
  sumdb?: { handler: SumdbHandler; gosumdb: string };
  /** $GOTOOLCHAIN at the start of each script (default: auto for modscope, local for the real go). */
  gotoolchain?: string;
  /** Environment settings added after scriptEnv's (twin.ts's variant runs). */
  extraEnv?: [string, string][];
  /** Run a not-applicable script up to (not including) its first not-applicable line. */
  cutNA?: boolean;
  /** Go on past failing lines (State.keepGoing). */
  keepGoing?: boolean;
  /** Called as each go command ends (twin.ts records them), with the line it started at. */
  onGo?: (s: State, line: number, args: string[], r: Awaited<ReturnType<WaitFunc>>) => void;
}

/** Names (without .txt) of the mod_*.txt scripts, sorted; filters are substrings or /regexps/. */
export function listScripts(filters: string[] = [], prefix = 'mod_'): string[] {
  const all = readdirSync(scriptDir())
    .filter((f) => f.startsWith(prefix) && f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
  if (filters.length === 0) return all;
  return all.filter((n) =>
    filters.some((f) => (f.length > 2 && f.startsWith('/') && f.endsWith('/') ? new RegExp(f.slice(1, -1)).test(n) : n === f || n.includes(f))),
  );
}

function realGoEnv(key: string): string {
  return execFileSync(REAL_GO, ['env', key], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), GOENV: 'off', GOTOOLCHAIN: 'local' },
    encoding: 'utf8',
  }).trim();
}

export class ScriptRunner {
  private constructor(
    readonly opts: RunnerOptions,
    readonly server: ProxyServer,
    readonly root: string,
    readonly baseEnv: [string, string][],
    readonly engine: Engine,
  ) {}

  static async start(opts: RunnerOptions): Promise<ScriptRunner> {
    const proxy = loadTestdataProxy(GOROOT_SRC);
    // proxy_test.go: the test checksum database beside the proxy (GOSUMDB=<its verifier key>).
    const sumdb = opts.sumdb ?? { handler: testSumDBHandler(proxy), gosumdb: testSumDBVerifierKey };
    const server = await startProxy(proxy, { sumdb: sumdb.handler });
    const root = mkdtempSync(join(tmpdir(), 'goscript-'));
    const goroot = realGoEnv('GOROOT');
    const real = opts.mode.kind === 'real';
    const goBin = real ? (opts.mode as { bin: string }).bin : REAL_GO;
    const testBin = real ? dirname(goBin) : dirname(REAL_GO);
    const gocache = join(root, 'gocache');
    mkdirSync(gocache);
    // script_test.go scriptEnv, in its order, for linux/amd64 in -short mode.
    const env: [string, string][] = [
      ['PATH', testBin + ':' + (process.env.PATH ?? '/usr/bin:/bin')],
      ['HOME', '/no-home'],
      ['CCACHE_DISABLE', '1'],
      ['GOARCH', 'amd64'],
      ['TESTGO_GOHOSTARCH', 'amd64'],
      ['GOCACHE', gocache],
      ['GOCOVERDIR', process.env.GOCOVERDIR ?? ''],
      ['GODEBUG', process.env.GODEBUG ?? ''],
      ['GOEXE', ''],
      ['GOEXPERIMENT', process.env.GOEXPERIMENT ?? ''],
      ['GOOS', 'linux'],
      ['TESTGO_GOHOSTOS', 'linux'],
      ['GOPROXY', server.url],
      ['GOPRIVATE', ''],
      ['GOROOT', goroot],
      ['GOTRACEBACK', 'system'],
      ['TESTGONETWORK', 'panic'],
      ['TESTGO_GOROOT', goroot],
      ['TESTGO_EXE', goBin],
      // There is no vcs-test server: scripts that need one are not applicable.
      ['TESTGO_VCSTEST_HOST', '127.0.0.1:1'],
      ['TESTGO_VCSTEST_TLS_HOST', '127.0.0.1:1'],
      ['TESTGO_VCSTEST_CERT', ''],
      ['GOSUMDB', sumdb.gosumdb],
      ['GONOPROXY', ''],
      ['GONOSUMDB', ''],
      ['GOVCS', '*:all'],
      ['devnull', '/dev/null'],
      ['goversion', real ? realGoEnv('GOVERSION').replace(/^go/, '') : goLocalVersion],
      ['CMDGO_TEST_RUN_MAIN', 'true'],
      ['HGRCPATH', ''],
      // The harness uses auto; the real go is kept to itself (no toolchain downloads).
      ['GOTOOLCHAIN', opts.gotoolchain ?? (real ? 'local' : 'auto')],
      ['newline', '\n'],
    ];
    if (!opts.long) env.push(['TESTGOVCS', 'panic']); // testing.Short()
    // modscope's module index (core/modindex) in this run's directory, not the user's cache.
    if (!real) env.push(['MODSCOPE_CACHE', join(root, 'modscope-cache')]);
    for (const [k, v] of opts.extraEnv ?? []) env.push([k, v]);
    // No GOFLAGS=-modcacherw for the real go: scripts check the module cache is read-only
    // (mod_list: exists -readonly); rm and the cleanup make it writable first, as Go's rm does.
    for (const k of ['SYSTEMROOT', 'WINDIR', 'LD_LIBRARY_PATH', 'LIBRARY_PATH', 'C_INCLUDE_PATH', 'CC', 'GO_TESTING_GOTOOLS', 'GCCGO', 'GCCGOTOOLDIR']) {
      const v = process.env[k];
      if (v !== undefined) env.push([k, v]);
    }
    const conds = scriptConds({ ...defaultHost(REAL_GO), short: !opts.long });
    const cmds = defaultCmds();
    for (const [k, c] of goscriptCmds(opts.mode)) cmds.set(k, c);
    const onGo = opts.onGo;
    const go = cmds.get('go')!;
    if (onGo) {
      cmds.set('go', {
        usage: go.usage,
        run: async (s, args) => {
          const line = s.line;
          const wait = (await go.run(s, args))!;
          return async (s2) => {
            const r = await wait(s2);
            onGo(s, line, args, r);
            return r;
          };
        },
      });
    }
    return new ScriptRunner(opts, server, root, env, new Engine({ cmds, conds }));
  }

  async close(): Promise<void> {
    await this.server.close();
    if (!this.opts.keepWork) removeAll(this.root);
  }

  /** Runs one script; onState sees its State before the first line runs. */
  async run(name: string, onState?: (s: State) => void): Promise<ScriptResult> {
    const t0 = performance.now();
    const file = join(scriptDir(), name + '.txt');
    const ar = parseTxtar(readFileSync(file));
    let script = new TextDecoder().decode(ar.comment);
    const scriptName = `testdata/script/${name}.txt`;
    const app = await applicability(script, scriptName, this.engine.conds, this.baseEnv);
    const done = (r: Omit<ScriptResult, 'ms' | 'sumdbLines' | 'name'>): ScriptResult => ({
      name,
      ...r,
      ms: Math.round(performance.now() - t0),
      sumdbLines: app.sumdbLines,
    });
    const cutAt = !app.applicable && this.opts.cutNA ? Number(/^line (\d+):/.exec(app.reason ?? '')?.[1] ?? 0) : undefined;
    if (cutAt) script = script.split('\n').slice(0, cutAt - 1).join('\n') + '\n';
    else if (!app.applicable && !this.opts.all) return done({ status: 'na', reason: app.reason });

    // initScriptDirs
    const work = mkdtempSync(join(this.root, name));
    const s = new State(work, this.baseEnv);
    s.keepGoing = this.opts.keepGoing ?? false;
    s.setenv('WORK', work);
    mkdirSync(join(work, 'telemetry'), { recursive: true });
    s.setenv('TEST_TELEMETRY_DIR', join(work, 'telemetry'));
    mkdirSync(join(work, 'tmp'), { recursive: true });
    s.setenv('TMPDIR', join(work, 'tmp'));
    const gopath = join(work, 'gopath');
    s.setenv('GOPATH', gopath);
    mkdirSync(join(gopath, 'src'), { recursive: true });
    s.chdir(join(gopath, 'src'));
    onState?.(s);
    let result: ScriptResult;
    try {
      extractFiles(s, ar.files);
      const r = await this.engine.execute(s, scriptName, script);
      if (r.kind === 'skip') {
        result = done({ status: 'na', reason: `line ${r.line}: skip${r.msg ? ' ' + JSON.stringify(r.msg) : ''} (skipped at run time)` });
      } else {
        result = done({ status: 'pass', log: s.log });
      }
    } catch (e) {
      const msg = e instanceof CommandError || e instanceof LineError ? e.message : `${scriptName}: ${(e as Error)?.stack ?? String(e)}`;
      result = done({ status: 'fail', reason: msg, log: s.log });
    } finally {
      // State.CloseAndWait: cancel background commands and wait for them.
      s.abort.abort();
      for (const bg of s.background) await bg.wait(s).catch(() => undefined);
      s.background = [];
    }
    if (!this.opts.keepWork) await removeWork(work);
    else result.reason = `${result.reason ?? ''}${result.reason ? ' ' : ''}($WORK=${work})`;
    if (!app.applicable) result.reason = `${result.reason ?? ''}${result.reason ? '; ' : ''}not applicable to modscope: ${app.reason}`;
    if (cutAt) result.cutAt = cutAt;
    return result;
  }
}

/**
 * Removes a script's $WORK (script_test.go: removeAll, which makes the read-only module cache
 * writable first). A process the script left running may still write there; after the retries
 * a leftover directory is reported, not fatal to the run.
 */
async function removeWork(work: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      removeAll(work);
      return;
    } catch (e) {
      if (i === 3) {
        console.error(`warning: ${(e as Error).message}`);
        return;
      }
      await new Promise((ok) => setTimeout(ok, 500));
    }
  }
}

/** Runs names with up to `parallel` at a time, reporting each result as it completes (in order). */
export async function runAll(
  runner: ScriptRunner,
  names: string[],
  parallel: number,
  onResult?: (r: ScriptResult) => void,
): Promise<ScriptResult[]> {
  const results: ScriptResult[] = new Array(names.length);
  const ready: boolean[] = new Array(names.length).fill(false);
  let next = 0;
  let reported = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      results[i] = await runner.run(names[i]!);
      ready[i] = true;
      while (reported < names.length && ready[reported]) onResult?.(results[reported++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return results;
}
