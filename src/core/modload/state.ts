// The module loader's per-command state: what cmd/go/internal/modload keeps in package
// variables (MainModules, requirements, workFilePath, cfg.BuildMod, the summary caches,
// rawGoVersion) and the fetch layer it runs over. One ModState = one go command invocation.
//
// API (see README.md):
//   new ModState({ cwd, files, env, cmdName, deps, buildMod?, stderr? })
//   s.mainModules        MainModuleSet (after loadModFile)
//   s.requirements       Requirements (after loadModFile / loadModGraph)
//   s.fetcher            the modfetch Fetcher (go.sum bound once the main module is known)
//   s.errorf(msg)        base.Errorf: print a non-fatal error, exit status 1
//   FatalError           base.Fatalf: thrown; the command prints .message and exits 1

import type { Exclude, File, Replace, WorkFile } from '../modfile';
import { DefaultGoModVersion, fromGoMod, fromGoWork, Local, modCompare, TooNewError, tooNewExplain } from '../gover';
import { readGoEnv } from '../goenv';
import type { ModuleVersion } from '../module';
import { FatalError } from '../fatal';
import { Fetcher, type FetchDeps } from '../modfetch/fetcher';
import type { GoSumState } from '../gosum';
import type { Workspace } from '../workspace';
import { mvKey } from '../mvs/graph';
import type { Requirements } from './requirements';

export { FatalError };

/** modfile.go: modPruning */
export type ModPruning = 'pruned' | 'unpruned' | 'workspace';

/** modfile.go: requireMeta */
export interface RequireMeta {
  indirect: boolean;
}

/** modfile.go: modFileIndex — a main module's go.mod at the time it was read. */
export interface ModFileIndex {
  data: Uint8Array;
  dataNeedsFix: boolean;
  module: ModuleVersion;
  goVersion: string;
  toolchain: string;
  /** keyed by mvKey(module) */
  require: Map<string, RequireMeta>;
  /** keyed by mvKey(old) (old.version "" for path-only replacements) */
  replace: Map<string, ModuleVersion>;
  /** keyed by mvKey(module) */
  exclude: Set<string>;
}

/** A Map that counts the changes made to it. */
class CountedMap<K, V> extends Map<K, V> {
  changes = 0;
  override set(k: K, v: V): this {
    this.changes++;
    return super.set(k, v);
  }
  override delete(k: K): boolean {
    this.changes++;
    return super.delete(k);
  }
  override clear(): void {
    this.changes++;
    super.clear();
  }
}

/** init.go: MainModuleSet */
export class MainModuleSet {
  readonly pathPrefix = new Map<string, string>();
  readonly modRoot = new Map<string, string>();
  readonly modFiles = new Map<string, File | null>();
  readonly indices = new CountedMap<string, ModFileIndex | null>();
  readonly highestReplaced = new Map<string, string>();
  workFileReplaceMap = new Map<string, ModuleVersion>();
  modContainingCWD: ModuleVersion | null = null;
  /** A workspace's set (init.go: inWorkspaceMode), also when it has no modules and so no work file here. */
  inWorkspace = false;

  constructor(
    readonly versionsList: ModuleVersion[],
    readonly workFile: WorkFile | null,
  ) {}

