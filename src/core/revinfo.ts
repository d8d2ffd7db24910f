// RevInfo JSON: .info files and @latest (json.Unmarshal / json.Marshal of modfetch.RevInfo,
// encoding/json's syntax errors, RFC 3339 times). Re-exported by source.ts.

import { goQuote } from './module';
import { utf8Decode, utf8Encode } from './gostrings';
import { marshal, type GoJSON } from './gojson';
import { isHex } from './neturl';
import { formatRFC3339Nano, parseRFC3339Time, unixTime } from './gotime';

// RevInfo JSON (.info files and @latest).

/** modfetch.RevInfo as JSON fields (Name/Short are never serialized). */
export interface RevInfo {
  Version: string;
  /** RFC 3339 time as the proxy sent it ("0001-01-01T00:00:00Z" when absent). */
  Time: string;
  Origin?: Record<string, unknown>;
}

export const zeroTime = '0001-01-01T00:00:00Z';

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = goQuote(c);
  return "'" + q.slice(1, -1) + "'";
}

/** encoding/json's checkValid: Go's syntax error text for invalid JSON, or undefined. */
export function jsonSyntaxError(s: string): string | undefined {
  const r = scanJSON(s, 0, false);
  return 'err' in r ? r.err : undefined;
}

/**
 * json.Decoder.Decode over s: the text of each top-level value in turn, then either the end of the
 * input or Go's error for the first value that is not valid JSON (a value cut short by the end of
 * the input is io.ErrUnexpectedEOF there).
 */
export function jsonStream(s: string): { values: string[]; err?: string } {
  const values: string[] = [];
  for (let at = 0; ; ) {
    const r = scanJSON(s, at, true);
    if ('err' in r) return { values, err: r.err };
    if (r.end === undefined) return { values };
    values.push(s.slice(r.start, r.end));
    at = r.end;
  }
}

/**
 * Scans one JSON value of s from start: its span, or (stream) none when only white space is left;
 * outside a stream the rest of s must be white space too.
 */
function scanJSON(s: string, start: number, stream: boolean): { start: number; end?: number } | { err: string } {
  let i = start;
  const eof = () => i >= s.length;
  const ws = () => {
    while (!eof() && ' \t\r\n'.includes(s[i]!)) i++;
  };
  // The scanner reports the offending byte: the first UTF-8 byte of a non-ASCII character.
  const ch = () => String.fromCharCode(utf8Encode(String.fromCodePoint(s.codePointAt(i)!))[0]!);
  class SyntaxErr {
    constructor(readonly msg: string) {}
  }
  const fail = (ctx: string): never => {
    if (eof() && stream) throw new SyntaxErr('unexpected EOF');
    // At EOF Go's scanner steps a space: where a space is invalid, that is the error.
    if (eof()) {
      if (ctx.startsWith('in ') || ctx.startsWith('after decimal point')) throw new SyntaxErr(`invalid character ' ' ${ctx}`);
      throw new SyntaxErr('unexpected end of JSON input');
    }
    throw new SyntaxErr(`invalid character ${quoteChar(ch())} ${ctx}`);
  };
  const lit = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) {
      if (s[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
  };
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (eof()) fail('');
      const c = s[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (eof()) fail('');
        if ('"\\/bfnrt'.includes(s[i]!)) i++;
        else if (s[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (eof() || !isHex(s[i]!)) fail('in \\u hexadecimal character escape');
            i++;
          }
        } else fail('in string escape code');
      } else if (c.charCodeAt(0) < 0x20) fail('in string literal');
      else i++;
    }
  };
  const num = () => {
    if (s[i] === '-') {
      i++;
      if (eof() || !/[0-9]/.test(s[i]!)) fail('in numeric literal');
    }
    if (s[i] === '0') i++;
    else while (!eof() && /[0-9]/.test(s[i]!)) i++;
    if (s[i] === '.') {
      i++;
      if (eof() || !/[0-9]/.test(s[i]!)) fail('after decimal point in numeric literal');
      while (!eof() && /[0-9]/.test(s[i]!)) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (eof() || !/[0-9]/.test(s[i]!)) fail('in exponent of numeric literal');
      while (!eof() && /[0-9]/.test(s[i]!)) i++;
    }
  };
  const value = (): void => {
    ws();
    if (eof()) fail('');
    const c = s[i]!;
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail('looking for beginning of object key string');
        str();
        ws();
        if (s[i] !== ':') fail('after object key');
        i++;
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail('after array element');
      }
    }
    if (c === '"') return str();
    if (c === '-' || /[0-9]/.test(c)) return num();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    fail('looking for beginning of value');
  };
  try {
    ws();
    const from = i;
    if (stream && eof()) return { start: from };
    value();
    if (stream) return { start: from, end: i };
    ws();
    if (!eof()) fail('after top-level value');
    return { start: from, end: i };
  } catch (e) {
    if (e instanceof SyntaxErr) return { err: e.msg };
    throw e;
  }
}

