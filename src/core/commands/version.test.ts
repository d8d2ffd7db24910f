// go version, and $GOFLAGS checked as every command's invoke does (base.InitGOFLAGS: unknown flag,
// non-flag, quoting), against the real go: the recorded flag names (src/core/goflagNames.ts) and
// seeded random near-misses, through modscope's CLI in-process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../../scripts/gotool.mjs';
import { runModscope, runRealGo } from '../../cli/compareRuns';
import { goFlagNames } from '../goflagNames';
import { mulberry32 } from '../rng';

const dir = mkdtempSync(join(tmpdir(), 'modscope-version-'));
writeFileSync(join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(args: string[], extra: Record<string, string>): Promise<[unknown, unknown]> {
  const env = goEnv(extra) as Record<string, string>;
  const g = await runRealGo(args, dir, env);
  const m = await runModscope(args, dir, env);
  return [g, m];
}

describe('go version', () => {
  const cases: Array<[string[], Record<string, string>]> = [
    [['version'], {}],
    [['version', '-m'], {}],
    [['version', '-v'], {}],
    [['version', '-m', '-v'], {}],
    [['version', '--m=false'], {}],
    [['version', '-m=maybe'], {}],
    [['version', '-x'], {}],
    [['version', '-h'], {}],
    [['version', '-m'], { GOFLAGS: '-m' }],
    [['version'], { GOFLAGS: '-v' }],
    [['version'], { GOOS: 'windows', GOARCH: 'arm64' }],
  ];
  for (const [args, env] of cases) {
    it(`${args.join(' ')} ${JSON.stringify(env)}`, async () => {
      const [g, m] = await both(args, env);
      expect(m).toEqual(g);
    });
  }
});

describe('$GOFLAGS as go parses it before any command', () => {
  it('every recorded flag name, and random near-misses, as real go judges them', async () => {
    const rnd = mulberry32(20261127);
    // Names the tested commands define themselves are left out: their values are
    // SetFromGOFLAGS's business (go mod graph: -go -x -C -modcacherw -modfile -overlay; go env:
    // -json -u -w -changed), which this test does not cover.
    const own = new Set(['go', 'x', 'C', 'modcacherw', 'modfile', 'overlay', 'json', 'u', 'w', 'changed']);
    const names = [...goFlagNames].filter((n) => !own.has(n));
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const values: string[] = ['-bogus', '-l', '-mod=mod -s', "'-x", '-test.run=x', '-test.bogus'];
    for (let i = 0; i < 40; i++) {
      const n = pick(names);
      const kind = Math.floor(rnd() * 6);
      if (kind === 0) values.push(`-${n}`);
      else if (kind === 1) values.push(`--${n}=x`);
      else if (kind === 2) values.push(`-${n}${pick(['x', '_', '2', 'Z'])}`);
      else if (kind === 3) values.push(`-${n.slice(1) || 'q'}`);
      else if (kind === 4) values.push(own.has(n.replace(/^test\./, '')) ? '-test.v' : `-test.${n}`);
      else values.push(`-mod=mod ${pick(['-', '--', '---x', '-=v', 'x', "'-x", '"-x"'])}`);
    }
    const diffs: string[] = [];
    for (const goflags of values) {
      for (const args of [['mod', 'graph'], ['env', 'GOFLAGS'], ['mod', 'why', '-m', 'example.com/m']]) {
        const [g, m] = await both(args, { GOFLAGS: goflags });
        if (JSON.stringify(g) !== JSON.stringify(m)) diffs.push(`GOFLAGS=${goflags} go ${args.join(' ')}\n  go: ${JSON.stringify(g)}\n  ms: ${JSON.stringify(m)}`);
      }
    }
    expect(diffs.join('\n')).toBe('');
  }, 120_000);
});
