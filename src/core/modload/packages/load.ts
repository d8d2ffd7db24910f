// The package loader: cmd/go/internal/modload/load.go (LoadPackages, loader, loadFromRoots,
// updateRequirements, resolveMissingImports, pkg, applyPkgFlags, preloadRootModules, load,
// pkgTest, computePatternAll, checkMultiplePaths, checkTidyCompatibility, buildStacks,
// stackText, why) and the loader half of init.go: keepSums.
import { compareGo, isToolchainPath, Local, modCompare, modSort, prevGo, GoStrictVersion, TidyGoModSumVersion, NarrowAllVersion, TooNewError } from '../../gover';
import { checkImportPath, isStandardImportPath, type ModuleVersion } from '../../module';
import { anyTags, type Tags } from '../../imports/match';
import { isIgnoredFileName, loadScanDir, type ScanMode } from '../../imports/dirs';
import { BuildListError } from '../../mvs/errors';
import { mvKey } from '../../mvs/graph';
import { convertPruning, expandGraph, overrideRoots, tidyRoots, updateRoots, conflictSummary, type RootPkg } from '../buildlist';
import { commitRequirements, die, keepSums, loadModFile, updateGoModFromReqs, writeGoSum } from '../init';
import { errorsAs, pruningForGoVersion, replacement, replaceRelativeTo, resolveReplacement } from '../modfile';
import { newRequirements, type ModuleGraph, type Requirements } from '../requirements';
import { FatalError, fmtMod, type ModState } from '../state';
import { clean, dir as dirOf, inDir, isAbs, join, shortPath } from '../paths';
import { downloadDir } from '../../cache';
import { readVendorList } from '../vendor';
import {
  AmbiguousImportError,
  DirectImportFromImplicitDependencyError,
  ImportMissingError,
  ImportMissingSumError,
  goRoot,
  importFromModules,
  loadEnv,
  queryImport,
  type LoadEnv,
} from './import';
import { isLocalPattern, matchPackages, matchPattern, matchStdCmd, treeCanMatchPattern, walkLocalPackages } from './search';
import { unifiedDiff } from './diff';
import { Switcher } from '../../toolchain/switch';
import { utf8Decode } from '../../gostrings';

const PKG_IN_ALL = 1;
const PKG_IS_ROOT = 2;
const PKG_FROM_ROOT = 4;
const PKG_IMPORTS_LOADED = 8;

const noMod: ModuleVersion = { path: '', version: '' };

/** load.go: loadPkg */
export class LoadPkg implements RootPkg {
  flags = 0;
  mod: ModuleVersion = noMod;
  dir = '';
  err: Error | null = null;
  imports: LoadPkg[] = [];
  testImports: string[] = [];
  inStd = false;
  altMods: ModuleVersion[] = [];
  test: LoadPkg | null = null;
  stack: LoadPkg | null = null;
  constructor(
    readonly ld: Loader,
    readonly path: string,
    readonly testOf: LoadPkg | null = null,
  ) {}
  has(f: number): boolean {
    return (this.flags & f) === f;
  }
  get inAll(): boolean {
    return this.has(PKG_IN_ALL);
  }
  get isRoot(): boolean {
    return this.has(PKG_IS_ROOT);
  }
  get fromRoot(): boolean {
    return this.has(PKG_FROM_ROOT);
  }
  isTest(): boolean {
    return this.testOf !== null;
  }
  fromExternalModule(): boolean {
    if (this.mod.path === '') return false;
    return !this.ld.s.main().contains(this.mod.path);
  }
  /** load.go: stackText */
  stackText(): string {
    const stack: LoadPkg[] = [];
    for (let p: LoadPkg | null = this; p !== null; p = p.stack) stack.push(p);
    let buf = '';
    for (let i = stack.length - 1; i >= 0; i--) {
      const p = stack[i]!;
      buf += p.path;
      if (p.testOf !== null) buf += '.test';
      if (i > 0) buf += stack[i - 1]!.testOf === p ? ' tested by\n\t' : ' imports\n\t';
    }
    return buf;
  }
  /** load.go: why */
  why(): string {
    const stack: LoadPkg[] = [];
    for (let p: LoadPkg | null = this; p !== null; p = p.stack) stack.push(p);
    let buf = '';
    for (let i = stack.length - 1; i >= 0; i--) {
      const p = stack[i]!;
      buf += (p.testOf !== null ? p.testOf.path + '.test' : p.path) + '\n';
    }
    return buf;
  }
  /** The import stack as paths (tests as "P.test"), root first. */
  whyPath(): string[] {
    return this.why().split('\n').filter((x) => x !== '');
  }
}

export interface PackageOpts {
  /** MainModule: "all" starts from this main module's packages only (go work sync). */
  mainModule?: ModuleVersion;
  tidyGoVersion?: string;
  tags?: Tags;
  tidy?: boolean;
  tidyDiff?: boolean;
  tidyCompatibleVersion?: string;
  resolveMissingImports?: boolean;
  assumeRootsImported?: boolean;
  loadTests?: boolean;
  useVendorAll?: boolean;
  allowErrors?: boolean;
  silencePackageErrors?: boolean;
  silenceMissingStdImports?: boolean;
  silenceNoGoErrors?: boolean;
  silenceUnmatchedWarnings?: boolean;
  /** A toolchain.Switcher collects errors and prints them at exitIfErrors. */
  switcher?: boolean;
  /** -v (cfg.BuildV) */
  verbose?: boolean;
  scanMode?: ScanMode;
  /** ExplicitWriteGoMod: the caller writes go.mod itself (go mod why never writes). */
  explicitWriteGoMod?: boolean;
}

/** base.Exit after errors: the command ends with the given status. */
export class ExitError extends Error {
  readonly fatal = true;
  constructor(readonly status: number) {
    super(`exit status ${status}`);
    this.name = 'ExitError';
  }
}

/** An error go reports with base.Fatalf (the process exits where it happens). */
const isFatalErr = (e: unknown) =>
  (e as { fatal?: boolean }).fatal === true || (e as Error).name === 'FatalError' || (e as Error).name === 'ChecksumMismatchError';

/**
 * par.Queue as go's scheduler runs it: at most n tasks active; tasks added while a slot is free
 * are spawned as goroutines, and a burst of spawns starts newest first (runnext) once the adder
 * yields; a finishing task takes the oldest backlog entry. This reproduces go's order of
 * "go: downloading" lines in the common cases.
 */
