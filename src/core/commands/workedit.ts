// `go work edit`: cmd/go/internal/workcmd/edit.go (runEditwork, flagEditwork*,
// parsePathVersionOptional, editPrintJSON) over x/mod's WorkFile edits. The flag parsing and
// the -replace / -godebug argument checks are go mod edit's (modedit.ts).

import { Local } from '../gover';
import {
  addUse,
  addWorkGodebug,
  addWorkGoStmt,
  addWorkReplace,
  addWorkToolchainStmt,
  cleanupWork,
  dropUse,
  dropWorkGodebug,
  dropWorkGoStmt,
  dropWorkReplace,
  dropWorkToolchainStmt,
  format,
  GoVersionRE,
  isDirectoryPath,
  sortWorkBlocks,
  ToolchainRE,
  type WorkFile,
} from '../modfile';
import { editWorkJSON } from '../modfile/json';
import { quote } from '../modfile/gostr';
import type { FetchDeps } from '../modfetch/fetcher';
import { utf8Encode } from '../gostrings';
import { initWorkfile } from '../modload/init';
import { isAbs, join } from '../modload/paths';
import { FatalError, ModState } from '../modload/state';
import type { CommandContext, CommandResult } from '../workspace';
import { errorText } from './errtext';
import { Exit, fatalf, goflagsFor, parseFlagSet, parseGodebugFlag, parsePathVersionOptional, parseReplaceFlag, setOrDrop } from './modedit';
import { ignorable, readWorkFileErr, workPathShort } from './workfile';

const USAGE = "usage: go work edit [editing flags] [go.work]\nRun 'go help work edit' for details.\n";

/** modload.ToDirectoryPath: a path go.work can hold as a directory (./ added to a plain relative path). */
export function toDirectoryPath(path: string): string {
  if (isDirectoryPath(path)) return path;
  return './' + cleanRel(path);
}

function cleanRel(p: string): string {
  return join(p) || '.';
}

// workcmd/edit.go: parsePathVersionOptional
const workPathVersionOptional = (adj: string, arg: string, allowDirPath: boolean) => parsePathVersionOptional(adj, arg, allowDirPath, true);

/** Runs `go work edit` (args after "work edit"). */
export async function workEdit(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  let stderr = '';
  const s = new ModState({ cwd: ctx.cwd, files: ctx.files, env: ctx.env, cmdName: 'work edit', deps, stderr: (t) => (stderr += t), signal: ctx.signal });
  try {
    return await run(argv, s);
  } catch (e) {
    if (e instanceof Exit) return { stdout: '', stderr: stderr + e.stderr, exitCode: e.code };
    if (e instanceof FatalError || ignorable(e)) return { stdout: '', stderr: stderr + errorText(e), exitCode: 1 };
    throw e;
  }
}

async function run(argv: string[], s: ModState): Promise<CommandResult> {
  let editFmt = false;
  let editGo = '';
  let editToolchain = '';
  let editJSON = false;
  let editPrint = false;
  const edits: Array<(f: WorkFile) => void> = [];
  const boolFlags: Record<string, (v: boolean) => void> = {
    fmt: (v) => (editFmt = v),
    json: (v) => (editJSON = v),
    print: (v) => (editPrint = v),
  };
  const stringFlags: Record<string, (v: string) => void> = {
    go: (v) => (editGo = v),
    toolchain: (v) => (editToolchain = v),
    C: (v) => {
      throw new Exit(2, `invalid value ${quote(v)} for flag -C: -C flag must be first flag on command line\n${USAGE}`);
    },
    godebug: (arg) => {
      const [key, value] = parseGodebugFlag(arg);
      edits.push((f) => addWorkGodebug(f, key, value));
    },
    dropgodebug: (arg) => edits.push((f) => dropWorkGodebug(f, arg)),
    // flagEditworkUse: the go.mod read for the module path is overwritten by the second AddUse.
    use: (arg) => edits.push((f) => addUse(f, toDirectoryPath(arg), '')),
    dropuse: (arg) => edits.push((f) => dropUse(f, toDirectoryPath(arg))),
    replace: (arg) => {
      const [oldPath, oldVersion, newPath, newVersion] = parseReplaceFlag(arg, workPathVersionOptional);
      edits.push((f) => addWorkReplace(f, oldPath, oldVersion, newPath, newVersion));
    },
    dropreplace: (arg) => {
      const [path, version, err] = workPathVersionOptional('old', arg, true);
      if (err !== null) fatalf(`go: -dropreplace=${arg}: ${err}`);
      edits.push((f) => dropWorkReplace(f, path, version));
    },
  };
  const args = parseFlagSet([...goflagsFor(s.getenv('GOFLAGS'), boolFlags, stringFlags), ...argv], boolFlags, stringFlags, USAGE);

  if (editJSON && editPrint) fatalf('go: cannot use both -json and -print');
  if (args.length > 1) fatalf("go: 'go help work edit' accepts at most one argument");
  let gowork: string;
  if (args.length === 1) gowork = args[0]!;
  else {
    await initWorkfile(s);
    gowork = s.workFilePath;
  }
  if (gowork === '') fatalf("go: no go.work file found\n\t(run 'go work init' first or specify path using GOWORK environment variable)");
  if (editGo !== '' && editGo !== 'none' && !GoVersionRE.test(editGo)) {
    fatalf(`go work: invalid -go option; expecting something like "-go ${Local}"`);
  }
  if (editToolchain !== '' && editToolchain !== 'none' && !ToolchainRE.test(editToolchain)) {
    fatalf(`go work: invalid -toolchain option; expecting something like "-toolchain go${Local}"`);
  }
  if (!(editGo !== '' || editToolchain !== '' || editJSON || editPrint || editFmt || edits.length > 0)) {
    fatalf("go: no flags specified (see 'go help work edit').");
  }

  const abs = isAbs(gowork) ? gowork : join(s.cwd, gowork);
  let wf: WorkFile;
  try {
    wf = await readWorkFileErr(s, abs, true, gowork);
  } catch (e) {
    if (!ignorable(e)) throw e;
    fatalf(`go: errors parsing ${workPathShort(s, gowork)}:\n${(e as Error).message}`);
  }

  setOrDrop(editGo, () => dropWorkGoStmt(wf), (v) => addWorkGoStmt(wf, v));
  setOrDrop(editToolchain, () => dropWorkToolchainStmt(wf), (v) => addWorkToolchainStmt(wf, v));
  for (const edit of edits) edit(wf);
  sortWorkBlocks(wf);
  cleanupWork(wf);

  if (editJSON) return { stdout: editWorkJSON(wf), stderr: '', exitCode: 0 };
  const out = format(wf.syntax);
  if (editPrint) return { stdout: out, stderr: '', exitCode: 0 };
  await s.files.write(abs, utf8Encode(out));
  return { stdout: '', stderr: '', exitCode: 0 };
}
