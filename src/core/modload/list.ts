// `go list -m` data: cmd/go/internal/modload/list.go (ListModules, listModules, modinfoError) and
// build.go (moduleInfo, addUpdate, addVersions, addRetraction, addDeprecation), with
// modinfo.ModulePublic's text (String) and JSON forms.
//
// API:
//   listModules(s, args, mode) -> { mods: ModulePublic[], err: Error | null }   (ListModules)
//   moduleInfo(s, rs | null, m, mode)
//   modulePublicString(m) / modulePublicJSON(m)
//   ListMode flags: ListU, ListRetracted, ListDeprecated, ListVersions, ListRetractedVersions

import { cacheAbs, cachePathRel, downloadDirStatus, statRegular } from '../cache';
import { isFatal } from '../fatal';
import { isToolchainPath, modCompare } from '../gover';
import { ModuleError, type ModuleVersion } from '../module';
import { marshalIndent, type GoJSON } from '../modfile/json';
import { isNotExist, normalizeTime, type RevInfo } from '../source';
import { mvKey } from '../mvs/graph';
import { expandGraph } from './buildlist';
import { commitRequirements, errNoModRootText, loadModFile } from './init';
import { goQuote } from '../goquote';
import {
  checkAllowed,
  checkDeprecation,
  checkExclusions,
  checkRetractions,
  errorsAs,
  isDisallowed,
  ModuleRetractedError,
  modFilePath,
  rawGoModSummary,
  replacement,
  replaceRelativeTo,
  SummaryError,
  type AllowedFunc,
} from './modfile';
import { versions } from './mvsreqs';
import { isRevisionQuery, NoMatchingVersionError, query } from './query';
import type { ModuleGraph, Requirements } from './requirements';
import { FatalError, type ModState } from './state';
import { isAbs, join } from './paths';
import { matchPattern } from './pattern';

export const ListU = 1;
export const ListRetracted = 2;
export const ListDeprecated = 4;
export const ListVersions = 8;
export const ListRetractedVersions = 16;

/** modinfo.ModulePublic */
export interface ModulePublic {
  Path: string;
  Version?: string;
  Query?: string;
  Versions?: string[];
  Replace?: ModulePublic;
  Time?: string;
  Update?: ModulePublic;
  Main?: boolean;
  Indirect?: boolean;
  Dir?: string;
  GoMod?: string;
  GoVersion?: string;
  Retracted?: string[];
  Deprecated?: string;
  Error?: { Err: string };
  Sum?: string;
  GoModSum?: string;
  Origin?: Record<string, unknown>;
  Reuse?: boolean;
}

/** modinfo.(*ModulePublic).String */
export function modulePublicString(m: ModulePublic): string {
  const versionString = (mm: ModulePublic) => (mm.Retracted && mm.Retracted.length > 0 ? (mm.Version ?? '') + ' (retracted)' : (mm.Version ?? ''));
  let s = m.Path;
  if (m.Version) {
    s += ' ' + versionString(m);
    if (m.Update) s += ' [' + versionString(m.Update) + ']';
  }
  if (m.Deprecated) s += ' (deprecated)';
  if (m.Replace) {
    s += ' => ' + m.Replace.Path;
    if (m.Replace.Version) {
      s += ' ' + versionString(m.Replace);
      if (m.Replace.Update) s += ' [' + versionString(m.Replace.Update) + ']';
    }
    if (m.Replace.Deprecated) s += ' (deprecated)';
  }
  return s;
}

/** The -versions template: {{.Path}}{{range .Versions}} {{.}}{{end}}{{if .Deprecated}} (deprecated){{end}} */
export function moduleVersionsString(m: ModulePublic): string {
  return m.Path + (m.Versions ?? []).map((v) => ' ' + v).join('') + (m.Deprecated ? ' (deprecated)' : '');
}

const originFields = ['VCS', 'URL', 'Subdir', 'Hash', 'TagPrefix', 'TagSum', 'Ref', 'RepoSum'];

