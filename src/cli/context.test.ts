// Differential tests of the CLI's HTTP fetching against real go, both reading Go's testdata
// proxy over node:http (scripts/goscript/proxy.ts): the "# get URL" / "# get URL: 200 OK (…s)"
// lines -x prints (web/http.go get), and redirect chains (net/http's limit of 10 redirects).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC, goEnv } from '../../scripts/gotool.mjs';
import { loadTestdataProxy, startProxy, type ProxyServer } from '../../scripts/goscript/proxy';
import { removeAll } from '../../scripts/goscript/engine';
import { buildXFlag } from './context';
import { runModscope, runRealGo } from './compareRuns';

let server: ProxyServer;
let work: string;
let n = 0;

beforeAll(async () => {
  server = await startProxy(loadTestdataProxy(GOROOT_SRC));
  work = mkdtempSync(join(tmpdir(), 'modscope-clictx-'));
});
afterAll(async () => {
  await server.close();
  removeAll(work);
});

function envFor(goproxy: string): Record<string, string> {
  const gopath = join(work, `gopath${n++}`);
  return goEnv({ GOPROXY: goproxy, GOPATH: gopath, GOMODCACHE: join(gopath, 'pkg/mod'), GOFLAGS: '-modcacherw' });
}

const realGo = (args: string[], goproxy: string) => runRealGo(args, work, envFor(goproxy));
const modscope = (args: string[], goproxy: string) => runModscope(args, work, envFor(goproxy));

/** The -x request lines, timings blanked, sorted (requests for different files may interleave). */
const getLines = (s: string) =>
  s
    .split('\n')
    .filter((l) => l.startsWith('# get '))
    .map((l) => l.replace(/\([0-9.]+s\)$/, '(T)'))
    .sort();

describe('-x: proxy requests traced as go traces them', () => {
  const cases: string[][] = [
    ['mod', 'download', '-x', 'rsc.io/quote@v1.0.0'],
    ['mod', 'download', '-x', 'rsc.io/quote@v1.5.2', 'rsc.io/sampler@v1.3.0'],
    ['mod', 'download', '-x', 'rsc.io/quote@latest'],
    ['mod', 'download', '-x', 'example.com/nonexistent@v1.0.0'],
    ['mod', 'download', 'rsc.io/quote@v1.0.0'],
    ['mod', 'download', '-x=false', 'rsc.io/quote@v1.0.0'],
  ];
  for (const args of cases) {
    it(args.join(' '), async () => {
      const [g, m] = await Promise.all([realGo(args, server.url), modscope(args, server.url)]);
      expect(m.code).toBe(g.code);
      expect(getLines(g.stderr).length > 0).toBe(args.includes('-x'));
      expect(getLines(m.stderr)).toEqual(getLines(g.stderr));
      expect(m.stdout).toBe(g.stdout);
    });
  }
});

describe('redirect chains', () => {
  for (const count of [1, 9, 10, 11, 12]) {
    it(`GOPROXY=…/redirect/${count}`, async () => {
      const args = ['mod', 'download', 'rsc.io/quote@v1.2.0'];
      const proxy = `${server.url}/redirect/${count}`;
      const [g, m] = await Promise.all([realGo(args, proxy), modscope(args, proxy)]);
      expect(m.code).toBe(g.code);
      expect(m.stderr).toBe(g.stderr);
    });
  }
});

describe('buildXFlag', () => {
  it('reads -x from the command line and GOFLAGS', () => {
    expect(buildXFlag(['-x'])).toBe(true);
    expect(buildXFlag(['--x=true'])).toBe(true);
    expect(buildXFlag(['-x=false'])).toBe(false);
    expect(buildXFlag(['-json'], '-x')).toBe(true);
    expect(buildXFlag(['-x=0'], '-x')).toBe(false);
    expect(buildXFlag(['--', '-x'])).toBe(false);
  });
});
