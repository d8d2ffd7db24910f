// The lockstep ("twin") differential of cmd/go's scripts (twin.ts): each script of twin.json runs
// with the real go and with modscope, and every go command's stdout, stderr, exit status and the
// files of $WORK after it (module cache included) must be the same. twin.json, written by
// `node scripts/goscript/run.mjs --write-twin`, lists the scripts found identical; to keep this
// file near a minute it runs every third of them (index % 3 === 0); `run.mjs --twin` runs them all.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiff, startTwin } from './twin';

const here = dirname(fileURLToPath(import.meta.url));
const twinList: string[] = JSON.parse(readFileSync(join(here, 'twin.json'), 'utf8'));
const passing: string[] = JSON.parse(readFileSync(join(here, 'passing.json'), 'utf8'));
const names = twinList.filter((_, i) => i % 3 === 0);
let twin: Awaited<ReturnType<typeof startTwin>>;

beforeAll(async () => {
  twin = await startTwin(true);
});
afterAll(() => twin?.close());

describe('twin.json', () => {
  it('names passing scripts, sorted, without duplicates', () => {
    for (const n of twinList) expect(passing, n).toContain(n);
    expect([...new Set(twinList)].sort()).toEqual(twinList);
  });
});

describe('cmd/go scripts, real go and modscope in lockstep', () => {
  it.each(names)('%s', async (name) => {
    const r = await twin.run(name);
    expect(r.diffs.map(formatDiff).join('\n')).toBe('');
    expect(r.compared).toBeGreaterThan(0);
  }, 120_000);
});
