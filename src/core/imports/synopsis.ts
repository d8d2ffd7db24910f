// A package's one-line documentation as go/build records it (Package.Doc): go/ast's
// CommentGroup.Text over the package clause's doc comment, then go/doc's Synopsis — the first
// sentence (go/doc/synopsis.go: firstSentence, IllegalPrefixes) parsed as a doc comment
// (go/doc/comment/parse.go) and printed as one line of text (go/doc/comment/text.go).

const upperRe = /^\p{Lu}$/u;
const letterRe = /^\p{L}$/u;
const digitRe = /^\p{Nd}$/u;
const punctRe = /^\p{P}$/u;
const isUpper = (r: string) => upperRe.test(r);
const isLetter = (r: string) => letterRe.test(r);
const isDigit = (r: string) => digitRe.test(r);
const isPunct = (r: string) => punctRe.test(r);

/** unicode.IsSpace */
function isSpace(r: string): boolean {
  const c = r.codePointAt(0)!;
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** strings.TrimSpace */
function trimSpace(s: string): string {
  const cps = [...s];
  let i = 0;
  let j = cps.length;
  while (i < j && isSpace(cps[i]!)) i++;
  while (j > i && isSpace(cps[j - 1]!)) j--;
  return cps.slice(i, j).join('');
}

/** strings.Fields */
function fields(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const r of s) {
    if (isSpace(r)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else cur += r;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** go/ast: isDirective (the text after "//"). */
function isDirective(c: string): boolean {
  if (c.startsWith('line ') || c.startsWith('extern ') || c.startsWith('export ')) return true;
  const colon = c.indexOf(':');
  if (colon <= 0 || colon + 1 >= c.length) return false;
  for (let i = 0; i <= colon + 1; i++) {
    if (i === colon) continue;
    const b = c.charCodeAt(i);
    if (!((b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39))) return false;
  }
  return true;
}

/** go/ast: (*CommentGroup).Text over the comments' texts (markers included, as scanned). */
export function commentGroupText(comments: readonly string[]): string {
  const lines: string[] = [];
  for (let c of comments) {
    if (c[1] === '/') {
      c = c.slice(2);
      if (c.length > 0) {
        if (c[0] === ' ') c = c.slice(1);
        else if (isDirective(c)) continue;
      }
    } else if (c[1] === '*') c = c.slice(2, c.length - 2);
    for (const l of c.split('\n')) lines.push(l.replace(/[ \t\n\r]+$/, ''));
  }
  // Leading blank lines go; runs of blank lines become one; the text ends in a newline.
  const out: string[] = [];
  for (const l of lines) if (l !== '' || (out.length > 0 && out[out.length - 1] !== '')) out.push(l);
  if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  return out.join('\n');
}

/** go/doc/synopsis.go: firstSentence */
function firstSentence(s: string): string {
  let ppp = '';
  let pp = '';
  let p = '';
  let i = 0;
  for (const r of s) {
    const q = r === '\n' || r === '\r' || r === '\t' ? ' ' : r;
    if (q === ' ' && p === '.' && (!isUpper(pp || '\0') || isUpper(ppp || '\0'))) return s.slice(0, i);
    if (p === '。' || p === '．') return s.slice(0, i);
    ppp = pp;
    pp = p;
    p = q;
    i += r.length;
  }
  return s;
}

/** strings.ToLower (U+0130 lowers to "i" in Go). */
const toLower = (s: string) => s.replace(/\u0130/g, 'i').toLowerCase();

/** go/doc: IllegalPrefixes */
const illegalPrefixes = ['copyright', 'all rights', 'author'];

/** go/doc: Synopsis — the cleaned first sentence of a package comment's text ("" if none). */
export function synopsis(text: string): string {
  text = firstSentence(text);
  const lower = toLower(text);
  if (illegalPrefixes.some((p) => lower.startsWith(p))) return '';
  const d = parseDoc(text);
  const first = d.blocks[0];
  if (first === undefined || first.kind !== 'para') return '';
  let out = fields(first.text.join('')).join(' ') + '\n';
  const used = d.links.filter((l) => l.used);
  if (used.length > 0) out += '\n' + used.map((l) => `[${l.text}]: ${l.url}\n`).join('');
  return trimSpace(out);
}

// ---------------------------------------------------------------------------------------------
// go/doc/comment: the block structure and the inline text (as plain strings: link markup gone).

interface LinkDef {
  text: string;
  url: string;
  used: boolean;
}
type Block = { kind: 'para'; lines: string[]; text: string[] } | { kind: 'list'; paras: { lines: string[]; text: string[] }[] } | { kind: 'other' };

const indented = (l: string) => l !== '' && (l[0] === ' ' || l[0] === '\t');
const isBlank = (s: string) => s.length === 0 || s === '\n';

function leadingSpace(s: string): string {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return s.slice(0, i);
}

/** parse.go: unindent */
function unindent(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && isBlank(lines[a]!)) a++;
  while (b > a && isBlank(lines[b - 1]!)) b--;
  if (a === b) return [];
  lines = lines.slice(a, b);
  let prefix = leadingSpace(lines[0]!);
  for (const l of lines.slice(1)) {
    if (isBlank(l)) continue;
    const ls = leadingSpace(l);
    let i = 0;
    while (i < prefix.length && i < ls.length && prefix[i] === ls[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const out = lines.map((l) => {
    if (l.startsWith(prefix)) l = l.slice(prefix.length);
    return trimSpace(l) === '' ? '' : l;
  });
  while (out.length > 0 && out[0] === '') out.shift();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** parse.go: listMarker */
function listMarker(line: string): { num: string; rest: string } | null {
  line = trimSpace(line);
  if (line === '') return null;
  const r = String.fromCodePoint(line.codePointAt(0)!);
  let num: string;
  let rest: string;
  if (r === '•' || r === '*' || r === '+' || r === '-') {
    num = '';
    rest = line.slice(r.length);
  } else if (line[0]! >= '0' && line[0]! <= '9') {
    let n = 1;
    while (n < line.length && line[n]! >= '0' && line[n]! <= '9') n++;
    if (n >= line.length || (line[n] !== '.' && line[n] !== ')')) return null;
    num = line.slice(0, n);
    rest = line.slice(n + 1);
  } else return null;
  if (!indented(rest) || trimSpace(rest) === '') return null;
  return { num, rest };
}
const isList = (l: string) => listMarker(l) !== null;

/** parse.go: isHeading (a "# " line) */
const isHeading = (l: string) => l.length >= 2 && l[0] === '#' && (l[1] === ' ' || l[1] === '\t') && trimSpace(l) !== '#';

/** parse.go: isOldHeading */
function isOldHeading(line: string, all: string[], off: number): boolean {
  if (off <= 0 || all[off - 1] !== '' || off + 2 >= all.length || all[off + 1] !== '' || leadingSpace(all[off + 2]!) !== '') return false;
  line = trimSpace(line);
  const cps = [...line];
  const r0 = cps[0] ?? '\uFFFD';
  if (!isLetter(r0) || !isUpper(r0)) return false;
  const rl = cps[cps.length - 1] ?? '\uFFFD';
  if (!isLetter(rl) && !isDigit(rl)) return false;
  if (/[;:!?+*/=[\]{}_^°&§~%#@<">\\]/.test(line)) return false;
  for (const b of line.split("'").slice(1)) if (b !== 's' && !b.startsWith('s ')) return false;
  for (const b of line.split('.').slice(1)) if (b === '' || b.startsWith(' ')) return false;
  return true;
}

type SpanKind = 'code' | 'heading' | 'list' | 'oldHeading' | 'para';

/** parse.go: parseSpans */
function parseSpans(lines: string[]): { start: number; end: number; kind: SpanKind }[] {
  const spans: { start: number; end: number; kind: SpanKind }[] = [];
  let i = 0;
  let forceIndent = 0;
  spans: for (;;) {
    while (i < lines.length && lines[i] === '') i++;
    if (i >= lines.length) break;
    let kind: SpanKind;
    const start = i;
    let end = i;
    if (i < forceIndent || indented(lines[i]!)) {
      let unindentedListOK = isList(lines[i]!) && i < forceIndent;
      i++;
      while (i < lines.length && (lines[i] === '' || i < forceIndent || indented(lines[i]!) || (unindentedListOK && isList(lines[i]!)))) {
        if (lines[i] === '') unindentedListOK = false;
        i++;
      }
      end = i;
      while (end > start && lines[end - 1] === '') end--;
      if (end < lines.length && lines[end]!.startsWith('}')) end++;
      kind = isList(lines[start]!) ? 'list' : 'code';
    } else {
      i++;
      while (i < lines.length && lines[i] !== '' && !indented(lines[i]!)) i++;
      end = i;
      if (i < lines.length && lines[i] !== '' && !isList(lines[i]!)) {
        if (isList(lines[i - 1]!)) {
          forceIndent = end;
          end--;
          while (end > start && isList(lines[end - 1]!)) end--;
        } else if (lines[i - 1]!.endsWith('{') || lines[i - 1]!.endsWith('\\')) {
          forceIndent = end;
          end--;
        }
        if (start === end && forceIndent > start) {
          i = start;
          continue spans;
        }
      }
      if (end - start === 1 && isHeading(lines[start]!)) kind = 'heading';
      else if (end - start === 1 && isOldHeading(lines[start]!, lines, start)) kind = 'oldHeading';
      else kind = 'para';
    }
    spans.push({ start, end, kind });
    i = end;
  }
  return spans;
}

const schemes = new Set(['file', 'ftp', 'gopher', 'http', 'https', 'mailto', 'nntp']);

/** parse.go: parseLink — a "[text]: url" definition line. */
function parseLinkDef(line: string): LinkDef | null {
  if (line === '' || line[0] !== '[') return null;
  const i = line.indexOf(']:');
  if (i < 0 || i + 3 >= line.length || (line[i + 2] !== ' ' && line[i + 2] !== '\t')) return null;
  const url = trimSpace(line.slice(i + 3));
  const j = url.indexOf('://');
  if (j < 0 || !schemes.has(url.slice(0, j))) return null;
  return { text: line.slice(1, i), url, used: false };
}

interface Doc {
  blocks: Block[];
  links: LinkDef[];
}

/** comment.Parser{}.Parse (no Words, LookupPackage or LookupSym), inline text as strings. */
function parseDoc(text: string): Doc {
  const lines = unindent(text.split('\n'));
  const d: Doc = { blocks: [], links: [] };
  const byText = new Map<string, LinkDef>();
  // parse.go: paragraph — a block of link definitions is recorded, not kept.
  const paragraph = (ls: string[]): { lines: string[]; text: string[] } | null => {
    const defs: LinkDef[] = [];
    for (const l of ls) {
      const def = parseLinkDef(l);
      if (!def) return { lines: ls, text: [] };
      defs.push(def);
    }
    for (const def of defs) {
      d.links.push(def);
      if (!byText.has(def.text)) byText.set(def.text, def);
    }
    return null;
  };
  for (const s of parseSpans(lines)) {
    const ls = lines.slice(s.start, s.end);
    if (s.kind === 'para') {
      const p = paragraph(ls);
      if (p) d.blocks.push({ kind: 'para', ...p });
    } else if (s.kind === 'list') {
      // parse.go: list — items' lines become paragraphs (which may define links).
      const num = listMarker(ls[0]!)!.num;
      const paras: { lines: string[]; text: string[] }[] = [];
      let inItem = false;
      let cur: string[] = [];
      const flush = () => {
        if (inItem) {
          const p = paragraph(cur);
          if (p) paras.push(p);
        }
        cur = [];
      };
      for (let line of ls) {
        const m = listMarker(line);
        if (m && (m.num !== '') === (num !== '')) {
          flush();
          inItem = true;
          line = m.rest;
        }
        line = trimSpace(line);
        if (line === '') {
          flush();
          continue;
        }
        cur.push(line);
      }
      flush();
      d.blocks.push({ kind: 'list', paras });
    } else d.blocks.push({ kind: 'other' });
  }
  for (const b of d.blocks) {
    if (b.kind === 'para') b.text = linkedText(b.lines.join('\n'), byText);
    else if (b.kind === 'list') for (const p of b.paras) p.text = linkedText(p.lines.join('\n'), byText);
  }
  return d;
}

/** parse.go: parseLinkedText — explicit links [text] and doc links [pkg.Name] lose their brackets. */
function linkedText(text: string, links: Map<string, LinkDef>): string[] {
  const out: string[] = [];
  let wrote = 0;
  const flush = (i: number) => {
    if (wrote < i) {
      out.push(plainText(text.slice(wrote, i), true));
      wrote = i;
    }
  };
  let start = -1;
  let buf = '';
  for (let i = 0; i < text.length; i++) {
    let c = text[i]!;
    if (c === '\n' || c === '\t') c = ' ';
    if (c === '[') start = i;
    else if (c === ']') {
      if (start >= 0) {
        const def = links.get(buf);
        if (def) {
          def.used = true;
          flush(start);
          out.push(plainText(text.slice(start + 1, i), false));
          wrote = i + 1;
        } else if (isDocLink(text.slice(start + 1, i), text.slice(0, start), text.slice(i + 1))) {
          flush(start);
          out.push(plainText(text.slice(start + 1, i), false));
          wrote = i + 1;
        }
      }
      start = -1;
      buf = '';
    }
    if (start >= 0 && i !== start) buf += c;
  }
  flush(text.length);
  return out;
}

/** go/doc/comment/std.go: stdPkgs (single-element standard library import paths). */
const stdPkgs = new Set(
  ('bufio bytes cmp context crypto embed encoding errors expvar flag fmt hash html image io iter log maps math mime net os path ' +
    'plugin reflect regexp runtime slices sort strconv strings structs sync syscall testing time unicode unique unsafe').split(' '),
);

/** parse.go: docLink (no symbol lookup: only package-qualified names and packages are links). */
function isDocLink(text: string, before: string, after: string): boolean {
  const okNeighbour = (r: string) => isPunct(r) || r === ' ' || r === '\t' || r === '\n';
  if (before !== '' && !okNeighbour(lastRune(before))) return false;
  if (after !== '' && !okNeighbour(String.fromCodePoint(after.codePointAt(0)!))) return false;
  if (text.startsWith('*')) text = text.slice(1);
  let [pkg, , ok] = splitDocName(text);
  if (ok) [pkg] = splitDocName(pkg);
  if (pkg === '') return false; // LookupSym is nil
  if (pkg.includes('/')) return validImportPath(pkg);
  return stdPkgs.has(pkg);
}

function lastRune(s: string): string {
  const c = s.charCodeAt(s.length - 1);
  return c >= 0xdc00 && c < 0xe000 && s.length >= 2 ? s.slice(-2) : s.slice(-1);
}

/** parse.go: splitDocName — "before.Name" with Name a capitalized identifier. */
function splitDocName(text: string): [string, string, boolean] {
  const i = text.lastIndexOf('.');
  const name = text.slice(i + 1);
  if (!isName(name)) return [text, '', false];
  return [i >= 0 ? text.slice(0, i) : '', name, true];
}

function isName(s: string): boolean {
  return s !== '' && identAt(s, 0) === s.length && isUpper(String.fromCodePoint(s.codePointAt(0)!));
}

/** parse.go: ident — the end of the identifier [\pL_][\pL_0-9]* at s[i:] (i when none). */
function identAt(s: string, i: number): number {
  let n = i;
  while (n < s.length) {
    const c = s.charCodeAt(n);
    if (c < 0x80) {
      const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || (c >= 0x30 && c <= 0x39 && n > i);
      if (!ok) break;
      n++;
      continue;
    }
    const r = String.fromCodePoint(s.codePointAt(n)!);
    if (!isLetter(r)) break;
    n += r.length;
  }
  return n;
}

/** parse.go: validImportPath */
function validImportPath(path: string): boolean {
  if (path === '' || path[0] === '-' || path.includes('//') || path.endsWith('/')) return false;
  return path.split('/').every((e) => e !== '' && e[0] !== '.' && e[e.length - 1] !== '.' && /^[A-Za-z0-9\-.~_+]*$/.test(e));
}

const inMask = (c: number, s: string) => c < 0x80 && s.includes(String.fromCharCode(c));
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const hostChars = alnum + '_@-.[]:';
const punctChars = '.,:;?!';
const pathChars = alnum + "$'()*+&#=@~_/-[]{}%";

/** parse.go: autoURL — the length of the URL s starts with (0 if none). */
function autoURL(s: string): number {
  if (s.length < 7) return 0;
  let i: number;
  if (s[3] === ':') i = 3;
  else if (s[4] === ':') i = 4;
  else if (s[5] === ':') i = 5;
  else if (s[6] === ':') i = 6;
  else return 0;
  if (i + 3 > s.length || s.slice(i, i + 3) !== '://' || !schemes.has(s.slice(0, i))) return 0;
  i += 3;
  if (i >= s.length || !inMask(s.charCodeAt(i), hostChars) || inMask(s.charCodeAt(i), punctChars)) return 0;
  i++;
  let end = i;
  while (i < s.length && inMask(s.charCodeAt(i), hostChars)) {
    if (!inMask(s.charCodeAt(i), punctChars)) end = i + 1;
    i++;
  }
  i = end;
  const stk: string[] = [];
  end = i;
  path: for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inMask(c, punctChars)) continue;
    if (!inMask(c, pathChars)) break;
    const ch = s[i]!;
    if (ch === '(') stk.push(')');
    else if (ch === '{') stk.push('}');
    else if (ch === '[') stk.push(']');
    else if (ch === ')' || ch === '}' || ch === ']') {
      if (stk.length === 0 || stk[stk.length - 1] !== ch) break path;
      stk.pop();
    }
    if (stk.length === 0) end = i + 1;
  }
  return end;
}

/** parse.go: parseText as printed — URLs kept as they are, `` and '' become curly quotes. */
function plainText(s: string, autoLink: boolean): string {
  let w = '';
  let wrote = 0;
  for (let i = 0; i < s.length; ) {
    if (autoLink) {
      const u = autoURL(s.slice(i));
      if (u > 0) {
        i += u;
        continue;
      }
      const id = identAt(s, i);
      if (id > i) {
        i = id; // no Words: identifiers are plain
        continue;
      }
    }
    if (s.startsWith('``', i)) {
      if (s[i + 2] === '`') {
        i += 3;
        while (i < s.length && s[i] === '`') i++;
        continue;
      }
      w += s.slice(wrote, i) + '“';
      i += 2;
      wrote = i;
    } else if (s.startsWith("''", i)) {
      w += s.slice(wrote, i) + '”';
      i += 2;
      wrote = i;
    } else i++;
  }
  return w + s.slice(wrote);
}
