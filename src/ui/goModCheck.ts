import { modEdit } from '../core/commands/modedit';

export interface GoModDiagnostic {
  line: number;
  col?: number;
  /** The message as go prints it: "go.mod:LINE[:COL]: text". */
  text: string;
}

/** go.mod errors as `go mod edit -fmt` reports them (go's line:col), for the editor. */
export function checkGoMod(text: string): GoModDiagnostic[] {
  const r = modEdit(['-fmt'], { name: 'go.mod', data: text });
  if (r.exitCode === 0) return [];
  const out: GoModDiagnostic[] = [];
  for (const l of r.stderr.split('\n')) {
    const m = /^go\.mod:(\d+)(?::(\d+))?: /.exec(l);
    if (m) out.push({ line: Number(m[1]), col: m[2] ? Number(m[2]) : undefined, text: l });
  }
  if (out.length === 0 && r.stderr.trim()) out.push({ line: 1, text: r.stderr.trim() });
  return out;
}
