// The package loader's state and steps: cmd/go/internal/modload/load.go (loader, updateRequirements,
// resolveMissingImports, pkg, applyPkgFlags, preloadRootModules, load, pkgTest, computePatternAll,
// checkMultiplePaths, checkTidyCompatibility, buildStacks).
import { compareGo, modSort, prevGo, TooNewError } from '../../gover';
import { isStandardImportPath, type ModuleVersion } from '../../module';
import { anyTags, type Tags } from '../../imports/match';
import type { ScanMode } from '../../imports/dirs';
import { mvKey } from '../../mvs/graph';
import { tidyRoots, updateRoots } from '../buildlist';
import { errorsAs, resolveReplacement } from '../modfile';
import type { ModuleGraph, Requirements } from '../requirements';
import { FatalError, fmtMod, type ModState } from '../state';
import { AmbiguousImportError, DirectImportFromImplicitDependencyError, ImportMissingError, importFromModules, loadEnv, queryImport, type LoadEnv } from './import';
import { Switcher } from '../../toolchain/switch';
import { LoadPkg, PKG_IN_ALL, PKG_IS_ROOT, PKG_FROM_ROOT, PKG_IMPORTS_LOADED, noMod } from './loadpkg';
import { WorkQueue } from './workqueue';
import { isFatal } from '../../fatal';
import { inDir, join } from '../paths';
import { goRoot } from './import';

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
  /**
   * search.go: MatchDirs keeps a directory a local wildcard walks unless go/build's ImportDir
   * (the build context's tags) says it has no Go files: the package loaders pass that check.
   */
  importDirHasGo?: (dir: string) => Promise<boolean>;
  /** VendorModulesInGOROOTSrc: inside std (cmd) as a main module, its imports resolve as modules, not from its vendor directory (get, tidy, vendor, work sync). */
  vendorModulesInGOROOTSrc?: boolean;
  /**
   * Read the imports of standard packages (and of their tests) as go's loader does. They never
   * change the module graph, so modscope skips them unless a command's answer walks them: go mod
   * why's import chains run through std packages and std tests ("fmt", "fmt.test", "bufio").
   */
  loadStd?: boolean;
  /**
   * load.go: PackageOpts.AllowPackage — called once a package's module is known (packages found
   * in a module or std); an error becomes the package's error. As in go 1.23's (*loader).load,
   * the package's imports are still read.
   */
  allowPackage?: (path: string, mod: ModuleVersion) => Promise<Error | null>;
}

/** base.Exit after errors: the command ends with the given status. */
export class ExitError extends Error {
  readonly fatal = true;
  constructor(readonly status: number) {
    super(`exit status ${status}`);
    this.name = 'ExitError';
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

  /**
   * load.go: switchIfErrors — the held errors go to a toolchain.Switcher (switches or reports them).
   * Go's Switcher keeps its errors: each call reports every error held so far again (tidy's
   * -compat check calls it, prints its advice, then exits through it: the errors appear twice).
   */
  async switchIfErrors(): Promise<void> {
    if (this.held.length === 0) return;
    const sw = new Switcher(this.s);
    for (const e of this.held) sw.error(e);
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
    if (this.p.allowPackage) {
      const err = await this.p.allowPackage(pkg.path, pkg.mod);
      if (err !== null) pkg.err = err;
    }
    pkg.inStd = isStandardImportPath(pkg.path) && pkg.mod.path === '' && r.err === null;
    let imports: string[] = [];
    let testImports: string[] = [];
    if (!pkg.inStd || this.p.loadStd) {
      const sr = await this.env.fs.scanDir(pkg.dir, this.tags, this.p.scanMode);
      if (sr.error !== undefined) {
        pkg.err = new Error(sr.error);
        return;
      }
      imports = sr.imports;
      testImports = sr.testImports;
    }
    // load.go: load — a package of GOROOT/src (here std or cmd as a main module) resolves its
    // imports through stdVendor.
    if (isStandardImportPath(pkg.path) && inDir(pkg.dir, join(goRoot(this.s), 'src')) !== '') {
      imports = await Promise.all(imports.map((path) => this.stdVendor(pkg.path, path)));
      testImports = await Promise.all(testImports.map((path) => this.stdVendor(pkg.path, path)));
    }
    pkg.imports = [];
    const importFlags = pkg.has(PKG_IN_ALL) ? PKG_IN_ALL : 0;
    for (const path of imports) pkg.imports.push(this.pkg(path, importFlags));
    pkg.testImports = testImports;
    this.applyPkgFlags(pkg, PKG_IMPORTS_LOADED);
  }

  /** load.go: stdVendor — GOROOT/src/vendor (cmd/vendor) packages for imports from std (cmd). */
  async stdVendor(parentPath: string, path: string): Promise<string> {
    if (isStandardImportPath(path)) return path;
    const own = !!this.p.vendorModulesInGOROOTSrc;
    const under = (x: string, pre: string) => x === pre || x.startsWith(pre + '/');
    let vendorPath = '';
    if (under(parentPath, 'cmd')) {
      if (!own || !this.s.main().contains('cmd')) vendorPath = 'cmd/vendor/' + path;
    } else if (!own || !this.s.main().contains('std') || under(parentPath, 'vendor')) vendorPath = 'vendor/' + path;
    if (vendorPath !== '' && (await this.s.files.stat(join(goRoot(this.s), 'src', vendorPath))) !== undefined) return vendorPath;
    return path;
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

export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sameMods(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

/** Errors that end the command at once (base.Fatalf paths), not loader errors. */
export function isHardFatal(e: unknown): boolean {
  // isFatal covers ExitError (fatal) and FatalError by name; subclasses renamed (SumDBSecurityError) by class.
  return e instanceof FatalError || isFatal(e);
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

