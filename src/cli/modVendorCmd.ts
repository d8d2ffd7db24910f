// `modscope mod vendor` / `modscope work vendor`: the core command over Node's files, disk cache
// and GOPROXY.
import { modVendor, workVendor } from '../core/commands/modvendor';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

function vendorCommand(name: 'mod vendor' | 'work vendor', short: string, run: typeof modVendor): CliCommand {
  return {
    name,
    short,
    async run(args, cli) {
      const c = cliFetchContext(cli, args);
      if ('error' in c) {
        cli.stderr(c.error);
        return 1;
      }
      const r = await run(args, c.ctx, c.deps);
      if (r.stdout) cli.stdout(r.stdout);
      if (r.stderr) cli.stderr(r.stderr);
      return r.exitCode;
    },
  };
}

export const modVendorCommand = vendorCommand('mod vendor', 'make vendored copy of dependencies (go mod vendor)', modVendor);
export const workVendorCommand = vendorCommand('work vendor', 'make vendored copy of dependencies (go work vendor)', workVendor);
