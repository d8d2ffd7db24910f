// Issue 3's acceptance in Chromium: the dev server's same-origin relay (/goproxy/) forwards to
// a file:// proxy directory on disk (the bundled demo universe written out by CliSide); the page
// with GOPROXY=https://proxy.golang.org (which the worker maps to the relay) downloads the demo's
// modules into IndexedDB; after a reload they are still cached: the Module cache view lists them
// and `go mod verify` passes with GOPROXY=off and no request to the relay. The page's
// `go mod download [-json]` output equals the CLI's (bin/modscope.js, GOPROXY=file://<same dir>).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, startApp, watchErrors } from './browser';
import { CliSide, pageRun, ROOT } from './shell';

const demo = readFileSync(join(ROOT, 'public/demo/demo.txtar'), 'utf8');
const cli = new CliSide(demo);

let server: ViteDevServer;
let browser: Browser;
let url: string;
/** Every /goproxy/ request the dev server received. */
const relayed: string[] = [];

beforeAll(async () => {
  spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  ({ server, url } = await startApp({ goproxy: `file://${cli.proxy}` }));
  server.httpServer!.prependListener('request', (req: IncomingMessage) => {
    if (req.url?.startsWith('/goproxy/')) relayed.push(req.url);
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function fileText(page: Page, name: string): Promise<string> {
  await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name, exact: true }).click();
  return page.getByLabel(`contents of ${name}`).inputValue();
}

/** Parses go's `-json` stream (concatenated objects). */
function jsonStream(s: string): unknown[] {
  return JSON.parse('[' + s.trim().replace(/\}\n\{/g, '},{') + ']') as unknown[];
}

it('demo universe through the relay into IndexedDB; still cached after a reload; -json equals the CLI', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  await page.getByRole('button', { name: 'Bundled demo' }).click();
  await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
  // The page's default proxy: https://proxy.golang.org, which the worker sends to /goproxy/.
  expect((await pageRun(page, 'go env -w GOPROXY=https://proxy.golang.org GOSUMDB=off')).exitCode).toBe(0);
  expect((await pageRun(page, 'go env GOPROXY')).stdout).toBe('https://proxy.golang.org\n');

  // Same commands, same files: page (through the relay) and CLI (file:// on the same directory).
  const lines = ['go mod download -json example.com/color/v2@v2.0.1', 'go mod download', 'go mod download -json example.com/greet@v1.0.0'];
  const compared: { line: string; same: boolean }[] = [];
  for (const line of lines) {
    const p = await pageRun(page, line);
    const c = cli.run(line);
    expect({ line, ...p }).toEqual({ line, ...c });
    expect(p.exitCode).toBe(0);
    if (line.includes('-json')) {
      const objs = jsonStream(p.stdout) as { Path: string; Version: string; Zip?: string; Sum?: string; GoModSum?: string }[];
      expect(objs.length).toBeGreaterThan(0);
      for (const o of objs) expect(o.Sum ?? o.GoModSum).toMatch(/^h1:/);
    }
    compared.push({ line, same: true });
  }
  // go.sum as the CLI left it (go mod download without arguments adds lines).
  expect(await fileText(page, 'go.sum')).toBe(cli.file('go.sum'));
  expect(await fileText(page, 'go.mod')).toBe(cli.file('go.mod'));
  const before = relayed.length;
  expect(before).toBeGreaterThan(0);
  expect(relayed.every((u) => /^\/goproxy\/example\.com\/.+\/@(v\/[^/]+\.(info|mod|zip)|v\/list|latest)$/.test(u))).toBe(true);
  expect(relayed.some((u) => u.endsWith('.zip'))).toBe(true);

  // The cache the page filled, as the Module cache view lists it.
  await page.getByRole('tab', { name: 'Module cache' }).click();
  await expect.poll(() => page.getByTestId('cache-summary').textContent()).toMatch(/^\d+ module versions/);
  const rowsBefore = (await page.getByTestId('cache-table').locator('tbody tr').allTextContents()).sort();
  expect(rowsBefore.some((t) => t.startsWith('example.com/color/v2v2.0.1'))).toBe(true);

  // Reload; the upstream is no longer consulted (GOPROXY=off) and nothing reaches the relay.
  await page.reload();
  await page.waitForSelector('[data-ready=yes]');
  await page.getByRole('tab', { name: 'Module cache' }).click();
  await expect.poll(() => page.getByTestId('cache-summary').textContent()).toMatch(/^\d+ module versions/);
  const rowsAfter = (await page.getByTestId('cache-table').locator('tbody tr').allTextContents()).sort();
  expect(rowsAfter).toEqual(rowsBefore);
  await page.getByRole('tab', { name: 'Terminal' }).click();
  expect((await pageRun(page, 'go env -w GOPROXY=off')).exitCode).toBe(0);
  const v = await pageRun(page, 'go mod verify');
  expect(v).toEqual({ stdout: 'all modules verified\n', stderr: '', exitCode: 0 });
  // go mod download with GOPROXY=off succeeds from the cache alone (as go does for cached modules).
  const d = await pageRun(page, 'go mod download -json example.com/color/v2@v2.0.1');
  const cd = spawnSync(process.execPath, [join(ROOT, 'bin/modscope.js'), 'mod', 'download', '-json', 'example.com/color/v2@v2.0.1'], {
    cwd: cli.repo,
    env: cli.env({ GOPROXY: 'off' }),
    encoding: 'utf8',
  });
  expect(d).toEqual({ stdout: cli.norm(cd.stdout), stderr: cli.norm(cd.stderr), exitCode: cd.status });
  expect(relayed.length).toBe(before);
  console.log(
    `relay: ${before} /goproxy/ requests (${relayed.filter((u) => u.endsWith('.zip')).length} zips); ${compared.length} command lines identical page vs CLI; ` +
      `${rowsAfter.length} cache rows before = after reload; verify + download -json offline after reload: identical to CLI, 0 relay requests`,
  );
  expect(errors).toEqual([]);
  await ctx.close();
});
