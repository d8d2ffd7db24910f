// The CLI's Workspace: the real filesystem, addressed by absolute paths.
import { mkdir, readFile, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
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

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
