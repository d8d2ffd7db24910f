// The page's module cache (IndexedDB, src/io/idbCache.ts) under an interrupted write: the
// worker's IndexedDB fails with QuotaExceededError while a download writes the cache; the
// command reports it, and no half-written entry is used as if whole — the next command
// downloads again and `go mod verify` finds every module intact.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, startApp, watchErrors } from './browser';
import { pageRun } from './shell';

const universe = `two modules
-- go.mod --
module example.org/hello

go 1.22

require example.org/lib v1.0.0
-- hello.go --
package hello

import "example.org/lib"

var X = lib.Name
-- .proxy/example.org/lib@v1.0.0/go.mod --
module example.org/lib

go 1.22
-- .proxy/example.org/lib@v1.0.0/lib.go --
package lib

const Name = "lib"
`;

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

/** Makes the worker's module-cache writes fail after `after` successful puts (-1: never fail). */
async function quotaInWorker(page: Page, after: number) {
  const w = page.workers().find((x) => x.url().includes('worker'));
  if (!w) throw new Error('no worker');
  await w.evaluate((n) => {
    const g = globalThis as unknown as { __put?: IDBObjectStore['put']; __left: number };
    g.__put ??= IDBObjectStore.prototype.put;
    g.__left = n;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...a: Parameters<IDBObjectStore['put']>) {
      if (this.transaction.db.name === 'modscope-gomodcache' && g.__left >= 0 && g.__left-- === 0) {
        throw new DOMException('quota exceeded (test)', 'QuotaExceededError');
      }
      return g.__put!.apply(this, a);
    };
  }, after);
}

it('a cache write that fails halfway is reported and never used as whole: the next run downloads again and verifies', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  await page.getByRole('button', { name: 'Paste txtar…' }).click();
  await page.getByLabel('paste txtar').fill(universe);
  await page.getByRole('button', { name: 'Load txtar' }).click();
  await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  // Fail at each successive write of the download (info/mod, zip, ziphash, extracted tree...).
  const outcomes: string[] = [];
  for (let k = 0; k < 8; k++) {
    await pageRun(page, 'go clean -modcache');
    await quotaInWorker(page, k);
    const r = await pageRun(page, 'go mod download -x example.org/lib');
    await quotaInWorker(page, -1);
    outcomes.push(`${k}:${r.exitCode}`);
    if (r.exitCode !== 0) expect(r.stderr).toMatch(/quota|QuotaExceeded/i);
    // Whatever the interrupted write left, the next commands see a whole module or fetch it again.
    const again = await pageRun(page, 'go mod download example.org/lib');
    expect({ k, again: again.stderr, exit: again.exitCode }).toEqual({ k, again: '', exit: 0 });
    const v = await pageRun(page, 'go mod verify');
    expect({ k, v: v.stdout + v.stderr, exit: v.exitCode }).toEqual({ k, v: 'all modules verified\n', exit: 0 });
    if (r.exitCode === 0) break;
  }
  console.log(`interrupted-write outcomes (failing put index: exit code): ${outcomes.join(' ')}`);
  expect(outcomes.some((o) => !o.endsWith(':0'))).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});
