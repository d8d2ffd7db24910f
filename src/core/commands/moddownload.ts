// `go mod download` over the core (cmd/go/internal/modcmd/download.go: runDownload,
// DownloadModule; modload/list.go: listModules for the argument forms; modload/init.go:
// WriteGoMod → keepSums(addBuildListZipSums) for which go.sum lines are written).
//
// Runs over the module loader (src/core/modload): loadModFile, LoadModGraph, the graph's
// build list, modload.Query for path@version arguments, moduleInfo (replacements), and
// WriteGoMod (commitRequirements: go.mod rewrites such as a raised go line, and go.sum via
// keepSums). Outside a module only path@version arguments work, as in go. Not supported:
// -reuse (refused plainly).

import { goQuote } from '../goquote';
import { jsonString } from '../gostrings';
import { compareGo, ExplicitIndirectVersion } from '../gover';
import { ModuleError, type ModuleVersion } from '../module';
import { FatalError, isFatal, type FetchDeps } from '../modfetch/fetcher';
import { CommandExit, CountingCache, sideLockFiles, touched } from '../modfetch/session';
import { ChecksumMismatchError } from '../gosum';
import type { RevInfo } from '../source';
import type { CommandContext, CommandResult } from '../workspace';
import { expandGraph, loadModGraph } from '../modload/buildlist';
import { commitRequirements, errNoModRootText, findModuleRoot, initWorkfile, loadModFile } from '../modload/init';
import { moduleInfo, type ModulePublic } from '../modload/list';
import { checkAllowed, errorsAs, type AllowedFunc } from '../modload/modfile';
import { isRevisionQuery, NoMatchingVersionError, query } from '../modload/query';
import type { ModuleGraph, Requirements } from '../modload/requirements';
import { ModState } from '../modload/state';
import { matchPattern } from '../modload/pattern';
import { isToolchainPath } from '../gover';
import { mvKey } from '../mvs/graph';
import { errorText } from './errtext';
import { commandFlags } from './cmdflags';
import { reuseFileError } from './listreuse';
import { flagBool } from './modflags';
import { Switcher, switchOrFatal } from '../toolchain/switch';
import { ExitError } from '../modload/packages/load';

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


const originOrder = ['VCS', 'URL', 'Subdir', 'Hash', 'TagPrefix', 'TagSum', 'Ref', 'RepoSum'];

