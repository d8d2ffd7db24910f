// Toolchain selection and switching vs the real go: GOTOOLCHAIN forms × go.mod/go.work go and
// toolchain lines at start-up, and "requires go >= X; switching to goY" during go get / go mod
// download over a file:// proxy whose golang.org/toolchain version list is drawn at random
// (seeded). The proxy has no toolchain files, so go ends with its own "toolchain not available"
// error where it would download the chosen toolchain, and modscope must say the same.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { synthProxyDir } from './fetchTestHarness';
import { runCommand } from './main';

const work = mkdtempSync(join(tmpdir(), 'modscope-toolchain-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const needs = ['1.22', '1.23.4', '1.24', '1.24.3', '1.25rc2'];
const modName = (v: string) => `ex.com/needgo${v.replace(/\./g, '_')}`;

/** A file:// proxy with the needgo modules and the given golang.org/toolchain versions. */
function proxy(name: string, toolchains: string[]): string {
  const dir = join(work, 'proxy-' + name);
  synthProxyDir(
    dir,
    needs.map((v) => ({ path: modName(v), version: 'v1.0.0', gomod: `module ${modName(v)}\n\ngo ${v}\n`, files: { 'p.go': 'package p\n' } })),
  );
  const tdir = join(dir, 'golang.org', 'toolchain', '@v');
  mkdirSync(tdir, { recursive: true });
  writeFileSync(join(tdir, 'list'), toolchains.map((v) => `v0.0.1-go${v}.linux-amd64\n`).join(''));
  return 'file://' + dir;
}

// mulberry32
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random release history around 1.22..1.26: some patch releases and prereleases per language. */
function randomToolchains(r: () => number): string[] {
  const out: string[] = [];
  for (let minor = 22; minor <= 26; minor++) {
    if (r() < 0.25) continue;
    if (r() < 0.5) out.push(`1.${minor}rc1`);
    if (r() < 0.3) out.push(`1.${minor}rc2`);
    if (r() < 0.3) continue; // prereleases only
    const patches = Math.floor(r() * 4);
    for (let p = 0; p <= patches; p++) out.push(`1.${minor}.${p}`);
  }
  return out;
}

let n = 0;
interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  gomod: string;
}

async function both(files: Record<string, string>, args: string[], env: Record<string, string>): Promise<{ go: Outcome; ours: Outcome }> {
  const out: Outcome[] = [];
  for (const tool of ['go', 'modscope'] as const) {
    const root = join(work, String(n), tool);
    mkdirSync(root, { recursive: true });
    for (const [f, data] of Object.entries(files)) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), data);
    }
    const e = goEnv({ GOMODCACHE: join(work, 'modcache-' + tool), GOPATH: join(work, 'gopath-' + tool), PATH: '/usr/bin:/bin', GOFLAGS: '-modcacherw', ...env });
    let r: { stdout: string; stderr: string; exitCode: number };
    if (tool === 'go') {
      const p = spawnSync(GO, args, { cwd: root, env: e, encoding: 'utf8' });
      r = { stdout: p.stdout, stderr: p.stderr, exitCode: p.status ?? -1 };
    } else {
      let stdout = '';
      let stderr = '';
      const exitCode = await runCommand(args, { cwd: root, env: e, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
      r = { stdout, stderr, exitCode };
    }
    let gomod = '';
    try {
      gomod = readFileSync(join(root, 'go.mod'), 'utf8');
    } catch {
      // no go.mod
    }
    const norm = (s: string) => s.split(root).join('$ROOT').split(join(work, 'gopath-' + tool)).join('$GOPATH');
    out.push({ stdout: norm(r.stdout), stderr: norm(r.stderr), exitCode: r.exitCode, gomod });
  }
  n++;
  return { go: out[0]!, ours: out[1]! };
}

