// Editing go.mod files (x/mod/modfile/rule.go: AddModuleStmt, AddGoStmt, AddToolchainStmt,
// AddGodebug, AddRequire, AddNewRequire, SetRequire, SetRequireSeparateIndirect, DropRequire,
// AddExclude, DropExclude, AddReplace, DropReplace, AddRetract, DropRetract)
// and (*Require).setVersion / setIndirect. Ordering and cleanup are in order.ts, re-exported here.

import { InvalidVersionError, canonicalVersion, pathMajorError, pathMajorPrefix, splitPathVersion, type ModuleVersion } from '../module';
import { major as semverMajor } from '../semver';
import { quote, trimSpace } from './gostr';
import { format as formatSyntax } from './print';
import { autoQuote, File, GoVersionRE, isIndirect, ToolchainRE, type Go, type Godebug, type Replace, type Require, type Toolchain, type VersionInterval } from './rule';
import { CommentBlock, Line, LineBlock, type Comments, type FileSyntax } from './syntax';
import { sortBlocks } from './order';

const removedLine = () => new Line();

// The directives go.mod and go.work share (rule.go's File and WorkFile methods of the same
// names): the edits below take either file.
interface GoLines {
  go: Go | null;
  syntax: FileSyntax;
}
interface ToolchainLines {
  toolchain: Toolchain | null;
  syntax: FileSyntax;
}
interface GodebugLines {
  godebug: Godebug[];
  syntax: FileSyntax;
}

/** AddGoStmt's common part: validates version, updates the go line or adds one with add(). */
export function setGoLine(f: GoLines, version: string, add: (version: string) => Line): void {
  if (!GoVersionRE.test(version)) throw new Error(`invalid language version ${quote(version)}`);
  if (f.go === null) {
    f.go = { version, syntax: add(version) };
  } else {
    f.go.version = version;
    f.syntax.updateLine(f.go.syntax, 'go', version);
  }
}

/** AddToolchainStmt's common part: validates name, updates the toolchain line or adds one with add(). */
export function setToolchainLine(f: ToolchainLines, name: string, add: (name: string) => Line): void {
  if (!ToolchainRE.test(name)) throw new Error(`invalid toolchain name ${quote(name)}`);
  if (f.toolchain === null) {
    f.toolchain = { name, syntax: add(name) };
  } else {
    f.toolchain.name = name;
    f.syntax.updateLine(f.toolchain.syntax, 'toolchain', name);
  }
}

/** (*File).Format */
export function formatFile(f: File): string {
  return formatSyntax(f.syntax);
}

/** rule.go: (*Require).setVersion */
export function setRequireVersion(r: Require, v: string): void {
  r.mod.version = v;
  const line = r.syntax;
  if (line.token.length > 0) {
    if (line.inBlock) {
      // A preceding blank line is dropped (golang.org/issue/33779).
      if (line.comments.before.length === 1 && line.comments.before[0].token.length === 0) line.comments.before = [];
      if (line.token.length >= 2) line.token[1] = v;
    } else if (line.token.length >= 3) {
      line.token[2] = v;
    }
  }
}

function stripSlashes(s: string): string {
  return s.startsWith('//') ? s.slice(2) : s;
}

/** rule.go: (*Require).setIndirect — adds or removes the "// indirect" marking. */
export function setRequireIndirect(r: Require, indirect: boolean): void {
  r.indirect = indirect;
  const line = r.syntax;
  if (isIndirect(line) === indirect) return;
  if (indirect) {
    if (line.comments.suffix.length === 0) {
      line.comments.suffix = [{ start: { line: 0, lineRune: 0, byte: 0 }, token: '// indirect', suffix: true }];
      return;
    }
    const com = line.comments.suffix[0];
    const text = trimSpace(stripSlashes(com.token));
    if (text === '') {
      com.token = '// indirect';
      return;
    }
    com.token = '// indirect; ' + text;
    return;
  }
  const f = trimSpace(stripSlashes(line.comments.suffix[0].token));
  if (f === 'indirect') {
    line.comments.suffix = [];
    return;
  }
  const com = line.comments.suffix[0];
  const i = com.token.indexOf('indirect;');
  com.token = '//' + com.token.slice(i + 'indirect;'.length);
}

