// Differential tests of the MVS algorithms against cmd/go/internal/mvs itself (oracle op
// mvs.run / mvs.graph, scripts/oracle/oracle_mvs.go): seeded random requirement graphs with
// cycles, missing modules, load errors (plain, module, replaced-by and invalid-version forms),
// upgrade and previous-version errors. Both sides use modload's version order.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import { modCompare } from '../gover';
import { InvalidVersionError, ModuleError, type ModuleVersion } from '../module';
import { BuildList, BuildListError, Downgrade, Graph, Req, Upgrade, UpgradeAll, type DowngradeReqs, type UpgradeReqs } from './mvs';

const oracle = new GoOracle();
afterAll(() => oracle.close());

import { rng, type Rng } from '../rng';

interface ErrSpec {
  kind: 'plain' | 'module' | 'invalid';
  path: string;
  version: string;
  msg: string;
}
interface Node {
  mod: ModuleVersion;
  reqs: ModuleVersion[];
  err: ErrSpec | null;
}
interface Universe {
  nodes: Node[];
  versions: Record<string, string[]>;
  latest: Record<string, string>;
  upErrs: Record<string, ErrSpec>;
  prevErrs: Record<string, ErrSpec>;
}

const MAIN: ModuleVersion = { path: 'example.com/main', version: '' };
const VERSION_POOL = [
  'v0.1.0', 'v0.9.0', 'v1.0.0', 'v1.0.1', 'v1.1.0-pre', 'v1.1.0', 'v1.2.0', 'v1.2.1-0.20200102030405-abcdefabcdef',
  'v1.3.0', 'v2.0.0+incompatible', 'v2.1.0+incompatible',
];

function makeErr(r: Rng, m: ModuleVersion): ErrSpec {
  const msgs = ['missing go.mod', 'reading go.mod: unexpected EOF', 'module declares its path as: x.org/y\n\tbut was required as: ' + m.path];
  switch (r.int(4)) {
    case 0:
      return { kind: 'plain', path: '', version: '', msg: r.pick(msgs) };
    case 1:
      return { kind: 'module', path: m.path, version: m.version, msg: r.pick(msgs) };
    case 2:
      return { kind: 'module', path: 'example.org/fork' + r.int(3), version: r.pick(['v1.0.0', '']), msg: r.pick(msgs) };
    default:
      return { kind: 'invalid', path: m.path, version: r.chance(0.5) ? m.version : 'v9.9.9', msg: 'bad' };
  }
}

function toError(e: ErrSpec): Error {
  const base = new Error(e.msg);
  if (e.kind === 'module') return new ModuleError(e.path, e.version, base);
  if (e.kind === 'invalid') return new ModuleError(e.path, '', new InvalidVersionError(e.version, base));
  return base;
}

function genUniverse(seed: number): Universe {
  const r = rng(seed);
  const nPaths = 2 + r.int(9);
  const paths = Array.from({ length: nPaths }, (_, i) => `example.com/m${i}`);
  const errRate = r.pick([0, 0, 0.03, 0.1]);
  const versions: Record<string, string[]> = {};
  const nodes: Node[] = [];
  for (const p of paths) {
    const vs = VERSION_POOL.filter(() => r.chance(0.45));
    if (vs.length === 0) vs.push('v1.0.0');
    versions[p] = vs.slice().sort((a, b) => modCompare(p, a, b));
  }
  const randomReq = (): ModuleVersion => {
    if (r.chance(0.03)) return { path: MAIN.path, version: r.pick(VERSION_POOL) };
    const p = r.pick(paths);
    // occasionally a version nobody published (requires nothing)
    return { path: p, version: r.chance(0.05) ? r.pick(VERSION_POOL) : r.pick(versions[p]) };
  };
  const mainReqs = Array.from({ length: 1 + r.int(4) }, randomReq);
  nodes.push({ mod: MAIN, reqs: mainReqs, err: null });
  for (const p of paths) {
    for (const v of versions[p]) {
      const m = { path: p, version: v };
      const reqs = Array.from({ length: r.int(4) }, randomReq);
      nodes.push({ mod: m, reqs, err: r.chance(errRate) ? makeErr(r, m) : null });
    }
  }
  const latest: Record<string, string> = {};
  const upErrs: Record<string, ErrSpec> = {};
  const prevErrs: Record<string, ErrSpec> = {};
  for (const p of paths) {
    if (r.chance(0.6)) latest[p] = versions[p][versions[p].length - 1];
    if (r.chance(errRate)) upErrs[p] = makeErr(r, { path: p, version: 'latest' });
    if (r.chance(errRate)) prevErrs[p] = makeErr(r, { path: p, version: 'previous' });
  }
  return { nodes, versions, latest, upErrs, prevErrs };
}

// The same Reqs as oracle_mvs.go's mvsReqs (modload's cmpVersion order).
function cmpVersion(p: string, v1: string, v2: string): number {
  if (v2 === '') return v1 === '' ? 0 : -1;
  if (v1 === '') return 1;
  return modCompare(p, v1, v2);
}

