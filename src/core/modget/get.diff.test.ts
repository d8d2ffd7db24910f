// Differential tests of `go get` against real go 1.23: each case runs the same command line with
// go and with modscope on identical fresh copies of a main module and an empty module cache, over
// a file:// GOPROXY written from cmd/go/testdata/mod (read at test time), and compares stdout,
// stderr, exit status, go.mod and go.sum byte for byte. Where a case needs a go.sum, real go
// produces it first (GOFLAGS=-mod=mod go list -m all).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffEnv, goTestdataArchives, type Case } from '../../../scripts/difftest';
import { downloadsSorted } from './difftest';

let env: DiffEnv;
beforeAll(() => {
  env = new DiffEnv(goTestdataArchives());
});
afterAll(() => env?.close());

interface Spec extends Case {
  name: string;
  sum?: boolean;
}

const mod = (go: string, body = '') => `module example.com/m\n\ngo ${go}\n${body}`;
const req = (...rs: string[]) => (rs.length === 1 ? `\nrequire ${rs[0]}\n` : `\nrequire (\n${rs.map((r) => '\t' + r + '\n').join('')})\n`);

const specs: Spec[] = [];
const add = (name: string, files: Record<string, string>, args: string[], sum = true, extraEnv?: Record<string, string>) =>
  specs.push({ name, files, args: ['get', ...args], sum, env: extraEnv });

