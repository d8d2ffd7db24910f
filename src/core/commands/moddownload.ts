// `go mod download` over the core (cmd/go/internal/modcmd/download.go: runDownload,
// DownloadModule; modload/list.go: listModules for the argument forms; modload/init.go:
// WriteGoMod → keepSums(addBuildListZipSums) for which go.sum lines are written).
//
// Supported: no arguments (go ≥ 1.17: the main module's requirements after loading the pruned
// graph; go < 1.17: "all"), module paths, "all", path@version with an exact version, @latest
// and @upgrade; -json, -x (accepted; go prints nothing extra for proxy downloads). go.sum: with
// no arguments only the sums met while loading the graph are written (before downloading);
// with arguments, zip and go.mod sums of the roots (or, when the graph was loaded, of the build
// list) after downloading. Refused plainly: workspaces, a go.mod without a go line (go rewrites
// it), -reuse outside a module, -modfile, "..." patterns, other version queries.

import { compareGo, ExplicitIndirectVersion, isToolchainPath } from '../gover';
import type { ModuleVersion } from '../module';
import { FatalError, isFatal, type FetchDeps } from '../modfetch/fetcher';
import { loadModGraph, replacement, rootsOf, SummaryLoader, type ModuleGraph } from '../modfetch/modgraph';
import { isRevisionQuery, query } from '../modfetch/query';
import { CommandExit, keepSums, noGoModText, openSession, touched, writeGoSum, type FetchSession } from '../modfetch/session';
import { ChecksumMismatchError } from '../gosum';
import type { RevInfo } from '../source';
import type { CommandContext, CommandResult } from '../workspace';

/** download.go: ModuleJSON, in its field order. */
export interface ModuleJSON {
  Path: string;
  Version: string;
  Query?: string;
  Error?: string;
  Info?: string;
  GoMod?: string;
  Zip?: string;
  Dir?: string;
  Sum?: string;
  GoModSum?: string;
  Origin?: Record<string, unknown>;
  Reuse?: boolean;
}

const usageText = 'usage: go mod download [-x] [-json] [-reuse=old.json] [modules]\nRun \'go help mod download\' for details.\n';

/** encoding/json string escaping (HTML-safe, as json.Marshal does). */
function goJSONString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const originOrder = ['VCS', 'URL', 'Subdir', 'Hash', 'TagPrefix', 'TagSum', 'Ref', 'RepoSum'];