function reqsOf(u: Universe): UpgradeReqs & DowngradeReqs {
  const byKey = new Map(u.nodes.map((n) => [n.mod.path + '@' + n.mod.version, n]));
  const max = (p: string, v1: string, v2: string) => (cmpVersion(p, v1, v2) < 0 ? v2 : v1);
  return {
    max,
    // Asynchronous with varying delays, so loads finish out of order.
    async required(m) {
      await new Promise((res) => setTimeout(res, (m.path.length * 7 + m.version.length * 13) % 3));
      const n = byKey.get(m.path + '@' + m.version);
      if (!n || m.version === 'none') return [];
      if (n.err) throw toError(n.err);
      return n.reqs;
    },
    upgrade(m) {
      const e = u.upErrs[m.path];
      if (e) throw toError(e);
      const v = u.latest[m.path];
      if (v !== undefined && max(m.path, m.version, v) === v) return { path: m.path, version: v };
      return m;
    },
    async previous(m) {
      const e = u.prevErrs[m.path];
      if (e) throw toError(e);
      const list = u.versions[m.path] ?? [];
      const i = list.findIndex((v) => modCompare(m.path, v, m.version) >= 0);
      const at = i < 0 ? list.length : i;
      return { path: m.path, version: at > 0 ? list[at - 1] : 'none' };
    },
  };
}

type Outcome = { list: ModuleVersion[] } | { err: string; errModule: ModuleVersion };

async function outcome(f: () => Promise<ModuleVersion[]>): Promise<Outcome> {
  try {
    return { list: await f() };
  } catch (e) {
    if (e instanceof BuildListError) return { err: e.message, errModule: e.module() };
    return { err: (e as Error).message, errModule: { path: '', version: '' } };
  }
}

interface Case {
  seed: number;
  op: string;
  arg?: unknown;
}

function casesFor(seed: number, u: Universe): Case[] {
  const r = rng(seed * 7919 + 1);
  const paths = Object.keys(u.versions);
  const mainReqPaths = u.nodes[0].reqs.map((m) => m.path);
  const base = [...mainReqPaths.filter(() => r.chance(0.5)), ...(r.chance(0.2) ? [r.pick(paths)] : [])];
  const some = (n: number, down: boolean) =>
    Array.from({ length: n }, () => {
      const p = r.pick(paths);
      const vs = u.versions[p];
      return { path: p, version: down && r.chance(0.15) ? 'none' : r.pick(vs) };
    });
  return [
    { seed, op: 'buildList' },
    { seed, op: 'req', arg: base },
    { seed, op: 'upgradeAll' },
    { seed, op: 'upgrade', arg: some(1 + r.int(3), false) },
    { seed, op: 'downgrade', arg: some(1 + r.int(2), true) },
  ];
}

function runTs(u: Universe, c: Case): Promise<Outcome> {
  const reqs = reqsOf(u);
  switch (c.op) {
    case 'buildList':
      return outcome(() => BuildList([MAIN], reqs));
    case 'req':
      return outcome(() => Req(MAIN, c.arg as string[], reqs));
    case 'upgradeAll':
      return outcome(() => UpgradeAll(MAIN, reqs));
    case 'upgrade':
      return outcome(() => Upgrade(MAIN, reqs, c.arg as ModuleVersion[]));
    default:
      return outcome(() => Downgrade(MAIN, reqs, c.arg as ModuleVersion[]));
  }
}

const SEEDS = Array.from({ length: 400 }, (_, i) => i + 1);

