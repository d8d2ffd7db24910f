// text/template's values (gotmpl.ts): Go-typed values (TType + raw JS value), reflect's kinds,
// type names, zero values, truth (exec.go: isTrue), indirection, methods; time formatting.
import { goByteLen } from './gostrings';

export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';
const INT_KINDS: readonly IntKind[] = ['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr'];

/**
 * A Go type. Raw values (TVal.v) by kind: string / boolean / number|bigint (ints) / number
 * (float64) / {re, im} (complex128) / array|null (slice; null is nil) / Record<string, raw>|null
 * (map with string keys) / raw of elem|null (pointer) / object (struct, fields by name) / TVal|null
 * (interface: the dynamic value) / RFC 3339 text (time.Time). undefined is the zero value.
 */
export type TType =
  | { k: 'string' }
  | { k: 'bool' }
  | { k: IntKind }
  | { k: 'float64' }
  | { k: 'complex128' }
  | { k: 'slice'; elem: TType }
  | { k: 'map'; key: TType; elem: TType }
  | { k: 'ptr'; elem: TType }
  | { k: 'iface'; name?: string }
  | { k: 'time' }
  | { k: 'func'; fn: TFunc }
  | { k: 'rv' }
  | { k: 'invalid' }
  | TStruct;

export interface TStruct {
  k: 'struct';
  /** Go's type name as printed in errors, e.g. "modinfo.ModulePublic". */
  name: string;
  fields: Array<[string, TType]>;
  /** String() or Error() on the pointer receiver: fmt prints it for a non-nil pointer. */
  str?: (v: any) => string;
  /** The method's name (default "String"). */
  strName?: 'String' | 'Error';
}

/** A function value a template can call: its Go signature and its body. */
export interface TFunc {
  params: TType[];
  variadic?: boolean;
  /** Go's type of the result (a second error result is a thrown Error). */
  result: TType;
  call: (args: TVal[]) => TVal;
}

export const tString: TType = { k: 'string' };
export const tBool: TType = { k: 'bool' };
export const tInt: TType = { k: 'int' };
export const tFloat: TType = { k: 'float64' };
export const tComplex: TType = { k: 'complex128' };
export const tTime: TType = { k: 'time' };
/** interface{} (any) */
export const tAny: TType = { k: 'iface' };
/** reflect.Value (builtins' parameters) */
export const tRV: TType = { k: 'rv' };
const tInvalid: TType = { k: 'invalid' };
export const sliceOf = (elem: TType): TType => ({ k: 'slice', elem });
export const ptrTo = (elem: TType): TType => ({ k: 'ptr', elem });
export const mapOf = (key: TType, elem: TType): TType => ({ k: 'map', key, elem });

export interface TVal {
  t: TType;
  v: any;
  /** reflect's CanAddr: reached through a pointer, a slice element or an addressable struct's field. */
  addr?: boolean;
}

export const INVALID: TVal = { t: tInvalid, v: undefined };
export const valid = (x: TVal) => x.t.k !== 'invalid';

/** text/template's ExecError / parse error: `.message` is Go's text. */
export class TemplateError extends Error {}

export const isIntKind = (k: string): k is IntKind => (INT_KINDS as readonly string[]).includes(k);
export const isUintKind = (k: string) => k.startsWith('uint');

/** reflect.Type.String */
export function typeName(t: TType): string {
  switch (t.k) {
    case 'ptr':
      return '*' + typeName(t.elem);
    case 'slice':
      return '[]' + typeName(t.elem);
    case 'map':
      return `map[${typeName(t.key)}]${typeName(t.elem)}`;
    case 'struct':
      return t.name;
    case 'time':
      return 'time.Time';
    case 'iface':
      return t.name ?? 'interface {}';
    case 'rv':
      return 'reflect.Value';
    case 'func':
      return 'func(' + t.fn.params.map((p, i) => (t.fn.variadic && i === t.fn.params.length - 1 ? '...' + typeName((p as { elem: TType }).elem) : typeName(p))).join(', ') + ') ' + typeName(t.fn.result);
    case 'invalid':
      return '<nil>';
    default:
      return t.k;
  }
}

