// Differential tests of `go work init`, `go work use` and `go work edit` against real go 1.23:
// hand-picked corner cases plus seeded random go.work files, module trees and command lines.
// Both run on identical copies of the tree (real go as a process, modscope through the CLI's
// runCommand); stdout, stderr, exit status and every file left (go.work bytes included) are
// compared, with the case directory written as $ROOT.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth } from '../../cli/fetchTestHarness';
import { runCommand } from '../../cli/main';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../../scripts/gotool.mjs';
import { rng } from '../rng';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-workcmds-'));
});
afterAll(() => removeAll(work));

interface Case {
  name: string;
  files: Record<string, string>;
  /** arguments after "go work" */
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}

const mod = (path: string, go: string | null = '1.21') => `module ${path}\n${go === null ? '' : `\ngo ${go}\n`}`;
const ab = { 'a/go.mod': mod('example.com/a', '1.20'), 'b/go.mod': mod('example.com/b', '1.22') };
const W = 'go 1.21\n\nuse (\n\t./a\n\t./b\n)\n';

const cases: Case[] = [
  // go work init
  { name: 'init, empty directory', files: {}, args: ['init'] },
  { name: 'init two modules', files: ab, args: ['init', './a', 'b'] },
  { name: 'init, dot', files: { 'go.mod': mod('example.com/m') }, args: ['init', '.'] },
  { name: 'init, directory without go.mod', files: { 'c/x.go': 'package c\n' }, args: ['init', 'c'] },
  { name: 'init, missing directory', files: {}, args: ['init', 'nope'] },
  { name: 'init, file argument', files: { 'f.txt': 'x' }, args: ['init', 'f.txt'] },
  { name: 'init, go.work exists', files: { 'go.work': 'go 1.20\n' }, args: ['init'] },
  { name: 'init in a workspace subdirectory', files: { 'go.work': 'go 1.20\n', 'sub/x': '' }, cwd: 'sub', args: ['init'] },
  { name: 'init, GOWORK=off', files: { 'go.work': 'go 1.20\n', 'sub/x': '' }, cwd: 'sub', env: { GOWORK: 'off' }, args: ['init'] },
  { name: 'init, GOWORK relative', files: {}, env: { GOWORK: 'x/go.work' }, args: ['init'] },
  { name: 'init, module needs a newer go', files: { 'a/go.mod': mod('example.com/a', '1.99') }, args: ['init', 'a'] },
  { name: 'init, module go.mod invalid', files: { 'a/go.mod': 'module\n' }, args: ['init', 'a'] },
  { name: 'init, module go.mod without module line', files: { 'a/go.mod': 'go 1.20\n' }, args: ['init', 'a'] },
  { name: 'init, go.mod is a directory', files: { 'a/go.mod/x': '' }, args: ['init', 'a'] },
  { name: 'init, parent directory from a subdirectory', files: { 'a/go.mod': mod('example.com/a'), 's/x': '' }, cwd: 's', args: ['init', '../a', '.'] },
  { name: 'init, duplicate arguments', files: ab, args: ['init', 'a', './a', 'a/'] },
  { name: 'init -r (not a flag of init)', files: ab, args: ['init', '-r', 'a'] },
  { name: 'init -h', files: {}, args: ['init', '-h'] },
  { name: 'init -C after the command', files: {}, args: ['init', '-C', 'x'] },
  // go work use
  { name: 'use, no go.work', files: ab, args: ['use', 'a'] },
  { name: 'use adds a module', files: { ...ab, 'go.work': 'go 1.22\n\nuse ./a\n' }, args: ['use', 'b'] },
  { name: 'use, no arguments', files: { ...ab, 'go.work': 'go 1.22\nuse ./a\nuse ./a\n' }, args: ['use'] },
  { name: 'use removes a directory without go.mod', files: { 'a/go.mod': mod('example.com/a'), 'b/x': '', 'go.work': W }, args: ['use', 'b'] },
  { name: 'use, missing entry in go.work', files: { 'a/go.mod': mod('example.com/a'), 'go.work': W }, args: ['use', 'a'] },
  { name: 'use raises the go line', files: { ...ab, 'go.work': 'go 1.18\n' }, args: ['use', 'a', 'b'] },
  { name: 'use raises the go line, toolchain line kept newer', files: { ...ab, 'go.work': 'go 1.18\ntoolchain go1.23.1\n' }, args: ['use', 'b'] },
  { name: 'use raises the go line, old toolchain line', files: { ...ab, 'go.work': 'go 1.21\ntoolchain go1.21.3\n' }, args: ['use', 'b'] },
  { name: 'use, go.work without go line', files: { ...ab, 'go.work': 'use ./a\n' }, args: ['use', 'b'] },
  {
    name: 'use -r walks every directory',
    files: {
      'go.work': 'go 1.22\n',
      'go.mod': mod('example.com/root'),
      'x/go.mod': mod('example.com/x'),
      'x/testdata/go.mod': mod('example.com/td'),
      'x/vendor/v/go.mod': mod('example.com/v'),
      '.hidden/go.mod': mod('example.com/h'),
      '_u/go.mod': mod('example.com/u'),
      'y-z/go.mod': mod('example.com/yz'),
      'y/go.mod': mod('example.com/y'),
    },
    args: ['use', '-r', '.'],
  },
  {
    name: 'use -r drops entries that are gone',
    files: { 'go.work': 'go 1.22\nuse (\n\t./a\n\t./gone\n\t./a/sub\n\t../outside\n)\n', 'a/go.mod': mod('example.com/a'), 'a/sub/x.go': '' },
    args: ['use', '-r', 'a'],
  },
  { name: 'use, quoted paths and comments', files: { ...ab, 'go.work': '// ws\ngo 1.22\n\nuse "./a" // first\n\nuse (\n\t"b" // b\n)\n' }, args: ['use', './a', 'b'] },
  { name: 'use from a subdirectory', files: { ...ab, 'go.work': 'go 1.22\nuse ./a\n' }, cwd: 'a', args: ['use', '../b', '.'] },
  { name: 'use, go.work too new', files: { ...ab, 'go.work': 'go 1.99\n' }, args: ['use', 'a'] },
  { name: 'use, go.work parse error', files: { ...ab, 'go.work': 'go 1.22\nuse\nfoo bar\n' }, args: ['use', 'a'] },
  { name: 'use, GOWORK names a missing file', files: ab, env: { GOWORK: '/nonexistent/go.work' }, args: ['use', 'a'] },
  { name: 'use, module too new', files: { 'a/go.mod': mod('example.com/a', '1.99'), 'go.work': 'go 1.22\n' }, args: ['use', 'a'] },
  { name: 'use, unknown flag', files: { 'go.work': 'go 1.22\n' }, args: ['use', '-x'] },
  { name: 'use -r=false', files: { ...ab, 'go.work': 'go 1.22\n' }, args: ['use', '-r=false', '.'] },
  { name: 'use, a file argument', files: { ...ab, 'go.work': 'go 1.22\n' }, args: ['use', 'a/go.mod'] },
  // go work edit
  { name: 'edit, no flags', files: { 'go.work': W }, args: ['edit'] },
  { name: 'edit -fmt', files: { 'go.work': 'go   1.21\nuse ./a\n\n\nuse ./b\nreplace x => ./y\n' }, args: ['edit', '-fmt'] },
  { name: 'edit -print', files: { 'go.work': W }, args: ['edit', '-print'] },
  { name: 'edit -json', files: { 'go.work': W + 'toolchain go1.22.0\ngodebug x=y\nreplace a.com/x v1.0.0 => ./x\nreplace b.com/y => c.com/z v1.2.3\n' }, args: ['edit', '-json'] },
  { name: 'edit -json, empty file', files: { 'go.work': '' }, args: ['edit', '-json'] },
  { name: 'edit -json -print', files: { 'go.work': W }, args: ['edit', '-json', '-print'] },
  { name: 'edit -go', files: { 'go.work': W }, args: ['edit', '-go=1.22.3'] },
  { name: 'edit -go none', files: { 'go.work': W }, args: ['edit', '-go', 'none'] },
  { name: 'edit -go bad', files: { 'go.work': W }, args: ['edit', '-go=1.x'] },
  { name: 'edit -go adds a line after comments', files: { 'go.work': '// c\n\nuse ./a\n' }, args: ['edit', '-go=1.21', '-toolchain=go1.22.0'] },
  { name: 'edit -toolchain', files: { 'go.work': W }, args: ['edit', '-toolchain=go1.22.1', '-print'] },
  { name: 'edit -toolchain none', files: { 'go.work': W + 'toolchain go1.22.0\n' }, args: ['edit', '-toolchain=none'] },
  { name: 'edit -toolchain bad', files: { 'go.work': W }, args: ['edit', '-toolchain=1.22'] },
  { name: 'edit -godebug', files: { 'go.work': W }, args: ['edit', '-godebug=a=b', '-godebug', 'c=d', '-godebug=a=e'] },
  { name: 'edit -godebug bad', files: { 'go.work': W }, args: ['edit', '-godebug=ab'] },
  { name: 'edit -dropgodebug', files: { 'go.work': W + 'godebug (\n\ta=b\n\tc=d\n)\n' }, args: ['edit', '-dropgodebug=a'] },
  { name: 'edit -use', files: { 'go.work': W }, args: ['edit', '-use=c', '-use=./d', '-use=/abs', '-use=../up', '-use=a'] },
  { name: 'edit -dropuse', files: { 'go.work': W }, args: ['edit', '-dropuse=a', '-dropuse=./b/'] },
  { name: 'edit -replace', files: { 'go.work': W }, args: ['edit', '-replace=x.com/a=./a', '-replace=x.com/b@v1.0.0=y.com/b@v1.1.0', '-replace', 'x.com/c=./c@v1'] },
  { name: 'edit -replace missing =', files: { 'go.work': W }, args: ['edit', '-replace=x.com/a'] },
  { name: 'edit -replace =>', files: { 'go.work': W }, args: ['edit', '-replace=x.com/a=>./a'] },
  { name: 'edit -replace unversioned module', files: { 'go.work': W }, args: ['edit', '-replace=x.com/a=y.com/b'] },
  { name: 'edit -replace bad old path', files: { 'go.work': W }, args: ['edit', '-replace=./a=./b'] },
  { name: 'edit -dropreplace', files: { 'go.work': W + 'replace (\n\tx.com/a => ./a\n\tx.com/a v1.0.0 => ./b\n)\n' }, args: ['edit', '-dropreplace=x.com/a@v1.0.0'] },
  { name: 'edit -dropreplace bad', files: { 'go.work': W }, args: ['edit', '-dropreplace=x.com/a@'] },
  { name: 'edit, file argument', files: { 'other.work': W }, args: ['edit', '-go=1.22', 'other.work'] },
  { name: 'edit, file argument missing', files: {}, args: ['edit', '-fmt', './missing.work'] },
  { name: 'edit, two arguments', files: { 'go.work': W }, args: ['edit', '-fmt', 'a', 'b'] },
  { name: 'edit, no go.work', files: {}, args: ['edit', '-fmt'] },
  { name: 'edit, go.work in a parent', files: { 'go.work': W, 's/x': '' }, cwd: 's', args: ['edit', '-go=1.22'] },
  { name: 'edit, too new go.work is edited', files: { 'go.work': 'go 1.99\n' }, args: ['edit', '-print'] },
  { name: 'edit, parse error', files: { 'go.work': 'go 1.22\nmodule x\n' }, args: ['edit', '-fmt'] },
  { name: 'edit, go.work is a directory', files: { 'go.work/x': '' }, args: ['edit', '-fmt', 'go.work'] },
  { name: 'edit, unknown flag', files: { 'go.work': W }, args: ['edit', '-modfile=x'] },
  { name: 'edit, bad bool', files: { 'go.work': W }, args: ['edit', '-fmt=maybe'] },
  { name: 'edit, missing value', files: { 'go.work': W }, args: ['edit', '-go'] },
  { name: 'edit -h', files: { 'go.work': W }, args: ['edit', '-h'] },
  { name: 'edit, GOFLAGS=-print', files: { 'go.work': W }, env: { GOFLAGS: '-print' }, args: ['edit'] },
  { name: 'edit, GOFLAGS=-godebug=a=b -modcacherw', files: { 'go.work': W }, env: { GOFLAGS: '-godebug=a=b -modcacherw' }, args: ['edit', '-print', '-godebug=c=d'] },
  { name: 'edit, GOFLAGS=-json and -print given', files: { 'go.work': W }, env: { GOFLAGS: '-json' }, args: ['edit', '-print'] },
  { name: 'use, GOFLAGS=-r', files: { ...ab, 'go.work': 'go 1.22\n' }, env: { GOFLAGS: '-r' }, args: ['use', '.'] },
  { name: 'init, GOFLAGS=-modcacherw -mod=mod', files: ab, env: { GOFLAGS: '-modcacherw -mod=mod' }, args: ['init', 'a'] },
  { name: 'edit -C not first', files: { 'go.work': W }, args: ['edit', '-fmt', '-C', 'x'] },
];

