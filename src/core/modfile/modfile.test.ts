// Differential tests of the go.mod/go.work parser, printer and edit operations against
// x/mod/modfile itself (the Go oracle): hand-picked corner cases plus seeded random
// mutations of the go.mod and go.work files in Go 1.23's cmd/go testdata.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../../../scripts/gotool.mjs';
import {
  addComment,
  addExclude,
  addGodebug,
  addGoStmt,
  addModuleStmt,
  addNewRequire,
  addReplace,
  addRequire,
  addRetract,
  addToolchainStmt,
  cleanup,
  dropExclude,
  dropGodebug,
  dropGoStmt,
  dropReplace,
  dropRequire,
  dropRetract,
  dropToolchainStmt,
  setRequire,
  setRequireSeparateIndirect,
  sortBlocks,
} from './edit';
import { format } from './print';
import { modulePath } from './read';
import { autoQuote, mustQuote, parse, parseLax, type File } from './rule';
import { unquote } from './gostr';
import { canonicalVersion, ModuleError } from '../module';
import {
  addNewUse,
  addUse,
  addWorkGodebug,
  addWorkGoStmt,
  addWorkReplace,
  addWorkToolchainStmt,
  cleanupWork,
  dropUse,
  dropWorkGodebug,
  dropWorkGoStmt,
  dropWorkReplace,
  dropWorkToolchainStmt,
  parseWork,
  setUse,
  sortWorkBlocks,
  type WorkFile,
} from './work';

const SEED = Number(process.env.MODFILE_SEED ?? 20230801);

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

