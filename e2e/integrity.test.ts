// The page's module cache (IndexedDB, src/io/idbCache.ts) under an interrupted write: the
// worker's IndexedDB fails with QuotaExceededError while a download writes the cache; the
// command reports it, and no half-written entry is used as if whole — the next command
// downloads again and `go mod verify` finds every module intact.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { passedText } from '../src/core/commands/buildcheck';
import { launchChromium, startApp, watchErrors } from './browser';
import { CliSide, pageRun, ROOT } from './shell';
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

/**
 * Writes bytes (undefined: deletes) at a module-cache path in the page's IndexedDB cache, and says
 * so on the channel where writers of that cache announce changes (as another tab's worker does):
 * the worker remembers the cache files it has read (src/core/memoCache.ts).
 */
async function tamperInPage(page: Page, rel: string, data: Uint8Array | undefined) {
  const w = page.workers().find((x) => x.url().includes('worker'));
  if (!w) throw new Error('no worker');
  const ok = await w.evaluate(
    ([key, bytes]) =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('modscope-gomodcache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('files', 'readwrite');
          const s = tx.objectStore('files');
          const had = s.get(key);
          had.onsuccess = () => {
            if (bytes === null) s.delete(key);
            else s.put(new Uint8Array(bytes), key);
          };
          tx.oncomplete = () => {
            db.close();
            new BroadcastChannel('modscope-gomodcache').postMessage('changed');
            resolve(had.result !== undefined);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [rel, data === undefined ? null : [...data]] as [string, number[] | null],
  );
  if (!ok) throw new Error(`${rel} is not in the page's module cache`);
}

/** The same change in real go's on-disk cache (its files and directories are read-only). */
function tamperOnDisk(modcache: string, rel: string, data: Uint8Array) {
  const p = join(modcache, rel);
  if (!existsSync(p)) throw new Error(`${rel} is not in go's module cache`);
  chmodSync(dirname(p), 0o755);
  chmodSync(p, 0o644);
  writeFileSync(p, data);
}

const firstLine = (s: string) => s.split('\n').find((l) => l.trim() !== '') ?? '';

it('tampering in the IndexedDB cache, one case per file kind: verdict and first error line equal real go on the same tampered disk cache', async () => {
  const cli = new CliSide(universe);
  const enc = new TextEncoder();
  const lib = 'cache/download/example.org/lib/@v/v1.0.0';
  const disk = (rel: string) => new Uint8Array(readFileSync(join(cli.modcache, rel)));
  const append = (rel: string, text: string) => () => new Uint8Array([...disk(rel), ...enc.encode(text)]);
  const kinds: { kind: string; rel: string; bytes: () => Uint8Array }[] = [
    { kind: '.mod', rel: lib + '.mod', bytes: append(lib + '.mod', '\n// tampered\n') },
    {
      kind: '.zip',
      rel: lib + '.zip',
      bytes: () => {
        const z = unzipSync(disk(lib + '.zip'));
        const name = 'example.org/lib@v1.0.0/lib.go';
        z[name] = new Uint8Array([...z[name]!, ...enc.encode('// tampered\n')]);
        return zipSync(z, { level: 0, mtime: new Date('2024-01-01T00:00:00Z') });
      },
    },
    { kind: '.ziphash', rel: lib + '.ziphash', bytes: () => enc.encode('h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n') },
    { kind: '.info', rel: lib + '.info', bytes: () => enc.encode('{"Version":"v1.0.0","Time":"2001-02-03T04:05:06Z"}\n') },
    { kind: '.info garbage', rel: lib + '.info', bytes: () => enc.encode('not json\n') },
    { kind: 'extracted file', rel: 'example.org/lib@v1.0.0/lib.go', bytes: append('example.org/lib@v1.0.0/lib.go', '// tampered\n') },
  ];
  const commands = ['go mod download', 'go mod download -json example.org/lib@v1.0.0', 'go build ./...', 'go mod verify'];
  const realGo = (line: string, extra: Record<string, string> = {}) => {
    const r = spawnSync(GO, line.split(' ').slice(1), { cwd: cli.repo, env: goEnv({ GOMODCACHE: cli.modcache, GOPROXY: `file://${cli.proxy}`, GOFLAGS: '-mod=mod', ...extra }), encoding: 'utf8' });
    return { stdout: cli.norm(r.stdout), stderr: cli.norm(r.stderr), exitCode: r.status ?? -1 };
  };
  const cleanDisk = () => {
    const r = realGo('go clean -modcache');
    expect(r.stderr).toBe('');
  };

  const page = await browser.newPage();
  const errors = watchErrors(page);
  // Generous: under a loaded machine the worker's first command also waits for Vite's transforms.
  const run = (line: string) => pageRun(page, line, 90_000);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  await page.getByRole('button', { name: 'Paste txtar…' }).click();
  await page.getByLabel('paste txtar').fill(universe);
  await page.getByRole('button', { name: 'Load txtar' }).click();
  await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor({ timeout: 90_000 });
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  await run('go env -w GOSUMDB=off GOFLAGS=-mod=mod');
  // go.sum from the first download, on both sides (the page's must equal go's).
  await run('go clean -modcache');
  expect((await run('go mod download')).exitCode).toBe(0);
  expect(realGo('go mod download').exitCode).toBe(0);
  await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name: 'go.sum', exact: true }).click();
  expect(await page.getByLabel('contents of go.sum').inputValue()).toBe(cli.file('go.sum'));
  await page.getByRole('tab', { name: 'Terminal' }).click();

  const table: string[] = [];
  let same = 0;
  let total = 0;
  for (const k of kinds) {
    // A fresh, whole cache on both sides (extracted tree included: go build extracts it).
    await run('go env -w GOPROXY=file:///modscope/proxy');
    await run('go clean -modcache');
    cleanDisk();
    for (const line of ['go mod download', 'go build ./...']) {
      expect((await run(line)).exitCode).toBe(0);
      expect(realGo(line).exitCode).toBe(0);
    }
    const bytes = k.bytes();
    tamperOnDisk(cli.modcache, k.rel, bytes);
    await tamperInPage(page, k.rel, bytes);
    await run('go env -w GOPROXY=off');
    for (const line of commands) {
      const p = await run(line);
      const g = realGo(line, { GOPROXY: 'off' });
      const ours = { ok: p.exitCode === 0, first: firstLine(p.stderr.replace(passedText, '')) };
      const go = { ok: g.exitCode === 0, first: firstLine(g.stderr) };
      total++;
      if (ours.ok === go.ok && ours.first === go.first && (!line.includes('-json') || p.stdout === g.stdout)) same++;
      table.push(`${k.kind.padEnd(15)}${line.padEnd(46)}go: ${go.ok ? 'ok ' : 'ERR'} ${go.first}`);
      expect({ kind: k.kind, line, ...ours }).toEqual({ kind: k.kind, line, ...go });
      // -json: the whole stdout (paths normalised) too
      if (line.includes('-json')) expect({ kind: k.kind, line, stdout: p.stdout }).toEqual({ kind: k.kind, line, stdout: g.stdout });
    }
  }
  console.log(`cache tampering vs real go: ${same}/${total} (kind × command) identical verdict and first error line (and -json stdout)\n${table.join('\n')}`);
  expect(errors).toEqual([]);
  await page.close();
});
