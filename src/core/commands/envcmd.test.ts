// Differential tests of `go env` against real go 1.23: named variables (GOMOD/GOWORK found as
// modload.Init does, in and outside modules, GO111MODULE modes, GOWORK settings), -json,
// -changed, the listing of the variables modscope knows, and the flag / -w / -u errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';
import { mkEnv, updateEnvFile } from './envcmd';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-env-'));
});
afterAll(() => removeAll(work));

const mod = { 'go.mod': 'module example.com/m\n', 'sub/x.txt': '' };
const ws = { 'go.work': 'go 1.22\nuse ./a\n', 'a/go.mod': 'module example.com/a\n', 'a/b/x.txt': '' };
const vars = ['GOMOD', 'GOWORK'];
const known = mkEnv({}).map((e) => e.name).filter((n) => n !== 'GOCACHE');

const cases: (Scenario & { name: string })[] = [
  { name: 'module root', args: ['env', ...vars], files: mod },
  { name: 'module subdir', args: ['env', ...vars], files: mod, cwd: 'sub' },
  { name: 'no module, on', args: ['env', ...vars], files: { 'x.txt': '' } },
  { name: 'no module, auto', args: ['env', ...vars], files: { 'x.txt': '' }, env: { GO111MODULE: 'auto' } },
  { name: 'module, auto', args: ['env', ...vars], files: mod, cwd: 'sub', env: { GO111MODULE: 'auto' } },
  { name: 'module, off', args: ['env', ...vars], files: mod, env: { GO111MODULE: 'off' } },
  { name: 'bad GO111MODULE', args: ['env', 'GOMOD'], files: mod, env: { GO111MODULE: 'bogus' } },
  { name: 'bad GO111MODULE, other var', args: ['env', 'GOPROXY'], files: mod, env: { GO111MODULE: 'bogus' } },
  { name: 'workspace', args: ['env', ...vars], files: ws, cwd: 'a/b', env: { GOWORK: '' } },
  { name: 'workspace, GOWORK=off', args: ['env', ...vars], files: ws, cwd: 'a/b', env: { GOWORK: 'off' } },
  { name: 'GOWORK relative', args: ['env', ...vars], files: mod, env: { GOWORK: 'x/go.work' } },
  { name: 'GOWORK absolute', args: ['env', ...vars], files: mod, env: { GOWORK: '/nonexistent/go.work' } },
  { name: 'settings', args: ['env', 'GOPROXY', 'GONOPROXY', 'GONOSUMDB', 'GOPRIVATE', 'GOFLAGS', 'GOINSECURE', 'GOVCS'], files: mod, env: { GOPRIVATE: 'example.com/p', GOFLAGS: '-mod=mod' } },
  { name: 'defaults', args: ['env', 'GOSUMDB', 'GOTOOLCHAIN', 'GOPROXY', 'GOEXE', 'GOHOSTOS', 'GOTOOLDIR', 'GOVERSION', 'UNKNOWN', 'CC'], files: mod, env: { GOSUMDB: '', GOTOOLCHAIN: '', GOPROXY: '' } },
  { name: 'GOMODCACHE from GOPATH', args: ['env', 'GOMODCACHE', 'GOPATH'], files: mod, env: { GOMODCACHE: '', GOPATH: '/a/b:/c' } },
  { name: 'json named', args: ['env', '-json', 'GOMOD', 'GOPROXY', 'GOMOD', 'GOFLAGS'], files: mod, env: { GOFLAGS: '-tags=a<b&c' } },
  { name: 'json all known', args: ['env', '-json', ...known], files: mod },
  { name: 'changed', args: ['env', '-changed', ...known], files: mod, env: { GOPRIVATE: 'x', GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: 'off' } },
  { name: 'changed json', args: ['env', '-changed', '-json', 'GOPROXY', 'GOSUMDB', 'GOFLAGS'], files: mod },
  { name: 'name with =', args: ['env', 'GOPROXY=x'], files: mod },
  { name: '-json -w', args: ['env', '-json', '-w', 'GOPROXY=x'], files: mod },
  { name: '-u -w', args: ['env', '-u', '-w', 'GOPROXY=x'], files: mod },
  { name: '-w no args', args: ['env', '-w'], files: mod },
  { name: '-u no args', args: ['env', '-u'], files: mod },
  { name: '-w not KEY=VALUE', args: ['env', '-w', 'GOPROXY'], files: mod },
  { name: '-w GOMOD', args: ['env', '-w', 'GOMOD=x'], files: mod },
  { name: '-w GOENV', args: ['env', '-w', 'GOENV=x'], files: mod },
  { name: '-w unknown', args: ['env', '-w', 'FOO=x'], files: mod },
  { name: '-w GOPATH relative', args: ['env', '-w', 'GOPATH=rel'], files: mod },
  { name: '-w GOPATH tilde', args: ['env', '-w', 'GOPATH=~/go'], files: mod },
  { name: '-w GO111MODULE bad', args: ['env', '-w', 'GO111MODULE=yes'], files: mod },
  { name: '-u GOVERSION', args: ['env', '-u', 'GOVERSION'], files: mod },
  { name: 'bad flag', args: ['env', '-zz'], files: mod },
  { name: 'telemetry, config dir', args: ['env', 'GOTELEMETRY', 'GOTELEMETRYDIR', 'GODEBUG'], files: mod, env: { XDG_CONFIG_HOME: '/nonexistent/cfg' } },
  { name: 'telemetry, TEST_TELEMETRY_DIR', args: ['env', 'GOTELEMETRY', 'GOTELEMETRYDIR'], files: mod, env: { XDG_CONFIG_HOME: '/nonexistent/cfg', TEST_TELEMETRY_DIR: '/nonexistent/tel' } },
  { name: 'telemetry, relative config dir', args: ['env', '-json', 'GOTELEMETRY', 'GOTELEMETRYDIR'], files: mod, env: { XDG_CONFIG_HOME: 'rel/cfg' } },
  { name: 'GOFLAGS -json applies to go env', args: ['env', 'GOMOD', 'GOFLAGS'], files: mod, env: { GOFLAGS: '-json' } },
  { name: 'GOFLAGS -changed applies to go env', args: ['env', 'GOFLAGS', 'GOPROXY'], files: mod, env: { GOFLAGS: '--changed=true', GOPROXY: 'off' } },
  { name: 'cgo flags, defaults', args: ['env', 'CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_FFLAGS', 'CGO_LDFLAGS', 'PKG_CONFIG'], files: mod },
  { name: 'cgo flags, set', args: ['env', '-json', 'CGO_CFLAGS', 'CGO_LDFLAGS', 'PKG_CONFIG', 'CGO_CPPFLAGS'], files: mod, env: { CGO_CFLAGS: '-g  "-I/a b" -Dq=\'x\'', CGO_LDFLAGS: '-lm', PKG_CONFIG: 'pkgconf --static', CGO_CPPFLAGS: '-DX' } },
  { name: 'cgo flags, changed', args: ['env', '-changed', 'CGO_CFLAGS', 'CGO_LDFLAGS', 'PKG_CONFIG', 'CGO_CPPFLAGS', 'CGO_FFLAGS'], files: mod, env: { CGO_CFLAGS: '-g', CGO_LDFLAGS: '-lm', PKG_CONFIG: 'pkgconf', CGO_CPPFLAGS: '-DX' } },
  { name: 'GOFLAGS bad -json value', args: ['env', 'GOMOD'], files: mod, env: { GOFLAGS: '-json=maybe' } },
];

describe('go env vs real go', () => {
  const results: boolean[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      const { go, ours } = await runBoth(work, 'off', c);
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode });
      results.push(JSON.stringify(pick(go)) === JSON.stringify(pick(ours)));
      expect(pick(ours)).toEqual(pick(go));
    });
  }
  afterAll(() => console.log(`go env: ${results.filter(Boolean).length}/${cases.length} cases identical to real go`));
});

describe('updateEnvFile', () => {
  test('replaces the last line of a key, drops earlier ones and deleted keys, appends new keys sorted', () => {
    const text = '# comment\nGOPROXY=a\nGOFLAGS=-x\nGOPROXY=b\nGOSUMDB=off';
    expect(updateEnvFile(text, { GOPROXY: 'c', GOPRIVATE: 'p', GOINSECURE: 'i' }, new Set(['GOSUMDB']))).toBe(
      '# comment\nGOFLAGS=-x\nGOPROXY=c\nGOINSECURE=i\nGOPRIVATE=p\n',
    );
  });
});
