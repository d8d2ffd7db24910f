// `modscope build|run|test|vet`: go's module checks for those commands (no compiling).
import { buildCheck } from '../core/commands/buildcheck';
import type { CliCommand } from './commands';
import { coreCommand } from './coreCommand';

function command(name: 'build' | 'run' | 'test' | 'vet', short: string): CliCommand {
  return coreCommand(name, short, (args, ctx, deps) => buildCheck(name, args, ctx, deps));
}

export const buildCommand = command('build', "go build's module checks (does not compile)");
export const runCommandCheck = command('run', "go run's module checks (does not compile or run)");
export const testCommand = command('test', "go test's module checks (does not compile or run tests)");
export const vetCommand = command('vet', "go vet's module checks (does not run vet)");
