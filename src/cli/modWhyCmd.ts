// `modscope mod why`: the core command over Node's files, disk cache and GOPROXY.
import { modWhy } from '../core/commands/modwhy';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const modWhyCommand: CliCommand = {
  name: 'mod why',
  short: 'explain why packages or modules are needed (go mod why)',
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await modWhy(args, c.ctx, c.deps);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
