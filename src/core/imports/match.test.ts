import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../../../scripts/gotool.mjs';
import { tryParseConstraint } from './constraint';
import { anyTags, concreteTags, evalTags, knownArch, knownOS, matchFile, shouldBuild, type Tags } from './match';
import { Gen } from './testgen';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const b64 = (s: string | Uint8Array) => Buffer.from(typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');

const tagSets: Tags[] = [
  anyTags,
  concreteTags({ goos: 'linux', goarch: 'amd64', cgo: true, toolTags: ['amd64.v1'] }),
  concreteTags({ goos: 'windows', goarch: '386' }),
  concreteTags({ goos: 'android', goarch: 'arm64', buildTags: ['foo'] }),
  concreteTags({ goos: 'ios', goarch: 'arm64', cgo: true }),
  concreteTags({ goos: 'illumos', goarch: 'amd64', goMinor: 21 }),
  concreteTags({ goos: 'js', goarch: 'wasm', buildTags: ['α', 'a.b', 'ignore'] }),
  concreteTags({ goos: 'plan9', goarch: 'arm' }),
  { set: new Set(['*', 'linux']), goos: 'linux' },
];
const goArgs = (t: Tags) => [[...t.set], t.goos ?? ''];

/** Every 5th .go file of the Go source tree (sorted walk), first 4 KiB. */
function stdSample(): { name: string; data: Uint8Array }[] {
  const out: { name: string; data: Uint8Array }[] = [];
  let k = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (e.endsWith('.go') && k++ % 5 === 0) out.push({ name: p, data: readFileSync(p).subarray(0, 4096) });
    }
  };
  walk(GOROOT_SRC);
  return out;
}

describe('match vs cmd/go/internal/imports', () => {
  it('knows the same GOOS and GOARCH lists', async () => {
    const k = await oracle.value<{ os: Record<string, boolean>; arch: Record<string, boolean> }>('imports.known');
    expect([...knownOS].sort()).toEqual(Object.keys(k.os).sort());
    expect([...knownArch].sort()).toEqual(Object.keys(k.arch).sort());
  });

  it('ShouldBuild agrees on generated headers and std files', async () => {
    const seed = 4242;
    const g = new Gen(seed);
    const contents: Uint8Array[] = [];
    for (let i = 0; i < 1500; i++) contents.push(Buffer.from(g.goFile(), 'utf8'));
    const std = stdSample();
    for (const f of std) contents.push(f.data);
    const cases: { c: Uint8Array; t: Tags }[] = [];
    contents.forEach((c, i) => {
      cases.push({ c, t: tagSets[i % tagSets.length] });
      cases.push({ c, t: anyTags });
    });
    const want = await Promise.all(cases.map((x) => oracle.value<boolean>('imports.shouldBuild', b64(x.c), ...goArgs(x.t))));
    const got = cases.map((x) => shouldBuild(x.c, x.t));
    const bad = cases.map((x, i) => (got[i] === want[i] ? '' : Buffer.from(x.c).toString('utf8').slice(0, 300))).filter((s) => s);
    console.log(
      `shouldBuild seed=${seed}: ${cases.length} cases (${std.length} std files), ${cases.length - bad.length} identical, ${bad.length} differing; ` +
        `accepted ${got.filter((v) => v).length}`,
    );
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('eval with prefer (AnyTags both ways) agrees', async () => {
    const seed = 7;
    const g = new Gen(seed);
    const cases: { line: string; t: Tags; prefer: boolean }[] = [];
    while (cases.length < 800) {
      const line = '//go:build ' + g.expr();
      if (!tryParseConstraint(line).expr) continue;
      cases.push({ line, t: g.pick(tagSets), prefer: g.chance(0.5) });
    }
    const want = await Promise.all(cases.map((c) => oracle.value<boolean>('imports.eval', c.line, ...goArgs(c.t), c.prefer)));
    const got = cases.map((c) => evalTags(tryParseConstraint(c.line).expr!, c.t, c.prefer));
    console.log(`imports.eval seed=${seed}: ${cases.length} cases, ${got.filter((v, i) => v === want[i]).length} identical`);
    expect(got).toEqual(want);
  });

  it('MatchFile agrees on generated file names', async () => {
    const seed = 31337;
    const g = new Gen(seed);
    const names = ['linux.go', 'x_linux.go', 'x_linux_amd64.go', 'x_amd64_linux.go', 'x_test.go', 'x_linux_test.go', '_x_linux.go', 'a.b_linux.go', 'x_nacl.go', 'x_unix.go', 'x_android.go', 'x_ios_arm64_test.go', 'x_windows.s'];
    for (let i = 0; i < 700; i++) names.push(g.fileName());
    const cases = names.flatMap((n) => tagSets.map((t) => ({ n, t })));
    const want = await Promise.all(cases.map((c) => oracle.value<boolean>('imports.matchFile', c.n, ...goArgs(c.t))));
    const got = cases.map((c) => matchFile(c.n, c.t));
    console.log(`matchFile seed=${seed}: ${cases.length} cases, ${got.filter((v, i) => v === want[i]).length} identical`);
    expect(got).toEqual(want);
  });
});
