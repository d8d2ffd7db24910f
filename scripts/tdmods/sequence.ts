// Runs a generated main module (scripts/tdmods/generator.ts) through a fixed command sequence
// with real go and with modscope (in-process runCommand, the CLI's entry point), each side in
// its own fresh copy with its own fresh GOMODCACHE/GOCACHE, over one GOPROXY=file:// directory
// written from cmd/go/testdata/mod. stdout, stderr, exit status and go.mod/go.sum after each
// command are compared byte for byte once temporary paths are normalised and the runs of
// "go: downloading" lines are sorted (go prints them from parallel workers). Each command starts
// from the go.mod/go.sum real go had before it, so one difference does not spill into the next.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand } from '../../src/cli/main';
import { goTestdataArchives, writeFileProxy } from '../difftest';
import { fatalChecksumRace, sortProgressRuns } from '../universe/differential';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../gotool.mjs';
import { addGoSum, generateMain, readCatalog, type Catalog, type MainModule } from './generator';

export interface Side {
  stdout: string;
  stderr: string;
  exitCode: number;
  gomod: string | null;
  gosum: string | null;
  /** vendor/modules.txt (null when absent). */
  modulesTxt: string | null;
}

export interface Outcome {
  name: string;
  args: string[];
  go: Side;
  ours: Side;
  diff: (keyof Side)[];
}

/**
 * sortProgressRuns, with the "-> <unzip error>" lines a failed extraction prints (modfetch/fetch.go
 * download) counted as progress too: they come from the same parallel downloads (seed 114: go
 * printed another module's "go: downloading" lines before or after one).
 */
function sortProgress(text: string): string {
  const mark = 'go: downloading \u0000';
  return sortProgressRuns(text.replace(/^-> /gm, mark)).split(mark).join('-> ');
}

/** The command sequence of one seed. */
export function commandsFor(mm: MainModule): { name: string; args: string[]; env?: Record<string, string> }[] {
  const cmds: { name: string; args: string[]; env?: Record<string, string> }[] = [
    { name: 'list -m all', args: ['list', '-m', 'all'] },
    { name: 'mod graph', args: ['mod', 'graph'] },
    { name: 'mod tidy', args: ['mod', 'tidy'] },
    { name: 'list -m -json all', args: ['list', '-m', '-json', 'all'] },
    { name: 'list -m -u -retracted all', args: ['list', '-m', '-u', '-retracted', 'all'] },
    { name: 'mod why -m', args: ['mod', 'why', '-m', ...mm.whyArgs] },
    { name: 'list -deps ./...', args: ['list', ...mm.listFlags, '-deps', './...'] },
    { name: 'get', args: ['get', ...mm.getArgs] },
    { name: 'mod download -json', args: ['mod', 'download', ...mm.downloadArgs] },
    { name: 'mod verify', args: ['mod', 'verify'] },
    ...mm.extra.map((args, i) => ({ name: `${args[0] === 'mod' ? `mod ${args[1]}` : args[0]} (extra${i > 4 ? ', vendor' : ''})`, args })),
  ];
  return cmds.map((c, i) => (i > 2 ? { ...c, env: mm.laterEnv } : c));
}

/** The proxy directory and catalog, shared by every seed of a process. */
export class TdModsEnv {
  readonly root = mkdtempSync(join(tmpdir(), 'modscope-tdmods-'));
  readonly proxy = join(this.root, 'proxy');
  readonly catalog: Catalog;

  constructor() {
    const archives = goTestdataArchives();
    writeFileProxy(this.proxy, archives);
    this.catalog = readCatalog(archives);
  }

  /** Removes the temp tree, again after a moment: modscope writes its module index after a command returns. */
  async close(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
    await new Promise((ok) => setTimeout(ok, 1000));
    rmSync(this.root, { recursive: true, force: true });
  }

  async main(seed: number): Promise<MainModule> {
    const mm = generateMain(this.catalog, seed);
    await addGoSum(this.catalog, mm);
    return mm;
  }

