// Turning what the user brings (a zip, a folder, dropped files, a universe txtar) into
// workspace files. Contents are data only; names are normalised slash paths.
import { unzipSync } from 'fflate';
import { parseUniverse } from '../worker/universe';

export interface Loaded {
  name: string;
  files: Record<string, Uint8Array>;
  proxy?: Record<string, Uint8Array>;
  note?: string;
}

const MAX_FILE = 4 << 20;

function keep(path: string): boolean {
  return !path.split('/').some((el) => el === '.git' || el === 'node_modules' || el === '') && !path.endsWith('/');
}

/** Drops a directory every file shares (a GitHub zip's "repo-main/", a picked folder's name). */
export function stripCommonDir(files: Record<string, Uint8Array>): { files: Record<string, Uint8Array>; dir?: string } {
  const names = Object.keys(files);
  if (names.length === 0) return { files };
  const first = names[0]!.split('/')[0]!;
  if (!names.every((n) => n.startsWith(first + '/'))) return { files };
  const out: Record<string, Uint8Array> = {};
  for (const n of names) out[n.slice(first.length + 1)] = files[n]!;
  return { files: out, dir: first };
}

export function loadZip(name: string, data: Uint8Array): Loaded {
  const raw = unzipSync(data, { filter: (f) => f.originalSize <= MAX_FILE && keep(f.name) });
  const { files, dir } = stripCommonDir(raw);
  return { name: dir ?? name.replace(/\.zip$/, ''), files };
}

export function loadUniverse(name: string, text: string | Uint8Array): Loaded {
  const u = parseUniverse(text);
  return { name, files: u.repo, proxy: u.proxyDir ? Object.fromEntries(u.proxyDir) : undefined, note: u.modules.length ? `${u.modules.length} module versions in its proxy` : undefined };
}

export async function loadFileList(list: FileList | File[]): Promise<Loaded> {
  const raw: Record<string, Uint8Array> = {};
  const arr = [...list];
  if (arr.length === 1 && arr[0]!.name.endsWith('.zip')) return loadZip(arr[0]!.name, new Uint8Array(await arr[0]!.arrayBuffer()));
  if (arr.length === 1 && arr[0]!.name.endsWith('.txtar')) return loadUniverse(arr[0]!.name.replace(/\.txtar$/, ''), new Uint8Array(await arr[0]!.arrayBuffer()));
  for (const f of arr) {
    const p = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (f.size > MAX_FILE || !keep(p)) continue;
    raw[p] = new Uint8Array(await f.arrayBuffer());
  }
  const { files, dir } = stripCommonDir(raw);
  return { name: dir ?? 'uploaded', files };
}

/** Files of a drag-and-drop (folders walked through webkitGetAsEntry). */
export async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const f = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push(new File([f], prefix + f.name));
      Object.defineProperty(out[out.length - 1]!, 'webkitRelativePath', { value: prefix + f.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const e of batch) await walk(e, prefix + entry.name + '/');
      }
    }
  };
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...dt.files];
  for (const e of entries) await walk(e, '');
  return out;
}
