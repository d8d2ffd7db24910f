// The `modscope` command: the go command's module subcommands over the same core the app uses.
// Output and exit codes follow go's; `-C dir` is handled as cmd/go/main.go handleChdirFlag does.
import { chdir } from 'node:process';
import { commands, lookupCommand } from './commands';

const usage = `modscope runs the go command's module commands (Go 1.23) on modscope's own core.

Usage:

	modscope [-C dir] <command> [arguments]

The commands are:

${commands.map((c) => `\t${c.name.padEnd(14)} ${c.short}`).join('\n')}

Other go commands are recognised and refused: modscope does not implement them.
`;

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
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
    try {
      chdir(dir);
    } catch (e) {
      process.stderr.write(`go: chdir ${dir}: ${errText(e)}\n`);
      return 1;
    }
  }
  if (args.length === 0 || ['help', '-h', '-help', '--help'].includes(args[0]!)) {
    process.stderr.write(usage);
    return args.length === 0 ? 2 : 0;
  }
  const found = lookupCommand(args);
  switch (found.kind) {
    case 'command':
      return found.command.run(args.slice(found.used), { cwd: process.cwd() });
    case 'unknown':
      process.stderr.write(found.text);
      return 2;
    case 'unimplemented':
      process.stderr.write(`modscope: 'go ${found.name}' is not implemented by modscope (see 'modscope help')\n`);
      return 2;
    default:
      process.stderr.write(`flag provided but not defined: ${args[0]}\n` + usage);
      return 2;
  }
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'ENOTDIR') return 'not a directory';
  return err.message;
}