describe('mvs algorithms vs cmd/go/internal/mvs', () => {
  it('random requirement graphs: BuildList, Req, UpgradeAll, Upgrade, Downgrade and error texts', async () => {
    const counts: Record<string, { cases: number; same: number; errors: number }> = {};
    const diffs: string[] = [];
    for (let i = 0; i < SEEDS.length; i += 50) {
      await Promise.all(
        SEEDS.slice(i, i + 50).map(async (seed) => {
          const u = genUniverse(seed);
          for (const c of casesFor(seed, u)) {
            const want = await oracle.value<Outcome>('mvs.run', u, c.op, MAIN, c.arg ?? null);
            const got = await runTs(u, c);
            const k = (counts[c.op] ??= { cases: 0, same: 0, errors: 0 });
            k.cases++;
            if ('err' in want) k.errors++;
            if (JSON.stringify(got) === JSON.stringify(want)) k.same++;
            else diffs.push(`seed ${seed} ${c.op} ${JSON.stringify(c.arg ?? null)}:\n got  ${JSON.stringify(got)}\n want ${JSON.stringify(want)}`);
          }
        }),
      );
    }
    console.log('mvs differential (op: cases/identical/error cases):', JSON.stringify(counts));
    expect(diffs.slice(0, 5)).toEqual([]);
    // The generator must produce error paths and non-trivial lists.
    expect(Object.values(counts).reduce((a, c) => a + c.errors, 0)).toBeGreaterThan(50);
  });

  it('Graph: BuildList, Selected, WalkBreadthFirst, FindPath with duplicate roots and partial loading', async () => {
    let cases = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const u = genUniverse(seed + 10_000);
      const r = rng(seed);
      const byKey = new Map(u.nodes.map((n) => [n.mod.path + '@' + n.mod.version, n]));
      const all = u.nodes.map((n) => n.mod).filter((m) => m.version !== '');
      const roots = Array.from({ length: 1 + r.int(3) }, () => r.pick(all));
      if (r.chance(0.3)) roots.push(roots[0]);
      if (r.chance(0.2)) roots.push({ path: roots[0].path, version: 'none' });
      // Require reachable modules in a random order, some never.
      const requires: { mod: ModuleVersion; reqs: ModuleVersion[] }[] = [];
      const reachable = [...roots];
      const done = new Set<string>();
      while (reachable.length > 0) {
        const m = reachable.splice(r.int(reachable.length), 1)[0];
        const k = m.path + '@' + m.version;
        if (done.has(k)) continue;
        done.add(k);
        if (r.chance(0.15)) continue;
        const reqs = byKey.get(k)?.reqs ?? [];
        requires.push({ mod: m, reqs });
        reachable.push(...reqs);
      }
      const want = await oracle.value<{
        buildList: ModuleVersion[];
        walk: ModuleVersion[] | null;
        selected: Record<string, string>;
        paths: Record<string, ModuleVersion[]>;
      }>('mvs.graph', roots, requires);
      const g = new Graph((p, a, b) => cmpVersion(p, a, b), roots);
      for (const q of requires) g.require(q.mod, q.reqs);
      const walk: ModuleVersion[] = [];
      g.walkBreadthFirst((m) => walk.push(m));
      const selected: Record<string, string> = {};
      const paths: Record<string, ModuleVersion[]> = {};
      for (const m of [...roots, ...requires.flatMap((q) => q.reqs)]) {
        selected[m.path] = g.selectedVersion(m.path);
        paths[`${m.path}@${m.version}`] = g.findPath((x) => x.path === m.path && x.version === m.version) ?? [];
      }
      expect({ buildList: g.buildList(), walk, selected, paths }, `seed ${seed}`).toEqual({ ...want, walk: want.walk ?? [] });
      cases++;
    }
    expect(cases).toBe(200);
  });

  it('BuildListError texts: requires chains, replaced-by and updating-to forms', async () => {
    const path = [MAIN, { path: 'a.com/x', version: 'v1.0.0' }, { path: 'b.com/y', version: 'v1.2.0' }];
    const errs: Array<[Error, ModuleVersion[], boolean]> = [
      [new Error('plain'), path, false],
      [new ModuleError('b.com/y', 'v1.2.0', new Error('same module')), path, false],
      [new ModuleError('c.com/fork', 'v0.1.0', new Error('replaced')), path, true],
      [new ModuleError('b.com/y', '', new InvalidVersionError('v1.2.0', new Error('invalid'))), path, false],
      [new Error('only main'), [MAIN], false],
    ];
    for (const [err, p, upgrade] of errs) {
      const e = new BuildListError(err, p, upgrade ? (from) => from.path === 'a.com/x' : undefined);
      // Build the same situation as a universe and ask Go.
      const nodes: Node[] = [];
      for (let i = 0; i + 1 < p.length; i++) nodes.push({ mod: p[i], reqs: [p[i + 1]], err: null });
      const last = p[p.length - 1];
      const spec: ErrSpec =
        err instanceof ModuleError
          ? err.err instanceof InvalidVersionError
            ? { kind: 'invalid', path: err.path, version: err.err.version, msg: err.err.err.message }
            : { kind: 'module', path: err.path, version: err.version, msg: err.err.message }
          : { kind: 'plain', path: '', version: '', msg: err.message };
      if (p.length === 1) {
        nodes.push({ mod: last, reqs: [], err: spec });
      } else {
        nodes.push({ mod: last, reqs: [], err: spec });
      }
      const u: Universe = { nodes, versions: {}, latest: {}, upErrs: {}, prevErrs: {} };
      if (upgrade) {
        // a.com/x is reached by upgrading from v0.1.0
        nodes[0].reqs = [{ path: 'a.com/x', version: 'v0.1.0' }];
        u.latest['a.com/x'] = 'v1.0.0';
        const want = await oracle.value<Outcome>('mvs.run', u, 'upgradeAll', MAIN, null);
        const got = await outcome(() => UpgradeAll(MAIN, reqsOf(u)));
        expect(got).toEqual(want);
        expect((want as { err: string }).err).toContain('updating to');
      } else if (p.length === 1) {
        expect(e.message).toBe(err.message);
      } else {
        const want = await oracle.value<Outcome>('mvs.run', u, 'buildList', MAIN, null);
        expect({ err: e.message, errModule: e.module() }).toEqual(want);
      }
    }
  });
});