// Seeded random go.work files, module trees and command lines (WORKCMDS_SEED / WORKCMDS_CASES
// explore other seeds; the committed run is seed 4127, 90 cases).
const SEED = Number(process.env.WORKCMDS_SEED ?? 4127);
const GENERATED = Number(process.env.WORKCMDS_CASES ?? 90);
const r = rng(SEED);
const DIRS = ['a', 'b', 'c', 'a/sub', 'd/e', 'x y'];
const GOS = ['1.18', '1.20', '1.21', '1.21.0', '1.22', '1.22.3', '1.23.5', '1.24'];
function genWork(): string {
  const lines: string[] = [];
  if (r.chance(0.3)) lines.push('// workspace');
  if (r.chance(0.8)) lines.push(`go ${r.pick(GOS.slice(0, 7))}`);
  if (r.chance(0.3)) lines.push(`toolchain ${r.pick(['go1.21.0', 'go1.22.5', 'go1.23.9', 'default'])}`);
  if (r.chance(0.2)) lines.push(`godebug ${r.pick(['a=1', 'b=2'])}`);
  const uses = r.subset(['./a', 'b', './c', './a/sub', './d/e', '"./x y"', './gone', '../up', './a'], 0.35);
  if (uses.length > 0) {
    if (r.chance(0.5)) lines.push(...uses.map((u) => `use ${u}${r.chance(0.2) ? ' // c' : ''}`));
    else lines.push('use (', ...uses.map((u) => `\t${u}`), ')');
  }
  if (r.chance(0.3)) lines.push(`replace ${r.pick(['x.com/a', 'x.com/b v1.0.0'])} => ${r.pick(['./a', 'y.com/b v1.2.0'])}`);
  return lines.join(r.chance(0.3) ? '\n\n' : '\n') + '\n';
}
function genEditArgs(): string[] {
  const out: string[] = [];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const d = r.pick(['a', './b', 'c', '../up', 'x y', './gone', '/abs/p']);
    out.push(
      r.pick([
        '-fmt',
        '-print',
        '-json',
        `-go=${r.pick([...GOS, 'none', '1.x'])}`,
        `-toolchain=${r.pick(['go1.22.0', 'none', 'default', 'go1.99', '1.2'])}`,
        `-godebug=${r.pick(['a=1', 'b=3', 'bad', 'c="x"'])}`,
        `-dropgodebug=${r.pick(['a', 'b', 'z'])}`,
        `-use=${d}`,
        `-dropuse=${d}`,
        `-replace=${r.pick(['x.com/a', 'x.com/b@v1.0.0', 'x.com/c@'])}=${r.pick(['./a', 'y.com/b@v1.2.0', 'y.com/c', '../z@v1'])}`,
        `-dropreplace=${r.pick(['x.com/a', 'x.com/b@v1.0.0', './a'])}`,
      ]),
    );
  }
  if (!out.some((a) => a === '-print' || a === '-json') && r.chance(0.7)) out.push('-print');
  return ['edit', ...out];
}
for (let i = 0; i < GENERATED; i++) {
  const files: Record<string, string> = {};
  for (const d of r.subset(DIRS, 0.6)) {
    if (r.chance(0.85)) files[`${d}/go.mod`] = r.chance(0.1) ? 'go 1.20\n' : mod(`example.com/${d.replace(/ /g, '')}`, r.chance(0.1) ? null : r.pick(GOS));
    else files[`${d}/f.go`] = 'package p\n';
  }
  const kind = r.pick(['init', 'use', 'use', 'edit', 'edit']);
  if (kind !== 'init' || r.chance(0.2)) files['go.work'] = genWork();
  const cwd = r.chance(0.2) && files['a/go.mod'] !== undefined ? 'a' : undefined;
  let args: string[];
  if (kind === 'edit') args = genEditArgs();
  else {
    const ds = r.subset(['a', './b', 'c', 'a/sub', 'd', 'gone', 'x y', '.', '..'], 0.3);
    args = [kind, ...(kind === 'use' && r.chance(0.3) ? ['-r'] : []), ...ds];
  }
  cases.push({ name: `seed ${SEED} #${i}: ${args.join(' ')}`, files, args, cwd });
}

