import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, screenshot, startApp, watchErrors } from './browser';
import { goModEdit } from '../scripts/realgo';

describe('app in Chromium', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let url: string;

  beforeAll(async () => {
    ({ server, url } = await startApp());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('formats a pasted go.mod as go mod edit -fmt and shows parse errors at their position', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(url);
    const good = 'module example.com/m\n\ngo 1.23\n\nrequire (\n\texample.com/a v1.0.0\n)\n';
    const goodGo = goModEdit(good, ['-fmt']);
    expect(goodGo.exitCode).toBe(0);
    await page.getByLabel('go.mod').fill(good);
    await expect.poll(() => page.getByTestId('formatted').textContent()).toBe(goodGo.gomod);
    await screenshot(page, 'placeholder');
    const bad = 'module example.com/m\n\nfoo bar\n';
    const badGo = goModEdit(bad, ['-fmt']);
    expect(badGo.exitCode).toBe(1);
    await page.getByLabel('go.mod').fill(bad);
    // go prints "go: errors parsing go.mod:\n<file>:LINE:COL: msg"; the page shows the positioned line
    const goLine = badGo.stderr.split('\n')[1]!.replace(/^.*go\.mod:/, 'go.mod:');
    await expect.poll(() => page.getByTestId('error').textContent()).toBe(goLine);
    expect(errors).toEqual([]);
    await page.close();
  });
});
