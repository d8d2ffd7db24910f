// Seeded workspace and vendor repositories over the generated universes (generator.ts): the
// same seed's modules (served by proxyDir.ts) and main module, turned into
//   workspace:  a go.work (go line ≥ 1.18, maybe a toolchain line, `use` of ./main and 1–3 local
//               modules — copies of universe modules at one of their versions, which then
//               shadow the proxy's, or new example.com/local/* modules — sometimes `replace`
//               lines, sometimes a go.work.sum, rarely a `use` of a missing directory or of a
//               second copy of one module), the main module importing the local modules'
//               packages and new local modules importing universe packages and each other
//               (their go.mod sometimes with its own replace);
//   vendor:     the main module, after real go's `go mod vendor` (prep), then perhaps perturbed;
//   workvendor: a workspace after real go's `go work vendor`, then perhaps perturbed.
// Perturbations make vendor/modules.txt stale or the go version change sides of 1.14: a
// requirement added to or dropped from go.mod, a `## explicit` marker dropped, the go line moved,
// a replace added, modules.txt removed, `## workspace` dropped, a package directory under vendor/
// that modules.txt does not list; GOFLAGS=-mod=mod / -mod=vendor / -mod=readonly may be set.
// Everything is drawn from a second generator seeded from the seed, so generateUniverse(seed)
// is the universe the single-module differential uses.
import { compareGo } from '../../src/core/gover';
import { generateUniverse, rng, type Rng, type Universe } from './generator';

export type ScenarioKind = 'workspace' | 'vendor' | 'workvendor';

/** A change made to the prepared tree (after real go's prep commands). */
export type Perturb = (files: Map<string, string>) => void;

export interface Scenario {
  seed: number;
  kind: ScenarioKind;
  universe: Universe;
  /** The work tree before prep: slash paths relative to the repository root. */
  files: Record<string, string>;
  /** Where the main module is ("" = the repository root). */
  mainDir: string;
  /** The workspace's other module directories (where `go mod tidy` runs). */
  moduleDirs: string[];
  /** Commands real go runs, in order, to prepare the tree ([dir, args]); failures are kept. */
  prep: [string, string[]][];
  /** Applied to the tree after prep, in order. */
  perturb: { name: string; apply: Perturb }[];
  /** Extra environment for every compared command (GOFLAGS). */
  env: Record<string, string>;
  whyModule: string;
  features: string[];
}

/** go build links the main package: it needs a func main (the universe's main.go has none). */
const mainFunc = '\nfunc main() {}\n';

const WORK_GO = ['1.18', '1.20', '1.21', '1.21.0', '1.22.0', '1.23.0', '1.23.0'];
const LOCAL_NAMES = ['red', 'green', 'blue', 'cyan'];

function goLineOf(mod: string): string | null {
  return /^go (\S+)$/m.exec(mod)?.[1] ?? null;
}

function goLess(a: string, b: string): boolean {
  return compareGo(a, b) < 0;
}

function maxGo(vs: (string | null)[]): string | null {
  let m: string | null = null;
  for (const v of vs) if (v && (m === null || goLess(m, v))) m = v;
  return m;
}

function pkgDecl(name: string, imports: string[]): string {
  let s = `package ${name}\n`;
  if (imports.length > 0) s += '\nimport (\n' + imports.map((i) => `\t_ "${i}"\n`).join('') + ')\n';
  return s;
}

/** The packages (import paths) of a universe module's version files. */
function packagesOf(path: string, files: { name: string }[]): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    if (!f.name.endsWith('.go') || f.name.endsWith('_test.go') || f.name.endsWith('gen.go')) continue;
    const i = f.name.lastIndexOf('/');
    dirs.add(i < 0 ? path : `${path}/${f.name.slice(0, i)}`);
  }
  return [...dirs].sort();
}

interface Local {
  dir: string;
  path: string;
  files: Record<string, string>;
  pkgs: string[];
  goLine: string | null;
}