/** go's messages, each "go: ..." with its continuation lines, sorted. */
const sortedMessages = (t: string) => t.replace(/\n$/, '').split(/\n(?=go: )/).sort();

describe('go work init/use/edit vs real go', () => {
  let same = 0;
  let sameUpToOrder = 0;
  const differing: string[] = [];
  afterAll(() => {
    console.log(
      `go work init/use/edit differential (seed ${SEED}): ${cases.length} cases, ${same} identical, ${sameUpToOrder} identical but for the order of go's error lines, ${differing.length} differing${differing.length ? ': ' + differing.join('; ') : ''}`,
    );
  });
  test.each(cases)('$name', async (c) => {
    const { go, ours } = await runBoth(work, 'off', { files: c.files, args: ['work', ...c.args], cwd: c.cwd, env: { GOWORK: '', GOFLAGS: '', ...(c.env ?? {}) } });
    const view = (o: typeof go) => ({ stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode, files: o.files });
    const exact = JSON.stringify(view(go)) === JSON.stringify(view(ours));
    // go work use reads the used modules' go.mod files in an order that depends on Go's map
    // iteration (use.go: keepDirs), so the order of their errors varies from run to run.
    const reordered = !exact && c.args[0] !== 'edit' && JSON.stringify({ ...view(go), stderr: sortedMessages(go.stderr) }) === JSON.stringify({ ...view(ours), stderr: sortedMessages(ours.stderr) });
    if (exact) same++;
    else if (reordered) sameUpToOrder++;
    else differing.push(c.name);
    if (!reordered) expect(view(ours)).toEqual(view(go));
  });
});

