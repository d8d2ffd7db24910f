// An incremental MVS graph: cmd/go/internal/mvs/graph.go (Graph). Requirements are pushed in by
// the caller; the graph tracks the selected (highest) version of every path it has seen.
import { modSort } from '../gover';
import type { ModuleVersion } from '../module';

/** Map key of a module version (paths never contain NUL). */
export function mvKey(m: ModuleVersion): string {
  return m.path + '\0' + m.version;
}

export type VersionCmp = (path: string, v1: string, v2: string) => number;

export class Graph {
  private readonly required = new Map<string, ModuleVersion[]>();
  /** true for roots, false for reachable non-roots. */
  private readonly isRoot = new Map<string, boolean>();
  private readonly selected = new Map<string, string>();

  // graph.go: NewGraph
  constructor(
    private readonly cmp: VersionCmp,
    readonly roots: readonly ModuleVersion[],
  ) {
    for (const m of roots) {
      this.isRoot.set(mvKey(m), true);
      if (this.cmp(m.path, this.selectedVersion(m.path), m.version) < 0) this.selected.set(m.path, m.version);
    }
  }

  /** graph.go: Require — m (reachable, not yet required) requires reqs. */
  require(m: ModuleVersion, reqs: readonly ModuleVersion[]): void {
    const k = mvKey(m);
    if (!this.isRoot.has(k)) throw new Error(`${m.path}@${m.version} is not reachable from any root`);
    if (this.required.has(k)) throw new Error(`requirements of ${m.path}@${m.version} have already been set`);
    const list = reqs.slice();
    this.required.set(k, list);
    for (const dep of list) {
      const dk = mvKey(dep);
      if (!this.isRoot.has(dk)) this.isRoot.set(dk, false);
      if (this.cmp(dep.path, this.selectedVersion(dep.path), dep.version) < 0) this.selected.set(dep.path, dep.version);
    }
  }

  /** graph.go: RequiredBy — the requirements given to require for m, or undefined. */
  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined {
    return this.required.get(mvKey(m));
  }

  /** graph.go: Selected — the selected version of path, "none" if none. */
  selectedVersion(path: string): string {
    return this.selected.get(path) ?? 'none';
  }

  /**
   * graph.go: BuildList — selected versions of the root paths (in root order, once each), then
   * every other selected module sorted by gover.ModSort.
   */
  buildList(): ModuleVersion[] {
    const seenRoot = new Set<string>();
    const list: ModuleVersion[] = [];
    for (const r of this.roots) {
      if (seenRoot.has(r.path)) continue;
      const v = this.selectedVersion(r.path);
      if (v !== 'none') list.push({ path: r.path, version: v });
      seenRoot.add(r.path);
    }
    const rest: ModuleVersion[] = [];
    for (const [path, version] of this.selected) if (!seenRoot.has(path)) rest.push({ path, version });
    modSort(rest);
    return list.concat(rest);
  }

  /** graph.go: WalkBreadthFirst — every version other than "none" in the graph, once, breadth-first from the roots. */
  walkBreadthFirst(f: (m: ModuleVersion) => void): void {
    const queue: ModuleVersion[] = [];
    const enqueued = new Set<string>();
    for (const m of this.roots) {
      // Go enqueues duplicate roots twice.
      if (m.version !== 'none') {
        queue.push(m);
        enqueued.add(mvKey(m));
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const m = queue[i];
      f(m);
      for (const r of this.requiredBy(m) ?? []) {
        const k = mvKey(r);
        if (!enqueued.has(k) && r.version !== 'none') {
          queue.push(r);
          enqueued.add(k);
        }
      }
    }
  }

  /** graph.go: FindPath — a shortest requirement path from a root to a module satisfying f, or null. */
  findPath(f: (m: ModuleVersion) => boolean): ModuleVersion[] | null {
    const firstRequires = new Map<string, ModuleVersion | null>();
    const queue: ModuleVersion[] = [...this.roots];
    for (const m of this.roots) firstRequires.set(mvKey(m), null);
    for (let i = 0; i < queue.length; i++) {
      let m: ModuleVersion | null = queue[i];
      if (f(m)) {
        const path: ModuleVersion[] = [m];
        // Go marks "no predecessor" with the zero module.Version (empty path).
        for (;;) {
          m = firstRequires.get(mvKey(m)) ?? null;
          if (!m || m.path === '') break;
          path.push(m);
        }
        return path.reverse();
      }
      for (const r of this.requiredBy(m) ?? []) {
        const k = mvKey(r);
        if (!firstRequires.has(k)) {
          queue.push(r);
          firstRequires.set(k, m);
        }
      }
    }
    return null;
  }
}
