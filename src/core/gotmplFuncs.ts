// text/template/funcs.go: the builtin functions (and, or, not, call, html, index, slice, js, len,
// print, printf, println, urlquery, eq, ge, gt, le, lt, ne) with their signatures (which decide
// how exec.go evaluates arguments) and exact errors (thrown Error: "error calling X: <message>").
import { utf8Decode, utf8Encode } from './gostrings';
import { isPrint } from './goquote';
import { sprint, sprintf, sprintln } from './gotmplFmt';
import {
  canBeNil,
  ifaceOf,
  indirect,
  indirectInterface,
  INVALID,
  intVal,
  isIntKind,
  isNilVal,
  isUintKind,
  lenOf,
  ptrTo,
  sameType,
  sliceOf,
  stringerOf,
  tAny,
  tBool,
  tInt,
  toBig,
  tRV,
  tString,
  truthOf,
  typeName,
  valid,
  zeroOf,
  type TFunc,
  type TType,
  type TVal,
} from './gotmplValues';

const anys = sliceOf(tAny);
const rvs = sliceOf(tRV);

export const truth = (x: TVal) => truthOf(indirectInterface(x))[0];

/** exec.go: printableValue — [value, ok]. */
export function printableValue(v: TVal): [TVal, boolean] {
  if (v.t.k === 'ptr') v = indirect(v)[0];
  if (!valid(v)) return [{ t: tString, v: '<no value>' }, true];
  if (!stringerOf(v.t)) {
    if (v.addr && stringerOf(ptrTo(v.t))) v = { t: ptrTo(v.t), v: v.v };
    else if (v.t.k === 'func') return [INVALID, false];
  }
  return [ifaceOf(v), true];
}

function evalArgs(args: TVal[]): string {
  if (args.length === 1 && args[0]!.t.k === 'string') return args[0]!.v ?? '';
  return sprint(...args.map((a) => (valid(a) ? printableValue(a) : printableValue(INVALID))[0]));
}

/** funcs.go: indexArg */
function indexArg(index: TVal, cap: number): number {
  let x: bigint;
  if (isIntKind(index.t.k)) x = BigInt.asIntN(64, toBig(index.v));
  else if (!valid(index)) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${typeName(index.t)}`);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

/** funcs.go: prepareArg (map keys) */
function prepareArg(value: TVal, argType: TType): TVal {
  if (!valid(value)) {
    if (!canBeNil(argType)) throw new Error(`value is nil; should be of type ${typeName(argType)}`);
    return zeroOf(argType);
  }
  if (sameType(value.t, argType) || argType.k === 'iface') return value;
  if (isIntKind(value.t.k) && isIntKind(argType.k)) return intVal(argType.k, toBig(value.v));
  throw new Error(`value has type ${typeName(value.t)}; should be ${typeName(argType)}`);
}

function index(args: TVal[]): TVal {
  let item = indirectInterface(args[0]!);
  if (!valid(item)) throw new Error('index of untyped nil');
  for (let ix of args.slice(1)) {
    ix = indirectInterface(ix);
    let isNil;
    [item, isNil] = indirect(item);
    if (isNil) throw new Error('index of nil pointer');
    const t = item.t;
    if (t.k === 'slice' || t.k === 'string') {
      const n = lenOf(item);
      const x = indexArg(ix, n);
      if (x >= n) throw new Error(`reflect: ${t.k} index out of range`);
      if (t.k === 'string') item = { t: { k: 'uint8' }, v: utf8Encode(item.v ?? '')[x]! };
      else item = { t: t.elem, v: (item.v as unknown[])[x], addr: true };
    } else if (t.k === 'map') {
      const key = prepareArg(ix, t.key);
      const k = String(ifaceOf(key).v ?? '');
      if (item.v && Object.prototype.hasOwnProperty.call(item.v, k)) item = { t: t.elem, v: item.v[k] };
      else item = zeroOf(t.elem);
    } else throw new Error(`can't index item of type ${typeName(t)}`);
  }
  return item;
}

