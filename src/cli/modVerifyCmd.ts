// `modscope mod verify`: the core command over Node's files and the disk module cache.
import { modVerify } from '../core/commands/modverify';
import { writeResult, type CliCommand } from './commands';
import { cliFetchContext } from './context';

export const modVerifyCommand: CliCommand = {
  name: 'mod verify',
  short: 'verify dependencies have expected content (go mod verify)',
  async run(args, cli) {
    const c = cliFetchContext(cli);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await modVerify(c.ctx, args, c.deps);
    writeResult(r, cli);
    return r.exitCode;
  },
};
