// `go env` and package loading for other platforms, against real go 1.23: the variable refining
// $GOARCH (GOARM, GOAMD64, GOARM64, ...) and its Changed, GOEXE, the default C compilers, the
// build-configuration errors every command stops on (buildcfg.Check: invalid GOARM64, GOWASM,
// GOEXPERIMENT, ...), go env -w/-u's configuration check, GOGCCFLAGS (its temporary directory's
// random number masked), the architecture and experiment build tags (buildcfg.ToolTags) and cgo's
// default without a C compiler on $PATH.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-envplat-'));
});
afterAll(() => removeAll(work));

const mod = { 'go.mod': 'module example.com/m\n\ngo 1.22\n' };
const archVars = ['GOARCH', 'GOOS', 'GOEXE', 'GOARM', 'GOARM64', 'GO386', 'GOAMD64', 'GOMIPS', 'GOMIPS64', 'GOPPC64', 'GORISCV64', 'GOWASM', 'CC', 'CXX', 'CGO_ENABLED'];

const platforms: Record<string, string>[] = [
  {},
  { GOOS: 'windows' },
  { GOOS: 'darwin', GOARCH: 'arm64' },
  { GOOS: 'freebsd', GOARCH: 'arm' },
  { GOARCH: '386', GO386: 'sse2' },
  { GOAMD64: 'v3' },
  { GOAMD64: 'v9' },
  { GOARCH: 'arm', GOARM: '7' },
  { GOARCH: 'arm', GOARM: '5' },
  { GOARCH: 'arm', GOARM: '6,softfloat' },
  { GOARCH: 'arm', GOARM: '9' },
  { GOARCH: 'arm64', GOARM64: 'v8.3' },
  { GOARCH: 'arm64', GOARM64: 'v9.1,crypto' },
  { GOARCH: 'arm64', GOARM64: 'v8.0,crypto,lse' },
  { GOARCH: 'mips64le', GOMIPS64: 'softfloat' },
  { GOARCH: 'mips' },
  { GOARCH: 'ppc64le', GOPPC64: 'power10' },
  { GOARCH: 'riscv64', GORISCV64: 'rva22u64' },
  { GOOS: 'js', GOARCH: 'wasm', GOWASM: 'signext,satconv' },
  { GOOS: 'wasip1', GOARCH: 'wasm' },
  { GOOS: 'aix', GOARCH: 'ppc64' },
  { GOOS: 'linux', GOARCH: 'sparc64' },
  { CGO_ENABLED: '0' },
  { CC: 'clang', CXX: 'clang++' },
  { GOEXPERIMENT: 'rangefunc,noregabi' },
  // no C compiler on $PATH: cgo defaults to off (cfg.go)
  { PATH: '/nonexistent' },
  { PATH: '/nonexistent', CC: 'gcc' },
];

const invalid: Record<string, string>[] = [
  { GOARM64: 'v7' },
  { GOWASM: 'bogus,signext' },
  { GOMIPS: 'x' },
  { GOPPC64: 'power7' },
  { GORISCV64: 'rva23u64' },
  { GOEXPERIMENT: 'bogus' },
  { GOEXPERIMENT: 'RangeFunc' },
  { GOWASM: 'x', GOEXPERIMENT: 'bogus' },
  { GOMIPS: 'x', GOARM64: 'v1' },
  { GOAMD64: 'v9', GOARM: '1' },
];

