// Resource bounds of the module graph (issue 7, item 3): MVS over synthetic module graphs held in
// memory as go.mod texts (an in-memory module source, each go.mod parsed with modfile.parseLax as
// the loader does) — cyclic, a 10,000-long chain, 10,000 modules wide, 10,000 versions of one
// path — must terminate, not overflow the stack, stay within memory, and select what Go's
// cmd/go/internal/mvs selects for the same graph (through the oracle's mvs.run).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import type { ModuleVersion } from '../module';
import { parseLax } from '../modfile';
import { BuildList, type Reqs } from '../mvs/mvs';
import { compare } from '../semver';

const oracle = new GoOracle();
afterAll(() => oracle.close());

interface Node {
  mod: ModuleVersion;
  reqs: ModuleVersion[];
}

/** An in-memory module source: go.mod texts by path@version, parsed on demand. */
class MemorySource implements Reqs {
  readonly gomod = new Map<string, string>();
  loads = 0;
  constructor(nodes: Node[]) {
    for (const n of nodes) {
      const req = n.reqs.map((r) => `\t${r.path} ${r.version}\n`).join('');
      this.gomod.set(`${n.mod.path}@${n.mod.version}`, `module ${n.mod.path}\n\ngo 1.21\n${req ? `\nrequire (\n${req})\n` : ''}`);
    }
  }
  required(m: ModuleVersion): readonly ModuleVersion[] {
    const text = this.gomod.get(`${m.path}@${m.version}`);
    if (text === undefined) throw new Error(`${m.path}@${m.version}: not found`);
    this.loads++;
    return parseLax('go.mod', text).require.map((r) => r.mod);
  }
  max(_path: string, v1: string, v2: string): string {
    if (v1 === 'none') return v2;
    if (v2 === 'none') return v1;
    return compare(v1, v2) < 0 ? v2 : v1;
  }
}

const mv = (path: string, version: string): ModuleVersion => ({ path, version });
const N = 10_000;

const graphs: Array<{ name: string; target: ModuleVersion; nodes: Node[] }> = [
  (() => {
    // cycles: c0 -> c1 -> ... -> c99 -> c0, and newer versions requiring older ones of each other
    const nodes: Node[] = [{ mod: mv('example.com/main', 'v0.0.0'), reqs: [mv('example.com/c0', 'v1.0.0')] }];
    for (let i = 0; i < 100; i++) {
      const next = `example.com/c${(i + 1) % 100}`;
      nodes.push({ mod: mv(`example.com/c${i}`, 'v1.0.0'), reqs: [mv(next, i % 3 === 0 ? 'v1.1.0' : 'v1.0.0')] });
      nodes.push({ mod: mv(`example.com/c${i}`, 'v1.1.0'), reqs: [mv(next, 'v1.0.0'), mv(`example.com/c${i}`, 'v1.0.0')] });
    }
    return { name: 'cyclic (100-module ring with upgrades back into it)', target: nodes[0]!.mod, nodes };
  })(),
  (() => {
    const nodes: Node[] = [{ mod: mv('example.com/main', 'v0.0.0'), reqs: [mv('example.com/d0', 'v1.0.0')] }];
    for (let i = 0; i < N; i++) nodes.push({ mod: mv(`example.com/d${i}`, 'v1.0.0'), reqs: i + 1 < N ? [mv(`example.com/d${i + 1}`, 'v1.0.0')] : [mv('example.com/d0', 'v1.0.0')] });
    return { name: `deep (a ${N}-long chain closing into a cycle)`, target: nodes[0]!.mod, nodes };
  })(),
  (() => {
    const root: Node = { mod: mv('example.com/main', 'v0.0.0'), reqs: [] };
    const nodes: Node[] = [root];
    for (let i = 0; i < N; i++) {
      root.reqs.push(mv(`example.com/w${i}`, 'v1.0.0'));
      nodes.push({ mod: mv(`example.com/w${i}`, 'v1.0.0'), reqs: [mv('example.com/shared', `v1.0.${i % 50}`), mv(`example.com/w${(i * 7 + 1) % N}`, 'v1.0.0')] });
    }
    for (let j = 0; j < 50; j++) nodes.push({ mod: mv('example.com/shared', `v1.0.${j}`), reqs: [] });
    return { name: `wide (${N} modules required by the main module)`, target: root.mod, nodes };
  })(),
  (() => {
    const nodes: Node[] = [{ mod: mv('example.com/main', 'v0.0.0'), reqs: [mv('example.com/v', 'v1.0.0')] }];
    for (let i = 0; i < N; i++) nodes.push({ mod: mv('example.com/v', `v1.0.${i}`), reqs: i + 1 < N ? [mv('example.com/v', `v1.0.${i + 1}`)] : [] });
    return { name: `${N} versions of one path, each requiring the next`, target: nodes[0]!.mod, nodes };
  })(),
];

describe('module graph resource bounds', () => {
  for (const g of graphs) {
    it(`${g.name}: resolves, terminates, bounded memory, same build list as go`, async () => {
      const src = new MemorySource(g.nodes);
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const list = await BuildList([g.target], src);
      const ms = performance.now() - t0;
      const heapMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
      const want = await oracle.value<Array<{ path: string; version: string }>>(
        'mvs.run',
        { nodes: g.nodes, versions: {}, latest: {}, upErrs: {}, prevErrs: {} },
        'buildList',
        g.target,
      );
      const got = list.map((m) => `${m.path}@${m.version}`);
      const exp = (Array.isArray(want) ? want : (want as { list: typeof want }).list).map((m) => `${m.path}@${m.version}`);
      console.log(`graph ${g.name}: ${g.nodes.length} nodes, ${src.loads} go.mod loads, build list ${got.length}, ${Math.round(ms)} ms, heap +${heapMB.toFixed(1)} MB`);
      expect(got).toEqual(exp);
      expect(src.loads).toBeLessThanOrEqual(g.nodes.length);
      expect(heapMB).toBeLessThan(512);
    }, 120_000);
  }
});
