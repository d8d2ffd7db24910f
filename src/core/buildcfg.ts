// The build configuration the go command derives from $GOARCH's refinements and $GOEXPERIMENT
// (internal/buildcfg/cfg.go, exp.go; internal/goexperiment/flags.go): their parsed values, the
// error go stops on (buildcfg.Check, cfg.ExperimentErr), the tool build tags they add, and the
// GOOS/GOARCH pairs go can build for (internal/platform/zosarch.go).

type Getenv = (key: string) => string;

/** The refinement settings as buildcfg parses them (invalid values fall back to the default). */
interface ArchSettings {
  amd64: number;
  arm: { version: number; soft: boolean };
  arm64: { version: string; lse: boolean; crypto: boolean };
  mips: string;
  mips64: string;
  ppc64: number;
  riscv64: number;
  wasm: { satconv: boolean; signext: boolean };
  /** buildcfg.Error: the last error of the parse order, except that goarm64 assigns it outright. */
  error: string | null;
}

const pick = (v: string, ok: readonly string[], def: string): [string, boolean] => (ok.includes(v) ? [v, true] : [def, false]);

function archSettings(get: Getenv): ArchSettings {
  let error: string | null = null;
  const [amd64, amd64ok] = pick(get('GOAMD64') || 'v1', ['v1', 'v2', 'v3', 'v4'], 'v1');
  if (!amd64ok) error = 'invalid GOAMD64: must be v1, v2, v3, v4';
  // goarm: "5", "6" or "7", optionally ",softfloat" or ",hardfloat"; 5 defaults to softfloat
  let armv = get('GOARM') || '7';
  let soft = false;
  let floatSet = false;
  if (armv.endsWith(',softfloat')) (soft = true), (floatSet = true), (armv = armv.slice(0, -10));
  if (armv.endsWith(',hardfloat')) (floatSet = true), (armv = armv.slice(0, -10));
  if (!['5', '6', '7'].includes(armv)) {
    error = 'invalid GOARM: must start with 5, 6, or 7, and may optionally end in either ",hardfloat" or ",softfloat"';
    armv = '7';
  }
  if (!floatSet && armv === '5') soft = true;
  // goarm64 (ParseGoarm64): suffixes in any order; LSE is implied from v8.1 on. Its assignment
  // of buildcfg.Error replaces an earlier GOAMD64 or GOARM error, even with nil.
  let a64 = get('GOARM64') || 'v8.0';
  let lse = false;
  let crypto = false;
  for (;;) {
    if (a64.endsWith(',lse')) (lse = true), (a64 = a64.slice(0, -4));
    else if (a64.endsWith(',crypto')) (crypto = true), (a64 = a64.slice(0, -7));
    else break;
  }
  error = null;
  if (/^v8\.[1-9]$|^v9\.[0-5]$/.test(a64)) lse = true;
  else if (a64 !== 'v8.0') {
    error = 'invalid GOARM64: must start with v8.{0-9} or v9.{0-5} and may optionally end in ",lse" and/or ",crypto"';
    a64 = 'v8.0';
  }
  const [mips, mipsOk] = pick(get('GOMIPS') || 'hardfloat', ['hardfloat', 'softfloat'], 'hardfloat');
  if (!mipsOk) error = 'invalid GOMIPS: must be hardfloat, softfloat';
  const [mips64, mips64Ok] = pick(get('GOMIPS64') || 'hardfloat', ['hardfloat', 'softfloat'], 'hardfloat');
  if (!mips64Ok) error = 'invalid GOMIPS64: must be hardfloat, softfloat';
  const [ppc64, ppcOk] = pick(get('GOPPC64') || 'power8', ['power8', 'power9', 'power10'], 'power8');
  if (!ppcOk) error = 'invalid GOPPC64: must be power8, power9, power10';
  const [riscv64, rvOk] = pick(get('GORISCV64') || 'rva20u64', ['rva20u64', 'rva22u64'], 'rva20u64');
  if (!rvOk) error = 'invalid GORISCV64: must be rva20u64, rva22u64';
  const wasm = { satconv: false, signext: false };
  for (const opt of get('GOWASM').split(',')) {
    if (opt === 'satconv' || opt === 'signext') wasm[opt] = true;
    else if (opt !== '') error = `invalid GOWASM: no such feature "${opt}"`;
  }
  return {
    amd64: +amd64.slice(1),
    arm: { version: +armv, soft },
    arm64: { version: a64, lse, crypto },
    mips,
    mips64,
    ppc64: +ppc64.slice(5),
    riscv64: +riscv64.slice(3, 5),
    wasm,
    error,
  };
}

