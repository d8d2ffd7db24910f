// The differential CLI (run through scripts/universe/run.mjs): see that file for usage.
import { writeFileSync } from 'node:fs';
import { COMMANDS, describeDiff, readRegressions, regressionsFile, runSeed, type Regression } from './differential';

export async function main(argv: string[]): Promise<number> {
  let seeds = 20;
  let from = 1;
  let only: string[] | undefined;
  let keep = false;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds') seeds = Number(argv[++i]);
    else if (a === '--from') from = Number(argv[++i]);
    else if (a === '--commands') only = argv[++i].split(',').map((s) => s.trim());
    else if (a === '--keep') keep = true;
    else if (a === '-v') verbose = true;
    else {
      console.error(`usage: npm run differential -- --seeds N [--from S] [--commands "mod tidy,mod graph"] [--keep] [-v]\nunknown argument ${a}`);
      return 2;
    }
  }
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(from)) {
    console.error('differential: --seeds and --from take integers');
    return 2;
  }
  const names = COMMANDS.map((c) => c.name).filter((n) => !only || only.includes(n));
  const stats = new Map(names.map((n) => [n, { same: 0, differ: 0, unimplemented: 0, goOk: 0 }]));
  const failing: Regression[] = [];
  const started = Date.now();
  for (let seed = from; seed < from + seeds; seed++) {
    const o = await runSeed(seed, only, { keep });
    const marks = o.results.filter((r) => names.includes(r.command)).map((r) => `${r.command}:${r.same ? 'same' : r.unimplemented ? 'n/i' : 'DIFF'}${r.go.exitCode === 0 ? '' : `(go exit ${r.go.exitCode})`}`);
    console.log(`seed ${seed} (${o.ms} ms) ${marks.join('  ')}`);
    if (verbose) console.log(`  features: ${o.features.join(' ')}`);
    for (const r of o.results) {
      if (!names.includes(r.command)) continue;
      const s = stats.get(r.command)!;
      if (r.go.exitCode === 0) s.goOk++;
      if (r.same) s.same++;
      else {
        s.differ++;
        if (r.unimplemented) s.unimplemented++;
        else {
          failing.push({ seed, command: r.command });
          if (verbose) console.log(describeDiff(r));
        }
      }
    }
  }
  const secs = (Date.now() - started) / 1000;
  console.log(`\n${seeds} seeds (${from}..${from + seeds - 1}) in ${secs.toFixed(1)} s (${(secs / seeds).toFixed(2)} s/seed)`);
  console.log('command          identical  differing  (not implemented)  go exit 0');
  for (const [n, s] of stats) {
    console.log(`${n.padEnd(16)} ${String(s.same).padStart(9)}  ${String(s.differ).padStart(9)}  ${String(s.unimplemented).padStart(17)}  ${String(s.goOk).padStart(9)}`);
  }
  if (failing.length > 0) {
    const all = readRegressions();
    const key = (r: Regression) => `${r.seed}\0${r.command}`;
    const have = new Set(all.map(key));
    for (const f of failing) if (!have.has(key(f))) all.push(f);
    all.sort((a, b) => a.seed - b.seed || a.command.localeCompare(b.command));
    writeFileSync(regressionsFile, JSON.stringify(all, null, 2) + '\n');
    console.log(`${failing.length} differing (seed, command) pairs of implemented commands recorded in ${regressionsFile}`);
  }
  return failing.length > 0 ? 1 : 0;
}
