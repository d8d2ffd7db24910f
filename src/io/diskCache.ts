// A ModuleCache on disk in exactly Go's layout, so real go can use what modscope writes and
// modscope can read what go wrote. cmd/go/internal/modfetch/cache.go: writeDiskCache,
// tempFile; fetch.go: makeDirsReadOnly, RemoveAll; x/mod/zip: Unzip (files 0444).
// Synchronous fs calls on purpose: the CLI is one process doing one command, and a sync call on a
// small file costs a fraction of a thread-pool round trip (open/fstat/read/close each one) in
// CPU time, which is what a loaded machine runs out of. Directories made once are remembered.
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
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

const notFound = (e: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((e as { code?: string }).code ?? '');

/** Writes data to a new file (O_EXCL) with mode (before umask): open, write, close. */
function createFile(file: string, data: Uint8Array, mode: number): void {
  const fd = openSync(file, 'wx', mode);
  try {
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
  } finally {
    closeSync(fd);
  }
}

export class DiskCache implements ModuleCache {
  /** Directories known to exist (made or seen by this cache); forgotten when a tree is removed. */
  private readonly dirs = new Set<string>();

  /** root: the absolute $GOMODCACHE directory. */
  constructor(readonly root: string) {}

  private abs(rel: string): string {
    return join(this.root, norm(rel));
  }

  /** os.MkdirAll(dir, 0777), once per directory. */
  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true, mode: 0o777 });
    this.dirs.add(dir);
  }

  async read(rel: string): Promise<Uint8Array | undefined> {
    const file = this.abs(rel);
    // A miss is common (a cold cache): stat without an exception first, which costs a tenth of
    // the failed open's thrown error.
    if (statSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
    try {
      return ownBytes(readFileSync(file));
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  /** writeDiskCache: a temp file "<name><random>.tmp" beside the target, renamed into place. */
  async write(rel: string, data: Uint8Array): Promise<void> {
    const file = this.abs(rel);
    const dir = dirname(file);
    this.ensureDir(dir);
    for (let tries = 0; ; tries++) {
      const tmp = `${file}${Math.floor(Math.random() * 1e9)}.tmp`;
      try {
        createFile(tmp, data, 0o666);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EEXIST' && tries < 10000) continue;
        if (code === 'ENOENT' && tries === 0 && this.dirs.delete(dir)) {
          // The directory went away behind our back: make it again.
          this.ensureDir(dir);
          continue;
        }
        try {
          unlinkSync(tmp);
        } catch {
          /* not created */
        }
        throw e;
      }
      try {
        renameSync(tmp, file);
      } catch (e) {
        try {
          unlinkSync(tmp);
        } catch {
          /* already gone */
        }
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
      return statSync(this.abs(rel), { throwIfNoEntry: false }) !== undefined;
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
      createFile(dst, f.data, 0o444);
    }
    // Children before parents (reverse lexical order), as makeDirsReadOnly does.
    for (const d of [...dirs].sort().reverse()) {
      const st = statSync(d);
      if (st.mode & 0o222) chmodSync(d, st.mode & 0o7777 & ~0o222);
    }
  }

  /** modfetch.RemoveAll: make directories writable, then remove. */
  async removeTree(dir: string): Promise<void> {
    const root = this.abs(dir);
    for (const d of this.dirs) if (d === root || d.startsWith(root + '/')) this.dirs.delete(d);
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
