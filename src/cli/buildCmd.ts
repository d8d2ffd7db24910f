// `modscope build|run|test|vet`: go's module checks for those commands (no compiling).
import { buildCheck } from '../core/commands/buildcheck';
import type { CliCommand } from './commands';
import { cliFetchContext } from './context';

function command(name: 'build' | 'run' | 'test' | 'vet', short: string): CliCommand {
  return {
    name,
    short,
    async run(args, cli) {
      const c = cliFetchContext(cli, args);
      if ('error' in c) {
        cli.stderr(c.error);
        return 1;
      }
      const r = await buildCheck(name, args, c.ctx, c.deps);
      if (r.stdout) cli.stdout(r.stdout);
      if (r.stderr) cli.stderr(r.stderr);
      return r.exitCode;
    },
  };
}

export const buildCommand = command('build', "go build's module checks (does not compile)");
export const runCommandCheck = command('run', "go run's module checks (does not compile or run)");
export const testCommand = command('test', "go test's module checks (does not compile or run tests)");
export const vetCommand = command('vet', "go vet's module checks (does not run vet)");
