// goenv against real go: `go env -json` for the module variables under combinations of
// environment and go/env file settings, and $GOFLAGS parse errors as go reports them.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { goFlagValue, parseGoFlags, readGoEnv } from './goenv';

const work = mkdtempSync(join(tmpdir(), 'modscope-goenv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(GO, args, { cwd: work, env }, (_err, stdout, stderr) => resolve({ stdout, stderr }));
  });
}

const keys = ['GOPROXY', 'GONOPROXY', 'GOPRIVATE', 'GONOSUMDB', 'GOSUMDB', 'GOFLAGS', 'GOINSECURE', 'GOVCS', 'GOMODCACHE', 'GOPATH'] as const;

describe('readGoEnv vs go env', () => {
  it('matches go env -json', async () => {
    const userFile = join(work, 'goenv-user');
    writeFileSync(userFile, 'GOPROXY=https://user.example\nGONOSUMDB=user.example/*\n# comment\nbad line\n');
    const cases: Record<string, string>[] = [
      {},
      { GOPRIVATE: 'example.com/private,*.corp' },
      { GOPRIVATE: 'a.example', GONOPROXY: 'b.example' },
      { GOPRIVATE: 'a.example', GONOSUMDB: 'c.example', GOSUMDB: 'off' },
      { GOPROXY: 'off', GOFLAGS: '-mod=mod -modcacherw' },
      { GOPROXY: 'https://a.example|https://b.example,direct', GOINSECURE: 'x.example', GOVCS: 'public:git' },
      { GOENV: userFile },
      { GOENV: userFile, GOPROXY: 'direct' },
      { GOMODCACHE: '/tmp/some/modcache' },
      { GOPATH: '/tmp/gp1:/tmp/gp2', GOMODCACHE: '' },
    ];
    for (const c of cases) {
      // Start from goEnv's offline defaults but leave unset what the case does not set.
      const env: Record<string, string> = { ...goEnv({}), GOENV: 'off' };
      for (const k of keys) delete env[k];
      env.GOPATH = join(work, 'gopath');
      Object.assign(env, c);
      const r = await run(['env', '-json', ...keys], env);
      const want = JSON.parse(r.stdout) as Record<string, string>;
      const userEnvFile = c.GOENV ? (await import('node:fs')).readFileSync(c.GOENV, 'utf8') : undefined;
      const got = readGoEnv(env, { userEnvFile });
      for (const k of keys) expect(got[k], `${k} for ${JSON.stringify(c)}`).toBe(want[k]);
    }
    console.log(`go env cases: ${cases.length} x ${keys.length} variables, all identical`);
  });

  it('parses $GOFLAGS as go does, with go\'s errors', async () => {
    const cases = ['-mod=mod', '-mod=mod -modcacherw', "'-ldflags=-s -w' -mod=readonly", 'mod=mod', '-', '--', '---x', '-=x', '"-mod=mod', "-x '-y"];
    let same = 0;
    for (const g of cases) {
      const env = { ...goEnv({ GOFLAGS: g }) };
      const r = await run(['list', '-m', '-versions', 'example.com/none@v1.0.0'], env);
      let ts: string;
      try {
        parseGoFlags(g, () => true);
        ts = '';
      } catch (e) {
        ts = 'go: ' + (e as Error).message + '\n';
      }
      const goErr = r.stderr.startsWith('go: parsing $GOFLAGS') ? r.stderr : '';
      expect(ts, g).toBe(goErr);
      same++;
    }
    console.log(`GOFLAGS cases: ${cases.length}, identical: ${same}`);
    expect(goFlagValue(parseGoFlags('-mod=mod --mod=vendor -modcacherw'), 'mod')).toBe('vendor');
    expect(goFlagValue(parseGoFlags('-mod=mod -modcacherw'), 'modcacherw')).toBe('true');
    expect(goFlagValue(parseGoFlags('-x'), 'mod')).toBeUndefined();
  });
});