// go work use -r with symbolic links to directories (the harness above snapshots regular trees
// only): not followed, each warned about; compared on two identical trees.
describe('go work use -r and symbolic links vs real go', () => {
  test.each([['use', '-r', '.'], ['use', '-r', 'a'], ['init', 'a', 'link']])('%s %s %s', async (...args) => {
    const out: Array<{ stdout: string; stderr: string; exitCode: number; gowork: string }> = [];
    for (const tool of ['go', 'ours']) {
      const root = join(work, 'symlinks-' + args.join('-'), tool);
      mkdirSync(join(root, 'a', 'sub'), { recursive: true });
      mkdirSync(join(root, 'elsewhere'), { recursive: true });
      if (args[0] === 'use') writeFileSync(join(root, 'go.work'), 'go 1.22\n');
      writeFileSync(join(root, 'a', 'go.mod'), 'module example.com/a\n');
      writeFileSync(join(root, 'elsewhere', 'go.mod'), 'module example.com/e\n');
      symlinkSync('../elsewhere', join(root, 'a', 'link'));
      symlinkSync('a', join(root, 'link'));
      symlinkSync('a/go.mod', join(root, 'filelink'));
      const env = goEnv({ GOWORK: '', GOFLAGS: '' });
      let r: { stdout: string; stderr: string; exitCode: number };
      if (tool === 'go') {
        const p = spawnSync(GO as string, ['work', ...args], { cwd: root, env, encoding: 'utf8' });
        r = { stdout: p.stdout, stderr: p.stderr, exitCode: p.status ?? -1 };
      } else {
        let stdout = '';
        let stderr = '';
        const exitCode = await runCommand(['work', ...args], { cwd: root, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
        r = { stdout, stderr, exitCode };
      }
      const norm = (t: string) => t.split(root).join('$ROOT');
      out.push({ stdout: norm(r.stdout), stderr: norm(r.stderr), exitCode: r.exitCode, gowork: readFileSync(join(root, 'go.work'), 'utf8') });
    }
    expect(out[1]).toEqual(out[0]);
  });
});
