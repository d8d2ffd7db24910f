// `go mod edit` as a pure function (cmd/go/internal/modcmd/edit.go: runEdit, flag*,
// parsePathVersion, parsePath, parsePathVersionOptional, parseVersionInterval,
// allowedVersionArg, editPrintJSON), with Go's flag-package parsing and messages.
//
// Differences from running go: -C, -n, -x, -modcacherw and -overlay are accepted and have
// no effect; the target file content is passed in (file === null means it does not exist).

import { importPathError } from '../module';
import { parseGoFlags } from '../goenv';
import { Local } from '../gover';
import {
  addExclude,
  addGodebug,
  addGoStmt,
  addModuleStmt,
  addReplace,
  addRequire,
  addRetract,
  addToolchainStmt,
  cleanup,
  dropExclude,
  dropGodebug,
  dropGoStmt,
  dropReplace,
  dropRequire,
  dropRetract,
  dropToolchainStmt,
  formatFile,
  sortBlocks,
} from '../modfile/edit';
import { editJSON } from '../modfile/json';
import { quote, trimSpace as goTrim } from '../modfile/gostr';
import { GoVersionRE, isDirectoryPath, mustQuote, parse, ToolchainRE, type File, type VersionInterval } from '../modfile/rule';

export interface ModEditResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** the new go.mod content when go would write the file */
  data?: string;
}

export interface ModEditOptions {
  /** working directory, for base.ShortPath in "errors parsing" (default: none) */
  cwd?: string;
  /** GO111MODULE=off: without a file argument, modload.ModFilePath dies (GOPATH mode). */
  modulesOff?: boolean;
  /** Whether a go.mod was found from the working directory (-modfile cannot stand for one). */
  hasModRoot?: boolean;
  /** fsys.Init's error for -overlay (overlay.ts initOverlay), which modload.Init reports. */
  overlayError?: string;
  /** $GOFLAGS, whose settings of this command's flags come first (base.SetFromGOFLAGS) */
  goflags?: string;
}

const editBoolFlags = new Set(['fmt', 'json', 'print', 'n', 'x', 'modcacherw']);

/** The go.mod file a go mod edit command line names: its positional argument, or -modfile's value (undefined: the main module's). */
export function editTarget(args: string[]): { positional?: string; modfile?: string; overlay?: string } {
  let modfile: string | undefined;
  let overlay: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return { positional: args[i + 1], modfile, overlay };
    if (!a.startsWith('-') || a === '-') return { positional: a, modfile, overlay };
    const name = a.replace(/^--?/, '').split('=')[0]!;
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined;
    if (name === 'modfile') modfile = value ?? args[i + 1];
    if (name === 'overlay') overlay = value ?? args[i + 1];
    if (value === undefined && !editBoolFlags.has(name)) i++;
  }
  return { modfile, overlay };
}

const USAGE = "usage: go mod edit [editing flags] [-fmt|-print|-json] [go.mod]\nRun 'go help mod edit' for details.\n";

/** How an edit command ends early: its stderr and exit status (go mod edit, go work edit). */
export class Exit {
  constructor(
    readonly code: number,
    readonly stderr: string,
  ) {}
}

/** base.Fatalf: the message (with a newline, as log.Printf adds) and exit status 1. */
export function fatalf(msg: string): never {
  throw new Exit(1, msg.endsWith('\n') ? msg : msg + '\n');
}

/** flag.FlagSet.failf: message, usage, exit status 2. */
function failf(msg: string, usage = USAGE): never {
  throw new Exit(2, msg + '\n' + usage);
}

export function cut(s: string, sep: string): [string, string, boolean] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, '', false] : [s.slice(0, i), s.slice(i + sep.length), true];
}

function allowedVersionArg(arg: string): boolean {
  return !mustQuote(arg);
}

function parsePathVersion(flag: string, arg: string): [string, string] {
  const [before, after, found] = cut(arg, '@');
  if (!found) fatalf(`go: -${flag}=${arg}: need path@version`);
  const path = goTrim(before);
  const version = goTrim(after);
  const err = importPathError(path);
  if (err) fatalf(`go: -${flag}=${arg}: invalid path: ${err.message}`);
  if (!allowedVersionArg(version)) fatalf(`go: -${flag}=${arg}: invalid version ${quote(version)}`);
  return [path, version];
}

function parsePath(flag: string, arg: string): string {
  if (arg.includes('@')) fatalf(`go: -${flag}=${arg}: need just path, not path@version`);
  const err = importPathError(arg);
  if (err) fatalf(`go: -${flag}=${arg}: invalid path: ${err.message}`);
  return arg;
}