const cases: (Scenario & { name: string })[] = [
  ...platforms.map((env) => ({ name: `env ${JSON.stringify(env)}`, args: ['env', '-json', ...archVars], files: mod, env })),
  ...platforms.map((env) => ({ name: `env -changed ${JSON.stringify(env)}`, args: ['env', '-changed'], files: mod, env })),
  ...platforms.map((env) => ({ name: `GOGCCFLAGS ${JSON.stringify(env)}`, args: ['env', 'GOGCCFLAGS', 'CC'], files: mod, env })),
  ...invalid.flatMap((env) => [
    { name: `env ${JSON.stringify(env)}`, args: ['env', 'GOPATH'], files: mod, env },
    { name: `list -m ${JSON.stringify(env)}`, args: ['list', '-m'], files: mod, env },
    { name: `mod tidy ${JSON.stringify(env)}`, args: ['mod', 'tidy'], files: mod, env },
  ]),
  { name: 'unknown GOOS/GOARCH pair, full listing', args: ['env'], files: mod, env: { GOOS: 'linux', GOARCH: 'wasm' } },
  { name: 'unknown GOOS/GOARCH pair, named', args: ['env', 'GOARCH'], files: mod, env: { GOOS: 'bogus' } },
  { name: 'env -n GOGCCFLAGS', args: ['env', '-n', 'GOGCCFLAGS'], files: mod },
  { name: 'env -n GOGCCFLAGS, arm64', args: ['env', '-n', '-json', 'GOGCCFLAGS'], files: mod, env: { GOARCH: 'arm64' } },
  { name: 'GOTMPDIR missing', args: ['env', 'GOGCCFLAGS'], files: mod, env: { GOTMPDIR: '/nonexistent/tmp' } },
  { name: 'GOTMPDIR relative, missing', args: ['env'], files: mod, env: { GOTMPDIR: 'rel' } },
  { name: 'GOTMPDIR relative', args: ['env', 'GOGCCFLAGS'], files: { ...mod, 'tmp/x': '' }, env: { GOTMPDIR: 'tmp' } },
  { name: 'GOTMPDIR a file', args: ['env', 'GOGCCFLAGS'], files: { ...mod, f: '' }, env: { GOTMPDIR: 'f' } },
  { name: 'GOCACHE=off', args: ['env'], files: mod, env: { GOCACHE: 'off' } },
  { name: 'GOCACHE relative', args: ['env', 'GOGCCFLAGS'], files: mod, env: { GOCACHE: 'rel' } },
  { name: 'CC not found, GOCACHE=off', args: ['env', 'GOGCCFLAGS'], files: mod, env: { GOCACHE: 'off', CC: 'no-such-cc' } },
  { name: 'CC with arguments', args: ['env', 'GOGCCFLAGS'], files: mod, env: { CC: 'gcc -O1' } },
  { name: '-w unknown pair', args: ['env', '-w', 'GOOS=plan9', 'GOARCH=wasm'], files: mod },
  { name: '-w bad GOEXPERIMENT', args: ['env', '-w', 'GOEXPERIMENT=bad'], files: mod },
  { name: '-w GOEXPERIMENT over an invalid GOWASM', args: ['env', '-w', 'GOEXPERIMENT=arenas'], files: mod, env: { GOWASM: 'x', GOENV: 'goenv' } },
  { name: '-u GOOS, no env file', args: ['env', '-u', 'GOOS'], files: mod, env: { GOENV: 'missing-goenv' } },
];

// Files whose build constraints name the tool tags; go list reports which the platform builds.
const tagged: Record<string, string> = { ...mod, 'a.go': 'package m\n', 'c.go': 'package m\n\nimport "C"\n' };
for (const tag of ['amd64.v1', 'amd64.v2', 'amd64.v3', 'arm.5', 'arm.6', 'arm.7', 'arm64.v8.0', 'arm64.v8.2', 'arm64.v8.6', 'arm64.v9.0', 'arm64.v9.1', '386.sse2', '386.softfloat', 'mips.softfloat', 'mips64le.hardfloat', 'ppc64le.power9', 'riscv64.rva22u64', 'wasm.satconv', 'goexperiment.rangefunc', 'goexperiment.regabiargs', 'goexperiment.coverageredesign', 'goexperiment.arenas']) {
  tagged[`t_${tag.replace(/\./g, '_')}.go`] = `//go:build ${tag}\n\npackage m\n`;
}
for (const env of platforms.filter((e) => !e.GOOS || e.GOOS !== 'aix')) {
  cases.push({ name: `tool tags ${JSON.stringify(env)}`, args: ['list', '-f', '{{.GoFiles}} {{.IgnoredGoFiles}}', '.'], files: tagged, env });
}

const mask = (s: string) => s.replace(/go-build\d+/g, 'go-buildN');

describe('go env and tool tags on other platforms vs real go', () => {
  const results: boolean[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      const { go, ours } = await runBoth(work, 'off', c);
      const pick = (o: typeof go) => ({ stdout: mask(o.stdout), stderr: mask(o.stderr), exitCode: o.exitCode, files: o.files });
      results.push(JSON.stringify(pick(go)) === JSON.stringify(pick(ours)));
      expect(pick(ours)).toEqual(pick(go));
    });
  }
  afterAll(() => console.log(`go env / tool tags: ${results.filter(Boolean).length}/${cases.length} cases identical to real go`));
});
