// Seeded random module universes for differential tests against real go: a set of modules with
// versions (releases, prereleases, /vN majors, gopkg.in, nested modules, +incompatible,
// pseudo-versions, upper-case paths), each version's go.mod (go lines either side of 1.17 and
// ≥ 1.21, requirements, retractions) and packages (.go files importing each other and std, with
// build-tagged, OS-suffixed and _test.go files), plus a main module whose go.mod is often stale
// (missing, extra, wrongly indirect requirements, replace/exclude) and whose go.sum may be
// missing, partial or stale. The same seed always yields the same universe.
import { pseudoVersion } from '../../src/core/pseudo';
import { compare as semverCompare } from '../../src/core/semver';

import { rng, type Rng } from '../../src/core/rng';

export { rng, type Rng };

export interface UFile {
  /** Slash-separated, relative to the module root. */
  name: string;
  data: string;
}

export interface UVersion {
  version: string;
  /** RFC 3339 commit time for the .info file. */
  time: string;
  /** The .mod file the proxy serves (synthesized "module path" for +incompatible versions). */
  mod: string;
  /** The module's files (the zip content), go.mod included when the version has one. */
  files: UFile[];
  /** Listed in @v/list (pseudo-versions are not). */
  listed: boolean;
}

export interface UModule {
  path: string;
  versions: UVersion[];
}

export type GoSumMode = 'none' | 'complete' | 'partial' | 'stale' | 'bad';

export interface Universe {
  seed: number;
  modules: UModule[];
  mainPath: string;
  /** The main module's files (go.mod, .go files, local replacement directories). */
  main: UFile[];
  /** How proxyDir fills the main module's go.sum, and for which module versions. */
  goSum: { mode: GoSumMode; mods: { path: string; version: string }[] };
  /** Argument for `go mod why -m`. */
  whyModule: string;
  /** Human-readable list of the features this seed exercises. */
  features: string[];
}

interface Pkg {
  /** Import path suffix inside the module ("" for the module root). */
  rel: string;
  /** First version index (into the module's versions) that has this package. */
  since: number;
}

