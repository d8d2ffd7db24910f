// The app shell in Debian Chromium: loading (demo, pasted txtar, pasted go.mod, zip, folder),
// editing with go.mod errors at go's line:col, persistence, share links, the terminal's output
// against the CLI's on identical files, the three pieces, the cache view, cancel, worker crash.
import { createServer, type Server } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { passedText } from '../src/core/commands/buildcheck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { unzipSync, zipSync } from 'fflate';
import { launchChromium, screenshot, startApp, watchErrors } from './browser';
import { CliSide, pageRun, ROOT } from './shell';
import { goModEdit } from '../scripts/realgo';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';

const demo = readFileSync(join(ROOT, 'public/demo/demo.txtar'), 'utf8');

const smallUniverse = `a pasted universe
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

require example.org/dep v1.1.0
-- .proxy/example.org/lib@v1.0.0/lib.go --
package lib

import "example.org/dep"

var Name = dep.Name
-- .proxy/example.org/dep@v1.0.0/go.mod --
module example.org/dep
-- .proxy/example.org/dep@v1.0.0/dep.go --
package dep

const Name = "old"
-- .proxy/example.org/dep@v1.1.0/go.mod --
module example.org/dep
-- .proxy/example.org/dep@v1.1.0/dep.go --
package dep

const Name = "new"
`;

