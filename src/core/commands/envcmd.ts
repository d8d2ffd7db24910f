// `go env [-json] [-changed] [-u] [-w] [var ...]`: cmd/go/internal/envcmd/env.go (MkEnv,
// ExtraEnvVars, runEnv, runEnvW, runEnvU, checkEnvWrite, PrintEnv, printEnvAsJSON) for the
// variables modscope knows, on the reference platform (linux/amd64). GOMOD and GOWORK are
// computed as modload.Init / InitWorkfile find them (RootMode AutoRoot).

import type { FetchDeps } from '../modfetch/fetcher';
import { GOROOT_GO_ENV, envFilePath, goGetenv, knownEnv, parseEnvFile, quotedSplit, readGoEnv, userDir, type ReadGoEnvOptions } from '../goenv';
export { envFilePath };
import { findModuleRoot, initWorkfile } from '../modload/init';
import { clean, isAbs, join } from '../modload/paths';
import { defaultGoRoot, goRootVersion } from '../modload/packages/stdlib';
import { ModState } from '../modload/state';
import { marshalIndent } from '../modfile/json';
import { goQuote } from '../module';
import type { CommandContext, CommandResult } from '../workspace';
import { errorText } from './errtext';
import { cgoEnabled } from '../imports/match';
import { debianGcc, gccFlags, quotedJoinArgs, type CCProbe } from './gccflags';
import { archEnvVar, buildConfigError, checkGOOSARCHPair, defaultCC, parseGOEXPERIMENT } from '../buildcfg';
import { FlagError, flagBool, flagsFromGOFLAGS, parseFlags, type FlagSpec } from './modflags';

const USAGE = "usage: go env [-json] [-changed] [-u] [-w] [var ...]\nRun 'go help env' for details.\n";

const specs: Record<string, FlagSpec> = {
  json: { kind: 'bool' },
  u: { kind: 'bool' },
  w: { kind: 'bool' },
  changed: { kind: 'bool' },
  n: { kind: 'bool' },
  x: { kind: 'bool' },
};

export interface EnvVar {
  name: string;
  value: string;
  changed: boolean;
}

export interface EnvCommandOptions extends ReadGoEnvOptions {
  /**
   * Extra refusal for `go env -w/-u` of a key go accepts (the page fixes some settings):
   * an error message, or null to allow.
   */
  refuseWrite?: (key: string) => string | null;
  /** The C compiler, asked which optional flags it takes (GOGCCFLAGS); default: debianGcc. */
  ccProbe?: CCProbe;
  /** What the build's temporary directory is (default: the workspace's stat of it). */
  statTempDir?: (dir: string) => Promise<'file' | 'dir' | undefined>;
  /** The OS environment `go env -w` warns about conflicts with (default: ctx.env). */
  osEnv?: Readonly<Record<string, string | undefined>>;
}

export interface EnvCommandResult extends CommandResult {
  /** `go env -w/-u`: the user go/env file settings to store (value undefined = unset). */
  envUpdates?: Record<string, string | undefined>;
}

