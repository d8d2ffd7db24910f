// The go command's module-fetching environment as it reads it: the OS environment first,
// then the user's go/env file (`go env -w`), then $GOROOT/go.env.
// cmd/go/internal/cfg/cfg.go: Getenv, EnvOrAndChanged, readEnvFile, GOPROXY/GONOPROXY/...;
// cmd/go/internal/base/goflags.go: InitGOFLAGS, SetFromGOFLAGS; cmd/internal/quoted: Split.

import { goQuote } from './module';
import { goFlagNames } from './goflagNames';

/** $GOROOT/go.env of Go 1.23 (the defaults `go env` shows). */
export const GOROOT_GO_ENV = `# This file contains the initial defaults for go command configuration.
# Values set by 'go env -w' and written to the user's go/env file override these.
# The environment overrides everything else.

# Use the Go module mirror and checksum database by default.
# See https://proxy.golang.org for details.
GOPROXY=https://proxy.golang.org,direct
GOSUMDB=sum.golang.org

# Automatically download newer toolchains as directed by go.mod files.
# See https://go.dev/doc/toolchain for details.
GOTOOLCHAIN=auto
`;

/** The settings module fetching and verification depend on. */
export interface GoModEnv {
  GOPROXY: string;
  GONOPROXY: string;
  GOPRIVATE: string;
  GONOSUMDB: string;
  GOSUMDB: string;
  GOINSECURE: string;
  GOVCS: string;
  /** The raw $GOFLAGS text. */
  GOFLAGS: string;
  GOTOOLCHAIN: string;
  /** GOPATH as go computes it ("" if unknown). */
  GOPATH: string;
  /** GOMODCACHE, defaulting to $GOPATH[0]/pkg/mod ("" if unknown). */
  GOMODCACHE: string;
}

/** cfg.go: readEnvFile — KEY=VALUE lines; others (comments, blanks) are ignored. */
export function parseEnvFile(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i < 0 || line[0]! < 'A' || line[0]! > 'Z') continue;
    m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

export interface ReadGoEnvOptions {
  /** Contents of the user's go/env file (ignored when env.GOENV is "off"). */
  userEnvFile?: string;
  /** Contents of $GOROOT/go.env; Go 1.23's by default. */
  gorootEnvFile?: string;
}

/** Go's filepath.Join for absolute Unix paths. */
function joinUnix(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  const abs = joined.startsWith('/');
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
}

/** A getter with cfg.Getenv's precedence: environment, then user go/env, then GOROOT/go.env. */
export function goGetenv(env: Readonly<Record<string, string | undefined>>, opts: ReadGoEnvOptions = {}): (key: string) => string {
  const user = env.GOENV === 'off' ? new Map<string, string>() : parseEnvFile(opts.userEnvFile ?? '');
  const goroot = parseEnvFile(opts.gorootEnvFile ?? GOROOT_GO_ENV);
  return (key) => {
    const v = env[key];
    if (v !== undefined && v !== '') return v;
    return user.get(key) ?? goroot.get(key) ?? '';
  };
}

/** cfg.go: knownEnv — the names go env -w accepts and cfg.Getenv reads from the go/env file. */
export const knownEnv = new Set(
  `AR CC CGO_CFLAGS CGO_CFLAGS_ALLOW CGO_CFLAGS_DISALLOW CGO_CPPFLAGS CGO_CPPFLAGS_ALLOW CGO_CPPFLAGS_DISALLOW
  CGO_CXXFLAGS CGO_CXXFLAGS_ALLOW CGO_CXXFLAGS_DISALLOW CGO_ENABLED CGO_FFLAGS CGO_FFLAGS_ALLOW CGO_FFLAGS_DISALLOW
  CGO_LDFLAGS CGO_LDFLAGS_ALLOW CGO_LDFLAGS_DISALLOW CXX FC GCCGO GO111MODULE GO386 GOAMD64 GOARCH GOARM GOARM64
  GOBIN GOCACHE GOCACHEPROG GOENV GOEXE GOEXPERIMENT GOFLAGS GOGCCFLAGS GOHOSTARCH GOHOSTOS GOINSECURE GOMIPS
  GOMIPS64 GOMODCACHE GONOPROXY GONOSUMDB GOOS GOPATH GOPPC64 GOPRIVATE GOPROXY GORISCV64 GOROOT GOSUMDB GOTMPDIR
  GOTOOLCHAIN GOTOOLDIR GOVCS GOWASM GOWORK GO_EXTLINK_ENABLED PKG_CONFIG`.split(/\s+/),
);

/** os.UserConfigDir / os.UserCacheDir on Unix ("" when neither XDG_* nor HOME gives one). */
export function userDir(env: Readonly<Record<string, string | undefined>>, xdg: string, sub: string): string {
  const x = env[xdg] ?? '';
  if (x !== '') return x.startsWith('/') ? x : '';
  const home = env.HOME ?? '';
  return home !== '' ? joinUnix(home, sub) : '';
}

/** cfg.go: EnvFile — $GOENV, else UserConfigDir/go/env ("" when GOENV=off or no config dir). */
export function envFilePath(env: Readonly<Record<string, string | undefined>>): string {
  const f = env.GOENV ?? '';
  if (f === 'off') return '';
  if (f !== '') return f;
  const dir = userDir(env, 'XDG_CONFIG_HOME', '.config');
  return dir !== '' ? joinUnix(dir, 'go/env') : '';
}

