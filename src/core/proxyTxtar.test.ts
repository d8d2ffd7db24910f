// The txtar proxy over Go's own cmd/go/testdata/mod: archive naming, @v/list and @latest
// compared with the Go oracle (x/mod rules), and the served files accepted by real go.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC, goEnv } from '../../scripts/gotool.mjs';
import { GoOracle } from '../../scripts/oracle/client';
import { TxtarProxy } from './proxyTxtar';
import { hash1 } from './dirhash';
import { nodeHasher } from '../io/nodeHasher';
import { FetchTransport } from '../io/proxyHttp';
import { ProxyClient } from './source';

const modDir = join(GOROOT_SRC as string, 'cmd/go/testdata/mod');
const names = readdirSync(modDir).sort();
const proxy = new TxtarProxy(names.map((n) => [n, readFileSync(join(modDir, n))] as const));
let oracle: GoOracle;
let server: Server;
let base: string;
let work: string;

beforeAll(async () => {
  oracle = new GoOracle();
  work = mkdtempSync(join(tmpdir(), 'modscope-txtarproxy-'));
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (!url.startsWith('/mod/')) return res.writeHead(404).end();
    const r = proxy.handle(decodeURIComponent(url.slice('/mod/'.length)));
    const headers: Record<string, string> = {};
    if (r.contentType) headers['content-type'] = r.contentType;
    res.writeHead(r.statusCode, headers).end(r.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/mod`;
});

afterAll(async () => {
  oracle.close();
  await new Promise((r) => server.close(r));
  rmSync(work, { recursive: true, force: true });
});

function runGo(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  const modcache = mkdtempSync(join(work, 'mc-'));
  return new Promise((resolve) => {
    execFile(GO, args, { cwd: work, env: goEnv({ GOMODCACHE: modcache, GOFLAGS: '-modcacherw', ...env }) }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? 1 : 0 }),
    );
  });
}

describe('TxtarProxy over cmd/go/testdata/mod', () => {
  it('names, @v/list and @latest agree with the oracle for every module path', async () => {
    const want = await oracle.value<[string, string][]>('source.modlist', names);
    expect(proxy.modList.map((m) => [m.path, m.version])).toEqual(want);
    const paths = [...new Set(want.map((m) => m[0]))];
    const results = await Promise.all(paths.map((p) => oracle.value<{ list: string; found: boolean; latest: string }>('source.listlatest', want, p)));
    paths.forEach((p, i) => {
      const r = results[i]!;
      expect(proxy.list(p), p).toBe(r.found ? r.list : undefined);
      expect(proxy.latest(p) ?? '', p).toBe(r.latest);
    });
    console.log(`testdata/mod: ${names.length} files, ${want.length} module versions, ${paths.length} paths: all identical`);
  });

  it('real go downloads what it serves; sums, version lists and errors agree', async () => {
    // A deterministic sample of module versions (every 7th), plus query forms.
    const sample = proxy.modList.filter((_, i) => i % 7 === 0).slice(0, 24);
    const client = new ProxyClient(base, new FetchTransport());
    let ok = 0;
    let errs = 0;
    for (const m of sample) {
      const r = await runGo(['mod', 'download', '-json', `${m.path}@${m.version}`], { GOPROXY: base });
      const j = JSON.parse(r.stdout) as { Error?: string; Sum?: string; Version?: string };
      let ts: string | undefined;
      let sum = '';
      try {
        await client.stat(m.path, m.version);
        await client.goMod(m.path, m.version);
        const zip = await client.zip(m.path, m.version);
        sum = await hash1(Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data })), nodeHasher);
      } catch (e) {
        ts = (e as Error).message;
      }
      if (j.Error === undefined) {
        expect(ts, `${m.path}@${m.version}`).toBeUndefined();
        expect(j.Sum, `${m.path}@${m.version}`).toBe(sum);
        ok++;
      } else if (ts !== undefined) {
        // Both failed at the protocol level: same text.
        expect(ts).toBe(j.Error);
        errs++;
      } else {
        // go rejected the module's content (zip/go.mod checks happen after fetching).
        errs++;
      }
    }
    for (const p of [...new Set(sample.map((m) => m.path))].slice(0, 10)) {
      const r = await runGo(['list', '-m', '-versions', '-retracted', p], { GOPROXY: base });
      if (r.code !== 0) continue;
      const vs = await client.versions(p);
      expect(r.stdout, p).toBe([p, ...vs].join(' ') + '\n');
    }
    // Status-code prefixes answer as the test proxy does.
    const r404 = await runGo(['list', '-m', '-versions', 'rsc.io/quote'], { GOPROXY: base + '/404' });
    const c404 = new ProxyClient(base + '/404', new FetchTransport());
    expect('go: ' + (await c404.versions('rsc.io/quote').catch((e: Error) => e.message)) + '\n').toBe(r404.stderr);
    console.log(`downloads: ${sample.length} (${ok} succeeded with identical sums, ${errs} failed in both)`);
    expect(ok).toBeGreaterThan(10);
  });
});
