import { describe, expect, it } from 'vitest';
import { MemoryCache } from './memoryCache';

describe('MemoryCache.removeTree', () => {
  it("removes a subtree, and everything for '' (go clean -modcache)", async () => {
    const c = new MemoryCache();
    const b = new Uint8Array([1]);
    for (const f of ['cache/download/a/@v/v1.0.0.zip', 'a@v1.0.0/x.go', 'a@v1.0.0x/y.go', 'b@v1.0.0/z.go']) await c.write(f, b);
    await c.removeTree('a@v1.0.0');
    expect(await c.list('')).toEqual(['a@v1.0.0x/y.go', 'b@v1.0.0/z.go', 'cache/download/a/@v/v1.0.0.zip']);
    await c.removeTree('');
    expect(await c.list('')).toEqual([]);
  });
});
