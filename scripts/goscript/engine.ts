// The script language of Go's cmd/go/internal/script (engine.go, state.go, cmds.go, errors.go),
// ported to TypeScript so that cmd/go/testdata/script/*.txt run here exactly as under
// `go test cmd/go -run=TestScript`: line parsing, quoting, $VAR expansion, !/? prefixes,
// [cond] guards, sections, background commands, and the default builtins.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { compileRE2, countAll, findIndex, matchString, quoteMeta, RegexpSyntaxError, UnsupportedRegexpError } from './re2';

// ---------- errors (errors.go) ----------

export class UnexpectedSuccessError extends Error {
  constructor() {
    super('unexpected success');
  }
}

export class UsageError extends Error {
  constructor(msg = 'invalid usage') {
    super(msg);
  }
}

/** The stop command (cmds.go: stopError). */
export class StopError extends Error {
  constructor(readonly msg: string) {
    super(msg === '' ? 'stop' : 'stop: ' + msg);
  }
}

/** The skip command (scripttest.skipError). */
export class SkipError extends Error {
  constructor(readonly msg: string) {
    super(msg === '' ? 'skip' : msg);
  }
}

/** An error that ends the script whatever the command's expected status (like stopError). */
export class HardError extends Error {}

/** An error from a background command surfaced by wait. */
export class WaitError extends Error {
  constructor(readonly errs: CommandError[]) {
    super(errs.map((e) => e.message).join('\n'));
  }
}

export class CommandError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly op: string,
    readonly args: string[],
    readonly err: Error,
  ) {
    super(
      args.length === 0 ? `${file}:${line}: ${op}: ${err.message}` : `${file}:${line}: ${op} ${quoteArgs(args)}: ${err.message}`,
    );
  }
}

/** A parse or condition error at a line ("file:line: msg"). */
export class LineError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly err: Error,
  ) {
    super(`${file}:${line}: ${err.message}`);
  }
}

/** Go-style text for a Node fs error: "op path: no such file or directory". */
export function pathError(op: string, path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code;
  const texts: Record<string, string> = {
    ENOENT: 'no such file or directory',
    ENOTDIR: 'not a directory',
    EISDIR: 'is a directory',
    EEXIST: 'file exists',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTEMPTY: 'directory not empty',
  };
  const t = (code && texts[code]) ?? (e as Error).message;
  const err = new Error(`${op} ${path}: ${t}`);
  (err as NodeJS.ErrnoException).code = code;
  return err;
}

// ---------- parsing (engine.go: parse) ----------

export type Want = '' | '!' | '?';

export interface ArgFragment {
  s: string;
  quoted: boolean;
}

export interface Condition {
  want: boolean;
  tag: string;
}

export interface Command {
  file: string;
  line: number;
  want: Want;
  conds: Condition[];
  name: string;
  rawArgs: ArgFragment[][];
  args: string[];
  background: boolean;
}

const argSepChars = ' \t\r\n#';

export class ParseError extends Error {}

/** Parses one script line; undefined for a blank or comment-only line. Throws ParseError. */
export function parseLine(file: string, lineno: number, line: string): Command | undefined {
  const cmd: Command = { file, line: lineno, want: '', conds: [], name: '', rawArgs: [], args: [], background: false };
  let rawArg: ArgFragment[] = [];
  let start = -1;
  let quoted = false;

  const flushArg = () => {
    if (rawArg.length === 0) return;
    const frags = rawArg;
    rawArg = [];
    if (cmd.name === '' && frags.length === 1 && !frags[0]!.quoted) {
      let arg = frags[0]!.s;
      if (arg === '!' || arg === '?') {
        if (cmd.want !== '') throw new ParseError("duplicated '!' or '?' token");
        cmd.want = arg;
        return;
      }
      if (arg.startsWith('[') && arg.endsWith(']')) {
        let want = true;
        arg = goTrimSpace(arg.slice(1, -1));
        if (arg.startsWith('!')) {
          want = false;
          arg = goTrimSpace(arg.slice(1));
        }
        if (arg === '') throw new ParseError('empty condition');
        cmd.conds.push({ want, tag: arg });
        return;
      }
      if (arg === '') throw new ParseError('empty command');
      cmd.name = arg;
      return;
    }
    cmd.rawArgs.push(frags);
  };

  for (let i = 0; ; i++) {
    if (!quoted && (i >= line.length || argSepChars.includes(line[i]!))) {
      if (start >= 0) {
        rawArg.push({ s: line.slice(start, i), quoted: false });
        start = -1;
      }
      flushArg();
      if (i >= line.length || line[i] === '#') break;
      continue;
    }
    if (i >= line.length) throw new ParseError('unterminated quoted argument');
    if (line[i] === "'") {
      if (!quoted) {
        if (start >= 0) rawArg.push({ s: line.slice(start, i), quoted: false });
        start = i + 1;
        quoted = true;
        continue;
      }
      if (i + 1 < line.length && line[i + 1] === "'") {
        rawArg.push({ s: line.slice(start, i), quoted: true });
        start = i + 1;
        i++;
        continue;
      }
      rawArg.push({ s: line.slice(start, i), quoted: true });
      start = i + 1;
      quoted = false;
      continue;
    }
    if (start < 0) start = i;
  }

  if (cmd.name === '') {
    if (cmd.want !== '' || cmd.conds.length > 0 || cmd.rawArgs.length > 0 || cmd.background) {
      throw new ParseError('missing command');
    }
    return undefined;
  }
  const n = cmd.rawArgs.length;
  if (n > 0) {
    const last = cmd.rawArgs[n - 1]!;
    if (last.length === 1 && !last[0]!.quoted && last[0]!.s === '&') {
      cmd.background = true;
      cmd.rawArgs = cmd.rawArgs.slice(0, n - 1);
    }
  }
  return cmd;
}

function goTrimSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g, '');
}

/** engine.go quoteArgs */
export function quoteArgs(args: string[]): string {
  return args
    .map((a) => ([..."'" + argSepChars].some((c) => a.includes(c)) ? "'" + a.replaceAll("'", "''") + "'" : a))
    .join(' ');
}

// ---------- os.Expand ----------

const isShellSpecialVar = (c: string) => '*#$@!?-'.includes(c) || (c >= '0' && c <= '9');
const isAlphaNum = (c: string) => c === '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

function getShellName(s: string): [string, number] {
  if (s[0] === '{') {
    if (s.length > 2 && isShellSpecialVar(s[1]!) && s[2] === '}') return [s.slice(1, 2), 3];
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '}') {
        if (i === 1) return ['', 2];
        return [s.slice(1, i), i + 1];
      }
    }
    return ['', 1];
  }
  if (isShellSpecialVar(s[0]!)) return [s.slice(0, 1), 1];
  let i = 0;
  while (i < s.length && isAlphaNum(s[i]!)) i++;
  return [s.slice(0, i), i];
}

/** Go's os.Expand. */
export function osExpand(s: string, mapping: (key: string) => string): string {
  let buf: string | undefined;
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === '$' && j + 1 < s.length) {
      buf ??= '';
      buf += s.slice(i, j);
      const [name, w] = getShellName(s.slice(j + 1));
      if (name === '' && w > 0) {
        // invalid syntax; eat the characters
      } else if (name === '') {
        buf += s[j];
      } else {
        buf += mapping(name);
      }
      j += w;
      i = j + 1;
    }
  }
  if (buf === undefined) return s;
  return buf + s.slice(i);
}

// ---------- state (state.go) ----------

/** notCompiled: modscope's go stopped where go would go on to compile (its module checks passed). */
export type WaitFunc = (s: State) => Promise<{ stdout: string; stderr: string; err?: Error; notCompiled?: boolean }>;

interface BackgroundCmd {
  cmd: Command;
  wait: WaitFunc;
}

export class State {
  readonly workdir: string;
  pwd: string;
  /** The environment in exec.Cmd.Environ order (last setting last). */
  private readonly envList = new Map<string, string>();
  private readonly envMap = new Map<string, string>();
  stdout = '';
  stderr = '';
  log = '';
  background: BackgroundCmd[] = [];
  /** The script line of the command being started. */
  line = 0;
  /** Cancelled when the script ends (background commands, timeouts). */
  readonly abort = new AbortController();
  /** Go on past failing lines (logged in `failures`): twin.ts's variant runs. */
  keepGoing = false;
  failures: string[] = [];

  constructor(workdir: string, initialEnv: [string, string][]) {
    this.workdir = resolve(workdir);
    this.pwd = this.workdir;
    this.envMap.set('/', sep);
    this.envMap.set(':', delimiter);
    for (const [k, v] of initialEnv) {
      this.envList.delete(k);
      this.envList.set(k, v);
      this.envMap.set(k, v);
    }
    this.setenv('PWD', this.workdir);
  }

  logf(s: string): void {
    this.log += s;
  }

  /** State.Path */
  path(p: string): string {
    return isAbsolute(p) ? resolve(p) : resolve(this.pwd, p);
  }

