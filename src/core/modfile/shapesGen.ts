// Seeded main-module go.mod texts in unusual but valid shapes, over a small fixed module universe
// (txtar archives in cmd/go/testdata/mod's format, served as a file:// GOPROXY by the tests):
// comments before, after and inside every kind of line and block, `// indirect` spelled in its
// variants, several require blocks mixed with single lines, empty blocks, duplicated requirements,
// go/toolchain/godebug lines of many versions, exclude/replace/retract single and in blocks, quoted
// paths, CRLF, no trailing newline, tabs and spaces. The main package's imports make some
// requirements direct, some indirect and some unused. Used by shapes.diff.test.ts against real go.
import { rng, type Rng } from '../rng';

interface UMod {
  path: string;
  version: string;
  go: string;
  requires?: string[];
  imports?: string[];
  retract?: string;
}

// The universe: a, d, g, h are leaves, b imports c, i imports j, e is a test-only import, f retracts a
// version, g's newest needs go 1.23.0, p has a pseudo-version, q only a +incompatible version.
const UNIVERSE: UMod[] = [
  { path: 'example.com/a', version: 'v1.0.0', go: '1.16' },
  { path: 'example.com/a', version: 'v1.1.0', go: '1.21', requires: ['example.com/c v1.0.0'] },
  { path: 'example.com/a', version: 'v1.2.0', go: '1.22.0', requires: ['example.com/c v1.1.0'] },
  { path: 'example.com/b', version: 'v1.0.0', go: '1.17', requires: ['example.com/c v1.0.0'], imports: ['example.com/c'] },
  { path: 'example.com/b', version: 'v1.1.0', go: '1.20', requires: ['example.com/c v1.1.0'], imports: ['example.com/c'] },
  { path: 'example.com/c', version: 'v1.0.0', go: '1.16' },
  { path: 'example.com/c', version: 'v1.1.0', go: '1.18' },
  { path: 'example.com/d', version: 'v1.0.0', go: '1.16' },
  { path: 'example.com/d', version: 'v1.1.0', go: '1.21.0', requires: ['example.com/e v0.1.0'] },
  { path: 'example.com/e', version: 'v0.1.0', go: '1.17' },
  { path: 'example.com/e', version: 'v0.2.0', go: '1.17' },
  { path: 'example.com/f', version: 'v1.0.0', go: '1.16' },
  { path: 'example.com/f', version: 'v1.0.1', go: '1.16' },
  { path: 'example.com/f', version: 'v1.1.0', go: '1.19', retract: 'v1.0.1' },
  { path: 'example.com/g', version: 'v1.0.0', go: '1.21' },
  { path: 'example.com/g', version: 'v1.1.0', go: '1.23.0' },
  { path: 'example.com/h', version: 'v0.3.0', go: '1.16' },
  { path: 'example.com/i', version: 'v1.0.0', go: '1.20', requires: ['example.com/j v1.0.0'], imports: ['example.com/j'] },
  { path: 'example.com/j', version: 'v1.0.0', go: '1.17', requires: ['example.com/h v0.3.0'] },
  { path: 'example.com/p', version: 'v0.0.0-20230101000000-abcdefabcdef', go: '1.18' },
  { path: 'example.com/p', version: 'v0.1.0', go: '1.18' },
  { path: 'example.com/q', version: 'v2.0.0+incompatible', go: '' },
];

const pkgOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The universe as (file name, txtar text) pairs for DiffEnv / TxtarProxy. */
export function shapeArchives(): Array<[string, string]> {
  return UNIVERSE.map((m) => {
    // a version without go.mod (+incompatible): the proxy serves a synthesized one
    let mod = m.go === '' ? `module ${m.path}\n` : `module ${m.path}\n\ngo ${m.go}\n`;
    if (m.requires) mod += m.requires.map((r) => `\nrequire ${r}\n`).join('');
    if (m.retract) mod += `\nretract ${m.retract} // broken\n`;
    const imports = (m.imports ?? []).map((i) => `import _ "${i}"\n`).join('');
    const text =
      `-- .mod --\n${mod}-- .info --\n{"Version":"${m.version}","Time":"2023-01-0${1 + (m.version.charCodeAt(3) % 8)}T00:00:00Z"}\n` +
      (m.go === '' ? '' : `-- go.mod --\n${mod}`) +
      `-- ${pkgOf(m.path)}.go --\npackage ${pkgOf(m.path)}\n\n${imports}`;
    return [`${m.path.replaceAll('/', '_')}_${m.version}.txt`, text] as [string, string];
  });
}

