// IdbCache over fake-indexeddb, MemoryCache, and the page's MemoCache in front of an IdbCache,
// behind the same ModuleCache contract; a quota failure must surface as CacheQuotaError and leave
// nothing half-written.
import 'fake-indexeddb/auto';
import { createStore, type UseStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { CacheQuotaError, downloadDir, listCachedVersions, readExtracted, writeCached, writeExtracted, type ModuleCache } from '../core/cache';
import { MemoryCache } from '../core/memoryCache';
import { MemoCache } from '../core/memoCache';
import { IdbCache } from './idbCache';

const enc = new TextEncoder();
const dec = new TextDecoder();
let n = 0;

for (const [name, make] of [
  ['IdbCache', () => new IdbCache({ dbName: `t${n++}` })],
  ['MemoryCache', () => new MemoryCache()],
  ['MemoCache(IdbCache)', () => new MemoCache(new IdbCache({ dbName: `t${n++}` }))],
] as const) {
  describe(name, () => {
    it('keeps Go layout: files, @v/list after .mod, extracted trees, .partial protocol', async () => {
      const c: ModuleCache = make();
      const a1 = { path: 'example.com/A', version: 'v1.0.0' };
      const a2 = { path: 'example.com/A', version: 'v1.10.0' };
      const a3 = { path: 'example.com/A', version: 'v1.9.0-pre' };
      for (const m of [a2, a1, a3]) {
        await writeCached(c, m, 'info', `{"Version":"${m.version}"}`);
        await writeCached(c, m, 'mod', 'module example.com/A\n');
      }
      expect(dec.decode(await c.read('cache/download/example.com/!a/@v/list'))).toBe('v1.0.0\nv1.9.0-pre\nv1.10.0\n');
      expect(await c.read('cache/download/example.com/!a/@v/v1.0.0.zip')).toBeUndefined();
      expect((await listCachedVersions(c)).map((x) => `${x.path}@${x.version}:${x.files.sort().join(',')}`).sort()).toEqual([
        'example.com/A@v1.0.0:info,mod',
        'example.com/A@v1.10.0:info,mod',
        'example.com/A@v1.9.0-pre:info,mod',
      ]);
      expect((await downloadDir(c, a1)).err?.message).toBe(`stat ${c.root}/example.com/!a@v1.0.0: no such file or directory`);
      const dir = await writeExtracted(c, a1, [
        { name: 'go.mod', data: enc.encode('module example.com/A\n') },
        { name: 'x/y.go', data: enc.encode('package x\n') },
      ]);
      expect(dir).toBe(`${c.root}/example.com/!a@v1.0.0`);
      expect(await c.exists('example.com/!a@v1.0.0')).toBe(true);
      expect(await c.exists('example.com/!a@v1.0.0/x')).toBe(true);
      expect(await c.exists('example.com/!a@v1.0')).toBe(false);
      expect(await c.read('cache/download/example.com/!a/@v/v1.0.0.partial')).toBeUndefined();
      expect((await downloadDir(c, a1)).err?.message).toBe(`${dir}: ziphash file is missing`);
      await writeCached(c, a1, 'ziphash', 'h1:x');
      expect(await downloadDir(c, a1)).toEqual({ dir });
      expect((await readExtracted(c, a1))!.map((f) => f.name)).toEqual(['go.mod', 'x/y.go']);
      await c.removeTree('example.com/!a@v1.0.0');
      expect(await readExtracted(c, a1)).toBeUndefined();
      await expect(writeCached(c, { path: 'example.com/A', version: 'v1.0' }, 'mod', '')).rejects.toThrow('non-canonical module version "v1.0"');
      await expect(writeCached(c, { path: 'example.com/A', version: 'master' }, 'mod', '')).rejects.toThrow('non-semver module version "master"');
    });
  });
}

describe('IdbCache quota', () => {
  it.each([
    ['IdbCache', (s: UseStore): ModuleCache => new IdbCache({ store: s })],
    ['MemoCache(IdbCache)', (s: UseStore): ModuleCache => new MemoCache(new IdbCache({ store: s }))],
  ])('%s turns QuotaExceededError into CacheQuotaError with nothing half-written', async (_, make) => {
    const real = createStore(`quota-db-${n++}`, 'files');
    // Number of read-write transactions to let through before one fails (undefined: none fails).
    let failAfter: number | undefined;
    // A store whose read-write transactions are aborted at commit with a quota error, as a
    // browser does when the origin's quota is exhausted.
    const store: UseStore = (mode, callback) =>
      real(mode, async (s) => {
        if (mode !== 'readwrite' || failAfter === undefined) return callback(s);
        if (failAfter-- > 0) return callback(s);
        failAfter = undefined;
        // idb-keyval's callback puts, then waits for the transaction; abort it instead of commit.
        const pending = Promise.resolve(callback(s));
        s.transaction.abort();
        await pending.catch(() => {});
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      });
    const c = make(store);
    const m = { path: 'example.com/q', version: 'v1.0.0' };
    await writeCached(c, m, 'mod', 'module example.com/q\n');
    failAfter = 1; // the .partial marker passes, the tree's transaction fails
    const files = Array.from({ length: 50 }, (_, i) => ({ name: `f${i}.go`, data: enc.encode('package q\n') }));
    const err = await writeExtracted(c, m, files).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CacheQuotaError);
    expect((err as Error).message).toMatch(/^writing module cache \(.*\): browser storage quota exceeded/);
    expect(failAfter).toBeUndefined();
    expect(await c.list('example.com/q@v1.0.0')).toEqual([]);
    expect(await c.read('cache/download/example.com/q/@v/v1.0.0.partial')).toBeUndefined();
    const e2 = await c.write('cache/download/example.com/q/@v/v1.0.0.zip', new Uint8Array(10)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(e2).toBeUndefined();
    failAfter = 0;
    await expect(c.write('cache/download/example.com/q/@v/v1.0.0.info', enc.encode('{}'))).rejects.toBeInstanceOf(CacheQuotaError);
    expect(await c.read('cache/download/example.com/q/@v/v1.0.0.info')).toBeUndefined();
    expect(dec.decode(await c.read('cache/download/example.com/q/@v/v1.0.0.mod'))).toBe('module example.com/q\n');
  });
});
