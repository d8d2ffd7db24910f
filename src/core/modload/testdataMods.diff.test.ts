// Seeded main modules over cmd/go's own test proxy modules (scripts/tdmods/generator.ts: random
// requirements, go/toolchain lines, replace/exclude/retract, imports, go.sum states) through
// go list -m all, go mod graph, go mod tidy, go list -m -json all, go list -m -u -retracted all,
// go mod why -m, go list -deps ./..., go get, go mod download -json and go mod verify, with real
// go and with modscope, compared byte for byte (scripts/tdmods/sequence.ts).
// MODSCOPE_TDMOD_SEEDS=A-B runs other seeds; MODSCOPE_TDMOD_VERBOSE=1 prints each difference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome, TdModsEnv, type Outcome } from '../../../scripts/tdmods/sequence';

const range = /^(\d+)-(\d+)$/.exec(process.env.MODSCOPE_TDMOD_SEEDS ?? '');
const SEEDS = range ? Array.from({ length: +range[2]! - +range[1]! + 1 }, (_, i) => +range[1]! + i) : [1, 2, 3, 4, 5, 6, 85, 99, 503, 596];
// Regressions: 85 go mod tidy -go=1.16 panics in go (compared as an error, see sequence.ts);
// 99 go list -m -versions P@<v with a go.mod hash mismatch in go.sum (the retraction check's
// go.sum mismatch is fatal, not the module's error); 503 go mod tidy -e -go=1.16 where go panics
// (mustHaveGoRoot: -e does not go on); 596 go get go@none prints only that error (parseArgs
// runs before go.mod is loaded).

let env: TdModsEnv;
beforeAll(() => {
  env = new TdModsEnv();
});
const all: { seed: number; o: Outcome }[] = [];
afterAll(async () => {
  await env?.close();
  const diff = all.filter((x) => x.o.diff.length > 0);
  const byCmd = new Map<string, [number, number]>();
  for (const { o } of all) {
    const c = byCmd.get(o.name) ?? [0, 0];
    c[o.diff.length === 0 ? 0 : 1]++;
    byCmd.set(o.name, c);
  }
  console.log(`testdata-mod differential: ${SEEDS.length} seeds, ${all.length} commands, ${all.length - diff.length} identical, ${diff.length} differing`);
  for (const [n, [same, d]] of byCmd) console.log(`  ${n.padEnd(28)} identical ${same}  differing ${d}`);
  for (const { seed, o } of diff) console.log(`  differs: seed ${seed}: go ${o.args.join(' ')} (${o.diff.join(', ')})`);
});

describe('main modules over cmd/go/testdata/mod: command sequence vs real go', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const { mm, outcomes } = await env.runSeed(seed);
      for (const o of outcomes) all.push({ seed, o });
      if (process.env.MODSCOPE_TDMOD_VERBOSE) {
        for (const o of outcomes) if (o.diff.length > 0) console.log(describeOutcome(seed, o) + `\n  features: ${mm.features.join(' ')}\n  go.mod: ${JSON.stringify(mm.files['go.mod'])}`);
      }
      const pick = (s: 'go' | 'ours') => outcomes.map((o) => ({ seed, args: o.args.join(' '), ...o[s] }));
      expect(pick('ours')).toEqual(pick('go'));
    }, 300_000);
  }
});