class WorkQueue {
  private running = 0;
  private spawned: Array<() => Promise<void>> = [];
  private readonly backlog: Array<() => Promise<void>> = [];
  private waiters: Array<() => void> = [];
  private failure: unknown = undefined;
  private flushScheduled = false;
  /** A task failed with a base.Fatalf error: go's process is gone, so nothing new starts. */
  private dead = false;
  constructor(private readonly n: number) {}
  add(f: () => Promise<void>): void {
    if (this.dead) return;
    if (this.running + this.spawned.length < this.n) {
      this.spawned.push(f);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        queueMicrotask(() => this.flush());
      }
    } else this.backlog.push(f);
  }
  private flush(): void {
    this.flushScheduled = false;
    if (this.dead) return this.checkIdle();
    const sp = this.spawned.reverse();
    this.spawned = [];
    for (const f of sp) this.run(f);
    this.checkIdle();
  }
  private run(f: () => Promise<void>): void {
    this.running++;
    void f()
      .catch((e) => {
        this.failure ??= e;
        if (isFatalErr(e)) {
          this.dead = true;
          this.backlog.length = 0;
          this.spawned = [];
        }
      })
      .finally(() => {
        this.running--;
        const next = this.dead ? undefined : this.backlog.shift();
        if (next) this.run(next);
        else this.checkIdle();
      });
  }
  private checkIdle(): void {
    if (this.running === 0 && this.spawned.length === 0 && this.backlog.length === 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r();
    }
  }
  async idle(): Promise<void> {
    if (this.running !== 0 || this.spawned.length !== 0 || this.backlog.length !== 0) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure !== undefined) {
      const f = this.failure;
      this.failure = undefined;
      throw f;
    }
  }
}

export interface LoaderParams extends PackageOpts {
  requirements: Requirements;
  allPatternIsRoot: boolean;
  listRoots: (rs: Requirements) => Promise<string[]>;
}

/** load.go: loader */
export class Loader {
  readonly s: ModState;
  readonly env: LoadEnv;
  readonly tags: Tags;
  requirements: Requirements;
  allClosesOverTests = false;
  skipImportModFiles = false;
  readonly work = new WorkQueue(2);
  roots: LoadPkg[] = [];
  pkgCache = new Map<string, LoadPkg>();
  pkgs: LoadPkg[] = [];
  /** checkImportPath's verdict per package path (keepSums asks for every package, up to 3 times). */
  readonly importPathOK = new Map<string, boolean>();
  /** Errors held by a Switcher until exitIfErrors. */
  private readonly held: Error[] = [];

  constructor(
    s: ModState,
    readonly p: LoaderParams,
  ) {
    this.s = s;
    this.env = loadEnv(s);
    this.tags = p.tags ?? anyTags;
    this.requirements = p.requirements;
  }

  reset(): void {
    this.roots = [];
    this.pkgCache = new Map();
    this.pkgs = [];
  }

  /** load.go: (*loader).error */
  error(err: Error): void {
    if (this.p.allowErrors) this.s.stderr(`go: ${err.message}\n`);
    else if (this.p.switcher) this.held.push(err);
    else baseError(this.s, err);
  }

  /** load.go: switchIfErrors — the held errors go to a toolchain.Switcher (switches or reports them). */
  async switchIfErrors(): Promise<void> {
    const h = this.held.splice(0);
    if (h.length === 0) return;
    const sw = new Switcher(this.s);
    for (const e of h) sw.error(e);
    await sw.switch();
  }

  async exitIfErrors(): Promise<void> {
    await this.switchIfErrors();
    if (this.s.exitStatus !== 0) throw new ExitError(this.s.exitStatus);
  }

  goVersion(): string {
    if (this.p.tidyGoVersion) return this.p.tidyGoVersion;
    return this.requirements.goVersion();
  }

  /** load.go: (*loader).pkg */
  pkg(path: string, flags: number): LoadPkg {
    let pkg = this.pkgCache.get(path);
    if (!pkg) {
      pkg = new LoadPkg(this, path);
      this.pkgCache.set(path, pkg);
      this.applyPkgFlags(pkg, flags);
      const p = pkg;
      this.work.add(() => this.load(p));
    }
    this.applyPkgFlags(pkg, flags);
    return pkg;
  }

  /** load.go: applyPkgFlags */
  applyPkgFlags(pkg: LoadPkg, flags: number): void {
    if (flags === 0) return;
    if ((flags & PKG_IN_ALL) !== 0 && this.p.allPatternIsRoot && !pkg.isTest()) flags |= PKG_IS_ROOT;
    if ((flags & PKG_IS_ROOT) !== 0) flags |= PKG_FROM_ROOT;
    const old = pkg.flags;
    pkg.flags |= flags;
    const nw = pkg.flags;
    const has = (x: number, f: number) => (x & f) === f;
    if (nw === old || !has(nw, PKG_IMPORTS_LOADED)) return;
    if (!pkg.isTest()) {
      let wantTest = false;
      const inMain = this.s.main().contains(pkg.mod.path);
      if (this.p.allPatternIsRoot && inMain) wantTest = true;
      else if (this.p.allPatternIsRoot && this.allClosesOverTests && has(nw, PKG_IN_ALL)) wantTest = true;
      else if (this.p.loadTests && has(nw, PKG_IS_ROOT)) wantTest = true;
      if (wantTest) {
        let testFlags = 0;
        if (inMain || (this.allClosesOverTests && has(nw, PKG_IN_ALL))) testFlags |= PKG_IN_ALL;
        this.pkgTest(pkg, testFlags);
      }
    }
    if (has(nw, PKG_IN_ALL) && !has(old, PKG_IN_ALL | PKG_IMPORTS_LOADED)) {
      for (const dep of pkg.imports) this.applyPkgFlags(dep, PKG_IN_ALL);
    }
    if (has(nw, PKG_FROM_ROOT) && !has(old, PKG_FROM_ROOT | PKG_IMPORTS_LOADED)) {
      for (const dep of pkg.imports) this.applyPkgFlags(dep, PKG_FROM_ROOT);
    }
  }

