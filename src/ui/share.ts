// Share links: a small workspace in the URL hash (#w=…): its universe txtar, deflated with fflate
// and base64url-encoded. Reading one yields plain files; nothing in it is executed. The hash is
// URLSearchParams-shaped, so the graph view's g.* parameters (selection, filters, layout) can
// ride along in the same hash: "#w=…&g.sel=…".
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export const MAX_SHARE_CHARS = 60_000;

function b64url(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(s: string): Uint8Array {
  const t = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = t.charCodeAt(i);
  return out;
}

const params = (hash: string) => new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);

/** The hash's parameters other than the workspace (the graph's g.*), as "k=v&…" ('' if none). */
function otherParams(hash: string): string {
  const p = params(hash);
  p.delete('w');
  return p.toString();
}

/** "#w=<base64url(deflate(txtar))>" (plus `keep`'s other parameters, e.g. the graph's g.* view
 * state), or an error when it would be too long for a link. */
export function encodeShare(txtar: string, keep = ''): { hash: string } | { error: string } {
  const rest = otherParams(keep);
  const hash = '#w=' + b64url(deflateSync(strToU8(txtar), { level: 9 })) + (rest ? '&' + rest : '');
  if (hash.length > MAX_SHARE_CHARS) return { error: `workspace too large for a share link (${hash.length} characters; limit ${MAX_SHARE_CHARS})` };
  return { hash };
}

/** The txtar text in a share hash, or undefined when the hash is not a share link. */
export function decodeShare(hash: string): string | undefined {
  const w = params(hash).get('w');
  if (w === null || !/^[A-Za-z0-9_-]+$/.test(w)) return undefined;
  try {
    return strFromU8(inflateSync(unb64url(w)));
  } catch {
    return undefined;
  }
}

/** The hash without the workspace parameter (what stays in the URL after a share link is opened). */
export function withoutShare(hash: string): string {
  const rest = otherParams(hash);
  return rest ? '#' + rest : '';
}