  versions(): ModuleVersion[] {
    return this.versionsList;
  }
  contains(path: string): boolean {
    // Asked for every package and module the loader meets: a plain loop, no closure per call.
    const l = this.versionsList;
    for (let i = 0; i < l.length; i++) if (l[i]!.path === path) return true;
    return false;
  }
  getModRoot(m: ModuleVersion): string {
    return this.modRoot.get(mvKey(m)) ?? '';
  }
  index(m: ModuleVersion): ModFileIndex | null {
    return this.indices.get(mvKey(m)) ?? null;
  }
  private replacing: { changes: number; any: boolean } | null = null;
  /** Whether the go.work file or any main module's go.mod has a replace directive. */
  hasReplacements(): boolean {
    if (this.workFileReplaceMap.size > 0) return true;
    // an index's replacements never change: only which indices there are
    if (this.replacing?.changes !== this.indices.changes) {
      let any = false;
      for (const i of this.indices.values()) if (i !== null && i.replace.size > 0) any = true;
      this.replacing = { changes: this.indices.changes, any };
    }
    return this.replacing.any;
  }
  setIndex(m: ModuleVersion, i: ModFileIndex): void {
    this.indices.set(mvKey(m), i);
  }
  modFile(m: ModuleVersion): File | null {
    return this.modFiles.get(mvKey(m)) ?? null;
  }
  len(): number {
    return this.versionsList.length;
  }
  mustGetSingleMainModule(): ModuleVersion {
    if (this.versionsList.length !== 1) {
      throw new Error('internal error: mustGetSingleMainModule called in context with more than one main module');
    }
    return this.versionsList[0]!;
  }
  getSingleIndexOrNil(): ModFileIndex | null {
    if (this.versionsList.length !== 1) return null;
    return this.index(this.versionsList[0]!);
  }
  /** init.go: (*MainModuleSet).GoVersion */
  goVersion(): string {
    if (this.workFile !== null || this.inWorkspace) return fromGoWork(this.workFile?.go?.version);
    if (this.versionsList.length === 1) {
      const f = this.modFile(this.versionsList[0]!);
      if (f === null) return Local; // outside a module
      return fromGoMod(f.go?.version);
    }
    return DefaultGoModVersion;
  }
  /** init.go: (*MainModuleSet).Godebugs — go.work's godebug lines in a workspace, else the single main module's. */
  godebugs(): ReadonlyArray<{ key: string; value: string }> {
    if (this.workFile !== null || this.inWorkspace) return this.workFile?.godebug ?? [];
    if (this.versionsList.length === 1) return this.modFile(this.versionsList[0]!)?.godebug ?? [];
    return [];
  }
  /** init.go: (*MainModuleSet).Toolchain */
  toolchain(goVersion: string): string {
    if (this.workFile !== null && this.workFile.toolchain) return this.workFile.toolchain.name;
    if (this.workFile === null && this.versionsList.length === 1) {
      const f = this.modFile(this.versionsList[0]!);
      if (f?.toolchain) return f.toolchain.name;
    }
    return 'go' + goVersion;
  }
}

/** What a command is run with. */
export interface ModStateOptions {
  cwd: string;
  files: Workspace;
  env: Readonly<Record<string, string | undefined>>;
  /** cfg.CmdName, e.g. "mod graph", "list". */
  cmdName: string;
  deps: FetchDeps;
  /** The -mod flag value, if given explicitly ("" = not given). */
  buildMod?: string;
  /** -modfile */
  modFile?: string;
  /** -overlay (fsys.OverlayFile): applied to files by initWorkfile, as go's fsys.Init. */
  overlay?: string;
  /** Where diagnostics go (base.Errorf, warnings). */
  stderr?: (s: string) => void;
  signal?: AbortSignal;
}

/** The modload package state of one go command. */
export class ModState {
  readonly cwd: string;
  /** The command's files; the -overlay view once initWorkfile has read it. */
  files: Workspace;
  readonly overlayFile: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cmdName: string;
  readonly deps: FetchDeps;
  buildMod = '';
  buildModExplicit = false;
  buildModReason = '';
  cfgModFile = '';
  initialized = false;
  workFilePath = '';
  modRoots: string[] | null = null;
  mainModules: MainModuleSet | null = null;
  requirements: Requirements | null = null;
  /** ForceUseModules / RootMode: commands here always need a root. */
  allowMissingModuleImports = false;
  /** modfetch.GoSumFile / WorkspaceGoSumFiles */
  goSumFile = '';
  workspaceGoSumFiles: string[] = [];
  /** rawGoVersion: go version of each module's go.mod, keyed by mvKey. */
  readonly rawGoVersion = new Map<string, string>();
  readonly rawGoModSummaryCache = new Map<string, Promise<unknown>>();
  readonly latestVersionIgnoringRetractionsCache = new Map<string, Promise<ModuleVersion>>();
  exitStatus = 0;
  private fetcherV: Fetcher | null = null;
  private readonly stderrFn: (s: string) => void;
  readonly signal?: AbortSignal;

  constructor(o: ModStateOptions) {
    this.cwd = o.cwd;
    this.files = o.files;
    this.env = o.env;
    this.cmdName = o.cmdName;
    this.deps = o.deps;
    this.stderrFn = o.stderr ?? (() => {});
    if (o.deps.traceSink && o.stderr) o.deps.traceSink.write = (t) => this.stderr(t);
    this.signal = o.signal;
    if (o.buildMod) {
      this.buildMod = o.buildMod;
      this.buildModExplicit = true;
    }
    this.cfgModFile = o.modFile ?? '';
    this.overlayFile = o.overlay ?? '';
  }

