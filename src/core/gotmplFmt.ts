// fmt's Sprint / Sprintln / Sprintf over Go-typed values (gotmplValues.ts), following fmt/print.go
// (doPrintf: flags, width, precision, argument indexes, *; printArg, handleMethods, printValue,
// badVerb and the %!verb(type=value) / %!(EXTRA ...) / (MISSING) / (BADWIDTH) ... forms);
// fmt/format.go's part (padding, integers, floats, strings, quoting) is gotmplFormat.ts.
// Pointers print a fixed made-up address (0xc000010000): Go's real addresses cannot be known.
import { compareUTF8, utf8Encode } from './gostrings';
import { Formatter, ldigits, udigits } from './gotmplFormat';
import {
  ifaceOf,
  INVALID,
  isIntKind,
  isNilRaw,
  isUintKind,
  lenOf,
  sliceElem,
  stringerOf,
  timeGoString,
  toBig,
  typeName,
  valid,
  type TStruct,
  type TType,
  type TVal,
} from './gotmplValues';

/** The address fmt prints for a non-nil pointer, map, slice or func (Go's is not knowable). */
export const FAKE_ADDRESS = 0xc000010000n;

function isBytes(t: TType): boolean {
  return t.k === 'slice' && t.elem.k === 'uint8';
}

class Printer extends Formatter {
  /** The operand being printed (null: nil, or printing through reflection). */
  arg: TVal | null = null;
  value: TVal = INVALID;
  erroring = false;
  reordered = false;
  goodArgNum = true;

  // print.go

