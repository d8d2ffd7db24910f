// The end of `go get`: cmd/go/internal/modget/get.go checkPackageProblems (retractions,
// deprecations, missing sums of upgraded modules) and reportChanges.

import { isToolchainPath, modCompare, compareGo, ExplicitIndirectVersion } from '../gover';
import { type ModuleVersion } from '../module';
import { contextTags } from '../imports/match';
import { mvKey } from '../mvs/graph';
import { loadModFile } from '../modload/init';
import { checkDeprecation, checkRetractions, errorsAs, ModuleRetractedError, replacement, shortMessage } from '../modload/modfile';
import { fmtMod } from '../modload/state';
import { AmbiguousImportError } from '../modload/packages/import';
import { type LoadResult } from '../modload/packages/load';
import { noMod, same } from './query';
import { exitIfErrors, isFatal } from './errors';
import type { Resolver } from './resolver';

/** A structured summary of what `go get` changed (for the page). */
export interface GetChange {
  path: string;
  old: string;
  new: string;
  kind: 'added' | 'removed' | 'upgraded' | 'downgraded';
}

/** get.go: checkPackageProblems */
export async function checkPackageProblems(res: Resolver, pkgPatterns: string[]): Promise<void> {
  const s = res.s;
  const RESOLVED = 1,
    NAMED = 2,
    HAS_PKG = 4,
    DIRECT = 8;
  const relevant = new Map<string, { m: ModuleVersion; flags: number }>();
  const mark = (m: ModuleVersion, f: number) => {
    const k = mvKey(m);
    const e = relevant.get(k);
    if (e) e.flags |= f;
    else relevant.set(k, { m, flags: f });
  };
  for (const [path, reason] of res.resolvedVersion) mark({ path, version: reason.version }, RESOLVED);
  if (pkgPatterns.length > 0) {
    let lr: LoadResult;
    try {
      lr = await res.loadPackagesFor(pkgPatterns, {
        // get.go: checkPackageProblems leaves PackageOpts.Tags nil: modload.Tags(), the build context's
        tags: contextTags((k) => s.getenv(k)),
        loadTests: res.fl.t,
        resolveMissingImports: false,
        allowErrors: true,
        silenceNoGoErrors: true,
        explicitWriteGoMod: true,
      });
    } catch (e) {
      throw e;
    }
    if (lr.matches.some((m) => m.errs.length > 0)) s.exitStatus = 1;
    for (const pkg of lr.ld.pkgs) {
      if (pkg.isTest()) continue;
      if (pkg.err !== null) {
        if (pkg.dir !== '' && /^no Go source files|build constraints exclude all Go files/.test(pkg.err.message)) {
          // imports.ErrNoGo with a directory: not reported by go get
        } else {
          s.exitStatus = 1;
          const amb = errorsAs(pkg.err, AmbiguousImportError) as unknown as { modules?: ModuleVersion[] } | undefined;
          for (const m of amb?.modules ?? []) mark(m, HAS_PKG);
        }
      }
      if (pkg.mod.path !== '') mark(pkg.mod, HAS_PKG);
    }
    for (const match of lr.matches) {
      for (const p of match.pkgs) {
        const pkg = lr.ld.pkgs.find((x) => x.path === p && !x.isTest());
        mark(pkg?.mod ?? noMod, NAMED);
      }
    }
  }
  const reqs = await loadModFile(s);
  for (const e of relevant.values()) if (reqs.isDirect(e.m.path)) e.flags |= DIRECT;

  const byPath = (a: { m: ModuleVersion }, b: { m: ModuleVersion }) => (a.m.path < b.m.path ? -1 : a.m.path > b.m.path ? 1 : 0);
  const retractions = [...relevant.values()].filter((e) => (e.flags & (RESOLVED | NAMED | HAS_PKG)) !== 0).map((e) => ({ m: e.m, message: '' }));
  retractions.sort(byPath);
  const deprecations = [...relevant.values()]
    .filter((e) => (e.flags & (RESOLVED | NAMED)) !== 0 || (e.flags & (HAS_PKG | DIRECT)) === (HAS_PKG | DIRECT))
    .map((e) => ({ m: e.m, message: '' }));
  deprecations.sort(byPath);
  await Promise.all([
    ...retractions.map(async (r) => {
      if (r.m.path === '' || r.m.version === '') return;
      const err = await checkRetractions(s, r.m);
      if (err && errorsAs(err, ModuleRetractedError)) r.message = err.message;
    }),
    ...deprecations.map(async (d) => {
      if (d.m.path === '' || d.m.version === '') return;
      try {
        const dep = await checkDeprecation(s, d.m);
        if (dep !== '') d.message = shortMessage(dep, '');
      } catch (e) {
        if (isFatal(e)) throw e;
      }
    }),
  ]);
  // Sums for updated modules that had sums before.
  const sumErrs: (string | null)[] = res.buildList.map(() => null);
  await Promise.all(
    res.buildList.map(async (m, i) => {
      const r = replacement(s, m);
      const mActual = r.path !== '' ? r : m;
      const oldV = res.initialVersion.get(m.path);
      if (oldV === undefined || oldV === '') return;
      const old = { path: m.path, version: oldV };
      const or = replacement(s, old);
      const oldActual = or.path !== '' ? or : old;
      if (same(mActual, oldActual) || mActual.version === '' || !s.haveSum(oldActual)) return;
      try {
        await s.fetcher.downloadZip(mActual);
      } catch (e) {
        if (isFatal(e)) throw e;
        const verb = modCompare(m.path, m.version, old.version) < 0 ? 'downgraded' : 'upgraded';
        const replaced = !same(mActual, m) ? ` (replaced by ${fmtMod(mActual)})` : '';
        sumErrs[i] = `${verb} ${m.path} ${old.version} => ${m.version}${replaced}: error finding sum for ${fmtMod(mActual)}: ${(e as Error).message}`;
      }
    }),
  );
  for (const d of deprecations) if (d.message !== '') s.stderr(`go: module ${d.m.path} is deprecated: ${d.message}\n`);
  let retractPath = '';
  for (const r of retractions) {
    if (r.message !== '') {
      s.stderr(`go: warning: ${r.message}\n`);
      retractPath = retractPath === '' ? r.m.path : '<module>';
    }
  }
  if (retractPath !== '') s.stderr(`go: to switch to the latest unretracted version, run:\n\tgo get ${retractPath}@latest\n`);
  for (const e of sumErrs) if (e !== null) s.errorf('go: ' + e);
  exitIfErrors(s);
}

