// What crosses the worker boundary: plain data only.
import type { Progress } from '../core/workspace';
import type { GraphModel } from '../core/views/graphModel';
import type { TidyReport } from '../core/commands/modtidy';
import type { SumReasons } from '../core/views/sumReasons';
import type { GetChange } from '../core/modget/get';
import type { GoResult } from './goCommands';

/** Where the workspace lives inside the worker's file tree (go's working directory). */
export const REPO_DIR = '/repo';
/** The GOPROXY entry the same-origin relay (/goproxy/) stands for. */
export const RELAY_UPSTREAM = 'https://proxy.golang.org';
/** The file:// directory where the loaded universe's proxy is mounted. */
export const UNIVERSE_PROXY_DIR = '/modscope/proxy';
/** The file:// directory where the Learn tab's lesson universe is mounted. */
export const LESSON_PROXY_DIR = '/modscope/lesson-proxy';
/** The file:// directory where an uploaded $GOMODCACHE/cache/download folder is mounted. */
export const UPLOADED_CACHE_DIR = '/modscope/modcache-download';

/** A folder mounted lazily: the files of a folder input, or a directory handle (structured-cloneable). */
export type LazySource = { files: Record<string, Blob> } | { handle: FileSystemDirectoryHandle };

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

/** A preview of `go mod tidy` or `go get ...` run on a copy of the workspace. */
export interface PreviewReply {
  /** The command that would change the workspace (go mod tidy / go get ...), run on a copy. */
  result: { stdout: string; stderr: string; exitCode: number };
  /** The copy's files afterwards (what Apply writes). */
  files: Record<string, Uint8Array>;
  /** tidy: `go mod tidy -diff` on another copy — go's unified diff and the exit status a CI job sees. */
  diff?: { stdout: string; stderr: string; exitCode: number };
  report?: TidyReport;
  /** tidy: why each go.sum line is kept (src/core/views/sumReasons.ts), by go.sum key. */
  sumReasons?: SumReasons;
  changes?: GetChange[];
}

/** Files and hashes of one module version as the module cache holds them. */
export interface ModuleDetails {
  files?: string[];
  h1?: string;
  note?: string;
}

export interface WorkerAPI {
  run(argv: string[], files: Record<string, Uint8Array>, env: Record<string, string>, onProgress?: (p: Progress) => void): Promise<RunReply>;
  cancel(): void;
  setMount(dir: string, files: Record<string, Uint8Array> | null): void;
  /**
   * Mounts a picked folder at dir without reading it: its files (Blobs of a folder input) or its
   * directory handle (Chromium's picker or a drop); a file is read when go asks for its path.
   */
  setLazyMount(dir: string, src: LazySource | null): void;
  /** The paths read so far from the lazy mount at dir. */
  lazyMountReads(dir: string): string[];
  cacheList(): Promise<CacheEntry[]>;
  cacheVerify(): Promise<CacheVerifyResult[]>;
  cacheClean(): Promise<void>;
  cacheExportZip(): Promise<Uint8Array>;
  /** The module graph of the workspace (go mod graph's, with kinds) with go mod why -m paths attached. */
  graphModel(files: Record<string, Uint8Array>, env: Record<string, string>): Promise<GraphModel>;
  /** The files and h1 hash of path@version from the module cache (lesson: the lesson cache). */
  moduleDetails(path: string, version: string, lesson?: boolean): Promise<ModuleDetails>;
  /** `go mod tidy [args]` (with a -diff run) or `go get args` on a copy of the workspace. */
  preview(kind: 'tidy' | 'get', args: string[], files: Record<string, Uint8Array>, env: Record<string, string>, onProgress?: (p: Progress) => void): Promise<PreviewReply>;
  /** Learn tab: run a go command against the lesson's own in-memory module cache. */
  lessonRun(argv: string[], files: Record<string, Uint8Array>, env: Record<string, string>): Promise<RunReply>;
  /** Learn tab: a fresh, empty lesson module cache. */
  lessonReset(): void;
  /** Learn tab: damage a cached module (src/ui/lessons/tamper.ts). */
  lessonTamper(path: string, version: string): Promise<{ changed: string; ziphash: string }>;
  /** Test hook: an uncaught error inside the worker. */
  crash(message: string): void;
  /** Test hook: the worker's thread busy for ms without yielding (a command that never stops). */
  stall(ms: number): void;
}