function toGoJSON(m: ModulePublic): GoJSON {
  const e: Array<[string, GoJSON]> = [];
  const str = (k: string, v: string | undefined) => {
    if (v) e.push([k, v]);
  };
  const list = (k: string, v: string[] | undefined) => {
    if (v && v.length > 0) e.push([k, v]);
  };
  str('Path', m.Path);
  str('Version', m.Version);
  str('Query', m.Query);
  list('Versions', m.Versions);
  if (m.Replace) e.push(['Replace', toGoJSON(m.Replace)]);
  if (m.Time) e.push(['Time', normalizeTime(m.Time)]);
  if (m.Update) e.push(['Update', toGoJSON(m.Update)]);
  if (m.Main) e.push(['Main', true]);
  if (m.Indirect) e.push(['Indirect', true]);
  str('Dir', m.Dir);
  str('GoMod', m.GoMod);
  str('GoVersion', m.GoVersion);
  list('Retracted', m.Retracted);
  str('Deprecated', m.Deprecated);
  if (m.Error) e.push(['Error', { entries: [['Err', m.Error.Err]] }]);
  str('Sum', m.Sum);
  str('GoModSum', m.GoModSum);
  if (m.Origin) {
    const o: Array<[string, GoJSON]> = [];
    for (const f of originFields) {
      const k = Object.keys(m.Origin).find((x) => x.toLowerCase() === f.toLowerCase());
      const v = k === undefined ? undefined : m.Origin[k];
      if (typeof v === 'string' && v !== '') o.push([f, v]);
    }
    e.push(['Origin', { entries: o }]);
  }
  if (m.Reuse) e.push(['Reuse', true]);
  return { entries: e };
}

/** json.MarshalIndent(m, "", "\t") */
export function modulePublicJSON(m: ModulePublic): string {
  return marshalIndent(toGoJSON(m));
}

/** list.go: modinfoError */
function modinfoError(path: string, vers: string, err: Error): { Err: string } {
  if (errorsAs(err, NoMatchingVersionError)) err = new ModuleError(path, '', err);
  else if (!errorsAs(err, ModuleError)) err = new ModuleError(path, vers, err);
  return { Err: err.message };
}

