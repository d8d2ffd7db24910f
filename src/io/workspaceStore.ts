// Workspaces in IndexedDB (idb-keyval): each a named set of repository files plus, optionally,
// the proxy directory of the universe it came with. Survives reloads; list, rename, delete,
// export as txtar or zip. Settings (the page's go env) live in the same store.
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { zipSync } from 'fflate';
import { formatTxtarText } from '../core/txtar';

export interface StoredWorkspace {
  id: string;
  name: string;
  /** Repository files by path relative to the repo root. */
  files: Record<string, Uint8Array>;
  /** The universe's proxy directory (GOPROXY file layout), when the workspace brought one. */
  proxy?: Record<string, Uint8Array>;
  updated: number;
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
