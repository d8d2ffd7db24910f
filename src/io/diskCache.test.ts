// A module cache written by DiskCache must be accepted by real go as if go had filled it, and
// a cache go filled must read back through DiskCache and serve as a file:// proxy.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { cachePathRel, downloadDir, listCachedVersions, readCached, writeCached, writeExtracted } from '../core/cache';
import { hash1 } from '../core/dirhash';
import { marshalRevInfo } from '../core/source';
import { DiskCache } from './diskCache';
import { fileProxy } from './proxyFile';
import { nodeHasher } from './nodeHasher';

const enc = new TextEncoder();
let work: string;
let proxyDir: string;

interface Mod {
  path: string;
  escPath: string;
  version: string;
  files: Record<string, string>;
}
const mods: Mod[] = [
  { path: 'example.com/a', escPath: 'example.com/a', version: 'v1.0.0', files: { 'go.mod': 'module example.com/a\n\ngo 1.20\n', 'a.go': 'package a\n', 'sub/b.go': 'package sub\n' } },
  { path: 'example.com/a', escPath: 'example.com/a', version: 'v1.2.0', files: { 'go.mod': 'module example.com/a\n\ngo 1.20\n', 'a.go': 'package a // 2\n' } },
  { path: 'example.com/Big', escPath: 'example.com/!big', version: 'v2.0.0+incompatible', files: { 'big.go': 'package big\n' } },
  { path: 'example.com/c/v2', escPath: 'example.com/c/v2', version: 'v2.1.0-RC.1', files: { 'go.mod': 'module example.com/c/v2\n', 'c.go': 'package c\n' } },
];

function runGo(args: string[], env: Record<string, string>, cwd = work): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(GO, args, { cwd, env: goEnv(env) }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

const escVer = (v: string) => v.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-diskcache-'));
  proxyDir = join(work, 'proxy');
  for (const m of mods) {
    const d = join(proxyDir, m.escPath, '@v');
    mkdirSync(d, { recursive: true });
    const ev = escVer(m.version);
    writeFileSync(join(d, ev + '.info'), JSON.stringify({ Version: m.version, Time: '2023-05-06T07:08:09.500Z' }));
    writeFileSync(join(d, ev + '.mod'), m.files['go.mod'] ?? `module ${m.path}\n`);
    const z: Record<string, Uint8Array> = {};
    for (const [n, t] of Object.entries(m.files)) z[`${m.path}@${m.version}/${n}`] = enc.encode(t);
    writeFileSync(join(d, ev + '.zip'), zipSync(z));
    writeFileSync(join(d, 'list'), mods.filter((x) => x.path === m.path).map((x) => x.version).join('\n') + '\n');
  }
});

