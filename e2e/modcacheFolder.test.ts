// "Use my module cache folder" in Chromium: real go fills a module cache (GOPROXY=file:// of a
// small generated proxy, go mod download of more modules than the workspace needs); the page is
// given its cache/download folder through the Settings folder input; `go mod tidy` in the page's
// terminal with GOPROXY=file:///modscope/modcache-download writes the go.sum real go writes with
// GOPROXY=file://<that folder>, and only files of the modules tidy needs were read.
// The same through Chromium's folder picker: playwright cannot drive the native picker, so the
// test replaces window.showDirectoryPicker (and a drop's getAsFileSystemHandle) with one returning
// an origin-private (OPFS) directory the test fills with that module cache's files; the handle is
// kept in IndexedDB, survives a reload (with a "Reconnect folder" step when the browser asks for
// permission again) and serves go mod tidy again offline.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, openApp, screenshot, startApp } from './browser';
import { pageRun } from './shell';
import { removeAll, synthProxyDir } from '../src/cli/fetchTestHarness';
import { mainGo, synthMods } from '../src/core/commands/modtestfixtures';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';

let root: string;
let download: string;
let wantSum: string;
let browser: Browser;
let server: ViteDevServer;
let url: string;
const gomod = 'module example.org/m\n\ngo 1.22\n';
const maingo = mainGo(['ex.com/a']);

