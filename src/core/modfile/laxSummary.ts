// What ParseLax keeps of a dependency's go.mod (module path, go version, requirements), read
// without building a syntax tree, for the plain files that make up nearly all of a module
// graph. Any file outside that plain form (comments, quotes, retractions, a go version to fix,
// anything that may be an error) gets null: the caller parses it with parseLax, which gives
// go's exact result or error.
import { canonicalVersion, pathMajorError, splitPathVersion, type ModuleVersion } from '../module';
import { GoVersionRE } from './rule';

export interface LaxSummary {
  module: string | null;
  go: string | null;
  require: ModuleVersion[];
}

// A plain file holds only ASCII letters, digits, . _ ~ + - / (tokens), spaces, tabs and
// newlines between them, and "(" and ")" standing alone; no "//" (comments are not plain).
const notPlain = /[^\t\n ()A-Za-z0-9._~+\-/]|\/\/|[^\t\n ][()]|[()][^\t\n ]/;
const ascii = new TextDecoder('latin1'); // each byte one char; any byte past 0x7e is not plain
// a token (a run of anything but blanks and newlines) or a newline
const tokenOrNewline = /[^\t\n ]+|\n/g;

/** ParseLax's module, go and require of data, or null when data is not plain (see above). */
export function laxSummary(data: Uint8Array): LaxSummary | null {
  const text = ascii.decode(data);
  if (notPlain.test(text)) return null;
  const out: LaxSummary = { module: null, go: null, require: [] };
  let block = ''; // verb of the open "verb (" block
  // the file's tokens and newlines, matched at once; a line's tokens are the run between newlines
  const all: string[] = text.match(tokenOrNewline) ?? [];
  for (let i = 0, j = 0; i < all.length; i = j + 1) {
    j = all.indexOf('\n', i);
    if (j < 0) j = all.length;
    if (j === i) continue;
    const toks = all.slice(i, j);
    if (block !== '') {
      if (toks.length === 1 && toks[0] === ')') {
        block = '';
        continue;
      }
      if (toks.includes('(') || toks.includes(')')) return null;
      if (block === 'require') {
        if (!addRequire(out, toks, 0)) return null;
      } else if (block === 'module' || block === 'go' || block === 'retract') return null;
      continue;
    }
    if (toks.includes(')')) return null;
    const open = toks.indexOf('(');
    if (open >= 0) {
      if (open !== 1 || toks.length !== 2) return null;
      block = toks[0]!;
      continue;
    }
    switch (toks[0]) {
      case 'module':
        if (out.module !== null || toks.length !== 2) return null;
        out.module = toks[1]!;
        break;
      case 'go':
        if (out.go !== null || toks.length !== 2 || !GoVersionRE.test(toks[1]!)) return null;
        out.go = toks[1]!;
        break;
      case 'require':
        if (!addRequire(out, toks, 1)) return null;
        break;
      case 'retract':
        return null;
      // ParseLax ignores every other directive
    }
  }
  return block === '' ? out : null;
}

/** A require line's path and version (tokens from off), as rule.go's add checks them. */
function addRequire(out: LaxSummary, toks: string[], off: number): boolean {
  if (toks.length - off !== 2) return false;
  const path = toks[off]!;
  const version = canonicalVersion(toks[off + 1]!);
  if (version === '') return false;
  const { pathMajor, ok } = splitPathVersion(path);
  if (!ok || pathMajorError(version, pathMajor) !== null) return false;
  out.require.push({ path, version });
  return true;
}
