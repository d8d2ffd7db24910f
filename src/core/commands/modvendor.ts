// `go mod vendor [-e] [-v] [-o outdir]`: cmd/go/internal/modcmd/vendor.go (runVendor, RunVendor,
// moduleLine, vendorPkg, copyMetadata, matchMetadata, matchPotentialSourceFile, copyDir,
// checkPathCollisions) over the package loader; the embedded files it copies come from
// embedfiles.ts.

import { compareGo, modSort } from '../gover';
import type { FetchDeps } from '../modfetch/fetcher';
import { goQuote, type ModuleVersion } from '../module';
import { mvKey } from '../mvs/graph';
import { ModState, FatalError } from '../modload/state';
import { initWorkfile } from '../modload/init';
import { replacement } from '../modload/modfile';
import { moduleInfo } from '../modload/list';
import { vendorDir } from '../modload/vendor';
import { clean, isAbs, join } from '../modload/paths';
import { ExitError, loadPackages, type LoadResult } from '../modload/packages/load';
import { loadEnv } from '../modload/packages/import';
import type { PackageFS } from '../modload/packages/fsys';
import { anyTags, shouldBuild } from '../imports/match';
import { readImports } from '../imports/scan';
import type { CommandContext, CommandResult } from '../workspace';
import { flagBool, parseCommandFlags, type FlagSpec } from './modflags';
import { errorText } from './errtext';
import { cmpStr, embedPatternsOf, pathDir, resolveEmbed } from './embedfiles';

const usage = (cmd: 'mod vendor' | 'work vendor') => `usage: go ${cmd} [-e] [-v] [-o outdir]\nRun 'go help ${cmd}' for details.\n`;

const specs: Record<string, FlagSpec> = {
  e: { kind: 'bool' },
  v: { kind: 'bool' },
  o: { kind: 'string' },
  modcacherw: { kind: 'bool' },
  modfile: { kind: 'string' },
  overlay: { kind: 'string' },
};

/** vendor.go: metaPrefixes */
const metaPrefixes = ['AUTHORS', 'CONTRIBUTORS', 'COPYLEFT', 'COPYING', 'COPYRIGHT', 'LEGAL', 'LICENSE', 'NOTICE', 'PATENTS'];

/** Runs `go mod vendor` (args after "mod vendor"). */
export function modVendor(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  return vendorCommand('mod vendor', argv, ctx, deps);
}

/** Runs `go work vendor` (args after "work vendor"): workcmd/vendor.go runVendor. */
export function workVendor(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  return vendorCommand('work vendor', argv, ctx, deps);
}

async function vendorCommand(cmd: 'mod vendor' | 'work vendor', argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  let stderr = '';
  const parsed = parseCommandFlags(argv, specs, ctx.env.GOFLAGS, usage(cmd));
  if (!('values' in parsed)) return parsed;
  const fl = parsed.values;
  const s = new ModState({
    cwd: ctx.cwd,
    files: ctx.files,
    env: ctx.env,
    cmdName: cmd,
    deps,
    modFile: fl.get('modfile'),
    overlay: fl.get('overlay'),
    stderr: (t) => (stderr += t),
    signal: ctx.signal,
  });
  try {
    await initWorkfile(s);
    if (cmd === 'mod vendor' && s.workFilePath !== '') {
      throw new FatalError(
        "go: 'go mod vendor' cannot be run in workspace mode. Run 'go work vendor' to vendor the workspace or set 'GOWORK=off' to exit workspace mode.",
      );
    }
    if (cmd === 'work vendor' && s.workFilePath === '') {
      throw new FatalError("go: no go.work file found\n\t(run 'go work init' first or specify path using GOWORK environment variable)");
    }
    await runVendor(s, flagBool(fl, 'e'), fl.get('o') ?? '', flagBool(fl, 'v'), parsed.args);
  } catch (e) {
    if (e instanceof ExitError) return { stdout: '', stderr, exitCode: e.status };
    return { stdout: '', stderr: stderr + errorText(e), exitCode: 1 };
  }
  return { stdout: '', stderr, exitCode: s.exitStatus };
}

