// A subset of Go's text/template (the part `go list -f` templates use): text and {{actions}} with
// trim markers and comments; pipelines of field chains (.A.B), method calls with arguments
// (.Time.Format "2006-01-02"), string/number/bool/nil literals, `.`, `$`, parenthesized
// pipelines and `|`; if / with / range with else and else-if; the builtins and, or, not, eq, ne,
// len, index, print, printf, println plus caller functions (go list: join).
// Values carry Go types (TType) so zero values, truth (text/template exec.go: isTrue) and printing
// (fmt's %v: String/Error methods, <nil>, [a b], &{...}) follow Go.
// Parsing lives in gotmplParse.ts, values and their printing in gotmplValues.ts; this file
// executes a parsed template.
import { goQuote } from './module';
import { opText, Parser, type Cmd, type Node, type Operand, type Pipe } from './gotmplParse';
import {
  concrete,
  isNil,
  isTrue,
  sliceOf,
  sprint,
  sprintAction,
  sprintAll,
  sprintf,
  tBool,
  TemplateError,
  timeFormat,
  timeString,
  tInt,
  tString,
  typeName,
  type TType,
  type TVal,
} from './gotmplValues';

export { isTrue, ptrTo, sliceOf, sprint, sprintf, tAny, tBool, timeFormat, tInt, tString, tTime, TemplateError, type TStruct, type TType } from './gotmplValues';

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

/** go list's `join` (strings.Join) over []string. */
export const joinFunc: TemplateFunc = Object.assign(
  (args: TVal[]): TVal => {
    const a = concrete(args[0]!);
    if (a.t.k !== 'slice') throw new Error(`wrong type for value; expected []string; got ${typeName(a.t)}`);
    return { t: tString, v: ((a.v ?? []) as unknown[]).map(String).join(sprint(args[1]!)) };
  },
  { params: [sliceOf(tString), tString] },
);
