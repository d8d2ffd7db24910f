// Seeded main modules over cmd/go's own test proxy modules (cmd/go/testdata/mod/*.txt, read at
// run time): random requirements (direct, "// indirect", stale, at retracted or nonexistent
// versions), go and toolchain lines, replace (to another version or to a local directory),
// exclude and retract directives, Go files importing packages those modules provide (plus test
// files, build-tagged files and imports nobody provides), and a go.sum that is absent, complete,
// partial or stale. The same seed always gives the same main module.
import { hash1, hashGoMod } from '../../src/core/dirhash';
import { compare, major, majorMinor } from '../../src/core/semver';
import { sortModuleVersions } from '../../src/core/module';
import { nodeHasher } from '../../src/io/nodeHasher';
import { rng, type Rng } from '../../src/core/rng';
import { TxtarProxy } from '../../src/core/proxyTxtar';

export interface CatVersion {
  version: string;
  /** The .mod section. */
  mod: string;
  /** Files of the module zip (name relative to the module root). */
  files: { name: string; data: string }[];
  /** Import paths of the packages (directories holding .go files). */
  packages: string[];
}

export interface CatModule {
  path: string;
  versions: CatVersion[];
}

export type Catalog = CatModule[];

/** The module versions of the archives (golang.org/toolchain left out: not modules one requires). */
export function readCatalog(archives: Iterable<readonly [string, string | Uint8Array]>): Catalog {
  const proxy = new TxtarProxy(archives);
  const dec = new TextDecoder();
  const byPath = new Map<string, CatModule>();
  for (const mv of proxy.modList) {
    if (mv.path.startsWith('golang.org/toolchain')) continue;
    const a = proxy.readArchive(mv.path, mv.version);
    if (!a) continue;
    const all = a.files.map((f) => ({ name: f.name, data: dec.decode(f.data) }));
    const files = all.filter((f) => !f.name.startsWith('.'));
    const mod = all.find((f) => f.name === '.mod')?.data ?? '';
    const dirs = new Set<string>();
    for (const f of files) {
      if (!f.name.endsWith('.go')) continue;
      const dir = f.name.includes('/') ? f.name.slice(0, f.name.lastIndexOf('/')) : '';
      if (dir.split('/').some((e) => e === 'testdata' || e.startsWith('_') || e.startsWith('.'))) continue;
      dirs.add(dir);
    }
    const packages = [...dirs].sort().map((d) => (d === '' ? mv.path : `${mv.path}/${d}`));
    let m = byPath.get(mv.path);
    if (!m) byPath.set(mv.path, (m = { path: mv.path, versions: [] }));
    m.versions.push({ version: mv.version, mod, files, packages });
  }
  const out = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const m of out) m.versions.sort((a, b) => compare(a.version, b.version));
  return out;
}

export interface MainModule {
  seed: number;
  /** Files of the main module directory (go.mod, *.go, go.sum, local replacement dirs). */
  files: Record<string, string>;
  /** Modules named in the require directives (for go mod why -m). */
  required: string[];
  getArgs: string[];
  /** Extra commands after the fixed sequence (tidy -go/-compat, list -m queries, why, get ./...). */
  extra: string[][];
  /** Environment overrides for the commands after go mod tidy. */
  laterEnv: Record<string, string>;
  /** Flags of go list -deps ./... (none, -e, -test, -mod=mod). */
  listFlags: string[];
  downloadArgs: string[];
  whyArgs: string[];
  features: string[];
}

const GO_LINES = ['', '1.16', '1.17', '1.20', '1.21', '1.21.0', '1.22', '1.23'];
const TOOLCHAINS = ['go1.21.0', 'go1.22.5', 'go1.23.0', 'go1.23.5', 'default'];
const MAIN = 'example.org/main';

function fakeVersion(r: Rng, path: string): string {
  const m = /\/v(\d+)$/.exec(path)?.[1] ?? /^gopkg\.in\/.*\.v(\d+)/.exec(path)?.[1];
  const maj = m && +m >= 2 ? +m : r.pick([0, 1]);
  return r.pick([`v${maj}.99.0`, `v${maj}.0.7`, `v${maj}.${r.int(6)}.${r.int(3)}`, `v${maj === 0 ? 0 : maj}.0.0-20190101000000-abcdefabcdef`]);
}