/**
 * edit.go: parsePathVersionOptional. go mod edit takes a directory path whole before cutting
 * @version; go work edit's (workcmd/edit.go) cuts first and accepts a directory in place of a
 * module path, so "./dir@v1" is a directory with a version there.
 */
export function parsePathVersionOptional(adj: string, arg: string, allowDirPath: boolean, work = false): [string, string, string | null] {
  if (!work && allowDirPath && isDirectoryPath(arg)) return [arg, '', null];
  const [before, after, found] = cut(arg, '@');
  let path = arg;
  let version = '';
  if (found) {
    path = goTrim(before);
    version = goTrim(after);
  }
  const err = importPathError(path);
  if (err && !(work && allowDirPath && isDirectoryPath(path))) return [path, version, `invalid ${adj} path: ${err.message}`];
  if (path !== arg && !allowedVersionArg(version)) return [path, version, `invalid ${adj} version: ${quote(version)}`];
  return [path, version, null];
}

function parseVersionIntervalArg(arg: string): VersionInterval | string {
  if (!arg.startsWith('[')) {
    if (!allowedVersionArg(arg)) return `invalid version: ${quote(arg)}`;
    return { low: arg, high: arg };
  }
  if (!arg.endsWith(']')) return `invalid version interval: ${quote(arg)}`;
  const s = arg.slice(1, arg.length - 1);
  const [before, after, found] = cut(s, ',');
  if (!found) return `invalid version interval: ${quote(arg)}`;
  const low = goTrim(before);
  const high = goTrim(after);
  if (!allowedVersionArg(low) || !allowedVersionArg(high)) return `invalid version interval: ${quote(arg)}`;
  return { low, high };
}

/** The -replace=old[@v]=new[@w] argument (edit.go: flagReplace), parsed with the command's parsePathVersionOptional. */
export function parseReplaceFlag(
  arg: string,
  optional: (adj: string, arg: string, allowDirPath: boolean) => [string, string, string | null],
): [string, string, string, string] {
  const [before, after, found] = cut(arg, '=');
  if (!found) fatalf(`go: -replace=${arg}: need old[@v]=new[@w] (missing =)`);
  const old = goTrim(before);
  const nw = goTrim(after);
  if (nw.startsWith('>')) fatalf(`go: -replace=${arg}: separator between old and new is =, not =>`);
  const [oldPath, oldVersion, err1] = optional('old', old, false);
  if (err1 !== null) fatalf(`go: -replace=${arg}: ${err1}`);
  const [newPath, newVersion, err2] = optional('new', nw, true);
  if (err2 !== null) fatalf(`go: -replace=${arg}: ${err2}`);
  if (newPath === nw && !isDirectoryPath(nw)) fatalf(`go: -replace=${arg}: unversioned new path must be local directory`);
  return [oldPath, oldVersion, newPath, newVersion];
}

