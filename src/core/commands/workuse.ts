// `go work init [moddirs]` and `go work use [-r] [moddirs]`: cmd/go/internal/workcmd/init.go
// (runInit) and use.go (runUse, workUse, pathRel), with modload's ReadWorkFile,
// UpdateWorkGoVersion, UpdateWorkFile and WriteWorkFile (workfile.ts).

import { fromGoMod, fromGoWork, Local, maxGo } from '../gover';
import { addUse, addWorkGoStmt, dropUse, WorkFile } from '../modfile';
import type { FetchDeps } from '../modfetch/fetcher';
import { initWorkfile } from '../modload/init';
import { readModFile } from '../modload/modfile';
import { ExitError } from '../modload/packages/load';
import { clean, dir, inDir, isAbs, join, rel, shortPath } from '../modload/paths';
import { FatalError, ModState } from '../modload/state';
import { Switcher } from '../toolchain/switch';
import type { CommandContext, CommandResult } from '../workspace';
import { errorText } from './errtext';
import { parseCommandFlags, type FlagSpec } from './modflags';
import { toDirectoryPath } from './workedit';
import { readWorkFile, updateWorkFile, updateWorkGoVersion, writeWorkFile } from './workfile';

const INIT_USAGE = "usage: go work init [moddirs]\nRun 'go help work init' for details.\n";
const USE_USAGE = "usage: go work use [-r] [moddirs]\nRun 'go help work use' for details.\n";

// base.AddChdirFlag and base.AddModCommonFlags
const commonSpecs: Record<string, FlagSpec> = {
  C: { kind: 'string', check: () => '-C flag must be first flag on command line' },
  modcacherw: { kind: 'bool' },
  modfile: { kind: 'string' },
  overlay: { kind: 'string' },
};

type Body = (s: ModState, args: string[], recursive: boolean) => Promise<void>;

async function runCommand(name: 'work init' | 'work use', usage: string, body: Body, argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  const specs = name === 'work use' ? { ...commonSpecs, r: { kind: 'bool' as const } } : commonSpecs;
  const parsed = parseCommandFlags(argv, specs, ctx.env.GOFLAGS, usage);
  if (!('values' in parsed)) return parsed;
  let stderr = '';
  const s = new ModState({ cwd: ctx.cwd, files: ctx.files, env: ctx.env, cmdName: name, deps, overlay: parsed.values.get('overlay'), stderr: (t) => (stderr += t), signal: ctx.signal });
  try {
    const v = parsed.values.get('r');
    await body(s, parsed.args, v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v));
  } catch (e) {
    if (e instanceof ExitError) return { stdout: '', stderr, exitCode: e.status };
    return { stdout: '', stderr: stderr + errorText(e), exitCode: 1 };
  }
  return { stdout: '', stderr, exitCode: s.exitStatus };
}

/** Runs `go work init` (args after "work init"). */
export function workInit(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  return runCommand('work init', INIT_USAGE, runInit, argv, ctx, deps);
}

/** Runs `go work use` (args after "work use"). */
export function workUseCommand(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  return runCommand('work use', USE_USAGE, runUse, argv, ctx, deps);
}

async function runInit(s: ModState, args: string[], recursive: boolean): Promise<void> {
  await initWorkfile(s);
  const gowork = s.workFilePath || join(s.cwd, 'go.work');
  if ((await s.files.stat(gowork)) !== undefined) throw new FatalError(`go: ${gowork} already exists`);
  const wf = new WorkFile();
  addWorkGoStmt(wf, Local);
  await workUse(s, gowork, wf, args, recursive);
  await writeWorkFile(s, gowork, wf);
}

async function runUse(s: ModState, args: string[], recursive: boolean): Promise<void> {
  await initWorkfile(s);
  const gowork = s.workFilePath;
  if (gowork === '') throw new FatalError("go: no go.work file found\n\t(run 'go work init' first or specify path using GOWORK environment variable)");
  const wf = await readWorkFile(s, gowork);
  await workUse(s, gowork, wf, args, recursive);
  await writeWorkFile(s, gowork, wf);
}