  chdir(p: string): void {
    const dir = this.path(p);
    try {
      statSync(dir);
    } catch (e) {
      const err = pathError('stat', dir, e);
      throw new Error(`Chdir ${dir}: ${err.message.slice(err.message.lastIndexOf(': ') + 2)}`);
    }
    this.pwd = dir;
    this.setenv('PWD', dir);
  }

  setenv(key: string, value: string): void {
    this.envList.delete(key);
    this.envList.set(key, value);
    this.envMap.set(key, value);
  }

  lookupEnv(key: string): string | undefined {
    return this.envMap.get(key);
  }

  getenv(key: string): string {
    return this.envMap.get(key) ?? '';
  }

  /** The environment for subprocesses (without the ${/} and ${:} pseudo-variables). */
  environ(): [string, string][] {
    return [...this.envList];
  }

  envObject(): Record<string, string> {
    return Object.fromEntries(this.envList);
  }

  /** State.ExpandEnv */
  expandEnv(s: string, inRegexp: boolean): string {
    return osExpand(s, (key) => {
      const e = this.envMap.get(key) ?? '';
      return inRegexp ? quoteMeta(e) : e;
    });
  }
}

// ---------- engine (engine.go) ----------

export interface CmdUsage {
  summary: string;
  args: string;
  async?: boolean;
  regexpArgs?: (rawArgs: string[]) => number[] | undefined;
}

export interface Cmd {
  usage: CmdUsage;
  /** Starts the command; errors are thrown. A returned WaitFunc yields the output. */
  run(s: State, args: string[]): Promise<WaitFunc | void>;
}

export interface Cond {
  summary: string;
  prefix: boolean;
  /** Throws for a bad suffix/usage. */
  eval(s: State, suffix: string): boolean | Promise<boolean>;
}

export interface EngineOptions {
  cmds: Map<string, Cmd>;
  conds: Map<string, Cond>;
}

/** Where a script ended and why. */
export type ExecuteResult = { kind: 'ok' } | { kind: 'stop'; msg: string } | { kind: 'skip'; msg: string; line: number };

export class Engine {
  readonly cmds: Map<string, Cmd>;
  readonly conds: Map<string, Cond>;

  constructor(o: EngineOptions) {
    this.cmds = o.cmds;
    this.conds = o.conds;
  }

  /**
   * Engine.Execute: runs the script; resolves when it completes or stops; throws
   * CommandError / LineError (with "file:line: ") at the first failure. A skip resolves
   * with kind "skip". The log of the failing section is left in s.log.
   */
  async execute(s: State, file: string, script: string): Promise<ExecuteResult> {
    const lines = script.split('\n');
    if (lines.at(-1) === '') lines.pop();
    let lineno = 0;
    for (const line of lines) {
      lineno++;
      if (line.startsWith('#')) {
        s.log = line + '\n'; // a new section: the earlier one succeeded
        continue;
      }
      let cmd: Command | undefined;
      try {
        cmd = parseLine(file, lineno, line);
      } catch (e) {
        s.logf(`> ${line}\n`);
        throw new LineError(file, lineno, e as Error);
      }
      if (!cmd) continue;
      s.logf(`> ${line}\n`);
      let ok: boolean;
      try {
        ok = await this.conditionsActive(s, cmd.conds);
      } catch (e) {
        throw new LineError(file, lineno, e as Error);
      }
      if (!ok) {
        s.logf('[condition not met]\n');
        continue;
      }
      const impl = this.cmds.get(cmd.name);
      let regexpArgs: number[] | undefined;
      if (impl?.usage.regexpArgs) {
        regexpArgs = impl.usage.regexpArgs(cmd.rawArgs.map((frags) => frags.map((f) => f.s).join('')));
      }
      cmd.args = expandArgs(s, cmd.rawArgs, regexpArgs ?? []);
      s.line = lineno;
      try {
        await this.runCommand(s, cmd, impl);
      } catch (e) {
        if (e instanceof CommandError && e.err instanceof StopError) {
          s.logf(`${e.err.message}\n`);
          return { kind: 'stop', msg: e.err.msg };
        }
        if (e instanceof CommandError && e.err instanceof SkipError) {
          return { kind: 'skip', msg: e.err.msg, line: lineno };
        }
        if (s.keepGoing && e instanceof CommandError) {
          s.failures.push(e.message);
          s.logf(`[keep going past] ${e.message}\n`);
          continue;
        }
        throw e;
      }
    }
    return { kind: 'ok' };
  }

