// Hostile input in the built page (vite build + preview, under the production CSP of
// src/ui/cspPlugin.ts): markup and script in go.mod comments, deprecation and retraction
// comments served by the proxy, file names and command arguments is shown as text on every
// view, runs nothing (window.__pwned stays unset) and triggers no CSP violation. And nothing
// is lost: the workspace is saved before a command runs, survives a worker killed mid-command,
// a failed command, an exhausted storage quota and a reload.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preview, type Plugin, type PreviewServer } from 'vite';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, watchErrors } from './browser';
import { pageRun, ROOT } from './shell';
import { cspPlugin } from '../src/ui/cspPlugin';

const IMG = `<img src=x onerror="window.__pwned='img'">`;
const SCRIPT = `<script>window.__pwned='script'</script>`;
const JSURL = `javascript:window.__pwned='url'`;
const ANCHOR = `<a href="javascript:window.__pwned='a'">click</a>`;

const hostileUniverse = `markup everywhere
-- go.mod --
// ${IMG} ${SCRIPT}
// ${JSURL} ${ANCHOR}
module example.org/hello // ${IMG}

go 1.22

require example.org/lib v1.0.0 // ${SCRIPT}
-- hello.go --
package hello

import "example.org/lib"

// ${IMG}
var X = lib.Name
-- ${'<img src=x onerror=window.__pwned=1>.txt'} --
${SCRIPT}
-- .proxy/example.org/lib@v1.0.0/go.mod --
// Deprecated: ${IMG} ${ANCHOR} ${JSURL}
module example.org/lib

go 1.22

retract v0.9.0 // ${SCRIPT}
-- .proxy/example.org/lib@v1.0.0/lib.go --
package lib

const Name = "${'<b>lib</b>'}"
-- .proxy/example.org/lib@v0.9.0/go.mod --
module example.org/lib
-- .proxy/example.org/lib@v0.9.0/lib.go --
package lib
`;

/** A same-origin proxy that never answers in time (connect-src 'self' allows it). */
let slowHits = 0;
const slowProxy: Plugin = {
  name: 'slow-proxy',
  configurePreviewServer(server) {
    server.middlewares.use('/slowproxy/', (_req, res) => {
      slowHits++;
      setTimeout(() => {
        res.statusCode = 404;
        res.end('not found\n');
      }, 20_000).unref();
    });
  },
};

let server: PreviewServer;
let browser: Browser;
let url: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'modscope-hostile-'));
  const config = { root: ROOT, configFile: false as const, logLevel: 'error' as const, plugins: [react(), cspPlugin(), slowProxy], worker: { format: 'es' as const } };
  await build({ ...config, build: { outDir, emptyOutDir: true } });
  server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const addr = server.httpServer.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  (server?.httpServer as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
  await new Promise<void>((r) => server?.httpServer.close(() => r()));
});

interface Watch {
  page: Page;
  errors: string[];
  ctx: BrowserContext;
}

async function open(ctx?: BrowserContext): Promise<Watch> {
  if (!ctx) {
    ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(ctx);
    // Init scripts run outside the page's CSP: they record violations and any injected script.
    await ctx.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
  }
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  return { page, errors, ctx };
}

async function loadTxtar(page: Page, text: string) {
  await page.getByRole('button', { name: 'Paste txtar…' }).click();
  await page.getByLabel('paste txtar').fill(text);
  await page.getByRole('button', { name: 'Load txtar' }).click();
  await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
}

async function fileText(page: Page, name: string): Promise<string> {
  await page.getByRole('tab', { name: 'Files' }).click();
  await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name, exact: true }).click();
  return page.getByLabel(`contents of ${name}`).inputValue();
}

/** Nothing ran, nothing was blocked, no element came from the payload. */
async function assertInert(w: Watch, where: string) {
  const s = await w.page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    csp: (window as unknown as { __csp: string[] }).__csp,
    imgs: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
  }));
  expect({ where, ...s }).toEqual({ where, pwned: undefined, csp: [], imgs: 0, scripts: 0, jsLinks: 0 });
}