/** use.go: pathRel — the absolute directory and the form go.work records for it. */
function pathRel(s: ModState, workDir: string, d: string): [string, string] {
  if (isAbs(d)) return [clean(d), clean(d)];
  const abs = join(s.cwd, d);
  const r = rel(workDir, abs);
  if (r === undefined) return [abs, abs];
  return [abs, toDirectoryPath(r)];
}

/** str.HasFilePathPrefix */
function hasFilePathPrefix(p: string, prefix: string): boolean {
  return inDir(p, prefix) !== '' || p === prefix;
}

/** use.go: workUse */
export async function workUse(s: ModState, gowork: string, wf: WorkFile, args: string[], recursive: boolean): Promise<void> {
  const workDir = dir(gowork);
  const absUse = (p: string) => (isAbs(p) ? clean(p) : join(workDir, p));
  const haveDirs = new Map<string, string[]>();
  for (const u of wf.use) {
    const abs = absUse(u.path);
    haveDirs.set(abs, [...(haveDirs.get(abs) ?? []), u.path]);
  }
  const keepDirs = new Map<string, string>();
  const sw = new Switcher(s);
  const short = (p: string) => shortPath(s.cwd, p);

  const lookDir = async (d: string) => {
    const [absDir, canon] = pathRel(s, workDir, d);
    const file = short(join(absDir, 'go.mod'));
    const st = await s.files.stat(join(absDir, 'go.mod'));
    if (st === undefined) {
      keepDirs.set(absDir, '');
      return;
    }
    if (st !== 'file') {
      sw.error(new Error(`${file} is not a regular file`));
      return;
    }
    const dup = keepDirs.get(absDir);
    if (dup !== undefined && dup !== '' && dup !== canon) s.errorf(`go: already added "${canon}" as "${dup}"`);
    keepDirs.set(absDir, canon);
  };

  // fsys.Walk: lexical order; directories are looked at, symbolic links to directories not
  // followed but warned about.
  const walk = async (d: string) => {
    await lookDir(d);
    const abs = isAbs(d) ? d : join(s.cwd, d);
    const names = (await s.files.readDir(abs)).filter((n) => n.endsWith('/')).map((n) => n.slice(0, -1));
    const links = new Set((await s.files.symlinkDirs?.(abs)) ?? []);
    const all = [...names, ...links].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const n of all) {
      if (links.has(n)) s.stderr(`warning: ignoring symlink ${short(join(d, n))}\n`);
      else await walk(join(d, n));
    }
  };

  for (const useDir of args) {
    const [absArg] = pathRel(s, workDir, useDir);
    const st = await s.files.stat(absArg);
    if (st === undefined) {
      sw.error(new Error(`directory ${short(absArg)} does not exist`));
      continue;
    }
    if (st !== 'dir') {
      sw.error(new Error(`${short(absArg)} is not a directory`));
      continue;
    }
    if (!recursive) {
      await lookDir(useDir);
      continue;
    }
    await walk(useDir);
    for (const absDir of haveDirs.keys()) {
      if (hasFilePathPrefix(absDir, absArg) && !keepDirs.has(absDir)) keepDirs.set(absDir, '');
    }
  }

  for (const [absDir, keepDir] of keepDirs) {
    let nKept = 0;
    for (const d of haveDirs.get(absDir) ?? []) {
      if (d === keepDir) nKept++;
      else dropUse(wf, d);
    }
    if (keepDir !== '' && nKept !== 1) {
      if (nKept > 1) dropUse(wf, keepDir);
      addUse(wf, keepDir, '');
    }
  }

  let goV = fromGoWork(wf.go?.version);
  for (const u of wf.use) {
    if (u.path === '') continue;
    try {
      const { f } = await readModFile(s, join(absUse(u.path), 'go.mod'), null);
      goV = maxGo(goV, fromGoMod(f.go?.version));
    } catch (e) {
      if (e instanceof FatalError || e instanceof ExitError || !(e instanceof Error)) throw e;
      sw.error(e);
    }
  }
  await sw.switch();
  if (s.exitStatus !== 0) throw new ExitError(s.exitStatus);
  updateWorkGoVersion(wf, goV);
  await updateWorkFile(s, wf);
}