  async conditionsActive(s: State, conds: Condition[]): Promise<boolean> {
    for (const cond of conds) {
      let impl: Cond | undefined;
      let suffix = '';
      const k = cond.tag.indexOf(':');
      if (k >= 0) {
        const prefix = cond.tag.slice(0, k);
        suffix = cond.tag.slice(k + 1);
        impl = this.conds.get(prefix);
        if (!impl) throw new Error(`unknown condition prefix "${prefix}"`);
        if (!impl.prefix) throw new Error(`condition "${prefix}" cannot be used with a suffix`);
      } else {
        impl = this.conds.get(cond.tag);
        if (!impl) throw new Error(`unknown condition "${cond.tag}"`);
        if (impl.prefix) throw new Error(`condition "${cond.tag}" requires a suffix`);
      }
      let active: boolean;
      try {
        active = await impl.eval(s, suffix);
      } catch (e) {
        throw new Error(`evaluating condition "${cond.tag}": ${(e as Error).message}`);
      }
      if (active !== cond.want) return false;
    }
    return true;
  }

  private async runCommand(s: State, cmd: Command, impl: Cmd | undefined): Promise<void> {
    if (!impl) throw cmdError(cmd, new Error('unknown command'));
    const async = impl.usage.async ?? false;
    if (cmd.background && !async) throw cmdError(cmd, new Error('command cannot be run in background'));
    let wait: WaitFunc | void;
    try {
      wait = await impl.run(s, cmd.args);
    } catch (e) {
      checkStatus(cmd, toError(e));
      return;
    }
    if (!wait) {
      checkStatus(cmd, undefined);
      return;
    }
    if (cmd.background) {
      s.background.push({ cmd, wait });
      s.stdout = '';
      s.stderr = '';
      return;
    }
    const r = await wait(s);
    s.stdout = r.stdout;
    s.stderr = r.stderr;
    if (r.stdout !== '') s.logf(`[stdout]\n${r.stdout}`);
    if (r.stderr !== '') s.logf(`[stderr]\n${r.stderr}`);
    checkStatus(cmd, r.err);
    if (r.err) s.logf(`[${r.err.message}]\n`);
  }
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function cmdError(cmd: Command, err: Error): CommandError {
  return new CommandError(cmd.file, cmd.line, cmd.name, cmd.args, err);
}

/** engine.go checkStatus: throws the CommandError, if any. */
function checkStatus(cmd: Command, err: Error | undefined): void {
  if (!err) {
    if (cmd.want === '!') throw cmdError(cmd, new UnexpectedSuccessError());
    return;
  }
  if (err instanceof StopError || err instanceof SkipError || err instanceof WaitError) throw cmdError(cmd, err);
  // Not in Go: runner limitations never pass as an expected failure.
  if (err instanceof HardError || err instanceof UnsupportedRegexpError || err instanceof RegexpSyntaxError) {
    throw cmdError(cmd, err);
  }
  if (cmd.want === '') throw cmdError(cmd, err);
}

/** engine.go expandArgs */
export function expandArgs(s: State, rawArgs: ArgFragment[][], regexpArgs: number[]): string[] {
  return rawArgs.map((frags, i) => {
    const isRegexp = regexpArgs.includes(i);
    return frags.map((f) => (f.quoted ? f.s : s.expandEnv(f.s, isRegexp))).join('');
  });
}

// ---------- default commands (cmds.go) ----------

function command(usage: CmdUsage, run: Cmd['run']): Cmd {
  return { usage, run };
}

/** cmds.go firstNonFlag */
export function firstNonFlag(rawArgs: string[]): number[] | undefined {
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (!arg.startsWith('-')) return [i];
    if (arg === '--') return [i + 1];
  }
  return undefined;
}

const usage = (name: string, c: { usage: CmdUsage }) => new UsageError(`usage: ${name} ${c.usage.args}${c.usage.async ? ' [&]' : ''}`);

function readFile(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch (e) {
    throw pathError('open', p, e);
  }
}

