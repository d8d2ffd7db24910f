// What the fetch commands (go mod download, go mod verify) share besides the module loader
// (src/core/modload, which finds and reads the main module, go.sum and the graph): an early-exit
// error with go's text, a cache wrapper that counts reads and writes, and the touched summary.

import type { ModuleCache } from '../cache';
import type { Touched, Workspace } from '../workspace';

/** A go command's early exit: text for stderr (and stdout) and the exit status. */
export class CommandExit extends Error {
  constructor(
    readonly stderr: string,
    readonly exitCode: number,
    readonly stdout = '',
  ) {
    super(stderr);
    this.name = 'CommandExit';
  }
}

/** A ModuleCache that counts writes (for CommandResult.touched). */
export class CountingCache implements ModuleCache {
  writes = 0;
  reads = 0;
  constructor(private readonly c: ModuleCache) {}
  get root() {
    return this.c.root;
  }
  read(rel: string) {
    this.reads++;
    return this.c.read(rel);
  }
  write(rel: string, data: Uint8Array) {
    this.writes++;
    return this.c.write(rel, data);
  }
  remove(rel: string) {
    this.writes++;
    return this.c.remove(rel);
  }
  exists(rel: string) {
    this.reads++;
    return this.c.exists(rel);
  }
  get statExists(): ModuleCache['statExists'] {
    return this.counted('statExists');
  }
  get statRegular(): ModuleCache['statRegular'] {
    return this.counted('statRegular');
  }
  get readDirNames(): ModuleCache['readDirNames'] {
    return this.counted('readDirNames');
  }
  /** checkCacheDir (cache.go): forwarded, so a counted cache makes $GOMODCACHE as go does. */
  get checkDir(): ModuleCache['checkDir'] {
    const c = this.c;
    return c.checkDir ? () => c.checkDir!() : undefined;
  }
  /** The cache's optional one-path method k, counting its calls as reads (undefined if it has none). */
  private counted<K extends 'statExists' | 'statRegular' | 'readDirNames'>(k: K): ModuleCache[K] {
    const c = this.c;
    const f = c[k] as ((rel: string) => unknown) | undefined;
    if (!f) return undefined as ModuleCache[K];
    return ((rel: string) => {
      this.reads++;
      return f.call(c, rel);
    }) as ModuleCache[K];
  }
  list(dir: string) {
    this.reads++;
    return this.c.list(dir);
  }
  writeTree(dir: string, files: Parameters<ModuleCache['writeTree']>[1]) {
    this.writes++;
    return this.c.writeTree(dir, files);
  }
  removeTree(dir: string) {
    this.writes++;
    return this.c.removeTree(dir);
  }
}

/** CommandResult.touched for a fetch command. */
export function touched(s: { main: boolean; cache: CountingCache } | undefined, gosumWritten: boolean): Touched {
  return {
    gomod: s?.main ? 'read' : 'none',
    gosum: gosumWritten ? 'written' : s?.main ? 'read' : 'none',
    cache: !s ? 'none' : s.cache.writes > 0 ? 'written' : s.cache.reads > 0 ? 'read' : 'none',
  };
}

/**
 * modfetch.SideLock, best effort: creates $GOMODCACHE/cache/lock when missing (go takes it before
 * commitRequirements / WriteGoSum / go mod edit write go.mod or go.sum); an unusable cache is
 * skipped, as go ignores SideLock's error there.
 */
export async function sideLock(cache: ModuleCache): Promise<void> {
  try {
    cache.checkDir?.();
    if ((await cache.read('cache/lock')) === undefined) await cache.write('cache/lock', new Uint8Array());
  } catch {
    // best effort, as in go
  }
}

/**
 * The command's files, taking modfetch.SideLock ($GOMODCACHE/cache/lock, created if missing)
 * before go.mod or go.sum is written, as go's commitRequirements and WriteGoSum do. onWrite
 * sees every written path.
 */
export function sideLockFiles(files: Workspace, cache: ModuleCache, onWrite?: (path: string) => void): Workspace {
  const w = files.write.bind(files);
  return Object.assign(Object.create(files) as Workspace, {
    write: async (p: string, d: Parameters<Workspace['write']>[1]) => {
      onWrite?.(p);
      if (/(^|\/)go\.(mod|sum|work\.sum)$/.test(p)) await sideLock(cache);
      return w(p, d);
    },
  });
}
