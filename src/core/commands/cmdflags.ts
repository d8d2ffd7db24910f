// Every go command's flag set as Go 1.23 defines it (the Flag.Bool/String/Var calls of
// cmd/go/internal/{modcmd,list,modget,workcmd,envcmd,clean,version,run,work}, with
// work/build.go AddBuildFlags and AddCoverFlags, base/flag.go AddModCommonFlags, AddModFlag,
// AddChdirFlag and AddBuildFlagsNX), each flag's kind and its Value.Set errors, and the check
// main.go's invoke makes of a command line before the command runs: base.SetFromGOFLAGS then
// cmd.Flag.Parse, whose failures print the error and the command's usage and exit 2.
// (go test and go vet parse their own flags: test/testflag.go, vet/vetflag.go.)

import { quotedSplit } from '../goenv';
import { goQuote } from '../goquote';
import { compareGo, Local } from '../gover';
import { GoVersionRE } from '../modfile';
import { FlagError, flagsFromGOFLAGS, parseFlags, type FlagSpec } from './modflags';
import { goHelp } from './help';
import { vetToolFlags } from '../vetFlags';
import { cgoEnabled } from '../imports/match';
import { underscoreOK } from '../gotmplNum';

/** strconv.ParseInt(s, 0, 64)'s verdict, in flag's words (errParse, errRange); null when it parses. */
export function goIntError(s: string): string | null {
  // strconv/atoi.go ParseInt: a sign, then ParseUint with base 0
  const u = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  if (u === '') return 'parse error';
  let base = 10n;
  let digits = u;
  if (u[0] === '0') {
    const p = u.length >= 3 ? u[1]!.toLowerCase() : '';
    if (p === 'b' || p === 'o' || p === 'x') [base, digits] = [p === 'b' ? 2n : p === 'o' ? 8n : 16n, u.slice(2)];
    else [base, digits] = [8n, u.slice(1)];
  }
  const max = (1n << 64n) - 1n;
  let n = 0n;
  let underscores = false;
  for (const c of digits) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = /[0-9]/.test(c) ? BigInt(c.charCodeAt(0) - 48) : /[a-zA-Z]/.test(c) ? BigInt(c.toLowerCase().charCodeAt(0) - 87) : 99n;
    if (d >= base) return 'parse error';
    n = n * base + d;
    if (n > max) return 'value out of range';
  }
  if (underscores && !underscoreOK(u)) return 'parse error';
  if (s[0] === '-' ? n > 1n << 63n : n >= 1n << 63n) return 'value out of range';
  return null;
}

const bool: FlagSpec = { kind: 'bool' };
const str: FlagSpec = { kind: 'string' };
const int: FlagSpec = { kind: 'string', check: goIntError };
/** base.ChdirFlag: main.go removed the -C it accepts; any other is an error. */
const chdir: FlagSpec = { kind: 'string', check: () => '-C flag must be first flag on command line' };
/** cmd/internal/quoted.Split's error (base.StringsFlag) */
const quoted: FlagSpec = {
  kind: 'string',
  check: (v) => {
    try {
      quotedSplit(v);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  },
};
/** load/flag.go PerPackageFlag.set: -gcflags, -ldflags, -asmflags, -gccgoflags */
const perPackage: FlagSpec = {
  kind: 'string',
  check: (v) => {
    let t = v.trim();
    if (t === '') return null;
    if (!t.startsWith('-')) {
      const i = t.indexOf('=');
      if (i < 0) return 'missing =<value> in <pattern>=<value>';
      if (i === 0) return 'missing <pattern> in <pattern>=<value>';
      if (t[0] === "'" || t[0] === '"') return `parameter may not start with quote character ${t[0]}`;
      t = t.slice(i + 1);
    }
    return quoted.check!(t);
  },
};
/** work/build.go tagsFlag.Set: quoted.Split when the value has a space or a quote. */
const tags: FlagSpec = { kind: 'string', check: (v) => (v.includes(' ') || v.includes("'") ? quoted.check!(v) : null) };
export const goVersionFlag: FlagSpec = {
  // modcmd/tidy.go goVersionFlag.Set (go mod tidy -go, -compat; go mod graph -go)
  kind: 'string',
  check: (s) => {
    if (s === '') return null;
    if (!GoVersionRE.test(s)) return `expecting a Go version like "${Local}"`;
    if (compareGo(s, Local) > 0) return `maximum supported Go version is ${Local}`;
    return null;
  },
};
const parseBoolOK = (v: string) => ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v);

