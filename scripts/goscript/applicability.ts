// Which cmd/go scripts modscope is measured on. A script is "not applicable" only when the
// lines it would actually run (conditions evaluated as the runner evaluates them) need what
// modscope deliberately lacks: compiling or running Go code, version control, the external
// network, cgo — or when the script skips itself on this host (e.g. `[short] skip`).
// Everything else is applicable, including go commands modscope does not implement yet:
// those scripts fail, which is the point.
import { parseLine, State, type Cond, type Command, Engine } from './engine';

export interface Applicability {
  applicable: boolean;
  /** Why not (with the line number), when not applicable. */
  reason?: string;
  /** Lines touching the checksum database (runs use GOSUMDB=off until a test sumdb exists). */
  sumdbLines: number[];
}

/** go subcommands that compile, link or run Go code (or need a toolchain beyond module logic). */
const buildCommands = new Set(['install', 'run', 'test', 'vet', 'tool', 'generate', 'fmt', 'doc', 'bug', 'fix', 'telemetry']);

/** go build flags that only select how modules/packages are loaded. */
const buildLoadFlags = /^--?(mod|modfile|tags|modcacherw|trimpath|v|overlay|C|pgo|buildvcs|workfile)(=|$)/;
const flagsWithValue = new Set(['mod', 'modfile', 'tags', 'overlay', 'C', 'pgo', 'buildvcs', 'o', 'p', 'gcflags', 'ldflags', 'asmflags', 'gccgoflags', 'buildmode', 'compiler', 'installsuffix', 'pkgdir', 'toolexec', 'exec', 'coverpkg', 'covermode', 'workfile', 'reuse', 'json']);

/** go list outputs that need compiled packages or the build cache. */
const listBuildFlag = /^--?(export|compiled)(=|$)/;
const listBuildField = /\.(Stale|StaleReason|Export|BuildID|CompiledGoFiles)\b/;

const vcsTools = new Set(['git', 'hg', 'svn', 'bzr', 'fossil']);

/**
 * Diagnostics of the compiler's type checker (cmd/compile/internal/types2 wordings), which go
 * reports only after package loading succeeded: language-version gates ("type alias requires
 * go1.9 or later", "... requires go1.17 or later"), duplicate or undefined identifiers, unused
 * names, mismatched types. Loading errors never read like these.
 */
const compilerDiagnostic = /requires go1\.|type alias requires|duplicate method|undefined: |declared and not used|imported and not used|declared but not used|cannot use .* as |mismatched types|redeclared in this block/;

/** go subcommands whose failure may come from the compiler. */
const compilingCommands = new Set(['build', 'run', 'test', 'vet', 'install']);

function goArgsFlags(args: string[]): { flags: string[]; rest: string[] } {
  const flags: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    flags.push(a);
    const name = a.replace(/^--?/, '');
    if (!name.includes('=') && flagsWithValue.has(name) && i + 1 < args.length) flags.push(args[++i]!);
  }
  return { flags, rest: args.slice(i) };
}

