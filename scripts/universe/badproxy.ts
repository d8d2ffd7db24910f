// Differential runs over small hand-made file:// GOPROXY directories with defects (bad go.mod
// files of dependencies, missing or malformed .info/.mod/.zip files, odd zips), used by
// src/core/modload/baddeps.diff.test.ts. Each (case, command) pair runs with real go and with
// modscope's CLI (in-process, src/cli/main.ts runCommand) on fresh copies of the main module,
// each with a fresh GOMODCACHE; stdout, stderr, exit status, go.mod and go.sum are compared
// after temporary paths are normalised.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFile } from 'node:child_process';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../gotool.mjs';
import { runModscope, type RunOut } from '../../src/cli/compareRuns';
import { utf8Decode } from '../../src/core/gostrings';
import { passedText } from '../../src/core/commands/buildcheck';
import { hash1, hashGoMod } from '../../src/core/dirhash';
import { escapePath, escapeVersion, sortModuleVersions } from '../../src/core/module';
import { writeZip } from '../../src/core/modzip';
import { nodeHasher } from '../../src/io/nodeHasher';
import { fatalChecksumRace, sortProgressRuns } from './differential';

const enc = new TextEncoder();

/** One module version as a file:// proxy serves it; every part can be left out or replaced. */
export interface ProxyMod {
  path: string;
  version: string;
  /** The .mod file (default `module <path>` with go 1.21); null: no .mod file. */
  mod?: string | null;
  /** The .info file (default {"Version":…,"Time":…}); null: no .info file. */
  info?: string | null;
  /** The zip's files, names relative to the module root (default go.mod = .mod, and <elem>.go). */
  files?: Record<string, string>;
  /** The zip's entry prefix (default "<path>@<version>/"). */
  prefix?: string;
  /** null: no .zip file. */
  zip?: null;
  /** The zip's entries as (name, text) pairs in order, under prefix (instead of files). */
  entries?: [string, string][];
  /** The .zip file's bytes as they are (instead of files or entries). */
  zipBytes?: Uint8Array;
  /** Listed in @v/list (default true). */
  listed?: boolean;
  /** The directory under the proxy root (default the escaped path). */
  dir?: string;
}

