// Lockstep ("twin") differential of cmd/go's scripts: each script runs once with the real go and
// once with modscope, each in its own sandbox (ScriptRunner), and every `go ...` command's
// stdout, stderr, exit status and the files of the script's $WORK after it (module cache
// included) are compared command by command. The scripts' own assertions check only what they
// grep for; this checks go's bar: byte-identical behaviour.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { State, WaitFunc } from './engine';
import { listScripts, REAL_GO, ScriptRunner, scriptDir, type ScriptResult } from './runner';

type GoResult = Awaited<ReturnType<WaitFunc>>;

/** One go command of a script run, normalized. */
export interface GoRecord {
  line: number;
  args: string[];
  stdout: string;
  stderr: string;
  exit: string;
  /** $TESTGO_VERSION: the version the cmd/go test binary pretends to be. */
  testgoVersion: string;
  /** modscope stopped where go compiles (its module checks passed). */
  notCompiled: boolean;
  /** Path relative to $WORK → "mode digest" (or "dir mode", "-> target"). */
  files: Map<string, string>;
}

export interface ScriptLog {
  name: string;
  result: ScriptResult;
  records: GoRecord[];
  /** Digest → normalized content of the files seen (for diffs). */
  blobs: Map<string, Buffer>;
}

export interface TwinDiff {
  script: string;
  line: number;
  command: string;
  /** stdout, stderr, exit, file PATH, status, sequence */
  what: string;
  diff: string;
}

/** The sandbox-specific strings of one run, replaced by placeholders before comparing. */
interface Sandbox {
  work: string;
  root: string;
  proxy: string;
}

