// Test support: seeded go command lines drawn from each command's flag set in Go 1.23
// (cmd/go/internal/{modcmd,list,modget,workcmd,envcmd,clean,version,work,test,vet,run}: the
// Flag.Bool/String/Var calls, AddBuildFlags, AddModCommonFlags, AddChdirFlag), with valid and
// invalid values, the flag package's syntaxes (-f, --f, -f=v, -f v, boolean -f=x), unknown
// flags, flags after arguments, "--", repeated flags, -C, and $GOFLAGS — for the differential
// test flags.diff.test.ts. The same seed gives the same line.
import { rng, type Rng } from '../core/rng';

/** The repos (flags.diff.test.ts builds them): a module, a vendored module, no go.mod, a workspace. */
export type RepoName = 'mod' | 'vendor' | 'nomod' | 'work';

export interface FlagLine {
  seed: number;
  repo: RepoName;
  args: string[];
  /** $GOFLAGS ("" = unset) */
  goflags: string;
}

interface CmdDef {
  words: string[];
  bools: string[];
  strings: string[];
  /** positional arguments the command may take */
  args: string[];
}

const modCommon = { bools: ['modcacherw'], strings: ['modfile', 'overlay', 'C'] };
// work/build.go AddBuildFlags (DefaultBuildFlags), less -v where OmitVFlag
const buildBools = ['n', 'x', 'a', 'v', 'linkshared', 'race', 'msan', 'asan', 'trimpath', 'work', 'buildvcs', 'modcacherw'];
const buildStrings = ['C', 'p', 'asmflags', 'compiler', 'buildmode', 'gcflags', 'gccgoflags', 'mod', 'modfile', 'overlay', 'installsuffix', 'ldflags', 'pgo', 'pkgdir', 'tags', 'toolexec', 'debug-actiongraph', 'debug-trace'];
// (no std: go vet std compiles and vets the standard library)
const pkgArgs = ['.', './...', 'all', 'example.com/dep', 'example.com/m/sub', './sub', 'fmt', 'nosuch.example/x', 'main.go', '-bad', 'example.com/m'];

