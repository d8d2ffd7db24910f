// Editing the root requirements for `go get`: cmd/go/internal/modload/edit.go (editRequirements,
// extendGraph, dqTracker) and buildlist.go: EditBuildList.
//
// API:
//   editRequirements(s, rs, tryUpgrade, mustSelect) -> { rs, changed }   throws ConstraintError
//   editBuildList(s, add, mustSelect) -> changed                          sets s.requirements
//
// Rules (edit.go): every module in mustSelect is selected at exactly that version ("none" =
// removed); tryUpgrade modules are raised if that does not conflict. A root whose graph would
// select a higher version of a mustSelect module is "disqualified" and walked down (previous
// allowed version, then the original one, then none) — the MVS downgrade that removes dependents.

import { fromToolchain, modCompare, modSort, TooNewError } from '../gover';
import type { ModuleVersion } from '../module';
import { Req } from '../mvs/mvs';
import { mvKey } from '../mvs/graph';
import { convertPruning, ConstraintError, conflictSummary, type Conflict } from './buildlist';
import { errorsAs, pruningForGoVersion } from './modfile';
import { MvsReqs, previousVersion } from './mvsreqs';
import { newRequirements, readModGraph, type ModuleGraph, type Requirements } from './requirements';
import { fmtMod, type ModPruning, type ModState } from './state';
import { loadModFile } from './init';

type Pr = 'pruned' | 'unpruned';

/** cfg.BuildV (go get -v) per command. */
export const buildVerbose = new WeakSet<ModState>();

interface DqState {
  err: Error | null;
  dep: ModuleVersion | null;
}
const noDq: DqState = { err: null, dep: null };
const isDq = (d: DqState) => d.err !== null || d.dep !== null;

interface PerPruning {
  pruned: DqState;
  unpruned: DqState;
}
const from = (pp: PerPruning | undefined, p: Pr): DqState => (pp === undefined ? noDq : p === 'unpruned' ? pp.unpruned : pp.pruned);

/** edit.go: dqTracker */
class DqTracker {
  readonly dqReason = new Map<string, PerPruning>();
  readonly requiring = new Map<string, ModuleVersion[]>();
  constructor(readonly extendedRootPruning: Map<string, Pr>) {}

  require(m: ModuleVersion, r: ModuleVersion): boolean {
    const rdq = this.dqReason.get(mvKey(r));
    const rootPruning = this.extendedRootPruning.get(mvKey(r));
    if (rootPruning !== undefined && isDq(from(rdq, rootPruning))) {
      this.disqualify(m, 'pruned', { err: null, dep: r });
      return false;
    }
    if (isDq(from(rdq, 'unpruned'))) {
      this.disqualify(m, 'unpruned', { err: null, dep: r });
      if (!this.extendedRootPruning.has(mvKey(m))) return false;
    }
    const k = mvKey(r);
    const list = this.requiring.get(k);
    if (list) list.push(m);
    else this.requiring.set(k, [m]);
    return true;
  }

  disqualify(m: ModuleVersion, fromPruning: Pr, reason: DqState): void {
    const k = mvKey(m);
    const dq: PerPruning = { ...(this.dqReason.get(k) ?? { pruned: noDq, unpruned: noDq }) };
    if (isDq(from(dq, fromPruning))) return;
    const rootPruning = this.extendedRootPruning.get(k);
    const isRoot = rootPruning !== undefined;
    if (fromPruning === 'pruned') {
      dq.pruned = reason;
      if (!isDq(dq.unpruned)) dq.unpruned = reason;
    } else {
      dq.unpruned = reason;
      if (isDq(dq.pruned)) throw new Error(`internal error: ${fmtMod(m)} is marked as disqualified when pruned, but not when unpruned`);
      if (isRoot && rootPruning === 'unpruned') dq.pruned = reason;
    }
    this.dqReason.set(k, dq);
    if (isRoot && (fromPruning === 'pruned' || rootPruning === 'unpruned')) {
      const req = this.requiring.get(k) ?? [];
      this.requiring.delete(k);
      for (const p of req) this.disqualify(p, 'pruned', { err: null, dep: m });
      return;
    }
    for (const p of this.requiring.get(k) ?? []) this.disqualify(p, 'unpruned', { err: null, dep: m });
    if (!isRoot) this.requiring.delete(k);
  }

