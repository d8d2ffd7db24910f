// `npm run bench [-- name...]`: bundles the benchmarks (bench/*.bench.ts) and runs them.
// Each prints figures for modscope and for real Go 1.23 measured in the same run, and their ratio.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = new URL('.', import.meta.url).pathname;
const out = join(here, '..', '.test-out', 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(' ')}`);
  process.exit(2);
}
for (const f of files) {
  const outfile = join(out, f.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(here, f)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  console.log(`\n== ${f.replace(/\.bench\.ts$/, '')}`);
  const mod = await import(pathToFileURL(outfile).href);
  await mod.default();
}
