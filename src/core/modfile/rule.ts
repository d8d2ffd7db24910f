// Semantic go.mod files (x/mod/modfile/rule.go): File, Parse (strict), ParseLax,
// directive rules, quoting, version parsing and errors.

import { canonicalVersion, InvalidVersionError, ModuleError, pathMajorError, splitPathVersion, type ModuleVersion } from '../module';
import { goQ, isPrint, quote, trimSpace, fields, unquote } from './gostr';
import { ErrorList, ModfileError, parseSyntax, textError } from './read';
import { FileSyntax, Line, LineBlock, zeroPos, type Comments } from './syntax';

export { ErrorList, ModfileError };

export interface Module {
  mod: ModuleVersion;
  deprecated: string;
  syntax: Line;
}
export interface Go {
  version: string;
  syntax: Line;
}
export interface Toolchain {
  name: string;
  syntax: Line;
}
export interface Godebug {
  key: string;
  value: string;
  syntax: Line;
}
export interface Exclude {
  mod: ModuleVersion;
  syntax: Line;
}
export interface Replace {
  old: ModuleVersion;
  new: ModuleVersion;
  syntax: Line;
}
/** A closed version interval; a single version has low === high. */
export interface VersionInterval {
  low: string;
  high: string;
}
export interface Retract extends VersionInterval {
  rationale: string;
  syntax: Line;
}
export interface Require {
  mod: ModuleVersion;
  /** has a "// indirect" comment */
  indirect: boolean;
  syntax: Line;
}

/** rule.go: File — the parsed, interpreted form of a go.mod file. */
export class File {
  module: Module | null = null;
  go: Go | null = null;
  toolchain: Toolchain | null = null;
  godebug: Godebug[] = [];
  require: Require[] = [];
  exclude: Exclude[] = [];
  replace: Replace[] = [];
  retract: Retract[] = [];
  syntax: FileSyntax;
  constructor(syntax: FileSyntax = new FileSyntax()) {
    this.syntax = syntax;
  }
}

/**
 * A VersionFixer canonicalizes a version for a module path (modload's fixVersion).
 * It throws on failure; a thrown ModuleError is reported by its inner error, as Go does.
 */
export type VersionFixer = (path: string, version: string) => string;

const dontFixRetract: VersionFixer = (_p, v) => v;

export const GoVersionRE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const laxGoVersionRE = /^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$/s;
export const ToolchainRE = /^default$|^go1($|\.)/;
const deprecatedRE = /(?:^|\n\n)Deprecated: *([\s\S]*?)(?:$|\n\n)/;

/** rule.go: Parse — strict parse of a main-module go.mod. Throws ErrorList. */
export function parse(file: string, data: string | Uint8Array, fix: VersionFixer | null = null): File {
  return parseToFile(file, data, fix, true);
}

/** rule.go: ParseLax — for dependencies' go.mod: keeps only module, go, require, retract. */
export function parseLax(file: string, data: string | Uint8Array, fix: VersionFixer | null = null): File {
  return parseToFile(file, data, fix, false);
}

function parseToFile(file: string, data: string | Uint8Array, fix: VersionFixer | null, strict: boolean): File {
  const fs = parseSyntax(file, data);
  const f = new File(fs);
  const errs: ModfileError[] = [];
  for (const x of fs.stmt) {
    if (x.kind === 'line') {
      add(f, errs, null, x, x.token[0], new Args(x.token, 1), fix, strict);
    } else if (x.kind === 'lineBlock') {
      if (x.token.length > 1) {
        if (strict) errs.push(new ModfileError(file, x.start, new Error(`unknown block type: ${x.token.join(' ')}`)));
        continue;
      }
      switch (x.token[0]) {
        case 'module':
        case 'godebug':
        case 'require':
        case 'exclude':
        case 'replace':
        case 'retract':
          for (const l of x.line) add(f, errs, x, l, x.token[0], new Args(l.token, 0), fix, strict);
          break;
        default:
          if (strict) errs.push(new ModfileError(file, x.start, new Error(`unknown block type: ${x.token.join(' ')}`)));
      }
    }
  }
  // Go runs fixRetract in a deferred function, after the main pass.
  const oldLen = errs.length;
  fixRetract(f, fix, errs);
  if (errs.length > 0 || errs.length > oldLen) throw new ErrorList(errs);
  return f;
}

