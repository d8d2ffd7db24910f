// Hand-built module proxies for the go get / go list -m version-query differential test
// (queries.diff.test.ts): modules described by their versions, each version's go.mod extras
// (requirements, retract directives, a "// Deprecated:" comment on the module line) and one
// package, turned into cmd/go/testdata/mod-style txtar archives (scripts/difftest.ts serves
// them as a file:// GOPROXY). Also a seeded random module set over the same vocabulary.
import { escapePath, escapeVersion } from '../module';
import { isPseudoVersion, pseudoVersionTime } from '../pseudo';
import { rng } from '../rng';
import { compare as semverCompare } from '../semver';

export interface VersionSpec {
  version: string;
  /** Lines added to go.mod after the go line (require/retract blocks). */
  extra?: string;
  /** "// Deprecated: ..." comment on the module line (several lines: a comment block above it). */
  deprecated?: string;
  /** The module line's path when it differs from the module's (a go.mod declaring another path). */
  declares?: string;
  /** The go line (default 1.16). */
  go?: string;
  /** Extra files of the module (name → content). */
  files?: Record<string, string>;
}

export interface ModSpec {
  path: string;
  /** +incompatible-style module: its zips have no go.mod (the proxy serves "module path"). */
  noGoMod?: boolean;
  versions: VersionSpec[];
}

const pkgName = (path: string) => path.split('/').pop()!.replace(/[^a-z0-9]/g, '') || 'p';

/** The go.mod text of one version. */
export function goModText(m: ModSpec, v: VersionSpec): string {
  if (m.noGoMod) return `module ${m.path}\n`;
  const d = v.deprecated;
  const multi = d !== undefined && d.includes('\n');
  const dep = d !== undefined && !multi ? ` // Deprecated: ${d}` : '';
  const above = multi ? ('Deprecated: ' + d).split('\n').map((l) => `// ${l}`.trimEnd() + '\n').join('') : '';
  return `${above}module ${v.declares ?? m.path}${dep}\n\ngo ${v.go ?? '1.16'}\n${v.extra ? '\n' + v.extra + (v.extra.endsWith('\n') ? '' : '\n') : ''}`;
}

function commitTime(version: string, i: number): string {
  if (isPseudoVersion(version)) return pseudoVersionTime(version).toISOString().replace('.000Z', 'Z');
  return new Date(Date.UTC(2020, 0, 1 + i)).toISOString().replace('.000Z', 'Z');
}

/** txtar archives (file name, text) for the modules, named as cmd/go/testdata/mod names them. */
export function archives(mods: ModSpec[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of mods) {
    m.versions.forEach((v, i) => {
      const mod = goModText(m, v);
      let text = `-- .mod --\n${mod}-- .info --\n${JSON.stringify({ Version: v.version, Time: commitTime(v.version, i) })}\n`;
      if (!m.noGoMod) text += `-- go.mod --\n${mod}`;
      const files = { [`${pkgName(m.path)}.go`]: `package ${pkgName(m.path)}\n`, ...v.files };
      for (const [name, data] of Object.entries(files)) text += `-- ${name} --\n${data}${data.endsWith('\n') ? '' : '\n'}`;
      out.push([`${escapePath(m.path).replaceAll('/', '_')}_${escapeVersion(v.version)}.txt`, text]);
    });
  }
  return out;
}

const RELEASES = ['v0.9.0', 'v1.0.0', 'v1.0.1', 'v1.1.0', 'v1.1.1', 'v1.2.0', 'v1.2.3', 'v1.3.0'];
const PRERELEASES = ['v1.0.0-rc.1', 'v1.2.0-beta', 'v1.4.0-alpha', 'v1.1.2-pre'];
const PSEUDOS = ['v0.0.0-20190101000000-aaaaaaaaaaaa', 'v1.2.4-0.20210301000000-bbbbbbbbbbbb', 'v1.0.1-0.20200601000000-cccccccccccc'];
const RATIONALES = ['', 'bad release', 'security problem', 'published by mistake'];

/**
 * A seeded random module set: `count` modules (example.com/r<seed>x<i>), each with a random
 * set of releases, prereleases and pseudo-versions; a version may require (and import) later
 * modules, retract single versions or ranges (with or without rationale, sometimes itself;
 * usually from the highest tagged version) and carry a deprecation comment.
 */
export function randomModules(seed: number, count = 4): ModSpec[] {
  const r = rng(seed);
  const mods: ModSpec[] = [];
  for (let i = 0; i < count; i++) {
    let vs = [...r.subset(RELEASES, 0.5), ...r.subset(PRERELEASES, 0.3), ...r.subset(PSEUDOS, 0.2)];
    if (vs.length === 0) vs = [r.pick(RELEASES)];
    vs = [...new Set(vs)].sort(semverCompare);
    mods.push({ path: `example.com/r${seed}x${i}`, versions: vs.map((version) => ({ version })) });
  }
  mods.forEach((m, i) => {
    const vs = m.versions.map((v) => v.version);
    const tagged = vs.filter((v) => !isPseudoVersion(v));
    for (const spec of m.versions) {
      // Requirements on later modules (their packages imported by this one's).
      const deps = mods.slice(i + 1).filter(() => r.chance(0.4));
      const lines = deps.map((d) => `require ${d.path} ${r.pick(d.versions).version}`);
      // Retractions, usually in the go.mod of the highest tagged version.
      if (tagged.length > 0 && r.chance(spec.version === tagged[tagged.length - 1] ? 0.75 : 0.15)) {
        for (let k = 1 + r.int(2); k > 0; k--) {
          const why = r.pick(RATIONALES);
          const c = why ? ` // ${why}` : '';
          if (r.chance(0.35)) {
            const [lo, hi] = [r.pick(vs), r.pick(vs)].sort(semverCompare);
            lines.push(`retract [${lo}, ${hi}]${c}`);
          } else {
            lines.push(`retract ${r.chance(0.3) ? spec.version : r.pick(vs)}${c}`);
          }
        }
      }
      if (lines.length) spec.extra = lines.join('\n');
      if (deps.length) spec.files = { [`${pkgName(m.path)}.go`]: `package ${pkgName(m.path)}\n\n${deps.map((d) => `import _ "${d.path}"\n`).join('')}` };
      if (!isPseudoVersion(spec.version) && r.chance(spec.version === tagged[tagged.length - 1] ? 0.3 : 0.05)) {
        spec.deprecated = r.pick(['use example.com/other instead.', 'no longer maintained']);
      }
    }
  });
  return mods;
}
