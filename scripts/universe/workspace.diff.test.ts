// Differential test of workspaces (go.work) and vendor directories on generated universes
// (workspace.ts, workspaceDiff.ts): real go and modscope run go list -m [-json] all, go mod
// graph, go list -deps ./..., go list all, go mod why -m, go build ./..., go list -mod=vendor,
// go mod download, go mod verify, go mod vendor / go work vendor -v, go work sync, go mod tidy in a
// workspace module and go list at the workspace root on identical copies of a prepared tree;
// stdout, stderr, exit status and every file afterwards must match byte for byte.
// MODSCOPE_WORK_SEEDS=A-B runs other seeds (a longer run by hand; differing seeds are printed).
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from './workspace';
import { describeWDiff, runWorkspaceSeed } from './workspaceDiff';

const range = /^(\d+)-(\d+)$/.exec(process.env.MODSCOPE_WORK_SEEDS ?? '');
/**
 * Fixed seeds, each one that once differed (together they cover workspace, vendor and workvendor):
 * 2 go work vendor, and go list all's std packages; 5 go list -mod=vendor ./... reports the
 * graph's errors under -pgo=auto; 6 a workspace vendor graph (initVendor); 28 -mod=mod refused in
 * workspace mode before go.work's go version is checked; 131 go build's error positions (load's
 * depth-first first importer); 258 a go.sum mismatch in go mod vendor's ## go annotations;
 * 326 go mod download/verify exit 1 after modload's base.Errorf; 440 the vendored modules in a
 * workspace's build list (checkMultiplePaths); 462 one module path twice in a workspace (vendor check);
 * 767 a replaced module fetched under -mod=vendor (errLookupDisabled); 936 go list -m all at a
 * workspace root with GOWORK=off (no main module); 1066 a go.sum mismatch in tidy's retraction
 * check; 1300 go panics ("add is not empty"): modscope reports the message (workspaceDiff.ts);
 * 1669 a package with a module loader error and a directory still loads its imports (the
 * import's position in the error of a package it imports); 2019 a version-specific replacement in
 * one workspace module and a path-wide one in another do not conflict (replacementFrom's foundFrom);
 * 1952 go list -e all under -mod=vendor without a vendor directory: "all" is listed with Lstat's error.
 */
const FIXED = [2, 5, 6, 28, 131, 258, 326, 440, 462, 767, 936, 1066, 1300, 1669, 1952, 2019];
const SEEDS = range ? Array.from({ length: +range[2]! - +range[1]! + 1 }, (_, i) => +range[1]! + i) : FIXED;

const stats = { seeds: 0, commands: 0, identical: 0, differing: 0, goOk: 0 };
const differingSeeds: string[] = [];
afterAll(() => {
  console.log(
    `workspace/vendor differential: ${stats.seeds} seeds, ${stats.commands} commands, ${stats.identical} identical, ${stats.differing} differing (go exit 0 on ${stats.goOk})`,
  );
  if (differingSeeds.length > 0) console.log('differing: ' + differingSeeds.join(' '));
});

describe('generateScenario', () => {
  it('is deterministic per seed and covers every kind, workspace feature and perturbation', () => {
    const strip = (seed: number) => JSON.stringify({ ...generateScenario(seed), perturb: generateScenario(seed).perturb.map((p) => p.name) });
    for (const seed of [1, 7, 42]) expect(strip(seed)).toBe(strip(seed));
    const features = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) for (const f of generateScenario(seed).features) features.add(f.replace(/ .*/, ''));
    for (const f of ['kind:workspace', 'kind:vendor', 'kind:workvendor', 'work:use-copy', 'work:use-new', 'work:toolchain', 'work:replace-version', 'work:replace-dir',
      'work:go.work.sum', 'work:module-inside-main', 'work:use-missing-dir', 'prep:tidy', 'goflags:-mod=mod', 'goflags:-mod=vendor', 'goflags:-mod=readonly',
      'perturb:add-require', 'perturb:drop-require', 'perturb:drop-explicit', 'perturb:go-version', 'perturb:drop-go-line', 'perturb:add-replace',
      'perturb:rm-modules-txt', 'perturb:drop-workspace-line', 'perturb:extra-vendored-pkg', 'work:module-replace', 'work:duplicate-module', 'env:GOWORK=off']) {
      expect(features, f).toContain(f);
    }
  });
});

describe('workspace and vendor repositories: modscope vs go', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const o = await runWorkspaceSeed(seed);
      stats.seeds++;
      const bad: string[] = [];
      for (const r of o.results) {
        stats.commands++;
        if (r.go.exitCode === 0) stats.goOk++;
        if (r.same) stats.identical++;
        else {
          stats.differing++;
          bad.push(describeWDiff(seed, r));
        }
      }
      if (bad.length > 0) differingSeeds.push(`${seed}(${o.results.filter((r) => !r.same).map((r) => r.command.name).join(',')})`);
      if (range) {
        if (bad.length > 0) console.log(`seed ${seed} [${o.scenario.features.filter((f) => /^(kind|work|perturb|prep|goflags|env)/.test(f)).join(' ')}]\n${bad.join('\n')}`);
        return;
      }
      expect(bad).toEqual([]);
    }, 300_000);
  }
});