/** A view of a line's tokens from an offset; writes go through to the syntax tree (Go slices alias). */
export class Args {
  constructor(
    readonly toks: string[],
    public off: number,
  ) {}
  get length(): number {
    return this.toks.length - this.off;
  }
  get(i: number): string {
    return this.toks[this.off + i];
  }
  set(i: number, v: string): void {
    this.toks[this.off + i] = v;
  }
}

function add(
  f: File,
  errs: ModfileError[],
  block: LineBlock | null,
  line: Line,
  verb: string,
  args: Args,
  fix: VersionFixer | null,
  strict: boolean,
): void {
  if (!strict) {
    switch (verb) {
      case 'go':
      case 'module':
      case 'retract':
      case 'require':
        break;
      default:
        return;
    }
  }
  const name = f.syntax.name;
  const wrapModPathError = (modPath: string, err: Error) =>
    errs.push(new ModfileError(name, line.start, err, verb, modPath));
  const wrapError = (err: Error) => errs.push(new ModfileError(name, line.start, err));
  const errorf = (msg: string) => wrapError(textError(msg));

  switch (verb) {
    default:
      errorf(`unknown directive: ${verb}`);
      return;

    case 'go': {
      if (f.go !== null) return void errorf('repeated go statement');
      if (args.length !== 1) return void errorf('go directive expects exactly one argument');
      if (!GoVersionRE.test(args.get(0))) {
        let fixed = false;
        if (!strict) {
          const m = laxGoVersionRE.exec(args.get(0));
          if (m !== null) {
            args.set(0, m[1]);
            fixed = true;
          }
        }
        if (!fixed) return void errorf(`invalid go version '${args.get(0)}': must match format 1.23.0`);
      }
      f.go = { version: args.get(0), syntax: line };
      return;
    }

    case 'toolchain': {
      if (f.toolchain !== null) return void errorf('repeated toolchain statement');
      if (args.length !== 1) return void errorf('toolchain directive expects exactly one argument');
      if (!ToolchainRE.test(args.get(0))) {
        return void errorf(`invalid toolchain version '${args.get(0)}': must match format go1.23.0 or default`);
      }
      f.toolchain = { name: args.get(0), syntax: line };
      return;
    }

    case 'module': {
      if (f.module !== null) return void errorf('repeated module statement');
      const deprecated = parseDeprecation(block, line);
      f.module = { mod: { path: '', version: '' }, deprecated, syntax: line };
      if (args.length !== 1) return void errorf('usage: module module/path');
      let s: string;
      try {
        s = parseString(args, 0);
      } catch (e) {
        return void errorf(`invalid quoted string: ${(e as Error).message}`);
      }
      f.module.mod = { path: s, version: '' };
      return;
    }

    case 'godebug': {
      if (args.length !== 1 || /["`',]/.test(args.get(0))) return void errorf('usage: godebug key=value');
      const a = args.get(0);
      const eq = a.indexOf('=');
      if (eq < 0) return void errorf('usage: godebug key=value');
      f.godebug.push({ key: a.slice(0, eq), value: a.slice(eq + 1), syntax: line });
      return;
    }

    case 'require':
    case 'exclude': {
      if (args.length !== 2) return void errorf(`usage: ${verb} module/path v1.2.3`);
      let s: string;
      try {
        s = parseString(args, 0);
      } catch (e) {
        return void errorf(`invalid quoted string: ${(e as Error).message}`);
      }
      let v: string;
      try {
        v = parseVersion(verb, s, args, 1, fix);
      } catch (e) {
        return void wrapError(e as Error);
      }
      const { pathMajor, ok } = splitPathVersion(s);
      if (!ok) return void wrapError(new Error('invalid module path'));
      const pmErr = pathMajorError(v, pathMajor);
      if (pmErr !== null) return void wrapModPathError(s, pmErr);
      if (verb === 'require') {
        f.require.push({ mod: { path: s, version: v }, syntax: line, indirect: isIndirect(line) });
      } else {
        f.exclude.push({ mod: { path: s, version: v }, syntax: line });
      }
      return;
    }

    case 'replace': {
      const r = parseReplace(name, line, verb, args, fix);
      if (r instanceof ModfileError) return void errs.push(r);
      f.replace.push(r);
      return;
    }

    case 'retract': {
      const rationale = parseDirectiveComment(block, line);
      let vi: VersionInterval;
      try {
        vi = parseVersionInterval(verb, '', args, dontFixRetract);
      } catch (e) {
        if (strict) wrapError(e as Error);
        return;
      }
      if (args.length > 0 && strict) return void errorf(`unexpected token after version: ${goQ(args.get(0))}`);
      f.retract.push({ low: vi.low, high: vi.high, rationale, syntax: line });
      return;
    }
  }
}

/** rule.go: parseReplace — a Replace, or the positioned error. */
export function parseReplace(
  filename: string,
  line: Line,
  verb: string,
  args: Args,
  fix: VersionFixer | null,
): Replace | ModfileError {
  const wrapModPathError = (modPath: string, err: Error) => new ModfileError(filename, line.start, err, verb, modPath);
  const wrapError = (err: Error) => new ModfileError(filename, line.start, err);
  const errorf = (msg: string) => wrapError(textError(msg));

  let arrow = 2;
  if (args.length >= 2 && args.get(1) === '=>') arrow = 1;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args.get(arrow) !== '=>') {
    return errorf(
      `usage: ${verb} module/path [v1.2.3] => other/module v1.4\n\t or ${verb} module/path [v1.2.3] => ../local/directory`,
    );
  }
  let s: string;
  try {
    s = parseString(args, 0);
  } catch (e) {
    return errorf(`invalid quoted string: ${(e as Error).message}`);
  }
  const { pathMajor, ok } = splitPathVersion(s);
  if (!ok) return wrapModPathError(s, new Error('invalid module path'));
  let v = '';
  if (arrow === 2) {
    try {
      v = parseVersion(verb, s, args, 1, fix);
    } catch (e) {
      return wrapError(e as Error);
    }
    const pmErr = pathMajorError(v, pathMajor);
    if (pmErr !== null) return wrapModPathError(s, pmErr);
  }
  let ns: string;
  try {
    ns = parseString(args, arrow + 1);
  } catch (e) {
    return errorf(`invalid quoted string: ${(e as Error).message}`);
  }
  let nv = '';
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(ns)) {
      if (ns.includes('@')) return errorf("replacement module must match format 'path version', not 'path@version'");
      return errorf('replacement module without version must be directory path (rooted or starting with . or ..)');
    }
    if (ns.includes('\\')) return errorf('replacement directory appears to be Windows path (on a non-windows system)');
  }
  if (args.length === arrow + 3) {
    try {
      nv = parseVersion(verb, ns, args, arrow + 2, fix);
    } catch (e) {
      return wrapError(e as Error);
    }
    if (isDirectoryPath(ns)) return errorf(`replacement module directory path ${goQ(ns)} cannot have version`);
  }
  return { old: { path: s, version: v }, new: { path: ns, version: nv }, syntax: line };
}