/** The -godebug=key=value argument (edit.go: flagGodebug). */
export function parseGodebugFlag(arg: string): [string, string] {
  const [key, value, ok] = cut(arg, '=');
  if (!ok || /["`',]/.test(arg)) fatalf(`go: -godebug=${arg}: need key=value`);
  return [key, value];
}

/** -go / -toolchain: "none" drops the line, another value sets it, "" leaves it. */
export function setOrDrop(v: string, drop: () => void, set: (v: string) => void): void {
  if (v === 'none') drop();
  else if (v !== '') set(v);
}

/**
 * flag.FlagSet.Parse over the command's boolean and value flags (each a setter called as the
 * flag is parsed); flag errors end with usage and exit status 2. Returns the arguments left.
 */
/**
 * base.SetFromGOFLAGS: the $GOFLAGS entries that set this command's flags, which parse before the
 * command line (a value flag needs "=value"; -C is main.go's).
 */
export function goflagsFor(goflags: string | undefined, boolFlags: Record<string, unknown>, stringFlags: Record<string, unknown>): string[] {
  let list: string[] = [];
  try {
    list = parseGoFlags(goflags ?? '');
  } catch {
    // main.go reports a bad $GOFLAGS before the command runs
  }
  return list.filter((g) => {
    const [name, , hasValue] = cut(g.replace(/^--?/, ''), '=');
    return Object.hasOwn(boolFlags, name) || (name !== 'C' && hasValue && Object.hasOwn(stringFlags, name));
  });
}

export function parseFlagSet(
  argv: string[],
  boolFlags: Record<string, (v: boolean) => void>,
  stringFlags: Record<string, (v: string) => void>,
  usage: string,
): string[] {
  let args = argv;
  while (args.length > 0) {
    const s = args[0];
    if (s.length < 2 || s[0] !== '-') break;
    let minuses = 1;
    if (s[1] === '-') {
      minuses++;
      if (s.length === 2) {
        args = args.slice(1);
        break;
      }
    }
    let name = s.slice(minuses);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') failf(`bad flag syntax: ${s}`, usage);
    args = args.slice(1);
    let hasValue = false;
    let value = '';
    const eq = name.indexOf('=', 1);
    if (eq >= 1) {
      value = name.slice(eq + 1);
      hasValue = true;
      name = name.slice(0, eq);
    }
    const bf = Object.prototype.hasOwnProperty.call(boolFlags, name) ? boolFlags[name] : undefined;
    const sf = Object.prototype.hasOwnProperty.call(stringFlags, name) ? stringFlags[name] : undefined;
    if (bf === undefined && sf === undefined) {
      if (name === 'help' || name === 'h') throw new Exit(2, usage);
      failf(`flag provided but not defined: -${name}`, usage);
    }
    if (bf !== undefined) {
      if (hasValue) {
        const b = parseBool(value);
        if (b === null) failf(`invalid boolean value ${quote(value)} for -${name}: parse error`, usage);
        bf(b);
      } else {
        bf(true);
      }
    } else {
      if (!hasValue && args.length > 0) {
        hasValue = true;
        value = args[0];
        args = args.slice(1);
      }
      if (!hasValue) failf(`flag needs an argument: -${name}`, usage);
      sf!(value);
    }
  }
  return args;
}

function parseBool(s: string): boolean | null {
  switch (s) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
  }
  return null;
}

function shortPath(path: string, cwd: string | undefined): string {
  if (cwd === undefined || !path.startsWith('/')) return path;
  const base = cwd.endsWith('/') ? cwd : cwd + '/';
  if (path === cwd) return '.';
  if (path.startsWith(base)) {
    const rel = path.slice(base.length);
    if (rel.length < path.length) return rel;
  }
  return path;
}

type Edit = (f: File) => void;

/**
 * Runs `go mod edit ARGS` on file (the go.mod the command would read: the positional
 * argument's file, or -modfile's, or the main module's go.mod). Returns go's stdout,
 * stderr and exit status, and the text go would write back.
 */
export function modEdit(args: string[], file: { name: string; data: string } | null, opts: ModEditOptions = {}): ModEditResult {
  try {
    return run(args, file, opts);
  } catch (e) {
    if (e instanceof Exit) return { stdout: '', stderr: e.stderr, exitCode: e.code };
    throw e;
  }
}

function run(argv: string[], file: { name: string; data: string } | null, opts: ModEditOptions): ModEditResult {
  let args = [...argv];
  // cmd/go main: -C dir as the first flag changes directory before parsing.
  if (args.length > 0 && (args[0] === '-C' || args[0] === '--C')) args = args.slice(2);
  else if (args.length > 0 && (args[0].startsWith('-C=') || args[0].startsWith('--C='))) args = args.slice(1);

  let editFmt = false;
  let editGo = '';
  let editToolchain = '';
  let editJSONFlag = false;
  let editPrint = false;
  let editModule = '';
  let modFileFlag = '';
  const edits: Edit[] = [];

  const boolFlags: Record<string, (v: boolean) => void> = {
    fmt: (v) => (editFmt = v),
    json: (v) => (editJSONFlag = v),
    print: (v) => (editPrint = v),
    n: () => {},
    x: () => {},
    modcacherw: () => {},
  };
  const stringFlags: Record<string, (v: string) => void> = {
    go: (v) => (editGo = v),
    toolchain: (v) => (editToolchain = v),
    module: (v) => (editModule = v),
    modfile: (v) => (modFileFlag = v),
    overlay: () => {},
    C: (v) => failf(`invalid value ${quote(v)} for flag -C: -C flag must be first flag on command line`),
    godebug: (arg) => {
      const [key, value] = parseGodebugFlag(arg);
      edits.push((f) => addGodebug(f, key, value));
    },
    dropgodebug: (arg) => edits.push((f) => dropGodebug(f, arg)),
    require: (arg) => {
      const [path, version] = parsePathVersion('require', arg);
      edits.push((f) => addRequire(f, path, version));
    },
    droprequire: (arg) => {
      const path = parsePath('droprequire', arg);
      edits.push((f) => dropRequire(f, path));
    },
    exclude: (arg) => {
      const [path, version] = parsePathVersion('exclude', arg);
      edits.push((f) => {
        try {
          addExclude(f, path, version);
        } catch (e) {
          fatalf(`go: -exclude=${arg}: ${(e as Error).message}`);
        }
      });
    },
    dropexclude: (arg) => {
      const [path, version] = parsePathVersion('dropexclude', arg);
      edits.push((f) => dropExclude(f, path, version));
    },
    replace: (arg) => {
      const [oldPath, oldVersion, newPath, newVersion] = parseReplaceFlag(arg, parsePathVersionOptional);
      edits.push((f) => addReplace(f, oldPath, oldVersion, newPath, newVersion));
    },
    dropreplace: (arg) => {
      const [path, version, err] = parsePathVersionOptional('old', arg, true);
      if (err !== null) fatalf(`go: -dropreplace=${arg}: ${err}`);
      edits.push((f) => dropReplace(f, path, version));
    },
    retract: (arg) => {
      const vi = parseVersionIntervalArg(arg);
      if (typeof vi === 'string') fatalf(`go: -retract=${arg}: ${vi}`);
      edits.push((f) => {
        try {
          addRetract(f, vi, '');
        } catch (e) {
          fatalf(`go: -retract=${arg}: ${(e as Error).message}`);
        }
      });
    },
    dropretract: (arg) => {
      const vi = parseVersionIntervalArg(arg);
      if (typeof vi === 'string') fatalf(`go: -dropretract=${arg}: ${vi}`);
      edits.push((f) => dropRetract(f, vi));
    },
  };

  args = parseFlagSet([...goflagsFor(opts.goflags, boolFlags, stringFlags), ...args], boolFlags, stringFlags, USAGE);

  const anyFlags = editModule !== '' || editGo !== '' || editToolchain !== '' || editJSONFlag || editPrint || editFmt || edits.length > 0;
  if (!anyFlags) fatalf("go: no flags specified (see 'go help mod edit').");
  if (editJSONFlag && editPrint) fatalf('go: cannot use both -json and -print');
  if (args.length > 1) fatalf('go: too many arguments');

  let gomod: string;
  if (args.length === 1) gomod = args[0];
  else {
    // modload.ModFilePath: MustHaveModRoot (Init, then die), then -modfile or the root's go.mod
    if (opts.modulesOff) fatalf("go: modules disabled by GO111MODULE=off; see 'go help modules'");
    if (opts.overlayError !== undefined) fatalf('go: ' + opts.overlayError);
    if (modFileFlag !== '') {
      if (opts.hasModRoot === false) fatalf('go: cannot find main module, but -modfile was set.\n\t-modfile cannot be used to set the module root directory.');
      gomod = modFileFlag;
    } else {
      if (file === null) fatalf("go: go.mod file not found in current directory or any parent directory; see 'go help modules'");
      gomod = file.name;
    }
  }

  if (editModule !== '') {
    const err = importPathError(editModule);
    if (err) fatalf(`go: invalid -module: ${err.message}`);
  }
  if (editGo !== '' && editGo !== 'none' && !GoVersionRE.test(editGo)) {
    fatalf(`go mod: invalid -go option; expecting something like "-go ${Local}"`);
  }
  if (editToolchain !== '' && editToolchain !== 'none' && !ToolchainRE.test(editToolchain)) {
    fatalf(`go mod: invalid -toolchain option; expecting something like "-toolchain go${Local}"`);
  }

  if (file === null) fatalf(`go: open ${gomod}: no such file or directory`);

  let modFile: File;
  try {
    modFile = parse(gomod, file.data, null);
  } catch (e) {
    fatalf(`go: errors parsing ${shortPath(gomod, opts.cwd)}:\n${(e as Error).message}`);
  }

  if (editModule !== '') addModuleStmt(modFile, editModule);
  setOrDrop(editGo, () => dropGoStmt(modFile), (v) => addGoStmt(modFile, v));
  setOrDrop(editToolchain, () => dropToolchainStmt(modFile), (v) => addToolchainStmt(modFile, v));

  for (const edit of edits) edit(modFile);
  sortBlocks(modFile);
  cleanup(modFile);

  if (editJSONFlag) return { stdout: editJSON(modFile), stderr: '', exitCode: 0 };
  const out = formatFile(modFile);
  if (editPrint) return { stdout: out, stderr: '', exitCode: 0 };
  return { stdout: '', stderr: '', exitCode: 0, data: out };
}