afterAll(() => {
  // Extracted trees are read-only, as go leaves them.
  for (const dir of [work]) {
    const walk = (p: string) => {
      try {
        if (statSync(p).isDirectory()) {
          chmodSync(p, 0o755);
          for (const n of readdirSync(p)) walk(join(p, n));
        }
      } catch {
        // ignore
      }
    };
    walk(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

async function fill(cache: DiskCache, extract: boolean): Promise<void> {
  const src = fileProxy(proxyDir);
  for (const m of mods) {
    const mv = { path: m.path, version: m.version };
    const info = await src.stat(m.path, m.version);
    await writeCached(cache, mv, 'info', marshalRevInfo(info));
    await writeCached(cache, mv, 'mod', await src.goMod(m.path, m.version));
    const zip = await src.zip(m.path, m.version);
    await writeCached(cache, mv, 'zip', zip);
    const entries = Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data }));
    await writeCached(cache, mv, 'ziphash', await hash1(entries, nodeHasher));
    await writeCached(cache, mv, 'lock', new Uint8Array());
    if (extract) {
      const prefix = `${m.path}@${m.version}/`;
      await writeExtracted(
        cache,
        mv,
        entries.map((e) => ({ name: e.name.slice(prefix.length), data: e.data })),
      );
    }
  }
}

describe('DiskCache and real go', () => {
  for (const extract of [false, true]) {
    it(`go mod download accepts a cache modscope wrote (extracted: ${extract})`, async () => {
      const root = join(work, extract ? 'mc-extracted' : 'mc-zips');
      const cache = new DiskCache(root);
      await fill(cache, extract);
      if (extract) {
        const dl = await downloadDir(cache, { path: 'example.com/a', version: 'v1.0.0' });
        expect(dl.err).toBeUndefined();
        // Read-only dirs and files, as x/mod/zip.Unzip + makeDirsReadOnly leave them.
        expect(statSync(dl.dir).mode & 0o777).toBe(0o555);
        expect(statSync(join(dl.dir, 'sub')).mode & 0o777).toBe(0o555);
        expect(statSync(join(dl.dir, 'a.go')).mode & 0o222).toBe(0);
      }
      for (const m of mods) {
        const r = await runGo(['mod', 'download', '-json', `${m.path}@${m.version}`], { GOMODCACHE: root, GOPROXY: 'off' });
        expect(r.stderr).toBe('');
        const j = JSON.parse(r.stdout) as Record<string, string>;
        expect(j.Error).toBeUndefined();
        const dlDir = `${root}/${m.escPath}@${escVer(m.version)}`;
        expect(j.Dir).toBe(dlDir);
        expect(j.Zip).toBe(`${root}/cache/download/${m.escPath}/@v/${escVer(m.version)}.zip`);
        expect(j.Sum).toBe((await readFile(`${root}/cache/download/${m.escPath}/@v/${escVer(m.version)}.ziphash`, 'utf8')));
      }
      // go list -m -versions reads @v/list from the cache with GOPROXY=off? No: it reports lookup
      // disabled; but a file:// proxy pointed at cache/download serves our list files.
      const r = await runGo(['list', '-m', '-versions', 'example.com/a'], { GOMODCACHE: join(work, 'mc-other'), GOPROXY: 'file://' + root + '/cache/download' });
      expect(r.stdout).toBe('example.com/a v1.0.0 v1.2.0\n');
      expect(await readFile(`${root}/cache/download/example.com/a/@v/list`, 'utf8')).toBe('v1.0.0\nv1.2.0\n');
    });
  }

  it('reads a cache that real go filled, and serves it as a file:// proxy', async () => {
    const root = join(work, 'mc-go');
    for (const m of mods) {
      const r = await runGo(['mod', 'download', '-json', `${m.path}@${m.version}`], { GOMODCACHE: root, GOPROXY: 'file://' + proxyDir });
      expect(JSON.parse(r.stdout).Error).toBeUndefined();
    }
    const cache = new DiskCache(root);
    const listed = await listCachedVersions(cache);
    const key = (x: { path: string; version: string }) => x.path + '@' + x.version;
    expect(listed.map(key).sort()).toEqual(mods.map(key).sort());
    for (const m of mods) {
      const mv = { path: m.path, version: m.version };
      const e = listed.find((x) => key(x) === key(mv))!;
      expect(e.files.sort()).toEqual(['info', 'lock', 'mod', 'zip', 'ziphash']);
      expect(await downloadDir(cache, mv)).toEqual({ dir: `${root}/${m.escPath}@${escVer(m.version)}` });
      // go re-marshals .info (RevInfo) as marshalRevInfo does.
      const info = new TextDecoder().decode(await readCached(cache, mv, 'info'));
      const src = fileProxy(proxyDir);
      expect(info).toBe(marshalRevInfo(await src.stat(m.path, m.version)));
      expect(await readCached(cache, mv, 'zip')).toEqual(new Uint8Array(await readFile(join(proxyDir, cachePathRel(mv, 'zip').replace(/^cache\/download\//, '')))));
      const viaProxy = fileProxy(join(root, 'cache/download'));
      expect(await viaProxy.goMod(m.path, m.version)).toEqual(await readCached(cache, mv, 'mod'));
    }
    expect(await readFile(`${root}/cache/download/example.com/a/@v/list`, 'utf8')).toBe(
      new TextDecoder().decode(await cache.read('cache/download/example.com/a/@v/list')),
    );
    // A .partial marks an incomplete extraction, a missing .ziphash an unverified one.
    const mv = { path: 'example.com/a', version: 'v1.0.0' };
    await cache.write(cachePathRel(mv, 'partial'), new Uint8Array());
    expect((await downloadDir(cache, mv)).err?.message).toBe(`${root}/example.com/a@v1.0.0: not completely extracted`);
    await cache.remove(cachePathRel(mv, 'partial'));
    await cache.remove(cachePathRel(mv, 'ziphash'));
    expect((await downloadDir(cache, mv)).err?.message).toBe(`${root}/example.com/a@v1.0.0: ziphash file is missing`);
  });
});

/** Every path below root (dirs included) with its permission bits, as "rel mode" lines. */
function modes(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const ent of readdirSync(join(root, rel), { withFileTypes: true })) {
      const r = rel === '' ? ent.name : rel + '/' + ent.name;
      out.push(`${r} ${(statSync(join(root, r)).mode & 0o7777).toString(8)}`);
      if (ent.isDirectory()) walk(r);
    }
  };
  walk('');
  return out.sort();
}

describe('-modcacherw vs real go (fetch.go: download skips makeDirsReadOnly under cfg.ModCacheRW)', () => {
  // [name, command line, GOFLAGS]
  const dl = ['mod', 'download'];
  const cases: Array<[string, string[], string]> = [
    ['default (read-only directories)', dl, ''],
    ['-modcacherw', [...dl, '-modcacherw'], ''],
    ['--modcacherw=true', [...dl, '--modcacherw=true'], ''],
    ['GOFLAGS=-modcacherw', dl, '-modcacherw'],
    ['GOFLAGS=-modcacherw, -modcacherw=false', [...dl, '-modcacherw=false'], '-modcacherw'],
    ['GOFLAGS=-modcacherw=false, -modcacherw', [...dl, '-modcacherw'], '-modcacherw=false'],
    ['GOFLAGS=-modcacherw=0', dl, '-modcacherw=0'],
    ['go mod tidy -modcacherw', ['mod', 'tidy', '-modcacherw'], ''],
    ['go list -m -json all, GOFLAGS=-modcacherw', ['list', '-m', '-json', 'all'], '-modcacherw'],
  ];
  const gomod = 'module example.com/m\n\ngo 1.20\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/c/v2 v2.1.0-RC.1\n)\n';
  for (const [i, [name, args, goflags]] of cases.entries()) {
    it(name, async () => {
      const got: Record<string, unknown> = {};
      for (const tool of ['go', 'ours']) {
        const root = join(work, `rw${i}-${tool}`);
        const m = join(root, 'm');
        mkdirSync(m, { recursive: true });
        writeFileSync(join(m, 'go.mod'), gomod);
        writeFileSync(join(m, 'x.go'), 'package m\n\nimport (\n\t_ "example.com/a"\n\t_ "example.com/a/sub"\n)\n');
        const env = { GOMODCACHE: join(root, 'cache'), GOPROXY: 'file://' + proxyDir, GOFLAGS: goflags };
        let r: { stdout: string; stderr: string; code: number };
        if (tool === 'go') r = await runGo(args, env, m);
        else {
          const { runCommand } = await import('../cli/main');
          r = { stdout: '', stderr: '', code: 0 };
          const out = r;
          out.code = await runCommand(args, { cwd: m, env: goEnv(env), stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s) });
        }
        got[tool] = { ...r, modes: modes(join(root, 'cache')) };
      }
      expect(got.ours).toEqual(got.go);
    });
  }
});

describe('a cache directory removed behind a DiskCache', () => {
  it('is made again for the next file and tree, as go would make it', async () => {
    const root = join(work, 'removed');
    const cache = new DiskCache(root, { modCacheRW: true });
    const m = { path: 'example.com/a', version: 'v1.0.0' };
    await writeCached(cache, m, 'info', '{}');
    await writeExtracted(cache, m, [{ name: 'a.go', data: enc.encode('package a\n') }]);
    rmSync(root, { recursive: true, force: true });
    await writeCached(cache, m, 'mod', 'module example.com/a\n');
    await writeExtracted(cache, m, [{ name: 'sub/b.go', data: enc.encode('package sub\n') }]);
    expect(await cache.list('')).toEqual(['cache/download/example.com/a/@v/list', 'cache/download/example.com/a/@v/v1.0.0.mod', 'example.com/a@v1.0.0/sub/b.go']);
  });
});