// rule.go: fixRetract — applies fix to retract versions once the module path is known.
function fixRetract(f: File, fix: VersionFixer | null, errs: ModfileError[]): void {
  if (fix === null) return;
  const path = f.module !== null ? f.module.mod.path : '';
  for (const r of f.retract) {
    const wrapError = (err: Error) => errs.push(new ModfileError(f.syntax.name, r.syntax.start, err));
    if (path === '') {
      wrapError(new Error('no module directive found, so retract cannot be used'));
      return;
    }
    const args = new Args(r.syntax.token, r.syntax.token[0] === 'retract' ? 1 : 0);
    let vi: VersionInterval = { low: '', high: '' };
    try {
      vi = parseVersionInterval('retract', path, args, fix);
    } catch (e) {
      wrapError(e as Error);
    }
    r.low = vi.low;
    r.high = vi.high;
  }
}

/** rule.go: IsDirectoryPath — relative (./, ../), rooted, or Windows-style paths. */
export function isDirectoryPath(ns: string): boolean {
  return (
    ns === '.' ||
    ns.startsWith('./') ||
    ns.startsWith('.\\') ||
    ns === '..' ||
    ns.startsWith('../') ||
    ns.startsWith('..\\') ||
    ns.startsWith('/') ||
    ns.startsWith('\\') ||
    (ns.length >= 2 && /^[A-Za-z]:/.test(ns))
  );
}

