// The conditions of cmd/go's TestScript (scriptconds_test.go scriptConditions over
// scripttest.DefaultConds and script.DefaultConds), evaluated as `go test -short cmd/go`
// evaluates them on this host: linux/amd64, gc, no external network.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookPath, type Cond, type State } from './engine';

// internal/syslist (go/build): known GOOS and GOARCH values.
const knownOS = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos'.split(' '),
);
const knownArch = new Set(
  '386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm'.split(
    ' ',
  ),
);
// internal/platform: build modes supported by gc on linux/amd64.
const linuxAmd64Buildmodes = new Set(['archive', 'c-archive', 'c-shared', 'default', 'exe', 'pie', 'plugin', 'shared']);

export interface HostInfo {
  goos: string;
  goarch: string;
  /** testenv.HasCGO: the go command's default CGO_ENABLED on this host. */
  cgo: boolean;
  /** testing.Short() */
  short: boolean;
  verbose: boolean;
  root: boolean;
}

let cgoCache: boolean | undefined;
/** `go env CGO_ENABLED` of the reference go (what testenv.HasCGO reports). */
export function hostCgo(goBin: string): boolean {
  if (cgoCache === undefined) {
    try {
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), GOENV: 'off', GOTOOLCHAIN: 'local' };
      cgoCache = execFileSync(goBin, ['env', 'CGO_ENABLED'], { env, encoding: 'utf8' }).trim() === '1';
    } catch {
      cgoCache = false;
    }
  }
  return cgoCache;
}

export function defaultHost(goBin: string): HostInfo {
  return {
    goos: 'linux',
    goarch: 'amd64',
    cgo: hostCgo(goBin),
    short: true,
    verbose: false,
    root: typeof process.geteuid === 'function' && process.geteuid() === 0,
  };
}

const bool = (summary: string, v: boolean | (() => boolean)): Cond => ({
  summary,
  prefix: false,
  eval: (_s, suffix) => {
    if (suffix !== '') throw new Error('invalid usage');
    return typeof v === 'function' ? v() : v;
  },
});
const prefixed = (summary: string, f: (s: State, suffix: string) => boolean): Cond => ({ summary, prefix: true, eval: f });

let caseSensitive: boolean | undefined;
function isCaseSensitive(): boolean {
  if (caseSensitive === undefined) {
    const d = mkdtempSync(join(tmpdir(), 'case-sensitive'));
    writeFileSync(join(d, 'FILE'), '');
    caseSensitive = !existsSync(join(d, 'file'));
    rmSync(d, { recursive: true, force: true });
  }
  return caseSensitive;
}