interface Plan {
  path: string;
  kind: 'plain' | 'v2' | 'gopkgin' | 'nested' | 'upper' | 'incompat';
  versions: string[];
  /** Versions without a go.mod (+incompatible). */
  noGoMod: Set<string>;
  pseudo: Set<string>;
  pkgs: Pkg[];
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu'];
const DEP_GO = [null, '1.12', '1.14', '1.16', '1.17', '1.18', '1.20', '1.21', '1.21.0', '1.22.0', '1.23.0'];
const MAIN_GO = [null, '1.14', '1.15', '1.16', '1.17', '1.17', '1.19', '1.20', '1.21', '1.22.0', '1.22.0', '1.23.0'];
const STD = ['fmt', 'strings', 'os', 'io', 'sort', 'errors', 'net/http', 'encoding/json'];

function join(path: string, rel: string): string {
  return rel === '' ? path : `${path}/${rel}`;
}

/** A Go package name for an import path (last element, with /vN and gopkg.in .vN dropped). */
function pkgName(importPath: string): string {
  const elems = importPath.split('/');
  let last = elems[elems.length - 1];
  if (/^v[0-9]+$/.test(last) && elems.length > 1) last = elems[elems.length - 2];
  last = last.replace(/\.v[0-9]+$/, '');
  const name = last.toLowerCase().replace(/[^a-z0-9_]/g, '');
  return /^[a-z_]/.test(name) ? name : 'p' + name;
}

function goFile(pkg: string, imports: string[], buildLine?: string): string {
  let s = buildLine ? `${buildLine}\n\n` : '';
  s += `package ${pkg}\n`;
  if (imports.length > 0) {
    s += '\nimport (\n' + imports.map((i) => `\t_ "${i}"\n`).join('') + ')\n';
  }
  s += `\nconst Name = "${pkg}"\n`;
  return s;
}

function goMod(path: string, goLine: string | null, requires: { path: string; version: string; indirect?: boolean }[], extra = ''): string {
  let s = `module ${path}\n`;
  if (goLine) s += `\ngo ${goLine}\n`;
  if (requires.length === 1) {
    const r = requires[0];
    s += `\nrequire ${r.path} ${r.version}${r.indirect ? ' // indirect' : ''}\n`;
  } else if (requires.length > 1) {
    s += '\nrequire (\n' + requires.map((r) => `\t${r.path} ${r.version}${r.indirect ? ' // indirect' : ''}\n`).join('') + ')\n';
  }
  if (extra) s += '\n' + extra;
  return s;
}

function isoTime(base: number, dayOffset: number, r: Rng): string {
  const t = new Date(base + dayOffset * 86400_000 + r.int(86400) * 1000);
  return t.toISOString().replace(/\.000Z$/, 'Z');
}

export function generateUniverse(seed: number): Universe {
  const r = rng(seed);
  const features = new Set<string>();
  const names = r.shuffle(NAMES);
  const count = 3 + r.int(5);
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const name = names[i];
    let kind = r.pick(['plain', 'plain', 'plain', 'plain', 'v2', 'v2', 'gopkgin', 'nested', 'nested', 'upper', 'incompat', 'incompat'] as const);
    const parents = plans.filter((p) => p.kind === 'plain' || p.kind === 'incompat');
    if (kind === 'nested' && parents.length === 0) kind = 'plain';
    let path: string;
    let pool: string[];
    switch (kind) {
      case 'v2':
        path = `example.com/${name}/v2`;
        pool = ['v2.0.0', 'v2.0.1', 'v2.1.0-beta.1', 'v2.1.0'];
        break;
      case 'gopkgin':
        path = `gopkg.in/${name}.v1`;
        pool = ['v1.0.0', 'v1.1.0', 'v1.2.0'];
        break;
      case 'nested':
        path = `${r.pick(parents).path}/${name}`;
        pool = ['v0.1.0', 'v0.2.0', 'v1.0.0'];
        break;
      case 'upper':
        path = `example.com/${name[0].toUpperCase()}${name.slice(1)}`;
        pool = ['v0.1.0', 'v1.0.0', 'v1.1.0'];
        break;
      default:
        path = `example.com/${name}`;
        pool = ['v0.1.0', 'v0.2.0', 'v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', 'v1.2.0', 'v1.3.0'];
    }
    features.add(`module:${kind}`);
    const versions = r.subset(pool, 0.5);
    if (versions.length === 0) versions.push(r.pick(pool));
    const noGoMod = new Set<string>();
    if (kind === 'incompat') {
      for (const v of r.chance(0.5) ? ['v2.0.0+incompatible'] : ['v2.0.0+incompatible', 'v3.1.0+incompatible']) {
        versions.push(v);
        noGoMod.add(v);
      }
    }
    if (versions.some((v) => v.includes('-'))) features.add('version:prerelease');
    versions.sort(semverCompare);
    const pseudo = new Set<string>();
    plans.push({ path, kind, versions, noGoMod, pseudo, pkgs: [] });
  }

  // Pseudo-versions: after a release, or v0.0.0-... before everything.
  const base = Date.UTC(2022, 0, 1) + r.int(200) * 86400_000;
  const times = new Map<string, string>();
  for (const p of plans) {
    p.versions.forEach((v, i) => times.set(`${p.path}@${v}`, isoTime(base, i * 30 + 1, r)));
    if (p.kind !== 'incompat' && r.chance(0.2)) {
      const rel = p.versions.filter((v) => !v.includes('-'));
      const older = rel.length > 0 && r.chance(0.6) ? rel[rel.length - 1] : '';
      const major = p.kind === 'v2' ? 'v2' : p.kind === 'gopkgin' ? 'v1' : '';
      const t = new Date(base + (p.versions.length * 30 + 5) * 86400_000);
      const pv = pseudoVersion(major, older, t, r.hex(12));
      times.set(`${p.path}@${pv}`, t.toISOString().replace(/\.000Z$/, 'Z'));
      p.versions.push(pv);
      p.versions.sort(semverCompare);
      p.pseudo.add(pv);
      features.add('version:pseudo');
    }
  }

  // Packages: maybe the module root, plus up to two subpackages, some only in later versions.
  for (const p of plans) {
    const pkgs: Pkg[] = [];
    if (r.chance(0.8)) pkgs.push({ rel: '', since: 0 });
    for (const sub of r.subset(['util', 'codec', 'net/client'], 0.35)) pkgs.push({ rel: sub, since: r.chance(0.25) ? r.int(p.versions.length) : 0 });
    if (pkgs.length === 0) pkgs.push({ rel: 'lib', since: 0 });
    p.pkgs = pkgs;
  }