const modCommon = { modcacherw: bool, modfile: str, overlay: str };
/** work/build.go AddBuildFlags(cmd, mask) with AddCoverFlags(cmd, nil) where it is called. */
function buildFlags(o: { omitV?: boolean; omitMod?: boolean; cover?: boolean } = {}): Record<string, FlagSpec> {
  const f: Record<string, FlagSpec> = {
    n: bool, x: bool, C: chdir, a: bool, p: int,
    ...(o.omitV ? {} : { v: bool }),
    asmflags: perPackage,
    compiler: { kind: 'string', check: (v) => (v === 'gc' || v === 'gccgo' ? null : `unknown compiler "${v}"`) },
    buildmode: str, gcflags: perPackage, gccgoflags: perPackage,
    ...(o.omitMod ? {} : { mod: str }),
    ...modCommon,
    installsuffix: str, ldflags: perPackage, linkshared: bool, pgo: str, pkgdir: str,
    race: bool, msan: bool, asan: bool, tags, toolexec: quoted, trimpath: bool, work: bool,
    buildvcs: { kind: 'bool', check: (v) => (v === '' || v === 'auto' || parseBoolOK(v) ? null : "value is neither 'auto' nor a valid bool") },
    'debug-actiongraph': str, 'debug-trace': str, 'debug-runtime-trace': str,
  };
  if (o.cover) {
    f.cover = bool;
    f.covermode = { kind: 'string', check: (v) => (['', 'set', 'count', 'atomic'].includes(v) ? null : 'valid modes are "set", "count", or "atomic"') };
    f.coverpkg = str;
  }
  return f;
}

/** The go.mod/go.work editing flags whose Set runs the edit's own checks (flagFunc). */
const editFunc: FlagSpec = { kind: 'string', check: () => STOP };
const STOP = '\u0000stop';

const sets: Record<string, Record<string, FlagSpec>> = {
  'mod download': { json: bool, reuse: str, x: bool, C: chdir, ...modCommon },
  'mod edit': {
    fmt: bool, go: str, toolchain: str, json: bool, print: bool, module: str,
    godebug: editFunc, dropgodebug: editFunc, require: editFunc, droprequire: editFunc, exclude: editFunc, dropexclude: editFunc,
    replace: editFunc, dropreplace: editFunc, retract: editFunc, dropretract: editFunc,
    n: bool, x: bool, C: chdir, ...modCommon,
  },
  'mod graph': { go: goVersionFlag, x: bool, C: chdir, ...modCommon },
  'mod init': { C: chdir, ...modCommon },
  'mod tidy': { v: bool, x: bool, e: bool, diff: bool, go: goVersionFlag, compat: goVersionFlag, C: chdir, ...modCommon },
  'mod vendor': { v: bool, e: bool, o: str, C: chdir, ...modCommon },
  'mod verify': { C: chdir, ...modCommon },
  'mod why': { m: bool, vendor: bool, C: chdir, ...modCommon },
  list: {
    ...buildFlags({ cover: true }),
    json: { kind: 'bool', check: () => null }, // list.go jsonFlag: a bool or a field list
    compiled: bool, deps: bool, e: bool, export: bool, f: str, find: bool, m: bool, retracted: bool, reuse: str, test: bool, u: bool, versions: bool,
  },
  get: {
    ...buildFlags({ omitMod: true }),
    f: bool, fix: bool, m: bool, t: bool, insecure: bool,
    d: { kind: 'bool', check: (v) => (parseBoolOK(v) ? null : 'parse error') }, // modget/get.go dFlag
    u: { kind: 'bool', check: () => null }, // upgradeFlag: any value
  },
  build: { o: str, ...buildFlags({ cover: true }) },
  run: { ...buildFlags({ cover: true }), exec: quoted },
  clean: { i: bool, r: bool, cache: bool, fuzzcache: bool, modcache: bool, testcache: bool, ...buildFlags() },
  env: { C: chdir, n: bool, x: bool, json: bool, u: bool, w: bool, changed: bool },
  version: { C: chdir, m: bool, v: bool },
  'work edit': {
    fmt: bool, go: str, toolchain: str, json: bool, print: bool,
    godebug: editFunc, dropgodebug: editFunc, use: editFunc, dropuse: editFunc, replace: editFunc, dropreplace: editFunc,
    C: chdir,
  },
  'work init': { C: chdir, ...modCommon },
  'work use': { r: bool, C: chdir, ...modCommon },
  'work sync': { C: chdir, ...modCommon },
  'work vendor': { v: bool, e: bool, o: str, C: chdir, ...modCommon },
};