export const sameType = (a: TType, b: TType) => a === b || typeName(a) === typeName(b);

export function isNilRaw(v: unknown): boolean {
  return v === null || v === undefined;
}

/** reflect.Value.IsNil for kinds that can be nil. */
export function isNilVal(x: TVal): boolean {
  switch (x.t.k) {
    case 'ptr':
    case 'iface':
    case 'slice':
    case 'map':
      return isNilRaw(x.v);
    case 'func':
      return false;
    default:
      return false;
  }
}

/** exec.go: canBeNil */
export function canBeNil(t: TType): boolean {
  return ['func', 'iface', 'map', 'ptr', 'slice', 'rv'].includes(t.k);
}

/** reflect.Zero */
export const zeroOf = (t: TType): TVal => ({ t, v: undefined });

/** reflect.Value.Elem of a pointer or interface. */
export function elem(x: TVal): TVal {
  if (x.t.k === 'iface') return isNilRaw(x.v) ? INVALID : (x.v as TVal);
  if (x.t.k === 'ptr') return isNilRaw(x.v) ? INVALID : { t: x.t.elem, v: x.v, addr: true };
  return x;
}

/** exec.go: indirect — through pointers and interfaces; isNil when one is nil. */
export function indirect(x: TVal): [TVal, boolean] {
  for (; x.t.k === 'ptr' || x.t.k === 'iface'; x = elem(x)) if (isNilRaw(x.v)) return [x, true];
  return [x, false];
}

/** exec.go: indirectInterface */
export function indirectInterface(x: TVal): TVal {
  if (x.t.k !== 'iface') return x;
  return elem(x);
}

/** reflect.Value.Interface's dynamic value: an interface value gives what it holds. */
export const ifaceOf = (x: TVal): TVal => (x.t.k === 'iface' ? elem(x) : x);

/** reflect.Value.Len */
export function lenOf(x: TVal): number {
  if (x.t.k === 'string') return goByteLen(x.v ?? '');
  if (x.t.k === 'slice') return ((x.v ?? []) as unknown[]).length;
  if (x.t.k === 'map') return Object.keys(x.v ?? {}).length;
  return 0;
}

export function sliceElem(x: TVal, i: number): TVal {
  return { t: (x.t as { elem: TType }).elem, v: (x.v as unknown[])[i], addr: true };
}

export function fieldOf(x: TVal, name: string): TVal {
  return { t: (x.t as TStruct).fields.find(([n]) => n === name)![1], v: x.v?.[name], addr: x.addr };
}

export function toBig(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  return 0n;
}

/** An int value of kind k from a bigint (wrapped as Go's conversion would). */
export function intVal(k: IntKind, n: bigint): TVal {
  const bits = k === 'int' || k === 'uint' || k === 'uintptr' ? 64 : Number(k.replace(/\D/g, ''));
  const v = isUintKind(k) ? BigInt.asUintN(bits, n) : BigInt.asIntN(bits, n);
  return { t: { k }, v: v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v };
}

/** exec.go: isTrue — [truth, ok]. */
export function truthOf(x: TVal): [boolean, boolean] {
  if (!valid(x)) return [false, true];
  const k = x.t.k;
  switch (k) {
    case 'slice':
    case 'map':
    case 'string':
      return [lenOf(x) > 0, true];
    case 'bool':
      return [!!x.v, true];
    case 'complex128':
      return [!!x.v && (x.v.re !== 0 || x.v.im !== 0), true];
    case 'ptr':
    case 'iface':
      return [!isNilRaw(x.v), true];
    case 'func':
      return [true, true];
    case 'float64':
      return [(x.v ?? 0) !== 0, true];
    case 'struct':
    case 'time':
      return [true, true];
    default:
      if (isIntKind(k)) return [toBig(x.v) !== 0n, true];
      return [false, false];
  }
}

