// The loader's part of init.go: keepSums (ld != nil).
import { compareGo, TidyGoModSumVersion } from '../../gover';
import { checkImportPath, type ModuleVersion } from '../../module';
import { mvKey } from '../../mvs/graph';
import { resolveReplacement } from '../modfile';
import type { Requirements } from '../requirements';
import type { Loader } from './loader';
import type { LoadPkg } from './loadpkg';

/** The loader's part of init.go: keepSums (ld != nil), as the graph helper's hook. */
export function loaderKeepSums(ld: Loader, rs: Requirements) {
  return async (keep: Set<string>): Promise<{ keepModSumsForZipSums: boolean }> => {
    const s = ld.s;
    let keepModSumsForZipSums = true;
    let keepPkgGoModSums = true;
    if (compareGo(ld.requirements.goVersion(), TidyGoModSumVersion) < 0 && (ld.p.tidy || s.buildMod !== 'mod')) {
      keepPkgGoModSums = false;
      keepModSumsForZipSums = false;
    }
    const modkey = (m: ModuleVersion) => mvKey({ path: m.path, version: m.version + '/go.mod' });
    for (const pkg of ld.pkgs) {
      if (!packageKeepsSums(ld, pkg)) continue;
      if (keepPkgGoModSums) keep.add(modkey(resolveReplacement(s, pkg.mod)));
      if (rs.pruning === 'pruned' && pkg.mod.path !== '') {
        const { version, ok } = rs.rootSelected(pkg.mod.path);
        if (ok && version === pkg.mod.version) {
          for (let prefix = pkg.path; prefix !== '.'; prefix = dirOfPath(prefix)) {
            const r = rs.rootSelected(prefix);
            if (r.ok && r.version !== 'none') keep.add(mvKey(resolveReplacement(s, { path: prefix, version: r.version })));
          }
          continue;
        }
      }
      const { mg } = await rs.graph();
      for (let prefix = pkg.path; prefix !== '.'; prefix = dirOfPath(prefix)) {
        const v = mg.selected(prefix);
        if (v !== 'none') keep.add(mvKey(resolveReplacement(s, { path: prefix, version: v })));
      }
    }
    return { keepModSumsForZipSums };
  };
}

/**
 * init.go: keepSums' package filter — a non-test package that a module provides (or that failed
 * to load) and whose import path is valid keeps go.sum lines.
 */
export function packageKeepsSums(ld: Loader, pkg: LoadPkg): boolean {
  if (pkg.testOf !== null || (pkg.mod.path === '' && pkg.err === null)) return false;
  let ok = ld.importPathOK.get(pkg.path);
  if (ok === undefined) {
    try {
      checkImportPath(pkg.path);
      ok = true;
    } catch {
      ok = false;
    }
    ld.importPathOK.set(pkg.path, ok);
  }
  return ok;
}

function dirOfPath(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}
