// Differential tests of module zip handling against Go 1.23: golang.org/x/mod/zip through the
// oracle (CheckZip, Unzip, CheckFiles, Create, CreateFromDir, and cmd/go's download checks),
// and the real go command (`go mod download -json` from a file:// GOPROXY).
import { replaceEscapedBytes } from './gostrings';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC, goEnv } from '../../scripts/gotool.mjs';
import { escapePath, escapeVersion, type ModuleVersion, unescapePath, unescapeVersion } from './module';
import {
  checkDownloadedZip,
  checkFiles,
  checkZip,
  createModuleZip,
  createModuleZipFromDir,
  type ModuleFile,
  MaxGoMod,
  MaxLICENSE,
  MaxZipFile,
  proxyTestZip,
  type RawZipEntry,
  unzipModule,
  writeZip,
} from './modzip';
import { foldPairs, strToFold } from './modzip/fold';
import { compareBytes, utf8 } from './modzip/gostr';
import { parseTxtar } from './txtar';
import { deflateSync } from 'fflate';
import { mulberry32 } from './rng';

const SEED = Number(process.env.MODZIP_SEED ?? 20240601);
const ADVERSARIAL_ZIPS = 2000;
const ADVERSARIAL_TREES = 400;
const CORRUPT_ZIPS = 500;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const byName = (a: { name: string }, b: { name: string }) => compareBytes(utf8(a.name), utf8(b.name));

type GoChecked = {
  valid: string[];
  omitted: { path: string; err: string }[];
  invalid: { path: string; err: string }[];
  sizeError: string | null;
  err: string | null;
};
type GoFile = { name: string; data: string };
type GoDownload = { stage: string; err?: string; hash?: string; files?: GoFile[] };

function plainChecked(cf: ReturnType<typeof checkZip> | ReturnType<typeof checkFiles>): GoChecked {
  return {
    valid: cf.valid,
    omitted: cf.omitted.map((e) => ({ path: e.path, err: e.err.message })),
    invalid: cf.invalid.map((e) => ({ path: e.path, err: e.err.message })),
    sizeError: cf.sizeError?.message ?? null,
    err: cf.err?.message ?? null,
  };
}

function attempt<T>(f: () => T): { ok: T } | { err: string } {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

/** dirhash.Hash1 over (name bytes, data) pairs, for comparing with the oracle's HashZip. */
function hash1(files: { nameBytes: Uint8Array; data: Uint8Array }[]): string {
  const sorted = [...files].sort((a, b) => compareBytes(a.nameBytes, b.nameBytes));
  const h = createHash('sha256');
  for (const f of sorted) {
    h.update(createHash('sha256').update(f.data).digest('hex') + '  ');
    h.update(f.nameBytes);
    h.update('\n');
  }
  return 'h1:' + h.digest('base64');
}

/**
 * Our values as Go's encoding/json shows them: zip entry names and the errors quoting them carry
 * invalid UTF-8 as escaped bytes (gostrings.utf8Decode), which the oracle's JSON (and go's
 * -json output) turns into U+FFFD.
 */
function viaJSON<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? replaceEscapedBytes(x) : x))) as T;
}

/** What our code says about a downloaded zip, in the oracle's zip.download shape. */
function ourDownload(mod: ModuleVersion, zip: Uint8Array, zipPath = '$ZIP'): { err: string } | { hash: string; files: GoFile[] } {
  try {
    const r = checkDownloadedZip(mod, zip, { zipPath });
    return viaJSON({
      hash: hash1(r.hashFiles),
      files: r.files.sort(byName).map((f) => ({ name: f.name, data: b64(f.data) })),
    });
  } catch (e) {
    return viaJSON({ err: (e as Error).message });
  }
}

function goDownloadShape(g: GoDownload): { err: string } | { hash: string; files: GoFile[] } {
  return g.stage === 'ok' ? { hash: g.hash!, files: g.files ?? [] } : { err: g.err! };
}

