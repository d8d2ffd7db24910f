// The go command lines the page's terminal runs: the same dispatch as src/cli/commands.ts, over
// browser IO (an in-memory workspace the page persists, the IndexedDB module cache, GOPROXY via
// the relay / in-memory file:// directories, WebCrypto hashing). Pure TypeScript apart from the
// IO handed in, so Node tests can drive it too.
import { buildConfigError } from '../core/buildcfg';
import { commandLineError } from '../core/commands/cmdflags';
import type { ModuleCache } from '../core/cache';
import type { Hasher } from '../core/hasher';
import type { FetchDeps, SumDB } from '../core/modfetch/fetcher';
import type { ModuleSource } from '../core/source';
import { cleanAbs, joinAbs, type CommandContext, type CommandResult, type Progress, type Touched, type Workspace } from '../core/workspace';
import { editTarget, modEdit } from '../core/commands/modedit';
import { modDownload } from '../core/commands/moddownload';
import { modVerify } from '../core/commands/modverify';
import { modGraph } from '../core/commands/modgraph';
import { modTidy } from '../core/commands/modtidy';
import { workSync } from '../core/commands/worksync';
import { workEdit } from '../core/commands/workedit';
import { workInit, workUseCommand } from '../core/commands/workuse';
import { goClean } from '../core/commands/clean';
import { modVendor, workVendor } from '../core/commands/modvendor';
import { listCommand } from '../core/commands/listm';
import { modWhy } from '../core/commands/modwhy';
import { modInit } from '../core/commands/modinit';
import { buildCheck } from '../core/commands/buildcheck';
import { goGet } from '../core/commands/get';
import { envCommand } from '../core/commands/envcmd';
import { goHelp } from '../core/commands/help';
import { CountingCache } from '../core/modfetch/session';
import { utf8Decode } from '../core/gostrings';
import { goFlagsCheck } from '../core/goenv';
import { goVersion } from '../core/commands/version';
import { goTree } from './commandNames';
export { allCommands } from './commandNames';

export interface GoIO {
  cwd: string;
  files: Workspace;
  env: Readonly<Record<string, string | undefined>>;
  cache: ModuleCache;
  source: ModuleSource;
  hasher: Hasher;
  /** The checksum database for GOSUMDB (undefined when GOSUMDB=off). */
  sumdb?: SumDB;
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
}

export interface GoResult extends CommandResult {
  touched: Touched;
  /** `go env -w/-u`: settings to store (value undefined = unset). */
  envUpdates?: Record<string, string | undefined>;
}

/** The variables `go env` shows and `go env -w` may set in the page. */
export const envKeys = ['GOFLAGS', 'GOINSECURE', 'GOMODCACHE', 'GONOPROXY', 'GONOSUMDB', 'GOPATH', 'GOPRIVATE', 'GOPROXY', 'GOSUMDB', 'GOTOOLCHAIN', 'GOVCS'] as const;
const writable = new Set(['GOFLAGS', 'GOINSECURE', 'GONOPROXY', 'GONOSUMDB', 'GOPRIVATE', 'GOPROXY', 'GOSUMDB', 'GOVCS']);

type Handler = (args: string[], io: GoIO) => Promise<CommandResult & { envUpdates?: Record<string, string | undefined> }>;

function ctxOf(io: GoIO): { ctx: CommandContext; deps: FetchDeps } {
  return {
    ctx: { cwd: io.cwd, files: io.files, env: io.env, signal: io.signal, progress: io.progress },
    deps: { source: io.source, cache: io.cache, hasher: io.hasher, sumdb: io.sumdb },
  };
}

/** A handler for a core command taking (args, ctx, deps). */
function withDeps(run: (args: string[], ctx: CommandContext, deps: FetchDeps) => Promise<CommandResult>): Handler {
  return (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return run(a, ctx, deps);
  };
}

