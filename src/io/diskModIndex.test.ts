// The module index on disk: where it lives and when it is off, records surviving torn appends
// and damage, concurrent processes appending to one shard, the exit flush and compaction.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecord } from '../core/modindex/records';
import { goIndexOff } from '../core/modindex/moduleIndex';
import { DiskModIndex, modIndexDir } from './diskModIndex';

const tmp = mkdtempSync(join(tmpdir(), 'modindex-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('modIndexDir', () => {
  it('follows MODSCOPE_CACHE, XDG_CACHE_HOME, HOME and GODEBUG', () => {
    expect(modIndexDir({ HOME: '/h' })).toBe('/h/.cache/modscope/modindex');
    expect(modIndexDir({ HOME: '/h', XDG_CACHE_HOME: '/x' })).toBe('/x/modscope/modindex');
    expect(modIndexDir({ HOME: '/h', XDG_CACHE_HOME: 'rel' })).toBe('/h/.cache/modscope/modindex');
    expect(modIndexDir({ HOME: '/h', MODSCOPE_CACHE: '/m' })).toBe('/m/modindex');
    expect(modIndexDir({ HOME: '/h', MODSCOPE_CACHE: 'off' })).toBeUndefined();
    expect(modIndexDir({ HOME: '/h', MODSCOPE_CACHE: 'relative' })).toBeUndefined();
    expect(modIndexDir({})).toBeUndefined();
    expect(modIndexDir({ HOME: 'rel' })).toBeUndefined();
    expect(modIndexDir({ HOME: '/h', GODEBUG: 'goindex=0' })).toBeUndefined();
    expect(modIndexDir({ HOME: '/h', MODSCOPE_CACHE: '/m', GODEBUG: 'x=1,goindex=0' })).toBeUndefined();
    expect(modIndexDir({ HOME: '/h', GODEBUG: 'goindex=0,goindex=1' })).toBe('/h/.cache/modscope/modindex');
    expect(goIndexOff('gocachehash=1')).toBe(false);
  });
});

describe('DiskModIndex', () => {
  it('keeps records across opens and skips a torn append', async () => {
    const dir = join(tmp, 'torn');
    const a = new DiskModIndex(dir);
    const s1 = await a.open('s');
    s1.put('["t","a@v1"]', '["x.go"]');
    s1.put('["t","b@v1"]', '["y.go"]');
    a.flush();
    const file = join(dir, 's.idx');
    const rec = encodeRecord('["t","c@v1"]', '["z.go"]');
    appendFileSync(file, rec.slice(0, rec.length - 3)); // a writer died mid-append
    const s2 = await new DiskModIndex(dir).open('s');
    expect(s2.get('["t","a@v1"]')).toBe('["x.go"]');
    expect(s2.get('["t","c@v1"]')).toBeUndefined();
    s2.put('["t","c@v1"]', '["z.go"]'); // rebuilt and appended after the torn bytes
    await new Promise((r) => setImmediate(r)); // the batched flush
    const s3 = await new DiskModIndex(dir).open('s');
    expect([s3.get('["t","a@v1"]'), s3.get('["t","b@v1"]'), s3.get('["t","c@v1"]')]).toEqual(['["x.go"]', '["y.go"]', '["z.go"]']);
  });

  it('ignores a damaged shard and an unwritable directory', async () => {
    const dir = join(tmp, 'damaged');
    const st = new DiskModIndex(dir);
    (await st.open('s')).put('k', '"v"');
    st.flush();
    const file = join(dir, 's.idx');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"v"', '"w"')); // checksum no longer holds
    expect((await new DiskModIndex(dir).open('s')).get('k')).toBeUndefined();
    writeFileSync(join(tmp, 'afile'), '');
    const bad = new DiskModIndex(join(tmp, 'afile', 'sub'));
    const sh = await bad.open('s');
    sh.put('k', '"v"');
    expect(sh.get('k')).toBe('"v"');
    expect(() => bad.flush()).not.toThrow();
  });

  it('compacts a shard that is mostly superseded records', async () => {
    const dir = join(tmp, 'compact');
    const st = new DiskModIndex(dir);
    const sh = await st.open('s');
    const big = JSON.stringify('x'.repeat(4000));
    for (let i = 0; i < 600; i++) sh.put(`k${i % 10}`, big.slice(0, -1) + i + '"');
    st.flush();
    const file = join(dir, 's.idx');
    const before = statSync(file).size;
    expect(before).toBeGreaterThan(1 << 21);
    const again = await new DiskModIndex(dir).open('s');
    expect(statSync(file).size).toBeLessThan(before / 10);
    for (let i = 590; i < 600; i++) expect(again.get(`k${i % 10}`)).toBe(big.slice(0, -1) + i + '"');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  describe('in concurrent processes', () => {
    let script = '';
    beforeAll(async () => {
      script = join(tmp, 'writer.mjs');
      // A writer process: the real store, bundled; records of varied sizes, then exit at once
      // (the exit hook flushes what the batching had not written yet).
      await build({
        stdin: {
          contents: `import { DiskModIndex } from ${JSON.stringify(join(__dirname, 'diskModIndex.ts'))};
            const [dir, id, n] = process.argv.slice(2);
            const st = new DiskModIndex(dir);
            const sh = await st.open('shared');
            for (let i = 0; i < +n; i++) {
              sh.put(JSON.stringify(['t', id, i]), JSON.stringify('v'.repeat((i * 7919) % 20000) + id + i));
              if (i % 25 === 0) await new Promise((r) => setImmediate(r));
            }
            process.exit(0);`,
          resolveDir: __dirname,
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: script,
        logLevel: 'warning',
      });
    });

    it('do not corrupt each other', async () => {
      const dir = join(tmp, 'concurrent');
      const writers = 6;
      const n = 150;
      await Promise.all(
        Array.from({ length: writers }, (_, w) =>
          new Promise<void>((ok, fail) => {
            const p = spawn(process.execPath, [script, dir, `w${w}`, String(n)], { stdio: ['ignore', 'ignore', 'pipe'] });
            let err = '';
            p.stderr.on('data', (d) => (err += d));
            p.on('exit', (c) => (c === 0 ? ok() : fail(new Error(err))));
          }),
        ),
      );
      const t = decodeRecords(readFileSync(join(dir, 'shared.idx'), 'utf8'));
      for (let w = 0; w < writers; w++) {
        for (let i = 0; i < n; i++) expect(t.get(JSON.stringify(['t', `w${w}`, i]))).toBe(JSON.stringify('v'.repeat((i * 7919) % 20000) + `w${w}` + i));
      }
      expect(t.size).toBe(writers * n);
    });
  });
});