/** Runs all four zip-reading comparisons for one zip; returns the mismatches. */
async function compareZip(o: GoOracle, mod: ModuleVersion, zip: Uint8Array): Promise<string[]> {
  const z = b64(zip);
  const [gCheck, gUnzip, gDown] = await Promise.all([
    o.value<GoChecked>('zip.check', mod.path, mod.version, z),
    o.call<GoFile[]>('zip.unzip', mod.path, mod.version, z),
    o.value<GoDownload>('zip.download', mod.path, mod.version, z),
  ]);
  const bad: string[] = [];
  const mine = viaJSON(plainChecked(checkZip(mod, zip)));
  if (JSON.stringify(mine) !== JSON.stringify(gCheck)) bad.push(`checkZip: ours ${JSON.stringify(mine)} go ${JSON.stringify(gCheck)}`);
  const u = viaJSON(attempt(() => unzipModule(mod, zip, { zipPath: '$ZIP' }).sort(byName).map((f) => ({ name: f.name, data: b64(f.data) }))));
  const gu = gUnzip.err !== undefined ? { err: gUnzip.err } : { ok: gUnzip.ok };
  if (JSON.stringify(u) !== JSON.stringify(gu)) bad.push(`unzip: ours ${JSON.stringify(u).slice(0, 400)} go ${JSON.stringify(gu).slice(0, 400)}`);
  const d = ourDownload(mod, zip);
  const gd = goDownloadShape(gDown);
  if (JSON.stringify(d) !== JSON.stringify(gd)) bad.push(`download: ours ${JSON.stringify(d).slice(0, 400)} go ${JSON.stringify(gd).slice(0, 400)}`);
  return bad;
}

type TreeFile = ModuleFile & { data: Uint8Array };
const goTree = (files: TreeFile[]) =>
  files.map((f) => ({ name: f.name, data: b64(f.data), mode: f.mode === 'other' ? 'pipe' : (f.mode ?? 'file'), size: f.size ?? null }));

/** Compares checkFiles, Create and (optionally) CreateFromDir for one file tree. */
async function compareTree(o: GoOracle, mod: ModuleVersion, files: TreeFile[], fromDir: boolean): Promise<string[]> {
  const tree = goTree(files);
  const [gCheck, gCreate, gDir] = await Promise.all([
    o.value<GoChecked>('zip.checkFiles', tree),
    o.call<GoFile[]>('zip.create', mod.path, mod.version, tree),
    fromDir ? o.call<GoFile[]>('zip.createFromDir', mod.path, mod.version, tree) : Promise.resolve(undefined),
  ]);
  const bad: string[] = [];
  const mine = plainChecked(checkFiles(files));
  if (JSON.stringify(mine) !== JSON.stringify(gCheck)) bad.push(`checkFiles: ours ${JSON.stringify(mine)} go ${JSON.stringify(gCheck)}`);
  // Our zip, as Go's archive/zip reads it back, must hold the entries Go's Create writes.
  const ours = async (make: () => Uint8Array) => {
    const r = attempt(make);
    if ('err' in r) return r;
    const e = await o.call<GoFile[]>('zip.entries', b64(r.ok));
    return e.err !== undefined ? { readErr: e.err } : { ok: e.ok };
  };
  const c = await ours(() => createModuleZip(mod, files));
  const gc = gCreate.err !== undefined ? { err: gCreate.err } : { ok: gCreate.ok };
  if (JSON.stringify(c) !== JSON.stringify(gc)) bad.push(`create: ours ${JSON.stringify(c).slice(0, 400)} go ${JSON.stringify(gc).slice(0, 400)}`);
  if (gDir) {
    const cd = await ours(() => createModuleZipFromDir(mod, files, { dir: '$DIR' }));
    const gcd = gDir.err !== undefined ? { err: gDir.err } : { ok: gDir.ok };
    if (JSON.stringify(cd) !== JSON.stringify(gcd)) bad.push(`createFromDir: ours ${JSON.stringify(cd).slice(0, 400)} go ${JSON.stringify(gcd).slice(0, 400)}`);
  }
  return bad;
}

// ---------------------------------------------------------------------------
// Go's own proxy modules (cmd/go/testdata/mod/*.txt), zipped as cmd/go's test proxy zips them.

interface ProxyModule {
  file: string;
  mod: ModuleVersion;
  files: { name: string; data: Uint8Array }[];
}

