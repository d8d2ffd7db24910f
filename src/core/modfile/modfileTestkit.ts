// Shared by the modfile differential tests (modfile.test.ts, edit.test.ts): a seeded RNG, the
// dumps compared with the Go oracle's (scripts/oracle/oracle_modfile.go), the testdata corpus
// and the go.mod text mutator. Pure: the test files read Go's testdata (scripts/gotestdata.ts).
import { format } from './print';
import type { File } from './rule';
import type { WorkFile } from './work';

import { rng, type Rng } from '../rng';

export { rng, type Rng };

export interface Dump {
  format: string;
  module: { path: string; deprecated: string } | null;
  go: string;
  toolchain: string;
  godebug: string[][];
  require: Array<{ path: string; version: string; indirect: boolean }>;
  exclude: string[][];
  replace: string[][];
  retract: string[][];
  use: string[][] | null;
}

export function dumpFile(f: File): Dump {
  return {
    format: format(f.syntax),
    module: f.module ? { path: f.module.mod.path, deprecated: f.module.deprecated } : null,
    go: f.go?.version ?? '',
    toolchain: f.toolchain?.name ?? '',
    godebug: f.godebug.map((g) => [g.key, g.value]),
    require: f.require.map((r) => ({ path: r.mod.path, version: r.mod.version, indirect: r.indirect })),
    exclude: f.exclude.map((x) => [x.mod.path, x.mod.version]),
    replace: f.replace.map((r) => [r.old.path, r.old.version, r.new.path, r.new.version]),
    retract: f.retract.map((r) => [r.low, r.high, r.rationale]),
    use: null,
  };
}

export function dumpWork(f: WorkFile): Dump {
  return {
    format: format(f.syntax),
    module: null,
    go: f.go?.version ?? '',
    toolchain: f.toolchain?.name ?? '',
    godebug: f.godebug.map((g) => [g.key, g.value]),
    require: [],
    exclude: [],
    replace: f.replace.map((r) => [r.old.path, r.old.version, r.new.path, r.new.version]),
    retract: [],
    use: f.use.map((u) => [u.path, u.modulePath]),
  };
}