/**
 * Modules whose every use fails (go.mod path mismatch, too-new go line, missing files): drawn
 * rarely, so that most sequences get past go mod tidy.
 */
function troublesome(m: CatModule): boolean {
  if (/bad|needgo12[34]|future|latemigrate|missingmod|rename|invalidpath|newcycle/.test(m.path)) return true;
  return m.versions.some((v) => {
    const decl = /^module\s+"?([^"\s]+)"?/m.exec(v.mod)?.[1];
    return decl !== undefined && decl !== m.path;
  });
}

/** n modules, mostly from the well-behaved ones. */
function pickModules(r: Rng, catalog: Catalog, n: number): CatModule[] {
  const good = catalog.filter((m) => !troublesome(m));
  const bad = catalog.filter(troublesome);
  const out: CatModule[] = [];
  for (let i = 0; i < n; i++) {
    const m = r.pick(r.chance(0.1) ? bad : good);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

function pickVersion(r: Rng, m: CatModule): string {
  if (r.chance(0.06)) return fakeVersion(r, m.path);
  return r.pick(m.versions).version;
}

/** A query for go get: latest, upgrade, patch, none, a version, a prefix, a nonexistent one. */
function pickQuery(r: Rng, m: CatModule): string {
  const v = r.pick(m.versions).version;
  switch (r.int(9)) {
    case 0:
      return 'latest';
    case 1:
      return 'upgrade';
    case 2:
      return 'patch';
    case 3:
      return 'none';
    case 4:
      return majorMinor(v) || v;
    case 5:
      return major(v) || v;
    case 6:
      return fakeVersion(r, m.path);
    case 7:
      return `<${v}`;
    default:
      return v;
  }
}

export function generateMain(catalog: Catalog, seed: number): MainModule {
  const r = rng(seed);
  const features: string[] = [];
  const files: Record<string, string> = {};
  const goLine = r.pick(GO_LINES);
  const chosen = pickModules(r, catalog, 1 + r.int(5));
  const reqs: { path: string; version: string; indirect: boolean }[] = [];
  for (const m of chosen) reqs.push({ path: m.path, version: pickVersion(r, m), indirect: r.chance(0.3) });
  if (r.chance(0.06)) reqs.push({ path: 'example.com/nonexistent', version: 'v1.0.0', indirect: false });
  if (r.chance(0.15) && reqs.length > 0) {
    const dup = r.pick(reqs);
    const m = catalog.find((c) => c.path === dup.path);
    if (m) reqs.push({ path: dup.path, version: pickVersion(r, m), indirect: r.chance(0.5) }), features.push('duplicate-require');
  }
  // imports: packages of the required modules (mostly), of other modules, and of nobody
  const imports = new Set<string>();
  const pkgsOf = (m: CatModule, version?: string) => (m.versions.find((v) => v.version === version) ?? r.pick(m.versions)).packages;
  for (const m of chosen) if (r.chance(0.75)) for (const p of r.subset(pkgsOf(m, reqs.find((q) => q.path === m.path)?.version), 0.6)) imports.add(p);
  const others = pickModules(r, catalog, r.int(3));
  for (const m of others) {
    const ps = pkgsOf(m);
    if (ps.length > 0) imports.add(r.pick(ps));
  }
  if (r.chance(0.08)) imports.add('example.net/nobody/pkg'), features.push('import-nobody');
  if (r.chance(0.06) && chosen.length > 0) imports.add(`${chosen[0]!.path}/nosuchpkg`), features.push('import-missing-subpkg');
  const imps = [...imports];
  const split = <T>(xs: T[]) => {
    const a: T[] = [];
    const b: T[] = [];
    for (const x of xs) (r.chance(0.7) ? a : b).push(x);
    return [a, b];
  };
  const [mainImps, restImps] = split(imps);
  const goFile = (pkg: string, imps: string[], header = '') =>
    `${header}package ${pkg}\n\nimport (\n\t_ "fmt"\n${imps.map((p) => `\t_ "${p}"\n`).join('')})\n`;
  files['main.go'] = goFile('main', mainImps!);
  for (const p of restImps!) {
    const k = r.int(6);
    if (k === 0) files['main_test.go'] = (files['main_test.go'] ?? goFile('main', [])).replace(')\n', `\t_ "${p}"\n)\n`), features.push('test-import');
    else if (k === 1) files['tagged.go'] = goFile('main', [p], `//go:build ${r.pick(['linux', 'windows', 'ignore', 'tools'])}\n\n`), features.push('tagged-import');
    else if (k === 2) files['sub/sub.go'] = (files['sub/sub.go'] ?? goFile('sub', [])).replace(')\n', `\t_ "${p}"\n)\n`), features.push('subpkg');
    else if (k === 3) files['x_test.go'] = goFile('main_test', [p]), features.push('xtest');
    else if (k === 4) files['os_windows.go'] = goFile('main', [p]), features.push('goos-file');
    else files['cgo.go'] = goFile('main', [p]).replace('import (', 'import "C"\n\nimport ('), features.push('cgo-file');
  }
  // go.mod
  const mainPath = r.chance(0.03) ? r.pick(catalog).path : MAIN;
  if (mainPath !== MAIN) features.push('main-path-in-catalog');
  let gomod = `module ${mainPath}\n`;
  if (goLine) gomod += `\ngo ${goLine}\n`;
  else features.push('no-go-line');
  if (goLine && r.chance(0.2)) gomod += `\ntoolchain ${r.pick(TOOLCHAINS)}\n`, features.push('toolchain');
  if (r.chance(0.1)) gomod += r.pick(['\ngodebug panicnil=1\n', '\ngodebug (\n\tdefault=go1.21\n\thttp2client=0\n)\n', '\ngodebug nosuchkey=1\n']), features.push('godebug');
  if (reqs.length > 0) {
    // layouts tidy rewrites: quoted paths, comments beside "// indirect", several blocks
    const line = (q: (typeof reqs)[number]) => {
      const p = r.chance(0.08) ? `"${q.path}"` : q.path;
      const c = q.indirect ? r.pick([' // indirect', ' // indirect', ' //indirect', ' // indirect; pinned']) : r.chance(0.08) ? ' // pinned' : '';
      return `${p} ${q.version}${c}`;
    };
    const groups: (typeof reqs)[] = [];
    for (const q of reqs) {
      if (groups.length === 0 || r.chance(0.25)) groups.push([]);
      groups[groups.length - 1]!.push(q);
    }
    if (groups.length > 1) features.push('require-blocks');
    for (const g of groups) {
      if (g.length === 1 && r.chance(0.5)) gomod += `\nrequire ${line(g[0]!)}\n`;
      else gomod += `\nrequire (\n${g.map((q) => `\t${line(q)}\n`).join('')})\n`;
    }
  }
  const required = [...new Set(reqs.map((q) => q.path))];
  // replace / exclude / retract
  if (r.chance(0.3) && chosen.length > 0) {
    const m = r.pick(chosen);
    const to = r.pick(m.versions).version;
    const from = r.chance(0.5) ? m.path : `${m.path} ${reqs.find((q) => q.path === m.path)?.version ?? to}`;
    if (r.chance(0.15)) {
      const o = r.pick(pickModules(r, catalog, 1));
      gomod += `\nreplace ${from} => ${o.path} ${r.pick(o.versions).version}\n`;
      features.push('replace-other-path');
    } else if (r.chance(0.6)) gomod += `\nreplace ${from} => ${m.path} ${to}\n`, features.push('replace-version');
    else {
      gomod += `\nreplace ${from} => ./local\n`;
      features.push('replace-dir');
      if (r.chance(0.85)) {
        const v = r.pick(m.versions);
        const extra = pickModules(r, catalog, r.int(3)).map((o) => `require ${o.path} ${r.pick(o.versions).version}\n`);
        files['local/go.mod'] = (r.chance(0.85) ? v.mod.replace(/^module .*$/m, `module ${m.path}`) : `module ${m.path}\n`) + extra.join('');
        for (const f of v.files) if (f.name.endsWith('.go') && !f.name.includes('testdata/')) files[`local/${f.name}`] = f.data;
      } else features.push('replace-dir-missing');
    }
  }
  if (r.chance(0.25)) {
    const m = r.pick(r.chance(0.6) && chosen.length > 0 ? chosen : catalog);
    gomod += `\nexclude ${m.path} ${r.pick(m.versions).version}\n`;
    features.push('exclude');
  }
  if (r.chance(0.1)) gomod += `\nretract ${r.pick(['v1.0.0', '[v1.0.0, v1.1.0]', 'v0.1.0 // oops'])}\n`, features.push('retract');
  files['go.mod'] = gomod;
  // command arguments
  const q = r.chance(0.6) && chosen.length > 0 ? r.pick(chosen) : r.pick(catalog);
  const query = pickQuery(r, q);
  const getArgs: string[] = [];
  for (let i = 0, n = r.chance(0.25) ? 2 : 1; i < n; i++) {
    const q = r.chance(0.6) && chosen.length > 0 ? r.pick(chosen) : r.pick(pickModules(r, catalog, 1));
    const query = pickQuery(r, q);
    const pkgs = q.versions[q.versions.length - 1]!.packages;
    const k = r.int(20);
    if (k === 0) getArgs.push(`go@${r.pick(['1.16', '1.21', '1.22.0', '1.23', '1.24', 'latest', 'none'])}`);
    else if (k === 1) getArgs.push(`toolchain@${r.pick(['go1.22.0', 'go1.23.5', 'none', 'go1.21'])}`);
    else if (k === 2) getArgs.push(q.path);
    else if (k < 5 && pkgs.length > 0) getArgs.push(`${r.pick(pkgs)}@${query}`);
    else getArgs.push(`${q.path}@${query}`);
  }
  if (r.chance(0.15)) getArgs.unshift(r.pick(['-u', '-t', '-u=patch', '-t -u']));
  if (getArgs[0] === '-t -u') getArgs.splice(0, 1, '-t', '-u');
  const d = r.pick(catalog);
  const downloadArgs = ['-json', r.pick([`${d.path}@${r.pick(d.versions).version}`, 'all', required[0] ?? d.path, `${d.path}@latest`, `${d.path}@${fakeVersion(r, d.path)}`])];
  const whyArgs = r.subset(required, 0.6);
  if (whyArgs.length === 0) whyArgs.push(required[0] ?? 'rsc.io/quote');
  if (r.chance(0.2)) whyArgs.push(r.pick(catalog).path);
  features.push(`go=${goLine || 'none'}`, `sum=${['none', 'complete', 'partial', 'stale'][r.int(4)]}`);
  const listFlags = r.pick([[], [], [], ['-e'], ['-test'], ['-mod=mod']]);
  const em = r.pick(catalog);
  const extra = [
    ['mod', 'tidy', ...r.pick([['-e'], ['-go=1.16'], ['-go=1.17'], ['-go=1.21'], ['-compat=1.16'], ['-e', '-go=1.20', '-compat=1.17'], ['-go=1.24'], ['-v']])],
    ['list', '-m', ...r.pick([['-versions'], ['-versions', '-json'], ['-retracted', '-versions'], ['-u', '-json'], ['-retracted', '-json']]), r.pick([em.path, `${em.path}@${pickQuery(r, em)}`])],
    ['mod', 'why', ...r.pick([[], ['-vendor']]), ...(imps.length > 0 ? r.subset(imps, 0.5) : ['rsc.io/quote']), ...(r.chance(0.3) ? ['fmt', 'example.net/nobody/pkg'] : [])],
    ['get', ...r.pick([['./...'], ['-u', './...'], ['-t', './...'], ['-u=patch', './...'], ['-u', 'all']])],
  ];
  // (drawn last, so the draws above stay as they were when seeds were recorded)
  const rm = r.pick(catalog);
  const pseudo = rm.versions.find((v) => /-[0-9]{14}-[0-9a-f]{12}$/.test(v.version))?.version;
  extra.push(['list', '-m', '-json', `${rm.path}@${r.pick([pseudo?.slice(-12) ?? 'master', 'master', 'v0.0.0-20990101000000-abcdefabcdef', pseudo ?? 'HEAD'])}`]);
  if (r.chance(0.35)) {
    // go mod vendor, then the vendor-mode defaults (go >= 1.14 with a vendor directory)
    extra.push(['mod', 'vendor'], ['list', '-m', 'all'], ['list', '-deps', './...'], ['mod', 'why', '-m', ...whyArgs], ['get', ...getArgs]);
    features.push('vendor');
  }
  // the commands after go mod tidy: with the proxy off (module cache only), or -mod=mod
  const laterEnv = r.pick([{}, {}, {}, {}, {}, { GOPROXY: 'off' }, { GOFLAGS: '-modcacherw -mod=mod' }] as Record<string, string>[]);
  if (laterEnv.GOPROXY) features.push('later-proxy-off');
  if (laterEnv.GOFLAGS) features.push('later-mod-mod');
  return { seed, files, required, getArgs, listFlags, laterEnv, extra, downloadArgs, whyArgs, features };
}

const enc = new TextEncoder();

/** go.sum lines for path@version (go.mod hash and, unless modOnly, the zip hash). */
async function sumLines(m: CatModule, v: CatVersion, modOnly: boolean): Promise<{ path: string; version: string; hash: string }[]> {
  const out = [{ path: m.path, version: `${v.version}/go.mod`, hash: await hashGoMod(enc.encode(v.mod), nodeHasher) }];
  if (!modOnly) {
    const files = v.files.map((f) => ({ name: `${m.path}@${v.version}/${f.name}`, data: enc.encode(f.data) }));
    out.push({ path: m.path, version: v.version, hash: await hash1(files, nodeHasher) });
  }
  return out;
}

/**
 * The main module's go.sum per its sum= feature: the modules its go.mod names and their
 * requirements (read from the catalog's .mod texts, one level per round, 3 rounds), all of
 * them (complete), some of them (partial), or neighbouring versions with one hash damaged (stale).
 */
export async function addGoSum(catalog: Catalog, mm: MainModule): Promise<void> {
  const mode = mm.features.find((f) => f.startsWith('sum='))!.slice(4);
  if (mode === 'none') return;
  const r = rng(mm.seed ^ 0x5eed);
  const find = (p: string, v: string) => {
    const m = catalog.find((c) => c.path === p);
    const cv = m?.versions.find((x) => x.version === v);
    return m && cv ? { m, v: cv } : undefined;
  };
  const reqRe = /^\s*(?:require\s+)?"?([a-zA-Z0-9][^\s"]*\.[^\s"]*)"?\s+(v[^\s]+)/gm;
  const seen = new Set<string>();
  let frontier = [...mm.files['go.mod']!.matchAll(reqRe)].map((x) => [x[1]!, x[2]!] as const);
  const mods: { m: CatModule; v: CatVersion }[] = [];
  for (let round = 0; round < 3; round++) {
    const next: (readonly [string, string])[] = [];
    for (const [p, v] of frontier) {
      const k = `${p}@${v}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const f = find(p, v);
      if (!f) continue;
      mods.push(f);
      next.push(...[...f.v.mod.matchAll(reqRe)].map((x) => [x[1]!, x[2]!] as const));
    }
    frontier = next;
  }
  const lines: { path: string; version: string; hash: string }[] = [];
  for (const { m, v } of mods) {
    if (mode === 'partial' && r.chance(0.4)) continue;
    let cv = v;
    if (mode === 'stale' && r.chance(0.5)) {
      const i = m.versions.indexOf(v);
      cv = m.versions[Math.min(m.versions.length - 1, i + 1)] ?? v;
    }
    lines.push(...(await sumLines(m, cv, mode === 'partial' && r.chance(0.5))));
  }
  if (mode === 'stale' && lines.length > 0) {
    const l = r.pick(lines);
    l.hash = 'h1:' + (l.hash[3] === 'A' ? 'B' : 'A') + l.hash.slice(4);
  }
  const text = [...new Set(sortModuleVersions(lines).map((l) => `${l.path} ${l.version} ${l.hash}\n`))].join('');
  if (text !== '') mm.files['go.sum'] = text;
}