  const pkgAt = (p: Plan, vi: number) => p.pkgs.filter((k) => k.since <= vi);
  const versionFor = (dep: Plan, pkg?: Pkg): string => {
    const ok = dep.versions.filter((_, i) => !pkg || pkg.since <= i);
    return r.pick(ok.length > 0 ? ok : dep.versions);
  };

  const modules: UModule[] = [];
  plans.forEach((p, i) => {
    const later = plans.slice(i + 1);
    const uversions: UVersion[] = p.versions.map((v, vi) => {
      const hasGoMod = !p.noGoMod.has(v);
      const goLine = r.pick(DEP_GO);
      const requires = new Map<string, { path: string; version: string; indirect?: boolean }>();
      const files: UFile[] = [];
      for (const pkg of pkgAt(p, vi)) {
        const dir = pkg.rel === '' ? '' : pkg.rel + '/';
        const name = pkgName(join(p.path, pkg.rel));
        const imports = [r.pick(STD)];
        for (let k = r.int(3); k > 0 && later.length > 0; k--) {
          const dep = r.pick(later);
          const dpkg = r.pick(dep.pkgs);
          imports.push(join(dep.path, dpkg.rel));
          // Usually the go.mod requires what the code imports; sometimes it forgot.
          if (hasGoMod && !requires.has(dep.path) && r.chance(0.85)) requires.set(dep.path, { path: dep.path, version: versionFor(dep, dpkg) });
        }
        // Imports of packages in the same module.
        const siblings = pkgAt(p, vi).filter((s) => s.rel !== pkg.rel && s.rel.length > pkg.rel.length);
        if (siblings.length > 0 && r.chance(0.3)) imports.push(join(p.path, r.pick(siblings).rel));
        files.push({ name: `${dir}${name}.go`, data: goFile(name, imports) });
        if (r.chance(0.2) && later.length > 0) {
          const dep = r.pick(later);
          const dpkg = r.pick(dep.pkgs);
          files.push({ name: `${dir}${name}_linux.go`, data: goFile(name, [join(dep.path, dpkg.rel)]) });
          if (hasGoMod && !requires.has(dep.path)) requires.set(dep.path, { path: dep.path, version: versionFor(dep, dpkg) });
          features.add('file:goos-suffix');
        }
        if (r.chance(0.15)) {
          files.push({ name: `${dir}gen.go`, data: goFile('main', ['example.net/generator/tool'], '//go:build ignore') });
          features.add('file:build-ignore');
        }
        if (r.chance(0.25)) {
          const testImports = ['testing'];
          if (later.length > 0 && r.chance(0.7)) {
            const dep = r.pick(later);
            const dpkg = r.pick(dep.pkgs);
            testImports.push(join(dep.path, dpkg.rel));
            if (hasGoMod && !requires.has(dep.path) && r.chance(0.8)) requires.set(dep.path, { path: dep.path, version: versionFor(dep, dpkg) });
          }
          files.push({ name: `${dir}${name}_test.go`, data: goFile(name, testImports) });
          features.add('file:test-imports');
        }
      }
      // Unrelated requirements, in any direction (module cycles are legal).
      if (hasGoMod && r.chance(0.25)) {
        const other = r.pick(plans);
        if (other !== p && !requires.has(other.path)) requires.set(other.path, { path: other.path, version: r.pick(other.versions) });
      }
      let extra = '';
      const isLatest = vi === p.versions.length - 1;
      if (hasGoMod && isLatest && p.versions.length >= 2 && r.chance(0.3)) {
        const older = p.versions.slice(0, -1);
        if (older.length >= 2 && r.chance(0.5)) extra = `retract [${older[0]}, ${older[1]}] // broken builds\n`;
        else extra = `retract ${r.pick(older)}\n`;
        features.add('gomod:retract');
      }
      const reqList = [...requires.values()];
      let mod: string;
      if (hasGoMod) {
        mod = goMod(p.path, goLine, reqList, extra);
        files.push({ name: 'go.mod', data: mod });
        if (goLine && semverCompare('v' + goLine, 'v1.21') >= 0) features.add('gomod:go>=1.21');
        if (!goLine) features.add('gomod:no-go-line');
        if (reqList.length === 0) features.add('gomod:no-requires');
      } else {
        mod = `module ${p.path}\n`;
        features.add('version:+incompatible');
      }
      if (r.chance(0.3)) files.push({ name: 'LICENSE', data: `Copyright ${p.path}\n` });
      files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { version: v, time: times.get(`${p.path}@${v}`) as string, mod, files, listed: !p.pseudo.has(v) };
    });
    modules.push({ path: p.path, versions: uversions });
  });

