// The module index's shards on disk (core/modindex): <user cache dir>/modscope/modindex/<shard>.idx,
// like go's index in GOCACHE. A shard is read with one read per process; new records are
// appended whole, one write per batch (O_APPEND: appends of concurrent processes do not mix), and
// a shard that is mostly superseded records is rewritten through a temp file and a rename. A torn
// or damaged record is skipped by the reader and rebuilt. Shards unused for 5 days are removed (at
// most once a day, by a process that writes), as go trims its cache.
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { goIndexOff } from '../core/modindex/moduleIndex';
import { encodeRecords } from '../core/modindex/records';
import { RecordShard, type IndexShard, type ModIndexStore } from '../core/modindex/store';

type Env = Readonly<Record<string, string | undefined>>;

const HOUR = 3600_000;
const TRIM_INTERVAL = 24 * HOUR;
const TRIM_LIMIT = 5 * 24 * HOUR;
const COMPACT_MIN = 1 << 20;

/**
 * The index directory for an environment, or undefined when the index is off:
 * MODSCOPE_CACHE=off or GODEBUG=goindex=0; MODSCOPE_CACHE=<absolute dir> replaces
 * <user cache dir>/modscope; the user cache dir is $XDG_CACHE_HOME or $HOME/.cache
 * (os.UserCacheDir), none when neither is an absolute path.
 */
export function modIndexDir(env: Env): string | undefined {
  return goIndexOff(env.GODEBUG) ? undefined : modscopeCacheDir(env, 'modindex');
}

/** <MODSCOPE_CACHE or user cache dir/modscope>/<name>, or undefined (MODSCOPE_CACHE=off, no cache dir). */
export function modscopeCacheDir(env: Env, name: string): string | undefined {
  const own = env.MODSCOPE_CACHE ?? '';
  if (own === 'off') return undefined;
  if (own !== '') return isAbsolute(own) ? join(own, name) : undefined;
  const xdg = env.XDG_CACHE_HOME ?? '';
  const base = isAbsolute(xdg) ? xdg : isAbsolute(env.HOME ?? '') ? join(env.HOME!, '.cache') : '';
  return base === '' ? undefined : join(base, 'modscope', name);
}

/** The disk store for an environment (undefined: no index). */
export function diskModIndexFromEnv(env: Env): DiskModIndex | undefined {
  const dir = modIndexDir(env);
  return dir === undefined ? undefined : new DiskModIndex(dir);
}

const pending = new Set<DiskModIndex>();
let exitHook = false;

export class DiskModIndex implements ModIndexStore {
  private readonly queued = new Map<string, string[]>();
  private scheduled = false;

  constructor(readonly dir: string) {}

  async open(name: string): Promise<IndexShard> {
    const file = join(this.dir, name + '.idx');
    let text = '';
    try {
      const fd = openSync(file, 'r');
      try {
        const st = fstatSync(fd);
        text = readFileSync(fd, 'utf8');
        // cache.go: used — a shard in use keeps a recent mtime, so that trimming spares it.
        if (Date.now() - st.mtimeMs > HOUR) utimesSync(file, new Date(), new Date());
      } finally {
        closeSync(fd);
      }
    } catch {
      // absent or unreadable: an empty shard (records are rebuilt)
    }
    const shard = new RecordShard(text, (r) => this.append(file, r));
    if (text.length >= COMPACT_MIN) {
      const live = encodeRecords(shard.records());
      if (live.length * 2 < text.length) this.rewrite(file, live);
    }
    return shard;
  }

  private rewrite(file: string, data: string): void {
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(tmp, data);
      renameSync(tmp, file);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing to remove
      }
    }
  }

  private append(file: string, record: string): void {
    let l = this.queued.get(file);
    if (!l) this.queued.set(file, (l = []));
    l.push(record);
    pending.add(this);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const s of pending) s.flush();
      });
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush()).unref();
    }
  }

  /** Writes the queued records, each shard's with one append. */
  flush(): void {
    this.scheduled = false;
    pending.delete(this);
    if (this.queued.size === 0) return;
    const batches = [...this.queued];
    this.queued.clear();
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch {
      return;
    }
    for (const [file, records] of batches) {
      try {
        appendFileSync(file, records.join(''));
      } catch {
        // a store that cannot be written: the records are rebuilt next time
      }
    }
    this.trim();
  }

  /** cache.go: Trim — at most once a day, shards not used for 5 days are removed. */
  private trim(): void {
    const mark = join(this.dir, 'trim.txt');
    const now = Date.now();
    try {
      const last = Number(readFileSync(mark, 'utf8').trim()) * 1000;
      if (Number.isFinite(last) && now - last < TRIM_INTERVAL && last <= now) return;
    } catch {
      // no mark yet
    }
    try {
      writeFileSync(mark, `${Math.floor(now / 1000)}\n`);
      for (const name of readdirSync(this.dir)) {
        if (!name.endsWith('.idx') && !name.endsWith('.tmp')) continue;
        const p = join(this.dir, name);
        const st = statSync(p, { throwIfNoEntry: false });
        if (st && now - st.mtimeMs > TRIM_LIMIT) unlinkSync(p);
      }
    } catch {
      // trimming is best effort
    }
  }
}
