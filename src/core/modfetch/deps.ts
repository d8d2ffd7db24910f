// The IO and settings the fetch layer (fetcher.ts) runs over: the module source, the module
// cache, the hasher, the checksum database, and a command's go.sum and GOSUMDB settings.
import type { ModuleCache } from '../cache';
import type { GoSumState } from '../gosum';
import type { Hasher } from '../hasher';
import type { ModuleVersion } from '../module';
import type { Inflater } from '../modzip/inflate';
import type { ModuleSource } from '../source';
import type { Progress } from '../workspace';

/**
 * A checksum database (GOSUMDB) as the fetch layer needs it: the go.sum lines it records for a
 * module version (mod.version may end in "/go.mod"). Implemented by a later sumdb client.
 */
export interface SumDB {
  /** The database name printed in mismatch errors (e.g. "sum.golang.org"). */
  readonly name: string;
  lookup(mod: ModuleVersion, signal?: AbortSignal): Promise<string[]>;
}

/** The IO a fetcher runs over. */
export interface FetchDeps {
  source: ModuleSource;
  cache: ModuleCache;
  hasher: Hasher;
  /** The checksum database for GOSUMDB; without it, a needed lookup fails clearly. */
  sumdb?: SumDB;
  /** The DEFLATE decoder for module zips (default: the port of compress/flate). */
  inflater?: Inflater;
  /**
   * Where the -x trace of requests ("# get URL") goes: the command (ModState) points write at its
   * own stderr, so the trace and its "go: downloading" lines keep go's order in one stream.
   */
  traceSink?: { write?: (s: string) => void };
}

export interface FetcherOptions extends FetchDeps {
  /** go.sum of the main module; undefined outside a module (go.sum is then not consulted). */
  goSum?: GoSumState;
  /** GOSUMDB and GONOSUMDB (GONOSUMDB already defaulted to GOPRIVATE, as readGoEnv does). */
  env: { GOSUMDB: string; GONOSUMDB: string; GOTOOLCHAIN?: string };
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
  /** Diagnostics go prints to stderr while fetching ("-> unzip ..." lines, go.sum warnings). */
  stderr?: (s: string) => void;
  /**
   * DownloadZip's "go: downloading P V" line: printed by every command except `go mod download`
   * (cfg.CmdName != "mod download").
   */
  announceDownloads?: boolean;
  /** Write the empty .lock files go leaves in the cache (default true, as go does). */
  writeLocks?: boolean;
  /** repo.go lookup: with -mod=vendor every repository lookup fails (errLookupDisabled). */
  lookupDisabled?: () => Error | null;
}
