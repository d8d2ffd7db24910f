// `go mod graph [-go=version] [-x]`: cmd/go/internal/modcmd/graph.go (runGraph) over the core
// module loader. Prints every requirement edge of the loaded graph, breadth-first from the main
// module(s), "from to" with path@version (main modules without a version).

import { compareGo, Local, TooNewError } from '../gover';
import type { FetchDeps } from '../modfetch/fetcher';
import type { ModuleVersion } from '../module';
import { loadModGraph } from '../modload/buildlist';
import { initWorkfile } from '../modload/init';
import { ModState } from '../modload/state';
import type { CommandContext, CommandResult } from '../workspace';
import { FlagError, flagBool, flagsFromGOFLAGS, parseFlags, type FlagSpec } from './modflags';
import { goVersionFlag } from './cmdflags';
import { errorText } from './errtext';

const USAGE = "usage: go mod graph [-go=version] [-x]\nRun 'go help mod graph' for details.\n";

const specs: Record<string, FlagSpec> = {
  go: goVersionFlag,
  x: { kind: 'bool' },
  modcacherw: { kind: 'bool' },
  modfile: { kind: 'string' },
  overlay: { kind: 'string' },
};

/** Runs `go mod graph` (args after "mod graph"). */
export async function modGraph(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  let parsed;
  try {
    parsed = parseFlags(argv, specs, flagsFromGOFLAGS(ctx.env.GOFLAGS, specs));
  } catch (e) {
    const msg = (e as Error).message;
    if (msg === 'help') return { stdout: '', stderr: USAGE, exitCode: 2 };
    return { stdout: '', stderr: msg + '\n' + USAGE, exitCode: 2 };
  }
  void flagBool;
  const s = new ModState({
    cwd: ctx.cwd,
    files: ctx.files,
    env: ctx.env,
    cmdName: 'mod graph',
    deps,
    modFile: parsed.values.get('modfile'),
    overlay: parsed.values.get('overlay'),
    stderr: (t) => (stderr += t),
    signal: ctx.signal,
  });
  try {
    await initWorkfile(s);
    if (parsed.args.length > 0) return { stdout, stderr: stderr + "go: 'go mod graph' accepts no arguments\n", exitCode: 1 };
    const goVersion = parsed.values.get('go') ?? '';
    if (goVersion !== '' && compareGo(Local, goVersion) < 0) {
      throw s.tooNew('-go flag', goVersion);
    }
    const mg = await loadModGraph(s, goVersion);
    const format = (m: ModuleVersion) => (m.version !== '' ? `${m.path}@${m.version}` : m.path);
    const out: string[] = [];
    mg.walkBreadthFirst((m) => {
      for (const r of mg.requiredBy(m) ?? []) out.push(format(m) + ' ' + format(r) + '\n');
    });
    stdout = out.join('');
    // graph.go: loading's warnings, then the graph (a bufio.Writer flushed at the end)
    return { stdout, stderr, exitCode: s.exitStatus, stdoutAfter: stderr.length };
  } catch (e) {
    return { stdout, stderr: stderr + errorText(e), exitCode: 1, stdoutAfter: stderr.length };
  }
}