describe('hostile strings on every view of the built page', () => {
  it('markup and script in go.mod comments, deprecations, retractions, file names and arguments render as text', async () => {
    const w = await open();
    const { page } = w;
    await loadTxtar(page, hostileUniverse);
    // Files view: the markup-named file is listed by its literal name; contents shown verbatim.
    const odd = '<img src=x onerror=window.__pwned=1>.txt';
    expect(await fileText(page, odd)).toBe(SCRIPT + '\n');
    expect(await fileText(page, 'go.mod')).toContain(IMG);
    await assertInert(w, 'files');

    // Terminal: go's messages echo the hostile text; the page shows it as text.
    const tidy = await pageRun(page, 'go mod tidy');
    expect(tidy.exitCode).toBe(0);
    // go get reports the deprecation comment the proxy served (modget: reportDeprecations).
    const dep = await pageRun(page, 'go get example.org/lib@v1.0.0');
    expect(dep.stderr).toContain(`${IMG} ${ANCHOR} ${JSURL}`);
    const argImg = '<img src=x onerror=window.__pwned=7>';
    const bad = await pageRun(page, `go get '${argImg}@v1.0.0'`);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain(argImg);
    const argScript = '<script>window.__pwned=8</script>';
    const edit = await pageRun(page, `go mod edit '-require=${argScript}@v1.0.0'`);
    expect(edit.exitCode).not.toBe(0);
    expect(edit.stderr).toContain(argScript);
    const list = await pageRun(page, 'go list -m -u -retracted all');
    expect(list.stdout + list.stderr).toContain('example.org/lib');
    await assertInert(w, 'terminal');

    // Graph view and the module's details (deprecation text, file list).
    await page.getByRole('tab', { name: 'Graph' }).click();
    await expect.poll(async () => (await page.locator('.viewpanel').textContent()) ?? '', { timeout: 20_000 }).toContain('example.org/lib');
    // Select example.org/lib by keyboard: its details show the go.mod with the deprecation comment.
    const surface = page.getByTestId('graph-surface');
    await surface.focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('details-id').textContent(), { timeout: 5000 }).toBe('example.org/lib@v1.0.0');
    await expect.poll(() => page.getByTestId('node-details').textContent(), { timeout: 5000 }).toContain(IMG);
    await assertInert(w, 'graph');

    // Tidy preview.
    await page.getByRole('tab', { name: 'Tidy / get preview' }).click();
    await page.getByRole('button', { name: 'Preview go mod tidy' }).click();
    await expect.poll(async () => (await page.locator('.viewpanel').textContent()) ?? '', { timeout: 20_000 }).toMatch(/go\.mod|exit|no changes/i);
    await assertInert(w, 'tidy preview');

    // Module cache panel, Learn view (lessons list), Settings.
    await page.getByRole('tab', { name: 'Module cache' }).click();
    await expect.poll(async () => (await page.getByRole('region', { name: 'module cache' }).textContent()) ?? '').toContain('example.org/lib');
    await assertInert(w, 'cache view');
    await page.getByRole('tab', { name: 'Learn' }).click();
    await page.waitForTimeout(300);
    await assertInert(w, 'lessons');
    await page.getByRole('tab', { name: 'Settings (go env)' }).click();
    await assertInert(w, 'settings');
    await screenshot(page, 'hostile-markup');
    expect(w.errors).toEqual([]);
  });
});

