// src/io/workerHasher.ts in Chromium: batches hashed by 1–2 dedicated hash workers
// (src/worker/hashWorker.ts) give the same SHA-256 digests as webHasher (WebCrypto in the calling
// thread) and as node:crypto, on seeded random inputs (empty, tiny, odd sizes, multi-MiB).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { spawnSync } from 'node:child_process';
import { launchChromium, startApp, watchErrors } from './browser';
import { CliSide, pageRun } from './shell';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';

const SEED = 20261126;

/** Deterministic sizes and bytes (xorshift32), the same in Node and in the page. */
function inputs(seed: number, n: number): Uint8Array[] {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const r = next() % 100;
    const size = r < 5 ? 0 : r < 40 ? next() % 200 : r < 90 ? next() % 70_000 : 1_000_000 + (next() % 3_000_000);
    const d = new Uint8Array(size);
    for (let j = 0; j < size; j++) d[j] = next() & 0xff;
    out.push(d);
  }
  return out;
}

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

it('workerHasher digests equal webHasher and node:crypto on seeded random inputs; the work runs in the hash workers', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  const batches = [
    { seed: SEED, n: 40 },
    { seed: SEED + 1, n: 7 },
    { seed: SEED + 2, n: 1 },
    { seed: SEED + 3, n: 0 },
  ];
  // Written as text: vitest would rewrite a dynamic import() inside a function passed to evaluate.
  const script = `(async () => {
    const batches = ${JSON.stringify(batches)};
    const inputs = ${inputs.toString()};
    const { createWorkerHasher } = await import('/src/io/workerHasher.ts');
    const { webHasher } = await import('/src/io/webHasher.ts');
    const hex = (d) => Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
    const wh = createWorkerHasher({ minBatchBytes: 0 });
    const res = [];
    for (const b of batches) {
      const items = inputs(b.seed, b.n);
      const [w, x] = await Promise.all([wh.sha256Many(items), webHasher.sha256Many(items)]);
      const single = await Promise.all(items.slice(0, 3).map((d) => wh.sha256(d)));
      res.push({ worker: w.map(hex), web: x.map(hex), single: single.map(hex) });
    }
    const stats = wh.stats();
    wh.terminate();
    return { res, stats, cores: navigator.hardwareConcurrency };
  })()`;
  const r = (await page.evaluate(script)) as {
    res: { worker: string[]; web: string[]; single: string[] }[];
    stats: import('../src/io/workerHasher').WorkerHasherStats;
    cores: number;
  };
  let n = 0;
  for (const [k, b] of batches.entries()) {
    const want = inputs(b.seed, b.n).map((d) => createHash('sha256').update(d).digest('hex'));
    expect(r.res[k]!.worker).toEqual(want);
    expect(r.res[k]!.web).toEqual(want);
    expect(r.res[k]!.single).toEqual(want.slice(0, 3));
    n += want.length;
  }
  expect(r.stats.broken).toBeUndefined();
  expect(r.stats.workers).toBe(r.cores > 1 ? 2 : 1);
  expect(r.stats.workerBatches).toBeGreaterThan(0);
  console.log(
    `workerHasher (seed ${SEED}): ${n} inputs in ${batches.length} batches + ${r.res.reduce((a, x) => a + x.single.length, 0)} single digests, all equal webHasher and node:crypto; ` +
      `${r.stats.workers} hash workers (hardwareConcurrency ${r.cores}), ${r.stats.workerBatches} worker parts, ${r.stats.fallbackBatches} in-thread (empty batch)`,
  );
  expect(errors).toEqual([]);
  await page.close();
});

it('the core worker hashes a large module zip in the hash workers: go.sum equals real go\'s, verify passes, hash workers run', async () => {
  // A module with a ~600 KB file (over the 256 KiB in-thread threshold), generated here.
  const big = Array.from({ length: 12_000 }, (_, i) => `// line ${i} of a large generated file in example.org/big\n`).join('');
  const universe = `a module with a large file
-- go.mod --
module example.org/hello

go 1.22

require example.org/big v1.0.0
-- hello.go --
package hello

import _ "example.org/big"
-- .proxy/example.org/big@v1.0.0/go.mod --
module example.org/big

go 1.22
-- .proxy/example.org/big@v1.0.0/big.go --
package big
${big}`;
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  await page.getByRole('button', { name: 'Paste txtar…' }).click();
  // Set at once (typing 600 KB through fill is slow), then the input event React listens to.
  await page.getByLabel('paste txtar').evaluate((el, v) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, universe);
  await page.getByRole('button', { name: 'Load txtar' }).click();
  await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor({ timeout: 60_000 });
  expect(await pageRun(page, 'go env -w GOSUMDB=off GOFLAGS=-mod=mod')).toMatchObject({ exitCode: 0 });
  const d = await pageRun(page, 'go mod download', 90_000);
  expect(d).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  const v = await pageRun(page, 'go mod verify', 90_000);
  expect(v).toEqual({ stdout: 'all modules verified\n', stderr: '', exitCode: 0 });
  // The h1 hashes the hash workers computed are the ones real go records in go.sum.
  const cli = new CliSide(universe);
  const g = spawnSync(GO, ['mod', 'download'], { cwd: cli.repo, env: goEnv({ GOMODCACHE: cli.modcache, GOPROXY: `file://${cli.proxy}`, GOFLAGS: '-mod=mod' }), encoding: 'utf8' });
  expect(g.status).toBe(0);
  await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name: 'go.sum', exact: true }).click();
  expect(await page.getByLabel('contents of go.sum').inputValue()).toBe(cli.file('go.sum'));
  spawnSync(GO, ['clean', '-modcache'], { env: goEnv({ GOMODCACHE: cli.modcache }) });
  const urls = page.workers().map((w) => w.url());
  console.log(`workers seen by the page: ${urls.map((u) => u.replace(url, '/')).join(', ')}`);
  expect(urls.some((u) => u.includes('hashWorker'))).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});