/** envcmd.MkEnv (the settings part, with each variable's Changed), in go's order, for linux/amd64. */
export function mkEnv(env: Readonly<Record<string, string | undefined>>, opts: ReadGoEnvOptions = {}): EnvVar[] {
  const get = goGetenv(env, opts);
  const g = readGoEnv(env, opts);
  const goroot = get('GOROOT') || defaultGoRoot;
  const gorootEnv = parseEnvFile(opts.gorootEnvFile ?? GOROOT_GO_ENV);
  const cacheDir = userDir(env, 'XDG_CACHE_HOME', '.cache');
  // cfg.go: EnvOrAndChanged — the set value, changed when it differs from GOROOT/go.env's or def.
  const envOr = (k: string, def: string): [string, boolean] => {
    const v = get(k);
    if (v === '') return [def, false];
    return [v, v !== (gorootEnv.get(k) ?? def)];
  };
  const nonEmpty = (k: string, v = get(k)): [string, boolean] => [v, v !== ''];
  const home = env.HOME ?? '';
  const gopathDef = home !== '' && clean(home) !== clean(defaultGoRoot) ? join(home, 'go') : '';
  const gocache = get('GOCACHE');
  const goenv = envFilePath(env);
  const goarch = get('GOARCH') || 'amd64';
  const goos = get('GOOS') || 'linux';
  const arch = archEnvVar(goarch, get, envOr);
  const v: Array<[string, [string, boolean]]> = [
    ['GO111MODULE', [get('GO111MODULE'), !['on', ''].includes(get('GO111MODULE'))]],
    ['GOARCH', [goarch, goarch !== 'amd64']],
    ['GOBIN', nonEmpty('GOBIN')],
    // cache.DefaultDir
    ['GOCACHE', gocache !== '' ? [gocache, true] : [cacheDir !== '' ? join(cacheDir, 'go-build') : 'off', false]],
    ['GOENV', [goenv, (env.GOENV ?? '') !== '' && env.GOENV !== 'off']],
    ['GOEXE', [goos === 'windows' ? '.exe' : '', false]], // cfg.go: exeSuffix
    ['GOEXPERIMENT', nonEmpty('GOEXPERIMENT')],
    ['GOFLAGS', nonEmpty('GOFLAGS', g.GOFLAGS)],
    ['GOHOSTARCH', ['amd64', false]],
    ['GOHOSTOS', ['linux', false]],
    ['GOINSECURE', nonEmpty('GOINSECURE', g.GOINSECURE)],
    ['GOMODCACHE', [g.GOMODCACHE, envOr('GOMODCACHE', g.GOPATH.split(':')[0] ? join(g.GOPATH.split(':')[0]!, 'pkg/mod') : '')[1]]],
    ['GONOPROXY', envOr('GONOPROXY', g.GOPRIVATE)],
    ['GONOSUMDB', envOr('GONOSUMDB', g.GOPRIVATE)],
    ['GOOS', [goos, goos !== 'linux']],
    // cfg.go: the default is go/build's, which reads $GOPATH itself: only a go/env value counts.
    ['GOPATH', [g.GOPATH, (env.GOPATH ?? '') === '' && envOr('GOPATH', gopathDef)[1]]],
    ['GOPRIVATE', nonEmpty('GOPRIVATE', g.GOPRIVATE)],
    ['GOPROXY', envOr('GOPROXY', '')],
    ['GOROOT', [goroot, false]],
    ['GOSUMDB', envOr('GOSUMDB', '')],
    ['GOTMPDIR', nonEmpty('GOTMPDIR')],
    ['GOTOOLCHAIN', envOr('GOTOOLCHAIN', '')],
    ['GOTOOLDIR', [join(goroot, 'pkg/tool/linux_amd64'), false]],
    ['GOVCS', nonEmpty('GOVCS', g.GOVCS)],
    ['GOVERSION', [goRootVersion, false]],
    ['GODEBUG', nonEmpty('GODEBUG', env.GODEBUG ?? '')],
    ['GCCGO', get('GCCGO') !== '' ? [get('GCCGO'), true] : ['gccgo', false]],
    ...(arch ? [arch] : []),
    ['AR', envOr('AR', 'ar')],
    ['CC', get('CC') !== '' ? [get('CC'), true] : [defaultCC(goos), false]],
    ['CXX', get('CXX') !== '' ? [get('CXX'), true] : [defaultCC(goos) === 'clang' ? 'clang++' : 'g++', false]],
    // cfg.go: CGOChanged compares with go/build's default, which reads $CGO_ENABLED too.
    ['CGO_ENABLED', [cgoEnabled(get) ? '1' : '0', false]],
  ];
  return v.map(([name, [value, changed]]) => ({ name, value, changed }));
}

const costlyNames = new Set(['CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_FFLAGS', 'CGO_LDFLAGS', 'PKG_CONFIG', 'GOGCCFLAGS']);

/**
 * env.go: ExtraEnvVarsCostly — the cgo flags (work.envList: $CGO_xFLAGS or the default "-O2 -g",
 * re-quoted by quoted.Join) and PKG_CONFIG (GOGCCFLAGS: gccflags.ts). Changed as go marks it (its check names "GGO_LDFLAGS": never LDFLAGS).
 */
