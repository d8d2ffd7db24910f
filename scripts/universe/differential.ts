// The differential harness: for each seed, a generated universe is written as a file:// GOPROXY
// and two copies of its main module; real go (Go 1.23) and the modscope CLI (node
// bin/modscope.js) run the same command list in their copy, each with a fresh module cache,
// and stdout, stderr, exit status and the go.mod/go.sum bytes after each command are compared
// byte for byte, with temporary paths normalised. Every command starts from the go.mod and
// go.sum real go had before it; each side keeps its own module cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGo, type GoRun } from '../realgo';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../gotool.mjs';
import { generateUniverse, type Universe } from './generator';
import { goSumText, writeMainModule, writeProxyDir } from './proxyDir';

export interface Command {
  /** Name as in the `implemented` lists, e.g. "mod tidy". */
  name: string;
  args(u: Universe): string[];
}

/** The fixed command list, run in this order in each copy of the main module. */
export const COMMANDS: Command[] = [
  { name: 'mod tidy', args: () => ['mod', 'tidy'] },
  { name: 'mod graph', args: () => ['mod', 'graph'] },
  { name: 'list -m all', args: () => ['list', '-m', 'all'] },
  { name: 'mod why -m', args: (u) => ['mod', 'why', '-m', u.whyModule] },
  { name: 'mod download', args: () => ['mod', 'download'] },
  { name: 'mod verify', args: () => ['mod', 'verify'] },
];

export interface SideResult extends GoRun {
  /** go.mod and go.sum after the command (null when absent). */
  gomod: string | null;
  gosum: string | null;
}

export interface CommandOutcome {
  command: string;
  args: string[];
  go: SideResult;
  /** null when only real go ran (goOnly). */
  modscope: SideResult | null;
  same: boolean;
  /** modscope refused the command as not implemented. */
  unimplemented: boolean;
  /** Which parts differ. */
  diff: (keyof SideResult)[];
}

export interface SeedOutcome {
  seed: number;
  features: string[];
  results: CommandOutcome[];
  ms: number;
}

/** The repository root (this file may run bundled from elsewhere). */
export const repoRoot = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'bin/modscope.js')) || !existsSync(join(d, 'scripts/universe'))) {
    if (dirname(d) === d) throw new Error('differential: repository root not found');
    d = dirname(d);
  }
  return d;
})();

function runModscope(args: string[], cwd: string, env: Record<string, string>): GoRun {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/modscope.js'), ...args], { cwd, env: goEnv(env), encoding: 'utf8' });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', exitCode: r.status ?? -1 };
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * go prints "go: downloading" and "go: finding module for package" lines from parallel workers,
 * so real go orders each run of them differently from one run to the next: compare runs as sets.
 * The two kinds interleave too (resolveMissingImports queries in parallel and each query
 * downloads: seed 1091 gave both orders in 8 runs of real go), so a run mixes them.
 */
export function sortProgressRuns(text: string): string {
  const lines = text.split('\n');
  const kind = (l: string) => (l.startsWith('go: downloading ') || l.startsWith('go: finding module for package ') ? 1 : 0);
  for (let i = 0; i < lines.length; ) {
    const k = kind(lines[i]!);
    let j = i + 1;
    if (k !== 0) while (j < lines.length && kind(lines[j]!) === k) j++;
    if (j - i > 1) lines.splice(i, j - i, ...lines.slice(i, j).sort());
    i = j;
  }
  return lines.join('\n');
}

/**
 * A checksum mismatch is fatal in go (base.Fatalf in modfetch): the process exits while other
 * package-loading goroutines are mid-download, so which "go: downloading" lines precede the
 * error varies from one run of real go to the next (seen on seeds 1024, 1039, 1042). When go
 * ends that way the downloading lines are left out of the stderr comparison; the error text,
 * exit status, go.mod and go.sum are still compared byte for byte. The two module caches then
 * hold different sets of zips, so the later commands of that seed download different
 * complements (seeds 12036, 12066, 12115: go mod why -m after such a go mod tidy downloads a
 * different set from one run of real go to the next): their downloading lines are left out too.
 */
export function fatalChecksumRace(goStderr: string): boolean {
  return goStderr.includes(': checksum mismatch\n') && goStderr.includes('\nSECURITY ERROR\n');
}

function dropDownloading(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('go: downloading '))
    .join('\n');
}

function normaliser(pairs: [string, string][]): (s: string) => string {
  const sorted = pairs.filter(([from]) => from !== '').sort((a, b) => b[0].length - a[0].length);
  return (s) => {
    for (const [from, to] of sorted) s = s.split(from).join(to);
    return s;
  };
}

/** Writes a seed's universe under a fresh temp dir; returns the paths (caller removes root). */
export async function materialise(u: Universe, root: string): Promise<{ proxy: string; sides: Record<'go' | 'modscope', string> }> {
  const proxy = join(root, 'proxy');
  writeProxyDir(u, proxy);
  const sum = await goSumText(u);
  const sides = { go: join(root, 'go'), modscope: join(root, 'modscope') };
  for (const dir of Object.values(sides)) writeMainModule(u, join(dir, 'main'), sum);
  return { proxy, sides };
}

