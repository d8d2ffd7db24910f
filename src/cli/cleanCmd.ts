// `modscope clean -modcache` (cmd/go/internal/clean/clean.go: runClean's -modcache part): removes
// $GOMODCACHE, making its read-only directories writable first (modfetch.RemoveAll). -n prints
// the command without running it, -x prints and runs it. go clean's other work (build
// artifacts, -cache, -testcache, -fuzzcache, -i, -r, packages) is not modscope's.
import { readGoEnv } from '../core/goenv';
import { DiskCache } from '../io/diskCache';
import type { CliCommand } from './commands';

const usage = "usage: go clean [clean flags] [build flags] [packages]\nRun 'go help clean' for details.\n";

export const cleanCommand: CliCommand = {
  name: 'clean',
  short: 'remove the module cache (go clean -modcache; other clean flags are not modscope\'s)',
  async run(args, cli) {
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
      else if (['cache', 'testcache', 'fuzzcache', 'i', 'r'].includes(name.split('=')[0]!)) other.push(a);
      else if (name === 'h' || name === 'help') {
        cli.stderr(usage);
        return 2;
      } else other.push(a);
    }
    const pkgs = args.slice(i);
    if (pkgs.length > 0 && modcache) {
      cli.stderr('go: clean -modcache cannot be used with package arguments\n');
      return 1;
    }
    if (!modcache || other.length > 0 || pkgs.length > 0) {
      cli.stderr(
        `modscope: only 'go clean -modcache' is implemented; go clean's other work (${[...other, ...pkgs].join(' ') || 'build artifacts of packages'}) is not done by modscope\n`,
      );
      return 2;
    }
    const env = readGoEnv(cli.env);
    if (env.GOMODCACHE === '') {
      cli.stderr('go: cannot clean -modcache without a module cache\n');
      return 1;
    }
    if (n || x) cli.stdout(`rm -rf ${env.GOMODCACHE}\n`);
    if (n) return 0;
    try {
      await new DiskCache(env.GOMODCACHE).removeTree('');
    } catch (e) {
      cli.stderr(`go: ${(e as Error).message}\n`);
      return 1;
    }
    return 0;
  },
};