const handlers: Record<string, Handler> = {
  'mod edit': modEditHandler,
  'mod download': (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return modDownload(ctx, a, deps);
  },
  'mod verify': (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return modVerify(ctx, a, deps);
  },
  'mod graph': (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return modGraph(a, ctx, deps);
  },
  'mod tidy': (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return modTidy(a, ctx, deps);
  },
  'mod vendor': (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return modVendor(a, ctx, deps);
  },
  'mod why': (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return modWhy(a, ctx, deps);
  },
  'mod init': (a, io) => modInit(a, ctxOf(io).ctx, io.cache),
  'work vendor': (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return workVendor(a, ctx, deps);
  },
  'work sync': withDeps(workSync),
  'work init': withDeps(workInit),
  'work use': withDeps(workUseCommand),
  'work edit': withDeps(workEdit),
  get: (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return goGet(a, ctx, deps);
  },
  build: (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return buildCheck('build', a, ctx, deps);
  },
  run: (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return buildCheck('run', a, ctx, deps);
  },
  test: (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return buildCheck('test', a, ctx, deps);
  },
  vet: (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return buildCheck('vet', a, ctx, deps);
  },
  list: (a, io) => {
    const { ctx, deps } = ctxOf(io);
    return listCommand(a, ctx, deps);
  },
  clean: cleanHandler,
  env: envHandler,
  version: async (a, io) => goVersion(a, io.env),
};

/** The names of the commands the page implements (for completion and help). */
export const implemented = Object.keys(handlers).map((k) => 'go ' + k);

const usage = 'Go is a tool for managing Go source code.\n\nUsage:\n\n\tgo <command> [arguments]\n\n' +
  'modscope runs these in the page: ' + Object.keys(handlers).map((k) => 'go ' + k).join(', ') + '.\n';

/** Runs one go command line (words after "go"). */
export async function runGo(argv: string[], io: GoIO): Promise<GoResult> {
  const before = await snapshot(io);
  const counting = new CountingCache(io.cache);
  const run = { ...io, cache: counting };
  let r: CommandResult & { envUpdates?: Record<string, string | undefined> };
  const first = argv[0];
  if (first === 'help' && argv.length > 1) {
    r = goHelp(argv.slice(1));
  } else if (first === 'help') {
    // `go help`: the usage on stdout (help.Help(os.Stdout, nil)); a bare `go`: on stderr, exit 2
    r = goHelp([]);
  } else if (first === undefined || ['-h', '-help', '--help'].includes(first)) {
    r = { stdout: '', stderr: goHelp([]).stdout, exitCode: 2 };
  } else if (first.startsWith('-')) {
    r = { stdout: '', stderr: `flag provided but not defined: ${first}\n` + usage, exitCode: 2 };
  } else if (!(first in goTree)) {
    r = { stdout: '', stderr: `go ${first}: unknown command\nRun 'go help' for usage.\n`, exitCode: 2 };
  } else {
    const subs = goTree[first];
    let words = [first];
    let bad: string | undefined;
    if (subs) {
      const sub = argv[1];
      if (sub === undefined) bad = `modscope does not implement 'go ${first}' yet\n`;
      else if (!subs.includes(sub)) bad = `go ${first}: unknown command\nRun 'go help ${first}' for usage.\n`;
      else words = [first, sub];
    }
    const name = words.join(' ');
    const h = handlers[name];
    const badFlags = goFlagsCheck(io.env.GOFLAGS, name);
    // main.go invoke: buildcfg.Check first (go env checks after its -w/-u)
    const cfgErr = name === 'env' ? null : buildConfigError((k) => io.env[k] ?? '');
    if (bad) r = { stdout: '', stderr: bad, exitCode: 2 };
    else if (!h) r = { stdout: '', stderr: `modscope does not implement 'go ${name}' yet\n`, exitCode: 2 };
    else if (cfgErr !== null) r = { stdout: '', stderr: cfgErr, exitCode: 2 };
    else if (badFlags !== '') r = { stdout: '', stderr: badFlags, exitCode: 1 };
    else {
      try {
        // main.go invoke: $GOFLAGS and the command's own flag set, before it runs (as the CLI)
        const usage = commandLineError(name, argv.slice(words.length), io.env.GOFLAGS);
        r = usage !== null ? { stdout: '', ...usage } : await h(argv.slice(words.length), run);
      } catch (e) {
        if (io.signal?.aborted) r = { stdout: '', stderr: 'go: canceled\n', exitCode: 1 };
        else r = { stdout: '', stderr: `modscope: internal error: ${(e as Error)?.message ?? String(e)}\n`, exitCode: 1 };
      }
    }
  }
  const after = await snapshot(io);
  const touched: Touched = r.touched ?? {
    gomod: after.gomod !== before.gomod ? 'written' : before.gomod !== undefined && needsModule(argv) ? 'read' : 'none',
    gosum: after.gosum !== before.gosum ? 'written' : before.gosum !== undefined && needsModule(argv) ? 'read' : 'none',
    cache: counting.writes > 0 ? 'written' : counting.reads > 0 ? 'read' : 'none',
  };
  // A command's own report can miss a go.mod/go.sum write made through the workspace.
  if (after.gomod !== before.gomod) touched.gomod = 'written';
  if (after.gosum !== before.gosum) touched.gosum = 'written';
  if (counting.writes > 0) touched.cache = 'written';
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, stdoutAfter: r.stdoutAfter, touched, envUpdates: r.envUpdates };
}

