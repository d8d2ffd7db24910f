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

// Bytes a plain token is made of: ASCII letters, digits and . _ ~ + - / (never "//": comments
// are not plain).
const plain = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9._~+\-/]/.test(ch)) plain[c] = 1;
}

/** ParseLax's module, go and require of data, or null when data is not plain (see above). */
export function laxSummary(data: Uint8Array): LaxSummary | null {
  const n = data.length;
  const out: LaxSummary = { module: null, go: null, require: [] };
  let block = ''; // verb of the open "verb (" block
  const toks: string[] = [];
  let i = 0;
  while (i < n) {
    // one line: tokens separated by spaces and tabs
    toks.length = 0;
    for (;;) {
      while (i < n && (data[i] === 0x20 || data[i] === 0x09)) i++;
      if (i >= n || data[i] === 0x0a) break;
      const start = i;
      while (i < n && data[i]! < 128 && plain[data[i]!] === 1) {
        if (data[i] === 0x2f && data[i + 1] === 0x2f) return null;
        i++;
      }
      if (i === start) {
        // "(" ending a block's first line, ")" alone closing it
        if (data[i] !== 0x28 && data[i] !== 0x29) return null;
        i++;
      } else if (i < n && data[i] !== 0x20 && data[i] !== 0x09 && data[i] !== 0x0a) return null;
      toks.push(String.fromCharCode.apply(null, data.subarray(start, i) as unknown as number[]));
    }
    i++; // the newline
    if (toks.length === 0) continue;
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
