// Bundles the CLI (src/cli/main.ts and the core it uses) into dist/cli.js with one lazily
// loaded chunk per command, so `modscope` loads only what the command needs. Run by
// `npm install` (prepare).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  // dist/cli.js plus one chunk per command (loaded on first use) and shared chunks
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
