// `modscope get`: the core command over Node's files, the disk module cache and GOPROXY.
import { goGet } from '../core/commands/get';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const getCommand: CliCommand = {
  name: 'get',
  short: 'add dependencies to current module (go get; module checks only, nothing is built)',
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await goGet(args, c.ctx, c.deps);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
