// The production build under its Content-Security-Policy (src/ui/cspPlugin.ts): the page, the
// module worker and the demo run with no CSP violation (they would be console errors).
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, watchErrors } from './browser';
import { pageRun, ROOT } from './shell';
import { cspPlugin } from '../src/ui/cspPlugin';

let server: PreviewServer;
let browser: Browser;
let outDir: string;
let url: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'modscope-build-'));
  const config = { root: ROOT, configFile: false as const, logLevel: 'error' as const, plugins: [react(), cspPlugin()], worker: { format: 'es' as const } };
  await build({ ...config, build: { outDir, emptyOutDir: true } });
  server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const addr = server.httpServer.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server?.httpServer.close(() => r()));
});

it('built page carries a strict CSP (no inline script, no eval) and runs the demo under it', async () => {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
  let bytes = 0;
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css|html)$/.test(f)) bytes += statSync(p).size;
    }
  };
  walk(outDir);
  console.log(`production bundle (js+css+html): ${(bytes / 1024).toFixed(1)} kB`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  await page.getByRole('button', { name: 'Bundled demo' }).click();
  await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
  const r = await pageRun(page, 'go mod tidy');
  expect(r.exitCode).toBe(0);
  await pageRun(page, 'go mod graph');
  await screenshot(page, 'built-demo');
  expect(errors).toEqual([]);
  await page.close();
});
