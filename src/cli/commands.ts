// The CLI's command table, shaped like cmd/go's: top-level commands, and "mod"/"work" with
// subcommands. Implemented commands adapt one core command to Node's files and streams; go's
// other commands are recognised and refused plainly.
import { inGoOrder, type CommandResult } from '../core/workspace';

/** What a CLI command runs with: its directory, environment and output streams. */
export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Writes a core command's streams in go's order (CommandResult.stdoutAfter). */
export function writeResult(r: Pick<CommandResult, 'stdout' | 'stderr' | 'stdoutAfter'>, cli: Pick<CliContext, 'stdout' | 'stderr'>): void {
  for (const part of inGoOrder(r)) cli[part.stream](part.text);
}

export interface CliCommand {
  /** Space-separated command words, e.g. "mod edit". */
  name: string;
  short: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

/**
 * A command whose implementation is loaded on first use: the CLI bundle is split per command
 * (scripts/build-cli.mjs), so `modscope mod edit` does not load the resolver.
 */
function lazy(name: string, short: string, load: () => Promise<CliCommand>): CliCommand {
  return { name, short, run: async (args, ctx) => (await load()).run(args, ctx) };
}

export const commands: CliCommand[] = [
  lazy('mod edit', 'edit go.mod from tools or scripts (go mod edit)', async () => (await import('./modEditCmd')).modEditCommand),
  lazy('mod download', 'download modules to local cache (go mod download)', async () => (await import('./modDownloadCmd')).modDownloadCommand),
  lazy('mod verify', 'verify dependencies have expected content (go mod verify)', async () => (await import('./modVerifyCmd')).modVerifyCommand),
  lazy('clean', "remove packages' build leftovers and the module cache (go clean; -cache and friends are not modscope's)", async () => (await import('./cleanCmd')).cleanCommand),
  lazy('mod graph', 'print module requirement graph (go mod graph)', async () => (await import('./modGraphCmd')).modGraphCommand),
  lazy('list', 'list packages or modules (go list)', async () => (await import('./listCmd')).listCommand),
  lazy('mod tidy', 'add missing and remove unused modules (go mod tidy)', async () => (await import('./modTidyCmd')).modTidyCommand),
  lazy('mod vendor', 'make vendored copy of dependencies (go mod vendor)', async () => (await import('./modVendorCmd')).modVendorCommand),
  lazy('mod why', 'explain why packages or modules are needed (go mod why)', async () => (await import('./modWhyCmd')).modWhyCommand),
  lazy('mod init', 'initialize new module in current directory (go mod init)', async () => (await import('./modInitCmd')).modInitCommand),
  lazy('build', "go build's module checks (does not compile)", async () => (await import('./buildCmd')).buildCommand),
  lazy('run', "go run's module checks (does not compile or run)", async () => (await import('./buildCmd')).runCommandCheck),
  lazy('test', "go test's module checks (does not compile or run tests)", async () => (await import('./buildCmd')).testCommand),
  lazy('vet', "go vet's module checks (does not run vet)", async () => (await import('./buildCmd')).vetCommand),
  lazy('env', 'print Go environment information (go env)', async () => (await import('./envCmd')).envCommand),
  lazy('work vendor', 'make vendored copy of dependencies (go work vendor)', async () => (await import('./modVendorCmd')).workVendorCommand),
  lazy('work sync', 'sync workspace build list to modules (go work sync)', async () => (await import('./workSyncCmd')).workSyncCommand),
  lazy('work init', 'initialize workspace file (go work init)', async () => (await import('./workEditCmds')).workInitCommand),
  lazy('work use', 'add modules to workspace file (go work use)', async () => (await import('./workEditCmds')).workUseCliCommand),
  lazy('work edit', 'edit go.work from tools or scripts (go work edit)', async () => (await import('./workEditCmds')).workEditCommand),
  lazy('version', "print Go version (go version; Go binaries named as files are not read)", async () => {
    const { goVersion } = await import('../core/commands/version');
    return {
      name: 'version',
      short: '',
      run: async (args, cli) => {
        const { versionScan } = await import('./versionScan');
        const r = goVersion(args, cli.env, versionScan(cli.cwd));
        writeResult(r, cli);
        return r.exitCode;
      },
    };
  }),
  lazy('get', 'add dependencies to current module (go get; module checks only, nothing is built)', async () => (await import('./getCmd')).getCommand),
];

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
