// Random template generators for the gotmpl differential tests (gotmpl.fmt.test.ts over JSON
// values, gotmpl.test.ts over a go list-like struct): printf formats, token soups, builtin calls.
import type { Rng } from './rng';

const verbs = 'vvvvdsqxXoObcUeEfFgGtTp%';

/** A printf action with 1-3 random verbs (flags, widths, precisions, *, [n]) and 0-4 operands;
 *  `noAddress` are the operands used when one of `addressVerbs` could print an address. */
export function randomFormat(r: Rng, operands: readonly string[], noAddress: readonly string[] = operands, addressVerbs = 'p'): string {
  const n = r.int(3) + 1;
  let f = '';
  let nargs = 0;
  for (let i = 0; i < n; i++) {
    f += r.pick(['', '|', ' ', 'x']) + '%';
    for (const fl of '-+# 0') if (r.int(6) === 0) f += fl;
    if (r.int(8) === 0) f += `[${r.int(4)}]`;
    if (r.int(3) === 0) f += r.int(10) === 0 ? '*' : String(r.int(12));
    if (r.int(3) === 0) f += '.' + (r.int(8) === 0 ? '*' : r.int(4) === 0 ? '' : String(r.int(8)));
    f += verbs[r.int(verbs.length)];
    nargs++;
  }
  const k = Math.max(0, nargs + r.int(3) - 1);
  const args: string[] = [];
  const risky = [...addressVerbs].some((v) => f.includes(v));
  for (let i = 0; i < k; i++) args.push(r.pick(risky ? noAddress : operands));
  return `{{printf ${JSON.stringify(f)} ${args.join(' ')}}}`;
}

const keywords = [
  '{{', '{{', '{{', '}}', '}}', '}}', '{{-', '-}}', '$x', '$', '$x :=', '$x =', '$i, $e :=', '|', '(', ')', 'if', 'else', 'end', 'range', 'with',
  'index', 'slice', 'len', 'eq', 'lt', 'and', 'or', 'not', 'print', 'printf', 'js', 'html', '"%d"', '"%v|%5.2f"', '1', '-1', '2.5', "'c'", 'nil',
  'true', ',', '.', 'break', 'continue', 'define', 'template', 'block', '"x"', '`r`', 'x', '\n', ' ', '@', ':', '/*', '*/',
];

/** Random token soup (mostly parse errors: the parser's state, lines, contexts; some executions). */
export function randomSoup(r: Rng, fields: readonly string[]): string {
  const tokens = [...keywords, ...fields];
  const n = r.int(10) + 3;
  let t = '';
  for (let i = 0; i < n; i++) t += r.pick(tokens) + (r.int(4) === 0 ? '' : ' ');
  return t;
}

const funcs = ['index', 'slice', 'len', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not', 'print', 'println', 'js', 'html', 'urlquery', 'call', 'join'];

/** A random well-formed call of a builtin (or join) over operands, nested and piped. */
export function randomCall(r: Rng, operands: readonly string[], depth = 0): string {
  const args: string[] = [];
  const n = r.int(4);
  for (let i = 0; i < n; i++) args.push(depth < 2 && r.int(4) === 0 ? `(${randomCall(r, operands, depth + 1)})` : r.pick(operands));
  const call = [r.pick(funcs), ...args].join(' ');
  if (depth === 0 && r.int(4) === 0) return `${r.pick(operands)} | ${call}`;
  return call;
}
