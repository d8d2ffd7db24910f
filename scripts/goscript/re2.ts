// Go regexp (RE2 syntax, regexp/syntax with Perl flags) translated to an equivalent JavaScript
// RegExp for the script commands stdout/stderr/grep. Only the syntax the scripts need is
// translated; anything else throws UnsupportedRegexpError so a script never silently
// matches differently from Go.
//
// Semantics kept: `.` never matches "\n" unless (?s); `^`/`$` under (?m) are line anchors
// around "\n" only; `\s` is ASCII [\t\n\f\r ]; `\A`/`\z`; `\Q..\E`; escaped punctuation;
// POSIX classes; `\pL`/`\p{Greek}`; `(?P<name>..)`; `{` that is not a repetition is literal.

export class UnsupportedRegexpError extends Error {}

/** A Go-syntax error (regexp.Compile would fail too). */
export class RegexpSyntaxError extends Error {}

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const isPunct = (c: string) => c.length === 1 && c.charCodeAt(0) < 0x80 && /[!-/:-@[-`{-~]/.test(c);
const hex2 = (c: string) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
const cp = (n: number) => '\\u{' + n.toString(16) + '}';

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => '\\' + c);
}

export interface Translated {
  source: string;
  flags: string; // JS flags besides "g" and "u"
}

/** Translates a Go regexp to JS source (to be compiled with flags "gu" + flags). */
export function translateRE2(pattern: string): Translated {
  let i = 0;
  const n = pattern.length;
  let out = '';
  let ignoreCase = false;
  // Flag state per group nesting level: [s, m].
  const stack: { s: boolean; m: boolean }[] = [];
  let flags = { s: false, m: false };
  let atStart = true; // only flag groups seen so far at top level
  let afterRepeat = false; // the last item was a repetition (another one is an error in Go)

  const fail = (msg: string): never => {
    throw new UnsupportedRegexpError(`unsupported regexp syntax ${msg} in \`${pattern}\``);
  };
  const syntax = (msg: string): never => {
    throw new RegexpSyntaxError(`error parsing regexp: ${msg}: \`${pattern}\``);
  };

  // Reads one code point at i (pattern is UTF-16).
  const readChar = (): string => {
    const c = pattern.codePointAt(i)!;
    const s = String.fromCodePoint(c);
    i += s.length;
    return s;
  };

  // An escape after the backslash at i-1; inClass selects class-item translation.
  // Returns {src, cp?} where cp is the code point for a single-character escape (for ranges).
  const readEscape = (inClass: boolean): { src: string; code?: number } => {
    if (i >= n) syntax('trailing backslash at end of expression');
    const c = readChar();
    switch (c) {
      case 'a': return { src: '\\x07', code: 7 };
      case 'f': return { src: '\\f', code: 12 };
      case 't': return { src: '\\t', code: 9 };
      case 'n': return { src: '\\n', code: 10 };
      case 'r': return { src: '\\r', code: 13 };
      case 'v': return { src: '\\x0b', code: 11 };
      case 'd': case 'D': case 'w': case 'W': return { src: '\\' + c };
      case 's': return { src: inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]' };
      case 'S':
        if (inClass) fail('\\S inside a character class');
        return { src: '[^\\t\\n\\f\\r ]' };
      case 'b': case 'B':
        if (inClass) syntax('invalid escape sequence: `\\' + c + '`');
        return { src: '\\' + c };
      case 'A':
        if (inClass) syntax('invalid escape sequence: `\\A`');
        return { src: '(?<![\\s\\S])' };
      case 'z':
        if (inClass) syntax('invalid escape sequence: `\\z`');
        return { src: '(?![\\s\\S])' };
      case 'x': {
        if (pattern[i] === '{') {
          const j = pattern.indexOf('}', i);
          const h = j < 0 ? '' : pattern.slice(i + 1, j);
          if (!/^[0-9A-Fa-f]+$/.test(h) || parseInt(h, 16) > 0x10ffff) syntax('invalid escape sequence');
          i = j + 1;
          return { src: cp(parseInt(h, 16)), code: parseInt(h, 16) };
        }
        const h = pattern.slice(i, i + 2);
        if (!/^[0-9A-Fa-f]{2}$/.test(h)) syntax('invalid escape sequence');
        i += 2;
        return { src: cp(parseInt(h, 16)), code: parseInt(h, 16) };
      }
      case 'p': case 'P': {
        let name: string;
        if (pattern[i] === '{') {
          const j = pattern.indexOf('}', i);
          if (j < 0) syntax('invalid character class range');
          name = pattern.slice(i + 1, j);
          i = j + 1;
        } else {
          if (i >= n) syntax('invalid character class range');
          name = readChar();
        }
        let neg = c === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        if (name === 'Any') {
          if (inClass) return { src: neg ? '' : '\\s\\S' };
          return { src: neg ? '[^\\s\\S]' : '[\\s\\S]' };
        }
        if (!/^[A-Za-z_]+$/.test(name)) syntax('invalid character class range');
        const body = /^[A-Z][a-z]?$/.test(name) ? name : 'Script=' + name;
        const src = (neg ? '\\P{' : '\\p{') + body + '}';
        try {
          new RegExp(src, 'u');
        } catch {
          syntax('invalid character class range: `\\' + c + '{' + name + '}`');
        }
        return { src };
      }
      case 'Q':
        if (inClass) syntax('invalid escape sequence: `\\Q`');
        return { src: '' }; // handled by the caller
      default:
        if (c >= '0' && c <= '7') {
          // Go: octal escapes \0.. \7 are only allowed as \0 or with more digits (no backrefs).
          if (c !== '0' && !(pattern[i] >= '0' && pattern[i] <= '7')) syntax('invalid escape sequence: `\\' + c + '`');
          let v = c;
          while (v.length < 3 && pattern[i] >= '0' && pattern[i] <= '7') v += pattern[i++];
          return { src: cp(parseInt(v, 8)), code: parseInt(v, 8) };
        }
        if (isPunct(c)) return { src: hex2(c), code: c.charCodeAt(0) };
        return syntax('invalid escape sequence: `\\' + c + '`');
    }
  };

  const literal = (c: string): string => (isPunct(c) ? hex2(c) : c === '\n' ? '\\n' : c);

  const readClass = () => {
    // at i: just after '['
    let src = '[';
    if (pattern[i] === '^') {
      src += '^';
      i++;
    }
    let first = true;
    for (;;) {
      if (i >= n) syntax('missing closing ]: `' + pattern.slice(pattern.lastIndexOf('[')) + '`');
      if (pattern[i] === ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (pattern.startsWith('[:', i)) {
        const j = pattern.indexOf(':]', i + 2);
        if (j >= 0) {
          let name = pattern.slice(i + 2, j);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const cls = posixClasses[name];
          if (cls === undefined) syntax('invalid character class range: `' + pattern.slice(i, j + 2) + '`');
          if (neg) fail('negated POSIX class inside a class');
          src += cls;
          i = j + 2;
          continue;
        }
      }
      // One item: a char or an escape, possibly the start of a range.
      const item = (): { src: string; code?: number } => {
        if (pattern[i] === '\\') {
          i++;
          return readEscape(true);
        }
        const c = readChar();
        return { src: literal(c), code: c.codePointAt(0) };
      };
      const lo = item();
      if (pattern[i] === '-' && pattern[i + 1] !== ']' && i + 1 < n) {
        i++;
        const hi = item();
        if (lo.code === undefined || hi.code === undefined) syntax('invalid character class range');
        if (hi.code! < lo.code!) syntax('invalid character class range');
        src += cp(lo.code!) + '-' + cp(hi.code!);
      } else {
        src += lo.src;
      }
    }
    return src + ']';
  };

  while (i < n) {
    const c = pattern[i]!;
    if (c === '(' && pattern[i + 1] === '?') {
      // (?flags) or (?flags:re), (?P<name>re), (?<name>re)
      const rest = pattern.slice(i + 2);
      const named = /^P?<([A-Za-z0-9_]+)>/.exec(rest);
      if (named) {
        stack.push(flags);
        flags = { ...flags };
        out += `(?<${named[1]}>`;
        i += 2 + named[0].length;
        atStart = false;
        continue;
      }
      const fm = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
      if (!fm) syntax('invalid or unsupported Perl syntax: `(?' + rest.slice(0, 1) + '`');
      const on = fm![1]!;
      const off = fm![2] ?? '';
      const close = fm![3];
      for (const f of on + off) if (!'imsU'.includes(f)) syntax('invalid or unsupported Perl syntax: `(?' + f + '`');
      if ((on + off).includes('U')) fail('(?U)');
      const nf = { ...flags };
      for (const f of on) if (f === 's' || f === 'm') nf[f] = true;
      for (const f of off) if (f === 's' || f === 'm') nf[f] = false;
      if (on.includes('i')) {
        if (!(atStart && close === ')' && stack.length === 0)) fail('(?i) other than at the start of the pattern');
        ignoreCase = true;
      }
      if (off.includes('i')) fail('(?-i)');
      i += 2 + fm![0].length;
      if (close === ')') {
        flags = nf;
      } else {
        stack.push(flags);
        flags = nf;
        out += '(?:';
        atStart = false;
      }
      continue;
    }
    atStart = false;
    i++;
    const wasRepeat = afterRepeat;
    afterRepeat = false;
    if (wasRepeat && (c === '*' || c === '+' || c === '?' || (c === '{' && /^\d+(,\d*)?\}/.test(pattern.slice(i))))) {
      syntax('invalid nested repetition operator');
    }
    switch (c) {
      case '(':
        stack.push(flags);
        flags = { ...flags };
        out += '(';
        break;
      case ')':
        if (stack.length === 0) syntax('unexpected ): `' + pattern + '`');
        flags = stack.pop()!;
        out += ')';
        break;
      case '.':
        out += flags.s ? '[\\s\\S]' : '[^\\n]';
        break;
      case '^':
        out += flags.m ? '(?:(?<![\\s\\S])|(?<=\\n))' : '(?<![\\s\\S])';
        break;
      case '$':
        out += flags.m ? '(?=\\n|(?![\\s\\S]))' : '(?![\\s\\S])';
        break;
      case '[':
        out += readClass();
        break;
      case '{': {
        const m = /^(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (m) {
          if (Number(m[1]) > 1000 || (m[3] && Number(m[3]) > 1000)) syntax('invalid repeat count');
          if (m[3] && Number(m[3]) < Number(m[1])) syntax('invalid repeat count');
          if (out === '' || out.endsWith('(') || out.endsWith('|') || out.endsWith('(?:')) syntax('missing argument to repetition operator');
          out += '{' + m[0];
          i += m[0].length;
          if (pattern[i] === '?') {
            out += '?';
            i++;
          }
          afterRepeat = true;
        } else {
          out += '\\{';
        }
        break;
      }
      case '}':
        out += '\\}';
        break;
      case ']':
        out += '\\]';
        break;
      case '*': case '+': case '?':
        if (out === '' || out.endsWith('(') || out.endsWith('|') || out.endsWith('(?:')) syntax('missing argument to repetition operator: `' + c + '`');
        out += c;
        if (pattern[i] === '?') {
          out += '?';
          i++;
        }
        afterRepeat = true;
        break;
      case '|':
        out += '|';
        break;
      case '\\': {
        if (pattern[i] === 'Q') {
          i++;
          const j = pattern.indexOf('\\E', i);
          const lit = j < 0 ? pattern.slice(i) : pattern.slice(i, j);
          i = j < 0 ? n : j + 2;
          for (const ch of lit) out += literal(ch);
          break;
        }
        out += readEscape(false).src;
        break;
      }
      default: {
        i--;
        out += literal(readChar());
      }
    }
  }
  if (stack.length > 0) syntax('missing closing ): `' + pattern + '`');
  return { source: out, flags: ignoreCase ? 'i' : '' };
}

/** Compiles a Go regexp to a global, unicode JS RegExp with the same matches. */
export function compileRE2(pattern: string): RegExp {
  const t = translateRE2(pattern);
  try {
    return new RegExp(t.source, 'gu' + t.flags);
  } catch (e) {
    throw new UnsupportedRegexpError(`regexp \`${pattern}\` translated to /${t.source}/ is not valid JavaScript: ${(e as Error).message}`);
  }
}

/** regexp.MatchString */
export function matchString(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.exec(text) !== null;
}

/** regexp.FindStringIndex */
export function findIndex(re: RegExp, text: string): [number, number] | undefined {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : undefined;
}

/** len(regexp.FindAllString(text, -1)): Go skips an empty match adjacent to the previous match. */
export function countAll(re: RegExp, text: string): number {
  let count = 0;
  let pos = 0;
  let prevEnd = -1;
  while (pos <= text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      // move past one code point from the match position
      const c = text.codePointAt(start);
      pos = start + (c === undefined ? 1 : c > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) count++;
  }
  return count;
}
