// A subset of Go's text/template (the part `go list -f` templates use): text and {{actions}} with
// trim markers and comments; pipelines of field chains (.A.B), method calls with arguments
// (.Time.Format "2006-01-02"), string/number/bool/nil literals, `.`, `$`, parenthesized
// pipelines and `|`; if / with / range with else and else-if; the builtins and, or, not, eq, ne,
// len, index, print, printf, println plus caller functions (go list: join).
// Values carry Go types (TType) so zero values, truth (text/template exec.go: isTrue) and printing
// (fmt's %v: String/Error methods, <nil>, [a b], &{...}) follow Go.
import { goQuote } from './module';

export type TType =
  | { k: 'string' }
  | { k: 'bool' }
  | { k: 'int' }
  | { k: 'slice'; elem: TType }
  | { k: 'ptr'; elem: TType }
  | { k: 'time' }
  | { k: 'any' }
  | TStruct;

export interface TStruct {
  k: 'struct';
  /** Go's type name as printed in errors, e.g. "modinfo.ModulePublic". */
  name: string;
  fields: Array<[string, TType]>;
  /** String() or Error() on the pointer: fmt prints it for a non-nil pointer. */
  str?: (v: any) => string;
  /** The method's name (default "String"). */
  strName?: 'String' | 'Error';
}

export const tString: TType = { k: 'string' };
export const tBool: TType = { k: 'bool' };
export const tInt: TType = { k: 'int' };
export const tTime: TType = { k: 'time' };
export const tAny: TType = { k: 'any' };
export const sliceOf = (elem: TType): TType => ({ k: 'slice', elem });
export const ptrTo = (elem: TType): TType => ({ k: 'ptr', elem });

interface TVal {
  t: TType;
  v: any;
}

/** text/template's ExecError / parse error: `.message` is Go's text. */
export class TemplateError extends Error {}

// ---------------------------------------------------------------------------
// Lexing and parsing (text/template/parse).

type Tok =
  | { k: 'field'; names: string[]; pos: number }
  | { k: 'dot'; pos: number }
  | { k: 'var'; name: string; fields: string[]; pos: number }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'string'; v: string; pos: number; raw: string }
  | { k: 'number'; v: number; pos: number }
  | { k: 'lparen' | 'rparen' | 'pipe' | 'declare'; pos: number }
  | { k: 'fieldsuffix'; names: string[]; pos: number };

type Operand =
  | { k: 'field'; names: string[]; pos: number }
  | { k: 'dot'; pos: number }
  | { k: 'var'; name: string; fields: string[]; pos: number }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'lit'; v: TVal; pos: number; raw?: string }
  | { k: 'nil'; pos: number }
  | { k: 'pipe'; p: Pipe; fields: string[]; pos: number };

type Cmd = { args: Operand[]; pos: number; text: string };
type Pipe = { decl: string[]; cmds: Cmd[]; pos: number };
type Node =
  | { k: 'text'; s: string }
  | { k: 'action'; p: Pipe }
  | { k: 'if' | 'with' | 'range'; p: Pipe; list: Node[]; elseList: Node[] | null };

const builtins = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'len', 'index', 'print', 'printf', 'println', 'html', 'js', 'urlquery', 'call', 'slice']);

class Parser {
  nodes: Node[] = [];
  constructor(
    readonly name: string,
    readonly src: string,
    readonly funcs: Set<string>,
  ) {}

  line(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }
  fail(pos: number, msg: string): never {
    throw new TemplateError(`template: ${this.name}:${this.line(pos)}: ${msg}`);
  }

  /** Splits the source into text and action token lists. */
  items(): Array<{ text: string } | { toks: Tok[]; pos: number; word: string }> {
    const out: Array<{ text: string } | { toks: Tok[]; pos: number; word: string }> = [];
    const s = this.src;
    let i = 0;
    let trimNext = false;
    while (i <= s.length) {
      const j = s.indexOf('{{', i);
      let text = j < 0 ? s.slice(i) : s.slice(i, j);
      if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
      trimNext = false;
      if (j < 0) {
        if (text !== '') out.push({ text });
        break;
      }
      let k = j + 2;
      if (s.startsWith('- ', k) || s.startsWith('-\t', k) || s.startsWith('-\n', k) || s.startsWith('-\r', k)) {
        text = text.replace(/[ \t\r\n]+$/, '');
        k += 1;
      }
      if (text !== '') out.push({ text });
      // comment
      const ck = k + (/^[ \t\r\n]*\/\*/.test(s.slice(k, k + 64)) ? s.slice(k).search(/\/\*/) : -1);
      if (ck >= k && s.slice(k, ck).trim() === '') {
        const e = s.indexOf('*/', ck + 2);
        if (e < 0) this.fail(j, 'unclosed comment');
        let m = e + 2;
        if (s.startsWith(' -}}', m)) {
          trimNext = true;
          m += 4;
        } else if (s.startsWith('}}', m)) m += 2;
        else this.fail(j, 'comment ends before closing delimiter');
        i = m;
        continue;
      }
      const { toks, end, trim } = this.lexAction(k, j);
      trimNext = trim;
      const first = toks[0];
      out.push({ toks, pos: j, word: first && first.k === 'ident' ? first.name : '' });
      i = end;
    }
    return out;
  }