/**
 * cfg.GetArchEnv: the variable refining $GOARCH and its value and Changed as cfg.go computes
 * them: EnvOrAndChanged(key, buildcfg's parsed value printed back), so GOARM "7" (printed
 * "7,hardfloat") is changed and a valid GOAMD64 is not. envOr is cfg.EnvOrAndChanged.
 */
export function archEnvVar(goarch: string, get: Getenv, envOr: (k: string, def: string) => [string, boolean]): [string, [string, boolean]] | undefined {
  const s = archSettings(get);
  const byArch: Record<string, [string, string]> = {
    arm: ['GOARM', `${s.arm.version},${s.arm.soft ? 'softfloat' : 'hardfloat'}`],
    arm64: ['GOARM64', s.arm64.version + (s.arm64.lse ? ',lse' : '') + (s.arm64.crypto ? ',crypto' : '')],
    '386': ['GO386', get('GO386') || 'softfloat'],
    amd64: ['GOAMD64', `v${s.amd64}`],
    mips: ['GOMIPS', s.mips],
    mipsle: ['GOMIPS', s.mips],
    mips64: ['GOMIPS64', s.mips64],
    mips64le: ['GOMIPS64', s.mips64],
    ppc64: ['GOPPC64', `power${s.ppc64}`],
    ppc64le: ['GOPPC64', `power${s.ppc64}`],
    riscv64: ['GORISCV64', `rva${s.riscv64}u64`],
    wasm: ['GOWASM', [s.wasm.satconv && 'satconv', s.wasm.signext && 'signext'].filter(Boolean).join(',')],
  };
  if (!Object.hasOwn(byArch, goarch)) return undefined;
  const [key, def] = byArch[goarch]!;
  return [key, envOr(key, def)];
}

/** buildcfg.gogoarchTags: the architecture feature tags (amd64.v1 … amd64.vN, arm.5 … arm.N, ...). */
export function archTags(goarch: string, get: Getenv): string[] {
  const s = archSettings(get);
  const range = (from: number, to: number, f: (i: number) => string) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => f(from + i));
  switch (goarch) {
    case '386':
      return [`386.${get('GO386') || 'softfloat'}`];
    case 'amd64':
      return range(1, s.amd64, (i) => `amd64.v${i}`);
    case 'arm':
      return range(5, s.arm.version, (i) => `arm.${i}`);
    case 'arm64': {
      const major = +s.arm64.version[1]!;
      const minor = +s.arm64.version[3]!;
      const out = range(0, minor, (i) => `arm64.v${major}.${i}`);
      // v9.x includes v8.(x+5)
      if (major === 9) out.push(...range(0, Math.min(minor + 5, 9), (i) => `arm64.v8.${i}`));
      return out;
    }
    case 'mips':
    case 'mipsle':
      return [`${goarch}.${s.mips}`];
    case 'mips64':
    case 'mips64le':
      return [`${goarch}.${s.mips64}`];
    case 'ppc64':
    case 'ppc64le':
      return range(8, s.ppc64, (i) => `${goarch}.power${i}`);
    case 'riscv64':
      return s.riscv64 >= 22 ? ['riscv64.rva20u64', 'riscv64.rva22u64'] : ['riscv64.rva20u64'];
    case 'wasm':
      return [s.wasm.satconv && 'wasm.satconv', s.wasm.signext && 'wasm.signext'].filter((t): t is string => !!t);
  }
  return [];
}

