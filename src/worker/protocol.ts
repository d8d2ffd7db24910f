// What crosses the worker boundary: plain data only.
import type { Progress } from '../core/workspace';
import type { GoResult } from './goCommands';

/** Where the workspace lives inside the worker's file tree (go's working directory). */
export const REPO_DIR = '/repo';
/** The GOPROXY entry the same-origin relay (/goproxy/) stands for. */
export const RELAY_UPSTREAM = 'https://proxy.golang.org';
/** The file:// directory where the loaded universe's proxy is mounted. */
export const UNIVERSE_PROXY_DIR = '/modscope/proxy';
/** The file:// directory where an uploaded $GOMODCACHE/cache/download folder is mounted. */
export const UPLOADED_CACHE_DIR = '/modscope/modcache-download';

export interface RunReply {
  result: GoResult;
  /** The workspace after the command (paths relative to the repo root). */
  files: Record<string, Uint8Array>;
  canceled: boolean;
}

export interface CacheEntry {
  path: string;
  version: string;
  files: string[];
  zipSize?: number;
  h1?: string;
  extracted: boolean;
}

export interface CacheVerifyResult {
  path: string;
  version: string;
  ok: boolean;
  detail: string;
}

export interface WorkerAPI {
  run(argv: string[], files: Record<string, Uint8Array>, env: Record<string, string>, onProgress?: (p: Progress) => void): Promise<RunReply>;
  cancel(): void;
  setMount(dir: string, files: Record<string, Uint8Array> | null): void;
  cacheList(): Promise<CacheEntry[]>;
  cacheVerify(): Promise<CacheVerifyResult[]>;
  cacheClean(): Promise<void>;
  cacheExportZip(): Promise<Uint8Array>;
  /** Test hook: an uncaught error inside the worker. */
  crash(message: string): void;
}
