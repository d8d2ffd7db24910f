// The Web Worker: the core behind Comlink. Only plain data crosses the boundary (files as
// Uint8Array records, results, progress objects). The page's client (client.ts) restarts this
// worker when it crashes and re-sends the mounts.
import * as Comlink from 'comlink';
import { zipSync } from 'fflate';
import { listCachedVersions, cacheDirRel } from '../core/cache';
import { hash1 } from '../core/dirhash';
import { utf8Decode } from '../core/gostrings';
import { escapePath, escapeVersion } from '../core/module';
import { isDirEntry, readEntry, readZip } from '../core/modzip';
import { ProxyStack, formatURL, type GoURL, type ModuleSource } from '../core/source';
import { readGoEnv } from '../core/goenv';
import { MemoryWorkspace, type Progress } from '../core/workspace';
import { IdbCache } from '../io/idbCache';
import { FetchTransport } from '../io/proxyHttp';
import { webHasher } from '../io/webHasher';
import { runGo, type GoResult } from './goCommands';
import { MemFileTransport } from './memFileTransport';
import { REPO_DIR, RELAY_UPSTREAM, type CacheEntry, type CacheVerifyResult, type RunReply, type WorkerAPI } from './protocol';

const cache = new IdbCache();
const mounts = new Map<string, Map<string, Uint8Array>>();
let current: AbortController | undefined;

/** The GOPROXY list as a source: file:// → in-memory mounts; proxy.golang.org → the relay. */
function sourceFor(env: Record<string, string>, signal: AbortSignal, progress: (p: Progress) => void): ModuleSource {
  const e = readGoEnv(env);
  const files = new MemFileTransport(mounts);
  const origin = self.location.origin;
  let fetched = 0;
  const counting = (t: { get(u: GoURL, s?: AbortSignal): Promise<import('../core/source').ProxyResponse> }) => ({
    async get(u: GoURL, s?: AbortSignal) {
      signal.throwIfAborted();
      const r = await t.get(u, s ?? signal);
      signal.throwIfAborted();
      progress({ phase: 'fetch', done: ++fetched, bytes: r.body.length });
      return r;
    },
  });
  return new ProxyStack(
    { GOPROXY: e.GOPROXY, GONOPROXY: e.GONOPROXY },
    {
      transportFor: (base: GoURL) => {
        if (base.scheme === 'file') return counting(files);
        if (formatURL(base).replace(/\/+$/, '') === RELAY_UPSTREAM) {
          return counting(new FetchTransport({ relay: { base, url: origin + '/goproxy' } }));
        }
        return counting(new FetchTransport());
      },
    },
  );
}

const api: WorkerAPI = {
  async run(argv, files, env, onProgress) {
    current?.abort();
    const ac = new AbortController();
    current = ac;
    const ws = new MemoryWorkspace();
    for (const [p, d] of Object.entries(files)) ws.files.set(REPO_DIR + '/' + p, d);
    let last = 0;
    const progress = (p: Progress) => {
      const now = Date.now();
      if (onProgress && (now - last > 50 || p.phase === 'done')) {
        last = now;
        void onProgress({ ...p });
      }
    };
    let result: GoResult;
    try {
      result = await runGo(argv, {
        cwd: REPO_DIR,
        files: ws,
        env,
        cache,
        source: sourceFor(env, ac.signal, progress),
        hasher: webHasher,
        signal: ac.signal,
        progress,
      });
    } finally {
      if (current === ac) current = undefined;
    }
    if (ac.signal.aborted && result.exitCode === 0) result = { ...result, stderr: result.stderr + 'go: canceled\n', exitCode: 1 };
    const out: Record<string, Uint8Array> = {};
    for (const [p, d] of ws.files) if (p.startsWith(REPO_DIR + '/')) out[p.slice(REPO_DIR.length + 1)] = d;
    const reply: RunReply = { result, files: out, canceled: ac.signal.aborted };
    return reply;
  },
  cancel() {
    current?.abort();
  },
  setMount(dir, files) {
    if (files === null) mounts.delete(dir);
    else mounts.set(dir, new Map(Object.entries(files)));
  },
  async cacheList() {
    const out: CacheEntry[] = [];
    for (const v of await listCachedVersions(cache)) {
      const base = cacheDirRel(v.path) + '/' + escapeVersion(v.version);
      const zip = v.files.includes('zip') ? await cache.read(base + '.zip') : undefined;
      const zh = v.files.includes('ziphash') ? await cache.read(base + '.ziphash') : undefined;
      const extracted = await cache.exists(`${escapePath(v.path)}@${escapeVersion(v.version)}`);
      out.push({ path: v.path, version: v.version, files: v.files, zipSize: zip?.length, h1: zh ? utf8Decode(zh).trim() : undefined, extracted });
    }
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    return out;
  },
  async cacheVerify() {
    const res: CacheVerifyResult[] = [];
    for (const v of await listCachedVersions(cache)) {
      if (!v.files.includes('zip')) continue;
      const base = cacheDirRel(v.path) + '/' + escapeVersion(v.version);
      const zip = await cache.read(base + '.zip');
      const zh = await cache.read(base + '.ziphash');
      let got = '';
      try {
        const z = readZip(zip!);
        got = await hash1(z.files.filter((f) => !isDirEntry(f)).map((f) => ({ name: f.name, data: readEntry(z, f) })), webHasher);
      } catch (e) {
        res.push({ path: v.path, version: v.version, ok: false, detail: (e as Error).message });
        continue;
      }
      const want = zh ? utf8Decode(zh).trim() : '';
      res.push({ path: v.path, version: v.version, ok: got === want, detail: got === want ? got : `zip ${got}, ziphash ${want || 'missing'}` });
    }
    return res;
  },
  async cacheClean() {
    await cache.removeTree('');
  },
  async cacheExportZip() {
    const files: Record<string, Uint8Array> = {};
    for (const rel of await cache.list('cache/download')) {
      if (rel.endsWith('.lock') || rel.endsWith('.partial')) continue;
      files[rel] = (await cache.read(rel))!;
    }
    return Comlink.transfer(zipSync(files, { level: 0, mtime: new Date('2024-01-01T00:00:00Z') }), []);
  },
  crash(message) {
    setTimeout(() => {
      throw new Error(message);
    });
  },
};

Comlink.expose(api);
