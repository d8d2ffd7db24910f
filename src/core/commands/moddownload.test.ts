// `go mod download` differential tests: real go 1.23 and modscope run on identical copies of a
// main module and module cache against the same file:// proxy (cmd/go's testdata/mod modules
// plus a small synthetic universe). Compared: stdout, stderr, exit status, the module directory
// afterwards (go.mod, go.sum) and the whole cache tree with file contents. Only go's leftover
// "<name><random>.tmp" files (left when it exits on a checksum mismatch) are not compared.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir, cacheFile, makeWritable, removeAll, runBoth, runGoIn, synthProxyDir, txtarProxyDir, type Scenario } from '../../cli/fetchTestHarness';
import { createModuleZip, unzipModule } from '../modzip';
import { fileURLFromPath } from '../../io/proxyFile';

const work = mkdtempSync(join(tmpdir(), 'modscope-dl-'));
const proxy = join(work, 'proxy');
let proxyURL = '';
let baseCache = '';
afterAll(() => removeAll(work));

const quote = { path: 'rsc.io/quote', version: 'v1.5.2' };
const QUOTE_ZIP = 'h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=';
const QUOTE_MOD = 'h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=';
// A hash that is not the real one (same shape): the real sums above were printed by real go
// (`go mod download -json rsc.io/quote@v1.5.2`), and the tests below re-check them against it.
const wrong = (h: string) => 'h1:AAAA' + h.slice(7);

beforeAll(() => {
  txtarProxyDir(proxy, ['rsc.io/quote', 'rsc.io/sampler', 'golang.org/x/text']);
  const g = (deps: string) => (deps ? `\nrequire (\n${deps}\n)\n` : '');
  synthProxyDir(proxy, [
    { path: 'example.com/a', version: 'v1.0.0', gomod: `module example.com/a\n\ngo 1.21\n${g('\texample.com/b v1.0.0')}`, files: { 'a.go': 'package a\n' } },
    { path: 'example.com/a', version: 'v1.1.0', gomod: `module example.com/a\n\ngo 1.21\n${g('\texample.com/b v1.1.0')}`, files: { 'a.go': 'package a // 1.1\n' } },
    { path: 'example.com/b', version: 'v1.0.0', gomod: `module example.com/b\n\ngo 1.21\n${g('\texample.com/c v1.0.0')}`, files: { 'b.go': 'package b\n' } },
    { path: 'example.com/b', version: 'v1.1.0', gomod: `module example.com/b\n\ngo 1.21\n${g('\texample.com/c v1.1.0')}`, files: { 'b.go': 'package b\n' } },
    { path: 'example.com/c', version: 'v1.0.0', gomod: `module example.com/c\n\ngo 1.16\n${g('\texample.com/d v1.0.0')}`, files: { 'c.go': 'package c\n' } },
    { path: 'example.com/c', version: 'v1.1.0', gomod: `module example.com/c\n\ngo 1.16\n${g('\texample.com/d v1.0.0')}`, files: { 'c.go': 'package c\n', 'sub/x.go': 'package sub\n' } },
    { path: 'example.com/d', version: 'v1.0.0', gomod: 'module example.com/d\n\ngo 1.20\n', files: { 'd.go': 'package d\n' } },
    { path: 'example.com/r', version: 'v1.0.0', gomod: 'module example.com/r\n\ngo 1.21\n', files: { 'r.go': 'package r\n' } },
    { path: 'example.com/e', version: 'v1.0.0', gomod: 'module example.com/e\n\ngo 1.21\n', files: { 'e.go': 'package e\n' } },
    { path: 'example.com/e', version: 'v1.1.0', gomod: 'module example.com/e\n\ngo 1.21\n', files: { 'e.go': 'package e\n' } },
    { path: 'example.com/e', version: 'v1.2.0', gomod: 'module example.com/e\n\ngo 1.21\n\nretract v1.2.0 // broken\n', files: { 'e.go': 'package e\n' } },
    { path: 'example.com/newgo', version: 'v1.0.0', gomod: 'module example.com/newgo\n\ngo 1.99\n', files: { 'n.go': 'package n\n' } },
    { path: 'example.com/badzip', version: 'v1.0.0', gomod: 'module example.com/badzip\n\ngo 1.21\n', files: { 'x.go': 'package x\n' } },
  ]);
  // A zip whose files are not below path@version/ (downloadZip's prefix check).
  writeFileSync(join(proxy, 'example.com/badzip/@v/v1.0.0.zip'), createModuleZip({ path: 'example.com/other', version: 'v1.0.0' }, [{ name: 'x.go', data: new TextEncoder().encode('package x\n') }]));
  proxyURL = fileURLFromPath(proxy);

  // A cache filled by real go, for the tampering cases.
  baseCache = join(work, 'base', 'cache');
  const m = join(work, 'base', 'm');
  mkdirSync(m, { recursive: true });
  writeFileSync(join(m, 'go.mod'), 'module m\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n');
  const r = runGoIn(m, ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2', 'rsc.io/sampler@v1.3.0', 'golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c'], {
    GOPROXY: proxyURL,
    GOMODCACHE: baseCache,
    GOFLAGS: '-modcacherw',
  });
  if (r.exitCode !== 0) throw new Error('filling the base cache failed: ' + r.stderr);
  const j = JSON.parse(r.stdout.slice(0, r.stdout.indexOf('\n}\n') + 2)) as { Sum: string; GoModSum: string };
  // The sums used below are what real go computes.
  if (j.Sum !== QUOTE_ZIP || j.GoModSum !== QUOTE_MOD) throw new Error(`unexpected sums ${j.Sum} ${j.GoModSum}`);
});