for (const go of ['1.16', '1.21']) {
  const base = { 'go.mod': mod(go, req('rsc.io/quote v1.5.2')) };
  add(`${go} downgrade quote@v1.5.1`, base, ['rsc.io/quote@v1.5.1']);
  add(`${go} downgrade quote@v1.0.0`, base, ['rsc.io/quote@v1.0.0']);
  add(`${go} downgrade sampler@v1.0.0 (removes dependents)`, base, ['rsc.io/sampler@v1.0.0']);
  add(`${go} upgrade sampler@latest`, base, ['rsc.io/sampler@latest']);
  add(`${go} upgrade sampler bare`, base, ['rsc.io/sampler']);
  add(`${go} sampler@patch`, base, ['rsc.io/sampler@patch']);
  add(`${go} remove quote@none`, base, ['rsc.io/quote@none']);
  add(`${go} remove sampler@none`, base, ['rsc.io/sampler@none']);
  add(`${go} remove text@none`, base, ['golang.org/x/text@none']);
  add(`${go} -u quote`, base, ['-u', 'rsc.io/quote']);
  add(`${go} -u=patch quote`, base, ['-u=patch', 'rsc.io/quote']);
  add(`${go} no go.sum quote@v1.5.1`, base, ['rsc.io/quote@v1.5.1'], false);
  add(`${go} conflict`, base, ['rsc.io/quote@v1.5.2', 'rsc.io/sampler@v1.0.0']);
  add(`${go} conflicting args`, base, ['rsc.io/sampler@v1.3.0', 'rsc.io/sampler@v1.2.0']);
  add(`${go} no matching versions`, base, ['rsc.io/quote@v1.9.0']);
  add(`${go} no matching prefix`, base, ['rsc.io/quote@v1.9']);
  add(`${go} unknown module`, base, ['example.com/nonexistent@v1.0.0']);
  add(`${go} main module@v1`, base, ['example.com/m@v1.0.0']);
  add(`${go} main module@none`, base, ['example.com/m@none']);
  add(`${go} bad syntax`, base, ['rsc.io/quote@']);
  add(`${go} -d`, base, ['-d', 'rsc.io/sampler@v1.3.1']);
  add(`${go} add new module`, { 'go.mod': mod(go) }, ['rsc.io/quote@v1.5.2']);
  add(`${go} add package`, { 'go.mod': mod(go) }, ['rsc.io/quote/buggy@v1.5.2']);
  add(`${go} retracted latest`, { 'go.mod': mod(go) }, ['example.com/retract@latest']);
  add(`${go} retracted explicit`, { 'go.mod': mod(go) }, ['example.com/retract@v1.0.0-bad']);
  add(`${go} exclude`, { 'go.mod': mod(go, req('rsc.io/quote v1.5.2') + '\nexclude rsc.io/sampler v1.99.99\n') }, ['rsc.io/sampler@latest']);
  add(`${go} exclude explicit`, { 'go.mod': mod(go, '\nexclude rsc.io/sampler v1.3.0\n') }, ['rsc.io/sampler@v1.3.0']);
  add(`${go} deprecated`, { 'go.mod': mod(go) }, ['example.com/deprecated/a@v1.9.0']);
  add(`${go} std`, base, ['fmt']);
  add(`${go} std@v1`, base, ['fmt@v1.0.0']);
}
const useQuote = 'package m\n\nimport _ "rsc.io/quote"\n';
for (const go of ['1.16', '1.21']) {
  add(`${go} no arguments: missing import`, { 'go.mod': mod(go), 'm.go': useQuote }, []);
  add(`${go} . : missing import`, { 'go.mod': mod(go), 'm.go': useQuote }, ['.']);
  add(`${go} -u .`, { 'go.mod': mod(go, req('rsc.io/quote v1.5.1')), 'm.go': useQuote }, ['-u', '.']);
  add(`${go} -u=patch .`, { 'go.mod': mod(go, req('rsc.io/quote v1.5.1')), 'm.go': useQuote }, ['-u=patch', '.']);
  add(`${go} -t -u .`, { 'go.mod': mod(go, req('rsc.io/quote v1.5.1')), 'm.go': 'package m\n', 'm_test.go': useQuote.replace('package m', 'package m_test') }, ['-t', '-u', '.']);
  add(`${go} no package here`, { 'go.mod': mod(go) }, []);
  add(`${go} ./x not a package`, { 'go.mod': mod(go), 'm.go': useQuote }, ['./x']);
  add(`${go} ../ outside the module`, { 'go.mod': mod(go), 'm.go': useQuote }, ['../']);
  add(`${go} ./x@v1`, { 'go.mod': mod(go), 'm.go': useQuote }, ['./x@v1.0.0']);
}
// Wildcard patterns ("..."), "all" and local ./... (queryWildcard, findMissingWildcards,
// checkWildcardVersions, performPatternAllQueries).
for (const go of ['1.16', '1.21']) {
  const base = { 'go.mod': mod(go, req('rsc.io/quote v1.5.2')), 'm.go': useQuote };
  add(`${go} rsc.io/quote/...`, base, ['rsc.io/quote/...']);
  add(`${go} rsc.io/quote/...@v1.5.1`, base, ['rsc.io/quote/...@v1.5.1']);
  add(`${go} rsc.io/...@upgrade`, base, ['rsc.io/...@upgrade']);
  add(`${go} rsc.io/sampler/...@none`, base, ['rsc.io/sampler/...@none']);
  add(`${go} golang.org/x/text/...@patch`, base, ['golang.org/x/text/...@patch']);
  add(`${go} new module rsc.io/quote/...`, { 'go.mod': mod(go) }, ['rsc.io/quote/...']);
  add(`${go} unknown prefix ex.com/nope/...`, { 'go.mod': mod(go) }, ['example.com/nope/...']);
  add(`${go} wildcard in first element`, base, ['rsc...']);
  add(`${go} first element wildcard @upgrade`, base, ['-u=patch', 'example.../b@upgrade']);
  add(`${go} ./... with package`, base, ['./...']);
  add(`${go} ./... no packages`, { 'go.mod': mod(go), 'sub/x.txt': '' }, ['./sub/...']);
  add(`${go} example.com/m/...@v1`, base, ['example.com/m/...@v1.0.0']);
  add(`${go} all`, { 'go.mod': mod(go), 'm.go': useQuote }, ['all']);
  add(`${go} all with require`, base, ['all']);
  add(`${go} -u all`, { 'go.mod': mod(go, req('rsc.io/quote v1.5.1')), 'm.go': useQuote }, ['-u', 'all']);
  add(`${go} -t all`, { 'go.mod': mod(go, req('rsc.io/quote v1.5.1')), 'm.go': 'package m\n', 'm_test.go': useQuote }, ['-t', 'all']);
  add(`${go} all@v1`, base, ['all@v1.0.0']);
}
add('no go.mod', { 'x.txt': '' }, ['rsc.io/quote']);
add('-u=bad', { 'go.mod': mod('1.21') }, ['-u=bad', 'rsc.io/quote']);
add('-m', { 'go.mod': mod('1.21') }, ['-m', 'rsc.io/quote']);
add('x.go', { 'go.mod': mod('1.21') }, ['x.go']);
add('toolchain@none', { 'go.mod': mod('1.21', '\ntoolchain go1.22.0\n') }, ['toolchain@none']);
add('go@none', { 'go.mod': mod('1.21') }, ['go@none']);
// Imports of files the build context excludes: fetched (any tags), not reported missing by the
// final check (modload.Tags()): a +build tag, a GOOS file suffix, and the same under -tags/GOOS.
{
  const replaced = mod('1.15', '\nreplace (\n\texample.net/tools v0.1.0 => ./tools\n\texample.net/cmd v0.1.0 => ./cmd\n\texample.net/missing v0.1.0 => ./missing\n)\n');
  const files = {
    'go.mod': replaced,
    'tools/go.mod': 'module example.net/tools\n\ngo 1.15\n',
    'tools/tools.go': '// +build tools\n\npackage tools\n\nimport (\n\t_ "example.net/cmd/tool"\n\t_ "example.net/missing"\n)\n',
    'cmd/go.mod': 'module example.net/cmd\n\ngo 1.16\n',
    'cmd/tool/tool.go': 'package main\n\nfunc main() {}\n',
    'missing/go.mod': 'module example.net/missing\n\ngo 1.15\n',
    'missing/README.txt': 'no Go files\n',
    'w/w.go': 'package w\n',
    'w/w_windows.go': 'package w\n\nimport _ "example.net/missing"\n',
  };
  add('tag-guarded imports: module whose only package is excluded', files, ['example.net/tools@v0.1.0'], false);
  add('tag-guarded imports: GOOS file of a local package', files, ['./w'], false);
  add('tag-guarded imports: GOOS file under GOOS=windows', files, ['./w'], false, { GOOS: 'windows' });
}
// go@V / toolchain@V over golang.org/toolchain's versions (modfetch/toolchain.go: toolchainRepo).
for (const gomod of [mod('1.21'), mod('1.21', '\ntoolchain go1.22.1\n'), mod('1.22.1', req('rsc.io/quote v1.5.2'))]) {
  const tag = gomod.includes('toolchain') ? 'go 1.21 toolchain go1.22.1' : gomod.includes('quote') ? 'go 1.22.1 quote' : 'go 1.21';
  for (const args of [
    ['go'], ['go@1.22'], ['go@1.21'], ['go@1.23'], ['go@patch'], ['go@latest'], ['go@1.24'], ['go@1.24rc1'], ['go@garbage'],
    ['go@go1.21.0'], ['go@1.20'], ['go@1.22.3', 'toolchain@1.22.3'], ['go@1.22.1', 'toolchain@go1.22.3'],
    ['toolchain'], ['toolchain@go1.22'], ['toolchain@go1.22.1'], ['toolchain@patch'], ['toolchain@latest'], ['toolchain@go1.24'],
    ['toolchain@1.22.3'], ['toolchain@go1.23.5'], ['toolchain@go1.21'], ['rsc.io/quote@v1.5.1', 'go@1.22'],
  ]) {
    add(`${tag}: ${args.join(' ')}`, { 'go.mod': gomod }, args, gomod.includes('quote'));
  }
}

