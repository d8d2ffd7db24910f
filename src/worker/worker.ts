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
import { createWorkerHasher } from '../io/workerHasher';
import { sumdbRelayRemote } from '../io/sumdbHttp';
import { ed25519VerifyWeb } from '../io/ed25519Web';
import { GoSumDB, moduleCacheSumdbStore, parseGOSUMDB, type ConfigStore } from '../core/sumdb/client';
import { createStore, get as idbGet, set as idbSet } from 'idb-keyval';
import { MemoryCache } from '../core/memoryCache';
import { MemoCache } from '../core/memoCache';
import type { ModuleCache } from '../core/cache';
import { modTidy } from '../core/commands/modtidy';
import { goGet } from '../core/commands/get';
import { modWhy } from '../core/commands/modwhy';
import { loadGraphModel } from '../core/views/graphModel';
import { tidySumReasons } from '../core/views/sumReasons';
import { tamperZip, zipFileNames } from '../ui/lessons/tamper';
import { runGo, type GoResult } from './goCommands';
import { MemFileTransport, type LazyMount } from './memFileTransport';
import { REPO_DIR, RELAY_UPSTREAM, type CacheEntry, type CacheVerifyResult, type ModuleDetails, type PreviewReply, type RunReply, type WorkerAPI } from './protocol';

// Other tabs' workers share the IndexedDB cache: each tells the others when it changed it.
const cacheChanges = new BroadcastChannel('modscope-gomodcache');
const cache = new MemoCache(new IdbCache(), { onChange: () => cacheChanges.postMessage('changed') });
cacheChanges.onmessage = () => cache.invalidate();
/** h1 hashing in 1–2 dedicated hash workers (falls back to WebCrypto here). */
const hasher = createWorkerHasher();
/** The Learn tab's module cache: in memory, so lessons never touch the user's cache. */
let lessonCache: ModuleCache = new MemoryCache();
const mounts = new Map<string, Map<string, Uint8Array>>();
const lazyMounts = new Map<string, LazyMount>();
let current: AbortController | undefined;

/** The GOPROXY list as a source: file:// → in-memory mounts; proxy.golang.org → the relay. */
function sourceFor(env: Record<string, string>, signal: AbortSignal, progress: (p: Progress) => void): ModuleSource {
  const e = readGoEnv(env);
  const files = new MemFileTransport(mounts, lazyMounts);
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

/** $GOPATH/pkg/sumdb (the latest signed tree per database) in IndexedDB. */
const sumdbConfig: ConfigStore = (() => {
  const store = createStore('modscope-sumdb', 'config');
  return {
    read: async (file: string) => {
      const v = await idbGet<Uint8Array>(file, store);
      return v === undefined ? undefined : new Uint8Array(v);
    },
    write: (file: string, data: Uint8Array) => idbSet(file, data.slice(), store),
  };
})();

/**
 * The checksum database for one command (modfetch/sumdb.go: dbDial), read through the relay's
 * /sumdb/<name>/ route; undefined when GOSUMDB=off. An unparsable GOSUMDB still yields a GoSumDB,
 * whose lookups fail with go's dbDial error.
 */
function sumdbFor(env: Record<string, string>, c: ModuleCache) {
  const e = readGoEnv(env);
  if (e.GOSUMDB === 'off') return undefined;
  let name = '';
  try {
    name = parseGOSUMDB(e.GOSUMDB, ed25519VerifyWeb).name;
  } catch {
    // reported by the first lookup
  }
  return new GoSumDB({
    GOSUMDB: e.GOSUMDB,
    GOPROXY: e.GOPROXY,
    GONOPROXY: e.GONOPROXY,
    readRemote: sumdbRelayRemote(name),
    verify: ed25519VerifyWeb,
    config: sumdbConfig,
    cache: moduleCacheSumdbStore(c),
  });
}

/** A workspace copy for one command: the page's files under REPO_DIR. */
function workspaceOf(files: Record<string, Uint8Array>): MemoryWorkspace {
  const ws = new MemoryWorkspace();
  for (const [p, d] of Object.entries(files)) ws.files.set(REPO_DIR + '/' + p, d);
  return ws;
}

function filesOf(ws: MemoryWorkspace): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [p, d] of ws.files) if (p.startsWith(REPO_DIR + '/')) out[p.slice(REPO_DIR.length + 1)] = d;
  return out;
}

/** Context and deps for calling a core command directly (previews, graph), over the given cache. */
function direct(files: Record<string, Uint8Array>, env: Record<string, string>, c: ModuleCache, signal: AbortSignal, progress: (p: Progress) => void) {
  const ws = workspaceOf(files);
  return {
    ws,
    ctx: { cwd: REPO_DIR, files: ws, env, signal, progress },
    deps: { source: sourceFor(env, signal, progress), cache: c, hasher, sumdb: sumdbFor(env, c) },
  };
}

function throttle(onProgress?: (p: Progress) => void) {
  let last = 0;
  return (p: Progress) => {
    const now = Date.now();
    if (onProgress && (now - last > 50 || p.phase === 'done')) {
      last = now;
      void onProgress({ ...p });
    }
  };
}

