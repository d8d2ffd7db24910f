// go.mod formatting: 1,000 real-world-like go.mod files (bench/gomodCorpus.ts), in one run:
//  1. whole process: `modscope mod edit -fmt` against `go mod edit -fmt`, start-up included;
//  2. in process: parse+print throughput (files/s) of modscope's core against Go's x/mod/modfile.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { modEdit } from '../src/core/commands/modedit';
import { GoOracle } from '../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';
import { gomodCorpus } from './gomodCorpus';
import { median, ms, ratio } from './stats';

const N = Number(process.env.BENCH_GOMODS ?? 1000);

export default async function run(): Promise<void> {
  const files = gomodCorpus(N, 2026);
  const root = join(process.cwd(), '.test-out', 'bench', 'gomods');
  rmSync(root, { recursive: true, force: true });
  const bin = join(process.cwd(), 'bin', 'modscope.js');
  const env = goEnv();

  // 1. whole process, alternating tools file by file so both see the same machine state
  const goTimes: number[] = [];
  const ourTimes: number[] = [];
  files.forEach((data, i) => {
    for (const tool of ['go', 'modscope'] as const) {
      const dir = join(root, tool, String(i));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'go.mod'), data);
      const t0 = performance.now();
      const r =
        tool === 'go'
          ? spawnSync(GO, ['mod', 'edit', '-fmt'], { cwd: dir, env })
          : spawnSync(process.execPath, [bin, 'mod', 'edit', '-fmt'], { cwd: dir });
      const dt = performance.now() - t0;
      if (r.status !== 0) throw new Error(`${tool} failed on file ${i}: ${r.stderr}`);
      (tool === 'go' ? goTimes : ourTimes).push(dt);
    }
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  console.log(`whole process, ${N} files (median per file; total):`);
  console.log(`  go mod edit -fmt        ${ms(median(goTimes))}; ${(sum(goTimes) / 1000).toFixed(1)} s`);
  console.log(`  modscope mod edit -fmt  ${ms(median(ourTimes))}; ${(sum(ourTimes) / 1000).toFixed(1)} s`);
  console.log(`  ratio modscope/go       ${ratio(median(ourTimes), median(goTimes))} (median), ${ratio(sum(ourTimes), sum(goTimes))} (total)`);

  // 2. in process: 5 rounds each, median of per-round throughput
  const oracle = new GoOracle();
  const ourRates: number[] = [];
  const goRates: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (const data of files) {
      const r = modEdit(['-fmt'], { name: 'go.mod', data });
      if (r.exitCode !== 0) throw new Error(r.stderr);
    }
    ourRates.push(N / ((performance.now() - t0) / 1000));
    const ns = await oracle.value<number>('bench.modfileFmt', files, 1);
    goRates.push(N / (ns / 1e9));
  }
  oracle.close();
  console.log(`in process parse+print (median of 5 rounds):`);
  console.log(`  Go x/mod/modfile  ${Math.round(median(goRates))} files/s`);
  console.log(`  modscope core     ${Math.round(median(ourRates))} files/s`);
  console.log(`  ratio modscope/go throughput ${ratio(median(ourRates), median(goRates))}`);
  rmSync(root, { recursive: true, force: true });
}