function costlyVars(get: (k: string) => string): EnvVar[] {
  const list = (k: string, def: string) => quotedSplit(get(k) || def);
  const dflt = '-O2 -g';
  const pkgConfig = list('PKG_CONFIG', 'pkg-config')[0] ?? '';
  const flags = (k: string, def: string, changed: (v: string) => boolean): EnvVar => {
    const value = quotedJoinArgs(list(k, def));
    return { name: k, value, changed: changed(value) };
  };
  return [
    flags('CGO_CFLAGS', dflt, (v) => v !== dflt),
    flags('CGO_CPPFLAGS', '', (v) => v !== ''),
    flags('CGO_CXXFLAGS', dflt, (v) => v !== dflt),
    flags('CGO_FFLAGS', dflt, (v) => v !== dflt),
    flags('CGO_LDFLAGS', dflt, () => false),
    { name: 'PKG_CONFIG', value: pkgConfig, changed: pkgConfig !== 'pkg-config' },
  ];
}

/**
 * GOTELEMETRY and GOTELEMETRYDIR (env.go; x/telemetry: Default dir UserConfigDir/go/telemetry,
 * Dir.Mode): the mode file's first word, "local" without one, "off" without a config dir.
 */
async function telemetryVars(ctx: CommandContext): Promise<EnvVar[]> {
  // os.UserConfigDir: $XDG_CONFIG_HOME as set (even relative), else $HOME/.config
  const xdg = ctx.env.XDG_CONFIG_HOME ?? '';
  const home = ctx.env.HOME ?? '';
  const cfg = xdg !== '' ? xdg : home !== '' ? home + '/.config' : '';
  // cmd/go main.go: counter.OpenDir($TEST_TELEMETRY_DIR) replaces the default dir when set.
  const testDir = ctx.env.TEST_TELEMETRY_DIR ?? '';
  const dir = testDir !== '' ? testDir : cfg === '' ? '' : cfg + '/go/telemetry';
  let mode = 'off';
  if (dir !== '') {
    const data = await ctx.files.read(dir + '/mode').catch(() => undefined);
    mode = data === undefined ? 'local' : new TextDecoder().decode(data).trim();
    const sp = mode.indexOf(' ');
    if (sp >= 0) mode = mode.slice(0, sp);
  }
  return [
    { name: 'GOTELEMETRY', value: mode, changed: false },
    { name: 'GOTELEMETRYDIR', value: dir, changed: false },
  ];
}

/** os.TempDir on Unix. */
function tempDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.TMPDIR || '/tmp';
}

/**
 * envcmd.ExtraEnvVars: GOMOD (the main module's go.mod; os.DevNull in module mode without
 * one; "" in GOPATH mode) and GOWORK, with modload.Init's warnings and fatal errors.
 */
async function extraEnvVars(ctx: CommandContext, warn: (s: string) => void): Promise<EnvVar[]> {
  const s = new ModState({ cwd: ctx.cwd, files: ctx.files, env: ctx.env, cmdName: 'env', deps: {} as FetchDeps });
  const g111 = s.getenv('GO111MODULE');
  if (!['', 'on', 'auto', 'off'].includes(g111)) throw new EnvFatal(`go: unknown environment setting GO111MODULE=${g111}`);
  let gomod = '';
  if (g111 !== 'off') {
    const mustUseModules = g111 !== 'auto';
    const root = await findModuleRoot(s, ctx.cwd);
    let enabled = mustUseModules;
    if (root !== '' && clean(root) === clean(tempDir(ctx.env))) {
      warn(`go: warning: ignoring go.mod in system temp root ${tempDir(ctx.env)}\n`);
    } else if (root !== '') {
      enabled = true;
      gomod = join(root, 'go.mod');
    }
    if (gomod === '' && enabled) gomod = '/dev/null';
  }
  await initWorkfile(s);
  const gowork = s.getenv('GOWORK') === 'off' ? 'off' : s.workFilePath;
  return [
    { name: 'GOMOD', value: gomod, changed: false },
    { name: 'GOWORK', value: gowork, changed: false },
  ];
}

class EnvFatal extends Error {}

/** envcmd.shellQuote */
function shellQuote(v: string): string {
  return "'" + v.replaceAll("'", "'\\''") + "'";
}

/**
 * env.go: checkBuildConfig — the configuration go env -w/-u would leave (a set value, or an unset
 * one's OS environment value or default) must name a known GOOS/GOARCH pair and a valid
 * GOEXPERIMENT, when they change.
 */