function proxyModules(): ProxyModule[] {
  const dir = join(GOROOT_SRC as string, 'cmd/go/testdata/mod');
  const out: ProxyModule[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.txt')) continue;
    const name = file.slice(0, -4);
    const i = name.lastIndexOf('_v');
    if (i < 0) continue;
    let mod: ModuleVersion;
    try {
      mod = { path: unescapePath(name.slice(0, i).replaceAll('_', '/')), version: unescapeVersion(name.slice(i + 1)) };
    } catch {
      continue; // proxy_test.go: readModList skips these too
    }
    out.push({ file, mod, files: parseTxtar(readFileSync(join(dir, file))).files });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Seeded generator of adversarial zips and file trees.

const NAME_TAILS: (string | number[])[] = [
  'go.mod', 'go.mod', 'a.go', 'a.go', 'sub/b.go', 'LICENSE', 'README.md', 'sub/', 'sub/c.go', 'sub/go.mod',
  'vendor/x/y.go', 'vendor/modules.txt', 'x/vendor/y/z.go', 'x/vendor/y', 'nested/go.mod', 'nested/n.go',
  '.hg_archival.txt', 'GO.MOD', 'Go.mod', 'sub/GO.MOD', 'A.go', 'A.GO', '\u212a.go', 'k.go', 'K.go', '\u017f.go', 'S.go',
  '\u03a3', '\u03c3', '\u03c2', '\u01c5', '\u01c4', '\u01c6', 'é.go', 'É.go', 'e\u0301.go', '日本.go', '😀.go',
  '../x.go', './a.go', 'a//b.go', 'a/../b.go', '/abs.go', 'a\\b.go', 'sub\\c.go', 'CON', 'aux.txt', 'com1.go',
  'lpt9', 'Nul.x', 'a:b', 'a*b', 'a?b', 'a"b', 'a<b', 'a|b', 'a\tb', 'a b.go', '-dash.go', 'GIT~1', '.git/config',
  '.hidden', 'a.', '...', '..', '.', '', 'sub', 'sub/x', 'a\nb', 'a/', 'a/b/', 'a/b/c',
  [0xff], [0x61, 0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0x73, 0x75, 0x62, 0x2f, 0xfe],
];

const MODS: ModuleVersion[] = [
  { path: 'example.com/m', version: 'v1.0.0' },
  { path: 'example.com/m', version: 'v1.0' },
  { path: 'example.com/m/v2', version: 'v1.0.0' },
  { path: 'example.com/m', version: 'v2.0.0+incompatible' },
  { path: 'gopkg.in/yaml.v2', version: 'v2.1.0' },
  { path: 'Example.com/m', version: 'v1.0.0' },
  { path: 'example.com/m', version: 'v1.0.0-20240101000000-abcdefabcdef' },
];

// Varied text, so that deflate uses dynamic Huffman codes and long distances.
const TEXT = Array.from({ length: 400 }, (_, i) => `line ${i * 7919 % 1000} of the ${['quick', 'lazy', 'brown'][i % 3]} module\n`).join('');

const MILD_TAILS = ['go.mod', 'a.go', 'sub/b.go', 'sub/', 'LICENSE', 'vendor/x/y.go', 'x/vendor/y', '.hg_archival.txt', 'README', '日本.go', 'a b.go'];

function genZip(rng: () => number, corrupt = false): { mod: ModuleVersion; zip: Uint8Array } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number) => rng() < p;
  const mod = chance(0.85) ? MODS[0]! : pick(MODS);
  if (chance(0.03)) return { mod, zip: utf8(pick(['', 'PK', 'garbage not a zip at all', 'PK\x05\x06'])) };
  const prefix = `${mod.path}@${mod.version}/`;
  const entries: RawZipEntry[] = [];
  const n = Math.floor(rng() * 7);
  // A third of the archives draw only from plausible names, so that many get extracted.
  const tails = chance(0.33) ? MILD_TAILS : NAME_TAILS;
  for (let i = 0; i < n; i++) {
    const tail = pick(tails);
    const tailBytes = typeof tail === 'string' ? utf8(tail) : new Uint8Array(tail);
    let pre = utf8(prefix);
    if (chance(0.06)) {
      pre = utf8(pick(['example.com/m@v1.0.1/', 'example.com/M@v1.0.0/', '', 'example.com/m@v1.0.0', 'example.com/m/', 'x/']));
    }
    const name = new Uint8Array([...pre, ...tailBytes]);
    const data = utf8(chance(0.2) ? '' : pick(['package a\n', 'module example.com/m\n', 'x'.repeat(Math.floor(rng() * 3000)), 'hello\n', TEXT.slice(0, Math.floor(rng() * TEXT.length))]));
    const e: RawZipEntry = { name, data, method: chance(0.2) ? 0 : 8 };
    if (chance(0.03)) e.method = pick([12, 14, 99]);
    if (chance(0.05)) e.crc32 = 0x12345678;
    if (chance(0.04)) e.crc32 = 0;
    if (chance(0.1)) {
      e.uncompressedSize = pick<bigint | number>([
        data.length + 1, Math.max(0, data.length - 1), MaxGoMod + 1, MaxLICENSE, MaxLICENSE + 1, 300 << 20, 600 << 20,
        0xffffffff, 1n << 63n, (1n << 64n) - 1n, 0,
      ]);
    }
    if (chance(0.04)) e.compressedSize = pick([0, 1, 5, 100000]);
    if (chance(0.05)) e.zip64 = true;
    if (chance(0.08)) e.externalAttrs = pick([(0o120777 << 16) >>> 0, (0o40755 << 16) >>> 0, (0o10644 << 16) >>> 0, 0x10]);
    if (chance(0.06)) e.dataDescriptor = pick(['sig', 'nosig'] as const);
    if (chance(0.03)) e.descriptorCrc32 = 1;
    if (corrupt && e.method === 8 && chance(0.7)) {
      // Flip bits or cut the stream; level 0 gives stored blocks, 9 dynamic Huffman blocks.
      const body = deflateSync(data, { level: pick([0, 1, 6, 9] as const) });
      for (let k = 1 + Math.floor(rng() * 3); k > 0; k--) body[Math.floor(rng() * body.length)] ^= 1 << Math.floor(rng() * 8);
      e.body = chance(0.2) ? body.subarray(0, Math.floor(rng() * body.length)) : body;
    }
    entries.push(e);
    if (chance(0.08)) entries.push({ ...e }); // duplicate
  }
  let zip = writeZip(entries, chance(0.05) ? { comment: utf8('a comment') } : {});
  if (chance(0.03)) zip = zip.subarray(0, Math.max(0, zip.length - 1 - Math.floor(rng() * 40)));
  if (chance(0.03)) zip = new Uint8Array([...utf8('junk before the archive'), ...zip]);
  return { mod, zip };
}

