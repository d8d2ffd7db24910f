// The workspace/vendor differential: for a seed, the scenario of workspace.ts is written under a
// fresh temp dir (the universe as a file:// GOPROXY, by proxyDir.ts), real go runs the prep
// commands (go mod tidy, go mod vendor, go work vendor), the perturbations are applied, and
// then each compared command runs with real go and with modscope (in-process, src/cli/main.ts
// runCommand) on identical copies of that tree at the same absolute path, each side with its own
// module cache (moved into place for its run, so paths print the same). stdout, stderr, exit
// status and every file of the tree afterwards are compared byte for byte; the order of runs of
// "go: downloading" lines is not (differential.ts sortProgressRuns).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand } from '../../src/cli/main';
import { removeAll } from '../../src/cli/fetchTestHarness';
import { passedText } from '../../src/core/commands/buildcheck';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../gotool.mjs';
import { fatalChecksumRace, sortProgressRuns } from './differential';
import { goSumText, writeProxyDir } from './proxyDir';
import { generateScenario, type Scenario } from './workspace';

export interface WCommand {
  name: string;
  /** Directory relative to the tree root. */
  dir: string;
  args: string[];
}

/** The commands compared for a scenario, in order (each starts from the prepared tree). */
export function commandsFor(sc: Scenario): WCommand[] {
  const m = sc.mainDir;
  const out: WCommand[] = [
    { name: 'list -m all', dir: m, args: ['list', '-m', 'all'] },
    { name: 'list -m -json all', dir: m, args: ['list', '-m', '-json', 'all'] },
    { name: 'mod graph', dir: m, args: ['mod', 'graph'] },
    { name: 'list -deps ./...', dir: m, args: ['list', '-deps', './...'] },
    { name: 'list all', dir: m, args: ['list', '-e', 'all'] },
    { name: 'mod why -m', dir: m, args: ['mod', 'why', '-m', sc.whyModule] },
    { name: 'build ./...', dir: m, args: ['build', './...'] },
    { name: 'list -mod=vendor ./...', dir: m, args: ['list', '-mod=vendor', './...'] },
    { name: 'mod download', dir: m, args: ['mod', 'download'] },
    { name: 'mod verify', dir: m, args: ['mod', 'verify'] },
  ];
  if (sc.kind === 'vendor') {
    out.push({ name: 'mod vendor', dir: m, args: ['mod', 'vendor'] });
    out.push({ name: 'mod tidy', dir: m, args: ['mod', 'tidy'] });
    out.push({ name: 'work vendor', dir: m, args: ['work', 'vendor'] });
  } else {
    out.push({ name: 'work sync', dir: '', args: ['work', 'sync'] });
    out.push({ name: 'work vendor', dir: '', args: ['work', 'vendor', '-v'] });
    out.push({ name: 'mod vendor', dir: m, args: ['mod', 'vendor'] });
    // at the workspace root, outside every module
    out.push({ name: 'list -m all (root)', dir: '', args: ['list', '-m', 'all'] });
    out.push({ name: 'list ./... (root)', dir: '', args: ['list', '-e', './...'] });
    const d = sc.moduleDirs[0];
    if (d !== undefined) {
      out.push({ name: 'mod tidy (workspace module)', dir: d, args: ['mod', 'tidy'] });
      out.push({ name: 'list -m all (workspace module)', dir: d, args: ['list', '-m', 'all'] });
    }
  }
  return out;
}

export interface Side {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Every file of the tree afterwards. */
  tree: Record<string, string>;
}

export interface WOutcome {
  command: WCommand;
  go: Side;
  modscope: Side;
  same: boolean;
  diff: string[];
}

export interface WSeedOutcome {
  seed: number;
  scenario: Scenario;
  results: WOutcome[];
  ms: number;
}

function walk(dir: string, rel = '', out: Record<string, string> = {}): Record<string, string> {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) walk(p, r, out);
    else out[r] = readFileSync(p, 'latin1');
  }
  return out;
}

function writeTree(dir: string, files: Map<string, string> | Record<string, string>): void {
  removeAll(dir);
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of files instanceof Map ? files : Object.entries(files)) {
    const f = join(dir, name);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, data, 'latin1');
  }
}

/** A build cache kept across runs: go build compiles std packages once, not per test run. */
const GOCACHE = join(tmpdir(), 'modscope-workspace-gocache');

const GO_TIMEOUT_MS = 120_000;

