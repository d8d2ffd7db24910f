// `go build` / `go run` / `go test` / `go vet` as far as modules go: the package loading and
// go.mod/go.sum checks those commands make before compiling (cmd/go/internal/load:
// PackagesAndErrors, CheckPackageErrors; modload: LoadPackages / ImportFromFiles with
// ResolveMissingImports under the default -mod=readonly), with go's texts for the failures
// ("FILE:LINE:COL: no required module provides package ...", "missing go.sum entry ...",
// "go: updates to go.mod needed ..."). modscope does not compile: when the checks pass it says so.

import { goQuote } from '../goquote';
import { cgoEnabled, contextTags, type Tags } from '../imports/match';
import { scanGoFile } from '../imports/scan';
import type { FetchDeps } from '../modfetch/fetcher';
import { initModules, initWorkfile } from '../modload/init';
import { ModState } from '../modload/state';
import { shortPath, join, isAbs } from '../modload/paths';
import { ExitError, loadPackages, type LoadPkg, type Loader } from '../modload/packages/load';
import { loadEnv } from '../modload/packages/import';
import { errNoGo, filterLoadImports, isIgnoredFileName, scanDirIndexed } from '../imports/dirs';
import type { CommandContext, CommandResult } from '../workspace';
import { errorText } from './errtext';
import { buildModError, FlagError, flagsFromGOFLAGS, parseFlags } from './modflags';
import { buildInitError, commandFlagSpecs, commandUsage, testCommandLine, vetCommandLine } from './cmdflags';
import { toFold } from './modvendor';
import { defaultExecName } from './cleanpkgs';
import { dirNoGo, dropCgoOnlyFiles, importDirHasGo, importFromFiles, inputFiles, inputFilesError, otherFilesError, scanDirInfo, type BadGoError, type DirInfo } from './listpkgdir';
import { internalDisallowed, vendorImportError } from './internalrule';
import { embedError } from './embedfiles';
import { moduleInfo } from '../modload/list';

export const passedText = 'modscope: module checks passed; modscope does not compile or run Go code\n';

export interface BuildCheckResult extends CommandResult {
  /** Whether go's module checks pass (go would go on to compile). */
  passed: boolean;
  /** The package errors, as go prints them. */
  errors: string[];
}

/** The command's flags (GOFLAGS, then the command line) and its package arguments, or go's refusal. */
function parseArgs(cmd: 'build' | 'run' | 'test' | 'vet', argv: string[], goflags: string | undefined): { flags: Map<string, string>; args: string[] } | { stderr: string; exitCode: number } {
  if (cmd === 'test') {
    const t = testCommandLine(argv, goflags);
    return 'stderr' in t ? t : { flags: t.values, args: t.pkgs };
  }
  if (cmd === 'vet') {
    const v = vetCommandLine(argv, goflags);
    return 'stderr' in v ? v : { flags: v.values, args: v.pkgs };
  }
  // main.go invoke has checked the command line (cmdflags.ts commandLineError)
  const specs = commandFlagSpecs(cmd)!;
  try {
    const p = parseFlags(argv, specs, flagsFromGOFLAGS(goflags, specs));
    return { flags: p.values, args: p.args };
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    return { stderr: (e.message === 'help' ? '' : e.message + '\n') + commandUsage(cmd), exitCode: 2 };
  }
}