const TREE_NAMES = [
  'go.mod', 'a.go', 'sub/b.go', 'sub/go.mod', 'sub/inner/c.go', 'LICENSE', 'vendor/modules.txt', 'vendor/x/y.go',
  'x/vendor/y.go', 'x/vendor/y/z.go', 'a-b.go', 'a/b.go', 'a.b/c.go', '.hg_archival.txt', 'sub/.hg_archival.txt',
  'GO.MOD', 'Go.mod', 'inner/GO.MOD', 'inner/x.go', 'A.go', 'aa/A.go', 'aa/a.go', '\u212a', 'k', 'CON', 'com1.go',
  'a:b', 'a b', '日本.go', '😀', '.git/config', '.git/HEAD', '.hg/x', '.svn/y', '.bzr/z', 'vcs/.git/config', 'é', 'É',
  'q/.hidden', 'a.', 'z~1', 'LICENSE.txt', 'sub/LICENSE',
];
const BAD_TREE_NAMES = ['./a.go', 'a//b.go', '../x.go', '/abs.go', 'a/../b.go', 'a\\b.go', 'a/', ''];

function genTree(rng: () => number, forDir: boolean): TreeFile[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number) => rng() < p;
  const files: TreeFile[] = [];
  const n = 1 + Math.floor(rng() * 8);
  const taken: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = !forDir && chance(0.1) ? pick(BAD_TREE_NAMES) : pick(TREE_NAMES);
    // A directory tree cannot hold a name twice, or a name as both file and directory.
    if (forDir && taken.some((t) => t === name || t.startsWith(name + '/') || name.startsWith(t + '/'))) continue;
    taken.push(name);
    const f: TreeFile = { name, data: utf8(chance(0.5) ? `content of ${name}\n` : '') };
    if (chance(0.12)) f.mode = pick(['symlink', 'dir', 'other'] as const);
    if (!forDir && chance(0.1)) f.size = pick([MaxGoMod + 1, MaxLICENSE + 1, 300 << 20, 0, -1]);
    if (forDir && f.mode === 'other' && chance(0.5)) f.mode = undefined;
    files.push(f);
  }
  return files;
}