const defs: CmdDef[] = [
  { words: ['mod', 'download'], bools: ['json', 'x', ...modCommon.bools], strings: ['reuse', ...modCommon.strings], args: ['all', 'example.com/dep', 'example.com/dep@v1.1.0', 'example.com/dep@latest', 'example.com/other@v1.0.0', 'bad@', 'nosuch.example/x@v1.0.0'] },
  { words: ['mod', 'edit'], bools: ['fmt', 'json', 'print', 'n', 'x', ...modCommon.bools], strings: ['go', 'toolchain', 'module', 'godebug', 'dropgodebug', 'require', 'droprequire', 'exclude', 'dropexclude', 'replace', 'dropreplace', 'retract', 'dropretract', ...modCommon.strings], args: ['go.mod', 'alt.mod', 'nosuch.mod'] },
  { words: ['mod', 'graph'], bools: ['x', ...modCommon.bools], strings: ['go', ...modCommon.strings], args: ['extra'] },
  { words: ['mod', 'init'], bools: [...modCommon.bools], strings: [...modCommon.strings], args: ['example.com/new', 'bad path', 'x'] },
  { words: ['mod', 'tidy'], bools: ['v', 'x', 'e', 'diff', ...modCommon.bools], strings: ['go', 'compat', ...modCommon.strings], args: ['extra'] },
  { words: ['mod', 'vendor'], bools: ['v', 'e', ...modCommon.bools], strings: ['o', ...modCommon.strings], args: ['extra'] },
  { words: ['mod', 'verify'], bools: [...modCommon.bools], strings: [...modCommon.strings], args: ['extra'] },
  { words: ['mod', 'why'], bools: ['m', 'vendor', ...modCommon.bools], strings: [...modCommon.strings], args: ['example.com/dep', 'example.com/m/sub', 'fmt', 'nosuch.example/x'] },
  { words: ['list'], bools: ['compiled', 'deps', 'e', 'export', 'find', 'm', 'retracted', 'test', 'u', 'versions', 'json', 'cover', ...buildBools], strings: ['f', 'reuse', 'covermode', 'coverpkg', ...buildStrings], args: [...pkgArgs, 'std', 'example.com/dep@v1.1.0', 'example.com/dep@latest'] },
  { words: ['get'], bools: ['f', 'fix', 'm', 't', 'insecure', 'n', 'x', 'a', 'v', 'race', 'trimpath', 'modcacherw', 'd', 'u'], strings: ['C', 'p', 'tags', 'modfile', 'overlay', 'ldflags', 'pgo', 'buildmode', 'compiler'], args: ['example.com/dep@v1.1.0', 'example.com/dep@none', 'example.com/other', 'example.com/dep@latest', 'example.com/m/sub', '.', 'bad@@', 'go@1.23', 'toolchain@none'] },
  { words: ['build'], bools: buildBools, strings: ['o', ...buildStrings], args: pkgArgs },
  { words: ['run'], bools: buildBools, strings: ['exec', ...buildStrings], args: ['.', 'main.go', './sub', 'example.com/dep', 'nosuch.example/x', 'arg1'] },
  { words: ['test'], bools: buildBools.filter((b) => b !== 'v').concat(['v', 'cover', 'json', 'short', 'failfast', 'c', 'benchmem']), strings: ['run', 'count', 'timeout', 'cpu', 'covermode', 'coverpkg', 'exec', 'o', ...buildStrings], args: pkgArgs },
  { words: ['vet'], bools: buildBools, strings: ['vettool', ...buildStrings], args: pkgArgs },
  { words: ['env'], bools: ['json', 'u', 'w', 'changed', 'n', 'x'], strings: ['C'], args: ['GOFLAGS', 'GOMOD', 'GOPROXY', 'GOFLAGS=-x', 'BOGUS', 'GOWORK'] },
  { words: ['clean'], bools: ['i', 'r', 'modcache', 'testcache', 'fuzzcache', 'n', 'x', 'v', 'modcacherw'], strings: ['C', 'tags', 'mod', 'modfile', 'p'], args: ['.', './...', 'example.com/dep', 'nosuch.example/x'] },
  { words: ['version'], bools: ['m', 'v'], strings: ['C'], args: ['go.mod', 'nosuch', '.'] },
  { words: ['work', 'init'], bools: [...modCommon.bools], strings: [...modCommon.strings], args: ['.', './sub', './a', './b', 'nosuch'] },
  { words: ['work', 'use'], bools: ['r', ...modCommon.bools], strings: [...modCommon.strings], args: ['.', './sub', './a', './b', 'nosuch'] },
  { words: ['work', 'edit'], bools: ['fmt', 'json', 'print'], strings: ['go', 'toolchain', 'godebug', 'dropgodebug', 'use', 'dropuse', 'replace', 'dropreplace', 'C'], args: ['go.work', 'nosuch.work'] },
  { words: ['work', 'sync'], bools: [...modCommon.bools], strings: [...modCommon.strings], args: ['extra'] },
  { words: ['work', 'vendor'], bools: ['v', 'e', ...modCommon.bools], strings: ['o', ...modCommon.strings], args: ['extra'] },
];

