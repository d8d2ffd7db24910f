// `go mod verify` over the core (cmd/go/internal/modcmd/verify.go: runVerify, verifyMod): loads
// the module graph, then checks every non-main build-list module that is in the cache: its
// .ziphash must exist, and the zip (if cached) and the extracted directory (if complete) must
// hash to it. Modules with neither zip nor directory are skipped; .info and .mod files are not
// looked at (the graph load checks .mod files against go.sum, as go's does).

import { cacheAbs, cachePathRel, downloadDir, downloadDirRel } from '../cache';
import { hash1Open } from '../dirhash';
import { isToolchainPath } from '../gover';
import { ChecksumMismatchError } from '../gosum';
import type { ModuleVersion } from '../module';
import { readZipForHash } from '../modzip';
import { FatalError, type FetchDeps } from '../modfetch/fetcher';
import { loadModGraph, SummaryLoader } from '../modfetch/modgraph';
import { CommandExit, openSession, touched, type FetchSession } from '../modfetch/session';
import { isNotExist } from '../source';
import { goTrimSpace, utf8Decode } from '../gostrings';
import type { CommandContext, CommandResult } from '../workspace';
import { parseFlags } from './moddownload';

const usageText = "usage: go mod verify [-modcacherw] [-modfile=file.mod] [-overlay=file.json]\nRun 'go help mod verify' for details.\n";

/** `go mod verify`. */
export async function modVerify(ctx: CommandContext, argv: string[], deps: FetchDeps): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  let session: FetchSession | undefined;
  const result = (): CommandResult => ({ stdout, stderr, exitCode, touched: touched(session, false) });
  try {
    const { flags, args } = parseFlags(argv, new Set(['modcacherw']), new Set(['modfile', 'overlay', 'C']), usageText);
    if (flags.has('modfile') || flags.has('overlay')) throw new CommandExit('modscope: -modfile and -overlay are not supported yet\n', 2);
    if (args.length !== 0) throw new CommandExit('go: verify takes no arguments\n', 1);
    const s = (session = await openSession(ctx, deps, { needRoot: true, stderr: (t) => (stderr += t) }));
    const graph = await loadModGraph(new SummaryLoader(s.main!, s.fetcher, (p) => ctx.files.read(p)));
    const err = graph.error();
    if (err) throw new CommandExit(`go: ${err.message}\n`, 1);
    const mods = graph.buildList();
    let done = 0;
    const results = await Promise.all(
      mods.map(async (m) => {
        const errs = await verifyMod(s, m);
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
    return result();
  } catch (e) {
    if (e instanceof CommandExit) {
      stderr += e.stderr;
      exitCode = e.exitCode;
      return result();
    }
    if (e instanceof FatalError || e instanceof ChecksumMismatchError) {
      stderr += e.message.endsWith('\n') ? e.message : e.message + '\n';
      exitCode = 1;
      return result();
    }
    throw e;
  }
}

/** verify.go: verifyMod — the error lines for one module. */
export async function verifyMod(s: FetchSession, mod: ModuleVersion): Promise<string[]> {
  if (isToolchainPath(mod.path)) return [];
  if (s.main && mod.path === s.main.path) return [];
  const cache = s.cache;
  const head = `${mod.path} ${mod.version}`;
  let zipRel: string | undefined;
  let zipMissing = false;
  let zipErrOther: Error | undefined;
  try {
    zipRel = cachePathRel(mod, 'zip');
    zipMissing = (await cache.read(zipRel)) === undefined;
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
      const zip = (await cache.read(zipRel))!;
      const files = readZipForHash(mod, zip);
      const byName = new Map(files.map((f) => [f.name, f.data]));
      hz = await hash1Open(
        files.map((f) => f.name),
        (n) => byName.get(n)!,
        s.fetcher.hasher,
      );
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
        s.fetcher.hasher,
      );
    } catch (e) {
      return [...errs, `${head}: ${(e as Error).message}`];
    }
    if (hd !== h) errs.push(`${head}: dir has been modified (${dir})`);
  }
  return errs;
}
