// Toolchain selection and switching around one CLI command (cmd/go/internal/toolchain:
// select.go Select and Exec, switch.go pathToolchains). go picks the toolchain at start-up from
// GOTOOLCHAIN and go.work/go.mod, and a command that meets a "requires go >= X" error can switch
// to a newer one. modscope runs only itself: where go would run another toolchain it says so and
// fails — except under cmd/go's test hook TESTGO_VERSION_SWITCH=switch, where go's test binary
// re-runs itself pretending to be that toolchain (TESTGO_VERSION), and so does modscope.
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { compareGo, fromToolchain, Local, resetStartup } from '../core/gover';
import { ModState } from '../core/modload/state';
import { execToolchain, selectToolchain, targetEnv } from '../core/toolchain/select';
import { setPathToolchains, switchRefusal, ToolchainSwitchError, takeSwitchTarget } from '../core/toolchain/switch';
import { cliFetchContext } from './context';
import { lookupCommand, type CliContext } from './commands';

const countEnv = 'GOTOOLCHAIN_INTERNAL_SWITCH_COUNT';
const maxSwitch = 100;

/**
 * Runs a command under go's toolchain selection. `run` runs it as this toolchain; `rerun` runs
 * the whole command line again (from the original directory) with the given environment.
 */
export async function withToolchainSelection(
  argv: readonly string[],
  cli: CliContext,
  run: (cli: CliContext) => Promise<number>,
  rerun: (env: Record<string, string | undefined>) => Promise<number>,
): Promise<number> {
  resetStartup();
  setPathToolchains(async () => pathToolchains(cli.env.PATH ?? ''));
  const hook = cli.env.TESTGO_VERSION_SWITCH ?? '';
  const c = cliFetchContext(cli, argv);
  if ('error' in c) return run(cli); // the command reports the environment's error itself
  // cfg.CmdName: unset at start-up, the command's name ("mod download") after it ran.
  const state = (cmdName: string) => new ModState({ cwd: cli.cwd, files: c.ctx.files, env: cli.env, cmdName, deps: c.deps, stderr: (t) => cli.stderr(t) });
  let s = state('');
  let target: string;
  try {
    const sel = await selectToolchain(s, argv);
    if (sel.kind === 'exec') target = sel.toolchain;
    else {
      takeSwitchTarget();
      // Where the command stops to switch, Exec below goes on as go does (the refusal is
      // printed there, after go's download step).
      const code = await run({ ...cli, stderr: (t) => cli.stderr(dropRefusals(t)) });
      const t = takeSwitchTarget();
      if (t === undefined) return code;
      target = t;
      s = state(argv.slice(0, lookupCommand([...argv]).used).join(' '));
    }
  } catch (e) {
    cli.stderr(fatalText(e));
    return 1;
  }
  // select.go: Exec
  const count = Number.parseInt(cli.env[countEnv] ?? '', 10) || 0;
  if (count >= maxSwitch - 10) cli.stderr(`go: switching from go${Local} to ${target} [depth ${count}]\n`);
  if (count >= maxSwitch) {
    cli.stderr('go: too many toolchain switches\n');
    return 1;
  }
  const env: Record<string, string | undefined> = { ...cli.env, [countEnv]: String(count + 1) };
  if (hook === 'switch' || hook === 'loop' || hook === 'mismatch') {
    if (hook === 'switch') env.TESTGO_VERSION = target;
    env[targetEnv] = target;
    return rerun(env);
  }
  try {
    if (lookPath(target, cli.env.PATH ?? '')) throw new ToolchainSwitchError(target);
    await execToolchain(s, target);
  } catch (e) {
    cli.stderr(fatalText(e));
  }
  return 1;
}

function fatalText(e: unknown): string {
  const m = (e as Error).message ?? String(e);
  return m.endsWith('\n') ? m : m + '\n';
}

const refusalRe = new RegExp(switchRefusal('TARGET').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('TARGET', '\\S+'), 'g');

function dropRefusals(t: string): string {
  return t.replace(refusalRe, '');
}

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** exec.LookPath for a bare name. */
function lookPath(name: string, path: string): boolean {
  return path.split(':').some((d) => isExecutableFile(join(d === '' ? '.' : d, name)));
}

/** switch.go: pathToolchains — go1.N executables in $PATH, as ascending go versions. */
function pathToolchains(path: string): string[] {
  const have = new Set<string>();
  for (const dir of path.split(':')) {
    if (dir === '' || !isAbsolute(dir)) continue;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      if (!n.startsWith('go1.')) continue;
      const v = fromToolchain(n); // path_unix.go: pathVersion
      if (v === '' || !v.startsWith('1.') || !isExecutableFile(join(dir, n))) continue;
      have.add(v);
    }
  }
  return [...have].sort(compareGo);
}
