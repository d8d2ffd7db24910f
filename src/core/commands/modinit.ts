// `go mod init [module-path]`: cmd/go/internal/modcmd/init.go (runInit) and
// modload/init.go (CreateModFile, findModulePath, findImportComment, suggestModulePath,
// suggestGopkgIn). Writes "module P\n\ngo <local>\n" as go 1.23.5 does; no go.sum.

import type { ModuleCache } from '../cache';
import { sideLock } from '../modfetch/session';
import { Local } from '../gover';
import { addGoStmt, addModuleStmt, format, parse } from '../modfile';
import { checkImportPath, InvalidPathError, splitPathVersion } from '../module';
import { unquote } from '../modfile/gostr';
import { utf8Decode, utf8Encode } from '../gostrings';
import type { CommandContext, CommandResult, Workspace } from '../workspace';
import { FlagError, flagsFromGOFLAGS, parseFlags, type FlagSpec } from './modflags';
import { initOverlay } from '../overlay';

const USAGE = "usage: go mod init [module-path]\nRun 'go help mod init' for details.\n";

const specs: Record<string, FlagSpec> = {
  modcacherw: { kind: 'bool' },
  modfile: { kind: 'string' },
  overlay: { kind: 'string' },
};

const importCommentRE = /^package[ \t]+[^ \t\r\n/]+[ \t]+\/\/[ \t]+import[ \t]+("[^"]+")[ \t]*\r?\n/m;

/** strconv.Unquote, or undefined on a syntax error. */
function unquoteGo(lit: string): string | undefined {
  try {
    return unquote(lit);
  } catch {
    return undefined;
  }
}

async function findImportComment(ctx: CommandContext, file: string): Promise<string> {
  const data = await ctx.files.read(file);
  if (data === undefined) return '';
  const m = importCommentRE.exec(utf8Decode(data));
  if (!m) return '';
  return unquoteGo(m[1]!) ?? '';
}

/** init.go: findModulePath */
async function findModulePath(ctx: CommandContext, dir: string): Promise<string> {
  const list = await ctx.files.readDir(dir);
  for (const name of list) {
    if (!name.endsWith('/') && name.endsWith('.go')) {
      const com = await findImportComment(ctx, dir + '/' + name);
      if (com !== '') return com;
    }
  }
  for (const d of list) {
    if (!d.endsWith('/')) continue;
    const sub = dir + '/' + d.slice(0, -1);
    for (const name of await ctx.files.readDir(sub)) {
      if (!name.endsWith('/') && name.endsWith('.go')) {
        const com = await findImportComment(ctx, sub + '/' + name);
        if (com !== '') return com.includes('/') ? com.slice(0, com.lastIndexOf('/')) : '.';
      }
    }
  }
  for (const [file, field] of [
    ['Godeps/Godeps.json', 'ImportPath'],
    ['vendor/vendor.json', 'RootPath'],
  ] as const) {
    const data = await ctx.files.read(dir + '/' + file);
    if (data === undefined) continue;
    try {
      const v = JSON.parse(utf8Decode(data)) as Record<string, unknown>;
      const key = Object.keys(v).find((k) => k.toLowerCase() === field.toLowerCase());
      const p = key === undefined ? undefined : v[key];
      if (typeof p === 'string' && p !== '') return p;
    } catch {
      // json.Unmarshal errors are ignored
    }
  }
  let badPathErr: Error | null = null;
  for (const gpdir of (ctx.env.GOPATH ?? '').split(':')) {
    if (gpdir === '') continue;
    const rel = await inDirEval(ctx.files, dir, gpdir.replace(/\/+$/, '') + '/src');
    if (rel !== '' && rel !== '.') {
      try {
        checkImportPath(rel);
      } catch (e) {
        badPathErr = e as Error;
        break;
      }
      return rel;
    }
  }
  const reason = badPathErr ? `bad module path inferred from directory in GOPATH: ${badPathErr.message}` : 'outside GOPATH, module path must be specified';
  throw new Error(
    `cannot determine module path for source directory ${dir} (${reason})\n\nExample usage:\n\t'go mod init example.com/m' to initialize a v0 or v1 module\n\t'go mod init example.com/m/v2' to initialize a v2 module\n\nRun 'go help mod init' for more information.\n`,
  );
}

/** A Workspace that can resolve symbolic links (filepath.EvalSymlinks; undefined on error). */
interface SymlinkWorkspace {
  evalSymlinks?(path: string): Promise<string | undefined>;
}

/**
 * search.InDir: path relative to dir ("." for dir itself, "" if outside), trying the paths with
 * symbolic links evaluated when the lexical check fails.
 */
async function inDirEval(files: Workspace & SymlinkWorkspace, path: string, dir: string): Promise<string> {
  const lex = (p: string, d: string) => (p === d ? '.' : p.startsWith(d + '/') ? p.slice(d.length + 1) : '');
  const r = lex(path, dir);
  if (r !== '' || !files.evalSymlinks) return r;
  let xpath = (await files.evalSymlinks(path)) ?? path;
  if (xpath === path) xpath = '';
  else if (lex(xpath, dir) !== '') return lex(xpath, dir);
  const xdir = await files.evalSymlinks(dir);
  if (xdir !== undefined && xdir !== dir) {
    if (lex(path, xdir) !== '') return lex(path, xdir);
    if (xpath !== '' && lex(xpath, xdir) !== '') return lex(xpath, xdir);
  }
  return '';
}