  badVerb(verb: string) {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (this.arg !== null) {
      this.buf += typeName(this.arg.t) + '=';
      this.printArg(this.arg, 'v');
    } else if (valid(this.value)) {
      this.buf += typeName(this.value.t) + '=';
      this.printValue(this.value, 'v', 0);
    } else this.buf += '<nil>';
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string) {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmt0x64(v: bigint, leading0x: boolean) {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInteger(v, 16, false, 'v', ldigits);
    this.sharp = sharp;
  }

  fmtIntegerV(v: bigint, isSigned: boolean, verb: string) {
    switch (verb) {
      case 'v':
        if (this.sharpV && !isSigned) this.fmt0x64(v, true);
        else this.fmtInteger(v, 10, isSigned, verb, ldigits);
        return;
      case 'd':
        return this.fmtInteger(v, 10, isSigned, verb, ldigits);
      case 'b':
        return this.fmtInteger(v, 2, isSigned, verb, ldigits);
      case 'o':
      case 'O':
        return this.fmtInteger(v, 8, isSigned, verb, ldigits);
      case 'x':
        return this.fmtInteger(v, 16, isSigned, verb, ldigits);
      case 'X':
        return this.fmtInteger(v, 16, isSigned, verb, udigits);
      case 'c':
        return this.fmtC(isSigned && v < 0n ? BigInt.asUintN(64, v) : v);
      case 'q':
        return this.fmtQc(isSigned && v < 0n ? BigInt.asUintN(64, v) : v);
      case 'U':
        return this.fmtUnicode(isSigned && v < 0n ? BigInt.asUintN(64, v) : v);
      default:
        this.badVerb(verb);
    }
  }

  fmtFloat(v: number, verb: string) {
    switch (verb) {
      case 'v':
        return this.fmtFloatF(v, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloatF(v, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmtFloatF(v, verb, 6);
      case 'F':
        return this.fmtFloatF(v, 'f', 6);
      default:
        this.badVerb(verb);
    }
  }

  fmtComplex(v: { re: number; im: number } | undefined, verb: string) {
    const c = v ?? { re: 0, im: 0 };
    if (!'vbgGxXfFeE'.includes(verb)) return this.badVerb(verb);
    const oldPlus = this.plus;
    this.buf += '(';
    this.fmtFloat(c.re, verb);
    this.plus = true;
    this.fmtFloat(c.im, verb);
    this.buf += 'i)';
    this.plus = oldPlus;
  }

  fmtString(v: string, verb: string) {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        return;
      case 's':
        return this.fmtS(v);
      case 'x':
        return this.fmtSbx(utf8Encode(v), ldigits);
      case 'X':
        return this.fmtSbx(utf8Encode(v), udigits);
      case 'q':
        return this.fmtQ(v);
      default:
        this.badVerb(verb);
    }
  }

  fmtBytes(x: TVal, verb: string, typeString: string) {
    const bytes = ((x.v ?? []) as unknown[]).map((b) => Number(toBig(b)));
    switch (verb) {
      case 'v':
      case 'd':
        if (this.sharpV) {
          this.buf += typeString;
          if (isNilRaw(x.v)) {
            this.buf += '(nil)';
            return;
          }
          this.buf += '{';
          bytes.forEach((c, i) => {
            if (i > 0) this.buf += ', ';
            this.fmt0x64(BigInt(c), true);
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          bytes.forEach((c, i) => {
            if (i > 0) this.buf += ' ';
            this.fmtInteger(BigInt(c), 10, false, verb, ldigits);
          });
          this.buf += ']';
        }
        return;
      case 's':
        return this.fmtS(new TextDecoder().decode(new Uint8Array(bytes)));
      case 'x':
        return this.fmtSbx(new Uint8Array(bytes), ldigits);
      case 'X':
        return this.fmtSbx(new Uint8Array(bytes), udigits);
      case 'q':
        return this.fmtQ(new TextDecoder().decode(new Uint8Array(bytes)));
      default:
        this.printValue(x, verb, 0);
    }
  }

  fmtPointer(value: TVal, verb: string) {
    if (!['ptr', 'map', 'slice', 'func'].includes(value.t.k)) return this.badVerb(verb);
    const u = isNilRaw(value.v) && value.t.k !== 'func' ? 0n : FAKE_ADDRESS;
    switch (verb) {
      case 'v':
        if (this.sharpV) {
          this.buf += '(' + typeName(value.t) + ')(';
          if (u === 0n) this.buf += 'nil';
          else this.fmt0x64(u, true);
          this.buf += ')';
        } else if (u === 0n) this.padString('<nil>');
        else this.fmt0x64(u, !this.sharp);
        return;
      case 'p':
        return this.fmt0x64(u, !this.sharp);
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        return this.fmtIntegerV(u, false, verb);
      default:
        this.badVerb(verb);
    }
  }

  handleMethods(verb: string): boolean {
    if (this.erroring || this.arg === null) return false;
    if (this.sharpV) {
      // time.Time's GoString
      const t = this.arg.t;
      if (t.k !== 'time' && !(t.k === 'ptr' && t.elem.k === 'time')) return false;
      if (t.k === 'ptr' && isNilRaw(this.arg.v)) this.buf += '<nil>';
      else this.fmtS(timeGoString(this.arg.v));
      return true;
    }
    if (!'vsxXq'.includes(verb)) return false;
    const str = stringerOf(this.arg.t);
    if (!str) return false;
    // catchPanic: a method called through a nil pointer panics; fmt prints <nil>.
    if (this.arg.t.k === 'ptr' && isNilRaw(this.arg.v)) this.buf += '<nil>';
    else this.fmtString(str(this.arg.v), verb);
    return true;
  }

  printArg(arg: TVal, verb: string) {
    arg = ifaceOf(arg);
    this.arg = valid(arg) ? arg : null;
    this.value = INVALID;
    if (!valid(arg)) {
      if (verb === 'T' || verb === 'v') this.padString('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') return this.fmtS(typeName(arg.t));
    if (verb === 'p') return this.fmtPointer(arg, 'p');
    const k = arg.t.k;
    if (k === 'bool') return this.fmtBool(!!arg.v, verb);
    if (k === 'float64') return this.fmtFloat(arg.v ?? 0, verb);
    if (k === 'complex128') return this.fmtComplex(arg.v, verb);
    if (isIntKind(k)) return this.fmtIntegerV(toBig(arg.v), !isUintKind(k), verb);
    if (k === 'string') return this.fmtString(arg.v ?? '', verb);
    if (isBytes(arg.t)) return this.fmtBytes(arg, verb, '[]byte');
    if (!this.handleMethods(verb)) this.printValue(arg, verb, 0);
  }

  printValue(value: TVal, verb: string, depth: number) {
    if (depth > 0 && valid(value)) {
      const a = ifaceOf(value);
      this.arg = valid(a) ? a : null;
      if (this.handleMethods(verb)) return;
    }
    this.arg = null;
    this.value = value;
    const t = value.t;
    const k = t.k;
    if (k === 'invalid') {
      if (depth === 0) this.buf += '<invalid reflect.Value>';
      else if (verb === 'v') this.buf += '<nil>';
      else this.badVerb(verb);
      return;
    }
    if (k === 'bool') return this.fmtBool(!!value.v, verb);
    if (isIntKind(k)) return this.fmtIntegerV(toBig(value.v), !isUintKind(k), verb);
    if (k === 'float64') return this.fmtFloat(value.v ?? 0, verb);
    if (k === 'complex128') return this.fmtComplex(value.v, verb);
    if (k === 'string') return this.fmtString(value.v ?? '', verb);
    if (k === 'time') return this.fmtString(stringerOf(t)!(value.v), verb);
    switch (t.k) {
      case 'map': {
        if (this.sharpV) {
          if (!this.openSharp(value)) return;
        } else this.buf += 'map[';
        const keys = Object.keys(value.v ?? {}).sort(compareUTF8);
        keys.forEach((key, i) => {
          if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
          this.printValue({ t: t.key, v: key }, verb, depth + 1);
          this.buf += ':';
          this.printValue({ t: t.elem, v: value.v[key] }, verb, depth + 1);
        });
        this.buf += this.sharpV ? '}' : ']';
        return;
      }
      case 'struct':
        return this.printStruct(value, t, verb, depth);
      case 'iface': {
        const e = ifaceOf(value);
        if (!valid(e)) {
          if (this.sharpV) this.buf += typeName(t) + '(nil)';
          else this.buf += '<nil>';
        } else this.printValue(e, verb, depth + 1);
        return;
      }
      case 'slice': {
        if ('sqxX'.includes(verb) && isBytes(t)) return this.fmtBytes(value, verb, typeName(t));
        const n = lenOf(value);
        if (this.sharpV) {
          if (!this.openSharp(value)) return;
          for (let i = 0; i < n; i++) {
            if (i > 0) this.buf += ', ';
            this.printValue(sliceElem(value, i), verb, depth + 1);
          }
          this.buf += '}';
        } else {
          this.buf += '[';
          for (let i = 0; i < n; i++) {
            if (i > 0) this.buf += ' ';
            this.printValue(sliceElem(value, i), verb, depth + 1);
          }
          this.buf += ']';
        }
        return;
      }
      case 'ptr':
        if (depth === 0 && !isNilRaw(value.v)) {
          const ek = t.elem.k;
          if (ek === 'slice' || ek === 'struct' || ek === 'map') {
            this.buf += '&';
            this.printValue({ t: t.elem, v: value.v, addr: true }, verb, depth + 1);
            return;
          }
        }
        return this.fmtPointer(value, verb);
      case 'func':
        return this.fmtPointer(value, verb);
      default:
        this.buf += '?' + typeName(t) + '?';
    }
  }

  /** %#v's "T{"; false (after "T(nil)") for a nil map or slice. */
  openSharp(value: TVal): boolean {
    this.buf += typeName(value.t);
    if (isNilRaw(value.v)) {
      this.buf += '(nil)';
      return false;
    }
    this.buf += '{';
    return true;
  }

  printStruct(value: TVal, t: TStruct, verb: string, depth: number) {
    if (this.sharpV) this.buf += typeName(t);
    this.buf += '{';
    t.fields.forEach(([name, ft], i) => {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      if (this.plusV || this.sharpV) this.buf += name + ':';
      let f: TVal = { t: ft, v: value.v?.[name], addr: value.addr };
      // print.go: getField — an interface field prints what it holds
      if (ft.k === 'iface' && !isNilRaw(f.v)) f = f.v as TVal;
      this.printValue(f, verb, depth + 1);
    });
    this.buf += '}';
  }

  /** %v: # and + mean %#v and %+v */
  setV() {
    this.sharpV = this.sharp;
    this.sharp = false;
    this.plusV = this.plus;
    this.plus = false;
  }

  doPrintf(format: string, a: TVal[]) {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearflags();
      simple: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = true;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') this.setV();
              this.printArg(a[argNum]!, c === 'w' ? 'w' : c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i < end && format[i] === '*') {
        i++;
        [this.wid, this.widPresent, argNum] = intFromArg(a, argNum);
        if (!this.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === '*') {
          i++;
          [this.prec, this.precPresent, argNum] = intFromArg(a, argNum);
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(format, i, end);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') this.buf += '%';
      else if (!this.goodArgNum) this.buf += '%!' + verb + '(BADINDEX)';
      else if (argNum >= a.length) this.buf += '%!' + verb + '(MISSING)';
      else {
        if (verb === 'v') this.setV();
        this.printArg(a[argNum]!, verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < a.length) {
      this.clearflags();
      this.buf += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, j) => {
        if (j > 0) this.buf += ', ';
        const x = ifaceOf(arg);
        if (!valid(x)) this.buf += '<nil>';
        else {
          this.buf += typeName(x.t) + '=';
          this.printArg(x, 'v');
        }
      });
      this.buf += ')';
    }
  }

  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }
}

const tooLarge = (x: number) => x > 1e6 || x < -1e6;

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s[i]! >= '0' && s[i]! <= '9'; i++) {
    if (tooLarge(num)) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

function intFromArg(a: TVal[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const x = ifaceOf(a[argNum]!);
    if (valid(x) && isIntKind(x.t.k)) {
      const n = toBig(x.v);
      if (n >= -(1n << 63n) && n < 1n << 63n) {
        num = Number(n);
        isInt = true;
      }
    }
    newArgNum = argNum + 1;
    if (tooLarge(num)) {
      num = 0;
      isInt = false;
    }
  }
  return [num, isInt, newArgNum];
}

/** fmt.Sprintf */
export function sprintf(format: string, args: TVal[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** fmt.Sprint */
export function sprint(...args: TVal[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const x = ifaceOf(arg);
    const isString = valid(x) && x.t.k === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(x, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln */
export function sprintln(args: TVal[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.printArg(arg, 'v');
  });
  return p.buf + '\n';
}

/** fmt.Sprintf("%v", x) of a reflect.Value (printArg's reflect.Value case: its methods, then printValue). */
export function sprintValue(x: TVal): string {
  const p = new Printer();
  const a = ifaceOf(x);
  if (valid(a)) {
    p.arg = a;
    if (p.handleMethods('v')) return p.buf;
  }
  p.printValue(x, 'v', 0);
  return p.buf;
}