/** The position of `import "path"` in the files of the importing package. */
async function importPos(s: ModState, importer: LoadPkg, path: string, tags: Tags, files?: string[]): Promise<string> {
  const env = loadEnv(s);
  let candidates: { name: string; data: Uint8Array | string }[] = [];
  if (files) {
    for (const f of files) {
      const d = await s.files.read(f);
      if (d !== undefined) candidates.push({ name: f, data: d });
    }
  } else {
    if (importer.dir === '') return '';
    const srcs = await env.fs.sources(importer.dir);
    candidates = srcs
      .filter((f) => (importer.isTest() ? true : !f.name.endsWith('_test.go')))
      .map((f) => ({ name: importer.dir + '/' + f.name, data: f.content }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  void tags;
  for (const c of candidates) {
    const info = scanGoFile(c.name, c.data);
    const imp = info.imports.find((x) => x.path === path);
    if (imp) return `${shortPath(s.cwd, imp.pos.filename)}:${imp.pos.line}:${imp.pos.column}`;
  }
  return '';
}

/** Runs the module checks of `go <cmd>` (cmd: build, run, test, vet; argv after it). */
export async function buildCheck(cmd: 'build' | 'run' | 'test' | 'vet', argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<BuildCheckResult> {
  let stderr = '';
  const p = parseArgs(cmd, argv, ctx.env.GOFLAGS);
  if ('stderr' in p) return { stdout: '', stderr: p.stderr, exitCode: p.exitCode, passed: false, errors: [] };
  if (cmd === 'vet') {
    // vet/vetflag.go: go runs the -vettool for its flags (modscope can only see that it is missing)
    const tool = p.flags.get('vettool') ?? '';
    if (tool !== '') {
      const abs = isAbs(tool) ? tool : join(ctx.cwd, tool);
      if ((await ctx.files.stat(abs)) === undefined) {
        return { stdout: '', stderr: `go: can't execute ${abs} -flags: fork/exec ${abs}: no such file or directory\n`, exitCode: 2, passed: false, errors: [] };
      }
    }
  }
  const mod = p.flags.get('mod') ?? '';
  const s = new ModState({
    cwd: ctx.cwd,
    files: ctx.files,
    env: ctx.env,
    cmdName: cmd,
    deps,
    buildMod: mod,
    modFile: p.flags.get('modfile'),
    overlay: p.flags.get('overlay'),
    stderr: (t) => (stderr += t),
    signal: ctx.signal,
  });
  const tags = contextTags((k) => s.getenv(k), p.flags.get('tags') ?? '');
  let args = p.args;
  const errors: string[] = [];
  /** each pattern's first error, with the pattern's place among the arguments */
  const matchErrs: { pat: number; text: string }[] = [];
  let matches: { pattern: string; pkgs: string[]; errs: unknown[] }[] = [];
  let files: string[] | undefined;
  /** go run's package (its import path) */
  let runPkg: string | undefined;
  try {
    await initWorkfile(s);
    // work/init.go BuildInit: modload.Init, then instrumentInit and buildModeInit (-mod among
    // them), then the rest of its checks
    if (s.getenv('GO111MODULE') !== 'off') await initModules(s);
    const initErr = buildInitError(p.flags, (k) => ctx.env[k] ?? '');
    if (initErr !== null && initErr.exitCode === 2) return { stdout: '', stderr: stderr + initErr.stderr, exitCode: 2, passed: false, errors: [] };
    const modErr = buildModError(mod);
    if (modErr !== null) return { stdout: '', stderr: stderr + modErr, exitCode: 1, passed: false, errors: [] };
    if (initErr !== null) return { stdout: '', stderr: stderr + initErr.stderr, exitCode: initErr.exitCode, passed: false, errors: [] };
    if (cmd === 'run') {
      // run.go runRun: the leading arguments ending in .go are files; else the first argument is
      // the package (not a flag-like one); what follows is the program's.
      let n = 0;
      while (n < args.length && args[n]!.endsWith('.go')) n++;
      const test = args.slice(0, n).find((f) => f.endsWith('_test.go'));
      if (test !== undefined) return { stdout: '', stderr: stderr + `go: cannot run *_test.go files (${test})\n`, exitCode: 1, passed: false, errors: [] };
      if (n > 0) files = args.slice(0, n).map((f) => (isAbs(f) ? f : join(ctx.cwd, f)));
      else if (args.length === 0 || args[0]!.startsWith('-')) return { stdout: '', stderr: stderr + 'go: no go files listed\n', exitCode: 1, passed: false, errors: [] };
      args = n > 0 ? [] : args.slice(0, 1);
    } else {
      // pkg.go PackagesAndErrors: an argument that is a .go file makes them all files (GoFilesPackage)
      for (const a of args) {
        if (a.endsWith('.go') && (await s.files.stat(isAbs(a) ? a : join(ctx.cwd, a))) === 'file') {
          files = args.map((f) => (isAbs(f) ? f : join(ctx.cwd, f)));
          break;
        }
      }
    }
    let ld: Loader;
    if (files) {
      // load/pkg.go GoFilesPackage: the named files' checks, then load.go ImportFromFiles
      const r = await importFromFiles(s, p.args.slice(0, files.length), tags);
      if (r === null) return { stdout: '', stderr, exitCode: 1, passed: false, errors: [] };
      ld = r.ld;
    } else {
      const lr = await loadPackages(s, { tags, resolveMissingImports: true, loadTests: cmd === 'test' || cmd === 'vet', silencePackageErrors: true, importDirHasGo: importDirHasGo(loadEnv(s), tags) }, args);
      ld = lr.ld;
      // pkg.go: PackagesAndErrors — a pattern's first error becomes a synthetic package's error
      // (setLoadPackageDataError: no position, no import stack).
      for (const [pat, m] of lr.matches.entries()) if (m.errs.length > 0) matchErrs.push({ pat, text: m.errs[0]!.message });
      matches = lr.matches;
      if (cmd === 'run') {
        // run.go: the one package argument must name one package (a main one: load.go
        // mainPackagesOnly, a mainPackageError for a literal pattern)
        const m = lr.matches[0];
        const n = (m?.pkgs.length ?? 0) + (m !== undefined && m.errs.length > 0 ? 1 : 0);
        if (n === 0) return { stdout: '', stderr: stderr + `go: no packages loaded from ${args[0]}\n`, exitCode: 1, passed: false, errors: [] };
        if (n > 1) return { stdout: '', stderr: stderr + `go: pattern ${args[0]} matches multiple packages:\n\t${m!.pkgs.join('\n\t')}\n`, exitCode: 1, passed: false, errors: [] };
        runPkg = m!.pkgs[0];
      }
    }
    // go/build's view of each package directory (load/pkg.go: loadPackageData reads it with the
    // module index's Import or build.ImportDir, as modload's scanDir chose).
    const env = loadEnv(s);
    const dirInfos = new Map<LoadPkg, DirInfo | null>();
    for (const q of ld.pkgs) {
      if (q.dir === '' || q.inStd || q.isTest()) continue;
      dirInfos.set(q, await scanDirInfo(env, q.dir, tags, await env.fs.importMode(q.dir)));
    }
    const infoOf = (q: LoadPkg) => dirInfos.get(q.testOf ?? q);
    // go/build's Import errors of the packages the module loader found (load.go's badGoError:
    // a file that does not parse, a second package name, cgo in a test). loadPackageData keeps
    // go/build's error over the module loader's, and drops the loader's NoGo error where go/build
    // found Go files.
    const bad = new Map<LoadPkg, BadGoError>();
    for (const [q, di] of dirInfos) {
      if (di?.bad) {
        bad.set(q, di.bad);
        q.err = null;
      } else if (dirNoGo(di)) q.err = new Error(errNoGo);
      else if (q.err !== null && q.err.message === errNoGo) q.err = null;
    }
    // pkg.go: (*Package).load's checks of the input files: a name collision or a flag-like name
    // stops the load before the imports (inputErrs); C, C++, Objective-C and Fortran files
    // without cgo or SWIG are an error once the imports are loaded (otherErrs).
    const inputErrs = new Map<LoadPkg, string>();
    const otherErrs = new Map<LoadPkg, string>();
    const cgo = cgoEnabled((k) => s.getenv(k));
    for (const [q, di] of dirInfos) {
      if (di === null) continue;
      const f = inputFiles(di);
      const ie = inputFilesError({ ...f, ImportPath: q.path, Dir: q.dir });
      if (ie !== undefined) inputErrs.set(q, ie);
      if (!cgo) dropCgoOnlyFiles(f);
      const oe = otherFilesError(f);
      if (oe !== undefined) otherErrs.set(q, oe);
    }
    checkVendorImports(ld);
    checkFoldCollisions(ld);
    const seen = new Set<string>();
    // Test packages are loaded after their package: errors below a test show only when the
    // non-test packages load cleanly.
    const viaTest = (pkg: LoadPkg) => {
      for (let q: LoadPkg | null = pkg; q !== null; q = q.stack) if (q.isTest()) return true;
      return false;
    };
    // load.loadImport follows go/build's imports, not the module loader's: the imports of files
    // go/build ignores (package documentation) or cannot use (a syntax error, a bad import path)
    // are loaded by modload but never reached.
    const edges = (q: LoadPkg): LoadPkg[] => {
      const di = infoOf(q);
      if (di === undefined) return q.imports;
      if (inputErrs.has(q)) return [];
      const want = new Set(q.isTest() ? [...di?.testImports ?? [], ...di?.xtestImports ?? []] : di?.imports ?? []);
      return q.imports.filter((i) => want.has(i.path));
    };
    const reached = new Set<LoadPkg>();
    const reach = (q: LoadPkg) => {
      if (reached.has(q)) return;
      reached.add(q);
      for (const i of edges(q)) reach(i);
      for (const t of ld.pkgs) if (t.testOf === q) reach(t);
    };
    for (const r of ld.roots) reach(r);
    // pkg.go: (*Package).load sets each loaded package's Module (modload.PackageModuleInfo:
    // moduleInfo, whose Query of the version writes its .info to the module cache).
    const modsInfo = new Set<string>();
    for (const q of reached) {
      if (q.inStd || q.mod.path === '' || modsInfo.has(q.mod.path + '@' + q.mod.version)) continue;
      modsInfo.add(q.mod.path + '@' + q.mod.version);
      await moduleInfo(s, s.requirements, q.mod, 0);
    }
    // pkg.go: (*Package).load and test.go: resolveEmbed — a pattern matching nothing (or a bad
    // file) is the package's (or its test's) own error, at the pattern's first position.
    const embedErrs = new Map<LoadPkg, string>();
    for (const q of reached) {
      const di = infoOf(q);
      if (!di) continue;
      const e = q.isTest()
        ? ((await embedError(env.fs, q.dir, di.embeds.test)) ?? (await embedError(env.fs, q.dir, di.embeds.xtest)))
        : await embedError(env.fs, q.dir, di.embeds.go);
      if (e) embedErrs.set(q, (e.pos !== '' ? shortPath(s.cwd, e.pos) + ': ' : '') + e.msg);
    }
    const own = (q: LoadPkg) => q.err !== null || bad.has(q) || embedErrs.has(q) || inputErrs.has(q) || loadPackageDataError(q.path) !== undefined;
    const failing = ld.pkgs.filter((q) => reached.has(q) && own(q));
    // load.PackagesAndErrors loads the roots in order, each package's imports (sorted) depth-first.
    // A package keeps its first error: its own load error; else an import cycle closed through it
    // (pkg.go: reusePackage); else its first bad import (loadImport: disallowInternal, a program).
    // load.CheckPackageErrors reports them in PackageList order: imports before their importer.
    type Entry = LoadPkg | 'cla';
    const later = new Map<Entry, () => Promise<string>>();
    const setLater = (e: Entry, text: () => Promise<string>) => {
      if ((e === 'cla' || !own(e)) && !later.has(e)) later.set(e, text);
    };
    const names = new Map<LoadPkg, string>();
    for (const [q, di] of dirInfos) names.set(q, di?.name ?? '');
    const order: Entry[] = [];
    const firstImporter = new Map<LoadPkg, LoadPkg | null>();
    const finished = new Set<LoadPkg>();
    const path: string[] = [];
    const stackText = (stack: string[]) => 'package ' + stack.join('\n\timports ');
    // pkg.go: reusePackage — each later import of a loaded package (and a pattern naming it)
    // gives its error the shorter import stack (shorterThan: fewer, then smaller, paths); an
    // import reaching it while it loads marks its error an import cycle's, kept as it is (so is
    // that of a package whose load stopped before its imports: firstStacks).
    const loadStacks = new Map<LoadPkg, string[]>();
    const firstStacks = new Map<LoadPkg, string[]>();
    const frozen = new Set<LoadPkg>();
    const shorterThan = (a: string[], b: string[]) => {
      if (a.length !== b.length) return a.length < b.length;
      const i = a.findIndex((x, j) => x !== b[j]);
      return i >= 0 && a[i]! < b[i]!;
    };
    const reuse = (q: LoadPkg, stack: string[]) => {
      if (!finished.has(q)) frozen.add(q);
      const had = loadStacks.get(q);
      if (!frozen.has(q) && (had === undefined || shorterThan(stack, had))) loadStacks.set(q, stack);
    };
    const edgeCheck = (importer: { ImportPath: string; Dir: string; cmdlineFiles: boolean }, e: Entry, i: LoadPkg) => {
      // the importer's error: its import stack as reusePackage leaves it
      const stack0 = [...path];
      const stack = () => (e !== 'cla' && loadStacks.get(e)) || stack0;
      const pos = () => (e === 'cla' ? importPos(s, i, i.path, tags, files) : importPos(s, e, i.path, tags));
      const iErr = own(i) || later.has(i);
      if (internalDisallowed(s, importer, { ImportPath: i.path, Dir: i.dir, inModule: i.mod.path !== '', hasError: iErr })) {
        setLater(e, async () => {
          const at = await pos();
          return `${stackText(stack())}${at !== '' ? '\n\t' + at : ''}: use of internal package ${i.path} not allowed`;
        });
      } else if (names.get(i) === 'main' && i.dir !== importer.Dir) {
        setLater(e, async () => {
          const at = await pos();
          const msg = `import ${goQuote(i.path)} is a program, not an importable package`;
          return at !== '' ? `${at}: ${msg}` : `${stackText(stack())}: ${msg}`;
        });
      } else if (isLocalImport(i.path) && !importer.cmdlineFiles) {
        setLater(e, async () => {
          const at = await pos();
          return at !== '' ? `${at}: ${localImportError(i.path)}` : `${stackText(stack())}: ${localImportError(i.path)}`;
        });
      }
    };
    const byPath = (a: LoadPkg, b: LoadPkg) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const visit = (q: LoadPkg, from: LoadPkg | null) => {
      firstImporter.set(q, from);
      path.push(q.path);
      loadStacks.set(q, [...path]);
      firstStacks.set(q, [...path]);
      for (const i of [...edges(q)].sort(byPath)) {
        if (!firstImporter.has(i)) visit(i, q);
        else reuse(i, [...path, i.path]);
        if (!finished.has(i)) {
          const cycle = [...path, i.path];
          setLater(i, async () => `${stackText(cycle)}: import cycle not allowed`);
        }
        edgeCheck({ ImportPath: q.path, Dir: q.dir, cmdlineFiles: false }, q, i);
      }
      const oe = otherErrs.get(q);
      if (oe !== undefined) setLater(q, async () => `${stackText(loadStacks.get(q)!)}: ${oe}`);
      path.pop();
      finished.add(q);
      order.push(q);
    };
    if (files) {
      // go run x.go: the named files' package (command-line-arguments) imports the roots.
      const cla = { ImportPath: 'command-line-arguments', Dir: files[0]!.slice(0, files[0]!.lastIndexOf('/')), cmdlineFiles: true };
      path.push(cla.ImportPath);
      for (const r of [...ld.roots].sort(byPath)) {
        if (!firstImporter.has(r)) visit(r, null);
        else reuse(r, [...path, r.path]);
        edgeCheck(cla, 'cla', r);
      }
      path.pop();
      order.push('cla');
    } else {
      for (const r of ld.roots) {
        if (!firstImporter.has(r)) visit(r, null);
        else reuse(r, [r.path]);
      }
    }
    const direct = failing.filter((q) => !viaTest(q));
    const testOnly = direct.length === 0 && failing.length > 0 && cmd === 'test';
    let stdout = '';
    if (testOnly) {
      // go test reports a test's setup failure under "# P" and FAIL lines on stdout.
      let t: LoadPkg | null = failing[0]!;
      while (t !== null && !t.isTest()) t = t.stack;
      const name = t?.path ?? failing[0]!.path;
      stderr += `# ${name}\n`;
      stdout = `FAIL\t${name} [setup failed]\nFAIL\n`;
    }
    const ownText = async (pkg: LoadPkg): Promise<string> => {
      const dataErr = loadPackageDataError(pkg.path);
      const ee = embedErrs.get(pkg);
      if (ee !== undefined && pkg.err === null && !bad.has(pkg) && dataErr === undefined) return ee;
      const ie = inputErrs.get(pkg);
      if (ie !== undefined && pkg.err === null && !bad.has(pkg) && dataErr === undefined) {
        const stack = firstStacks.get(pkg) ?? [];
        if (stack.length === 0) for (let q: LoadPkg | null = pkg; q !== null; q = q.stack) stack.unshift(q.path);
        return `${stackText(stack)}: ${ie}`;
      }
      const b = bad.get(pkg);
      if (b?.scan && dataErr === undefined) return `${shortPath(s.cwd, b.scan.file)}:${b.scan.line}:${b.scan.column}: ${b.msg}`;
      if (dataErr !== undefined || (pkg.err !== null && pkg.err.message === errNoGo && pkg.dir !== '')) {
        // pkg.go: loadImport / setLoadPackageDataError — these errors are the package's own: no
        // position, the import stack down to the package.
        const stack: string[] = [];
        for (let q: LoadPkg | null = pkg; q !== null; q = q.stack) stack.unshift(q.path);
        return `${stackText(stack)}: ${dataErr ?? (await noGoError(s, pkg.dir))}`;
      }
      let pos = '';
      // pkg.go: p.load's setLoadPackageDataError — at the import in its first importer of the walk
      const importer = firstImporter.has(pkg) ? firstImporter.get(pkg)! : pkg.stack;
      if (importer) pos = await importPos(s, importer, pkg.path, tags);
      else if (files) pos = await importPos(s, pkg, pkg.path, tags, files);
      return (pos !== '' ? pos + ': ' : '') + (pkg.err?.message ?? b!.msg);
    };
    const report = (text: string) => {
      if (seen.has(text)) return;
      seen.add(text);
      errors.push(text);
      stderr += text + '\n';
    };
    const withLater = order.filter((e) => later.has(e));
    const pool = direct.length > 0 ? direct : failing;
    const inPool = new Set(pool);
    const entries: Entry[] =
      cmd !== 'test' || direct.length > 0
        ? [...order.filter((e) => later.has(e) || (e !== 'cla' && inPool.has(e))), ...pool.filter((q) => !firstImporter.has(q))]
        : [...pool, ...withLater];
    // PackagesAndErrors puts a pattern's error (a package of its own) after the pattern's
    // packages: PackageList reports it before the errors of later patterns' packages.
    const rootPat = new Map<LoadPkg, number>();
    for (const [pat, m] of matches.entries()) {
      for (const path of m.pkgs) {
        const q = ld.roots.find((r) => r.path === path && !r.isTest());
        if (q !== undefined && !rootPat.has(q)) rootPat.set(q, pat);
      }
    }
    const patOf = (e: Entry): number => {
      if (e === 'cla') return Infinity;
      let q = e;
      for (let up = firstImporter.get(q); up; up = firstImporter.get(q)) q = up;
      return rootPat.get(q) ?? Infinity;
    };
    const pending = [...matchErrs];
    for (const e of entries) {
      while (pending.length > 0 && pending[0]!.pat < patOf(e)) report(pending.shift()!.text);
      report(e !== 'cla' && own(e) ? await ownText(e) : await later.get(e)!());
    }
    for (const text of [...(await unresolvedImports(s, ld, tags)), ...pending.map((m) => m.text)]) {
      errors.push(text);
      stderr += text + '\n';
    }
    const runRoot = runPkg === undefined ? undefined : ld.pkgs.find((q) => q.path === runPkg && !q.isTest());
    if (runRoot !== undefined && !own(runRoot) && infoOf(runRoot) != null && infoOf(runRoot)!.name !== 'main') report(`package ${runPkg} is not a main package`);
    if (errors.length > 0 || s.exitStatus !== 0) return { stdout, stderr, exitCode: 1, passed: false, errors };
    // test.go runTest, vet.go runVet: nothing loaded at all
    if ((cmd === 'test' || cmd === 'vet') && !files && matches.every((m) => m.pkgs.length === 0 && m.errs.length === 0)) {
      return { stdout, stderr: stderr + `no packages to ${cmd}\n`, exitCode: 1, passed: false, errors: [`no packages to ${cmd}`] };
    }
    // work/exec.go: build — a binary-only package's build action fails (after loading).
    for (const e of order) {
      if (e === 'cla' || !dirInfos.get(e)?.binaryOnly) continue;
      report(`${e.path}: binary-only packages are no longer supported`);
    }
    if (errors.length > 0) return { stdout, stderr, exitCode: 1, passed: false, errors };
    let out = '';
    if (cmd === 'build') {
      // build.go runBuild after CheckPackageErrors: the toolchain's flag notes (stdout), then -o
      const gccgo = p.flags.get('compiler') === 'gccgo';
      if (gccgo && p.flags.has('gcflags')) out += 'go build: when using gccgo toolchain, please pass compiler flags using -gccgoflags, not -gcflags\n';
      if (gccgo && p.flags.has('ldflags')) out += 'go build: when using gccgo toolchain, please pass linker flags using -gccgoflags, not -ldflags\n';
      if (!gccgo && p.flags.has('gccgoflags')) out += 'go build: when using gc toolchain, please pass compile flags using -gcflags, and linker flags using -ldflags\n';
      const fail = (text: string) => ({ stdout: out, stderr: stderr + text + '\n', exitCode: 1, passed: false, errors: [text] });
      // the command-line packages (omitTestOnly: a wildcard's package with only test files is left out)
      const cmdline: { path: string; name: string }[] = [];
      if (files) cmdline.push({ path: 'command-line-arguments', name: '' });
      for (const m of matches) {
        for (const path of m.pkgs) {
          if (cmdline.some((c) => c.path === path)) continue;
          const q = ld.pkgs.find((x) => x.path === path && !x.isTest());
          const di = q === undefined ? undefined : infoOf(q);
          if (di && di.goFiles.length + di.cgoFiles.length === 0 && m.pattern.includes('...')) continue;
          cmdline.push({ path, name: di?.name ?? '' });
        }
      }
      let o = p.flags.get('o') ?? '';
      const explicitO = o !== '';
      if (!files && cmdline.length === 1 && cmdline[0]!.name === 'main' && o === '') o = defaultExecName(cmdline[0]!.path);
      if (o !== '' && o !== '/dev/null') {
        const st = await s.files.stat(isAbs(o) ? o : join(s.cwd, o));
        if (st === 'dir' || o.endsWith('/')) {
          if (!explicitO) return fail(`go: build output ${goQuote(o)} already exists and is a directory`);
          if (!files && !cmdline.some((c) => c.name === 'main')) return fail('go: no main packages to build');
        } else if (cmdline.length > 1) return fail(`go: cannot write multiple packages to non-directory ${o}`);
        else if (cmdline.length === 0) return fail('no packages to build');
      }
    }
    return { stdout: out, stderr: stderr + passedText, exitCode: 0, passed: true, errors };
  } catch (e) {
    if (e instanceof ExitError) return { stdout: '', stderr, exitCode: e.status, passed: false, errors };
    return { stdout: '', stderr: stderr + errorText(e), exitCode: 1, passed: false, errors };
  }
}

/**
 * load/pkg.go: NoGoError for a directory the module loader found no buildable Go files in
 * (go/build.Import's IgnoredGoFiles: .go files not named _* or .*, excluded by build constraints).
 */
async function noGoError(s: ModState, dir: string): Promise<string> {
  const srcs = await loadEnv(s).fs.sources(dir);
  return noGoErrorText(dir, srcs.some((f) => f.name.endsWith('.go') && !isIgnoredFileName(f.name)));
}

/**
 * load/pkg.go: loadPackageData's checks of an import path before any lookup, in module and
 * GOPATH mode alike: "mod/" is reserved (it would reach $GOPATH/pkg/mod) and path@version
 * belongs to go get and go install. The error is reported with the path on the import stack.
 */
export function loadPackageDataError(path: string): string | undefined {
  if (path.startsWith('mod/')) return `disallowed import path ${goQuote(path)}`;
  if (path.includes('@')) return "can only use path@version syntax with 'go get' and 'go install' in module-aware mode";
  return undefined;
}

/** go/build: IsLocalImport — ".", "..", or starting with "./" or "../". */
export function isLocalImport(path: string): boolean {
  return path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../');
}

/** load/pkg.go: loadImport's error for a local import from a package with an import path. */
export function localImportError(path: string): string {
  return path === '.' ? '.: cannot import current directory' : `local import ${goQuote(path)} in non-local package`;
}

/** load.NoGoError.Error for a directory without buildable Go files (ignoredGo: some were excluded). */
export function noGoErrorText(dir: string, ignoredGo: boolean): string {
  return ignoredGo ? `build constraints exclude all Go files in ${dir}` : `no Go files in ${dir}`;
}

/**
 * Imports the module loader skips (modload/load.go: scanDir drops appengine paths) that
 * load.loadImport then looks up: modload.Lookup finds neither a loaded package nor a GOROOT
 * directory, so the import fails with errMissing ("cannot find package") at its position.
 * Reported once per import path, at its first importer in load order.
 */
async function unresolvedImports(s: ModState, ld: Loader, tags: Tags): Promise<string[]> {
  const env = loadEnv(s);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const pkg of ld.pkgs) {
    if (pkg.err !== null || pkg.dir === '' || pkg.isTest() || pkg.inStd) continue;
    const r = scanDirIndexed(await env.fs.sources(pkg.dir), tags, pkg.dir);
    if (r.error !== undefined) continue;
    const kept = new Set(filterLoadImports(r.imports));
    for (const imp of r.imports) {
      if (imp === 'C' || kept.has(imp) || seen.has(imp)) continue;
      seen.add(imp);
      const pos = await importPos(s, pkg, imp, tags);
      out.push((pos !== '' ? pos + ': ' : '') + 'cannot find package');
    }
  }
  return out;
}

/**
 * load/pkg.go: (*Package).load's case-insensitive import collision check. go registers each
 * package's folded path as it loads it, before its imports (preorder over the sorted imports
 * from the roots); a later package whose path folds the same gets the error.
 */
function checkFoldCollisions(ld: Loader): void {
  const foldPath = new Map<string, string>();
  const visited = new Set<LoadPkg>();
  const visit = (p: LoadPkg) => {
    if (visited.has(p)) return;
    visited.add(p);
    const fold = toFold(p.path);
    const other = foldPath.get(fold);
    if (other === undefined) foldPath.set(fold, p.path);
    else if (other !== p.path && p.err === null) p.err = new Error(`case-insensitive import collision: ${goQuote(p.path)} and ${goQuote(other)}`);
    for (const d of [...p.imports].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) visit(d);
  };
  for (const r of ld.roots) visit(r);
}

/**
 * load/pkg.go: disallowVendor / disallowVendorVisibility, for each import edge: a path with a
 * "vendor" element may only be imported from inside the tree holding that vendor directory,
 * and even then must be imported without the vendor prefix.
 */
function checkVendorImports(ld: Loader): void {
  for (const q of ld.pkgs) {
    for (const p of q.imports) {
      if (p.err !== null || p.dir === '') continue;
      const msg = vendorImportError(q.dir, p.path, { ImportPath: p.path, Dir: p.dir });
      if (msg !== null) p.err = new Error(msg);
    }
  }
}