/** json.MarshalIndent(m, "", "\t") of a ModuleJSON (empty fields omitted). */
export function marshalModuleJSON(m: ModuleJSON): string {
  const lines: string[] = [];
  const str = (k: string, v: string | undefined) => {
    if (v) lines.push(`\t${goJSONString(k)}: ${goJSONString(v)}`);
  };
  str('Path', m.Path);
  str('Version', m.Version);
  str('Query', m.Query);
  str('Error', m.Error);
  str('Info', m.Info);
  str('GoMod', m.GoMod);
  str('Zip', m.Zip);
  str('Dir', m.Dir);
  str('Sum', m.Sum);
  str('GoModSum', m.GoModSum);
  if (m.Origin) {
    const o: string[] = [];
    for (const f of originOrder) {
      const k = Object.keys(m.Origin).find((x) => x.toLowerCase() === f.toLowerCase());
      const v = k === undefined ? undefined : m.Origin[k];
      if (typeof v === 'string' && v !== '') o.push(`\t\t${goJSONString(f)}: ${goJSONString(v)}`);
    }
    lines.push(o.length === 0 ? '\t"Origin": {}' : `\t"Origin": {\n${o.join(',\n')}\n\t}`);
  }
  if (m.Reuse) lines.push('\t"Reuse": true');
  return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n}`;
}

interface Flags {
  json: boolean;
  x: boolean;
  reuse: string;
  args: string[];
}

const boolFlags = new Set(['json', 'x', 'modcacherw']);
const stringFlags = new Set(['reuse', 'modfile', 'overlay', 'C']);

/** Go's flag package over the command's flags; throws CommandExit with its text. */
export function parseFlags(argv: string[], bools: Set<string>, strings: Set<string>, usage: string): { flags: Map<string, string>; args: string[] } {
  const flags = new Map<string, string>();
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    let name = a.slice(a.startsWith('--') ? 2 : 1);
    if (name === '' || name.startsWith('-') || name.startsWith('=')) throw new CommandExit(`bad flag syntax: ${a}\n${usage}`, 2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (name === 'h' || name === 'help') throw new CommandExit(usage, 2);
    if (bools.has(name)) {
      if (value === undefined) value = 'true';
      else if (!['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) {
        throw new CommandExit(`invalid boolean value ${JSON.stringify(value)} for -${name}: parse error\n${usage}`, 2);
      }
      flags.set(name, ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value) ? 'true' : 'false');
    } else if (strings.has(name)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new CommandExit(`flag needs an argument: -${name}\n${usage}`, 2);
        value = argv[++i]!;
      }
      flags.set(name, value);
    } else {
      throw new CommandExit(`flag provided but not defined: -${name}\n${usage}`, 2);
    }
  }
  return { flags, args: argv.slice(i) };
}

function parseDownloadFlags(argv: string[]): Flags {
  const { flags, args } = parseFlags(argv, boolFlags, stringFlags, usageText);
  if (flags.has('modfile')) throw new CommandExit('modscope: -modfile is not supported yet\n', 2);
  if (flags.has('overlay')) throw new CommandExit('modscope: -overlay is not supported\n', 2);
  return { json: flags.get('json') === 'true', x: flags.get('x') === 'true', reuse: flags.get('reuse') ?? '', args };
}

/** modfetch errors go prints with log.Printf: a newline is added unless present. */
function logLine(s: string): string {
  return s.endsWith('\n') ? s : s + '\n';
}

/** `go mod download [flags] [modules]`. */
export async function modDownload(ctx: CommandContext, argv: string[], deps: FetchDeps): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  let session: FetchSession | undefined;
  let gosumWritten = false;
  const result = (): CommandResult => ({ stdout, stderr, exitCode, touched: touched(session, gosumWritten) });
  try {
    const fl = parseDownloadFlags(argv);
    let args = fl.args;
    const s = (session = await openSession(ctx, deps, { stderr: (t) => (stderr += t) }));
    const f = s.fetcher;
    const haveExplicitArgs = args.length > 0;
    const loader = s.main
      ? new SummaryLoader(s.main, f, (p) => ctx.files.read(p))
      : undefined;
    let graph: ModuleGraph | undefined;
    const loadGraph = async (): Promise<ModuleGraph> => {
      if (!graph) {
        graph = await loadModGraph(loader!);
        const up = graph.goUpgrade();
        if (up) {
          throw new CommandExit(
            `modscope: ${up.module.path}@${up.module.version} requires go >= ${up.version}; go 1.23 would raise the go line of go.mod (go ${s.main!.goVersion}) and rewrite it, which modscope does not model yet\n`,
            1,
          );
        }
      }
      return graph;
    };

    if (s.main) {
      const main = s.main;
      if (!main.file.go) {
        throw new CommandExit(
          `modscope: ${main.modRoot}/go.mod has no go directive; go 1.23 would add one (and rewrite the requirements), which modscope does not model yet\n`,
          1,
        );
      }
      if (haveExplicitArgs) {
        for (const arg of args) {
          if (arg === main.path || arg === main.path + '@upgrade' || arg === main.path + '@patch') {
            stderr += `go: skipping download of ${arg} that resolves to the main module\n`;
          }
        }
      } else if (compareGo(main.goVersion, ExplicitIndirectVersion) < 0) {
        if (main.file.require.length > 0) args = ['all'];
      } else {
        const g = await loadGraph();
        const err = g.error();
        if (err) throw new CommandExit(`go: ${err.message}\n`, 1);
        args = main.file.require.map((r) => r.mod.path);
      }
    }

    if (args.length === 0) {
      if (s.main) stderr += 'go: no module dependencies to download\n';
      else {
        stderr += "go: no modules specified (see 'go help mod download')\n";
        exitCode = 1;
      }
      return result();
    }
    if (fl.reuse !== '' && s.main) throw new CommandExit('go mod download -reuse cannot be used inside a module\n', 1);
    if (fl.reuse !== '') throw new CommandExit('modscope: go mod download -reuse is not supported yet\n', 1);

    // modload.ListModules(ctx, args, 0, "")
    const { infos, infosErr } = await listModules(s, args, loadGraph, (t) => (stderr += t));

    if (!haveExplicitArgs && s.main) {
      gosumWritten = (await writeGoSum(s, keepSums(s.main, graph))) || gosumWritten;
    }

    const mods: ModuleJSON[] = [];
    const jobs: Array<() => Promise<void>> = [];
    for (const info of infos) {
      const m: ModuleJSON = { Path: info.path, Version: info.version };
      if (info.query) m.Query = info.query;
      if (info.origin) m.Origin = info.origin;
      mods.push(m);
      if (info.error !== undefined) {
        m.Error = info.error;
        continue;
      }
      jobs.push(async () => {
        try {
          await downloadModule(s, m);
        } catch (e) {
          if (isFatal(e)) throw e;
          m.Error = (e as Error).message;
        }
      });
    }
    // Downloads run a few at a time; results keep the argument order, as go's output does.
    await runLimited(jobs, 4);
    ctx.progress?.({ phase: 'done', done: mods.length, total: mods.length, bytes: f.stats.bytes });

    if (fl.json) {
      for (const m of mods) {
        stdout += marshalModuleJSON(m) + '\n';
        if (m.Error) exitCode = 1;
      }
    } else {
      for (const m of mods) {
        if (m.Error) {
          stderr += `go: ${m.Error}\n`;
          exitCode = 1;
        }
      }
      if (exitCode !== 0) return result();
    }

    if (haveExplicitArgs && s.main) {
      try {
        gosumWritten = (await writeGoSum(s, keepSums(s.main, graph))) || gosumWritten;
      } catch (e) {
        if (isFatal(e)) throw e;
        stderr += `go: ${(e as Error).message}\n`;
        exitCode = 1;
      }
    }
    if (infosErr) {
      stderr += `go: ${infosErr.message}\n`;
      exitCode = 1;
    }
    return result();
  } catch (e) {
    if (e instanceof CommandExit) {
      stdout += e.stdout;
      stderr += e.stderr;
      exitCode = e.exitCode;
      return result();
    }
    if (e instanceof FatalError || e instanceof ChecksumMismatchError) {
      stderr += logLine(e.message);
      exitCode = 1;
      return result();
    }
    throw e;
  }
}

async function runLimited(jobs: Array<() => Promise<void>>, n: number): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < jobs.length && failed === undefined) {
      const j = jobs[next++]!;
      try {
        await j();
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
  if (failed !== undefined) throw failed;
}

/** download.go: DownloadModule — fills m in the order go does; throws the first error. */
async function downloadModule(s: FetchSession, m: ModuleJSON): Promise<void> {
  const f = s.fetcher;
  m.Info = (await f.infoFile(m.Path, m.Version)).file;
  m.GoMod = await f.goModFile(m.Path, m.Version);
  m.GoModSum = await f.goModSum(m.Path, m.Version);
  const mod = { path: m.Path, version: m.Version };
  m.Zip = await f.downloadZip(mod);
  m.Sum = await f.sum(mod);
  m.Dir = await f.download(mod);
}

interface ListedModule {
  path: string;
  version: string;
  query?: string;
  error?: string;
  origin?: Record<string, unknown>;
}

/**
 * modload.listModules for mode 0, reduced to what runDownload uses: the module (or its
 * replacement) to download per argument, or its error.
 */
async function listModules(
  s: FetchSession,
  args: string[],
  loadGraph: () => Promise<ModuleGraph>,
  warnings: (s: string) => void,
): Promise<{ infos: ListedModule[]; infosErr?: Error }> {
  const main = s.main;
  const roots = main ? rootsOf(main) : [];
  const rootSelected = (path: string): string | undefined => {
    let v: string | undefined;
    for (const r of roots) if (r.path === path) v = v === undefined || r.version > v ? r.version : v;
    return v;
  };
  const unpruned = main ? compareGo(main.goVersion, ExplicitIndirectVersion) < 0 : false;

  let needFullGraph = false;
  for (const arg of args) {
    if (arg.includes('\\')) throw new CommandExit('go: module paths never use backslash\n', 1);
    if (arg === '.' || arg === '..' || arg.startsWith('./') || arg.startsWith('../')) {
      throw new CommandExit(`go: cannot use relative path ${arg} to specify module\n`, 1);
    }
    if (arg === 'all' || arg.includes('...')) {
      needFullGraph = true;
      if (!main) throw new CommandExit(`go: cannot match ${JSON.stringify(arg)}: ${noGoModText}\n`, 1);
      continue;
    }
    const at = arg.indexOf('@');
    if (at >= 0) {
      const path = arg.slice(0, at);
      const vers = arg.slice(at + 1);
      if ((vers === 'upgrade' || vers === 'patch') && (rootSelected(path) === undefined || unpruned)) {
        needFullGraph = true;
        if (!main) throw new CommandExit(`go: cannot match ${JSON.stringify(arg)}: ${noGoModText}\n`, 1);
      }
      continue;
    }
    if (rootSelected(arg) === undefined || unpruned) {
      needFullGraph = true;
      if (!main) {
        throw new CommandExit(`go: cannot match ${JSON.stringify(arg)} without -versions or an explicit version: ${noGoModText}\n`, 1);
      }
    }
  }

  let mg: ModuleGraph | undefined;
  let mgErr: Error | undefined;
  if (needFullGraph) {
    mg = await loadGraph();
    mgErr = mg.error();
  }
  const excluded = (m: ModuleVersion) => (main?.file.exclude ?? []).some((x) => x.mod.path === m.path && x.mod.version === m.version);
  const resolve = (m: ModuleVersion): ModuleVersion => (main ? replacement(main, m) ?? m : m);

  const infos: ListedModule[] = [];
  const matched = new Set<string>();
  const add = async (m: ModuleVersion, viaRequirements: boolean) => {
    // moduleInfo: a replaced module is downloaded as its replacement; a directory replacement
    // (or the main module) has nothing to download.
    const r = viaRequirements ? resolve(m) : m;
    if (r.version === '') return;
    const info: ListedModule = { path: r.path, version: r.version };
    try {
      await s.fetcher.stat(r.path, r.version); // completeFromModCache's Query
    } catch (e) {
      if (isFatal(e)) throw e;
      info.error = (e as Error).message;
    }
    infos.push(info);
  };

  for (const arg of args) {
    const at = arg.indexOf('@');
    if (at >= 0) {
      const path = arg.slice(0, at);
      const vers = arg.slice(at + 1);
      const current = mg ? mg.selected(path) : rootSelected(path) ?? '';
      if (current === 'none' && mgErr && (vers === 'upgrade' || vers === 'patch')) continue;
      let info: RevInfo;
      try {
        info = await query(s.fetcher, path, vers, current, isRevisionQuery(path, vers) ? {} : { excluded });
      } catch (e) {
        if (isFatal(e)) throw e;
        const err = e as Error;
        const text =
          err.name === 'ModuleError' || err.name === 'NoMatchingVersionError' || err.message.startsWith(`${path}@`) || err.message.startsWith(`module ${path}:`)
            ? err.message
            : `${path}@${vers}: ${err.message}`;
        infos.push({ path, version: vers, error: text });
        continue;
      }
      const li: ListedModule = { path, version: info.Version };
      if (vers !== info.Version) li.query = vers;
      if (info.Origin) li.origin = info.Origin;
      infos.push(li);
      continue;
    }
    if (arg !== 'all' && !arg.includes('...')) {
      const v = mg ? mg.selected(arg) : rootSelected(arg)!;
      if (v === 'none' && mgErr) continue;
      if (v !== 'none') await add({ path: arg, version: v }, true);
      else infos.push({ path: arg, version: '', error: `module ${arg}: not a known dependency` });
      continue;
    }
    if (arg.includes('...')) throw new CommandExit(`modscope: module patterns with "..." are not supported yet\n`, 1);
    let any = false;
    for (const m of mg!.buildList()) {
      if (isToolchainPath(m.path)) continue;
      any = true;
      const k = m.path + '@' + m.version;
      if (matched.has(k)) continue;
      matched.add(k);
      await add(m, true);
    }
    if (!any) warnings(`warning: pattern ${JSON.stringify(arg)} matched no module dependencies\n`);
  }
  return { infos, infosErr: mgErr };
}
