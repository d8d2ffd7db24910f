// `modscope clean -modcache`: the core command (core/commands/clean.ts) over $GOMODCACHE on disk.
import { goClean } from '../core/commands/clean';
import { readGoEnv } from '../core/goenv';
import { DiskCache } from '../io/diskCache';
import type { CliCommand } from './commands';

export const cleanCommand: CliCommand = {
  name: 'clean',
  short: 'remove the module cache (go clean -modcache; other clean flags are not modscope\'s)',
  async run(args, cli) {
    const root = readGoEnv(cli.env).GOMODCACHE;
    const r = await goClean(args, { root, cache: new DiskCache(root) });
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
