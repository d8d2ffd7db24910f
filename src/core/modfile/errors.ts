// go.mod parse errors (x/mod/modfile/read.go, rule.go: Error, ErrorList).
import type { Position } from './syntax';

// A hostile file can yield tens of thousands of errors; their stack traces are never shown,
// and capturing them dominated parsing time (found by src/core/fuzz), so errors made here skip it.
type StackLimited = { stackTraceLimit?: number };
let savedStackLimit: number | undefined;
function stackOff<T>(x: T): T {
  savedStackLimit = (Error as StackLimited).stackTraceLimit;
  (Error as StackLimited).stackTraceLimit = 0;
  return x;
}
function stackOn(): void {
  (Error as StackLimited).stackTraceLimit = savedStackLimit;
}

/** An Error carrying only Go's text (no stack trace). */
export function textError(msg: string): Error {
  const e = new Error(stackOff(msg));
  stackOn();
  return e;
}

/** rule.go: Error — a positioned error with optional directive verb and module path. */
export class ModfileError extends Error {
  filename: string;
  pos: Position;
  verb: string;
  modPath: string;
  err: Error;
  constructor(filename: string, pos: Position, err: Error, verb = '', modPath = '') {
    super(stackOff(''));
    stackOn();
    this.name = 'ModfileError';
    this.filename = filename;
    this.pos = pos;
    this.err = err;
    this.verb = verb;
    this.modPath = modPath;
    this.message = this.text();
  }
  private text(): string {
    let pos = '';
    if (this.pos.lineRune > 1) pos = `${this.filename}:${this.pos.line}:${this.pos.lineRune}: `;
    else if (this.pos.line > 0) pos = `${this.filename}:${this.pos.line}: `;
    else if (this.filename !== '') pos = `${this.filename}: `;
    let directive = '';
    if (this.modPath !== '') directive = `${this.verb} ${this.modPath}: `;
    else if (this.verb !== '') directive = `${this.verb}: `;
    return pos + directive + this.err.message;
  }
}

/** rule.go: ErrorList — errors joined by newlines. */
export class ErrorList extends Error {
  errors: ModfileError[];
  constructor(errors: ModfileError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'ErrorList';
    this.errors = errors;
  }
}
