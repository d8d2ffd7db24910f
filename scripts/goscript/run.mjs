// `node scripts/goscript/run.mjs [--real-go] [-v] [filters...]`: bundles the cmd/go script
// runner (scripts/goscript/run.ts, with modscope's CLI core) and runs it.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = new URL('.', import.meta.url).pathname;
const outfile = join(here, '..', '..', '.test-out', 'goscript', 'run.mjs');
await build({
  entryPoints: [join(here, 'run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const mod = await import(pathToFileURL(outfile).href);
process.exitCode = await mod.default(process.argv.slice(2));