/** The package name of a module's root package: its last non-/vN path element. */
export function pkgName(path: string): string {
  const elems = path.split('/').filter((e) => !/^v[0-9]+$/.test(e));
  return elems[elems.length - 1]!.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

export function modText(m: ProxyMod): string | null {
  return m.mod === undefined ? `module ${m.path}\n\ngo 1.21\n` : m.mod;
}

export function zipFiles(m: ProxyMod): Record<string, string> {
  if (m.files) return m.files;
  const out: Record<string, string> = {};
  const mod = modText(m);
  if (mod !== null) out['go.mod'] = mod;
  out[`${pkgName(m.path)}.go`] = `package ${pkgName(m.path)}\n`;
  return out;
}

function put(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Writes the proxy protocol files of mods under dir. */
export function writeProxy(dir: string, mods: readonly ProxyMod[], opts: { listExtra?: string; latest?: string } = {}): void {
  const listExtra = opts.listExtra ?? '';
  // the first module's <path>/@latest
  if (opts.latest !== undefined && mods[0]) put(join(dir, mods[0].dir ?? escapePath(mods[0].path), '@latest'), opts.latest);
  const lists = new Map<string, string[]>();
  for (const m of mods) {
    const base = join(dir, m.dir ?? escapePath(m.path), '@v');
    if (!lists.has(base)) lists.set(base, []);
    if (m.listed !== false) lists.get(base)!.push(m.version);
    const ev = escapeVersion(m.version);
    const info = m.info === undefined ? JSON.stringify({ Version: m.version, Time: '2023-01-01T00:00:00Z' }) + '\n' : m.info;
    if (info !== null) put(join(base, `${ev}.info`), info);
    const mod = modText(m);
    if (mod !== null) put(join(base, `${ev}.mod`), mod);
    if (m.zipBytes) put(join(base, `${ev}.zip`), m.zipBytes);
    else if (m.zip !== null) {
      const prefix = m.prefix ?? `${m.path}@${m.version}/`;
      const entries = (m.entries ?? Object.entries(zipFiles(m))).map(([name, text]) => ({ name: prefix + name, data: enc.encode(text) }));
      put(join(base, `${ev}.zip`), writeZip(entries));
    }
  }
  for (const [base, versions] of lists) put(join(base, 'list'), versions.map((v) => v + '\n').join('') + listExtra);
}

/**
 * go.sum text for mods: 'full' has both lines of each module (the zip hash from its intended
 * files), 'mods' only the /go.mod lines, 'bad' ('badmod') is full with the first zip (go.mod)
 * hash altered (the first of module badPath, if given).
 */
export async function goSumFor(mods: readonly ProxyMod[], mode: 'full' | 'mods' | 'bad' | 'badmod', badPath?: string): Promise<string> {
  const lines: { path: string; version: string; hash: string }[] = [];
  for (const m of mods) {
    const mod = modText(m);
    if (mod === null) continue;
    lines.push({ path: m.path, version: m.version + '/go.mod', hash: await hashGoMod(enc.encode(mod), nodeHasher) });
    if (mode === 'mods') continue;
    const files = Object.entries(zipFiles(m)).map(([name, text]) => ({ name: `${m.path}@${m.version}/${name}`, data: enc.encode(text) }));
    lines.push({ path: m.path, version: m.version, hash: await hash1(files, nodeHasher) });
  }
  if (mode === 'bad' || mode === 'badmod') {
    const l = lines.find((x) => x.version.endsWith('/go.mod') === (mode === 'badmod') && (badPath === undefined || x.path === badPath));
    if (l) l.hash = 'h1:' + (l.hash[3] === 'A' ? 'B' : 'A') + l.hash.slice(4);
  }
  return sortModuleVersions(lines)
    .map((l) => `${l.path} ${l.version} ${l.hash}\n`)
    .join('');
}

export interface SideOut extends RunOut {
  gomod: string | null;
  gosum: string | null;
}

/**
 * Real go with its output decoded as modscope carries text (gostrings.utf8Decode: an invalid
 * UTF-8 byte as an escaped byte), so invalid bytes in go's output compare exactly.
 */
function realGoBytes(args: string[], cwd: string, env: Record<string, string>): Promise<RunOut> {
  return new Promise((ok) => {
    execFile(GO as string, args, { cwd, env, encoding: 'buffer', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: utf8Decode(stdout), stderr: utf8Decode(stderr) });
    });
  });
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Milliseconds spent in each side's runs (wall time, overlapping when run in parallel). */
export const sideMs = { go: 0, ms: 0 };

/** One side's main module and module cache under base (created by reset, kept across runs). */
class Side {
  readonly work: string;
  readonly modcache: string;
  constructor(
    readonly name: 'go' | 'ms',
    readonly base: string,
  ) {
    this.work = join(base, 'work');
    this.modcache = join(base, 'modcache');
  }

  reset(files: Record<string, string>): void {
    rmSync(this.base, { recursive: true, force: true });
    this.put(files);
  }

  /** Writes files into the work tree (null: removes the file). */
  put(files: Record<string, string | null>): void {
    mkdirSync(this.work, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      if (text === null) rmSync(join(this.work, name), { force: true });
      else put(join(this.work, name), text);
    }
  }

  async run(args: string[], proxy: string, extraEnv: Record<string, string>, gocache: string): Promise<SideOut> {
    const env = goEnv({
      GOPROXY: 'file://' + proxy,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GOMODCACHE: this.modcache,
      GOPATH: join(this.base, 'gopath'),
      GOCACHE: gocache,
      ...extraEnv,
    }) as Record<string, string>;
    // a GOPROXY list names the case's proxy as PROXY
    if (extraEnv.GOPROXY) env.GOPROXY = extraEnv.GOPROXY.replaceAll('PROXY', 'file://' + proxy);
    const t0 = Date.now();
    const r = this.name === 'go' ? await realGoBytes(args, this.work, env) : await runModscope(args, this.work, env);
    sideMs[this.name] += Date.now() - t0;
    const norm = (s: string) => s.replaceAll(this.modcache, '$GOMODCACHE').replaceAll(this.work, '$WORK').replaceAll(proxy, '$PROXY');
    return {
      code: r.code,
      stdout: norm(r.stdout),
      stderr: sortProgressRuns(norm(r.stderr)),
      gomod: readOrNull(join(this.work, 'go.mod')),
      gosum: readOrNull(join(this.work, 'go.sum')),
    };
  }
}

/** Go's and modscope's outputs made comparable: see runBothSides. */
function reconcile(args: string[], go: SideOut, ms: SideOut, racy: boolean): { go: SideOut; ms: SideOut } {
  if (args[0] === 'build' && go.code === 0) go.stderr += passedText;
  if (racy || fatalChecksumRace(go.stderr)) {
    const drop = (s: string) => s.split('\n').filter((l) => !l.startsWith('go: downloading ')).join('\n');
    go.stderr = drop(go.stderr);
    ms.stderr = drop(ms.stderr);
  }
  return { go, ms };
}

/**
 * Runs args with real go and with modscope, each in its own copy of the main module (files)
 * under root, with its own fresh module cache; the outputs with root's paths normalised. Where
 * go builds (go build exits 0), modscope says its module checks passed instead of compiling.
 */
export async function runBothSides(
  root: string,
  proxy: string,
  files: Record<string, string>,
  args: string[],
  extraEnv: Record<string, string>,
  gocache: string,
): Promise<{ go: SideOut; ms: SideOut }> {
  const sides = [new Side('go', join(root, 'go')), new Side('ms', join(root, 'ms'))];
  for (const s of sides) s.reset(files);
  const [go, ms] = [await sides[0]!.run(args, proxy, extraEnv, gocache), await sides[1]!.run(args, proxy, extraEnv, gocache)];
  return reconcile(args, go, ms, false);
}

/**
 * Runs the command lines in order in one copy of the main module per side, each side keeping
 * its module cache; every command starts from the go.mod and go.sum real go had before it.
 * Once a command ends in go's fatal checksum race (differential.ts: fatalChecksumRace), the
 * caches may hold different zips, so later downloading lines are not compared.
 */
export async function runSequence(
  root: string,
  proxy: string,
  files: Record<string, string>,
  commands: string[][],
  extraEnv: Record<string, string>,
  gocache: string,
): Promise<{ args: string[]; go: SideOut; ms: SideOut }[]> {
  const go = new Side('go', join(root, 'go'));
  const ms = new Side('ms', join(root, 'ms'));
  go.reset(files);
  ms.reset(files);
  const out: { args: string[]; go: SideOut; ms: SideOut }[] = [];
  let racy = false;
  for (const args of commands) {
    const before = { 'go.mod': readOrNull(join(go.work, 'go.mod')), 'go.sum': readOrNull(join(go.work, 'go.sum')) };
    const g = await go.run(args, proxy, extraEnv, gocache);
    ms.put(before);
    const m = await ms.run(args, proxy, extraEnv, gocache);
    out.push({ args, ...reconcile(args, g, m, racy) });
    if (fatalChecksumRace(g.stderr)) racy = true;
  }
  return out;
}

/** The differing fields of two sides, each shown from its first differing line. */
export function sideDiff(go: SideOut, ms: SideOut): string[] {
  const out: string[] = [];
  for (const k of ['code', 'stdout', 'stderr', 'gomod', 'gosum'] as const) {
    if (go[k] === ms[k]) continue;
    if (typeof go[k] !== 'string' || typeof ms[k] !== 'string') {
      out.push(`${k}: go ${JSON.stringify(go[k])} ms ${JSON.stringify(ms[k])}`);
      continue;
    }
    const l1 = (go[k] as string).split('\n');
    const l2 = (ms[k] as string).split('\n');
    const i = l1.findIndex((l, j) => l !== l2[j]);
    const at = i >= 0 ? i : l1.length;
    out.push(`${k} line ${at + 1}:\n    go ${JSON.stringify(l1.slice(Math.max(0, at - 1), at + 3))}\n    ms ${JSON.stringify(l2.slice(Math.max(0, at - 1), at + 3))}`);
  }
  return out;
}
