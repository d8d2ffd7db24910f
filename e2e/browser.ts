// Browser-test harness: Debian's Chromium (/usr/bin/chromium) driven by playwright-core, and the
// app served by Vite on a free loopback port. A missing Chromium is a loud failure.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const CHROMIUM = process.env.MODSCOPE_CHROMIUM ?? '/usr/bin/chromium';
/** The repository root (this file may be bundled elsewhere, e.g. by bench/run.mjs). */
export const ROOT = (() => {
  let d = import.meta.dirname;
  while (!existsSync(join(d, 'index.html')) || !existsSync(join(d, 'e2e'))) {
    if (dirname(d) === d) return process.cwd();
    d = dirname(d);
  }
  return d;
})();
export const SCREENSHOTS = join(ROOT, '.test-out', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it: apt-get install -y chromium (or run: bash scripts/ensure-tools.sh as root)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Starts the app's Vite dev server. opts.goproxy sets the relay's upstream (the plugin in
 * vite.config.ts reads process.env.GOPROXY when the server starts), e.g. a file:// proxy dir.
 */
export async function startApp(opts: { goproxy?: string } = {}): Promise<{ server: ViteDevServer; url: string }> {
  const saved = process.env.GOPROXY;
  if (opts.goproxy !== undefined) process.env.GOPROXY = opts.goproxy;
  let server: ViteDevServer;
  try {
    server = await createServer({
      root: ROOT,
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
  } finally {
    if (opts.goproxy !== undefined) {
      if (saved === undefined) delete process.env.GOPROXY;
      else process.env.GOPROXY = saved;
    }
  }
  const addr = server.httpServer?.address();
  if (!addr || typeof addr === 'string') throw new Error('vite: no address');
  return { server, url: `http://127.0.0.1:${addr.port}/` };
}

/** Collects console errors and page errors, which every browser test asserts are absent. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** A new page (1280×800 in a Browser) on the app, ready, with its console errors collected. */
export async function openApp(on: Browser | BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await on.newPage('newContext' in on ? { viewport: { width: 1280, height: 800 } } : undefined);
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('[data-ready=yes]');
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