/** vendor.go: RunVendor */
async function runVendor(s: ModState, vendorE: boolean, vendorO: string, verbose: boolean, args: string[]): Promise<void> {
  if (args.length !== 0) throw new FatalError("go: 'go mod vendor' accepts no arguments");
  const lr = await loadPackages(
    s,
    { tags: anyTags, vendorModulesInGOROOTSrc: true, resolveMissingImports: true, useVendorAll: true, allowErrors: vendorE, silenceMissingStdImports: true },
    ['all'],
  );
  const env = loadEnv(s);
  const fs = env.fs;

  let vdir: string;
  if (isAbs(vendorO)) vdir = clean(vendorO);
  else if (vendorO !== '') vdir = join(s.cwd, vendorO);
  else vdir = vendorDir(s);
  await removeAll(s, vdir);

  const mms = s.main();
  const modpkgs = new Map<string, { mod: ModuleVersion; pkgs: string[] }>();
  for (const pkg of lr.loadedPackages) {
    const m = packageModule(lr, pkg);
    if (m.path === '' || mms.contains(m.path)) continue;
    let e = modpkgs.get(mvKey(m));
    if (!e) modpkgs.set(mvKey(m), (e = { mod: m, pkgs: [] }));
    e.pkgs.push(pkg);
  }
  checkPathCollisions([...modpkgs.values()].map((e) => e.mod));

  let includeAllReplacements = false;
  let includeGoVersions = false;
  const isExplicit = new Map<string, ModuleVersion>();
  const gv = mms.goVersion();
  // FindGoWork(base.Cwd()) != "" || ModFile().Go != nil (ModFile only outside a workspace)
  if (compareGo(gv, '1.14') >= 0 && (s.workFilePath !== '' || mms.modFile(mms.mustGetSingleMainModule())?.go)) {
    for (const m of mms.versions()) {
      const f = mms.modFile(m);
      if (f) for (const r of f.require) isExplicit.set(mvKey(r.mod), r.mod);
    }
    includeAllReplacements = true;
  }
  if (compareGo(gv, '1.17') >= 0) includeGoVersions = true;

  const vendorMods: ModuleVersion[] = [...isExplicit.values()];
  for (const [k, e] of modpkgs) if (!isExplicit.has(k)) vendorMods.push(e.mod);
  modSort(vendorMods);

  let buf = '';
  const w = (t: string) => {
    buf += t;
    if (verbose) s.stderr(t);
  };
  if (mms.workFile !== null) w('## workspace\n');
  const copiedMetadata = new Set<string>();
  const replacementWritten = new Set<string>();
  for (const m of vendorMods) {
    const line = moduleLine(m, replacement(s, m));
    replacementWritten.add(mvKey(m));
    w(line);
    let goVersion = '';
    if (includeGoVersions) goVersion = await moduleGoVersion(s, m.path);
    const explicit = isExplicit.has(mvKey(m));
    if (explicit && goVersion !== '') w(`## explicit; go ${goVersion}\n`);
    else if (explicit) w('## explicit\n');
    else if (goVersion !== '') w(`## go ${goVersion}\n`);
    const pkgs = (modpkgs.get(mvKey(m))?.pkgs ?? []).slice().sort(cmpStr);
    for (const pkg of pkgs) {
      w(pkg + '\n');
      await vendorPkg(s, fs, lr, vdir, pkg, vendorE, copiedMetadata);
    }
  }

  if (includeAllReplacements) {
    for (const m of mms.versions()) {
      // go.work's replacements as written, then the module's (as in effect)
      for (const r of mms.workFile?.replace ?? []) {
        if (replacementWritten.has(mvKey(r.old))) continue;
        replacementWritten.add(mvKey(r.old));
        w(moduleLine(r.old, r.new));
      }
      const f = mms.modFile(m);
      if (!f) continue;
      for (const r of f.replace) {
        if (replacementWritten.has(mvKey(r.old))) continue;
        replacementWritten.add(mvKey(r.old));
        const rNew = replacement(s, r.old);
        if (rNew.path === '' && rNew.version === '') continue;
        w(moduleLine(r.old, rNew));
      }
    }
  }

  if (buf.length === 0) {
    s.stderr('go: no dependencies to vendor\n');
    return;
  }
  await s.files.write(join(vdir, 'modules.txt'), buf);
}

/** os.RemoveAll over the Workspace. */
async function removeAll(s: ModState, dir: string): Promise<void> {
  if (s.files.removeTree) {
    await s.files.removeTree(dir);
    return;
  }
  const st = await s.files.stat(dir);
  if (st === undefined) return;
  if (st === 'file') {
    await s.files.remove(dir);
    return;
  }
  for (const e of await s.files.readDir(dir)) {
    if (e.endsWith('/')) await removeAll(s, join(dir, e.slice(0, -1)));
    else await s.files.remove(join(dir, e));
  }
}

/** modload.PackageModule */
function packageModule(lr: LoadResult, path: string): ModuleVersion {
  return lr.ld.pkgCache.get(path)?.mod ?? { path: '', version: '' };
}

/** build.go: ModuleInfo(path).GoVersion */
async function moduleGoVersion(s: ModState, path: string): Promise<string> {
  const rs = s.requirements!;
  let v = '';
  let ok = false;
  if (rs.pruning === 'pruned') ({ version: v, ok } = rs.rootSelected(path));
  if (!ok) {
    const g = await rs.graph();
    if (g.err) throw new FatalError('go: ' + g.err.message);
    v = g.mg.selected(path);
  }
  if (v === 'none') return '';
  const info = await moduleInfo(s, rs, { path, version: v }, 0);
  return info.GoVersion ?? '';
}

