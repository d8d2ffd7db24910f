// cmd/go's command tree (Go 1.23): shared by the worker's dispatch and the terminal's completion
// (kept separate so the page's main bundle does not pull in the core commands).
export const goTree: Record<string, string[] | null> = {
  bug: null, build: null, clean: null, doc: null, env: null, fix: null, fmt: null, generate: null,
  get: null, install: null, list: null, run: null, telemetry: null, test: null, tool: null,
  version: null, vet: null,
  mod: ['download', 'edit', 'graph', 'init', 'tidy', 'vendor', 'verify', 'why'],
  work: ['edit', 'init', 'sync', 'use', 'vendor'],
};

/** Every go command word sequence, for completion. */
export const allCommands = Object.entries(goTree).flatMap(([k, subs]) => (subs ? subs.map((s) => `go ${k} ${s}`) : [`go ${k}`]));
