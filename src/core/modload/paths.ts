// path/filepath helpers for absolute slash paths (Unix semantics), as cmd/go uses them.

import { cleanAbs } from '../workspace';

export function isAbs(p: string): boolean {
  return p.startsWith('/');
}

/** filepath.Clean */
export function clean(p: string): string {
  if (p === '') return '.';
  if (isAbs(p)) return cleanAbs(p);
  const out: string[] = [];
  for (const el of p.split('/')) {
    if (el === '' || el === '.') continue;
    if (el === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else out.push('..');
    } else out.push(el);
  }
  return out.length === 0 ? '.' : out.join('/');
}

/** filepath.Join */
export function join(...elems: string[]): string {
  const nonEmpty = elems.filter((e) => e !== '');
  if (nonEmpty.length === 0) return '';
  return clean(nonEmpty.join('/'));
}

/** filepath.Dir */
export function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(i < 0 ? '.' : p.slice(0, i + 1));
}

/** filepath.Rel (both absolute, or both relative); undefined when impossible. */
export function rel(basepath: string, targpath: string): string | undefined {
  const base = clean(basepath);
  const targ = clean(targpath);
  if (targ === base) return '.';
  if (isAbs(base) !== isAbs(targ)) return undefined;
  const b = base === '/' ? [] : base.split('/').filter((x) => x !== '');
  const t = targ === '/' ? [] : targ.split('/').filter((x) => x !== '');
  let i = 0;
  while (i < b.length && i < t.length && b[i] === t[i]) i++;
  if (b.slice(i).some((x) => x === '..')) return undefined;
  const ups = b.slice(i).map(() => '..');
  return [...ups, ...t.slice(i)].join('/') || '.';
}

/** base.ShortPath: the relative form when shorter. */
export function shortPath(cwd: string, path: string): string {
  const r = rel(cwd, path);
  if (r !== undefined && r.length < path.length) return r;
  return path;
}

/** search.InDir (without symlink handling): path relative to dir, or "" if outside. */
export function inDir(path: string, d: string): string {
  const r = rel(d, path);
  if (r === undefined || r === '..' || r.startsWith('../')) return '';
  return r;
}
