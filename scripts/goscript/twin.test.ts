// The lockstep ("twin") differential of cmd/go's scripts (twin.ts): each script of twin.json runs
// with the real go and with modscope, and every go command's stdout, stderr, exit status and the
// files of $WORK after it (module cache included) must be the same. twin.json, written by
// `node scripts/goscript/run.mjs --write-twin`, lists the scripts found identical; twin-wide.json
// (`--write-twin --wide`) those of the wider modes: the not-applicable scripts up to their first
// not-applicable line ("na"), and every passing script under each of twinVariants' settings. To keep
// this file near two minutes it samples them (base: index % 5 === 0; na: every third; each
// variant: one in 45, a different offset per variant); `run.mjs --twin [--na|--variant=V]` runs them all.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiff, modeName, startTwin, twinVariants, wideModes, type TwinMode } from './twin';

const here = dirname(fileURLToPath(import.meta.url));
const twinList: string[] = JSON.parse(readFileSync(join(here, 'twin.json'), 'utf8'));
const wide: Record<string, string[]> = JSON.parse(readFileSync(join(here, 'twin-wide.json'), 'utf8'));
const passing: string[] = JSON.parse(readFileSync(join(here, 'passing.json'), 'utf8'));

describe('twin.json, twin-wide.json', () => {
  it('name scripts sorted, without duplicates; twin.json and the variants passing ones', () => {
    for (const n of twinList) expect(passing, n).toContain(n);
    expect([...new Set(twinList)].sort()).toEqual(twinList);
    expect(Object.keys(wide).sort()).toEqual(wideModes.map(modeName).sort());
    for (const [mode, names] of Object.entries(wide)) {
      expect([...new Set(names)].sort(), mode).toEqual(names);
      if (mode !== 'na') for (const n of names) expect(passing, n).toContain(n);
      else for (const n of names) expect(passing, n).not.toContain(n);
    }
  });
});

function twinSuite(mode: TwinMode, names: string[]): void {
  describe(`cmd/go scripts, real go and modscope in lockstep (${modeName(mode)})`, () => {
    let twin: Awaited<ReturnType<typeof startTwin>>;
    beforeAll(async () => {
      twin = await startTwin(true, mode);
    });
    afterAll(() => twin?.close());
    it.each(names)('%s', async (name) => {
      const r = await twin.run(name);
      expect(r.diffs.map(formatDiff).join('\n')).toBe('');
      expect(r.compared).toBeGreaterThan(0);
    }, 120_000);
  });
}

twinSuite({}, twinList.filter((_, i) => i % 5 === 0));
twinSuite({ na: true }, (wide['na'] ?? []).filter((_, i) => i % 3 === 0));
Object.keys(twinVariants).forEach((variant, k) => {
  twinSuite({ variant }, (wide[variant] ?? []).filter((_, i) => i % 45 === k * 9));
});
