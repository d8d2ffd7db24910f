// Bundles the CLI (src/cli/main.ts and the core it uses) into one ESM file, dist/cli.js,
// so `modscope` starts with a single module load. Run by `npm install` (prepare).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
