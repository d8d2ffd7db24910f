// `modscope mod vendor`: the core command over Node's files, disk cache and GOPROXY.
import { modVendor } from '../core/commands/modvendor';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const modVendorCommand: CliCommand = {
  name: 'mod vendor',
  short: 'make vendored copy of dependencies (go mod vendor)',
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await modVendor(args, c.ctx, c.deps);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
