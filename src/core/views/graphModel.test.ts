// The graph model against real go 1.23 on the same inputs: for each case (cmd/go/testdata/mod
// proxy cases and seeded synthetic universes), in the same work dir and module cache,
//   - the model's loaded edges are exactly `go mod graph`'s lines (same order), its in-graph
//     nodes exactly the module versions those lines name (plus the main module), and when go
//     fails, the model's error is go's stderr;
//   - selected nodes rendered as `go list -m all` lines equal go's output;
//   - kinds equal `go list -m -json all`'s Main / Indirect; retractions equal
//     `go list -m -retracted -json all`'s Retracted; deprecations `go list -m -u -json all`'s;
//   - pruned edges equal the Require list real go parses (`go mod edit -json`) from the go.mod
//     of the module whose requirements the pruned graph did not load;
//   - "why this version?": the max over the graph's requirements is the selected version and
//     the path from main follows `go mod graph` edges.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compareGo, GoStrictVersion } from '../gover';
import { escapePath, escapeVersion } from '../module';
import { goTestdataArchives, writeFileProxy } from '../../../scripts/difftest';
import { cliFetchContext } from '../../cli/context';
import { makeWritable, synthProxyDir, type SynthModule } from '../../cli/fetchTestHarness';
import { generateUniverse } from '../../../scripts/universe/generator';
import { writeProxyDir } from '../../../scripts/universe/proxyDir';
// @ts-expect-error plain ESM helper without types
import { GO } from '../../../scripts/gotool.mjs';
import { buildListLines, indexModel, loadGraphModel, modGraphLines, whyVersion, type GraphModel } from './graphModel';

const pexec = promisify(execFile);

interface Out {
  stdout: string;
  stderr: string;
  code: number;
}

class Env {
  readonly root = mkdtempSync(join(tmpdir(), 'modscope-graphmodel-'));
  readonly proxy = join(this.root, 'proxy');
  constructor(fill: (dir: string) => void) {
    mkdirSync(this.proxy, { recursive: true });
    fill(this.proxy);
  }
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: join(this.root, 'home'),
      GOTOOLCHAIN: 'local',
      GOPROXY: 'file://' + this.proxy,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GONOPROXY: '',
      GONOSUMDB: '',
      GOPRIVATE: '',
      GOWORK: 'off',
      GOCACHE: join(this.root, 'gocache'),
      GOMODCACHE: join(this.root, 'modcache'),
      GOPATH: join(this.root, 'gopath'),
      GOENV: 'off',
      CGO_ENABLED: '0',
      GO111MODULE: '',
      ...extra,
    };
  }
  async go(args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Out> {
    try {
      const r = await pexec(GO as string, args, { cwd, env: this.env(extra), encoding: 'utf8', maxBuffer: 64 << 20 });
      return { stdout: r.stdout, stderr: r.stderr, code: 0 };
    } catch (e) {
      const x = e as { stdout?: string; stderr?: string; code?: number };
      return { stdout: x.stdout ?? '', stderr: x.stderr ?? '', code: typeof x.code === 'number' ? x.code : -1 };
    }
  }
  /** A fresh work dir (and module cache) holding files; with sum, go.sum comes from real go. */
  async prepare(files: Record<string, string>, sum: boolean): Promise<string> {
    const work = join(this.root, 'work');
    for (const d of [work, join(this.root, 'modcache')]) {
      if (existsSync(d)) {
        makeWritable(d);
        rmSync(d, { recursive: true, force: true });
      }
    }
    mkdirSync(work, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(work, name)), { recursive: true });
      writeFileSync(join(work, name), text);
    }
    if (sum) {
      // go.sum from real go in a copy, so the run under test starts with a fresh module cache
      const prepDir = join(this.root, 'prep');
      rmSync(prepDir, { recursive: true, force: true });
      mkdirSync(prepDir, { recursive: true });
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(prepDir, name)), { recursive: true });
        writeFileSync(join(prepDir, name), text);
      }
      await this.go(['list', '-m', 'all'], prepDir, { GOFLAGS: '-modcacherw -mod=mod', GOMODCACHE: join(this.root, 'prepcache') });
      const f = join(prepDir, 'go.sum');
      if (existsSync(f)) writeFileSync(join(work, 'go.sum'), await import('node:fs').then((fs) => fs.readFileSync(f)));
    }
    return work;
  }
  async model(work: string, goFlag = ''): Promise<GraphModel> {
    const c = cliFetchContext({ cwd: work, env: this.env(), stdout: () => {}, stderr: () => {} });
    if ('error' in c) throw new Error(c.error);
    return loadGraphModel(c.ctx, c.deps, { go: goFlag });
  }
  close(): void {
    makeWritable(this.root);
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Concatenated JSON objects (go list -json). */
function parseJSONStream(s: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let depth = 0;
  let start = -1;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}') {
      if (--depth === 0) out.push(JSON.parse(s.slice(start, i + 1)) as Record<string, unknown>);
    }
  }
  return out;
}

