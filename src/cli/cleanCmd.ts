// `modscope clean`: the core command (core/commands/clean.ts) over $GOMODCACHE and the files on disk.
import { goClean } from '../core/commands/clean';
import { readGoEnv } from '../core/goenv';
import { DiskCache } from '../io/diskCache';
import { writeResult, type CliCommand } from './commands';
import { cliFetchContext } from './context';

export const cleanCommand: CliCommand = {
  name: 'clean',
  short: "remove packages' build leftovers and the module cache (go clean; -cache and friends are not modscope's)",
  async run(args, cli) {
    const root = readGoEnv(cli.env).GOMODCACHE;
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await goClean(args, { root, cache: new DiskCache(root) }, c);
    writeResult(r, cli);
    return r.exitCode;
  },
};
