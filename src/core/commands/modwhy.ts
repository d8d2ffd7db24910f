// `go mod why [-m] [-vendor] packages...`: cmd/go/internal/modcmd/why.go (runWhy) over the
// package loader: the shortest import path from the main module to each package (or to some
// package of each module with -m), as structured why-paths and go's text.

import type { FetchDeps } from '../modfetch/fetcher';
import { listModules } from '../modload/list';
import { initWorkfile } from '../modload/init';
import { ModState } from '../modload/state';
import { ExitError, loadPackages, type Loader, type PackageOpts } from '../modload/packages/load';
import { anyTags } from '../imports/match';
import type { CommandContext, CommandResult, Workspace } from '../workspace';
import { FlagError, flagBool, flagsFromGOFLAGS, parseFlags, type FlagSpec } from './modflags';
import { errorText } from './errtext';

const USAGE = "usage: go mod why [-m] [-vendor] packages...\nRun 'go help mod why' for details.\n";

const specs: Record<string, FlagSpec> = {
  m: { kind: 'bool' },
  vendor: { kind: 'bool' },
  modcacherw: { kind: 'bool' },
  modfile: { kind: 'string' },
  overlay: { kind: 'string' },
};

/** One answer of go mod why: the import chain (tests as "P.test"), empty when not needed. */
export interface WhyEntry {
  /** The package, or with -m the module, asked about. */
  target: string;
  /** main module package first, target package last; [] when the main module does not need it. */
  path: string[];
  /** The text go prints for this entry (without the separating blank line). */
  text: string;
}

export interface WhyResult extends CommandResult {
  entries?: WhyEntry[];
}

function whyOf(ld: Loader, path: string): string {
  const pkg = ld.pkgCache.get(path);
  return pkg ? pkg.why() : '';
}

function whyDepth(ld: Loader, path: string): number {
  let n = 0;
  for (let p = ld.pkgCache.get(path) ?? null; p !== null; p = p.stack) n++;
  return n;
}

/** Runs `go mod why` (args after "mod why"). */
export async function modWhy(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<WhyResult> {
  let stdout = '';
  let stderr = '';
  let parsed;
  try {
    parsed = parseFlags(argv, specs, flagsFromGOFLAGS(ctx.env.GOFLAGS, specs));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    if (e.message === 'help') return { stdout: '', stderr: USAGE, exitCode: 2 };
    return { stdout: '', stderr: e.message + '\n' + USAGE, exitCode: 2 };
  }
  const fl = parsed.values;
  const whyM = flagBool(fl, 'm');
  const whyVendor = flagBool(fl, 'vendor');
  const args = parsed.args;
  // modcmd/why.go sets ExplicitWriteGoMod: go mod why never writes go.mod or go.sum.
  const files: Workspace = {
    read: (p) => ctx.files.read(p),
    write: async () => {},
    remove: async () => {},
    stat: (p) => ctx.files.stat(p),
    readDir: (p) => ctx.files.readDir(p),
    // modindex: whether go would index a directory (fresh or symlinked files) decides how it is read.
    unindexable: ctx.files.unindexable && ((d) => ctx.files.unindexable!(d)),
  };
  const s = new ModState({
    cwd: ctx.cwd,
    files,
    env: ctx.env,
    cmdName: 'mod why',
    deps,
    modFile: fl.get('modfile'),
    overlay: fl.get('overlay'),
    stderr: (t) => (stderr += t),
    signal: ctx.signal,
  });
  const loadOpts: PackageOpts = {
    tags: anyTags,
    loadTests: !whyVendor,
    silencePackageErrors: true,
    useVendorAll: whyVendor,
    explicitWriteGoMod: true,
    loadStd: true,
  };
  const entries: WhyEntry[] = [];
  const vendoring = whyVendor ? ' to vendor' : '';
  try {
    await initWorkfile(s);
    if (whyM) {
      for (const arg of args) {
        if (arg.includes('@')) throw new ExitWith(`go: ${arg}: 'go mod why' requires a module path, not a version query\n`);
      }
      const { mods, err } = await listModules(s, args, 0);
      if (err) throw err;
      const lr = await loadPackages(s, loadOpts, ['all']);
      const byModule = new Map<string, string[]>();
      for (const path of lr.loadedPackages) {
        const m = lr.ld.pkgCache.get(path)?.mod;
        if (m && m.path !== '') byModule.set(m.path, [...(byModule.get(m.path) ?? []), path]);
      }
      let sep = '';
      for (const m of mods) {
        let best = '';
        let bestDepth = 1000000000;
        for (const path of byModule.get(m.Path) ?? []) {
          const d = whyDepth(lr.ld, path);
          if (d > 0 && d < bestDepth) {
            best = path;
            bestDepth = d;
          }
        }
        let why = whyOf(lr.ld, best);
        const chain = why.split('\n').filter((x) => x !== '');
        if (why === '') why = `(main module does not need${vendoring} module ${m.Path})\n`;
        const text = `# ${m.Path}\n${why}`;
        entries.push({ target: m.Path, path: chain, text });
        stdout += sep + text;
        sep = '\n';
      }
    } else {
      const first = await loadPackages(s, loadOpts, args);
      const lr = await loadPackages(s, loadOpts, ['all']);
      let sep = '';
      for (const m of first.matches) {
        for (const path of m.pkgs) {
          let why = whyOf(lr.ld, path);
          const chain = why.split('\n').filter((x) => x !== '');
          if (why === '') why = `(main module does not need${vendoring} package ${path})\n`;
          const text = `# ${path}\n${why}`;
          entries.push({ target: path, path: chain, text });
          stdout += sep + text;
          sep = '\n';
        }
      }
    }
    // why.go prints each answer after loading (whose warnings and downloads came first)
    return { stdout, stderr, exitCode: s.exitStatus, entries, stdoutAfter: stderr.length };
  } catch (e) {
    if (e instanceof ExitError) return { stdout, stderr, exitCode: e.status, stdoutAfter: stderr.length };
    if (e instanceof ExitWith) return { stdout, stderr: stderr + e.message, exitCode: 1, stdoutAfter: stderr.length };
    return { stdout, stderr: stderr + errorText(e), exitCode: 1, stdoutAfter: stderr.length };
  }
}

class ExitWith extends Error {}