interface Dump {
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

function dumpFile(f: File): Dump {
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

function dumpWork(f: WorkFile): Dump {
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

type Reply = { ok?: unknown; err?: string };
function ours(fn: () => unknown): Reply {
  try {
    return { ok: fn() };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

function txtarFiles(text: string): Array<{ name: string; data: string }> {
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

function corpus(): { mods: string[]; works: string[] } {
  const mods = new Set<string>();
  const works = new Set<string>();
  for (const dir of ['cmd/go/testdata/script', 'cmd/go/testdata/mod']) {
    const full = join(GOROOT_SRC, dir);
    for (const f of readdirSync(full).sort()) {
      if (!f.endsWith('.txt')) continue;
      for (const sec of txtarFiles(readFileSync(join(full, f), 'utf8'))) {
        if (/(^|\/)go\.mod$/.test(sec.name) || sec.name.endsWith('.mod')) mods.add(sec.data);
        if (/(^|\/)go\.work$/.test(sec.name)) works.add(sec.data);
      }
    }
  }
  return { mods: [...mods], works: [...works] };
}

const VERSIONS = [
  'v1.2.3', 'v1.2', 'v1', 'v2.0.0', 'v2.0.0+incompatible', 'v1.0.0-pre', 'v1.0.0-pre.1+meta', 'master', 'latest',
  '1.2.3', 'v1.2.3+meta', 'v0.0.0-20200101000000-abcdefabcdef', 'v3.1.0', 'v0.1.0', 'v1.999.999', '"v1.2.3"', '`v1.0.0`',
  'v1.2.3-0.20200101000000-abcdefabcdef', 'v01.2.3', '"v1.2"', 'v1.2.3-', 'none',
];
const GOS = ['1.21', '1.21rc1', '1.21.0', '1.17', '1.16', '1.22.3', '1.2.3.4', '1', 'v1.21', '1.21-foo', '1.21.x', '1.23beta1', '0.1', '1.021', '1.21rc', '1.5'];
const PATHS = [
  'example.com/m', 'example.com/m/v2', 'example.com/m/v3', 'gopkg.in/yaml.v2', 'gopkg.in/check.v1', 'rsc.io/quote',
  'golang.org/x/text', '"example.com/quoted"', 'x', 'a/b/v1', 'a/b/v0', 'example.com/α', '"sp ace"', 'example.com/m/v2.0',
  './local', '../up', '/abs', 'C:\\win', 'a\\b', 'gopkg.in/x.v0', 'gopkg.in/x.v1-unstable',
];
const COMMENTS = [
  '// indirect', '// indirect; foo', '//indirect', '// indirect foo', '// Deprecated: use other', '// Deprecated:',
  '//', '// x // y', '// ', '//\tindirect', '// indirect;', '//\n// Deprecated: two\n// paragraphs\n//\n// more',
];
const LINES = [
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
const NOISE = [
  '(', ')', '()', '( )', '[', ']', ',', '{', '}', '"', '`', '"unterminated', '/*', '/* c */', '\t', '  ', '\r', '\u00a0', '\u2028',
  'é', '\u0001', '\u007f', '\u200b', '"a\\"b"', '"\\x41"', '"\\u00e9"', '"\\q"', '=>', '@', '//c', ' // c', '\n', '\n\n', '\r\n',
  '"\\\n', '\u0085', '\u000b', '\ufeff', '𝔘', 'x//y', 'x/*y',
];

function tokenize(s: string): string[] {
  return s.split(/(\s+)/).filter((x) => x !== '');
}

function mutate(r: Rng, src: string): string {
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

const oracle = new GoOracle();
afterAll(() => oracle.close());

async function compareParse(cases: string[], label: string) {
  const modes: Array<[string, boolean]> = [
    ['strict', true],
    ['lax', false],
  ];
  const replies = await Promise.all(
    cases.flatMap((data) => modes.map(([, strict]) => oracle.call<Dump>('modfile.parse', 'go.mod', data, strict))),
  );
  let i = 0;
  let same = 0;
  let rejected = 0;
  const diffs: unknown[] = [];
  for (const data of cases) {
    for (const [mode, strict] of modes) {
      const want = replies[i++];
      const got = ours(() => dumpFile(strict ? parse('go.mod', data) : parseLax('go.mod', data)));
      if (want.err !== undefined) rejected++;
      if (JSON.stringify(got) === JSON.stringify(want)) same++;
      else if (diffs.length < 5) diffs.push({ mode, data, want, got });
    }
  }
  console.log(`${label}: ${i} parses (${rejected} errors), ${same} identical, ${i - same} differing`);
  expect(diffs).toEqual([]);
}

describe('modfile vs x/mod/modfile', () => {
  const { mods, works } = corpus();

  it('corner cases', async () => {
    await compareParse(
      [
        '',
        '\n',
        'module x',
        'module x\n\n\n\ngo 1.21\n\n\n',
        '// c\nmodule x // s\n// after\n',
        'require (\n\tx v1.0.0 // indirect\n\n\n\t// c\n\ty v1.0.0\n\t// end\n)\n',
        'require x v1.0.0 // indirect; c\nrequire y v1.0.0 //indirect\n',
        'module x\nrequire ()\nrequire ( ) // c\n',
        'module x\nrequire (\n',
        'module x\nrequire (\n) x\n',
        'module x\nrequire "x\n',
        'module x\nrequire "x\\',
        'module x\n/* c */\n',
        'module x\x01\n',
        'module "x y"\nrequire "a b" v1.0.0\n',
        '// Deprecated: old\nmodule x\n',
        'module x // Deprecated: inline\n',
        'module (\n\t// Deprecated: in block\n\tx\n)\n',
        'retract (\n\t// r1\n\tv1.0.0\n\t[v1.1.0, v1.2.0] // r2\n)\n',
        'module x\ngo 1.21\nexclude (\n\tx v1.10.0\n\tx v1.9.0\n\tx v1.9.0\n)\nreplace a => ./a\nreplace a => ./b\n',
        'go 1.21rc1\ntoolchain go1.21rc1\ngodebug (\n\tpanicnil=1\n)\n',
        'module x\r\ngo 1.21\r\n// c\r\nrequire y v1.0.0 // c\r\n',
        'module x\nrequire a v1 // indirect\nrequire b v1.2 // indirect\n',
        'module é\nrequire 𝔘 v1.0.0\n',
      ],
      'corner cases',
    );
  });

  it(`random mutations of testdata go.mod files (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const cases: string[] = [];
    for (let i = 0; i < 3000; i++) cases.push(mutate(r, r.pick(mods)));
    await compareParse(cases, `mutated go.mod (seed ${SEED})`);
  });

  it('go.work files (testdata and mutated)', async () => {
    const r = rng(SEED + 1);
    const cases = [...works];
    for (let i = 0; i < 500; i++) cases.push(mutate(r, r.pick(works)));
    const replies = await Promise.all(cases.map((d) => oracle.call<Dump>('modfile.parseWork', 'go.work', d)));
    let same = 0;
    const diffs: unknown[] = [];
    cases.forEach((data, i) => {
      const got = ours(() => dumpWork(parseWork('go.work', data)));
      if (JSON.stringify(got) === JSON.stringify(replies[i])) same++;
      else if (diffs.length < 5) diffs.push({ data, want: replies[i], got });
    });
    console.log(`go.work: ${cases.length} parses, ${same} identical, ${cases.length - same} differing`);
    expect(diffs).toEqual([]);
  });

  it(`go.work edit sequences (seed ${SEED})`, async () => {
    const r = rng(SEED + 4);
    const good = works.filter((w) => ours(() => parseWork('go.work', w)).err === undefined);
    const dirs = ['./a', './b', '../c', '/abs', './sp ace', '.', './new'];
    type Op = { op: string; args?: string[] };
    const cases: Array<{ data: string; ops: Op[] }> = [];
    for (let i = 0; i < 600; i++) {
      const data = r.pick(good);
      const ops: Op[] = [];
      for (let k = 1 + r.int(5); k > 0; k--) {
        switch (r.int(9)) {
          case 0:
            ops.push(r.int(3) === 0 ? { op: 'dropGoStmt' } : { op: 'addGoStmt', args: [r.pick(GOS)] });
            break;
          case 1:
            ops.push(r.int(3) === 0 ? { op: 'dropToolchainStmt' } : { op: 'addToolchainStmt', args: [r.pick(['go1.22', 'default', '1.22'])] });
            break;
          case 2:
            ops.push(r.int(3) === 0 ? { op: 'dropGodebug', args: ['x'] } : { op: 'addGodebug', args: [r.pick(['x', 'y']), r.pick(['1', '0'])] });
            break;
          case 3:
            ops.push({ op: r.int(2) ? 'addUse' : 'addNewUse', args: [r.pick(dirs), r.pick(['', 'example.com/m'])] });
            break;
          case 4:
            ops.push({ op: 'dropUse', args: [r.pick(dirs)] });
            break;
          case 5: {
            if (ops.length > 0) ops.push({ op: 'cleanup' });
            const set = [...new Set(Array.from({ length: r.int(4) }, () => r.pick(dirs)))];
            ops.push({ op: 'setUse', args: set.flatMap((d) => [d, 'example.com/' + d.length]) });
            break;
          }
          case 6:
            ops.push({ op: 'addReplace', args: [r.pick(['a.org/a', 'b.org/b']), r.int(2) ? '' : 'v1.0.0', r.pick(['./x', 'c.org/c']), r.int(2) ? '' : 'v1.2.0'] });
            break;
          case 7:
            ops.push({ op: 'dropReplace', args: [r.pick(['a.org/a', 'b.org/b']), r.int(2) ? '' : 'v1.0.0'] });
            break;
          case 8:
            ops.push({ op: 'sortBlocks' });
            break;
        }
      }
      if (r.int(4) !== 0) ops.push({ op: 'cleanup' });
      cases.push({ data, ops });
    }
    const replies = await Promise.all(cases.map((c) => oracle.call<{ dump: Dump; errors: string[] }>('modfile.editWork', 'go.work', c.data, c.ops)));
    let same = 0;
    const diffs: unknown[] = [];
    cases.forEach((c, i) => {
      const got = ours(() => {
        const f = parseWork('go.work', c.data);
        const errors = c.ops.map((op) => {
          const a = op.args ?? [];
          try {
            switch (op.op) {
              case 'addGoStmt': addWorkGoStmt(f, a[0]); break;
              case 'dropGoStmt': dropWorkGoStmt(f); break;
              case 'addToolchainStmt': addWorkToolchainStmt(f, a[0]); break;
              case 'dropToolchainStmt': dropWorkToolchainStmt(f); break;
              case 'addGodebug': addWorkGodebug(f, a[0], a[1]); break;
              case 'dropGodebug': dropWorkGodebug(f, a[0]); break;
              case 'addUse': addUse(f, a[0], a[1]); break;
              case 'addNewUse': addNewUse(f, a[0], a[1]); break;
              case 'setUse': {
                const ds = [];
                for (let j = 0; j + 1 < a.length; j += 2) ds.push({ path: a[j], modulePath: a[j + 1] });
                setUse(f, ds);
                break;
              }
              case 'dropUse': dropUse(f, a[0]); break;
              case 'addReplace': addWorkReplace(f, a[0], a[1], a[2], a[3]); break;
              case 'dropReplace': dropWorkReplace(f, a[0], a[1]); break;
              case 'sortBlocks': sortWorkBlocks(f); break;
              case 'cleanup': cleanupWork(f); break;
            }
            return '';
          } catch (e) {
            return (e as Error).message;
          }
        });
        return { dump: dumpWork(f), errors };
      });
      // SetUse adds paths in Go map order, so WorkFile.Use's order is random there.
      const norm = (x: unknown) => {
        const d = (x as { ok?: { dump: Dump } }).ok?.dump;
        if (d?.use && c.ops.some((o) => o.op === 'setUse')) d.use.sort((p, q) => (JSON.stringify(p) < JSON.stringify(q) ? -1 : 1));
        return JSON.stringify(x);
      };
      if (norm(got) === norm(replies[i])) same++;
      else if (diffs.length < 3) diffs.push({ data: c.data, ops: c.ops, want: replies[i], got });
    });
    console.log(`go.work edit sequences (seed ${SEED}): ${cases.length} cases, ${same} identical, ${cases.length - same} differing`);
    expect(diffs).toEqual([]);
  });

  it(`version fixer and retract fixing (seed ${SEED})`, async () => {
    const r = rng(SEED + 5);
    const fixVers = ['latest', 'bad1', 'errx', 'v1.2', 'master', 'v2.0.0', 'v1.0.0'];
    const fix = (path: string, vers: string): string => {
      if (vers === 'latest') return 'v1.9.9';
      if (vers.startsWith('bad')) throw new ModuleError(path, vers, new Error(`unknown revision ${vers}`));
      if (vers.startsWith('err')) throw new Error(`fixer failed for ${path}@${vers}`);
      return canonicalVersion(vers) || vers;
    };
    const cases: string[] = [
      'retract v1.0.0\nmodule m\n',
      'retract v1.0.0\nretract latest\n',
      'module m/v2\nretract [v2.0.0, latest]\nretract bad1\nretract errx\n',
      'module m\nrequire a.org/a latest\nrequire b.org/b bad1\nrequire c.org/c errx\n',
    ];
    for (let i = 0; i < 1000; i++) {
      let t = mutate(r, r.pick(mods));
      t = t.replace(/v\d+\.\d+\.\d+[^\s]*/, () => r.pick(fixVers));
      cases.push(t);
    }
    const modes = [true, false];
    const replies = await Promise.all(cases.flatMap((d) => modes.map((m) => oracle.call<Dump>('modfile.parseFix', 'go.mod', d, m))));
    let i = 0;
    let same = 0;
    const diffs: unknown[] = [];
    for (const data of cases) {
      for (const strict of modes) {
        const want = replies[i++];
        const got = ours(() => dumpFile(strict ? parse('go.mod', data, fix) : parseLax('go.mod', data, fix)));
        if (JSON.stringify(got) === JSON.stringify(want)) same++;
        else if (diffs.length < 5) diffs.push({ strict, data, want, got });
      }
    }
    console.log(`fixer parses (seed ${SEED}): ${i} parses, ${same} identical, ${i - same} differing`);
    expect(diffs).toEqual([]);
  });

  it('ModulePath, AutoQuote and Unquote', async () => {
    const r = rng(SEED + 2);
    const texts = [...mods.slice(0, 200), ...Array.from({ length: 300 }, () => mutate(r, r.pick(mods)))];
    const want = await Promise.all(texts.map((t) => oracle.value<string>('modfile.modulePath', t)));
    expect(texts.map(modulePath)).toEqual(want);
    const strs = [...NOISE, ...PATHS, ...VERSIONS, '', 'a b', 'a//b', 'a/*b', '(', '((', 'x,', 'é', '\u0000', '\u00ad', '\u0378', '\ud83d\ude00'];
    const q = await Promise.all(strs.map((s) => oracle.value<[boolean, string]>('modfile.autoQuote', s)));
    expect(strs.map((s) => [mustQuote(s), autoQuote(s)])).toEqual(q);
    const lits = ['"a"', '"\\x41\\u00e9\\U0001F600"', '"\\101\\a\\b\\f\\n\\r\\t\\v\\\\\\""', "\"\\'\"", '"\\400"', '"\\ud800"', '"a', '``', '`a`', '"\\z"'];
    const u = await Promise.all(lits.map((s) => oracle.call<string>('strconv.unquote', s)));
    expect(lits.map((s) => ours(() => unquote(s)))).toEqual(u.map((x) => (x.err ? { err: 'invalid syntax' } : x)));
  });

  it(`random edit sequences incl. SetRequireSeparateIndirect (seed ${SEED})`, async () => {
    const r = rng(SEED + 3);
    const good: string[] = [];
    for (const m of mods) {
      try {
        parse('go.mod', m);
        good.push(m);
      } catch {
        /* only files go accepts */
      }
    }
    // Layouts that steer SetRequireSeparateIndirect's block choice.
    good.push(
      'module m\n\ngo 1.17\n\nrequire (\n\ta.org/a v1.0.0\n\tb.org/b v1.0.0 // indirect\n)\n',
      'module m\n\ngo 1.17\n\nrequire a.org/a v1.0.0\n',
      'module m\n\ngo 1.17\n\nrequire b.org/b v1.0.0 // indirect\n',
      'module m\n\ngo 1.17\n\n// deps\nrequire (\n\ta.org/a v1.0.0\n)\n\nrequire (\n\tb.org/b v1.0.0 // indirect\n)\n',
      'module m\n\ngo 1.17\n\nrequire (\n\ta.org/a v1.0.0 // pinned\n\tc.org/c v1.0.0\n)\n\nrequire (\n\tb.org/b v1.0.0 // indirect; old\n\td.org/d v1.0.0 // indirect\n)\n',
      'module m\n\ngo 1.17\n\nrequire a.org/a v1.0.0\n\nrequire b.org/b v1.0.0 // indirect\n\nrequire c.org/c v1.0.0\n',
      'module m\n\ngo 1.17\n\nrequire ( // direct\n\ta.org/a v1.0.0\n)\n\nrequire (\n\tb.org/b v1.0.0 // indirect\n\t// trailing\n)\n',
      'module m\n\nrequire (\n\ta.org/a v1.0.0\n\n\tb.org/b v1.0.0 // indirect\n\ta.org/a v1.1.0\n)\n',
      'module m\n\ngo 1.21\n\nexclude a.org/a v1.0.0\n\nreplace a.org/a => ./a\n',
    );
    const extraPaths = ['a.org/a', 'b.org/b', 'c.org/c', 'd.org/d', 'example.com/new', 'example.com/new/v2', 'gopkg.in/n.v3', 'z.org/last', 'a.org/first', 'example.com/sp ace'];
    const vers = ['v1.0.0', 'v1.2.3', 'v2.0.0', 'v2.0.0+incompatible', 'v0.0.0-20200101000000-abcdefabcdef', 'v1.2', 'master', ''];
    type Op = { op: string; args?: string[]; reqs?: Array<{ path: string; version: string; indirect: boolean }> };
    const cases: Array<{ data: string; ops: Op[] }> = [];
    for (let i = 0; i < 1500; i++) {
      const data = r.int(4) === 0 ? good[good.length - 1 - r.int(9)] : r.int(10) === 0 ? r.pick(good) + '\n' + r.pick(LINES.filter((l) => /^(require|exclude|replace|retract)/.test(l))) : r.pick(good);
      let f: File;
      try {
        f = parse('go.mod', data);
      } catch {
        continue;
      }
      const paths = [...new Set([...f.require.map((x) => x.mod.path), ...f.replace.map((x) => x.old.path), ...f.exclude.map((x) => x.mod.path), ...extraPaths])];
      const ops: Op[] = [];
      const nops = 1 + r.int(5);
      for (let k = 0; k < nops; k++) {
        const p = r.pick(paths);
        const v = r.pick(vers);
        switch (r.int(17)) {
          case 0:
          case 1:
          case 2: {
            const reqs = new Map<string, { path: string; version: string; indirect: boolean }>();
            for (const q of f.require) {
              if (r.int(5) === 0) continue;
              reqs.set(q.mod.path, { path: q.mod.path, version: r.int(3) === 0 ? r.pick(vers.slice(0, 5)) : q.mod.version, indirect: r.int(2) === 0 });
            }
            for (let j = r.int(4); j > 0; j--) {
              const np = r.pick(extraPaths);
              if (!reqs.has(np)) reqs.set(np, { path: np, version: r.pick(vers.slice(0, 5)), indirect: r.int(2) === 0 });
            }
            // Go's SetRequire* dereference the Syntax of requirements an earlier Drop* cleared,
            // so a caller must Cleanup in between (Go would panic).
            if (ops.length > 0) ops.push({ op: 'cleanup' });
            ops.push({ op: r.int(4) === 0 ? 'setRequire' : 'setRequireSeparateIndirect', reqs: [...reqs.values()] });
            break;
          }
          case 3:
            ops.push({ op: 'addRequire', args: [p, v || 'v1.0.0'] });
            break;
          case 4:
            ops.push({ op: 'addNewRequire', args: [p, v || 'v1.0.0', String(r.int(2) === 0)] });
            break;
          case 5:
            ops.push({ op: 'dropRequire', args: [p] });
            break;
          case 6:
            ops.push({ op: 'addExclude', args: [p, v] });
            break;
          case 7:
            ops.push({ op: 'dropExclude', args: [p, v] });
            break;
          case 8:
            ops.push({ op: 'addReplace', args: [p, r.int(2) ? '' : v, r.pick(['./local', '../up', 'example.com/fork', 'sp ace/x']), r.int(2) ? '' : 'v1.0.0'] });
            break;
          case 9:
            ops.push({ op: 'dropReplace', args: [p, r.int(2) ? '' : v] });
            break;
          case 10: {
            const lo = r.pick(vers);
            ops.push({ op: 'addRetract', args: [lo, r.int(2) ? lo : r.pick(vers), r.pick(['', 'why', 'two\nlines'])] });
            break;
          }
          case 11:
            ops.push({ op: 'dropRetract', args: f.retract.length > 0 && r.int(2) ? [f.retract[0].low, f.retract[0].high] : [v, v] });
            break;
          case 12:
            ops.push(r.int(3) === 0 ? { op: 'dropGoStmt' } : { op: 'addGoStmt', args: [r.pick(GOS)] });
            break;
          case 13:
            ops.push(r.int(3) === 0 ? { op: 'dropToolchainStmt' } : { op: 'addToolchainStmt', args: [r.pick(['go1.22', 'default', 'go1.21rc1', '1.22'])] });
            break;
          case 14:
            ops.push(r.int(3) === 0 ? { op: 'dropGodebug', args: ['x'] } : { op: 'addGodebug', args: [r.pick(['x', 'y', 'panicnil']), r.pick(['1', '0'])] });
            break;
          case 15:
            ops.push(r.int(2) ? { op: 'addModuleStmt', args: [r.pick(['example.com/renamed', 'sp ace'])] } : { op: 'addComment', args: ['// added'] });
            break;
          case 16:
            ops.push({ op: 'sortBlocks' });
            break;
        }
      }
      if (r.int(5) !== 0) ops.push({ op: 'cleanup' });
      cases.push({ data, ops });
    }
    const replies = await Promise.all(cases.map((c) => oracle.call<{ dump: Dump; errors: string[] }>('modfile.edit', 'go.mod', c.data, c.ops)));
    let same = 0;
    const diffs: unknown[] = [];
    cases.forEach((c, i) => {
      const got = ours(() => {
        const f = parse('go.mod', c.data);
        const errors = c.ops.map((op) => {
          const a = op.args ?? [];
          try {
            switch (op.op) {
              case 'addModuleStmt': addModuleStmt(f, a[0]); break;
              case 'addGoStmt': addGoStmt(f, a[0]); break;
              case 'dropGoStmt': dropGoStmt(f); break;
              case 'addToolchainStmt': addToolchainStmt(f, a[0]); break;
              case 'dropToolchainStmt': dropToolchainStmt(f); break;
              case 'addGodebug': addGodebug(f, a[0], a[1]); break;
              case 'dropGodebug': dropGodebug(f, a[0]); break;
              case 'addRequire': addRequire(f, a[0], a[1]); break;
              case 'addNewRequire': addNewRequire(f, a[0], a[1], a[2] === 'true'); break;
              case 'dropRequire': dropRequire(f, a[0]); break;
              case 'addExclude': addExclude(f, a[0], a[1]); break;
              case 'dropExclude': dropExclude(f, a[0], a[1]); break;
              case 'addReplace': addReplace(f, a[0], a[1], a[2], a[3]); break;
              case 'dropReplace': dropReplace(f, a[0], a[1]); break;
              case 'addRetract': addRetract(f, { low: a[0], high: a[1] }, a[2]); break;
              case 'dropRetract': dropRetract(f, { low: a[0], high: a[1] }); break;
              case 'addComment': addComment(f, a[0]); break;
              case 'setRequire':
              case 'setRequireSeparateIndirect': {
                const reqs = (op.reqs ?? []).map((q) => ({ mod: { path: q.path, version: q.version }, indirect: q.indirect }));
                if (op.op === 'setRequire') setRequire(f, reqs);
                else setRequireSeparateIndirect(f, reqs);
                break;
              }
              case 'sortBlocks': sortBlocks(f); break;
              case 'cleanup': cleanup(f); break;
            }
            return '';
          } catch (e) {
            return (e as Error).message;
          }
        });
        return { dump: dumpFile(f), errors };
      });
      // Go adds SetRequire's new paths in map order, so File.Require's order is random there.
      const norm = (x: Reply | { ok?: { dump: Dump } }) => {
        const d = (x as { ok?: { dump: Dump } }).ok?.dump;
        if (d && c.ops.some((o) => o.op.startsWith('setRequire'))) d.require.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        return JSON.stringify(x);
      };
      if (norm(got) === norm(replies[i])) same++;
      else if (diffs.length < 3) diffs.push({ data: c.data, ops: c.ops, want: replies[i], got });
    });
    console.log(`edit sequences (seed ${SEED}): ${cases.length} cases, ${same} identical, ${cases.length - same} differing`);
    expect(diffs).toEqual([]);
  });
});
