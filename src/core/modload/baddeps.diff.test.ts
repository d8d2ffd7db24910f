// Bad dependencies and bad proxy content, real go vs modscope: small file:// proxies (written by
// scripts/universe/badproxy.ts) whose modules have defective go.mod files (another module path,
// syntax errors, bad or too-new go lines, toolchain/replace/exclude lines, requirements of
// retracted or missing versions) or defective proxy files (missing .mod/.info/.zip, a listed
// version without files, bad .info JSON or Version, zips with a wrong prefix, a go.mod other
// than the .mod, nested modules, case-colliding names, vendor directories, upper-case paths
// unescaped, a /v2 module without /v2 in its module line), each reached through a main module
// whose go.sum has all, only the go.mod, wrong, or no entries. Every command runs on a fresh
// copy with a fresh GOMODCACHE; stdout, stderr, exit status, go.mod and go.sum must be identical.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { limited } from '../../cli/goTrees';
import { writeZip, type RawZipEntry } from '../modzip';
import { rng } from '../rng';
import { goSumFor, runBothSides, runSequence, sideDiff, sideMs, writeProxy, pkgName, type ProxyMod, type SideOut } from '../../../scripts/universe/badproxy';

// BADDEPS_DUMP=<file> appends real go's output of every run to that file (to review the cases).
const dump = process.env.BADDEPS_DUMP;
const tmp = mkdtempSync(join(tmpdir(), 'modscope-baddeps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type SumMode = 'none' | 'full' | 'mods' | 'bad' | 'badmod';

interface BadCase {
  mods: ProxyMod[];
  /** The main module's requirements (default example.com/a v1.0.0) and imported packages. */
  require?: [string, string][];
  imports?: string[];
  /** go.sum variants to run (default full). */
  sums?: SumMode[];
  /** go get's argument (default the first requirement at its version). */
  get?: string;
  env?: Record<string, string>;
  /** Extra text appended to every @v/list; the first module's @latest. */
  listExtra?: string;
  latest?: string;
  /** Lines appended to the main go.mod; more files of the main module. */
  modExtra?: string;
  files?: Record<string, string>;
  /** The proxy directory's name (default proxy). */
  proxyDir?: string;
  /** The main module's go version (default 1.23). */
  mainGo?: string;
  /** The module whose hash the go.sum variants bad and badmod alter (default the first). */
  badPath?: string;
}

const A = 'example.com/a';
const B = 'example.com/b';
const a = (over: Partial<ProxyMod> = {}): ProxyMod => ({ path: A, version: 'v1.0.0', ...over });
const b = (version = 'v1.0.0', over: Partial<ProxyMod> = {}): ProxyMod => ({ path: B, version, ...over });
/** a requiring (and importing) b at version. */
const aNeedsB = (version: string, extra = ''): ProxyMod =>
  a({
    mod: `module ${A}\n\ngo 1.21\n\nrequire ${B} ${version}\n${extra}`,
    files: { 'go.mod': `module ${A}\n\ngo 1.21\n\nrequire ${B} ${version}\n${extra}`, 'a.go': `package a\n\nimport _ "${B}"\n` },
  });

const zipOf = (files: Record<string, string>): Partial<ProxyMod> => ({ files: { 'go.mod': `module ${A}\n\ngo 1.21\n`, 'a.go': 'package a\n', ...files } });

const P = `${A}@v1.0.0/`;
const bytes = (t: string) => new TextEncoder().encode(t);
/** a@v1.0.0 with a zip of raw entries (go.mod and a.go first), names under a's prefix. */
const rawZip = (...extra: RawZipEntry[]): ProxyMod =>
  a({
    zipBytes: writeZip([
      { name: P + 'go.mod', data: bytes(`module ${A}\n\ngo 1.21\n`) },
      { name: P + 'a.go', data: bytes('package a\n') },
      ...extra.map((e) => ({ ...e, name: typeof e.name === 'string' ? P + e.name : e.name })),
    ]),
  });

const cases: Record<string, BadCase> = {
  good: { mods: [a()], sums: ['full', 'none', 'mods', 'bad', 'badmod'] },
  goodReadonly: { mods: [a()], sums: ['none', 'mods'], env: { GOFLAGS: '-modcacherw -mod=readonly' } },
  // go.mod of a dependency
  pathMismatch: { mods: [a({ mod: 'module example.com/other\n\ngo 1.21\n' })], sums: ['full', 'none'] },
  modNoVersion: { mods: [a({ mod: `module ${A}\n\nrequire (\n\t${B}\n)\n` })] },
  modUnknownDirective: { mods: [a({ mod: `module ${A}\n\nbogus directive\n` })] },
  modUnterminated: { mods: [a({ mod: `module ${A}\n\nrequire "${B} v1.0.0\n` })] },
  modNoModuleLine: { mods: [a({ mod: 'go 1.21\n' })] },
  badGoLine: { mods: [a({ mod: `module ${A}\n\ngo 1.x\n` })] },
  newerGo: { mods: [a({ mod: `module ${A}\n\ngo 1.99\n` })], sums: ['full', 'none'] },
  newerGoPatch: { mods: [a({ mod: `module ${A}\n\ngo 1.23.99\n` })] },
  toolchainLine: { mods: [a({ mod: `module ${A}\n\ngo 1.21\n\ntoolchain go1.99.1\n` })] },
  depReplaceExclude: {
    mods: [
      aNeedsB('v1.0.0', `\nreplace ${B} => example.com/c v1.0.0\n\nexclude ${B} v1.0.0\n`),
      b(),
      { path: 'example.com/c', version: 'v1.0.0' },
    ],
  },
  depRetracted: {
    mods: [aNeedsB('v1.1.0'), b('v1.1.0'), b('v1.2.0', { mod: `module ${B}\n\ngo 1.21\n\nretract v1.1.0\n` })],
    get: `${B}@v1.1.0`,
  },
  depMissingVersion: { mods: [aNeedsB('v1.5.0'), b()] },
  mainMissingVersion: { mods: [a()], require: [[A, 'v1.5.0']], sums: ['none'] },
  // proxy files
  noMod: { mods: [a({ mod: null, files: { 'go.mod': `module ${A}\n`, 'a.go': 'package a\n' } })], sums: ['none'] },
  noInfo: { mods: [a({ info: null })] },
  noZip: { mods: [a({ zip: null })] },
  listedNoFiles: { mods: [a(), a({ version: 'v1.1.0', mod: null, info: null, zip: null })], get: `${A}@latest` },
  badInfoJSON: { mods: [a({ info: '{"Version": ' })], get: `${A}@latest` },
  infoMismatch: { mods: [a({ info: '{"Version":"v1.0.1","Time":"2023-01-01T00:00:00Z"}\n' })], get: `${A}@latest` },
  zipWrongPrefix: { mods: [a({ prefix: `${A}@v1.0.1/` })] },
  zipGoModDiffers: { mods: [a({ files: { 'go.mod': `module ${A}\n\ngo 1.21\n\nrequire ${B} v1.0.0\n`, 'a.go': 'package a\n' } }), b()] },
  zipNested: { mods: [a({ files: { 'go.mod': `module ${A}\n\ngo 1.21\n`, 'a.go': 'package a\n', 'sub/go.mod': `module ${A}/sub\n`, 'sub/s.go': 'package sub\n' } })] },
  zipCaseCollide: { mods: [a({ files: { 'go.mod': `module ${A}\n\ngo 1.21\n`, 'a.go': 'package a\n', 'A.go': 'package a\n' } })] },
  zipVendor: {
    mods: [a({ files: { 'go.mod': `module ${A}\n\ngo 1.21\n`, 'a.go': 'package a\n', 'vendor/modules.txt': '', 'vendor/example.com/x/x.go': 'package x\n' } })],
  },
  // more go.mod defects of dependencies, and of modules they require
  modCRLF: { mods: [a({ mod: `module ${A}\r\n\r\ngo 1.21\r\n` })] },
  modQuoted: { mods: [a({ mod: `module "${A}" // the module\n\ngo 1.21\n` })] },
  modEmpty: { mods: [a({ mod: '' })], sums: ['full', 'none'] },
  modFutureDirectives: { mods: [a({ mod: `module ${A}\n\ngo 1.21\n\ngodebug default=go1.21\n\ntool example.com/a/cmd\n\nignore ./x\n` })] },
  modBadRequirePath: { mods: [a({ mod: `module ${A}\n\ngo 1.21\n\nrequire Example..com/x v1.0.0\n` })] },
  modBadRequireVersion: { mods: [a({ mod: `module ${A}\n\ngo 1.21\n\nrequire ${B} v1.0\n` })] },
  modRequireV2NoSuffix: { mods: [a({ mod: `module ${A}\n\ngo 1.21\n\nrequire ${B} v2.0.0\n` })] },
  modRequiresSelf: { mods: [a({ mod: `module ${A}\n\ngo 1.21\n\nrequire ${A} v1.1.0\n` }), a({ version: 'v1.1.0' })] },
  deprecated: { mods: [a({ mod: `// Deprecated: use example.com/b.\nmodule ${A}\n\ngo 1.21\n` })] },
  selfRetracted: { mods: [a(), a({ version: 'v1.1.0', mod: `module ${A}\n\ngo 1.21\n\n// broken\nretract v1.0.0\n` })] },
  chainPathMismatch: { mods: [aNeedsB('v1.0.0'), b('v1.0.0', { mod: 'module example.com/other\n' })], sums: ['full', 'none'] },
  chainNewerGo: { mods: [aNeedsB('v1.0.0'), b('v1.0.0', { mod: `module ${B}\n\ngo 1.99\n` })] },
  chainNoMod: { mods: [aNeedsB('v1.0.0'), b('v1.0.0', { mod: null, files: { 'go.mod': `module ${B}\n`, 'b.go': 'package b\n' } })] },
  chainSyntax: { mods: [aNeedsB('v1.0.0'), b('v1.0.0', { mod: `module ${B}\nrequire x\n` })] },
  chainNoZip: { mods: [aNeedsB('v1.0.0'), b('v1.0.0', { zip: null })] },
  cycleUpgrade: {
    mods: [aNeedsB('v1.0.0'), b('v1.0.0', { mod: `module ${B}\n\ngo 1.21\n\nrequire ${A} v1.1.0\n` }), a({ version: 'v1.1.0', mod: `module ${A}\n\ngo 1.99\n` })],
  },
  newerGoAuto: { mods: [a({ mod: `module ${A}\n\ngo 1.99\n` })], env: { GOTOOLCHAIN: 'auto' } },
  incompatible: {
    mods: [{ path: A, version: 'v2.0.0+incompatible', mod: `module ${A}\n` }],
    require: [[A, 'v2.0.0+incompatible']],
  },
  // more proxy defects
  listJunk: { mods: [a(), a({ version: 'v1.1.0', listed: false })], get: `${A}@latest`, listExtra: 'v1.0\nlatest\nv1.1.0 extra words\nv2.0.0\nv1.0.0\n' },
  infoNoTime: { mods: [a({ info: '{"Version":"v1.0.0"}\n' })], get: `${A}@v1.0.0` },
  infoNonCanonical: { mods: [a({ info: '{"Version":"v1.0","Time":"2023-01-01T00:00:00Z"}\n' })], get: `${A}@latest` },
  infoEmpty: { mods: [a({ info: '' })], get: `${A}@latest` },
  zipGarbage: { mods: [a({ zipBytes: new TextEncoder().encode('this is not a zip file') })] },
  zipEmpty: { mods: [a({ files: {} })] },
  zipNoGoMod: { mods: [a({ files: { 'a.go': 'package a\n' } })] },
  zipBadName: { mods: [a(zipOf({ 'x/a:b.go': 'package x\n' }))] },
  zipDotDot: { mods: [a(zipOf({ '../evil.go': 'package x\n' }))] },
  zipBackslash: { mods: [a(zipOf({ 'x\\y.go': 'package x\n' }))] },
  zipDirEntry: { mods: [a(zipOf({ 'd/': '' }))] },
  zipDupName: { mods: [a({ entries: [['go.mod', `module ${A}\n`], ['a.go', 'package a\n'], ['a.go', 'package a\n']] })] },
  zipSubGoModOnly: { mods: [a(zipOf({ 'sub/go.mod': `module ${A}/sub\n` }))] },
  // a good v1.0.0 required, a defective v1.1.0 asked for by go get
  upPathMismatch: { mods: [a(), a({ version: 'v1.1.0', mod: 'module example.com/other\n' })], get: `${A}@v1.1.0` },
  upNewerGo: { mods: [a(), a({ version: 'v1.1.0', mod: `module ${A}\n\ngo 1.99\n` })], get: `${A}@latest` },
  upNoZip: { mods: [a(), a({ version: 'v1.1.0', zip: null })], get: `${A}@upgrade` },
  upNoMod: { mods: [a(), a({ version: 'v1.1.0', mod: null })], get: `${A}@v1.1` },
  upBadInfo: { mods: [a(), a({ version: 'v1.1.0', info: 'not json' })], get: `${A}@v1.1.0` },
  upSyntax: { mods: [a(), a({ version: 'v1.1.0', mod: `module ${A}\n\nrequire (\n` })], get: `${A}@>v1.0.0` },
  upNestedPkg: { mods: [a(), a({ version: 'v1.1.0', ...zipOf({ 'sub/go.mod': `module ${A}/sub\n`, 'sub/s.go': 'package sub\n' }) })], get: `${A}/sub@v1.1.0` },
  importNestedPkg: {
    mods: [a(zipOf({ 'sub/go.mod': `module ${A}/sub\n`, 'sub/s.go': 'package sub\n' }))],
    imports: [`${A}/sub`],
    sums: ['full', 'none'],
  },
  importVendoredPkg: { mods: [a(zipOf({ 'vendor/example.com/x/x.go': 'package x\n' }))], imports: [`${A}/vendor/example.com/x`] },
  // GOPROXY lists: a proxy without the module, then one with it
  proxyFallback: { mods: [a()], env: { GOPROXY: 'file:///nonexistent-proxy,PROXY' } },
  proxyPipe: { mods: [a()], env: { GOPROXY: 'file:///nonexistent-proxy|PROXY' } },
  proxyOff: { mods: [a()], env: { GOPROXY: 'off' }, sums: ['full', 'none'] },
  // defects reached through the main module's go.mod
  chainBadSum: { mods: [aNeedsB('v1.0.0'), b()], sums: ['bad', 'badmod'], badPath: B },
  replaceToMismatch: { mods: [a(), a({ version: 'v1.1.0', mod: 'module example.com/other\n' })], modExtra: `\nreplace ${A} => ${A} v1.1.0\n` },
  replaceToOther: {
    mods: [a(), { path: 'example.com/c', version: 'v1.0.0', mod: `module ${A}\n\ngo 1.21\n`, files: { 'go.mod': `module ${A}\n`, 'a.go': 'package a\n' } }],
    modExtra: `\nreplace ${A} v1.0.0 => example.com/c v1.0.0\n`,
    sums: ['full', 'none'],
  },
  replaceToOtherMismatch: {
    mods: [a(), { path: 'example.com/c', version: 'v1.0.0', mod: 'module example.com/d\n' }],
    modExtra: `\nreplace ${A} v1.0.0 => example.com/c v1.0.0\n`,
  },
  replaceToMissing: { mods: [a()], modExtra: `\nreplace ${A} => example.com/c v1.0.0\n`, sums: ['none'] },
  replaceToDirBadMod: { mods: [a()], modExtra: `\nreplace ${A} => ./local\n`, files: { 'local/go.mod': `module ${A}\n\ngo 1.x\n`, 'local/a.go': 'package a\n' } },
  replaceToDirOtherPath: { mods: [a()], modExtra: `\nreplace ${A} => ./local\n`, files: { 'local/go.mod': 'module example.com/zz\n', 'local/a.go': 'package a\n' } },
  replaceToDirNoMod: { mods: [a()], modExtra: `\nreplace ${A} => ./local\n`, files: { 'local/a.go': 'package a\n' } },
  replaceToDirNewerGo: { mods: [a()], modExtra: `\nreplace ${A} => ./local\n`, files: { 'local/go.mod': `module ${A}\n\ngo 1.99\n`, 'local/a.go': 'package a\n' } },
  excludeRequired: { mods: [a(), a({ version: 'v1.1.0' })], modExtra: `\nexclude ${A} v1.0.0\n`, sums: ['full', 'none'] },
  excludeAll: { mods: [a()], modExtra: `\nexclude ${A} v1.0.0\n` },
  requireRetracted: { mods: [a(), a({ version: 'v1.1.0', mod: `module ${A}\n\ngo 1.21\n\nretract [v1.0.0, v1.0.5] // bad\n` })] },
  repeatedGo: { mods: [a({ mod: `module ${A}\n\ngo 1.21\ngo 1.22\n` })] },
  depV2Path: { mods: [a({ mod: `module ${A}/v2\n` })] },
  latestOnly: {
    mods: [a({ version: 'v0.0.0-20230101000000-abcdefabcdef', listed: false })],
    require: [[A, 'v0.0.0-20230101000000-abcdefabcdef']],
    latest: '{"Version":"v0.0.0-20230101000000-abcdefabcdef","Time":"2023-01-01T00:00:00Z"}\n',
    get: `${A}@latest`,
  },
  latestBad: { mods: [a({ listed: false })], latest: '{"Version":', get: `${A}@latest` },
  depPseudoMissing: { mods: [aNeedsB('v0.0.0-20230101000000-abcdefabcdef'), b()] },
  // zips as archives: declared sizes, checksums, methods, symlinks
  zipTooLarge: { mods: [rawZip({ name: 'big.txt', data: bytes('x'), uncompressedSize: 600 << 20 })] },
  zipGoModTooLarge: {
    mods: [a({ zipBytes: writeZip([{ name: P + 'go.mod', data: bytes(`module ${A}\n`), uncompressedSize: 17 << 20 }, { name: P + 'a.go', data: bytes('package a\n') }]) })],
  },
  zipLicenseTooLarge: { mods: [rawZip({ name: 'LICENSE', data: bytes('MIT'), uncompressedSize: 17 << 20 })] },
  zipSizeLie: { mods: [rawZip({ name: 'b.go', data: bytes('package a\n'), uncompressedSize: 3 })] },
  zipBadCRC: { mods: [rawZip({ name: 'b.go', data: bytes('package a\n'), crc32: 12345 })] },
  zipBadMethod: { mods: [rawZip({ name: 'b.go', data: bytes('package a\n'), method: 99 })] },
  zipStored: { mods: [rawZip({ name: 'b.go', data: bytes('package a\n'), method: 0 })] },
  zipSymlink: { mods: [rawZip({ name: 'l.go', data: bytes('a.go'), externalAttrs: (0o120777 << 16) >>> 0, creatorVersion: 0x0314 })] },
  zipOtherModPrefix: { mods: [a({ prefix: `${B}@v1.0.0/` })] },
  zipAbsName: { mods: [a({ zipBytes: writeZip([{ name: '/' + P + 'go.mod', data: bytes(`module ${A}\n`) }]) })] },
  zipNonUTF8Name: { mods: [rawZip({ name: new Uint8Array([...bytes(P), 0xff, 0x2e, 0x67, 0x6f]), data: bytes('package a\n') })], sums: ['none', 'full'] },
  zipNonUTF8Dir: { mods: [rawZip({ name: new Uint8Array([...bytes(P), 0x64, 0xc0, 0x2f, 0x78, 0x2e, 0x67, 0x6f]), data: bytes('package x\n') })], sums: ['none'] },
  modPathCase: { mods: [a({ mod: 'module example.com/A\n' })] },
  modTrailing: { mods: [a({ mod: `module ${A} extra\n` })] },
  listCRLF: { mods: [a({ listed: false }), a({ version: 'v1.1.0', listed: false })], listExtra: 'v1.0.0\r\nv1.1.0\r\n', get: `${A}@latest` },
  // code defects of dependencies (package loading in the module cache)
  depImportsMissing: { mods: [a(zipOf({ 'a.go': 'package a\n\nimport _ "example.com/missing/pkg"\n' }))], sums: ['full', 'none'] },
  depImportsUnrequired: { mods: [a(zipOf({ 'a.go': `package a\n\nimport _ "${B}"\n` })), b()] },
  depImportsOtherInternal: {
    mods: [a(zipOf({ 'a.go': `package a\n\nimport _ "${B}/internal/x"\n` })), b('v1.0.0', { files: { 'go.mod': `module ${B}\n`, 'b.go': 'package b\n', 'internal/x/x.go': 'package x\n' } })],
  },
  depNoGoFiles: { mods: [a({ files: { 'go.mod': `module ${A}\n\ngo 1.21\n`, 'README': 'hi\n' } })] },
  depConstrainedOut: { mods: [a(zipOf({ 'a.go': '//go:build ignore\n\npackage a\n' }))] },
  depSyntaxError: { mods: [a(zipOf({ 'a.go': 'package a\n\nimport (\n\t1\n)\n' }))] },
  depTwoPackages: { mods: [a(zipOf({ 'b.go': 'package b\n' }))] },
  depImportsMain: { mods: [a(zipOf({ 'a.go': 'package main\n\nfunc main() {}\n' }))] },
  depImportCycle: { mods: [a(zipOf({ 'a.go': `package a\n\nimport _ "${A}/c"\n`, 'c/c.go': `package c\n\nimport _ "${A}"\n` }))] },
  infoBadTime: { mods: [a({ info: '{"Version":"v1.0.0","Time":"yesterday"}\n' })], get: `${A}@latest` },
  infoOrigin: { mods: [a({ info: '{"Version":"v1.0.0","Time":"2023-01-01T00:00:00Z","Origin":{"VCS":"git","URL":"https://x","Hash":"abc"}}\n' })], get: `${A}@latest` },
  infoOriginExact: { mods: [a({ info: '{"Version":"v1.0.0","Time":"2023-01-01T00:00:00Z","Origin":{"VCS":"git","URL":"https://x","Hash":"abc"}}\n' })] },
  proxyTrailingSlash: { mods: [a()], env: { GOPROXY: 'PROXY/' } },
  // unpruned modules (no go line, or go before 1.17) load their dependencies' go.mod files
  unprunedDepMismatch: {
    mods: [a({ mod: `module ${A}\n\nrequire ${B} v1.0.0\n`, files: { 'go.mod': `module ${A}\n\nrequire ${B} v1.0.0\n`, 'a.go': 'package a\n' } }), b('v1.0.0', { mod: 'module example.com/other\n' })],
    sums: ['full', 'mods'],
  },
  unprunedDepMissingMod: {
    mods: [a({ mod: `module ${A}\n\ngo 1.16\n\nrequire ${B} v1.0.0\n`, files: { 'go.mod': `module ${A}\n\ngo 1.16\n\nrequire ${B} v1.0.0\n`, 'a.go': 'package a\n' } }), b('v1.0.0', { mod: null })],
  },
  unprunedDepNewerGo: {
    mods: [a({ mod: `module ${A}\n\nrequire ${B} v1.0.0\n`, files: { 'go.mod': `module ${A}\n\nrequire ${B} v1.0.0\n`, 'a.go': 'package a\n' } }), b('v1.0.0', { mod: `module ${B}\n\ngo 1.99\n` })],
  },
  mainUnpruned: { mods: [aNeedsB('v1.0.0'), b('v1.0.0', { mod: 'module example.com/other\n' })], mainGo: '1.16', sums: ['full', 'mods'] },
  chainSumsMods: { mods: [aNeedsB('v1.0.0'), b()], sums: ['mods'] },
  // go get -u and @none over defective versions
  getUpgradeBroken: { mods: [aNeedsB('v1.0.0'), b(), b('v1.1.0', { mod: 'module example.com/other\n' })], get: '-u ./...' },
  getUpgradeNewerGo: { mods: [aNeedsB('v1.0.0'), b(), b('v1.1.0', { mod: `module ${B}\n\ngo 1.99\n` })], get: `-u ${A}` },
  getNoneBrokenDep: { mods: [aNeedsB('v1.0.0'), b('v1.0.0', { zip: null })], get: `${B}@none` },
  getPatchNoZip: { mods: [a(), a({ version: 'v1.0.1', zip: null })], get: `${A}@patch` },
  // GOPROXY lists ending in off, and proxy directories whose names need escaping in a URL
  proxyThenOff: { mods: [a()], require: [[A, 'v1.5.0']], env: { GOPROXY: 'PROXY,off' }, sums: ['none'] },
  proxyPipeOff: { mods: [a()], env: { GOPROXY: 'file:///nonexistent-proxy|off' } },
  proxyDirSpace: { mods: [a({ zip: null })], proxyDir: 'pro xy', sums: ['none'] },
  proxyDirPercent: { mods: [a()], proxyDir: 'p%41x', sums: ['none'] },
  proxyDirHash: { mods: [a()], proxyDir: 'p#x', sums: ['none'] },
  upperPath: { mods: [{ path: 'example.com/Upper', version: 'v1.0.0' }], require: [['example.com/Upper', 'v1.0.0']], sums: ['full', 'none'] },
  upperUnescaped: { mods: [{ path: 'example.com/Upper', version: 'v1.0.0', dir: 'example.com/Upper' }], require: [['example.com/Upper', 'v1.0.0']] },
  v2NoSuffix: { mods: [{ path: `${A}/v2`, version: 'v2.0.0', mod: `module ${A}\n\ngo 1.21\n` }], require: [[`${A}/v2`, 'v2.0.0']], sums: ['full', 'none'] },
};

/**
 * A seeded random universe of three modules (two versions each, random requirements, go lines and
 * imports), a few of whose versions get one defect each; the main module requires and imports
 * some of them. BADDEPS_SEEDS=A-B picks other seeds (default 1-6).
 */
function randomCase(seed: number): BadCase {
  const r = rng(seed);
  const paths = ['example.com/a', 'example.com/b', 'example.com/c'];
  const versions = ['v1.0.0', 'v1.1.0'];
  const mods: ProxyMod[] = [];
  for (const [i, path] of paths.entries()) {
    for (const version of versions) {
      const reqs = paths.filter((p, j) => j !== i && r.chance(j > i ? 0.6 : 0.15)).map((p) => [p, r.pick(versions)] as const);
      const goLine = r.pick(['', 'go 1.16\n', 'go 1.21\n', 'go 1.21\n', 'go 1.22\n', 'go 1.99\n']);
      let mod = `module ${path}\n\n${goLine}${reqs.length ? `\nrequire (\n${reqs.map(([p, v]) => `\t${p} ${v}\n`).join('')})\n` : ''}`;
      const imports = reqs.filter(() => r.chance(0.8)).map(([p]) => p);
      const code = `package ${pkgName(path)}\n${imports.length ? `\nimport (\n${imports.map((p) => `\t_ "${p}"\n`).join('')})\n` : ''}`;
      const m: ProxyMod = { path, version, files: { 'go.mod': mod, [`${pkgName(path)}.go`]: code } };
      if (r.chance(0.15)) {
        const defect = r.pick(['mismatch', 'noMod', 'noZip', 'noInfo', 'badInfo', 'prefix', 'syntax', 'zipGoMod', 'unlisted', 'retract']);
        if (defect === 'mismatch') mod = 'module example.com/other\n';
        else if (defect === 'noMod') m.mod = null;
        else if (defect === 'noZip') m.zip = null;
        else if (defect === 'noInfo') m.info = null;
        else if (defect === 'badInfo') m.info = '{';
        else if (defect === 'prefix') m.prefix = `${path}@v9.9.9/`;
        else if (defect === 'syntax') mod = `module ${path}\n\nrequire (\n`;
        else if (defect === 'zipGoMod') m.files!['go.mod'] = `module ${path}\n\nrequire example.com/zz v1.0.0\n`;
        else if (defect === 'unlisted') m.listed = false;
        else if (version === 'v1.1.0') mod += '\nretract v1.0.0\n';
      }
      if (m.mod === undefined) m.mod = mod;
      mods.push(m);
    }
  }
  const req = paths.filter((p, i) => i === 0 || r.chance(0.3)).map((p) => [p, r.pick(versions)] as [string, string]);
  const target = r.pick(paths);
  return {
    mods,
    require: req,
    imports: req.map(([p]) => p).filter((p, i) => i === 0 || r.chance(0.5)),
    sums: [r.pick(['full', 'full', 'none', 'mods'] as const)],
    get: r.pick([`${target}@latest`, `${target}@v1.0.0`, `${target}@v1.1.0`, '-u ./...', `${target}@none`]),
  };
}

const seedRange = /^(\d+)-(\d+)$/.exec(process.env.BADDEPS_SEEDS ?? '1-6')!;
for (let seed = +seedRange[1]!; seed <= +seedRange[2]!; seed++) cases[`random${seed}`] = randomCase(seed);

/** Run for every case and go.sum variant. */
const always: string[][] = [
  ['mod', 'tidy'],
  ['list', '-m', 'all'],
  ['build', './...'],
  ['get', 'GET'],
];
/**
 * Run for each case's first go.sum variant: mod download always, then one of the others in
 * turn (case i runs others[i % n]); BADDEPS_ALL=1 runs them all for every case (a longer run
 * by hand). go mod verify runs in the sequence below, where the module cache is filled.
 */
const firstSum: string[][] = [['mod', 'download']];
const others: string[][] = [
  ['mod', 'graph'],
  ['list', '-m', '-u', '-retracted', 'all'],
  ['mod', 'download', '-json', 'GET'],
  ['list', '-m', '-versions', '-json', 'GET'],
  ['mod', 'tidy', '-e'],
  ['list', '-e', '-deps', '-f', '{{.ImportPath}} {{with .Module}}{{.Path}} {{.Version}}{{end}} {{.Error}}', './...'],
];
const allCommands = process.env.BADDEPS_ALL === '1';

/** Run in this order in one main module copy and module cache per side (first go.sum variant). */
const sequence: string[][] = [
  ['mod', 'download'],
  ['mod', 'verify'],
  ['build', './...'],
  ['mod', 'tidy'],
  ['mod', 'verify'],
];

async function mainFiles(c: BadCase, sum: SumMode): Promise<Record<string, string>> {
  const req = c.require ?? [[A, 'v1.0.0']];
  const imports = c.imports ?? req.map(([p]) => p);
  const files: Record<string, string> = {
    'go.mod': `module m\n\ngo ${c.mainGo ?? '1.23'}\n\nrequire (\n${req.map(([p, v]) => `\t${p} ${v}\n`).join('')})\n${c.modExtra ?? ''}`,
    'm.go': `package m\n\nimport (\n${imports.map((p) => `\t_ "${p}"\n`).join('')})\n`,
    ...c.files,
  };
  if (sum !== 'none') files['go.sum'] = await goSumFor(c.mods, sum, c.badPath);
  return files;
}

describe('bad dependencies and bad proxy content vs real go', () => {
  it('match real go', async () => {
    const gocache = join(tmp, 'gocache');
    const jobs: (() => Promise<{ same: boolean; text: string }[]>)[] = [];
    const note = (title: string, go: SideOut, d: string[]) => {
      if (dump) appendFileSync(dump, `=== ${title}: ${d.length === 0 ? 'same' : 'DIFF'}\nexit ${go.code}\n${go.stdout}${go.stderr}\n`);
      return { same: d.length === 0, text: `${title}:\n  ${d.join('\n  ')}` };
    };
    // BADDEPS_ONLY=<regexp> runs only the cases whose names match
    const only = new RegExp(process.env.BADDEPS_ONLY ?? '');
    let ran = 0;
    for (const [caseIndex, [name, c]] of Object.entries(cases).entries()) {
      if (!only.test(name)) continue;
      ran++;
      const proxy = join(tmp, name, c.proxyDir ?? 'proxy');
      writeProxy(proxy, c.mods, c);
      const req = c.require ?? [[A, 'v1.0.0']];
      const get = c.get ?? `${req[0]![0]}@${req[0]![1]}`;
      const argsOf = (cmd: string[]) => cmd.flatMap((x) => (x !== 'GET' ? [x] : cmd[0] === 'list' ? [get.split(' ').pop()!.replace(/@.*/, '')] : get.split(' ')));
      for (const [si, sum] of (c.sums ?? ['full']).entries()) {
        const files = await mainFiles(c, sum);
        if (si === 0) {
          jobs.push(async () => {
            const root = join(tmp, name, `seq`);
            const runs = await runSequence(root, proxy, files, sequence.map(argsOf), c.env ?? {}, gocache);
            rmSync(root, { recursive: true, force: true });
            return runs.map((r, i) => note(`${name} (go.sum ${sum}) sequence #${i + 1} go ${r.args.join(' ')}`, r.go, sideDiff(r.go, r.ms)));
          });
        }
        const cmds = si > 0 ? always : [...always, ...firstSum, ...(allCommands ? others : [others[caseIndex % others.length]!])];
        for (const [ci, cmd] of cmds.entries()) {
          const args = argsOf(cmd);
          jobs.push(async () => {
            const root = join(tmp, name, `${sum}-${ci}`);
            mkdirSync(root, { recursive: true });
            const { go, ms } = await runBothSides(root, proxy, files, args, c.env ?? {}, gocache);
            rmSync(root, { recursive: true, force: true });
            return [note(`${name} (go.sum ${sum}) go ${args.join(' ')}`, go, sideDiff(go, ms))];
          });
        }
      }
    }
    const results = (await limited(jobs, 3)).flat();
    const diffs = results.filter((r) => !r.same).map((r) => r.text);
    console.log(`bad deps: ${ran} cases, ${results.length} runs, ${results.length - diffs.length} identical, ${diffs.length} differing (go ${sideMs.go} ms, modscope ${sideMs.ms} ms)`);
    expect(diffs).toEqual([]);
  }, 180_000);
});