/** The flags `go <cmd>` defines (cmd: "mod tidy", "list", ...); undefined for go test, go vet and others. */
export function commandFlagSpecs(cmd: string): Record<string, FlagSpec> | undefined {
  return sets[cmd];
}

/** base.Command.Usage: the usage line and where to read more. */
export function commandUsage(cmd: string): string {
  return `${goHelp(cmd.split(' ')).stdout.split('\n').find((l) => l.startsWith('usage: '))}\nRun 'go help ${cmd}' for details.\n`;
}

/**
 * main.go invoke: base.SetFromGOFLAGS(&cmd.Flag) then cmd.Flag.Parse(args) — go's text and exit
 * status 2 for a command line they refuse, or null. An editing flag of go mod edit/go work edit
 * ends the check: its own Set may fail first (the command reports that).
 */
export function commandLineError(cmd: string, argv: string[], goflags: string | undefined): { stderr: string; exitCode: number } | null {
  const specs = sets[cmd];
  if (specs === undefined) return null;
  try {
    flagsFromGOFLAGS(goflags, specs, true);
    parseFlags(argv, specs);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    if (e.message.endsWith(STOP)) return null;
    return { stderr: (e.message === 'help' ? '' : e.message + '\n') + commandUsage(cmd), exitCode: 2 };
  }
  return null;
}

/** test/flagdefs.go passAnalyzersToVet: the analyzers go test -vet may name */
const vetAnalyzers = new Set(['appends', 'asmdecl', 'assign', 'atomic', 'bool', 'bools', 'buildtag', 'buildtags', 'cgocall', 'composites', 'copylocks', 'defers', 'directive', 'errorsas', 'framepointer', 'httpresponse', 'ifaceassert', 'loopclosure', 'lostcancel', 'methods', 'nilfunc', 'printf', 'rangeloops', 'shift', 'sigchanyzer', 'slog', 'stdmethods', 'stdversion', 'stringintconv', 'structtag', 'testinggoroutine', 'tests', 'timeformat', 'unmarshal', 'unreachable', 'unsafeptr', 'unusedresult']);

/** time.ParseDuration's syntax (flag's durationValue: any error is errParse). */
const durationRE = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
const duration: FlagSpec = { kind: 'string', check: (v) => (durationRE.test(v) ? null : 'parse error') };

