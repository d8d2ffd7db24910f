// `go get [-t] [-u] [-v] [build flags] [packages]` over the core resolver (src/core/modget):
// cmd/go/internal/modget/get.go runGet's flag handling and exit paths.

import type { FetchDeps } from '../modfetch/fetcher';
import { runGet, GetUnsupportedError, type GetChange } from '../modget/get';
import { ExitError } from '../modload/packages/load';
import { ModState } from '../modload/state';
import { sideLockFiles } from '../modfetch/session';
import type { CommandContext, CommandResult } from '../workspace';
import { errorText } from './errtext';
import { flagBool, parseCommandFlags } from './modflags';
import { commandFlagSpecs, commandUsage } from './cmdflags';

const USAGE = commandUsage('get');

// modget/get.go: go get's flags (with the build flags but -mod)
const specs = commandFlagSpecs('get')!;

export interface GetResult extends CommandResult {
  changes?: GetChange[];
}

/** Runs `go get` (args after "get"). */
export async function goGet(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<GetResult> {
  let stderr = '';
  const parsed = parseCommandFlags(argv, specs, ctx.env.GOFLAGS, USAGE);
  if (!('values' in parsed)) return parsed;
  const fl = parsed.values;
  // upgradeFlag.Set
  const uRaw = fl.get('u');
  let u = '';
  let uRawVersion = '';
  if (uRaw === undefined || uRaw === 'false') u = '';
  else if (uRaw === 'true') u = 'upgrade';
  else {
    u = uRaw;
    uRawVersion = uRaw;
  }
  if (u !== '' && u !== 'upgrade' && u !== 'patch') return { stdout: '', stderr: `go: unknown upgrade flag -u=${uRawVersion}\n`, exitCode: 1 };
  if (fl.has('d')) {
    if (!flagBool(fl, 'd')) return { stdout: '', stderr: 'go: -d flag may not be set to false\n', exitCode: 1 };
    stderr += 'go: -d flag is deprecated. -d=true is a no-op\n';
  }
  if (flagBool(fl, 'f')) stderr += 'go: -f flag is a no-op\n';
  if (flagBool(fl, 'fix')) stderr += 'go: -fix flag is a no-op\n';
  if (flagBool(fl, 'm')) return { stdout: '', stderr: stderr + 'go: -m flag is no longer supported\n', exitCode: 1 };
  if (flagBool(fl, 'insecure')) return { stdout: '', stderr: stderr + 'go: -insecure flag is no longer supported; use GOINSECURE instead\n', exitCode: 1 };

  const s = new ModState({
    cwd: ctx.cwd,
    files: sideLockFiles(ctx.files, deps.cache),
    env: ctx.env,
    cmdName: 'get',
    deps,
    modFile: fl.get('modfile'),
    overlay: fl.get('overlay'),
    stderr: (t) => (stderr += t),
    signal: ctx.signal,
  });
  try {
    const changes = await runGet(s, parsed.args, { u, uRaw: uRawVersion, t: flagBool(fl, 't'), v: flagBool(fl, 'v') });
    return { stdout: '', stderr, exitCode: s.exitStatus, changes };
  } catch (e) {
    if (e instanceof ExitError) return { stdout: '', stderr, exitCode: e.status };
    if (e instanceof GetUnsupportedError) return { stdout: '', stderr: stderr + e.message + '\n', exitCode: 2 };
    return { stdout: '', stderr: stderr + errorText(e), exitCode: 1 };
  }
}
