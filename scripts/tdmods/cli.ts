// The testdata-mod differential by hand (through scripts/tdmods/run.mjs): see that file for usage.
import { describeOutcome, TdModsEnv } from './sequence';

export async function main(argv: string[]): Promise<number> {
  let from = 1;
  let seeds = 20;
  let verbose = false;
  let dump = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--from') from = Number(argv[++i]);
    else if (a === '--seeds') seeds = Number(argv[++i]);
    else if (a === '-v') verbose = true;
    else if (a === '--dump') dump = verbose = true;
    else {
      console.error(`usage: node scripts/tdmods/run.mjs [--from S] [--seeds N] [-v] [--dump]\nunknown argument ${a}`);
      return 2;
    }
  }
  const env = new TdModsEnv();
  const counts = new Map<string, { same: number; differ: number; goOk: number }>();
  let differing = 0;
  try {
    for (let seed = from; seed < from + seeds; seed++) {
      const { mm, outcomes } = await env.runSeed(seed);
      const bad = outcomes.filter((o) => o.diff.length > 0);
      console.log(`seed ${seed}: ${bad.length === 0 ? 'same' : 'DIFF ' + bad.map((o) => o.name).join(', ')}  [${mm.features.join(' ')}]`);
      if (dump) {
        for (const [n, t] of Object.entries(mm.files)) console.log(`  -- ${n} --\n${t.replace(/^/gm, '    ')}`);
        for (const o of outcomes) console.log(`  $ go ${o.args.join(' ')}  (exit ${o.go.exitCode})\n${(o.go.stdout + o.go.stderr).replace(/^/gm, '    ')}`);
      }
      if (verbose) for (const o of bad) console.log(describeOutcome(seed, o));
      for (const o of outcomes) {
        const c = counts.get(o.name) ?? { same: 0, differ: 0, goOk: 0 };
        if (o.diff.length === 0) c.same++;
        else c.differ++;
        if (o.go.exitCode === 0) c.goOk++;
        counts.set(o.name, c);
      }
      differing += bad.length;
    }
  } finally {
    await env.close();
  }
  console.log('command                      identical  differing  go exit 0');
  for (const [n, c] of counts) console.log(`${n.padEnd(28)} ${String(c.same).padStart(9)}  ${String(c.differ).padStart(9)}  ${String(c.goOk).padStart(9)}`);
  return differing > 0 ? 1 : 0;
}