// test/testflag.go init: go test's flags; those in flagdefs.go passFlagToTest also as "test.<name>".
const testSet: Record<string, FlagSpec> = {
  ...buildFlags({ omitV: true, cover: true }),
  c: bool, o: str, coverprofile: str, exec: quoted, json: bool,
  vet: {
    // testflag.go vetFlag.Set
    kind: 'string',
    check: (v) => {
      if (v === '') return null;
      if (v.includes('=')) return '-vet argument cannot contain equal signs';
      if (v.includes(' ')) return '-vet argument is comma-separated list, cannot contain spaces';
      let single = '';
      let flags: string[] = [];
      for (const arg of v.split(',')) {
        if (arg === '') return '-vet argument contains empty list element';
        if (arg === 'all' || arg === 'off') {
          single = arg;
          flags = [];
        } else if (!vetAnalyzers.has(arg)) return `-vet argument must be a supported analyzer or a distinguished value; found ${arg}`;
        else flags.push('-' + arg);
      }
      if (flags.length > 1 && single !== '') return `-vet does not accept ${goQuote(single)} in a list with other analyzers`;
      return null;
    },
  },
  bench: str, benchmem: bool, benchtime: str, blockprofile: str, blockprofilerate: str, count: int, cpu: str,
  cpuprofile: str, failfast: bool, fuzz: str, fullpath: bool, list: str, memprofile: str, memprofilerate: str,
  mutexprofile: str, mutexprofilefraction: str, outputdir: str, parallel: int, run: str, short: bool, skip: str,
  timeout: duration, fuzztime: str, fuzzminimizetime: str, trace: str,
  v: { kind: 'bool', check: (v) => (parseBoolOK(v) || v === 'test2json' ? null : `invalid flag -test.v=${v}`) },
  shuffle: {
    kind: 'string',
    check: (v) => {
      if (v === 'on' || v === 'off') return null;
      // strconv.ParseInt(value, 10, 64): decimal digits after an optional sign
      const e = !/^[+-]?[0-9]+$/.test(v) ? 'invalid syntax' : goIntError(v.replace(/^([+-]?)0+(?=\d)/, '$1')) === null ? null : 'value out of range';
      if (e === null) return null;
      return `-shuffle argument must be "on", "off", or an int64: strconv.ParseInt: parsing ${goQuote(v)}: ${e}`;
    },
  },
};
for (const n of ['bench', 'benchmem', 'benchtime', 'blockprofile', 'blockprofilerate', 'count', 'coverprofile', 'cpu', 'cpuprofile', 'failfast', 'fullpath', 'fuzz', 'fuzzminimizetime', 'fuzztime', 'list', 'memprofile', 'memprofilerate', 'mutexprofile', 'mutexprofilefraction', 'outputdir', 'parallel', 'run', 'short', 'shuffle', 'skip', 'timeout', 'trace', 'v']) {
  testSet['test.' + n] = testSet[n]!;
}

export interface TestCommandLine {
  /** go's flags as set (GOFLAGS, then the command line) */
  values: Map<string, string>;
  pkgs: string[];
}

/**
 * test/testflag.go testFlags over cmdflag.ParseOne: go test's flags may come before and after
 * the packages; flags go does not know are the test binary's. The error text (with the usage,
 * exit status 2) for a flag go knows given a bad value.
 */
