// go.sum line reasons against real go 1.23: for main modules over a synthetic file:// proxy, real
// go's tidied go.sum must have a reason for every line; the lines called "kept for -compat" must
// be exactly those real go drops when run with -compat=<go version> (or, for an explicit
// -compat, keeps only with it); a zip line's "module M provides package P imported by Q" must
// match real `go list -deps -test all` (P's module is M, Q imports P); a go.mod line's "required
// by R" must be an edge of real `go mod graph` (`go mod graph -go=<compat>` for -compat lines).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFetchContext } from '../../cli/context';
import { removeAll, synthProxyDir, type SynthModule } from '../../cli/fetchTestHarness';
import { mainGo, synthMods } from '../commands/modtestfixtures';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../../scripts/gotool.mjs';
import { sumKey, tidySumReasons } from './sumReasons';

// x (go 1.17) → y (go 1.17) → z (go 1.17): pruned graphs stop at y's requirements; go 1.16's
// unpruned graph reads y's and z's go.mod too.
const mods: SynthModule[] = [
  ...synthMods,
  { path: 'ex.com/x', version: 'v1.0.0', gomod: 'module ex.com/x\n\ngo 1.17\n\nrequire ex.com/y v1.0.0\n', files: { 'x.go': 'package x\n' } },
  { path: 'ex.com/y', version: 'v1.0.0', gomod: 'module ex.com/y\n\ngo 1.17\n\nrequire ex.com/z v1.0.0\n', files: { 'y.go': 'package y\n' } },
  { path: 'ex.com/z', version: 'v1.0.0', gomod: 'module ex.com/z\n\ngo 1.17\n', files: { 'z.go': 'package z\n' } },
];

interface Case {
  name: string;
  files: Record<string, string>;
  args?: string[];
}

const cases: Case[] = [
  { name: 'go 1.17, default -compat=1.16 keeps the unpruned graph', files: { 'go.mod': 'module m\n\ngo 1.17\n', 'main.go': mainGo(['ex.com/x']) } },
  { name: 'go 1.17 chain with tests', files: { 'go.mod': 'module m\n\ngo 1.17\n', 'main.go': mainGo(['ex.com/a']), 'main_test.go': 'package main\nimport _ "ex.com/c"\n' } },
  { name: 'go 1.20 -compat=1.16', args: ['-compat=1.16'], files: { 'go.mod': 'module m\n\ngo 1.20\n', 'main.go': mainGo(['ex.com/x', 'ex.com/a']) } },
  { name: 'go 1.22, pruned, test-only import', files: { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': mainGo(['ex.com/amb/x', 'ex.com/x']), 'm_test.go': 'package main\nimport _ "ex.com/t"\n' } },
  { name: 'go 1.16 unpruned', files: { 'go.mod': 'module m\n\ngo 1.16\n', 'main.go': mainGo(['ex.com/a', 'ex.com/x']) } },
  { name: 'go 1.22 stale go.sum, unused requirement', files: { 'go.mod': 'module m\n\ngo 1.22\n\nrequire ex.com/unused v1.0.0\n', 'main.go': mainGo(['ex.com/c']) } },
];

let root: string;
let proxy: string;
let seq = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'modscope-sumreasons-'));
  proxy = join(root, 'proxy');
  synthProxyDir(proxy, mods);
});
afterAll(() => removeAll(root));

function setup(c: Case): { dir: string; env: Record<string, string> } {
  const dir = join(root, `c${seq++}`);
  for (const [n, t] of Object.entries(c.files)) {
    mkdirSync(join(dir, 'm', n, '..'), { recursive: true });
    writeFileSync(join(dir, 'm', n), t);
  }
  mkdirSync(join(dir, 'cache'), { recursive: true });
  const env = goEnv({ GOPROXY: 'file://' + proxy, GOMODCACHE: join(dir, 'cache'), GOFLAGS: '-modcacherw', GOSUMDB: 'off' }) as Record<string, string>;
  return { dir, env };
}

