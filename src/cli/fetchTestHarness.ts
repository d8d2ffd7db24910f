// Test harness for the fetch commands (go mod download / verify, go clean -modcache): builds
// file:// module proxies (from cmd/go's testdata/mod txtar modules and from synthetic
// modules), runs real go and modscope (in-process, through the CLI's runCommand) on identical
// copies of a main module and module cache, and snapshots what each left behind.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapePath, escapeVersion, type ModuleVersion } from '../core/module';
import { utf8Encode } from '../core/gostrings';
import { createModuleZip } from '../core/modzip';
import { TxtarProxy } from '../core/proxyTxtar';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC, goEnv } from '../../scripts/gotool.mjs';
import { runCommand } from './main';

/** Writes the proxy files of testdata/mod modules whose path is (or is below) one of paths. */
export function txtarProxyDir(dir: string, paths: string[]): void {
  const src = join(GOROOT_SRC as string, 'cmd/go/testdata/mod');
  const files = readdirSync(src)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => [f, readFileSync(join(src, f), 'utf8')] as const);
  const p = new TxtarProxy(files);
  const want = new Set(p.modList.map((m) => m.path).filter((x) => paths.some((w) => x === w || x.startsWith(w + '/'))));
  for (const path of want) {
    const ep = escapePath(path);
    const d = join(dir, ep, '@v');
    mkdirSync(d, { recursive: true });
    const l = p.handle(`${ep}/@v/list`);
    if (l.statusCode === 200) writeFileSync(join(d, 'list'), l.body);
    for (const m of p.modList.filter((x) => x.path === path)) {
      const ev = escapeVersion(m.version);
      for (const ext of ['info', 'mod', 'zip']) {
        const r = p.handle(`${ep}/@v/${ev}.${ext}`);
        if (r.statusCode === 200) writeFileSync(join(d, `${ev}.${ext}`), r.body);
      }
    }
  }
}

export interface SynthModule {
  path: string;
  version: string;
  /** go.mod text (also the .mod file). */
  gomod: string;
  /** Other files of the module (go.mod is added). */
  files?: Record<string, string>;
  time?: string;
}

/** Writes synthetic modules into a proxy directory (.info, .mod, .zip and @v/list). */
export function synthProxyDir(dir: string, mods: SynthModule[]): void {
  const lists = new Map<string, string[]>();
  for (const m of mods) {
    const d = join(dir, escapePath(m.path), '@v');
    mkdirSync(d, { recursive: true });
    const ev = escapeVersion(m.version);
    writeFileSync(join(d, ev + '.info'), JSON.stringify({ Version: m.version, Time: m.time ?? '2023-01-02T03:04:05Z' }));
    writeFileSync(join(d, ev + '.mod'), m.gomod);
    const files = Object.entries({ 'go.mod': m.gomod, ...(m.files ?? {}) }).map(([name, text]) => ({ name, data: utf8Encode(text) }));
    writeFileSync(join(d, ev + '.zip'), createModuleZip({ path: m.path, version: m.version }, files));
    lists.set(m.path, [...(lists.get(m.path) ?? []), m.version]);
  }
  for (const [path, vs] of lists) writeFileSync(join(dir, escapePath(path), '@v', 'list'), vs.join('\n') + '\n');
}

/** chmod -R u+w (module caches hold read-only directories). */
export function makeWritable(p: string): void {
  if (!existsSync(p)) return;
  const st = lstatSync(p);
  if (st.isSymbolicLink()) return;
  chmodSync(p, (st.mode & 0o7777) | 0o200);
  if (st.isDirectory()) for (const n of readdirSync(p)) makeWritable(join(p, n));
}

export function removeAll(p: string): void {
  makeWritable(p);
  rmSync(p, { recursive: true, force: true });
}

/** Every file below dir (relative, sorted), without go's leftover "<name><random>.tmp" files. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = join(dir, rel);
    if (!existsSync(abs)) return;
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const r = rel === '' ? ent.name : rel + '/' + ent.name;
      if (ent.isDirectory()) walk(r);
      else if (!/\d+\.tmp$/.test(ent.name)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** The tree with file contents (bytes as latin1 strings, so any difference shows). */