describe('app shell in Chromium', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let url: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
    ({ server, url } = await startApp());
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function open(scheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; ctx: BrowserContext }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, acceptDownloads: true });
    contexts.push(ctx);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await page.waitForSelector('[data-ready=yes]');
    return { page, errors, ctx };
  }

  async function fileText(page: Page, name: string): Promise<string> {
    await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name, exact: true }).click();
    return page.getByLabel(`contents of ${name}`).inputValue();
  }

  async function loadTxtar(page: Page, text: string) {
    await page.getByRole('button', { name: 'Paste txtar…' }).click();
    await page.getByLabel('paste txtar').fill(text);
    await page.getByRole('button', { name: 'Load txtar' }).click();
    await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
  }

  /** Runs each line in the page and with the CLI; returns [line, page, cli] triples. */
  async function compare(page: Page, cli: CliSide, lines: string[]) {
    const out = [];
    for (const line of lines) out.push({ line, page: await pageRun(page, line), cli: cli.run(line) });
    return out;
  }

  it('bundled demo: each terminal command prints what the CLI prints on the same files; the three pieces light up', async () => {
    const { page, errors } = await open();
    await page.getByRole('button', { name: 'Bundled demo' }).click();
    await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
    const cli = new CliSide(demo);
    const lines = [
      'go mod graph',
      'go list -m all',
      'go mod download example.com/color/v2',
      'go list -m all',
      'go mod tidy',
    ];
    const first = await compare(page, cli, lines);
    // go mod tidy edits the manifest and the receipt and fills the storage
    await expect.poll(() => page.getByTestId('piece-gomod').getAttribute('data-state')).toBe('written');
    expect(await page.getByTestId('piece-gosum').getAttribute('data-state')).toBe('written');
    expect(await page.getByTestId('piece-cache').getAttribute('data-state')).toBe('written');
    const shot = await screenshot(page, 'terminal-after-tidy');
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs/screenshot.png')); // the README's screenshot
    const rest = await compare(page, cli, [
      'go mod download',
      'go mod verify',
      'go list -m -versions example.com/text',
      'go list -m -json example.com/greet',
      'go mod edit -require=example.com/text@v1.3.0',
      'go mod graph',
      'go mod tidy',
      'go mod download -json example.com/text',
      'go mod edit -json',
      'go mod edit -fmt nonexistent.mod',
      'go mod frob',
      'go clean -modcache',
      'go mod verify',
    ]);
    // go mod download touches only the storage
    const all = [...first, ...rest];
    for (const r of all) expect({ line: r.line, ...r.page }).toEqual({ line: r.line, ...r.cli });
    expect(all.filter((r) => r.cli.exitCode === 0).length).toBeGreaterThan(8);
    expect(await fileText(page, 'go.mod')).toBe(cli.file('go.mod'));
    expect(await fileText(page, 'go.sum')).toBe(cli.file('go.sum'));
    expect(errors).toEqual([]);
    console.log(`demo: ${all.length} command lines compared with the CLI, all identical`);
  });

  it('pasted txtar universe: tidy, list, graph and download -json equal the CLI; download touches only the cache', async () => {
    const { page, errors } = await open('dark');
    await loadTxtar(page, smallUniverse);
    const cli = new CliSide(smallUniverse);
    const rs = await compare(page, cli, ['go mod download', 'go mod tidy', 'go list -m all', 'go mod graph', 'go mod download -json', 'go mod verify']);
    for (const r of rs) expect({ line: r.line, ...r.page }).toEqual({ line: r.line, ...r.cli });
    expect(await page.getByTestId('piece-gomod').getAttribute('data-state')).toBe('read');
    expect(await page.getByTestId('piece-gosum').getAttribute('data-state')).toBe('read');
    await pageRun(page, 'go mod download example.org/dep@v1.0.0');
    expect(await page.getByTestId('piece-cache').getAttribute('data-state')).toBe('written');
    expect(await fileText(page, 'go.mod')).toBe(cli.file('go.mod'));
    expect(await fileText(page, 'go.sum')).toBe(cli.file('go.sum'));
    await screenshot(page, 'dark-theme');
    expect(errors).toEqual([]);
  });

  it('paste go.mod: edits show go.mod errors at the line:col real go reports; unimplemented commands say so; go env -w sets settings', async () => {
    const { page, errors } = await open();
    await page.getByRole('button', { name: 'Paste go.mod…' }).click();
    await page.getByLabel('paste go.mod').fill('module example.com/m\n\ngo 1.23\n');
    await page.getByLabel('paste main.go').fill('package main\n\nfunc main() {}\n');
    await page.getByRole('button', { name: 'Load pasted files' }).click();
    await page.getByTestId('gomod-ok').waitFor();
    for (const bad of ['module example.com/m\n\nfoo bar\n', 'module "x\n', 'module example.com/m\ngo 1.23\nrequire (\n\texample.com/a v1.0.0\n', 'module example.com/m\n\ngo 1.2.3.4\n']) {
      const real = goModEdit(bad, ['-fmt']);
      expect(real.exitCode).toBe(1);
      const want = real.stderr.split('\n').filter((l) => /go\.mod:\d+/.test(l)).map((l) => l.replace(/\/[^ ]*\/go\.mod:/g, 'go.mod:'));
      await page.getByLabel('contents of go.mod').fill(bad);
      await expect.poll(async () => (await page.getByTestId('gomod-errors').locator('li').allTextContents())).toEqual(want);
    }
    await screenshot(page, 'gomod-error');
    await page.getByLabel('contents of go.mod').fill('module example.com/m\n\ngo 1.23\n');
    await page.getByTestId('gomod-ok').waitFor();
    const build = await pageRun(page, 'go build ./...');
    // go's module checks pass for this module; modscope then says plainly that it does not compile
    expect(build.stderr).toBe(passedText);
    expect(build.exitCode).toBe(0);
    await pageRun(page, 'go env -w GOFLAGS=-mod=mod GOPRIVATE=example.com/private');
    expect((await pageRun(page, 'go env GOFLAGS GOPRIVATE GONOPROXY')).stdout).toBe('-mod=mod\nexample.com/private\nexample.com/private\n');
    await page.getByRole('tab', { name: 'Settings (go env)' }).click();
    expect(await page.getByLabel('GOFLAGS', { exact: true }).inputValue()).toBe('-mod=mod');
    // keyboard: history and completion
    await page.getByRole('tab', { name: 'Terminal' }).click();
    const input = page.getByLabel('go command');
    await input.fill('go mod ver');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('go mod verify ');
    await input.fill('');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('go env GOFLAGS GOPRIVATE GONOPROXY');
    expect(errors).toEqual([]);
  });

  it('workspaces persist across reload; rename, delete, export; a share link round-trips', async () => {
    const { page, errors, ctx } = await open();
    await loadTxtar(page, smallUniverse);
    await page.getByLabel('contents of go.mod').fill('module example.org/hello\n\ngo 1.22\n// edited\n');
    await page.getByLabel('workspace name').fill('renamed <b>ws</b>');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.waitForTimeout(500); // debounced save
    await page.reload();
    await page.waitForSelector('[data-ready=yes]');
    expect(await page.getByLabel('contents of go.mod').inputValue()).toBe('module example.org/hello\n\ngo 1.22\n// edited\n');
    await expect.poll(() => page.getByLabel('workspace').locator('option:checked').textContent()).toBe('renamed <b>ws</b> (2 files)');
    const dl = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export txtar' }).click();
    const txt = readFileSync(await (await dl).path(), 'utf8');
    expect(txt).toContain('-- go.mod --\nmodule example.org/hello\n\ngo 1.22\n// edited\n-- hello.go --');
    const dz = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export zip' }).click();
    const z = unzipSync(readFileSync(await (await dz).path()));
    expect(Object.keys(z).sort()).toEqual(['go.mod', 'hello.go']);
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByLabel('share link').inputValue();
    expect(link).toMatch(/#w=[A-Za-z0-9_-]+$/);
    const other = await ctx.browser()!.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(other);
    const p2 = await other.newPage();
    const e2 = watchErrors(p2);
    await p2.goto(link);
    await p2.waitForSelector('[data-ready=yes]');
    expect(await p2.getByLabel('contents of go.mod').inputValue()).toBe('module example.org/hello\n\ngo 1.22\n// edited\n');
    expect(await fileText(p2, 'hello.go')).toBe('package hello\n\nimport "example.org/lib"\n\nvar X = lib.Name\n');
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByLabel('workspace').locator('option').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(e2).toEqual([]);
  });

  it('loads an uploaded zip, a picked folder and a dropped folder', async () => {
    const { page, errors } = await open();
    const files = { 'repo-main/go.mod': new TextEncoder().encode('module example.com/zipped\n\ngo 1.22\n'), 'repo-main/a.go': new TextEncoder().encode('package a\n') };
    const dir = mkdtempSync(join(tmpdir(), 'modscope-upload-'));
    writeFileSync(join(dir, 'repo.zip'), zipSync(files));
    await page.getByLabel('upload zip').setInputFiles(join(dir, 'repo.zip'));
    await page.getByTestId('notice').getByText('workspace "repo-main"').waitFor();
    expect(await page.getByLabel('contents of go.mod').inputValue()).toBe('module example.com/zipped\n\ngo 1.22\n');
    const folder = join(dir, 'myrepo');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'go.mod'), 'module example.com/folder\n\ngo 1.22\n');
    writeFileSync(join(folder, 'sub', 'b.go'), 'package sub\n');
    await page.getByLabel('open folder').setInputFiles(folder);
    await page.getByTestId('notice').getByText('workspace "myrepo"').waitFor();
    expect(await fileText(page, 'sub/b.go')).toBe('package sub\n');
    // drag and drop: a DataTransfer with files (no directory entries in synthetic drops)
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(['module example.com/dropped\n'], 'go.mod'));
      return d;
    });
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
    await page.getByTestId('notice').getByText('workspace "uploaded"').waitFor();
    expect(await page.getByLabel('contents of go.mod').inputValue()).toBe('module example.com/dropped\n');
    expect(errors).toEqual([]);
  });

  it('cache view: modules in Go layout with h1, verify, export accepted by real go as a file:// proxy, clean', async () => {
    const { page, errors } = await open();
    await page.getByRole('button', { name: 'Bundled demo' }).click();
    await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
    expect((await pageRun(page, 'go mod tidy')).exitCode).toBe(0);
    expect((await pageRun(page, 'go mod download')).exitCode).toBe(0);
    await page.getByRole('tab', { name: 'Module cache' }).click();
    await expect.poll(() => page.getByTestId('cache-summary').textContent()).toMatch(/^\d+ module versions/);
    const rows = page.getByTestId('cache-table').locator('tbody tr');
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.startsWith('example.com/color/v2v2.0.1'))).toBe(true);
    // the h1 shown is the one go.sum records
    const gosum = await fileText(page, 'go.sum');
    const row = rows.filter({ hasText: 'example.com/greetv1.1.0' });
    const h1 = await row.locator('td.hash').textContent();
    expect(gosum).toContain(`example.com/greet v1.1.0 ${h1}\n`);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByTestId('verify-cell').allTextContents()).toEqual(texts.map((t) => (t.includes('.zip') ? 'ok' : 'go.mod only')));
    await screenshot(page, 'cache-view');
    const dl = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export cache/download (.zip)' }).click();
    const zip = unzipSync(readFileSync(await (await dl).path()));
    const out = mkdtempSync(join(tmpdir(), 'modscope-cachezip-'));
    for (const [name, data] of Object.entries(zip)) {
      mkdirSync(join(out, name, '..'), { recursive: true });
      writeFileSync(join(out, name), data);
    }
    // real go downloads the demo's modules from the exported folder as GOPROXY=file://
    const cli = new CliSide(demo);
    writeFileSync(join(cli.repo, 'go.mod'), await fileText(page, 'go.mod'));
    writeFileSync(join(cli.repo, 'go.sum'), await fileText(page, 'go.sum'));
    const r = spawnSync(GO, ['mod', 'download', 'all'], { cwd: cli.repo, env: goEnv({ GOPROXY: `file://${out}/cache/download`, GOFLAGS: '-mod=mod' }), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    await page.getByRole('tab', { name: 'Module cache' }).click();
    await page.getByRole('button', { name: 'Clean (go clean -modcache)' }).click();
    await expect.poll(() => page.getByTestId('cache-summary').textContent()).toMatch(/^0 module versions/);
    expect(errors).toEqual([]);
  });

  it('a long download shows progress and is cancelled; a crashed worker is restarted and says why', async () => {
    // A proxy that answers slowly (CORS open so the worker may call it).
    let hits = 0;
    const slow: Server = createServer((req, res) => {
      hits++;
      setTimeout(() => {
        res.writeHead(404, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
        res.end('not found\n');
      }, 20_000).unref();
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as { port: number }).port;
    try {
      const { page, errors } = await open();
      await loadTxtar(page, smallUniverse);
      await pageRun(page, `go env -w GOPROXY=http://127.0.0.1:${port}/mod`);
      await page.getByLabel('go command').fill('go mod download');
      await page.getByLabel('go command').press('Enter');
      await page.getByTestId('progress').waitFor();
      await expect.poll(() => hits).toBeGreaterThan(0);
      await screenshot(page, 'progress');
      const n = await page.getByTestId('term-entry').count();
      await page.getByTestId('progress').getByRole('button', { name: 'Cancel' }).click();
      const e = page.getByTestId('term-entry').nth(n);
      await e.waitFor({ timeout: 5000 });
      expect(await e.locator('.note').textContent()).toBe('canceled');
      expect(await e.getAttribute('data-exit')).not.toBe('0');
      await page.getByTestId('progress').waitFor({ state: 'detached' });

      // A command that never reads the cancel request (its thread never yields) is stopped by
      // restarting the worker; the workspace survives.
      const restartsBefore = await page.evaluate(() => (window as unknown as { modscope: { restarts(): number } }).modscope.restarts());
      const goModBefore = await fileText(page, 'go.mod');
      const m = await page.getByTestId('term-entry').count();
      await page.getByLabel('go command').fill('go mod download');
      await page.getByLabel('go command').press('Enter');
      await page.getByTestId('progress').waitFor();
      await page.evaluate(() => (window as unknown as { modscope: { stallWorker(ms: number): void } }).modscope.stallWorker(60_000));
      await page.getByTestId('progress').getByRole('button', { name: 'Cancel' }).click();
      const stalled = page.getByTestId('term-entry').nth(m);
      await stalled.waitFor({ timeout: 10_000 });
      expect(await stalled.textContent()).toContain('the modscope worker stopped (the canceled command did not stop); it was restarted');
      expect(await page.evaluate(() => (window as unknown as { modscope: { restarts(): number } }).modscope.restarts())).toBe(restartsBefore + 1);
      expect(await fileText(page, 'go.mod')).toBe(goModBefore);
      await page.getByTestId('progress').waitFor({ state: 'detached' });

      await page.evaluate(() => (window as unknown as { modscope: { crashWorker(m: string): void } }).modscope.crashWorker('test crash'));
      await page.getByTestId('notice').getByText(/The worker stopped \(.*test crash.*\) and was restarted/).waitFor();
      await pageRun(page, `go env -w GOPROXY=file:///modscope/proxy`);
      const r = await pageRun(page, 'go mod tidy');
      expect(r.exitCode).toBe(0);
      expect(await fileText(page, 'go.sum')).toContain('example.org/dep v1.1.0 h1:');
      expect(errors.filter((x) => !x.includes('test crash') && !x.includes('did not stop'))).toEqual([]);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});
