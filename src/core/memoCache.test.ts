// MemoCache must answer exactly as the store behind it would, while asking it almost nothing:
// random sequences of reads, stats, listings, writes and removals run on a MemoCache over one
// MemoryCache and on a second MemoryCache alone, answer for answer; a store that counts its calls
// shows what is remembered; failed and outside changes are not hidden.
import { describe, expect, it } from 'vitest';
import type { CacheFile, ModuleCache } from './cache';
import { MemoryCache } from './memoryCache';
import { MemoCache } from './memoCache';
import { mulberry32 as rng } from './rng';

const enc = new TextEncoder();

/** A MemoryCache with the optional stats of a disk cache, counting calls, failing on demand. */
class CountingCache extends MemoryCache {
  calls: Record<string, number> = {};
  /** The next writeTree writes its first file, then fails (a store without atomic trees). */
  failNextTree = false;
  private count(op: string) {
    this.calls[op] = (this.calls[op] ?? 0) + 1;
  }
  override async read(rel: string) {
    this.count('read');
    return super.read(rel);
  }
  override async exists(rel: string) {
    this.count('exists');
    return super.exists(rel);
  }
  override async list(dir: string) {
    this.count('list');
    return super.list(dir);
  }
  override async writeTree(dir: string, files: readonly CacheFile[]) {
    if (this.failNextTree) {
      this.failNextTree = false;
      await super.writeTree(dir, files.slice(0, 1));
      throw new Error('disk full');
    }
    return super.writeTree(dir, files);
  }
  async statExists(rel: string) {
    this.count('statExists');
    return super.exists(rel);
  }
  async statRegular(rel: string) {
    this.count('statRegular');
    return (await super.read(rel)) !== undefined;
  }
  async readDirNames(rel: string) {
    this.count('readDirNames');
    const r = rel.replace(/^\/+|\/+$/g, '');
    const below = await super.list(r);
    if (below.length === 0) return undefined;
    return [...new Set(below.map((k) => k.slice(r === '' ? 0 : r.length + 1).split('/')[0]!))];
  }
}

// Few names, so that files, directories and both at once (a and a/b) collide often.
const names = ['', 'a', 'b', 'a/b', 'a/c', 'a/b/c', 'a/b/d', 'b/x', 'cache/download/m/@v/v1.0.0.mod', 'cache/download/m/@v', 'm@v1.0.0/p/x.go'];

async function step(c: ModuleCache, r: () => number): Promise<unknown> {
  const pick = () => names[Math.floor(r() * names.length)]!;
  const op = Math.floor(r() * 12);
  let k = pick();
  if (k === '' && op <= 3) k = 'a'; // no file is named '' (removeTree('') is go clean -modcache)
  const d = enc.encode(String(Math.floor(r() * 4)).repeat(Math.floor(r() * 40)));
  const q = async <T>(f: () => Promise<T>) => f().then(
    (v) => ({ op, k, ok: v instanceof Uint8Array ? [...v] : v }),
    (e: unknown) => ({ op, k, err: String(e) }),
  );
  switch (op) {
    case 0:
    case 1:
      return q(() => c.write(k, d));
    case 2:
      return q(() => c.remove(k));
    case 3:
      return q(() => c.writeTree(k, [{ name: 'f', data: d }, { name: 'g/h', data: d }]));
    case 4:
      return q(() => c.removeTree(k));
    case 5:
    case 6:
      return q(async () => {
        const v = await c.read(k);
        if (v) v[0] = 0; // callers may change what they were given
        return v;
      });
    case 7:
      return q(() => c.exists(k));
    case 8:
      return q(() => c.list(k));
    case 9:
      return q(() => c.statExists!(k));
    case 10:
      return q(() => c.statRegular!(k));
    default:
      return q(async () => (await c.readDirNames!(k))?.sort());
  }
}

