// Package patterns over the main module: cmd/go/internal/modload/search.go (matchPackages'
// walkPkgs for local trees) and cmd/go/internal/search (CleanPatterns, IsLocal, MatchPattern).
import { errNoGo, isSkippedDirElem, loadScanDir, type ScanMode } from '../../imports/dirs';
import { cgoEnabled, type Tags } from '../../imports/match';
import { fetchModule, goRoot, stdPackageDirs, type LoadEnv } from './import';
import { isStandardImportPath } from '../../module';
import { join } from '../paths';
import { parseHeader } from '../../imports/scan';
import { isToolchainPath } from '../../gover';
import type { ModuleVersion } from '../../module';
import { mvKey } from '../../mvs/graph';
import { vendorDir } from '../vendor';
import { stdDirs } from './stdlib';

/** pkgpattern.MatchPattern: "..." matches anything but a non-trailing "vendor" element. */
export function matchPattern(pattern: string): (name: string) => boolean {
  const V = '\x00';
  if (pattern.includes(V) || pattern.includes('\\')) return () => false;
  let re = replaceVendor(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), V);
  const dots = '\\.\\.\\.';
  if (re.endsWith('/' + V + '/' + dots)) re = re.slice(0, -(dots.length + 3)) + '(/vendor|/' + V + '/' + dots + ')';
  else if (re === V + '/' + dots) re = '(/vendor|/' + V + '/' + dots + ')';
  else if (re.endsWith('/' + dots)) re = re.slice(0, -(dots.length + 1)) + '(/' + dots + ')?';
  re = re.split(dots).join('[^' + V + ']*');
  const reg = new RegExp('^' + re + '$', 's');
  return (name) => !name.includes(V) && reg.test(replaceVendor(name, V));
}

