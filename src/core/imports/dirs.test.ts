import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../../scripts/gotool.mjs';
import { candidatePackageDirs, loadScanDir, modulePackages, scanDirDirect, type ScanMode, type SourceFile } from './dirs';
import { anyTags, concreteTags, type Tags } from './match';
import { Gen } from './testgen';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const b64 = (c: Uint8Array | string) => Buffer.from(typeof c === 'string' ? Buffer.from(c, 'utf8') : c).toString('base64');

describe('scanDirDirect vs cmd/go/internal/imports.ScanDir', () => {
  it('agrees on generated package directories', async () => {
    const seed = 2718;
    const g = new Gen(seed);
    const tagSets: Tags[] = [anyTags, concreteTags({ goos: 'linux', goarch: 'amd64', cgo: true }), concreteTags({ goos: 'windows', goarch: 'arm64' })];
    const cases: { files: SourceFile[]; tags: Tags }[] = [];
    for (let i = 0; i < 400; i++) {
      const files = new Map<string, SourceFile>();
      const n = 1 + g.int(5);
      for (let k = 0; k < n; k++) {
        const name = g.fileName();
        if (name === '' || name.includes('/')) continue;
        const data = Buffer.from(g.goFile(), 'utf8');
        files.set(name, { name, content: g.chance(0.2) ? g.mutate(data) : data });
      }
      cases.push({ files: [...files.values()], tags: g.pick(tagSets) });
    }
    const want = await Promise.all(
      cases.map((c) =>
        oracle.call<{ imports: string[]; testImports: string[] }>(
          'imports.scanDir',
          Object.fromEntries(c.files.map((f) => [f.name, b64(f.content)])),
          [...c.tags.set],
          c.tags.goos ?? '',
        ),
      ),
    );
    const diffs: string[] = [];
    cases.forEach((c, i) => {
      const r = scanDirDirect(c.files, c.tags);
      const o = r.error !== undefined ? { err: r.error } : { ok: { imports: r.imports, testImports: r.testImports } };
      const w = want[i].err !== undefined ? { err: want[i].err } : { ok: want[i].ok };
      if (JSON.stringify(o) !== JSON.stringify(w)) diffs.push(`case ${i}: ours ${JSON.stringify(o)} go ${JSON.stringify(w)}`);
    });
    console.log(`scanDir seed=${seed}: ${cases.length} dirs, ${cases.length - diffs.length} identical, ${diffs.length} differing`);
    expect(diffs.slice(0, 5)).toEqual([]);
  });
});

/** A module tree whose files import unique marker paths, for `go mod tidy -e` to report. */
function genModule(g: Gen, id: number): Map<string, string> {
  const files = new Map<string, string>();
  files.set('go.mod', 'module m\n\ngo 1.23\n');
  const elems = ['a', 'b', 'testdata', '_x', '.y', 'vendor', 'sub', 'c_d', 'internal', 'x.go'];
  const dirs = [''];
  for (let i = 0; i < 8; i++) {
    const parent = g.pick(dirs);
    const d = (parent ? parent + '/' : '') + g.pick(elems);
    if (!dirs.includes(d)) dirs.push(d);
  }
  let marker = 0;
  for (const d of dirs) {
    if (d !== '' && g.chance(0.12)) files.set(d + '/go.mod', 'module nested\n\ngo 1.23\n');
    const n = g.int(4);
    for (let k = 0; k < n; k++) {
      const name = g.pick(['a.go', 'b_test.go', 'c_linux.go', 'd_windows_arm64.go', '_e.go', '.f.go', 'g.go', 'h_test.go', 'x.txt', 'c.s']);
      let head = '';
      const lead = g.int(4);
      for (let i = 0; i < lead; i++) head += (g.chance(0.6) ? g.constraintLine() : g.comment()) + g.blank();
      const pkg = name.endsWith('_test.go') && g.chance(0.5) ? 'p_test' : 'p';
      const imps: string[] = [];
      const m = 1 + g.int(3);
      for (let i = 0; i < m; i++) imps.push(`"example.com/zz${id}/m${marker++}"`);
      if (g.chance(0.15)) imps.push('"C"');
      if (g.chance(0.1)) imps.push('"appengine/x"');
      let body = `package ${pkg}\n\nimport (\n${imps.map((s) => '\t' + s + '\n').join('')})\n`;
      if (g.chance(0.1)) body = body.replace('import (', 'import ( junk');
      files.set((d ? d + '/' : '') + name, head + body + g.pick(['', 'func f() {}\n', 'var x = 1\n']));
    }
  }
  return files;
}

describe('module walk + index scan vs go mod tidy -e', () => {
  // Directories with an entry modified within 2 s are read without the module index.
  it.each([
    ['index', -3600],
    ['direct', 3600],
  ] as [ScanMode, number][])('reports exactly the imports of the packages we find (%s)', (mode, mtimeShift) => {
    const seed = 1618;
    const g = new Gen(seed);
    let cases = 0;
    let same = 0;
    const diffs: string[] = [];
    for (let id = 0; id < 8; id++) {
      const files = genModule(g, id);
      const root = mkdtempSync(join(tmpdir(), 'modscope-dirs-'));
      try {
        for (const [p, c] of files) {
          mkdirSync(dirname(join(root, p)), { recursive: true });
          writeFileSync(join(root, p), c);
        }
        const t = Date.now() / 1000 + mtimeShift;
        const stamp = (p: string) => utimesSync(p, t, t);
        for (const p of files.keys()) {
          stamp(join(root, p));
          for (let d = dirname(p); d !== '.'; d = dirname(d)) stamp(join(root, d));
        }
        stamp(root);
        const run = spawnSync(GO, ['mod', 'tidy', '-e'], { cwd: root, env: goEnv({ GOFLAGS: '-mod=mod' }), encoding: 'utf8' });
        const stderr = run.stderr;
        const goMissing = new Set<string>();
        for (const m of stderr.matchAll(/finding module for package (\S+)/g)) goMissing.add(m[1]);
        // Ours: every package of the main module (all tags), imports + test imports.
        const ours = new Set<string>();
        const mine = new Map([...files].filter(([p]) => p !== 'go.mod').map(([p, c]) => [p, c] as [string, string]));
        const pkgs = modulePackages('m', mine, anyTags, { mode });
        const byDir = new Map<string, SourceFile[]>();
        for (const [p, c] of mine) {
          const i = p.lastIndexOf('/');
          const d = i < 0 ? '' : p.slice(0, i);
          byDir.set(d, [...(byDir.get(d) ?? []), { name: p.slice(i + 1), content: c }]);
        }
        for (const d of candidatePackageDirs(files.keys())) {
          const r = loadScanDir(byDir.get(d) ?? [], anyTags, d, mode);
          if (r.error === undefined) for (const p of [...r.imports, ...r.testImports]) if (p.startsWith('example.com/')) ours.add(p);
        }
        cases++;
        const a = [...ours].sort();
        const b = [...goMissing].sort();
        if (JSON.stringify(a) === JSON.stringify(b)) same++;
        else diffs.push(`module ${id} files ${JSON.stringify([...files].filter(([p]) => p.startsWith('c_d/sub')))} (pkgs ${pkgs.join(' ')}): ours ${a.join(' ')} | go ${b.join(' ')}\n${stderr}`);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
    console.log(`tidy walk (${mode}) seed=${seed}: ${cases} module trees, ${same} identical, ${diffs.length} differing`);
    expect(diffs).toEqual([]);
  }, 120_000);
});
