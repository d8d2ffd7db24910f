// What the fetch commands share: finding and reading the main module (modload.findModuleRoot,
// LoadModFile's go.mod/go.sum reading), the fetcher over the command's IO, and writing go.sum
// back (modfetch.WriteGoSum with modload.keepSums' addBuildListZipSums set).

import type { ModuleCache } from '../cache';
import { readGoEnv, type GoModEnv } from '../goenv';
import { GoSumState, goModKey } from '../gosum';
import type { ModuleVersion } from '../module';
import { parse, type File as ModFile } from '../modfile';
import { utf8Decode } from '../gostrings';
import type { CommandContext, Touched } from '../workspace';
import { Fetcher, type FetchDeps } from './fetcher';
import { replacement, rootsOf, type MainModule, type ModuleGraph } from './modgraph';

export const noGoModText = "go.mod file not found in current directory or any parent directory; see 'go help modules'";

/** A go command's early exit: text for stderr (and stdout) and the exit status. */
export class CommandExit extends Error {
  constructor(
    readonly stderr: string,
    readonly exitCode: number,
    readonly stdout = '',
  ) {
    super(stderr);
    this.name = 'CommandExit';
  }
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** modload.findModuleRoot: the nearest directory at or above dir holding a go.mod file. */
export async function findModuleRoot(ctx: CommandContext, dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirOf(d)) {
    if ((await ctx.files.stat(joinSlash(d, 'go.mod'))) === 'file') return d;
    if (d === '/') return undefined;
  }
}

/** modload.findWorkspaceFile (for refusing workspace mode plainly). */
async function findWorkFile(ctx: CommandContext, dir: string): Promise<string | undefined> {
  const gowork = ctx.env.GOWORK ?? '';
  if (gowork === 'off') return undefined;
  if (gowork !== '' && gowork !== 'auto') return gowork;
  for (let d = dir; ; d = dirOf(d)) {
    if ((await ctx.files.stat(joinSlash(d, 'go.work'))) === 'file') return joinSlash(d, 'go.work');
    if (d === '/') return undefined;
  }
}

/** base.ShortPath: path relative to cwd when that is shorter. */
export function shortPath(path: string, cwd: string): string {
  const a = path.split('/').filter(Boolean);
  const b = cwd.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rel = [...Array(b.length - i).fill('..'), ...a.slice(i)].join('/') || '.';
  return rel.length < path.length ? rel : path;
}

