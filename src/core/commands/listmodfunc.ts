// go list's template function "module" (list.go: modload.ModuleInfo(ctx, path)): the module a
// path (or path@query) names, as a *modinfo.ModulePublic. Its lookup is asynchronous here, so the
// function suspends the template (gotmpl.Suspend) and executeAsync runs it again once resolved.
import { executeAsync, ptrTo, Suspend, tString, type Template, type TFunc } from '../gotmpl';
import { loadModFile } from '../modload/init';
import { moduleInfo, type ModulePublic } from '../modload/list';
import type { ModState } from '../modload/state';
import { modulePublicT } from './listpkgvalue';

/** modload/build.go: ModuleInfo */
export async function moduleInfoOf(s: ModState, path: string): Promise<ModulePublic | null> {
  if (s.getenv('GO111MODULE') === 'off') return null;
  const at = path.indexOf('@');
  if (at >= 0) return moduleInfo(s, null, { path: path.slice(0, at), version: path.slice(at + 1) }, 0);
  const rs = await loadModFile(s);
  let v = '';
  let ok = false;
  if (rs.pruning === 'pruned') ({ version: v, ok } = rs.rootSelected(path));
  if (!ok) {
    const { mg, err } = await rs.graph();
    if (err) throw err;
    v = mg.selected(path);
  }
  if (v === 'none') return { Path: path, Error: { Err: 'module not in current build' } };
  return moduleInfo(s, rs, { path, version: v }, 0);
}

/** The `module` function for a go list template, with the lookups it waits for. */
export function moduleFunc(s: ModState): { module: TFunc; resolve: (path: string) => Promise<void> } {
  const cache = new Map<string, ModulePublic | null>();
  const t = ptrTo(modulePublicT);
  return {
    module: {
      params: [tString],
      result: t,
      call: (a) => {
        const path: string = a[0]!.v ?? '';
        if (!cache.has(path)) throw new Suspend(path);
        return { t, v: cache.get(path) };
      },
    },
    resolve: async (path) => {
      cache.set(path, await moduleInfoOf(s, path));
    },
  };
}

/** Runs a go list -m -f template over one module, resolving its `module` calls. */
export function execModuleTemplateAsync(tmpl: Template, m: ModulePublic, resolve: (path: string) => Promise<void>): Promise<string> {
  return executeAsync(tmpl, m, ptrTo(modulePublicT), resolve);
}