/** Runs one seed; `only` limits the compared commands (by name); `commands` replaces commandsFor. */
export async function runWorkspaceSeed(
  seed: number,
  opts: { only?: string[]; keep?: boolean; commands?: (sc: Scenario) => WCommand[] } = {},
): Promise<WSeedOutcome> {
  const start = Date.now();
  const sc = generateScenario(seed);
  const root = mkdtempSync(join(tmpdir(), `modscope-ws-${seed}-`));
  const results: WOutcome[] = [];
  try {
    const proxy = join(root, 'proxy');
    writeProxyDir(sc.universe, proxy);
    const work = join(root, 'work');
    const cache = join(root, 'modcache');
    const env = (extra: Record<string, string> = {}) =>
      goEnv({
        GOPROXY: 'file://' + proxy,
        GOSUMDB: 'off',
        GOMODCACHE: cache,
        GOPATH: join(root, 'gopath'),
        GOCACHE,
        GOWORK: '',
        HOME: join(root, 'home'),
        ...extra,
        GOFLAGS: ['-modcacherw', extra.GOFLAGS ?? ''].join(' ').trim(),
      }) as Record<string, string>;
    const goRun = (dir: string, args: string[], extra?: Record<string, string>) => {
      const r = spawnSync(GO as string, args, { cwd: join(work, dir), env: env(extra), encoding: 'utf8', timeout: GO_TIMEOUT_MS });
      if (r.error) throw new Error(`real go ${args.join(' ')}: ${r.error.message}`);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
    };

    // The tree before prep, with the main module's go.sum.
    const files = new Map(Object.entries(sc.files));
    const sum = await goSumText(sc.universe);
    if (sum !== '') files.set(sc.mainDir === '' ? 'go.sum' : `${sc.mainDir}/go.sum`, sum);
    writeTree(work, files);
    for (const [dir, args] of sc.prep) {
      if (args[0] === '#move-sum') {
        const from = join(work, sc.mainDir, 'go.sum');
        if (existsSync(from)) renameSync(from, join(work, 'go.work.sum'));
        continue;
      }
      goRun(dir, args, args[0] === 'mod' && args[1] === 'tidy' && sc.kind !== 'vendor' ? { GOWORK: 'off' } : {});
    }
    removeAll(cache);
    const prepared = new Map(Object.entries(walk(work)));
    for (const p of sc.perturb) p.apply(prepared);

    const caches = { go: join(root, 'cache-go'), modscope: join(root, 'cache-ms') };
    for (const c of (opts.commands ?? commandsFor)(sc)) {
      const runSide = async (side: 'go' | 'modscope'): Promise<Side> => {
        writeTree(work, prepared);
        if (existsSync(caches[side])) renameSync(caches[side], cache);
        let r: { stdout: string; stderr: string; exitCode: number };
        try {
          if (side === 'go') r = goRun(c.dir, c.args, sc.env);
          else {
            let stdout = '';
            let stderr = '';
            const exitCode = await runCommand(c.args, { cwd: join(work, c.dir), env: env(sc.env), stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
            r = { stdout, stderr, exitCode };
          }
        } finally {
          if (existsSync(cache)) renameSync(cache, caches[side]);
        }
        return { stdout: r.stdout, stderr: sortProgressRuns(r.stderr), exitCode: r.exitCode, tree: walk(work) };
      };
      if (opts.only && !opts.only.includes(c.name)) continue;
      const go = await runSide('go');
      const ms = await runSide('modscope');
      // go build compiles when the checks pass; modscope says it does not. Compiler errors
      // ("# pkg" then file:line lines: the universe's _linux.go files redeclare Name) come after
      // the module checks passed, so they count as modscope's pass.
      if (c.args[0] === 'build' && ms.exitCode === 0) {
        ms.stderr = ms.stderr.replace(passedText, '');
        if (go.exitCode === 1 && go.stderr.startsWith(ms.stderr) && go.stderr.slice(ms.stderr.length).startsWith('# ')) {
          ms.stderr = go.stderr;
          ms.exitCode = go.exitCode;
        }
      }
      // A panic in go (an internal error: "panic: add is not empty" in updateWorkspaceRoots when
      // queryImport resolves an import in workspace vendor mode) ends it with exit status 2 and a
      // goroutine trace modscope cannot reproduce: modscope reports the panic's message as an error
      // ("go: add is not empty", exit 1) and the texts before it must match.
      const panic = /^panic: (.*)\n\ngoroutine /m.exec(go.stderr);
      if (panic && go.exitCode === 2 && ms.exitCode === 1 && ms.stderr === go.stderr.slice(0, panic.index) + `go: ${panic[1]}\n`) {
        ms.stderr = go.stderr;
        ms.exitCode = go.exitCode;
      }
      const diff: string[] = [];
      if (go.stdout !== ms.stdout) diff.push('stdout');
      const drop = (t: string) => (fatalChecksumRace(go.stderr) ? t.split('\n').filter((l) => !l.startsWith('go: downloading ')).join('\n') : t);
      if (drop(go.stderr) !== drop(ms.stderr)) diff.push('stderr');
      if (go.exitCode !== ms.exitCode) diff.push('exitCode');
      for (const f of new Set([...Object.keys(go.tree), ...Object.keys(ms.tree)])) {
        if (go.tree[f] !== ms.tree[f]) diff.push(`file ${f}`);
      }
      results.push({ command: c, go, modscope: ms, same: diff.length === 0, diff });
      // go's base.Fatalf on a go.sum mismatch can leave a parallel download half done (a .tmp
      // zip): both sides start the next command from empty module caches.
      if (fatalChecksumRace(go.stderr)) for (const side of ['go', 'modscope'] as const) removeAll(caches[side]);
    }
  } finally {
    if (!opts.keep) removeAll(root);
  }
  return { seed, scenario: sc, results, ms: Date.now() - start };
}

/** A short account of one differing command. */
export function describeWDiff(seed: number, o: WOutcome): string {
  const lines = [`seed ${seed}: go ${o.command.args.join(' ')} (in ./${o.command.dir}): differs in ${o.diff.join(', ')}`];
  for (const k of o.diff) {
    const get = (s: Side) => (k.startsWith('file ') ? s.tree[k.slice(5)] : s[k as 'stdout' | 'stderr' | 'exitCode']);
    lines.push(`  go       ${k}: ${JSON.stringify(get(o.go) ?? null)?.slice(0, 600)}`);
    lines.push(`  modscope ${k}: ${JSON.stringify(get(o.modscope) ?? null)?.slice(0, 600)}`);
  }
  return lines.join('\n');
}