function workspaceTree(u: Universe, r: Rng, features: Set<string>): { files: Record<string, string>; locals: Local[]; whyModule: string } {
  const files: Record<string, string> = {};
  for (const f of u.main) files[`main/${f.name}`] = f.data;
  const locals: Local[] = [];
  // Later additions draw from x, so the earlier draws of r (and the seeds they gave) stay.
  const x = rng((u.seed ^ 0x3c6ef372) >>> 0);
  const n = 1 + r.int(3);
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const dir = LOCAL_NAMES[i]!;
    const candidates = u.modules.filter((m) => !used.has(m.path) && m.versions.some((v) => v.files.some((f) => f.name === 'go.mod')));
    if (candidates.length > 0 && r.chance(0.5)) {
      // A copy of a universe module: it shadows the proxy's versions of that path.
      const m = r.pick(candidates);
      used.add(m.path);
      const v = r.pick(m.versions.filter((x) => x.files.some((f) => f.name === 'go.mod')));
      const lf: Record<string, string> = {};
      for (const f of v.files) lf[f.name] = f.data;
      locals.push({ dir, path: m.path, files: lf, pkgs: packagesOf(m.path, v.files), goLine: goLineOf(v.mod) });
      features.add('work:use-copy');
      continue;
    }
    // A new local module importing universe packages and earlier local modules.
    const path = r.chance(0.2) ? `example.com/main/${dir}` : `example.com/local/${dir}`;
    const imports: string[] = [r.pick(['fmt', 'strings', 'os'])];
    const requires: string[] = [];
    for (let k = r.int(3); k > 0 && u.modules.length > 0; k--) {
      const m = r.pick(u.modules);
      const v = r.pick(m.versions);
      const pkgs = packagesOf(m.path, v.files);
      if (pkgs.length === 0) continue;
      imports.push(r.pick(pkgs));
      if (r.chance(0.85) && !requires.some((q) => q.startsWith(m.path + ' '))) requires.push(`${m.path} ${v.version}`);
    }
    for (const l of locals) if (r.chance(0.4) && l.pkgs.length > 0) imports.push(r.pick(l.pkgs));
    const goLine = r.pick([null, '1.17', '1.20', '1.21.0', '1.22.0', '1.23.0']);
    let mod = `module ${path}\n`;
    if (goLine) mod += `\ngo ${goLine}\n`;
    if (requires.length > 0) mod += '\nrequire (\n' + requires.map((q) => `\t${q}\n`).join('') + ')\n';
    if (u.modules.length > 0 && x.chance(0.2)) {
      // A workspace module's own replacement (go.work's win; two different ones conflict).
      const m = x.pick(u.modules);
      mod += `\nreplace ${m.path} => ${m.path} ${x.pick(m.versions).version}\n`;
      features.add('work:module-replace');
    }
    const lf: Record<string, string> = { 'go.mod': mod, [`${dir}.go`]: pkgDecl(dir, [...new Set(imports)]) };
    const pkgs = [path];
    if (r.chance(0.3)) {
      lf['sub/sub.go'] = pkgDecl('sub', [path]);
      pkgs.push(`${path}/sub`);
    }
    locals.push({ dir, path, files: lf, pkgs, goLine });
    features.add('work:use-new');
  }
  // A local module nested inside the main module's directory, sometimes.
  const inside = r.chance(0.15) ? locals.find((l) => l.path.startsWith('example.com/local/')) : undefined;
  if (inside) {
    inside.dir = `main/${inside.dir}`;
    features.add('work:module-inside-main');
  }
  for (const l of locals) for (const [name, data] of Object.entries(l.files)) files[`${l.dir}/${name}`] = data;

  // The main module imports some of the local modules' packages.
  const mainImports: string[] = [];
  for (const l of locals) if (l.pkgs.length > 0 && r.chance(0.75)) mainImports.push(r.pick(l.pkgs));
  files['main/ws.go'] = pkgDecl('main', mainImports) + mainFunc;

  // go.work
  const mainGo = goLineOf(files['main/go.mod'] ?? '');
  const need = maxGo([mainGo, ...locals.map((l) => l.goLine)]);
  let workGo = r.pick(WORK_GO);
  if (need && goLess(workGo, need) && r.chance(0.85)) workGo = need;
  if (goLess(workGo, '1.18')) workGo = '1.18';
  let work = `go ${workGo}\n`;
  if (r.chance(0.15)) {
    const tc = r.pick(['1.21.0', '1.22.0', '1.23.0'].filter((t) => !goLess(t, workGo)));
    if (tc) {
      work += `\ntoolchain go${tc}\n`;
      features.add('work:toolchain');
    }
  }
  const uses = ['./main', ...locals.map((l) => './' + l.dir)];
  const copy = locals.find((l) => !l.path.startsWith('example.com/local/') && !l.path.startsWith('example.com/main/'));
  if (copy && x.chance(0.04)) {
    // The same module path twice in the workspace.
    for (const [name, data] of Object.entries(copy.files)) files[`dup/${name}`] = data;
    uses.push('./dup');
    features.add('work:duplicate-module');
  }
  if (r.chance(0.03)) {
    uses.push('./missing');
    features.add('work:use-missing-dir');
  }
  work += uses.length === 1 ? `\nuse ${uses[0]}\n` : '\nuse (\n' + uses.map((d) => `\t${d}\n`).join('') + ')\n';
  const replaceable = u.modules.filter((m) => m.versions.length >= 2 && !locals.some((l) => l.path === m.path));
  if (replaceable.length > 0 && r.chance(0.25)) {
    const m = r.pick(replaceable);
    const [a, b] = r.shuffle(m.versions).slice(0, 2);
    work += r.chance(0.5) ? `\nreplace ${m.path} ${a!.version} => ${m.path} ${b!.version}\n` : `\nreplace ${m.path} => ${m.path} ${b!.version}\n`;
    features.add('work:replace-version');
  } else if (replaceable.length > 0 && r.chance(0.1)) {
    const m = r.pick(replaceable);
    const v = m.versions.at(-1)!;
    for (const f of v.files) files[`third/${f.name}`] = f.data;
    if (!v.files.some((f) => f.name === 'go.mod')) files['third/go.mod'] = `module ${m.path}\n`;
    work += `\nreplace ${m.path} => ./third\n`;
    features.add('work:replace-dir');
  }
  files['go.work'] = work;
  features.add(`work:go ${workGo}`);
  features.add(`work:uses ${uses.length}`);
  const whyModule = r.chance(0.7) ? u.whyModule : r.pick(locals).path;
  return { files, locals, whyModule };
}