  check(m: ModuleVersion, pruning: Pr): DqState {
    return from(this.dqReason.get(mvKey(m)), pruning);
  }

  path(m: ModuleVersion, pruning: Pr): { path: ModuleVersion[]; err: Error | null } {
    const path: ModuleVersion[] = [];
    for (;;) {
      const rp = this.extendedRootPruning.get(mvKey(m));
      if (rp === 'unpruned') pruning = 'unpruned';
      const dq = from(this.dqReason.get(mvKey(m)), pruning);
      if (!isDq(dq)) return { path, err: null };
      path.push(m);
      if (dq.err !== null || (dq.dep !== null && dq.dep.path === m.path && dq.dep.version === m.version)) return { path, err: dq.err };
      m = dq.dep!;
    }
  }
}

/** edit.go: extendGraph */
async function extendGraph(
  s: ModState,
  rootPruning: Pr,
  roots: ModuleVersion[],
  selectedRoot: Map<string, string>,
): Promise<{ mg: ModuleGraph; upgradedRoot: Map<string, ModuleVersion>; err: Error | null }> {
  const upgradedRoot = new Map<string, ModuleVersion>();
  for (;;) {
    const unprune = upgradedRoot.size > 0 ? new Set(upgradedRoot.keys()) : null;
    const { mg, err } = await readModGraph(s, rootPruning, roots, unprune);
    if (rootPruning === 'unpruned') return { mg, upgradedRoot, err };
    const nPrev = upgradedRoot.size;
    for (const p of selectedRoot.keys()) {
      const v = mg.g.selectedVersion(p);
      if (v === 'none') continue;
      const m = { path: p, version: v };
      if (mg.g.requiredBy(m) === undefined && !upgradedRoot.has(mvKey(m))) upgradedRoot.set(mvKey(m), m);
    }
    if (upgradedRoot.size === nPrev) return { mg, upgradedRoot, err };
  }
}

const same = (a: ModuleVersion, b: ModuleVersion) => a.path === b.path && a.version === b.version;