/**
 * The environment every command but \`go env\` sees: cfg.Getenv reads a known variable from the OS
 * environment when set and non-empty, else from the user's go/env file (\`go env -w\`).
 */
export function withUserEnvFile(
  env: Readonly<Record<string, string | undefined>>,
  userEnvFile: string,
): Readonly<Record<string, string | undefined>> {
  if (env.GOENV === 'off' || userEnvFile === '') return env;
  let out: Record<string, string | undefined> | undefined;
  for (const [k, v] of parseEnvFile(userEnvFile)) {
    if (!knownEnv.has(k) || (env[k] ?? '') !== '') continue;
    out ??= { ...env };
    out[k] = v;
  }
  return out ?? env;
}

/** cfg.go: the module-related variables, as `go env` prints them. */
export function readGoEnv(env: Readonly<Record<string, string | undefined>>, opts: ReadGoEnvOptions = {}): GoModEnv {
  const get = goGetenv(env, opts);
  const GOPRIVATE = get('GOPRIVATE');
  const or = (key: string, def: string) => {
    const v = get(key);
    return v !== '' ? v : def;
  };
  let GOPATH = get('GOPATH');
  if (GOPATH === '') {
    const home = env.HOME ?? '';
    GOPATH = home !== '' ? joinUnix(home, 'go') : '';
  }
  const first = GOPATH.split(':')[0] ?? '';
  return {
    GOPROXY: get('GOPROXY'),
    GOSUMDB: get('GOSUMDB'),
    GOPRIVATE,
    GONOPROXY: or('GONOPROXY', GOPRIVATE),
    GONOSUMDB: or('GONOSUMDB', GOPRIVATE),
    GOINSECURE: get('GOINSECURE'),
    GOVCS: get('GOVCS'),
    GOFLAGS: get('GOFLAGS'),
    GOTOOLCHAIN: get('GOTOOLCHAIN'),
    GOPATH,
    GOMODCACHE: or('GOMODCACHE', first !== '' ? joinUnix(first, 'pkg/mod') : ''),
  };
}

/** The error InitGOFLAGS reports; go prints it as "go: " + message and exits. */
export class GoFlagsError extends Error {
  constructor(detail: string) {
    super(`parsing $GOFLAGS: ${detail}`);
    this.name = 'GoFlagsError';
  }
}

const isSpaceByte = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** cmd/internal/quoted.Split: fields, with '...' or "..." around an element (no unescaping). */
export function quotedSplit(s: string): string[] {
  const f: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpaceByte(s[i]!)) i++;
    if (i >= s.length) break;
    if (s[i] === '"' || s[i] === "'") {
      const q = s[i]!;
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new Error(`unterminated ${q} string`);
      f.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpaceByte(s[i]!)) i++;
    f.push(s.slice(start, i));
  }
  return f;
}

/**
 * base.InitGOFLAGS: the $GOFLAGS list, each "-name[=value]" or "--name[=value]". Throws
 * GoFlagsError as go reports it. isKnownFlag (any go subcommand's flag) enables the
 * "unknown flag" check.
 */
export function parseGoFlags(value: string, isKnownFlag?: (name: string) => boolean): string[] {
  let flags: string[];
  try {
    flags = quotedSplit(value);
  } catch (e) {
    throw new GoFlagsError((e as Error).message);
  }
  for (const f of flags) {
    if (!f.startsWith('-') || f === '-' || f === '--' || f.startsWith('---') || f.startsWith('-=') || f.startsWith('--=')) {
      throw new GoFlagsError(`non-flag ${goQuote(f)}`);
    }
    let name = f.slice(1);
    if (name[0] === '-') name = name.slice(1);
    const eq = name.indexOf('=');
    if (eq >= 0) name = name.slice(0, eq);
    if (isKnownFlag && !isKnownFlag(name)) throw new GoFlagsError(`unknown flag -${name}`);
  }
  return flags;
}

/**
 * base.InitGOFLAGS as a command's invoke runs it (main.go: before the command's own flags): the
 * line go prints before exiting 1 for a $GOFLAGS it cannot parse, naming a flag no go command
 * defines (goFlagNames), or "" — go env and go bug ignore a bad $GOFLAGS.
 */
export function goFlagsCheck(goflags: string | undefined, cmdName: string): string {
  if (cmdName === 'env' || cmdName === 'bug' || !goflags) return '';
  try {
    parseGoFlags(goflags, (name) => goFlagNames.has(name));
    return '';
  } catch (e) {
    return 'go: ' + (e as Error).message + '\n';
  }
}

/**
 * base.SetFromGOFLAGS for one flag: the value the last "-name=value" in goflags gives it
 * ("true" for a bare boolean "-name"), or undefined when goflags does not set it.
 */
export function goFlagValue(goflags: readonly string[], name: string): string | undefined {
  let out: string | undefined;
  for (const g of goflags) {
    const eq = g.indexOf('=');
    if (eq === 0) continue;
    let n = eq > 0 ? g.slice(0, eq) : g;
    const v = eq > 0 ? g.slice(eq + 1) : 'true';
    if (n.startsWith('--')) n = n.slice(1);
    if (n.slice(1) === name) out = v;
  }
  return out;
}