/** %#q: backquoted when strconv.CanBackquote, else a Go double-quoted string. */
export function goQuoteBack(s: string): string {
  if (!/[`\x00-\x08\x0a-\x1f\x7f\ufeff\ufffd]/.test(s)) return '`' + s + '`';
  return JSON.stringify(s);
}

/** match implements grep, stdout and stderr (cmds.go: match). */
export function match(s: State, args: string[], text: string, name: string): void {
  let n = 0;
  if (args.length >= 1 && args[0]!.startsWith('-count=')) {
    const v = args[0]!.slice('-count='.length);
    if (!/^[+-]?\d+$/.test(v)) throw new Error(`bad -count=: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    n = Number(v);
    if (n < 1) throw new Error('bad -count=: must be at least 1');
    args = args.slice(1);
  }
  let quiet = false;
  if (args.length >= 1 && args[0] === '-q') {
    quiet = true;
    args = args.slice(1);
  }
  const isGrep = name === 'grep';
  if (args.length !== (isGrep ? 2 : 1)) throw new UsageError(`usage: ${name} [-count=N] [-q] 'pattern'${isGrep ? ' file' : ' file'}`);
  const pattern = '(?m)' + args[0];
  const re = compileRE2(pattern);
  if (isGrep) {
    name = args[1]!;
    text = readFile(s.path(args[1]!));
  }
  if (n > 0) {
    const count = countAll(re, text);
    if (count !== n) throw new Error(`found ${count} matches for ${goQuoteBack(pattern)} in ${name}`);
    return;
  }
  if (!matchString(re, text)) throw new Error(`no match for ${goQuoteBack(pattern)} in ${name}`);
  if (!quiet) {
    const loc = findIndex(re, text)!;
    while (loc[0] > 0 && text[loc[0] - 1] !== '\n') loc[0]--;
    while (loc[1] < text.length && text[loc[1]] !== '\n') loc[1]++;
    s.logf(`matched: ${text.slice(loc[0], loc[1]).replace(/\n$/, '')}\n`);
  }
}

function doCompare(s: State, env: boolean, args: string[], name: string): void {
  let quiet = false;
  if (args.length > 0 && args[0] === '-q') {
    quiet = true;
    args = args.slice(1);
  }
  if (args.length !== 2) throw new UsageError(`usage: ${name} [-q] file1 file2`);
  const [name1, name2] = args as [string, string];
  let text1: string;
  if (name1 === 'stdout') text1 = s.stdout;
  else if (name1 === 'stderr') text1 = s.stderr;
  else text1 = readFile(s.path(name1));
  let text2 = readFile(s.path(name2));
  if (env) {
    text1 = s.expandEnv(text1, false);
    text2 = s.expandEnv(text2, false);
  }
  if (text1 !== text2) {
    if (!quiet) s.logf(unifiedDiff(name1, text1, name2, text2) + '\n');
    throw new Error(`${name1} and ${name2} differ`);
  }
}

/** A unified diff for logs (Go's internal/diff output differs only in hunk layout). */
export function unifiedDiff(name1: string, text1: string, name2: string, text2: string): string {
  const p = createTwoFilesPatch(name1, name2, text1, text2, undefined, undefined, { context: 3 });
  return p
    .split('\n')
    .filter((l) => !l.startsWith('====='))
    .join('\n')
    .replace(/\n$/, '');
}

/** strconv.Unquote of `"` + s + `"` (for replace). */
export function goUnquoteInner(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === '\n') throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e !== undefined && e in simple) {
      out += simple[e];
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen) {
      const h = s.slice(i + 1, i + 1 + hexLen);
      if (h.length !== hexLen || !/^[0-9A-Fa-f]+$/.test(h)) throw new Error('invalid syntax');
      const v = parseInt(h, 16);
      if (e === 'x') out += String.fromCharCode(v); // a byte; only ASCII is meaningful here
      else out += String.fromCodePoint(v);
      i += hexLen;
      continue;
    }
    if (e !== undefined && e >= '0' && e <= '7') {
      const o = s.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o)) throw new Error('invalid syntax');
      out += String.fromCharCode(parseInt(o, 8));
      i += 2;
      continue;
    }
    throw new Error('invalid syntax');
  }
  return out;
}

