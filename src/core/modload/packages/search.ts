// Package patterns over the main module: cmd/go/internal/modload/search.go (matchPackages'
// walkPkgs for local trees) and cmd/go/internal/search (CleanPatterns, IsLocal, MatchPattern).
import { errNoGo, isSkippedDirElem, loadScanDir, type ScanMode } from '../../imports/dirs';
import type { Tags } from '../../imports/match';
import type { LoadEnv } from './import';

/** pkgpattern.MatchPattern */
export function matchPattern(pattern: string): (name: string) => boolean {
  const re = patternRegexp(pattern);
  return (name) => re.test(name);
}

function patternRegexp(pattern: string): RegExp {
  let vendorChar = '';
  let s = '';
  for (const part of pattern.split('...')) {
    if (s !== '') s += '.*';
    s += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  void vendorChar;
  // "/..." at the end also matches the parent ("net/..." matches "net").
  if (s.endsWith('/.*')) s = s.slice(0, -3) + '(/.*)?';
  return new RegExp('^' + s + '$', 's');
}

/** pkgpattern.TreeCanMatchPattern */
export function treeCanMatchPattern(pattern: string): (name: string) => boolean {
  const i = pattern.indexOf('...');
  if (i < 0) return (name) => name === pattern || pattern.startsWith(name + '/');
  const prefix = pattern.slice(0, i);
  return (name) => name.startsWith(prefix) || prefix.startsWith(name + '/') || (prefix.endsWith('/') && name === prefix.slice(0, -1));
}

/** search.IsLocal */
export function isLocalPattern(p: string): boolean {
  return p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../') || p.startsWith('/');
}

/** walkPkgs over a local module tree: the packages (import path, dir) below root. */
export async function walkLocalPackages(
  env: LoadEnv,
  root: string,
  importPathRoot: string,
  tags: Tags,
  isMatch: (name: string) => boolean,
  treeCanMatch: (name: string) => boolean,
  mode: ScanMode = 'index',
): Promise<{ path: string; dir: string }[]> {
  const out: { path: string; dir: string }[] = [];
  const have = new Set<string>(['builtin']);
  const walk = async (dir: string, rel: string, elem: string): Promise<void> => {
    const name = rel === '' ? importPathRoot : importPathRoot === '' ? rel : importPathRoot + '/' + rel;
    if (rel !== '' && isSkippedDirElem(elem)) return;
    if (!treeCanMatch(name)) return;
    if (rel !== '' && (await env.fs.hasGoMod(dir))) return;
    if (!have.has(name)) {
      have.add(name);
      if (isMatch(name)) {
        const srcs = await env.fs.sources(dir);
        const r = loadScanDir(srcs, tags, dir, mode);
        if (r.error !== errNoGo) out.push({ path: name, dir });
      }
    }
    if (elem === 'vendor') return;
    for (const sub of (await env.fs.subdirs(dir)).sort()) {
      await walk(dir === '/' ? '/' + sub : dir + '/' + sub, rel === '' ? sub : rel + '/' + sub, sub);
    }
  };
  await walk(root, '', '');
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}
