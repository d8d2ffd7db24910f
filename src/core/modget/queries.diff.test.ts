// Differential test of version queries in `go get` and `go list -m` against real go 1.23, over a
// hand-built file:// GOPROXY (queryproxy.ts): @latest/@upgrade/@patch/@none, exact versions,
// prefixes (v1, v1.2), comparisons (<, <=, >, >=), prerelease-only modules, +incompatible
// versions, pseudo-versions, missing versions, non-semver queries (a branch name, a hash),
// empty queries, -u, -u=patch, -t, several (conflicting) arguments; retracted versions (the
// warnings of go get, go list -m -retracted -versions, -u) and deprecated modules (go get's
// warning, go list -m -u's Deprecated and "(deprecated)"). Each case runs the same command line
// with real go and with modscope's CLI (scripts/difftest.ts DiffEnv) on identical fresh copies
// of the main module and an empty module cache, and compares stdout, stderr, exit status, go.mod
// and go.sum byte for byte (the "go: downloading" lines as a set, see get.diff.test.ts). Seeded
// random module sets (randomModules) vary versions, retractions and deprecations; their seeds
// are printed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiffEnv, type Case } from '../../../scripts/difftest';
import { downloadsSorted, printSummary, type CaseOutcome } from './difftest';
import { archives, randomModules, type ModSpec } from './queryproxy';
import { rng } from '../rng';
import { isPseudoVersion } from '../pseudo';