function checkBuildConfig(updates: Record<string, string | undefined>, cur: (k: string) => string, osEnv: Readonly<Record<string, string | undefined>>): string | null {
  const get = (key: string, def: string): [string, boolean] => {
    if (!(key in updates)) return [cur(key) || def, false];
    return [updates[key] ?? (osEnv[key] || def), true];
  };
  const [goos, okOS] = get('GOOS', 'linux');
  const [goarch, okArch] = get('GOARCH', 'amd64');
  if (okOS || okArch) {
    const bad = checkGOOSARCHPair(goos, goarch);
    if (bad !== null) return bad;
  }
  const [goexp, okExp] = get('GOEXPERIMENT', '');
  if (okExp) {
    const exp = parseGOEXPERIMENT(goarch, goexp);
    if ('error' in exp) return exp.error;
  }
  return null;
}

/** envcmd.checkEnvWrite */
export function checkEnvWrite(key: string, val: string): string | null {
  if (['GOEXE', 'GOGCCFLAGS', 'GOHOSTARCH', 'GOHOSTOS', 'GOMOD', 'GOWORK', 'GOTOOLDIR', 'GOVERSION'].includes(key)) return `${key} cannot be modified`;
  if (key === 'GOENV' || key === 'GODEBUG') return `${key} can only be set using the OS environment`;
  if (!knownEnv.has(key)) return `unknown go command variable ${key}`;
  switch (key) {
    case 'GO111MODULE':
      if (!['', 'auto', 'on', 'off'].includes(val)) return `invalid ${key} value ${goQuote(val)}`;
      break;
    case 'GOPATH':
      if (val.startsWith('~')) return `GOPATH entry cannot start with shell metacharacter '~': ${goQuote(val)}`;
      if (!isAbs(val) && val !== '') return `GOPATH entry is relative; must be absolute path: ${goQuote(val)}`;
      break;
    case 'GOMODCACHE':
      if (!isAbs(val) && val !== '') return `GOMODCACHE entry is relative; must be absolute path: ${goQuote(val)}`;
      break;
  }
  if (val.includes('\0')) return `invalid NUL in ${key}=... value`;
  if (/[\v\r\n]/.test(val)) return `invalid newline in ${key}=... value`;
  return null;
}

/**
 * envcmd.updateEnvFile: the go/env file text with add set and del removed (the last line for a
 * key is replaced, earlier duplicates dropped; new keys appended).
 */
export function updateEnvFile(text: string, add: Record<string, string>, del: Set<string>): string {
  const lines = text === '' ? [] : text.split(/(?<=\n)/);
  const pending = new Map(Object.entries(add));
  const keyOf = (line: string) => {
    const i = line.indexOf('=');
    return i > 0 && /^[A-Z]/.test(line) ? line.slice(0, i) : '';
  };
  const last = new Map<string, number>();
  lines.forEach((l, i) => {
    const k = keyOf(l);
    if (k !== '') last.set(k, i);
  });
  const out: string[] = [];
  lines.forEach((l, i) => {
    const k = keyOf(l);
    if (k === '' || (!pending.has(k) && !del.has(k))) return void out.push(l);
    if (last.get(k) !== i || del.has(k)) return;
    out.push(`${k}=${pending.get(k)}\n`);
    pending.delete(k);
  });
  if (out.length > 0 && !out[out.length - 1]!.endsWith('\n')) out[out.length - 1] += '\n';
  for (const k of [...pending.keys()].sort()) out.push(`${k}=${pending.get(k)}\n`);
  return out.join('');
}

