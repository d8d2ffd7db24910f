// The `modscope` command: the go command's module subcommands over the same core the app uses.
// Output and exit codes follow go's; `-C dir` is handled as cmd/go/main.go handleChdirFlag does.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { envFilePath, goFlagsCheck, withUserEnvFile } from '../core/goenv';
import { buildConfigError, defaultCC } from '../core/buildcfg';
import { setTestVersion } from '../core/gover';
import { setDefaultCCFound } from '../core/imports/match';
import { lookPath } from '../io/lookPath';
import { utf8Encode } from '../core/gostrings';
import { commands, lookupCommand } from './commands';
import { withToolchainSelection } from './toolchainSwitch';

const usage = `modscope runs the go command's module commands (Go 1.23) on modscope's own core.

Usage:

	modscope [-C dir] <command> [arguments]

The commands are:

${commands.map((c) => `\t${c.name.padEnd(14)} ${c.short}`).join('\n')}

Other go commands are recognised and refused: modscope does not implement them.
`;

export interface RunOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Runs one go command line in-process (the script runner and tests use this directly). */
export async function runCommand(argv: string[], o: RunOptions): Promise<number> {
  // Test hook: $TESTGO_VERSION overrides the running go's version, as in cmd/go's test binary
  // (go_test.go sets gover.TestVersion from it); unset, the reference go's own version.
  setTestVersion(o.env.TESTGO_VERSION ?? '');
  // cfg.go: with $CC and $CGO_ENABLED unset, cgo is on only where the default C compiler is found
  // (looked up only when a command asks)
  setDefaultCCFound(() => lookPath(defaultCC(o.env.GOOS || 'linux'), o.env, o.cwd) !== undefined);
  const args = [...argv];
  let cwd = o.cwd;
  // -C dir: first of all, or right after the command name, as go accepts it.
  const { used } = lookupCommand(args);
  const a = args[used];
  let dir: string | undefined;
  if ((a === '-C' || a === '--C') && used + 1 < args.length) {
    dir = args[used + 1];
    args.splice(used, 2);
  } else if (a !== undefined && (a.startsWith('-C=') || a.startsWith('--C='))) {
    dir = a.slice(a.indexOf('=') + 1);
    args.splice(used, 1);
  }
  if (dir !== undefined) {
    const target = resolve(cwd, dir);
    let err = '';
    try {
      if (!statSync(target).isDirectory()) err = 'not a directory';
    } catch (e) {
      err = errText(e);
    }
    if (err) {
      o.stderr(`go: chdir ${dir}: ${err}\n`);
      return 1;
    }
    cwd = target;
  }
  if (args[0] === 'help' && args.length > 1) {
    const { goHelp } = await import('../core/commands/help');
    const r = goHelp(args.slice(1));
    if (r.stdout) o.stdout(r.stdout);
    if (r.stderr) o.stderr(r.stderr);
    return r.exitCode;
  }
  if (args.length === 0 || ['help', '-h', '-help', '--help'].includes(args[0]!)) {
    o.stderr(usage);
    return args.length === 0 ? 2 : 0;
  }
  const found = lookupCommand(args);
  switch (found.kind) {
    case 'command':
      // toolchain/select.go Select, then the command; a toolchain switch re-runs the command line.
      return withToolchainSelection(
        args,
        // every command but go env reads unset variables from the go/env file (cfg.Getenv)
        { ...o, cwd, env: found.command.name === 'env' ? o.env : withUserEnvFile(o.env, readUserEnvFile(o.env)) },
        (cli) => {
          // main.go invoke: buildcfg.Check first (go env checks after its -w/-u)
          const cfgErr = found.command.name === 'env' ? null : buildConfigError((k) => o.env[k] ?? '');
          if (cfgErr !== null) {
            cli.stderr(cfgErr);
            return Promise.resolve(2);
          }
          const bad = goFlagsCheck(cli.env.GOFLAGS, found.command.name);
          if (bad !== '') {
            cli.stderr(bad);
            return Promise.resolve(1);
          }
          return import('../core/commands/cmdflags').then(({ commandLineError }) => {
            // main.go invoke: SetFromGOFLAGS and the command's flag parsing, before it runs
            const usage = commandLineError(found.command.name, args.slice(found.used), cli.env.GOFLAGS);
            if (usage !== null) {
              cli.stderr(usage.stderr);
              return usage.exitCode;
            }
            return found.command.run(args.slice(found.used), cli);
          });
        },
        (env) => runCommand(argv, { ...o, env }),
      );
    case 'unknown':
      o.stderr(found.text);
      return 2;
    case 'unimplemented':
      o.stderr(`modscope: 'go ${found.name}' is not implemented by modscope (see 'modscope help')\n`);
      return 2;
    default:
      o.stderr(`flag provided but not defined: ${args[0]}\n` + usage);
      return 2;
  }
}

export function main(argv: string[]): Promise<number> {
  // Errors are values here (a missing cache file, a module not found): capturing a stack trace
  // for each costs more than the rest of the error, and only the message is ever printed.
  if (!process.env.MODSCOPE_STACKS) Error.stackTraceLimit = 0;
  return runCommand(argv, {
    cwd: process.cwd(),
    env: process.env,
    // text carries invalid UTF-8 as escaped bytes (gostrings.utf8Decode): write the bytes
    stdout: (s) => process.stdout.write(utf8Encode(s)),
    stderr: (s) => process.stderr.write(utf8Encode(s)),
  });
}

/** The user's go/env file (`go env -w`), "" when absent or unreadable. */
function readUserEnvFile(env: Readonly<Record<string, string | undefined>>): string {
  const file = envFilePath(env);
  if (file === '') return '';
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'ENOTDIR') return 'not a directory';
  return err.message;
}