  /** load.go: (*loader).load */
  async load(pkg: LoadPkg): Promise<void> {
    let mg: ModuleGraph | null = null;
    if (this.requirements.pruning === 'unpruned') {
      const g = await this.requirements.graph();
      mg = g.err ? null : g.mg;
    }
    const r = await importFromModules(this.env, pkg.path, this.requirements, mg, this.skipImportModFiles);
    pkg.mod = r.mod;
    pkg.dir = r.dir;
    pkg.altMods = r.altMods;
    pkg.err = r.err;
    if (pkg.dir === '') return;
    if (this.s.main().contains(pkg.mod.path)) this.applyPkgFlags(pkg, PKG_IN_ALL);
    pkg.inStd = isStandardImportPath(pkg.path) && pkg.mod.path === '' && r.err === null;
    let imports: string[] = [];
    let testImports: string[] = [];
    if (!pkg.inStd) {
      const srcs = await this.env.fs.sources(pkg.dir);
      const sr = loadScanDir(srcs, this.tags, pkg.dir, this.p.scanMode ?? 'index');
      if (sr.error !== undefined) {
        pkg.err = new Error(sr.error);
        return;
      }
      imports = sr.imports;
      testImports = sr.testImports;
    }
    pkg.imports = [];
    const importFlags = pkg.has(PKG_IN_ALL) ? PKG_IN_ALL : 0;
    for (const path of imports) pkg.imports.push(this.pkg(path, importFlags));
    pkg.testImports = testImports;
    this.applyPkgFlags(pkg, PKG_IMPORTS_LOADED);
  }

  /** load.go: pkgTest */
  pkgTest(pkg: LoadPkg, testFlags: number): LoadPkg {
    if (pkg.test === null) {
      const test = new LoadPkg(this, pkg.path, pkg);
      test.mod = pkg.mod;
      test.dir = pkg.dir;
      test.err = pkg.err;
      test.inStd = pkg.inStd;
      pkg.test = test;
      this.applyPkgFlags(test, testFlags);
      test.imports = [];
      const importFlags = test.has(PKG_IN_ALL) ? PKG_IN_ALL : 0;
      for (const path of pkg.testImports) test.imports.push(this.pkg(path, importFlags));
      pkg.testImports = [];
      this.applyPkgFlags(test, PKG_IMPORTS_LOADED);
      return test;
    }
    this.applyPkgFlags(pkg.test, testFlags);
    return pkg.test;
  }

  /** load.go: buildStacks */
  buildStacks(): void {
    for (const pkg of this.roots) {
      pkg.stack = pkg;
      this.pkgs.push(pkg);
    }
    for (let i = 0; i < this.pkgs.length; i++) {
      const pkg = this.pkgs[i]!;
      for (const next of pkg.imports) {
        if (next.stack === null) {
          next.stack = pkg;
          this.pkgs.push(next);
        }
      }
      const next = pkg.test;
      if (next !== null && next.stack === null) {
        next.stack = pkg;
        this.pkgs.push(next);
      }
    }
    for (const pkg of this.roots) pkg.stack = null;
  }

  /** load.go: computePatternAll */
  computePatternAll(): string[] {
    return this.pkgs
      .filter((p) => p.has(PKG_IN_ALL) && !p.isTest())
      .map((p) => p.path)
      .sort(cmpStr);
  }

  /** load.go: preloadRootModules */
  async preloadRootModules(rootPkgs: string[]): Promise<boolean> {
    const need = new Map<string, ModuleVersion>();
    const tasks: Array<() => Promise<void>> = [];
    for (const path of rootPkgs) {
      tasks.push(async () => {
        let { mod: m, err } = await importFromModules(this.env, path, this.requirements, null, this.skipImportModFiles);
        if (err) {
          if (errorsAs(err, ImportMissingError) && this.p.resolveMissingImports) {
            try {
              m = await queryImport(this.env, path, this.requirements);
              err = null;
            } catch (e) {
              if ((e as { fatal?: boolean }).fatal || e instanceof FatalError) throw e;
              err = e as Error;
            }
          }
          if (err) return;
        }
        if (m.path === '') return;
        const { version, ok } = this.requirements.rootSelected(m.path);
        if (!ok || version !== m.version) need.set(mvKey(m), m);
      });
    }
    for (const t of tasks) this.work.add(t);
    await this.work.idle();
    if (need.size === 0) return false;
    const toAdd = modSort([...need.values()]);
    let rs: Requirements;
    try {
      rs = await updateRoots(this.s, this.requirements.direct, this.requirements, null, toAdd, this.p.assumeRootsImported ?? false);
    } catch (e) {
      if (isHardFatal(e)) throw e;
      this.error(e as Error);
      await this.exitIfErrors();
      return false;
    }
    this.requirements = rs;
    return true;
  }

  /** load.go: updateRequirements */
  async updateRequirements(): Promise<boolean> {
    const s = this.s;
    let rs = this.requirements;
    let direct: Map<string, boolean>;
    const loadedDirect = this.p.allPatternIsRoot && this.tags.set.has('*') && this.tags.set.size === 1;
    if (loadedDirect) direct = new Map();
    else direct = new Map([...rs.direct.keys()].map((k) => [k, true]));
    let maxTooNew: TooNewError | null = null;
    for (const pkg of this.pkgs) {
      if (pkg.err) {
        const tn = errorsAs(pkg.err, TooNewError);
        if (tn && (maxTooNew === null || compareGo(tn.goVersion, maxTooNew.goVersion) > 0)) maxTooNew = tn;
      }
      if (pkg.mod.version !== '' || !s.main().contains(pkg.mod.path)) continue;
      for (const dep of pkg.imports) {
        if (!dep.fromExternalModule()) continue;
        if (s.inWorkspaceMode()) {
          if (s.buildMod === 'vendor') continue;
          const g = await rs.graph();
          if (g.err) throw g.err;
          if (g.mg.requiredBy(dep.mod) === undefined) {
            pkg.err = new DirectImportFromImplicitDependencyError(pkg.path, dep.path, dep.mod);
          }
        } else if (pkg.err === null && s.buildMod !== 'mod') {
          const { version, ok } = rs.rootSelected(dep.mod.path);
          if (!ok || version !== dep.mod.version) {
            pkg.err = new DirectImportFromImplicitDependencyError(pkg.path, dep.path, dep.mod);
            continue;
          }
        }
        direct.set(dep.mod.path, true);
      }
    }
    if (maxTooNew) throw maxTooNew;
    let addRoots: ModuleVersion[] = [];
    if (this.p.tidy) {
      const tidy = await tidyRoots(s, rs, this.pkgs, this.tidyHooks());
      addRoots = tidy.rootModules.slice();
    }
    rs = await updateRoots(s, direct, rs, this.pkgs, addRoots, this.p.assumeRootsImported ?? false);
    let changed = false;
    if (rs.goVersion() !== this.requirements.goVersion()) changed = true;
    else if (rs !== this.requirements && !sameMods(rs.rootModules, this.requirements.rootModules)) {
      const g = await rs.graph();
      if (g.err) throw g.err;
      for (const pkg of this.pkgs) {
        if (pkg.fromExternalModule() && g.mg.selected(pkg.mod.path) !== pkg.mod.version) {
          changed = true;
          break;
        }
        if (pkg.err !== null) {
          const r = await importFromModules(this.env, pkg.path, rs, null, this.skipImportModFiles);
          if (r.err === null) {
            changed = true;
            break;
          }
        }
      }
    }
    this.requirements = rs;
    return changed;
  }