const P = 'example.com/';
const FIXED: ModSpec[] = [
  {
    path: P + 'a',
    versions: [
      { version: 'v1.0.0' },
      { version: 'v1.1.0', files: { 'sub/sub.go': 'package sub\n' } },
      { version: 'v1.1.1', files: { 'sub/sub.go': 'package sub\n' } },
      { version: 'v1.2.0', files: { 'sub/sub.go': 'package sub\n' } },
      { version: 'v1.2.1-rc.1', files: { 'sub/sub.go': 'package sub\n' } },
      { version: 'v1.3.0-beta.1', files: { 'sub/sub.go': 'package sub\n' } },
    ],
  },
  {
    path: P + 'b',
    versions: [
      { version: 'v1.0.0', extra: `require ${P}a v1.0.0`, files: { 'b.go': `package b\n\nimport _ "${P}a"\n` } },
      {
        version: 'v1.1.0',
        extra: `require (\n\t${P}a v1.1.0\n\t${P}t v1.0.0\n)`,
        files: { 'b.go': `package b\n\nimport _ "${P}a"\n`, 'b_test.go': `package b\n\nimport _ "${P}t"\n` },
      },
      {
        version: 'v1.1.1',
        extra: `require (\n\t${P}a v1.2.0\n\t${P}t v1.0.0\n)`,
        files: { 'b.go': `package b\n\nimport _ "${P}a"\n`, 'b_test.go': `package b\n\nimport _ "${P}t"\n` },
      },
    ],
  },
  { path: P + 't', versions: [{ version: 'v1.0.0' }, { version: 'v1.0.1' }, { version: 'v1.1.0' }] },
  { path: P + 'pre', versions: [{ version: 'v0.1.0-alpha' }, { version: 'v0.2.0-beta.1' }] },
  { path: P + 'inc', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0' }] },
  { path: P + 'inc', noGoMod: true, versions: [{ version: 'v2.0.0+incompatible' }, { version: 'v3.1.0+incompatible' }] },
  { path: P + 'inconly', noGoMod: true, versions: [{ version: 'v2.0.0+incompatible' }, { version: 'v2.1.0+incompatible' }] },
  { path: P + 'pseudo', versions: [{ version: 'v0.0.0-20200101000000-abcdefabcdef' }, { version: 'v0.0.0-20210101000000-123456789abc' }] },
  { path: P + 'pseudorel', versions: [{ version: 'v1.0.0' }, { version: 'v1.0.1-0.20210101000000-0123456789ab' }] },
  {
    path: P + 'retract',
    versions: [
      { version: 'v1.0.0' },
      { version: 'v1.0.5' },
      { version: 'v1.0.9' },
      { version: 'v1.1.0' },
      { version: 'v1.2.0', extra: 'retract v1.1.0 // bad release\n\nretract [v1.0.5, v1.0.9]\n\nretract (\n\t// the first line\n\t// the second line\n\tv1.0.0\n)' },
    ],
  },
  { path: P + 'retractself', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', extra: 'retract v1.1.0 // oops, published by mistake' }] },
  { path: P + 'retractall', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', extra: 'retract [v1.0.0, v1.1.0]' }] },
  { path: P + 'dep', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', deprecated: 'use example.com/a instead.' }] },
  {
    path: P + 'deplong',
    versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', deprecated: 'in favor of example.com/a,\nwhich is better.\n\nA second paragraph, not part of it.' }],
  },
  { path: P + 'deptoolong', versions: [{ version: 'v1.0.0', deprecated: 'gone '.repeat(110) }] },
  {
    path: P + 'retractmsg',
    versions: [
      { version: 'v1.0.0-long' },
      { version: 'v1.0.0-unprint' },
      { version: 'v1.0.0-block' },
      { version: 'v1.0.0-plain' },
      { version: 'v1.0.0' },
      {
        version: 'v1.0.1',
        extra:
          `retract v1.0.0-long // ${'word '.repeat(120)}\nretract v1.0.0-unprint // zero\u200bwidth\n` +
          'retract (\n\t// block rationale\n\tv1.0.0-block\n\tv1.0.0-plain // own line\n)',
      },
    ],
  },
  { path: P + 'gone', versions: [{ version: 'v1.0.0' }] },
  // Nested modules (a package path in two modules), an upper-case path, a wrong module line,
  // a go line newer than this go, a broken requirement, retractions in a prerelease's go.mod,
  // a /v2 module, gopkg.in.
  { path: P + 'n', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', files: { 'sub/x.go': 'package sub\n' } }] },
  { path: P + 'n/sub', versions: [{ version: 'v1.0.0' }, { version: 'v1.2.0' }] },
  { path: P + 'Upper', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0' }] },
  { path: P + 'wrongpath', versions: [{ version: 'v1.0.0', declares: P + 'other' }] },
  { path: P + 'newgo', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', go: '1.99' }] },
  { path: P + 'broken', versions: [{ version: 'v1.0.0', extra: `require ${P}missing v1.0.0` }] },
  { path: P + 'retractpre', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0-pre', extra: 'retract v1.0.0 // only in a prerelease' }] },
  { path: P + 'retractfuture', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', extra: 'retract [v1.5.0, v1.9.0] // not yet\nretract v0.9.0' }] },
  { path: P + 'v2mod/v2', versions: [{ version: 'v2.0.0' }, { version: 'v2.1.0' }] },
  // Versions a proxy lists that the path's major version does not allow.
  { path: P + 'badmajor', versions: [{ version: 'v1.0.0' }, { version: 'v2.0.0' }, { version: 'v0.9.0' }] },
  { path: P + 'badinc', versions: [{ version: 'v1.0.0' }, { version: 'v2.0.0+incompatible' }] },
  { path: P + 'v2mod/v2', versions: [{ version: 'v1.5.0' }, { version: 'v3.0.0' }] },
  // Latest go.mod files that cannot give retractions: unparseable, or declaring another path.
  { path: P + 'badlatestmod', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', extra: 'bogus directive here\nretract v1.0.0' }] },
  { path: P + 'renamedlatest', versions: [{ version: 'v1.0.0' }, { version: 'v1.1.0', declares: P + 'renamed', extra: 'retract v1.0.0 // renamed', deprecated: 'renamed' }] },
  { path: 'gopkg.in/yaml.v1', versions: [{ version: 'v1.0.0' }, { version: 'v1.0.1' }] },
  {
    path: P + 'depuser',
    versions: [{ version: 'v1.0.0', extra: `require ${P}dep v1.0.0`, files: { 'depuser.go': `package depuser\n\nimport _ "${P}dep"\n` } }],
  },
];

// Proxy files written as they are (responses no archive yields): lists with non-canonical or
// missing versions, .info files naming another version or not JSON, no @latest.
const info = (v: string) => JSON.stringify({ Version: v, Time: '2020-01-01T00:00:00Z' }) + '\n';
const RAW: Record<string, string> = {
  [`${P}rawlist/@v/list`]: 'v1.0.0\nv1.1\nbogus\nv1.2.0+meta\nv1.3.0\n\n',
  [`${P}rawlist/@v/v1.0.0.info`]: info('v1.0.0'),
  [`${P}rawlist/@v/v1.0.0.mod`]: `module ${P}rawlist\n`,
  [`${P}rawlist/@v/v1.1.info`]: info('v1.1.0'),
  [`${P}rawlist/@v/v1.1.0.info`]: info('v1.1.0'),
  [`${P}rawlist/@v/v1.1.0.mod`]: `module ${P}rawlist\n`,
  [`${P}infomismatch/@v/list`]: 'v1.0.0\n',
  [`${P}infomismatch/@v/v1.0.0.info`]: info('v1.0.1'),
  [`${P}infomismatch/@v/v1.0.0.mod`]: `module ${P}infomismatch\n`,
  [`${P}badinfo/@v/list`]: 'v1.0.0\n',
  [`${P}badinfo/@v/v1.0.0.info`]: 'not json\n',
  [`${P}badinfo/@v/v1.0.0.mod`]: `module ${P}badinfo\n`,
  [`${P}nolatest/@v/list`]: '',
  [`${P}latestonly/@v/list`]: '',
  [`${P}latestonly/@latest`]: info('v1.4.0'),
  [`${P}latestonly/@v/v1.4.0.info`]: info('v1.4.0'),
  [`${P}latestonly/@v/v1.4.0.mod`]: `module ${P}latestonly\n`,
  [`${P}badlatest/@v/list`]: '',
  [`${P}badlatest/@latest`]: info('master'),
};

const mod = (body = '') => `module example.com/m\n\ngo 1.21\n${body}`;
const reqs = (...rs: string[]) => `\nrequire (\n${rs.map((r) => '\t' + r + '\n').join('')})\n`;
const EMPTY = { 'go.mod': mod() };
const REQ = {
  'go.mod': mod(
    reqs(
      `${P}a v1.1.0`,
      `${P}b v1.0.0`,
      `${P}retract v1.0.5`,
      `${P}retractself v1.1.0`,
      `${P}dep v1.0.0`,
      `${P}pseudo v0.0.0-20200101000000-abcdefabcdef`,
      `${P}inc v2.0.0+incompatible`,
    ),
  ),
  'm.go': `package m\n\nimport (\n\t_ "${P}b"\n\t_ "${P}dep"\n)\n`,
};

// Requirements above the latest release (a prerelease, a pseudo-version), retracted ones,
// excludes and replacements (query.go's replacements-only candidate versions).
const ODD = {
  'go.mod': mod(
    reqs(
      `${P}a v1.3.0-beta.1`,
      `${P}pseudorel v1.0.1-0.20210101000000-0123456789ab`,
      `${P}retract v1.1.0`,
      `${P}retractall v1.1.0`,
      `${P}inconly v2.0.0+incompatible`,
      `${P}t v1.0.0`,
      `${P}pre v0.1.0-alpha`,
      `${P}gone v1.5.0`,
    ) +
      `\nexclude ${P}t v1.1.0\n\nreplace (\n\t${P}gone v1.5.0 => ./gone\n\t${P}gone v1.7.0 => ./gone\n\t${P}dep => ${P}deplong v1.1.0\n)\n`,
  ),
  'gone/go.mod': `module ${P}gone\n\ngo 1.16\n`,
  'gone/gone.go': 'package gone\n',
  'm.go': `package m\n\nimport (\n\t_ "${P}a"\n\t_ "${P}retract"\n\t_ "${P}gone"\n)\n`,
  'm_test.go': `package m\n\nimport _ "${P}t"\n`,
};

// The latest versions replaced by directories: retractions and deprecations come from the
// replacements' go.mod files (queryLatestVersionIgnoringRetractions).
const REPL = {
  'go.mod': mod(
    reqs(`${P}retract v1.0.0`, `${P}dep v1.0.0`, `${P}t v1.0.0`) +
      `\nreplace (\n\t${P}retract v1.2.0 => ./localretract\n\t${P}dep v1.1.0 => ./localdep\n)\n`,
  ),
  'localretract/go.mod': `module ${P}retract\n\ngo 1.16\n\nretract v1.0.0 // local reason\n`,
  'localretract/retract.go': 'package retract\n',
  'localdep/go.mod': `// Deprecated: local deprecation\nmodule ${P}dep\n\ngo 1.16\n`,
  'localdep/dep.go': 'package dep\n',
};

interface Spec extends Case {
  name: string;
  /** Let real go write go.sum first (go list -m all with -mod=mod). */
  sum: boolean;
}

function fixedSpecs(): Spec[] {
  const out: Spec[] = [];
  const get = (ctx: string, files: Record<string, string>, args: string[]) =>
    out.push({ name: `${ctx}: go get ${args.join(' ')}`, files, args: ['get', ...args], sum: files !== EMPTY });
  const list = (ctx: string, files: Record<string, string>, args: string[]) =>
    out.push({ name: `${ctx}: go list ${args.join(' ')}`, files, args: ['list', ...args], sum: files !== EMPTY });
  const aQueries = [
    'latest', 'upgrade', 'patch', 'none', 'v1', 'v1.1', 'v1.1.0', 'v1.2.3', 'v1.3', 'v1.2.1-rc.1', '<v1.2.0', '<=v1.2.0', '>v1.1.0',
    '>=v1.1.0', '>=v1.5.0', '<v0.1.0', 'master', 'abcdef012345', 'v2.0.0', 'v1.2.0+incompatible', 'v1.2.0+meta',
  ];
  const others = [
    `${P}pre@latest`, `${P}pre@upgrade`, `${P}pre`, `${P}pre@v0.2`, `${P}pre@<v0.2.0-beta.1`, `${P}pre@patch`,
    `${P}inc@latest`, `${P}inc@v2.0.0+incompatible`, `${P}inc@v3`, `${P}inc@v2.0.0`, `${P}inc@>v1.1.0`, `${P}inconly@latest`, `${P}inconly@v2`,
    `${P}pseudo@latest`, `${P}pseudo@v0.0.0-20210101000000-123456789abc`, `${P}pseudo`, `${P}pseudo@123456789abc`,
    `${P}pseudorel@latest`, `${P}pseudorel@v1.0.1-0.20210101000000-0123456789ab`, `${P}pseudorel@patch`,
    `${P}retract@latest`, `${P}retract@v1.1.0`, `${P}retract@v1.0.5`, `${P}retract@<v1.2.0`, `${P}retract@v1.0`, `${P}retract@patch`,
    `${P}retractself@latest`, `${P}retractself@v1.1.0`, `${P}retractall@latest`, `${P}retractall@v1.0.0`,
    `${P}dep@latest`, `${P}dep@v1.0.0`, `${P}dep@none`, `${P}depuser@v1.0.0`, `${P}a@`, `${P}nonexistent@latest`,
  ];
  for (const [ctx, files] of [['empty', EMPTY], ['req', REQ]] as const) {
    for (const q of ctx === 'empty' ? aQueries : ['latest', 'upgrade', 'patch', 'none', 'v1.1', '<v1.2.0', '>v1.1.0', 'v1.2.3']) get(ctx, files, [`${P}a@${q}`]);
    for (const a of others) get(ctx, files, [a]);
    get(ctx, files, [`${P}a`]);
    get(ctx, files, ['-u', `${P}b`]);
    get(ctx, files, ['-u=patch', `${P}b@v1.1.0`]);
    get(ctx, files, ['-t', `${P}b@v1.1.0`]);
    get(ctx, files, ['-t', '-u', `${P}b@v1.1.0`]);
    get(ctx, files, [`${P}a@v1.0.0`, `${P}a@v1.1.0`]);
    get(ctx, files, [`${P}a`, `${P}a/sub`]);
    get(ctx, files, [`${P}a@v1.1.0`, `${P}a/sub@v1.2.0`]);
    get(ctx, files, [`${P}b@v1.1.1`, `${P}a@v1.0.0`]);
    get(ctx, files, [`${P}a/sub@latest`]);
    get(ctx, files, [`${P}a/sub@v1.0.0`]);
    get(ctx, files, [`${P}retract@v1.0.9`, `${P}retractself@v1.1.0`, `${P}dep@v1.1.0`]);
  }
  for (const a of [
    'a@upgrade', 'a@latest', 'a@patch', 'a', 'a@v1.3', 'a@>v1.2.0', 'pseudorel@upgrade', 'pseudorel@patch', 'pseudorel@latest',
    'retract@upgrade', 'retract@patch', 'retract', 'retractall@upgrade', 'retractall@patch', 'inconly@upgrade', 'inconly@latest',
    't@latest', 't@v1.1.0', 't@>=v1.0.1', 't@patch', 'pre@patch', 'pre@upgrade', 'gone@latest', 'gone@v1.5.0', 'gone@upgrade',
    'gone@v1.7.0', 'gone@v1.6.0', 'gone@<v1.6', 'gone@none', 'dep@latest', 'deplong@latest', 'deptoolong@latest',
    'retractmsg@v1.0.0-long', 'retractmsg@v1.0.0-unprint', 'retractmsg@v1.0.0-block', 'retractmsg@v1.0.0-plain', 'retractmsg@v1.0',
  ]) {
    get('odd', ODD, [P + a]);
  }
  for (const a of ['retract@v1.0.0', 'retract@latest', 'retract@v1.0.9', 'retract', 'dep@v1.0.0', 'dep@latest', 't@latest', 't@v1.0.1', 'dep@none']) {
    get('repl', REPL, [P + a]);
  }
  for (const flags of [['-u'], ['-u', '-retracted', '-json'], ['-retracted', '-versions']]) list('repl', REPL, ['-m', ...flags, 'all']);
  // Wildcards over the build list (checkWildcardVersions).
  for (const a of ['a/sub/...@v1.0.0', 'a/...@v1.0.0', '.../sub@v1.0.0', 'a/sub/...@none', 'a/sub/...@v1.2', 'a/...@patch', 'retract/...@v1.1.0']) {
    get('req', REQ, [P + a]);
  }
  // A vendor directory (-mod=vendor by default for go list) and the main module's own path.
  const vendored = { ...REQ, 'vendor/modules.txt': '' };
  for (const a of [
    ['list', '-m', '-u', 'all'], ['list', '-m', '-versions', `${P}a`], ['list', '-m', `${P}a@latest`], ['get', `${P}a@latest`],
    ['list', '-m', 'example.com/m@latest'], ['list', '-m', '-u', 'example.com/m'], ['get', 'example.com/m@upgrade'], ['get', 'example.com/m/x@latest'],
  ]) {
    out.push({ name: `req+vendor: go ${a.join(' ')}`, files: vendored, args: a, sum: true });
  }
  for (const a of [['list', '-m', 'example.com/m@latest'], ['list', '-m', '-versions', 'example.com/m'], ['get', 'example.com/m@patch'], ['get', 'example.com/m/x@v1.0.0']]) {
    out.push({ name: `req: go ${a.join(' ')}`, files: REQ, args: a, sum: true });
  }
  // A replacement declaring another module path.
  const wrong = { 'go.mod': mod(reqs(`${P}t v1.0.0`) + `\nreplace ${P}t => ${P}a v1.1.0\n`) };
  for (const a of [['get', `${P}t@latest`], ['get', `${P}t@v1.0.1`], ['list', '-m', '-u', 'all'], ['list', '-m', `${P}t@latest`]]) {
    out.push({ name: `replaced by another path: go ${a.join(' ')}`, files: wrong, args: a, sum: false });
  }
  get('odd', ODD, ['-u']);
  get('odd', ODD, ['-u=patch']);
  get('odd', ODD, ['-u', `${P}a`, `${P}retract`]);
  for (const a of [
    'n/sub@v1.0.0', 'n/sub@latest', 'n/sub', 'n@v1.1.0', 'n/sub/x@latest', 'Upper@latest', 'Upper@v1.0', 'upper@latest', 'wrongpath@latest',
    'newgo@latest', 'newgo@v1.0.0', 'broken@latest', 'retractpre@latest', 'retractpre@v1.0.0', 'retractfuture@latest', 'v2mod@latest',
    'v2mod/v2@latest', 'v2mod/v2@v1.0.0', 'v2mod/v2@v2', 'v2mod/v3@latest', 'a@<v1.2', 'a@<=v1.2', 'a@>v1', 'a@>=v1.1.0-0', 'a@v1.01.0',
    'a@V1.0.0', 'a@=v1.0.0', 'a@v1.2.x', 'a@v1.2.3-', 'a/@latest', 'a@v0.0.0-20990101000000-ffffffffffff', 'a@v1.2.1-0.20200101000000-abcdefabcdef',
    'a@HEAD', 'a@v1@v2', 'pseudo@upgrade', 'pseudo@patch', 'pseudo@v0', 'pseudo@<v0.0.1',
  ]) {
    get('empty', EMPTY, [P + a]);
  }
  for (const m of ['rawlist', 'infomismatch', 'badinfo', 'nolatest', 'latestonly', 'badlatest']) {
    for (const q of ['latest', 'upgrade', 'v1.0.0', 'v1.1', 'v1', '>=v1.0.0']) get('empty', EMPTY, [`${P}${m}@${q}`]);
    list('empty', EMPTY, ['-m', '-versions', '-retracted', P + m]);
    list('empty', EMPTY, ['-m', '-u', '-json', `${P}${m}@latest`]);
  }
  for (const q of ['inc@v2', 'inc@>=v2.0.0', 'inc@v3.1', 'inc@<v3.0.0', 'inc@upgrade', 'inconly@v2.0', 'inconly@<v2.1.0', 'inc@v2.0.0+incompatible']) {
    get('empty', EMPTY, [P + q]);
  }
  for (const q of ['badmajor@latest', 'badmajor@v2.0.0', 'badmajor@v2', 'badmajor@>v1.0.0', 'badinc@latest', 'badinc@v2.0.0+incompatible', 'v2mod/v2@v1.5.0', 'v2mod/v2@v3.0.0', 'v2mod/v2@>v2.0.0']) {
    get('empty', EMPTY, [P + q]);
  }
  for (const m of ['badlatestmod', 'renamedlatest']) {
    for (const q of ['v1.0.0', 'latest', 'upgrade']) get('empty', EMPTY, [`${P}${m}@${q}`]);
    list('empty', EMPTY, ['-m', '-retracted', '-versions', P + m]);
    list('empty', EMPTY, ['-m', '-u', '-json', `${P}${m}@v1.0.0`]);
    list('empty', EMPTY, ['-m', '-u', `${P}${m}@v1.0.0`]);
  }
  for (const m of ['badmajor', 'badinc', 'v2mod/v2']) list('empty', EMPTY, ['-m', '-versions', P + m]);
  get('empty', EMPTY, ['gopkg.in/yaml.v1@latest']);
  get('empty', EMPTY, ['gopkg.in/yaml.v1@v2.0.0']);
  get('empty', EMPTY, ['-u=latest', `${P}a`]);
  get('empty', EMPTY, ['-u=v1.1.0', `${P}a`]);
  get('req', REQ, ['-u=patch', `${P}a@v1.1.0`]);
  get('req', REQ, ['-u', `${P}b@v1.1.0`, `${P}a@v1.1.1`]);
  get('req', REQ, [`${P}retract@upgrade`, `${P}retractself@upgrade`]);
  get('req', REQ, [`${P}retract@patch`, `${P}retractself@patch`]);
  get('req', REQ, [`${P}depuser@v1.0.0`]);
  get('req', REQ, [`${P}b@none`]);
  get('req', REQ, [`${P}a@none`, `${P}b@v1.1.1`]);
  for (const a of [
    '-', 'b', '@latest', `${P}a/../b@latest`, 'example..com/a@latest', `${P}a\\b@latest`, `${P}%41@latest`, `${P}a/v0@latest`,
    `${P}a.v1@latest`, `${P}a/sub@v1.1`, `${P}a/nope@latest`, `${P}a/sub@none`, `${P}a/sub@patch`, `${P}a/sub@>=v1.1.1`,
    `${P}a/sub/...@latest`, `${P}a/...@v1.0.0`, `${P}.../sub@latest`, 'Example.com/a@latest', `${P}a@latest/`,
    './x@v1', '.@latest', '..@latest', '/abs@v1', './@latest', `${P}a//sub@latest`, `${P}a/./sub@latest`, `${P}a/sub/@v1.1.0`,
    `./x/..@v1`, `${P}a/@`,
  ]) {
    get('empty', EMPTY, [a]);
  }
  for (const a of [
    [`${P}a@v1.0.0`, `${P}a/sub`], [`${P}a@latest`, `${P}a@upgrade`], [`${P}a@v1.1.0`, `${P}a@v1.1.0`], [`${P}a@none`, `${P}a/sub@latest`],
    [`${P}a@v1.1`, `${P}a@v1.1.1`], [`${P}a@<v1.2.0`, `${P}a@>=v1.1.0`], [`${P}retract@latest`, `${P}retract@v1.1.0`],
  ]) {
    get('empty', EMPTY, a);
    get('req', REQ, a);
  }
  for (const a of [
    [`${P}a@`], ['-versions', `${P}a@latest`], [`${P}a@latest`, `${P}a@v1.0.0`], ['-u', `${P}a@none`], ['all@latest'], [`${P}...@latest`],
    ['-retracted', `${P}retract@latest`], [`${P}retract@>=v1.0.0`], ['-e', '-json', `${P}nonexistent@latest`], ['-e', `${P}a@v1.9.9`],
    ['-e', '-u', '-json', `${P}a@v1.9.9`], ['-u', `${P}pseudo@v0.0.0-20200101000000-abcdefabcdef`], ['-u', `${P}a@v1.3.0-beta.1`],
    ['-u', '-retracted', `${P}retractall@v1.0.0`], ['-versions', `${P}nonexistent`], ['-e', '-versions', `${P}nonexistent`],
  ]) {
    list('empty', EMPTY, ['-m', ...a]);
  }
  const tmpl = '{{.Path}} {{.Version}} {{.Update}} {{.Retracted}} {{.Deprecated}}{{with .Update}} {{.Time}}{{end}}';
  list('req', REQ, ['-m', '-u', '-retracted', '-f', tmpl, 'all']);
  list('odd', ODD, ['-m', '-u', '-retracted', '-f', tmpl, 'all']);
  // go mod download resolves the same queries.
  for (const a of ['a@v1.1', 'a@latest', 'a@<v1.2.0', 'a@upgrade', 'a@patch', 'retract@v1.1.0', 'retract@latest', 'nonexistent@latest', 'dep@latest', 'pre@latest']) {
    out.push({ name: `empty: go mod download -json ${P}${a}`, files: EMPTY, args: ['mod', 'download', '-json', P + a], sum: false });
  }
  for (const a of ['a@upgrade', 'a@patch', 'retract@upgrade', 'b@latest']) {
    out.push({ name: `req: go mod download ${P}${a}`, files: REQ, args: ['mod', 'download', P + a], sum: true });
  }
  // Outcomes that depend on the environment: GOPROXY lists and off, -mod=readonly, no go.sum.
  for (const [name, e] of [
    ['GOPROXY=off', { GOPROXY: 'off' }],
    ['GOPROXY=missing,proxy', { GOPROXY: 'file://$PROXY/none,file://$PROXY' }],
    ['GOPROXY=missing|proxy', { GOPROXY: 'file://$PROXY/none|file://$PROXY' }],
    ['GOPROXY=proxy,off', { GOPROXY: 'file://$PROXY,off' }],
    ['GOFLAGS=-mod=readonly', { GOFLAGS: '-modcacherw -mod=readonly' }],
  ] as const) {
    for (const a of [`${P}a@latest`, `${P}nonexistent@latest`, `${P}a@v1.9.9`]) {
      out.push({ name: `req ${name}: go get ${a}`, files: REQ, args: ['get', a], sum: true, env: { ...e } });
    }
    out.push({ name: `req ${name}: go list -m -u all`, files: REQ, args: ['list', '-m', '-u', 'all'], sum: true, env: { ...e } });
  }
  for (const a of [[`${P}a@v1.2.0`], ['-u'], [`${P}b@v1.1.1`]]) {
    out.push({ name: `req without go.sum: go get ${a.join(' ')}`, files: REQ, args: ['get', ...a], sum: false });
  }
  get('req', REQ, ['-u']);
  get('req', REQ, ['-u=patch']);
  get('req', REQ, ['-u', 'all']);
  for (const q of ['latest', 'patch', 'v1.1', '<=v1.2.0', 'v1.3', 'master', 'none']) list('empty', EMPTY, ['-m', `${P}a@${q}`]);
  for (const m of ['a', 'pre', 'inc', 'inconly', 'pseudo', 'pseudorel', 'retract', 'retractself', 'retractall', 'dep']) {
    list('empty', EMPTY, ['-m', '-versions', P + m]);
    list('empty', EMPTY, ['-m', '-retracted', '-versions', P + m]);
    list('empty', EMPTY, ['-m', '-u', '-json', P + m + '@latest']);
  }
  list('empty', EMPTY, ['-m', '-retracted', `${P}retract@v1.0.0`, `${P}retract@v1.1.0`]);
  list('empty', EMPTY, ['-m', '-retracted', '-json', `${P}retract@v1.0.0`]);
  for (const flags of [['-u'], ['-u', '-retracted'], ['-u', '-json'], ['-retracted'], ['-u', '-versions']]) list('req', REQ, ['-m', ...flags, 'all']);
  for (const m of ['retract', 'retractself', 'dep', 'a']) list('req', REQ, ['-m', '-u', '-json', P + m]);
  for (const flags of [['-u'], ['-u', '-retracted'], ['-u', '-json'], ['-versions'], ['-retracted', '-versions'], ['-u', '-json', '-retracted']]) {
    list('odd', ODD, ['-m', ...flags, 'all']);
  }
  for (const m of ['n/sub', 'Upper', 'newgo', 'retractpre', 'retractfuture', 'v2mod/v2']) {
    list('empty', EMPTY, ['-m', '-retracted', '-versions', '-u', '-json', P + m + '@latest']);
  }
  list('odd', ODD, ['-m', '-u', `${P}retract@v1.0.0`, `${P}a@v1.1.0`, `${P}dep@v1.0.0`]);
  get('odd', ODD, ['-t', '-u=patch']);
  for (const m of ['gone', 't', 'retractmsg', 'deplong', 'deptoolong']) list('odd', ODD, ['-m', '-retracted', '-versions', '-u', P + m]);
  for (const q of ['gone@latest', 'gone@v1.7.0', 'gone@upgrade', 't@latest', 'retractmsg@v1.0.0-long', 'retractmsg@v1.0.0-unprint', 'a@patch']) {
    list('odd', ODD, ['-m', '-u', '-retracted', '-json', P + q]);
  }
  return out;
}

// MODSCOPE_QUERY_SEEDS=A-B runs other seeds (a longer run by hand).
const range = /^(\d+)-(\d+)$/.exec(process.env.MODSCOPE_QUERY_SEEDS ?? '');
const SEEDS = range ? Array.from({ length: +range[2]! - +range[1]! + 1 }, (_, i) => +range[1]! + i) : [1, 2, 3];

/** Cases over a seed's random modules: the main module requires some of them. */
function randomSpecs(seed: number, mods: ModSpec[]): Spec[] {
  const r = rng(seed * 131 + 7);
  const tagged = (m: ModSpec) => m.versions.map((v) => v.version).filter((v) => !isPseudoVersion(v));
  const required = mods.filter((m) => tagged(m).length > 0 && r.chance(0.7));
  // Requirements (sometimes on a pseudo-version), and sometimes an exclude and a replacement.
  const reqVersion = (m: ModSpec) => (r.chance(0.2) ? r.pick(m.versions).version : r.pick(tagged(m)));
  let body = required.length ? reqs(...required.map((m) => `${m.path} ${reqVersion(m)}`)) : '';
  const files: Record<string, string> = {};
  if (r.chance(0.3)) {
    const m = r.pick(mods);
    body += `\nexclude ${m.path} ${r.pick(m.versions).version}\n`;
  }
  if (r.chance(0.3)) {
    const m = r.pick(mods);
    const from = r.chance(0.5) ? ` ${r.pick(m.versions).version}` : '';
    if (r.chance(0.5)) {
      body += `\nreplace ${m.path}${from} => ./local\n`;
      files['local/go.mod'] = `module ${m.path}\n\ngo 1.16\n${r.chance(0.5) ? `\nretract ${r.pick(m.versions).version} // local\n` : ''}`;
      files['local/p.go'] = `package ${m.path.split('/').pop()}\n`;
    } else {
      body += `\nreplace ${m.path}${from} => ${m.path} ${r.pick(m.versions).version}\n`;
    }
  }
  files['go.mod'] = mod(body);
  const imported = required.filter(() => r.chance(0.6));
  if (imported.length) files['m.go'] = `package m\n\n${imported.map((m) => `import _ "${m.path}"\n`).join('')}`;
  const out: Spec[] = [];
  const add = (args: string[]) => out.push({ name: `seed ${seed}: go ${args.join(' ')}`, files, args, sum: true });
  for (const m of mods) {
    const vs = m.versions.map((v) => v.version);
    const v = r.pick(vs);
    const prefix = v.split(/[.-]/).slice(0, r.chance(0.5) ? 1 : 2).join('.');
    const qs = ['latest', 'upgrade', 'patch', v, prefix, ...['<', '<=', '>', '>='].map((op) => op + r.pick(vs))];
    for (const q of r.subset(qs, 0.6)) add(['get', `${m.path}@${q}`]);
    add(['list', '-m', '-retracted', '-versions', m.path]);
    add(['list', '-m', '-u', '-json', `${m.path}@${r.pick(qs)}`]);
  }
  // Several arguments at once (sometimes the same module twice, sometimes with -u or -u=patch).
  const anyQuery = (m: ModSpec) => r.pick(['latest', 'upgrade', 'patch', 'none', r.pick(m.versions).version, `<=${r.pick(m.versions).version}`]);
  for (let k = 0; k < 3; k++) {
    const args = Array.from({ length: 2 + r.int(2) }, () => {
      const m = r.pick(mods);
      return `${m.path}@${anyQuery(m)}`;
    });
    add(['get', ...(r.chance(0.3) ? [r.pick(['-u', '-u=patch'])] : []), ...args]);
  }
  if (required.length) {
    add(['get', '-u', ...required.map((m) => m.path)]);
    add(['get', r.pick(['-u', '-u=patch', '-t'])]);
    add(['list', '-m', '-u', 'all']);
    add(['list', '-m', '-u', '-retracted', '-json', 'all']);
  }
  return out;
}

const results: CaseOutcome[] = [];
afterAll(() => printSummary(`version queries differential (seeds ${SEEDS.join(',')})`, results));

async function runAll(env: DiffEnv, specs: Spec[]): Promise<void> {
  const failures: string[] = [];
  // go.sum (and go.mod) as real go leaves them after go list -m all, once per main module.
  const prepared = new Map<Record<string, string>, Record<string, string>>();
  for (const s of specs) {
    let c: Case = s;
    if (s.sum) {
      let files = prepared.get(s.files);
      if (!files) {
        const r = env.runGo({ files: s.files, args: ['list', '-m', 'all'], env: { GOFLAGS: '-modcacherw -mod=mod' } });
        if (r.exitCode !== 0) throw new Error(`${s.name}: go list -m all: ${r.stderr}`);
        files = { ...s.files };
        for (const k of ['go.mod', 'go.sum']) if (r.files[k] != null) files[k] = r.files[k]!;
        prepared.set(s.files, files);
      }
      c = { ...s, files };
    }
    if (c.env) c = { ...c, env: Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, v.replaceAll('$PROXY', env.proxyDir)])) };
    const want = env.runGo(c);
    const got = await env.runOurs(c);
    const same = JSON.stringify(want) === JSON.stringify(got);
    const sameUpToOrder = JSON.stringify(downloadsSorted(want)) === JSON.stringify(downloadsSorted(got));
    results.push({ name: s.name, same, sameUpToOrder });
    // MODSCOPE_QUERY_SHOW=1 prints the differing cases, =all also real go's output of every case.
    if (process.env.MODSCOPE_QUERY_SHOW === 'all') console.log(`${s.name}\n${want.stdout}${want.stderr}exit ${want.exitCode}`);
    if (!sameUpToOrder) {
      failures.push(s.name);
      if (process.env.MODSCOPE_QUERY_SHOW) console.log(`${s.name}\nWANT ${JSON.stringify(want, null, 1)}\nGOT ${JSON.stringify(got, null, 1)}`);
    }
  }
  expect(failures).toEqual([]);
}

describe('version queries: go get / go list -m vs real go', () => {
  it('hand-built module set', async () => {
    const env = new DiffEnv(archives(FIXED));
    try {
      for (const [rel, text] of Object.entries(RAW)) {
        mkdirSync(dirname(join(env.proxyDir, rel)), { recursive: true });
        writeFileSync(join(env.proxyDir, rel), text);
      }
      await runAll(env, fixedSpecs());
    } finally {
      env.close();
    }
  }, 300_000);
  for (const seed of SEEDS) {
    it(`random module set, seed ${seed}`, async () => {
      const mods = randomModules(seed);
      const env = new DiffEnv(archives(mods));
      try {
        await runAll(env, randomSpecs(seed, mods));
      } finally {
        env.close();
      }
    }, 300_000);
  }
});
