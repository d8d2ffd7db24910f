// `go mod verify` and `go clean -modcache` differential tests against real go 1.23, and the
// interchange test: a module cache filled by `modscope mod download` is used by real go with
// GOPROXY=off (`go mod verify`, `go list -m all`) exactly as a cache go filled itself.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir, cacheFile, makeWritable, removeAll, runBoth, runGoIn, synthProxyDir, txtarProxyDir, type Scenario } from '../../cli/fetchTestHarness';
import { runCommand } from '../../cli/main';
import { createModuleZip, unzipModule } from '../modzip';
import { fileURLFromPath } from '../../io/proxyFile';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../../scripts/gotool.mjs';

const work = mkdtempSync(join(tmpdir(), 'modscope-verify-'));
const proxy = join(work, 'proxy');
let proxyURL = '';
let baseCache = '';
afterAll(() => removeAll(work));

const quote = { path: 'rsc.io/quote', version: 'v1.5.2' };
const sampler = { path: 'rsc.io/sampler', version: 'v1.3.0' };
const quoteMain = 'module example.com/main\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n';

beforeAll(() => {
  txtarProxyDir(proxy, ['rsc.io/quote', 'rsc.io/sampler', 'golang.org/x/text']);
  synthProxyDir(proxy, [
    { path: 'example.com/a', version: 'v1.0.0', gomod: 'module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.0.0\n', files: { 'a.go': 'package a\n', 'sub/s.go': 'package sub\n' } },
    { path: 'example.com/b', version: 'v1.0.0', gomod: 'module example.com/b\n\ngo 1.21\n', files: { 'b.go': 'package b\n' } },
  ]);
  proxyURL = fileURLFromPath(proxy);
  baseCache = join(work, 'base', 'cache');
  const m = join(work, 'base', 'm');
  mkdirSync(m, { recursive: true });
  writeFileSync(join(m, 'go.mod'), quoteMain);
  const r = runGoIn(m, ['mod', 'download', 'all'], { GOPROXY: proxyURL, GOMODCACHE: baseCache, GOFLAGS: '-modcacherw' });
  if (r.exitCode !== 0) throw new Error('filling the base cache failed: ' + r.stderr);
});

function tamperZip(cache: string, m: { path: string; version: string }, file: string) {
  const p = join(cache, cacheFile(m, 'zip'));
  makeWritable(join(p, '..'));
  const files = unzipModule(m, new Uint8Array(readFileSync(p)));
  writeFileSync(p, createModuleZip(m, files.map((f) => (f.name === file ? { name: f.name, data: new Uint8Array([...f.data, 10]) } : f))));
}

const withBase = (prep?: (c: string) => void): Partial<Scenario> => ({ baseCache: 'BASE', prep: (c) => { makeWritable(c); prep?.(c); } });
const verify = ['mod', 'verify'];