function slice(args: TVal[]): TVal {
  const item = indirectInterface(args[0]!);
  if (!valid(item)) throw new Error('slice of untyped nil');
  const indexes = args.slice(1);
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  if (item.t.k === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    cap = lenOf(item);
  } else if (item.t.k === 'slice') cap = lenOf(item);
  else throw new Error(`can't slice item of type ${typeName(item.t)}`);
  const idx = [0, lenOf(item), 0];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, cap)));
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (item.t.k === 'string') return { t: item.t, v: utf8Decode(utf8Encode(item.v ?? '').subarray(idx[0], idx[1])) };
  if (item.v === null || item.v === undefined) return { t: item.t, v: idx[1] === 0 ? item.v : [] };
  return { t: item.t, v: (item.v as unknown[]).slice(idx[0], idx[1]) };
}

function length(args: TVal[]): TVal {
  const [item, isNil] = indirect(args[0]!);
  if (isNil) throw new Error('len of nil pointer');
  if (['slice', 'map', 'string'].includes(item.t.k)) return { t: tInt, v: lenOf(item) };
  // (item.Type() of an invalid value panics; safeCall reports the panic)
  if (!valid(item)) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  throw new Error(`len of type ${typeName(item.t)}`);
}

type Kind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';
function basicKind(v: TVal): Kind {
  const k = v.t.k;
  if (k === 'bool') return 'bool';
  if (isIntKind(k)) return isUintKind(k) ? 'uint' : 'int';
  if (k === 'float64') return 'float';
  if (k === 'complex128') return 'complex';
  if (k === 'string') return 'string';
  return 'invalid';
}
const BAD_TYPE = 'invalid type for comparison';
const BAD_CMP = 'incompatible types for comparison';

const isNilish = (v: TVal) => !valid(v) || isNilVal(v);
const comparable = (t: TType) => !['slice', 'map', 'func'].includes(t.k);

function eqRaw(a: TVal, b: TVal): boolean {
  if (a.t.k === 'ptr') return a.v === b.v;
  return JSON.stringify(a.v ?? null) === JSON.stringify(b.v ?? null);
}

