// readThroughHandle over a fake directory handle tree: only the asked path is walked (one
// getDirectoryHandle per element, no listing), missing and refused entries are told apart, and
// paths with empty, "." or ".." elements name nothing.
import { describe, expect, it } from 'vitest';
import { readThroughHandle } from './folderMount';

type Tree = { [name: string]: Tree | string | Error };

function domError(name: string): Error {
  const e = new Error(name);
  e.name = name;
  return e;
}

/** A FileSystemDirectoryHandle stand-in over tree; every call is logged. */
function fakeDir(tree: Tree, log: string[], path = ''): FileSystemDirectoryHandle {
  const child = (name: string, want: 'dir' | 'file') => {
    log.push(`${want} ${path}${name}`);
    const v = tree[name];
    if (v instanceof Error) throw v;
    if (v === undefined) throw domError('NotFoundError');
    if ((typeof v === 'string') !== (want === 'file')) throw domError('TypeMismatchError');
    return v;
  };
  const h = {
    kind: 'directory',
    name: path,
    async getDirectoryHandle(name: string) {
      return fakeDir(child(name, 'dir') as Tree, log, `${path}${name}/`);
    },
    async getFileHandle(name: string) {
      const text = child(name, 'file') as string;
      return { kind: 'file', name, getFile: async () => new Blob([text]) };
    },
    entries() {
      throw new Error('a folder must never be listed');
    },
  };
  return h as unknown as FileSystemDirectoryHandle;
}

const tree: Tree = {
  'ex.com': { a: { '@v': { list: 'v1.0.0\n', 'v1.0.0.mod': 'module ex.com/a\n' } }, secret: domError('NotAllowedError') },
  other: { '@v': { list: 'v2.0.0\n' } },
};

describe('readThroughHandle', () => {
  it('walks only the requested path', async () => {
    const log: string[] = [];
    const r = await readThroughHandle(fakeDir(tree, log), 'ex.com/a/@v/v1.0.0.mod');
    expect('data' in r && new TextDecoder().decode(r.data)).toBe('module ex.com/a\n');
    expect(log).toEqual(['dir ex.com', 'dir ex.com/a', 'dir ex.com/a/@v', 'file ex.com/a/@v/v1.0.0.mod']);
  });
  it.each([
    ['ex.com/a/@v/v9.9.9.zip', 'no such file or directory'],
    ['nope/@v/list', 'no such file or directory'],
    ['ex.com/a/@v', 'no such file or directory'], // a directory where a file is asked for
    ['ex.com/secret/@v/list', 'permission denied'],
    ['ex.com/../other/@v/list', 'no such file or directory'],
    ['ex.com//a/@v/list', 'no such file or directory'],
    ['./other/@v/list', 'no such file or directory'],
    ['', 'no such file or directory'],
  ])('%s → %s', async (rel, want) => {
    const log: string[] = [];
    expect(await readThroughHandle(fakeDir(tree, log), rel)).toEqual({ missing: want });
    if (rel.split('/').some((e) => e === '' || e === '.' || e === '..')) expect(log).toEqual([]);
  });
});
