// The standard-library part of the "all" pattern. modscope's loader does not read the imports
// of standard packages (they never change the module graph), but go's does (modload/load.go:
// (*loader).load scans every package, std included, and pkgInAll flows along its imports, and
// along its test's imports when "all" closes over tests), so `go list all` also names the std
// packages that the std packages in "all" import, through GOROOT/src/vendor (stdVendor).
import type { Loader } from '../modload/packages/load';
import { goRoot } from '../modload/packages/import';
import { join } from '../modload/paths';
import { cmp } from './listpkgdir';

/** load.go: scanDir's filter (cgo and appengine imports are not packages to load). */
function loadable(path: string): boolean {
  return path !== 'C' && path !== 'appengine' && !path.startsWith('appengine/') && path !== 'appengine_internal' && !path.startsWith('appengine_internal/');
}

/** computePatternAll's result with the std packages reachable from its std packages added. */
export async function withStdImports(ld: Loader, all: string[]): Promise<string[]> {
  const out = new Set(all);
  const queue = all.filter((p) => ld.pkgCache.get(p)?.inStd);
  const root = join(goRoot(ld.s), 'src');
  while (queue.length > 0) {
    const path = queue.pop()!;
    const sr = await ld.env.fs.scanDir(join(root, path), ld.tags);
    if (sr.error !== undefined) continue;
    const imports = ld.allClosesOverTests ? [...sr.imports, ...sr.testImports] : sr.imports;
    for (const imp of imports.filter(loadable)) {
      const target = await ld.stdVendor(path, imp);
      if (out.has(target)) continue;
      out.add(target);
      queue.push(target);
    }
  }
  return [...out].sort(cmp);
}
