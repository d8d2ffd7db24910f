import { modEdit } from '../core/commands/modedit';

export type FormatResult = { ok: true; text: string } | { ok: false; error: string };

/** `go mod edit -fmt` on pasted text: the formatted file, or go's positioned parse error. */
export function formatGoMod(text: string): FormatResult {
  const r = modEdit(['-fmt'], { name: 'go.mod', data: text });
  if (r.exitCode === 0) return { ok: true, text: r.data ?? text };
  // go: errors parsing go.mod:\n<file>:LINE[:COL]: msg
  const lines = r.stderr.trimEnd().split('\n');
  return { ok: false, error: (lines.length > 1 ? lines.slice(1) : lines).join('\n') };
}