  tidyHooks() {
    return {
      isAmbiguous: async (pkgPath: string, rs: Requirements) => {
        const r = await importFromModules(this.env, pkgPath, rs, null, true);
        return r.err !== null && errorsAs(r.err, AmbiguousImportError) !== undefined;
      },
    };
  }

  /** load.go: resolveMissingImports */
  async resolveMissingImports(): Promise<Map<string, { mod: ModuleVersion; pkg: LoadPkg }>> {
    const pkgMods: { pkg: LoadPkg; mod: ModuleVersion }[] = [];
    const tasks: Array<() => Promise<void>> = [];
    for (const pkg of this.pkgs) {
      if (pkg.err === null || pkg.isTest() || !errorsAs(pkg.err, ImportMissingError)) continue;
      const pm = { pkg, mod: noMod };
      tasks.push(async () => {
        try {
          pm.mod = await queryImport(this.env, pkg.path, this.requirements);
        } catch (e) {
          if (isHardFatal(e)) throw e;
          const ime = errorsAs(e, ImportMissingError);
          if (ime) {
            for (let cur = pkg.stack; cur !== null; cur = cur.stack) {
              if (this.s.main().contains(cur.mod.path)) {
                ime.importingMainModule = cur.mod;
                break;
              }
            }
          }
          pkg.err = e as Error;
        }
      });
      pkgMods.push(pm);
    }
    for (const t of tasks) this.work.add(t);
    await this.work.idle();
    let maxTooNew: TooNewError | null = null;
    let maxTooNewPkg: LoadPkg | null = null;
    for (const pm of pkgMods) {
      const tn = pm.pkg.err ? errorsAs(pm.pkg.err, TooNewError) : undefined;
      if (tn && (maxTooNew === null || compareGo(tn.goVersion, maxTooNew.goVersion) > 0)) {
        maxTooNew = tn;
        maxTooNewPkg = pm.pkg;
      }
    }
    if (maxTooNew) {
      this.s.stderr(`go: toolchain upgrade needed to resolve ${maxTooNewPkg!.path}\n`);
      throw maxTooNew;
    }
    const modAddedBy = new Map<string, { mod: ModuleVersion; pkg: LoadPkg }>();
    for (const { pkg, mod } of pkgMods) {
      if (mod.path === '') continue;
      this.s.stderr(`go: found ${pkg.path} in ${mod.path} ${mod.version}\n`);
      if (!modAddedBy.has(mvKey(mod))) modAddedBy.set(mvKey(mod), { mod, pkg });
    }
    return modAddedBy;
  }

  /** load.go: checkMultiplePaths */
  checkMultiplePaths(): void {
    let mods: readonly ModuleVersion[] = this.requirements.rootModules;
    const g = this.requirements.loadedGraph();
    if (g) mods = g.mg.buildList();
    const firstPath = new Map<string, string>();
    for (const mod of mods) {
      const src = resolveReplacement(this.s, mod);
      const k = mvKey(src);
      const prev = firstPath.get(k);
      if (prev === undefined) firstPath.set(k, mod.path);
      else if (prev !== mod.path) this.error(new Error(`${src.path}@${src.version} used for two different module paths (${prev} and ${mod.path})`));
    }
  }

  /** load.go: checkTidyCompatibility */
  async checkTidyCompatibility(rs: Requirements, compatVersion: string): Promise<void> {
    const s = this.s;
    const goVersion = rs.goVersion();
    let suggestUpgrade = false;
    let suggestEFlag = false;
    const suggestFixes = () => {
      if (this.p.allowErrors) return;
      let out = '\n';
      const goFlag = goVersion !== s.main().goVersion() ? ' -go=' + goVersion : '';
      const compatFlag = compatVersion !== prevGo(goVersion) ? ' -compat=' + compatVersion : '';
      if (suggestUpgrade) {
        const eDesc = suggestEFlag ? ', leaving some packages unresolved' : '';
        const eFlag = suggestEFlag ? ' -e' : '';
        out += `To upgrade to the versions selected by go ${compatVersion}${eDesc}:\n\tgo mod tidy${eFlag} -go=${compatVersion} && go mod tidy${eFlag} -go=${goVersion}${compatFlag}\n`;
      } else if (suggestEFlag) {
        out += `To proceed despite packages unresolved in go ${compatVersion}:\n\tgo mod tidy -e${goFlag}${compatFlag}\n`;
      }
      out += `If reproducibility with go ${compatVersion} is not needed:\n\tgo mod tidy${goFlag} -compat=${goVersion}\n`;
      out += 'For other options, see:\n\thttps://golang.org/doc/modules/pruning\n';
      s.stderr(out);
    };
    const g = await rs.graph();
    if (g.err) {
      this.error(new Error(`error loading go ${compatVersion} module graph: ${g.err.message}`));
      await this.switchIfErrors();
      suggestFixes();
      await this.exitIfErrors();
      return;
    }
    const mg = g.mg;
    const mismatches = new Map<LoadPkg, { mod: ModuleVersion; err: Error | null }>();
    for (const pkg of this.pkgs) {
      if (pkg.mod.path === '' && pkg.err === null) continue;
      this.work.add(async () => {
        const r = await importFromModules(this.env, pkg.path, rs, mg, this.skipImportModFiles);
        if (r.mod.path !== pkg.mod.path || r.mod.version !== pkg.mod.version) mismatches.set(pkg, { mod: r.mod, err: r.err });
      });
    }
    await this.work.idle();
    if (mismatches.size === 0) {
      for (const m of this.requirements.rootModules) {
        const v = mg.selected(m.path);
        if (v !== m.version) {
          s.stderr('\n');
          throw new FatalError(
            `go: internal error: failed to diagnose selected-version mismatch for module ${m.path}: go ${goVersion} selects ${m.version}, but go ${compatVersion} selects ${v}\n\tPlease report this at https://golang.org/issue.`,
          );
        }
      }
      return;
    }
    for (const pkg of this.pkgs) {
      const mm = mismatches.get(pkg);
      if (!mm) continue;
      if (pkg.isTest()) continue;
      if (mm.err !== null) {
        if (errorsAs(mm.err, ImportMissingError)) {
          const selected = { path: pkg.mod.path, version: mg.selected(pkg.mod.path) };
          this.error(new Error(`${pkg.stackText()} loaded from ${fmtMod(pkg.mod)},\n\tbut go ${compatVersion} would fail to locate it in ${fmtMod(selected)}`));
        } else {
          this.error(new Error(`${pkg.stackText()} loaded from ${fmtMod(pkg.mod)},\n\tbut go ${compatVersion} would fail to locate it:\n\t${mm.err.message}`));
        }
        suggestEFlag = true;
        if (!suggestUpgrade) {
          for (const m of this.requirements.rootModules) {
            if (mg.selected(m.path) !== m.version) {
              suggestUpgrade = true;
              break;
            }
          }
        }
      } else if (pkg.err !== null) {
        suggestUpgrade = true;
        this.error(new Error(`${pkg.path} failed to load from any module,\n\tbut go ${compatVersion} would load it from ${fmtMod(mm.mod)}`));
      } else {
        suggestUpgrade = true;
        this.error(new Error(`${pkg.stackText()} loaded from ${fmtMod(pkg.mod)},\n\tbut go ${compatVersion} would select ${mm.mod.version}\n`));
      }
    }
    await this.switchIfErrors();
    suggestFixes();
    await this.exitIfErrors();
  }
}

