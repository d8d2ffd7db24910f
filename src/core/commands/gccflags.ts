// GOGCCFLAGS for `go env`: envcmd.ExtraEnvVarsCostly builds a work.Builder (NewBuilder: the
// build's temporary directory, the GOOS/GOARCH pair check) and prints the arguments of its C
// compiler command line (exec.go: compilerCmd, gccArchArgs, gccSupportsFlag) after the compiler
// itself and "-I .". Whether the compiler takes an optional flag is asked of the compiler, as go
// asks it; the page, which has none, answers as Debian's gcc does.

import { checkGOOSARCHPair } from '../buildcfg';
import { quotedSplit } from '../goenv';
import { goQuote } from '../module';
import { isAbs, join } from '../modload/paths';
import type { Workspace } from '../workspace';

export interface CCProbe {
  /** exec.LookPath: whether the compiler named can be run. */
  found(name: string): Promise<boolean>;
  /**
   * The combined output of argv run with no input, LC_ALL=C ("" when it cannot run), and whether
   * it ran (false: an answer remembered from an earlier run: go's build cache keeps one per
   * compiler and flag, whatever $CGO_CFLAGS was).
   */
  run(argv: string[], flag: string): Promise<{ output: string; ran: boolean }>;
}

/** Debian's gcc, remembered: what it says of the flags compilerCmd asks about. */
export const debianGcc: CCProbe = {
  found: (name) => Promise.resolve(name === 'gcc'),
  run: (argv) => {
    const flag = argv.find((a) => a === '-fno-caret-diagnostics' || a === '-Qunused-arguments');
    return Promise.resolve({ output: flag ? `gcc: error: unrecognized command-line option '${flag}'\n` : '', ran: false });
  },
};

export type GccFlagsResult = { value: string; stderr: string } | { fatal: string; exitCode: number; stderr: string };

interface Setup {
  get: (k: string) => string;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  files: Workspace;
  buildN: boolean;
  buildX: boolean;
  cgo: boolean;
  defaultCC: string;
  probe: CCProbe;
  /** What the temporary directory is (default: files.stat); the page, which has none, says 'dir'. */
  statTempDir?: (dir: string) => Promise<'file' | 'dir' | undefined>;
  /** os.MkdirTemp's random part (a decimal uint32). */
  random?: () => number;
}

/** exec.go: joinUnambiguously — an argument is quoted when it holds a space or ()>; or needs escaping. */
function joinUnambiguously(args: string[]): string {
  return args.map((s) => (s === '' || /[ ()>;]/.test(s) || goQuote(s).length > s.length + 2 ? goQuote(s) : s)).join(' ');
}

/** cache.DefaultDir's error as initDefaultCache reports it, or null when the cache can be used. */
function buildCacheError(env: Readonly<Record<string, string | undefined>>, get: (k: string) => string): string | null {
  const dir = get('GOCACHE');
  if (dir === 'off') return 'build cache is disabled by GOCACHE=off, but required as of Go 1.12';
  if (dir !== '') return isAbs(dir) ? null : 'build cache is required, but could not be located: GOCACHE is not an absolute path';
  const xdg = env.XDG_CACHE_HOME ?? '';
  const home = env.HOME ?? '';
  if (isAbs(xdg) || home !== '') return null;
  return 'build cache is required, but could not be located: GOCACHE is not defined and neither $XDG_CACHE_HOME nor $HOME are defined';
}

