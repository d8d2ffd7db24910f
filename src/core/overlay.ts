// The -overlay file view: cmd/go/internal/fsys (Init, initFromJSON, ReadDir, overlayStat,
// OverlayPath, openFile). Reads, stats and directory listings see the overlay's Replace map;
// writes go to the files underneath, as go writes with the os package directly.
import { jsonSyntaxError } from './source';
import { utf8Decode } from './gostrings';
import { goQuote } from './module';
import { cleanAbs, joinAbs, type Workspace } from './workspace';

/** A node of the overlay tree: a replaced file, a deleted file, or a directory of nodes. */
type OverlayNode = { file: string } | { deleted: true } | { dir: Map<string, OverlayNode> };

const isDirNode = (n: OverlayNode | undefined): n is { dir: Map<string, OverlayNode> } => n !== undefined && 'dir' in n;
const isDeleted = (n: OverlayNode | undefined): boolean => n !== undefined && 'deleted' in n;

const dirOf = (p: string) => {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
};
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** fsys.canonicalize: absolute and clean. */
function canonicalize(cwd: string, p: string): string {
  return p.startsWith('/') ? cleanAbs(p) : joinAbs(cwd, p);
}

/** encoding/json's type-error text for a value of kind got where want was expected. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * json.Unmarshal into fsys.OverlayJSON: the Replace map (field name matched case-insensitively,
 * null values are "" = deleted), or Go's error text.
 */
export function parseOverlayJSON(text: string): Map<string, string> | string {
  const syn = jsonSyntaxError(text);
  if (syn !== undefined) return syn;
  const top: unknown = JSON.parse(text);
  const out = new Map<string, string>();
  if (top === null) return out;
  if (typeof top !== 'object' || Array.isArray(top)) return `json: cannot unmarshal ${jsonKind(top)} into Go value of type fsys.OverlayJSON`;
  let firstErr: string | undefined;
  for (const [k, v] of Object.entries(top as Record<string, unknown>)) {
    if (k.toLowerCase() !== 'replace') continue;
    if (v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) {
      firstErr ??= `json: cannot unmarshal ${jsonKind(v)} into Go struct field OverlayJSON.Replace of type map[string]string`;
      continue;
    }
    for (const [from, to] of Object.entries(v as Record<string, unknown>)) {
      if (to !== null && typeof to !== 'string') {
        firstErr ??= `json: cannot unmarshal ${jsonKind(to)} into Go struct field OverlayJSON.Replace of type string`;
        continue;
      }
      out.set(from, to ?? '');
    }
  }
  return firstErr ?? out;
}

/** fsys.initFromJSON: the overlay tree by canonical path, or Go's error text. */
export function buildOverlay(cwd: string, replace: Map<string, string>): Map<string, OverlayNode> | string {
  const overlay = new Map<string, OverlayNode>();
  const reverse = new Map<string, string>();
  for (const from0 of [...replace.keys()].sort()) {
    let to = replace.get(from0)!;
    if (from0 === '') return 'empty string key in overlay file Replace map';
    const from = canonicalize(cwd, from0);
    if (to !== '') to = canonicalize(cwd, to);
    const other = reverse.get(from);
    if (other !== undefined) {
      return `paths ${goQuote(other)} and ${goQuote(from0)} both canonicalize to ${goQuote(from)} in overlay file Replace map`;
    }
    reverse.set(from, from0);
    const existing = overlay.get(from);
    if (isDirNode(existing) && [...existing.dir.values()].some((c) => !isDeleted(c))) {
      return `invalid overlay: path ${from} is used as both file and directory`;
    }
    let child: OverlayNode = to === '' ? { deleted: true } : { file: to };
    overlay.set(from, child);
    let dir = dirOf(from);
    let base = baseOf(from);
    for (;;) {
      let dirNode = overlay.get(dir);
      if (dirNode === undefined || isDeleted(dirNode)) {
        dirNode = { dir: new Map() };
        overlay.set(dir, dirNode);
      }
      if (isDeleted(child)) {
        // A deleted file's directory exists only through other children: no parents made.
        if (isDirNode(dirNode)) dirNode.dir.set(base, child);
        break;
      }
      if (!isDirNode(dirNode)) return `invalid overlay: path ${dir} is used as both file and directory`;
      dirNode.dir.set(base, child);
      const parent = dirOf(dir);
      if (parent === dir) break;
      base = baseOf(dir);
      dir = parent;
      child = dirNode;
    }
  }
  return overlay;
}

