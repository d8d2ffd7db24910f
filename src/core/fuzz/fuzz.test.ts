// The fuzzers' short budget (npm test): every target runs a fixed number of inputs from a fixed
// seed in a worker_thread (a hang is caught by wall time and the worker killed), crashes and
// property violations fail the test, and a sample is compared with Go 1.23 through the oracle.
// Saved regression inputs (src/core/fuzz/regressions/, written by `npm run fuzz`) are replayed.
// The long budget is `npm run fuzz` (scripts/fuzz/run.mjs).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import { loadCorpus, loadRegressions, replayRegressions, runFuzz } from '../../../scripts/fuzz/runner';
import { targets } from './targets';

const SEED = 20241126;
// inputs per target in the short budget, and the oracle sampling rate
const COUNT: Record<string, number> = {
  'gomod.strict': 500, 'gomod.lax': 500, gowork: 400, gosum: 2000, txtar: 600, semver: 5000, module: 3000,
  imports: 600, constraint: 3000, zip: 500, inflate: 300,
};
// Limits for the short run: generous on CPU time, as the machine may be shared (the long run
// uses 200 ms); a worker making no progress for HANG_MS of wall time is killed.
const SLOW_MS = 1000;
const HANG_MS = 10_000;

const oracle = new GoOracle();
afterAll(() => oracle.close());
const corpus = loadCorpus(150);

describe('fuzz (short budget)', () => {
  it('replays saved regression inputs', async () => {
    const regs = loadRegressions();
    const problems = await replayRegressions(regs, { oracle, slowMs: SLOW_MS, hangMs: HANG_MS, corpus });
    console.log(`fuzz regressions: ${regs.length} inputs replayed, ${problems.length} failing`);
    expect(problems).toEqual([]);
  }, 120_000);

  for (const t of targets) {
    it(`${t.name}: no crash, no hang, properties hold, same verdicts as go on a sample`, async () => {
      const { stats, failures } = await runFuzz({
        seed: SEED, msPerTarget: 20_000, maxPerTarget: COUNT[t.name] ?? 500, targets: [t.name], slowMs: SLOW_MS, hangMs: HANG_MS,
        sampleEvery: 10, oracle, corpus,
      });
      const s = stats[0]!;
      console.log(`fuzz ${t.name} seed=${SEED}: ${s.tried} inputs, ${s.compared} compared with go, ${s.identical} identical, ${failures.length} failures, max ${s.maxInputMs} ms cpu/input, heap ${s.maxHeapMB} MB`);
      expect(failures.map((f) => `${f.kind} #${f.index}: ${f.detail.slice(0, 500)}`)).toEqual([]);
      expect(s.tried).toBeGreaterThan(0);
    }, 120_000);
  }
});
