// Builds the Go oracle (scripts/oracle/*.go) against Go's own implementation of the
// module rules, read from the installed Go 1.23 source tree (never copied into this repo):
//   golang.org/x/mod      <- $GOROOT/src/cmd/vendor/golang.org/x/mod
//   oracle/internal/gover <- $GOROOT/src/internal/gover/gover.go
//   oracle/internal/txtar <- $GOROOT/src/internal/txtar/archive.go
//   oracle/internal/imports <- $GOROOT/src/cmd/go/internal/imports/{build,read,scan}.go, with its
//     imports of cmd/go/internal/{cfg,fsys} pointed at two small stubs written below
//     (cfg.BuildContext = go/build.Default; fsys.ReadDir/Stat/Open = the os functions)
//   oracle/internal/mvs <- $GOROOT/src/cmd/go/internal/mvs/*.go, with cmd/go/internal/par and
//     cmd/go/internal/gover copied beside it (oracle/internal/par, oracle/internal/cmdgover) and
//     gover's imports of internal/goversion (copied as oracle/internal/stdgoversion) and cmd/go/internal/base (a ShortPath stub)
// The binary is cached in .test-out/oracle keyed by the oracle sources' hash.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GO, GOROOT_SRC, goEnv } from '../gotool.mjs';

// The repository root: found upwards from this file, which bench/ bundles elsewhere.
const root = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'scripts/oracle/main.go'))) {
    if (dirname(d) === d) throw new Error('oracle: repository root not found');
    d = dirname(d);
  }
  return d;
})();
const here = join(root, 'scripts/oracle');

export function buildOracle() {
  const sources = readdirSync(here).filter((f) => f.endsWith('.go')).sort();
  const h = createHash('sha256');
  for (const f of sources) h.update(f + '\0' + readFileSync(join(here, f)) + '\0');
  const key = h.digest('hex').slice(0, 16);
  const outDir = join(root, '.test-out', 'oracle');
  const bin = join(outDir, `oracle-${key}`);
  if (existsSync(bin)) return bin;

  // per-process work dir and an atomic rename: test files in parallel forks may build at once
  const work = join(outDir, `src-${key}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(GOROOT_SRC, 'cmd/vendor/golang.org/x/mod'), join(work, 'xmod'), { recursive: true });
  writeFileSync(join(work, 'xmod/go.mod'), 'module golang.org/x/mod\n\ngo 1.22\n');
  for (const [pkg, file] of [['gover', 'internal/gover/gover.go'], ['txtar', 'internal/txtar/archive.go']]) {
    mkdirSync(join(work, 'internal', pkg), { recursive: true });
    cpSync(join(GOROOT_SRC, file), join(work, 'internal', pkg, file.split('/').pop()));
  }
  copyCmdGoImports(work);
  copyCmdGoMvs(work);
  for (const f of sources) cpSync(join(here, f), join(work, f));
  writeFileSync(
    join(work, 'go.mod'),
    'module oracle\n\ngo 1.23\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ./xmod\n',
  );
  mkdirSync(outDir, { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}`;
  execFileSync(GO, ['build', '-o', tmp, '.'], { cwd: work, env: goEnv({ GOFLAGS: '-mod=mod' }), stdio: 'inherit' });
  renameSync(tmp, bin);
  rmSync(work, { recursive: true, force: true });
  return bin;
}

// cmd/go/internal/imports compiles standalone once cfg and fsys are stubbed.
function copyCmdGoImports(work) {
  const dst = join(work, 'internal', 'imports');
  mkdirSync(dst, { recursive: true });
  for (const f of ['build.go', 'read.go', 'scan.go']) {
    const text = readFileSync(join(GOROOT_SRC, 'cmd/go/internal/imports', f), 'utf8')
      .replaceAll('"cmd/go/internal/cfg"', '"oracle/internal/cfg"')
      .replaceAll('"cmd/go/internal/fsys"', '"oracle/internal/fsys"');
    writeFileSync(join(dst, f), text);
  }
  // The header parser is unexported; give the oracle a door to it.
  writeFileSync(
    join(dst, 'export_oracle.go'),
    'package imports\n\n// ParseFileHeader exposes parseFileHeader to the oracle.\n' +
      'func ParseFileHeader(content []byte) (trimmed, goBuild []byte, sawBinaryOnly bool, err error) {\n' +
      '\treturn parseFileHeader(content)\n}\n',
  );
  mkdirSync(join(work, 'internal', 'cfg'), { recursive: true });
  writeFileSync(
    join(work, 'internal', 'cfg', 'cfg.go'),
    'package cfg\n\nimport "go/build"\n\n// BuildContext stands in for cmd/go/internal/cfg.BuildContext.\nvar BuildContext = build.Default\n',
  );
  mkdirSync(join(work, 'internal', 'fsys'), { recursive: true });
  writeFileSync(
    join(work, 'internal', 'fsys', 'fsys.go'),
    [
      'package fsys',
      '',
      'import (',
      '\t"io/fs"',
      '\t"os"',
      ')',
      '',
      '// ReadDir, Stat and Open stand in for cmd/go/internal/fsys without overlays.',
      'func ReadDir(dir string) ([]fs.FileInfo, error) {',
      '\tentries, err := os.ReadDir(dir)',
      '\tif err != nil {',
      '\t\treturn nil, err',
      '\t}',
      '\tvar infos []fs.FileInfo',
      '\tfor _, e := range entries {',
      '\t\tinfo, err := e.Info()',
      '\t\tif err != nil {',
      '\t\t\treturn nil, err',
      '\t\t}',
      '\t\tinfos = append(infos, info)',
      '\t}',
      '\treturn infos, nil',
      '}',
      '',
      'func Stat(path string) (fs.FileInfo, error) { return os.Stat(path) }',
      '',
      'func Open(path string) (*os.File, error) { return os.Open(path) }',
      '',
    ].join('\n'),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(buildOracle());

// cmd/go/internal/mvs compiles standalone with its imports cmd/go/internal/par and
// cmd/go/internal/gover copied too; gover needs internal/gover, internal/goversion and, for one
// error text, cmd/go/internal/base.ShortPath (stubbed as the identity).
function copyCmdGoMvs(work) {
  const rewrite = (text) =>
    text
      .replaceAll('"cmd/go/internal/par"', '"oracle/internal/par"')
      .replaceAll('"cmd/go/internal/gover"', '"oracle/internal/cmdgover"')
      .replaceAll('"cmd/go/internal/base"', '"oracle/internal/base"')
      .replaceAll('"internal/goversion"', '"oracle/internal/stdgoversion"')
      .replaceAll('"internal/gover"', '"oracle/internal/gover"');
  for (const [dst, src] of [
    ['mvs', 'cmd/go/internal/mvs'],
    ['par', 'cmd/go/internal/par'],
    ['cmdgover', 'cmd/go/internal/gover'],
    ['stdgoversion', 'internal/goversion'],
  ]) {
    const to = join(work, 'internal', dst);
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(join(GOROOT_SRC, src))) {
      if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
      writeFileSync(join(to, f), rewrite(readFileSync(join(GOROOT_SRC, src, f), 'utf8')));
    }
  }
  mkdirSync(join(work, 'internal', 'base'), { recursive: true });
  writeFileSync(
    join(work, 'internal', 'base', 'base.go'),
    'package base\n\n// ShortPath stands in for cmd/go/internal/base.ShortPath.\nfunc ShortPath(path string) string { return path }\n',
  );
}