const cases: Array<[string, Scenario]> = [
  ['all verified', { files: { 'go.mod': quoteMain }, args: verify, ...withBase() }],
  ['nothing cached (graph loaded from the proxy)', { files: { 'go.mod': quoteMain }, args: verify }],
  ['extracted file modified', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => appendFileSync(join(c, cacheDir(quote), 'quote.go'), '// x\n')) }],
  ['extracted file added', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => writeFileSync(join(c, cacheDir(sampler), 'new.go'), 'package sampler\n')) }],
  ['extracted file removed', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => unlinkSync(join(c, cacheDir(sampler), 'hello.go'))) }],
  ['zip modified', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => tamperZip(c, quote, 'quote.go')) }],
  ['zip and dir modified', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => { tamperZip(c, sampler, 'hello.go'); appendFileSync(join(c, cacheDir(sampler), 'hello.go'), '\n'); }) }],
  ['zip is not a zip', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => writeFileSync(join(c, cacheFile(quote, 'zip')), 'not a zip')) }],
  ['missing ziphash', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => unlinkSync(join(c, cacheFile(quote, 'ziphash')))) }],
  ['missing ziphash and zip, dir kept (skipped)', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => { unlinkSync(join(c, cacheFile(quote, 'ziphash'))); unlinkSync(join(c, cacheFile(quote, 'zip'))); }) }],
  ['zip deleted, dir kept', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => unlinkSync(join(c, cacheFile(quote, 'zip')))) }],
  ['.partial marks the dir incomplete', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => { writeFileSync(join(c, cacheFile(quote, 'partial')), ''); appendFileSync(join(c, cacheDir(quote), 'quote.go'), '// x\n'); }) }],
  ['.info modified (not looked at)', { files: { 'go.mod': quoteMain }, args: verify, ...withBase((c) => writeFileSync(join(c, cacheFile(quote, 'info')), '{}')) }],
  ['go.sum go.mod hash differs', { files: { 'go.mod': quoteMain, 'go.sum': 'rsc.io/quote v1.5.2/go.mod h1:AAAAhefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=\n' }, args: verify, ...withBase() }],
  ['go.sum zip hash differs (verify does not read it)', { files: { 'go.mod': quoteMain, 'go.sum': 'rsc.io/quote v1.5.2 h1:AAAAkkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=\n' }, args: verify, ...withBase() }],
  ['pruned graph', { files: { 'go.mod': 'module example.com/main\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n' }, args: verify }],
  ['arguments', { files: { 'go.mod': quoteMain }, args: ['mod', 'verify', 'rsc.io/quote'] }],
  ['outside a module', { files: { 'x.txt': '' }, args: verify }],
  ['no requirements', { files: { 'go.mod': 'module example.com/main\n\ngo 1.21\n' }, args: verify }],
  ['clean -modcache', { files: { 'go.mod': quoteMain }, args: ['clean', '-modcache'], ...withBase() }],
  ['clean -modcache -n', { files: { 'go.mod': quoteMain }, args: ['clean', '-modcache', '-n'], ...withBase() }],
  ['clean -modcache with packages', { files: { 'go.mod': quoteMain }, args: ['clean', '-modcache', './...'], ...withBase() }],
];

describe('go mod verify / go clean -modcache vs real go 1.23', () => {
  for (const [name, sc] of cases) {
    it(name, async () => {
      const { go, ours } = await runBoth(work, proxyURL, { ...sc, baseCache: sc.baseCache === 'BASE' ? baseCache : sc.baseCache });
      expect(ours).toEqual(go);
    });
  }
});

describe('a cache filled by modscope, used by real go', () => {
  it('go mod verify and go list -m all with GOPROXY=off', async () => {
    const out: Record<string, unknown>[] = [];
    for (const tool of ['go', 'ours']) {
      const root = join(work, 'interop-' + tool);
      const m = join(root, 'm');
      const cache = join(root, 'cache');
      mkdirSync(m, { recursive: true });
      mkdirSync(cache, { recursive: true });
      writeFileSync(join(m, 'go.mod'), 'module example.com/main\n\ngo 1.16\n\nrequire rsc.io/quote v1.5.2\n');
      const env = { GOPROXY: proxyURL, GOMODCACHE: cache, GOFLAGS: '-modcacherw' };
      if (tool === 'go') {
        expect(runGoIn(m, ['mod', 'download'], env).exitCode).toBe(0);
      } else {
        let err = '';
        const code = await runCommand(['mod', 'download'], { cwd: m, env: goEnv(env), stdout: () => {}, stderr: (s) => (err += s) });
        expect(err).toBe('');
        expect(code).toBe(0);
      }
      const off = { ...env, GOPROXY: 'off' };
      const v = runGoIn(m, ['mod', 'verify'], off);
      const l = runGoIn(m, ['list', '-m', 'all'], off);
      const lj = runGoIn(m, ['list', '-m', '-json', 'rsc.io/sampler'], off);
      const norm = (s: string) => s.split(root).join('$ROOT');
      out.push({ verify: v, list: l, listJSON: norm(lj.stdout), gosum: readFileSync(join(m, 'go.sum'), 'utf8'), cacheExists: existsSync(cache) });
    }
    expect((out[0] as { verify: { stdout: string } }).verify.stdout).toBe('all modules verified\n');
    expect(out[1]).toEqual(out[0]);
  });
});
