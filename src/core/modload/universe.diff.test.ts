// Seeded synthetic module universes (scripts/universe/generator.ts) through `go mod graph` and
// `go list -m` with real go and with modscope, compared byte for byte (see difftest.ts). Each
// seed is printed in the test name; go.sum is produced by real go (GOFLAGS=-mod=mod) first.
import { describe, expect, it } from 'vitest';
import { escapePath, escapeVersion } from '../module';
import { generateUniverse } from '../../../scripts/universe/generator';
import { DiffEnv, type Case } from '../../../scripts/difftest';

// MODSCOPE_LOAD_SEEDS=A-B runs other seeds (a longer differential run by hand).
const range = /^(\d+)-(\d+)$/.exec(process.env.MODSCOPE_LOAD_SEEDS ?? '');
const SEEDS = range ? Array.from({ length: +range[2]! - +range[1]! + 1 }, (_, i) => +range[1]! + i) : [1, 2, 3, 5, 8, 13, 21, 34];

function archives(seed: number): Array<[string, string]> {
  const u = generateUniverse(seed);
  const out: Array<[string, string]> = [];
  for (const m of u.modules) {
    for (const v of m.versions) {
      let text = `-- .mod --\n${v.mod}${v.mod.endsWith('\n') ? '' : '\n'}-- .info --\n${JSON.stringify({ Version: v.version, Time: v.time })}\n`;
      for (const f of v.files) text += `-- ${f.name} --\n${f.data}${f.data.endsWith('\n') || f.data === '' ? '' : '\n'}`;
      out.push([`${escapePath(m.path).replaceAll('/', '_')}_${escapeVersion(v.version)}.txt`, text]);
    }
  }
  return out;
}

describe('synthetic universes: go mod graph / go list -m vs real go', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const u = generateUniverse(seed);
      const env = new DiffEnv(archives(seed));
      try {
        const files: Record<string, string> = {};
        for (const f of u.main) files[f.name] = f.data;
        delete files['go.sum'];
        const prep = env.runGo({ files, args: ['list', '-m', 'all'], env: { GOFLAGS: '-modcacherw -mod=mod' } });
        const withSum = { ...files };
        if (prep.files['go.sum'] != null) withSum['go.sum'] = prep.files['go.sum'];
        const cases: Case[] = [];
        for (const fs of [files, withSum]) {
          for (const args of [['mod', 'graph'], ['list', '-m', 'all'], ['list', '-m', '-json', 'all'], ['list', '-m', '-u', 'all'], ['mod', 'graph', '-go=1.16']]) {
            cases.push({ files: fs, args });
          }
        }
        for (const c of cases) {
          const want = env.runGo(c);
          const got = await env.runOurs(c);
          expect({ seed, args: c.args, sum: 'go.sum' in c.files, ...got }).toEqual({ seed, args: c.args, sum: 'go.sum' in c.files, ...want });
        }
      } finally {
        env.close();
      }
    }, 60_000);
  }
});
