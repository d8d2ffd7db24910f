// h1 hashing throughput (dirhash Hash1 over module zip contents) in Node (node:crypto) and in
// Chromium (WebCrypto, the page's hasher), against `openssl dgst -sha256` on the same module
// zips, in one run. Figures are MB/s of hashed bytes; medians of 5 rounds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hash1 } from '../src/core/dirhash';
import { createModuleZip, unzipModule } from '../src/core/modzip';
import { nodeHasher } from '../src/io/nodeHasher';
import { launchChromium, startApp } from '../e2e/browser';
import { rng } from './gomodCorpus';
import { median } from './stats';

const ZIPS = 8;
const ROUNDS = 5;

function makeZips(dir: string): { files: string[]; bytes: number } {
  const r = rng(99);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let z = 0; z < ZIPS; z++) {
    const mod = { path: `example.com/big${z}`, version: 'v1.0.0' };
    const entries = [];
    for (let f = 0; f < 200; f++) {
      const size = 1024 + Math.floor(r() * 80_000);
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i += 4) data[i] = Math.floor(r() * 256);
      entries.push({ name: `pkg${f % 20}/f${f}.go`, data });
      bytes += size;
    }
    const file = join(dir, `big${z}.zip`);
    writeFileSync(file, createModuleZip(mod, entries));
    files.push(file);
  }
  return { files, bytes };
}

export default async function main(): Promise<void> {
  const dir = join(process.cwd(), '.test-out', 'bench', 'hash');
  rmSync(dir, { recursive: true, force: true });
  const { files, bytes } = makeZips(dir);
  const zipBytes = files.reduce((a, f) => a + readFileSync(f).length, 0);
  const mb = (b: number, msec: number) => b / 1e6 / (msec / 1000);

  // openssl over the zip files, each listed REPEAT times so its start-up is amortised
  const REPEAT = Math.max(1, Math.ceil(300e6 / zipBytes));
  const ossl: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const r = spawnSync('openssl', ['dgst', '-sha256', ...Array.from({ length: REPEAT }, () => files).flat()]);
    if (r.status !== 0) throw new Error('openssl failed');
    ossl.push(mb(zipBytes * REPEAT, performance.now() - t0));
  }

  // Node: unzip once (not timed), then Hash1 of each module's files
  const mods = files.map((f, z) => {
    const mod = { path: `example.com/big${z}`, version: 'v1.0.0' };
    return unzipModule(mod, new Uint8Array(readFileSync(f))).map((e) => ({ name: `${mod.path}@${mod.version}/${e.name}`, data: e.data }));
  });
  const node: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    for (const m of mods) await hash1(m, nodeHasher);
    node.push(mb(bytes, performance.now() - t0));
  }

  // Chromium: the page's WebCrypto hasher on the same files
  const { server, url } = await startApp();
  const browser = await launchChromium();
  let chrome: number[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.route('**/__bench/**', (route) => route.fulfill({ body: readFileSync(join(dir, route.request().url().split('/').pop()!)) }));
    chrome = await page.evaluate(
      async ({ names, rounds }) => {
        const src = '/src/'; // modules the dev server serves to the page
        const { hash1 } = await import(src + 'core/dirhash.ts');
        const { webHasher } = await import(src + 'io/webHasher.ts');
        const { unzipModule } = await import(src + 'core/modzip.ts');
        const mods = [];
        let total = 0;
        for (let z = 0; z < names.length; z++) {
          const buf = new Uint8Array(await (await fetch(`/__bench/${names[z]}`)).arrayBuffer());
          const mod = { path: `example.com/big${z}`, version: 'v1.0.0' };
          const ents = unzipModule(mod, buf).map((e: { name: string; data: Uint8Array }) => ({ name: `${mod.path}@${mod.version}/${e.name}`, data: e.data }));
          total += ents.reduce((a: number, e: { data: Uint8Array }) => a + e.data.length, 0);
          mods.push(ents);
        }
        const rates: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const t0 = performance.now();
          for (const m of mods) await hash1(m, webHasher);
          rates.push(total / 1e6 / ((performance.now() - t0) / 1000));
        }
        return rates;
      },
      { names: files.map((f) => f.split('/').pop()!), rounds: ROUNDS },
    );
  } finally {
    await browser.close();
    await server.close();
  }
  const o = median(ossl);
  console.log(`${ZIPS} module zips, ${(bytes / 1e6).toFixed(1)} MB of files (${(zipBytes / 1e6).toFixed(1)} MB zipped); median of ${ROUNDS}:`);
  console.log(`  openssl dgst -sha256 (zips)   ${o.toFixed(0)} MB/s`);
  console.log(`  Node h1 (node:crypto)         ${median(node).toFixed(0)} MB/s  = ${((median(node) / o) * 100).toFixed(0)}% of openssl`);
  console.log(`  Chromium h1 (WebCrypto)       ${median(chrome).toFixed(0)} MB/s  = ${((median(chrome) / o) * 100).toFixed(0)}% of openssl`);
  rmSync(dir, { recursive: true, force: true });
}
