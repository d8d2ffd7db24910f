// The user's files as the go command sees them: a tree addressed by absolute slash paths
// ("/home/u/repo/go.mod" on disk in the CLI, "/repo/go.mod" in the page). The main module,
// go.work, and directory replacements (`replace x => ../x`) are all read through it.
import { utf8Encode } from './gostrings';

export interface Workspace {
  read(path: string): Promise<Uint8Array | undefined>;
  write(path: string, data: Uint8Array | string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Whether path is a file ("file"), a directory holding files ("dir"), or absent. */
  stat(path: string): Promise<'file' | 'dir' | undefined>;
  /** The entries directly inside dir: names, with a trailing "/" for directories; sorted. */
  readDir(path: string): Promise<string[]>;
  /** os.RemoveAll: the tree at path, directories included (optional; callers fall back to removing files). */
  removeTree?(path: string): Promise<void>;
  /**
   * Whether go's module index would refuse the directory (modindex/read.go dirHash): it cannot be
   * read, or holds a non-directory entry that is not a regular file (a symlink) or a file modified
   * less than 2 s ago. go then reads the package with imports.ScanDir. Optional: a tree without
   * modification times (the page) is taken to be indexable.
   */
  unindexable?(dir: string): Promise<boolean>;
  /**
   * The names of the symbolic links to directories directly inside dir, which readDir leaves out
   * (go work use -r warns about each). Optional: a tree without links (the page) has none.
   */
  symlinkDirs?(dir: string): Promise<string[]>;
}

/** A Workspace in memory (tests, the page before persisting, txtar archives). */
export class MemoryWorkspace implements Workspace {
  readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, d] of Object.entries(files)) this.files.set(cleanAbs(p), toBytes(d));
  }

  async read(path: string) {
    return this.files.get(cleanAbs(path));
  }
  async write(path: string, data: Uint8Array | string) {
    this.files.set(cleanAbs(path), toBytes(data));
  }
  async remove(path: string) {
    this.files.delete(cleanAbs(path));
  }
  async stat(path: string) {
    const p = cleanAbs(path);
    if (this.files.has(p)) return 'file' as const;
    const prefix = p === '/' ? '/' : p + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return 'dir' as const;
    return undefined;
  }
  async readDir(path: string) {
    const p = cleanAbs(path);
    const prefix = p === '/' ? '/' : p + '/';
    const out = new Set<string>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const i = rest.indexOf('/');
      out.add(i < 0 ? rest : rest.slice(0, i + 1));
    }
    return [...out].sort();
  }
}

export function toBytes(d: Uint8Array | string): Uint8Array {
  return typeof d === 'string' ? utf8Encode(d) : d;
}

/** path.Clean for absolute slash paths. */
export function cleanAbs(p: string): string {
  const out: string[] = [];
  for (const el of p.split('/')) {
    if (el === '' || el === '.') continue;
    if (el === '..') out.pop();
    else out.push(el);
  }
  return '/' + out.join('/');
}

/** path.Join(dir, rel) for absolute dir; rel may be absolute. */
export function joinAbs(dir: string, rel: string): string {
  return cleanAbs(rel.startsWith('/') ? rel : dir + '/' + rel);
}

/** What one command did to the three pieces (manifest, receipt, storage), for the page. */
export interface Touched {
  gomod: 'none' | 'read' | 'written';
  gosum: 'none' | 'read' | 'written';
  cache: 'none' | 'read' | 'written';
}

/** The result of one go command: go's streams and exit status, and what it touched. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Where stdout falls in go's stream order: go writes this many characters of stderr (loading's
   * warnings and "go: downloading" lines) before stdout, and the rest after it (an error that ends
   * the output). Unset: stdout first. A terminal that shows both streams as one follows it.
   */
  stdoutAfter?: number;
  touched?: Touched;
}

/** go's two streams in the order go writes them (see CommandResult.stdoutAfter). */
export function inGoOrder(r: Pick<CommandResult, 'stdout' | 'stderr' | 'stdoutAfter'>): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const at = Math.min(r.stdoutAfter ?? 0, r.stderr.length);
  const parts: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [
    { stream: 'stderr', text: r.stderr.slice(0, at) },
    { stream: 'stdout', text: r.stdout },
    { stream: 'stderr', text: r.stderr.slice(at) },
  ];
  return parts.filter((p) => p.text !== '');
}

/** Progress of a long step: counts the page shows in a progress bar. */
export interface Progress {
  phase: string;
  done: number;
  total?: number;
  bytes?: number;
}

/**
 * Everything a go command runs against. The same core commands run under the CLI (disk
 * workspace and cache, file:// or http proxies) and the page (IndexedDB, relay, uploads).
 */
export interface CommandContext {
  /** The directory the command runs in (absolute slash path inside files). */
  cwd: string;
  files: Workspace;
  /** go's environment variables as the command sees them (GOPROXY, GOFLAGS, GOSUMDB, ...). */
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
}