export function testCommandLine(argv: string[], goflags: string | undefined): TestCommandLine | { stderr: string; exitCode: number } {
  const usage = "usage: go test [build/test flags] [packages] [build/test flags & test binary flags]\nRun 'go help test' and 'go help testflag' for details.\n";
  let values: Map<string, string>;
  try {
    values = flagsFromGOFLAGS(goflags, testSet, true);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    // SetFromGOFLAGS calls the flag set's Usage: main.go's cmd.Usage, not testflag.go's
    return { stderr: e.message + '\n' + commandUsage('test'), exitCode: 2 };
  }
  let pkgs: string[] | null = null;
  let firstUnknown: string | undefined;
  let inPkgList = false;
  let afterFlagWithoutValue = false;
  let args = argv;
  while (args.length > 0) {
    const raw = args[0]!;
    args = args.slice(1);
    const was = afterFlagWithoutValue;
    afterFlagWithoutValue = false;
    let a = raw;
    if (a.startsWith('--')) {
      if (a === '--') break;
      a = a.slice(1);
    }
    if (a === '-?' || a === '-h' || a === '-help') return { stderr: usage, exitCode: 2 };
    if (a.length < 2 || a[0] !== '-' || a[1] === '-' || a[1] === '=') {
      // a non-flag: a package, or (after the package list) the test binary's from here on
      if (!inPkgList && pkgs !== null) {
        if (was) continue;
        break;
      }
      inPkgList = true;
      (pkgs ??= []).push(raw);
      continue;
    }
    inPkgList = false;
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(1, eq) : a.slice(1);
    const spec = testSet[name];
    if (spec === undefined) {
      pkgs ??= [];
      if (raw === '-args' || raw === '--args') break;
      firstUnknown ??= raw;
      if (eq < 0) afterFlagWithoutValue = true;
      continue;
    }
    try {
      args = parseFlags([eq >= 0 ? '-' + a.slice(1) : '-' + name, ...(eq < 0 && spec.kind !== 'bool' ? args.slice(0, 1) : [])], testSet, values).args.concat(eq < 0 && spec.kind !== 'bool' ? args.slice(1) : args);
    } catch (e) {
      if (!(e instanceof FlagError)) throw e;
      return { stderr: e.message + '\n' + usage, exitCode: 2 };
    }
  }
  if (firstUnknown !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(values.get('c') ?? '')) {
    return { stderr: `go: unknown flag ${firstUnknown} cannot be used with -c\n` + usage, exitCode: 2 };
  }
  return { values, pkgs: pkgs ?? [] };
}

/** vet/vetflag.go exitWithUsage */
export function vetUsage(vettool: string): string {
  const tool = vettool === '' ? 'go tool vet' : vettool;
  return `${commandUsage('vet')}Run '${tool} help' for a full list of flags and analyzers.\nRun '${tool} -help' for an overview.\n`;
}

export interface VetCommandLine {
  values: Map<string, string>;
  pkgs: string[];
  /** -vettool as parseVettoolFlag finds it ("" = go's own vet) */
  vettool: string;
}

/**
 * vet/vetflag.go vetFlags: -vettool found first (ad hoc), go vet's flags and the vet tool's
 * (vetFlags.ts) over cmdflag.ParseOne; the first non-flag starts the packages. Go's text for
 * a command line it refuses (exit status 2; a -vettool without its file is log.Fatalf's, 1).
 */
export function vetCommandLine(argv: string[], goflags: string | undefined): VetCommandLine | { stderr: string; exitCode: number } {
  let vettool = '';
  for (const [i, a] of argv.entries()) {
    if (a === '-vettool' || a === '--vettool') {
      if (i + 1 >= argv.length) return { stderr: `${a} requires a filename\n`, exitCode: 1 };
      vettool = argv[i + 1]!;
      break;
    }
    if (a.startsWith('-vettool=') || a.startsWith('--vettool=')) {
      vettool = a.slice(a.indexOf('=') + 1);
      break;
    }
  }
  const specs: Record<string, FlagSpec> = { ...buildFlags(), vettool: str };
  for (const [name, isBool] of vetToolFlags) specs[name] ??= isBool ? bool : str;
  const usage = vetUsage(vettool);
  let values: Map<string, string>;
  try {
    values = flagsFromGOFLAGS(goflags, specs, true);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    return { stderr: e.message + '\n' + commandUsage('vet'), exitCode: 2 };
  }
  let args = argv;
  while (args.length > 0) {
    const raw = args[0]!;
    let a = raw;
    if (a.startsWith('--')) {
      if (a === '--') return { values, pkgs: args.slice(1), vettool };
      a = a.slice(1);
    }
    if (a === '-?' || a === '-h' || a === '-help') return { stderr: usage, exitCode: 2 };
    if (a.length < 2 || a[0] !== '-' || a[1] === '-' || a[1] === '=') break;
    try {
      // cmdflag.ParseOne: one flag (its value maybe the next argument)
      const name = a.slice(1).split('=')[0]!;
      const one = a.includes('=') || specs[name]?.kind !== 'string' ? 1 : 2;
      parseFlags(['-' + a.slice(1), ...args.slice(1, one)], specs, values);
      args = args.slice(one);
    } catch (e) {
      if (!(e instanceof FlagError)) throw e;
      return { stderr: (e.message === 'help' ? '' : e.message + '\n') + usage, exitCode: 2 };
    }
  }
  return { values, pkgs: args, vettool };
}

