// load.go: resolveLocalPackage and pathInModuleCache — the import path of a directory.
import { isToolchainPath } from '../../gover';
import type { ModuleVersion } from '../../module';
import { isIgnoredFileName } from '../../imports/dirs';
import { mvKey } from '../../mvs/graph';
import { replacement, replaceRelativeTo } from '../modfile';
import type { Requirements } from '../requirements';
import { fmtMod, type ModState } from '../state';
import { inDir, isAbs, join, shortPath } from '../paths';
import { downloadDir } from '../../cache';
import { readVendorList } from '../vendor';
import { goRoot, loadEnv } from './import';
import { findModuleRoot } from '../init';

export const errPkgIsGorootSrc = new Error('GOROOT/src is not an importable package');
export const errPkgIsBuiltin = new Error('"builtin" is a pseudo-package, not an importable package');

/** load.go: resolveLocalPackage (main-module directories, GOROOT/src, the module cache). */
export async function resolveLocalPackage(s: ModState, dir: string, rs?: Requirements): Promise<{ pkg: string } | { err: Error }> {
  const env = loadEnv(s);
  const absDir = dir;
  const files = await env.fs.filesIn(absDir);
  const hasGo = files.some((n) => n.endsWith('.go'));
  // go/build's ImportDir skips _x.go and .x.go without counting them (NoGoError).
  if (!files.some((n) => n.endsWith('.go') && !isIgnoredFileName(n))) {
    const st = await s.files.stat(absDir);
    if (st === undefined) return { err: new Error(`stat ${absDir}: directory not found`) };
    // A file is no directory: go/build's ImportDir fails without a NoGoError, and the path is
    // then checked against the main modules like any other.
    if (st === 'dir') return { err: Object.assign(new Error(`no Go files in ${absDir}`), { noGoDir: absDir }) }; // build.NoGoError
  }
  for (const mod of s.main().versions()) {
    const modRoot = s.main().getModRoot(mod);
    if (modRoot !== '' && absDir === modRoot) {
      if (absDir === join(goRoot(s), 'src')) return { err: errPkgIsGorootSrc };
      return { pkg: s.main().pathPrefix.get(mvKey(mod)) ?? mod.path };
    }
  }
  for (const mod of s.main().versions()) {
    const modRoot = s.main().getModRoot(mod);
    if (modRoot !== '' && absDir.startsWith(modRoot + '/') && !absDir.slice(modRoot.length).includes('@')) {
      const suffix = absDir.slice(modRoot.length + 1);
      if (suffix.startsWith('vendor/')) {
        if (s.buildMod !== 'vendor') return { err: new Error(`without -mod=vendor, directory ${absDir} has no package path`) };
        const pkg = suffix.slice('vendor/'.length);
        if (!(await readVendorList(s)).pkgModule.has(pkg)) return { err: new Error(`directory ${absDir} is not a package listed in vendor/modules.txt`) };
        return { pkg };
      }
      const prefix = s.main().pathPrefix.get(mvKey(mod)) ?? mod.path;
      if (prefix === '') {
        // "builtin" is not in std, so it does not resolve from within module std either.
        if (suffix === 'builtin') return { err: errPkgIsBuiltin };
        return { pkg: suffix };
      }
      const pkg = prefix + '/' + suffix;
      // dirInModule: no directory of Go files (a file's path), or a nested module
      if (!hasGo) return { err: new Error(`main module (${fmtMod(mod)}) does not contain package ${pkg}`) };
      for (let d = absDir; d !== modRoot && d.length > modRoot.length; d = d.slice(0, d.lastIndexOf('/'))) {
        if (await env.fs.hasGoMod(d)) return { err: new Error(`main module (${fmtMod(mod)}) does not contain package ${pkg}`) };
      }
      return { pkg };
    }
  }
  const sub = inDir(absDir, join(goRoot(s), 'src'));
  if (sub !== '' && sub !== '.' && !sub.includes('@')) {
    if (sub === 'builtin') return { err: errPkgIsBuiltin };
    return { pkg: sub };
  }
  const inCache = await pathInModuleCache(s, absDir, rs ?? s.requirements);
  if (inCache !== '') return { pkg: inCache };
  // base.ShortPath
  const rel = shortPath(s.cwd, absDir);
  const dirstr = rel === '.' ? 'current directory' : 'directory ' + rel;
  if (s.inWorkspaceMode()) {
    // load.go resolveLocalPackage: in workspace mode, a directory of a module go.work does not use
    const mr = await findModuleRoot(s, absDir);
    if (mr !== '') {
      return {
        err: new Error(`${dirstr} is contained in a module that is not one of the workspace modules listed in go.work. You can add the module to the workspace using:\n\tgo work use ${shortPath(s.cwd, mr)}`),
      };
    }
    return { err: new Error(`${dirstr} outside modules listed in go.work or their selected dependencies`) };
  }
  return { err: new Error(`${dirstr} outside main module or its selected dependencies`) };
}

/** load.go: pathInModuleCache — the import path of a directory inside a selected module's tree. */
export async function pathInModuleCache(s: ModState, dir: string, rs: Requirements | null | undefined): Promise<string> {
  if (!rs) return '';
  const tryMod = async (m: ModuleVersion): Promise<string> => {
    if (isToolchainPath(m.path)) return '';
    let root: string;
    const repl = replacement(s, m);
    if (repl.path !== '' && repl.version === '') root = isAbs(repl.path) ? repl.path : join(replaceRelativeTo(s), repl.path);
    else {
      try {
        // modfetch.DownloadDir checks the cache directory (checkCacheDir: made when missing)
        // before it looks at the module path, even a main module's.
        s.fetcher.cache.checkDir?.();
        const d = await downloadDir(s.fetcher.cache, repl.path !== '' ? repl : m);
        if (d.err) return '';
        root = d.dir;
      } catch {
        return '';
      }
    }
    const sub = inDir(dir, root);
    if (sub === '' || sub.includes('/vendor/') || sub.startsWith('vendor/') || sub.includes('@')) return '';
    return sub === '.' ? m.path : m.path + '/' + sub;
  };
  if (rs.pruning === 'pruned') {
    for (const m of rs.rootModules) {
      if (rs.rootSelected(m.path).version !== m.version) continue;
      const p = await tryMod(m);
      if (p !== '') return p;
    }
  }
  const { mg } = await rs.graph();
  for (const m of mg.buildList()) {
    const p = await tryMod(m);
    if (p !== '') return p;
  }
  return '';
}

