// `go mod tidy [-e] [-v] [-x] [-diff] [-go=version] [-compat=version]`:
// cmd/go/internal/modcmd/tidy.go (runTidy) over the package loader (modload/packages), plus a
// structured report of what tidy changed and why, for the page.

import { Local } from '../gover';
import { parse as parseModFile } from '../modfile';
import type { FetchDeps } from '../modfetch/fetcher';
import type { ModuleVersion } from '../module';
import { mvKey } from '../mvs/graph';
import { parseGoSum } from '../gosum';
import { ModState } from '../modload/state';
import { ExitError, loadPackages, type LoadPkg, type LoadResult } from '../modload/packages/load';
import { anyTags } from '../imports/match';
import type { CommandContext, CommandResult } from '../workspace';
import { utf8Decode } from '../gostrings';
import { FlagError, flagBool, flagsFromGOFLAGS, parseFlags, type FlagSpec } from './modflags';
import { goVersionFlag } from './cmdflags';
import { errorText } from './errtext';

const USAGE = "usage: go mod tidy [-e] [-v] [-x] [-diff] [-go=version] [-compat=version]\nRun 'go help mod tidy' for details.\n";

const specs: Record<string, FlagSpec> = {
  e: { kind: 'bool' },
  v: { kind: 'bool' },
  x: { kind: 'bool' },
  diff: { kind: 'bool' },
  go: goVersionFlag,
  compat: goVersionFlag,
  modcacherw: { kind: 'bool' },
  modfile: { kind: 'string' },
  overlay: { kind: 'string' },
};

/** One change tidy makes, with the reason the page shows. */
export type TidyChange =
  | { kind: 'require-added'; module: ModuleVersion; indirect: boolean; reason: string; importPath: string[] }
  | { kind: 'require-removed'; module: ModuleVersion; reason: string }
  | { kind: 'require-version'; path: string; from: string; to: string; reason: string }
  | { kind: 'marked-indirect'; module: ModuleVersion; reason: string }
  | { kind: 'marked-direct'; module: ModuleVersion; reason: string; importPath: string[] }
  | { kind: 'go-line'; from: string; to: string; reason: string }
  | { kind: 'toolchain-line'; from: string; to: string; reason: string }
  | { kind: 'sum-added'; line: string; reason: string }
  | { kind: 'sum-removed'; line: string; reason: string };

export interface TidyReport {
  changes: TidyChange[];
  /** go.sum lines kept, each with why. */
  sumsKept: { line: string; reason: string }[];
  gomodBefore: string;
  gomodAfter: string;
  gosumBefore: string;
  gosumAfter: string;
}

export interface TidyResult extends CommandResult {
  report?: TidyReport;
}

interface ReqInfo {
  version: string;
  indirect: boolean;
}

function reqsOf(text: string): { reqs: Map<string, ReqInfo>; go: string; toolchain: string } {
  const reqs = new Map<string, ReqInfo>();
  try {
    const f = parseModFile('go.mod', text, null);
    for (const r of f.require) reqs.set(r.mod.path, { version: r.mod.version, indirect: r.indirect });
    return { reqs, go: f.go?.version ?? '', toolchain: f.toolchain?.name ?? '' };
  } catch {
    return { reqs, go: '', toolchain: '' };
  }
}

/** The first loaded package (in load order) provided by each module path, for reasons. */
function providers(lr: LoadResult): Map<string, LoadPkg> {
  const m = new Map<string, LoadPkg>();
  for (const p of lr.ld.pkgs) if (!m.has(p.mod.path) && !p.isTest()) m.set(p.mod.path, p);
  return m;
}

function describeImport(p: LoadPkg): string {
  const chain = p.whyPath();
  if (chain.length >= 2) return `package ${chain[chain.length - 2]} imports ${p.path}`;
  return `package ${p.path} is needed`;
}

