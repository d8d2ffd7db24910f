// Workspaces in IndexedDB (idb-keyval): each a named set of repository files plus, optionally,
// the proxy directory of the universe it came with. Survives reloads; list, rename, delete,
// export as txtar or zip. Settings (the page's go env) live in the same store.
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { zipSync } from 'fflate';
import { formatTxtarText } from '../core/txtar';
import { base64Encode } from '../core/gostrings';

export interface StoredWorkspace {
  id: string;
  name: string;
  /** Repository files by path relative to the repo root. */
  files: Record<string, Uint8Array>;
  /** The universe's proxy directory (GOPROXY file layout), when the workspace brought one. */
  proxy?: Record<string, Uint8Array>;
  updated: number;
}

/** "Use my module cache folder" as kept across reloads: the picked folder's handle (Chromium). */
export interface StoredCacheFolder {
  handle: FileSystemDirectoryHandle;
  name: string;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  files: number;
  updated: number;
}

export class WorkspaceStore {
  private readonly store: UseStore;
  constructor(dbName = 'modscope-workspaces') {
    this.store = createStore(dbName, 'kv');
  }

  async list(): Promise<WorkspaceSummary[]> {
    const out: WorkspaceSummary[] = [];
    for (const [k, v] of await entries<string, StoredWorkspace>(this.store)) {
      if (!k.startsWith('ws:')) continue;
      out.push({ id: v.id, name: v.name, files: Object.keys(v.files).length, updated: v.updated });
    }
    return out.sort((a, b) => b.updated - a.updated || (a.name < b.name ? -1 : 1));
  }
  get(id: string): Promise<StoredWorkspace | undefined> {
    return get<StoredWorkspace>('ws:' + id, this.store);
  }
  async save(ws: StoredWorkspace): Promise<void> {
    await set('ws:' + ws.id, { ...ws, updated: Date.now() }, this.store);
  }
  async rename(id: string, name: string): Promise<void> {
    const ws = await this.get(id);
    if (ws) await this.save({ ...ws, name });
  }
  async delete(id: string): Promise<void> {
    await del('ws:' + id, this.store);
  }
  getCurrent(): Promise<string | undefined> {
    return get<string>('current', this.store);
  }
  setCurrent(id: string): Promise<void> {
    return set('current', id, this.store);
  }
  getSettings(): Promise<Record<string, string> | undefined> {
    return get<Record<string, string>>('settings', this.store);
  }
  setSettings(s: Record<string, string>): Promise<void> {
    return set('settings', s, this.store);
  }
  /** The module cache folder picked with the folder picker (a handle: IndexedDB stores it, not its files). */
  getCacheFolder(): Promise<StoredCacheFolder | undefined> {
    return get<StoredCacheFolder>('cacheFolder', this.store);
  }
  setCacheFolder(f: StoredCacheFolder | undefined): Promise<void> {
    return f ? set('cacheFolder', f, this.store) : del('cacheFolder', this.store);
  }
}

/**
 * The unload journal: when the tab is hidden or closed with an edit not yet in IndexedDB (whose
 * writes are asynchronous and may not finish), the edited files are written synchronously to
 * localStorage; the next start-up applies them to the stored workspace and clears the journal.
 */
export interface Journal {
  id: string;
  name: string;
  updated: number;
  /** every file name of the workspace (a name missing here was deleted) */
  names: string[];
  /** files changed since the last IndexedDB save, base64 */
  changed: Record<string, string>;
}

const JOURNAL_KEY = 'modscope-unsaved';

/** Writes the journal of `ws` (files that differ from `saved`); false when storage refuses it. */
export function writeJournal(ws: StoredWorkspace, saved: StoredWorkspace | undefined, storage: Storage = localStorage): boolean {
  const changed: Record<string, string> = {};
  for (const [name, data] of Object.entries(ws.files)) {
    const old = saved?.id === ws.id ? saved.files[name] : undefined;
    if (old !== data) changed[name] = base64Encode(data);
  }
  const j: Journal = { id: ws.id, name: ws.name, updated: Date.now(), names: Object.keys(ws.files), changed };
  try {
    storage.setItem(JOURNAL_KEY, JSON.stringify(j));
    return true;
  } catch {
    return false;
  }
}

export function clearJournal(id?: string, storage: Storage = localStorage): void {
  const j = readJournal(storage);
  if (j && (id === undefined || j.id === id)) storage.removeItem(JOURNAL_KEY);
}

export function readJournal(storage: Storage = localStorage): Journal | undefined {
  try {
    const t = storage.getItem(JOURNAL_KEY);
    return t ? (JSON.parse(t) as Journal) : undefined;
  } catch {
    return undefined;
  }
}

/** Applies a journal left by a closed tab to its stored workspace (if newer), then clears it. */
export async function recoverJournal(store: WorkspaceStore, storage: Storage = localStorage): Promise<StoredWorkspace | undefined> {
  const j = readJournal(storage);
  if (!j) return undefined;
  const ws = await store.get(j.id);
  let out: StoredWorkspace | undefined;
  if (ws && j.updated >= ws.updated) {
    const files: Record<string, Uint8Array> = {};
    for (const name of j.names) {
      const c = j.changed[name];
      const data = c !== undefined ? Uint8Array.from(atob(c), (ch) => ch.charCodeAt(0)) : ws.files[name];
      if (data) files[name] = data;
    }
    out = { ...ws, files };
    await store.save(out);
  }
  storage.removeItem(JOURNAL_KEY);
  return out;
}

export function newWorkspaceId(): string {
  return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
}

/** The workspace as a txtar archive (repository files only). */
export function exportTxtar(ws: Pick<StoredWorkspace, 'name' | 'files'>): string {
  const files = Object.keys(ws.files)
    .sort()
    .map((name) => ({ name, data: ws.files[name]! }));
  return formatTxtarText({ comment: new TextEncoder().encode(`modscope workspace: ${ws.name}\n`), files });
}

/** The workspace as a zip of its repository files. */
export function exportZip(ws: Pick<StoredWorkspace, 'files'>): Uint8Array {
  return zipSync(ws.files, { mtime: new Date('2024-01-01T00:00:00Z') });
}
