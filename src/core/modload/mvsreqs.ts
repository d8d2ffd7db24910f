// mvs.Reqs for the module loader: cmd/go/internal/modload/mvs.go.
//
// API:
//   cmpVersion(path, v1, v2)      gover.ModCompare with "" (a main module) highest
//   new MvsReqs(s, roots)          required(m) = roots for main modules, goModSummary otherwise
//   versions(s, path, allowed)     the proxy's version list filtered by allowed
//   previousVersion(s, m)          the tagged version just below m (or "none")

import { modCompare } from '../gover';
import type { ModuleVersion } from '../module';
import type { Reqs } from '../mvs/mvs';
import { isNotExist } from '../source';
import { checkAllowed, goModSummary, isDisallowed, type AllowedFunc } from './modfile';
import { lookupRepo } from './query';
import type { ModState } from './state';

/** mvs.go: cmpVersion */
export function cmpVersion(p: string, v1: string, v2: string): number {
  if (v2 === '') return v1 === '' ? 0 : -1;
  if (v1 === '') return 1;
  return modCompare(p, v1, v2);
}

/** mvs.go: mvsReqs */
export class MvsReqs implements Reqs {
  constructor(
    private readonly s: ModState,
    public roots: ModuleVersion[],
  ) {}

  async required(mod: ModuleVersion): Promise<readonly ModuleVersion[]> {
    if (mod.version === '' && this.s.mainModules?.contains(mod.path)) return this.roots;
    if (mod.version === 'none') return [];
    const summary = await goModSummary(this.s, mod);
    return summary.require;
  }

  max(p: string, v1: string, v2: string): string {
    return cmpVersion(p, v1, v2) < 0 ? v2 : v1;
  }

  upgrade(m: ModuleVersion): ModuleVersion {
    return m;
  }

  previous(m: ModuleVersion): Promise<ModuleVersion> {
    return previousVersion(this.s, m);
  }
}

/** mvs.go: versions — the allowed versions of path (errors other than disallowed are returned). */
export async function versions(s: ModState, path: string, allowed: AllowedFunc): Promise<string[]> {
  const repo = lookupRepo(s, path);
  const all = await repo.versions('');
  const out: string[] = [];
  for (const v of all) {
    const err = await allowed({ path, version: v });
    if (err === null) out.push(v);
    else if (!isDisallowed(err)) throw err;
  }
  return out;
}

/** mvs.go: previousVersion */
export async function previousVersion(s: ModState, m: ModuleVersion): Promise<ModuleVersion> {
  if (m.version === '' && s.mainModules?.contains(m.path)) return { path: m.path, version: 'none' };
  let list: string[];
  try {
    list = await versions(s, m.path, (mv) => checkAllowed(s, mv));
  } catch (e) {
    if (isNotExist(e)) return { path: m.path, version: 'none' };
    throw e;
  }
  let i = 0;
  while (i < list.length && modCompare(m.path, list[i]!, m.version) < 0) i++;
  if (i > 0) return { path: m.path, version: list[i - 1]! };
  return { path: m.path, version: 'none' };
}