export function isTrue(x: TVal): boolean {
  return truthOf(x)[0];
}

/** A method a value's method set has (the type's methods; *T also has T's). */
export interface Method {
  name: string;
  params: TType[];
  result: TType;
  call: (recv: any, args: TVal[]) => TVal;
  /** Go's panic text when called through a nil pointer (runtime errors carry "runtime error: "). */
  nilPanic: string;
}

const timeMethods = (): Method[] => {
  const m = (name: string, params: TType[], result: TType, f: (iso: string, a: TVal[]) => any): Method => ({
    name,
    params,
    result,
    call: (recv, a) => ({ t: result, v: f(recv, a) }),
    nilPanic: `value method time.Time.${name} called using nil *Time pointer`,
  });
  return [
    m('Format', [tString], tString, (iso, a) => timeFormat(iso, a[0]!.v ?? '')),
    m('String', [], tString, (iso) => timeString(iso)),
    m('Unix', [], { k: 'int64' }, (iso) => Math.floor(Date.parse(iso) / 1000)),
    m('IsZero', [], tBool, (iso) => iso === undefined || /^0001-01-01T00:00:00(\.0+)?Z$/.test(iso)),
    m('Year', [], tInt, (iso) => wallClock(iso).d.getUTCFullYear()),
    m('YearDay', [], tInt, (iso) => {
      const d = wallClock(iso).d;
      return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
    }),
    m('Day', [], tInt, (iso) => wallClock(iso).d.getUTCDate()),
    m('Hour', [], tInt, (iso) => wallClock(iso).d.getUTCHours()),
    m('Minute', [], tInt, (iso) => wallClock(iso).d.getUTCMinutes()),
    m('Second', [], tInt, (iso) => wallClock(iso).d.getUTCSeconds()),
  ];
};
let timeMethodList: Method[] | undefined;

/** reflect's MethodByName on a value of type t (addressable or not: go list's methods are on *T or on time.Time). */
export function methodOf(t: TType, name: string): Method | null {
  const base = t.k === 'ptr' ? t.elem : t;
  if (base.k === 'time') return (timeMethodList ??= timeMethods()).find((m) => m.name === name) ?? null;
  if (t.k === 'ptr' && base.k === 'struct' && base.str && name === (base.strName ?? 'String')) {
    const str = base.str;
    return { name, params: [], result: tString, call: (recv) => ({ t: tString, v: str(recv) }), nilPanic: 'runtime error: invalid memory address or nil pointer dereference' };
  }
  return null;
}

