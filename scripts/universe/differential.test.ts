// Differential test of the modscope CLI against real go on generated module universes
// (scripts/universe/). Only the commands listed in `implemented` are compared — extend it as
// commands land in src/cli/commands.ts. A (seed, command) pair that differs fails the test; the
// fixed seeds plus every entry of regressions.json whose command is implemented are run.
// The CLI under test is dist/cli.js (npm test builds it first: scripts/build-cli.mjs).
import { describe, expect, it } from 'vitest';
import { COMMANDS, describeDiff, readRegressions, runSeed } from './differential';

/** Commands modscope implements (names as in differential.ts COMMANDS). */
export const implemented: string[] = ['mod tidy', 'mod graph', 'list -m all', 'mod download', 'mod verify', 'mod why -m'];

const FIXED_SEEDS = [1, 2, 4, 5, 6, 8];

describe('generated universes', () => {
  it('real go handles them sanely: go mod tidy succeeds on most seeds, fails on some', async () => {
    let ok = 0;
    const failures: string[] = [];
    const seeds = Array.from({ length: 10 }, (_, i) => 100 + i);
    for (const seed of seeds) {
      const o = await runSeed(seed, [], { goOnly: true });
      const tidy = o.results.find((r) => r.command === 'mod tidy')!;
      const list = o.results.find((r) => r.command === 'list -m all')!;
      if (tidy.go.exitCode === 0) {
        ok++;
        // A tidy module lists its build list without complaint.
        expect(list.go.exitCode, `seed ${seed}: ${list.go.stderr}`).toBe(0);
        expect(list.go.stdout.split('\n')[0]).toBe('example.com/main');
      } else failures.push(`seed ${seed}: ${tidy.go.stderr.trim().split('\n').at(-1)}`);
    }
    console.log(`go mod tidy succeeded on ${ok}/${seeds.length} seeds; failures:\n${failures.join('\n')}`);
    expect(ok).toBeGreaterThanOrEqual(seeds.length * 0.6);
  });
});

describe('modscope vs go on generated universes', () => {
  const names = COMMANDS.map((c) => c.name);
  it('implemented names real commands', () => {
    for (const n of implemented) expect(names).toContain(n);
  });

  const runs = new Map<number, string[]>();
  for (const seed of FIXED_SEEDS) runs.set(seed, [...implemented]);
  for (const r of readRegressions()) {
    if (!implemented.includes(r.command)) continue;
    const list = runs.get(r.seed) ?? [];
    if (!list.includes(r.command)) list.push(r.command);
    runs.set(r.seed, list);
  }
  for (const [seed, commands] of [...runs].sort((a, b) => a[0] - b[0])) {
    if (commands.length === 0) continue;
    it(`seed ${seed}: ${commands.join(', ')}`, async () => {
      const o = await runSeed(seed, commands);
      const differing = o.results.filter((r) => !r.same);
      expect(differing.map((r) => `seed ${seed}\n${describeDiff(r)}`)).toEqual([]);
    });
  }
});
