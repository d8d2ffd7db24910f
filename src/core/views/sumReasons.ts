// Why `go mod tidy` keeps each go.sum line, from the resolver's own data: the package loader's
// packages (which module provides each, who imports it) and the module graph tidy loads, walked
// by the rules of init.go: keepSums (with load.go's loader half) — for the go version's graph and,
// when -compat (default: the previous go version) implies another pruning, for that graph too
// (load.go: loadFromRoots, "compatRS"). Nothing is guessed: a line whose key the walk does not
// reach gets no reason, and tidySumReasons checks its keys against the loader's own keep set.
//
// API:
//   tidySumReasons(ctx, deps, args)  -> SumReasons for `go mod tidy args` on ctx's files (runs the
//                                       loader in -diff mode: writes nothing)
//   sumKey(line)                     -> the key of a go.sum line ("path version" or "path version/go.mod")
import { compareGo, GoStrictVersion, prevGo, TidyGoModSumVersion } from '../gover';
import type { FetchDeps } from '../modfetch/fetcher';
import type { ModuleVersion } from '../module';
import { anyTags } from '../imports/match';
import { pruningForGoVersion, resolveReplacement } from '../modload/modfile';
import { loadPackages, type LoadPkg, type LoadResult } from '../modload/packages/load';
import { packageKeepsSums } from '../modload/packages/keepsums';
import { newRequirements, type Requirements } from '../modload/requirements';
import { ModState } from '../modload/state';
import type { CommandContext } from '../workspace';

export interface SumReasons {
  /** go.sum key → why tidy keeps it ("zip hash: …", "go.mod hash: …", "kept for -compat=…: …"). */
  reasons: Record<string, string>;
  /** Keys kept only because of the -compat graph. */
  compatOnly: string[];
  /** The -compat version tidy used ("" when it adds nothing). */
  compat: string;
  /** Keys tidy keeps that the walk did not explain (should be empty). */
  unexplained: string[];
  /** The loader's error, when tidy would fail. */
  error?: string;
}

export function sumKey(line: string): string {
  const [path = '', version = ''] = line.split(' ');
  return `${path} ${version}`;
}

const zipKey = (m: ModuleVersion) => `${m.path} ${m.version}`;
const modKey = (m: ModuleVersion) => `${m.path} ${m.version}/go.mod`;
const fmt = (m: ModuleVersion) => (m.version ? `${m.path}@${m.version}` : m.path);

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

/** "imported by Q" (Q's test when the import comes from a test file), or "a root package". */
function importedBy(p: LoadPkg): string {
  const q = p.stack;
  if (!q) return 'named on the command line (all)';
  return q.testOf ? `imported by ${q.testOf.path}'s tests` : `imported by ${q.path}`;
}

/** init.go: keepSums(ld, rs, loadedZipSumsOnly) with a reason for every key it adds. */
async function explain(s: ModState, lr: LoadResult, rs: Requirements, out: Map<string, string>): Promise<void> {
  const ld = lr.ld;
  const add = (k: string, why: string) => {
    const [path = '', version = ''] = k.split(' ');
    // main modules and the go / toolchain pseudo-modules have no go.sum lines
    if (version === '' || version === '/go.mod' || path === 'go' || path === 'toolchain') return;
    if (!out.has(k)) out.set(k, why);
  };
  // load.go half: packages
  const keepPkgGoModSums = !(compareGo(ld.requirements.goVersion(), TidyGoModSumVersion) < 0);
  for (const pkg of ld.pkgs) {
    if (!packageKeepsSums(ld, pkg)) continue;
    const who = importedBy(pkg);
    if (keepPkgGoModSums) {
      const r = resolveReplacement(s, pkg.mod);
      add(modKey(r), `go.mod hash: module ${fmt(pkg.mod)} provides package ${pkg.path} (${who}); its go.mod gives the go version to compile it with`);
    }
    const prefixes = (sel: (prefix: string) => string | undefined) => {
      for (let prefix = pkg.path; prefix !== '.'; prefix = dirOf(prefix)) {
        const v = sel(prefix);
        if (v === undefined || v === 'none') continue;
        const r = resolveReplacement(s, { path: prefix, version: v });
        const why =
          prefix === pkg.mod.path
            ? `zip hash: module ${fmt({ path: prefix, version: v })} provides package ${pkg.path} ${who}`
            : `zip hash: module ${fmt({ path: prefix, version: v })} could also provide package ${pkg.path} (${who}); its source rules out an ambiguous import`;
        add(zipKey(r), why);
      }
    };
    if (rs.pruning === 'pruned' && pkg.mod.path !== '') {
      const { version, ok } = rs.rootSelected(pkg.mod.path);
      if (ok && version === pkg.mod.version) {
        prefixes((p) => {
          const r = rs.rootSelected(p);
          return r.ok ? r.version : undefined;
        });
        continue;
      }
    }
    const { mg } = await rs.graph();
    prefixes((p) => mg.selected(p));
  }
  // init.go half: the module graph
  if (!rs.graphLoaded()) {
    for (const m of rs.rootModules) add(modKey(resolveReplacement(s, m)), `go.mod hash: ${fmt(m)} is required by the main module's go.mod`);
    return;
  }
  const { mg } = await rs.graph();
  const requirers = new Map<string, ModuleVersion>();
  const order: ModuleVersion[] = [];
  mg.walkBreadthFirst((m) => {
    order.push(m);
    for (const r of mg.requiredBy(m) ?? []) if (!requirers.has(zipKey(r))) requirers.set(zipKey(r), m);
  });
  for (const m of order) {
    if (mg.requiredBy(m) === undefined) continue;
    const by = requirers.get(zipKey(m));
    const whose = !by || s.main().contains(by.path) ? "the main module's go.mod" : fmt(by);
    add(modKey(resolveReplacement(s, m)), `go.mod hash: needed to load the module graph (${fmt(m)} is required by ${whose})`);
  }
}

