// `modscope mod download`: the core command over Node's files, disk cache and GOPROXY.
import { modDownload } from '../core/commands/moddownload';
import { writeResult, type CliCommand } from './commands';
import { cliFetchContext } from './context';

export const modDownloadCommand: CliCommand = {
  name: 'mod download',
  short: 'download modules to local cache (go mod download)',
  async run(args, cli) {
    const c = cliFetchContext(cli, args);
    if ('error' in c) {
      cli.stderr(c.error);
      return 1;
    }
    const r = await modDownload(c.ctx, args, c.deps);
    writeResult(r, cli);
    return r.exitCode;
  },
};