const VERSIONS: Record<string, string[]> = {};
for (const m of UNIVERSE) (VERSIONS[m.path] ??= []).push(m.version);
export const SHAPE_MODULES = Object.keys(VERSIONS);

export interface ShapeCase {
  seed: number;
  /** The main module's files: go.mod, main.go, maybe main_test.go and a local replacement. */
  files: Record<string, string>;
  /** go get argument lists to run on this go.mod. */
  gets: string[][];
  /** Flags of one more go mod tidy run (-e, -v, a -go or -compat version, or some of these). */
  tidyFlags: string[];
  features: string[];
}

const GO_LINES = ['1.16', '1.17', '1.20', '1.21', '1.21.0', '1.22.3', '1.23', null, '1.16', '1.21', '1.22.3', '1.23', '1.21rc1', '1.22rc2', '1.23.5', '1.23.0', '1.24'];
const TOOLCHAINS = ['go1.23.5', 'go1.21rc1', 'go1.21.0', 'go1.22.3', 'go1.20', 'go1.23', 'default', 'go1.24.0', 'go1.23.0'];
const GODEBUGS = ['default=go1.21', 'panicnil=1', 'httpmuxgo121=0', 'asynctimerchan=1', 'tlsrsakex=1', 'panicnil=0 // again', 'default=go1.24', 'nosuchkey=1', 'default=go1.16'];
const INDIRECT = [' // indirect', ' //indirect', ' // indirect; note', ' // note // indirect', '// indirect', ' //  indirect  ', ' // indirect comment'];
const EOL = [' // note', ' //', '// x', ' // keep this', ' // ünïcødé ✓'];

/** A line's tokens joined by one of the spacing styles. */
function sp(r: Rng, toks: string[]): string {
  const gap = r.pick([' ', ' ', ' ', '\t', '  ', ' \t']);
  return toks.join(gap);
}

function quote(r: Rng, path: string): string {
  return r.chance(0.12) ? `"${path}"` : path;
}

function comment(r: Rng): string {
  return r.pick(['// comment', '//c', '// a longer comment here', '//\tindented', '// indirect', '// ünïcødé ✓']);
}

/** One statement: a verb with its argument lines, printed as a single line or a block. */
interface Stmt {
  verb: string;
  lines: string[];
  /** May be printed as a block (and an empty block when lines is empty). */
  blockable: boolean;
}

function render(r: Rng, stmts: Stmt[], features: Set<string>): string {
  const out: string[] = [];
  const maybeComment = (indent = '') => {
    if (r.chance(0.2)) {
      out.push(indent + comment(r));
      features.add('comment lines');
    }
  };
  const blank = () => {
    if (r.chance(0.6)) out.push(r.chance(0.1) ? r.pick([' ', '\t', ' \t ']) : '');
    if (r.chance(0.08)) out.push('');
  };
  for (const s of stmts) {
    maybeComment();
    const asBlock = s.blockable && (s.lines.length !== 1 || r.chance(0.25));
    if (!asBlock) {
      for (const l of s.lines) out.push(sp(r, [s.verb, l]));
      if (s.lines.length === 0) {
        out.push(`${s.verb} ()`);
        features.add('empty block');
      }
    } else {
      features.add(`${s.verb} block`);
      const open = r.pick([`${s.verb} (`, `${s.verb} (`, `${s.verb}\t(`, `${s.verb} ( // opening`, `${s.verb} ( // indirect`]);
      out.push(open);
      const indent = r.pick(['\t', '\t', '    ', '  ', '']);
      if (indent !== '\t') features.add('block indent without tab');
      for (const l of s.lines) {
        maybeComment(indent);
        out.push(indent + l + (r.chance(0.06) ? r.pick([' ', '\t', '  ']) : ''));
        if (r.chance(0.1)) out.push('');
      }
      maybeComment(indent);
      out.push(r.pick([')', ')', ') // closing', ')//x']));
    }
    if (r.chance(0.15)) {
      out.push(comment(r));
      features.add('comment after');
    }
    blank();
  }
  return out.join('\n');
}