export function normalizeText(text: string, sb: Sandbox): string {
  const host = sb.proxy.replace(/^http:\/\//, '').replace(/\/.*$/, '');
  return text.replaceAll(sb.work, '$WORK').replaceAll(sb.root, '$ROOT').replaceAll(sb.proxy, '$GOPROXY').replaceAll(host, '$PROXYHOST');
}

/**
 * Lines go prints from concurrent work, compared as a set within a contiguous run of their kind:
 * "go: downloading M V" and the "-> unzip ..." errors of those downloads (modload fetches in
 * parallel), with -x the "# get URL" lines of those requests (modload/query.go queryPrefixModules
 * also queries every candidate module path at once; modfetch/proxy.go prints as each starts and
 * ends), and "go: finding module for package P" (modload/load.go resolveMissingImports queries
 * the missing imports on a par.Queue).
 */
const concurrentKinds: RegExp[] = [/^(go: downloading |\s*-> |# get )/, /^go: finding module for package /];

export function sortConcurrentRuns(text: string): string {
  const lines = text.split('\n');
  const kind = (l: string) => concurrentKinds.findIndex((re) => re.test(l));
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const k = kind(lines[i]!);
    if (k < 0) {
      out.push(lines[i++]!);
      continue;
    }
    const run: string[] = [];
    while (i < lines.length && kind(lines[i]!) === k) run.push(lines[i++]!);
    out.push(...run.sort());
  }
  return out.join('\n');
}

/**
 * modfetch/fetch.go addModSumLocked's warning about go.sum lines of an unknown hash algorithm
 * (with hashVersionMismatch's paragraphs): printed as each go.mod is checked, and the module graph
 * reads go.mod files in parallel (modload/buildlist.go readModGraph's par.Queue). A contiguous run
 * of them compares as a set.
 */
const unknownHashWarning = /warning: verifying [^\n]*: unknown hashes in go\.sum: [^\n]*\n\nSECURITY WARNING\n[^\n]*\n[^\n]*\n\nFor more information, see 'go help module-auth'\.\n\n/g;

export function sortWarningRuns(text: string): string {
  let out = '';
  let last = 0;
  let run: string[] = [];
  const flush = () => {
    out += run.sort().join('');
    run = [];
  };
  for (const m of text.matchAll(unknownHashWarning)) {
    if (m.index !== last) {
      flush();
      out += text.slice(last, m.index);
    }
    run.push(m[0]);
    last = m.index + m[0].length;
  }
  flush();
  return out + text.slice(last);
}

/** Normalizes what must differ between two runs of one go command. */
export function normalizeOutput(text: string, args: string[], stream: 'stdout' | 'stderr'): string {
  let t = sortConcurrentRuns(stream === 'stderr' ? sortWarningRuns(text) : text);
  // -x: "# get URL: 200 OK (0.001s)" times the request (modfetch/proxy.go via web.Get).
  t = t.replace(/^(# get [^\n]*) \(\d+\.\d+s\)$/gm, '$1 (TIME)');
  // modcmd/vendor.go checkPathCollisions names the pair in map iteration order (random).
  t = t.replace(/^(go\.mod: case-insensitive import collision: )("[^"\n]*") and ("[^"\n]*")$/gm, (_, p: string, a: string, b: string) =>
    a < b ? `${p}${a} and ${b}` : `${p}${b} and ${a}`,
  );
  if (stream === 'stdout' && args[0] === 'list') {
    // Staleness needs the build cache (load.PackagesAndErrors + work's build IDs); modscope has none.
    t = t.replace(/^\t"Stale(Reason)?": [^\n]*\n/gm, '');
  }
  if (stream === 'stdout' && args[0] === 'env') {
    // GOGCCFLAGS names the temporary build directory go makes for the run; modscope omits it
    // (envcmd.ts costlyVars).
    t = t.replace(/^(GOGCCFLAGS=|\t"GOGCCFLAGS": )[^\n]*\n/gm, '');
  }
  return t;
}

const skipTop = new Set(['tmp', 'telemetry']);

/** The files below $WORK (module caches included) as path → digest; contents go to blobs. */
export function snapshot(s: State, sb: Sandbox, blobs: Map<string, Buffer>): Map<string, string> {
  const files = new Map<string, string>();
  const gocache = s.getenv('GOCACHE');
  const walk = (dir: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      const r = rel === '' ? n : rel + '/' + n;
      if (rel === '' && skipTop.has(n)) continue;
      if (p === gocache) continue; // the build cache: go compiles, modscope does not
      // The module cache's lock files and VCS checkouts are go's own bookkeeping; *.tmp are
      // downloads in flight (modfetch/fetch.go downloadZip), left behind when go exits on another
      // goroutine's error and removed by the next download.
      if (n.endsWith('.lock') || r.endsWith('/cache/vcs') || (r.includes('/cache/download/') && n.endsWith('.tmp'))) continue;
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      const mode = (st.mode & 0o777).toString(8);
      if (st.isSymbolicLink()) files.set(r, '-> ' + normalizeText(readlinkSync(p), sb));
      else if (st.isDirectory()) {
        files.set(r + '/', 'dir ' + mode);
        walk(p, r);
      } else if (st.isFile()) {
        let data: Buffer;
        try {
          data = readFileSync(p);
        } catch {
          continue;
        }
        // Executables go build/install/test write: modscope does not compile.
        if (data.subarray(0, 4).toString('latin1') === '\x7fELF') continue;
        if (!data.includes(0)) data = Buffer.from(normalizeText(data.toString('utf8'), sb));
        const h = createHash('sha256').update(data).digest('hex').slice(0, 16);
        blobs.set(h, data);
        files.set(r, `${mode} ${h}`);
      }
    }
  };
  walk(s.workdir, '');
  return files;
}

/** Runs one script and records its go commands. */
export async function recordScript(runner: ScriptRunner, name: string, recorder: Recorder): Promise<ScriptLog> {
  const log: ScriptLog = { name, result: undefined!, records: [], blobs: new Map() };
  log.result = await runner.run(name, (s) => recorder.states.set(s, log));
  return log;
}

export class Recorder {
  readonly states = new WeakMap<State, ScriptLog>();
  proxy = '';
  root = '';

  onGo = (s: State, line: number, args: string[], r: GoResult): void => {
    const log = this.states.get(s);
    if (!log) return;
    const sb: Sandbox = { work: s.workdir, root: this.root, proxy: this.proxy };
    const exitMatch = /^exit status (\d+)$/.exec(r.err?.message ?? '');
    log.records.push({
      line,
      args: args.map((a) => normalizeText(a, sb)),
      stdout: normalizeOutput(normalizeText(r.stdout, sb), args, 'stdout'),
      stderr: normalizeOutput(normalizeText(r.stderr, sb), args, 'stderr'),
      testgoVersion: s.getenv('TESTGO_VERSION'),
      exit: r.err ? (exitMatch ? exitMatch[1]! : normalizeText(r.err.message, sb)) : '0',
      notCompiled: r.notCompiled ?? false,
      files: snapshot(s, sb, log.blobs),
    });
  };
}

function textDiff(a: string, b: string, label: string): string {
  return createTwoFilesPatch(`go ${label}`, `modscope ${label}`, a, b, '', '', { context: 3 })
    .split('\n')
    .slice(2)
    .join('\n')
    .trimEnd();
}

function blobText(log: ScriptLog, digest: string | undefined): string {
  if (digest === undefined) return '';
  const h = digest.split(' ')[1];
  const b = h ? log.blobs.get(h) : undefined;
  if (!b) return digest + '\n';
  return b.includes(0) ? `<binary ${b.length} bytes, ${digest}>\n` : b.toString('utf8');
}

/** go's own lines (before any compiling) of a stderr: those starting with "go: ". */
const goLines = (t: string) =>
  t
    .split('\n')
    .filter((l) => l.startsWith('go: '))
    .join('\n');

/**
 * A command the real go cannot stand in for: with $TESTGO_VERSION set, the cmd/go test binary
 * pretends to be that version (and switches toolchains by re-running itself); the release
 * binary ignores it. The script's later state can depend on it, so comparing stops there.
 */
const beyondReference = (r: GoRecord, goVersion: string) => r.testgoVersion !== '' && r.testgoVersion !== goVersion;

const failLine = (r: ScriptResult) => Number(/\.txt:(\d+):/.exec(r.reason ?? '')?.[1] ?? 0);

export interface Comparison {
  diffs: TwinDiff[];
  /** Commands compared (before any beyond the reference). */
  compared: number;
  /** The line where comparing stopped (a command beyond the reference), if any. */
  stoppedAt?: number;
  /** Why: $TESTGO_VERSION, or a line after an uncompiled command. */
  stopWhy?: string;
}

/** Compares the two logs of one script command by command. */
export function compareLogs(g: ScriptLog, m: ScriptLog, goVersion: string): Comparison {
  const diffs: TwinDiff[] = [];
  const name = g.name;
  let prevDiffering = new Map<string, string>();
  const n = Math.min(g.records.length, m.records.length);
  let i = 0;
  let stoppedAt: number | undefined;
  for (; i < n; i++) {
    const a = g.records[i]!;
    const b = m.records[i]!;
    const command = 'go ' + b.args.join(' ');
    const add = (what: string, diff: string) => diffs.push({ script: name, line: b.line, command, what, diff });
    if (a.line !== b.line || a.args.join('\0') !== b.args.join('\0')) {
      add('sequence', `go ran line ${a.line}: go ${a.args.join(' ')}\nmodscope ran line ${b.line}: ${command}`);
      return { diffs, compared: i };
    }
    if (beyondReference(a, goVersion) || beyondReference(b, goVersion)) {
      stoppedAt = b.line;
      break;
    }
    if (b.notCompiled) {
      // go goes on to compile (and run or test): its stdout, exit status and compiler errors are
      // beyond modscope; only go's own "go: " lines printed before compiling compare.
      if (goLines(a.stderr) !== goLines(b.stderr)) add('stderr', textDiff(goLines(a.stderr), goLines(b.stderr), 'stderr (go: lines)'));
    } else {
      if (a.exit !== b.exit) add('exit', `go: ${a.exit}\nmodscope: ${b.exit}`);
      if (a.stdout !== b.stdout) add('stdout', textDiff(a.stdout, b.stdout, 'stdout'));
      if (a.stderr !== b.stderr) add('stderr', textDiff(a.stderr, b.stderr, 'stderr'));
    }
    // Files: report a difference once, when it appears or changes.
    const differing = new Map<string, string>();
    for (const p of new Set([...a.files.keys(), ...b.files.keys()])) {
      const fa = a.files.get(p);
      const fb = b.files.get(p);
      if (fa === fb) continue;
      const key = `${fa}|${fb}`;
      differing.set(p, key);
      if (prevDiffering.get(p) === key) continue;
      const [ma, mb] = [fa?.split(' ')[0], fb?.split(' ')[0]];
      const [ha, hb] = [fa?.split(' ')[1], fb?.split(' ')[1]];
      let d: string;
      if (fa === undefined || fb === undefined) d = fa === undefined ? `only modscope wrote it (${fb})` : `only go wrote it (${fa})`;
      else if (ha === hb) d = `mode: go ${ma}, modscope ${mb}`;
      else d = (ma !== mb ? `mode: go ${ma}, modscope ${mb}\n` : '') + textDiff(blobText(g, fa), blobText(m, fb), p);
      add(`file ${p}`, d);
    }
    prevDiffering = differing;
  }
  // modscope failing a line at or after a command it did not compile (an expected compiler error,
  // a built binary checked with exists) while go went on: the rest is beyond modscope.
  const lastGo = m.records.filter((r) => r.line <= failLine(m.result)).at(-1);
  if (m.result.status === 'fail' && g.result.status !== 'fail' && lastGo?.notCompiled && stoppedAt === undefined) {
    return { diffs, compared: i, stoppedAt: failLine(m.result), stopWhy: 'it checks what go compiled' };
  }
  const stopped = stoppedAt !== undefined;
  if (!stopped && g.records.length !== m.records.length) {
    const longer = g.records.length > m.records.length ? 'go' : 'modscope';
    const r = (longer === 'go' ? g : m).records[n]!;
    diffs.push({ script: name, line: r.line, command: 'go ' + r.args.join(' '), what: 'sequence', diff: `only ${longer} ran ${Math.abs(g.records.length - m.records.length)} more go command(s) from here` });
  }
  const failedBeyond = (r: ScriptResult) => r.status === 'fail' && stopped && failLine(r) >= stoppedAt!;
  if (g.result.status !== m.result.status && !failedBeyond(g.result) && !failedBeyond(m.result)) {
    diffs.unshift({ script: name, line: 0, command: '', what: 'status', diff: `go: ${g.result.status} ${g.result.reason ?? ''}\nmodscope: ${m.result.status} ${m.result.reason ?? ''}` });
  }
  return { diffs, compared: i, stoppedAt, stopWhy: stopped ? '$TESTGO_VERSION' : undefined };
}

export interface TwinResult extends Comparison {
  name: string;
  /** Compared commands without a difference. */
  identical: number;
  /** TwinMode.na: the not-applicable line the script was cut before. */
  cutAt?: number;
}

/**
 * Variant runs: each script again with settings that keep the real go deterministic and offline
 * but send modscope down other paths. The scripts' own assertions may then fail: both sides go on
 * past failing lines (State.keepGoing), and only go and modscope are compared.
 */
export const twinVariants: Record<string, [string, string][]> = {
  'mod=mod': [['GOFLAGS', '-mod=mod']],
  'gowork=off': [['GOWORK', 'off']],
  modcacherw: [['GOFLAGS', '-modcacherw']],
  // Every download refused: the error paths of module lookups (until a script sets GOPROXY).
  'goproxy=off': [['GOPROXY', 'off']],
};

/**
 * A variant's scripts that would leave the sandbox: with GOPROXY=off, a script's "$GOPROXY/..."
 * becomes "off/...", a host name go and modscope look up in the DNS (network, and the resolver's
 * wording differs).
 */
const variantSkips: Record<string, RegExp> = { 'goproxy=off': /\$\{?GOPROXY\b/ };

export interface TwinMode {
  /** A key of twinVariants. */
  variant?: string;
  /** Not-applicable scripts, up to (not including) their first not-applicable line. */
  na?: boolean;
}

export const modeName = (m: TwinMode) => [m.na ? 'na' : '', m.variant ?? ''].filter(Boolean).join('+') || 'base';

/** Starts the two runners (real go, modscope) with recorders. */
export async function startTwin(long = true, mode: TwinMode = {}): Promise<{ run: (name: string) => Promise<TwinResult>; close: () => Promise<void> }> {
  const rg = new Recorder();
  const rm = new Recorder();
  const extraEnv = mode.variant === undefined ? undefined : twinVariants[mode.variant];
  if (mode.variant !== undefined && !extraEnv) throw new Error(`unknown twin variant ${mode.variant}`);
  const common = { long, gotoolchain: 'local', extraEnv, cutNA: mode.na, keepGoing: mode.variant !== undefined };
  // Both with the real go's GOTOOLCHAIN=local (the runner's default for it): the release binary
  // cannot switch to testdata/mod's toolchains, which hold no go binary.
  const real = await ScriptRunner.start({ mode: { kind: 'real', bin: REAL_GO }, onGo: rg.onGo, ...common });
  const mine = await ScriptRunner.start({ mode: { kind: 'modscope' }, onGo: rm.onGo, ...common });
  for (const [rec, r] of [[rg, real], [rm, mine]] as const) {
    rec.proxy = r.server.url;
    rec.root = r.root;
  }
  const goVersion = 'go' + (real.baseEnv.find(([k]) => k === 'goversion')?.[1] ?? '');
  return {
    async run(name) {
      const [g, m] = await Promise.all([recordScript(real, name, rg), recordScript(mine, name, rm)]);
      const c = compareLogs(g, m, goVersion);
      const bad = new Set(c.diffs.map((d) => d.line));
      const identical = m.records.slice(0, c.compared).filter((r) => !bad.has(r.line)).length;
      return { name, ...c, identical, cutAt: g.result.cutAt ?? m.result.cutAt };
    },
    async close() {
      await Promise.all([real.close(), mine.close()]);
    },
  };
}

export function formatDiff(d: TwinDiff): string {
  return `--- ${d.script}.txt:${d.line}: ${d.command} [${d.what}]\n${d.diff.replace(/^/gm, '    ')}`;
}

export const twinFile = () => join(process.cwd(), 'scripts', 'goscript', 'twin.json');
/** Identical scripts per wider mode (modeName → names): not-applicable scripts cut short, variants. */
export const twinWideFile = () => join(process.cwd(), 'scripts', 'goscript', 'twin-wide.json');
export const passingFile = () => join(process.cwd(), 'scripts', 'goscript', 'passing.json');

/** The modes --write-twin records into twin-wide.json. */
export const wideModes: TwinMode[] = [{ na: true }, ...Object.keys(twinVariants).map((variant) => ({ variant }))];

/**
 * `run.mjs --twin [--na] [--variant=V] [names...]`: the twin comparison over passing.json (or the
 * named scripts among them); --na: over the not-applicable scripts, cut before their first
 * not-applicable line; --variant=V: under twinVariants[V]. --write-twin (all of passing.json)
 * records the identical scripts in twin.json, and with --wide those of each wideModes mode in
 * twin-wide.json.
 */
export async function twinMain(argv: string[]): Promise<number> {
  const write = argv.includes('--write-twin');
  const filters = argv.filter((a) => !a.startsWith('-'));
  const variant = argv.find((a) => a.startsWith('--variant='))?.slice('--variant='.length);
  const na = argv.includes('--na');
  if (write && filters.length > 0) {
    console.error('--write-twin records a run over all of passing.json');
    return 2;
  }
  if (write && argv.includes('--wide')) {
    const wide: Record<string, string[]> = {};
    let rc = 0;
    for (const mode of wideModes) {
      const r = await twinRun(mode, []);
      wide[modeName(mode)] = r.same;
      rc ||= r.rc;
    }
    writeFileSync(twinWideFile(), JSON.stringify(wide, null, 2) + '\n');
    console.log(`wrote ${Object.entries(wide).map(([k, v]) => `${k}: ${v.length}`).join(', ')} to ${twinWideFile()}`);
    return rc;
  }
  const { same, rc } = await twinRun({ na, variant }, filters);
  if (write) {
    writeFileSync(twinFile(), JSON.stringify(same, null, 2) + '\n');
    console.log(`wrote ${same.length} scripts to ${twinFile()}`);
  }
  return rc;
}

/** The scripts of a mode: passing.json, or (na) the other mod_/work_ scripts. */
export function twinNames(mode: TwinMode, filters: string[]): string[] {
  const passing: string[] = JSON.parse(readFileSync(passingFile(), 'utf8'));
  const pass = new Set(passing);
  const all = mode.na ? [...listScripts([], 'mod_'), ...listScripts([], 'work_')].filter((n) => !pass.has(n)) : passing;
  const skip = mode.variant === undefined ? undefined : variantSkips[mode.variant];
  const own = skip ? all.filter((n) => !skip.test(readFileSync(join(scriptDir(), n + '.txt'), 'utf8'))) : all;
  return filters.length === 0 ? own : own.filter((n) => filters.some((f) => n === f || n.includes(f)));
}

async function twinRun(mode: TwinMode, filters: string[]): Promise<{ same: string[]; rc: number }> {
  const names = twinNames(mode, filters);
  const twin = await startTwin(true, mode);
  const t0 = performance.now();
  const results: TwinResult[] = [];
  console.log(`== twin mode ${modeName(mode)}: ${names.length} scripts`);
  try {
    for (const name of names) {
      const r = await twin.run(name);
      // --na: scripts that are applicable (failing ones) are not this mode's.
      if (mode.na && r.cutAt === undefined) continue;
      results.push(r);
      const cut = r.cutAt !== undefined ? `; cut before line ${r.cutAt}` : '';
      const stop = r.stoppedAt !== undefined ? `; not compared from line ${r.stoppedAt}: ${r.stopWhy}` : '';
      console.log(`${r.diffs.length === 0 ? 'SAME' : 'DIFF'} ${name} (${r.identical}/${r.compared} commands identical${cut}${stop})`);
      for (const d of r.diffs) console.log(formatDiff(d));
    }
  } finally {
    await twin.close();
  }
  // A script compared on no command (its first go command is beyond the reference) proves nothing.
  const same = results.filter((r) => r.diffs.length === 0 && r.compared > 0);
  const cmds = results.reduce((a, r) => a + r.compared, 0);
  const idc = results.reduce((a, r) => a + r.identical, 0);
  const none = results.filter((r) => r.compared === 0).length;
  console.log(
    `\ntwin ${modeName(mode)}: ${same.length}/${results.length} scripts identical (${none} compared on no command), ${idc}/${cmds} go commands identical, ${results.reduce((a, r) => a + r.diffs.length, 0)} differences (${((performance.now() - t0) / 1000).toFixed(1)}s)`,
  );
  return { same: same.map((r) => r.name).sort(), rc: results.every((r) => r.diffs.length === 0) ? 0 : 1 };
}