/** cmds.go removeAll: make directories writable first (module cache dirs are 0555). */
export function removeAll(p: string): void {
  const walk = (q: string) => {
    let st;
    try {
      st = lstatSync(q);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      try {
        chmodSync(q, 0o777);
      } catch {
        /* ignore */
      }
      let names: string[] = [];
      try {
        names = readdirSync(q);
      } catch {
        /* ignore */
      }
      for (const n of names) walk(join(q, n));
    }
  };
  walk(p);
  try {
    // Retried: a process the script started may still be writing below p (the go command's
    // telemetry sidecar writes to $WORK/telemetry after go exits), failing with ENOTEMPTY.
    rmSync(p, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (e) {
    throw pathError('unlinkat', p, e);
  }
}

/** Looks up name in a PATH list, as exec.LookPath / script lookPath on Unix. */
export function lookPath(pathEnv: string, name: string): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '') continue;
    const p = dir.endsWith('/') ? dir + name : dir + '/' + name;
    try {
      const st = statSync(p);
      if (st.isFile() && (st.mode & 0o111) !== 0) return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** Runs a program like startCommand: env and cwd from the state, output captured. */
export function startProgram(s: State, name: string, path: string, args: string[], timeoutMs = 600_000): WaitFunc {
  const child = spawn(path, args, {
    cwd: s.pwd,
    env: s.envObject(),
    argv0: name,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Error | undefined>((resolveDone) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const onAbort = () => child.kill('SIGINT');
    s.abort.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolveDone(pathError('fork/exec', path, e));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      s.abort.signal.removeEventListener('abort', onAbort);
      if (signal) resolveDone(new Error(`signal: ${signalName(signal)}`));
      else if (code !== 0) resolveDone(new Error(`exit status ${code}`));
      else resolveDone(undefined);
    });
  });
  return async () => {
    const err = await done;
    return { stdout, stderr, err };
  };
}

function signalName(sig: string): string {
  const names: Record<string, string> = { SIGKILL: 'killed', SIGINT: 'interrupt', SIGTERM: 'terminated', SIGSEGV: 'segmentation fault', SIGABRT: 'aborted' };
  return names[sig] ?? sig;
}

const sleepMs = (ms: number, signal: AbortSignal) =>
  new Promise<void>((res, rej) => {
    const t = setTimeout(res, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      rej(new Error('context canceled'));
    });
  });

