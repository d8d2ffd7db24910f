// dirhash.ts against x/mod/sumdb/dirhash.Hash1 (via the oracle): seeded random file sets and the
// go.mod hash of every module archive in Go 1.23's cmd/go/testdata/mod.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../../scripts/gotool.mjs';
import { nodeHasher } from '../io/nodeHasher';
import { webHasher } from '../io/webHasher';
import { DirhashNewlineError, hash1, hash1Open, hashGoMod, type HashFile } from './dirhash';
import { parseTxtar } from './txtar';
import { mulberry32 as rng } from './rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

// Name pieces chosen to stress byte-order sorting (ASCII vs BMP vs astral), prefixes, and newlines.
const NAME_PIECES = ['a', 'B', 'go.mod', 'x/', 'example.com/m@v1.0.0/', '_', '-', '.', 'é', '\uffee', '😀', '\ue000', 'Z', ' ', '0', '\n'];

function randomFiles(r: () => number): HashFile[] {
  const n = Math.floor(r() * 12);
  const files: HashFile[] = [];
  for (let i = 0; i < n; i++) {
    let name = '';
    const k = 1 + Math.floor(r() * 4);
    for (let j = 0; j < k; j++) {
      let p = NAME_PIECES[Math.floor(r() * NAME_PIECES.length)]!;
      if (p === '\n' && r() < 0.9) p = 'n'; // newline names only occasionally
      name += p;
    }
    const data = Uint8Array.from({ length: Math.floor(r() * 200) }, () => Math.floor(r() * 256));
    files.push({ name, data });
  }
  // Distinct names (Go's open is by name; duplicate names are covered separately).
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.name) && (seen.add(f.name), true));
}

async function ourHash(files: HashFile[], hasher = nodeHasher): Promise<{ ok?: string; err?: string }> {
  try {
    return { ok: await hash1(files, hasher) };
  } catch (e) {
    if (e instanceof DirhashNewlineError) return { err: e.message };
    throw e;
  }
}

describe('dirhash.Hash1', () => {
  it('matches Go on seeded random file sets (both hashers)', async () => {
    const seed = 4242;
    const r = rng(seed);
    const sets = Array.from({ length: 800 }, () => randomFiles(r));
    sets.push([], [{ name: 'go.mod', data: new Uint8Array() }], [{ name: 'a\nb', data: new Uint8Array([1]) }]);
    const want = await Promise.all(
      sets.map((fs) => oracle.call<string>('dirhash.hash1', fs.map((f) => ({ name: f.name, data: b64(f.data) })))),
    );
    const gotNode = await Promise.all(sets.map((fs) => ourHash(fs)));
    const gotWeb = await Promise.all(sets.map((fs) => ourHash(fs, webHasher)));
    const norm = (x: { ok?: string; err?: string }) => JSON.stringify({ ok: x.ok, err: x.err });
    const same = sets.filter((_, i) => norm(want[i]!) === norm(gotNode[i]!) && norm(want[i]!) === norm(gotWeb[i]!)).length;
    const errs = want.filter((w) => w.err !== undefined).length;
    console.log(`dirhash random (seed ${seed}): cases=${sets.length} (go errors: ${errs}) identical=${same} differing=${sets.length - same}`);
    expect(gotNode.map(norm)).toEqual(want.map(norm));
    expect(gotWeb.map(norm)).toEqual(want.map(norm));
  });

  it('hashes duplicate names twice, as Go does', async () => {
    const files = [
      { name: 'b', data: new Uint8Array([2]) },
      { name: 'a', data: new Uint8Array([1]) },
      { name: 'b', data: new Uint8Array([2]) },
    ];
    const want = await oracle.value<string>('dirhash.hash1', files.map((f) => ({ name: f.name, data: b64(f.data) })));
    expect(await hash1(files, nodeHasher)).toBe(want);
  });

  it('hash1Open opens in batches and agrees with hash1', async () => {
    const files = Array.from({ length: 300 }, (_, i) => ({ name: `m@v1/f${i}.go`, data: new Uint8Array([i & 255, i >> 8]) }));
    const byName = new Map(files.map((f) => [f.name, f.data]));
    const opened: string[] = [];
    const h = await hash1Open(files.map((f) => f.name), async (n) => (opened.push(n), byName.get(n)!), nodeHasher);
    expect(opened.length).toBe(300);
    expect(h).toBe(await oracle.value<string>('dirhash.hash1', files.map((f) => ({ name: f.name, data: b64(f.data) }))));
  });
});

describe('hashGoMod', () => {
  it('matches goModSum for the .mod section of every module in cmd/go/testdata/mod', async () => {
    const dir = join(GOROOT_SRC as string, 'cmd/go/testdata/mod');
    const mods = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .flatMap((f) => {
        const mod = parseTxtar(new Uint8Array(readFileSync(join(dir, f)))).files.find((x) => x.name === '.mod');
        return mod ? [{ label: f, data: mod.data }] : [];
      });
    const want = await Promise.all(mods.map((m) => oracle.value<string>('dirhash.gomod', b64(m.data))));
    const got = await Promise.all(mods.map((m) => hashGoMod(m.data, nodeHasher)));
    const same = got.filter((g, i) => g === want[i]).length;
    console.log(`hashGoMod testdata/mod: modules=${mods.length} identical=${same} differing=${mods.length - same}`);
    expect(mods.length).toBeGreaterThan(200);
    expect(got).toEqual(want);
    // The empty go.mod hash that readGoSum drops (fetch.go: emptyGoModHash) is this function's value for "".
    expect(await hashGoMod(new Uint8Array(), nodeHasher)).toBe(await oracle.value<string>('dirhash.gomod', ''));
  });
});
