// Bundles a TypeScript entry with esbuild (dependencies left external) into .test-out/<name>.mjs
// and runs its exported main(argv), setting the exit code from what it returns.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function runBundled(entry, name, argv) {
  const outfile = join(new URL('..', import.meta.url).pathname, '.test-out', `${name}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const mod = await import(pathToFileURL(outfile).href);
  process.exitCode = await mod.main(argv);
}