const uniqLines = (s: string) => {
  const seen = new Set<string>();
  return s.split('\n').filter((l) => l !== '' && !seen.has(l) && (seen.add(l), true));
};

interface Tally {
  cases: number;
  identical: number;
  edges: number;
  nodes: number;
  prunedEdges: number;
  kinds: number;
}
const tally: Tally = { cases: 0, identical: 0, edges: 0, nodes: 0, prunedEdges: 0, kinds: 0 };

async function compareCase(env: Env, name: string, files: Record<string, string>, sum: boolean, goFlag = ''): Promise<void> {
  const work = await env.prepare(files, sum);
  const graphArgs = goFlag ? ['mod', 'graph', `-go=${goFlag}`] : ['mod', 'graph'];
  // real go first (it fills the module cache the same way for both sides)
  const graph = await env.go(graphArgs, work);
  const [list, listJSON, listRetracted, listU] = await Promise.all([
    env.go(['list', '-m', 'all'], work),
    env.go(['list', '-m', '-json', 'all'], work),
    env.go(['list', '-m', '-retracted', '-json', 'all'], work),
    env.go(['list', '-m', '-u', '-json', 'all'], work),
  ]);
  const model = await env.model(work, goFlag);
  const idx = indexModel(model);
  tally.cases++;

  if (graph.code !== 0) {
    expect({ name, error: model.error }).toEqual({ name, error: graph.stderr });
    tally.identical++;
    return;
  }
  expect({ name, error: model.error }).toEqual({ name, error: undefined });
  const lines = uniqLines(graph.stdout);
  expect({ name, lines: modGraphLines(model) }).toEqual({ name, lines });
  const tokens = new Set<string>(model.main);
  for (const l of lines) for (const t of l.split(' ')) tokens.add(t);
  const inGraph = model.nodes.filter((n) => n.inGraph).map((n) => n.id);
  expect({ name, nodes: [...inGraph].sort() }).toEqual({ name, nodes: [...tokens].sort() });
  tally.edges += lines.length;
  tally.nodes += tokens.size;

  if (!goFlag && list.code === 0) {
    expect({ name, list: buildListLines(model) }).toEqual({ name, list: list.stdout.split('\n').filter((l) => l !== '') });
  }
  if (!goFlag && listJSON.code === 0) {
    const mods = parseJSONStream(listJSON.stdout);
    const got = mods.map((m) => {
      const id = m.Main ? String(m.Path) : `${String(m.Path)}@${String(m.Version)}`;
      const n = idx.byId.get(id);
      return { id, kind: n?.kind, selected: n?.selected };
    });
    const want = mods.map((m) => ({
      id: m.Main ? String(m.Path) : `${String(m.Path)}@${String(m.Version)}`,
      kind: m.Main ? 'main' : m.Indirect ? 'indirect' : 'direct',
      selected: true,
    }));
    expect({ name, kinds: got }).toEqual({ name, kinds: want });
    tally.kinds += mods.length;
  }
  if (!goFlag && listRetracted.code === 0) {
    const mods = parseJSONStream(listRetracted.stdout).filter((m) => !m.Main);
    const got = mods.map((m) => ({ id: `${String(m.Path)}@${String(m.Version)}`, retracted: idx.byId.get(`${String(m.Path)}@${String(m.Version)}`)?.retracted }));
    const want = mods.map((m) => ({ id: `${String(m.Path)}@${String(m.Version)}`, retracted: m.Retracted as string[] | undefined }));
    expect({ name, retracted: got }).toEqual({ name, retracted: want });
  }
  if (!goFlag && listU.code === 0) {
    const mods = parseJSONStream(listU.stdout).filter((m) => !m.Main);
    const got = mods.map((m) => ({ id: `${String(m.Path)}@${String(m.Version)}`, deprecated: idx.byId.get(`${String(m.Path)}@${String(m.Version)}`)?.deprecated }));
    const want = mods.map((m) => ({ id: `${String(m.Path)}@${String(m.Version)}`, deprecated: m.Deprecated as string | undefined }));
    expect({ name, deprecated: got }).toEqual({ name, deprecated: want });
  }

  // Pruned edges: the Require list real go parses from the unloaded module's go.mod.
  const prunedFrom = [...new Set(model.edges.filter((e) => e.status === 'pruned').map((e) => e.from))].slice(0, 8);
  for (const from of prunedFrom) {
    const n = idx.byId.get(from)!;
    expect(n.loaded).toBe(false);
    const r = n.replacement ?? { path: n.path, version: n.version };
    const file = r.version === '' ? join(work, r.path, 'go.mod') : join(env.proxy, escapePath(r.path), '@v', escapeVersion(r.version) + '.mod');
    const ej = await env.go(['mod', 'edit', '-json', file], work);
    expect(ej.code).toBe(0);
    const parsed = JSON.parse(ej.stdout) as { Go?: string; Toolchain?: string; Require?: Array<{ Path: string; Version: string }> | null };
    // a go line >= 1.21 is a requirement on the "go" module (modload/modfile.go: rawGoModSummary;
    // go mod graph prints it for loaded modules)
    const req = [...(parsed.Go && compareGo(parsed.Go, GoStrictVersion) >= 0 ? [`go@${parsed.Go}`] : []), ...(parsed.Require ?? [])
      .filter((q) => !model.excludes.some((x) => x.path === q.Path && x.version === q.Version))
      .map((q) => `${q.Path}@${q.Version}`)].sort();
    const got = (idx.out.get(from) ?? []).filter((e) => e.status === 'pruned').map((e) => e.to).sort();
    expect({ name, from, pruned: got }).toEqual({ name, from, pruned: req });
    tally.prunedEdges += got.length;
  }
  for (const e of model.edges.filter((x) => x.status === 'excluded')) {
    expect(model.excludes.some((x) => `${x.path}@${x.version}` === e.to)).toBe(true);
  }

  // Why this version: MVS's max over the loaded requirements, reached from main along go mod graph edges.
  const lineSet = new Set(lines);
  for (const n of model.nodes) {
    if (!n.selected || n.kind === 'main' || n.kind === 'toolchain' || !n.inGraph) continue;
    const w = whyVersion(model, n.path, idx);
    expect({ name, path: n.path, max: w.max }).toEqual({ name, path: n.path, max: n.version });
    expect(w.pathFromMain[0]).toBe(model.main[0]);
    expect(w.pathFromMain[w.pathFromMain.length - 1]).toBe(n.id);
    for (let i = 1; i < w.pathFromMain.length; i++) expect(lineSet.has(`${w.pathFromMain[i - 1]} ${w.pathFromMain[i]}`)).toBe(true);
  }
  tally.identical++;
}

