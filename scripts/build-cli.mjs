// Bundles the CLI (src/cli/main.ts and the core it uses), run by `npm install` (prepare):
// - dist/cli.js: an ES module exporting `main`, with one lazily loaded chunk per command, for
//   programs (and tests) that import the CLI;
// - dist/modscope.cjs: the same CLI as one CommonJS script, which bin/modscope.js compiles with a
//   V8 code cache. Its first line records a hash of the rest: the cache's key.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
};

await build({
  ...common,
  // dist/cli.js plus one chunk per command (loaded on first use) and shared chunks
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/modscope.cjs',
  format: 'cjs',
});
const body = readFileSync('dist/modscope.cjs', 'utf8');
const id = createHash('sha256').update(body).digest('hex').slice(0, 32);
writeFileSync('dist/modscope.cjs', `// modscope-build ${id}\n${body}`);
