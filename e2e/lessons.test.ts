// The Learn tab in Debian Chromium: every lesson run end to end, step by step. Each command's
// output in the page (modscope) must equal what the real Go 1.23 printed for the same command on
// the same files — recorded by scripts/confirm-lessons.mjs in src/ui/lessons/confirmed.json — and
// the page must quote exactly those recorded texts. Screenshots: .test-out/screenshots/lesson-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, screenshot, startApp, watchErrors } from './browser';
import { ROOT } from './shell';
import { confirmKey, lessons, sortDownloadRuns } from '../src/ui/lessons/lessons';

const confirmed = JSON.parse(readFileSync(join(ROOT, 'src/ui/lessons/confirmed.json'), 'utf8')) as {
  go: string;
  recorded: Record<string, { stdout?: string; stderr?: string; exitCode?: number; files?: string[] }>;
};

describe('Learn tab in Chromium', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ server } = await startApp().then((a) => ((url = a.url), a)));
    browser = await launchChromium();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await ctx.newPage();
    errors = watchErrors(page);
    await page.goto(url);
    await page.waitForSelector('[data-ready=yes]');
    await page.getByRole('tab', { name: 'Learn' }).click();
  });
  let url = '';
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('confirmed.json was recorded by Go 1.23 for every command step of every lesson', () => {
    expect(confirmed.go).toMatch(/^go version go1\.23\./);
    for (const l of lessons) {
      for (const [i, s] of l.steps.entries()) {
        if (s.kind === 'run' || s.kind === 'zipfiles') expect(confirmed.recorded[confirmKey(l.id, i)], `${l.id}/${i}`).toBeDefined();
      }
    }
  });

  const counts = { lessons: 0, steps: 0, commands: 0, identical: 0 };
  for (const lesson of lessons) {
    it(`lesson "${lesson.id}" end to end with go's texts`, async () => {
      await page.locator(`[data-lesson="${lesson.id}"]`).click();
      const root = page.locator(`[data-testid=lesson][data-id="${lesson.id}"]`);
      await root.and(page.locator('[data-steps="0"]')).waitFor();
      for (let i = 0; i < lesson.steps.length; i++) {
        await page.getByTestId('next-step').click();
        await root.and(page.locator(`[data-steps="${i + 1}"]`)).waitFor({ timeout: 30_000 });
      }
      await root.and(page.locator('[data-done=yes]')).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      // Every command: the quoted Go text is exactly the recorded one, and modscope's output matches it.
      const cmds = root.getByTestId('lesson-cmd');
      const n = await cmds.count();
      for (let j = 0; j < n; j++) {
        const c = cmds.nth(j);
        const key = (await c.getAttribute('data-key'))!;
        const rec = confirmed.recorded[key];
        expect(rec, key).toBeDefined();
        const quoted = c.getByTestId('go-recorded');
        const text = async (id: string) => ((await quoted.getByTestId(id).count()) ? await quoted.getByTestId(id).textContent() : '');
        expect({ key, stdout: await text('go-stdout'), stderr: await text('go-stderr') }).toEqual({ key, stdout: rec!.stdout, stderr: rec!.stderr });
        const ms = async (id: string) => ((await c.getByTestId(id).count()) ? await c.getByTestId(id).textContent() : '');
        const got = { key, stdout: await ms('ms-stdout'), stderr: await ms('ms-stderr'), exit: Number(await c.getAttribute('data-exit')) };
        // (parallel "go: downloading" lines compare in any order, as go prints them in any order)
        if ((await c.getAttribute('data-match')) !== 'yes') expect({ ...got, stderr: sortDownloadRuns(got.stderr ?? '') }).toEqual({ key, stdout: rec!.stdout, stderr: sortDownloadRuns(rec!.stderr ?? ''), exit: rec!.exitCode });
        expect(await c.getAttribute('data-match'), key).toBe('yes');
        counts.commands++;
        counts.identical++;
      }
      // Zip listings: modscope's cache and go's zip hold the same files.
      for (const [i, s] of lesson.steps.entries()) {
        if (s.kind !== 'zipfiles') continue;
        const want = confirmed.recorded[confirmKey(lesson.id, i)]!.files!.join('\n');
        expect(await root.getByTestId('go-zipfiles').textContent()).toBe(want);
        expect(await root.getByTestId('ms-zipfiles').textContent()).toBe(want);
      }
      // The lesson states the article's claims next to what Go 1.23 does.
      const claims = lesson.steps.filter((s) => 'article' in s && s.article).length;
      expect(await root.getByTestId('article-claim').count()).toBe(claims);
      await root.getByTestId('lesson-step').last().scrollIntoViewIfNeeded();
      await screenshot(page, `lesson-${lesson.id}`);
      counts.lessons++;
      counts.steps += lesson.steps.length;
      expect(errors).toEqual([]);
    });
  }

  it('counts', () => {
    console.log(`lessons: ${counts.lessons} lessons, ${counts.steps} steps, ${counts.commands} commands compared with Go 1.23's recorded output, ${counts.identical} identical`);
    expect(counts.lessons).toBe(lessons.length);
  });
});