function needsModule(argv: string[]): boolean {
  return argv[0] === 'mod' || argv[0] === 'list';
}

async function findModuleRoot(files: Workspace, dir: string): Promise<string | undefined> {
  let d = cleanAbs(dir);
  for (;;) {
    if ((await files.stat(joinAbs(d, 'go.mod'))) === 'file') return d;
    if (d === '/') return undefined;
    d = d.slice(0, d.lastIndexOf('/')) || '/';
  }
}

async function snapshot(io: GoIO): Promise<{ gomod?: string; gosum?: string }> {
  const root = await findModuleRoot(io.files, io.cwd);
  if (root === undefined) return {};
  const m = await io.files.read(joinAbs(root, 'go.mod'));
  const s = await io.files.read(joinAbs(root, 'go.sum'));
  return { gomod: m && utf8Decode(m), gosum: s && utf8Decode(s) };
}

// `go mod edit` (as src/cli/modEditCmd.ts): the go.mod named by a positional argument or
// -modfile, or the main module's; written back when go would write it.
async function modEditHandler(args: string[], io: GoIO): Promise<CommandResult> {
  const { positional, modfile } = editTarget(args);
  const root = positional === undefined ? await findModuleRoot(io.files, io.cwd) : undefined;
  let path = positional ?? modfile;
  if (path !== undefined) path = joinAbs(io.cwd, path);
  else if (root !== undefined) path = joinAbs(root, 'go.mod');
  const raw = path === undefined ? undefined : await io.files.read(path);
  const data = raw === undefined ? null : utf8Decode(raw);
  // The core checks the flags first, then finds no go.mod (or GOPATH mode) as go does.
  const r = modEdit(args, data === null || path === undefined ? null : { name: path, data }, {
    cwd: io.cwd,
    modulesOff: io.env.GO111MODULE === 'off',
    hasModRoot: positional !== undefined || root !== undefined,
  });
  if (r.exitCode === 0 && r.data !== undefined && r.data !== data && path !== undefined) await io.files.write(path, r.data);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

// `go clean` (as src/cli/cleanCmd.ts).
async function cleanHandler(args: string[], io: GoIO): Promise<CommandResult> {
  return goClean(args, { root: io.cache.root, cache: io.cache }, ctxOf(io));
}

// `go env` over the page's settings: io.env holds them (the page fixes some of them).
async function envHandler(args: string[], io: GoIO): Promise<CommandResult & { envUpdates?: Record<string, string | undefined> }> {
  const r = await envCommand(args, ctxOf(io).ctx, {
    osEnv: {},
    // the page's machine has a temporary directory (and Debian's gcc: envcmd's default)
    statTempDir: () => Promise.resolve('dir'),
    refuseWrite: (k) => (!(envKeys as readonly string[]).includes(k) || !writable.has(k) ? `${k} cannot be modified in modscope (the page fixes it)` : null),
  });
  if (r.exitCode === 0 && r.envUpdates?.GOPROXY !== undefined) {
    const { parseProxyList } = await import('../core/source');
    try {
      parseProxyList(r.envUpdates.GOPROXY, '');
    } catch (err) {
      return { stdout: '', stderr: `go: ${(err as Error).message}\n`, exitCode: 1 };
    }
  }
  return r;
}
