// The CLI's command table, shaped like cmd/go's: top-level commands, and "mod"/"work" with
// subcommands. Implemented commands adapt one core command to Node's files and streams; go's
// other commands are recognised and refused plainly.
import { cleanCommand } from './cleanCmd';
import { modDownloadCommand } from './modDownloadCmd';
import { modEditCommand } from './modEditCmd';
import { modVerifyCommand } from './modVerifyCmd';
import { modTidyCommand } from './modTidyCmd';
import { modVendorCommand } from './modVendorCmd';
import { modWhyCommand } from './modWhyCmd';
import { modInitCommand } from './modInitCmd';
import { buildCommand, runCommandCheck, testCommand, vetCommand } from './buildCmd';
import { modGraphCommand } from './modGraphCmd';
import { listCommand } from './listCmd';
import { getCommand } from './getCmd';

/** What a CLI command runs with: its directory, environment and output streams. */
export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(s: string): void;
  stderr(s: string): void;
}

export interface CliCommand {
  /** Space-separated command words, e.g. "mod edit". */
  name: string;
  short: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

export const commands: CliCommand[] = [modEditCommand, modDownloadCommand, modVerifyCommand, cleanCommand, modGraphCommand, listCommand, modTidyCommand, modVendorCommand, modWhyCommand, modInitCommand, buildCommand, runCommandCheck, testCommand, vetCommand, getCommand];

// cmd/go's command tree (Go 1.23), for go's lookup and error texts.
const goTree: Record<string, string[] | null> = {
  bug: null, build: null, clean: null, doc: null, env: null, fix: null, fmt: null, generate: null,
  get: null, install: null, list: null, run: null, telemetry: null, test: null, tool: null,
  version: null, vet: null,
  mod: ['download', 'edit', 'graph', 'init', 'tidy', 'vendor', 'verify', 'why'],
  work: ['edit', 'init', 'sync', 'use', 'vendor'],
};

export type Lookup =
  | { kind: 'command'; command: CliCommand; used: number }
  | { kind: 'unimplemented'; name: string; used: number }
  | { kind: 'unknown'; text: string; used: number }
  | { kind: 'none'; used: 0 };

/** cmd/go/main.go lookupCmd: how many words name the command, and what they name. */
export function lookupCommand(args: string[]): Lookup {
  const first = args[0];
  if (first === undefined || first.startsWith('-')) return { kind: 'none', used: 0 };
  if (!(first in goTree)) return { kind: 'unknown', used: 0, text: `go ${first}: unknown command\nRun 'go help' for usage.\n` };
  const subs = goTree[first];
  let words = [first];
  if (subs) {
    const sub = args[1];
    if (sub === undefined) return { kind: 'unimplemented', name: first, used: 1 };
    if (!subs.includes(sub)) {
      return { kind: 'unknown', used: 1, text: `go ${first}: unknown command\nRun 'go help ${first}' for usage.\n` };
    }
    words = [first, sub];
  }
  const name = words.join(' ');
  const command = commands.find((c) => c.name === name);
  if (command) return { kind: 'command', command, used: words.length };
  return { kind: 'unimplemented', name, used: words.length };
}
