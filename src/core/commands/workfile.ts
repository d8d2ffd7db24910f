// go.work as the go work commands read, update and write it (cmd/go/internal/modload/init.go:
// ReadWorkFile, WriteWorkFile, UpdateWorkGoVersion, UpdateWorkFile).

import { compareGo, fromGoWork, fromToolchain, GoStrictVersion, isLang, Local, toolchainMax } from '../gover';
import { addUse, addWorkGoStmt, addWorkToolchainStmt, cleanupWork, dropWorkToolchainStmt, format, parseWork, sortWorkBlocks, type WorkFile } from '../modfile';
import { utf8Encode } from '../gostrings';
import { readModFile } from '../modload/modfile';
import { isHardFatal, ExitError } from '../modload/packages/load';
import { clean, isAbs, join, shortPath } from '../modload/paths';
import { FatalError, type ModState } from '../modload/state';

/** Errors go's step ignores (`if err != nil { continue }`); base.Fatal and exits pass through. */
export function ignorable(e: unknown): boolean {
  return e instanceof Error && !isHardFatal(e) && !(e instanceof ExitError) && !(e instanceof FatalError) && e.name !== 'AbortError';
}

/**
 * modload.ReadWorkFile: its error (reading or parsing) is thrown as a plain Error with go's text;
 * a go line newer than the running go ends the command (base.Fatal) except in go work edit.
 */
export async function readWorkFileErr(s: ModState, path: string, workEdit = false, given = path): Promise<WorkFile> {
  const short = workPathShort(s, given);
  // The os error names the cleaned path.
  if ((await s.files.stat(path)) === 'dir') throw new Error(`reading go.work: read ${clean(short)}: is a directory`);
  const data = await s.files.read(path);
  if (data === undefined) {
    throw new Error(`reading go.work: open ${clean(short)}: no such file or directory`);
  }
  let wf: WorkFile;
  try {
    wf = parseWork(short, data, null);
  } catch (e) {
    throw new Error(`errors parsing go.work:\n${(e as Error).message}`);
  }
  if (!workEdit && wf.go && compareGo(wf.go.version, Local) > 0) throw new FatalError('go: ' + s.tooNew(short, wf.go.version).message);
  return wf;
}

/** base.ShortPath of a path as given: a relative one stays as written. */
export function workPathShort(s: ModState, given: string): string {
  return isAbs(given) ? shortPath(s.cwd, given) : given;
}

/** modload.ReadWorkFile whose errors end the command (base.Fatal(err)). */
export async function readWorkFile(s: ModState, path: string): Promise<WorkFile> {
  try {
    return await readWorkFileErr(s, path);
  } catch (e) {
    if (!ignorable(e)) throw e;
    throw new FatalError('go: ' + (e as Error).message);
  }
}

/** modload.WriteWorkFile: sorted, cleaned and formatted. */
export async function writeWorkFile(s: ModState, path: string, wf: WorkFile): Promise<void> {
  sortWorkBlocks(wf);
  cleanupWork(wf);
  await s.files.write(path, utf8Encode(format(wf.syntax)));
}

/** modload.UpdateWorkGoVersion: raise the go line to goVers, recording the running toolchain. */
export function updateWorkGoVersion(wf: WorkFile, goVers: string): boolean {
  const old = fromGoWork(wf.go?.version);
  if (compareGo(old, goVers) >= 0) return false;
  addWorkGoStmt(wf, goVers);
  let toolchain = wf.toolchain ? wf.toolchain.name : 'go' + old;
  toolchain = toolchainMax(toolchain, 'go' + (isLang(Local) ? goVers : Local));
  if (toolchain === 'go' + goVers || compareGo(fromToolchain(toolchain), GoStrictVersion) < 0) dropWorkToolchainStmt(wf);
  else addWorkToolchainStmt(wf, toolchain);
  return true;
}

/**
 * modload.UpdateWorkFile: each use line gets its module's path (AddUse rewrites the line and
 * drops repeats of the directory). The go.mod is opened at the use path as written: a relative
 * path is relative to the working directory; an unreadable go.mod leaves the line alone.
 */
export async function updateWorkFile(s: ModState, wf: WorkFile): Promise<void> {
  const missing = new Set<string>();
  for (const d of wf.use) if (d.path !== '' && d.modulePath === '') missing.add(d.path);
  for (const moddir of missing) {
    const gomod = join(isAbs(moddir) ? moddir : join(s.cwd, moddir), 'go.mod');
    let path: string;
    try {
      const { f } = await readModFile(s, gomod, null);
      if (!f.module) continue;
      path = f.module.mod.path;
    } catch (e) {
      if (!ignorable(e)) throw e;
      continue;
    }
    addUse(wf, moddir, path);
  }
}