export function snapshotTree(dir: string): Record<string, string> {
  const o: Record<string, string> = {};
  for (const f of listTree(dir)) o[f] = readFileSync(join(dir, f)).toString('latin1');
  return o;
}

export interface Scenario {
  /** Files of the main module directory (relative names; text as gostrings carries it, so U+DC80..U+DCFF are raw bytes); none means "no module here". */
  files: Record<string, string>;
  args: string[];
  /** Directory (relative to the module dir) the command runs in. */
  cwd?: string;
  /** A module cache to start from (copied). */
  baseCache?: string;
  /** Changes made to the cache copy before running (absolute cache dir given). */
  prep?: (cache: string) => void;
  env?: Record<string, string>;
}

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  files: Record<string, string>;
  cache: Record<string, string>;
}

let seq = 0;

/** Runs real go and modscope on identical copies; paths in outputs are made relative ($ROOT). */
export async function runBoth(work: string, proxyURL: string, sc: Scenario): Promise<{ go: Outcome; ours: Outcome }> {
  const n = seq++;
  const out: Outcome[] = [];
  for (const tool of ['go', 'ours'] as const) {
    const root = join(work, `case${n}`, tool);
    const mdir = join(root, 'm');
    const cache = join(root, 'cache');
    mkdirSync(mdir, { recursive: true });
    for (const [name, data] of Object.entries(sc.files)) {
      mkdirSync(join(mdir, name, '..'), { recursive: true });
      writeFileSync(join(mdir, name), utf8Encode(data));
    }
    if (sc.baseCache) cpSync(sc.baseCache, cache, { recursive: true });
    else mkdirSync(cache, { recursive: true });
    sc.prep?.(cache);
    const cwd = join(mdir, sc.cwd ?? '.');
    mkdirSync(cwd, { recursive: true });
    const env: Record<string, string> = goEnv({
      GOPROXY: proxyURL,
      GOMODCACHE: cache,
      GOFLAGS: '-modcacherw',
      GOSUMDB: 'off',
      ...(sc.env ?? {}),
    });
    let r: { stdout: string; stderr: string; exitCode: number };
    if (tool === 'go') {
      const p = spawnSync(GO as string, sc.args, { cwd, env, encoding: 'utf8' });
      r = { stdout: p.stdout, stderr: p.stderr, exitCode: p.status ?? -1 };
    } else {
      let stdout = '';
      let stderr = '';
      const exitCode = await runCommand(sc.args, { cwd, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
      // The bytes our streams stand for, decoded as go's output is (invalid bytes as U+FFFD).
      const asGo = (t: string) => Buffer.from(utf8Encode(t)).toString('utf8');
      r = { stdout: asGo(stdout), stderr: asGo(stderr), exitCode };
    }
    const norm = (s: string) => s.split(root).join('$ROOT');
    out.push({ stdout: norm(r.stdout), stderr: norm(r.stderr), exitCode: r.exitCode, files: snapshotTree(mdir), cache: snapshotTree(cache) });
  }
  return { go: out[0]!, ours: out[1]! };
}

/** Runs real go alone (for filling a base cache). */
export function runGoIn(cwd: string, args: string[], env: Record<string, string>): { stdout: string; stderr: string; exitCode: number } {
  const p = spawnSync(GO as string, args, { cwd, env: goEnv(env), encoding: 'utf8' });
  return { stdout: p.stdout, stderr: p.stderr, exitCode: p.status ?? -1 };
}

/** A module's cache-relative file names. */
export function cacheFile(m: ModuleVersion, suffix: string): string {
  return `cache/download/${escapePath(m.path)}/@v/${escapeVersion(m.version)}.${suffix}`;
}
export function cacheDir(m: ModuleVersion): string {
  return `${escapePath(m.path)}@${escapeVersion(m.version)}`;
}