function zeroRequire(r: Require): void {
  r.mod = { path: '', version: '' };
  r.indirect = false;
  r.syntax = removedLine();
}

function ensureSyntax(f: File): FileSyntax {
  return f.syntax;
}

/** AddModuleStmt */
export function addModuleStmt(f: File, path: string): void {
  const fs = ensureSyntax(f);
  if (f.module === null) {
    f.module = { mod: { path, version: '' }, deprecated: '', syntax: fs.addLine(null, 'module', autoQuote(path)) };
  } else {
    f.module.mod.path = path;
    fs.updateLine(f.module.syntax, 'module', autoQuote(path));
  }
}

/** AddComment */
export function addComment(f: File, text: string): void {
  const cb = new CommentBlock();
  cb.comments.before = [{ start: { line: 0, lineRune: 0, byte: 0 }, token: text, suffix: false }];
  f.syntax.stmt.push(cb);
}

/** AddGoStmt; throws `invalid language version "x"`. */
export function addGoStmt(f: File, version: string): void {
  setGoLine(f, version, (v) => f.syntax.addLine(f.module !== null ? f.module.syntax : null, 'go', v));
}

/** DropGoStmt */
export function dropGoStmt(f: GoLines): void {
  if (f.go !== null) {
    f.go.syntax.markRemoved();
    f.go = null;
  }
}

/** DropToolchainStmt */
export function dropToolchainStmt(f: ToolchainLines): void {
  if (f.toolchain !== null) {
    f.toolchain.syntax.markRemoved();
    f.toolchain = null;
  }
}

/** AddToolchainStmt; throws `invalid toolchain name "x"`. */
export function addToolchainStmt(f: File, name: string): void {
  setToolchainLine(f, name, (n) => f.syntax.addLine(f.go !== null ? f.go.syntax : f.module !== null ? f.module.syntax : null, 'toolchain', n));
}

/** AddGodebug: sets the first line for key, removing the others; else adds a line. */
export function addGodebug(f: GodebugLines, key: string, value: string): void {
  let need = true;
  for (const g of f.godebug) {
    if (g.key === key) {
      if (need) {
        g.value = value;
        f.syntax.updateLine(g.syntax, 'godebug', key + '=' + value);
        need = false;
      } else {
        g.syntax.markRemoved();
        g.key = '';
        g.value = '';
        g.syntax = removedLine();
      }
    }
  }
  if (need) {
    const line = f.syntax.addLine(null, 'godebug', key + '=' + value);
    f.godebug.push({ key, value, syntax: line });
  }
}

/** DropGodebug */
export function dropGodebug(f: GodebugLines, key: string): void {
  for (const g of f.godebug) {
    if (g.key === key) {
      g.syntax.markRemoved();
      g.key = '';
      g.value = '';
      g.syntax = removedLine();
    }
  }
}

/** AddRequire: sets the first require line for path to vers, removing other lines for path. */
export function addRequire(f: File, path: string, vers: string): void {
  let need = true;
  for (const r of f.require) {
    if (r.mod.path === path) {
      if (need) {
        r.mod.version = vers;
        f.syntax.updateLine(r.syntax, 'require', autoQuote(path), vers);
        need = false;
      } else {
        r.syntax.markRemoved();
        zeroRequire(r);
      }
    }
  }
  if (need) addNewRequire(f, path, vers, false);
}

/** AddNewRequire: a new line at the end of the last require block. */
export function addNewRequire(f: File, path: string, vers: string, indirect: boolean): void {
  const line = f.syntax.addLine(null, 'require', autoQuote(path), vers);
  const r: Require = { mod: { path, version: vers }, syntax: line, indirect: false };
  setRequireIndirect(r, indirect);
  f.require.push(r);
}

/** A requirement as passed to setRequire / setRequireSeparateIndirect. */
export interface RequireSpec {
  mod: ModuleVersion;
  indirect: boolean;
}