/** json.MarshalIndent(m, "", "\t") of a ModuleJSON (empty fields omitted). */
export function marshalModuleJSON(m: ModuleJSON): string {
  const lines: string[] = [];
  const str = (k: string, v: string | undefined) => {
    if (v) lines.push(`\t${jsonString(k)}: ${jsonString(v)}`);
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
      if (typeof v === 'string' && v !== '') o.push(`\t\t${jsonString(f)}: ${jsonString(v)}`);
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
  /** -overlay (fsys.OverlayFile) */
  overlay?: string;
  /** -modfile */
  modFile?: string;
  args: string[];
}

function parseDownloadFlags(argv: string[], goflags: string | undefined): Flags {
  const p = commandFlags('mod download', argv, goflags);
  if ('stderr' in p) throw new CommandExit(p.stderr, p.exitCode);
  const on = (n: string) => flagBool(p.values, n);
  return { json: on('json'), x: on('x'), reuse: p.values.get('reuse') ?? '', overlay: p.values.get('overlay'), modFile: p.values.get('modfile'), args: p.args };
}

/** modfetch errors go prints with log.Printf: a newline is added unless present. */
function logLine(s: string): string {
  return s.endsWith('\n') ? s : s + '\n';
}

/** `go mod download [flags] [modules]` (modcmd/download.go: runDownload). */
export async function modDownload(ctx: CommandContext, argv: string[], deps: FetchDeps): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const cache = new CountingCache(deps.cache);
  let s: ModState | undefined;
  let gosumWritten = false;
  let stdoutAfter: number | undefined;
  const result = (exitCode: number): CommandResult => ({
    stdout,
    stderr,
    exitCode,
    stdoutAfter: stdoutAfter ?? stderr.length,
    touched: touched(s ? { main: s.mainModules !== null, cache } : undefined, gosumWritten),
  });
  try {
    const fl = parseDownloadFlags(argv, ctx.env.GOFLAGS);
    let args = fl.args;
    const st: ModState = (s = new ModState({
      cwd: ctx.cwd,
      files: sideLockFiles(ctx.files, cache, (p) => {
        if (p === st.goSumFile || st.workspaceGoSumFiles.includes(p) || p.endsWith('/go.work.sum')) gosumWritten = true;
      }),
      env: ctx.env,
      cmdName: 'mod download',
      deps: { ...deps, cache },
      overlay: fl.overlay,
      modFile: fl.modFile,
      stderr: (t) => (stderr += t),
      signal: ctx.signal,
    }));
    await initWorkfile(st);
    const haveExplicitArgs = args.length > 0;
    const hasModRoot = st.workFilePath !== '' || (await findModuleRoot(st, st.cwd)) !== '';
    // modload.HasModRoot runs Init: its -modfile checks come before download's own
    if (fl.modFile !== undefined && fl.modFile !== '') {
      if (st.workFilePath !== '') throw new FatalError('go: -modfile cannot be used in workspace mode');
      if (!hasModRoot) throw new FatalError('go: cannot find main module, but -modfile was set.\n\t-modfile cannot be used to set the module root directory.');
    }

    if (hasModRoot) {
      await loadModFile(st);
      const mms = st.main();
      if (haveExplicitArgs) {
        for (const mainModule of mms.versions()) {
          for (const arg of args) {
            if (arg === mainModule.path || arg === mainModule.path + '@upgrade' || arg === mainModule.path + '@patch') {
              stderr += `go: skipping download of ${arg} that resolves to the main module\n`;
            }
          }
        }
      } else if (st.workFilePath !== '') {
        args = ['all'];
      } else {
        const modFile = mms.modFile(mms.versions()[0]!)!;
        if (!modFile.go || compareGo(modFile.go.version, ExplicitIndirectVersion) < 0) {
          if (modFile.require.length > 0) args = ['all'];
        } else {
          try {
            await loadModGraph(st, '');
          } catch (e) {
            if (isFatal(e) || e instanceof FatalError) throw e;
            await switchOrFatal(st, e as Error);
          }
          args = modFile.require.map((r) => r.mod.path);
        }
      }
    }

    if (args.length === 0) {
      if (hasModRoot) {
        stderr += 'go: no module dependencies to download\n';
        return result(0);
      }
      stderr += "go: no modules specified (see 'go help mod download')\n";
      return result(1);
    }
    if (fl.reuse !== '' && hasModRoot) throw new CommandExit('go mod download -reuse cannot be used inside a module\n', 1);
    if (fl.reuse !== '') {
      // modload.ListModules reads the -reuse file first: its error is the command's
      const err = await reuseFileError(ctx.files, ctx.cwd, fl.reuse);
      if (err !== undefined) throw new CommandExit(`go: ${err}\n`, 1);
      throw new CommandExit('modscope: go mod download -reuse is not supported yet\n', 1);
    }

    const { infos, err: infosErr } = await listForDownload(st, hasModRoot, args);

    if (infosErr) {
      const sw = new Switcher(st);
      sw.error(infosErr);
      // Otherwise infosErr is reported after the downloads.
      if (sw.needSwitch()) await sw.switch();
    }

    if (!haveExplicitArgs && st.workFilePath === '') await commitRequirements(st, {});

    const mods: ModuleJSON[] = [];
    const downloadErrs = new Map<ModuleJSON, Error>();
    const jobs: Array<() => Promise<void>> = [];
    for (let info of infos) {
      if (info.Replace) info = info.Replace;
      if (!info.Version && !info.Error) continue;
      const m: ModuleJSON = { Path: info.Path, Version: info.Version ?? '' };
      if (info.Query) m.Query = info.Query;
      if (info.Origin) m.Origin = info.Origin;
      mods.push(m);
      if (info.Error) {
        m.Error = info.Error.Err;
        continue;
      }
      jobs.push(async () => {
        try {
          await downloadModule(st, m);
        } catch (e) {
          if (isFatal(e)) throw e;
          downloadErrs.set(m, e as Error);
          m.Error = (e as Error).message;
        }
      });
    }
    // Downloads run several at a time (go: a par.Queue of GOMAXPROCS; here the IO waits overlap,
    // the CPU work is one thread); results keep the argument order, as go's output does.
    await runLimited(jobs, 8);
    ctx.progress?.({ phase: 'done', done: mods.length, total: mods.length, bytes: st.fetcher.stats.bytes });

    // Explicit arguments (or a workspace's "all") may need a newer toolchain to download them.
    if (haveExplicitArgs || st.workFilePath !== '') {
      const sw = new Switcher(st);
      for (const m of mods) {
        const err = downloadErrs.get(m);
        if (err) sw.error(err);
      }
      // Only a switch: otherwise the errors go to the JSON output or are reported below.
      if (sw.needSwitch()) await sw.switch();
    }

    let exitCode = 0;
    if (fl.json) {
      stdoutAfter = stderr.length; // written to os.Stdout as it is made; later errors follow it
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
      // base.ExitIfErrors: earlier base.Errorf calls (modload's) count too
      if (exitCode !== 0 || st.exitStatus !== 0) return result(1);
    }

    // commitRequirements does nothing outside a module (no go.mod to write).
    if (hasModRoot && (haveExplicitArgs || st.workFilePath !== '')) {
      try {
        await commitRequirements(st, {});
      } catch (e) {
        if (isFatal(e) || e instanceof FatalError) throw e;
        stderr += errorText(e);
        exitCode = 1;
      }
    }
    if (infosErr) {
      stderr += errorText(infosErr);
      exitCode = 1;
    }
    return result(exitCode || st.exitStatus);
  } catch (e) {
    if (e instanceof CommandExit) {
      stdout += e.stdout;
      stderr += e.stderr;
      return result(e.exitCode);
    }
    if (e instanceof ExitError) return result(e.status);
    if (e instanceof FatalError || e instanceof ChecksumMismatchError) {
      stderr += logLine(e.message);
      return result(1);
    }
    if (e instanceof Error && (e as { fatal?: boolean }).fatal) {
      stderr += errorText(e);
      return result(1);
    }
    if (e instanceof Error && e.name !== 'AbortError') {
      stderr += errorText(e);
      return result(1);
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
async function downloadModule(s: ModState, m: ModuleJSON): Promise<void> {
  const f = s.fetcher;
  m.Info = (await f.infoFile(m.Path, m.Version)).file;
  m.GoMod = await f.goModFile(m.Path, m.Version);
  m.GoModSum = await f.goModSum(m.Path, m.Version);
  const mod = { path: m.Path, version: m.Version };
  m.Zip = await f.downloadZip(mod);
  m.Sum = await f.sum(mod);
  m.Dir = await f.download(mod);
}

/** list.go: modinfoError */
function modinfoError(path: string, vers: string, err: Error): { Err: string } {
  if (errorsAs(err, NoMatchingVersionError)) err = new ModuleError(path, '', err);
  else if (!errorsAs(err, ModuleError)) err = new ModuleError(path, vers, err);
  return { Err: err.message };
}

/**
 * list.go: ListModules(ctx, args, 0, "") as runDownload calls it: the same argument rules and
 * module loader calls as go list -m, without writing go.mod (download sets ExplicitWriteGoMod
 * and writes once, after downloading). Outside a module only path@version works.
 */
async function listForDownload(s: ModState, hasModRoot: boolean, args: string[]): Promise<{ infos: ModulePublic[]; err: Error | null }> {
  let rs: Requirements | null = hasModRoot ? await loadModFile(s) : null;
  let needFullGraph = false;
  for (const arg of args) {
    if (arg.includes('\\')) throw new FatalError('go: module paths never use backslash');
    if (arg.startsWith('./') || arg.startsWith('../') || arg === '.' || arg === '..') {
      throw new FatalError(`go: cannot use relative path ${arg} to specify module`);
    }
    if (arg === 'all' || arg.includes('...')) {
      needFullGraph = true;
      if (!hasModRoot) throw new FatalError(`go: cannot match ${goQuote(arg)}: ${errNoModRootText}`);
      continue;
    }
    const at = arg.indexOf('@');
    if (at >= 0) {
      const path = arg.slice(0, at);
      const vers = arg.slice(at + 1);
      if (vers === 'upgrade' || vers === 'patch') {
        if (!rs || !rs.rootSelected(path).ok || rs.pruning === 'unpruned') {
          needFullGraph = true;
          if (!hasModRoot) throw new FatalError(`go: cannot match ${goQuote(arg)}: ${errNoModRootText}`);
        }
      }
      continue;
    }
    if (!rs || !rs.rootSelected(arg).ok || rs.pruning === 'unpruned') {
      needFullGraph = true;
      if (!hasModRoot) throw new FatalError(`go: cannot match ${goQuote(arg)} without -versions or an explicit version: ${errNoModRootText}`);
    }
  }

  let mg: ModuleGraph | null = null;
  let mgErr: Error | null = null;
  if (needFullGraph && rs) {
    const r = await expandGraph(s, rs);
    rs = r.rs;
    mg = r.mg;
    mgErr = r.err;
  }

  const infos: ModulePublic[] = [];
  const matchedModule = new Set<string>();
  for (const arg of args) {
    const at = arg.indexOf('@');
    if (at >= 0) {
      const path = arg.slice(0, at);
      const vers = arg.slice(at + 1);
      const current = mg !== null ? mg.selected(path) : rs ? rs.rootSelected(path).version : '';
      if (current === 'none' && mgErr !== null && (vers === 'upgrade' || vers === 'patch')) continue;
      const allowed: AllowedFunc | null = isRevisionQuery(path, vers) ? null : (m) => checkAllowed(s, m);
      let info: RevInfo;
      try {
        info = await query(s, path, vers, current, allowed);
      } catch (e) {
        if (isFatal(e) || e instanceof FatalError) throw e;
        infos.push({ Path: path, Version: vers, Error: modinfoError(path, vers, e as Error) });
        continue;
      }
      // moduleInfo(ctx, nil, ...): outside a module there are no main modules to consult.
      const mod: ModulePublic = hasModRoot ? await moduleInfo(s, null, { path, version: info.Version }, 0) : { Path: path, Version: info.Version };
      if (vers !== (mod.Version ?? '')) mod.Query = vers;
      mod.Origin = info.Origin as Record<string, unknown> | undefined;
      infos.push(mod);
      continue;
    }
    let match: (p: string) => boolean;
    if (arg === 'all') match = (p) => !isToolchainPath(p);
    else if (arg.includes('...')) {
      const mp = matchPattern(arg);
      match = (p) => mp(p) && !isToolchainPath(p);
    } else {
      const v = mg !== null ? mg.selected(arg) : rs!.rootSelected(arg).version;
      if (v === 'none' && mgErr !== null) continue;
      if (v !== 'none') infos.push(await moduleInfo(s, rs, { path: arg, version: v }, 0));
      else infos.push({ Path: arg, Error: modinfoError(arg, '', new Error('not a known dependency')) });
      continue;
    }
    let matched = false;
    for (const m of mg!.buildList()) {
      if (!match(m.path)) continue;
      matched = true;
      if (matchedModule.has(mvKey(m))) continue;
      matchedModule.add(mvKey(m));
      infos.push(await moduleInfo(s, rs, m as ModuleVersion, 0));
    }
    if (!matched) s.stderr(`warning: pattern "${arg}" matched no module dependencies\n`);
  }
  if (mgErr === null && rs) s.requirements = rs;
  return { infos, err: mgErr };
}
