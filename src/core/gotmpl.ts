// Go's text/template as `go list -f` runs it: parsing (gotmplLex.ts, gotmplParse.ts), execution
// (this file: text/template/exec.go), builtins (gotmplFuncs.ts), fmt's printing (gotmplFmt.ts)
// over Go-typed values (gotmplValues.ts). Error texts, positions and the node an error names
// follow exec.go's state (s.at) exactly.
import { goQuote } from './goquote';
import { BUILTINS, callFunc, printableValue, truth } from './gotmplFuncs';
import { sprint, sprintValue } from './gotmplFmt';
import { errorLocation, nodeString, parseTrees, type BranchNode, type CommandNode, type ListNode, type Node, type NumberNode, type Parsed, type PipeNode, type VariableNode } from './gotmplParse';
import {
  canBeNil,
  elem,
  fieldOf,
  ifaceOf,
  indirect,
  indirectInterface,
  INVALID,
  intVal,
  isIntKind,
  isUintKind,
  lenOf,
  methodOf,
  ptrTo,
  sameType,
  sliceElem,
  sliceOf,
  tBool,
  tComplex,
  tFloat,
  TemplateError,
  tString,
  truthOf,
  typeName,
  valid,
  zeroOf,
  type IntKind,
  type TFunc,
  type TType,
  type TVal,
} from './gotmplValues';
import { compareUTF8 } from './gostrings';

export { isTrue, mapOf, ptrTo, sliceOf, tAny, tBool, tFloat, timeFormat, tInt, tString, tTime, TemplateError, type TFunc, type TStruct, type TType, type TVal } from './gotmplValues';
export { sprint, sprintf } from './gotmplFmt';

export interface Template {
  /** Executes over data of Go type `type`; a TemplateError carries the output written before it (`partial`). */
  execute(data: any, type: TType): string;
}

/** An execution error: Go's message, and what the template wrote before it (go list flushes it). */
export class ExecError extends TemplateError {
  constructor(
    message: string,
    readonly partial: string,
  ) {
    super(message);
  }
}

/** template.New(name).Funcs(funcs).Parse(src); throws TemplateError with Go's parse error text. */
export function parseTemplate(name: string, src: string, funcs: Record<string, TFunc> = {}): Template {
  const parsed = parseTrees(name, src, new Set([...Object.keys(BUILTINS), ...Object.keys(funcs)]));
  return {
    execute(data: any, type: TType): string {
      const s = new State(parsed, funcs);
      const root: TVal = { t: type, v: data };
      s.vars = [['$', root]];
      try {
        const tree = parsed.trees.get(name);
        if (!tree) s.errorf(`${goQuote(name)} is an incomplete or empty template`);
        s.walk(root, tree!);
      } catch (e) {
        if (e instanceof TemplateError) throw new ExecError(e.message, s.out);
        throw e;
      }
      return s.out;
    },
  };
}

/**
 * Thrown by a template function whose value needs asynchronous work (go list's `module`): the
 * execution stops, executeAsync resolves `key` and executes the template again.
 */
export class Suspend extends Error {
  constructor(readonly key: string) {
    super(`template execution suspended for ${key}`);
  }
}

/** Executes t, resolving what its functions suspend on (Suspend) and executing it again. */
export async function executeAsync(t: Template, data: any, type: TType, resolve: (key: string) => Promise<void>): Promise<string> {
  const seen = new Set<string>();
  for (;;) {
    try {
      return t.execute(data, type);
    } catch (e) {
      if (!(e instanceof Suspend) || seen.has(e.key)) throw e;
      seen.add(e.key);
      await resolve(e.key);
    }
  }
}

const MISSING: TVal = { t: { k: 'invalid' }, v: 'missing' };
const isMissing = (v: TVal) => v === MISSING;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
const MAX_DEPTH = 100000;

type Fn = TFunc & { builtin?: boolean };

class State {
  out = '';
  node: Node | null = null;
  vars: Array<[string, TVal]> = [];
  depth = 0;
  tmplName: string;
  constructor(
    readonly p: Parsed,
    readonly funcs: Record<string, TFunc>,
  ) {
    this.tmplName = p.name;
  }

  at(n: Node) {
    this.node = n;
  }

