// `go help [command]`: cmd/go/internal/help/help.go (Help, helpTemplate, usageTemplate) for the
// commands modscope implements. Usage lines and one-line summaries are Go 1.23's (the commands'
// UsageLine and Short); the longer text says what modscope does with the command.
import type { CommandResult } from '../workspace';

interface HelpEntry {
  usage: string;
  short: string;
  /** What modscope does (help's Long text). */
  long: string;
  subs?: Record<string, HelpEntry>;
}

const checksOnly = (what: string) => `modscope performs ${what}'s package loading and module checks; it does not compile, link or run code.`;

const mod: Record<string, HelpEntry> = {
  download: { usage: 'go mod download [-x] [-json] [-reuse=old.json] [modules]', short: 'download modules to local cache', long: 'Download downloads the named modules into the module cache.' },
  edit: { usage: 'go mod edit [editing flags] [-fmt|-print|-json] [go.mod]', short: 'edit go.mod from tools or scripts', long: 'Edit provides a command-line interface for editing go.mod.' },
  graph: { usage: 'go mod graph [-go=version] [-x]', short: 'print module requirement graph', long: 'Graph prints the module requirement graph (with replacements applied) in text form.' },
  init: { usage: 'go mod init [module-path]', short: 'initialize new module in current directory', long: 'Init initializes and writes a new go.mod file in the current directory.' },
  tidy: { usage: 'go mod tidy [-e] [-v] [-x] [-diff] [-go=version] [-compat=version]', short: 'add missing and remove unused modules', long: 'Tidy makes sure go.mod matches the source code in the module.' },
  vendor: { usage: 'go mod vendor [-e] [-v] [-o outdir]', short: 'make vendored copy of dependencies', long: 'Vendor resets the main module\'s vendor directory to include all packages needed to build and test all the main module\'s packages.' },
  verify: { usage: 'go mod verify', short: 'verify dependencies have expected content', long: 'Verify checks that the dependencies of the main module stored in the module cache have not been modified since they were downloaded.' },
  why: { usage: 'go mod why [-m] [-vendor] packages...', short: 'explain why packages or modules are needed', long: 'Why shows a shortest path in the import graph from the main module to each of the listed packages.' },
};

const work: Record<string, HelpEntry> = {
  edit: { usage: 'go work edit [editing flags] [go.work]', short: 'edit go.work from tools or scripts', long: 'Edit provides a command-line interface for editing go.work, for use primarily by tools or scripts.' },
  init: { usage: 'go work init [moddirs]', short: 'initialize workspace file', long: 'Init initializes and writes a new go.work file in the current directory, in effect creating a new workspace at the current directory.' },
  sync: { usage: 'go work sync', short: 'sync workspace build list to modules', long: "Sync syncs the workspace's build list back to the workspace's modules." },
  use: { usage: 'go work use [-r] [moddirs]', short: 'add modules to workspace file', long: 'Use provides a command-line interface for adding directories, optionally recursively, to a go.work file.' },
  vendor: { usage: 'go work vendor [-e] [-v] [-o outdir]', short: 'make vendored copy of dependencies', long: "Vendor resets the workspace's vendor directory to include all packages needed to build and test all the workspace's packages." },
};

const top: Record<string, HelpEntry> = {
  build: { usage: 'go build [-o output] [build flags] [packages]', short: 'compile packages and dependencies', long: checksOnly('go build') },
  clean: { usage: 'go clean [-i] [-r] [-cache] [-testcache] [-modcache] [-fuzzcache] [build flags] [packages]', short: 'remove object files and cached files', long: 'Clean removes object files from package source directories (with -i the install target, with -r every dependency too; -n and -x print the commands) and, with -modcache, the entire module download cache. The build caches go cleans with -cache, -testcache and -fuzzcache are not modscope\'s.' },
  env: { usage: 'go env [-json] [-changed] [-u] [-w] [var ...]', short: 'print Go environment information', long: 'Env prints Go environment information.' },
  get: {
    usage: 'go get [-t] [-u] [-v] [build flags] [packages]',
    short: 'add dependencies to current module and install them',
    long: 'Get resolves its command-line arguments to packages at specific module versions, updates go.mod to require those versions, and downloads source code into the module cache.\n\nThis text describes the behavior of get using modules to manage source code and dependencies.',
  },
  list: { usage: 'go list [-f format] [-json] [-m] [list flags] [build flags] [packages]', short: 'list packages or modules', long: 'List lists the named packages, one per line.' },
  mod: { usage: 'go mod', short: 'module maintenance', long: 'Go mod provides access to operations on modules.', subs: mod },
  run: { usage: 'go run [build flags] [-exec xprog] package [arguments...]', short: 'compile and run Go program', long: checksOnly('go run') },
  test: { usage: 'go test [build/test flags] [packages] [build/test flags & test binary flags]', short: 'test packages', long: checksOnly('go test') },
  version: { usage: 'go version [-m] [-v] [file ...]', short: 'print Go version', long: 'Version prints the build information for Go binary files. modscope prints the version of the Go it follows and does not read binaries.' },
  vet: { usage: 'go vet [build flags] [-vettool prog] [vet flags] [packages]', short: 'report likely mistakes in packages', long: checksOnly('go vet') },
  work: { usage: 'go work', short: 'workspace maintenance', long: 'Work provides access to operations on workspaces.', subs: work },
};

/** help.go: usageTemplate for a command with subcommands. */
function printUsage(name: string, e: { long: string; subs: Record<string, HelpEntry> }): string {
  const list = Object.entries(e.subs)
    .map(([n, s]) => `\t${n.padEnd(11)} ${s.short}\n`)
    .join('');
  const long = name === '' ? '' : ' ' + name;
  return `${e.long.trim()}\n\nUsage:\n\n\tgo${long} <command> [arguments]\n\nThe commands are:\n\n${list}\nUse "go help${long} <command>" for more information about a command.\n\n`;
}

/** Runs `go help` (args after "help"): help text on stdout, unknown topics exit 2. */
export function goHelp(args: string[]): CommandResult {
  let cur: { long: string; subs?: Record<string, HelpEntry>; usage?: string } = {
    long: 'Go is a tool for managing Go source code. modscope implements the module commands listed below.',
    subs: top,
  };
  for (let i = 0; i < args.length; i++) {
    const next = cur.subs?.[args[i]!];
    if (!next) {
      const ok = ['go help', ...args.slice(0, i)].join(' ');
      return { stdout: '', stderr: `go help ${args.join(' ')}: unknown help topic. Run '${ok}'.\n`, exitCode: 2 };
    }
    cur = next;
  }
  if (cur.subs) return { stdout: printUsage(args.join(' '), { long: cur.long, subs: cur.subs }), stderr: '', exitCode: 0 };
  return { stdout: `usage: ${cur.usage}\n\n${cur.long.trim()}\n`, stderr: '', exitCode: 0 };
}