/** goexperiment.Flags' fields, lower-cased, in declaration order. */
const experiments = [
  'fieldtrack', 'preemptibleloops', 'staticlockranking', 'boringcrypto', 'regabiwrappers', 'regabiargs',
  'heapminimum512kib', 'coverageredesign', 'arenas', 'cgocheck2', 'loopvar', 'cacheprog', 'newinliner',
  'rangefunc', 'aliastypeparams',
];

/**
 * buildcfg.ParseGOEXPERIMENT: the enabled experiments (in goexperiment.Flags order) for a
 * GOEXPERIMENT value, or the error go stops on ("unknown GOEXPERIMENT x").
 */
export function parseGOEXPERIMENT(goarch: string, goexp: string): { enabled: string[] } | { error: string } {
  const regabi = ['amd64', 'arm64', 'loong64', 'ppc64le', 'ppc64', 'riscv64'].includes(goarch);
  const on = new Set(regabi ? ['regabiwrappers', 'regabiargs', 'coverageredesign'] : ['coverageredesign']);
  for (const f of goexp.split(',')) {
    if (f === '') continue;
    if (f === 'none') {
      on.clear();
      continue;
    }
    const val = !f.startsWith('no');
    const name = val ? f : f.slice(2);
    if (name === 'regabi') {
      for (const n of ['regabiwrappers', 'regabiargs']) val ? on.add(n) : on.delete(n);
      continue;
    }
    if (!experiments.includes(name)) return { error: `unknown GOEXPERIMENT ${name}` };
    val ? on.add(name) : on.delete(name);
  }
  for (const n of ['regabiwrappers', 'regabiargs']) regabi ? on.add(n) : on.delete(n);
  return { enabled: experiments.filter((e) => on.has(e)) };
}

/**
 * buildcfg.Check (main.go invoke, for every command but go env, which checks after -w/-u):
 * "go: <error>" (exit status 2), or null when the configuration is valid. buildcfg.Experiment is
 * initialized after the GOARCH refinements (buildcfg.ToolTags needs it), so its error wins.
 */
export function buildConfigError(get: Getenv): string | null {
  const exp = parseGOEXPERIMENT(get('GOARCH') || 'amd64', get('GOEXPERIMENT'));
  if ('error' in exp) return `go: ${exp.error}\n`;
  const s = archSettings(get);
  return s.error !== null ? `go: ${s.error}\n` : null;
}

/** internal/platform distInfo: the GOOS/GOARCH pairs go knows (broken ports included). */
const pairs = new Set(
  `aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 dragonfly/amd64
  freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 freebsd/riscv64 illumos/amd64 ios/amd64 ios/arm64 js/wasm
  linux/386 linux/amd64 linux/arm linux/arm64 linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle
  linux/ppc64 linux/ppc64le linux/riscv64 linux/s390x linux/sparc64 netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64
  openbsd/386 openbsd/amd64 openbsd/arm openbsd/arm64 openbsd/mips64 openbsd/ppc64 openbsd/riscv64 plan9/386
  plan9/amd64 plan9/arm solaris/amd64 wasip1/wasm windows/386 windows/amd64 windows/arm windows/arm64`.split(/\s+/),
);

/** work.CheckGOOSARCHPair: null, or go's error text (without "go: "). */
export function checkGOOSARCHPair(goos: string, goarch: string): string | null {
  return pairs.has(`${goos}/${goarch}`) ? null : `unsupported GOOS/GOARCH pair ${goos}/${goarch}`;
}

/** cfg.DefaultCC (zdefaultcc.go): clang on darwin, ios, freebsd and openbsd, else gcc. */
export function defaultCC(goos: string): string {
  return ['darwin', 'ios', 'freebsd', 'openbsd'].includes(goos) ? 'clang' : 'gcc';
}
