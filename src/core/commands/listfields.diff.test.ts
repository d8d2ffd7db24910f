// go list's package fields that need no compiling, against the real go: DefaultGODEBUG (the main
// modules' go version, go.mod/go.work godebug lines, //go:debug directives), Target (GOBIN,
// $GOPATH or $HOME/go), //go:embed patterns and files of package, test and external test files,
// ImportMap (vendored std imports, -test variants) and std test imports shown vendor-expanded.
// Each tree is listed old (indexed by go) and fresh; expected output only from real go.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../../scripts/gotool.mjs';
import { runModscope, runRealGo } from '../../cli/compareRuns';

const root = mkdtempSync(join(tmpdir(), 'modscope-listfields-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FIELDS = 'ImportPath,Name,Target,DefaultGODEBUG,EmbedPatterns,EmbedFiles,Imports,ImportMap,TestImports,XTestImports,TestEmbedPatterns,TestEmbedFiles,XTestEmbedPatterns,XTestEmbedFiles,Error';

const mainGo = (directives = '') => `${directives}package main\n\nfunc main() {}\n`;

const trees: Record<string, Record<string, string>> = {
  'godebug go1.19': { 'go.mod': 'module example.com/m\n\ngo 1.19\n', 'main.go': mainGo() },
  'godebug go1.21 lines': { 'go.mod': 'module example.com/m\n\ngo 1.21\n\ngodebug panicnil=0\n\ngodebug (\n\thttpmuxgo121=0\n\tdefault=go1.22\n)\n', 'main.go': mainGo() },
  'godebug go1.23': { 'go.mod': 'module example.com/m\n\ngo 1.23.1\n', 'main.go': mainGo(), 'lib/lib.go': 'package lib\n' },
  'godebug directives': {
    'go.mod': 'module example.com/m\n\ngo 1.22.0\n',
    'main.go': mainGo('// Command m.\n//go:debug tls3des=0\n\n//go:debug x509sha1=1\n//go:debug not-a-setting\n'),
    'main_test.go': '//go:debug gotypesalias=1\npackage main\n\nimport "testing"\n\nfunc TestM(t *testing.T) {}\n',
    'x_test.go': '//go:debug panicnil=1\npackage main_test\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n',
    'cmd/tool/main.go': mainGo('//go:build !never\n\n//go:debug asynctimerchan=0\n'),
  },
  'godebug go.work': {
    'go.work': 'go 1.21\n\nuse ./a\n\ngodebug tlskyber=1\n',
    'a/go.mod': 'module example.com/a\n\ngo 1.23\n\ngodebug panicnil=1\n',
    'a/main.go': mainGo(),
  },
  embeds: {
    'go.mod': 'module example.com/m\n\ngo 1.22\n',
    'p/p.go': 'package p\n\nimport _ "embed"\n\n//go:embed *.txt data\nvar s string\n\n//go:embed a.txt\nvar t string\n',
    'p/a.txt': 'a\n',
    'p/b.txt': 'b\n',
    'p/data/x.bin': 'x',
    'p/data/.hidden': 'h',
    'p/in_test.go': 'package p\n\nimport (\n\t_ "embed"\n\t"testing"\n)\n\n//go:embed all:data a.txt\nvar u string\n\nfunc TestP(t *testing.T) {}\n',
    'p/x_test.go': 'package p_test\n\nimport (\n\t_ "embed"\n\t"testing"\n\n\t_ "example.com/m/q"\n)\n\n//go:embed b.txt\nvar v string\n\nfunc TestX(t *testing.T) {}\n',
    'q/q.go': 'package q\n\nimport _ "example.com/m/p"\n',
    'main.go': 'package main\n\nimport _ "example.com/m/q"\n\nfunc main() {}\n',
  },
  'std vendored imports': {
    'go.mod': 'module example.com/m\n\ngo 1.23\n',
    'main.go': 'package main\n\nimport (\n\t_ "crypto/ecdsa"\n\t_ "net/http"\n\t_ "os"\n)\n\nfunc main() {}\n',
  },
};

function write(dir: string, files: Record<string, string>, old: boolean): void {
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    // go indexes a directory only when none of its files changed in the last 2 s
    if (old) utimesSync(p, new Date('2020-01-01'), new Date('2020-01-01'));
  }
}

const COMMANDS: Array<[string[], Record<string, string>]> = [
  [['list', `-json=${FIELDS}`, './...'], {}],
  [['list', '-e', '-test', `-json=${FIELDS}`, './...'], {}],
  [['list', '-e', '-deps', `-json=ImportPath,ImportMap,TestImports,XTestImports,EmbedFiles`, './...'], {}],
  [['list', '-f', '{{.ImportPath}} {{.Target}}', './...'], { GOPATH: '', HOME: '/home/gopher' }],
  [['list', '-f', '{{.ImportPath}} {{.Target}}', './...'], { GOPATH: '/x/y:/z' }],
  [['list', '-f', '{{.ImportPath}} {{.Target}}', './...'], { GOBIN: '/opt/bin' }],
  // -find: the packages without their imports (PackageOpts.IgnoreImports)
  [['list', '-find', `-json=${FIELDS},Deps,Incomplete`, './...'], {}],
  [['list', '-e', '-find', '-f', '{{.ImportPath}} {{.Imports}} {{.Deps}} {{.Error}}', './...', 'fmt', 'net/http'], {}],
  [['list', '-find', '-deps', './...'], {}],
];

describe('go list package fields', () => {
  for (const [name, files] of Object.entries(trees)) {
    it(name, async () => {
      const diffs: string[] = [];
      for (const old of [true, false]) {
        const dir = join(root, `${name.replace(/\W+/g, '_')}-${old ? 'old' : 'fresh'}`);
        write(dir, files, old);
        const cwd = dir;
        for (const [args, extra] of COMMANDS) {
          // (-mod=mod is refused in workspace mode before anything this test looks at)
          const env = goEnv({ GOFLAGS: files['go.work'] ? '' : '-mod=mod', GOWORK: files['go.work'] ? join(dir, 'go.work') : 'off', ...extra }) as Record<string, string>;
          const g = await runRealGo(args, files['go.work'] ? join(dir, 'a') : cwd, env);
          const m = await runModscope(args, files['go.work'] ? join(dir, 'a') : cwd, env);
          const norm = (t: string) => t.replaceAll(dir, '$WORK');
          const a = { code: g.code, stdout: norm(g.stdout), stderr: norm(g.stderr) };
          const b = { code: m.code, stdout: norm(m.stdout), stderr: norm(m.stderr) };
          if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${old ? 'old' : 'fresh'} go ${args.join(' ')} ${JSON.stringify(extra)}\n  go: ${JSON.stringify(a).slice(0, 3000)}\n  ms: ${JSON.stringify(b).slice(0, 3000)}`);
        }
      }
      expect(diffs.join('\n')).toBe('');
    }, 120_000);
  }
});