async function prepare(s: Spec): Promise<Case> {
  if (!s.sum) return s;
  const r = env.runGo({ ...s, args: ['list', '-m', 'all'], env: { ...s.env, GOFLAGS: '-modcacherw -mod=mod' } });
  const files = { ...s.files };
  if (r.files['go.sum'] != null) files['go.sum'] = r.files['go.sum'];
  if (r.files['go.mod'] != null) files['go.mod'] = r.files['go.mod'];
  return { ...s, files };
}

describe('go get vs real go', () => {
  const results: { name: string; same: boolean; sameUpToOrder: boolean }[] = [];
  afterAll(() => {
    const diff = results.filter((r) => !r.same);
    const order = diff.filter((r) => r.sameUpToOrder);
    console.log(
      `go get differential (testdata/mod): ${results.length} cases, ${results.length - diff.length} identical, ` +
        `${order.length} identical except the order of "go: downloading" lines, ${diff.length - order.length} differing`,
    );
    for (const d of diff) console.log(`  ${d.sameUpToOrder ? 'download order differs' : 'differs'}: ${d.name}`);
  });
  for (const s of specs) {
    it(s.name, async () => {
      const c = await prepare(s);
      const want = env.runGo(c);
      const got = await env.runOurs(c);
      const same = JSON.stringify(want) === JSON.stringify(got);
      const sameUpToOrder = JSON.stringify(downloadsSorted(want)) === JSON.stringify(downloadsSorted(got));
      results.push({ name: s.name, same, sameUpToOrder });
      // Go fetches concurrently; the order of its "go: downloading" lines depends on goroutine
      // scheduling, which modscope reproduces only in the common cases. Everything else must be
      // byte-identical; the download lines must be the same set (the summary counts the cases).
      expect(downloadsSorted(got)).toEqual(downloadsSorted(want));
    });
  }
});