  /** Runs seed's sequence on both sides. */
  async runSeed(seed: number): Promise<{ mm: MainModule; outcomes: Outcome[] }> {
    const mm = await this.main(seed);
    const root = join(this.root, `seed-${seed}`);
    const dirs = { go: join(root, 'go'), ours: join(root, 'ours') };
    for (const d of Object.values(dirs)) {
      for (const [name, text] of Object.entries(mm.files)) {
        mkdirSync(dirname(join(d, 'main', name)), { recursive: true });
        writeFileSync(join(d, 'main', name), text);
      }
    }
    const envFor = (d: string, extra: Record<string, string> = {}) =>
      goEnv({
        GOPROXY: 'file://' + this.proxy,
        GOSUMDB: 'off',
        GOFLAGS: '-modcacherw',
        GOMODCACHE: join(d, 'modcache'),
        GOCACHE: join(d, 'gocache'),
        GOPATH: join(d, 'gopath'),
        MODSCOPE_CACHE: join(d, 'modscope'),
        ...extra,
      }) as Record<string, string>;
    const norm = (d: string) => (s: string) =>
      s
        .split(join(d, 'modcache'))
        .join('$GOMODCACHE')
        .split(join(d, 'main'))
        .join('$WORK')
        .split(this.proxy)
        .join('$PROXY');
    const read = (f: string) => {
      try {
        return readFileSync(f, 'utf8');
      } catch {
        return null;
      }
    };
    const outcomes: Outcome[] = [];
    try {
      for (const c of commandsFor(mm)) {
        const goMain = join(dirs.go, 'main');
        const before = { gomod: read(join(goMain, 'go.mod')), gosum: read(join(goMain, 'go.sum')) };
        const g = spawnSync(GO as string, c.args, { cwd: goMain, env: envFor(dirs.go, c.env), encoding: 'utf8', timeout: 120_000 });
        const ng = norm(dirs.go);
        const go: Side = {
          stdout: ng(g.stdout ?? ''),
          stderr: sortProgress(ng(g.stderr ?? '')),
          exitCode: g.status ?? -1,
          gomod: read(join(goMain, 'go.mod')),
          gosum: read(join(goMain, 'go.sum')),
          modulesTxt: read(join(goMain, 'vendor/modules.txt')),
        };
        // A checksum mismatch is fatal in go while other loader goroutines are mid-download, so
        // which "go: downloading" and "-> unzip" lines come before it varies from run to run
        // (seed 11: go list -deps ./... prints them with GOMAXPROCS=4, not with 1), and so does
        // what go leaves in its module cache: after such a command modscope's cache is replaced
        // by a copy of go's, so the next commands start from the same cache (seed 407: the
        // module a killed download left out was extracted by modscope, and with GOPROXY=off
        // go could not fetch it again).
        const racy = fatalChecksumRace(go.stderr);
        const ourMain = join(dirs.ours, 'main');
        for (const [name, text] of [['go.mod', before.gomod], ['go.sum', before.gosum]] as const) {
          if (text === null) rmSync(join(ourMain, name), { force: true });
          else writeFileSync(join(ourMain, name), text);
        }
        let stdout = '';
        let stderr = '';
        const exitCode = await runCommand(c.args, { cwd: ourMain, env: envFor(dirs.ours, c.env), stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
        const no = norm(dirs.ours);
        const ours: Side = {
          stdout: no(stdout),
          stderr: sortProgress(no(stderr)),
          exitCode,
          gomod: read(join(ourMain, 'go.mod')),
          gosum: read(join(ourMain, 'go.sum')),
          modulesTxt: read(join(ourMain, 'vendor/modules.txt')),
        };
        // A panic in go (tidyUnprunedRoots on go mod tidy -go=1.16: "panic: go: internal error:
        // missing go root module", seed 85) ends it with exit status 2 and a goroutine trace;
        // modscope reports the panic's message as an error, as shapes.diff.test.ts and
        // scripts/universe/workspaceDiff.ts accept, and what came before must match.
        const panic = /^panic: (.*)\n\ngoroutine /m.exec(go.stderr);
        if (panic && go.exitCode === 2 && ours.exitCode === 1 && ours.stderr === go.stderr.slice(0, panic.index) + `go: ${panic[1]}\n`) {
          ours.stderr = go.stderr;
          ours.exitCode = go.exitCode;
        }
        const dropDl = (s: string) => s.replace(/^(go: downloading |-> ).*\n/gm, '');
        const diff = (['stdout', 'stderr', 'exitCode', 'gomod', 'gosum', 'modulesTxt'] as const).filter((k) =>
          k === 'stderr' && racy ? dropDl(go.stderr) !== dropDl(ours.stderr) : go[k] !== ours[k],
        );
        outcomes.push({ name: c.name, args: c.args, go, ours, diff });
        if (racy) {
          rmSync(join(dirs.ours, 'modcache'), { recursive: true, force: true });
          if (existsSync(join(dirs.go, 'modcache'))) cpSync(join(dirs.go, 'modcache'), join(dirs.ours, 'modcache'), { recursive: true });
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return { mm, outcomes };
  }
}

/** A readable account of one differing command. */
export function describeOutcome(seed: number, o: Outcome): string {
  const lines = [`seed ${seed}: go ${o.args.join(' ')}: differs in ${o.diff.join(', ')}`];
  for (const k of o.diff) {
    lines.push(`  go   ${k}: ${JSON.stringify(o.go[k])?.slice(0, 1500)}`);
    lines.push(`  ours ${k}: ${JSON.stringify(o.ours[k])?.slice(0, 1500)}`);
  }
  return lines.join('\n');
}
