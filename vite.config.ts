import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { createRelayHandler } from './src/io/relay';
import { cspPlugin } from './src/ui/cspPlugin';

/** The same-origin GOPROXY/sumdb relay (src/io/relay.ts) in the dev and preview servers. */
function relay(): Plugin {
  const handler = () => createRelayHandler({ goproxy: process.env.GOPROXY, gosumdb: process.env.GOSUMDB });
  return {
    name: 'modscope-relay',
    configureServer(server) {
      server.middlewares.use(handler());
    },
    configurePreviewServer(server) {
      server.middlewares.use(handler());
    },
  };
}

export default defineConfig({
  plugins: [react(), relay(), cspPlugin()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