/** Module-cache paths of one module version. */
function cachePaths(path: string, version: string) {
  const base = cacheDirRel(path) + '/' + escapeVersion(version);
  return { zip: base + '.zip', ziphash: base + '.ziphash', dir: `${escapePath(path)}@${escapeVersion(version)}` };
}

/** Runs one go command line on a copy of the files over module cache c. */
async function runIn(c: ModuleCache, argv: string[], files: Record<string, Uint8Array>, env: Record<string, string>, onProgress?: (p: Progress) => void): Promise<RunReply> {
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
      cache: c,
      source: sourceFor(env, ac.signal, progress),
      hasher,
      sumdb: sumdbFor(env, c),
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
}

const api: WorkerAPI = {
  async run(argv, files, env, onProgress) {
    return runIn(cache, argv, files, env, onProgress);
  },
  async lessonRun(argv, files, env) {
    return runIn(lessonCache, argv, files, env);
  },
  lessonReset() {
    lessonCache = new MemoryCache();
  },
  async lessonTamper(path, version) {
    const p = cachePaths(path, version);
    const zip = await lessonCache.read(p.zip);
    if (!zip) throw new Error(`${path}@${version} is not in the lesson's module cache`);
    const t = await tamperZip(zip, hasher);
    await lessonCache.write(p.zip, t.zip);
    await lessonCache.write(p.ziphash, new TextEncoder().encode(t.ziphash));
    await lessonCache.removeTree(p.dir);
    return { changed: t.changed, ziphash: t.ziphash };
  },
  async moduleDetails(path, version, lesson) {
    const c = lesson ? lessonCache : cache;
    const p = cachePaths(path, version);
    const out: ModuleDetails = {};
    const zh = await c.read(p.ziphash);
    if (zh) out.h1 = utf8Decode(zh).trim();
    const zip = await c.read(p.zip);
    if (zip) {
      try {
        out.files = zipFileNames(zip).map((n) => n.slice(path.length + version.length + 2));
      } catch (e) {
        out.note = (e as Error).message;
      }
    } else out.note = `${path}@${version} is not in the module cache (go mod download ${path}@${version} fetches it)`;
    return out;
  },
  async graphModel(files, env) {
    // Not cancelled by (and not cancelling) terminal commands: the page discards stale graphs.
    const signal = new AbortController().signal;
    const { ctx, deps } = direct(files, env, cache, signal, () => {});
    // Retractions and deprecations need every module's @v/list and latest go.mod: only for file:// proxies.
    const local = readGoEnv(env).GOPROXY.split(/[,|]/).every((e) => e.startsWith('file://') || e === 'off');
    const model = await loadGraphModel(ctx, deps, { retractions: local, deprecations: local });
    const paths = [...new Set(model.nodes.filter((n) => n.kind === 'direct' || n.kind === 'indirect').map((n) => n.path))].sort();
    if (paths.length > 0 && model.error === undefined) {
      // go mod why -m for every module in the graph: model.why (shown and highlighted by the view).
      const w = direct(files, env, cache, signal, () => {});
      const r = await modWhy(['-m', ...paths], w.ctx, w.deps);
      if (r.entries) model.why = Object.fromEntries(r.entries.filter((e) => e.path.length > 0).map((e) => [e.target, e.path]));
    }
    return model;
  },
  async preview(kind, args, files, env, onProgress) {
    current?.abort();
    const ac = new AbortController();
    current = ac;
    const progress = throttle(onProgress);
    try {
      if (kind === 'tidy') {
        const d = direct(files, env, cache, ac.signal, progress);
        const diff = await modTidy([...args, '-diff'], d.ctx, d.deps);
        const t = direct(files, env, cache, ac.signal, progress);
        const r = await modTidy(args, t.ctx, t.deps);
        const x = direct(files, env, cache, ac.signal, progress);
        const sumReasons = r.exitCode === 0 ? await tidySumReasons(x.ctx, x.deps, args) : undefined;
        const reply: PreviewReply = {
          sumReasons,
          result: { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode },
          files: filesOf(t.ws),
          diff: { stdout: diff.stdout, stderr: diff.stderr, exitCode: diff.exitCode },
          report: r.report,
        };
        return reply;
      }
      const g = direct(files, env, cache, ac.signal, progress);
      const r = await goGet(args, g.ctx, g.deps);
      return { result: { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, files: filesOf(g.ws), changes: r.changes };
    } finally {
      if (current === ac) current = undefined;
    }
  },
  cancel() {
    current?.abort();
  },
  setMount(dir, files) {
    if (files === null) mounts.delete(dir);
    else mounts.set(dir, new Map(Object.entries(files)));
  },
  setLazyMount(dir, src) {
    if (src === null) lazyMounts.delete(dir);
    else if ('handle' in src) lazyMounts.set(dir, { handle: src.handle, reads: [] });
    else lazyMounts.set(dir, { files: new Map(Object.entries(src.files)), reads: [] });
  },
  lazyMountReads(dir) {
    return [...(lazyMounts.get(dir)?.reads ?? [])];
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
        got = await hash1(z.files.filter((f) => !isDirEntry(f)).map((f) => ({ name: f.name, data: readEntry(z, f) })), hasher);
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
  stall(ms) {
    setTimeout(() => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        // busy: no message is read until this returns
      }
    });
  },
};

Comlink.expose(api);