/** pkgpattern.replaceVendor: non-trailing "vendor" elements become repl. */
function replaceVendor(x: string, repl: string): string {
  if (!x.includes('vendor')) return x;
  const elem = x.split('/');
  for (let i = 0; i < elem.length - 1; i++) if (elem[i] === 'vendor') elem[i] = repl;
  return elem.join('/');
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
  mode?: ScanMode,
  walk0: { pruneGoMod?: boolean; pruneVendor?: boolean; have?: Set<string> } = {},
): Promise<{ path: string; dir: string }[]> {
  const out: { path: string; dir: string }[] = [];
  const pruneGoMod = walk0.pruneGoMod ?? true;
  const pruneVendor = walk0.pruneVendor ?? true;
  const have = walk0.have ?? new Set<string>(['builtin']);
  const walk = async (dir: string, rel: string, elem: string): Promise<void> => {
    const name = rel === '' ? importPathRoot : importPathRoot === '' ? rel : importPathRoot + '/' + rel;
    if (rel !== '' && isSkippedDirElem(elem)) return;
    // search.go walkPkgs: GOROOT/src-like roots (no import path) are walked but not packages.
    const rootless = rel === '' && importPathRoot === '';
    if (!rootless) {
      if (!treeCanMatch(name)) return;
      if (pruneGoMod && rel !== '' && (await env.fs.hasGoMod(dir))) return;
      if (!have.has(name)) {
        have.add(name);
        if (isMatch(name)) {
          const r = await env.fs.scanDir(dir, tags, mode);
          if (r.error !== errNoGo) out.push({ path: name, dir });
        }
      }
      if (elem === 'vendor' && pruneVendor) return;
    }
    for (const sub of (await env.fs.entries(dir)).dirs) {
      await walk(dir === '/' ? '/' + sub : dir + '/' + sub, rel === '' ? sub : rel + '/' + sub, sub);
    }
  };
  await walk(root, '', '');
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/**
 * search.go: matchPackages for a "..." pattern (LoadPackages passes includeStd and the build
 * list) or "all" (no std; the main modules): the standard library, then with -mod=vendor the main modules and the vendor tree,
 * otherwise every module of the build list whose path could hold a match.
 */
/** search.go: Match.AddError — a MatchError names the pattern (never literal here: meta or a wildcard). */
function matchError(pattern: string, err: Error): Error {
  return Object.assign(new Error(`pattern ${pattern}: ${err.message}`), { cause: err });
}

export async function matchPackages(env: LoadEnv, pattern: string, tags: Tags, modules: ModuleVersion[], mode?: ScanMode): Promise<{ pkgs: string[]; errs: Error[] }> {
  const s = env.s;
  // m.IsMeta(): "all" matches every package walked (LoadPackages passes omitStd for it)
  const meta = pattern === 'all';
  const isMatch = meta ? () => true : matchPattern(pattern);
  const treeCanMatch = meta ? () => true : treeCanMatchPattern(pattern);
  const have = new Set<string>(['builtin']);
  const pkgs: string[] = [];
  const errs: Error[] = [];
  const std = (p: string) => {
    if (p.split('/').some((e) => isSkippedDirElem(e))) return false;
    if (p === 'cmd' || p.startsWith('cmd/')) return treeCanMatch('cmd');
    return true;
  };
  // modload/search.go: matchPackages — runtime/cgo is skipped without cgo, and a directory
  // whose files the build constraints all exclude (scanDir's ErrNoGo) holds no package.
  if (!cgoEnabled((k) => s.getenv(k))) have.add('runtime/cgo');
  const src = join(goRoot(s), 'src');
  for (const p of meta ? [] : stdDirs) {
    if (!std(p) || have.has(p) || !treeCanMatch(p)) continue;
    have.add(p);
    if (!isMatch(p)) continue;
    // Where GOROOT cannot be read (the browser), the recorded directory stands for its package.
    const srcs = await env.fs.sources(join(src, p));
    if (srcs.length > 0 && loadScanDir(srcs, tags, join(src, p), mode ?? env.fs.scanMode).error === errNoGo) continue;
    pkgs.push(p);
  }
  const mms = s.main();
  if (s.buildMod === 'vendor') {
    for (const mm of mms.versions()) {
      const root = mms.getModRoot(mm);
      if (root === '') continue;
      const found = await walkLocalPackages(env, root, mms.pathPrefix.get(mvKey(mm)) ?? mm.path, tags, isMatch, treeCanMatch, mode, { have });
      pkgs.push(...found.map((f) => f.path));
    }
    if (s.hasModRoot()) {
      const vd = vendorDir(s);
      // fsys.Walk hands Lstat's error for a missing root to walkPkgs, which adds it to the match
      // (the root carries the trailing separator str.WithFilePathSeparator gave it).
      if (!(await env.fs.exists(vd))) errs.push(matchError(pattern, new Error(`lstat ${vd}/: no such file or directory`)));
      const found = await walkLocalPackages(env, vd, '', tags, isMatch, treeCanMatch, mode, { have, pruneGoMod: false });
      pkgs.push(...found.map((f) => f.path));
    }
    return { pkgs: pkgs.sort(cmpStr), errs };
  }
  for (const mod of modules) {
    if (isToolchainPath(mod.path) || !treeCanMatch(mod.path)) continue;
    let root: string;
    let isLocal: boolean;
    let prefix = mod.path;
    if (mms.contains(mod.path)) {
      root = mms.getModRoot(mod);
      if (root === '') continue;
      prefix = mms.pathPrefix.get(mvKey(mod)) ?? mod.path;
      isLocal = true;
    } else {
      try {
        ({ dir: root, isLocal } = await fetchModule(env, mod));
      } catch (e) {
        if ((e as { fatal?: boolean }).fatal) throw e;
        errs.push(matchError(pattern, e as Error));
        continue;
      }
    }
    const found = await walkLocalPackages(env, root, prefix, tags, isMatch, treeCanMatch, mode, { have, pruneGoMod: isLocal });
    pkgs.push(...found.map((f) => f.path));
  }
  return { pkgs: pkgs.sort(cmpStr), errs };
}

/**
 * search.MatchPackages for the meta-patterns "std" and "cmd": the package directories of
 * GOROOT/src (std: standard import paths outside cmd, vendored ones included) or GOROOT/src/cmd
 * (cmd, its vendor tree included); "builtin" is not a package, nor runtime/cgo without cgo, and a
 * directory whose files the build constraints all exclude holds none.
 */
export async function matchStdCmd(env: LoadEnv, pattern: 'std' | 'cmd', tags: Tags, mode?: ScanMode): Promise<string[]> {
  const src = join(goRoot(env.s), 'src');
  const pkgs: string[] = [];
  for (const p of await stdPackageDirs(env)) {
    const inCmd = p === 'cmd' || p.startsWith('cmd/');
    if (pattern === 'cmd' ? !inCmd : inCmd || !isStandardImportPath(p)) continue;
    if (p === 'builtin' || (p === 'runtime/cgo' && !tags.set.has('cgo'))) continue;
    if (p.split('/').some((e) => isSkippedDirElem(e))) continue;
    // Where GOROOT cannot be read (the browser), the recorded directory stands for its package.
    const srcs = await env.fs.sources(join(src, p));
    if (srcs.length > 0 && loadScanDir(srcs, tags, join(src, p), mode ?? env.fs.scanMode).error === errNoGo) continue;
    // "cmd" skips the main packages vendored under cmd/vendor.
    if (p.startsWith('cmd/vendor/') && srcs.some((f) => !f.name.endsWith('_test.go') && parseHeader(f.content).packageName === 'main')) continue;
    pkgs.push(p);
  }
  return pkgs.sort(cmpStr);
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