  lexAction(k: number, start: number): { toks: Tok[]; end: number; trim: boolean } {
    const s = this.src;
    const toks: Tok[] = [];
    const identRe = /[A-Za-z_][A-Za-z0-9_]*/y;
    let depth = 0;
    for (;;) {
      if (k >= s.length) this.fail(start, 'unclosed action');
      const c = s[k]!;
      if (s.startsWith('}}', k)) return { toks, end: k + 2, trim: false };
      if ((c === ' ' || c === '\t' || c === '\r' || c === '\n') && s.startsWith('-}}', k + 1)) return { toks, end: k + 4, trim: false || true };
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        k++;
        continue;
      }
      if (c === '(') {
        depth++;
        toks.push({ k: 'lparen', pos: k++ });
        continue;
      }
      if (c === ')') {
        depth--;
        if (depth < 0) this.fail(k, `unexpected right paren`);
        toks.push({ k: 'rparen', pos: k++ });
        // field chain after a parenthesized pipeline
        if (s[k] === '.' && /[A-Za-z_]/.test(s[k + 1] ?? '')) {
          const names: string[] = [];
          let p = k;
          while (s[k] === '.' && /[A-Za-z_]/.test(s[k + 1] ?? '')) {
            p = k;
            identRe.lastIndex = k + 1;
            const m = identRe.exec(s)!;
            names.push(m[0]);
            k = identRe.lastIndex;
          }
          toks.push({ k: 'fieldsuffix', names, pos: p });
        }
        continue;
      }
      if (c === '|') {
        toks.push({ k: 'pipe', pos: k++ });
        continue;
      }
      if (c === ':' && s[k + 1] === '=') {
        toks.push({ k: 'declare', pos: k });
        k += 2;
        continue;
      }
      if (c === '=') {
        toks.push({ k: 'declare', pos: k });
        k += 1;
        continue;
      }
      if (c === ',') {
        k++;
        continue;
      }
      if (c === '.') {
        if (!/[A-Za-z_]/.test(s[k + 1] ?? '')) {
          toks.push({ k: 'dot', pos: k++ });
          continue;
        }
        const names: string[] = [];
        let p = k;
        while (s[k] === '.' && /[A-Za-z_]/.test(s[k + 1] ?? '')) {
          p = k;
          identRe.lastIndex = k + 1;
          const m = identRe.exec(s)!;
          names.push(m[0]);
          k = identRe.lastIndex;
        }
        toks.push({ k: 'field', names, pos: p });
        continue;
      }
      if (c === '$') {
        const p = k;
        identRe.lastIndex = k + 1;
        const m = identRe.exec(s);
        let name = '$';
        k++;
        if (m && m.index === k) {
          name += m[0];
          k = identRe.lastIndex;
        }
        const fields: string[] = [];
        while (s[k] === '.' && /[A-Za-z_]/.test(s[k + 1] ?? '')) {
          identRe.lastIndex = k + 1;
          const mm = identRe.exec(s)!;
          fields.push(mm[0]);
          k = identRe.lastIndex;
        }
        toks.push({ k: 'var', name, fields, pos: p });
        continue;
      }
      if (c === '"') {
        let e = k + 1;
        while (e < s.length && s[e] !== '"') {
          if (s[e] === '\\') e++;
          if (s[e] === '\n') this.fail(k, 'unterminated quoted string');
          e++;
        }
        if (e >= s.length) this.fail(k, 'unterminated quoted string');
        toks.push({ k: 'string', v: goUnquote(s.slice(k, e + 1)), pos: k, raw: s.slice(k, e + 1) });
        k = e + 1;
        continue;
      }
      if (c === '`') {
        const e = s.indexOf('`', k + 1);
        if (e < 0) this.fail(k, 'unterminated raw quoted string');
        toks.push({ k: 'string', v: s.slice(k + 1, e), pos: k, raw: s.slice(k, e + 1) });
        k = e + 1;
        continue;
      }
      if (/[0-9+-]/.test(c)) {
        const m = /[+-]?[0-9]+/y;
        m.lastIndex = k;
        const r = m.exec(s);
        if (r) {
          toks.push({ k: 'number', v: Number(r[0]), pos: k });
          k = m.lastIndex;
          continue;
        }
      }
      identRe.lastIndex = k;
      const m = identRe.exec(s);
      if (m) {
        toks.push({ k: 'ident', name: m[0], pos: k });
        k = identRe.lastIndex;
        continue;
      }
      this.fail(k, `unexpected ${JSON.stringify(c)} in command`);
    }
  }

  parse(): Node[] {
    const items = this.items();
    let i = 0;
    const parseList = (stopWords: string[]): { list: Node[]; stop: string; item: { toks: Tok[]; pos: number } | null } => {
      const list: Node[] = [];
      while (i < items.length) {
        const it = items[i++]!;
        if ('text' in it) {
          list.push({ k: 'text', s: it.text });
          continue;
        }
        const w = it.word;
        if (w === 'end' || w === 'else') {
          if (!stopWords.includes(w)) this.fail(it.pos, `unexpected {{${w}}}`);
          return { list, stop: w, item: it };
        }
        if (w === 'if' || w === 'with' || w === 'range') {
          list.push(parseControl(w, it.toks.slice(1), it.pos));
          continue;
        }
        if (w === 'define' || w === 'template' || w === 'block' || w === 'break' || w === 'continue')
          this.fail(it.pos, `modscope's template subset has no {{${w}}}`);
        list.push({ k: 'action', p: this.pipeline(it.toks, it.pos, 'command') });
      }
      if (stopWords.length > 0) this.fail(this.src.length, 'unexpected EOF');
      return { list, stop: '', item: null };
    };
    const parseControl = (w: 'if' | 'with' | 'range', toks: Tok[], pos: number): Node => {
      const p = this.pipeline(toks, pos, w);
      const body = parseList(['end', 'else']);
      let elseList: Node[] | null = null;
      if (body.stop === 'else') {
        const rest = body.item!.toks.slice(1);
        const first = rest[0];
        if (first && first.k === 'ident' && (first.name === 'if' || first.name === 'with')) {
          // {{else if ...}} chains: the rest of the chain shares this {{end}}.
          elseList = [parseControl(first.name, rest.slice(1), body.item!.pos)];
        } else {
          if (rest.length > 0) this.fail(body.item!.pos, `unexpected ${tokText(rest[0]!)} in else`);
          const e = parseList(['end']);
          elseList = e.list;
        }
      } else if (body.item!.toks.length > 1) this.fail(body.item!.pos, `unexpected ${tokText(body.item!.toks[1]!)} in end`);
      return { k: w, p, list: body.list, elseList };
    };
    return parseList([]).list;
  }

  pipeline(toks: Tok[], pos: number, ctx: string): Pipe {
    let j = 0;
    const decl: string[] = [];
    // $x := / $i, $e :=
    const di = toks.findIndex((t) => t.k === 'declare');
    if (di > 0 && toks.slice(0, di).every((t) => t.k === 'var')) {
      for (const t of toks.slice(0, di)) decl.push((t as { name: string }).name);
      j = di + 1;
    }
    const cmds: Cmd[] = [];
    const parseOperand = (): Operand | null => {
      const t = toks[j];
      if (!t || t.k === 'pipe' || t.k === 'rparen') return null;
      j++;
      switch (t.k) {
        case 'field':
          return { k: 'field', names: t.names, pos: t.pos };
        case 'dot':
          return { k: 'dot', pos: t.pos };
        case 'var':
          return { k: 'var', name: t.name, fields: t.fields, pos: t.pos };
        case 'string':
          return { k: 'lit', v: { t: tString, v: t.v }, pos: t.pos, raw: t.raw };
        case 'number':
          return { k: 'lit', v: { t: tInt, v: t.v }, pos: t.pos };
        case 'ident':
          if (t.name === 'true' || t.name === 'false') return { k: 'lit', v: { t: tBool, v: t.name === 'true' }, pos: t.pos };
          if (t.name === 'nil') return { k: 'nil', pos: t.pos };
          if (!builtins.has(t.name) && !this.funcs.has(t.name)) this.fail(t.pos, `function ${goQuote(t.name)} not defined`);
          return { k: 'ident', name: t.name, pos: t.pos };
        case 'lparen': {
          const inner = innerPipe();
          const close = toks[j];
          if (!close || close.k !== 'rparen') this.fail(t.pos, 'unclosed left paren');
          j++;
          let fields: string[] = [];
          const suf = toks[j];
          if (suf && suf.k === 'fieldsuffix') {
            fields = suf.names;
            j++;
          }
          return { k: 'pipe', p: inner, fields, pos: t.pos };
        }
        default:
          this.fail(t.pos, `unexpected ${tokText(t)} in operand`);
      }
    };
    const innerPipe = (): Pipe => {
      const cs: Cmd[] = [];
      for (;;) {
        const args: Operand[] = [];
        const p0 = toks[j]?.pos ?? pos;
        for (let o = parseOperand(); o !== null; o = parseOperand()) args.push(o);
        if (args.length === 0) this.fail(p0, 'missing value for command');
        cs.push({ args, pos: p0, text: args.map(opText).join(' ') });
        if (toks[j]?.k === 'pipe') {
          j++;
          continue;
        }
        return { decl: [], cmds: cs, pos: p0 };
      }
    };
    if (j >= toks.length) this.fail(pos, `missing value for ${ctx}`);
    const p = innerPipe();
    cmds.push(...p.cmds);
    if (j < toks.length) this.fail(toks[j]!.pos, `unexpected ${tokText(toks[j]!)} in ${ctx}`);
    return { decl, cmds, pos };
  }
}

