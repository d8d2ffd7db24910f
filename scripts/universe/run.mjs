// `npm run differential -- --seeds N [--from S] [--commands "mod tidy,mod graph"] [--keep] [-v]`:
// bundles scripts/universe/cli.ts with esbuild (like bench/run.mjs) and runs it: real go and the
// modscope CLI on N generated module universes (seeds S..S+N-1, default 1..), a line per seed
// and a summary; differing seeds of implemented commands go to scripts/universe/regressions.json.
// Real go always runs the whole command list; --commands only limits what modscope is compared on.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = new URL('.', import.meta.url).pathname;
const outfile = join(here, '..', '..', '.test-out', 'universe', 'cli.mjs');
await build({
  entryPoints: [join(here, 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const mod = await import(pathToFileURL(outfile).href);
process.exitCode = await mod.main(process.argv.slice(2));
