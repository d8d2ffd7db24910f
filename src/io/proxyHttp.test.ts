// Differential tests of the GOPROXY client and list semantics against real go: both talk to
// the same node:http server on 127.0.0.1 (and the same file:// directories); the error texts
// and the sequence of requests each makes are compared.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { ProxyStack, parseProxyList, type TransportFor } from '../core/source';
import { readGoEnv } from '../core/goenv';
import { versionError } from '../core/module';
import { FetchTransport } from './proxyHttp';
import { FileTransport, fileURLFromPath } from './proxyFile';
import { mulberry32 as rng } from '../core/rng';

const enc = new TextEncoder();

interface Mod {
  path: string;
  escPath: string;
  version: string;
  time: string;
  files: Record<string, string>;
}

const mods: Mod[] = [
  { path: 'example.com/a', escPath: 'example.com/a', version: 'v1.0.0', time: '2020-01-01T00:00:00Z', files: { 'go.mod': 'module example.com/a\n\ngo 1.20\n', 'a.go': 'package a\n' } },
  { path: 'example.com/a', escPath: 'example.com/a', version: 'v1.1.0', time: '2020-02-01T00:00:00Z', files: { 'go.mod': 'module example.com/a\n\ngo 1.20\n', 'a.go': 'package a // 1.1\n' } },
  { path: 'example.com/Upper', escPath: 'example.com/!upper', version: 'v0.1.0', time: '2021-01-01T00:00:00Z', files: { 'go.mod': 'module example.com/Upper\n', 'u.go': 'package upper\n' } },
  { path: 'example.com/nolist', escPath: 'example.com/nolist', version: 'v0.0.0-20200101000000-abcdefabcdef', time: '2020-01-01T00:00:00Z', files: { 'go.mod': 'module example.com/nolist\n' } },
];

let work: string;
let proxyDir: string;
let server: Server;
let base: string;
const log: string[] = [];

function writeProxy(dir: string, ms: Mod[], list = true) {
  const byPath = new Map<string, string[]>();
  for (const m of ms) {
    const d = join(dir, m.escPath, '@v');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, m.version + '.info'), JSON.stringify({ Version: m.version, Time: m.time }));
    writeFileSync(join(d, m.version + '.mod'), m.files['go.mod']!);
    const z: Record<string, Uint8Array> = {};
    for (const [n, t] of Object.entries(m.files)) z[`${m.path}@${m.version}/${n}`] = enc.encode(t);
    writeFileSync(join(d, m.version + '.zip'), zipSync(z));
    if (!m.version.includes('-')) byPath.set(m.escPath, [...(byPath.get(m.escPath) ?? []), m.version]);
  }
  if (list) for (const [p, vs] of byPath) writeFileSync(join(dir, p, '@v', 'list'), vs.join('\n') + '\n');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'modscope-proxyhttp-'));
  proxyDir = join(work, 'proxy');
  writeProxy(proxyDir, mods);
  server = createServer(async (req, res) => {
    const url = req.url ?? '';
    log.push(url);
    const m = /^\/(\w+)(\/.*)$/.exec(url);
    if (!m) return res.writeHead(400).end();
    const [, mode, rest] = m;
    const code = Number(mode);
    if (code >= 400) {
      // Error responses with bodies of the kinds go summarises (or ignores).
      if (code === 500) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal trouble\nsecond line\n');
      else if (code === 404) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: ' + rest + '\n');
      else if (code === 403) res.writeHead(403, { 'content-type': 'text/html' }).end('<b>forbidden</b>');
      else res.writeHead(code).end();
      return;
    }
    if (mode === 'mod') {
      try {
        const data = await readFile(join(proxyDir, decodeURIComponent(rest!)));
        res.writeHead(200).end(data);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      }
      return;
    }
    res.writeHead(400).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(work, { recursive: true, force: true });
});