/** vendor.go: moduleLine */
function moduleLine(m: ModuleVersion, r: ModuleVersion): string {
  let b = '# ' + m.path;
  if (m.version !== '') b += ' ' + m.version;
  if (r.path !== '') {
    const c = clean(r.path);
    if (c === 'vendor' || c.startsWith('vendor/')) throw new FatalError(`go: replacement path ${r.path} inside vendor directory`);
    b += ' => ' + r.path;
    if (r.version !== '') b += ' ' + r.version;
  }
  return b + '\n';
}

/** str.ToFold (ASCII and the common Unicode cases). */
export function toFold(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += u.length === 1 || [...u].length === 1 ? u.toLowerCase() : ch.toLowerCase();
  }
  return out;
}

/** vendor.go: checkPathCollisions */
function checkPathCollisions(mods: ModuleVersion[]): void {
  const foldPath = new Map<string, string>();
  for (const m of mods) {
    const fold = toFold(m.path);
    const other = foldPath.get(fold);
    if (other === undefined) foldPath.set(fold, m.path);
    else if (other !== m.path) throw new FatalError(`go.mod: case-insensitive import collision: ${goQuote(m.path)} and ${goQuote(other)}`);
  }
}

type Matcher = (fs: PackageFS, dir: string, name: string) => Promise<boolean>;

/** vendor.go: matchMetadata */
const matchMetadata: Matcher = async (_fs, _dir, name) => metaPrefixes.some((p) => name.startsWith(p));

/** vendor.go: matchPotentialSourceFile */
function matchPotentialSourceFile(gv: string): Matcher {
  return async (fs, dir, name) => {
    if (name.endsWith('_test.go')) return false;
    if ((name === 'go.mod' || name === 'go.sum') && compareGo(gv, '1.17') >= 0) return false;
    if (name.endsWith('.go')) {
      const data = (await fs.read(join(dir, name))) ?? new Uint8Array();
      const r = readImports(data, false);
      if (r.error === undefined && !shouldBuild(r.header, anyTags)) return false;
      return true;
    }
    return true;
  };
}

/** vendor.go: copyDir (regular files only). */
async function copyDir(s: ModState, fs: PackageFS, dst: string, src: string, match: Matcher, copiedFiles: Set<string>): Promise<void> {
  const { files } = await fs.entries(src);
  for (const name of files) {
    if (!(await match(fs, src, name))) continue;
    copiedFiles.add(name);
    const data = await fs.read(join(src, name));
    if (data === undefined) continue;
    const dstPath = join(dst, name);
    copiedFiles.add(dstPath);
    await s.files.write(dstPath, data);
  }
}

/** vendor.go: copyMetadata */
async function copyMetadata(s: ModState, fs: PackageFS, modPath: string, pkg: string, dst: string, src: string, copiedFiles: Set<string>, copied: Set<string>): Promise<void> {
  for (let parent = 0; ; parent++) {
    const key = modPath + '\x00' + dst;
    if (copied.has(key)) break;
    copied.add(key);
    if (parent > 0) await copyDir(s, fs, dst, src, matchMetadata, copiedFiles);
    if (modPath === pkg) break;
    pkg = pathDir(pkg);
    dst = pathDir(dst);
    src = pathDir(src);
  }
}

/** vendor.go: vendorPkg */
async function vendorPkg(s: ModState, fs: PackageFS, lr: LoadResult, vdir: string, pkg: string, vendorE: boolean, copiedMetadata: Set<string>): Promise<void> {
  const lp = lr.ld.pkgCache.get(pkg);
  const src = lp?.dir ?? '';
  if (src === '') {
    s.errorf(`internal error: no pkg for ${pkg}\n`);
    return;
  }
  const copiedFiles = new Set<string>();
  const dst = join(vdir, pkg);
  const gv = s.main().goVersion();
  await copyDir(s, fs, dst, src, matchPotentialSourceFile(gv), copiedFiles);
  const m = lp!.mod;
  if (m.path !== '') await copyMetadata(s, fs, m.path, pkg, dst, src, copiedFiles, copiedMetadata);

  const bp = await embedPatternsOf(fs, src);
  if (bp.err !== undefined) throw new FatalError(`internal error: failed to find embedded files of ${pkg}: ${bp.err}`);
  if (bp.noGo) return;
  const patterns = compareGo(gv, '1.22') >= 0 ? bp.embed : [...bp.embed, ...bp.testEmbed, ...bp.xtestEmbed];
  let embeds: string[];
  try {
    embeds = await resolveEmbed(fs, src, patterns);
  } catch (e) {
    const msg = `go: resolving embeds in ${pkg}: ${(e as Error).message}\n`;
    if (vendorE) s.stderr(msg);
    else {
      s.stderr(msg);
      s.exitStatus = 1;
    }
    return;
  }
  for (const embed of embeds) {
    const embedDst = join(dst, embed);
    if (copiedFiles.has(embedDst)) continue;
    const data = await fs.read(join(src, embed));
    if (data === undefined) continue;
    await s.files.write(embedDst, data);
  }
}
