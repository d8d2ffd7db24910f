// Line diffs for the previews: side-by-side rows and unified patches (via the `diff` package),
// and the reasons from tidy's report attached to the lines they explain. No DOM.
import { createTwoFilesPatch, diffLines } from 'diff';
import type { TidyChange, TidyReport } from '../../core/commands/modtidy';
import type { GetChange } from '../../core/modget/get';
import { sumKey, type SumReasons } from '../../core/views/sumReasons';

export interface Row {
  kind: 'same' | 'del' | 'add' | 'chg';
  left?: string;
  right?: string;
  leftNo?: number;
  rightNo?: number;
}

const splitLines = (t: string) => {
  const l = t.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
};

/** Side-by-side rows: unchanged lines pair up, a removed run pairs with the added run after it. */
export function sideBySide(before: string, after: string): Row[] {
  const rows: Row[] = [];
  let ln = 1;
  let rn = 1;
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const lines = splitLines(p.value);
    if (!p.added && !p.removed) {
      for (const l of lines) rows.push({ kind: 'same', left: l, right: l, leftNo: ln++, rightNo: rn++ });
    } else if (p.removed) {
      const next = parts[i + 1];
      const adds = next?.added ? splitLines(next.value) : [];
      if (next?.added) i++;
      const n = Math.max(lines.length, adds.length);
      for (let j = 0; j < n; j++) {
        const l = lines[j];
        const r = adds[j];
        rows.push({
          kind: l !== undefined && r !== undefined ? 'chg' : l !== undefined ? 'del' : 'add',
          left: l,
          right: r,
          leftNo: l !== undefined ? ln++ : undefined,
          rightNo: r !== undefined ? rn++ : undefined,
        });
      }
    } else {
      for (const l of lines) rows.push({ kind: 'add', right: l, rightNo: rn++ });
    }
  }
  return rows;
}

/** A unified diff in the layout of `go mod tidy -diff` (diff current/F updated/F, ---, +++, hunks). */
export function unifiedPatch(name: string, before: string, after: string, newDir = 'updated'): string {
  if (before === after) return '';
  const p = createTwoFilesPatch(`current/${name}`, `${newDir}/${name}`, before, after, undefined, undefined, { context: 3 });
  const body = p
    .split('\n')
    .filter((l) => !/^=+$/.test(l) && !l.startsWith('Index:'))
    .map((l) => l.replace(/^(---|\+\+\+) (\S+)\t.*$/, '$1 $2'))
    .join('\n');
  return `diff current/${name} ${newDir}/${name}\n${body}`;
}

const words = (line: string) => line.trim().split(/\s+/);

/** The reason tidy's report gives for a go.mod or go.sum line (before or after), if it explains it. */
export function reasonFor(report: TidyReport | undefined, file: 'go.mod' | 'go.sum', line: string, side: 'left' | 'right'): string | undefined {
  if (!report || line.trim() === '') return undefined;
  if (file === 'go.sum') {
    for (const c of report.changes) {
      if ((c.kind === 'sum-added' && side === 'right') || (c.kind === 'sum-removed' && side === 'left')) if (c.line === line) return c.reason;
    }
    return report.sumsKept.find((k) => k.line === line)?.reason;
  }
  const w = words(line);
  const first = w[0] === 'require' ? w[1] : w[0];
  for (const c of report.changes) {
    const path = changePath(c);
    if (path !== undefined && first === path) return c.reason;
    if ((c.kind === 'go-line' && w[0] === 'go') || (c.kind === 'toolchain-line' && w[0] === 'toolchain')) return c.reason;
  }
  return undefined;
}

export function changePath(c: TidyChange): string | undefined {
  switch (c.kind) {
    case 'require-added':
    case 'require-removed':
    case 'marked-indirect':
    case 'marked-direct':
      return c.module.path;
    case 'require-version':
      return c.path;
    default:
      return undefined;
  }
}

/** One line of text per report change, for the change list. */
export function describeChange(c: TidyChange): string {
  switch (c.kind) {
    case 'require-added':
      return `require ${c.module.path} ${c.module.version}${c.indirect ? ' // indirect' : ''} added`;
    case 'require-removed':
      return `require ${c.module.path} ${c.module.version} removed`;
    case 'require-version':
      return `${c.path} ${c.from} → ${c.to}`;
    case 'marked-indirect':
      return `${c.module.path} marked // indirect`;
    case 'marked-direct':
      return `${c.module.path} no longer // indirect`;
    case 'go-line':
      return `go ${c.from || '(none)'} → ${c.to}`;
    case 'toolchain-line':
      return `toolchain ${c.from || '(none)'} → ${c.to || '(none)'}`;
    case 'sum-added':
      return `go.sum + ${c.line}`;
    case 'sum-removed':
      return `go.sum − ${c.line}`;
  }
}

export function describeGetChange(c: GetChange): string {
  if (c.kind === 'added') return `added ${c.path} ${c.new}`;
  if (c.kind === 'removed') return `removed ${c.path} ${c.old}`;
  return `${c.kind} ${c.path} ${c.old} => ${c.new}`;
}

export interface SumLine {
  line: string;
  module: string;
  version: string;
  hash: 'zip' | 'go.mod';
  status: 'kept' | 'added' | 'removed';
  reason: string;
}

/** Every go.sum line before and after tidy, classified: zip or go.mod hash, kept / added / removed, and why. */
export function classifySums(report: TidyReport, why?: SumReasons): SumLine[] {
  const out: SumLine[] = [];
  const mk = (line: string, status: SumLine['status'], reason: string): SumLine => {
    const [module = '', v = ''] = line.split(' ');
    const gomod = v.endsWith('/go.mod');
    return { line, module, version: gomod ? v.slice(0, -7) : v, hash: gomod ? 'go.mod' : 'zip', status, reason };
  };
  const reasons = new Map<string, string>();
  for (const k of report.sumsKept) reasons.set(k.line, k.reason);
  for (const c of report.changes) if (c.kind === 'sum-added') reasons.set(c.line, c.reason);
  for (const l of splitLines(report.gosumAfter)) {
    if (l.trim() === '') continue;
    const r = why ? why.reasons[sumKey(l)] : undefined;
    out.push(mk(l, report.sumsKept.some((k) => k.line === l) ? 'kept' : 'added', r ?? reasons.get(l) ?? ''));
  }
  for (const c of report.changes) if (c.kind === 'sum-removed') out.push(mk(c.line, 'removed', c.reason));
  return out;
}
