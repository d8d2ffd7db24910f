// Building a CommandContext and the fetch IO (module source, disk cache, hasher) from the CLI's
// environment: GOPROXY over file:// or http(s), GOMODCACHE on disk, as the go command reads them.
import { readGoEnv, type GoModEnv } from '../core/goenv';
import type { FetchDeps } from '../core/modfetch/fetcher';
import { formatURL, ProxyStack, type GoURL, type ProxyTransport } from '../core/source';
import type { CommandContext } from '../core/workspace';
import { DiskCache } from '../io/diskCache';
import { diskModIndexFromEnv } from '../io/diskModIndex';
import type { ModIndexDeps } from '../core/modindex/moduleIndex';
import { cacheDirError, UnusableCache } from '../core/unusableCache';
import { nodeHasher } from '../io/nodeHasher';
import { nodeInflater } from '../io/nodeInflater';
import { FileTransport } from '../io/proxyFile';
import { FetchTransport } from '../io/proxyHttp';
import { NodeWorkspace } from '../io/nodeWorkspace';
import type { CliContext } from './commands';
import { GoSumDB, moduleCacheSumdbStore, type ConfigStore } from '../core/sumdb/client';
import { ed25519VerifyNode } from '../io/ed25519Node';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** sumdb config files (e.g. "<name>/latest") under dir, written atomically. */
function diskConfigStore(dir: string): ConfigStore {
  return {
    async read(f) {
      try {
        return new Uint8Array(readFileSync(join(dir, f)));
      } catch {
        return undefined;
      }
    },
    async write(f, data) {
      const p = join(dir, f);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p + '.tmp', data);
      renameSync(p + '.tmp', p);
    },
  };
}

/**
 * Whether a command line asks for -x (cmd/go/internal/work/build.go AddBuildFlags: cfg.BuildX),
 * given on the command line or in $GOFLAGS.
 */
export function buildXFlag(args: readonly string[], goflags = ''): boolean {
  return buildBoolFlag('x', args, goflags);
}

/**
 * A boolean build flag (-name, -name=value) as the command line leaves it, $GOFLAGS giving the
 * default (base.SetFromGOFLAGS, then the command line): e.g. -modcacherw (cfg.ModCacheRW).
 */
export function buildBoolFlag(name: string, args: readonly string[], goflags = ''): boolean {
  let on = false;
  const words = [...goflags.split(/\s+/).filter((w) => w !== ''), ...args];
  for (const a of words) {
    if (a === '--') break;
    const eq = a.indexOf('=');
    const flag = a.replace(/^--?/, '');
    if (flag === a) continue;
    if ((eq < 0 ? flag : flag.slice(0, flag.indexOf('='))) !== name) continue;
    on = eq < 0 || ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(a.slice(eq + 1));
  }
  return on;
}

/**
 * web/http.go get under -x: "# get URL" before an http(s) request, then its status and time
 * ("# get URL: 200 OK (0.001s)") or its error.
 */
function tracedTransport(t: ProxyTransport, log: (s: string) => void): ProxyTransport {
  return {
    async get(url, signal) {
      const u = formatURL(url);
      log(`# get ${u}\n`);
      const t0 = performance.now();
      try {
        const r = await t.get(url, signal);
        log(`# get ${u}: ${r.status} (${((performance.now() - t0) / 1000).toFixed(3)}s)\n`);
        return r;
      } catch (e) {
        if (!signal?.aborted) log(`# get ${u}: ${(e as Error).message}\n`);
        throw e;
      }
    },
  };
}

export interface CliFetchContext {
  ctx: CommandContext;
  deps: FetchDeps;
  env: GoModEnv;
}

/**
 * The go environment of a CLI run. An unset or relative GOMODCACHE gives a cache that fails
 * only where go's checkCacheDir does (core/unusableCache.ts).
 */
export function cliFetchContext(cli: CliContext, args: readonly string[] = []): CliFetchContext | { error: string } {
  const env = readGoEnv(cli.env);
  const file = new FileTransport();
  const fetched = new FetchTransport({ goRedirects: true });
  const traceSink: { write?: (s: string) => void } = {};
  const http = buildXFlag(args, cli.env.GOFLAGS) ? tracedTransport(fetched, (t) => (traceSink.write ?? cli.stderr)(t)) : fetched;
  const transportFor = (base: GoURL) => (base.scheme === 'file' ? file : http);
  const source = new ProxyStack({ GOPROXY: env.GOPROXY, GONOPROXY: env.GONOPROXY }, { transportFor });
  const unusable = cacheDirError(env.GOMODCACHE);
  const cache = unusable
    ? new UnusableCache(env.GOMODCACHE, unusable)
    : new DiskCache(env.GOMODCACHE, { modCacheRW: buildBoolFlag('modcacherw', args, cli.env.GOFLAGS) });
  // The checksum database as go uses it: the latest tree in $GOPATH/pkg/sumdb (cfg.SumdbDir),
  // lookups and tiles in the module cache (cache/download/sumdb).
  const sumdb =
    env.GOSUMDB === 'off'
      ? undefined
      : new GoSumDB({
          GOSUMDB: env.GOSUMDB,
          GOPROXY: env.GOPROXY,
          GONOPROXY: env.GONOPROXY,
          transportFor,
          verify: ed25519VerifyNode,
          config: diskConfigStore(join(env.GOPATH.split(':')[0] || env.GOMODCACHE, 'pkg', 'sumdb')),
          cache: moduleCacheSumdbStore(cache),
        });
  // The module index of the cache's trees (core/modindex), off with MODSCOPE_CACHE=off or GODEBUG=goindex=0.
  const deps: FetchDeps & ModIndexDeps = { source, cache, hasher: nodeHasher, sumdb, inflater: nodeInflater, modIndex: diskModIndexFromEnv(cli.env), traceSink };
  return { env, ctx: { cwd: cli.cwd, files: new NodeWorkspace(), env: cli.env }, deps };
}