function trailingVersionStart(path: string): number {
  let i = path.length;
  while (i > 0 && ((path[i - 1]! >= '0' && path[i - 1]! <= '9') || path[i - 1] === '.')) i--;
  return i;
}

function firstDigits(s: string): string {
  const m = /[0-9]+/.exec(s);
  return m ? m[0] : '';
}

/** init.go: suggestModulePath */
export function suggestModulePath(path: string): string {
  const i = trailingVersionStart(path);
  let url = path.slice(0, i);
  if (url.endsWith('/v')) url = url.slice(0, -2);
  if (url.endsWith('/')) url = url.slice(0, -1);
  const m = firstDigits(path.slice(i)).replace(/^0+/, '');
  if (m === '' || m === '1') return url + '/v2';
  return url + '/v' + m;
}

/** init.go: suggestGopkgIn */
export function suggestGopkgIn(path: string): string {
  const i = trailingVersionStart(path);
  let url = path.slice(0, i);
  if (url.endsWith('.v')) url = url.slice(0, -2);
  if (url.endsWith('/v')) url = url.slice(0, -2);
  if (url.endsWith('/')) url = url.slice(0, -1);
  const m = firstDigits(path).replace(/^0+/, '');
  if (m === '') return url + '.v1';
  return url + '.v' + m;
}

/** Runs `go mod init` (args after "mod init"). */
export async function modInit(
  argv: string[],
  ctx: CommandContext,
  /** The module cache, for modfetch.SideLock before go.mod is written (as go's commitRequirements). */
  cache?: ModuleCache,
): Promise<CommandResult & { modulePath?: string; gomod?: string }> {
  let parsed;
  try {
    parsed = parseFlags(argv, specs, flagsFromGOFLAGS(ctx.env.GOFLAGS, specs));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    if (e.message === 'help') return { stdout: '', stderr: USAGE, exitCode: 2 };
    return { stdout: '', stderr: e.message + '\n' + USAGE, exitCode: 2 };
  }
  const fail = (msg: string) => ({ stdout: '', stderr: msg.endsWith('\n') ? msg : msg + '\n', exitCode: 1 });
  const args = parsed.args;
  if (args.length > 1) return fail("go: 'go mod init' accepts at most one argument");
  const g111 = ctx.env.GO111MODULE ?? '';
  if (g111 === 'off') return fail("go: modules disabled by GO111MODULE=off; see 'go help modules'");
  if (!['', 'on', 'auto'].includes(g111)) return fail(`go: unknown environment setting GO111MODULE=${g111}`);
  let modPath = args[0] ?? '';
  const modRoot = ctx.cwd;
  // modload.Init (from CreateModFile): fsys.Init reads -overlay, then the -modfile check
  let files = ctx.files;
  const overlay = parsed.values.get('overlay') ?? '';
  if (overlay !== '') {
    const o = await initOverlay(ctx.files, ctx.cwd, overlay);
    if ('error' in o) return fail('go: ' + o.error);
    files = o;
  }
  const modfileFlag = parsed.values.get('modfile') ?? '';
  if (modfileFlag !== '' && !modfileFlag.endsWith('.mod')) return fail(`go: -modfile=${modfileFlag}: file does not have .mod extension`);
  const gomodPath = modfileFlag !== '' ? (modfileFlag.startsWith('/') ? modfileFlag : modRoot + '/' + modfileFlag) : modRoot + '/go.mod';
  // init.go modFilePath: -modfile's value as given, else the root's go.mod
  if ((await files.stat(gomodPath)) !== undefined) return fail(`go: ${modfileFlag !== '' ? modfileFlag : gomodPath} already exists`);
  if (modPath === '') {
    try {
      modPath = await findModulePath(ctx, modRoot);
    } catch (e) {
      return fail('go: ' + (e as Error).message);
    }
  } else {
    try {
      checkImportPath(modPath);
    } catch (e) {
      if (e instanceof InvalidPathError) {
        let err = e.err;
        const p = e.path;
        if (p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../')) err = new Error('is a local import path');
        return fail('go: ' + new InvalidPathError('module', p, err).message);
      }
      return fail('go: ' + (e as Error).message);
    }
    if (!splitPathVersion(modPath).ok) {
      if (modPath.startsWith('gopkg.in/')) {
        return fail(
          `go: invalid module path "${modPath}": module paths beginning with gopkg.in/ must always have a major version suffix in the form of .vN:\n\tgo mod init ${suggestGopkgIn(modPath)}`,
        );
      }
      return fail(
        `go: invalid module path "${modPath}": major version suffixes must be in the form of /vN and are only allowed for v2 or later:\n\tgo mod init ${suggestModulePath(modPath)}`,
      );
    }
  }
  let stderr = `go: creating new go.mod: module ${modPath}\n`;
  const f = parse('go.mod', '', null);
  addModuleStmt(f, modPath);
  addGoStmt(f, Local);
  const text = format(f.syntax);
  if (cache) await sideLock(cache);
  await ctx.files.write(gomodPath, utf8Encode(text));
  let empty = true;
  for (const name of await ctx.files.readDir(modRoot)) {
    if (name.startsWith('.') || name.startsWith('_')) continue;
    if (name.endsWith('/') || name.endsWith('.go')) {
      empty = false;
      break;
    }
  }
  if (!empty) stderr += 'go: to add module requirements and sums:\n\tgo mod tidy\n';
  return { stdout: '', stderr, exitCode: 0, modulePath: modPath, gomod: text };
}
