// `modscope env`: the core command over Node's files; `go env -w/-u` rewrite the user's go/env
// file (cfg.EnvFile: $GOENV or $XDG_CONFIG_HOME|$HOME/.config/go/env) as go does.
import { envCommand as envCore, envFilePath, updateEnvFile } from '../core/commands/envcmd';
import { resolve } from 'node:path';
import { nodeCCProbe } from '../io/ccProbe';
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
    const r = await envCore(args, { cwd: cli.cwd, files, env: cli.env }, { userEnvFile: text, ccProbe: nodeCCProbe(cli.env, cli.cwd) });
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
      // env.go updateEnvFile runs after main.go's -C chdir (the settings shown were read before
      // it): a relative $GOENV names a file in the command's directory. readEnvFileLines: go env
      // -u (nothing to add) needs the file to exist.
      const target = resolve(cli.cwd, file);
      const cur = await files.read(target);
      if (cur === undefined && Object.keys(add).length === 0) {
        cli.stderr(`go: reading go env config: open ${file}: no such file or directory\n`);
        return 1;
      }
      const old = cur ? new TextDecoder().decode(cur) : '';
      const next = updateEnvFile(old, add, del);
      if (next !== old) await files.write(target, next);
    }
    writeResult(r, cli);
    return r.exitCode;
  },
};