/**
 * Runs every command for one seed with real go, and with modscope those in `compare` (default
 * all): real go always runs the full list so each compared command sees the same state as in a
 * full run. goOnly skips modscope entirely.
 */
export async function runSeed(
  seed: number,
  compare?: readonly string[],
  opts: { keep?: boolean; goOnly?: boolean } = {},
): Promise<SeedOutcome> {
  const start = Date.now();
  const u = generateUniverse(seed);
  const root = mkdtempSync(join(tmpdir(), `modscope-universe-${seed}-`));
  const results: CommandOutcome[] = [];
  // set once a command of this seed ended in the fatal checksum race (see fatalChecksumRace)
  let cachesDiverged = false;
  try {
    const { proxy, sides } = await materialise(u, root);
    const envFor = (side: 'go' | 'modscope') => ({
      GOPROXY: 'file://' + proxy,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GOMODCACHE: join(sides[side], 'modcache'),
      GOPATH: join(sides[side], 'gopath'),
    });
    const norm = {
      go: normaliser([
        [join(sides.go, 'modcache'), '$GOMODCACHE'],
        [join(sides.go, 'main'), '$WORK'],
        [sides.go, '$SIDE'],
        [proxy, '$PROXY'],
        [root, '$ROOT'],
      ]),
      modscope: normaliser([
        [join(sides.modscope, 'modcache'), '$GOMODCACHE'],
        [join(sides.modscope, 'main'), '$WORK'],
        [sides.modscope, '$SIDE'],
        [proxy, '$PROXY'],
        [root, '$ROOT'],
      ]),
    };
    for (const c of COMMANDS) {
      const args = c.args(u);
      const run = (side: 'go' | 'modscope'): SideResult => {
        const cwd = join(sides[side], 'main');
        const r = side === 'go' ? runGo(args, { cwd, env: envFor(side) }) : runModscope(args, cwd, envFor(side));
        const n = norm[side];
        const gomod = readOrNull(join(cwd, 'go.mod'));
        const gosum = readOrNull(join(cwd, 'go.sum'));
        return { stdout: n(r.stdout), stderr: sortProgressRuns(n(r.stderr)), exitCode: r.exitCode, gomod, gosum };
      };
      // Each command starts from the go.mod/go.sum real go had before it, so one command's
      // difference does not spill into the next (the module caches stay separate).
      const goDir = join(sides.go, 'main');
      const before = { gomod: readOrNull(join(goDir, 'go.mod')), gosum: readOrNull(join(goDir, 'go.sum')) };
      const go = run('go');
      if (fatalChecksumRace(go.stderr)) cachesDiverged = true;
      if (opts.goOnly || (compare && !compare.includes(c.name))) {
        if (opts.goOnly) results.push({ command: c.name, args, go, modscope: null, same: false, unimplemented: false, diff: [] });
        continue;
      }
      const msDir = join(sides.modscope, 'main');
      for (const [name, text] of [['go.mod', before.gomod], ['go.sum', before.gosum]] as const) {
        if (text === null) rmSync(join(msDir, name), { force: true });
        else writeFileSync(join(msDir, name), text);
      }
      const ms = run('modscope');
      const racy = cachesDiverged;
      const diff = (['stdout', 'stderr', 'exitCode', 'gomod', 'gosum'] as const).filter((k) =>
        k === 'stderr' && racy ? dropDownloading(go.stderr) !== dropDownloading(ms.stderr) : go[k] !== ms[k],
      );
      results.push({
        command: c.name,
        args,
        go,
        modscope: ms,
        same: diff.length === 0,
        unimplemented: ms.stderr.includes('is not implemented by modscope'),
        diff,
      });
    }
  } finally {
    if (!opts.keep) rmSync(root, { recursive: true, force: true });
  }
  return { seed, features: u.features, results, ms: Date.now() - start };
}

export interface Regression {
  seed: number;
  command: string;
}

export const regressionsFile = join(repoRoot, 'scripts/universe/regressions.json');

export function readRegressions(): Regression[] {
  const text = readOrNull(regressionsFile);
  return text ? (JSON.parse(text) as Regression[]) : [];
}

/** A short human-readable account of one differing command. */
export function describeDiff(o: CommandOutcome): string {
  const lines = [`  go ${o.args.join(' ')}: differs in ${o.diff.join(', ')}`];
  for (const k of o.diff) {
    lines.push(`    go       ${k}: ${JSON.stringify(o.go[k])?.slice(0, 400)}`);
    lines.push(`    modscope ${k}: ${JSON.stringify(o.modscope?.[k])?.slice(0, 400)}`);
  }
  return lines.join('\n');
}
