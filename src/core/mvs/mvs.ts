// Minimal Version Selection: the algorithms of cmd/go/internal/mvs/mvs.go (BuildList, Req,
// UpgradeAll, Upgrade, Downgrade) over an asynchronous requirement source. go.mod files are
// loaded concurrently (at most 10 at a time, like par.Work.Do(10, ...)), but every result depends
// only on the requirement graph, never on the order in which loads finish.
import { compareStrings, goSortSlice } from '../semver';
import type { ModuleVersion } from '../module';
import { BuildListError } from './errors';
import { Graph, mvKey } from './graph';

export { BuildListError } from './errors';
export { Graph, mvKey, type VersionCmp } from './graph';

type MaybePromise<T> = T | Promise<T>;

/** mvs.Reqs: the requirement graph MVS walks. Versions are opaque except "none". */
export interface Reqs {
  /** The requirements of m itself (its go.mod). Rejects/throws with the load error. */
  required(m: ModuleVersion): MaybePromise<readonly ModuleVersion[]>;
  /**
   * The larger of v1 and v2 for path (returns one of them). max(v, "none") must be v, and the
   * target passed to an algorithm must be larger than any other version of its path.
   */
  max(path: string, v1: string, v2: string): string;
}

/** mvs.UpgradeReqs */
export interface UpgradeReqs extends Reqs {
  /** The version m should be upgraded to (m itself to keep it; m.version may be "none"). */
  upgrade(m: ModuleVersion): MaybePromise<ModuleVersion>;
}

/** mvs.DowngradeReqs */
export interface DowngradeReqs extends Reqs {
  /** The version of m.path just before m.version, or version "none". */
  previous(m: ModuleVersion): MaybePromise<ModuleVersion>;
}

export interface MvsOptions {
  /** Loads in flight at once (Go uses 10). */
  concurrency?: number;
  signal?: AbortSignal;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function same(a: ModuleVersion, b: ModuleVersion): boolean {
  return a.path === b.path && a.version === b.version;
}

/**
 * cmd/go/internal/par.Work: runs f once per distinct item (items may add more), at most n at a time.
 * Resolves when everything added has been processed.
 */
export class ParWork<T> {
  private readonly added = new Set<string>();
  private readonly todo: T[] = [];

  constructor(private readonly key: (item: T) => string) {}

  add(item: T): void {
    const k = this.key(item);
    if (this.added.has(k)) return;
    this.added.add(k);
    this.todo.push(item);
  }

