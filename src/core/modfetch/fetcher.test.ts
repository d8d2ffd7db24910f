// The fetch layer in memory (TxtarProxy over cmd/go's testdata/mod, MemoryCache): the checksum
// database hook and when it is consulted (GOSUMDB=off, GONOSUMDB), go.sum recording, progress,
// cancellation. The hashes compared against are computed by real go in this test.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAll, runGoIn, txtarProxyDir } from '../../cli/fetchTestHarness';
import { fileURLFromPath } from '../../io/proxyFile';
import { nodeHasher } from '../../io/nodeHasher';
import { GoSumState } from '../gosum';
import { MemoryCache } from '../memoryCache';
import { TxtarProxy } from '../proxyTxtar';
import type { ModuleVersion } from '../module';
import { Fetcher, NoSumDBError, type SumDB } from './fetcher';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../../../scripts/gotool.mjs';

const quote = { path: 'rsc.io/quote', version: 'v1.5.2' };
let goSums: { Sum: string; GoModSum: string };
let proxy: TxtarProxy;
const work = mkdtempSync(join(tmpdir(), 'modscope-fetcher-'));
afterAll(() => removeAll(work));

beforeAll(() => {
  const src = join(GOROOT_SRC as string, 'cmd/go/testdata/mod');
  proxy = new TxtarProxy(readdirSync(src).filter((f) => f.startsWith('rsc.io_')).map((f) => [f, readFileSync(join(src, f), 'utf8')] as const));
  // The real sums, from real go over the same archives.
  const dir = join(work, 'proxy');
  txtarProxyDir(dir, ['rsc.io/quote']);
  mkdirSync(join(work, 'out'));
  const r = runGoIn(join(work, 'out'), ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { GOPROXY: fileURLFromPath(dir), GOMODCACHE: join(work, 'cache'), GOFLAGS: '-modcacherw' });
  goSums = JSON.parse(r.stdout) as typeof goSums;
});

function fetcher(o: { GOSUMDB?: string; GONOSUMDB?: string; sumdb?: SumDB; goSum?: GoSumState; signal?: AbortSignal; progress?: (p: { bytes?: number }) => void } = {}) {
  return new Fetcher({
    source: proxy.client(),
    cache: new MemoryCache(),
    hasher: nodeHasher,
    sumdb: o.sumdb,
    goSum: o.goSum,
    env: { GOSUMDB: o.GOSUMDB ?? 'off', GONOSUMDB: o.GONOSUMDB ?? '' },
    signal: o.signal,
    progress: o.progress,
  });
}

class RecordingDB implements SumDB {
  readonly name = 'sum.example.org';
  readonly asked: string[] = [];
  constructor(private readonly lines: (m: ModuleVersion) => string[]) {}
  async lookup(m: ModuleVersion) {
    this.asked.push(`${m.path}@${m.version}`);
    return this.lines(m);
  }
}

describe('Fetcher', () => {
  it('hashes like go and records new sums in go.sum', async () => {
    const goSum = GoSumState.load('/m/go.sum', '');
    const f = fetcher({ goSum });
    expect(await f.goModSum(quote.path, quote.version)).toBe(goSums.GoModSum);
    await f.download(quote);
    expect(await f.sum(quote)).toBe(goSums.Sum);
    const text = goSum.write('', () => true);
    expect(text).toBe(`rsc.io/quote v1.5.2 ${goSums.Sum}\nrsc.io/quote v1.5.2/go.mod ${goSums.GoModSum}\n`);
  });

  it('does not consult a checksum database with GOSUMDB=off or for GONOSUMDB paths', async () => {
    for (const env of [{ GOSUMDB: 'off' }, { GOSUMDB: 'sum.golang.org', GONOSUMDB: 'rsc.io' }]) {
      const db = new RecordingDB(() => []);
      await fetcher({ ...env, sumdb: db }).download(quote);
      expect(db.asked).toEqual([]);
    }
  });

  it('consults the checksum database for sums not in go.sum, and not for those in it', async () => {
    const db = new RecordingDB((m) => [`${m.path} ${m.version} ${m.version.endsWith('/go.mod') ? goSums.GoModSum : goSums.Sum}`]);
    const f = fetcher({ GOSUMDB: 'sum.golang.org', sumdb: db, goSum: GoSumState.load('/m/go.sum', '') });
    await f.goMod(quote.path, quote.version);
    await f.download(quote);
    expect(db.asked).toEqual(['rsc.io/quote@v1.5.2/go.mod', 'rsc.io/quote@v1.5.2']);
    const db2 = new RecordingDB(() => []);
    const goSum = GoSumState.load('/m/go.sum', `rsc.io/quote v1.5.2 ${goSums.Sum}\nrsc.io/quote v1.5.2/go.mod ${goSums.GoModSum}\n`);
    const f2 = fetcher({ GOSUMDB: 'sum.golang.org', sumdb: db2, goSum });
    await f2.goMod(quote.path, quote.version);
    await f2.download(quote);
    expect(db2.asked).toEqual([]);
  });

  it('rejects a download the checksum database disagrees with', async () => {
    const other = 'h1:' + 'B'.repeat(43) + '=';
    const db = new RecordingDB((m) => [`${m.path} ${m.version} ${other}`]);
    const err = await fetcher({ GOSUMDB: 'sum.golang.org', sumdb: db }).goMod(quote.path, quote.version).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg.startsWith('rsc.io/quote@v1.5.2: verifying go.mod: checksum mismatch\n')).toBe(true);
    expect(msg).toContain(`downloaded: ${goSums.GoModSum}`);
    expect(msg).toContain(`sum.example.org: ${other}`);
    expect(msg).toContain('does NOT match the one reported by the checksum server');
  });

  it('fails clearly when GOSUMDB is on and no checksum database is configured', async () => {
    const err = await fetcher({ GOSUMDB: 'sum.golang.org' }).goMod(quote.path, quote.version).catch((e: Error) => e);
    expect((err as Error).message).toBe(`rsc.io/quote@v1.5.2: verifying go.mod: ${new NoSumDBError('sum.golang.org').message}`);
  });

  it('reports progress and stops when aborted', async () => {
    const seen: number[] = [];
    const f = fetcher({ progress: (p) => seen.push(p.bytes ?? 0) });
    await f.download(quote);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(f.stats.bytes);
    expect(f.stats.zips).toBe(1);
    const ac = new AbortController();
    ac.abort();
    await expect(fetcher({ signal: ac.signal }).download(quote)).rejects.toThrow();
  });
});
