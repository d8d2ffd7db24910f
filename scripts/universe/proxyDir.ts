// Writes a generated universe to disk: the modules as a GOPROXY=file:// directory
// (<escaped path>/@v/list, <escaped version>.info, .mod, .zip — zips built by the core's
// createModuleZip) and the main module as a directory with its go.sum.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hash1, hashGoMod } from '../../src/core/dirhash';
import { escapePath, escapeVersion, sortModuleVersions } from '../../src/core/module';
import { createModuleZip } from '../../src/core/modzip';
import { nodeHasher } from '../../src/io/nodeHasher';
import { rng, type UFile, type Universe, type UVersion } from './generator';

const enc = new TextEncoder();

function write(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** The GOPROXY file tree of the universe's modules under dir. */
export function writeProxyDir(u: Universe, dir: string): void {
  for (const m of u.modules) {
    const base = join(dir, escapePath(m.path), '@v');
    mkdirSync(base, { recursive: true });
    const listed = m.versions.filter((v) => v.listed).map((v) => v.version);
    writeFileSync(join(base, 'list'), listed.map((v) => v + '\n').join(''));
    for (const v of m.versions) {
      const ev = escapeVersion(v.version);
      writeFileSync(join(base, `${ev}.info`), JSON.stringify({ Version: v.version, Time: v.time }) + '\n');
      writeFileSync(join(base, `${ev}.mod`), v.mod);
      writeFileSync(join(base, `${ev}.zip`), zipOf(m.path, v));
    }
  }
}

function zipOf(path: string, v: UVersion): Uint8Array {
  return createModuleZip(
    { path, version: v.version },
    v.files.map((f) => ({ name: f.name, data: enc.encode(f.data) })),
  );
}

/** The go.sum the main module starts with, per the universe's goSum mode ("" for none). */
export async function goSumText(u: Universe): Promise<string> {
  if (u.goSum.mode === 'none') return '';
  const r = rng(u.seed ^ 0x5eed);
  const lines: { path: string; version: string; hash: string }[] = [];
  for (const { path, version } of u.goSum.mods) {
    const m = u.modules.find((x) => x.path === path);
    const v = m?.versions.find((x) => x.version === version);
    if (!v) continue;
    lines.push({ path, version: version + '/go.mod', hash: await hashGoMod(enc.encode(v.mod), nodeHasher) });
    if (u.goSum.mode === 'partial' && r.chance(0.6)) continue;
    const files = v.files.map((f) => ({ name: `${path}@${version}/${f.name}`, data: enc.encode(f.data) }));
    lines.push({ path, version, hash: await hash1(files, nodeHasher) });
  }
  if (u.goSum.mode === 'bad' && lines.length > 0) {
    const l = r.pick(lines);
    l.hash = 'h1:' + (l.hash[3] === 'A' ? 'B' : 'A') + l.hash.slice(4);
  }
  const seen = new Set<string>();
  return sortModuleVersions(lines)
    .map((l) => `${l.path} ${l.version} ${l.hash}\n`)
    .filter((l) => !seen.has(l) && (seen.add(l), true))
    .join('');
}

/** The main module's files (and go.sum, if any) under dir. */
export function writeMainModule(u: Universe, dir: string, goSum: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of u.main as UFile[]) write(join(dir, f.name), f.data);
  if (goSum !== '') write(join(dir, 'go.sum'), goSum);
}