function runGo(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  const modcache = mkdtempSync(join(work, 'mc-'));
  return new Promise((resolve) => {
    execFile(GO, args, { cwd: work, env: goEnv({ GOMODCACHE: modcache, ...env }) }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

const transportFor: TransportFor = (u) => (u.scheme === 'file' ? new FileTransport() : new FetchTransport());

/** What `go mod download -json m@v` reports, computed by modscope: Stat, GoMod, Zip through TryProxies. */
function stackFor(goproxy: string, gonoproxy: string): ProxyStack {
  return new ProxyStack(readGoEnv({ GOPROXY: goproxy, GONOPROXY: gonoproxy }), { transportFor });
}

async function tsDownload(goproxy: string, gonoproxy: string, path: string, version: string): Promise<string> {
  try {
    const stack = stackFor(goproxy, gonoproxy);
    await stack.stat(path, version);
    await stack.goMod(path, version);
    await stack.zip(path, version);
    return '';
  } catch (e) {
    // The command layer reports module errors as module.VersionError(m, err).
    return versionError({ path, version }, e as Error).message;
  }
}

/** go reports DNS failures with the resolver's address, which fetch does not know. */
const normDNS = (s: string) => s.replace(/(lookup \S+) on [^:]+:53(: no such host)/g, '$1$2');

async function tsVersions(goproxy: string, gonoproxy: string, path: string): Promise<string> {
  const stack = stackFor(goproxy, gonoproxy);
  try {
    // `go list -m -versions path` resolves path@latest: the list and Stat from one proxy
    // (queryProxy), then the go.mod (retractions) through the whole list.
    const vs = await stack.tryProxies(async (p) => {
      const repo = stack.lookup(p, path);
      const vs = await repo.versions('');
      if (vs.length > 0) await repo.stat(vs[vs.length - 1]!);
      return vs;
    });
    if (vs.length > 0) await stack.goMod(path, vs[vs.length - 1]!);
    return [path, ...vs].join(' ') + '\n';
  } catch (e) {
    return 'go: ' + (e as Error).message + '\n';
  }
}

describe('GOPROXY client vs real go', () => {
  it('download errors and request sequences match for random GOPROXY lists', async () => {
    const seed = 20240611;
    const rand = rng(seed);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const entries = () => [
      `${base}/mod`,
      `${base}/404`,
      `${base}/410`,
      `${base}/500`,
      `${base}/403`,
      fileURLFromPath(proxyDir),
      fileURLFromPath(join(work, 'missing')),
      'off',
      ' ',
      '',
    ];
    const targets: [string, string][] = [
      ['example.com/a', 'v1.0.0'],
      ['example.com/a', 'v1.9.0'],
      ['example.com/zz', 'v1.0.0'],
      ['example.com/Upper', 'v0.1.0'],
    ];
    const cases: { goproxy: string; gonoproxy: string; path: string; version: string }[] = [];
    for (let i = 0; i < 28; i++) {
      const n = 1 + Math.floor(rand() * 3);
      let goproxy = '';
      for (let k = 0; k < n; k++) goproxy += (k > 0 ? pick([',', '|']) : '') + pick(entries());
      const [path, version] = pick(targets);
      cases.push({ goproxy, gonoproxy: rand() < 0.15 ? 'example.com/a' : '', path, version });
    }
    // Hand-picked corners.
    cases.push({ goproxy: ',', gonoproxy: '', path: 'example.com/a', version: 'v1.0.0' });
    cases.push({ goproxy: 'ftp://x', gonoproxy: '', path: 'example.com/a', version: 'v1.0.0' });
    cases.push({ goproxy: `${base}/500|${base}/mod`, gonoproxy: '', path: 'example.com/a', version: 'v1.0.0' });
    cases.push({ goproxy: `${base}/500,${base}/mod`, gonoproxy: '', path: 'example.com/a', version: 'v1.0.0' });
    cases.push({ goproxy: `${base}/404,${base}/500`, gonoproxy: '', path: 'example.com/a', version: 'v1.0.0' });
    cases.push({ goproxy: `${base}/mod`, gonoproxy: 'example.com', path: 'example.com/a', version: 'v1.0.0' });

    let same = 0;
    const diffs: string[] = [];
    for (const c of cases) {
      log.length = 0;
      const r = await runGo(['mod', 'download', '-json', `${c.path}@${c.version}`], { GOPROXY: c.goproxy, GONOPROXY: c.gonoproxy });
      const goLog = [...log];
      let goErr = '';
      if (r.stdout.trim().startsWith('{')) goErr = (JSON.parse(r.stdout) as { Error?: string }).Error ?? '';
      else goErr = r.stderr.replace(/^go: /, '').trimEnd();
      log.length = 0;
      const tsErr = await tsDownload(c.goproxy, c.gonoproxy, c.path, c.version);
      const tsLog = [...log];
      const label = `GOPROXY=${JSON.stringify(c.goproxy)} GONOPROXY=${c.gonoproxy} ${c.path}@${c.version}`;
      expect(tsLog, label).toEqual(goLog);
      if (tsErr.includes('not supported by modscope')) continue; // go would have tried VCS
      if (tsErr === normDNS(goErr)) same++;
      else diffs.push(`${label}\n  go: ${goErr}\n  ts: ${tsErr}`);
    }
    console.log(`download cases (seed ${seed}): ${cases.length}, identical errors: ${same}, differing: ${diffs.length}`);
    expect(diffs).toEqual([]);
  });

  it('list -m -versions output and errors match', async () => {
    const cases: { goproxy: string; gonoproxy?: string; path: string }[] = [
      { goproxy: `${base}/mod`, path: 'example.com/a' },
      { goproxy: `${base}/mod`, path: 'example.com/Upper' },
      { goproxy: `${base}/mod`, path: 'example.com/zz' },
      { goproxy: `${base}/404`, path: 'example.com/a' },
      { goproxy: `${base}/410`, path: 'example.com/a' },
      { goproxy: `${base}/500`, path: 'example.com/a' },
      { goproxy: `${base}/403`, path: 'example.com/a' },
      { goproxy: `${base}/404,${base}/mod`, path: 'example.com/a' },
      { goproxy: `${base}/500,${base}/mod`, path: 'example.com/a' },
      { goproxy: `${base}/500|${base}/mod`, path: 'example.com/a' },
      { goproxy: `${base}/500|${base}/404`, path: 'example.com/a' },
      { goproxy: fileURLFromPath(proxyDir), path: 'example.com/a' },
      { goproxy: fileURLFromPath(proxyDir), path: 'example.com/zz' },
      { goproxy: 'off', path: 'example.com/a' },
      { goproxy: `off,${base}/mod`, path: 'example.com/a' },
      { goproxy: `${base}/404,off`, path: 'example.com/a' },
      { goproxy: 'localhost:1', path: 'example.com/a' },
      { goproxy: `${base}/mod`, gonoproxy: 'example.com/a', path: 'example.com/Upper' },
    ];
    let same = 0;
    for (const c of cases) {
      log.length = 0;
      const r = await runGo(['list', '-m', '-versions', c.path], { GOPROXY: c.goproxy, GONOPROXY: c.gonoproxy ?? '' });
      const goLog = [...log];
      log.length = 0;
      const ts = await tsVersions(c.goproxy, c.gonoproxy ?? '', c.path);
      expect(log, c.goproxy).toEqual(goLog);
      const goOut = r.code === 0 ? r.stdout : r.stderr;
      if (c.goproxy.startsWith('localhost:')) {
        // https to a closed port: both fail to connect; go's dial error wording is OS-level.
        expect(ts).toMatch(/^go: module example.com\/a: Get "https:\/\/localhost:1\/example.com\/a\/@v\/list": /);
        expect(goOut).toMatch(/^go: module example.com\/a: Get "https:\/\/localhost:1\/example.com\/a\/@v\/list": /);
        continue;
      }
      expect(ts, `${c.goproxy} ${c.path}`).toBe(goOut);
      same++;
    }
    console.log(`list -m -versions cases: ${cases.length}, identical: ${same}`);
  });

  it('parses GOPROXY lists as proxyList does', () => {
    expect(parseProxyList('https://proxy.golang.org,direct', '')).toEqual([
      { url: 'https://proxy.golang.org', fallBackOnError: false },
      { url: 'direct', fallBackOnError: false },
    ]);
    expect(parseProxyList('a.example| b.example ,off,c.example', 'x')).toEqual([
      { url: 'noproxy', fallBackOnError: false },
      { url: 'https://a.example', fallBackOnError: true },
      { url: 'https://b.example', fallBackOnError: false },
      { url: 'off', fallBackOnError: false },
    ]);
    expect(parseProxyList('direct', 'x')).toEqual([{ url: 'direct', fallBackOnError: false }]);
    expect(() => parseProxyList(' , ', '')).toThrow('GOPROXY list is not the empty string, but contains no entries');
  });
});
