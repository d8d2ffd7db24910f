// go.work files (x/mod/modfile/work.go and rule.go: (*WorkFile).add): ParseWork and edits.

import { sliceStable } from './gostr';
import { ErrorList, ModfileError, parseSyntax, textError } from './read';
import { addGodebug, addReplace, dropGodebug, dropGoStmt, dropReplace, dropToolchainStmt, lineLess, removeDups, setGoLine, setToolchainLine } from './edit';
import { Args, autoQuote, GoVersionRE, parseReplace, parseString, ToolchainRE, type Go, type Godebug, type Replace, type Toolchain, type VersionFixer } from './rule';
import { FileSyntax, Line } from './syntax';

/** A use directive: a directory and (optionally) the module path found there. */
export interface Use {
  path: string;
  modulePath: string;
  syntax: Line;
}

/** work.go: WorkFile */
export class WorkFile {
  go: Go | null = null;
  toolchain: Toolchain | null = null;
  godebug: Godebug[] = [];
  use: Use[] = [];
  replace: Replace[] = [];
  syntax: FileSyntax;
  constructor(syntax: FileSyntax = new FileSyntax()) {
    this.syntax = syntax;
  }
}

/** work.go: ParseWork — throws ErrorList. */
export function parseWork(file: string, data: string | Uint8Array, fix: VersionFixer | null = null): WorkFile {
  const fs = parseSyntax(file, data);
  const f = new WorkFile(fs);
  const errs: ModfileError[] = [];
  for (const x of fs.stmt) {
    if (x.kind === 'line') {
      addWork(f, errs, x, x.token[0], new Args(x.token, 1), fix);
    } else if (x.kind === 'lineBlock') {
      if (x.token.length > 1) {
        errs.push(new ModfileError(file, x.start, new Error(`unknown block type: ${x.token.join(' ')}`)));
        continue;
      }
      switch (x.token[0]) {
        case 'godebug':
        case 'use':
        case 'replace':
          for (const l of x.line) addWork(f, errs, l, x.token[0], new Args(l.token, 0), fix);
          break;
        default:
          errs.push(new ModfileError(file, x.start, new Error(`unknown block type: ${x.token.join(' ')}`)));
      }
    }
  }
  if (errs.length > 0) throw new ErrorList(errs);
  return f;
}

