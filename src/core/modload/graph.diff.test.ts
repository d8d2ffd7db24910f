// Differential tests of `go mod graph` and `go list -m` against real go 1.23: each case runs the
// same command line with go and with modscope on identical fresh copies of a main module and an
// empty module cache, over a file:// GOPROXY written from cmd/go/testdata/mod (read at test time),
// and compares stdout, stderr, exit status, go.mod and go.sum byte for byte. go.sum files, where
// a case needs one, are produced by real go first (GOFLAGS=-mod=mod go list -m all).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffEnv, goTestdataArchives, type Case } from '../../../scripts/difftest';

let env: DiffEnv;
beforeAll(() => {
  env = new DiffEnv(goTestdataArchives());
});
afterAll(() => env?.close());

const quote = (go: string, extra = '') => `module example.com/m\n\ngo ${go}\n\nrequire rsc.io/quote v1.5.2\n${extra}`;

interface Spec extends Case {
  name: string;
  /** produce go.sum with real go before the run */
  sum?: boolean;
}

const graphList = (name: string, files: Record<string, string>, sum = true, extraArgs: string[][] = []): Spec[] =>
  [['mod', 'graph'], ['list', '-m', 'all'], ['list', '-m', '-json', 'all'], ...extraArgs].map((args) => ({
    name: `${name}: go ${args.join(' ')}`,
    files,
    args,
    sum,
  }));

