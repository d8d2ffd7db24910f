// Build constraints: `//go:build` expressions and legacy `// +build` lines.
// Rules from go/build/constraint (expr.go, vers.go) in Go 1.23.

export type Expr =
  | { kind: 'tag'; tag: string }
  | { kind: 'not'; x: Expr }
  | { kind: 'and'; x: Expr; y: Expr }
  | { kind: 'or'; x: Expr; y: Expr };

const tag = (t: string): Expr => ({ kind: 'tag', tag: t });
const not = (x: Expr): Expr => ({ kind: 'not', x });
const and = (x: Expr, y: Expr): Expr => ({ kind: 'and', x, y });
const or = (x: Expr, y: Expr): Expr => ({ kind: 'or', x, y });

/** constraint.SyntaxError: Offset is a byte offset into the expression text. */
export class ConstraintSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly err: string,
  ) {
    super(err);
    this.name = 'ConstraintSyntaxError';
  }
}

/** The error Parse returns for a line that is neither form. */
export class NotConstraintError extends Error {
  constructor() {
    super('not a build constraint');
    this.name = 'NotConstraintError';
  }
}

/** expr.go: errComplex. */
export class TooComplexError extends Error {
  constructor() {
    super('expression too complex for // +build lines');
    this.name = 'TooComplexError';
  }
}

// Go's unicode.IsSpace is the White_Space property; unicode.IsLetter is L, IsDigit is Nd.
// Unicode property classes are built on first use: each costs up to a millisecond to build,
// which a command that never needs one would pay at start-up.
let spaceRe: RegExp | undefined;
let spacesRe: RegExp | undefined;
let tagCharRe: RegExp | undefined;
const isSpaceChar = (c: string) => (spaceRe ??= /\p{White_Space}/u).test(c);
const isTagChar = (c: string) => (tagCharRe ??= /[\p{L}\p{Nd}_.]/u).test(c);

export function isGoSpace(c: string): boolean {
  return isSpaceChar(c);
}

/** strings.TrimSpace over a JS string. */
export function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isSpaceChar(s[i])) i++;
  while (j > i && isSpaceChar(s[j - 1])) j--;
  return s.slice(i, j);
}

function fields(s: string): string[] {
  return s.split((spacesRe ??= /\p{White_Space}+/u)).filter((f) => f !== '');
}

const enc = new TextEncoder();
function byteLen(s: string): number {
  return enc.encode(s).length;
}

/** expr.go: String — Go's canonical rendering of an expression. */
export function exprString(x: Expr): string {
  switch (x.kind) {
    case 'tag':
      return x.tag;
    case 'not': {
      const s = exprString(x.x);
      return '!' + (x.x.kind === 'and' || x.x.kind === 'or' ? '(' + s + ')' : s);
    }
    case 'and': {
      const arg = (e: Expr) => (e.kind === 'or' ? '(' + exprString(e) + ')' : exprString(e));
      return arg(x.x) + ' && ' + arg(x.y);
    }
    case 'or': {
      const arg = (e: Expr) => (e.kind === 'and' ? '(' + exprString(e) + ')' : exprString(e));
      return arg(x.x) + ' || ' + arg(x.y);
    }
  }
}

/** Expr.Eval: note that And/Or evaluate both sides (ok may have side effects). */
export function evalExpr(x: Expr, ok: (tag: string) => boolean): boolean {
  switch (x.kind) {
    case 'tag':
      return ok(x.tag);
    case 'not':
      return !evalExpr(x.x, ok);
    case 'and': {
      const a = evalExpr(x.x, ok);
      const b = evalExpr(x.y, ok);
      return a && b;
    }
    case 'or': {
      const a = evalExpr(x.x, ok);
      const b = evalExpr(x.y, ok);
      return a || b;
    }
  }
}

/** constraint.Parse: throws ConstraintSyntaxError, TooComplexError or NotConstraintError. */
export function parseConstraint(line: string): Expr {
  const g = splitGoBuild(line);
  if (g !== undefined) return parseGoBuildExpr(g);
  const p = splitPlusBuild(line);
  if (p !== undefined) return parsePlusBuildExpr(p);
  throw new NotConstraintError();
}

/** Result-valued variant of parseConstraint. */
export function tryParseConstraint(line: string): { expr: Expr; error?: undefined } | { expr?: undefined; error: Error } {
  try {
    return { expr: parseConstraint(line) };
  } catch (e) {
    if (e instanceof ConstraintSyntaxError || e instanceof TooComplexError || e instanceof NotConstraintError) {
      return { error: e };
    }
    throw e;
  }
}