// rule.go: (*WorkFile).add
function addWork(f: WorkFile, errs: ModfileError[], line: Line, verb: string, args: Args, fix: VersionFixer | null): void {
  const wrapError = (err: Error) => errs.push(new ModfileError(f.syntax.name, line.start, err));
  const errorf = (msg: string) => wrapError(textError(msg));
  switch (verb) {
    default:
      errorf(`unknown directive: ${verb}`);
      return;
    case 'go':
      if (f.go !== null) return void errorf('repeated go statement');
      if (args.length !== 1) return void errorf('go directive expects exactly one argument');
      if (!GoVersionRE.test(args.get(0))) return void errorf(`invalid go version '${args.get(0)}': must match format 1.23.0`);
      f.go = { version: args.get(0), syntax: line };
      return;
    case 'toolchain':
      if (f.toolchain !== null) return void errorf('repeated toolchain statement');
      if (args.length !== 1) return void errorf('toolchain directive expects exactly one argument');
      if (!ToolchainRE.test(args.get(0))) {
        return void errorf(`invalid toolchain version '${args.get(0)}': must match format go1.23.0 or default`);
      }
      f.toolchain = { name: args.get(0), syntax: line };
      return;
    case 'godebug': {
      if (args.length !== 1 || /["`',]/.test(args.get(0))) return void errorf('usage: godebug key=value');
      const a = args.get(0);
      const eq = a.indexOf('=');
      if (eq < 0) return void errorf('usage: godebug key=value');
      f.godebug.push({ key: a.slice(0, eq), value: a.slice(eq + 1), syntax: line });
      return;
    }
    case 'use': {
      if (args.length !== 1) return void errorf(`usage: ${verb} local/dir`);
      let s: string;
      try {
        s = parseString(args, 0);
      } catch (e) {
        return void errorf(`invalid quoted string: ${(e as Error).message}`);
      }
      f.use.push({ path: s, modulePath: '', syntax: line });
      return;
    }
    case 'replace': {
      const r = parseReplace(f.syntax.name, line, verb, args, fix);
      if (r instanceof ModfileError) return void errs.push(r);
      f.replace.push(r);
      return;
    }
  }
}

/** (*WorkFile).Cleanup */
export function cleanupWork(f: WorkFile): void {
  f.use = f.use.filter((u) => u.path !== '');
  f.replace = f.replace.filter((r) => r.old.path !== '');
  f.syntax.cleanup();
}

/** Where a new go or toolchain line goes when nothing else decides: before the first non-comment statement. */
function firstStmt(f: WorkFile): number {
  let i = 0;
  while (i < f.syntax.stmt.length && f.syntax.stmt[i].kind === 'commentBlock') i++;
  return i;
}

function insertLine(f: WorkFile, i: number, tokens: string[]): Line {
  const stmt = new Line(tokens);
  f.syntax.stmt.splice(i, 0, stmt);
  return stmt;
}

/** (*WorkFile).AddGoStmt: a new go line goes before the first non-comment statement. */
export function addWorkGoStmt(f: WorkFile, version: string): void {
  setGoLine(f, version, (v) => insertLine(f, firstStmt(f), ['go', v]));
}

/** (*WorkFile).AddToolchainStmt: after the go line, else before the first non-comment statement. */
export function addWorkToolchainStmt(f: WorkFile, name: string): void {
  setToolchainLine(f, name, (n) => {
    const goLine = f.syntax.stmt.findIndex((s) => s.kind === 'line' && s.token.length > 0 && s.token[0] === 'go');
    return insertLine(f, goLine >= 0 ? goLine + 1 : firstStmt(f), ['toolchain', n]);
  });
}

export const dropWorkGoStmt: (f: WorkFile) => void = dropGoStmt;
export const dropWorkToolchainStmt: (f: WorkFile) => void = dropToolchainStmt;
export const addWorkGodebug: (f: WorkFile, key: string, value: string) => void = addGodebug;
export const dropWorkGodebug: (f: WorkFile, key: string) => void = dropGodebug;

/** A use line removed by an edit (the zero Use go leaves in the list until Cleanup). */
function zeroUse(d: Use): void {
  d.syntax.markRemoved();
  d.path = '';
  d.modulePath = '';
  d.syntax = new Line();
}

/** (*WorkFile).AddUse */
export function addUse(f: WorkFile, diskPath: string, modulePath: string): void {
  let need = true;
  for (const d of f.use) {
    if (d.path === diskPath) {
      if (need) {
        d.modulePath = modulePath;
        f.syntax.updateLine(d.syntax, 'use', autoQuote(diskPath));
        need = false;
      } else zeroUse(d);
    }
  }
  if (need) addNewUse(f, diskPath, modulePath);
}

/** (*WorkFile).AddNewUse */
export function addNewUse(f: WorkFile, diskPath: string, modulePath: string): void {
  const line = f.syntax.addLine(null, 'use', autoQuote(diskPath));
  f.use.push({ path: diskPath, modulePath, syntax: line });
}

/** (*WorkFile).SetUse — new directories are added in the order given (Go iterates a map; blocks are sorted). */
export function setUse(f: WorkFile, dirs: Array<{ path: string; modulePath: string }>): void {
  const need = new Map<string, string>();
  for (const d of dirs) need.set(d.path, d.modulePath);
  for (const d of f.use) {
    const mp = need.get(d.path);
    if (mp !== undefined) d.modulePath = mp;
    else zeroUse(d);
  }
  for (const [diskPath, modulePath] of need) addNewUse(f, diskPath, modulePath);
  sortWorkBlocks(f);
}

/** (*WorkFile).DropUse */
export function dropUse(f: WorkFile, path: string): void {
  for (const d of f.use) {
    if (d.path === path) zeroUse(d);
  }
}

export function addWorkReplace(f: WorkFile, oldPath: string, oldVers: string, newPath: string, newVers: string): void {
  addReplace(f, oldPath, oldVers, newPath, newVers);
}

export function dropWorkReplace(f: WorkFile, oldPath: string, oldVers: string): void {
  dropReplace(f, oldPath, oldVers);
}

/** (*WorkFile).SortBlocks */
export function sortWorkBlocks(f: WorkFile): void {
  removeDups(f.syntax, null, f);
  for (const stmt of f.syntax.stmt) {
    if (stmt.kind === 'lineBlock') sliceStable(stmt.line, lineLess);
  }
}