/**
 * The order in which go's par.Queue (2 workers on the reference machine) starts work that prints
 * before blocking: the scheduler runs the newest goroutine first (runnext), then the older one,
 * then the backlog in order.
 */
function goroutineOrder<T>(tasks: T[]): T[] {
  if (tasks.length < 2) return tasks;
  return [tasks[1]!, tasks[0]!, ...tasks.slice(2)];
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameMods(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

/** Errors that end the command at once (base.Fatalf paths), not loader errors. */
export function isHardFatal(e: unknown): boolean {
  if (e instanceof ExitError || e instanceof FatalError) return true;
  const n = (e as Error)?.name;
  return n === 'FatalError' || n === 'ChecksumMismatchError' || (e as { fatal?: boolean })?.fatal === true;
}

/** base.Error: "go: " + message, each joined error separately; exit status 1. */
export function baseError(s: ModState, err: Error): void {
  const errs = (err as { errs?: Error[] }).errs;
  if (Array.isArray(errs) && err.constructor.name === 'JoinedError') {
    for (const e of errs) baseError(s, e);
    return;
  }
  s.errorf(`go: ${err.message}`);
}

/** load.go: loadFromRoots */
export async function loadFromRoots(s: ModState, params: LoaderParams): Promise<Loader> {
  const ld = new Loader(s, params);
  if (ld.requirements.pruning === 'unpruned') {
    try {
      const r = await expandGraph(s, ld.requirements);
      ld.requirements = r.rs;
      if (r.err) ld.error(r.err);
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
    }
  }
  await ld.exitIfErrors();

  const updateGoVersion = async () => {
    const goVersion = ld.goVersion();
    if (ld.requirements.pruning !== 'workspace') {
      try {
        ld.requirements = await convertPruning(s, ld.requirements, pruningForGoVersion(goVersion));
      } catch (e) {
        if (isHardFatal(e)) throw e;
        ld.error(e as Error);
        await ld.exitIfErrors();
      }
    }
    ld.skipImportModFiles = (ld.p.tidy ?? false) && compareGo(goVersion, TidyGoModSumVersion) < 0;
    ld.allClosesOverTests = compareGo(goVersion, NarrowAllVersion) < 0 && !ld.p.useVendorAll;
  };

  for (;;) {
    ld.reset();
    await updateGoVersion();
    const rootPkgs = await ld.p.listRoots(ld.requirements);
    if (ld.requirements.pruning === 'pruned' && s.buildMod === 'mod') {
      if (await ld.preloadRootModules(rootPkgs)) continue;
    }
    const inRoots = new Set<LoadPkg>();
    for (const path of rootPkgs) {
      const root = ld.pkg(path, PKG_IS_ROOT);
      if (!inRoots.has(root)) {
        ld.roots.push(root);
        inRoots.add(root);
      }
    }
    await ld.work.idle();
    ld.buildStacks();
    let changed: boolean;
    try {
      changed = await ld.updateRequirements();
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
      break;
    }
    if (changed) continue;
    if (!ld.p.resolveMissingImports || (!s.hasModRoot() && !s.allowMissingModuleImports)) break;
    let modAddedBy: Map<string, { mod: ModuleVersion; pkg: LoadPkg }>;
    try {
      modAddedBy = await ld.resolveMissingImports();
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
      break;
    }
    if (modAddedBy.size === 0) break;
    const toAdd = modSort([...modAddedBy.values()].map((x) => x.mod));
    let rs: Requirements;
    try {
      rs = await updateRoots(s, ld.requirements.direct, ld.requirements, [], toAdd, ld.p.assumeRootsImported ?? false);
    } catch (e) {
      if (isHardFatal(e)) throw e;
      if (e instanceof BuildListError) {
        const m = e.module();
        const added = modAddedBy.get(mvKey(m));
        if (added) {
          ld.error(new Error(`${added.pkg.stackText()}: ${e.err.message}`, { cause: e.err })); // %w
          break;
        }
      }
      ld.error(e as Error);
      break;
    }
    if (sameMods(rs.rootModules, ld.requirements.rootModules)) {
      throw new Error(`internal error: adding ${toAdd.map(fmtMod).join(' ')} to module graph had no effect on root requirements`);
    }
    ld.requirements = rs;
  }
  await ld.exitIfErrors();

  if (ld.p.tidy) {
    let rs: Requirements | null = null;
    try {
      rs = await tidyRoots(s, ld.requirements, ld.pkgs, ld.tidyHooks());
    } catch (e) {
      if (isHardFatal(e)) throw e;
      ld.error(e as Error);
    }
    if (rs) {
      if (ld.p.tidyGoVersion) {
        const tidy = overrideRoots(s, rs, [{ path: 'go', version: ld.p.tidyGoVersion }]);
        const g = await tidy.graph();
        if (g.err) ld.error(g.err);
        const v = g.mg.selected('go');
        if (v === ld.p.tidyGoVersion) rs = tidy;
        else {
          const path = (g.mg.g.findPath((m) => m.path === 'go' && m.version === v) ?? []).slice(1);
          const conflict = { path, constraint: { path: 'go', version: ld.p.tidyGoVersion }, err: null };
          ld.error(new Error(conflictSummary(conflict)));
        }
      }
      if (ld.requirements.pruning === 'pruned') {
        for (const m of rs.rootModules) {
          if (m.path === 'go' && ld.p.tidyGoVersion) continue;
          const { version, ok } = ld.requirements.rootSelected(m.path);
          if (!ok || version !== m.version) {
            ld.error(new Error(`internal error: a requirement on ${fmtMod(m)} is needed but was not added during package loading (selected ${version})`));
          }
        }
      }
      ld.requirements = rs;
    }
    await ld.exitIfErrors();
  }

  for (const pkg of ld.pkgs) {
    if (pkg.err === null) continue;
    const sumErr = errorsAs(pkg.err, ImportMissingSumError);
    if (sumErr) {
      const importer = pkg.stack;
      if (importer) {
        sumErr.importer = importer.path;
        sumErr.importerVersion = importer.mod.version;
        sumErr.importerIsTest = importer.testOf !== null;
      }
    }
    const stdErr = errorsAs(pkg.err, ImportMissingError);
    if (stdErr && stdErr.isStd) {
      const importer = pkg.stack;
      if (importer) {
        const v = s.rawGoVersion.get(mvKey(importer.mod));
        if (v !== undefined && compareGo(Local, v) < 0) stdErr.importerGoVersion = v;
      }
      if (ld.p.silenceMissingStdImports) continue;
    }
    if (ld.p.silencePackageErrors) continue;
    if (ld.p.silenceNoGoErrors && pkg.err.message === 'no Go source files') continue;
    ld.error(new Error(`${pkg.stackText()}: ${pkg.err.message}`, { cause: pkg.err })); // %w
  }
  ld.checkMultiplePaths();
  return ld;
}

// ---------------------------------------------------------------------------
// LoadPackages

export interface Match {
  pattern: string;
  pkgs: string[];
  errs: Error[];
  /** Local patterns: the directories matched. */
  dirs?: string[];
}

export interface LoadResult {
  ld: Loader;
  matches: Match[];
  /** Non-test loaded package paths, sorted. */
  loadedPackages: string[];
  /** Set when tidy -diff printed its diff (and its exit status). */
  tidyDiff?: { gomod: string; gosum: string };
  /** go.sum keep set computed by tidy (mvKey form). */
  tidyKeep?: Set<string>;
  /** Root requirements before loading (for -v "unused" and change reports). */
  initialRoots: readonly ModuleVersion[];
  initialDirect: ReadonlyMap<string, boolean>;
}

/** search.CleanPatterns */
export function cleanPatterns(patterns: string[]): string[] {
  if (patterns.length === 0) return ['.'];
  return patterns.map((a) => {
    let p = a;
    let v = '';
    if (!isLocalPattern(a) && !isAbs(a)) {
      const i = a.indexOf('@');
      if (i >= 0) {
        p = a.slice(0, i);
        v = a.slice(i);
      }
    }
    if (isAbs(p)) p = clean(p);
    else if (p.startsWith('./')) {
      p = './' + clean(p);
      if (p === './.') p = '.';
    } else p = clean(p);
    return p + v;
  });
}

/** load.go: LoadPackages. Throws ExitError / FatalError when go would exit. */
export async function loadPackages(
  s: ModState,
  opts: PackageOpts,
  patterns: string[],
  hooks: { beforeWrite?: () => Promise<void> } = {},
): Promise<LoadResult> {
  const tags = opts.tags ?? anyTags;
  patterns = cleanPatterns(patterns);
  const matches: Match[] = patterns.map((p) => ({ pattern: p, pkgs: [], errs: [] }));
  const allPatternIsRoot = patterns.includes('all');
  const env = loadEnv(s);

  const updateMatches = async (rs: Requirements, ld: Loader | null): Promise<void> => {
    for (const m of matches) {
      const pat = m.pattern;
      if (isLocalPattern(pat)) {
        if (m.dirs === undefined) {
          m.dirs = [];
          const abs = isAbs(pat) ? pat : join(s.cwd, pat);
          if (pat.includes('...')) {
            const i = abs.indexOf('...');
            const base = abs.slice(0, i).replace(/\/+$/, '');
            const roots = s.main().versions().map((mv) => s.main().getModRoot(mv));
            const root = roots.find((r) => r !== '' && (base === r || base.startsWith(r + '/')));
            // load.go: matchLocalDirs — outside the main modules, a wildcard may still walk
            // GOROOT/src or a selected module's tree (its directory before the "...").
            const absDir = dirOf(clean(abs.slice(0, i + 3)));
            if (root === undefined && (inDir(absDir, join(goRoot(s), 'src')) !== '' || (await pathInModuleCache(s, absDir, rs)) !== '')) {
              m.dirs = await matchDirs(env, abs, tags, opts.scanMode);
            } else if (root === undefined) {
              // search.MatchError: a wildcard pattern's error names the pattern.
              m.errs.push(new Error(`pattern ${pat}: directory prefix ${shortPath(s.cwd, base)} does not contain main module or its selected dependencies`));
            } else {
              const mm = s.main().versions()[roots.indexOf(root)]!;
              const prefix = s.main().pathPrefix.get(mvKey(mm)) ?? mm.path;
              const relPat = abs.slice(root.length).replace(/^\//, '');
              const ipPat = relPat === '' ? prefix : prefix === '' ? relPat : prefix + '/' + relPat;
              const found = await walkLocalPackages(env, root, prefix, tags, matchPattern(ipPat), treeCanMatchPattern(ipPat), opts.scanMode);
              m.dirs = found.map((f) => f.dir);
            }
          } else m.dirs = [abs];
        }
        m.pkgs = [];
        for (const dir of m.dirs) {
          const r = await resolveLocalPackage(s, dir, rs);
          if ('err' in r) {
            // Wildcard patterns skip "builtin" and GOROOT/src.
            if (pat.includes('...') && (r.err === errPkgIsBuiltin || r.err === errPkgIsGorootSrc)) continue;
            if (!s.hasModRoot()) await die(s);
            if (ld !== null) m.errs.push(r.err);
            continue;
          }
          m.pkgs.push(r.pkg);
        }
      } else if (!pat.includes('...') && pat !== 'all' && pat !== 'std' && pat !== 'cmd') {
        m.pkgs = [pat];
      } else if (pat === 'all') {
        if (ld === null) {
          m.errs = [];
          m.pkgs = [];
          for (const mv of opts.mainModule ? [opts.mainModule] : s.main().versions()) {
            const root = s.main().getModRoot(mv);
            if (root === '') continue;
            const found = await walkLocalPackages(env, root, mv.path, tags, () => true, () => true, opts.scanMode);
            m.pkgs.push(...found.map((f) => f.path));
          }
          m.pkgs.sort(cmpStr);
        } else m.pkgs = ld.computePatternAll();
      } else if (pat === 'std' || pat === 'cmd') {
        m.pkgs = await matchStdCmd(env, pat, tags, opts.scanMode);
      } else if (pat.includes('...') && s.buildMod === 'vendor') {
        // search.go: matchPackages with -mod=vendor (std, the main modules, the vendor tree).
        const r = await matchPackages(env, pat, tags, [], opts.scanMode);
        m.pkgs = r.pkgs;
        m.errs = r.errs;
      } else if (pat.includes('...')) {
        // load.go: updateMatches — matchPackages over std and the build list.
        const { mg, err } = await rs.graph();
        const r = await matchPackages(env, pat, tags, [...mg.buildList()], opts.scanMode);
        m.pkgs = r.pkgs;
        m.errs = err ? [err, ...r.errs] : r.errs;
      } else {
        throw new FatalError(`modscope: pattern ${pat} is not supported`);
      }
    }
  };

  const initialRS = await loadModFile(s);
  await hooks.beforeWrite?.();
  const initialRoots = initialRS.rootModules;
  const initialDirect = new Map(initialRS.direct);
  const ld = await loadFromRoots(s, {
    ...opts,
    requirements: initialRS,
    allPatternIsRoot,
    listRoots: async (rs) => {
      await updateMatches(rs, null);
      return matches.flatMap((m) => m.pkgs);
    },
  });
  await updateMatches(ld.requirements, ld);
  if (!opts.silencePackageErrors) for (const m of matches) for (const e of m.errs) ld.error(e);
  await ld.exitIfErrors();
  if (!opts.silenceUnmatchedWarnings) {
    for (const m of matches) {
      if (m.pkgs.length === 0 && m.errs.length === 0 && (m.pattern === 'all' || m.pattern.includes('...'))) {
        s.stderr(`go: warning: ${JSON.stringify(m.pattern)} matched no packages\n`);
      }
    }
  }
  const result: LoadResult = { ld, matches, loadedPackages: [], initialRoots, initialDirect };

  if (opts.tidy) {
    if (opts.verbose) {
      const g = await ld.requirements.graph();
      for (const m of initialRoots) {
        let unused: boolean;
        if (ld.requirements.pruning === 'unpruned') unused = g.mg.selected(m.path) === 'none';
        else unused = !ld.requirements.rootSelected(m.path).ok;
        if (unused) s.stderr(`unused ${m.path}\n`);
      }
    }
    let keep = await keepSums(s, ld.requirements, 'loadedZipSumsOnly', loaderKeepSums(ld, ld.requirements));
    let compatVersion = opts.tidyCompatibleVersion ?? '';
    const goVersion = ld.requirements.goVersion();
    if (compatVersion === '') compatVersion = compareGo(goVersion, GoStrictVersion) < 0 ? prevGo(goVersion) : goVersion;
    if (compareGo(compatVersion, goVersion) > 0) compatVersion = goVersion;
    const compatPruning = pruningForGoVersion(compatVersion);
    if (compatPruning !== ld.requirements.pruning) {
      const compatRS = newRequirements(s, compatPruning, ld.requirements.rootModules, ld.requirements.direct);
      await ld.checkTidyCompatibility(compatRS, compatVersion);
      for (const k of await keepSums(s, compatRS, 'loadedZipSumsOnly', loaderKeepSums(ld, compatRS))) keep.add(k);
    }
    result.tidyKeep = keep;
    const gs = s.goSum;
    if (opts.tidyDiff) {
      s.buildMod = 'readonly';
      s.requirements = ld.requirements;
      const upd = updateGoModFromReqs(s, {});
      const before = upd?.before ?? '';
      const after = upd?.after ?? before;
      const goModDiff = unifiedDiff('current/go.mod', before, 'tidy/go.mod', after);
      gs?.trim((m) => keep.has(mvKey(m)));
      if (compareGo(compatVersion, '1.16') > 0) keep = await keepSums(s, ld.requirements, 'addBuildListZipSums', loaderKeepSums(ld, ld.requirements));
      const currentBytes = (await s.files.read(s.goSumFile)) ?? new Uint8Array();
      const currentGoSum = utf8Decode(currentBytes);
      const tidyGoSum = gs ? gs.tidy(currentBytes, (m) => keep.has(mvKey(m))) : '';
      const goSumDiff = unifiedDiff('current/go.sum', currentGoSum, 'tidy/go.sum', tidyGoSum);
      result.tidyDiff = { gomod: goModDiff, gosum: goSumDiff };
      return result;
    }
    gs?.trim((m) => keep.has(mvKey(m)));
    await writeGoSum(s, keep, s.mustHaveCompleteRequirements());
  }

  s.requirements = ld.requirements;
  result.loadedPackages = ld.pkgs
    .filter((p) => !p.isTest())
    .map((p) => p.path)
    .sort(cmpStr);
  if (opts.resolveMissingImports && !opts.explicitWriteGoMod) {
    await commitRequirements(s, {}, loaderKeepSums(ld, ld.requirements));
  }
  return result;
}


const errPkgIsGorootSrc = new Error('GOROOT/src is not an importable package');
const errPkgIsBuiltin = new Error('"builtin" is a pseudo-package, not an importable package');

/**
 * search.go: Match.MatchDirs for an absolute wildcard pattern outside the main modules: the
 * directories below the pattern's leading directory whose paths match it and hold Go files
 * (nested modules pruned, vendor only where the pattern names it).
 */
async function matchDirs(env: LoadEnv, pattern: string, tags: Tags, mode: ScanMode | undefined): Promise<string[]> {
  const head = pattern.slice(0, pattern.indexOf('...'));
  const top = head.slice(0, head.lastIndexOf('/')) || '/';
  const found = await walkLocalPackages(env, top, top, tags, matchPattern(pattern), treeCanMatchPattern(pattern), mode, { pruneVendor: false, have: new Set() });
  return found.map((f) => f.dir);
}

/** load.go: resolveLocalPackage (main-module directories, GOROOT/src, the module cache). */
export async function resolveLocalPackage(s: ModState, dir: string, rs?: Requirements): Promise<{ pkg: string } | { err: Error }> {
  const env = loadEnv(s);
  const absDir = dir;
  const files = await env.fs.filesIn(absDir);
  const hasGo = files.some((n) => n.endsWith('.go'));
  // go/build's ImportDir skips _x.go and .x.go without counting them (NoGoError).
  if (!files.some((n) => n.endsWith('.go') && !isIgnoredFileName(n))) {
    const st = await s.files.stat(absDir);
    if (st === undefined) return { err: new Error(`stat ${absDir}: directory not found`) };
    // A file is no directory: go/build's ImportDir fails without a NoGoError, and the path is
    // then checked against the main modules like any other.
    if (st === 'dir') return { err: Object.assign(new Error(`no Go files in ${absDir}`), { noGoDir: absDir }) }; // build.NoGoError
  }
  for (const mod of s.main().versions()) {
    const modRoot = s.main().getModRoot(mod);
    if (modRoot !== '' && absDir === modRoot) {
      if (absDir === join(goRoot(s), 'src')) return { err: errPkgIsGorootSrc };
      return { pkg: s.main().pathPrefix.get(mvKey(mod)) ?? mod.path };
    }
  }
  for (const mod of s.main().versions()) {
    const modRoot = s.main().getModRoot(mod);
    if (modRoot !== '' && absDir.startsWith(modRoot + '/') && !absDir.slice(modRoot.length).includes('@')) {
      const suffix = absDir.slice(modRoot.length + 1);
      if (suffix.startsWith('vendor/')) {
        if (s.buildMod !== 'vendor') return { err: new Error(`without -mod=vendor, directory ${absDir} has no package path`) };
        const pkg = suffix.slice('vendor/'.length);
        if (!(await readVendorList(s)).pkgModule.has(pkg)) return { err: new Error(`directory ${absDir} is not a package listed in vendor/modules.txt`) };
        return { pkg };
      }
      const prefix = s.main().pathPrefix.get(mvKey(mod)) ?? mod.path;
      if (prefix === '') {
        // "builtin" is not in std, so it does not resolve from within module std either.
        if (suffix === 'builtin') return { err: errPkgIsBuiltin };
        return { pkg: suffix };
      }
      const pkg = prefix + '/' + suffix;
      // dirInModule: no directory of Go files (a file's path), or a nested module
      if (!hasGo) return { err: new Error(`main module (${fmtMod(mod)}) does not contain package ${pkg}`) };
      for (let d = absDir; d !== modRoot && d.length > modRoot.length; d = d.slice(0, d.lastIndexOf('/'))) {
        if (await env.fs.hasGoMod(d)) return { err: new Error(`main module (${fmtMod(mod)}) does not contain package ${pkg}`) };
      }
      return { pkg };
    }
  }
  const sub = inDir(absDir, join(goRoot(s), 'src'));
  if (sub !== '' && sub !== '.' && !sub.includes('@')) {
    if (sub === 'builtin') return { err: errPkgIsBuiltin };
    return { pkg: sub };
  }
  const inCache = await pathInModuleCache(s, absDir, rs ?? s.requirements);
  if (inCache !== '') return { pkg: inCache };
  // base.ShortPath
  const rel = shortPath(s.cwd, absDir);
  return { err: new Error(`${rel === '.' ? 'current directory' : 'directory ' + rel} outside main module or its selected dependencies`) };
}

/** load.go: pathInModuleCache — the import path of a directory inside a selected module's tree. */
async function pathInModuleCache(s: ModState, dir: string, rs: Requirements | null | undefined): Promise<string> {
  if (!rs) return '';
  const tryMod = async (m: ModuleVersion): Promise<string> => {
    if (isToolchainPath(m.path)) return '';
    let root: string;
    const repl = replacement(s, m);
    if (repl.path !== '' && repl.version === '') root = isAbs(repl.path) ? repl.path : join(replaceRelativeTo(s), repl.path);
    else {
      try {
        const d = await downloadDir(s.fetcher.cache, repl.path !== '' ? repl : m);
        if (d.err) return '';
        root = d.dir;
      } catch {
        return '';
      }
    }
    const sub = inDir(dir, root);
    if (sub === '' || sub.includes('/vendor/') || sub.startsWith('vendor/') || sub.includes('@')) return '';
    return sub === '.' ? m.path : m.path + '/' + sub;
  };
  if (rs.pruning === 'pruned') {
    for (const m of rs.rootModules) {
      if (rs.rootSelected(m.path).version !== m.version) continue;
      const p = await tryMod(m);
      if (p !== '') return p;
    }
  }
  const { mg } = await rs.graph();
  for (const m of mg.buildList()) {
    const p = await tryMod(m);
    if (p !== '') return p;
  }
  return '';
}

/** The loader's part of init.go: keepSums (ld != nil), as the graph helper's hook. */
export function loaderKeepSums(ld: Loader, rs: Requirements) {
  return async (keep: Set<string>): Promise<{ keepModSumsForZipSums: boolean }> => {
    const s = ld.s;
    let keepModSumsForZipSums = true;
    let keepPkgGoModSums = true;
    if (compareGo(ld.requirements.goVersion(), TidyGoModSumVersion) < 0 && (ld.p.tidy || s.buildMod !== 'mod')) {
      keepPkgGoModSums = false;
      keepModSumsForZipSums = false;
    }
    const modkey = (m: ModuleVersion) => mvKey({ path: m.path, version: m.version + '/go.mod' });
    for (const pkg of ld.pkgs) {
      if (pkg.testOf !== null || (pkg.mod.path === '' && pkg.err === null)) continue;
      let ok = ld.importPathOK.get(pkg.path);
      if (ok === undefined) {
        try {
          checkImportPath(pkg.path);
          ok = true;
        } catch {
          ok = false;
        }
        ld.importPathOK.set(pkg.path, ok);
      }
      if (!ok) continue;
      if (keepPkgGoModSums) keep.add(modkey(resolveReplacement(s, pkg.mod)));
      if (rs.pruning === 'pruned' && pkg.mod.path !== '') {
        const { version, ok } = rs.rootSelected(pkg.mod.path);
        if (ok && version === pkg.mod.version) {
          for (let prefix = pkg.path; prefix !== '.'; prefix = dirOfPath(prefix)) {
            const r = rs.rootSelected(prefix);
            if (r.ok && r.version !== 'none') keep.add(mvKey(resolveReplacement(s, { path: prefix, version: r.version })));
          }
          continue;
        }
      }
      const { mg } = await rs.graph();
      for (let prefix = pkg.path; prefix !== '.'; prefix = dirOfPath(prefix)) {
        const v = mg.selected(prefix);
        if (v !== 'none') keep.add(mvKey(resolveReplacement(s, { path: prefix, version: v })));
      }
    }
    return { keepModSumsForZipSums };
  };
}

function dirOfPath(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

export { ImportMissingError, ImportMissingSumError };