/**
 * SetRequire: makes the requirements exactly req, keeping block structure and comments of
 * the first line for each path. New paths are added in req order (Go iterates a map; the
 * sorted blocks come out the same).
 */
export function setRequire(f: File, req: RequireSpec[]): void {
  const need = new Map<string, { version: string; indirect: boolean }>();
  for (const r of req) {
    const prev = need.get(r.mod.path);
    if (prev !== undefined && prev.version !== r.mod.version) {
      throw new Error(`SetRequire called with conflicting versions for path ${r.mod.path} (${prev.version} and ${r.mod.version})`);
    }
    need.set(r.mod.path, { version: r.mod.version, indirect: r.indirect });
  }
  for (const r of f.require) {
    const e = need.get(r.mod.path);
    if (e !== undefined) {
      setRequireVersion(r, e.version);
      setRequireIndirect(r, e.indirect);
    } else {
      r.syntax.markRemoved();
      zeroRequire(r);
    }
    need.delete(r.mod.path);
  }
  for (const [path, e] of need) addNewRequire(f, path, e.version, e.indirect);
  sortBlocks(f);
}

function hasComments(c: Comments): boolean {
  return (
    c.before.length > 0 ||
    c.after.length > 0 ||
    c.suffix.length > 1 ||
    (c.suffix.length === 1 && trimSpace(stripSlashes(c.suffix[0].token)) !== 'indirect')
  );
}

/**
 * SetRequireSeparateIndirect: like setRequire, but keeps direct and indirect requirements in
 * separate blocks (go ≥ 1.17 layout). New entries go to the last uncommented direct-only or
 * indirect-only block (created after the last require if missing); a single uncommented
 * require line or block is split. Call cleanup() afterwards.
 */
