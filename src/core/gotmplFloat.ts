// strconv.FormatFloat(v, fmt, prec, 64) for fmt's float verbs (strconv/ftoa.go): shortest
// digits (prec < 0) or exact decimal rounding (half to even, as decimal.Round and ryu do), and
// the %e / %f / %g layouts (formatDigits, fmtE, fmtF), %b (fmtB) and %x (fmtX).

interface Digits {
  d: string;
  /** decimal point position: value = 0.d × 10^dp */
  dp: number;
}

/** The float's bits: sign, mantissa (with the implicit bit) and exponent as strconv sees them. */
function bits(v: number): { neg: boolean; mant: bigint; exp: number } {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v);
  const b = dv.getBigUint64(0);
  const neg = b >> 63n === 1n;
  let exp = Number((b >> 52n) & 0x7ffn);
  let mant = b & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp += -1023;
  return { neg, mant, exp };
}

/** The exact decimal digits of |v| (no leading/trailing zeros). */
function exactDigits(v: number): Digits {
  const { mant, exp } = bits(v);
  if (mant === 0n) return { d: '', dp: 0 };
  const e2 = exp - 52;
  let s: string;
  let dp: number;
  if (e2 >= 0) {
    s = (mant << BigInt(e2)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-e2)).toString();
    dp = s.length + e2;
  }
  const t = s.replace(/0+$/, '');
  const lead = t.length - t.replace(/^0+/, '').length;
  return { d: t.slice(lead), dp: dp - lead };
}

/** decimal.Round(nd): to nd digits, half to even on an exact tie. */
function round(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const c = x.d.charCodeAt(nd) - 48;
  const up = c > 5 || (c === 5 && (nd + 1 < x.d.length || (nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1)));
  if (!up) return trim({ d: x.d.slice(0, nd), dp: x.dp });
  // round up
  let i = nd - 1;
  const arr = x.d.slice(0, nd).split('');
  while (i >= 0 && arr[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
  return trim({ d: arr.slice(0, i + 1).join(''), dp: x.dp });
}

function trim(x: Digits): Digits {
  const d = x.d.replace(/0+$/, '');
  return d === '' ? { d: '', dp: 0 } : { d, dp: x.dp };
}

/** Shortest digits that read back as v (JavaScript's Number-to-String picks them as ryu does). */
function shortestDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(v).toExponential())!;
  const d = (m[1]! + (m[2] ?? '')).replace(/0+$/, '');
  return { d, dp: Number(m[3]) + 1 };
}

function fmtE(neg: boolean, x: Digits, prec: number, ch: string): string {
  let s = neg ? '-' : '';
  s += x.d.length ? x.d[0] : '0';
  if (prec > 0) {
    s += '.';
    s += x.d.slice(1, Math.min(x.d.length, prec + 1));
    for (let i = Math.max(Math.min(x.d.length, prec + 1), 1); i <= prec; i++) s += '0';
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  s += ch + (exp < 0 ? '-' : '+');
  exp = Math.abs(exp);
  return s + (exp < 10 ? '0' + exp : String(exp));
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) s += x.d.slice(0, Math.min(x.d.length, x.dp)).padEnd(x.dp, '0');
  else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = x.dp + i;
      s += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return s;
}

function fmtX(v: number, prec: number, fmt: string, neg: boolean): string {
  let { mant, exp } = bits(v);
  if (mant === 0n) exp = 0;
  mant <<= 60n - 52n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  const M = (1n << 64n) - 1n;
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = (neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & M;
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & M;
    }
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & M;
    }
  }
  s += fmt === 'X' ? 'P' : 'p';
  s += exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return s + (exp < 100 ? String(exp).padStart(2, '0') : String(exp));
}

/** strconv.FormatFloat(v, fmt, prec, 64). */
export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  if (fmt === 'b') {
    const { mant, exp } = bits(v);
    const e = exp - 52;
    return (neg ? '-' : '') + mant.toString() + 'p' + (e >= 0 ? '+' : '') + e;
  }
  if (fmt === 'x' || fmt === 'X') return fmtX(v, prec, fmt, neg);
  const shortest = prec < 0;
  let x: Digits;
  if (shortest) {
    x = shortestDigits(v);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(x.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(x.d.length - x.dp, 0);
    else prec = x.d.length;
  } else {
    const ex = exactDigits(v);
    if (fmt === 'e' || fmt === 'E') x = round(ex, prec + 1);
    else if (fmt === 'f') x = round(ex, ex.dp + prec);
    else {
      if (prec === 0) prec = 1;
      x = round(ex, prec);
    }
  }
  if (fmt === 'e' || fmt === 'E') return fmtE(neg, x, prec, fmt);
  if (fmt === 'f') return fmtF(neg, x, prec);
  if (fmt === 'g' || fmt === 'G') {
    let eprec = prec;
    if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
    if (shortest) eprec = 6;
    const exp = x.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (prec > x.d.length) prec = x.d.length;
      return fmtE(neg, x, prec - 1, fmt === 'g' ? 'e' : 'E');
    }
    if (prec > x.dp) prec = x.d.length;
    return fmtF(neg, x, Math.max(prec - x.dp, 0));
  }
  return '%' + fmt;
}
