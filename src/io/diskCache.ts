// A ModuleCache on disk in exactly Go's layout, so real go can use what modscope writes and
// modscope can read what go wrote. cmd/go/internal/modfetch/cache.go: writeDiskCache,
// tempFile; fetch.go: makeDirsReadOnly, RemoveAll; x/mod/zip: Unzip (files 0444).
// Synchronous fs calls on purpose: the CLI is one process doing one command, and a sync call on a
// small file costs a fraction of a thread-pool round trip (open/fstat/read/close each one).
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CacheFile, ModuleCache } from '../core/cache';
import { compareStrings } from '../core/semver';

function norm(rel: string): string {
  const r = rel.replace(/^\/+|\/+$/g, '');
  if (r.split('/').some((s) => s === '..')) throw new Error(`invalid module cache path ${JSON.stringify(rel)}`);
  return r;
}

/** The bytes of a Buffer as a plain Uint8Array: a view when it owns its ArrayBuffer, else a copy. */
function ownBytes(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.buffer.byteLength === b.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

const writeTreeConcurrency = 8;

const notFound = (e: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((e as { code?: string }).code ?? '');

export class DiskCache implements ModuleCache {
  /** root: the absolute $GOMODCACHE directory. */
  constructor(readonly root: string) {}

  private abs(rel: string): string {
    return join(this.root, norm(rel));
  }

  async read(rel: string): Promise<Uint8Array | undefined> {
    try {
      return ownBytes(readFileSync(this.abs(rel)));
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  /** writeDiskCache: a temp file "<name><random>.tmp" beside the target, renamed into place. */
  async write(rel: string, data: Uint8Array): Promise<void> {
    // Asynchronous (the thread pool): creating files is where the time goes, and concurrent
    // downloads then overlap it, as go's goroutines do.
    const file = this.abs(rel);
    await mkdir(dirname(file), { recursive: true, mode: 0o777 });
    for (let tries = 0; ; tries++) {
      const tmp = `${file}${Math.floor(Math.random() * 1e9)}.tmp`;
      try {
        await writeFile(tmp, data, { flag: 'wx', mode: 0o666 });
      } catch (e) {
        if ((e as { code?: string }).code === 'EEXIST' && tries < 10000) continue;
        await unlink(tmp).catch(() => {});
        throw e;
      }
      try {
        await rename(tmp, file);
      } catch (e) {
        await unlink(tmp).catch(() => {});
        throw e;
      }
      return;
    }
  }

  async remove(rel: string): Promise<void> {
    try {
      unlinkSync(this.abs(rel));
    } catch (e) {
      if (!notFound(e)) throw e;
    }
  }

  async exists(rel: string): Promise<boolean> {
    try {
      statSync(this.abs(rel));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }

  async list(dir: string): Promise<string[]> {
    const d = norm(dir);
    const out: string[] = [];
    const walk = (rel: string) => {
      let entries;
      try {
        entries = readdirSync(join(this.root, rel), { withFileTypes: true });
      } catch (e) {
        if (notFound(e)) return;
        throw e;
      }
      for (const ent of entries) {
        const r = rel === '' ? ent.name : rel + '/' + ent.name;
        if (ent.isDirectory()) walk(r);
        else out.push(r);
      }
    };
    walk(d);
    return out.sort(compareStrings);
  }

  /** Unzip's layout: directories 0777 then made read-only (makeDirsReadOnly), files 0444. */
  async writeTree(dir: string, files: readonly CacheFile[]): Promise<void> {
    const root = this.abs(dir);
    mkdirSync(root, { recursive: true, mode: 0o777 });
    const dirs = new Set<string>([root]);
    for (const f of files) {
      const dst = join(root, norm(f.name));
      const parent = dirname(dst);
      if (!dirs.has(parent)) {
        mkdirSync(parent, { recursive: true, mode: 0o777 });
        for (let p = parent; p.length > root.length; p = dirname(p)) dirs.add(p);
      }
    }
    // The files concurrently through the thread pool (at most writeTreeConcurrency at once).
    let next = 0;
    let failed: unknown;
    const worker = async () => {
      while (next < files.length && failed === undefined) {
        const f = files[next++]!;
        try {
          await writeFile(join(root, norm(f.name)), f.data, { flag: 'wx', mode: 0o444 });
        } catch (e) {
          failed ??= e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(writeTreeConcurrency, files.length) }, worker));
    if (failed !== undefined) throw failed;
    // Children before parents (reverse lexical order), as makeDirsReadOnly does.
    for (const d of [...dirs].sort().reverse()) {
      const st = statSync(d);
      if (st.mode & 0o222) chmodSync(d, st.mode & 0o7777 & ~0o222);
    }
  }

  /** modfetch.RemoveAll: make directories writable, then remove. */
  async removeTree(dir: string): Promise<void> {
    const root = this.abs(dir);
    const walk = (p: string) => {
      let st;
      try {
        st = lstatSync(p);
      } catch {
        return;
      }
      if (!st.isDirectory()) return;
      try {
        chmodSync(p, 0o777);
      } catch {
        /* go ignores it too */
      }
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        /* as above */
      }
      for (const name of names) walk(join(p, name));
    };
    walk(root);
    rmSync(root, { recursive: true, force: true });
  }
}
