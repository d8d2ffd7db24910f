// A ModuleCache on disk in exactly Go's layout, so real go can use what modscope writes and
// modscope can read what go wrote. cmd/go/internal/modfetch/cache.go: writeDiskCache,
// tempFile; fetch.go: makeDirsReadOnly, RemoveAll; x/mod/zip: Unzip (files 0444).
import { chmod, lstat, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CacheFile, ModuleCache } from '../core/cache';
import { compareStrings } from '../core/semver';

function norm(rel: string): string {
  const r = rel.replace(/^\/+|\/+$/g, '');
  if (r.split('/').some((s) => s === '..')) throw new Error(`invalid module cache path ${JSON.stringify(rel)}`);
  return r;
}

const notFound = (e: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((e as { code?: string }).code ?? '');

export class DiskCache implements ModuleCache {
  /** root: the absolute $GOMODCACHE directory. */
  constructor(readonly root: string) {}

  private abs(rel: string): string {
    return join(this.root, norm(rel));
  }

  async read(rel: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.abs(rel)));
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  /** writeDiskCache: a temp file "<name><random>.tmp" beside the target, renamed into place. */
  async write(rel: string, data: Uint8Array): Promise<void> {
    const file = this.abs(rel);
    await mkdir(dirname(file), { recursive: true, mode: 0o777 });
    for (let tries = 0; ; tries++) {
      const tmp = `${file}${Math.floor(Math.random() * 1e9)}.tmp`;
      let fh;
      try {
        fh = await open(tmp, 'wx', 0o666);
      } catch (e) {
        if ((e as { code?: string }).code === 'EEXIST' && tries < 10000) continue;
        throw e;
      }
      try {
        await fh.writeFile(data);
        await fh.close();
        await rename(tmp, file);
      } catch (e) {
        await fh.close().catch(() => {});
        await unlink(tmp).catch(() => {});
        throw e;
      }
      return;
    }
  }

  async remove(rel: string): Promise<void> {
    try {
      await unlink(this.abs(rel));
    } catch (e) {
      if (!notFound(e)) throw e;
    }
  }

  async exists(rel: string): Promise<boolean> {
    try {
      await stat(this.abs(rel));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }

  async list(dir: string): Promise<string[]> {
    const d = norm(dir);
    const out: string[] = [];
    const walk = async (rel: string) => {
      let entries;
      try {
        entries = await readdir(join(this.root, rel), { withFileTypes: true });
      } catch (e) {
        if (notFound(e)) return;
        throw e;
      }
      for (const ent of entries) {
        const r = rel === '' ? ent.name : rel + '/' + ent.name;
        if (ent.isDirectory()) await walk(r);
        else out.push(r);
      }
    };
    await walk(d);
    return out.sort(compareStrings);
  }

  /** Unzip's layout: directories 0777 then made read-only (makeDirsReadOnly), files 0444. */
  async writeTree(dir: string, files: readonly CacheFile[]): Promise<void> {
    const root = this.abs(dir);
    await mkdir(root, { recursive: true, mode: 0o777 });
    const dirs = new Set<string>([root]);
    for (const f of files) {
      const dst = join(root, norm(f.name));
      const parent = dirname(dst);
      if (!dirs.has(parent)) {
        await mkdir(parent, { recursive: true, mode: 0o777 });
        for (let p = parent; p.length > root.length; p = dirname(p)) dirs.add(p);
      }
      const fh = await open(dst, 'wx', 0o444);
      try {
        await fh.writeFile(f.data);
      } finally {
        await fh.close();
      }
    }
    // Children before parents (reverse lexical order), as makeDirsReadOnly does.
    for (const d of [...dirs].sort().reverse()) {
      const st = await stat(d);
      if (st.mode & 0o222) await chmod(d, st.mode & 0o7777 & ~0o222);
    }
  }

  /** modfetch.RemoveAll: make directories writable, then remove. */
  async removeTree(dir: string): Promise<void> {
    const root = this.abs(dir);
    const walk = async (p: string) => {
      let st;
      try {
        st = await lstat(p);
      } catch {
        return;
      }
      if (!st.isDirectory()) return;
      await chmod(p, 0o777).catch(() => {});
      for (const name of await readdir(p).catch(() => [] as string[])) await walk(join(p, name));
    };
    await walk(root);
    await rm(root, { recursive: true, force: true });
  }
}