/** Builds the report from the files before and after, and the loader's view. */
export function tidyReport(lr: LoadResult | undefined, gomodBefore: string, gomodAfter: string, gosumBefore: string, gosumAfter: string): TidyReport {
  const changes: TidyChange[] = [];
  const b = reqsOf(gomodBefore);
  const a = reqsOf(gomodAfter);
  let provs: Map<string, LoadPkg> | undefined;
  for (const [path, info] of a.reqs) {
    const old = b.reqs.get(path);
    if (old && old.version === info.version && old.indirect === info.indirect) continue;
    const prov = lr ? (provs ??= providers(lr)).get(path) : undefined;
    if (!old) {
      const reason = prov
        ? `${describeImport(prov)}, provided by ${path} ${info.version}`
        : `${path} ${info.version} is needed to keep the selected versions of the module graph`;
      changes.push({ kind: 'require-added', module: { path, version: info.version }, indirect: info.indirect, reason, importPath: prov?.whyPath() ?? [] });
      continue;
    }
    if (old.version !== info.version) {
      changes.push({ kind: 'require-version', path, from: old.version, to: info.version, reason: `minimal version selection selects ${path} ${info.version}` });
    }
    if (old.indirect && !info.indirect) {
      changes.push({
        kind: 'marked-direct',
        module: { path, version: info.version },
        reason: prov ? `${describeImport(prov)} from the main module` : 'a main-module package imports it',
        importPath: prov?.whyPath() ?? [],
      });
    } else if (!old.indirect && info.indirect) {
      changes.push({
        kind: 'marked-indirect',
        module: { path, version: info.version },
        reason: prov ? `no main-module package imports it directly (${describeImport(prov)})` : 'no main-module package imports it directly',
      });
    }
  }
  for (const [path, info] of b.reqs) {
    if (!a.reqs.has(path)) {
      changes.push({ kind: 'require-removed', module: { path, version: info.version }, reason: 'no package in "all" needs it, and it does not affect the selected versions' });
    }
  }
  if (b.go !== a.go) changes.push({ kind: 'go-line', from: b.go, to: a.go, reason: b.go === '' ? 'go.mod had no go line' : 'the go version was changed' });
  if (b.toolchain !== a.toolchain) {
    changes.push({
      kind: 'toolchain-line',
      from: b.toolchain,
      to: a.toolchain,
      reason: a.toolchain === '' ? 'the toolchain line is implied by the go line' : `the go line was written by go ${Local}`,
    });
  }
  const lineSet = (t: string) => new Set(t.split('\n').filter((l) => l !== ''));
  const bs = lineSet(gosumBefore);
  const as = lineSet(gosumAfter);
  const sumsKept: { line: string; reason: string }[] = [];
  const why = (line: string): string => {
    const [path, version] = line.split(' ');
    if (!path || !version) return '';
    if (version.endsWith('/go.mod')) return `the go.mod of ${path}@${version.slice(0, -7)} is read while loading the module graph or a package's module`;
    return `the source of ${path}@${version} is needed to check which module provides imported packages`;
  };
  for (const l of as) {
    if (bs.has(l)) sumsKept.push({ line: l, reason: why(l) });
    else changes.push({ kind: 'sum-added', line: l, reason: why(l) });
  }
  for (const l of bs) if (!as.has(l)) changes.push({ kind: 'sum-removed', line: l, reason: 'no longer needed by the tidy module graph or packages' });
  void mvKey;
  void parseGoSum;
  return { changes, sumsKept, gomodBefore, gomodAfter, gosumBefore, gosumAfter };
}

/** Runs `go mod tidy` (args after "mod tidy"). */
export async function modTidy(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<TidyResult> {
  let stdout = '';
  let stderr = '';
  let parsed;
  try {
    parsed = parseFlags(argv, specs, flagsFromGOFLAGS(ctx.env.GOFLAGS, specs));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    const msg = e.message;
    if (msg === 'help') return { stdout: '', stderr: USAGE, exitCode: 2 };
    return { stdout: '', stderr: msg + '\n' + USAGE, exitCode: 2 };
  }
  const fl = parsed.values;
  if (parsed.args.length > 0) return { stdout: '', stderr: "go: 'go mod tidy' accepts no arguments\n", exitCode: 1 };
  const s = new ModState({
    cwd: ctx.cwd,
    files: ctx.files,
    env: ctx.env,
    cmdName: 'mod tidy',
    deps,
    modFile: fl.get('modfile'),
    overlay: fl.get('overlay'),
    stderr: (t) => (stderr += t),
    signal: ctx.signal,
  });
  let lr: LoadResult | undefined;
  let gomodBefore = '';
  let gosumBefore = '';
  let gomodPath = '';
  try {
    lr = await loadPackages(
      s,
      {
        tidyGoVersion: fl.get('go') ?? '',
        tags: anyTags,
        tidy: true,
        vendorModulesInGOROOTSrc: true,
        tidyDiff: flagBool(fl, 'diff'),
        tidyCompatibleVersion: fl.get('compat') ?? '',
        resolveMissingImports: true,
        loadTests: true,
        allowErrors: flagBool(fl, 'e'),
        silenceMissingStdImports: true,
        switcher: true,
        verbose: flagBool(fl, 'v'),
      },
      ['all'],
      {
        beforeWrite: async () => {
          const mm = s.main().mustGetSingleMainModule();
          gomodPath = s.main().getModRoot(mm) + '/go.mod';
          if (s.cfgModFile) gomodPath = s.cfgModFile;
          gomodBefore = utf8Decode(s.main().index(mm)?.data ?? new Uint8Array());
          gosumBefore = utf8Decode((await s.files.read(s.goSumFile)) ?? new Uint8Array());
        },
      },
    );
    if (lr.tidyDiff) {
      if (lr.tidyDiff.gomod !== '') {
        stdout += lr.tidyDiff.gomod + '\n';
        s.exitStatus = 1;
      }
      if (lr.tidyDiff.gosum !== '') {
        stdout += lr.tidyDiff.gosum + '\n';
        s.exitStatus = 1;
      }
    }
  } catch (e) {
    if (e instanceof ExitError) return { stdout, stderr, exitCode: e.status, stdoutAfter: stderr.length };
    return { stdout, stderr: stderr + errorText(e), exitCode: 1, stdoutAfter: stderr.length };
  }
  // -diff: the diff follows loading's "finding"/"downloading" lines
  const result: TidyResult = { stdout, stderr, exitCode: s.exitStatus, stdoutAfter: stderr.length };
  if (gomodPath !== '') {
    const after = lr.tidyDiff ? gomodBefore : utf8Decode((await s.files.read(gomodPath)) ?? new Uint8Array());
    const sumAfter = lr.tidyDiff ? gosumBefore : utf8Decode((await s.files.read(s.goSumFile)) ?? new Uint8Array());
    // Built on first use: the page shows it, the CLI never asks (parsing both go.mod files of a
    // large module costs as much as a tenth of the whole tidy).
    const loaded = lr;
    let report: TidyReport | undefined;
    Object.defineProperty(result, 'report', {
      enumerable: true,
      get: () => (report ??= tidyReport(loaded, gomodBefore, after, gosumBefore, sumAfter)),
    });
  }
  return result;
}
