// Times as Go's time package reads and writes them in JSON (time.Time.UnmarshalJSON /
// MarshalJSON): time.Parse with the RFC 3339 layout, its exact ParseError texts, and the
// RFC3339Nano form it marshals to. time/format.go: parse, getnum, skip, parseNanoseconds;
// format_rfc3339.go: parseStrictRFC3339 (whose strict checks are disabled in Go 1.23).
import { utf8Encode } from './gostrings';

export interface GoTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  /** Seconds east of UTC. */
  offset: number;
}

const layout = '2006-01-02T15:04:05Z07:00';

/** time/format.go: quote — ASCII as is (with \" and \\), every other byte as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) for (const b of utf8Encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
  }
  return out + '"';
}

const isDigit = (s: string, i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** getnum: s[0:1] or s[0:2] (fixed: s[0:2]) as a number, and the rest; undefined if not digits. */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [s.charCodeAt(0) - 48, s.slice(1)];
  return [(s.charCodeAt(0) - 48) * 10 + s.charCodeAt(1) - 48, s.slice(2)];
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** time.Parse(time.RFC3339, value): the time, or Go's error text. */
export function parseRFC3339Time(value: string): GoTime | { err: string } {
  const cannot = (layoutElem: string, valueElem: string) => ({
    err: `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`,
  });
  const outOfRange = (what: string) => ({ err: `parsing time ${timeQuote(value)}: ${what}` });
  const t: GoTime = { year: 0, month: 0, day: 0, hour: 0, min: 0, sec: 0, nsec: 0, offset: 0 };
  let v = value;
  // The layout's elements: a literal prefix, then a std element (2006 01 02 15 04 05 Z07:00).
  const steps: [string, string][] = [
    ['', '2006'],
    ['-', '01'],
    ['-', '02'],
    ['T', '15'],
    [':', '04'],
    [':', '05'],
    ['', 'Z07:00'],
  ];
  for (const [prefix, std] of steps) {
    if (prefix !== '') {
      if (v[0] !== prefix) return cannot(prefix, v);
      v = v.slice(1);
    }
    const hold = v;
    let bad = false;
    let range = '';
    switch (std) {
      case '2006':
        if (!/^[0-9]{4}/.test(v)) bad = true; // four digits (atoi of v[0:4] after a leading digit)
        else [t.year, v] = [Number(v.slice(0, 4)), v.slice(4)];
        break;
      case '01':
      case '02':
      case '15':
      case '04':
      case '05': {
        const n = getnum(v, std !== '15');
        if (!n) {
          bad = true;
          break;
        }
        const x = n[0];
        v = n[1];
        if (std === '01') {
          t.month = x;
          if (x <= 0 || 12 < x) range = 'month';
        } else if (std === '02') t.day = x;
        else if (std === '15') {
          t.hour = x;
          if (24 <= x) range = 'hour';
        } else if (std === '04') {
          t.min = x;
          if (60 <= x) range = 'minute';
        } else {
          t.sec = x;
          if (60 <= x) {
            range = 'second';
            break;
          }
          // a fractional second the layout does not name
          if (v.length >= 2 && (v[0] === '.' || v[0] === ',') && isDigit(v, 1)) {
            let n2 = 2;
            while (isDigit(v, n2)) n2++;
            const digits = v.slice(1, Math.min(n2, 10));
            t.nsec = Number(digits) * 10 ** (10 - Math.min(n2, 10));
            v = v.slice(n2);
          }
        }
        break;
      }
      default: {
        if (v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (v.length < 6 || v[3] !== ':') {
          bad = true;
          break;
        }
        const [sign, hh, mm] = [v[0], v.slice(1, 3), v.slice(4, 6)];
        v = v.slice(6);
        const hr = getnum(hh, true);
        const mi = hr ? getnum(mm, true) : undefined;
        if (!hr || !mi) bad = true;
        const h = hr?.[0] ?? 0;
        const m = mi?.[0] ?? 0;
        if (h > 24) range = 'time zone offset hour';
        if (m > 60) range = 'time zone offset minute';
        t.offset = (h * 60 + m) * 60;
        if (sign === '-') t.offset = -t.offset;
        else if (sign !== '+') bad = true;
      }
    }
    if (range !== '') return outOfRange(`${range} out of range`);
    if (bad) return cannot(std, hold);
  }
  if (v.length !== 0) return outOfRange(`extra text: ${timeQuote(v)}`);
  if (t.day < 1 || t.day > daysIn(t.month, t.year)) return outOfRange('day out of range');
  return t;
}

/** Seconds and nanoseconds since the Unix epoch. */
export function unixTime(t: GoTime): { sec: number; nsec: number } {
  const d = new Date(Date.UTC(2000, t.month - 1, t.day, t.hour, t.min, t.sec));
  d.setUTCFullYear(t.year);
  return { sec: Math.floor(d.getTime() / 1000) - t.offset, nsec: t.nsec };
}

/** time.Time.MarshalJSON's text (RFC3339Nano), without the quotes: the fields as parsed, in their zone. */
export function formatRFC3339Nano(t: GoTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  let s = `${p(t.year, 4)}-${p(t.month)}-${p(t.day)}T${p(t.hour)}:${p(t.min)}:${p(t.sec)}`;
  if (t.nsec > 0) s += '.' + p(t.nsec, 9).replace(/0+$/, '');
  if (t.offset === 0) return s + 'Z';
  const o = Math.abs(t.offset) / 60;
  return s + (t.offset < 0 ? '-' : '+') + p(Math.floor(o / 60)) + ':' + p(o % 60);
}