const versions = ['1.21', '1.23', '1.23.0', '1.24', '1.99', 'go1.21', 'bad', '', '1.21rc1', '1'];
/** Values per flag; "*" gives the rest. */
const values: Record<string, string[]> = {
  mod: ['mod', 'readonly', 'vendor', 'bogus', ''],
  modfile: ['alt.mod', 'nosuch.mod', 'go.mod', 'alt.txt', ''],
  overlay: ['overlay.json', 'nosuch.json', 'bad.json', ''],
  C: ['sub', 'nosuch', '.', 'main.go'],
  go: versions,
  compat: versions,
  toolchain: ['go1.23.0', 'none', 'bad', 'go1.21'],
  p: ['1', '4', '0', '-1', 'x', ''],
  tags: ['x', 'x,y', "'a b'", 'a b', '!bad', ''],
  pgo: ['auto', 'off', 'default.pgo', 'nosuch.pgo', ''],
  buildmode: ['default', 'exe', 'pie', 'bogus', 'c-shared', 'archive'],
  compiler: ['gc', 'gccgo', 'bogus'],
  ldflags: ['-s -w', "'-X main.x=1'", '"', ''],
  gcflags: ['-N -l', 'all=-N', '"', ''],
  asmflags: ['-S', ''],
  gccgoflags: ['-O2'],
  toolexec: ['echo', "'"],
  installsuffix: ['x'],
  pkgdir: ['/tmp/nosuch-pkgdir'],
  f: ['{{.ImportPath}}', '{{.Path}}', '{{.Bogus}}', '{{', '{{.Dir}}', ''],
  json: ['Path', 'Path,Dir', 'ImportPath'],
  reuse: ['reuse.json', 'nosuch.json'],
  o: ['out', 'vendor2', ''],
  module: ['example.com/renamed', 'bad path', ''],
  require: ['example.com/x@v1.0.0', 'example.com/x', 'bad@v1'],
  droprequire: ['example.com/dep', 'example.com/dep@v1.0.0'],
  exclude: ['example.com/dep@v1.1.0', 'example.com/dep'],
  dropexclude: ['example.com/dep@v1.1.0'],
  replace: ['example.com/dep=./local', 'example.com/dep@v1.0.0=example.com/other@v1.0.0', 'bad', 'example.com/dep=example.com/other'],
  dropreplace: ['example.com/dep', 'example.com/dep@v1.0.0'],
  retract: ['v1.0.0', '[v1.0.0,v1.1.0]', 'bad'],
  dropretract: ['v1.0.0'],
  godebug: ['panicnil=1', 'bad', 'x=y'],
  dropgodebug: ['panicnil'],
  use: ['./a', './nosuch', ''],
  dropuse: ['./a'],
  covermode: ['set', 'count', 'atomic', 'bogus'],
  coverpkg: ['./...', 'example.com/dep'],
  run: ['TestX', '('],
  count: ['1', 'x'],
  timeout: ['1s', 'x'],
  cpu: ['1,2', 'x'],
  exec: ['echo'],
  vettool: ['/nosuch/vet'],
  'debug-actiongraph': ['ag.json'],
  'debug-trace': ['trace.out'],
  // boolean flags given a value
  bool: ['true', 'false', '1', '0', 't', 'F', 'maybe', '', 'TRUE'],
  buildvcs: ['auto', 'true', 'false', 'maybe'],
  u: ['patch', 'true', 'false', 'bogus'],
  d: ['true', 'false', 'x'],
};

const combos: Record<string, string[][]> = {
  list: [['-json', '-f={{.ImportPath}}'], ['-m', '-json=Path,Version'], ['-m', '-u'], ['-m', '-versions'], ['-m', '-retracted'], ['-deps', '-find'], ['-test', '-find'], ['-e', '-json'], ['-u'], ['-versions'], ['-m', '-reuse=reuse.json'], ['-export', '-find'], ['-m', '-mod=vendor'], ['-race', '-msan'], ['-m', '-f', '{{.Version}}']],
  'mod edit': [['-json', '-print'], ['-fmt'], ['-go=1.22', '-print'], ['-toolchain=go1.23.0', '-json']],
  'mod tidy': [['-go=1.22', '-compat=1.21'], ['-diff', '-e'], ['-compat=1.99']],
  get: [['-u=patch', 'example.com/dep'], ['-d=false'], ['-t', '-u'], ['-m'], ['-insecure']],
  test: [['-c', '-bogus'], ['-race', '-covermode=set'], ['-vet=off,all'], ['-json', '-v'], ['.', '-run', 'X'], ['-args', '-x'], ['-shuffle=on'], ['-shuffle', '12x']],
  build: [['-race', '-msan'], ['-p', '0'], ['-buildmode=shared'], ['-o', 'out', '.', './sub']],
  env: [['-json', '-u', 'GOFLAGS'], ['-w', 'GOFLAGS=-x'], ['-u'], ['-changed', '-json']],
  version: [['-m', '-v'], ['-m', 'go.mod']],
  clean: [['-modcache', '.'], ['-cache'], ['-n', '-modcache']],
};

