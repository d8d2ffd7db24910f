// `go work sync`: cmd/go/internal/workcmd/sync.go (runSync). Each workspace module's packages
// ("all" from that module) are loaded against the workspace build list; the versions they use
// become that module's mustSelect list, applied in single-module mode as go get would
// (EditBuildList), then its go.mod is tidied and written. go.work's go line is raised to the
// highest module go version (modload.UpdateWorkGoVersion) and go.work rewritten
// (UpdateWorkFile, WriteWorkFile: workfile.ts).

import { maxGo, modSort } from '../gover';
import type { FetchDeps } from '../modfetch/fetcher';
import type { ModuleVersion } from '../module';
import { mvKey } from '../mvs/graph';
import { anyTags } from '../imports/match';
import { loadModGraph } from '../modload/buildlist';
import { editBuildList } from '../modload/edit';
import { commitRequirements, initWorkfile, loadModFile } from '../modload/init';
import { loaderKeepSums, loadPackages, ExitError } from '../modload/packages/load';
import { FatalError, ModState } from '../modload/state';
import { switchUnlessFatal } from '../toolchain/switch';
import type { CommandContext, CommandResult } from '../workspace';
import { errorText } from './errtext';
import { ignorable, readWorkFile, updateWorkFile, updateWorkGoVersion, writeWorkFile } from './workfile';
import { parseCommandFlags, type FlagSpec } from './modflags';

const USAGE = "usage: go work sync\nRun 'go help work sync' for details.\n";

// base.AddModCommonFlags
const specs: Record<string, FlagSpec> = {
  modcacherw: { kind: 'bool' },
  modfile: { kind: 'string' },
  overlay: { kind: 'string' },
};

/** Runs `go work sync` (args after "work sync"; go ignores positional arguments). */
export async function workSync(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  let stderr = '';
  const parsed = parseCommandFlags(argv, specs, ctx.env.GOFLAGS, USAGE);
  if (!('values' in parsed)) return parsed;
  // fsys.Init (modload.InitWorkfile) reads -overlay once for the whole command
  const opts = { cwd: ctx.cwd, files: ctx.files, env: ctx.env, cmdName: 'work sync', deps, overlay: parsed.values.get('overlay'), stderr: (t: string) => (stderr += t), signal: ctx.signal };
  const s = new ModState({ ...opts, modFile: parsed.values.get('modfile') });
  try {
    await runSync(s, () => new ModState(opts));
  } catch (e) {
    if (e instanceof ExitError) return { stdout: '', stderr, exitCode: e.status };
    return { stdout: '', stderr: stderr + errorText(e), exitCode: 1 };
  }
  return { stdout: '', stderr, exitCode: s.exitStatus };
}

async function runSync(s: ModState, fresh: () => ModState): Promise<void> {
  await initWorkfile(s);
  if (s.workFilePath === '') {
    throw new FatalError("go: no go.work file found\n\t(run 'go work init' first or specify path using GOWORK environment variable)");
  }
  try {
    await loadModGraph(s, '');
  } catch (e) {
    await switchUnlessFatal(s, e);
  }

  // The module versions each main module's packages use in the workspace.
  const mms = s.main();
  const mustSelectFor = new Map<string, ModuleVersion[]>();
  for (const m of mms.versions()) {
    const lr = await loadPackages(
      s,
      {
        vendorModulesInGOROOTSrc: true,
        mainModule: m,
        tags: anyTags,
        resolveMissingImports: false,
        loadTests: true,
        allowErrors: true,
        silencePackageErrors: true,
        silenceUnmatchedWarnings: true,
      },
      ['all'],
    );
    const seen = new Set<string>();
    const mustSelect: ModuleVersion[] = [];
    for (const pkg of lr.ld.pkgs) {
      if (pkg.isTest() || pkg.mod.version === '' || seen.has(mvKey(pkg.mod))) continue;
      seen.add(mvKey(pkg.mod));
      mustSelect.push(pkg.mod);
    }
    mustSelectFor.set(mvKey(m), modSort(mustSelect));
  }

  const workFilePath = s.workFilePath;
  let goV = '';
  for (const m of mms.versions()) {
    const root = mms.getModRoot(m);
    if (root === '' && m.path === 'command-line-arguments') continue;
    // modload.EnterModule: single-module mode rooted at the module.
    // modfetch.Reset (a new fetcher and go.sum); modload's go.mod caches are package state and stay.
    const ms = fresh();
    shareModCaches(s, ms);
    ms.initialized = true;
    ms.modRoots = [root];
    await loadModFile(ms);
    let changed: boolean;
    try {
      changed = await editBuildList(ms, [], mustSelectFor.get(mvKey(m)) ?? []);
    } catch (e) {
      if (!ignorable(e)) throw e;
      s.exitStatus ||= ms.exitStatus;
      continue;
    }
    if (changed) {
      const lr = await loadPackages(
        ms,
        {
          vendorModulesInGOROOTSrc: true,
          tags: anyTags,
          tidy: true,
          resolveMissingImports: false,
          loadTests: true,
          allowErrors: true,
          silenceMissingStdImports: true,
          silencePackageErrors: true,
        },
        ['all'],
      );
      // modload.WriteGoMod
      await commitRequirements(ms, {}, loaderKeepSums(lr.ld, ms.requirements!));
    }
    goV = goV === '' ? ms.main().goVersion() : maxGo(goV, ms.main().goVersion());
    s.exitStatus ||= ms.exitStatus;
  }

  const wf = await readWorkFile(s, workFilePath);
  updateWorkGoVersion(wf, goV);
  await updateWorkFile(s, wf);
  await writeWorkFile(s, workFilePath, wf);
}

/** The caches go keeps in modload package variables (modfile.go: rawGoModSummaryCache, rawGoVersion,
 *  latestVersionIgnoringRetractionsCache), which EnterModule does not clear. */
function shareModCaches(from: ModState, to: ModState): void {
  const t = to as { -readonly [K in 'rawGoModSummaryCache' | 'rawGoVersion' | 'latestVersionIgnoringRetractionsCache']: ModState[K] };
  t.rawGoModSummaryCache = from.rawGoModSummaryCache;
  t.rawGoVersion = from.rawGoVersion;
  t.latestVersionIgnoringRetractionsCache = from.latestVersionIgnoringRetractionsCache;
}