/** time.ParseDuration for the simple forms scripts use ("1s", "100ms", "1.5s"). */
export function parseDuration(d: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let rest = d;
  let total = 0;
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`time: invalid duration "${d}"`);
  while (rest !== '') {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) throw new Error(`time: invalid duration "${d}"`);
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** script.DefaultCmds plus scripttest's skip. */
export function defaultCmds(): Map<string, Cmd> {
  const m = new Map<string, Cmd>();
  const add = (name: string, c: Cmd) => m.set(name, c);

  add('cat', command({ summary: 'concatenate files and print to the script\'s stdout buffer', args: 'files...' }, async (s, args) => {
    if (args.length === 0) throw usage('cat', m.get('cat')!);
    let out = '';
    let err: Error | undefined;
    for (const a of args) {
      try {
        out += readFile(s.path(a));
      } catch (e) {
        err = e as Error;
        break;
      }
    }
    return async () => ({ stdout: out, stderr: '', err });
  }));

  add('cd', command({ summary: 'change the working directory', args: 'dir' }, async (s, args) => {
    if (args.length !== 1) throw usage('cd', m.get('cd')!);
    s.chdir(args[0]!);
  }));

  add('chmod', command({ summary: 'change file mode bits', args: 'perm paths...' }, async (s, args) => {
    if (args.length < 2) throw usage('chmod', m.get('chmod')!);
    const perm = parseUint0(args[0]!);
    if (perm === undefined || (perm & 0o777) !== perm) throw new Error(`invalid mode: ${args[0]}`);
    for (const a of args.slice(1)) {
      try {
        chmodSync(s.path(a), perm);
      } catch (e) {
        throw pathError('chmod', s.path(a), e);
      }
    }
  }));

  add('cmp', command({ summary: 'compare files for differences', args: '[-q] file1 file2' }, async (s, args) => doCompare(s, false, args, 'cmp')));
  add('cmpenv', command({ summary: 'compare files for differences, with environment expansion', args: '[-q] file1 file2' }, async (s, args) => doCompare(s, true, args, 'cmpenv')));

  add('cp', command({ summary: 'copy files to a target file or directory', args: 'src... dst' }, async (s, args) => {
    if (args.length < 2) throw usage('cp', m.get('cp')!);
    const dst = s.path(args.at(-1)!);
    let dstDir = false;
    try {
      dstDir = statSync(dst).isDirectory();
    } catch {
      /* not there */
    }
    if (args.length > 2 && !dstDir) throw new Error(`cp ${dst}: destination is not a directory`);
    for (const arg of args.slice(0, -1)) {
      let src: string;
      let data: string | Buffer;
      let mode: number;
      if (arg === 'stdout' || arg === 'stderr') {
        src = arg;
        data = arg === 'stdout' ? s.stdout : s.stderr;
        mode = 0o666;
      } else {
        src = s.path(arg);
        try {
          mode = statSync(src).mode & 0o777;
          data = readFileSync(src);
        } catch (e) {
          throw pathError('stat', src, e);
        }
      }
      const targ = dstDir ? join(dst, src.slice(src.lastIndexOf('/') + 1)) : dst;
      try {
        writeFileSync(targ, data, { mode });
      } catch (e) {
        throw pathError('open', targ, e);
      }
    }
  }));

  add('echo', command({ summary: 'display a line of text', args: 'string...' }, async (_s, args) => {
    const out = args.join(' ') + '\n';
    return async () => ({ stdout: out, stderr: '' });
  }));

  add('env', command({ summary: 'set or log the values of environment variables', args: '[key[=value]...]' }, async (s, args) => {
    let out = '';
    if (args.length === 0) {
      for (const [k, v] of s.environ()) out += `${k}=${v}\n`;
    } else {
      for (const e of args) {
        const i = e.indexOf('=');
        if (i < 0) {
          out += `${e}=${s.getenv(e)}\n`;
          continue;
        }
        s.setenv(e.slice(0, i), e.slice(i + 1));
      }
    }
    if (out.length > 0 || args.length === 0) return async () => ({ stdout: out, stderr: '' });
  }));

  add('exec', command({ summary: 'run an executable program with arguments', args: 'program [args...]', async: true }, async (s, args) => {
    if (args.length < 1) throw usage('exec', m.get('exec')!);
    const name = args[0]!;
    let path = name;
    if (!name.includes('/')) {
      const p = lookPath(s.getenv('PATH'), name);
      if (!p) throw new Error(`exec: "${name}": executable file not found in $PATH`);
      path = p;
    }
    return startProgram(s, name, path, args.slice(1));
  }));

  add('exists', command({ summary: 'check that files exist', args: '[-readonly] [-exec] file...' }, async (s, args) => {
    let readonly = false;
    let exec = false;
    while (args.length > 0) {
      if (args[0] === '-readonly') readonly = true;
      else if (args[0] === '-exec') exec = true;
      else break;
      args = args.slice(1);
    }
    if (args.length === 0) throw usage('exists', m.get('exists')!);
    for (const f of args) {
      const file = s.path(f);
      let mode: number;
      try {
        mode = statSync(file).mode;
      } catch (e) {
        throw pathError('stat', file, e);
      }
      if (readonly && (mode & 0o222) !== 0) throw new Error(`${file} exists but is writable`);
      if (exec && (mode & 0o111) === 0) throw new Error(`${file} exists but is not executable`);
    }
  }));

  const matchUsage = "[-count=N] [-q] 'pattern'";
  add('grep', command({ summary: 'find lines in a file that match a pattern', args: matchUsage + ' file', regexpArgs: firstNonFlag }, async (s, args) => match(s, args, '', 'grep')));
  add('stdout', command({ summary: 'find lines in the stdout buffer that match a pattern', args: matchUsage + ' file', regexpArgs: firstNonFlag }, async (s, args) => match(s, args, s.stdout, 'stdout')));
  add('stderr', command({ summary: 'find lines in the stderr buffer that match a pattern', args: matchUsage + ' file', regexpArgs: firstNonFlag }, async (s, args) => match(s, args, s.stderr, 'stderr')));

  add('mkdir', command({ summary: 'create directories, if they do not already exist', args: 'path...' }, async (s, args) => {
    if (args.length < 1) throw usage('mkdir', m.get('mkdir')!);
    for (const a of args) {
      try {
        mkdirSync(s.path(a), { recursive: true, mode: 0o777 });
      } catch (e) {
        throw pathError('mkdir', s.path(a), e);
      }
    }
  }));

  add('mv', command({ summary: 'rename a file or directory to a new path', args: 'old new' }, async (s, args) => {
    if (args.length !== 2) throw usage('mv', m.get('mv')!);
    try {
      renameSync(s.path(args[0]!), s.path(args[1]!));
    } catch (e) {
      throw new Error(`rename ${s.path(args[0]!)} ${s.path(args[1]!)}: ${pathError('', '', e).message.trim()}`);
    }
  }));

  add('replace', command({ summary: 'replace strings in a file', args: '[old new]... file' }, async (s, args) => {
    if (args.length % 2 !== 1) throw usage('replace', m.get('replace')!);
    const pairs = args.slice(0, -1).map((a) => goUnquoteInner(a));
    const file = s.path(args.at(-1)!);
    const data = readFile(file);
    // strings.NewReplacer: at each position, the first matching old string (in argument order) wins.
    let out = '';
    for (let i = 0; i < data.length; ) {
      let done = false;
      for (let k = 0; k < pairs.length; k += 2) {
        const old = pairs[k]!;
        if (old !== '' && data.startsWith(old, i)) {
          out += pairs[k + 1];
          i += old.length;
          done = true;
          break;
        }
      }
      if (!done) out += data[i++];
    }
    writeFileSync(file, out);
  }));

  add('rm', command({ summary: 'remove a file or directory', args: 'path...' }, async (s, args) => {
    if (args.length < 1) throw usage('rm', m.get('rm')!);
    for (const a of args) removeAll(s.path(a));
  }));

  add('sleep', command({ summary: 'sleep for a specified duration', args: 'duration', async: true }, async (s, args) => {
    if (args.length !== 1) throw usage('sleep', m.get('sleep')!);
    const ms = parseDuration(args[0]!);
    const p = sleepMs(ms, s.abort.signal).then(
      () => undefined,
      (e: Error) => e,
    );
    return async () => ({ stdout: '', stderr: '', err: await p });
  }));

  add('stop', command({ summary: 'stop execution of the script', args: '[msg]' }, async (_s, args) => {
    if (args.length > 1) throw usage('stop', m.get('stop')!);
    throw new StopError(args[0] ?? '');
  }));

  add('skip', command({ summary: 'skip the current test', args: '[msg]' }, async (_s, args) => {
    if (args.length > 1) throw usage('skip', m.get('skip')!);
    throw new SkipError(args[0] ?? '');
  }));

  add('symlink', command({ summary: 'create a symlink', args: 'path -> target' }, async (s, args) => {
    if (args.length !== 3 || args[1] !== '->') throw usage('symlink', m.get('symlink')!);
    try {
      symlinkSync(args[2]!, s.path(args[0]!));
    } catch (e) {
      throw pathError('symlink', s.path(args[0]!), e);
    }
  }));

  add('wait', command({ summary: 'wait for completion of background commands', args: '' }, async (s, args) => {
    if (args.length > 0) throw usage('wait', m.get('wait')!);
    const stdouts: string[] = [];
    const stderrs: string[] = [];
    const errs: CommandError[] = [];
    for (const bg of s.background) {
      const r = await bg.wait(s);
      s.logf(`[background] ${bg.cmd.name}${bg.cmd.args.length > 0 ? ' ' : ''}${quoteArgs(bg.cmd.args)}\n`);
      if (r.stdout !== '') {
        s.logf(`[stdout]\n${r.stdout}`);
        stdouts.push(r.stdout);
      }
      if (r.stderr !== '') {
        s.logf(`[stderr]\n${r.stderr}`);
        stderrs.push(r.stderr);
      }
      if (r.err) s.logf(`[${r.err.message}]\n`);
      try {
        checkStatus(bg.cmd, r.err);
      } catch (e) {
        errs.push(e as CommandError);
      }
    }
    s.stdout = stdouts.join('');
    s.stderr = stderrs.join('');
    s.background = [];
    if (errs.length > 0) throw new WaitError(errs);
  }));

  return m;
}