export async function gccFlags(s: Setup): Promise<GccFlagsResult> {
  let stderr = '';
  const goos = s.get('GOOS') || 'linux';
  const goarch = s.get('GOARCH') || 'amd64';
  // NewBuilder: the work directory (os.MkdirTemp in $GOTMPDIR or the system temp dir)
  let workDir = '$WORK';
  if (!s.buildN) {
    const tmp = s.get('GOTMPDIR') || s.env.TMPDIR || '/tmp';
    const name = `go-build${(s.random ?? (() => Math.floor(Math.random() * 2 ** 32)))()}`;
    const at = isAbs(tmp) ? tmp : join(s.cwd, tmp);
    const kind = await (s.statTempDir ?? ((d: string) => s.files.stat(d)))(at);
    if (kind === undefined) return { fatal: `go: creating work dir: stat ${tmp}: no such file or directory\n`, exitCode: 1, stderr };
    if (kind !== 'dir') return { fatal: `go: creating work dir: mkdir ${join(tmp, name)}: not a directory\n`, exitCode: 1, stderr };
    workDir = join(at, name);
    if (s.buildX) stderr += `WORK=${workDir}\n`;
  }
  const pair = checkGOOSARCHPair(goos, goarch);
  if (pair !== null) return { fatal: `go: ${pair}\n`, exitCode: 2, stderr };

  const compiler = quotedSplit(s.get('CC') || s.defaultCC);
  const cflags = quotedSplit(s.get('CGO_CFLAGS') || '-O2 -g');
  const ldflags = quotedSplit(s.get('CGO_LDFLAGS') || '-O2 -g');
  let shownDir = '';
  let cacheChecked = false;
  class Fatal extends Error {}
  const supports = async (flag: string): Promise<boolean> => {
    const argv = [...compiler, flag, ...(flag.startsWith('-Wl,') ? ldflags : [...cflags, '-c']), '-x', 'c', '-', '-o', '/dev/null'];
    const show = () => {
      if (shownDir !== workDir) (stderr += 'cd $WORK\n'), (shownDir = workDir);
      stderr += `${joinUnambiguously(argv).replaceAll(workDir, '$WORK')} || true\n`;
    };
    if (s.buildN) {
      show();
      return false;
    }
    // gccCompilerID: a compiler go can find is asked through the build cache, which must exist
    if (!cacheChecked && compiler.length > 0 && (await s.probe.found(compiler[0]!))) {
      cacheChecked = true;
      const bad = buildCacheError(s.env, s.get);
      if (bad !== null) throw new Fatal(bad);
    }
    const { output, ran } = await s.probe.run(argv, flag);
    if (s.buildX && ran) show();
    return !['unrecognized', 'unknown', 'unrecognised', 'is not supported', 'not recognized', 'unsupported'].some((w) => output.includes(w));
  };

  const a: string[] = [...compiler, '-I', '.'];
  try {
    if (goos !== 'windows') a.push('-fPIC');
    a.push(...gccArchArgs(goos, goarch, s.get));
    if (s.cgo) a.push(goos === 'windows' ? '-mthreads' : '-pthread');
    if (goos === 'aix') a.push('-mcmodel=large');
    if (await supports('-fno-caret-diagnostics')) a.push('-fno-caret-diagnostics');
    if (await supports('-Qunused-arguments')) a.push('-Qunused-arguments');
    if (await supports('-Wl,--no-gc-sections')) a.push('-Wl,--no-gc-sections');
    a.push('-fmessage-length=0');
    if (await supports('-fdebug-prefix-map=a=b')) {
      const dir = workDir.replace(/\/$/, '');
      a.push((await supports('-ffile-prefix-map=a=b')) ? `-ffile-prefix-map=${dir}=/tmp/go-build` : `-fdebug-prefix-map=${dir}=/tmp/go-build`);
    }
    if (await supports('-gno-record-gcc-switches')) a.push('-gno-record-gcc-switches');
    if (goos === 'darwin' || goos === 'ios') a.push('-fno-common');
  } catch (e) {
    if (e instanceof Fatal) return { fatal: e.message + '\n', exitCode: 1, stderr };
    throw e;
  }
  // env.go: cmd[3:] — past the compiler and "-I ." only when $CC is one word
  return { value: quotedJoinArgs(a.slice(3)), stderr };
}

/** exec.go: gccArchArgs. */
function gccArchArgs(goos: string, goarch: string, get: (k: string) => string): string[] {
  switch (goarch) {
    case '386':
      return ['-m32'];
    case 'amd64':
      return goos === 'darwin' ? ['-arch', 'x86_64', '-m64'] : ['-m64'];
    case 'arm64':
      return goos === 'darwin' ? ['-arch', 'arm64'] : [];
    case 'arm':
      return ['-marm'];
    case 's390x':
      return ['-m64', '-march=z196'];
    case 'mips64':
    case 'mips64le': {
      const f = get('GOMIPS64') || 'hardfloat';
      return f === 'hardfloat' ? ['-mabi=64', '-mhard-float'] : f === 'softfloat' ? ['-mabi=64', '-msoft-float'] : [];
    }
    case 'mips':
    case 'mipsle': {
      const f = get('GOMIPS') || 'hardfloat';
      const base = ['-mabi=32', '-march=mips32'];
      return f === 'hardfloat' ? [...base, '-mhard-float', '-mfp32', '-mno-odd-spreg'] : f === 'softfloat' ? [...base, '-msoft-float'] : [];
    }
    case 'loong64':
      return ['-mabi=lp64d'];
    case 'ppc64':
      return goos === 'aix' ? ['-maix64'] : [];
  }
  return [];
}

/** cmd/internal/quoted.Join (as envcmd's join: plain spaces when an argument holds both quotes). */
export function quotedJoinArgs(args: string[]): string {
  const out: string[] = [];
  for (const a of args) {
    const space = /[ \t\n\r]/.test(a);
    const sq = a.includes("'");
    const dq = a.includes('"');
    if (!space && !sq && !dq) out.push(a);
    else if (!sq) out.push(`'${a}'`);
    else if (!dq) out.push(`"${a}"`);
    else return args.join(' ');
  }
  return out.join(' ');
}