const gotoolchains = ['auto', 'local', 'path', 'go1.22.1', 'go1.22.1+auto', 'go1.24.1+auto', 'go1.24.1+path', 'local+auto', 'garbage', 'go1.22+foo', 'bad+auto', 'go1.23.5'];
const modFiles: Array<[string, Record<string, string>, Record<string, string>?]> = [
  ['go 1.21', { 'go.mod': 'module m\n\ngo 1.21\n' }],
  ['go 1.23.4', { 'go.mod': 'module m\n\ngo 1.23.4\n' }],
  ['go 1.24', { 'go.mod': 'module m\n\ngo 1.24\n' }],
  ['go 1.24.2 toolchain go1.25.1', { 'go.mod': 'module m\n\ngo 1.24.2\n\ntoolchain go1.25.1\n' }],
  ['toolchain default', { 'go.mod': 'module m\n\ngo 1.24\n\ntoolchain default\n' }],
  ['toolchain bogus', { 'go.mod': 'module m\n\ngo 1.21\n\ntoolchain bogus\n' }],
  ['toolchain go1.22', { 'go.mod': 'module m\n\ngo 1.20\n\ntoolchain go1.22\n' }],
  ['go.work go 1.24.1', { 'go.work': 'go 1.24.1\n\nuse .\n', 'go.mod': 'module m\n\ngo 1.21\n' }, { GOWORK: '' }],
  ['no go.mod', { 'x.txt': '' }],
];

describe('start-up toolchain selection vs go (select.go: Select)', () => {
  const url = proxy('startup', ['1.22.0', '1.22.1', '1.24.0', '1.24.1']);
  const cases = gotoolchains.flatMap((tc) => modFiles.map(([name, files, env]) => ({ tc, name, files, env: env ?? {} })));
  it(`${cases.length} cases: GOTOOLCHAIN × go.mod/go.work, go list -m`, async () => {
    let same = 0;
    let execs = 0;
    for (const c of cases) {
      const { go, ours } = await both(c.files, ['list', '-m'], { GOTOOLCHAIN: c.tc, GOPROXY: url, ...c.env });
      expect(ours, `GOTOOLCHAIN=${c.tc} ${c.name}`).toEqual(go);
      same++;
      if (go.stderr.includes('toolchain not available')) execs++;
    }
    expect(same).toBe(cases.length);
    expect(execs).toBeGreaterThan(10); // go picked another toolchain in many cases
  }, 120_000);
});

describe('switching during a command vs go (switch.go: Switcher, NewerToolchain)', () => {
  const seed = 20240611;
  const r = rng(seed);
  const lists = Array.from({ length: 8 }, () => randomToolchains(r));
  const cases: Array<{ list: string[]; url: string; tc: string; args: string[]; inModule: boolean }> = [];
  lists.forEach((list, i) => {
    const url = proxy('list' + i, list);
    for (const v of needs) {
      const tc = ['auto', 'auto', 'go1.21+auto', 'go1.20+auto', 'local', 'go1.22.0', 'path'][Math.floor(r() * 7)]!;
      cases.push({ list, url, tc, args: ['get', `${modName(v)}@v1.0.0`], inModule: true });
      if (r() < 0.5) cases.push({ list, url, tc, args: ['mod', 'download', `${modName(v)}@v1.0.0`], inModule: false });
    }
  });
  it(`${cases.length} cases (seed ${seed}): go get / go mod download of modules needing newer go`, async () => {
    let same = 0;
    let switched = 0;
    for (const c of cases) {
      const files: Record<string, string> = c.inModule ? { 'go.mod': 'module m\n\ngo 1.21\n' } : { 'x.txt': '' };
      const { go, ours } = await both(files, c.args, { GOTOOLCHAIN: c.tc, GOPROXY: c.url, GO111MODULE: 'on' });
      expect(ours, `GOTOOLCHAIN=${c.tc} go ${c.args.join(' ')} with toolchains [${c.list.join(' ')}]`).toEqual(go);
      same++;
      if (/; switching to go/.test(go.stderr)) switched++;
    }
    expect(same).toBe(cases.length);
    expect(switched).toBeGreaterThan(5);
  }, 120_000);
});
