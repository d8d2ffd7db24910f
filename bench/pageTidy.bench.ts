// `go mod tidy` in the page (production build, Debian Chromium) against real go, on the generated
// universes of bench/scaleUniverse.ts (BENCH_SIZES, default 300; their modules' Go files and
// go.mod only, as an uploaded .txtar universe): the first tidy (the module cache empty: every
// module downloaded from the in-page file:// proxy into IndexedDB) and tidy again (the cache
// warm, the worker running), timed in the page from the Enter key to the terminal's answer;
// go's first `go mod tidy` (downloading from a file:// proxy) and its warm runs, whole processes,
// in the same run. Medians of BENCH_RUNS (default 5) of each "again" figure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchChromium, ROOT } from '../e2e/browser';
import { cspPlugin } from '../src/ui/cspPlugin';
import { formatUniverse } from '../src/worker/universe';
import type { Universe } from '../scripts/universe/generator';
import { writeMainModule, writeProxyDir } from '../scripts/universe/proxyDir';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../scripts/gotool.mjs';
import { scaledUniverse } from './scaleUniverse';
import { median, ms, ratio } from './stats';

const SIZES = (process.env.BENCH_SIZES ?? '300').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The universe with its modules' Go files and go.mod only (what tidy reads). */
function sourcesOnly(u: Universe): Universe {
  const keep = (n: string) => n === 'go.mod' || n.endsWith('.go');
  return { ...u, modules: u.modules.map((m) => ({ ...m, versions: m.versions.map((v) => ({ ...v, files: v.files.filter((f) => keep(f.name)) })) })) };
}

function txtarOf(u: Universe): string {
  const files: Record<string, string> = {};
  for (const f of u.main) files[f.name] = f.data;
  for (const m of u.modules) for (const v of m.versions) for (const f of v.files) files[`.proxy/${m.path}@${v.version}/${f.name}`] = f.data;
  return formatUniverse(`benchmark universe of ${u.modules.length} modules`, files);
}

/** Runs one line in the page's terminal: milliseconds from the Enter key to its answer in the DOM. */
async function timedRun(page: Page, line: string): Promise<{ ms: number; exitCode: number; stderr: string }> {
  const entries = page.getByTestId('term-entry');
  const n = await entries.count();
  const input = page.getByLabel('go command');
  await input.fill(line);
  await page.evaluate((count) => {
    const w = window as unknown as { benchT0: number; benchT1?: number };
    w.benchT1 = undefined;
    const seen = () => document.querySelectorAll('[data-testid=term-entry]').length > count;
    const obs = new MutationObserver(() => {
      if (w.benchT1 === undefined && seen()) {
        w.benchT1 = performance.now();
        obs.disconnect();
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    w.benchT0 = performance.now();
  }, n);
  await input.press('Enter');
  const e = entries.nth(n);
  await e.waitFor({ timeout: 600_000 });
  const took = await page.evaluate(() => {
    const w = window as unknown as { benchT0: number; benchT1: number };
    return w.benchT1 - w.benchT0;
  });
  const stderr = (await e.locator('pre.stderr').count()) ? ((await e.locator('pre.stderr').textContent()) ?? '') : '';
  return { ms: took, exitCode: Number(await e.getAttribute('data-exit')), stderr };
}

/** Real go's `go mod tidy` in dir: wall milliseconds of the whole process. */
function goTidy(dir: string, env: Record<string, string>): number {
  const t0 = performance.now();
  const r = spawnSync(GO, ['mod', 'tidy'], { cwd: dir, env: goEnv(env), encoding: 'utf8' });
  const took = performance.now() - t0;
  if (r.status !== 0) throw new Error(`go mod tidy failed in ${dir}:\n${r.stderr}`);
  return took;
}

export default async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'modscope-page-tidy-'));
  const config = { root: ROOT, configFile: false as const, logLevel: 'error' as const, plugins: [react(), cspPlugin()], worker: { format: 'es' as const } };
  await build({ ...config, build: { outDir, emptyOutDir: true } });
  const server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const addr = server.httpServer.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  const browser = await launchChromium();
  console.log(`go mod tidy in the page (Chromium worker, IndexedDB module cache) vs real go; medians of ${RUNS}, wall ms`);
  console.log('size  | first tidy: go |      page | tidy again: go |      page | ratio');
  try {
    for (const n of SIZES) {
      const u = sourcesOnly(scaledUniverse(n));
      // real go: a file:// proxy and the main module, a fresh module cache
      const tmp = mkdtempSync(join(tmpdir(), 'modscope-page-tidy-go-'));
      const env = { GOPROXY: `file://${join(tmp, 'proxy')}`, GOMODCACHE: join(tmp, 'modcache'), GOCACHE: join(tmp, 'gocache'), GOFLAGS: '-modcacherw' };
      writeProxyDir(u, join(tmp, 'proxy'));
      writeMainModule(u, join(tmp, 'main'), '');
      const goFirst = goTidy(join(tmp, 'main'), env);
      const goAgain = Array.from({ length: RUNS }, () => goTidy(join(tmp, 'main'), env));
      rmSync(tmp, { recursive: true, force: true });
      // the page: a fresh browser context (empty IndexedDB), the universe uploaded as a .txtar
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(url);
      await page.getByLabel('upload zip').setInputFiles({ name: 'universe.txtar', mimeType: 'text/plain', buffer: Buffer.from(txtarOf(u)) });
      await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor({ timeout: 120_000 });
      const first = await timedRun(page, 'go mod tidy');
      if (first.exitCode !== 0) throw new Error(`page: go mod tidy failed:\n${first.stderr}`);
      const again: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await timedRun(page, 'go mod tidy');
        if (r.exitCode !== 0 || r.stderr !== '') throw new Error(`page: go mod tidy again: exit ${r.exitCode}\n${r.stderr}`);
        again.push(r.ms);
      }
      await ctx.close();
      const cell = (x: number) => ms(x).padStart(9);
      console.log(`${String(n).padEnd(5)} | ${cell(goFirst).padStart(14)} | ${cell(first.ms)} | ${cell(median(goAgain)).padStart(14)} | ${cell(median(again))} | ${ratio(median(again), median(goAgain))}`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
    rmSync(outDir, { recursive: true, force: true });
  }
}
