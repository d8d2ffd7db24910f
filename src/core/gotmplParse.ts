// text/template/parse for gotmpl.ts: lexing and parsing a template into its tree (text, actions,
// if / with / range with else and else-if, pipelines, declarations), with Go's parse error texts.
import { goQuote } from './module';
import { goQuoteRune } from './goquote';
import { tBool, tInt, tString, TemplateError, type TVal } from './gotmplValues';

type Tok =
  | { k: 'field'; names: string[]; pos: number }
  | { k: 'dot'; pos: number }
  | { k: 'var'; name: string; fields: string[]; pos: number }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'string'; v: string; pos: number; raw: string }
  | { k: 'number'; v: number; pos: number }
  | { k: 'lparen' | 'rparen' | 'pipe' | 'declare'; pos: number }
  | { k: 'fieldsuffix'; names: string[]; pos: number };

export type Operand =
  | { k: 'field'; names: string[]; pos: number }
  | { k: 'dot'; pos: number }
  | { k: 'var'; name: string; fields: string[]; pos: number }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'lit'; v: TVal; pos: number; raw?: string }
  | { k: 'nil'; pos: number }
  | { k: 'pipe'; p: Pipe; fields: string[]; pos: number };

export type Cmd = { args: Operand[]; pos: number; text: string };
export type Pipe = { decl: string[]; cmds: Cmd[]; pos: number };
export type Node =
  | { k: 'text'; s: string }
  | { k: 'action'; p: Pipe }
  | { k: 'if' | 'with' | 'range'; p: Pipe; list: Node[]; elseList: Node[] | null };

const builtins = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'len', 'index', 'print', 'printf', 'println', 'html', 'js', 'urlquery', 'call', 'slice']);

export class Parser {
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
    const fieldStart = () => s[k] === '.' && /[A-Za-z_]/.test(s[k + 1] ?? '');
    // .A.B...: the names and the position of the last one (as Go reports it)
    const fieldChain = (): { names: string[]; pos: number } => {
      const names: string[] = [];
      let pos = k;
      while (fieldStart()) {
        pos = k;
        identRe.lastIndex = k + 1;
        names.push(identRe.exec(s)![0]);
        k = identRe.lastIndex;
      }
      return { names, pos };
    };
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
        if (fieldStart()) toks.push({ k: 'fieldsuffix', ...fieldChain() });
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
        if (!fieldStart()) {
          toks.push({ k: 'dot', pos: k++ });
          continue;
        }
        toks.push({ k: 'field', ...fieldChain() });
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
      // lex.go: a field, variable or identifier must end at a terminator ("bad character")
      const last = toks[toks.length - 1];
      if (last && ['field', 'var', 'ident', 'dot', 'fieldsuffix'].includes(last.k) && /[A-Za-z0-9_.$]/.test(s[k - 1] ?? '')) {
        this.fail(k, `bad character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} ${goQuoteRune(c.charCodeAt(0))}`);
      }
      this.fail(k, `unexpected ${goQuote(c)} in ${charContext(toks)}`);
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

/** An operand as error texts show it. */
export function opText(o: Operand): string {
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

/**
 * text/template/parse: where a stray character stops the parser — at the start of a pipeline's
 * command, the pipeline's context (pipeline(context): "command", the action's keyword, or
 * "parenthesized pipeline"); after an operand, command's "operand".
 */
function charContext(toks: readonly Tok[]): string {
  const kw = (t: Tok | undefined, names: string[]) => t !== undefined && t.k === 'ident' && names.includes(t.name);
  let head = 0;
  let base = 'command';
  if (kw(toks[0], ['if', 'range', 'with'])) head = 1;
  else if (kw(toks[0], ['else']) && kw(toks[1], ['if', 'with'])) head = 2;
  if (head > 0) base = (toks[head - 1] as { name: string }).name;
  const stack = [base];
  for (const t of toks) {
    if (t.k === 'lparen') stack.push('parenthesized pipeline');
    else if (t.k === 'rparen' && stack.length > 1) stack.pop();
  }
  const last = toks[toks.length - 1];
  if (toks.length === head || last === undefined || last.k === 'lparen' || last.k === 'pipe' || last.k === 'declare') return stack[stack.length - 1]!;
  return 'operand';
}
