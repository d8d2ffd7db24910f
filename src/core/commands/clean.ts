// `go clean` (cmd/go/internal/clean/clean.go: runClean): -modcache removes the module cache
// (modfetch.RemoveAll); packages (the arguments, -i, -r, or a bare go clean in a module) have
// their build leftovers removed (cleanpkgs.ts). -n prints the commands without running them, -x
// prints and runs them. The build and fuzz caches (-cache, -testcache, -fuzzcache) are not
// modscope's and are refused plainly.
import type { ModuleCache } from '../cache';
import type { FetchDeps } from '../modfetch/fetcher';
import { findModuleRoot, initWorkfile } from '../modload/init';
import { ExitError } from '../modload/packages/load';
import { ModState } from '../modload/state';
import type { CommandContext, CommandResult } from '../workspace';
import { cleanPackages } from './cleanpkgs';
import { errorText } from './errtext';
import { FlagError, flagBool, flagsFromGOFLAGS, parseFlags } from './modflags';
import { commandFlagSpecs } from './cmdflags';

const usage = "usage: go clean [-i] [-r] [-cache] [-testcache] [-modcache] [-fuzzcache] [build flags] [packages]\nRun 'go help clean' for details.\n";

// clean.go init: its own flags, then work.AddBuildFlags
const specs = commandFlagSpecs('clean')!;

/** The module cache to clean: its root as printed by -n/-x ('' when there is none) and the cache. */
export interface CleanTarget {
  root: string;
  cache: Pick<ModuleCache, 'removeTree'>;
}

/** `go clean [flags] [packages]`; pkgs (the command's files and fetch layer) loads packages to clean. */
export async function goClean(args: string[], target: CleanTarget, pkgs?: { ctx: CommandContext; deps: FetchDeps }): Promise<CommandResult> {
  const fail = (stderr: string, exitCode: number): CommandResult => ({ stdout: '', stderr, exitCode });
  let parsed;
  try {
    parsed = parseFlags(args, specs, flagsFromGOFLAGS(pkgs?.ctx.env.GOFLAGS, specs));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    return fail(e.message === 'help' ? usage : e.message + '\n' + usage, 2);
  }
  const fl = parsed.values;
  const on = (name: string) => flagBool(fl, name);
  const n = on('n');
  const x = on('x');
  const modcache = on('modcache');
  const cacheFlag = ['cache', 'testcache', 'fuzzcache', 'modcache'].find(on);
  if (parsed.args.length > 0 && cacheFlag) return fail(`go: clean -${cacheFlag} cannot be used with package arguments\n`, 1);
  const buildCaches = ['cache', 'testcache', 'fuzzcache'].filter(on);
  if (buildCaches.length > 0) {
    return fail(`modscope: go clean ${buildCaches.map((c) => '-' + c).join(' ')} is not done by modscope (it cleans go's build caches)\n`, 2);
  }
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  if (pkgs) {
    // golang.org/issue/29925: packages are loaded only when named or implied (-i, -r), or when
    // nothing else was asked for in a module.
    const s = new ModState({ cwd: pkgs.ctx.cwd, files: pkgs.ctx.files, env: pkgs.ctx.env, cmdName: 'clean', deps: pkgs.deps, buildMod: fl.get('mod'), modFile: fl.get('modfile'), overlay: fl.get('overlay'), stderr: (t) => (stderr += t), signal: pkgs.ctx.signal });
    try {
      let cleanPkg = parsed.args.length > 0 || on('i') || on('r');
      if (!cleanPkg && !modcache) {
        await initWorkfile(s);
        // HasModRoot: false in workspace mode before go.mod files are read.
        cleanPkg = s.getenv('GO111MODULE') === 'off' || (!s.inWorkspaceMode() && (await findModuleRoot(s, s.cwd)) !== '');
      }
      if (cleanPkg) stdout += await cleanPackages(s, parsed.args, { n, x, i: on('i'), r: on('r'), tags: fl.get('tags') ?? '' });
    } catch (e) {
      if (e instanceof ExitError) return { stdout, stderr, exitCode: e.status, stdoutAfter: stderr.length };
      return { stdout, stderr: stderr + errorText(e), exitCode: 1, stdoutAfter: stderr.length };
    }
    exitCode = s.exitStatus;
  } else if (!modcache || parsed.args.length > 0) {
    return fail("modscope: only 'go clean -modcache' is implemented here; go clean's package work is not done by modscope\n", 2);
  }
  if (!modcache) return { stdout, stderr, exitCode, stdoutAfter: stderr.length };
  if (target.root === '') return { stdout, stderr: stderr + 'go: cannot clean -modcache without a module cache\n', exitCode: 1, stdoutAfter: stderr.length };
  if (n || x) stdout += `rm -rf ${target.root}\n`;
  if (n) return { stdout, stderr, exitCode, stdoutAfter: stderr.length };
  try {
    await target.cache.removeTree('');
  } catch (e) {
    return { stdout, stderr: stderr + `go: ${(e as Error).message}\n`, exitCode: 1, stdoutAfter: stderr.length };
  }
  return { stdout, stderr, exitCode, stdoutAfter: stderr.length };
}
