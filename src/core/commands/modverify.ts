// `go mod verify` over the core (cmd/go/internal/modcmd/verify.go: runVerify, verifyMod): loads
// the module graph (modload.LoadModGraph), then checks every non-main build-list module that is in the cache: its
// .ziphash must exist, and the zip (if cached) and the extracted directory (if complete) must
// hash to it. Modules with neither zip nor directory are skipped; .info and .mod files are not
// looked at (the graph load checks .mod files against go.sum, as go's does).

import { cacheAbs, cachePathRel, downloadDir, downloadDirRel } from '../cache';
import { hash1Bytes, hash1Open } from '../dirhash';
import { isToolchainPath } from '../gover';
import { ChecksumMismatchError } from '../gosum';
import type { ModuleVersion } from '../module';
import { readZipForHash } from '../modzip';
import { FatalError, type FetchDeps } from '../modfetch/fetcher';
import { CommandExit, CountingCache, touched } from '../modfetch/session';
import type { ModuleCache } from '../cache';
import type { Hasher } from '../hasher';
import type { Inflater } from '../modzip/inflate';
import { loadModGraph } from '../modload/buildlist';
import { initWorkfile } from '../modload/init';
import { ModState } from '../modload/state';
import { errorText } from './errtext';
import { isNotExist } from '../source';
import { goTrimSpace, utf8Decode } from '../gostrings';
import type { CommandContext, CommandResult } from '../workspace';
import { commandFlags } from './cmdflags';


/** `go mod verify`. */
export async function modVerify(ctx: CommandContext, argv: string[], deps: FetchDeps): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const cache = new CountingCache(deps.cache);
  let s: ModState | undefined;
  const result = (): CommandResult => ({ stdout, stderr, exitCode, stdoutAfter: stderr.length, touched: touched(s ? { main: s.mainModules !== null, cache } : undefined, false) });
  try {
    const p = commandFlags('mod verify', argv, ctx.env.GOFLAGS);
    if ('stderr' in p) throw new CommandExit(p.stderr, p.exitCode);
    const { values: flags, args } = p;
    const st = (s = new ModState({
      cwd: ctx.cwd,
      files: ctx.files,
      env: ctx.env,
      cmdName: 'mod verify',
      deps: { ...deps, cache },
      overlay: flags.get('overlay'),
      modFile: flags.get('modfile'),
      stderr: (t) => (stderr += t),
      signal: ctx.signal,
    }));
    await initWorkfile(st);
    if (args.length !== 0) throw new CommandExit('go: verify takes no arguments\n', 1);
    let mods: readonly ModuleVersion[];
    try {
      mods = (await loadModGraph(st, '')).buildList();
    } catch (e) {
      if (e instanceof FatalError || e instanceof ChecksumMismatchError || (e as { fatal?: boolean }).fatal) throw e;
      throw new CommandExit(errorText(e), 1);
    }
    const v: VerifyEnv = { cache, hasher: st.fetcher.hasher, inflater: deps.inflater, isMain: (p) => st.main().contains(p) };
    let done = 0;
    const results = await Promise.all(
      mods.map(async (m) => {
        const errs = await verifyMod(v, m);
        ctx.progress?.({ phase: 'verify', done: ++done, total: mods.length });
        return errs;
      }),
    );
    let ok = true;
    for (const errs of results) {
      for (const e of errs) {
        stderr += e + '\n';
        ok = false;
      }
    }
    if (ok) stdout += 'all modules verified\n';
    else exitCode = 1;
    if (st.exitStatus !== 0) exitCode = 1; // base.Errorf earlier (modload's) sets the exit status
    return result();
  } catch (e) {
    if (e instanceof CommandExit) {
      stderr += e.stderr;
      exitCode = e.exitCode;
      return result();
    }
    if (e instanceof FatalError || e instanceof ChecksumMismatchError || (e as { fatal?: boolean }).fatal) {
      stderr += errorText(e);
      exitCode = 1;
      return result();
    }
    if (e instanceof Error && e.name !== 'AbortError') {
      stderr += errorText(e);
      exitCode = 1;
      return result();
    }
    throw e;
  }
}

/**
 * What verifyMod reads: the module cache, the hasher and the zip inflater (default: the port of
 * compress/flate); isMain skips the main module(s).
 */
export interface VerifyEnv {
  cache: ModuleCache;
  hasher: Hasher;
  inflater?: Inflater;
  isMain: (path: string) => boolean;
}

/** verify.go: verifyMod — the error lines for one module. */
export async function verifyMod(s: VerifyEnv, mod: ModuleVersion): Promise<string[]> {
  if (isToolchainPath(mod.path)) return [];
  if (mod.version === '' && s.isMain(mod.path)) return [];
  const cache = s.cache;
  const head = `${mod.path} ${mod.version}`;
  let zipRel: string | undefined;
  let zip: Uint8Array | undefined;
  let zipMissing = false;
  let zipErrOther: Error | undefined;
  try {
    zipRel = cachePathRel(mod, 'zip');
    zip = await cache.read(zipRel);
    zipMissing = zip === undefined;
  } catch (e) {
    zipErrOther = e as Error;
  }
  let dir = '';
  let dirMissing = false;
  let dirErrOther: Error | undefined;
  try {
    const d = await downloadDir(cache, mod);
    dir = d.dir;
    if (d.err) {
      if (isNotExist(d.err)) dirMissing = true;
      else dirErrOther = d.err;
    }
  } catch (e) {
    dirErrOther = e as Error;
  }
  if (zipRel === undefined) {
    // CachePath failed: go reads "<zip>hash" with an empty zip name, which fails.
    return [`${head}: missing ziphash: open hash: no such file or directory`];
  }
  const hashRel = zipRel + 'hash';
  const data = await cache.read(hashRel);
  if (data === undefined) {
    if (zipMissing && dirMissing) return [];
    return [`${head}: missing ziphash: open ${cacheAbs(cache, hashRel)}: no such file or directory`];
  }
  const h = goTrimSpace(utf8Decode(data));
  const errs: string[] = [];
  if (!zipMissing && !zipErrOther) {
    let hz: string;
    try {
      const files = readZipForHash(mod, zip!, undefined, { inflater: s.inflater });
      hz = await hash1Bytes(files, s.hasher);
    } catch (e) {
      return [`${head}: ${(e as Error).message}`];
    }
    if (hz !== h) errs.push(`${head}: zip has been modified (${cacheAbs(cache, zipRel)})`);
  }
  if (!dirMissing || dirErrOther) {
    const rel = downloadDirRel(mod);
    const names = await cache.list(rel);
    const prefix = `${mod.path}@${mod.version}/`;
    let hd: string;
    try {
      hd = await hash1Open(
        names.map((n) => prefix + n.slice(rel.length + 1)),
        async (n) => (await cache.read(rel + '/' + n.slice(prefix.length)))!,
        s.hasher,
      );
    } catch (e) {
      return [...errs, `${head}: ${(e as Error).message}`];
    }
    if (hd !== h) errs.push(`${head}: dir has been modified (${dir})`);
  }
  return errs;
}