/** get.go: reportChanges */
export function reportChanges(res: Resolver, oldReqs: ModuleVersion[], newReqs: ModuleVersion[]): GetChange[] {
  const changes = new Map<string, { path: string; old: string; new: string }>();
  for (const [path, reason] of res.resolvedVersion) {
    if (isToolchainPath(path)) continue;
    const old = res.initialVersion.get(path) ?? '';
    const nw = reason.version;
    if (old !== nw && (old !== '' || nw !== 'none')) changes.set(path, { path, old, new: nw });
  }
  for (const req of oldReqs) {
    if (isToolchainPath(req.path)) continue;
    const nw = res.buildListVersion.get(req.path) ?? '';
    if (req.version !== nw) changes.set(req.path, { path: req.path, old: req.version, new: nw });
  }
  for (const req of newReqs) {
    if (isToolchainPath(req.path)) continue;
    const old = res.initialVersion.get(req.path) ?? '';
    if (old !== req.version) changes.set(req.path, { path: req.path, old, new: req.version });
  }
  const tv = (reqs: ModuleVersion[]) => ({
    go: reqs.find((r) => r.path === 'go')?.version ?? '',
    toolchain: reqs.find((r) => r.path === 'toolchain')?.version ?? '',
  });
  const o = tv(oldReqs);
  const n = tv(newReqs);
  if (o.go !== n.go) changes.set('go', { path: 'go', old: o.go, new: n.go });
  if (o.toolchain !== n.toolchain) changes.set('toolchain', { path: 'toolchain', old: o.toolchain, new: n.toolchain });
  const rank = (p: string) => (p === 'go' ? 0 : p === 'toolchain' ? 1 : 2);
  const sorted = [...changes.values()].sort((a, b) => rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const out: GetChange[] = [];
  for (const c of sorted) {
    if (c.old === '') {
      res.s.stderr(`go: added ${c.path} ${c.new}\n`);
      out.push({ ...c, kind: 'added' });
    } else if (c.new === 'none' || c.new === '') {
      res.s.stderr(`go: removed ${c.path} ${c.old}\n`);
      out.push({ ...c, kind: 'removed' });
    } else if (modCompare(c.path, c.new, c.old) > 0) {
      res.s.stderr(`go: upgraded ${c.path} ${c.old} => ${c.new}\n`);
      if (c.path === 'go' && compareGo(c.old, ExplicitIndirectVersion) < 0 && compareGo(c.new, ExplicitIndirectVersion) >= 0) {
        res.s.stderr(`\tnote: expanded dependencies to upgrade to go ${ExplicitIndirectVersion} or higher; run 'go mod tidy' to clean up\n`);
      }
      out.push({ ...c, kind: 'upgraded' });
    } else {
      res.s.stderr(`go: downgraded ${c.path} ${c.old} => ${c.new}\n`);
      out.push({ ...c, kind: 'downgraded' });
    }
  }
  return out;
}
