// `modscope mod graph`: the core command over Node's files, the disk module cache and GOPROXY.
import { modGraph } from '../core/commands/modgraph';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

export const modGraphCommand: CliCommand = {
  name: 'mod graph',
  short: 'print module requirement graph (go mod graph)',
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await modGraph(args, c.ctx, c.deps);
    if (r.stdout) cli.stdout(r.stdout);
    if (r.stderr) cli.stderr(r.stderr);
    return r.exitCode;
  },
};