/** The files of a command as the overlay shows them (fsys with OverlayFile set). */
export class OverlayWorkspace implements Workspace {
  constructor(
    private readonly base: Workspace,
    private readonly cwd: string,
    private readonly overlay: Map<string, OverlayNode>,
  ) {}

  /** fsys.parentIsOverlayFile: name or a parent of it is an overlaid (or deleted) file. */
  private parentIsFile(name: string): boolean {
    for (let p = name; ; p = dirOf(p)) {
      const n = this.overlay.get(p);
      if (n !== undefined && !isDirNode(n)) return true;
      if (dirOf(p) === p) return false;
    }
  }

  /** fsys.OverlayPath's ok: path is replaced by a file or deleted by the overlay. */
  overlaid(path: string): boolean {
    const n = this.overlay.get(canonicalize(this.cwd, path));
    return n !== undefined && !isDirNode(n);
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const p = canonicalize(this.cwd, path);
    const n = this.overlay.get(p);
    if (n !== undefined) return 'file' in n ? this.base.read(n.file) : undefined;
    if (this.parentIsFile(dirOf(p))) return undefined;
    return this.base.read(path);
  }

  async stat(path: string): Promise<'file' | 'dir' | undefined> {
    const p = canonicalize(this.cwd, path);
    if (this.parentIsFile(dirOf(p))) return undefined;
    const n = this.overlay.get(p);
    if (n === undefined) return this.base.stat(path);
    if (isDirNode(n)) return 'dir';
    if (!('file' in n)) return undefined;
    // Overlaid files are stat'ed through symlinks; a directory there is no file.
    return (await this.base.stat(n.file)) === 'file' ? 'file' : undefined;
  }

  async readDir(path: string): Promise<string[]> {
    const p = canonicalize(this.cwd, path);
    if (this.parentIsFile(p)) return [];
    const n = this.overlay.get(p);
    if (n === undefined) return this.base.readDir(path);
    if (!isDirNode(n)) return [];
    const names = new Map<string, string>();
    for (const e of await this.base.readDir(path).catch(() => [])) names.set(e.replace(/\/$/, ''), e);
    for (const [name, c] of n.dir) {
      if (isDirNode(c)) names.set(name, name + '/');
      else if (isDeleted(c)) names.delete(name);
      else names.set(name, name);
    }
    return [...names.values()].sort((a, b) => (a.replace(/\/$/, '') < b.replace(/\/$/, '') ? -1 : 1));
  }

  /** The base directory's answer (overlaid entries are not weighed). */
  async unindexable(dir: string): Promise<boolean> {
    return (await this.base.unindexable?.(dir)) ?? false;
  }

  write(path: string, data: Uint8Array | string): Promise<void> {
    return this.base.write(path, data);
  }

  remove(path: string): Promise<void> {
    return this.base.remove(path);
  }

  get removeTree(): ((path: string) => Promise<void>) | undefined {
    const rt = this.base.removeTree;
    return rt ? (p: string) => rt.call(this.base, p) : undefined;
  }
}

/**
 * fsys.Init: the overlay named by -overlay (read relative to cwd) over files, or Go's error
 * ("reading overlay file: ...", "parsing overlay JSON: ...", the Replace map's errors).
 */
export async function initOverlay(files: Workspace, cwd: string, overlayFile: string): Promise<OverlayWorkspace | { error: string }> {
  // os.ReadFile: a directory reads as EISDIR ("read NAME: is a directory")
  const st0 = await files.stat(canonicalize(cwd, overlayFile));
  const data = st0 === 'dir' ? undefined : await files.read(canonicalize(cwd, overlayFile));
  if (data === undefined) {
    const st = st0;
    return { error: `reading overlay file: ${st === 'dir' ? 'read' : 'open'} ${overlayFile}: ${st === 'dir' ? 'is a directory' : 'no such file or directory'}` };
  }
  const replace = parseOverlayJSON(utf8Decode(data));
  if (typeof replace === 'string') return { error: `parsing overlay JSON: ${replace}` };
  const overlay = buildOverlay(cwd, replace);
  if (typeof overlay === 'string') return { error: overlay };
  return new OverlayWorkspace(files, cwd, overlay);
}
