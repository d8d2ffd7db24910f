// init.go: CheckGodebug — the godebug keys go.mod / go.work (and //go:debug) may set: Go 1.23's
// internal/godebugs/table.go (All, the Name column).
import { isValidGo, Local, compareGo } from '../gover';
import { goQuote } from '../module';

export const godebugNames: readonly string[] = ["asynctimerchan", "execerrdot", "gocachehash", "gocachetest", "gocacheverify", "gotypesalias", "http2client", "http2debug", "http2server", "httplaxcontentlength", "httpmuxgo121", "httpservecontentkeepheaders", "installgoroot", "jstmpllitinterp", "multipartfiles", "multipartmaxheaders", "multipartmaxparts", "multipathtcp", "netdns", "netedns0", "panicnil", "randautoseed", "tarinsecurepath", "tls10server", "tls3des", "tlskyber", "tlsmaxrsasize", "tlsrsakex", "tlsunsafeekm", "winreadlinkvolume", "winsymlink", "x509keypairleaf", "x509negativeserial", "x509sha1", "x509usefallbackroots", "x509usepolicies", "zipinsecurepath"];

const known = new Set(godebugNames);

/** CheckGodebug(verb, k, v): null when the setting is acceptable. */
export function checkGodebug(verb: string, k: string, v: string): Error | null {
  if (/[ \t]/.test(k)) return new Error('key contains space');
  if (/[ \t]/.test(v)) return new Error('value contains space');
  if (k.includes(',')) return new Error('key contains comma');
  if (v.includes(',')) return new Error('value contains comma');
  if (k === 'default') {
    if (!v.startsWith('go') || !isValidGo(v.slice(2))) return new Error('value for default= must be goVERSION');
    if (compareGo(v.slice(2), Local) > 0) return new Error(`default=${v} too new (toolchain is go${Local})`);
    return null;
  }
  if (known.has(k)) return null;
  return new Error(`unknown ${verb} ${goQuote(k)}`);
}

/**
 * The settings whose default changed, with the go version (1.N) that changed it and the old
 * value: Go 1.23's internal/godebugs/table.go (All: the entries with Changed and Old).
 */
const godebugChanges: ReadonlyArray<readonly [name: string, changed: number, old: string]> = [
  ['asynctimerchan', 23, '1'],
  ['gotypesalias', 23, '0'],
  ['httplaxcontentlength', 22, '1'],
  ['httpmuxgo121', 22, '1'],
  ['httpservecontentkeepheaders', 23, '1'],
  ['netedns0', 19, '0'],
  ['panicnil', 21, '1'],
  ['tls10server', 22, '1'],
  ['tls3des', 23, '1'],
  ['tlskyber', 23, '0'],
  ['tlsrsakex', 22, '1'],
  ['tlsunsafeekm', 22, '1'],
  ['winreadlinkvolume', 22, '0'],
  ['winsymlink', 22, '0'],
  ['x509keypairleaf', 23, '0'],
  ['x509negativeserial', 23, '1'],
];

/** load/godebug.go: godebugForGoVersion — the old defaults a go version keeps; null for a version not "1.N...". */
function godebugForGoVersion(v: string): Map<string, string> | null {
  const parts = v.split('.');
  if (parts[0] !== '1' || parts.length < 2) return null;
  if (!/^[+-]?\d+$/.test(parts[1]!)) return null; // strconv.Atoi
  const n = Number(parts[1]);
  const def = new Map<string, string>();
  for (const [name, changed, old] of godebugChanges) if (n < changed) def.set(name, old);
  return def;
}

/** load/godebug.go: ParseGoDebug — a //go:debug directive's key and value, or null when it is not a valid one. */
function parseGoDebug(text: string): [string, string] | null {
  if (!text.startsWith('//go:debug')) return null;
  const i = text.search(/[ \t]/);
  if (i < 0) return null;
  const kv = text.slice(i).trim();
  const eq = kv.indexOf('=');
  if (eq < 0) return null;
  const [k, v] = [kv.slice(0, eq), kv.slice(eq + 1)];
  return checkGodebug('//go:debug setting', k, v) === null ? [k, v] : null;
}

/**
 * load/godebug.go: defaultGODEBUG for a main package — the old defaults of the main modules' go
 * version, then the go.mod (go.work) godebug lines, then the package's //go:debug directives;
 * "k=v" pairs sorted by key, comma-separated.
 */
export function defaultGODEBUG(goVersion: string, godebugs: ReadonlyArray<{ key: string; value: string }>, directives: readonly string[]): string {
  let m: Map<string, string> | null = null;
  for (const g of godebugs) (m ??= new Map()).set(g.key, g.value);
  for (const d of directives) {
    const kv = parseGoDebug(d);
    if (kv) (m ??= new Map()).set(kv[0], kv[1]);
  }
  // default=goV chooses the version whose defaults apply
  const dflt = m?.get('default');
  if (m && dflt !== undefined) {
    m.delete('default');
    const v = dflt.startsWith('go') ? dflt.slice(2) : dflt;
    if (isValidGo(v)) goVersion = v;
  }
  const defaults = godebugForGoVersion(goVersion);
  if (defaults !== null) {
    for (const [k, v] of m ?? []) defaults.set(k, v);
    m = defaults;
  }
  if (m === null) return '';
  return [...m.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${m!.get(k)}`)
    .join(',');
}