  do(n: number, f: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
    if (n < 1) throw new Error('par.Work.Do: n < 1');
    return new Promise((resolve, reject) => {
      let running = 0;
      let failed = false;
      const pump = (): void => {
        if (failed) return;
        if (signal?.aborted) {
          failed = true;
          reject(signal.reason ?? new Error('aborted'));
          return;
        }
        while (running < n && this.todo.length > 0) {
          const item = this.todo.shift() as T;
          running++;
          Promise.resolve()
            .then(() => f(item))
            .then(
              () => {
                running--;
                pump();
              },
              (e) => {
                failed = true;
                reject(e);
              },
            );
        }
        if (running === 0 && this.todo.length === 0) resolve();
      };
      pump();
    });
  }
}

type UpgradeFn = (m: ModuleVersion) => MaybePromise<ModuleVersion>;

function cmpFromMax(reqs: Reqs) {
  return (p: string, v1: string, v2: string): number => {
    if (reqs.max(p, v1, v2) !== v1) return -1;
    if (reqs.max(p, v2, v1) !== v2) return 1;
    return 0;
  };
}

/**
 * The graph mvs.buildList explores from targets (with upgrade edges when upgrade is given).
 * Throws BuildListError (with the shortest requirement path to a failing module) if any
 * requirement list or upgrade failed to load.
 */
export async function buildGraph(
  targets: readonly ModuleVersion[],
  reqs: Reqs,
  upgrade?: UpgradeFn,
  opts: MvsOptions = {},
): Promise<Graph> {
  const g = new Graph(cmpFromMax(reqs), targets);
  const upgrades = new Map<string, ModuleVersion>();
  const errs = new Map<string, Error>();
  const work = new ParWork<ModuleVersion>(mvKey);
  for (const t of targets) work.add(t);
  await work.do(
    opts.concurrency ?? 10,
    async (m) => {
      let required: readonly ModuleVersion[] = [];
      let err: Error | null = null;
      if (m.version !== 'none') {
        try {
          required = await reqs.required(m);
        } catch (e) {
          // A base.Fatalf inside Required (e.g. a go.sum checksum mismatch) ends the command.
          if ((e as { fatal?: boolean } | null)?.fatal) throw e;
          err = asError(e);
        }
      }
      let u = m;
      if (upgrade) {
        try {
          u = await upgrade(m);
        } catch (e) {
          err ??= asError(e);
        }
      }
      if (err) errs.set(mvKey(m), err);
      let list = required.slice();
      if (!same(u, m)) {
        upgrades.set(mvKey(m), u);
        list = [u, ...list];
      }
      g.require(m, list);
      for (const r of list) work.add(r);
    },
    opts.signal,
  );

  if (errs.size > 0) {
    const errPath = g.findPath((m) => errs.has(mvKey(m)));
    if (!errPath || errPath.length === 0) throw new Error('internal error: could not reconstruct path to module with error');
    const err = errs.get(mvKey(errPath[errPath.length - 1])) as Error;
    const isUpgrade = (from: ModuleVersion, to: ModuleVersion): boolean => {
      const u = upgrades.get(mvKey(from));
      return u !== undefined && same(u, to);
    };
    throw new BuildListError(err, errPath, isUpgrade);
  }
  return g;
}

// Go's %+v of a []module.Version, for the "mistake" panic text.
function plusV(list: readonly ModuleVersion[]): string {
  return '[' + list.map((m) => `{Path:${m.path} Version:${m.version}}`).join(' ') + ']';
}

async function buildList(targets: readonly ModuleVersion[], reqs: Reqs, upgrade?: UpgradeFn, opts?: MvsOptions): Promise<ModuleVersion[]> {
  const g = await buildGraph(targets, reqs, upgrade, opts);
  const list = g.buildList();
  const vs = list.slice(0, targets.length);
  if (vs.length !== targets.length || vs.some((m, i) => !same(m, targets[i]))) {
    throw new Error(`mistake: chose versions ${plusV(vs)} instead of targets ${plusV(targets)}`);
  }
  return list;
}

/**
 * mvs.BuildList: the target(s) first, then the highest version of every other module reached,
 * sorted by path (gover.ModSort).
 */
export function BuildList(targets: readonly ModuleVersion[], reqs: Reqs, opts?: MvsOptions): Promise<ModuleVersion[]> {
  return buildList(targets, reqs, undefined, opts);
}

/**
 * mvs.Req: the minimal requirement list for mainModule that reproduces its build list, always
 * listing the paths in base; sorted by path.
 */
export async function Req(mainModule: ModuleVersion, base: readonly string[], reqs: Reqs, opts?: MvsOptions): Promise<ModuleVersion[]> {
  const list = await BuildList([mainModule], reqs, opts);
  const max = new Map<string, string>();
  for (const m of list) max.set(m.path, m.version);

  // Postorder of the requirement graph, caching requirements.
  const postorder: ModuleVersion[] = [];
  const reqCache = new Map<string, readonly ModuleVersion[]>();
  reqCache.set(mvKey(mainModule), []);
  const walk = async (m: ModuleVersion): Promise<void> => {
    if (reqCache.has(mvKey(m))) return;
    const required = await reqs.required(m);
    reqCache.set(mvKey(m), required);
    for (const m1 of required) await walk(m1);
    postorder.push(m);
  };
  for (const m of list) await walk(m);

  // Reverse postorder, adding only modules not already implied.
  const have = new Set<string>();
  const mark = (m: ModuleVersion): void => {
    if (have.has(mvKey(m))) return;
    have.add(mvKey(m));
    for (const m1 of reqCache.get(mvKey(m)) ?? []) mark(m1);
  };
  const min: ModuleVersion[] = [];
  const haveBase = new Set<string>();
  for (const path of base) {
    if (haveBase.has(path)) continue;
    const m = { path, version: max.get(path) ?? '' };
    min.push(m);
    mark(m);
    haveBase.add(path);
  }
  for (let i = postorder.length - 1; i >= 0; i--) {
    const m = postorder[i];
    if (max.get(m.path) !== m.version) continue; // an older version
    if (!have.has(mvKey(m))) {
      min.push(m);
      mark(m);
    }
  }
  goSortSlice(min, (a, b) => compareStrings(a.path, b.path) < 0);
  return min;
}

/** mvs.UpgradeAll: the build list of target with every module upgraded (reqs.upgrade). */
export function UpgradeAll(target: ModuleVersion, reqs: UpgradeReqs, opts?: MvsOptions): Promise<ModuleVersion[]> {
  return buildList(
    [target],
    reqs,
    (m) => {
      if (m.path === target.path) return target;
      return reqs.upgrade(m);
    },
    opts,
  );
}

/** mvs.override: reqs with the target's requirements replaced by list. */
class Override implements Reqs {
  constructor(
    private readonly target: ModuleVersion,
    private readonly list: readonly ModuleVersion[],
    private readonly reqs: Reqs,
  ) {}
  required(m: ModuleVersion): MaybePromise<readonly ModuleVersion[]> {
    if (same(m, this.target)) return this.list;
    return this.reqs.required(m);
  }
  max(path: string, v1: string, v2: string): string {
    return this.reqs.max(path, v1, v2);
  }
}

/** mvs.Upgrade: the build list of target with the given modules upgraded (added if absent). */
export async function Upgrade(
  target: ModuleVersion,
  reqs: UpgradeReqs,
  upgrade: readonly ModuleVersion[],
  opts?: MvsOptions,
): Promise<ModuleVersion[]> {
  const required = await reqs.required(target);
  const pathInList = new Set(required.map((m) => m.path));
  const list = required.slice();
  const upgradeTo = new Map<string, string>();
  for (const u of upgrade) {
    if (!pathInList.has(u.path)) list.push({ path: u.path, version: 'none' });
    const prev = upgradeTo.get(u.path);
    upgradeTo.set(u.path, prev !== undefined ? reqs.max(u.path, prev, u.version) : u.version);
  }
  return buildList(
    [target],
    new Override(target, list, reqs),
    (m) => {
      const v = upgradeTo.get(m.path);
      return v !== undefined ? { path: m.path, version: v } : m;
    },
    opts,
  );
}

/**
 * mvs.Downgrade: the build list of target with the given modules downgraded, dropping to earlier
 * versions (reqs.previous) any module whose requirements would exceed the downgraded versions.
 */
export async function Downgrade(
  target: ModuleVersion,
  reqs: DowngradeReqs,
  downgrade: readonly ModuleVersion[],
  opts?: MvsOptions,
): Promise<ModuleVersion[]> {
  // Versions for every module in the build list, not just the target's requirements.
  const list = (await BuildList([target], reqs, opts)).slice(1);
  const max = new Map<string, string>();
  for (const r of list) max.set(r.path, r.version);
  for (const d of downgrade) {
    const v = max.get(d.path);
    if (v === undefined || reqs.max(d.path, v, d.version) !== d.version) max.set(d.path, d.version);
  }

  const added = new Set<string>();
  const rdeps = new Map<string, ModuleVersion[]>();
  const excluded = new Set<string>();
  const exclude = (m: ModuleVersion): void => {
    if (excluded.has(mvKey(m))) return;
    excluded.add(mvKey(m));
    for (const p of rdeps.get(mvKey(m)) ?? []) exclude(p);
  };
  const add = async (m: ModuleVersion): Promise<void> => {
    if (added.has(mvKey(m))) return;
    added.add(mvKey(m));
    const v = max.get(m.path);
    if (v !== undefined && reqs.max(m.path, m.version, v) !== v) {
      // m would upgrade an existing dependency: not a strict downgrade.
      exclude(m);
      return;
    }
    let reqList: readonly ModuleVersion[];
    try {
      reqList = await reqs.required(m);
    } catch {
      // An unloadable go.mod (e.g. an old +incompatible version): never downgrade to it.
      exclude(m);
      return;
    }
    for (const r of reqList) {
      await add(r);
      if (excluded.has(mvKey(r))) {
        exclude(m);
        return;
      }
      const deps = rdeps.get(mvKey(r));
      if (deps) deps.push(m);
      else rdeps.set(mvKey(r), [m]);
    }
  };

  let downgraded: ModuleVersion[] = [target];
  next: for (let r of list) {
    await add(r);
    while (excluded.has(mvKey(r))) {
      const prev = await reqs.previous(r);
      let p = prev;
      // A pseudo-version target may be skipped by previous(): put it where it belongs.
      const v = max.get(r.path) as string;
      if (reqs.max(r.path, v, r.version) !== v && reqs.max(r.path, p.version, v) !== p.version) p = { path: p.path, version: v };
      if (p.version === 'none') continue next;
      await add(p);
      r = p;
    }
    downgraded.push(r);
  }

  // Recompute with the versions MVS actually selects for the downgraded modules, so the
  // requirements of versions pulled back up no longer count.
  const actual = await BuildList([target], new Override(target, downgraded, reqs), opts);
  const actualVersion = new Map<string, string>();
  for (const m of actual) actualVersion.set(m.path, m.version);
  downgraded = [];
  for (const m of list) {
    const v = actualVersion.get(m.path);
    if (v !== undefined) downgraded.push({ path: m.path, version: v });
  }
  return BuildList([target], new Override(target, downgraded, reqs), opts);
}