  // The main module.
  const mainPath = 'example.com/main';
  const mainGo = r.pick(MAIN_GO);
  features.add(`main:go ${mainGo ?? 'none'}`);
  const main: UFile[] = [];
  const requires = new Map<string, { path: string; version: string; indirect?: boolean }>();
  const imported: string[] = [];
  const importPkg = (into: string[]): void => {
    const dep = r.pick(plans);
    const pkg = r.pick(dep.pkgs);
    into.push(join(dep.path, pkg.rel));
    imported.push(dep.path);
    const roll = r.next();
    if (roll < 0.7) requires.set(dep.path, { path: dep.path, version: versionFor(dep, pkg) });
    else if (roll < 0.8) {
      requires.set(dep.path, { path: dep.path, version: versionFor(dep, pkg), indirect: true });
      features.add('main:direct-marked-indirect');
    } else if (roll < 0.87) {
      // An old version that may lack the package.
      requires.set(dep.path, { path: dep.path, version: dep.versions[0] });
    } else features.add('main:missing-require');
  };
  const mainImports = ['fmt'];
  for (let k = 1 + r.int(3); k > 0; k--) importPkg(mainImports);
  const helperImports = [r.pick(STD)];
  if (r.chance(0.6)) importPkg(helperImports);
  mainImports.push(`${mainPath}/internal/helper`);
  if (r.chance(0.06)) {
    mainImports.push('example.com/nothere/pkg');
    features.add('main:import-no-module');
  }
  if (r.chance(0.05)) {
    const p = r.pick(plans);
    mainImports.push(`${p.path}/nosuchpkg`);
    features.add('main:import-missing-package');
  }
  main.push({ name: 'main.go', data: goFile('main', mainImports) });
  main.push({ name: 'internal/helper/helper.go', data: goFile('helper', helperImports) });
  if (r.chance(0.5)) {
    const testImports = ['testing'];
    importPkg(testImports);
    main.push({ name: 'main_test.go', data: goFile('main', testImports) });
    features.add('main:test-only-import');
  }
  if (r.chance(0.15)) {
    main.push({ name: 'tools.go', data: goFile('main', ['example.net/generator/tool'], '//go:build ignore') });
    features.add('main:build-ignore');
  }
  if (r.chance(0.15)) {
    const osImports: string[] = [];
    importPkg(osImports);
    main.push({ name: 'main_windows.go', data: goFile('main', osImports) });
    features.add('main:goos-file');
  }
  // Extra requirements: unused, or transitive ones listed (correctly or not) as indirect.
  for (let k = r.int(3); k > 0; k--) {
    const p = r.pick(plans);
    if (!requires.has(p.path)) {
      requires.set(p.path, { path: p.path, version: r.pick(p.versions), indirect: r.chance(0.6) });
      features.add('main:extra-require');
    }
  }
  let extra = '';
  const reqPlans = plans.filter((p) => requires.has(p.path));
  if (reqPlans.length > 0 && r.chance(0.12)) {
    const p = r.pick(reqPlans);
    const cur = requires.get(p.path)!.version;
    const other = p.versions.filter((v) => v !== cur);
    if (other.length > 0) {
      extra += r.chance(0.5) ? `replace ${p.path} ${cur} => ${p.path} ${r.pick(other)}\n` : `replace ${p.path} => ${p.path} ${r.pick(other)}\n`;
      features.add('main:replace-version');
    }
  } else if (reqPlans.length > 0 && r.chance(0.07)) {
    // A local directory replacement holding the latest version's files.
    const p = r.pick(reqPlans);
    const latest = modules.find((m) => m.path === p.path)!.versions.at(-1)!;
    const dir = `third_party/${pkgName(p.path)}`;
    extra += `replace ${p.path} => ./${dir}\n`;
    for (const f of latest.files) main.push({ name: `${dir}/${f.name}`, data: f.data });
    if (!latest.files.some((f) => f.name === 'go.mod')) main.push({ name: `${dir}/go.mod`, data: `module ${p.path}\n` });
    features.add('main:replace-dir');
  }
  if (r.chance(0.1)) {
    const p = r.pick(plans);
    if (p.versions.length >= 2) {
      extra += `exclude ${p.path} ${r.pick(p.versions)}\n`;
      features.add('main:exclude');
    }
  }
  if (r.chance(0.04)) {
    extra += 'toolchain go1.21.0\n';
    features.add('main:toolchain');
  }
  extra += extraMainDirectives(seed, plans, requires, mainGo, extra, features);
  main.push({ name: 'go.mod', data: goMod(mainPath, mainGo, [...requires.values()], extra) });
  main.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // go.sum: hashes computed by proxyDir for the listed module versions.
  const mode = r.pick(['none', 'none', 'none', 'complete', 'complete', 'complete', 'partial', 'partial', 'stale', 'bad'] as const satisfies readonly GoSumMode[]);
  const sumMods = [...requires.values()].map((q) => ({ path: q.path, version: q.version }));
  if (mode === 'stale' && plans.length > 0) {
    const p = r.pick(plans);
    sumMods.push({ path: p.path, version: r.pick(p.versions) });
  }
  features.add(`gosum:${mode}`);