/** Whether values of type t implement error or fmt.Stringer; the method's text for a non-nil value. */
export function stringerOf(t: TType): ((v: any) => string) | null {
  if (t.k === 'time' || (t.k === 'ptr' && t.elem.k === 'time')) return (v) => timeString(v);
  if (t.k === 'ptr' && t.elem.k === 'struct' && t.elem.str) return t.elem.str;
  return null;
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

/** time.Time.Format (time/format.go: nextStdChunk, appendFormat) in the time's own zone. */
export function timeFormat(iso: string, layout: string): string {
  const { d, off, name } = wallClock(iso);
  const nanos = (/\.(\d+)/.exec(iso)?.[1] ?? '').padEnd(9, '0').slice(0, 9);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const Y = d.getUTCFullYear(), M = d.getUTCMonth(), D = d.getUTCDate(), h = d.getUTCHours(), mi = d.getUTCMinutes(), se = d.getUTCSeconds();
  const yday = Math.floor((Date.UTC(Y, M, D) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  const sign = off < 0 ? '-' : '+', oh = p(Math.floor(Math.abs(off) / 60), 2), om = p(Math.abs(off) % 60, 2);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const lower = (i: number) => /^[a-z]/.test(layout.slice(i));
  // [text, value] for the std chunk at i, or null (nextStdChunk's cases, in its order)
  const chunk = (i: number): [string, string] | null => {
    const at = (t: string) => layout.startsWith(t, i);
    switch (layout[i]) {
      case 'J':
        if (at('January')) return ['January', months[M]!];
        if (at('Jan') && !lower(i + 3)) return ['Jan', months[M]!.slice(0, 3)];
        return null;
      case 'M':
        if (at('Monday')) return ['Monday', days[d.getUTCDay()]!];
        if (at('Mon') && !lower(i + 3)) return ['Mon', days[d.getUTCDay()]!.slice(0, 3)];
        if (at('MST')) return ['MST', name || sign + oh + om];
        return null;
      case '0': {
        const c = layout[i + 1] ?? '';
        if (c >= '1' && c <= '6') return [layout.slice(i, i + 2), p([M + 1, D, h12, mi, se, Y % 100][Number(c) - 1]!, 2)];
        if (at('002')) return ['002', p(yday, 3)];
        return null;
      }
      case '1':
        return at('15') ? ['15', p(h, 2)] : ['1', String(M + 1)];
      case '2':
        return at('2006') ? ['2006', p(Y, 4)] : ['2', String(D)];
      case '_':
        if (at('_2006')) return ['_2006', '_' + p(Y, 4)];
        if (at('_2')) return ['_2', String(D).padStart(2, ' ')];
        if (at('__2')) return ['__2', String(yday).padStart(3, ' ')];
        return null;
      case '3':
        return ['3', String(h12)];
      case '4':
        return ['4', String(mi)];
      case '5':
        return ['5', String(se)];
      case 'P':
        return at('PM') ? ['PM', h >= 12 ? 'PM' : 'AM'] : null;
      case 'p':
        return at('pm') ? ['pm', h >= 12 ? 'pm' : 'am'] : null;
      case '-':
      case 'Z': {
        const z = layout[i] === 'Z';
        for (const [t, v] of [['070000', oh + om + '00'], ['07:00:00', `${oh}:${om}:00`], ['0700', oh + om], ['07:00', `${oh}:${om}`], ['07', oh]] as const)
          if (at(layout[i] + t)) return [layout[i] + t, z && off === 0 ? 'Z' : sign + v];
        return null;
      }
      case '.':
      case ',': {
        const m = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
        if (!m) return null;
        const digits = nanos.slice(0, m[1]!.length);
        if (m[1]![0] === '0') return [m[0], layout[i] + digits];
        const t = digits.replace(/0+$/, '');
        return [m[0], t === '' ? '' : layout[i] + t];
      }
    }
    return null;
  };
  let out = '';
  for (let i = 0; i < layout.length; ) {
    const c = chunk(i);
    if (c) {
      out += c[1];
      i += c[0].length;
    } else out += layout[i++];
  }
  return out;
}

/** time.Time.GoString */
export function timeGoString(iso: string | undefined): string {
  if (iso === undefined) return 'time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)';
  const { d, off } = wallClock(iso);
  const nanos = Number((/\.(\d+)/.exec(iso)?.[1] ?? '').padEnd(9, '0').slice(0, 9));
  const loc = /[Zz]$/.test(iso) ? 'time.UTC' : off === 0 ? 'time.Local' : 'time.Location("")';
  return `time.Date(${d.getUTCFullYear()}, time.${months[d.getUTCMonth()]}, ${d.getUTCDate()}, ${d.getUTCHours()}, ${d.getUTCMinutes()}, ${d.getUTCSeconds()}, ${nanos}, ${loc})`;
}

/** time.Time.String: Format("2006-01-02 15:04:05.999999999 -0700 MST"). */
function timeString(iso: string): string {
  if (iso === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  return timeFormat(iso, '2006-01-02 15:04:05.999999999 -0700 MST');
}
