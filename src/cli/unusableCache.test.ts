// Differential test against real go: commands with GOMODCACHE unset (no GOPATH, no HOME) or
// relative run until they need the module cache, then fail with checkCacheDir's text
// (cmd/go/internal/modfetch/cache.go), over Go's testdata proxy.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC, goEnv } from '../../scripts/gotool.mjs';
import { loadTestdataProxy, startProxy, type ProxyServer } from '../../scripts/goscript/proxy';
import { removeAll } from '../../scripts/goscript/engine';
import { runModscope, runRealGo } from './compareRuns';

let server: ProxyServer;
let work: string;
let n = 0;

beforeAll(async () => {
  server = await startProxy(loadTestdataProxy(GOROOT_SRC));
  work = mkdtempSync(join(tmpdir(), 'modscope-nocache-'));
});
afterAll(async () => {
  await server.close();
  removeAll(work);
});

const files: Record<string, string> = {
  'main.go': 'package main\n\nimport _ "io"\n',
  'mod/go.mod': 'module m\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n',
  'mod/m.go': 'package m\n\nimport _ "rsc.io/quote"\n',
  'std/go.mod': 'module s\n\ngo 1.21\n',
  'std/s.go': 'package s\n\nimport _ "fmt"\n',
};

/** A fresh directory holding files, and the environment (GOMODCACHE as given, GOPATH and HOME empty). */
function setup(gomodcache: string): { dir: string; env: Record<string, string> } {
  const dir = join(work, `w${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, env: goEnv({ GOPROXY: server.url, GOPATH: '', HOME: '', GOMODCACHE: gomodcache, GOFLAGS: '-mod=mod' }) };
}

const realGo = runRealGo;
const modscope = runModscope;

const cases: [string, string[]][] = [
  ['.', ['list', '-deps', 'main.go']],
  ['.', ['mod', 'download', 'rsc.io/quote@v1.5.2']],
  ['.', ['list', '-m', 'rsc.io/quote@v1.5.2']],
  ['mod', ['list', '-m', 'all']],
  ['mod', ['list', '-deps', '.']],
  ['mod', ['mod', 'tidy']],
  ['mod', ['mod', 'graph']],
  ['mod', ['get', 'rsc.io/sampler@v1.3.0']],
  ['mod', ['mod', 'edit', '-require=rsc.io/x@v1.0.0']],
  ['std', ['list', '-deps', '.']],
  ['std', ['mod', 'tidy']],
];

describe('unusable module cache: errors where go reports them', () => {
  for (const gomodcache of ['', 'rel/cache']) {
    for (const [sub, args] of cases) {
      it(`GOMODCACHE=${JSON.stringify(gomodcache)} (${sub}) go ${args.join(' ')}`, async () => {
        const a = setup(gomodcache);
        const b = setup(gomodcache);
        const [g, m] = await Promise.all([realGo(args, join(a.dir, sub), a.env), modscope(args, join(b.dir, sub), b.env)]);
        expect({ code: m.code, stderr: m.stderr.replaceAll(b.dir, 'DIR') }).toEqual({ code: g.code, stderr: g.stderr.replaceAll(a.dir, 'DIR') });
        expect(m.stdout).toBe(g.stdout);
      });
    }
  }
});
