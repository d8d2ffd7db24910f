// Differential test against real go: directory wildcard patterns outside the main modules
// (load.go matchLocalDirs, search.go MatchDirs): a tree in GOROOT/src or in a selected module's
// directory in the module cache is walked; any other directory prefix is an error.
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
let env: Record<string, string>;
let goroot: string;

const realGo = (args: string[], cwd: string) => runRealGo(args, cwd, env);
const modscope = (args: string[], cwd: string) => runModscope(args, cwd, env);

beforeAll(async () => {
  server = await startProxy(loadTestdataProxy(GOROOT_SRC));
  work = mkdtempSync(join(tmpdir(), 'modscope-localwild-'));
  env = goEnv({ GOPROXY: server.url, GOPATH: join(work, 'gopath'), GOMODCACHE: join(work, 'gopath/pkg/mod'), GOFLAGS: '-modcacherw', GO111MODULE: 'on' });
  goroot = (await realGo(['env', 'GOROOT'], work)).stdout.trim();
  mkdirSync(join(work, 'mod'));
  writeFileSync(join(work, 'mod/go.mod'), 'module m\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n');
  writeFileSync(join(work, 'mod/m.go'), 'package m\n\nimport _ "rsc.io/quote"\n');
  // the selected modules in the cache, for the module-cache patterns
  expect((await realGo(['mod', 'tidy'], join(work, 'mod'))).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await server.close();
  removeAll(work);
});

describe('wildcard directory patterns outside the main modules', () => {
  const cases: [string, () => string[]][] = [
    ['.', () => [`${goroot}/src/...`]],
    ['.', () => [`${goroot}/src/vendor/...`, `${goroot}/src/net/...`]],
    ['.', () => [`${goroot}/src/encoding...`, `${goroot}/src/cmd/go/...`]],
    ['.', () => [`${goroot}/src/.../internal/...`]],
    ['.', () => [`${goroot}/src/builtin/...`, `${goroot}/src/testdata/...`]],
    ['.', () => [`${work}/nowhere/...`]],
    ['mod', () => [`${goroot}/src/crypto/...`, './...']],
    ['mod', () => [`${work}/gopath/pkg/mod/rsc.io/quote@v1.5.2/...`]],
    ['mod', () => [`${work}/gopath/pkg/mod/golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c/...`]],
    ['mod', () => [`${work}/gopath/pkg/mod/rsc.io/...`]],
    ['mod', () => ['../...']],
  ];
  for (const [sub, pats] of cases) {
    it(`(${sub}) go list ${pats().join(' ').replaceAll(work, '$WORK')}`, async () => {
      const args = ['list', ...pats()];
      const [g, m] = await Promise.all([realGo(args, join(work, sub)), modscope(args, join(work, sub))]);
      expect({ code: m.code, stderr: m.stderr, stdout: m.stdout }).toEqual({ code: g.code, stderr: g.stderr, stdout: g.stdout });
    });
  }
});
