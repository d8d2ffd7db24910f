// `go get`: cmd/go/internal/modget/get.go runGet — parses the arguments into queries (query.ts),
// runs the resolver's rounds (resolver.ts), then checks and reports (report.ts).
//
// Supported: module and package path arguments with @version, @latest, @upgrade, @patch,
// @none, <, <=, >, >= queries, bare paths (@upgrade, or the -u version), local package
// directories (".", "./x", none = "."), wildcard patterns ("...", local or not), "all", -u,
// -u=patch, -t, -v, -d/-f/-fix notes, go@V and toolchain@V (modload/toolchainrepo.ts),
// toolchain@none. A go.work does not apply: get.go never calls modload.InitWorkfile, so go get
// edits the go.mod of the module at the working directory and then only raises go.work's go
// (and toolchain) line to that module's go version (runGet's UpdateWorkGoVersion).
//
// While looking for imports to add or upgrade, the resolver's findPackage runs as the loader's
// AllowPackage hook, as in go: its queries run during loading, before an error found at the end
// of loading (two module paths for one module) ends go get.

import { switchUnlessFatal } from '../toolchain/switch';
import { type ModuleVersion } from '../module';
import { buildVerbose } from '../modload/edit';
import { commitRequirements, errNoModRootText, initModules, initWorkfile, loadModFile, type LoaderKeepSums } from '../modload/init';
import { UnsupportedPatternError } from '../modload/querypattern';
import { FatalError, type ModState } from '../modload/state';
import { loaderKeepSums } from '../modload/packages/load';
import { type GetFlags, GetQuery, cleanPatterns, newQuery } from './query';
import { type GetChange, checkPackageProblems, reportChanges } from './report';
import { exitIfErrors } from './errors';
import { Resolver } from './resolver';
import { ignorable, readWorkFileErr, updateWorkGoVersion, writeWorkFile } from '../commands/workfile';

export type { GetFlags } from './query';
export type { GetChange } from './report';

function reqsFromGoMod(s: ModState): ModuleVersion[] {
  const mm = s.main().mustGetSingleMainModule();
  const f = s.main().modFile(mm);
  if (!f) return [];
  const reqs = f.require.map((r) => ({ path: r.mod.path, version: r.mod.version }));
  if (f.go) reqs.push({ path: 'go', version: f.go.version });
  if (f.toolchain) reqs.push({ path: 'toolchain', version: f.toolchain.name });
  return reqs;
}

/** Thrown for forms of `go get` modscope does not implement yet. */
export class GetUnsupportedError extends Error {
  constructor(what: string) {
    super(`modscope: ${what} is not supported yet`);
    this.name = 'GetUnsupportedError';
  }
}

/** get.go: runGet after flag parsing. Returns the changes reported. Throws ExitError / fatal errors. */
export async function runGet(s: ModState, rawArgs: string[], fl: GetFlags): Promise<GetChange[]> {
  if (fl.v) buildVerbose.add(s);
  s.allowMissingModuleImports = true;
  // get.go runGet: modload.Init and HasModRoot only; go.mod is loaded later (newResolver's
  // LoadModGraph), after parseArgs has reported its errors (go get go@none prints only
  // "cannot use go@none", not what loading go.mod prints).
  try {
    await initModules(s);
    if (!s.hasModRoot()) throw new FatalError('go: ' + errNoModRootText);
  } catch (e) {
    if (e instanceof FatalError && e.message.startsWith("go: go.mod file not found in current directory")) {
      throw new FatalError(
        "go: go.mod file not found in current directory or any parent directory.\n\t'go get' is no longer supported outside a module.\n\tTo build and install a command, use 'go install' with a version,\n\tlike 'go install example.com/cmd@latest'\n\tFor more information, see https://golang.org/doc/go-get-install-deprecation\n\tor run 'go help get' or 'go help install'.",
      );
    }
    throw e;
  }

  // parseArgs
  let dropToolchain = false;
  const queries: GetQuery[] = [];
  for (const arg of cleanPatterns(rawArgs)) {
    const { q, err } = newQuery(s, arg, fl);
    if (err) {
      s.errorf('go: ' + err.message);
      continue;
    }
    if (q!.version === 'none') {
      if (q!.pattern === 'go') {
        s.errorf('go: cannot use go@none');
        continue;
      }
      if (q!.pattern === 'toolchain') {
        dropToolchain = true;
        continue;
      }
    }
    if (rawArgs.length === 0) (q as { raw: string }).raw = '';
    if (q!.raw.endsWith('.go') && q!.rawVersion === '') {
      if (!q!.raw.includes('/')) {
        s.errorf(`go: ${q!.raw}: arguments must be package or module paths`);
        continue;
      }
      if ((await s.files.stat(q!.raw.startsWith('/') ? q!.raw : s.cwd + '/' + q!.raw)) === 'file') {
        s.errorf(`go: ${q!.raw} exists as a file, but 'go get' requires package arguments`);
        continue;
      }
    }
    queries.push(q!);
  }
  exitIfErrors(s);
  // get.go runGet: naming toolchain@V keeps that toolchain line as given.
  const opts = { dropToolchain, explicitToolchain: queries.some((q) => q.pattern === 'toolchain') };

  const r = new Resolver(s, fl);
  await r.init(queries);
  try {
    await r.performLocalQueries();
    await r.performPathQueries();
  } catch (e) {
    if (e instanceof UnsupportedPatternError) throw new GetUnsupportedError(e.message.replace(/^modscope: /, '').replace(/ is not supported yet$/, ''));
    throw e;
  }
  for (;;) {
    await r.performWildcardQueries();
    await r.performPatternAllQueries();
    if (await r.resolveQueries(queries)) continue;
    const upgrades = await r.findAndUpgradeImports(queries);
    if (await r.applyUpgrades(upgrades)) continue;
    await r.findMissingWildcards();
    if (await r.resolveQueries(r.wildcardQueries)) continue;
    break;
  }
  await r.checkWildcardVersions();
  const pkgPatterns = queries.filter((q) => q.matchesPackages).map((q) => q.pattern);
  await checkPackageProblems(r, pkgPatterns);

  const oldReqs = reqsFromGoMod(s);
  s.requirements = await loadModFile(s);
  let keep: LoaderKeepSums | undefined;
  if (r.lastLoad) keep = loaderKeepSums(r.lastLoad.ld, s.requirements);
  // A TooNewError here: go get go@newversion with modules that are all old enough.
  await commitRequirements(s, opts, keep).catch((e) => switchUnlessFatal(s, e));
  const newReqs = reqsFromGoMod(s);
  const changes = reportChanges(r, oldReqs, newReqs);
  await updateGoWork(s);
  return changes;
}

/** modload.FindGoWork: go.work for the working directory ($GOWORK, or searched upward). */
async function findGoWork(s: ModState): Promise<string> {
  const saved = s.workFilePath;
  try {
    await initWorkfile(s);
    return s.workFilePath;
  } finally {
    s.workFilePath = saved;
  }
}

/** get.go runGet's last step: raise the go.work's go line to the main module's go version. */
async function updateGoWork(s: ModState): Promise<void> {
  const gowork = await findGoWork(s);
  if (gowork === '') return;
  let wf;
  try {
    wf = await readWorkFileErr(s, gowork);
  } catch (e) {
    if (ignorable(e)) return;
    throw e;
  }
  if (updateWorkGoVersion(wf, s.main().goVersion())) await writeWorkFile(s, gowork, wf);
}
