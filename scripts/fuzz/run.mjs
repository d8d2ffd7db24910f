// `npm run fuzz [-- --minutes N --seed S --target name,...]`: the long fuzz budget. Bundles the
// runner with esbuild (as bench/run.mjs does), splits the minutes over the targets, compares a
// sample with the Go oracle and saves every crashing, hanging or differing input under
// src/core/fuzz/regressions/<target>/ (replayed by `npm test` from then on).
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const minutes = Number(opt('minutes', '10'));
const seed = Number(opt('seed', String(Date.now() % 1e9)));
const only = opt('target', '');
const sampleEvery = Number(opt('sample', '50'));

const outfile = join(root, '.test-out', 'fuzz', 'run-main.mjs');
await build({
  entryPoints: [join(here, 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const mod = await import(pathToFileURL(outfile).href);
const code = await mod.main({ minutes, seed, targets: only ? only.split(',') : undefined, sampleEvery });
process.exit(code);
