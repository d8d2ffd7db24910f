// go list's view of one package directory: its files and imports under the build tags
// (go/build's Import as cmd/go/internal/load sees it).
import { matchFile, shouldBuildConstraints, type Tags } from '../imports/match';
import { isIgnoredFileName } from '../imports/dirs';
import { scanGoFile, type GoFileInfo } from '../imports/scan';
import type { LoadEnv } from '../modload/packages/import';

export interface DirInfo {
  name: string;
  goFiles: string[];
  cgoFiles: string[];
  ignored: string[];
  testGoFiles: string[];
  xtestGoFiles: string[];
  imports: string[];
  testImports: string[];
  xtestImports: string[];
  infos: GoFileInfo[];
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The package facts of dir under tags: null when it holds no Go sources. */
export async function scanDirInfo(env: LoadEnv, dir: string, tags: Tags): Promise<DirInfo | null> {
  const srcs = await env.fs.sources(dir);
  if (srcs.length === 0) return null;
  const di: DirInfo = { name: '', goFiles: [], cgoFiles: [], ignored: [], testGoFiles: [], xtestGoFiles: [], imports: [], testImports: [], xtestImports: [], infos: [] };
  const imps = new Set<string>();
  const timps = new Set<string>();
  const ximps = new Set<string>();
  for (const f of [...srcs].sort((a, b) => cmp(a.name, b.name))) {
    if (isIgnoredFileName(f.name)) continue;
    const info = scanGoFile(dir + '/' + f.name, f.content);
    const ok = matchFile(f.name, tags) && (info.error !== undefined || shouldBuildConstraints(info.constraints, tags));
    if (!ok) {
      di.ignored.push(f.name);
      continue;
    }
    di.infos.push(info);
    const isX = info.isTest && info.packageName.endsWith('_test');
    if (!info.isTest || !isX) if (di.name === '' && !info.isTest) di.name = info.packageName;
    if (!info.isTest) {
      (info.cgo ? di.cgoFiles : di.goFiles).push(f.name);
      for (const i of info.imports) imps.add(i.path);
    } else if (isX) {
      di.xtestGoFiles.push(f.name);
      for (const i of info.imports) ximps.add(i.path);
    } else {
      di.testGoFiles.push(f.name);
      for (const i of info.imports) timps.add(i.path);
    }
  }
  if (di.name === '') {
    const t = di.infos.find((i) => i.isTest);
    if (t) di.name = t.packageName.replace(/_test$/, '');
  }
  di.imports = [...imps].sort(cmp);
  di.testImports = [...timps].sort(cmp);
  di.xtestImports = [...ximps].sort(cmp);
  return di;
}