export function scriptConds(h: HostInfo): Map<string, Cond> {
  const c = new Map<string, Cond>();
  const native = (s: State) => s.getenv('GOOS') === h.goos && s.getenv('GOARCH') === h.goarch;
  const sys = (summary: string, supported: (goos: string, goarch: string) => boolean, needsCgo: boolean): Cond => ({
      summary,
      prefix: false,
      eval: (s, suffix) => {
        if (suffix !== '') throw new Error('invalid usage');
        const goos = s.getenv('GOOS');
        const goarch = s.getenv('GOARCH');
        const cross = h.goos !== goos || h.goarch !== goarch;
        return (!needsCgo || (h.cgo && !cross)) && supported(goos, goarch);
      },
    });
  const isLinuxAmd64 = (goos: string, goarch: string) => goos === 'linux' && goarch === 'amd64';

  // script.DefaultConds
  c.set('GOOS', prefixed('runtime.GOOS == <suffix>', (_s, suffix) => {
    if (suffix === h.goos) return true;
    if (!knownOS.has(suffix)) throw new Error(`unrecognized GOOS "${suffix}"`);
    return false;
  }));
  c.set('GOARCH', prefixed('runtime.GOARCH == <suffix>', (_s, suffix) => {
    if (suffix === h.goarch) return true;
    if (!knownArch.has(suffix)) throw new Error(`unrecognized GOOS "${suffix}"`);
    return false;
  }));
  c.set('compiler', prefixed('runtime.Compiler == <suffix>', (_s, suffix) => {
    if (suffix === 'gc') return true;
    if (suffix === 'gccgo') return false;
    throw new Error(`unrecognized compiler "${suffix}"`);
  }));
  c.set('root', bool('os.Geteuid() == 0', h.root));
  // scripttest.DefaultConds
  const execCache = new Map<string, boolean>();
  c.set('exec', prefixed('<suffix> names an executable in the test binary\'s PATH', (_s, name) => {
    let v = execCache.get(name);
    if (v === undefined) {
      v = name.includes('/') ? existsSync(name) : lookPath(process.env.PATH ?? '', name) !== undefined;
      execCache.set(name, v);
    }
    return v;
  }));
  c.set('short', bool('testing.Short()', h.short));
  c.set('verbose', bool('testing.Verbose()', h.verbose));
  // scriptConditions (cmd/go)
  c.set('abscc', bool('default $CC path is absolute and exists', false)); // cfg.DefaultCC is "gcc"
  c.set('asan', sys('GOOS/GOARCH supports -asan', isLinuxAmd64, true));
  c.set('buildmode', prefixed('go supports -buildmode=<suffix>', (s, mode) => native(s) && linuxAmd64Buildmodes.has(mode)));
  c.set('case-sensitive', bool('$WORK filesystem is case-sensitive', isCaseSensitive));
  c.set('cc', prefixed('go env CC = <suffix> (ignoring the go/env file)', (s, want) => {
    const cc = s.getenv('CC');
    return cc !== '' ? cc === want : want === 'gcc';
  }));
  c.set('cgo', bool('host CGO_ENABLED', h.cgo));
  c.set('cgolinkext', bool('platform requires external linking for cgo', false));
  c.set('cross', bool('cmd/go GOOS/GOARCH != GOHOSTOS/GOHOSTARCH', false));
  c.set('fuzz', sys('GOOS/GOARCH supports -fuzz', isLinuxAmd64, false));
  c.set('fuzz-instrumented', sys('GOOS/GOARCH supports -fuzz with instrumentation', isLinuxAmd64, false));
  c.set('git', bool("the 'git' executable exists and provides the standard CLI", () => lookPath(process.env.PATH ?? '', 'git') !== undefined));
  c.set('GODEBUG', prefixed('GODEBUG contains <suffix>', (s, value) => s.getenv('GODEBUG').split(',').some((p) => p.trim() === value)));
  c.set('GOEXPERIMENT', prefixed('GOEXPERIMENT <suffix> is enabled', (s, value) => {
    // internal/buildcfg defaults for go1.23 linux/amd64, then $GOEXPERIMENT.
    const on = new Set(['regabiwrappers', 'regabiargs', 'coverageredesign']);
    const known = ['regabiwrappers', 'regabiargs', 'coverageredesign', 'aliastypeparams', 'rangefunc', 'newinliner', 'boringcrypto', 'fieldtrack', 'preemptibleloops', 'staticlockranking', 'loopvar', 'cgocheck2', 'heapminimum512kib', 'allocheaders', 'exectracer2', 'swissmap', 'spinbitmutex', 'synchashtriemap'];
    for (const e of s.getenv('GOEXPERIMENT').split(',')) {
      if (e === '') continue;
      if (e.startsWith('no')) on.delete(e.slice(2));
      else on.add(e);
    }
    const name = value.startsWith('no') ? value.slice(2) : value;
    if (!known.includes(name)) throw new Error(`unrecognized GOEXPERIMENT "${value}"`);
    return value.startsWith('no') ? !on.has(name) : on.has(name);
  }));
  c.set('go-builder', bool('GO_BUILDER_NAME is non-empty', (process.env.GO_BUILDER_NAME ?? '') !== ''));
  c.set('link', bool('testenv.HasLink()', true));
  c.set('msan', sys('GOOS/GOARCH supports -msan', isLinuxAmd64, true));
  c.set('mustlinkext', bool('platform always requires external linking', false));
  // testenv.HasExternalNetwork is false in -short mode.
  c.set('net', prefixed('can connect to external network host <suffix>', () => !h.short && false));
  c.set('pielinkext', bool('platform requires external linking for PIE', false));
  c.set('race', sys('GOOS/GOARCH supports -race', isLinuxAmd64, true));
  c.set('symlink', bool('testenv.HasSymlink()', true));
  c.set('trimpath', bool('test binary was built with -trimpath', false));
  return c;
}
