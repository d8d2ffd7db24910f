// The module index must not change what the package loader sees: for every module of Go's
// testdata/mod proxy, for generated universes (scripts/universe/generator.ts) and for trees of
// generated Go files (imports/testgen.ts: syntax errors, constraints, cgo, test files), every
// question PackageFS answers about a module cache directory is the same without an index, with
// an index being built, and from the index alone (a cache that fails every read).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateUniverse } from '../../../scripts/universe/generator';
import type { ModuleCache } from '../cache';
import { anyTags, concreteTags, type Tags } from '../imports/match';
import { Gen } from '../imports/testgen';
import { MemoryCache } from '../memoryCache';
import { PackageFS } from '../modload/packages/fsys';
import type { ModState } from '../modload/state';
import { parseTxtar } from '../txtar';
import { utf8Decode } from '../gostrings';
import { decodeDirRecords, decodeTree, encodeDirRecords } from './moduleIndex';
import { MemoryIndexStore, type ModIndexStore } from './store';

const ROOT = '/gomodcache';
const tagSets: Tags[] = [
  anyTags,
  concreteTags({ goos: 'linux', goarch: 'amd64', cgo: true }),
  concreteTags({ goos: 'windows', goarch: 'arm64' }),
  concreteTags({ goos: 'darwin', goarch: 'amd64', cgo: false }),
];

function fsFor(cache: ModuleCache, store?: ModIndexStore): PackageFS {
  const none = () => {
    throw new Error('no workspace in this test');
  };
  const s = { deps: { cache, modIndex: store }, files: { readDir: none, stat: none, read: none }, mainModules: null, getenv: () => '' };
  return new PackageFS(s as unknown as ModState);
}

/** A cache whose every read fails: what answers must come from the index. */
const failing: ModuleCache = new Proxy(new MemoryCache(ROOT), {
  get(t, k) {
    if (k === 'root') return ROOT;
    return () => Promise.reject(new Error(`cache.${String(k)} called`));
  },
});

interface Mod {
  rel: string;
  files: [string, Uint8Array | string][];
}

/** Every answer PackageFS gives about the module's directories, in one transcript. */
async function transcript(fs: PackageFS, m: Mod, cleanOnly = false): Promise<unknown[]> {
  const root = ROOT + '/' + m.rel;
  const dirs = new Set<string>([root, root + '/nonexistent']);
  for (const [f] of m.files) for (let d = f; d.includes('/'); ) dirs.add(root + '/' + (d = d.slice(0, d.lastIndexOf('/'))));
  const out: unknown[] = [];
  for (const d of [...dirs].sort()) {
    // Unclean paths ("a//b", from a hand-made archive's "/x" file) are never indexed.
    if (cleanOnly && /\/\/|\/$/.test(d)) continue;
    out.push(d, await fs.isDirWithGoFiles(d), await fs.filesIn(d), await fs.entries(d), await fs.exists(d));
    for (const tags of tagSets) out.push(await fs.scanDir(d, tags));
  }
  for (const [f] of m.files) out.push(await fs.exists(root + '/' + f));
  return out;
}

async function checkModules(mods: Mod[]): Promise<{ modules: number; answers: number }> {
  const cache = new MemoryCache(ROOT);
  for (const m of mods) for (const [f, data] of m.files) await cache.write(m.rel + '/' + f, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  const store = new MemoryIndexStore();
  let answers = 0;
  // One PackageFS per phase (as one process each): plain, building the index, index only.
  const plain = fsFor(cache);
  const cold = fsFor(cache, store);
  const warm = fsFor(failing, store);
  const want = new Map<Mod, unknown[]>();
  for (const m of mods) want.set(m, await transcript(plain, m));
  for (const m of mods) expect(await transcript(cold, m), m.rel).toEqual(want.get(m));
  // (an empty tree is never indexed: it may be one not extracted yet)
  for (const m of mods) if (m.files.length > 0) expect(await transcript(warm, m, true), m.rel).toEqual(await transcript(plain, m, true));
  for (const w of want.values()) answers += w.length;
  return { modules: mods.length, answers };
}

describe('module index equivalence', () => {
  it("holds for every module of Go's testdata/mod proxy", async () => {
    const dir = '/usr/share/go-1.23/src/cmd/go/testdata/mod';
    const mods: Mod[] = [];
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.txt')) continue;
      const a = parseTxtar(readFileSync(join(dir, name)));
      const files = a.files.filter((f) => !f.name.startsWith('.')).map((f): [string, Uint8Array] => [f.name, f.data]);
      mods.push({ rel: name.slice(0, -4).replaceAll('_', '/').replace(/\/(v[^/]*)$/, '@$1'), files });
    }
    const r = await checkModules(mods);
    expect(r.modules).toBeGreaterThan(200);
  });

  it('holds for generated universes', async () => {
    for (const seed of [1, 7, 42, 1234]) {
      const u = generateUniverse(seed);
      const mods = u.modules.flatMap((m) => m.versions.map((v): Mod => ({ rel: `${m.path}@${v.version}`, files: v.files.map((f) => [f.name, f.data]) })));
      const r = await checkModules(mods);
      expect(r.modules, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('holds for trees of generated Go files', async () => {
    const seed = 31337;
    const g = new Gen(seed);
    const mods: Mod[] = [];
    for (let i = 0; i < 60; i++) {
      const files = new Map<string, Uint8Array>();
      const subdirs = ['', 'a', 'a/b', '_hidden', 'testdata', '.dot', 'c'];
      for (let k = 0; k < 12; k++) {
        const name = g.fileName();
        if (name === '' || name.includes('/')) continue;
        const d = subdirs[g.int(subdirs.length)];
        let data = new TextEncoder().encode(g.goFile());
        if (g.chance(0.2)) data = g.mutate(data) as Uint8Array<ArrayBuffer>;
        files.set(d === '' ? name : d + '/' + name, data);
      }
      if (g.chance(0.5)) files.set('README.md', new TextEncoder().encode('# x\n'));
      mods.push({ rel: `example.com/gen${i}@v1.0.${i}`, files: [...files] });
    }
    const r = await checkModules(mods);
    expect(r.answers, `seed ${seed}`).toBeGreaterThan(1000);
  });
});

describe('index records', () => {
  it('round-trip names and paths that JSON must escape', () => {
    const files = [
      { name: 'a\u2028b.go', error: false, imports: ['C', 'x/\udcff', 'q"uote'], goBuild: 'linux && !cgo', plusBuild: [] },
      { name: 'e_test.go', error: true, imports: [], goBuild: '', plusBuild: ['linux darwin', '!windows'] },
    ];
    expect(decodeDirRecords(encodeDirRecords(files))).toEqual(files);
    expect(utf8Decode(new TextEncoder().encode(encodeDirRecords(files)))).toBe(encodeDirRecords(files));
  });
  it('reject values not shaped as records', () => {
    for (const t of ['', '{', '{}', '[[1]]', '[["a",0,"x","",[]]]', '[["a",0,[],""]]']) expect(decodeDirRecords(t)).toBeUndefined();
    for (const t of ['', '[1]', '[["", 1]]', '[["", []], 2]']) expect(decodeTree(t)).toBeUndefined();
  });
});