// ---------------------------------------------------------------------------

describe('modzip against Go 1.23', () => {
  const o = new GoOracle();
  afterAll(() => o.close());

  it('strToFold table is the one Go computes', async () => {
    const go = await o.value<[number, number][]>('unicode.strToFoldTable');
    expect(foldPairs()).toEqual(go);
    expect(strToFold('A.go')).toBe(strToFold('a.go'));
  });

  it('reads, checks and extracts zips of every testdata/mod module like Go', async () => {
    const mods = proxyModules();
    const bad: string[] = [];
    let valid = 0;
    for (let i = 0; i < mods.length; i += 25) {
      const batch = mods.slice(i, i + 25);
      const res = await Promise.all(batch.map((m) => compareZip(o, m.mod, proxyTestZip(m.mod, m.files))));
      res.forEach((r, k) => bad.push(...r.map((s) => `${batch[k]!.file}: ${s}`)));
      valid += batch.filter((m) => checkZip(m.mod, proxyTestZip(m.mod, m.files)).err === null).length;
    }
    console.log(`testdata/mod zips: ${mods.length} modules (${valid} valid), ${mods.length - new Set(bad.map((b) => b.split(':')[0])).size} identical, ${bad.length} mismatches`);
    expect(bad).toEqual([]);
    expect(mods.length).toBeGreaterThan(200);
  });

  it('creates zips of every testdata/mod module like Go (CheckFiles, Create, CreateFromDir)', async () => {
    const mods = proxyModules();
    const bad: string[] = [];
    for (let i = 0; i < mods.length; i += 25) {
      const batch = mods.slice(i, i + 25);
      const res = await Promise.all(
        batch.map((m) => {
          const files = m.files.filter((f) => !['.info', '.mod', '.zip'].includes(f.name) && !f.name.startsWith('/'));
          const dirOK = files.every((f) => !f.name.split('/').includes('..') && !f.name.startsWith('/'));
          return compareTree(o, m.mod, files, dirOK);
        }),
      );
      res.forEach((r, k) => bad.push(...r.map((s) => `${batch[k]!.file}: ${s}`)));
    }
    console.log(`testdata/mod trees: ${mods.length} modules, ${bad.length} mismatches`);
    expect(bad).toEqual([]);
  });

  it(`agrees on ${ADVERSARIAL_ZIPS} adversarial zips (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED);
    const cases = Array.from({ length: ADVERSARIAL_ZIPS }, () => genZip(rng));
    const bad: string[] = [];
    let rejected = 0;
    for (let i = 0; i < cases.length; i += 50) {
      const batch = cases.slice(i, i + 50);
      const res = await Promise.all(batch.map((c) => compareZip(o, c.mod, c.zip)));
      res.forEach((r, k) => bad.push(...r.map((s) => `case ${i + k} (${b64(batch[k]!.zip).slice(0, 60)}...): ${s}`)));
    }
    for (const c of cases) if (checkZip(c.mod, c.zip).err) rejected++;
    console.log(`adversarial zips (seed ${SEED}): ${cases.length} cases, ${rejected} rejected by checkZip, ${bad.length} mismatches`);
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it(`agrees on ${CORRUPT_ZIPS} zips with corrupt deflate streams (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED ^ 0xf1a7e);
    const cases = Array.from({ length: CORRUPT_ZIPS }, () => genZip(rng, true));
    const bad: string[] = [];
    for (let i = 0; i < cases.length; i += 50) {
      const batch = cases.slice(i, i + 50);
      const res = await Promise.all(batch.map((c) => compareZip(o, c.mod, c.zip)));
      res.forEach((r, k) => bad.push(...r.map((s) => `corrupt case ${i + k}: ${s}`)));
    }
    const flateErrs = cases.filter((c) => /flate: corrupt input/.test(JSON.stringify(ourDownload(c.mod, c.zip)))).length;
    console.log(`corrupt deflate (seed ${SEED}): ${cases.length} cases (${flateErrs} fail with a flate error), ${bad.length} mismatches`);
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('rejects archives over MaxZipFile before reading them', async () => {
    const mod = MODS[0]!;
    const small = writeZip([{ name: 'example.com/m@v1.0.0/go.mod', data: utf8('module example.com/m\n') }]);
    const pad = MaxZipFile + 1 - small.length;
    const go = await o.value<{ check?: string; unzip?: string }>('zip.checkLarge', mod.path, mod.version, b64(small), pad);
    expect(go.check).toMatch(/^module zip file is too large/);
    const big = new Uint8Array(pad + small.length); // zero pages: cheap until touched
    big.set(small, pad);
    expect({ check: checkZip(mod, big).err?.message, unzip: attempt(() => unzipModule(mod, big, { zipPath: '$ZIP' })) }).toEqual({
      check: go.check,
      unzip: { err: go.unzip },
    });
  });

  it('go mod download -json reports what checkDownloadedZip reports', async () => {
    const mod = { path: 'example.com/m', version: 'v1.0.0' };
    const p = 'example.com/m@v1.0.0/';
    const gomod = utf8('module example.com/m\n');
    const f = (name: string | number[], data: string | Uint8Array, extra: Partial<RawZipEntry> = {}): RawZipEntry => ({
      name: typeof name === 'string' ? p + name : new Uint8Array([...utf8(p), ...name]),
      data: typeof data === 'string' ? utf8(data) : data,
      ...extra,
    });
    const cases: { desc: string; zip: Uint8Array }[] = [
      {
        desc: 'valid, with vendor/, .hg_archival.txt, directory entries',
        zip: writeZip([
          f('go.mod', gomod), f('a.go', 'package a\n'), f('sub/', ''), f('sub/b.go', 'package sub\n', { method: 0 }),
          f('vendor/x/y.go', 'package y\n'), f('nested/n.go', 'package n\n'),
          f('.hg_archival.txt', 'repo: x\n'), f('', ''),
        ]),
      },
      { desc: 'nested module', zip: writeZip([f('go.mod', gomod), f('nested/go.mod', 'module example.com/m/nested\n'), f('nested/n.go', 'x')]) },
      { desc: 'inflates past its declared size', zip: writeZip([f('go.mod', gomod), f('big.txt', new Uint8Array(8 << 20), { uncompressedSize: 100 })]) },
      { desc: 'collisions and go.mod placement', zip: writeZip([f('go.mod', gomod), f('A.go', 'x'), f('a.go', 'y'), f('sub/GO.MOD', 'z'), f('a.go', 'w')]) },
      { desc: 'wrong prefix', zip: writeZip([f('go.mod', gomod), { name: 'example.com/m@v1.0.1/x.go', data: utf8('x') }]) },
      { desc: 'not a zip', zip: utf8('this is not a zip file') },
      { desc: 'CRC mismatch', zip: writeZip([f('go.mod', gomod), f('a.go', 'package a\n', { crc32: 1 })]) },
      { desc: 'go.mod over 16 MiB', zip: writeZip([f('go.mod', new Uint8Array(MaxGoMod + 1).fill(0x20)), f('a.go', 'package a\n')]) },
      { desc: 'LICENSE declared over 16 MiB', zip: writeZip([f('go.mod', gomod), f('LICENSE', 'tiny', { uncompressedSize: MaxLICENSE + 1 })]) },
      { desc: 'symlink mode bits', zip: writeZip([f('go.mod', gomod), f('link', 'target', { externalAttrs: (0o120777 << 16) >>> 0 })]) },
      { desc: 'invalid UTF-8 name', zip: writeZip([f('go.mod', gomod), f([0x61, 0xff, 0x2e, 0x67, 0x6f], 'x')]) },
      { desc: 'newline in name', zip: writeZip([f('go.mod', gomod), f('a\nb.go', 'x')]) },
      { desc: 'zip-slip and backslash', zip: writeZip([f('go.mod', gomod), f('../evil.go', 'x'), f('a\\b.go', 'y'), f('CON.go', 'z')]) },
      { desc: 'data descriptor with wrong CRC', zip: writeZip([f('go.mod', gomod, { dataDescriptor: 'sig', descriptorCrc32: 7 })]) },
      { desc: 'empty archive', zip: writeZip([]) },
    ];
    const run = (args: string[], cwd: string, env: Record<string, string>) =>
      new Promise<{ stdout: string; stderr: string }>((resolve) => {
        execFile(GO as string, args, { cwd, env: goEnv(env), maxBuffer: 64 << 20 }, (_err, stdout, stderr) => resolve({ stdout, stderr }));
      });
    const results = await Promise.all(
      cases.map(async (c) => {
        const tmp = mkdtempSync(join(tmpdir(), 'modzip-go-'));
        try {
          const v = join(tmp, 'proxy', escapePath(mod.path), '@v');
          mkdirSync(v, { recursive: true });
          const base = join(v, escapeVersion(mod.version));
          writeFileSync(base + '.info', '{"Version":"v1.0.0"}\n');
          writeFileSync(base + '.mod', gomod);
          writeFileSync(base + '.zip', c.zip);
          const cache = join(tmp, 'modcache');
          const r = await run(['mod', 'download', '-json', `${mod.path}@${mod.version}`], tmp, {
            GOPROXY: 'file://' + join(tmp, 'proxy'),
            GOFLAGS: '-modcacherw',
            GOMODCACHE: cache,
          });
          const j = JSON.parse(r.stdout) as { Error?: string; Sum?: string; Dir?: string };
          const zipPath = join(cache, 'cache/download', escapePath(mod.path), '@v', escapeVersion(mod.version) + '.zip');
          const ours = ourDownload(mod, c.zip, zipPath);
          let go: { err: string } | { hash: string; files: GoFile[] };
          if (j.Error !== undefined) go = { err: j.Error };
          else {
            const files: GoFile[] = [];
            const walk = (d: string, rel: string) => {
              for (const e of readdirSync(d, { withFileTypes: true })) {
                const r2 = rel === '' ? e.name : `${rel}/${e.name}`;
                if (e.isDirectory()) walk(join(d, e.name), r2);
                else files.push({ name: r2, data: b64(readFileSync(join(d, e.name))) });
              }
            };
            walk(j.Dir!, '');
            go = { hash: j.Sum!, files: files.sort(byName) };
          }
          return { desc: c.desc, same: JSON.stringify(ours) === JSON.stringify(go), ours, go };
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      }),
    );
    const differing = results.filter((r) => !r.same);
    console.log(
      `go mod download: ${results.length} cases, ${results.length - differing.length} identical, ${differing.length} differing; ` +
        `go's verdicts: ${results.map((r) => `${r.desc} => ${'err' in r.go ? JSON.stringify(r.go.err) : 'ok'}`).join('; ')}`,
    );
    expect(differing).toEqual([]);
  });

  it(`agrees on ${ADVERSARIAL_TREES} adversarial module trees (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED ^ 0x5eed);
    const mod = MODS[0]!;
    const bad: string[] = [];
    for (let i = 0; i < ADVERSARIAL_TREES; i += 50) {
      const batch = Array.from({ length: Math.min(50, ADVERSARIAL_TREES - i) }, (_, k) => {
        const forDir = (i + k) % 2 === 0;
        const files = genTree(rng, forDir);
        return { files, forDir };
      });
      const res = await Promise.all(batch.map((c) => compareTree(o, mod, c.files, c.forDir)));
      res.forEach((r, k) => bad.push(...r.map((s) => `tree ${i + k} ${JSON.stringify(batch[k]!.files.map((f) => [f.name, f.mode, f.size]))}: ${s}`)));
    }
    console.log(`adversarial trees (seed ${SEED}): ${ADVERSARIAL_TREES} cases, ${bad.length} mismatches`);
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
