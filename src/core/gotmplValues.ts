// text/template's values (gotmpl.ts): Go-typed values (TType), truth (exec.go: isTrue), time
// formatting and fmt's printing of them (%v: String/Error methods, <nil>, [a b], &{...}; printf).
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

export interface TVal {
  t: TType;
  v: any;
}

/** text/template's ExecError / parse error: `.message` is Go's text. */
export class TemplateError extends Error {}

export function isNil(x: TVal): boolean {
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

export function typeName(t: TType): string {
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
export function concrete(x: TVal): TVal {
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
export function timeString(iso: string): string {
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
export function sprintAction(x: TVal): string {
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
export function sprintAll(args: TVal[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isStr = concrete(a).t.k === 'string';
    if (i > 0 && !isStr && concrete(args[i - 1]!).t.k !== 'string') out += ' ';
    out += sprint(a);
  });
  return out;
}