export type Reply = { ok?: unknown; err?: string };
export function ours(fn: () => unknown): Reply {
  try {
    return { ok: fn() };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

export function txtarFiles(text: string): Array<{ name: string; data: string }> {
  const out: Array<{ name: string; data: string }> = [];
  let cur: { name: string; data: string } | null = null;
  for (const line of text.split(/(?<=\n)/)) {
    const m = /^-- (.*) --\n?$/.exec(line);
    if (m !== null && m[1].trim() !== '') {
      if (cur) out.push(cur);
      cur = { name: m[1].trim(), data: '' };
    } else if (cur) cur.data += line;
  }
  if (cur) out.push(cur);
  return out;
}

/** The txtar files of Go's testdata the corpus comes from (read by the test files). */
export const TESTDATA_DIRS = ['cmd/go/testdata/script', 'cmd/go/testdata/mod'];

/** The distinct go.mod (and .mod) and go.work files in the given txtar archives. */
export function corpus(txtars: readonly string[]): { mods: string[]; works: string[] } {
  const mods = new Set<string>();
  const works = new Set<string>();
  for (const text of txtars) {
    for (const sec of txtarFiles(text)) {
      if (/(^|\/)go\.mod$/.test(sec.name) || sec.name.endsWith('.mod')) mods.add(sec.data);
      if (/(^|\/)go\.work$/.test(sec.name)) works.add(sec.data);
    }
  }
  return { mods: [...mods], works: [...works] };
}

export const VERSIONS = [
  'v1.2.3', 'v1.2', 'v1', 'v2.0.0', 'v2.0.0+incompatible', 'v1.0.0-pre', 'v1.0.0-pre.1+meta', 'master', 'latest',
  '1.2.3', 'v1.2.3+meta', 'v0.0.0-20200101000000-abcdefabcdef', 'v3.1.0', 'v0.1.0', 'v1.999.999', '"v1.2.3"', '`v1.0.0`',
  'v1.2.3-0.20200101000000-abcdefabcdef', 'v01.2.3', '"v1.2"', 'v1.2.3-', 'none',
];
export const GOS = ['1.21', '1.21rc1', '1.21.0', '1.17', '1.16', '1.22.3', '1.2.3.4', '1', 'v1.21', '1.21-foo', '1.21.x', '1.23beta1', '0.1', '1.021', '1.21rc', '1.5'];
export const PATHS = [
  'example.com/m', 'example.com/m/v2', 'example.com/m/v3', 'gopkg.in/yaml.v2', 'gopkg.in/check.v1', 'rsc.io/quote',
  'golang.org/x/text', '"example.com/quoted"', 'x', 'a/b/v1', 'a/b/v0', 'example.com/α', '"sp ace"', 'example.com/m/v2.0',
  './local', '../up', '/abs', 'C:\\win', 'a\\b', 'gopkg.in/x.v0', 'gopkg.in/x.v1-unstable',
];
export const COMMENTS = [
  '// indirect', '// indirect; foo', '//indirect', '// indirect foo', '// Deprecated: use other', '// Deprecated:',
  '//', '// x // y', '// ', '//\tindirect', '// indirect;', '//\n// Deprecated: two\n// paragraphs\n//\n// more',
];
export const LINES = [
  'go 1.21', 'go 1.21rc1', 'go 1.17', 'go 1.22.0', 'toolchain go1.22', 'toolchain default', 'toolchain go1', 'toolchain 1.22',
  'godebug x=y', 'godebug (\n\ta=b\n\tc=d\n)', 'godebug x', 'godebug "x=y"', 'retract [v1.0.0, v1.1.0]', 'retract v1.0.0 // why',
  'retract (\n\t// because\n\tv1.0.1\n\t[v1.2.0, v1.3.0] // bad\n)', 'retract [v1.0.0 v1.1.0]', 'retract v1.0.0 extra',
  'exclude example.com/x v1.0.0', 'exclude (\n\tx v1.1.0\n\tx v1.0.0\n\tx v1.10.0\n)', 'replace a => ./b', 'replace a v1.0.0 => b v1.2.3',
  'replace a => b', 'replace a => b@v1.0.0', 'replace a v1.0.0 => ./b v1.0.0', 'replace a v1 => b v2', 'replace a => "./spa ce"',
  'require (', ')', 'require ()', 'require (\n)', 'module "x"', 'module x // Deprecated: use y', 'module (\n\tx\n)',
  'require x v1.0.0 // indirect', 'require (\n\tx v1.0.0\n\ty v1.1.0 // indirect\n)', 'foo bar', 'use ./x', 'use (\n\t./a\n\t./b\n)',
  'require x/v2 v1.0.0', 'require gopkg.in/yaml.v2 v3.0.0', 'require x v2.0.0', 'exclude x v2.0.0+incompatible', 'module',
  'go', 'go 1.21 1.22', 'require', 'require x', 'replace x v1.0.0 => y', 'replace x/v2 v1.0.0 => ./y', 'block (\n\tx\n)',
  'require x (\n\ty v1.0.0\n)', 'require ( // c\n\tx v1.0.0 // d\n) // e', 'require (\n\t// only comment\n)',
];
export const NOISE = [
  '(', ')', '()', '( )', '[', ']', ',', '{', '}', '"', '`', '"unterminated', '/*', '/* c */', '\t', '  ', '\r', '\u00a0', '\u2028',
  'é', '\u0001', '\u007f', '\u200b', '"a\\"b"', '"\\x41"', '"\\u00e9"', '"\\q"', '=>', '@', '//c', ' // c', '\n', '\n\n', '\r\n',
  '"\\\n', '\u0085', '\u000b', '\ufeff', '𝔘', 'x//y', 'x/*y',
];

export function tokenize(s: string): string[] {
  return s.split(/(\s+)/).filter((x) => x !== '');
}

export function mutate(r: Rng, src: string): string {
  let s = src;
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) {
    const lines = s.split('\n');
    const li = r.int(lines.length);
    switch (r.int(13)) {
      case 0: {
        const t = tokenize(lines[li]);
        if (t.length > 0) t.splice(r.int(t.length), 1);
        lines[li] = t.join('');
        break;
      }
      case 1: {
        const t = tokenize(lines[li]);
        if (t.length > 0) {
          const i = r.int(t.length);
          t.splice(i, 0, t[i], ' ');
        }
        lines[li] = t.join('');
        break;
      }
      case 2:
        if (r.int(2) === 0) lines.splice(li, 0, r.pick(COMMENTS));
        else lines[li] += ' ' + r.pick(COMMENTS);
        break;
      case 3:
        lines.splice(li, 0, ...Array(1 + r.int(3)).fill(r.pick(['', '\t', ' '])));
        break;
      case 4: {
        const pos = r.int(lines[li].length + 1);
        lines[li] = lines[li].slice(0, pos) + r.pick(NOISE) + lines[li].slice(pos);
        break;
      }
      case 5: {
        const t = tokenize(lines[li]);
        const idx = t.findIndex((x) => /^v?\d/.test(x) || x.startsWith('"v'));
        if (idx >= 0) t[idx] = r.pick(VERSIONS);
        else if (t.length > 0) t[r.int(t.length)] = r.pick(VERSIONS);
        lines[li] = t.join('');
        break;
      }
      case 6: {
        const t = tokenize(lines[li]);
        if (t.length > 0) {
          const i = r.int(t.length);
          if (!/^\s+$/.test(t[i])) t[i] = r.int(3) === 0 ? '`' + t[i] + '`' : JSON.stringify(t[i]);
        }
        lines[li] = t.join('');
        break;
      }
      case 7:
        lines.splice(li, 0, r.pick(LINES));
        break;
      case 8: {
        const lj = r.int(lines.length);
        [lines[li], lines[lj]] = [lines[lj], lines[li]];
        break;
      }
      case 9: {
        const t = tokenize(lines[li]);
        const i = t.findIndex((x) => /\./.test(x) && !/^v?\d/.test(x));
        if (i >= 0) t[i] = r.pick(PATHS);
        lines[li] = t.join('');
        break;
      }
      case 10: {
        const t = tokenize(lines[li]);
        if (t[0] === 'go') t[t.length - 1] = r.pick(GOS);
        else lines.splice(li, 0, 'go ' + r.pick(GOS));
        if (t[0] === 'go') lines[li] = t.join('');
        break;
      }
      case 11:
        return lines.join('\n').slice(0, r.int(s.length + 1));
      case 12:
        lines.splice(li, 1);
        break;
    }
    s = lines.join(r.int(8) === 0 ? '\r\n' : '\n');
  }
  return s;
}
