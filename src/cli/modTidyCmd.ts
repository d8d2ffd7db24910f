// `modscope mod tidy`: the core command over Node's files, disk cache and GOPROXY.
import { modTidy } from '../core/commands/modtidy';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const modTidyCommand: CliCommand = {
  name: 'mod tidy',
  short: 'add missing and remove unused modules (go mod tidy)',
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await modTidy(args, c.ctx, c.deps);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
