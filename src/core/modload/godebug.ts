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
