// `modscope env`: the core command over Node's files; `go env -w/-u` rewrite the user's go/env
// file (cfg.EnvFile: $GOENV or $XDG_CONFIG_HOME|$HOME/.config/go/env) as go does.
import { envCommand as envCore, envFilePath, updateEnvFile } from '../core/commands/envcmd';
import { NodeWorkspace } from '../io/nodeWorkspace';
import { writeResult, type CliCommand } from './commands';

export const envCommand: CliCommand = {
  name: 'env',
  short: 'print Go environment information (go env)',
  async run(args, cli) {
    const files = new NodeWorkspace();
    const file = envFilePath(cli.env);
    const raw = file !== '' ? await files.read(file) : undefined;
    const text = raw ? new TextDecoder().decode(raw) : '';
    const r = await envCore(args, { cwd: cli.cwd, files, env: cli.env }, { userEnvFile: text });
    if (r.exitCode === 0 && r.envUpdates) {
      if (file === '') {
        cli.stderr('go: cannot find go env config: GOENV=off\n');
        return 1;
      }
      const add: Record<string, string> = {};
      const del = new Set<string>();
      for (const [k, v] of Object.entries(r.envUpdates)) {
        if (v === undefined) del.add(k);
        else add[k] = v;
      }
      const next = updateEnvFile(text, add, del);
      if (next !== text) await files.write(file, next);
    }
    writeResult(r, cli);
    return r.exitCode;
  },
};