/** Runs `go env` (args after "env"). */
export async function envCommand(argv: string[], ctx: CommandContext, opts: EnvCommandOptions = {}): Promise<EnvCommandResult> {
  let stderr = '';
  const fatal = (msg: string): EnvCommandResult => ({ stdout: '', stderr: stderr + msg + '\n', exitCode: 1 });
  let parsed;
  try {
    parsed = parseFlags(argv, specs, flagsFromGOFLAGS(ctx.env.GOFLAGS, specs, true)); // main.go: SetFromGOFLAGS, then the command line
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    const msg = e.message;
    return { stdout: '', stderr: (msg === 'help' ? '' : msg + '\n') + USAGE, exitCode: 2 };
  }
  const f = parsed.values;
  const args = parsed.args;
  const json = flagBool(f, 'json');
  const u = flagBool(f, 'u');
  const w = flagBool(f, 'w');
  const onlyChanged = flagBool(f, 'changed');
  if (json && u) return fatal('go: cannot use -json with -u');
  if (json && w) return fatal('go: cannot use -json with -w');
  if (u && w) return fatal('go: cannot use -u with -w');
  if (w || u) {
    if (args.length === 0) return fatal(w ? 'go: no KEY=VALUE arguments given' : "go: 'go env -u' requires an argument");
    const updates: Record<string, string | undefined> = {};
    for (const a of args) {
      const eq = a.indexOf('=');
      if (w && eq < 0) return fatal(`go: arguments must be KEY=VALUE: invalid argument: ${a}`);
      const key = w ? a.slice(0, eq) : a;
      const val = w ? a.slice(eq + 1) : '';
      const err = checkEnvWrite(key, val) ?? opts.refuseWrite?.(key) ?? null;
      if (err !== null) return fatal('go: ' + err);
      if (w && key in updates) return fatal(`go: multiple values for key: ${key}`);
      const osVal = (opts.osEnv ?? ctx.env)[key] ?? '';
      if (w && osVal !== '' && osVal !== val) stderr += `warning: go env -w ${key}=... does not override conflicting OS environment variable\n`;
      updates[key] = w ? val : undefined;
    }
    if (w && updates.GOTMPDIR !== undefined && updates.GOTMPDIR !== '' && !isAbs(updates.GOTMPDIR)) {
      return fatal('go: GOTMPDIR must be an absolute path');
    }
    const bad = checkBuildConfig(updates, goGetenv(ctx.env, opts), opts.osEnv ?? ctx.env);
    if (bad !== null) return fatal('go: ' + bad);
    return { stdout: '', stderr, exitCode: 0, envUpdates: updates };
  }
  const cfgErr = buildConfigError((k) => ctx.env[k] ?? '');
  if (cfgErr !== null) return { stdout: '', stderr: stderr + cfgErr, exitCode: 2 };
  for (const a of args) if (a.includes('=')) return fatal(`go: invalid variable name ${goQuote(a)} (use -w to set variable)`);
  let env: EnvVar[];
  try {
    env = [...mkEnv(ctx.env, opts), ...(await extraEnvVars(ctx, (t) => (stderr += t)))];
    const at = env.findIndex((e) => e.name === 'GODEBUG') + 1;
    env.splice(at, 0, ...(await telemetryVars(ctx)));
    // env.go: the costly variables, for a full listing or when named
    if (args.length === 0 || args.some((a) => costlyNames.has(a))) {
      const get = goGetenv(ctx.env, opts);
      env.push(...costlyVars(get));
      const goos = get('GOOS') || 'linux';
      const g = await gccFlags({
        get,
        env: ctx.env,
        cwd: ctx.cwd,
        files: ctx.files,
        buildN: flagBool(f, 'n'),
        buildX: flagBool(f, 'x'),
        cgo: cgoEnabled(get),
        defaultCC: defaultCC(goos),
        probe: opts.ccProbe ?? debianGcc,
        statTempDir: opts.statTempDir,
      });
      stderr += g.stderr;
      if ('fatal' in g) return { stdout: '', stderr: stderr + g.fatal, exitCode: g.exitCode };
      env.push({ name: 'GOGCCFLAGS', value: g.value, changed: false });
    }
  } catch (e) {
    if (e instanceof EnvFatal) return fatal(e.message);
    return { stdout: '', stderr: stderr + errorText(e), exitCode: 1 };
  }
  const find = (name: string) => env.find((e) => e.name === name)?.value ?? (knownEnv.has(name) ? goGetenv(ctx.env, opts)(name) : '');
  if (args.length > 0) {
    if (!onlyChanged) {
      if (!json) return { stdout: args.map((n) => find(n) + '\n').join(''), stderr, exitCode: 0, stdoutAfter: stderr.length };
      env = args.map((n) => ({ name: n, value: find(n), changed: false }));
    } else {
      env = args.flatMap((n) => env.filter((e) => e.name === n).slice(0, 1));
    }
  }
  const shown = env.filter((e) => e.name !== 'TERM' && (!onlyChanged || e.changed));
  if (json) {
    const m = new Map<string, string>();
    for (const e of shown) m.set(e.name, e.value);
    const keys = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { stdout: marshalIndent({ entries: keys.map((k) => [k, m.get(k)!]) }) + '\n', stderr, exitCode: 0, stdoutAfter: stderr.length };
  }
  return { stdout: shown.map((e) => `${e.name}=${shellQuote(e.value)}\n`).join(''), stderr, exitCode: 0, stdoutAfter: stderr.length };
}
