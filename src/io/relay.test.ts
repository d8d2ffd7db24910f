// The dev-server relay, on 127.0.0.1 only: it forwards GOPROXY/sumdb protocol paths to the
// configured upstream (an http server or a file:// directory) and refuses everything else;
// real go can use it as its GOPROXY.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { createRelayHandler } from './relay';

const enc = new TextEncoder();
let work: string;
let dir: string;
const servers: Server[] = [];
let upstreamURL: string;
const upLog: string[] = [];

async function listen(s: Server): Promise<string> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'modscope-relay-'));
  dir = join(work, 'proxy');
  const d = join(dir, 'example.com/!r/@v');
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'list'), 'v1.0.0\n');
  writeFileSync(join(d, 'v1.0.0.info'), '{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}');
  writeFileSync(join(d, 'v1.0.0.mod'), 'module example.com/R\n');
  writeFileSync(join(d, 'v1.0.0.zip'), zipSync({ 'example.com/R@v1.0.0/go.mod': enc.encode('module example.com/R\n'), 'example.com/R@v1.0.0/r.go': enc.encode('package r\n') }));
  mkdirSync(join(dir, 'sumdb/sum.golang.org/lookup'), { recursive: true });
  writeFileSync(join(dir, 'sumdb/sum.golang.org/latest'), 'go.sum database tree\n1\nhash\n');
  upstreamURL = await listen(
    createServer(async (req, res) => {
      upLog.push(`${req.method} ${req.url}`);
      try {
        const data = await readFile(join(dir, decodeURIComponent(req.url ?? '')));
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data);
      } catch {
        res.writeHead(410, { 'content-type': 'text/plain; charset=utf-8' }).end('gone: ' + req.url + '\n');
      }
    }),
  );
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  rmSync(work, { recursive: true, force: true });
});

/** A raw request (request target sent verbatim, so ".." and absolute forms reach the server). */
function raw(base: string, method: string, target: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path: target }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('relay', () => {
  for (const kind of ['http', 'file'] as const) {
    it(`forwards protocol paths to a ${kind} upstream and refuses the rest`, async () => {
      const goproxy = kind === 'http' ? `${upstreamURL},direct` : `file://${dir}`;
      const relay = await listen(createServer(createRelayHandler({ goproxy, gosumdb: 'sum.golang.org' })));
      upLog.length = 0;
      const list = await raw(relay, 'GET', '/goproxy/example.com/!r/@v/list');
      expect(list).toMatchObject({ status: 200, body: 'v1.0.0\n' });
      const info = await raw(relay, 'HEAD', '/goproxy/example.com/!r/@v/v1.0.0.info');
      expect(info.status).toBe(200);
      expect(info.body).toBe('');
      expect((await raw(relay, 'GET', '/goproxy/example.com/!r/@v/v1.0.0.zip')).status).toBe(200);
      const missing = await raw(relay, 'GET', '/goproxy/example.com/!r/@v/v9.9.9.mod');
      expect(missing.status).toBe(kind === 'http' ? 410 : 404); // not-found semantics pass through
      expect((await raw(relay, 'GET', '/sumdb/sum.golang.org/latest')).body).toBe('go.sum database tree\n1\nhash\n');
      expect((await raw(relay, 'GET', '/sumdb/sum.golang.org/lookup/example.com/!r@v1.0.0')).status).toBe(kind === 'http' ? 410 : 404);
      if (kind === 'http') {
        expect(upLog).toEqual([
          'GET /example.com/!r/@v/list',
          'HEAD /example.com/!r/@v/v1.0.0.info',
          'GET /example.com/!r/@v/v1.0.0.zip',
          'GET /example.com/!r/@v/v9.9.9.mod',
          'GET /sumdb/sum.golang.org/latest',
          'GET /sumdb/sum.golang.org/lookup/example.com/!r@v1.0.0',
        ]);
      }
      upLog.length = 0;
      const refused: [string, string, number][] = [
        ['POST', '/goproxy/example.com/!r/@v/list', 405],
        ['PUT', '/sumdb/sum.golang.org/latest', 405],
        ['GET', '/goproxy/example.com/!r/@v/../../../etc/passwd', 400],
        ['GET', '/goproxy/example.com/%2e%2e/@v/list', 400],
        ['GET', '/goproxy/example.com/!r/@v/list?x=1', 400],
        ['GET', 'http://evil.example/goproxy/example.com/!r/@v/list', 400],
        ['GET', '//evil.example/goproxy/x/@v/list', 400],
        ['GET', '/goproxy/example.com/!r/@v/v1.0.0.txt', 404],
        ['GET', '/goproxy/example.com/!r/@v/', 404],
        ['GET', '/goproxy/Example.com/r/@v/list', 404],
        ['GET', '/goproxy/evil.example', 404],
        ['GET', '/sumdb/evil.example/latest', 404],
        ['GET', '/sumdb/sum.golang.org/../x', 400],
        ['GET', '/sumdb/sum.golang.org/tile/8/0/001', 0],
        ['GET', '/other', 404],
      ];
      for (const [method, target, code] of refused) {
        const r = await raw(relay, method, target);
        if (code === 0) expect(r.status, target).not.toBe(400);
        else expect(r.status, `${method} ${target}`).toBe(code);
      }
      // Only the tile path (a valid sumdb path) reached the upstream.
      if (kind === 'http') expect(upLog).toEqual(['GET /sumdb/sum.golang.org/tile/8/0/001']);
    });
  }

  it('real go downloads through the relay', async () => {
    const relay = await listen(createServer(createRelayHandler({ goproxy: upstreamURL })));
    const r = await new Promise<{ stdout: string }>((resolve) =>
      execFile(GO, ['mod', 'download', '-json', 'example.com/R@v1.0.0'], { cwd: work, env: goEnv({ GOPROXY: relay + '/goproxy', GOMODCACHE: join(work, 'mc'), GOFLAGS: '-modcacherw' }) }, (_e, stdout) =>
        resolve({ stdout }),
      ),
    );
    const j = JSON.parse(r.stdout) as { Error?: string; Sum?: string };
    expect(j.Error).toBeUndefined();
    expect(j.Sum).toMatch(/^h1:/);
  });
});