export function isGoBuild(line: string): boolean {
  return splitGoBuild(line) !== undefined;
}

export function isPlusBuild(line: string): boolean {
  return splitPlusBuild(line) !== undefined;
}

function oneLine(line: string): string | undefined {
  if (line.endsWith('\n')) line = line.slice(0, -1);
  return line.includes('\n') ? undefined : line;
}

// expr.go: splitGoBuild
function splitGoBuild(line0: string): string | undefined {
  let line = oneLine(line0);
  if (line === undefined || !line.startsWith('//go:build')) return undefined;
  line = trimSpace(line).slice('//go:build'.length);
  const trim = trimSpace(line);
  if (line.length === trim.length && line !== '') return undefined; // e.g. //go:buildx
  return trim;
}

// expr.go: splitPlusBuild
function splitPlusBuild(line0: string): string | undefined {
  let line = oneLine(line0);
  if (line === undefined || !line.startsWith('//')) return undefined;
  line = trimSpace(line.slice(2));
  if (!line.startsWith('+build')) return undefined;
  line = line.slice('+build'.length);
  const trim = trimSpace(line);
  if (line.length === trim.length && line !== '') return undefined;
  return trim;
}

const maxSize = 1000;

// expr.go: exprParser (recursive descent over ||, &&, !, parens and tags).
class ExprParser {
  i = 0; // next read index (JS string index)
  tok = '';
  isTag = false;
  pos = 0; // start of last token (JS string index)
  size = 0;
  constructor(readonly s: string) {}

  fail(pos: number, msg: string): never {
    throw new ConstraintSyntaxError(byteLen(this.s.slice(0, pos)), msg);
  }

  or(): Expr {
    let x = this.and();
    while (this.tok === '||') x = or(x, this.and());
    return x;
  }

  and(): Expr {
    let x = this.not();
    while (this.tok === '&&') x = and(x, this.not());
    return x;
  }

  not(): Expr {
    this.size++;
    if (this.size > maxSize) this.fail(this.pos, 'build expression too large');
    this.lex();
    if (this.tok === '!') {
      this.lex();
      if (this.tok === '!') this.fail(this.pos, 'double negation not allowed');
      return not(this.atom());
    }
    return this.atom();
  }

  atom(): Expr {
    if (this.tok === '(') {
      const pos = this.pos;
      let x: Expr;
      try {
        x = this.or();
      } catch (e) {
        // An expression that ends inside parens reports the missing paren instead.
        if (e instanceof ConstraintSyntaxError && e.err === 'unexpected end of expression') {
          throw new ConstraintSyntaxError(e.offset, 'missing close paren');
        }
        throw e;
      }
      if ((this.tok as string) !== ')') this.fail(pos, 'missing close paren');
      this.lex();
      return x;
    }
    if (!this.isTag) {
      if (this.tok === '') this.fail(this.pos, 'unexpected end of expression');
      this.fail(this.pos, 'unexpected token ' + this.tok);
    }
    const t = this.tok;
    this.lex();
    return tag(t);
  }

  lex(): void {
    const s = this.s;
    this.isTag = false;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
    if (this.i >= s.length) {
      this.tok = '';
      this.pos = this.i;
      return;
    }
    const c = s[this.i];
    if (c === '(' || c === ')' || c === '!') {
      this.pos = this.i++;
      this.tok = c;
      return;
    }
    if (c === '&' || c === '|') {
      if (this.i + 1 >= s.length || s[this.i + 1] !== c) this.fail(this.i, 'invalid syntax at ' + c);
      this.pos = this.i;
      this.i += 2;
      this.tok = c + c;
      return;
    }
    let j = this.i;
    while (j < s.length) {
      const cp = s.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      if (!isTagChar(ch)) break;
      j += ch.length;
    }
    if (j === this.i) {
      const cp = s.codePointAt(this.i)!;
      this.fail(this.i, 'invalid syntax at ' + String.fromCodePoint(cp));
    }
    this.pos = this.i;
    this.i = j;
    this.tok = s.slice(this.pos, j);
    this.isTag = true;
  }
}

function parseGoBuildExpr(text: string): Expr {
  const p = new ExprParser(text);
  const x = p.or();
  if (p.tok !== '') p.fail(p.pos, 'unexpected token ' + p.tok);
  return x;
}

export function isValidTag(word: string): boolean {
  if (word === '') return false;
  for (const ch of word) if (!isTagChar(ch)) return false;
  return true;
}