  const whyModule = r.chance(0.1) ? 'example.com/unrelated' : r.pick(plans).path;
  return { seed, modules, mainPath, main, goSum: { mode, mods: sumMods }, whyModule, features: [...features].sort() };
}

/**
 * More main-module directives users write, drawn from a second generator so the universes of
 * earlier seeds stay as they were unless one of these fires: a replacement by a fork (another
 * module path at a version), an exclude of exactly the required version (go moves to the next
 * one), several excludes of one module, and toolchain lines newer than the go line.
 */
function extraMainDirectives(
  seed: number,
  plans: Plan[],
  requires: Map<string, { path: string; version: string; indirect?: boolean }>,
  mainGo: string | null,
  before: string,
  features: Set<string>,
): string {
  const x = rng((seed ^ 0x9e3779b9) >>> 0);
  let out = '';
  const reqPlans = plans.filter((p) => requires.has(p.path));
  const free = reqPlans.filter((q) => !before.includes(`replace ${q.path} `));
  if (free.length > 0 && x.chance(0.06)) {
    const p = x.pick(free);
    const forks = plans.filter((q) => q !== p && q.kind !== 'incompat' && !q.path.startsWith(p.path + '/') && !p.path.startsWith(q.path + '/'));
    if (forks.length > 0) {
      const f = x.pick(forks);
      const v = x.pick(f.versions.filter((w) => !f.noGoMod.has(w)));
      if (v) {
        out += `replace ${p.path} => ${f.path} ${v}\n`;
        features.add('main:replace-fork');
      }
    }
  }
  if (reqPlans.length > 0 && x.chance(0.07)) {
    const p = x.pick(reqPlans);
    out += `exclude ${p.path} ${requires.get(p.path)!.version}\n`;
    features.add('main:exclude-required');
  }
  if (x.chance(0.05)) {
    const p = x.pick(plans);
    if (p.versions.length >= 3) {
      const vs = x.shuffle(p.versions).slice(0, 2);
      out += 'exclude (\n' + vs.map((v) => `\t${p.path} ${v}\n`).join('') + ')\n';
      features.add('main:exclude-block');
    }
  }
  if (!before.includes('toolchain ') && x.chance(0.06)) {
    const base = mainGo && semverCompare('v' + mainGo, 'v1.21') >= 0 ? mainGo : '1.21.0';
    const tc = x.pick(['1.21.0', '1.22.0', '1.22.5', '1.23.0'].filter((t) => semverCompare('v' + t, 'v' + base) >= 0));
    if (tc) {
      out += `toolchain go${tc}\n`;
      features.add('main:toolchain-newer');
    }
  }
  return out;
}
