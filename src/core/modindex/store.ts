// Where module index records live: a store of named shards (one per module cache and set of
// main modules). The CLI keeps shards on disk (src/io/diskModIndex.ts); the browser and tests in
// memory. A shard is read once per process; new records are appended.
import { decodeRecords, encodeRecord } from './records';

/** The index format: part of every shard's identity, so a new format starts new shards. */
export const INDEX_FORMAT = 'modscope-modindex-2';

export interface IndexShard {
  get(key: string): string | undefined;
  /** Records a value (visible to get at once; stored whole, maybe later, by the store). */
  put(key: string, value: string): void;
}

export interface ModIndexStore {
  open(name: string): Promise<IndexShard>;
}

/** A shard over the records of a text, with new records handed to append. */
export class RecordShard implements IndexShard {
  private readonly values: Map<string, string>;
  constructor(
    text: string,
    private readonly append: (record: string) => void,
  ) {
    this.values = decodeRecords(text);
  }
  records(): ReadonlyMap<string, string> {
    return this.values;
  }
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  put(key: string, value: string): void {
    this.values.set(key, value);
    this.append(encodeRecord(key, value));
  }
}

/** Shards as texts in memory (the browser, tests); a shard opened again sees earlier puts. */
export class MemoryIndexStore implements ModIndexStore {
  readonly shards = new Map<string, string>();
  async open(name: string): Promise<IndexShard> {
    return new RecordShard(this.shards.get(name) ?? '', (r) => this.shards.set(name, (this.shards.get(name) ?? '') + r));
  }
}

/** FNV-1a 64 of a string's UTF-16 units, as 16 hex digits (shard names). */
export function shardHash(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
