// go get where a go.work applies, real go vs modscope, on the seeded workspace repositories of
// scripts/universe/workspace.ts (run by workspaceDiff.ts: stdout, stderr with runs of
// "go: downloading" lines sorted, exit status and every file of the tree compared byte for byte).
// go get never enters workspace mode (get.go calls no modload.InitWorkfile): it edits the go.mod
// of the module at the working directory and then raises go.work's go line (UpdateWorkGoVersion).
// Compared per seed: generated arguments in the main module (upgrades, downgrades, @latest,
// @upgrade, @patch, @none, bare paths, -u, -u=patch, -t, two arguments) and in a workspace
// module, plus hand-picked ones: a workspace module's path as a query, go@V above go.work's go
// line, GOWORK=off, and go get at the workspace root outside every module.
// MODSCOPE_WORKGET_SEEDS=A-B runs other seeds (differing commands are printed, not failed).
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../rng';
import { generateScenario, type Scenario } from '../../../scripts/universe/workspace';
import { describeWDiff, runWorkspaceSeed, type WCommand } from '../../../scripts/universe/workspaceDiff';

const range = /^(\d+)-(\d+)$/.exec(process.env.MODSCOPE_WORKGET_SEEDS ?? '');
/** Workspace seeds (kinds workspace / workvendor; go.work go lines 1.18 to 1.23.0; GOWORK=off in 28). */
const FIXED = [2, 8, 22, 28, 29, 36];
const SEEDS = range ? Array.from({ length: +range[2]! - +range[1]! + 1 }, (_, i) => +range[1]! + i) : FIXED;

/** One generated go get argument list over the scenario's universe (the kinds of universe.diff.test.ts). */
function genArgs(sc: Scenario, r: ReturnType<typeof rng>): string[] {
  const mods = sc.universe.modules.filter((m) => m.versions.some((v) => v.listed));
  if (mods.length === 0) return ['-u'];
  const listed = (m: (typeof mods)[number]) => m.versions.filter((v) => v.listed).map((v) => v.version);
  const m = r.pick(mods);
  const v = () => r.pick(listed(m));
  switch (r.int(11)) {
    case 0:
      return [`${m.path}@latest`];
    case 1:
    case 2:
      return [`${m.path}@${v()}`];
    case 3:
      return [`${m.path}@none`];
    case 4:
      return [m.path];
    case 5:
      return ['-u', m.path];
    case 6:
      return ['-u=patch', `${m.path}@${v()}`];
    case 7: {
      const n = r.pick(mods);
      return [`${m.path}@${v()}`, `${n.path}@${r.pick(listed(n))}`];
    }
    case 8:
      return [`${m.path}@patch`];
    case 9:
      return ['-u'];
    default:
      return ['-t', `${m.path}@upgrade`];
  }
}

function modulePathOf(sc: Scenario, dir: string): string | undefined {
  return /^module (\S+)$/m.exec(sc.files[`${dir}/go.mod`] ?? '')?.[1];
}

function getCommands(sc: Scenario): WCommand[] {
  if (sc.kind === 'vendor') return [];
  const r = rng(sc.seed * 7919 + 29);
  const out: WCommand[] = [];
  const add = (dir: string, args: string[]) => out.push({ name: `get ${args.join(' ')} (./${dir})`, dir, args: ['get', ...args] });
  for (let i = 0; i < 5; i++) add(sc.mainDir, genArgs(sc, r));
  const d = sc.moduleDirs[0];
  if (d !== undefined) {
    add(d, genArgs(sc, r));
    const p = modulePathOf(sc, d);
    if (p !== undefined) add(sc.mainDir, [`${p}@latest`]);
  }
  add(sc.mainDir, ['go@1.23.0']);
  add('', genArgs(sc, r));
  return out;
}

const stats = { seeds: 0, commands: 0, identical: 0, differing: 0, goOk: 0 };
afterAll(() => {
  console.log(`go get in workspaces differential: ${stats.seeds} seeds, ${stats.commands} commands, ${stats.identical} identical, ${stats.differing} differing (go exit 0 on ${stats.goOk})`);
});

describe('go get where a go.work applies: modscope vs go', () => {
  it('fixed seeds are workspace repositories', () => {
    for (const seed of FIXED) expect(generateScenario(seed).kind).not.toBe('vendor');
  });
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const sc = generateScenario(seed);
      if (sc.kind === 'vendor') return;
      const o = await runWorkspaceSeed(seed, { commands: getCommands });
      const bad = o.results.filter((c) => !c.same).map((c) => describeWDiff(seed, c));
      stats.seeds++;
      stats.commands += o.results.length;
      stats.goOk += o.results.filter((c) => c.go.exitCode === 0).length;
      stats.differing += bad.length;
      stats.identical += o.results.length - bad.length;
      if (range) {
        if (bad.length > 0) console.log(bad.join('\n'));
        return;
      }
      expect(bad).toEqual([]);
    }, 300_000);
  }
});
