// The production page: bundle size (raw and gzip) of `vite build`, and time to first usable
// render of the bundled demo in Chromium — from navigation until the demo is loaded into the
// workspace and the worker has answered a go command. Median of 5 cold page loads.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { launchChromium, ROOT } from '../e2e/browser';
import { cspPlugin } from '../src/ui/cspPlugin';
import { median, ms } from './stats';

function sizes(dir: string): { raw: number; gz: number; files: number } {
  let raw = 0;
  let gz = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css|html)$/.test(f)) {
        const b = readFileSync(p);
        raw += b.length;
        gz += gzipSync(b).length;
        files++;
      }
    }
  };
  walk(dir);
  return { raw, gz, files };
}

export default async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'modscope-page-bench-'));
  const config = { root: ROOT, configFile: false as const, logLevel: 'error' as const, plugins: [react(), cspPlugin()], worker: { format: 'es' as const } };
  await build({ ...config, build: { outDir, emptyOutDir: true } });
  const s = sizes(outDir);
  console.log(`production bundle: ${(s.raw / 1024).toFixed(1)} KiB js+css+html in ${s.files} files, ${(s.gz / 1024).toFixed(1)} KiB gzipped (demo data in public/ not counted)`);
  const server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const addr = server.httpServer.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  const browser = await launchChromium();
  const shell: number[] = [];
  const usable: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      const t0 = Date.now();
      await page.goto(url);
      await page.getByRole('button', { name: 'Bundled demo' }).waitFor();
      shell.push(Date.now() - t0);
      await page.getByRole('button', { name: 'Bundled demo' }).click();
      await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
      const input = page.getByLabel('go command');
      await input.fill('go list -m all');
      await input.press('Enter');
      await page.getByText('example.com/greet v').first().waitFor();
      usable.push(Date.now() - t0);
      await ctx.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
    rmSync(outDir, { recursive: true, force: true });
  }
  console.log(`first render of the shell (median of 5): ${ms(median(shell))}`);
  console.log(`first usable demo (loaded + first go command answered by the worker): ${ms(median(usable))}`);
}
