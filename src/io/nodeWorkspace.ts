// The CLI's Workspace: the real filesystem, addressed by absolute paths.
import * as fs from 'node:fs';
// Synchronous calls behind the async interface: loading node:fs/promises costs a short command
// ~5 ms, and the CLI's workspace calls are few and small.
const mkdir = async (p: string, o: fs.MakeDirectoryOptions & { recursive: true }) => fs.mkdirSync(p, o);
const readFile = async (p: string) => fs.readFileSync(p);
const readdir = async (p: string, o: { withFileTypes: true }) => fs.readdirSync(p, o);
const realpath = async (p: string) => fs.realpathSync.native(p);
const rm = async (p: string, o: fs.RmOptions) => fs.rmSync(p, o);
const stat = async (p: string) => fs.statSync(p);
const writeFile = async (p: string, d: Uint8Array) => fs.writeFileSync(p, d);
import { dirname } from 'node:path';
import { toBytes, type Workspace } from '../core/workspace';

export class NodeWorkspace implements Workspace {
  async read(path: string) {
    try {
      return new Uint8Array(await readFile(path));
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }
  async write(path: string, data: Uint8Array | string) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, toBytes(data)); // text: escaped invalid bytes written back as bytes
  }
  async remove(path: string) {
    await rm(path, { force: true });
  }
  /** filepath.EvalSymlinks (undefined on error). */
  async evalSymlinks(path: string) {
    return realpath(path).catch(() => undefined);
  }
  async removeTree(path: string) {
    await rm(path, { recursive: true, force: true });
  }
  async stat(path: string) {
    try {
      const s = await stat(path);
      return s.isDirectory() ? ('dir' as const) : ('file' as const);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }
  async unindexable(dir: string) {
    let ents: fs.Dirent[];
    try {
      ents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    const cutoff = Date.now() - indexCutoffMs;
    for (const e of ents) {
      if (e.isDirectory()) continue;
      if (!e.isFile()) return true;
      const st = fs.lstatSync(dir + '/' + e.name, { throwIfNoEntry: false });
      if (!st || !st.isFile() || st.mtimeMs > cutoff) return true;
    }
    return false;
  }
  async symlinkDirs(path: string) {
    const out: string[] = [];
    for (const e of await readdir(path, { withFileTypes: true }).catch(() => [])) {
      if (e.isSymbolicLink() && (await stat(path + '/' + e.name).catch(() => undefined))?.isDirectory()) out.push(e.name);
    }
    return out.sort();
  }
  async readDir(path: string) {
    try {
      const ents = await readdir(path, { withFileTypes: true });
      const names: string[] = [];
      for (const e of ents) {
        // Entries are lstat'ed, as fsys.ReadDir's: a symlink to a directory is neither a source
        // file (go/build Import skips it) nor walked (fsys.Walk); a symlink to a file is a file.
        if (e.isSymbolicLink() && (await stat(path + '/' + e.name).catch(() => undefined))?.isDirectory()) continue;
        names.push(e.isDirectory() ? e.name + '/' : e.name);
      }
      return names.sort();
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
  }
}

/** modindex/read.go: modTimeCutoff. */
const indexCutoffMs = 2000;

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