const unknownFlags = ['bogus', 'json', 'm', 'mod', 'e', 'x', 'help', 'h', 'test.v', 'count'];
const goflagsWords = [
  '-mod=mod', '-mod=readonly', '-mod=vendor', '-mod=bogus', '-modcacherw', '-x', '-v', '-e', '-e=maybe', '-json', '-tags=x',
  '-ldflags=-w', '-bogus', '--mod=mod', '-mod', '-modfile=alt.mod', 'mod=mod', '-', '-trimpath', '-race', '-p=0', '-buildvcs=false',
  '-m', '-u', '-go=1.21', '-o=out', "'-tags=a b'", '"-x', '-overlay=nosuch.json', '-C=sub', '-n', '-json=false', '-fix', '-count=1',
];

function flagToken(r: Rng, name: string, isBool: boolean): string[] {
  const dash = r.chance(0.15) ? '--' : '-';
  if (isBool) {
    if (r.chance(0.7) || !(name in values || true)) return [dash + name];
    return [`${dash}${name}=${r.pick(values[name] ?? values.bool!)}`];
  }
  const v = r.pick(values[name] ?? ['x']);
  if (r.chance(0.05)) return [dash + name]; // missing argument (unless something follows)
  return r.chance(0.5) ? [`${dash}${name}=${v}`] : [dash + name, v];
}

/** The command line of one seed. */
export function flagLine(seed: number): FlagLine {
  const r = rng(seed);
  const def = r.pick(defs);
  const repo: RepoName = def.words[0] === 'work' ? r.pick(['work', 'work', 'mod', 'nomod'] as const) : r.pick(['mod', 'mod', 'vendor', 'nomod', 'work'] as const);
  const flags: string[] = [];
  const nflags = r.int(4);
  for (let i = 0; i < nflags; i++) {
    const roll = r.next();
    if (roll < 0.08) flags.push(`-${r.pick(unknownFlags)}`);
    else if (roll < 0.11) flags.push(r.pick(['-', '---x', '-=x', '--=', '-e=', '--']));
    else {
      const all = [...def.bools.map((b) => [b, true] as const), ...def.strings.map((s) => [s, false] as const)];
      const [name, isBool] = r.pick(all);
      flags.push(...flagToken(r, name, isBool));
      if (r.chance(0.1)) flags.push(...flagToken(r, name, isBool)); // repeated
    }
  }
  // flag pairs whose combination go checks
  const pairs = combos[def.words.join(' ')];
  if (pairs && r.chance(0.25)) flags.push(...r.pick(pairs));
  const pos = r.subset(def.args, 0.25).slice(0, 2);
  let args = [...flags, ...pos];
  // flags after the positional arguments
  if (pos.length > 0 && r.chance(0.15)) args.push(...flagToken(r, r.pick(def.bools.length ? def.bools : def.strings), def.bools.length > 0));
  if (r.chance(0.05)) args.splice(r.int(args.length + 1), 0, '--');
  // -C before or after the command name
  let pre: string[] = [];
  if (r.chance(0.12)) {
    const c = r.chance(0.5) ? ['-C', r.pick(values.C!)] : [`-C=${r.pick(values.C!)}`];
    if (r.chance(0.5)) pre = c;
    else args = [...c, ...args];
  }
  const goflags = r.chance(0.25) ? r.subset(goflagsWords, 0.08).concat(r.chance(0.5) ? [r.pick(goflagsWords)] : []).join(' ') : '';
  return { seed, repo, args: [...pre, ...def.words, ...args], goflags };
}