// Printable ASCII that MustQuote never quotes alone (no space, quotes, brackets, commas or '*').
const plainToken = /^[A-Za-z0-9!#$%&+\-./:;<=>?@\\^_|~]+$/;

/** rule.go: MustQuote — whether s needs quoting to be one go.mod token. */
export function mustQuote(s: string): boolean {
  // a module path or version: quoted only for a "//" (no '*', so no "/*")
  if (plainToken.test(s)) return s.includes('//');
  for (let i = 0; i < s.length; i++) {
    // the runes of s (goRunes, without the array): surrogate pairs joined, lone ones U+FFFD
    let r = s.codePointAt(i)!;
    if (r > 0xffff) i++;
    else if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    switch (r) {
      case 0x20:
      case 0x22:
      case 0x27:
      case 0x60:
        return true;
      case 0x28:
      case 0x29:
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
      case 0x2c:
        if (s.length > 1) return true;
        break;
      default:
        if (!isPrint(r)) return true;
    }
  }
  return s === '' || s.includes('//') || s.includes('/*');
}

/** rule.go: AutoQuote — s, or its Go quotation when it must be quoted. */
export function autoQuote(s: string): string {
  return mustQuote(s) ? quote(s) : s;
}

/** rule.go: parseVersionInterval — a version or "[low, high]"; advances args. */
export function parseVersionInterval(verb: string, path: string, args: Args, fix: VersionFixer | null): VersionInterval {
  const toks = new Args(args.toks, args.off);
  if (toks.length === 0 || toks.get(0) === '(') throw new Error("expected '[' or version");
  if (toks.get(0) !== '[') {
    const v = parseVersion(verb, path, toks, 0, fix);
    args.off = toks.off + 1;
    return { low: v, high: v };
  }
  toks.off++;
  if (toks.length === 0) throw new Error("expected version after '['");
  const low = parseVersion(verb, path, toks, 0, fix);
  toks.off++;
  if (toks.length === 0 || toks.get(0) !== ',') throw new Error("expected ',' after version");
  toks.off++;
  if (toks.length === 0) throw new Error("expected version after ','");
  const high = parseVersion(verb, path, toks, 0, fix);
  toks.off++;
  if (toks.length === 0 || toks.get(0) !== ']') throw new Error("expected ']' after version");
  toks.off++;
  args.off = toks.off;
  return { low, high };
}

/** rule.go: parseString — unquotes args[i] and rewrites the token in AutoQuote form. */
export function parseString(args: Args, i: number): string {
  let t = args.get(i);
  if (t.startsWith('"')) {
    t = unquote(t);
  } else if (/["'`]/.test(t)) {
    throw new Error('unquoted string cannot contain quote');
  }
  args.set(i, autoQuote(t));
  return t;
}

/** rule.go: parseDeprecation — the "Deprecated:" paragraph of a module directive's comments. */
export function parseDeprecation(block: LineBlock | null, line: Line): string {
  const text = parseDirectiveComment(block, line);
  const m = deprecatedRE.exec(text);
  return m === null ? '' : m[1];
}

/** rule.go: parseDirectiveComment — the text of a directive's comments (or its block's). */
export function parseDirectiveComment(block: LineBlock | null, line: Line): string {
  let comments: Comments = line.comments;
  if (block !== null && comments.before.length === 0 && comments.suffix.length === 0) comments = block.comments;
  const lines: string[] = [];
  for (const g of [comments.before, comments.suffix]) {
    for (const c of g) {
      if (!c.token.startsWith('//')) continue; // blank line
      lines.push(trimSpace(c.token.slice(2)));
    }
  }
  return lines.join('\n');
}

/** rule.go: parseVersion — unquotes and canonicalizes (or fixes) args[i], rewriting the token. */
export function parseVersion(verb: string, path: string, args: Args, i: number, fix: VersionFixer | null): string {
  let t: string;
  try {
    t = parseString(args, i);
  } catch (e) {
    throw new ModfileError('', zeroPos(), new InvalidVersionError(args.get(i), e as Error), verb, path);
  }
  if (fix !== null) {
    try {
      t = fix(path, t);
    } catch (e) {
      if (e instanceof ModuleError) throw new ModfileError('', zeroPos(), e.err, verb, path);
      throw e;
    }
  } else {
    const cv = canonicalVersion(t);
    if (cv === '') {
      throw new ModfileError('', zeroPos(), new InvalidVersionError(t, new Error('must be of the form v1.2.3')), verb, path);
    }
    t = cv;
  }
  args.set(i, t);
  return t;
}

/** rule.go: isIndirect — the first suffix comment is "indirect" or starts "indirect;". */
export function isIndirect(line: Line): boolean {
  if (line.comments.suffix.length === 0) return false;
  const tok = line.comments.suffix[0].token;
  if (tok === '// indirect') return true; // the form go writes
  const f = fields(tok.startsWith('//') ? tok.slice(2) : tok);
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