describe('nothing lost', () => {
  it('an edit is saved before the command runs; a worker killed mid-command and a reload keep the files', async () => {
    const w = await open();
    const { page } = w;
    await loadTxtar(page, hostileUniverse);
    await fileText(page, 'hello.go');
    const edited = 'package hello\n\n// edited just before the command\nvar X = 1\n';
    await page.getByLabel('contents of hello.go').fill(edited);
    const goModBefore = await fileText(page, 'go.mod');
    await pageRun(page, `go env -w GOPROXY=${url}slowproxy`);
    slowHits = 0;
    await page.getByLabel('go command').fill('go mod download');
    await page.getByLabel('go command').press('Enter');
    await page.getByTestId('progress').waitFor();
    await expect.poll(() => slowHits).toBeGreaterThan(0);
    // The edit was saved before the download started: a second tab (a reload) sees it now.
    const other = await open(w.ctx);
    expect(await fileText(other.page, 'hello.go')).toBe(edited);
    await other.page.close();
    await page.evaluate(() => (window as unknown as { modscope: { killWorker(): void } }).modscope.killWorker());
    await page.getByTestId('notice').getByText(/The worker stopped \(killed\) and was restarted/).waitFor();
    await page.getByTestId('progress').waitFor({ state: 'detached' });
    expect(await fileText(page, 'hello.go')).toBe(edited);
    expect(await fileText(page, 'go.mod')).toBe(goModBefore);
    await page.reload();
    await page.waitForSelector('[data-ready=yes]');
    expect(await fileText(page, 'hello.go')).toBe(edited);
    expect(await fileText(page, 'go.mod')).toBe(goModBefore);
    await assertInert(w, 'after kill');
    expect(w.errors).toEqual([]);
  });

  it('an edit followed at once by a reload or a closed tab is kept (saved on pagehide / visibilitychange)', async () => {
    const w = await open();
    const { page } = w;
    await loadTxtar(page, hostileUniverse);
    await fileText(page, 'hello.go');
    // Reload right after typing: well inside the 300 ms save delay.
    const first = 'package hello\n\n// typed, then reloaded at once\nvar Y = 2\n';
    await page.getByLabel('contents of hello.go').fill(first);
    const t0 = Date.now();
    await page.reload();
    const gap = Date.now() - t0;
    await page.waitForSelector('[data-ready=yes]');
    expect(await fileText(page, 'hello.go')).toBe(first);
    // Close the tab right after typing: a new tab of the same profile opens the edit.
    const second = 'package hello\n\n// typed, then the tab was closed\nvar Z = 3\n';
    await page.getByLabel('contents of hello.go').fill(second);
    await page.close({ runBeforeUnload: true });
    const other = await open(w.ctx);
    expect(await fileText(other.page, 'hello.go')).toBe(second);
    expect(await fileText(other.page, 'go.mod')).toContain('module example.org/hello');
    // Nothing is left in the unload journal once IndexedDB holds the edit.
    await expect.poll(() => other.page.evaluate(() => localStorage.getItem('modscope-unsaved'))).toBeNull();
    expect(w.errors).toEqual([]);
    expect(other.errors).toEqual([]);
    console.log(`nothing lost: edit + reload (${gap} ms to reloaded) and edit + closed tab both kept`);
  });

  it('a failed command leaves go.mod and go.sum byte for byte as they were, before and after a reload', async () => {
    const w = await open();
    const { page } = w;
    await loadTxtar(page, hostileUniverse);
    const before = { mod: await fileText(page, 'go.mod'), names: await page.getByRole('navigation', { name: 'files' }).textContent() };
    await pageRun(page, 'go env -w GOPROXY=off');
    for (const line of ['go mod tidy', 'go get example.org/lib@v9.9.9', 'go mod download']) {
      const r = await pageRun(page, line);
      expect({ line, exit: r.exitCode }).not.toEqual({ line, exit: 0 });
    }
    expect(await fileText(page, 'go.mod')).toBe(before.mod);
    expect(await page.getByRole('navigation', { name: 'files' }).textContent()).toBe(before.names);
    await page.reload();
    await page.waitForSelector('[data-ready=yes]');
    expect(await fileText(page, 'go.mod')).toBe(before.mod);
    expect(await page.getByRole('navigation', { name: 'files' }).textContent()).toBe(before.names);
    expect(w.errors).toEqual([]);
  });

  it('an exhausted quota: the save fails loudly, the tab keeps the edit, a reload finds the workspace whole with the edit', async () => {
    const w = await open();
    const { page } = w;
    await loadTxtar(page, hostileUniverse);
    const saved = await fileText(page, 'hello.go');
    // Every write to the workspace database now fails as a full disk does.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...a: Parameters<IDBObjectStore['put']>) {
        if (this.transaction.db.name === 'modscope-workspaces') throw new DOMException('quota exceeded (test)', 'QuotaExceededError');
        return put.apply(this, a);
      };
    });
    const edited = saved + '\n// written while the quota is exhausted\n';
    await page.getByLabel('contents of hello.go').fill(edited);
    await page.getByTestId('notice').getByText(/could not be saved \(the browser storage quota is exhausted\)/).waitFor();
    // Commands still run on the files in the tab; the edit stays.
    await pageRun(page, 'go env -w GOPROXY=file:///modscope/proxy');
    const r = await pageRun(page, 'go mod tidy');
    expect(r.exitCode).toBe(0);
    expect(await fileText(page, 'hello.go')).toBe(edited);
    expect(await page.getByTestId('notice').textContent()).toMatch(/could not be saved/);
    // After a reload the workspace is whole: the last whole save, with the unsaved edit recovered
    // from the page-hide journal (nothing typed is lost).
    await page.reload();
    await page.waitForSelector('[data-ready=yes]');
    expect(await fileText(page, 'hello.go')).toBe(edited);
    expect(await fileText(page, 'go.mod')).toContain('module example.org/hello');
    expect(w.errors).toEqual([]);
  });
});