const specs: Spec[] = [
  ...graphList('unpruned 1.16', { 'go.mod': quote('1.16') }),
  ...graphList('unpruned 1.16 no go.sum', { 'go.mod': quote('1.16') }, false),
  ...graphList('pruned 1.17', { 'go.mod': quote('1.17', 'require golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c // indirect\nrequire rsc.io/sampler v1.3.0 // indirect\n') }),
  ...graphList('pruned 1.21 inconsistent roots', { 'go.mod': quote('1.21') }),
  ...graphList('pruned 1.21 no go.sum', { 'go.mod': quote('1.21') }, false),
  ...graphList('no go line', { 'go.mod': 'module example.com/m\n\nrequire rsc.io/quote v1.5.2\n' }),
  ...graphList('toolchain line', { 'go.mod': quote('1.21.0', 'toolchain go1.22.1\n') }),
  ...graphList('module replace', { 'go.mod': quote('1.16', 'replace rsc.io/quote v1.5.2 => rsc.io/quote v1.5.1\n') }),
  ...graphList('path-only replace', { 'go.mod': quote('1.16', 'replace rsc.io/sampler => rsc.io/sampler v1.2.1\n') }),
  ...graphList('exact replace beats path-only', {
    'go.mod': quote('1.16', 'replace rsc.io/sampler => rsc.io/sampler v1.2.1\nreplace rsc.io/sampler v1.3.0 => rsc.io/sampler v1.0.0\n'),
  }),
  ...graphList('directory replace', {
    'go.mod': quote('1.16', 'replace rsc.io/sampler => ./sampler\n'),
    'sampler/go.mod': 'module rsc.io/sampler\n\ngo 1.12\n\nrequire golang.org/x/text v0.3.0\n',
  }),
  ...graphList('directory replace missing', { 'go.mod': quote('1.16', 'replace rsc.io/sampler => ./nope\n') }),
  ...graphList('exclude', { 'go.mod': quote('1.16', 'exclude rsc.io/sampler v1.3.0\n') }),
  ...graphList('exclude root', { 'go.mod': quote('1.16', 'require rsc.io/sampler v1.3.0\nexclude rsc.io/sampler v1.3.0\n') }),
  ...graphList('cycle', { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/newcycle/a v1.0.1\n' }),
  ...graphList('cycle pruned', { 'go.mod': 'module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/newcycle/a v1.0.1\n\texample.com/newcycle/b v1.0.0\n)\n' }),
  ...graphList('path mismatch', { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/retract/rename v1.9.0-new\n' }),
  ...graphList('bad dependency go.mod', { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire rsc.io/badmod v1.0.0\n' }),
  ...graphList('unknown module', { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/nonexistent v1.0.0\n' }),
  ...graphList('retracted dependency', { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/retract v1.0.0-bad\n' }, true, [
    ['list', '-m', '-retracted', 'all'],
    ['list', '-m', '-retracted', '-json', 'example.com/retract'],
    ['list', '-m', '-u', 'all'],
  ]),
  ...graphList('deprecated dependency', { 'go.mod': 'module example.com/m\n\ngo 1.16\n\nrequire example.com/deprecated/a v1.0.0\n' }, true, [
    ['list', '-m', '-u', 'all'],
    ['list', '-m', '-u', '-json', 'example.com/deprecated/a'],
  ]),
  { name: 'mod graph -go=1.16 on 1.21', files: { 'go.mod': quote('1.21') }, args: ['mod', 'graph', '-go=1.16'], sum: true },
  { name: 'mod graph -go=1.16 on 1.17', files: { 'go.mod': quote('1.17') }, args: ['mod', 'graph', '-go=1.16'], sum: true },
  { name: 'mod graph -go=1.21 on 1.16', files: { 'go.mod': quote('1.16') }, args: ['mod', 'graph', '-go=1.21'], sum: true },
  { name: 'mod graph -go=1.99', files: { 'go.mod': quote('1.16') }, args: ['mod', 'graph', '-go=1.99'] },
  { name: 'mod graph -go=bad', files: { 'go.mod': quote('1.16') }, args: ['mod', 'graph', '-go=bad'] },
  { name: 'mod graph args', files: { 'go.mod': quote('1.16') }, args: ['mod', 'graph', 'x'] },
  { name: 'mod graph no go.mod', files: { 'x.txt': '' }, args: ['mod', 'graph'] },
  { name: 'mod graph go.mod parse error', files: { 'go.mod': 'module m\nfoo bar\n' }, args: ['mod', 'graph'] },
  { name: 'mod graph go too new', files: { 'go.mod': 'module m\ngo 1.99\n' }, args: ['mod', 'graph'] },
];

const queries = [
  'rsc.io/quote@latest',
  'rsc.io/quote@v1.5.2',
  'rsc.io/quote@v1.5',
  'rsc.io/quote@v1',
  'rsc.io/quote@<v1.5.2',
  'rsc.io/quote@<=v1.5.2',
  'rsc.io/quote@>v1.5.0',
  'rsc.io/quote@>=v1.5.0',
  'rsc.io/quote@>v1.5',
  'rsc.io/quote@<vx',
  'rsc.io/quote@v9.9.9',
  'rsc.io/quote@v1.9',
  'rsc.io/quote@upgrade',
  'rsc.io/quote@patch',
  'rsc.io/sampler@patch',
  'rsc.io/quote@master',
  'rsc.io/quote@v1.5.2+build',
  'example.com/nonexistent@latest',
  'example.com/nonexistent@v1.0.0',
  'example.com/retract@latest',
  'example.com/retract@v1.0.0-bad',
  'example.com/retract/self/all@latest',
  'rsc.io/QUOTE@latest',
  'example.com/m@latest',
  'example.com/m@upgrade',
  'std@latest',
];
for (const q of queries) {
  specs.push({ name: `query ${q}`, files: { 'go.mod': quote('1.21') }, args: ['list', '-m', q], sum: true });
  specs.push({ name: `query -json ${q}`, files: { 'go.mod': quote('1.21') }, args: ['list', '-m', '-json', '-e', q], sum: true });
}
for (const m of ['rsc.io/quote', 'example.com/retract', 'example.com/retract/rationale', 'example.com/nonexistent', 'rsc.io/sampler', 'golang.org/x/text']) {
  specs.push({ name: `versions ${m}`, files: { 'go.mod': quote('1.16') }, args: ['list', '-m', '-versions', m], sum: true });
  specs.push({ name: `versions -retracted ${m}`, files: { 'go.mod': quote('1.16') }, args: ['list', '-m', '-versions', '-retracted', m], sum: true });
}
specs.push(
  { name: 'list -m (main)', files: { 'go.mod': quote('1.21') }, args: ['list', '-m'], sum: true },
  { name: 'list -m -json (main)', files: { 'go.mod': quote('1.21') }, args: ['list', '-m', '-json'], sum: true },
  { name: 'list -m pattern', files: { 'go.mod': quote('1.16') }, args: ['list', '-m', 'rsc.io/...'], sum: true },
  { name: 'list -m pattern none', files: { 'go.mod': quote('1.16') }, args: ['list', '-m', 'nothing.example/...'], sum: true },
  { name: 'list -m not a dependency', files: { 'go.mod': quote('1.16') }, args: ['list', '-m', 'example.com/other'], sum: true },
  { name: 'list -m -e not a dependency', files: { 'go.mod': quote('1.16') }, args: ['list', '-m', '-e', '-json', 'example.com/other'], sum: true },
  { name: 'list -m relative', files: { 'go.mod': quote('1.16') }, args: ['list', '-m', './x'], sum: true },
  { name: 'list -m -json=Path,Version', files: { 'go.mod': quote('1.16') }, args: ['list', '-m', '-json=Path,Version', 'all'], sum: true },
  { name: 'list -m -mod=mod fills go.sum', files: { 'go.mod': quote('1.21') }, args: ['list', '-mod=mod', '-m', 'all'] },
  { name: 'list without -m', files: { 'go.mod': quote('1.21') }, args: ['list', '-versions'] },
  {
    name: 'workspace mod graph',
    files: {
      'go.work': 'go 1.21\n\nuse (\n\t./a\n\t./b\n)\n',
      'a/go.mod': 'module example.com/a\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n',
      'b/go.mod': 'module example.com/b\n\ngo 1.16\n\nrequire rsc.io/sampler v1.3.1\n',
    },
    args: ['mod', 'graph'],
    env: { GOWORK: '' },
  },
  {
    name: 'workspace list -m all',
    files: {
      'go.work': 'go 1.21\n\nuse (\n\t./a\n\t./b\n)\n',
      'a/go.mod': 'module example.com/a\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n',
      'b/go.mod': 'module example.com/b\n\ngo 1.16\n\nrequire rsc.io/sampler v1.3.1\n',
    },
    args: ['list', '-m', 'all'],
    env: { GOWORK: '' },
  },
  {
    name: 'vendor mode list -m all',
    files: { 'go.mod': quote('1.21'), 'vendor/modules.txt': '# rsc.io/quote v1.5.2\n## explicit\nrsc.io/quote\n' },
    args: ['list', '-m', 'all'],
  },
  {
    name: 'vendor mode inconsistent',
    files: { 'go.mod': quote('1.21'), 'vendor/modules.txt': '# rsc.io/quote v1.5.1\nrsc.io/quote\n' },
    args: ['list', '-m'],
  },
);

async function prepare(s: Spec): Promise<Case> {
  if (!s.sum) return s;
  const r = env.runGo({ ...s, args: ['list', '-m', 'all'], env: { ...s.env, GOFLAGS: '-modcacherw -mod=mod' } });
  const files = { ...s.files };
  if (r.files['go.sum'] != null) files['go.sum'] = r.files['go.sum'];
  return { ...s, files };
}

describe('go mod graph / go list -m vs real go', () => {
  const results: { name: string; same: boolean }[] = [];
  afterAll(() => {
    const diff = results.filter((r) => !r.same);
    console.log(`modload differential: ${results.length} cases, ${results.length - diff.length} identical, ${diff.length} differing`);
    for (const d of diff) console.log('  differs: ' + d.name);
  });
  for (const s of specs) {
    it(s.name, async () => {
      const c = await prepare(s);
      const want = env.runGo(c);
      const got = await env.runOurs(c);
      results.push({ name: s.name, same: JSON.stringify(want) === JSON.stringify(got) });
      expect(got).toEqual(want);
    });
  }
});