const quote = (go: string, extra = '') => `module example.com/m\n\ngo ${go}\n\nrequire rsc.io/quote v1.5.2\n${extra}`;

const testdataCases: Array<{ name: string; files: Record<string, string>; sum?: boolean; go?: string }> = [
  { name: 'unpruned 1.16', files: { 'go.mod': quote('1.16') } },
  { name: 'pruned 1.17', files: { 'go.mod': quote('1.17', 'require golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c // indirect\nrequire rsc.io/sampler v1.3.0 // indirect\n') } },
  { name: 'pruned 1.21', files: { 'go.mod': quote('1.21') } },
  { name: 'pruned 1.21 no go.sum', files: { 'go.mod': quote('1.21') }, sum: false },
  { name: 'toolchain line', files: { 'go.mod': quote('1.21.0', 'toolchain go1.22.1\n') } },
  { name: 'module replace', files: { 'go.mod': quote('1.16', 'replace rsc.io/quote v1.5.2 => rsc.io/quote v1.5.1\n') } },
  { name: 'path-only replace', files: { 'go.mod': quote('1.16', 'replace rsc.io/sampler => rsc.io/sampler v1.2.1\n') } },
  {
    name: 'directory replace',
    files: { 'go.mod': quote('1.16', 'replace rsc.io/sampler => ./sampler\n'), 'sampler/go.mod': 'module rsc.io/sampler\n\ngo 1.12\n\nrequire golang.org/x/text v0.3.0\n' },
  },
  { name: 'exclude', files: { 'go.mod': quote('1.16', 'exclude rsc.io/sampler v1.3.0\n') } },
  { name: 'exclude pruned', files: { 'go.mod': quote('1.17', 'require rsc.io/sampler v1.99.99 // indirect\nexclude golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c\n') } },
  { name: 'cycle', files: { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/newcycle/a v1.0.1\n' } },
  { name: 'cycle pruned', files: { 'go.mod': 'module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/newcycle/a v1.0.1\n\texample.com/newcycle/b v1.0.0\n)\n' } },
  { name: 'retracted dependency', files: { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/retract v1.0.0-bad\n' } },
  { name: 'retract rationale', files: { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/retract/rationale v1.0.0-block\n' } },
  { name: 'deprecated dependency', files: { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/deprecated/a v1.0.0\n' } },
  { name: 'path mismatch', files: { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/retract/rename v1.9.0-new\n' } },
  { name: 'unknown module', files: { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/nonexistent v1.0.0\n' } },
  { name: '-go=1.16 on 1.17', files: { 'go.mod': quote('1.17') }, go: '1.16' },
  { name: 'no go.mod', files: { 'x.txt': '' }, sum: false },
];

describe('graph model vs real go (cmd/go/testdata/mod proxy)', () => {
  const env = new Env((dir) => writeFileProxy(dir, goTestdataArchives()));
  afterAll(() => env.close());
  for (const c of testdataCases) {
    it(c.name, async () => {
      await compareCase(env, c.name, c.files, c.sum ?? true, c.go ?? '');
    }, 60_000);
  }
});

// Hand-made modules with go >= 1.17 below the first level, so that pruning leaves go.mod files unread.
const gm = (path: string, go: string, reqs: string[]) =>
  `module ${path}\n\ngo ${go}\n` + (reqs.length ? `\nrequire (\n${reqs.map((r) => `\t${r.replace('@', ' ')}\n`).join('')})\n` : '');
const E = 'example.com/';
const synth: SynthModule[] = [
  { path: E + 'a', version: 'v1.0.0', gomod: gm(E + 'a', '1.21', [E + 'b@v1.0.0', E + 'd@v1.1.0']) },
  { path: E + 'b', version: 'v1.0.0', gomod: gm(E + 'b', '1.21', [E + 'c@v1.0.0', E + 'e@v1.0.0']) },
  { path: E + 'b', version: 'v1.1.0', gomod: gm(E + 'b', '1.20', [E + 'c@v1.1.0']) },
  { path: E + 'c', version: 'v1.0.0', gomod: gm(E + 'c', '1.21', [E + 'f@v1.0.0']) },
  { path: E + 'c', version: 'v1.1.0', gomod: gm(E + 'c', '1.21', [E + 'f@v1.0.0', E + 'e@v1.2.0']) },
  { path: E + 'd', version: 'v1.0.0', gomod: gm(E + 'd', '1.21', [E + 'e@v1.0.0']) },
  { path: E + 'd', version: 'v1.1.0', gomod: gm(E + 'd', '1.21', [E + 'e@v1.2.0']) },
  { path: E + 'e', version: 'v1.0.0', gomod: gm(E + 'e', '1.21', [E + 'f@v1.0.0']) },
  { path: E + 'e', version: 'v1.2.0', gomod: gm(E + 'e', '1.21', [E + 'f@v1.0.0', E + 'g@v1.0.0']) },
  { path: E + 'f', version: 'v1.0.0', gomod: gm(E + 'f', '1.21', []) },
  { path: E + 'g', version: 'v1.0.0', gomod: gm(E + 'g', '1.22.0', [E + 'a@v1.0.0']) },
  { path: E + 'old', version: 'v1.0.0', gomod: gm(E + 'old', '1.16', [E + 'c@v1.0.0']) },
];
const mainMod = (go: string, extra = '', old = false) => gm(E + 'm', go, [E + 'a@v1.0.0', E + 'd@v1.0.0', ...(old ? [E + 'old@v1.0.0'] : [])]) + extra;
const synthCases: Array<{ name: string; files: Record<string, string>; go?: string }> = [
  { name: 'pruned chain 1.21', files: { 'go.mod': mainMod('1.21') } },
  { name: 'pruned chain 1.17', files: { 'go.mod': mainMod('1.17') } },
  { name: 'pruned chain, exclude + replace', files: { 'go.mod': mainMod('1.21', `\nexclude ${E}c v1.0.0\n\nreplace ${E}b v1.0.0 => ${E}b v1.1.0\n`) } },
  { name: 'pruned chain, directory replace', files: { 'go.mod': mainMod('1.21', `\nreplace ${E}a => ./a\n`), 'a/go.mod': gm(E + 'a', '1.21', [E + 'b@v1.1.0']) } },
  { name: 'pruned chain with an unpruned (go 1.16) dependency', files: { 'go.mod': mainMod('1.21', '', true) } },
  { name: 'unpruned chain 1.16', files: { 'go.mod': mainMod('1.16') } },
  { name: 'chain -go=1.16', files: { 'go.mod': mainMod('1.17') }, go: '1.16' },
];

describe('graph model vs real go (pruned graphs)', () => {
  const env = new Env((dir) => synthProxyDir(dir, synth));
  afterAll(() => env.close());
  for (const c of synthCases) {
    it(c.name, async () => {
      await compareCase(env, c.name, c.files, true, c.go ?? '');
    }, 60_000);
  }
});

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 9];

describe('graph model vs real go (seeded synthetic universes)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const u = generateUniverse(seed);
      const env = new Env((dir) => writeProxyDir(u, dir));
      try {
        const files: Record<string, string> = {};
        for (const f of u.main) files[f.name] = f.data;
        delete files['go.sum'];
        await compareCase(env, `seed ${seed}`, files, true);
      } finally {
        env.close();
      }
    }, 60_000);
  }
  afterAll(() => {
    console.log(
      `graphModel vs go: ${tally.cases} cases, ${tally.identical} identical, ${tally.cases - tally.identical} differing; ` +
        `${tally.edges} go mod graph edges, ${tally.nodes} nodes, ${tally.kinds} go list -m modules, ${tally.prunedEdges} pruned edges checked`,
    );
  });
});