/**
 * work/init.go BuildInit's checks of the build flags after modload.Init (instrumentInit,
 * buildModeInit, the -p and -covermode checks): go's text and exit status, or null. The
 * platform tables cover linux/amd64 and linux/arm64 (internal/platform); elsewhere the
 * platform checks are skipped. (The -asan compiler version check runs a C compiler: not here.)
 */
export function buildInitError(values: Map<string, string>, getenv: (k: string) => string): { stderr: string; exitCode: number } | null {
  const on = (n: string) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(values.get(n) ?? '');
  const race = on('race');
  const msan = on('msan');
  const asan = on('asan');
  const goos = getenv('GOOS') || 'linux';
  const goarch = getenv('GOARCH') || 'amd64';
  const known = goos === 'linux' && (goarch === 'amd64' || goarch === 'arm64');
  const exit2 = (t: string) => ({ stderr: t, exitCode: 2 });
  if (race || msan || asan) {
    if (race && msan) return exit2('go: may not use -race and -msan simultaneously\n');
    if (race && asan) return exit2('go: may not use -race and -asan simultaneously\n');
    if (msan && asan) return exit2('go: may not use -msan and -asan simultaneously\n');
    if (known && !cgoEnabled(getenv)) return exit2(`go: -${msan ? 'msan' : asan ? 'asan' : 'race'} requires cgo; enable cgo by setting CGO_ENABLED=1\n`);
  }
  const mode = values.get('buildmode') ?? 'default';
  if (!['archive', 'c-archive', 'c-shared', 'default', 'exe', 'pie', 'shared', 'plugin'].includes(mode)) {
    return { stderr: `buildmode=${mode} not supported\n`, exitCode: 1 };
  }
  const p = values.get('p');
  if (p !== undefined && BigInt(goIntValue(p)) <= 0n) return { stderr: `go: -p must be a positive integer: ${goIntValue(p)}\n`, exitCode: 1 };
  let cover = values.get('covermode') ?? '';
  if (cover === '') cover = race ? 'atomic' : 'set';
  if (race && cover !== 'atomic') return { stderr: `-covermode must be "atomic", not ${JSON.stringify(cover)}, when -race is enabled\n`, exitCode: 1 };
  return null;
}

/** The value of an integer flag as %v prints it (strconv.ParseInt base 0). */
function goIntValue(s: string): string {
  const neg = s[0] === '-';
  const u = (s[0] === '+' || s[0] === '-' ? s.slice(1) : s).replace(/_/g, '');
  let n: bigint;
  if (/^0[xX]/.test(u)) n = BigInt('0x' + u.slice(2));
  else if (/^0[oO]/.test(u)) n = BigInt('0o' + u.slice(2));
  else if (/^0[bB]/.test(u)) n = BigInt('0b' + u.slice(2));
  else if (/^0./.test(u)) n = BigInt('0o' + u.slice(1));
  else n = BigInt(u);
  return String(neg ? -n : n);
}

/**
 * The flags `go <cmd>` ends up with ($GOFLAGS, then the command line) and its arguments; go's
 * refusal (text, exit status 2) when they do not parse. main.go's invoke has usually refused a
 * bad line already (commandLineError); the core commands run without it in the app.
 */
export function commandFlags(cmd: string, argv: string[], goflags: string | undefined): { values: Map<string, string>; args: string[] } | { stderr: string; exitCode: number } {
  const specs = sets[cmd]!;
  try {
    const p = parseFlags(argv, specs, flagsFromGOFLAGS(goflags, specs, true));
    return { values: p.values, args: p.args };
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    return { stderr: (e.message === 'help' ? '' : e.message + '\n') + commandUsage(cmd), exitCode: 2 };
  }
}