/** edit.go: editRequirements */
export async function editRequirements(
  s: ModState,
  rs: Requirements,
  tryUpgrade: readonly ModuleVersion[],
  mustSelect: readonly ModuleVersion[],
): Promise<{ rs: Requirements; changed: boolean }> {
  if (rs.pruning === 'workspace') throw new Error('editRequirements cannot edit workspace requirements');
  const orig = rs;
  let rootPruning: Pr = orig.pruning as Pr;
  for (const m of mustSelect) {
    if (m.path === 'go') {
      rootPruning = pruningForGoVersion(m.version) as Pr;
      break;
    } else if (m.path === 'toolchain' && pruningForGoVersion(fromToolchain(m.version)) === 'unpruned') {
      rootPruning = 'unpruned';
      break;
    }
  }
  if (rootPruning !== rs.pruning) rs = await convertPruning(s, rs, rootPruning);

  let selectedRoot: Map<string, string>;
  if (rootPruning === 'pruned') selectedRoot = new Map(rs.maxRootVersion);
  else {
    const { mg, err } = await rs.graph();
    if (err) throw err;
    selectedRoot = new Map();
    for (const m of mg.buildList().slice(s.main().len())) selectedRoot.set(m.path, m.version);
  }

  for (const r of tryUpgrade) {
    const v = selectedRoot.get(r.path);
    if (v !== undefined && modCompare(r.path, v, r.version) >= 0) continue;
    if (buildVerbose.has(s)) s.stderr(`go: trying upgrade to ${fmtMod(r)}\n`);
    selectedRoot.set(r.path, r.version);
  }

  const conflicts: Conflict[] = [];
  const mustSelectVersion = new Map<string, string>();
  for (const r of mustSelect) {
    const v = mustSelectVersion.get(r.path);
    if (v !== undefined && v !== r.version) {
      const prev = { path: r.path, version: v };
      if (modCompare(r.path, v, r.version) > 0) conflicts.push({ path: [prev], constraint: r, err: null });
      else conflicts.push({ path: [r], constraint: prev, err: null });
      continue;
    }
    mustSelectVersion.set(r.path, r.version);
    selectedRoot.set(r.path, r.version);
  }

  let roots: ModuleVersion[] = [];
  let rootsDirty = true;
  const rejectedRoot = new Set<string>();
  let origMG: ModuleGraph | null = null;

  while (rootsDirty && conflicts.length === 0) {
    roots = [];
    for (const [p, v] of selectedRoot) if (v !== 'none') roots.push({ path: p, version: v });
    modSort(roots);

    const { mg, upgradedRoot, err } = await extendGraph(s, rootPruning, roots, selectedRoot);
    if (err && errorsAs(err, TooNewError)) throw err;

    const extendedRootPruning = new Map<string, Pr>();
    const findPruning = (m: ModuleVersion): Pr => {
      if (rootPruning === 'pruned') {
        const e = mg.loadCache.get(mvKey(m));
        if (e?.summary && e.summary.pruning === 'unpruned') return 'unpruned';
      }
      return rootPruning;
    };
    for (const m of roots) extendedRootPruning.set(mvKey(m), findPruning(m));
    for (const m of upgradedRoot.values()) extendedRootPruning.set(mvKey(m), findPruning(m));

    const t = new DqTracker(extendedRootPruning);
    mg.g.walkBreadthFirst((m) => {
      const max = mustSelectVersion.get(m.path);
      if (max !== undefined && modCompare(m.path, m.version, max) > 0) {
        t.disqualify(m, 'pruned', { err: null, dep: m });
        return;
      }
      const e = mg.loadCache.get(mvKey(m));
      if (e?.err) {
        t.disqualify(m, 'pruned', { err: e.err, dep: null });
        return;
      }
      const reqs = mg.g.requiredBy(m);
      if (reqs === undefined) return;
      if (!e?.summary) return; // a main module
      for (const r of reqs) {
        const mx = mustSelectVersion.get(r.path);
        if (mx !== undefined && modCompare(r.path, r.version, mx) > 0) {
          t.disqualify(m, 'pruned', { err: null, dep: r });
          return;
        }
      }
      for (const r of reqs) if (!t.require(m, r)) break;
    });

    rootsDirty = false;
    for (const m of roots) {
      const { path, err: perr } = t.path(m, extendedRootPruning.get(mvKey(m))!);
      if (path.length === 0 && perr === null) continue;
      const conflict: Conflict = { path, err: perr, constraint: null };
      if (perr === null) {
        const last = path[path.length - 1]!;
        const mustV = mustSelectVersion.get(last.path);
        if (mustV === undefined) {
          s.stderr(`go: ${conflictSummary(conflict)}\n`);
          throw new Error('internal error: found a version conflict, but no constraint it violates');
        }
        conflict.constraint = { path: last.path, version: mustV };
      }
      const mv = mustSelectVersion.get(m.path);
      if (mv !== undefined && mv === m.version) {
        conflicts.push(conflict);
        continue;
      }
      const v = mg.selected(m.path);
      if (v !== m.version) {
        const u = { path: m.path, version: v };
        const uPruning = t.extendedRootPruning.get(mvKey(m));
        if (uPruning === undefined) throw new Error(`internal error: selected version of root ${fmtMod(m)} is ${fmtMod(u)}, but it was not expanded as a new root`);
        if (!isDq(t.check(u, uPruning)) && !rejectedRoot.has(mvKey(u))) continue;
      }
      if (!origMG) origMG = (await orig.graph()).mg;
      const origV = origMG.selected(m.path);
      if (conflict.err !== null && origV === m.version) {
        conflicts.push(conflict);
        continue;
      }
      rejectedRoot.add(mvKey(m));
      let prev: ModuleVersion = m;
      for (;;) {
        let perr2: unknown = null;
        try {
          prev = await previousVersion(s, prev);
        } catch (e) {
          if ((e as { fatal?: boolean }).fatal) throw e;
          perr2 = e;
          prev = { path: prev.path, version: '' };
        }
        if (modCompare(m.path, m.version, origV) > 0 && (perr2 !== null || modCompare(m.path, prev.version, origV) < 0)) {
          prev = { path: m.path, version: origV };
        } else if (perr2 !== null) {
          throw perr2;
        }
        if (rejectedRoot.has(mvKey(prev))) continue;
        let pruning: Pr = rootPruning;
        if (pruning === 'pruned') {
          const e = mg.loadCache.get(mvKey(m));
          if (e?.summary) pruning = e.summary.pruning as Pr;
        }
        if (isDq(t.check(prev, pruning))) {
          rejectedRoot.add(mvKey(prev));
          continue;
        }
        break;
      }
      selectedRoot.set(m.path, prev.version);
      rootsDirty = true;
      if (conflict.err !== null || buildVerbose.has(s)) {
        let action: string;
        if (prev.version === 'none') action = `removing ${fmtMod(m)}`;
        else if (prev.version === origV) action = `restoring ${fmtMod(prev)}`;
        else action = `trying ${fmtMod(prev)}`;
        s.stderr(`go: ${conflictSummary(conflict)}\n\t${action}\n`);
      }
    }
    if (rootsDirty) continue;

    const upgradedFrom: ModuleVersion[] = [];
    for (const [p, v] of [...selectedRoot]) {
      if (!mustSelectVersion.has(p)) {
        const actual = mg.selected(p);
        if (actual !== v) {
          if (buildVerbose.has(s)) upgradedFrom.push({ path: p, version: v });
          selectedRoot.set(p, actual);
          rootsDirty = true;
        }
      }
    }
    if (rootsDirty) {
      if (buildVerbose.has(s)) {
        modSort(upgradedFrom);
        for (const m of upgradedFrom) s.stderr(`go: accepting indirect upgrade from ${fmtMod(m)} to ${selectedRoot.get(m.path)}\n`);
      }
      continue;
    }
    break;
  }
  if (conflicts.length > 0) throw new ConstraintError(conflicts);

  if (rootPruning === 'unpruned') {
    const rootPaths: string[] = [];
    for (const m of mustSelect) if (m.version !== 'none' && !s.main().contains(m.path)) rootPaths.push(m.path);
    for (const m of roots) {
      const { version, ok } = rs.rootSelected(m.path);
      if (ok && (version === m.version || rs.direct.get(m.path))) rootPaths.push(m.path);
    }
    roots = await Req(s.main().mustGetSingleMainModule(), rootPaths, new MvsReqs(s, roots));
  }

  const changed = rootPruning !== orig.pruning || roots.length !== orig.rootModules.length || roots.some((m, i) => !same(m, orig.rootModules[i]!));
  if (!changed) return { rs: orig, changed: false };

  const direct = new Map<string, boolean>();
  for (const m of roots) if (rs.direct.get(m.path)) direct.set(m.path, true);
  let edited = newRequirements(s, rootPruning as ModPruning, roots, direct);
  if (rootPruning === 'unpruned') {
    const { version, ok } = edited.rootSelected('go');
    if (ok && pruningForGoVersion(version) === 'pruned') edited = await convertPruning(s, edited, 'pruned');
  }
  return { rs: edited, changed: true };
}

/** buildlist.go: EditBuildList */
export async function editBuildList(s: ModState, add: readonly ModuleVersion[], mustSelect: readonly ModuleVersion[]): Promise<boolean> {
  const { rs, changed } = await editRequirements(s, await loadModFile(s), add, mustSelect);
  s.requirements = rs;
  return changed;
}

export { ConstraintError };