  getenv(key: string): string {
    return this.env[key] ?? '';
  }

  /** gover.TooNewError with Startup's explanation ("; GOTOOLCHAIN=local"). */
  tooNew(what: string, goVersion: string, toolchain = ''): TooNewError {
    return new TooNewError(what, goVersion, tooNewExplain(this.goEnv.GOTOOLCHAIN), toolchain);
  }

  get goEnv() {
    return readGoEnv(this.env);
  }

  stderr(s: string): void {
    this.stderrFn(s);
  }

  /** base.Errorf: log.Printf (newline added) and exit status 1. */
  errorf(msg: string): void {
    this.stderr(msg.endsWith('\n') ? msg : msg + '\n');
    this.exitStatus = 1;
  }

  /** The fetch layer, bound to go.sum once it is loaded (bindGoSum). */
  get fetcher(): Fetcher {
    this.fetcherV ??= this.newFetcher(undefined);
    return this.fetcherV;
  }

  bindGoSum(goSum: GoSumState | undefined): void {
    this.fetcherV = this.newFetcher(goSum);
  }

  private newFetcher(goSum: GoSumState | undefined): Fetcher {
    return new Fetcher({
      ...this.deps,
      goSum,
      env: { GOSUMDB: this.goEnv.GOSUMDB, GONOSUMDB: this.goEnv.GONOSUMDB, GOTOOLCHAIN: this.goEnv.GOTOOLCHAIN },
      signal: this.signal,
      stderr: (s) => this.stderr(s),
      announceDownloads: this.cmdName !== 'mod download',
      lookupDisabled: () =>
        this.buildMod !== 'vendor'
          ? null
          : new Error(`module lookup disabled by -mod=vendor${this.buildModReason === '' ? '' : `\n\t(${this.buildModReason})`}`),
    });
  }

  get goSum(): GoSumState | undefined {
    return this.fetcherV?.goSum;
  }

  /** init.go: inWorkspaceMode */
  inWorkspaceMode(): boolean {
    return this.workFilePath !== '';
  }

  /** init.go: mustHaveCompleteRequirements */
  mustHaveCompleteRequirements(): boolean {
    return this.buildMod !== 'mod' && !this.inWorkspaceMode();
  }

  /** import.go: mustHaveSums */
  mustHaveSums(): boolean {
    return this.hasModRoot() && this.buildMod === 'readonly' && !this.inWorkspaceMode();
  }

  /** init.go: HasModRoot — a workspace without use lines has none (go's modRoots stays nil). */
  hasModRoot(): boolean {
    return this.modRoots !== null && this.modRoots.length > 0;
  }

  /** modfetch.HaveSum */
  haveSum(m: ModuleVersion): boolean {
    const gs = this.goSum;
    return gs !== undefined && gs.haveSum(m);
  }

  main(): MainModuleSet {
    if (!this.mainModules) throw new Error('internal error: main modules not loaded');
    return this.mainModules;
  }
}

/** modfile.go: toReplaceMap — conflicting duplicates are fatal. */
export function toReplaceMap(replacements: readonly Replace[]): Map<string, ModuleVersion> {
  const m = new Map<string, ModuleVersion>();
  for (const r of replacements) {
    const prev = m.get(mvKey(r.old));
    if (prev && (prev.path !== r.new.path || prev.version !== r.new.version)) {
      throw new FatalError(`go: conflicting replacements for ${fmtMod(r.old)}:\n\t${fmtMod(prev)}\n\t${fmtMod(r.new)}`);
    }
    m.set(mvKey(r.old), r.new);
  }
  return m;
}

/** module.Version's String(): path, or path@version. */
export function fmtMod(m: ModuleVersion): string {
  return m.version === '' ? m.path : `${m.path}@${m.version}`;
}

export function excludeSet(ex: readonly Exclude[]): Set<string> {
  return new Set(ex.map((x) => mvKey(x.mod)));
}

/** gover.ModCompare-based max for highestReplaced. */
export function higherReplaced(path: string, v: string, prev: string | undefined): boolean {
  return prev === undefined || modCompare(path, v, prev) > 0;
}
