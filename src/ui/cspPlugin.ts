// A strict Content-Security-Policy for the built page (vite build): no inline script, no eval;
// module workers from the same origin; fetches only to the same origin (the relay and the demo).
// Styles: the bundled stylesheet only. Added as a <meta http-equiv> at build time, so the dev
// server (which injects inline scripts for React refresh) is unaffected.
import type { Plugin } from 'vite';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function cspPlugin(): Plugin {
  return {
    name: 'modscope-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
      },
    },
  };
}