describe('MemoCache', () => {
  it('answers as the store alone does over random operation sequences', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const plain = new CountingCache();
      const memo = new MemoCache(new CountingCache(), { budget: seed % 3 === 0 ? 64 : undefined, maxFile: seed % 5 === 0 ? 16 : undefined });
      const r1 = rng(seed);
      const r2 = rng(seed);
      for (let i = 0; i < 60; i++) {
        const a = await step(plain, r1);
        const b = await step(memo, r2);
        if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`seed ${seed} step ${i}: store ${JSON.stringify(a)}, memo ${JSON.stringify(b)}`);
      }
      expect(await memo.list('')).toEqual(await plain.list(''));
    }
  });

  it('lists the store once and then reads each file once', async () => {
    const inner = new CountingCache();
    await inner.write('cache/download/m/@v/v1.0.0.mod', enc.encode('module m\n'));
    await inner.writeTree('m@v1.0.0', [{ name: 'p/x.go', data: enc.encode('package p\n') }]);
    const c = new MemoCache(inner);
    for (let i = 0; i < 5; i++) {
      expect(new TextDecoder().decode(await c.read('cache/download/m/@v/v1.0.0.mod'))).toBe('module m\n');
      expect(await c.read('cache/download/m/@v/v1.0.0.zip')).toBeUndefined();
      expect(await c.exists('m@v1.0.0/p')).toBe(true);
      expect(await c.statExists!('m@v1.0.0/q')).toBe(false);
      expect(await c.readDirNames!('m@v1.0.0')).toEqual(['p']);
      expect(await c.list('m@v1.0.0')).toEqual(['m@v1.0.0/p/x.go']);
      expect(await c.read('m@v1.0.0/p/x.go')).toBeDefined();
    }
    expect(inner.calls).toEqual({ list: 1, read: 2 });
  });

  it('serves the files written through it without reading them back', async () => {
    const inner = new CountingCache();
    const c = new MemoCache(inner);
    await c.write('cache/download/m/@v/v1.0.0.zip', new Uint8Array(3));
    await c.writeTree('m@v1.0.0', [{ name: 'go.mod', data: enc.encode('module m\n') }, { name: 'p/x.go', data: enc.encode('package p\n') }]);
    expect(new TextDecoder().decode(await c.read('m@v1.0.0/p/x.go'))).toBe('package p\n');
    expect(await c.read('cache/download/m/@v/v1.0.0.zip')).toEqual(new Uint8Array(3));
    expect(await c.list('m@v1.0.0')).toEqual(['m@v1.0.0/go.mod', 'm@v1.0.0/p/x.go']);
    expect(inner.calls).toEqual({ list: 1 });
  });

  it('asks the store itself while its listing fails, and lists again at the next use', async () => {
    const inner = new CountingCache();
    await inner.write('a', enc.encode('1'));
    let fail = 1;
    const list = inner.list.bind(inner);
    inner.list = async (dir: string) => {
      if (dir === '' && fail-- > 0) {
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('storage unavailable');
      }
      return list(dir);
    };
    const c = new MemoCache(inner);
    // a change made while the first listing is under way, which then fails
    const [there] = await Promise.all([c.exists('a'), c.write('b', enc.encode('2'))]);
    expect(there).toBe(true); // answered by the store
    expect(await c.list('')).toEqual(['a', 'b']); // listed again
    expect(await c.exists('zzz')).toBe(false);
    expect(inner.calls.exists).toBe(1);
  });

  it('keeps to its byte budget, and reads larger files through every time', async () => {
    const inner = new CountingCache();
    for (const k of ['a', 'b', 'c']) await inner.write(k, new Uint8Array(40));
    await inner.write('big', new Uint8Array(100));
    const c = new MemoCache(inner, { budget: 80, maxFile: 50 });
    for (const k of ['a', 'b', 'c', 'a', 'big', 'big']) await c.read(k);
    // a and b fill the budget; c drops a; a again drops b; big is never kept
    expect(inner.calls.read).toBe(6);
    await c.read('c');
    await c.read('a');
    expect(inner.calls.read).toBe(6);
  });

  it('sees a change made behind its back only after invalidate()', async () => {
    const inner = new CountingCache();
    await inner.write('a', enc.encode('1'));
    const c = new MemoCache(inner);
    expect(await c.read('a')).toEqual(enc.encode('1'));
    await inner.write('a', enc.encode('2'));
    await inner.write('b', enc.encode('3'));
    expect(await c.read('a')).toEqual(enc.encode('1'));
    expect(await c.exists('b')).toBe(false);
    c.invalidate();
    expect(await c.read('a')).toEqual(enc.encode('2'));
    expect(await c.exists('b')).toBe(true);
  });

  it('after a failed change lists the store anew, and tells onChange of every change', async () => {
    const inner = new CountingCache();
    let changes = 0;
    const c = new MemoCache(inner, { onChange: () => changes++ });
    expect(await c.list('')).toEqual([]);
    inner.failNextTree = true;
    await expect(c.writeTree('t', [{ name: 'f1', data: enc.encode('x') }, { name: 'f2', data: enc.encode('y') }])).rejects.toThrow('disk full');
    expect(await c.list('t')).toEqual(['t/f1']);
    await c.write('u', enc.encode('z'));
    await c.removeTree('t');
    expect(await c.list('')).toEqual(['u']);
    expect(changes).toBe(3);
    expect(inner.calls.list).toBe(2);
  });
});