export function setRequireSeparateIndirect(f: File, req: RequireSpec[]): void {
  const moveReq = (r: Require | RequireSpec, block: LineBlock, existing: Line | null): Line => {
    let line: Line;
    if (existing === null) {
      line = new Line([autoQuote(r.mod.path), r.mod.version]);
    } else {
      line = new Line(existing.token, existing.inBlock);
      line.comments = { ...existing.comments };
      line.start = existing.start;
      line.end = existing.end;
      if (!line.inBlock && line.token.length > 0 && line.token[0] === 'require') line.token = line.token.slice(1);
      existing.token = []; // Cleanup will delete the old line.
    }
    line.inBlock = true;
    block.line.push(line);
    return line;
  };

  let lastDirectIndex = -1;
  let lastIndirectIndex = -1;
  let lastRequireIndex = -1;
  let requireLineOrBlockCount = 0;
  const lineToBlock = new Map<Line, LineBlock>();
  const stmts = f.syntax.stmt;
  stmts.forEach((stmt, i) => {
    if (stmt.kind === 'line') {
      if (stmt.token.length === 0 || stmt.token[0] !== 'require') return;
      lastRequireIndex = i;
      requireLineOrBlockCount++;
      if (!hasComments(stmt.comments)) {
        if (isIndirect(stmt)) lastIndirectIndex = i;
        else lastDirectIndex = i;
      }
    } else if (stmt.kind === 'lineBlock') {
      if (stmt.token.length === 0 || stmt.token[0] !== 'require') return;
      lastRequireIndex = i;
      requireLineOrBlockCount++;
      let allDirect = stmt.line.length > 0 && !hasComments(stmt.comments);
      let allIndirect = allDirect;
      for (const line of stmt.line) {
        lineToBlock.set(line, stmt);
        if (hasComments(line.comments)) {
          allDirect = false;
          allIndirect = false;
        } else if (isIndirect(line)) {
          allDirect = false;
        } else {
          allIndirect = false;
        }
      }
      if (allDirect) lastDirectIndex = i;
      if (allIndirect) lastIndirectIndex = i;
    }
  });

  const oneFlatUncommentedBlock = requireLineOrBlockCount === 1 && !hasComments(stmts[lastRequireIndex].comments);

  const insertBlock = (i: number): LineBlock => {
    const block = new LineBlock(['require'], []);
    f.syntax.stmt.splice(i, 0, block);
    return block;
  };
  const ensureBlock = (i: number): LineBlock => {
    const stmt = f.syntax.stmt[i];
    if (stmt.kind === 'lineBlock') return stmt;
    if (stmt.kind === 'line') {
      const block = new LineBlock(['require'], [stmt]);
      stmt.token = stmt.token.slice(1);
      stmt.inBlock = true;
      f.syntax.stmt[i] = block;
      return block;
    }
    throw new Error('unexpected statement');
  };

  let lastDirectBlock: LineBlock;
  if (lastDirectIndex < 0) {
    if (lastIndirectIndex >= 0) {
      lastDirectIndex = lastIndirectIndex;
      lastIndirectIndex++;
    } else if (lastRequireIndex >= 0) {
      lastDirectIndex = lastRequireIndex + 1;
    } else {
      lastDirectIndex = f.syntax.stmt.length;
    }
    lastDirectBlock = insertBlock(lastDirectIndex);
  } else {
    lastDirectBlock = ensureBlock(lastDirectIndex);
  }
  let lastIndirectBlock: LineBlock;
  if (lastIndirectIndex < 0) {
    lastIndirectIndex = lastDirectIndex + 1;
    lastIndirectBlock = insertBlock(lastIndirectIndex);
  } else {
    lastIndirectBlock = ensureBlock(lastIndirectIndex);
  }

  const need = new Map<string, RequireSpec>();
  for (const r of req) need.set(r.mod.path, r);
  const have = new Map<string, Require>();
  for (const r of f.require) {
    const path = r.mod.path;
    const n = need.get(path);
    if (n === undefined || have.has(path)) {
      r.syntax.markRemoved();
      zeroRequire(r);
      continue;
    }
    have.set(path, r);
    setRequireVersion(r, n.mod.version);
    setRequireIndirect(r, n.indirect);
    if (n.indirect && (oneFlatUncommentedBlock || lineToBlock.get(r.syntax) === lastDirectBlock)) {
      r.syntax = moveReq(r, lastIndirectBlock, r.syntax);
    } else if (!n.indirect && (oneFlatUncommentedBlock || lineToBlock.get(r.syntax) === lastIndirectBlock)) {
      r.syntax = moveReq(r, lastDirectBlock, r.syntax);
    }
  }

  for (const [path, spec] of need) {
    if (!have.has(path)) {
      const r: Require = { mod: { path: spec.mod.path, version: spec.mod.version }, indirect: spec.indirect, syntax: new Line() };
      r.syntax = moveReq(r, spec.indirect ? lastIndirectBlock : lastDirectBlock, null);
      if (spec.indirect) setRequireIndirect(r, true);
      f.require.push(r);
    }
  }
  sortBlocks(f);
}

/** DropRequire */
export function dropRequire(f: File, path: string): void {
  for (const r of f.require) {
    if (r.mod.path === path) {
      r.syntax.markRemoved();
      zeroRequire(r);
    }
  }
}

/** rule.go: checkCanonicalVersion — the error for a non-canonical version or wrong major, or null. */
export function checkCanonicalVersion(path: string, vers: string): Error | null {
  const { pathMajor, ok } = splitPathVersion(path);
  if (vers === '' || vers !== canonicalVersion(vers)) {
    if (pathMajor === '') return new InvalidVersionError(vers, new Error('must be of the form v1.2.3'));
    return new InvalidVersionError(vers, new Error(`must be of the form ${pathMajorPrefix(pathMajor)}.2.3`));
  }
  if (ok) {
    const err = pathMajorError(vers, pathMajor);
    if (err !== null) {
      if (pathMajor === '') {
        return new InvalidVersionError(
          vers,
          new Error(`should be ${vers}+incompatible (or module ${path}/${semverMajor(vers)})`),
        );
      }
      return err;
    }
  }
  return null;
}

/**
 * addLine with a hint of Go type *Line: a nil *Line becomes a non-nil Expr interface, so
 * addLine neither searches for a block of the same verb nor finds the hint, and appends a
 * new line at the end of the file (AddExclude, addReplace).
 */