function tokText(t: Tok): string {
  switch (t.k) {
    case 'rparen':
      return '")"';
    case 'lparen':
      return '"("';
    case 'pipe':
      return '"|"';
    case 'ident':
      return `<${t.name}>`;
    case 'string':
      return goQuote(t.v);
    default:
      return 'token';
  }
}

function goUnquote(lit: string): string {
  let out = '';
  for (let i = 1; i < lit.length - 1; i++) {
    const c = lit[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = lit[++i]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (n in simple) out += simple[n];
    else if (n === 'x') {
      out += String.fromCharCode(parseInt(lit.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === 'u') {
      out += String.fromCodePoint(parseInt(lit.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n === 'U') {
      out += String.fromCodePoint(parseInt(lit.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (/[0-7]/.test(n)) {
      out += String.fromCharCode(parseInt(lit.slice(i, i + 3), 8));
      i += 2;
    } else out += n;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Values.

function isNil(x: TVal): boolean {
  return (x.t.k === 'ptr' || x.t.k === 'any') && (x.v === null || x.v === undefined);
}

/** exec.go: isTrue */
export function isTrue(x: TVal): boolean {
  switch (x.t.k) {
    case 'string':
      return (x.v ?? '') !== '';
    case 'bool':
      return !!x.v;
    case 'int':
      return (x.v ?? 0) !== 0;
    case 'slice':
      return (x.v ?? []).length > 0;
    case 'ptr':
    case 'any':
      return x.v !== null && x.v !== undefined;
    default:
      return true;
  }
}

function typeName(t: TType): string {
  switch (t.k) {
    case 'ptr':
      return '*' + typeName(t.elem);
    case 'slice':
      return '[]' + typeName(t.elem);
    case 'struct':
      return t.name;
    case 'time':
      return 'time.Time';
    case 'any':
      return 'interface {}';
    default:
      return t.k;
  }
}

/** Dynamic type of an `any` value. */
function concrete(x: TVal): TVal {
  if (x.t.k !== 'any' || x.v === null || x.v === undefined) return x;
  const v = x.v;
  if (typeof v === 'string') return { t: tString, v };
  if (typeof v === 'boolean') return { t: tBool, v };
  if (typeof v === 'number') return { t: tInt, v };
  if (Array.isArray(v)) return { t: sliceOf(tAny), v };
  return x;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A time string's wall clock in its own zone, as time.Parse keeps it (RFC 3339 text: the offset is kept;
 *  offset 0 is the Local zone, UTC here, named "UTC"; another offset is an unnamed fixed zone). */
function wallClock(iso: string): { d: Date; off: number; name: string } {
  const m = /(Z|z|[+-]\d\d:\d\d)$/.exec(iso);
  let off = 0;
  if (m && m[1]!.length === 6) off = (m[1]![0] === '-' ? -1 : 1) * (Number(m[1]!.slice(1, 3)) * 60 + Number(m[1]!.slice(4, 6)));
  // The instant shifted by the offset: its UTC fields are the wall clock (time/format.go absDate).
  return { d: new Date(Date.parse(iso) + off * 60000), off, name: off === 0 ? 'UTC' : '' };
}

/** time.Time.Format (time/format.go appendFormat) in the time's own zone. */
export function timeFormat(iso: string, layout: string): string {
  const { d, off, name } = wallClock(iso);
  const nanos = /\.(\d+)/.exec(iso)?.[1] ?? '';
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const Y = d.getUTCFullYear(), M = d.getUTCMonth(), D = d.getUTCDate(), h = d.getUTCHours(), mi = d.getUTCMinutes(), se = d.getUTCSeconds();
  const sign = off < 0 ? '-' : '+', oh = p(Math.floor(Math.abs(off) / 60), 2), om = p(Math.abs(off) % 60, 2);
  const table: Array<[string, () => string]> = [
    ['January', () => months[M]!],
    ['Jan', () => months[M]!.slice(0, 3)],
    ['Monday', () => days[d.getUTCDay()]!],
    ['Mon', () => days[d.getUTCDay()]!.slice(0, 3)],
    ['MST', () => name || sign + oh + om],
    ['2006', () => p(Y, 4)],
    ['-07:00', () => `${sign}${oh}:${om}`],
    ['-0700', () => sign + oh + om],
    ['-07', () => sign + oh],
    ['Z07:00', () => (off === 0 ? 'Z' : `${sign}${oh}:${om}`)],
    ['Z0700', () => (off === 0 ? 'Z' : sign + oh + om)],
    ['01', () => p(M + 1, 2)],
    ['02', () => p(D, 2)],
    ['_2', () => String(D).padStart(2, ' ')],
    ['06', () => p(Y % 100, 2)],
    ['15', () => p(h, 2)],
    ['03', () => p(h % 12 === 0 ? 12 : h % 12, 2)],
    ['04', () => p(mi, 2)],
    ['05', () => p(se, 2)],
    ['PM', () => (h >= 12 ? 'PM' : 'AM')],
    ['pm', () => (h >= 12 ? 'pm' : 'am')],
    ['1', () => String(M + 1)],
    ['2', () => String(D)],
    ['3', () => String(h % 12 === 0 ? 12 : h % 12)],
    ['4', () => String(mi)],
    ['5', () => String(se)],
  ];
  let out = '';
  for (let i = 0; i < layout.length; ) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const n = frac[1]!.length;
      const digits = nanos.padEnd(9, '0').slice(0, n);
      out += frac[1]![0] === '0' ? layout[i] + digits : digits.replace(/0+$/, '') === '' ? '' : layout[i] + digits.replace(/0+$/, '');
      i += frac[0].length;
      continue;
    }
    const hit = table.find(([k]) => layout.startsWith(k, i));
    if (hit) {
      out += hit[1]();
      i += hit[0].length;
    } else out += layout[i++];
  }
  return out;
}

/** time.Time.String: Format("2006-01-02 15:04:05.999999999 -0700 MST"). */
function timeString(iso: string): string {
  return timeFormat(iso, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** fmt's %v (Sprint) of a typed value; depth > 0 inside a struct. */
export function sprint(x: TVal, depth = 0): string {
  x = concrete(x);
  const t = x.t;
  switch (t.k) {
    case 'string':
      return x.v ?? '';
    case 'bool':
      return x.v ? 'true' : 'false';
    case 'int':
      return String(x.v ?? 0);
    case 'time':
      return timeString(x.v);
    case 'slice':
      return '[' + ((x.v ?? []) as unknown[]).map((e) => sprint({ t: t.elem, v: e }, depth + 1)).join(' ') + ']';
    case 'any':
      return x.v === null || x.v === undefined ? '<nil>' : String(x.v);
    case 'ptr': {
      if (x.v === null || x.v === undefined) return '<nil>';
      const e = t.elem;
      if (e.k === 'time') return timeString(x.v);
      if (e.k === 'struct') {
        if (e.str) return e.str(x.v);
        if (depth > 0) return '0xc000010000';
        return '&' + sprint({ t: e, v: x.v }, depth);
      }
      return sprint({ t: e, v: x.v }, depth);
    }
    case 'struct':
      return '{' + t.fields.map(([n, ft]) => sprint({ t: ft, v: x.v?.[n] }, depth + 1)).join(' ') + '}';
  }
}

/** exec.go: printableValue — an action's value is printed through one pointer indirection. */
function sprintAction(x: TVal): string {
  if (x.t.k === 'ptr' && x.v !== null && x.v !== undefined && x.t.elem.k === 'struct' && !x.t.elem.str) return sprint({ t: x.t.elem, v: x.v });
  return sprint(x);
}

function fmtVerb(verb: string, x: TVal): string {
  x = concrete(x);
  switch (verb) {
    case 'v':
    case 's':
      return sprint(x);
    case 'd':
      return x.t.k === 'int' ? String(x.v ?? 0) : `%!d(${typeName(x.t)}=${sprint(x)})`;
    case 't':
      return x.t.k === 'bool' ? sprint(x) : `%!t(${typeName(x.t)}=${sprint(x)})`;
    case 'q':
      if (x.t.k === 'string') return goQuote(x.v ?? '');
      if (x.t.k === 'slice') return '[' + ((x.v ?? []) as unknown[]).map((e) => fmtVerb('q', { t: x.t.k === 'slice' ? x.t.elem : tAny, v: e })).join(' ') + ']';
      if (x.t.k === 'ptr' && x.t.elem.k === 'struct' && x.v) {
        const st = x.t.elem;
        if (st.str) return goQuote(st.str(x.v));
        return '&{' + st.fields.map(([n, ft]) => fmtVerb('q', { t: ft, v: x.v[n] })).join(' ') + '}';
      }
      return `%!q(${typeName(x.t)}=${sprint(x)})`;
    default:
      return `%!${verb}(${typeName(x.t)}=${sprint(x)})`;
  }
}

/** fmt.Sprintf for the verbs templates use: %v %s %q %d %t %%. */
export function sprintf(format: string, args: TVal[]): string {
  let out = '';
  let ai = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const verb = format[++i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (ai >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtVerb(verb, args[ai++]!);
  }
  if (ai < args.length) out += '%!(EXTRA ' + args.slice(ai).map((a) => `${typeName(concrete(a).t)}=${sprint(a)}`).join(', ') + ')';
  return out;
}

/** fmt.Sprint: spaces between operands when neither is a string. */
function sprintAll(args: TVal[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isStr = concrete(a).t.k === 'string';
    if (i > 0 && !isStr && concrete(args[i - 1]!).t.k !== 'string') out += ' ';
    out += sprint(a);
  });
  return out;
}

// ---------------------------------------------------------------------------
// Execution.

export type TemplateFunc = ((args: TVal[]) => TVal) & { params?: TType[] };

export interface Template {
  execute(data: any, type: TType): string;
}

/** template.New(name).Funcs(funcs).Parse(src); throws TemplateError with Go's parse error text. */
export function parseTemplate(name: string, src: string, funcs: Record<string, TemplateFunc> = {}): Template {
  const p = new Parser(name, src, new Set(Object.keys(funcs)));
  const tree = p.parse();
  return {
    execute(data: any, type: TType): string {
      const ex = new Exec(p, funcs, { t: type, v: data });
      ex.walkList(tree, ex.root, [['$', ex.root]]);
      return ex.out;
    },
  };
}

class Exec {
  out = '';
  constructor(
    readonly p: Parser,
    readonly funcs: Record<string, TemplateFunc>,
    readonly root: TVal,
  ) {}

  fail(pos: number, at: string, msg: string): never {
    const before = this.p.src.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - (before.lastIndexOf('\n') + 1);
    throw new TemplateError(`template: ${this.p.name}:${line}:${col}: executing ${goQuote(this.p.name)} at <${at}>: ${msg}`);
  }

  walkList(list: Node[], dot: TVal, vars: Array<[string, TVal]>): void {
    const mark = vars.length;
    for (const n of list) this.walk(n, dot, vars);
    vars.length = mark;
  }

  walk(n: Node, dot: TVal, vars: Array<[string, TVal]>): void {
    switch (n.k) {
      case 'text':
        this.out += n.s;
        return;
      case 'action': {
        const v = this.pipe(n.p, dot, vars);
        if (n.p.decl.length === 0) this.out += sprintAction(v);
        return;
      }
      case 'if':
      case 'with': {
        const mark = vars.length;
        const v = this.pipe(n.p, dot, vars);
        if (isTrue(v)) this.walkList(n.list, n.k === 'with' ? v : dot, vars);
        else if (n.elseList) this.walkList(n.elseList, dot, vars);
        vars.length = mark;
        return;
      }
      case 'range': {
        const mark = vars.length;
        const decl = n.p.decl;
        const v = concrete(this.pipe({ ...n.p, decl: [] }, dot, vars));
        if (v.t.k === 'slice') {
          const arr = (v.v ?? []) as unknown[];
          if (arr.length === 0) {
            if (n.elseList) this.walkList(n.elseList, dot, vars);
          } else
            arr.forEach((e, i) => {
              const ev: TVal = { t: (v.t as { elem: TType }).elem, v: e };
              if (decl.length === 1) vars.push([decl[0]!, ev]);
              else if (decl.length === 2) vars.push([decl[0]!, { t: tInt, v: i }], [decl[1]!, ev]);
              this.walkList(n.list, ev, vars);
              vars.length = mark;
            });
        } else if (v.t.k === 'int') {
          for (let i = 0; i < (v.v ?? 0); i++) this.walkList(n.list, { t: tInt, v: i }, vars);
          if ((v.v ?? 0) <= 0 && n.elseList) this.walkList(n.elseList, dot, vars);
        } else if (isNil(v)) {
          if (n.elseList) this.walkList(n.elseList, dot, vars);
        } else this.fail(n.p.pos, 'range', `range can't iterate over ${sprint(v)}`);
        vars.length = mark;
        return;
      }
    }
  }

  pipe(p: Pipe, dot: TVal, vars: Array<[string, TVal]>): TVal {
    let final: TVal | null = null;
    for (const c of p.cmds) final = this.cmd(c, dot, vars, final);
    for (const d of p.decl) vars.push([d, final!]);
    return final!;
  }

  cmd(c: Cmd, dot: TVal, vars: Array<[string, TVal]>, final: TVal | null): TVal {
    const first = c.args[0]!;
    if (first.k === 'ident') {
      const args = c.args.slice(1);
      return this.call(first.name, first.pos, args, dot, vars, final, c.text);
    }
    if (first.k === 'field') return this.fieldChain(dot, first.names, c.args.slice(1), dot, vars, final, first.pos);
    if (first.k === 'var' && first.fields.length > 0) return this.fieldChain(this.lookupVar(first.name, vars, first.pos), first.fields, c.args.slice(1), dot, vars, final, first.pos);
    if (c.args.length > 1 || final !== null) this.fail(first.pos, opText(first), `can't give argument to non-function ${opText(first)}`);
    return this.operand(first, dot, vars);
  }

  lookupVar(name: string, vars: Array<[string, TVal]>, pos: number): TVal {
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i]![0] === name) return vars[i]![1];
    this.fail(pos, name, `undefined variable: ${name}`);
  }

  operand(o: Operand, dot: TVal, vars: Array<[string, TVal]>): TVal {
    switch (o.k) {
      case 'dot':
        return dot;
      case 'lit':
        return o.v;
      case 'nil':
        this.fail(o.pos, 'nil', 'nil is not a command');
      case 'field':
        return this.fieldChain(dot, o.names, [], dot, vars, null, o.pos);
      case 'var': {
        const v = this.lookupVar(o.name, vars, o.pos);
        return o.fields.length ? this.fieldChain(v, o.fields, [], dot, vars, null, o.pos) : v;
      }
      case 'ident':
        return this.call(o.name, o.pos, [], dot, vars, null);
      case 'pipe': {
        const v = this.pipe(o.p, dot, vars);
        return o.fields.length ? this.fieldChain(v, o.fields, [], dot, vars, null, o.pos) : v;
      }
    }
  }

  fieldChain(recv: TVal, names: string[], args: Operand[], dot: TVal, vars: Array<[string, TVal]>, final: TVal | null, pos: number): TVal {
    let v = recv;
    const at = '.' + names.join('.');
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      v = this.field(v, name, last ? args : [], dot, vars, last ? final : null, pos, at);
    });
    return v;
  }

  field(recv: TVal, name: string, args: Operand[], dot: TVal, vars: Array<[string, TVal]>, final: TVal | null, pos: number, at: string): TVal {
    let r = concrete(recv);
    // Methods: time.Time.Format, String/Error on pointers to structs with str.
    const t = r.t.k === 'ptr' ? r.t.elem : r.t;
    const argVals = () => {
      const a = args.map((o) => this.operand(o, dot, vars));
      if (final !== null) a.push(final);
      return a;
    };
    if (t.k === 'time' && (name === 'Format' || name === 'String' || name === 'Unix' || name === 'IsZero')) {
      if (r.v === null || r.v === undefined) this.fail(pos, at, `error calling ${name}: value method time.Time.${name} called using nil *Time pointer`);
      const a = argVals();
      if (name === 'Format') {
        if (a.length !== 1) this.fail(pos, at, `wrong number of args for Format: want 1 got ${a.length}`);
        return { t: tString, v: timeFormat(r.v, sprint(a[0]!)) };
      }
      if (name === 'String') return { t: tString, v: timeString(r.v) };
      if (name === 'IsZero') return { t: tBool, v: false };
      return { t: tInt, v: Math.floor(Date.parse(r.v) / 1000) };
    }
    if (t.k === 'struct' && t.str && name === (t.strName ?? 'String') && r.t.k === 'ptr') {
      if (r.v === null || r.v === undefined) this.fail(pos, at, `error calling ${name}: invalid memory address or nil pointer dereference`);
      return { t: tString, v: t.str(r.v) };
    }
    if (t.k === 'struct') {
      const f = t.fields.find(([n]) => n === name);
      if (!f) this.fail(pos, at, `can't evaluate field ${name} in type ${typeName(r.t)}`);
      if (r.t.k === 'ptr' && (r.v === null || r.v === undefined)) this.fail(pos, at, `nil pointer evaluating ${typeName(r.t)}.${name}`);
      if (args.length > 0 || final !== null) this.fail(pos, at, `${name} has arguments but cannot be invoked as function`);
      return { t: f[1], v: r.v?.[name] };
    }
    if (r.t.k === 'any' && (r.v === null || r.v === undefined)) this.fail(pos, at, `nil pointer evaluating interface {}.${name}`);
    r = recv;
    this.fail(pos, at, `can't evaluate field ${name} in type ${typeName(r.t)}`);
  }

  call(name: string, pos: number, argOps: Operand[], dot: TVal, vars: Array<[string, TVal]>, final: TVal | null, text = name): TVal {
    // and / or short-circuit.
    if (name === 'and' || name === 'or') {
      const all = [...argOps.map((o) => () => this.operand(o, dot, vars)), ...(final !== null ? [() => final] : [])];
      if (all.length === 0) this.fail(pos, name, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: TVal = { t: tBool, v: false };
      for (const f of all) {
        v = f();
        if (isTrue(v) !== (name === 'and')) return v;
      }
      return v;
    }
    const params = this.funcs[name]?.params;
    if (params) {
      const n = argOps.length + (final !== null ? 1 : 0);
      if (n !== params.length) this.fail(pos, name, `wrong number of args for ${name}: want ${params.length} got ${n}`);
      argOps.forEach((o, i) => {
        const pt = params[i]!;
        if (o.k === 'lit' && o.v.t.k !== pt.k) this.fail(o.pos, opText(o), `can't handle ${opText(o)} for arg of type ${typeName(pt)}`);
      });
    }
    const args = argOps.map((o) => this.operand(o, dot, vars));
    if (final !== null) args.push(final);
    const want = (n: number) => {
      if (args.length !== n) this.fail(pos, name, `wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    switch (name) {
      case 'not':
        want(1);
        return { t: tBool, v: !isTrue(args[0]!) };
      case 'eq':
      case 'ne': {
        if (args.length < 2) this.fail(pos, name, `error calling ${name}: missing argument for comparison`);
        const basic = (x: TVal) => {
          const c = concrete(x);
          if (c.t.k === 'string') return c.v ?? '';
          if (c.t.k === 'bool') return !!c.v;
          if (c.t.k === 'int') return c.v ?? 0;
          if (isNil(c)) return null;
          this.fail(pos, name, `error calling ${name}: incompatible types for comparison`);
        };
        const a = basic(args[0]!);
        let eq = false;
        for (const b of args.slice(1)) {
          const bv = basic(b);
          if (typeof a !== typeof bv) this.fail(pos, name, `error calling ${name}: incompatible types for comparison`);
          if (a === bv) eq = true;
        }
        return { t: tBool, v: name === 'eq' ? eq : !eq };
      }
      case 'len': {
        want(1);
        const c = concrete(args[0]!);
        if (c.t.k === 'string') return { t: tInt, v: new TextEncoder().encode(c.v ?? '').length };
        if (c.t.k === 'slice') return { t: tInt, v: (c.v ?? []).length };
        this.fail(pos, name, `error calling len: len of type ${typeName(c.t)}`);
      }
      case 'index': {
        let c = concrete(args[0]!);
        for (const ix of args.slice(1)) {
          if (c.t.k !== 'slice') this.fail(pos, name, `error calling index: can't index item of type ${typeName(c.t)}`);
          const i = concrete(ix).v as number;
          const arr = (c.v ?? []) as unknown[];
          if (i < 0 || i >= arr.length) this.fail(pos, text, `error calling index: reflect: slice index out of range`);
          c = concrete({ t: c.t.elem, v: arr[i] });
        }
        return c;
      }
      case 'print':
        return { t: tString, v: sprintAll(args) };
      case 'println':
        return { t: tString, v: args.map((a) => sprint(a)).join(' ') + '\n' };
      case 'printf': {
        if (args.length === 0) this.fail(pos, name, 'wrong number of args for printf: want at least 1 got 0');
        return { t: tString, v: sprintf(sprint(args[0]!), args.slice(1)) };
      }
    }
    const f = this.funcs[name];
    if (!f) this.fail(pos, name, `"${name}" is not a defined function`);
    try {
      return f(args);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      this.fail(pos, name, `error calling ${name}: ${(e as Error).message}`);
    }
  }
}

function opText(o: Operand): string {
  switch (o.k) {
    case 'dot':
      return '.';
    case 'field':
      return '.' + o.names.join('.');
    case 'var':
      return o.name + o.fields.map((f) => '.' + f).join('');
    case 'ident':
      return o.name;
    case 'lit':
      return o.raw ?? (o.v.t.k === 'string' ? goQuote(o.v.v) : String(o.v.v));
    case 'nil':
      return 'nil';
    case 'pipe':
      return '(...)';
  }
}

/** go list's `join` (strings.Join) over []string. */
export const joinFunc: TemplateFunc = Object.assign(
  (args: TVal[]): TVal => {
    const a = concrete(args[0]!);
    if (a.t.k !== 'slice') throw new Error(`wrong type for value; expected []string; got ${typeName(a.t)}`);
    return { t: tString, v: ((a.v ?? []) as unknown[]).map(String).join(sprint(args[1]!)) };
  },
  { params: [sliceOf(tString), tString] },
);