export function generateShape(seed: number): ShapeCase {
  const r = rng(seed);
  const features = new Set<string>();
  const stmts: Stmt[] = [];

  const modPath = 'example.com/m';
  stmts.push({ verb: 'module', lines: [quote(r, modPath) + (r.chance(0.2) ? ' // main module' : '')], blockable: r.chance(0.05) });
  if (r.chance(0.1)) stmts[0]!.lines[0] = stmts[0]!.lines[0]!.replace(' // main module', '') + ' // Deprecated: use other';

  const goLine = r.pick(GO_LINES);
  const goStmt = goLine ? [{ verb: 'go', lines: [goLine + (r.chance(0.15) ? ' // language' : '')], blockable: false }] : [];
  if (!goLine) features.add('no go line');
  const tc = r.chance(0.4) ? r.pick(TOOLCHAINS.concat(goLine ? ['go' + goLine] : [])) : null;
  if (tc) features.add('toolchain');
  const tcStmt = tc ? [{ verb: 'toolchain', lines: [tc], blockable: false }] : [];
  const dbg = r.chance(0.25) ? r.subset(GODEBUGS, 0.3) : [];
  const dbgStmt = dbg.length > 0 || r.chance(0.05) ? [{ verb: 'godebug', lines: dbg, blockable: true }] : [];
  if (dbgStmt.length) features.add('godebug');

  // requirements: each module maybe, with a version, maybe twice
  const reqs: string[] = [];
  for (const p of SHAPE_MODULES) {
    if (!r.chance(0.55)) continue;
    const n = r.chance(0.12) ? 2 : 1;
    if (n === 2) features.add('duplicate require');
    for (let i = 0; i < n; i++) {
      let l = sp(r, [quote(r, p), r.pick(VERSIONS[p]!)]);
      if (r.chance(0.35)) l += r.pick(INDIRECT);
      else if (r.chance(0.15)) l += r.pick(EOL);
      reqs.push(l);
    }
  }
  const reqStmts: Stmt[] = [];
  const shuffled = r.shuffle(reqs);
  while (shuffled.length > 0) {
    const k = 1 + r.int(Math.min(3, shuffled.length));
    reqStmts.push({ verb: 'require', lines: shuffled.splice(0, k), blockable: true });
  }
  if (r.chance(0.12)) reqStmts.splice(r.int(reqStmts.length + 1), 0, { verb: 'require', lines: [], blockable: true });
  if (reqStmts.length > 1) features.add('several require statements');

  const other: Stmt[] = [];
  const files: Record<string, string> = {};
  if (r.chance(0.25)) {
    const xs = r.subset(['example.com/a v1.1.0', 'example.com/c v1.0.0', 'example.com/e v0.2.0', 'example.com/f v1.0.0'], 0.5);
    if (xs.length > 0 && r.chance(0.2)) xs.push(r.pick(xs));
    other.push({ verb: 'exclude', lines: xs.map((x) => x + (r.chance(0.2) ? ' // bad' : '')), blockable: true });
    features.add('exclude');
  }
  if (r.chance(0.3)) {
    const xs: string[] = [];
    if (r.chance(0.5)) xs.push('example.com/d => example.com/d v1.0.0');
    if (r.chance(0.5)) {
      const dir = r.pick(['./localc', './localc/', '../localc', 'localc']);
      xs.push(`example.com/c${r.chance(0.5) ? ' v1.0.0' : ''} => ${dir}`);
      const at = dir.startsWith('../') ? '../localc' : 'localc';
      files[`${at}/go.mod`] = 'module example.com/c\n\ngo 1.16\n';
      files[`${at}/c.go`] = 'package c\n';
    }
    if (r.chance(0.3)) xs.push('example.com/e v0.1.0 => example.com/e v0.2.0');
    if (r.chance(0.05)) xs.push('example.com/e v0.1.0 => example.com/e v0.1.0');
    if (r.chance(0.1)) xs.push('example.com/h => example.com/h v0.3.0 // pinned');
    other.push({ verb: 'replace', lines: xs, blockable: true });
    features.add('replace');
  }
  if (r.chance(0.2)) {
    const xs = r.subset(['v0.9.0', '[v0.1.0, v0.2.0]', 'v1.9.9 // oops', '[v0.0.1, v0.0.5] // too early'], 0.5);
    other.push({ verb: 'retract', lines: xs, blockable: true });
    features.add('retract');
  }

  // an exclude/replace/retract statement split in two
  for (const st of other.slice()) {
    if (st.lines.length > 1 && r.chance(0.3)) {
      other.push({ verb: st.verb, lines: st.lines.splice(0, 1), blockable: true });
      features.add(`several ${st.verb} statements`);
    }
  }

  // statement order: module first (mostly), the rest shuffled a little
  const rest = [...goStmt, ...tcStmt, ...dbgStmt];
  let body = [...rest, ...reqStmts, ...other];
  if (r.chance(0.3)) {
    body = r.shuffle(body);
    features.add('shuffled statements');
  }
  if (r.chance(0.1)) {
    body.splice(1 + r.int(body.length), 0, stmts[0]!);
    features.add('module line later');
  } else body.unshift(stmts[0]!);
  let text = '';
  if (r.chance(0.2)) {
    text += '// Leading comment\n';
    if (r.chance(0.5)) text += '\n';
    features.add('leading comment');
  }
  text += render(r, body, features);
  if (r.chance(0.15)) {
    text += '\n// trailing comment';
    features.add('trailing comment');
  }
  text = text.replace(/\n+$/, '') + (r.chance(0.15) ? '' : '\n');
  if (!text.endsWith('\n')) features.add('no trailing newline');
  if (r.chance(0.1)) {
    text = '\n'.repeat(1 + r.int(2)) + text;
    features.add('leading blank lines');
  }
  if (r.chance(0.08)) {
    // top-level lines indented
    text = text.replace(/^(?=[a-z/])/gm, () => (r.chance(0.3) ? r.pick([' ', '\t']) : ''));
    features.add('indented top-level lines');
  }
  if (r.chance(0.15)) {
    text = text.replaceAll('\n', '\r\n');
    features.add('CRLF');
  } else if (r.chance(0.06)) {
    text = text.replace(/\n/g, () => (r.chance(0.5) ? '\r\n' : '\n'));
    features.add('mixed line endings');
  }
  files['go.mod'] = text;

  const imports = r.subset(['example.com/a', 'example.com/b', 'example.com/d', 'example.com/f', 'example.com/g', 'example.com/i', 'example.com/p', 'example.com/q'], 0.4);
  files['main.go'] = `package main\n\n${imports.map((i) => `import _ "${i}"\n`).join('')}\nfunc main() {}\n`;
  if (r.chance(0.3)) {
    files['main_test.go'] = 'package main\n\nimport _ "example.com/e"\n';
    features.add('test import');
  }

  const gets: string[][] = [];
  const m1 = r.pick(SHAPE_MODULES);
  gets.push([`${m1}@${r.pick(VERSIONS[m1]!)}`]);
  const m2 = r.pick(SHAPE_MODULES);
  gets.push([`${m2}@none`]);
  const m3 = r.pick(SHAPE_MODULES);
  gets.push(
    r.pick([
      [`${m3}@upgrade`],
      [`${m3}@latest`],
      [`go@${r.pick(['1.16', '1.17', '1.21', '1.22.0', '1.23'])}`],
      ['toolchain@none'],
      [`${m3}@${VERSIONS[m3]![0]}`, `${m2}@latest`],
      ['-u', m3],
      ['-u=patch'],
      ['-t', `${m3}@upgrade`],
      ['example.com/c@v1.0.0'],
    ]),
  );
  const tidyFlags = r.pick([['-e'], ['-v'], ['-v', '-e', '-compat=1.21'], ['-go=1.16'], ['-go=1.17'], ['-go=1.23'], ['-compat=1.20'], ['-compat=1.16'], ['-e', '-go=1.22.3']]);
  return { seed, files, gets, tidyFlags, features: [...features].sort() };
}
