// A CLI command that runs a core command taking (args, ctx, deps) over Node's files, disk cache
// and GOPROXY, and passes on its output and exit status.
import type { FetchDeps } from '../core/modfetch/fetcher';
import type { CommandContext, CommandResult } from '../core/workspace';
import { writeResult, type CliCommand } from './commands';
import { cliFetchContext } from './context';

export function coreCommand(name: string, short: string, core: (args: string[], ctx: CommandContext, deps: FetchDeps) => Promise<CommandResult>): CliCommand {
  return {
    name,
    short,
    async run(args, cli) {
      const c = cliFetchContext(cli, args);
      if ('error' in c) {
        cli.stderr(c.error);
        return 1;
      }
      const r = await core(args, c.ctx, c.deps);
      writeResult(r, cli);
      return r.exitCode;
    },
  };
}
