// Ordering and cleanup of go.mod files (x/mod/modfile/rule.go: lineLess, lineExcludeLess,
// lineRetractLess, SortBlocks, removeDups, Cleanup).
import type { ModuleVersion } from '../module';
import { compare as semverCompare } from '../semver';
import { sliceStable, strLess } from './gostr';
import type { File, Exclude, Replace, VersionInterval } from './rule';
import { Line, type FileSyntax } from './syntax';

/** rule.go: lineLess — token-wise string order. */
export function lineLess(li: Line, lj: Line): boolean {
  for (let k = 0; k < li.token.length && k < lj.token.length; k++) {
    if (li.token[k] !== lj.token[k]) return strLess(li.token[k], lj.token[k]);
  }
  return li.token.length < lj.token.length;
}

function lineExcludeLess(li: Line, lj: Line): boolean {
  if (li.token.length !== 2 || lj.token.length !== 2) return lineLess(li, lj);
  const pi = li.token[0];
  const pj = lj.token[0];
  if (pi !== pj) return strLess(pi, pj);
  return semverCompare(li.token[1], lj.token[1]) < 0;
}

function lineRetractLess(li: Line, lj: Line): boolean {
  const interval = (l: Line): VersionInterval => {
    if (l.token.length === 1) return { low: l.token[0], high: l.token[0] };
    if (l.token.length === 5 && l.token[0] === '[' && l.token[2] === ',' && l.token[4] === ']') {
      return { low: l.token[1], high: l.token[3] };
    }
    return { low: '', high: '' };
  };
  const vii = interval(li);
  const vij = interval(lj);
  const c = semverCompare(vii.low, vij.low);
  if (c !== 0) return c > 0;
  return semverCompare(vii.high, vij.high) > 0;
}

/** SortBlocks: removeDups, then sorts the lines of every block (exclude by semver from go 1.21, retract descending). */
export function sortBlocks(f: File): void {
  removeDups(f.syntax, f, f);
  const useSemanticSortForExclude = f.go !== null && semverCompare('v' + f.go.version, 'v1.21') >= 0;
  for (const stmt of f.syntax.stmt) {
    if (stmt.kind !== 'lineBlock') continue;
    let less = lineLess;
    if (stmt.token[0] === 'exclude' && useSemanticSortForExclude) less = lineExcludeLess;
    else if (stmt.token[0] === 'retract') less = lineRetractLess;
    sliceStable(stmt.line, less);
  }
}

/** rule.go: removeDups — the first exclude and the last replace for a module version win. */
export function removeDups(syntax: FileSyntax, ex: { exclude: Exclude[] } | null, rep: { replace: Replace[] }): void {
  const kill = new Set<Line>();
  const key = (m: ModuleVersion) => m.path + '\u0000' + m.version;
  if (ex !== null) {
    const haveExclude = new Set<string>();
    for (const x of ex.exclude) {
      if (haveExclude.has(key(x.mod))) {
        kill.add(x.syntax);
        continue;
      }
      haveExclude.add(key(x.mod));
    }
    ex.exclude = ex.exclude.filter((x) => !kill.has(x.syntax));
  }
  const haveReplace = new Set<string>();
  for (let i = rep.replace.length - 1; i >= 0; i--) {
    const x = rep.replace[i];
    if (haveReplace.has(key(x.old))) {
      kill.add(x.syntax);
      continue;
    }
    haveReplace.add(key(x.old));
  }
  rep.replace = rep.replace.filter((x) => !kill.has(x.syntax));

  const stmts = [];
  for (const stmt of syntax.stmt) {
    if (stmt.kind === 'line') {
      if (kill.has(stmt)) continue;
    } else if (stmt.kind === 'lineBlock') {
      stmt.line = stmt.line.filter((l) => !kill.has(l));
      if (stmt.line.length === 0) continue;
    }
    stmts.push(stmt);
  }
  syntax.stmt = stmts;
}

/** (*File).Cleanup: drops cleared entries, then the syntax cleanup. */
export function cleanup(f: File): void {
  f.godebug = f.godebug.filter((g) => g.key !== '');
  f.require = f.require.filter((r) => r.mod.path !== '');
  f.exclude = f.exclude.filter((x) => x.mod.path !== '');
  f.replace = f.replace.filter((r) => r.old.path !== '');
  f.retract = f.retract.filter((r) => r.low !== '' || r.high !== '');
  f.syntax.cleanup();
}
