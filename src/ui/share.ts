// Share links: a small workspace in the URL hash (#w=…): its universe txtar, deflated with fflate
// and base64url-encoded. Reading one yields plain files; nothing in it is executed.
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

/** "#w=<base64url(deflate(txtar))>", or an error when it would be too long for a link. */
export function encodeShare(txtar: string): { hash: string } | { error: string } {
  const hash = '#w=' + b64url(deflateSync(strToU8(txtar), { level: 9 }));
  if (hash.length > MAX_SHARE_CHARS) return { error: `workspace too large for a share link (${hash.length} characters; limit ${MAX_SHARE_CHARS})` };
  return { hash };
}

/** The txtar text in a share hash, or undefined when the hash is not a share link. */
export function decodeShare(hash: string): string | undefined {
  const m = /^#w=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return undefined;
  try {
    return strFromU8(inflateSync(unb64url(m[1]!)));
  } catch {
    return undefined;
  }
}