  errorf(msg: string): never {
    const name = this.tmplName;
    if (this.node === null) throw new TemplateError(`template: ${name}: ${msg}`);
    throw new TemplateError(`template: ${errorLocation(this.p, this.node.pos)}: executing ${goQuote(name)} at <${nodeString(this.node)}>: ${msg}`);
  }

  varValue(name: string): TVal {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]![0] === name) return this.vars[i]![1];
    this.errorf(`undefined variable: ${name}`);
  }
  setVar(name: string, value: TVal) {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i]![0] === name) {
        this.vars[i]![1] = value;
        return;
      }
    this.errorf(`undefined variable: ${name}`);
  }
  setTopVar(n: number, value: TVal) {
    this.vars[this.vars.length - n]![1] = value;
  }

  walk(dot: TVal, node: Node) {
    this.at(node);
    switch (node.k) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(n: BranchNode, dot: TVal) {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, n.pipe);
      const [t, ok] = truthOf(indirectInterface(val));
      if (!ok) this.errorf(`if/with can't use ${sprintValue(val)}`);
      if (t) this.walk(n.k === 'with' ? val : dot, n.list);
      else if (n.elseList) this.walk(dot, n.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  walkRange(dot: TVal, r: BranchNode) {
    this.at(r);
    const outer = this.vars.length;
    try {
      const val = indirect(this.evalPipeline(dot, r.pipe))[0];
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: TVal, el: TVal) => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : el);
          else this.setTopVar(1, el);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, el);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(el, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      const k = val.t.k;
      if (k === 'slice') {
        const n = lenOf(val);
        if (n > 0) {
          for (let i = 0; i < n; i++) one({ t: { k: 'int' }, v: i }, sliceElem(val, i));
          return;
        }
      } else if (k === 'map') {
        const keys = Object.keys(val.v ?? {}).sort(compareUTF8);
        if (keys.length > 0) {
          const mt = val.t as { key: TType; elem: TType };
          for (const key of keys) one({ t: mt.key, v: key }, { t: mt.elem, v: val.v[key] });
          return;
        }
      } else if (k !== 'invalid') this.errorf(`range can't iterate over ${sprintValue(val)}`);
      if (r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.vars.length = outer;
    }
  }

  walkTemplate(dot: TVal, t: Extract<Node, { k: 'template' }>) {
    this.at(t);
    const tmpl = this.p.trees.get(t.name);
    if (!tmpl) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    dot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.tmplName, depth: this.depth, node: this.node };
    this.depth++;
    this.tmplName = t.name;
    this.vars = [['$', dot]];
    try {
      this.walk(dot, tmpl as ListNode);
    } catch (e) {
      // JavaScript's stack ends long before Go's depth limit: report it as Go does at its limit.
      if (!(e instanceof RangeError)) throw e;
      this.tmplName = saved.name;
      this.at(t);
      this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    } finally {
      this.vars = saved.vars;
      this.tmplName = saved.name;
      this.depth = saved.depth;
      this.node = saved.node;
    }
  }

  evalPipeline(dot: TVal, pipe: PipeNode | null): TVal {
    if (pipe === null) return INVALID;
    this.at(pipe);
    let value = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value.t.k === 'iface' && value.t.name === undefined) value = elem(value);
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push([v.ident[0]!, value]);
    }
    return value;
  }

  notAFunction(args: Node[] | null, final: TVal) {
    if ((args !== null && args.length > 1) || !isMissing(final)) this.errorf(`can't give argument to non-function ${nodeString(args![0]!)}`);
  }

  evalCommand(dot: TVal, cmd: CommandNode, final: TVal): TVal {
    const first = cmd.args[0]!;
    switch (first.k) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.k) {
      case 'bool':
        return { t: tBool, v: first.val };
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return { t: tString, v: first.text };
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  idealConstant(c: NumberNode): TVal {
    this.at(c);
    if (c.isComplex) return { t: tComplex, v: c.complex };
    const isHexInt = c.text.length > 2 && c.text[0] === '0' && 'xX'.includes(c.text[1]!) && !/[pP]/.test(c.text);
    if (c.isFloat && !isHexInt && c.text[0] !== "'" && /[.eEpP]/.test(c.text)) return { t: tFloat, v: c.float64 };
    if (c.isInt) return intVal('int', c.int64);
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return INVALID;
  }

  evalFieldNode(dot: TVal, field: Extract<Node, { k: 'field' }>, args: Node[] | null, final: TVal): TVal {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: TVal, chain: Extract<Node, { k: 'chain' }>, args: Node[] | null, final: TVal): TVal {
    this.at(chain);
    if (chain.node.k === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(dot: TVal, v: VariableNode, args: Node[] | null, final: TVal): TVal {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  evalFieldChain(dot: TVal, receiver: TVal, node: Node, ident: string[], args: Node[] | null, final: TVal): TVal {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  evalFunction(dot: TVal, node: Extract<Node, { k: 'identifier' }>, cmd: Node, args: Node[] | null, final: TVal): TVal {
    this.at(node);
    const name = node.ident;
    const user = this.funcs[name];
    const f: Fn | undefined = user ?? (BUILTINS[name] ? { ...BUILTINS[name]!, builtin: true } : undefined);
    if (!f) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, f, cmd, name, args, final);
  }

  evalField(dot: TVal, fieldName: string, node: Node, args: Node[] | null, final: TVal, receiver: TVal): TVal {
    if (!valid(receiver)) return INVALID;
    const typ = receiver.t;
    const [recv, isNil] = indirect(receiver);
    if (recv.t.k === 'iface' && isNil) this.errorf(`nil pointer evaluating ${typeName(typ)}.${fieldName}`);
    const mt = recv.t.k !== 'ptr' && recv.t.k !== 'iface' && recv.addr ? ptrTo(recv.t) : recv.t;
    const method = methodOf(mt, fieldName);
    if (method) {
      const bound: TFunc = {
        params: method.params,
        result: method.result,
        call: (a) => {
          if (recv.v === null || recv.v === undefined) {
            if (recv.t.k === 'ptr') throw new Error(method.nilPanic);
          }
          return method.call(recv.v, a);
        },
      };
      return this.evalCall(dot, bound, node, fieldName, args, final);
    }
    const hasArgs = (args !== null && args.length > 1) || !isMissing(final);
    const t = recv.t;
    if (t.k === 'struct') {
      if (t.fields.some(([n]) => n === fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return fieldOf(recv, fieldName);
      }
    } else if (t.k === 'map') {
      if (t.key.k === 'string' || (t.key.k === 'iface' && t.key.name === undefined)) {
        if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
        if (recv.v && Object.prototype.hasOwnProperty.call(recv.v, fieldName)) return { t: t.elem, v: recv.v[fieldName] };
        return INVALID;
      }
    } else if (t.k === 'ptr') {
      const et = t.elem;
      if (!(et.k === 'time' || (et.k === 'struct' && !et.fields.some(([n]) => n === fieldName)))) {
        if (isNil) this.errorf(`nil pointer evaluating ${typeName(typ)}.${fieldName}`);
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typeName(typ)}`);
  }

  evalCall(dot: TVal, fun: Fn, node: Node, name: string, argNodes: Node[] | null, final: TVal): TVal {
    const args = argNodes !== null ? argNodes.slice(1) : [];
    const params = fun.params;
    let numIn = args.length;
    if (!isMissing(final)) numIn++;
    let numFixed = args.length;
    if (fun.variadic) {
      numFixed = params.length - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${params.length - 1} got ${args.length}`);
    } else if (numIn !== params.length) this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);

    if (fun.builtin && (name === 'and' || name === 'or')) {
      const argType = params[0]!;
      let v = INVALID;
      for (const arg of args) {
        v = this.evalArg(dot, argType, arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (!isMissing(final)) v = this.validateType(final, argType);
      return v;
    }
    const argv: TVal[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv[i] = this.evalArg(dot, params[i]!, args[i]!);
    if (fun.variadic) {
      const argType = (params[params.length - 1] as { elem: TType }).elem;
      for (; i < args.length; i++) argv[i] = this.evalArg(dot, argType, args[i]!);
    }
    if (!isMissing(final)) {
      let t = params[params.length - 1]!;
      if (fun.variadic) t = numIn - 1 < numFixed ? params[numIn - 1]! : (t as { elem: TType }).elem;
      argv[i] = this.validateType(final, t);
    }
    // Arguments of interface type arrive as the values they hold.
    const callArgs = argv.map((a, j) => {
      const pt = fun.variadic && j >= params.length - 1 ? (params[params.length - 1] as { elem: TType }).elem : params[j]!;
      return pt.k === 'iface' ? ifaceOf(a) : a;
    });
    try {
      // (exec.go indexes args[0] here: `{{x | call}}` panics in Go; the callee's name is then empty)
      if (fun.builtin && name === 'call') return callFunc(args[0] ? nodeString(args[0]) : '', callArgs);
      return fun.call(callArgs);
    } catch (e) {
      if (e instanceof TemplateError || e instanceof Suspend || typeof e === 'symbol') throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${(e as Error).message}`);
    }
  }

  validateType(value: TVal, typ: TType | null): TVal {
    if (!valid(value)) {
      if (typ === null) return INVALID;
      if (typ.k === 'rv') return INVALID;
      if (canBeNil(typ)) return zeroOf(typ);
      this.errorf(`invalid value; expected ${typeName(typ)}`);
    }
    if (typ === null || typ.k === 'rv') return value;
    const assignable = (t: TType) => sameType(t, typ) || (typ.k === 'iface' && typ.name === undefined);
    if (!assignable(value.t)) {
      if (value.t.k === 'iface' && value.v !== null && value.v !== undefined) {
        value = elem(value);
        if (assignable(value.t)) return value;
      }
      if (value.t.k === 'ptr' && assignable(value.t.elem)) {
        value = elem(value);
        if (!valid(value)) this.errorf(`dereference of nil pointer of type ${typeName(typ)}`);
      } else if (assignable(ptrTo(value.t)) && value.addr) value = { t: ptrTo(value.t), v: value.v };
      else this.errorf(`wrong type for value; expected ${typeName(typ)}; got ${typeName(value.t)}`);
    }
    return value;
  }

  evalArg(dot: TVal, typ: TType | null, n: Node): TVal {
    this.at(n);
    switch (n.k) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ !== null && canBeNil(typ)) return typ.k === 'rv' ? INVALID : zeroOf(typ);
        this.errorf(`cannot assign nil to ${typ ? typeName(typ) : '<nil>'}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    const k = typ?.k ?? 'invalid';
    const num = n.k === 'number' ? n : null;
    const expected = (what: string): never => this.errorf(`expected ${what}; found ${nodeString(n)}`);
    if (k === 'bool') return n.k === 'bool' ? { t: typ!, v: n.val } : expected('bool');
    if (k === 'complex128') return num?.isComplex ? { t: typ!, v: num.complex } : expected('complex');
    if (k === 'float64') return num?.isFloat ? { t: typ!, v: num.float64 } : expected('float');
    if (isIntKind(k) && !isUintKind(k)) return num?.isInt ? intVal(k as IntKind, num.int64) : expected('integer');
    if (k === 'iface' && (typ as { name?: string }).name === undefined) return this.evalEmptyInterface(dot, n);
    if (k === 'rv') return this.evalEmptyInterface(dot, n);
    if (k === 'string') return n.k === 'string' ? { t: typ!, v: n.text } : expected('string');
    if (isUintKind(k)) return num?.isUint ? intVal(k as IntKind, num.uint64) : expected('unsigned integer');
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ ? typeName(typ) : '<nil>'}`);
  }

  evalEmptyInterface(dot: TVal, n: Node): TVal {
    this.at(n);
    switch (n.k) {
      case 'bool':
        return { t: tBool, v: n.val };
      case 'dot':
        return dot;
      case 'field':
        return this.evalFieldNode(dot, n, null, MISSING);
      case 'identifier':
        return this.evalFunction(dot, n, n, null, MISSING);
      case 'nil':
        this.errorf("evalEmptyInterface: nil (can't happen)");
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return { t: tString, v: n.text };
      case 'variable':
        return this.evalVariableNode(dot, n, null, MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  printValue(n: Node, v: TVal) {
    this.at(n);
    const [iface, ok] = printableValue(v);
    if (!ok) this.errorf(`can't print ${nodeString(n)} of type ${typeName(v.t)}`);
    this.out += sprint(iface);
  }
}

/** go list's `join` (strings.Join). */
export const joinFunc: TFunc = {
  params: [sliceOf(tString), tString],
  result: tString,
  call: (a) => ({ t: tString, v: ((a[0]!.v ?? []) as unknown[]).map((x) => String(x ?? '')).join(a[1]!.v ?? '') }),
};