/** list.go: ListModules (without -reuse). */
export async function listModules(s: ModState, args: string[], mode: number): Promise<{ mods: ModulePublic[]; err: Error | null }> {
  const rs0 = await loadModFile(s);
  const { rs, mods, err: mgErr } = await listModulesIn(s, rs0, args, mode);
  let err = mgErr;
  if (mode !== 0) {
    const tasks: Promise<void>[] = [];
    const add = (m: ModulePublic) => {
      tasks.push(
        (async () => {
          if (mode & ListU) await addUpdate(s, m);
          if (mode & ListVersions) await addVersions(s, m, (mode & ListRetractedVersions) !== 0);
          if (mode & ListRetracted) await addRetraction(s, m);
          if (mode & ListDeprecated) await addDeprecation(s, m);
        })(),
      );
    };
    for (const m of mods) {
      add(m);
      if (m.Replace) add(m.Replace);
    }
    await Promise.all(tasks);
  }
  if (err === null) {
    s.requirements = rs;
    if ((mode & ListU) === 0) {
      try {
        await commitRequirements(s);
      } catch (e) {
        if (isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
        err = e as Error;
      }
    }
  }
  return { mods, err };
}

async function listModulesIn(
  s: ModState,
  rsIn: Requirements,
  args: string[],
  mode: number,
): Promise<{ rs: Requirements; mods: ModulePublic[]; err: Error | null }> {
  let rs = rsIn;
  if (args.length === 0) {
    const ms: ModulePublic[] = [];
    for (const m of s.main().versions()) {
      if (isToolchainPath(m.path)) continue;
      ms.push(await moduleInfo(s, rs, m, mode));
    }
    return { rs, mods: ms, err: null };
  }
  let needFullGraph = false;
  for (const arg of args) {
    if (arg.includes('\\')) throw new FatalError('go: module paths never use backslash');
    if (arg.startsWith('./') || arg.startsWith('../') || arg === '.' || arg === '..') {
      throw new FatalError(`go: cannot use relative path ${arg} to specify module`);
    }
    // outside a module (GOWORK=off, say, in a workspace's root) the build list has no modules
    const noRoot = (m: string) => new FatalError(`go: cannot match ${goQuote(arg)}${m}: ${errNoModRootText}`);
    if (arg === 'all' || arg.includes('...')) {
      needFullGraph = true;
      if (!s.hasModRoot()) throw noRoot('');
      continue;
    }
    const at = arg.indexOf('@');
    if (at >= 0) {
      const path = arg.slice(0, at);
      const vers = arg.slice(at + 1);
      if (vers === 'upgrade' || vers === 'patch') {
        if (!rs.rootSelected(path).ok || rs.pruning === 'unpruned') {
          needFullGraph = true;
          if (!s.hasModRoot()) throw noRoot('');
        }
      }
      continue;
    }
    if (!rs.rootSelected(arg).ok || rs.pruning === 'unpruned') {
      needFullGraph = true;
      if ((mode & ListVersions) === 0 && !s.hasModRoot()) throw noRoot(' without -versions or an explicit version');
    }
  }

  let mg: ModuleGraph | null = null;
  let mgErr: Error | null = null;
  if (needFullGraph) {
    const r = await expandGraph(s, rs);
    rs = r.rs;
    mg = r.mg;
    mgErr = r.err;
  }

  const mods: ModulePublic[] = [];
  const matchedModule = new Set<string>();
  for (const arg of args) {
    const at = arg.indexOf('@');
    if (at >= 0) {
      const path = arg.slice(0, at);
      const vers = arg.slice(at + 1);
      const current = mg === null ? rs.rootSelected(path).version : mg.selected(path);
      if (current === 'none' && mgErr !== null && (vers === 'upgrade' || vers === 'patch')) continue;
      let allowed: AllowedFunc | null = (m) => checkAllowed(s, m);
      if (isRevisionQuery(path, vers) || (mode & ListRetracted) !== 0) allowed = null;
      let info: RevInfo;
      try {
        info = await query(s, path, vers, current, allowed);
      } catch (e) {
        if (isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
        mods.push({ Path: path, Version: vers, Error: modinfoError(path, vers, e as Error) });
        continue;
      }
      const mod = await moduleInfo(s, null, { path, version: info.Version }, mode);
      if (vers !== (mod.Version ?? '')) mod.Query = vers;
      mod.Origin = info.Origin;
      mods.push(mod);
      continue;
    }

    let match: (p: string) => boolean;
    if (arg === 'all') match = (p) => !isToolchainPath(p);
    else if (arg.includes('...')) {
      const mp = matchPattern(arg);
      match = (p) => mp(p) && !isToolchainPath(p);
    } else {
      let v: string;
      if (mg === null) {
        const r = rs.rootSelected(arg);
        if (!r.ok) throw new Error(`internal error: root requirement expected but not found for ${arg}`);
        v = r.version;
      } else v = mg.selected(arg);
      if (v === 'none' && mgErr !== null) continue;
      if (v !== 'none') mods.push(await moduleInfo(s, rs, { path: arg, version: v }, mode));
      else if (s.buildMod === 'vendor') {
        mods.push({
          Path: arg,
          Error: modinfoError(arg, '', new Error("can't resolve module using the vendor directory\n\t(Use -mod=mod or -mod=readonly to bypass.)")),
        });
      } else if (mode & ListVersions) mods.push({ Path: arg });
      else mods.push({ Path: arg, Error: modinfoError(arg, '', new Error('not a known dependency')) });
      continue;
    }
    let matched = false;
    for (const m of mg!.buildList()) {
      if (match(m.path)) {
        matched = true;
        if (!matchedModule.has(mvKey(m))) {
          matchedModule.add(mvKey(m));
          mods.push(await moduleInfo(s, rs, m, mode));
        }
      }
    }
    if (!matched) s.stderr(`warning: pattern "${arg}" matched no module dependencies\n`);
  }
  return { rs, mods, err: mgErr };
}

/** build.go: addUpdate */
async function addUpdate(s: ModState, m: ModulePublic): Promise<void> {
  if (!m.Version) return;
  let info: RevInfo;
  try {
    info = await query(s, m.Path, 'upgrade', m.Version, (mv) => checkAllowed(s, mv));
  } catch (e) {
    if (isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
    if (isDisallowed(e) || isNotExist(e) || errorsAs(e, NoMatchingVersionError)) return;
    m.Error ??= { Err: (e as Error).message };
    return;
  }
  if (modCompare(m.Path, info.Version, m.Version) > 0) m.Update = { Path: m.Path, Version: info.Version, Time: info.Time };
}

/** build.go: addVersions */
async function addVersions(s: ModState, m: ModulePublic, listRetracted: boolean): Promise<void> {
  const allowed: AllowedFunc = listRetracted ? async (mv) => checkExclusions(s, mv) : (mv) => checkAllowed(s, mv);
  try {
    m.Versions = await versions(s, m.Path, allowed);
  } catch (e) {
    if (isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
    m.Error ??= { Err: (e as Error).message };
    m.Versions = undefined;
  }
  m.Origin = undefined;
}

/** build.go: addRetraction */
export async function addRetraction(s: ModState, m: ModulePublic): Promise<void> {
  if (!m.Version) return;
  const err = await checkRetractions(s, { path: m.Path, version: m.Version });
  if (err === null || isNotExist(err) || errorsAs(err, NoMatchingVersionError)) return;
  const re = errorsAs(err, ModuleRetractedError);
  if (re) m.Retracted = re.rationale.length === 0 ? ['retracted by module author'] : re.rationale;
  else m.Error ??= { Err: err.message };
}

/** build.go: addDeprecation */
async function addDeprecation(s: ModState, m: ModulePublic): Promise<void> {
  let deprecation: string;
  try {
    deprecation = await checkDeprecation(s, { path: m.Path, version: m.Version ?? '' });
  } catch (e) {
    if (isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
    if (isNotExist(e) || errorsAs(e, NoMatchingVersionError)) return;
    m.Error ??= { Err: (e as Error).message };
    return;
  }
  if (deprecation) m.Deprecated = deprecation;
}

/** build.go: moduleInfo */
export async function moduleInfo(s: ModState, rs: Requirements | null, m: ModuleVersion, mode: number): Promise<ModulePublic> {
  const mms = s.main();
  if (m.version === '' && mms.contains(m.path)) {
    const info: ModulePublic = { Path: m.path, Version: m.version, Main: true };
    const gv = s.rawGoVersion.get(mvKey(m));
    if (gv === undefined) throw new Error('internal error: GoVersion not set for main module');
    info.GoVersion = gv;
    const modRoot = mms.getModRoot(m);
    if (modRoot !== '') {
      info.Dir = modRoot;
      info.GoMod = modFilePath(s, modRoot);
    }
    return info;
  }
  const info: ModulePublic = { Path: m.path, Version: m.version, Indirect: rs !== null && !rs.direct.get(m.path) };
  const gv = s.rawGoVersion.get(mvKey(m));
  if (gv !== undefined) info.GoVersion = gv;

  const completeFromModCache = async (mp: ModulePublic): Promise<void> => {
    if (isToolchainPath(mp.Path)) return;
    const checksumOk = (suffix: string) =>
      rs === null || !mp.Version || !s.mustHaveSums() || s.haveSum({ path: mp.Path, version: mp.Version + suffix });
    const mod = { path: mp.Path, version: mp.Version ?? '' };
    if (mp.Version) {
      try {
        const q = await query(s, mp.Path, mp.Version, '', null);
        mp.Version = q.Version;
        mp.Time = q.Time;
      } catch (e) {
        if (e instanceof FatalError || isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
        mp.Error = { Err: (e as Error).message };
      }
    }
    if (!mp.GoVersion && checksumOk('/go.mod')) {
      try {
        const summary = await rawGoModSummary(s, mod);
        if (summary.goVersion !== '') mp.GoVersion = summary.goVersion;
      } catch (e) {
        if (e instanceof FatalError || isFatal(e)) throw e; // base.Fatalf (a go.sum mismatch) ends the command
        void (e instanceof SummaryError);
      }
    }
    if (mp.Version) {
      const cache = s.fetcher.cache;
      if (checksumOk('/go.mod')) {
        try {
          // os.Stat + Mode().IsRegular(): the file is not read
          const rel = cachePathRel(mod, 'mod');
          if (await statRegular(cache, rel)) mp.GoMod = cacheAbs(cache, rel);
        } catch {
          // invalid version: no cache path
        }
        const rsum = s.goSum?.recordedSum({ path: mod.path, version: mod.version + '/go.mod' });
        if (rsum && rsum.ok && rsum.sum) mp.GoModSum = rsum.sum;
      }
      if (checksumOk('')) {
        try {
          const d = await downloadDirStatus(cache, mod);
          if (!d.missing) mp.Dir = d.dir;
        } catch {
          // invalid version
        }
        const rsum = s.goSum?.recordedSum(mod);
        if (rsum && rsum.ok && rsum.sum) mp.Sum = rsum.sum;
      }
      if (mode & ListRetracted) await addRetraction(s, mp);
    }
  };

  if (rs === null) {
    await completeFromModCache(info);
    return info;
  }
  const r = replacement(s, m);
  if (r.path === '') {
    if (s.buildMod !== 'vendor') await completeFromModCache(info);
    return info;
  }
  info.Replace = { Path: r.path, Version: r.version };
  const rgv = s.rawGoVersion.get(mvKey(m));
  if (rgv !== undefined) info.Replace.GoVersion = rgv;
  if (r.version === '') {
    info.Replace.Dir = isAbs(r.path) ? r.path : join(replaceRelativeTo(s), r.path);
    info.Replace.GoMod = join(info.Replace.Dir, 'go.mod');
  }
  if (s.buildMod !== 'vendor') {
    await completeFromModCache(info.Replace);
    info.Dir = info.Replace.Dir;
    info.GoMod = info.Replace.GoMod;
    info.Retracted = info.Replace.Retracted;
  }
  info.GoVersion = info.Replace.GoVersion;
  return info;
}