export function eq(args: TVal[]): boolean {
  const arg1 = indirectInterface(args[0]!);
  if (args.length < 2) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of args.slice(1)) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = toBig(arg1.v) >= 0n && toBig(arg1.v) === toBig(arg.v);
      else if (k1 === 'uint' && k2 === 'int') t = toBig(arg.v) >= 0n && toBig(arg1.v) === toBig(arg.v);
      else if (valid(arg1) && valid(arg)) throw new Error(BAD_CMP);
    } else {
      switch (k1) {
        case 'bool':
          t = !!arg1.v === !!arg.v;
          break;
        case 'complex': {
          const a = arg1.v ?? { re: 0, im: 0 };
          const b = arg.v ?? { re: 0, im: 0 };
          t = a.re === b.re && a.im === b.im;
          break;
        }
        case 'float':
          t = (arg1.v ?? 0) === (arg.v ?? 0);
          break;
        case 'int':
        case 'uint':
          t = toBig(arg1.v) === toBig(arg.v);
          break;
        case 'string':
          t = (arg1.v ?? '') === (arg.v ?? '');
          break;
        default:
          if (valid(arg1) && valid(arg) && arg1.t.k !== arg.t.k)
            throw new Error(`non-comparable types ${sprintf('%s', [arg1])}: ${typeName(arg1.t)}, ${typeName(arg.t)}: ${sprintf('%v', [arg])}`);
          if (isNilish(arg1) || isNilish(arg)) t = isNilish(arg) === isNilish(arg1);
          else {
            if (!comparable(arg.t)) throw new Error(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg.t)}`);
            t = sameType(arg1.t, arg.t) && eqRaw(arg1, arg);
          }
      }
    }
    if (t) return true;
  }
  return false;
}

export function lt(a1: TVal, a2: TVal): boolean {
  const arg1 = indirectInterface(a1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new Error(BAD_TYPE);
  const arg2 = indirectInterface(a2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new Error(BAD_TYPE);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return toBig(arg1.v) < 0n || toBig(arg1.v) < toBig(arg2.v);
    if (k1 === 'uint' && k2 === 'int') return toBig(arg2.v) >= 0n && toBig(arg1.v) < toBig(arg2.v);
    throw new Error(BAD_CMP);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new Error(BAD_TYPE);
    case 'float':
      return (arg1.v ?? 0) < (arg2.v ?? 0);
    case 'string': {
      const a = utf8Encode(arg1.v ?? '');
      const b = utf8Encode(arg2.v ?? '');
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
      return a.length < b.length;
    }
    default:
      return toBig(arg1.v) < toBig(arg2.v);
  }
}
const le = (a: TVal, b: TVal) => lt(a, b) || eq([a, b]);

// funcs.go: HTMLEscapeString, JSEscapeString, URLQueryEscaper (url.QueryEscape)
function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    const special: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (special[ch]) out += special[ch];
    else if (r < 0x20) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
    else if (r < 0x80) out += ch;
    else if (r >= 0xd800 && r < 0xe000) out += '\\uFFFD';
    else if (isPrint(r)) out += ch;
    else out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const fn = (params: TType[], result: TType, call: (a: TVal[]) => TVal, variadic = false): TFunc => ({ params, result, call, variadic });
const bool = (b: boolean): TVal => ({ t: tBool, v: b });
const str = (s: string): TVal => ({ t: tString, v: s });

/** funcs.go: builtins() (and / or / call are special-cased by the executor). */
export const BUILTINS: Record<string, TFunc> = {
  and: fn([tRV, rvs], tRV, () => INVALID, true),
  or: fn([tRV, rvs], tRV, () => INVALID, true),
  call: fn([tRV, rvs], tRV, () => INVALID, true),
  html: fn([anys], tString, (a) => str(htmlEscape(evalArgs(a))), true),
  index: fn([tRV, rvs], tRV, index, true),
  slice: fn([tRV, rvs], tRV, slice, true),
  js: fn([anys], tString, (a) => str(jsEscape(evalArgs(a))), true),
  len: fn([tRV], tInt, length),
  not: fn([tRV], tBool, (a) => bool(!truth(a[0]!))),
  print: fn([anys], tString, (a) => str(sprint(...a)), true),
  printf: fn([tString, anys], tString, (a) => str(sprintf(a[0]!.v ?? '', a.slice(1))), true),
  println: fn([anys], tString, (a) => str(sprintln(a)), true),
  urlquery: fn([anys], tString, (a) => str(queryEscape(evalArgs(a))), true),
  eq: fn([tRV, rvs], tBool, (a) => bool(eq(a)), true),
  ge: fn([tRV, tRV], tBool, (a) => bool(!lt(a[0]!, a[1]!))),
  gt: fn([tRV, tRV], tBool, (a) => bool(!le(a[0]!, a[1]!))),
  le: fn([tRV, tRV], tBool, (a) => bool(le(a[0]!, a[1]!))),
  lt: fn([tRV, tRV], tBool, (a) => bool(lt(a[0]!, a[1]!))),
  ne: fn([tRV, tRV], tBool, (a) => bool(!eq(a))),
};

/** funcs.go: call — the builtin's body once the callee's name is known. */
export function callFunc(name: string, args: TVal[]): TVal {
  const f = indirectInterface(args[0]!);
  if (!valid(f)) throw new Error('call of nil');
  if (f.t.k !== 'func') throw new Error(`non-function ${name} of type ${typeName(f.t)}`);
  const ft = f.t.fn;
  const rest = args.slice(1);
  const numIn = ft.params.length;
  if (ft.variadic ? rest.length < numIn - 1 : rest.length !== numIn)
    throw new Error(`wrong number of args for ${name}: got ${rest.length} want ${ft.variadic ? 'at least ' : ''}${ft.variadic ? numIn - 1 : numIn}`);
  const argv = rest.map((a, i) => {
    const at = ft.variadic && i >= numIn - 1 ? (ft.params[numIn - 1] as { elem: TType }).elem : ft.params[i]!;
    try {
      return prepareArg(indirectInterface(a), at);
    } catch (e) {
      throw new Error(`arg ${i}: ${(e as Error).message}`);
    }
  });
  return ft.call(argv);
}