/** strconv.ParseUint(s, 0, 32) */
function parseUint0(s: string): number | undefined {
  let v: number;
  if (/^0[xX][0-9a-fA-F_]+$/.test(s)) v = parseInt(s.slice(2).replaceAll('_', ''), 16);
  else if (/^0[oO][0-7_]+$/.test(s)) v = parseInt(s.slice(2).replaceAll('_', ''), 8);
  else if (/^0[bB][01_]+$/.test(s)) v = parseInt(s.slice(2).replaceAll('_', ''), 2);
  else if (/^0[0-7_]*$/.test(s)) v = s === '0' ? 0 : parseInt(s.slice(1).replaceAll('_', ''), 8);
  else if (/^[1-9][0-9_]*$/.test(s)) v = parseInt(s.replaceAll('_', ''), 10);
  else return undefined;
  return v <= 0xffffffff ? v : undefined;
}

/** Writes the txtar files into the work tree: names are env-expanded and resolved from pwd. */
export function extractFiles(s: State, files: { name: string; data: Uint8Array }[]): void {
  const wd = s.workdir.endsWith(sep) ? s.workdir : s.workdir + sep;
  for (const f of files) {
    const name = s.path(s.expandEnv(f.name, false));
    if (!name.startsWith(wd)) throw new Error(`file \`${f.name}\` is outside working directory`);
    mkdirSync(dirname(name), { recursive: true, mode: 0o777 });
    writeFileSync(name, f.data, { mode: 0o666 });
  }
}