/** Why a go command line needs something modscope lacks, or undefined. */
export function goNeeds(args: string[]): string | undefined {
  let a = args;
  // go -C dir <cmd>
  while (a.length >= 2 && (a[0] === '-C' || a[0] === '--C')) a = a.slice(2);
  if (a.length > 0 && /^--?C=/.test(a[0]!)) a = a.slice(1);
  const sub = a[0];
  if (sub === undefined) return undefined;
  if (buildCommands.has(sub)) return `go ${sub} (builds or runs Go code)`;
  const rest = a.slice(1);
  const argText = rest.join(' ');
  if (/vcs-test\.golang\.org/.test(argText)) return `go ${sub} of a vcs-test.golang.org repository (version control)`;
  switch (sub) {
    case 'build': {
      const { flags } = goArgsFlags(rest);
      for (const f of flags) {
        if (f.startsWith('-') && !buildLoadFlags.test(f)) return `go build ${f} (compiles)`;
      }
      return undefined;
    }
    case 'list': {
      for (const f of rest) {
        if (listBuildFlag.test(f)) return `go list ${f} (compiled packages)`;
        if (listBuildField.test(f)) return `go list ${f} (build cache staleness)`;
      }
      return undefined;
    }
    case 'version': {
      if (rest.length > 0) return 'go version of binaries (built executables)';
      return undefined;
    }
    case 'clean': {
      // go clean -modcache is module cache work; other go clean modes are about build output.
      if (!rest.includes('-modcache')) return 'go clean (build cache and binaries)';
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Why a go command line run in GOPATH mode needs what modscope lacks, or undefined. modscope
 * simulates module mode only: GOPATH mode (GO111MODULE=off; also GO111MODULE=auto outside a
 * module, which only a run can tell) loads packages from $GOPATH/src, which it does not. Commands
 * that refuse to run in GOPATH mode before loading anything (go mod, go get, go list -m,
 * go list -retracted: list.go runList) and go env/help/version are still simulated.
 */
export function gopathModeNeeds(args: string[]): string | undefined {
  let a = args;
  while (a.length >= 2 && (a[0] === '-C' || a[0] === '--C')) a = a.slice(2);
  if (a.length > 0 && /^--?C=/.test(a[0]!)) a = a.slice(1);
  const sub = a[0];
  const { flags } = goArgsFlags(a.slice(1));
  const loads = sub === 'build' || (sub === 'list' && !flags.some((f) => /^--?(m|retracted)(=|$)/.test(f)));
  return loads ? `go ${sub} in GOPATH mode (GO111MODULE=off; GOPATH mode is not simulated)` : undefined;
}

/** Static pass over a script: which lines would run, and whether any needs what we lack. */
export async function applicability(script: string, file: string, conds: Map<string, Cond>, initialEnv: [string, string][]): Promise<Applicability> {
  const sumdbLines: number[] = [];
  const lines = script.split('\n');
  // A throwaway state to evaluate conditions and expand arguments like the engine does.
  const s = new State('/nonexistent-goscript-static', initialEnv);
  const engine = new Engine({ cmds: new Map(), conds });
  let reason: string | undefined;
  // The last go command expected to fail compiles (stderr checks after it may expect compile errors).
  let failingBuild = false;
  for (let i = 0; i < lines.length && reason === undefined; i++) {
    const lineno = i + 1;
    const line = lines[i]!;
    if (line.startsWith('#')) continue;
    let cmd: Command | undefined;
    try {
      cmd = parseLine(file, lineno, line);
    } catch {
      continue; // the run reports it
    }
    if (!cmd) continue;
    if (/sumdb|GOSUMDB|GONOSUMDB|GOPRIVATE|GOINSECURE|checksum database/i.test(line)) sumdbLines.push(lineno);
    let active: boolean;
    try {
      active = await engine.conditionsActive(s, cmd.conds);
    } catch {
      continue; // the run reports it
    }
    const condText = cmd.conds.map((c) => `[${c.want ? '' : '!'}${c.tag}]`).join(' ');
    if (!active) continue;
    const args = cmd.rawArgs.map((frags) => frags.map((f) => (f.quoted ? f.s : s.expandEnv(f.s, false))).join(''));
    switch (cmd.name) {
      case 'skip': {
        const net = cmd.conds.find((c) => c.tag.startsWith('net') && !c.want);
        const why = net ? 'needs the external network' : cmd.conds.some((c) => c.tag === 'short') ? 'skipped in -short mode' : 'skipped on this host';
        reason = `line ${lineno}: ${condText}${condText ? ' ' : ''}skip${args.length ? ' ' + JSON.stringify(args[0]) : ''} — ${why}`;
        break;
      }
      case 'stop':
        return { applicable: true, sumdbLines };
      case 'env':
        for (const a of args) {
          const k = a.indexOf('=');
          if (k < 0) continue;
          const key = a.slice(0, k);
          const val = a.slice(k + 1);
          s.setenv(key, val);
          if (key === 'GOPROXY' && val.split(/[,|]/).includes('direct')) reason = `line ${lineno}: env GOPROXY=${val} — direct mode fetches from version control`;
        }
        break;
      case 'exec': {
        const prog = args[0] ?? '';
        const base = prog.slice(prog.lastIndexOf('/') + 1);
        if (vcsTools.has(base)) reason = `line ${lineno}: exec ${base} — version control`;
        else if (prog.includes('/') || /\.exe$/.test(prog)) {
          reason = `line ${lineno}: exec ${prog} — runs a built binary`;
        }
        break;
      }
      case 'cc':
        reason = `line ${lineno}: cc — needs a C compiler (cgo)`;
        break;
      case 'stale':
        reason = `line ${lineno}: stale — needs the build cache`;
        break;
      case 'go': {
        const need = goNeeds(args) ?? (s.getenv('GO111MODULE') === 'off' ? gopathModeNeeds(args) : undefined);
        if (need) reason = `line ${lineno}: ${need}`;
        const sub = args.find((a) => !a.startsWith('-'));
        failingBuild = cmd.want === '!' && sub !== undefined && compilingCommands.has(sub);
        break;
      }
      case 'stderr': {
        // A failure checked by its compiler diagnostic needs the compiler.
        const pattern = args.find((a) => !a.startsWith('-')) ?? '';
        if (failingBuild && cmd.want === '' && compilerDiagnostic.test(pattern)) {
          reason = `line ${lineno}: stderr ${JSON.stringify(pattern)} — a compiler (type checker) error; modscope does not compile`;
        }
        break;
      }
    }
    if (reason === undefined && cmd.conds.some((c) => c.tag === 'git' || c.tag === 'exec:git')) {
      if (cmd.conds.every((c) => c.want) && cmd.name !== 'skip') reason = `line ${lineno}: ${condText} — version control`;
    }
  }
  return reason === undefined ? { applicable: true, sumdbLines } : { applicable: false, reason, sumdbLines };
}
