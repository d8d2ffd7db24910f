// `modscope mod init`: the core command over Node's files.
import { modInit } from '../core/commands/modinit';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const modInitCommand: CliCommand = {
  name: 'mod init',
  short: 'initialize new module in current directory (go mod init)',
  async run(args, cli) {
    const c = cliFetchContext(cli);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await modInit(args, c.ctx, c.deps.cache);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
