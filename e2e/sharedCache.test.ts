// Two tabs share the page's module cache (one IndexedDB per origin), and each tab's worker
// remembers the cache files it has read (src/core/memoCache.ts): what one tab downloads or cleans
// must be what the other sees at its next command. Real go with two module directories over one
// GOMODCACHE, running the same command lines in the same order, says what each tab must print.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, openApp, startApp } from './browser';
import { CliSide, pageRun, ROOT, type Run } from './shell';
import { passedText } from '../src/core/commands/buildcheck';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';

const universe = readFileSync(join(ROOT, 'e2e/fixtures/one-dependency.txtar'), 'utf8');

let server: ViteDevServer;
let browser: Browser;
let url: string;
beforeAll(async () => {
  ({ server, url } = await startApp());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('a download or clean in one tab is seen by the other tab at its next command, as two go processes see one GOMODCACHE', async () => {
  // real go: two checkouts of the repository, one module cache
  const a = new CliSide(universe);
  const b = new CliSide(universe);
  const realGo = (side: CliSide, line: string): Run => {
    const r = spawnSync(GO, line.split(' ').slice(1), { cwd: side.repo, env: goEnv({ GOMODCACHE: a.modcache, GOPROXY: `file://${side.proxy}` }), encoding: 'utf8' });
    const norm = (s: string) => a.norm(side.norm(s));
    return { stdout: norm(r.stdout), stderr: norm(r.stderr), exitCode: r.status ?? -1 };
  };
  // the page: two tabs of one browser context (one origin, one IndexedDB)
  const ctx = await browser.newContext();
  const tabs: Page[] = [];
  const errors: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const { page, errors: e } = await openApp(ctx, url);
    await page.getByRole('button', { name: 'Paste txtar…' }).click();
    await page.getByLabel('paste txtar').fill(universe);
    await page.getByRole('button', { name: 'Load txtar' }).click();
    await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
    tabs.push(page);
    errors.push(e);
  }
  const dir = "go list -m -f {{.Dir}} example.org/lib";
  const steps: [0 | 1, string][] = [
    [0, 'go clean -modcache'],
    [0, 'go mod tidy'],
    [1, 'go mod tidy'], // tab 1 finds tab 0's download: nothing to fetch
    [1, dir],
    [0, 'go clean -modcache'],
    [1, dir], // gone for tab 1 too
    [1, 'go mod download'],
    [0, dir],
    [0, 'go mod verify'],
    [1, 'go clean -modcache'],
    [0, 'go mod verify'],
    [0, 'go build ./...'],
    [1, dir],
  ];
  const seen: string[] = [];
  for (const [t, line] of steps) {
    const r = await pageRun(tabs[t]!, line);
    const page = { ...r, stderr: r.stderr.replace(passedText, '') }; // go build's note that it compiled nothing
    const go = realGo(t === 0 ? a : b, line);
    seen.push(`tab ${t}: ${line} → exit ${go.exitCode} ${JSON.stringify(go.stdout + go.stderr)}`);
    expect({ tab: t, line, ...page }).toEqual({ tab: t, line, ...go });
  }
  console.log(`two tabs, one module cache: ${steps.length} command lines as real go prints them\n${seen.join('\n')}`);
  expect(errors).toEqual([[], []]);
  await ctx.close();
}, 300_000);