export function joinSlash(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

/** The command's IO, environment and main module (if any). */
export interface FetchSession {
  ctx: CommandContext;
  env: GoModEnv;
  main?: MainModule;
  /** Absolute go.sum path (GoSumFile) when in a module. */
  goSumFile?: string;
  goSum?: GoSumState;
  fetcher: Fetcher;
  cache: CountingCache;
  stderr: (s: string) => void;
}

/** A ModuleCache that counts writes (for CommandResult.touched). */
export class CountingCache implements ModuleCache {
  writes = 0;
  reads = 0;
  constructor(private readonly c: ModuleCache) {}
  get root() {
    return this.c.root;
  }
  read(rel: string) {
    this.reads++;
    return this.c.read(rel);
  }
  write(rel: string, data: Uint8Array) {
    this.writes++;
    return this.c.write(rel, data);
  }
  remove(rel: string) {
    this.writes++;
    return this.c.remove(rel);
  }
  exists(rel: string) {
    this.reads++;
    return this.c.exists(rel);
  }
  list(dir: string) {
    this.reads++;
    return this.c.list(dir);
  }
  writeTree(dir: string, files: Parameters<ModuleCache['writeTree']>[1]) {
    this.writes++;
    return this.c.writeTree(dir, files);
  }
  removeTree(dir: string) {
    this.writes++;
    return this.c.removeTree(dir);
  }
}

export interface OpenOptions {
  /** Fail (like modload.RootMode = NeedRoot) when there is no go.mod. */
  needRoot?: boolean;
  /** DownloadZip's "go: downloading" lines (every command but go mod download). */
  announceDownloads?: boolean;
  /** Where the fetcher's diagnostics go. */
  stderr: (s: string) => void;
}

/**
 * Opens the main module (go.mod, go.sum) for a fetch command and builds its fetcher. Throws
 * CommandExit with go's text for a missing go.mod (when needed), parse errors, malformed go.sum.
 */
export async function openSession(ctx: CommandContext, deps: FetchDeps, o: OpenOptions): Promise<FetchSession> {
  const env = readGoEnv(ctx.env);
  const work = await findWorkFile(ctx, ctx.cwd);
  if (work !== undefined) {
    throw new CommandExit(`modscope: workspace mode (${work}) is not supported by this command yet; set GOWORK=off\n`, 1);
  }
  const root = await findModuleRoot(ctx, ctx.cwd);
  let main: MainModule | undefined;
  let goSum: GoSumState | undefined;
  let goSumFile: string | undefined;
  if (root === undefined) {
    if (o.needRoot) throw new CommandExit(`go: ${noGoModText}\n`, 1);
  } else {
    const gomodPath = joinSlash(root, 'go.mod');
    const data = (await ctx.files.read(gomodPath)) ?? new Uint8Array();
    let file: ModFile;
    try {
      file = parse(shortPath(gomodPath, ctx.cwd), data);
    } catch (e) {
      throw new CommandExit(`go: errors parsing go.mod:\n${(e as Error).message}\n`, 1);
    }
    if (!file.module) {
      throw new CommandExit(`go: error reading ${gomodPath}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example/mod\n`, 1);
    }
    main = { path: file.module.mod.path, goVersion: file.go?.version ?? '', file, modRoot: root };
    goSumFile = joinSlash(root, 'go.sum');
    const sumData = (await ctx.files.read(goSumFile)) ?? '';
    try {
      goSum = GoSumState.load(goSumFile, sumData);
    } catch (e) {
      throw new CommandExit(`${(e as Error).message}\n`, 1);
    }
  }
  const cache = new CountingCache(deps.cache);
  const fetcher = new Fetcher({
    ...deps,
    cache,
    goSum,
    env: { GOSUMDB: env.GOSUMDB, GONOSUMDB: env.GONOSUMDB, GOTOOLCHAIN: env.GOTOOLCHAIN },
    signal: ctx.signal,
    progress: ctx.progress,
    stderr: o.stderr,
    announceDownloads: o.announceDownloads,
  });
  return { ctx, env, main, goSum, goSumFile, fetcher, cache, stderr: o.stderr };
}

/**
 * keepSums(ctx, nil, rs, addBuildListZipSums) for -mod=mod: without a loaded graph, the roots'
 * go.mod and zip sums; with one, the go.mod sums of every module whose requirements were
 * loaded plus zip and go.mod sums of the build list.
 */
export function keepSums(main: MainModule, graph: ModuleGraph | undefined): (m: ModuleVersion) => boolean {
  const keep = new Set<string>();
  const add = (m: ModuleVersion) => keep.add(m.path + '\0' + m.version);
  const resolve = (m: ModuleVersion) => replacement(main, m) ?? m;
  if (!graph) {
    for (const m of rootsOf(main)) {
      const r = resolve(m);
      add(goModKey(r));
      add(r);
    }
  } else {
    for (const m of graph.loaded()) add(goModKey(resolve(m)));
    for (const m of graph.buildList()) {
      const r = resolve(m);
      add(goModKey(r));
      add(r);
    }
  }
  return (m) => keep.has(m.path + '\0' + m.version);
}

/** modfetch.WriteGoSum: writes go.sum when needed; returns whether it was written. */
export async function writeGoSum(s: FetchSession, keep: (m: ModuleVersion) => boolean): Promise<boolean> {
  if (!s.goSum || !s.goSumFile) return false;
  const current = (await s.ctx.files.read(s.goSumFile)) ?? new Uint8Array();
  const before = s.goSum.warnings.length;
  let text: string | undefined;
  try {
    text = s.goSum.write(current, keep);
  } finally {
    // tidyGoSum re-adds the sums used in this run, warning again about unknown hashes.
    for (const w of s.goSum.warnings.slice(before)) s.stderr(w);
  }
  if (text === undefined) return false;
  // modfetch.SideLock: go creates $GOMODCACHE/cache/lock before editing go.sum.
  if ((await s.cache.read('cache/lock')) === undefined) await s.cache.write('cache/lock', new Uint8Array());
  if (utf8Decode(current) !== text) await s.ctx.files.write(s.goSumFile, text);
  return true;
}

/** CommandResult.touched for a fetch command. */
export function touched(s: FetchSession | undefined, gosumWritten: boolean): Touched {
  return {
    gomod: s?.main ? 'read' : 'none',
    gosum: gosumWritten ? 'written' : s?.main ? 'read' : 'none',
    cache: !s ? 'none' : s.cache.writes > 0 ? 'written' : s.cache.reads > 0 ? 'read' : 'none',
  };
}
