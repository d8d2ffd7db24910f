// `modscope work sync`: the core command over Node's files, disk cache and GOPROXY.
import { workSync } from '../core/commands/worksync';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const workSyncCommand: CliCommand = {
  name: 'work sync',
  short: "sync workspace build list to modules (go work sync)",
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await workSync(args, c.ctx, c.deps);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