/** go.mod text edits for perturbations. */
function addRequire(mod: string, line: string): string {
  return mod + `\nrequire ${line}\n`;
}

function dropRequire(mod: string, r: Rng): string {
  const lines = mod.split('\n');
  const reqs: number[] = [];
  let block = '';
  lines.forEach((l, i) => {
    if (/^\w+ \($/.test(l)) block = l.split(' ')[0]!;
    else if (l === ')') block = '';
    else if ((block === 'require' && l.startsWith('\t')) || /^require [^(]/.test(l)) reqs.push(i);
  });
  if (reqs.length === 0) return mod;
  lines.splice(r.pick(reqs), 1);
  return lines.join('\n');
}

function setGoLine(mod: string, v: string | null): string {
  const has = /^go \S+$/m.test(mod);
  if (v === null) return mod.replace(/^go \S+\n/m, '');
  if (has) return mod.replace(/^go \S+$/m, `go ${v}`);
  return mod.replace(/^(module \S+\n)/, `$1\ngo ${v}\n`);
}

function vendorPerturbations(u: Universe, r: Rng, modDir: string, workspace: boolean, features: Set<string>): { name: string; apply: Perturb }[] {
  const out: { name: string; apply: Perturb }[] = [];
  const gomod = modDir === '' ? 'go.mod' : `${modDir}/go.mod`;
  const mt = 'vendor/modules.txt';
  const kinds = r.subset(['add-require', 'drop-require', 'drop-explicit', 'go-version', 'drop-go-line', 'add-replace', 'rm-modules-txt', 'drop-workspace'], 0.18);
  for (const k of kinds) {
    const x = rng(r.int(1 << 30));
    switch (k) {
      case 'add-require': {
        const m = x.pick(u.modules);
        const v = x.pick(m.versions).version;
        out.push({ name: `add-require ${m.path} ${v}`, apply: (f) => f.set(gomod, addRequire(f.get(gomod) ?? '', `${m.path} ${v}`)) });
        break;
      }
      case 'drop-require':
        out.push({ name: 'drop-require', apply: (f) => f.set(gomod, dropRequire(f.get(gomod) ?? '', x)) });
        break;
      case 'drop-explicit':
        out.push({
          name: 'drop-explicit',
          apply: (f) => {
            const t = f.get(mt);
            if (t === undefined) return;
            const lines = t.split('\n');
            const idx = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('## explicit')).map(([, i]) => i);
            if (idx.length === 0) return;
            const i = x.pick(idx);
            const rest = lines[i]!.replace(/^## explicit(; )?/, '');
            if (rest === '') lines.splice(i, 1);
            else lines[i] = '## ' + rest;
            f.set(mt, lines.join('\n'));
          },
        });
        break;
      case 'go-version': {
        const v = x.pick(['1.13', '1.14', '1.16', '1.17', '1.21.0', '1.22.0', '1.23.0']);
        const file = workspace ? 'go.work' : gomod;
        out.push({ name: `go-version ${v} in ${file}`, apply: (f) => f.set(file, setGoLine(f.get(file) ?? '', v)) });
        break;
      }
      case 'drop-go-line':
        if (!workspace) out.push({ name: 'drop-go-line', apply: (f) => f.set(gomod, setGoLine(f.get(gomod) ?? '', null)) });
        break;
      case 'add-replace': {
        const m = x.pick(u.modules);
        const v = x.pick(m.versions).version;
        const file = workspace && x.chance(0.5) ? 'go.work' : gomod;
        out.push({ name: `add-replace ${m.path} in ${file}`, apply: (f) => f.set(file, (f.get(file) ?? '') + `\nreplace ${m.path} => ${m.path} ${v}\n`) });
        break;
      }
      case 'rm-modules-txt':
        out.push({ name: 'rm-modules-txt', apply: (f) => void f.delete(mt) });
        break;
      case 'drop-workspace':
        if (workspace) out.push({ name: 'drop-workspace-line', apply: (f) => f.has(mt) && f.set(mt, f.get(mt)!.replace(/^## workspace\n/, '')) });
        break;
    }
  }
  const y = rng((u.seed ^ 0x1b873593) >>> 0);
  const mods = u.modules.filter((m) => m.versions.some((v) => packagesOf(m.path, v.files).length > 0));
  if (mods.length > 0 && y.chance(0.15)) {
    // A package directory under vendor/ that modules.txt does not list (go 1.23 ignores it).
    const m = y.pick(mods);
    const v = y.pick(m.versions.filter((w) => packagesOf(m.path, w.files).length > 0));
    const pkg = y.pick(packagesOf(m.path, v.files));
    const rel = pkg.slice(m.path.length + 1);
    const goFiles = v.files.filter((f) => f.name.endsWith('.go') && f.name.slice(0, f.name.lastIndexOf('/') + 1) === (rel === '' ? '' : rel + '/'));
    out.push({
      name: `extra-vendored-pkg ${pkg}`,
      apply: (f) => {
        for (const g of goFiles) f.set(`vendor/${pkg}/${g.name.slice(g.name.lastIndexOf('/') + 1)}`, g.data);
      },
    });
  }
  for (const p of out) features.add(`perturb:${p.name.split(' ')[0]}`);
  return out;
}

export function generateScenario(seed: number): Scenario {
  const u = generateUniverse(seed);
  const r = rng((seed * 2654435761) ^ 0x77a1);
  const features = new Set<string>();
  const kind = r.pick(['workspace', 'workspace', 'workspace', 'vendor', 'vendor', 'workvendor'] as const);
  features.add(`kind:${kind}`);
  const env: Record<string, string> = {};
  const flag = r.pick(['', '', '', '', '-mod=mod', '-mod=vendor', '-mod=readonly']);
  if (flag !== '') {
    env.GOFLAGS = flag;
    features.add(`goflags:${flag}`);
  }
  if (kind === 'vendor') {
    const files: Record<string, string> = {};
    for (const f of u.main) files[f.name] = f.data;
    files['run.go'] = 'package main\n' + mainFunc;
    const prep: [string, string[]][] = [];
    if (r.chance(0.5)) {
      prep.push(['', ['mod', 'tidy', '-e']]);
      features.add('prep:tidy');
    }
    prep.push(['', ['mod', 'vendor', '-e']]);
    const perturb = vendorPerturbations(u, r, '', false, features);
    return { seed, kind, universe: u, files, mainDir: '', moduleDirs: [], prep, perturb, env, whyModule: u.whyModule, features: [...features, ...u.features].sort() };
  }
  const { files, locals, whyModule } = workspaceTree(u, r, features);
  const prep: [string, string[]][] = [];
  if (r.chance(0.4)) {
    // Tidy each module on its own first (GOWORK=off in prep), so more workspaces load cleanly.
    for (const d of ['main', ...locals.map((l) => l.dir)]) prep.push([d, ['mod', 'tidy', '-e']]);
    features.add('prep:tidy');
  }
  if (r.chance(0.25)) {
    // Move the main module's go.sum into go.work.sum (after prep's tidy, if any).
    features.add('work:go.work.sum');
    prep.push(['', ['#move-sum']]);
  }
  if (rng((seed ^ 0x85ebca6b) >>> 0).chance(0.1)) {
    // The same tree outside workspace mode.
    env.GOWORK = 'off';
    features.add('env:GOWORK=off');
  }
  let perturb: { name: string; apply: Perturb }[] = [];
  if (kind === 'workvendor') {
    prep.push(['', ['work', 'vendor', '-e']]);
    perturb = vendorPerturbations(u, r, 'main', true, features);
  }
  return {
    seed,
    kind,
    universe: u,
    files,
    mainDir: 'main',
    moduleDirs: locals.map((l) => l.dir),
    prep,
    perturb,
    env,
    whyModule,
    features: [...features, ...u.features].sort(),
  };
}
