// `modscope mod init`: the core command over Node's files.
import { modInit } from '../core/commands/modinit';
import { writeResult, type CliCommand } from './commands';
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
    writeResult(r, cli);
    return r.exitCode;
  },
};
