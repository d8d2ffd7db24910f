// `modscope list -m`: the core command over Node's files, the disk module cache and GOPROXY.
import { listCommand as listCore } from '../core/commands/listm';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const listCommand: CliCommand = {
  name: 'list',
  short: 'list modules (go list -m)',
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await listCore(args, c.ctx, c.deps);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
