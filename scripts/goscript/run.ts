// The runner CLI: node scripts/goscript/run.mjs [--real-go[=path]] [--short] [--all] [-v|-vv] [-p N] [--work] [--prefix mod_|work_] [--write-passing] [filters...]
// Scripts run as `go test cmd/go` without -short does ([short] false) unless --short is given: the
// [short] skips are about go's own test time, not about what modscope can be measured on.
// --write-passing (modscope, all scripts, long mode) records the passing scripts in passing.json.
// --twin [--na|--variant=V] [names] / --write-twin [--wide]: the lockstep comparison of real go and modscope (twin.ts).
// Prints PASS / FAIL (failing line, section log with diff) / N/A (reason) per script and totals.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { twinMain } from './twin';
import { REAL_GO, listScripts, runAll, ScriptRunner, type ScriptResult } from './runner';

export default async function main(argv: string[]): Promise<number> {
  if (argv.includes('--twin') || argv.includes('--write-twin')) return twinMain(argv);
  let verbose = false;
  let logAll = false;
  let real: string | undefined;
  let all = false;
  let keepWork = false;
  let long = true;
  let writePassing = false;
  let parallel: number | undefined;
  let prefixes = ['mod_', 'work_'];
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-v') verbose = true;
    else if (a === '-vv') verbose = logAll = true;
    else if (a === '--real-go') real = REAL_GO;
    else if (a.startsWith('--real-go=')) real = a.slice('--real-go='.length);
    else if (a === '--all') all = true;
    else if (a === '--work') keepWork = true;
    else if (a === '--long') long = true;
    else if (a === '--short') long = false;
    else if (a === '--write-passing') writePassing = true;
    else if (a === '-p') parallel = Number(argv[++i]);
    else if (a === '--prefix') prefixes = [argv[++i] ?? ''];
    else if (a.startsWith('--prefix=')) prefixes = [a.slice('--prefix='.length)];
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/goscript/run.mjs [--real-go[=path]] [--short] [--all] [-v|-vv (logs of passing scripts too)] [-p N] [--work] [--prefix mod_|work_ (default both)] [name-filter | /regexp/]...');
      console.log('       node scripts/goscript/run.mjs --twin [name-filter...]   (real go and modscope in lockstep over passing.json; --write-twin: all, into twin.json)');
      console.log('       node scripts/goscript/run.mjs --twin --na | --variant=mod=mod|gowork=off|modcacherw|goproxy=off [name-filter...]');
      console.log('                                        (not-applicable scripts up to their first not-applicable line; passing scripts under a variant;');
      console.log('                                         --write-twin --wide: every such mode, into twin-wide.json)');
      return 0;
    } else filters.push(a);
  }
  const names = prefixes.flatMap((p) => listScripts(filters, p));
  if (names.length === 0) {
    console.error(`no ${prefixes.join('*.txt or ')}*.txt script matches ${filters.join(' ')}`);
    return 2;
  }
  const runner = await ScriptRunner.start({ mode: real ? { kind: 'real', bin: real } : { kind: 'modscope' }, all, keepWork, long });
  const t0 = performance.now();
  const print = (r: ScriptResult) => {
    const t = verbose ? ` (${(r.ms / 1000).toFixed(2)}s)` : '';
    const sum = r.sumdbLines.length > 0 && r.status === 'fail' ? ` [touches the sumdb: lines ${r.sumdbLines.join(',')}]` : '';
    if (r.status === 'pass') {
      console.log(`PASS ${r.name}${t}`);
      if (logAll && r.log) console.log(r.log.replace(/^/gm, '    ').trimEnd());
    }
    else if (r.status === 'na') console.log(`N/A  ${r.name}${t}: ${r.reason}`);
    else {
      console.log(`FAIL ${r.name}${t}${sum}: ${r.reason}`);
      if (verbose && r.log) console.log(r.log.replace(/^/gm, '    ').trimEnd());
    }
  };
  let results: ScriptResult[];
  try {
    results = await runAll(runner, names, parallel ?? (real ? 2 : 1), print);
  } finally {
    await runner.close();
  }
  const count = (st: string) => results.filter((r) => r.status === st).length;
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `\n${real ? 'real go ' + real : 'modscope'}${long ? ' (long mode)' : ' (-short mode)'}: ${count('pass')} passed / ${count('fail')} failed / ${count('na')} not applicable (${names.length} scripts, ${secs}s)`,
  );
  if (writePassing) {
    if (real || !long || filters.length > 0 || prefixes.length !== 2) {
      console.error('--write-passing records a full long-mode modscope run only');
      return 2;
    }
    const file = join(process.cwd(), 'scripts', 'goscript', 'passing.json');
    const pass = results.filter((r) => r.status === 'pass').map((r) => r.name).sort();
    writeFileSync(file, JSON.stringify(pass, null, 2) + '\n');
    console.log(`wrote ${pass.length} scripts to ${file}`);
  }
  return count('fail') > 0 ? 1 : 0;
}