function addLineTypedHint(syntax: FileSyntax, hint: Line | null, ...tokens: string[]): Line {
  if (hint !== null) return syntax.addLine(hint, ...tokens);
  const line = new Line(tokens);
  syntax.stmt.push(line);
  return line;
}

/** AddExclude; throws for a non-canonical version. No-op if already excluded. */
export function addExclude(f: File, path: string, vers: string): void {
  const err = checkCanonicalVersion(path, vers);
  if (err !== null) throw err;
  let hint: Line | null = null;
  for (const x of f.exclude) {
    if (x.mod.path === path && x.mod.version === vers) return;
    if (x.mod.path === path) hint = x.syntax;
  }
  f.exclude.push({ mod: { path, version: vers }, syntax: addLineTypedHint(f.syntax, hint, 'exclude', autoQuote(path), vers) });
}

/** DropExclude */
export function dropExclude(f: File, path: string, vers: string): void {
  for (const x of f.exclude) {
    if (x.mod.path === path && x.mod.version === vers) {
      x.syntax.markRemoved();
      x.mod = { path: '', version: '' };
      x.syntax = removedLine();
    }
  }
}

/** AddReplace */
export function addReplace(f: { syntax: FileSyntax; replace: Replace[] }, oldPath: string, oldVers: string, newPath: string, newVers: string): void {
  let need = true;
  const newMod = { path: newPath, version: newVers };
  const tokens = ['replace', autoQuote(oldPath)];
  if (oldVers !== '') tokens.push(oldVers);
  tokens.push('=>', autoQuote(newPath));
  if (newVers !== '') tokens.push(newVers);
  let hint: Line | null = null;
  for (const r of f.replace) {
    if (r.old.path === oldPath && (oldVers === '' || r.old.version === oldVers)) {
      if (need) {
        r.new = { ...newMod };
        f.syntax.updateLine(r.syntax, ...tokens);
        need = false;
        continue;
      }
      r.syntax.markRemoved();
      r.old = { path: '', version: '' };
      r.new = { path: '', version: '' };
      r.syntax = removedLine();
    }
    if (r.old.path === oldPath) hint = r.syntax;
  }
  if (need) {
    f.replace.push({ old: { path: oldPath, version: oldVers }, new: newMod, syntax: addLineTypedHint(f.syntax, hint, ...tokens) });
  }
}

/** DropReplace */
export function dropReplace(f: { replace: Replace[] }, oldPath: string, oldVers: string): void {
  for (const r of f.replace) {
    if (r.old.path === oldPath && r.old.version === oldVers) {
      r.syntax.markRemoved();
      r.old = { path: '', version: '' };
      r.new = { path: '', version: '' };
      r.syntax = removedLine();
    }
  }
}

/**
 * AddRetract; throws for non-canonical versions. Like Go, it adds the line but does not
 * append to f.retract.
 */
export function addRetract(f: File, vi: VersionInterval, rationale: string): void {
  const path = f.module !== null ? f.module.mod.path : '';
  let err = checkCanonicalVersion(path, vi.high);
  if (err !== null) throw err;
  err = checkCanonicalVersion(path, vi.low);
  if (err !== null) throw err;
  let line: Line;
  if (vi.low === vi.high) line = f.syntax.addLine(null, 'retract', autoQuote(vi.low));
  else line = f.syntax.addLine(null, 'retract', '[', autoQuote(vi.low), ',', autoQuote(vi.high), ']');
  if (rationale !== '') {
    for (const l of rationale.split('\n')) {
      line.comments.before.push({ start: { line: 0, lineRune: 0, byte: 0 }, token: '// ' + l, suffix: false });
    }
  }
}

/** DropRetract */
export function dropRetract(f: File, vi: VersionInterval): void {
  for (const r of f.retract) {
    if (r.low === vi.low && r.high === vi.high) {
      r.syntax.markRemoved();
      r.low = '';
      r.high = '';
      r.rationale = '';
      r.syntax = removedLine();
    }
  }
}

export * from './order';