/** Replaces one file inside a cached zip (keeping the zip well-formed). */
function tamperZip(cache: string, m: { path: string; version: string }, file: string) {
  const p = join(cache, cacheFile(m, 'zip'));
  makeWritable(join(p, '..'));
  const files = unzipModule(m, new Uint8Array(readFileSync(p)));
  const changed = files.map((f) => (f.name === file ? { name: f.name, data: new Uint8Array([...f.data, ...new TextEncoder().encode('// tampered\n')]) } : f));
  writeFileSync(p, createModuleZip(m, changed));
}

const gm = (body: string) => `module example.com/main\n\n${body}`;
const quoteMain = gm('go 1.21\n\nrequire rsc.io/quote v1.5.2\n');

const cases: Array<[string, Scenario]> = [
  // Arguments and go.sum effects.
  ['no args, go 1.21, unpruned dependency', { files: { 'go.mod': quoteMain }, args: ['mod', 'download'] }],
  ['no args, go 1.16 (all)', { files: { 'go.mod': gm('go 1.16\n\nrequire rsc.io/quote v1.5.2\n') }, args: ['mod', 'download'] }],
  ['no args, -json', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json'] }],
  ['no requirements', { files: { 'go.mod': gm('go 1.21\n') }, args: ['mod', 'download'] }],
  // Go's %q of an argument with a control character, outside a module
  ['outside a module, quoted argument', { files: {}, args: ['mod', 'download', 'all\x01'] }],
  ['outside a module, quoted wildcard', { files: {}, args: ['mod', 'download', 'x\ty/...'] }],
  ['no requirements, go 1.16', { files: { 'go.mod': gm('go 1.16\n') }, args: ['mod', 'download'] }],
  [
    '-json with exact, latest, missing and unknown versions',
    { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2', 'rsc.io/sampler@latest', 'golang.org/x/text@v0.3.0', 'rsc.io/nope@v1.0.0', 'rsc.io/quote@v1.99.0'] },
  ],
  ['errors without -json (go.sum not written)', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2', 'rsc.io/nope@v1.0.0', 'rsc.io/sampler@v1.3.0'] }],
  ['all', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', 'all'] }],
  ['module paths (graph loaded)', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/sampler', 'rsc.io/quote'] }],
  ['root path only (graph not loaded)', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/quote'] }],
  ['unknown module path', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'example.com/zzz'] }],
  ['@upgrade and the main module', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', 'rsc.io/sampler@upgrade', 'example.com/main', 'golang.org/x/text@latest'] }],
  ['outside a module, exact version', { files: { 'x.txt': '' }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'] }],
  ['outside a module, no args', { files: { 'x.txt': '' }, args: ['mod', 'download'] }],
  ['outside a module, all', { files: { 'x.txt': '' }, args: ['mod', 'download', 'all'] }],
  ['subdirectory of the module', { files: { 'go.mod': quoteMain }, args: ['mod', 'download'], cwd: 'a/b' }],
  ['go.sum already complete', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2 ${QUOTE_ZIP}\nrsc.io/quote v1.5.2/go.mod ${QUOTE_MOD}\n` }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2'] }],
  ['go.sum with unrelated lines kept', { files: { 'go.mod': quoteMain, 'go.sum': `example.com/zz v1.0.0 h1:abc=\n` }, args: ['mod', 'download', 'rsc.io/quote'] }],
  ['unknown flag', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-frob'] }],
  ['go.mod parse error', { files: { 'go.mod': 'module m\n\nfoo bar\n' }, args: ['mod', 'download'] }],
  ['relative path argument', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', './x'] }],
  ['-reuse inside a module', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-reuse=old.json', 'rsc.io/quote@v1.5.2'] }],
  // Synthetic universe: pruning, replacements, retractions.
  ['pruned root: only its go.mod', { files: { 'go.mod': gm('go 1.21\n\nrequire example.com/a v1.0.0\n') }, args: ['mod', 'download'] }],
  ['pruned root, all', { files: { 'go.mod': gm('go 1.21\n\nrequire example.com/a v1.0.0\n') }, args: ['mod', 'download', '-json', 'all'] }],
  ['unpruned root inside a pruned graph', { files: { 'go.mod': gm('go 1.21\n\nrequire (\n\texample.com/a v1.1.0\n\texample.com/c v1.0.0\n)\n') }, args: ['mod', 'download'] }],
  ['go 1.16 main: transitive all', { files: { 'go.mod': gm('go 1.16\n\nrequire example.com/c v1.1.0\n') }, args: ['mod', 'download', '-json'] }],
  ['replacement', { files: { 'go.mod': gm('go 1.21\n\nrequire example.com/x v1.0.0\n\nreplace example.com/x v1.0.0 => example.com/r v1.0.0\n') }, args: ['mod', 'download', '-json'] }],
  ['replacement by a directory', { files: { 'go.mod': gm('go 1.21\n\nrequire example.com/x v1.0.0\n\nreplace example.com/x => ./x\n'), 'x/go.mod': 'module example.com/x\n\ngo 1.21\n' }, args: ['mod', 'download'] }],
  ['@latest skips a retracted version', { files: { 'go.mod': gm('go 1.21\n') }, args: ['mod', 'download', '-json', 'example.com/e@latest'] }],
  ['@upgrade from a root', { files: { 'go.mod': gm('go 1.21\n\nrequire example.com/a v1.0.0\n') }, args: ['mod', 'download', '-json', 'example.com/a@upgrade'] }],
  ['module needing a newer go', { files: { 'go.mod': gm('go 1.21\n') }, args: ['mod', 'download', '-json', 'example.com/newgo@v1.0.0'] }],
  ['zip with files outside path@version/', { files: { 'go.mod': gm('go 1.21\n') }, args: ['mod', 'download', '-json', 'example.com/badzip@v1.0.0'] }],
  // go.mod rewrites by WriteGoMod: a dependency needing a newer go raises the go line (and adds
  // a toolchain line); a go.mod without a go line gets one.
  ['dependency with a newer go line', { files: { 'go.mod': gm('go 1.16\n\nrequire example.com/a v1.1.0\n') }, args: ['mod', 'download'] }],
  ['no go line', { files: { 'go.mod': 'module example.com/main\n\nrequire rsc.io/quote v1.5.2\n' }, args: ['mod', 'download'] }],
  ['no go line, explicit argument', { files: { 'go.mod': 'module example.com/main\n\nrequire rsc.io/quote v1.5.2\n' }, args: ['mod', 'download', 'rsc.io/sampler@v1.3.1'] }],
  ['excluded root (dropped with a note)', { files: { 'go.mod': gm('go 1.21\n\nrequire example.com/e v1.1.0\n\nexclude example.com/e v1.1.0\n') }, args: ['mod', 'download'] }],
  ['inconsistent pruned roots are repaired', { files: { 'go.mod': gm('go 1.21\n\nrequire (\n\texample.com/a v1.1.0\n\texample.com/b v1.0.0\n)\n') }, args: ['mod', 'download'] }],
  ['module pattern', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/...'] }],
  ['module pattern matching nothing', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', 'nothing.example/...'] }],
  ['@patch and a version prefix', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/sampler@patch', 'golang.org/x/text@v0.3'] }],
  [
    'workspace',
    {
      files: {
        'go.work': 'go 1.21\n\nuse (\n\t./a\n\t./b\n)\n',
        'a/go.mod': 'module example.com/wa\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n',
        'b/go.mod': 'module example.com/wb\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n',
      },
      args: ['mod', 'download'],
      env: { GOWORK: '' },
    },
  ],
  ['GOSUMDB on, module in GONOSUMDB', { files: { 'go.mod': quoteMain }, args: ['mod', 'download'], env: { GOSUMDB: 'sum.golang.org', GONOSUMDB: 'rsc.io,golang.org' } }],
  // Tampering: go.sum, cached .mod, .zip, .ziphash, .info, extracted files.
  ['go.sum zip hash differs', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2 ${wrong(QUOTE_ZIP)}\n` }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2'] }],
  ['go.sum go.mod hash differs (no args)', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2/go.mod ${wrong(QUOTE_MOD)}\n` }, args: ['mod', 'download'] }],
  ['go.sum with a non-h1 hash (warning)', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2 h2:xyz\n` }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2'] }],
  ['cached .mod modified, no go.sum', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { makeWritable(c); appendFileSync(join(c, cacheFile(quote, 'mod')), '// x\n'); } }],
  ['cached .mod modified, go.sum has the real hash', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2/go.mod ${QUOTE_MOD}\n` }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { makeWritable(c); appendFileSync(join(c, cacheFile(quote, 'mod')), '// x\n'); } }],
  ['cached zip modified, .ziphash kept (go trusts it)', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2 ${QUOTE_ZIP}\n` }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => tamperZip(c, quote, 'quote.go') }],
  ['cached zip modified, .ziphash deleted, go.sum has it', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2 ${QUOTE_ZIP}\n` }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { tamperZip(c, quote, 'quote.go'); unlinkSync(join(c, cacheFile(quote, 'ziphash'))); } }],
  ['cached zip modified, .ziphash deleted, no go.sum', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { tamperZip(c, quote, 'quote.go'); unlinkSync(join(c, cacheFile(quote, 'ziphash'))); } }],
  ['.ziphash deleted, extracted tree kept', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { makeWritable(c); unlinkSync(join(c, cacheFile(quote, 'ziphash'))); } }],
  ['.ziphash garbage', { files: { 'go.mod': quoteMain, 'go.sum': `rsc.io/quote v1.5.2 ${QUOTE_ZIP}\n` }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { makeWritable(c); writeFileSync(join(c, cacheFile(quote, 'ziphash')), 'garbage'); } }],
  ['.info modified (go does not look)', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { makeWritable(c); writeFileSync(join(c, cacheFile(quote, 'info')), '{"Version":"v1.5.2","Time":"2001-02-03T04:05:06Z"}'); } }],
  ['extracted file modified (download does not look)', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { makeWritable(c); appendFileSync(join(c, cacheDir(quote), 'quote.go'), '// x\n'); } }],
  ['.partial left by an interrupted extraction', { files: { 'go.mod': quoteMain }, args: ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], baseCache: 'BASE', prep: (c) => { makeWritable(c); writeFileSync(join(c, cacheFile(quote, 'partial')), ''); appendFileSync(join(c, cacheDir(quote), 'quote.go'), '// half\n'); } }],
];

describe('go mod download vs real go 1.23', () => {
  for (const [name, sc] of cases) {
    it(name, async () => {
      const s = { ...sc, baseCache: sc.baseCache === 'BASE' ? baseCache : sc.baseCache };
      const { go, ours } = await runBoth(work, proxyURL, s);
      expect(ours).toEqual(go);
    });
  }
});