// expr.go: parsePlusBuildExpr — space-separated clauses OR'd, comma-separated literals AND'd;
// invalid literals become the tag "ignore".
function parsePlusBuildExpr(text: string): Expr {
  const maxOldSize = 100;
  let size = 0;
  let x: Expr | undefined;
  for (const clause of fields(text)) {
    let y: Expr | undefined;
    for (let lit of clause.split(',')) {
      let z: Expr;
      if (lit.startsWith('!!') || lit === '!') {
        z = tag('ignore');
      } else {
        let neg = false;
        if (lit.startsWith('!')) {
          neg = true;
          lit = lit.slice(1);
        }
        z = isValidTag(lit) ? tag(lit) : tag('ignore');
        if (neg) z = not(z);
      }
      if (y === undefined) y = z;
      else {
        if (++size > maxOldSize) throw new TooComplexError();
        y = and(y, z);
      }
    }
    if (x === undefined) x = y!;
    else {
      if (++size > maxOldSize) throw new TooComplexError();
      x = or(x, y!);
    }
  }
  return x ?? tag('ignore');
}

// expr.go: PlusBuildLines — the // +build lines equivalent to x.
export function plusBuildLines(x0: Expr): string[] {
  const x = pushNot(x0, false);
  const split: Expr[][][] = [];
  for (const o of splitAnd(x)) {
    const ands: Expr[][] = [];
    for (const a of splitOr(o)) {
      const lits: Expr[] = [];
      for (const lit of splitAnd(a)) {
        if (lit.kind !== 'tag' && lit.kind !== 'not') throw new TooComplexError();
        lits.push(lit);
      }
      ands.push(lits);
    }
    split.push(ands);
  }
  let maxOr = 0;
  for (const o of split) maxOr = Math.max(maxOr, o.length);
  let rows = split;
  if (maxOr === 1) rows = [[split.flatMap((o) => o[0])]];
  return rows.map((o) => '// +build' + o.map((a) => ' ' + a.map(exprString).join(',')).join(''));
}

function pushNot(x: Expr, neg: boolean): Expr {
  switch (x.kind) {
    case 'not':
      if (x.x.kind === 'tag' && !neg) return x;
      return pushNot(x.x, !neg);
    case 'tag':
      return neg ? not(x) : x;
    case 'and': {
      const a = pushNot(x.x, neg);
      const b = pushNot(x.y, neg);
      if (neg) return or(a, b);
      return a === x.x && b === x.y ? x : and(a, b);
    }
    case 'or': {
      const a = pushNot(x.x, neg);
      const b = pushNot(x.y, neg);
      if (neg) return and(a, b);
      return a === x.x && b === x.y ? x : or(a, b);
    }
  }
}

function splitAnd(x: Expr, list: Expr[] = []): Expr[] {
  if (x.kind === 'and') {
    splitAnd(x.x, list);
    splitAnd(x.y, list);
  } else list.push(x);
  return list;
}

function splitOr(x: Expr, list: Expr[] = []): Expr[] {
  if (x.kind === 'or') {
    splitOr(x.x, list);
    splitOr(x.y, list);
  } else list.push(x);
  return list;
}

// vers.go: GoVersion — the minimum Go version implied by x ("" if none).
export function goVersion(x: Expr): string {
  const v = minVersion(x, 1);
  if (v < 0n) return '';
  if (v === 0n) return 'go1';
  return 'go1.' + v.toString();
}

const bmax = (a: bigint, b: bigint) => (a > b ? a : b);
const bmin = (a: bigint, b: bigint) => (a < b ? a : b);

function minVersion(z: Expr, sign: number): bigint {
  switch (z.kind) {
    case 'and': // andVersion = max, orVersion = min; negation swaps them
      return (sign < 0 ? bmin : bmax)(minVersion(z.x, sign), minVersion(z.y, sign));
    case 'or':
      return (sign < 0 ? bmax : bmin)(minVersion(z.x, sign), minVersion(z.y, sign));
    case 'not':
      return minVersion(z.x, -sign);
    case 'tag': {
      if (sign < 0) return -1n;
      if (z.tag === 'go1') return 0n;
      const i = z.tag.indexOf('go1.');
      const v = i < 0 ? '' : z.tag.slice(i + 4); // strings.Cut: "" when absent
      return atoi(v);
    }
  }
}

// strconv.Atoi: optional sign, ASCII digits, int64 range; anything else is an error (-1 here).
function atoi(s: string): bigint {
  const m = /^([+-]?)([0-9]+)$/.exec(s);
  if (!m) return -1n;
  const n = BigInt(m[1] === '-' ? '-' + m[2] : m[2]);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return -1n;
  return n;
}