function compatOf(args: string[]): { go: string; compat: string } {
  let go = '';
  let compat = '';
  for (let i = 0; i < args.length; i++) {
    const m = /^--?(go|compat)(?:=(.*))?$/.exec(args[i]!);
    if (!m) continue;
    const v = m[2] ?? args[++i] ?? '';
    if (m[1] === 'go') go = v;
    else compat = v;
  }
  return { go, compat };
}

/** Why `go mod tidy args` keeps each go.sum line (on ctx's files; nothing is written). */
export async function tidySumReasons(ctx: CommandContext, deps: FetchDeps, args: string[] = []): Promise<SumReasons> {
  const fl = compatOf(args);
  const s = new ModState({ cwd: ctx.cwd, files: ctx.files, env: ctx.env, cmdName: 'mod tidy', deps, stderr: () => {}, signal: ctx.signal });
  let lr: LoadResult;
  try {
    lr = await loadPackages(
      s,
      {
        tidyGoVersion: fl.go,
        tags: anyTags,
        tidy: true,
        tidyDiff: true,
        tidyCompatibleVersion: fl.compat,
        resolveMissingImports: true,
        loadTests: true,
        allowErrors: true,
        silenceMissingStdImports: true,
        switcher: true,
      },
      ['all'],
    );
  } catch (e) {
    return { reasons: {}, compatOnly: [], compat: '', unexplained: [], error: (e as Error).message };
  }
  const rs = lr.ld.requirements;
  const main = new Map<string, string>();
  await explain(s, lr, rs, main);
  // load.go: loadFromRoots — the -compat version and its graph
  const goVersion = rs.goVersion();
  let compat = fl.compat;
  if (compat === '') compat = compareGo(goVersion, GoStrictVersion) < 0 ? prevGo(goVersion) : goVersion;
  if (compareGo(compat, goVersion) > 0) compat = goVersion;
  const compatOnly: string[] = [];
  const reasons: Record<string, string> = Object.fromEntries(main);
  let usedCompat = '';
  if (pruningForGoVersion(compat) !== rs.pruning) {
    usedCompat = compat;
    const crs = newRequirements(s, pruningForGoVersion(compat), rs.rootModules, rs.direct);
    // tidy loads this graph (load.go: checkTidyCompatibility) while go.sum may still gain lines;
    // the -diff run has since switched to readonly
    s.buildMod = 'mod';
    const g = await crs.graph();
    if (g.err) return { reasons: {}, compatOnly: [], compat: '', unexplained: [], error: g.err.message };
    const extra = new Map<string, string>();
    await explain(s, lr, crs, extra);
    const flag = fl.compat ? `-compat=${compat}` : `-compat=${compat}, the default for go ${goVersion}`;
    for (const [k, why] of extra) {
      if (main.has(k)) continue;
      compatOnly.push(k);
      reasons[k] = `kept for ${flag}: go ${compat} loads the ${pruningForGoVersion(compat)} module graph — ${why}`;
    }
  }
  const keys = [...(lr.tidyKeep ?? [])].map((k) => {
    const [path = '', version = ''] = k.split('\0'); // mvs/graph.ts: mvKey
    return `${path} ${version}`;
  });
  const unexplained = keys.filter((k) => reasons[k] === undefined && !/^(go|toolchain) |^\S* (\/go\.mod)?$/.test(k));
  return { reasons, compatOnly: compatOnly.sort(), compat: usedCompat, unexplained };
}