function go(cwd: string, env: Record<string, string>, args: string[]): string {
  const r = spawnSync(GO as string, args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const lines = (t: string) => t.split('\n').filter((l) => l !== '');

describe('go.sum reasons vs real go', () => {
  const counts = { cases: 0, lines: 0, compat: 0, pkgChecked: 0, edgeChecked: 0 };
  for (const c of cases) {
    it(c.name, async () => {
      const { dir, env } = setup(c);
      const m = join(dir, 'm');
      // ours first, on the untouched files (tidy -diff mode writes nothing)
      const cli = cliFetchContext({ cwd: m, env, stdout: () => {}, stderr: () => {} });
      if ('error' in cli) throw new Error(cli.error);
      const ours = await tidySumReasons(cli.ctx, cli.deps, c.args ?? []);
      expect(ours.error).toBeUndefined();
      expect(ours.unexplained).toEqual([]);

      // real go: tidy as asked, and tidy with -compat set to the module's own go version
      const alt = join(dir, 'alt');
      cpSync(m, alt, { recursive: true });
      go(m, env, ['mod', 'tidy', ...(c.args ?? [])]);
      const goVersion = /^go (\S+)/m.exec(readFileSync(join(m, 'go.mod'), 'utf8'))![1]!;
      const sum = existsSync(join(m, 'go.sum')) ? lines(readFileSync(join(m, 'go.sum'), 'utf8')) : [];
      go(alt, env, ['mod', 'tidy', `-compat=${goVersion}`]);
      const sumNoCompat = new Set(existsSync(join(alt, 'go.sum')) ? lines(readFileSync(join(alt, 'go.sum'), 'utf8')) : []);
      const compatByGo = sum.filter((l) => !sumNoCompat.has(l)).map(sumKey).sort();
      // every line has a reason; -compat lines are exactly real go's difference
      for (const l of sum) expect(ours.reasons[sumKey(l)], l).toBeDefined();
      expect(ours.compatOnly.filter((k) => sum.some((l) => sumKey(l) === k))).toEqual(compatByGo);
      for (const k of compatByGo) expect(ours.reasons[k]).toMatch(/^kept for -compat=/);

      // packages, modules and importers as real go lists them
      const listed = go(m, env, ['list', '-e', '-deps', '-test', '-f', '{{.ImportPath}}|{{with .Module}}{{.Path}}@{{.Version}}{{end}}|{{join .Imports ","}}', 'all']);
      const modOf = new Map<string, string>();
      const importers = new Map<string, Set<string>>();
      for (const l of lines(listed)) {
        const [ip = '', mod = '', imps = ''] = l.split('|');
        const p = ip.replace(/ \[.*\]$/, '').replace(/\.test$/, '');
        if (mod) modOf.set(p, mod);
        for (const i of imps.split(',')) if (i) (importers.get(i) ?? importers.set(i, new Set()).get(i)!).add(p.replace(/_test$/, ''));
      }
      const edges = new Set(lines(go(m, env, ['mod', 'graph'])));
      // -compat lines: edges of the graph go <compat> loads, i.e. requirements in R's go.mod
      const requires = (r: string, mv: string) => {
        const [p, v] = mv.split('@');
        const gomod = r === 'the' ? '' : mods.find((x) => `${x.path}@${x.version}` === r)?.gomod ?? '';
        return new RegExp(`(^|\\s)${p!.replace(/\./g, '\\.')} ${v}(\\s|$)`, 'm').test(gomod);
      };
      for (const l of sum) {
        const why = ours.reasons[sumKey(l)]!;
        const p = /module (\S+) provides package (\S+) imported by (\S+?)(?:'s tests)?$/.exec(why);
        if (p) {
          expect(modOf.get(p[2]!), why).toBe(p[1]);
          expect([...(importers.get(p[2]!) ?? [])], why).toContain(p[3]);
          counts.pkgChecked++;
        }
        const r = /\((\S+) is required by (\S+)\)$/.exec(why);
        if (r && r[2] !== 'the') {
          if (why.startsWith('kept for -compat')) expect(requires(r[2]!, r[1]!), why).toBe(true);
          else expect(edges.has(`${r[2]} ${r[1]}`), why).toBe(true);
          counts.edgeChecked++;
        }
      }
      counts.cases++;
      counts.lines += sum.length;
      counts.compat += compatByGo.length;
    }, 60_000);
  }
  afterAll(() => {
    console.log(
      `go.sum reasons: ${counts.cases} cases, ${counts.lines} go.sum lines of real go's tidy all explained; ${counts.compat} kept only for -compat (= real go's tidy minus tidy -compat=<go>); ${counts.pkgChecked} package/importer claims and ${counts.edgeChecked} required-by edges checked against go list / go mod graph`,
    );
  });
});
