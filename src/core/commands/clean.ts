// `go clean -modcache` (cmd/go/internal/clean/clean.go: runClean's -modcache part): removes the
// module cache (modfetch.RemoveAll). -n prints the command without running it, -x prints and
// runs it. go clean's other work (build artifacts, -cache, -testcache, -fuzzcache, -i, -r,
// packages) is not modscope's and is refused plainly.
import type { ModuleCache } from '../cache';
import type { CommandResult } from '../workspace';

const usage = "usage: go clean [clean flags] [build flags] [packages]\nRun 'go help clean' for details.\n";

/** The module cache to clean: its root as printed by -n/-x ('' when there is none) and the cache. */
export interface CleanTarget {
  root: string;
  cache: Pick<ModuleCache, 'removeTree'>;
}

/** `go clean [flags] [packages]`, of which only -modcache (with -n/-x) is implemented. */
export async function goClean(args: string[], target: CleanTarget): Promise<CommandResult> {
  const fail = (stderr: string, exitCode: number): CommandResult => ({ stdout: '', stderr, exitCode });
  let modcache = false;
  let n = false;
  let x = false;
  const other: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const name = a.replace(/^--?/, '');
    if (name === 'modcache') modcache = true;
    else if (name === 'n') n = true;
    else if (name === 'x') x = true;
    else if (name === 'h' || name === 'help') return fail(usage, 2);
    else other.push(a);
  }
  const pkgs = args.slice(i);
  if (pkgs.length > 0 && modcache) return fail('go: clean -modcache cannot be used with package arguments\n', 1);
  if (!modcache || other.length > 0 || pkgs.length > 0) {
    const what = [...other, ...pkgs].join(' ') || 'build artifacts of packages';
    return fail(`modscope: only 'go clean -modcache' is implemented; go clean's other work (${what}) is not done by modscope\n`, 2);
  }
  if (target.root === '') return fail('go: cannot clean -modcache without a module cache\n', 1);
  const stdout = n || x ? `rm -rf ${target.root}\n` : '';
  if (n) return { stdout, stderr: '', exitCode: 0 };
  try {
    await target.cache.removeTree('');
  } catch (e) {
    return { stdout, stderr: `go: ${(e as Error).message}\n`, exitCode: 1 };
  }
  return { stdout, stderr: '', exitCode: 0 };
}
