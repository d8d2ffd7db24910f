// "Use my module cache folder" over the File System Access API (Chromium): the picked
// $GOMODCACHE/cache/download folder as a FileSystemDirectoryHandle, read lazily — one
// getDirectoryHandle per path element and a getFileHandle for the file go asks for, never a walk
// of the folder. The handle is kept in IndexedDB (WorkspaceStore.setCacheFolder), so the setting
// survives a reload; reading again after a reload may need the user's permission
// (queryPermission / requestPermission, the latter only from a user gesture).

/** The permission calls Chromium adds to FileSystemHandle (not in TypeScript's lib.dom). */
interface PermissionedHandle {
  queryPermission?(d: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  requestPermission?(d: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
}

/** Whether the page can show the native folder picker (window.showDirectoryPicker). */
export function hasDirectoryPicker(): boolean {
  return typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';
}

/** Shows the folder picker; undefined when the user dismisses it. */
export async function pickDirectory(): Promise<FileSystemDirectoryHandle | undefined> {
  const pick = (globalThis as { showDirectoryPicker?: (o?: { id?: string; mode?: 'read' }) => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker;
  if (!pick) return undefined;
  try {
    return await pick({ id: 'modscope-modcache', mode: 'read' });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') return undefined;
    throw e;
  }
}

/**
 * The directory handles of a drop, asked for synchronously inside the drop event (the items are
 * gone afterwards). An empty list where getAsFileSystemHandle is missing or nothing was a folder.
 */
export function droppedDirectoryHandles(dt: DataTransfer): Promise<FileSystemDirectoryHandle[]> {
  const pending: Promise<FileSystemHandle | null>[] = [];
  for (const item of dt.items) {
    const get = (item as DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> }).getAsFileSystemHandle;
    if (item.kind === 'file' && get) pending.push(get.call(item));
  }
  return Promise.all(pending).then((hs) => hs.filter((h): h is FileSystemDirectoryHandle => h?.kind === 'directory'));
}

/** The read permission the page holds for h ('granted', 'prompt' or 'denied'). */
export async function readPermission(h: FileSystemHandle): Promise<PermissionState> {
  const q = (h as FileSystemHandle & PermissionedHandle).queryPermission;
  return q ? q.call(h, { mode: 'read' }) : 'granted';
}

/** Asks for read permission (must run inside a user gesture); true when granted. */
export async function requestReadPermission(h: FileSystemHandle): Promise<boolean> {
  const r = (h as FileSystemHandle & PermissionedHandle).requestPermission;
  return (r ? await r.call(h, { mode: 'read' }) : 'granted') === 'granted';
}

/** What a read through a handle found: the bytes, or why there are none (as a file system says). */
export type HandleRead = { data: Uint8Array } | { missing: 'no such file or directory' | 'permission denied' };

/**
 * Reads rel (slash-separated, relative to root) by walking only its own path. An element that is
 * empty, "." or ".." never names anything here (the path is go's, already clean).
 */
export async function readThroughHandle(root: FileSystemDirectoryHandle, rel: string): Promise<HandleRead> {
  const elems = rel.split('/');
  if (elems.some((e) => e === '' || e === '.' || e === '..')) return { missing: 'no such file or directory' };
  try {
    let dir = root;
    for (const e of elems.slice(0, -1)) dir = await dir.getDirectoryHandle(e);
    const file = await (await dir.getFileHandle(elems[elems.length - 1]!)).getFile();
    return { data: new Uint8Array(await file.arrayBuffer()) };
  } catch (e) {
    const name = (e as Error)?.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') return { missing: 'permission denied' };
    if (name === 'NotFoundError' || name === 'TypeMismatchError' || name === 'TypeError') return { missing: 'no such file or directory' };
    throw e;
  }
}