/** time.Parse(time.RFC3339, t) as seconds + nanoseconds since the Unix epoch (for ordering), or undefined. */
export function parseRFC3339(t: string): { sec: number; nsec: number } | undefined {
  const r = parseRFC3339Time(t);
  return 'err' in r ? undefined : unixTime(r);
}

export function timeBefore(a: { sec: number; nsec: number }, b: { sec: number; nsec: number }): boolean {
  return a.sec < b.sec || (a.sec === b.sec && a.nsec < b.nsec);
}

/** time.Time.MarshalJSON (RFC3339Nano) of an RFC 3339 string as Go re-prints it. */
export function normalizeTime(t: string): string {
  const r = parseRFC3339Time(t);
  return 'err' in r ? t : formatRFC3339Nano(r);
}

/** json.Unmarshal(data, &RevInfo{}): throws Go's json error text. */
export function parseRevInfo(data: Uint8Array): RevInfo {
  const text = utf8Decode(data);
  let v: unknown;
  try {
    // JSON.parse accepts exactly what encoding/json's scanner accepts (both RFC 8259): Go's
    // error text is worked out only for input that fails.
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(jsonSyntaxError(text) ?? (e as Error).message);
  }
  const info: RevInfo = { Version: '', Time: zeroTime };
  if (v === null) return info;
  if (typeof v !== 'object' || Array.isArray(v)) {
    const kind = Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';
    throw new Error(`json: cannot unmarshal ${kind} into Go value of type modfetch.RevInfo`);
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const key = k.toLowerCase();
    if (key === 'version') {
      if (val === null) continue;
      if (typeof val !== 'string') throw new Error(`json: cannot unmarshal ${jsonKind(val)} into Go struct field RevInfo.Version of type string`);
      info.Version = val;
    } else if (key === 'time') {
      if (val === null) continue;
      if (typeof val !== 'string') throw new Error('Time.UnmarshalJSON: input is not a JSON string');
      const r = parseRFC3339Time(val);
      if ('err' in r) throw new Error(r.err);
      info.Time = val;
    } else if (key === 'origin') {
      if (val === null) continue;
      if (typeof val !== 'object' || Array.isArray(val)) throw new Error(`json: cannot unmarshal ${jsonKind(val)} into Go struct field RevInfo.Origin of type codehost.Origin`);
      info.Origin = val as Record<string, unknown>;
    }
  }
  return info;
}

/** encoding/json's name for a JSON value's kind in an UnmarshalTypeError. */
export function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** Printable ASCII but for what encoding/json escapes (quote, backslash, and <, >, & as \u003c...). */
const plainJSON = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;

const originFields = ['VCS', 'URL', 'Subdir', 'Hash', 'TagPrefix', 'TagSum', 'Ref', 'RepoSum'];

/** json.Marshal(RevInfo): the .info file go writes into the module cache (cache.go: writeDiskStat). */
export function marshalRevInfo(info: RevInfo): string {
  const time = normalizeTime(info.Time);
  // The usual .info: strings json.Marshal writes as they are (printable ASCII, nothing escaped).
  if (!info.Origin && plainJSON.test(info.Version) && plainJSON.test(time)) return `{"Version":"${info.Version}","Time":"${time}"}`;
  const e: Array<[string, GoJSON]> = [
    ['Version', info.Version],
    ['Time', time],
  ];
  if (info.Origin) {
    const o: Array<[string, GoJSON]> = [];
    for (const f of originFields) {
      const found = Object.keys(info.Origin).find((k) => k.toLowerCase() === f.toLowerCase());
      const val = found === undefined ? undefined : info.Origin[found];
      if (typeof val === 'string' && val !== '') o.push([f, val]);
    }
    e.push(['Origin', { entries: o }]);
  }
  return marshal({ entries: e });
}