function go(cwd: string, env: Record<string, string>, args: string[]): void {
  const r = spawnSync(GO as string, args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go ${args.join(' ')}: ${r.stderr}`);
}

function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel)).flatMap((n) => (statSync(join(dir, rel, n)).isDirectory() ? walk(dir, join(rel, n)) : [join(rel, n)]));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'modscope-modcache-folder-'));
  const proxy = join(root, 'proxy');
  synthProxyDir(proxy, synthMods);
  // the user's module cache: the workspace's modules and some it does not need
  const cache = join(root, 'gomodcache');
  const env = goEnv({ GOPROXY: 'file://' + proxy, GOMODCACHE: cache, GOFLAGS: '-modcacherw', GOSUMDB: 'off' }) as Record<string, string>;
  const fill = join(root, 'fill');
  mkdirSync(fill);
  writeFileSync(join(fill, 'go.mod'), gomod);
  writeFileSync(join(fill, 'main.go'), maingo);
  go(fill, env, ['mod', 'tidy']);
  go(fill, env, ['mod', 'download', 'ex.com/unused@v1.0.0', 'ex.com/t@v1.0.0', 'ex.com/amb@v1.0.0']);
  download = join(cache, 'cache', 'download');
  // the reference: real go with that folder as its GOPROXY, from an empty cache
  const ref = join(root, 'ref');
  mkdirSync(ref);
  writeFileSync(join(ref, 'go.mod'), gomod);
  writeFileSync(join(ref, 'main.go'), maingo);
  go(ref, { ...env, GOPROXY: 'file://' + download, GOMODCACHE: join(root, 'refcache') }, ['mod', 'tidy']);
  wantSum = readFileSync(join(ref, 'go.sum'), 'utf8');
  ({ server, url } = await startApp());
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) removeAll(root);
});

describe('use my module cache folder', () => {
  it('go mod tidy through an uploaded cache/download folder = real go; only the needed files are read', async () => {
    const { page, errors } = await openApp(browser, url);
    await page.getByRole('button', { name: 'Paste txtar…' }).click();
    await page.getByLabel('paste txtar').fill(`-- go.mod --\n${gomod}-- main.go --\n${maingo}`);
    await page.getByRole('button', { name: 'Load txtar' }).click();
    await page.getByTestId('notice').getByText('loaded 2 files').waitFor();

    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('module cache folder').setInputFiles(download);
    const all = walk(download);
    await page.getByTestId('uploaded-cache').getByText(`${all.length} files mounted`).waitFor();
    await screenshot(page, 'modcache-folder');
    // nothing has been read yet
    const reads0 = await page.evaluate(() => (window as unknown as { modscope: { uploadedCacheReads(): Promise<string[]> } }).modscope.uploadedCacheReads());
    expect(reads0).toEqual([]);

    await page.getByRole('tab', { name: 'Terminal' }).click();
    expect((await pageRun(page, 'go env -w GOPROXY=file:///modscope/modcache-download GOSUMDB=off')).exitCode).toBe(0);
    const tidy = await pageRun(page, 'go mod tidy', 60_000);
    expect(tidy.exitCode).toBe(0);
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name: 'go.sum', exact: true }).click();
    expect(await page.getByLabel('contents of go.sum').inputValue()).toBe(wantSum);

    const reads = await page.evaluate(() => (window as unknown as { modscope: { uploadedCacheReads(): Promise<string[]> } }).modscope.uploadedCacheReads());
    const needed = new Set(wantSum.split('\n').filter((l) => l !== '').map((l) => l.split(' ')[0]!));
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(needed.has(r.split('/@v/')[0]!), r).toBe(true);
    for (const unused of ['ex.com/unused/', 'ex.com/t/', 'ex.com/amb/']) expect(reads.some((r) => r.startsWith(unused))).toBe(false);
    expect(new Set(reads).size).toBeLessThan(all.length);
    expect(errors).toEqual([]);
    console.log(`module cache folder: ${all.length} files picked, ${new Set(reads).size} read (${[...new Set(reads)].join(' ')}); go.sum = real go's (${wantSum.split('\n').length - 1} lines)`);
    await page.close();
  }, 180_000);

  it('folder picker (a directory handle in OPFS): read along the asked paths only, kept across a reload, reconnected, offline', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // the test shim: the picker answers with OPFS's "download" directory; after a reload marked
    // by the test, the browser "asks again" for read permission until requestPermission is called
    await ctx.addInitScript(() => {
      const w = window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> };
      w.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('download');
      if (sessionStorage.getItem('shim-prompt') === '1') {
        let granted = false;
        const proto = FileSystemHandle.prototype as unknown as Record<string, unknown>;
        proto.queryPermission = async () => (granted ? 'granted' : 'prompt');
        proto.requestPermission = async () => {
          granted = true;
          return 'granted';
        };
      }
    });
    const { page, errors } = await openApp(ctx, url);
    // the user's module cache/download, copied into OPFS
    const all = walk(download);
    const files = all.map((rel) => [rel, readFileSync(join(download, rel)).toString('base64')] as const);
    await page.evaluate(async (fs) => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('download', { create: true });
      for (const [rel, b64] of fs) {
        const parts = rel.split('/');
        let d = root;
        for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, { create: true });
        const w = await (await d.getFileHandle(parts[parts.length - 1]!, { create: true })).createWritable();
        await w.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
        await w.close();
      }
    }, files);
    await page.getByRole('button', { name: 'Paste txtar…' }).click();
    await page.getByLabel('paste txtar').fill(`-- go.mod --\n${gomod}-- main.go --\n${maingo}`);
    await page.getByRole('button', { name: 'Load txtar' }).click();
    await page.getByTestId('notice').getByText('loaded 2 files').waitFor();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const status = page.getByTestId('uploaded-cache');

    // drag and drop of the folder: DataTransferItem.getAsFileSystemHandle gives its handle
    await page.evaluate(() => {
      (DataTransferItem.prototype as unknown as Record<string, unknown>).getAsFileSystemHandle = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('download');
    });
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File([''], 'download'));
      return d;
    });
    await page.getByTestId('cache-dropzone').dispatchEvent('drop', { dataTransfer: dt });
    await status.getByText('folder “download” mounted at file:///modscope/modcache-download').waitFor();
    await page.getByRole('button', { name: 'Forget folder' }).click();
    await status.waitFor({ state: 'detached' });

    // the picker
    await page.getByRole('button', { name: 'Choose module cache folder…' }).click();
    await status.getByText('folder “download” mounted at file:///modscope/modcache-download').waitFor();
    expect(await status.getAttribute('data-state')).toBe('mounted');
    expect(await reads(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Terminal' }).click();
    expect((await pageRun(page, 'go env -w GOPROXY=file:///modscope/modcache-download GOSUMDB=off')).exitCode).toBe(0);
    expect((await pageRun(page, 'go mod tidy', 60_000)).exitCode).toBe(0);
    expect(await fileText(page, 'go.sum')).toBe(wantSum);
    const first = await reads(page);
    checkReads(first, all.length);

    // reload: the folder setting is still there; the browser asks for permission again
    await page.evaluate(() => sessionStorage.setItem('shim-prompt', '1'));
    await page.reload();
    await page.waitForSelector('[data-ready=yes]');
    await page.getByTestId('notice').getByText('needs permission again').waitFor();
    await page.getByRole('tab', { name: 'Settings' }).click();
    expect(await status.getAttribute('data-state')).toBe('reconnect');
    await screenshot(page, 'modcache-folder-reconnect');
    await page.getByRole('button', { name: 'Reconnect folder' }).click();
    await status.getByText('folder “download” mounted').waitFor();

    // offline: an emptied module cache and go.sum are filled again from the folder alone (the
    // dev server's scripts, hash workers included, are loaded before the network goes away)
    await page.getByRole('tab', { name: 'Terminal' }).click();
    expect((await pageRun(page, 'go mod verify', 60_000)).stdout).toBe('all modules verified\n');
    await ctx.setOffline(true);
    expect((await pageRun(page, 'go env GOPROXY')).stdout).toBe('file:///modscope/modcache-download\n');
    expect((await pageRun(page, 'go clean -modcache')).exitCode).toBe(0);
    await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name: 'go.sum', exact: true }).click();
    await page.getByLabel('contents of go.sum').fill('');
    const again = await pageRun(page, 'go mod tidy', 60_000);
    expect(again.exitCode).toBe(0);
    expect(await fileText(page, 'go.sum')).toBe(wantSum);
    const second = await reads(page);
    checkReads(second, all.length);
    expect(errors).toEqual([]);
    console.log(`folder picker (OPFS handle): ${all.length} files in the folder; tidy read ${new Set(first).size}, after reload + reconnect, offline, ${new Set(second).size}; go.sum = real go's both times`);
    await ctx.close();
  }, 180_000);
});

async function reads(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { modscope: { uploadedCacheReads(): Promise<string[]> } }).modscope.uploadedCacheReads());
}

async function fileText(page: Page, name: string): Promise<string> {
  await page.getByRole('tab', { name: 'Files' }).click();
  await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name, exact: true }).click();
  return page.getByLabel(`contents of ${name}`).inputValue();
}

/** Only files of modules go.sum names were read, none of the unused ones, fewer than all. */
function checkReads(reads: string[], total: number) {
  const needed = new Set(wantSum.split('\n').filter((l) => l !== '').map((l) => l.split(' ')[0]!));
  expect(reads.length).toBeGreaterThan(0);
  for (const r of reads) expect(needed.has(r.split('/@v/')[0]!), r).toBe(true);
  for (const unused of ['ex.com/unused/', 'ex.com/t/', 'ex.com/amb/']) expect(reads.some((r) => r.startsWith(unused))).toBe(false);
  expect(new Set(reads).size).toBeLessThan(total);
}
