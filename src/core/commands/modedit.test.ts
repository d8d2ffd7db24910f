// `go mod edit` flags: our modEdit against the real go command on the same inputs
// (table of hand-picked cases plus seeded random flag combinations). Real go results are
// cached in .test-out keyed by go version, arguments and input.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../../scripts/gotool.mjs';
import { modEdit } from './modedit';

interface Run {
  stdout: string;
  stderr: string;
  code: number;
  /** go.mod after the command (null: no file) */
  after: string | null;
}

const root = resolve(__dirname, '../../..');
const cacheDir = join(root, '.test-out', 'modedit');
let goVersion = '';

async function realModEdit(args: string[], data: string | null, dir: string): Promise<Run> {
  goVersion ||= execFileSync(GO, ['env', 'GOVERSION'], { env: goEnv() }).toString().trim();
  const key = createHash('sha256')
    .update(JSON.stringify(['v2', goVersion, args, data]))
    .digest('hex');
  const cached = join(cacheDir, key + '.json');
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Run;
  const gomod = join(dir, 'go.mod');
  rmSync(gomod, { force: true });
  if (data !== null) writeFileSync(gomod, data);
  const r = await new Promise<Run>((res) => {
    execFile(GO, ['mod', 'edit', ...args], { cwd: dir, env: goEnv(), encoding: 'utf8' }, (err, stdout, stderr) => {
      res({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, after: null });
    });
  });
  if (existsSync(gomod)) r.after = readFileSync(gomod, 'utf8');
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, JSON.stringify(r));
  return r;
}

async function pool<T, R>(items: T[], n: number, fn: (item: T, dir: string) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'modscope-modedit-'));
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], dir);
      }
    }),
  );
  return out;
}

const INPUTS: Record<string, string> = {
  full:
    'module example.com/m\n\ngo 1.21\n\nrequire (\n\tgolang.org/x/text v0.3.0 // indirect\n\trsc.io/quote v1.5.2\n)\n\n' +
    'exclude rsc.io/sampler v1.99.99\n\nreplace rsc.io/quote v1.5.2 => ../quote\n\nretract [v1.0.0, v1.0.5] // bad\n',
  minimal: 'module example.com/m\n',
  empty: '',
  comments: '// top\n\n// Deprecated: use example.com/n\nmodule example.com/m // tail\n\n// c1\ngo 1.22 // g\n\ntoolchain go1.22.3\n\ngodebug (\n\tpanicnil=1\n\tx=y // why\n)\n\nrequire rsc.io/quote v1.5.2 // indirect; keep\n\n// end\n',
  exclOld: 'module example.com/m\n\ngo 1.20\n\nexclude (\n\tx.org/y v1.10.0\n\tx.org/y v1.9.0\n\tx.org/y v1.2.0\n)\n',
  exclNew: 'module example.com/m\n\ngo 1.21\n\nexclude (\n\tx.org/y v1.10.0\n\tx.org/y v1.9.0\n\tx.org/y v1.2.0\n)\n',
  v2: 'module example.com/m/v2\n\nrequire (\n\texample.com/a/v3 v3.0.0\n\tgopkg.in/yaml.v2 v2.4.0\n)\n\nretract (\n\tv2.0.1\n\t[v2.1.0, v2.2.0]\n)\n',
  bad: 'module x\nfoo bar\nrequire y\nrequire z v1.2\n',
  quoted: 'module "example.com/q"\nrequire "example.com/a" "v1.0.0"\nreplace "example.com/a" => "../a b"\n',
  crlf: 'module example.com/m\r\n\r\ngo 1.16\r\nrequire (\r\n\tb.org/b v1.0.0\r\n\ta.org/a v1.0.0\r\n)\r\n',
  noModule: 'go 1.21\nrequire a.org/a v1.0.0\n',
};

const ARGS: string[][] = [
  ['-fmt'],
  ['-print'],
  ['-json'],
  ['-fmt', '-print'],
  ['-fmt', '-json'],
  ['-module=example.com/new', '-print'],
  ['-module', 'example.com/other', '-json'],
  ['-module=bad path', '-print'],
  ['-module=example.com/m/v3'],
  ['-go=1.22', '-print'],
  ['-go=1.22'],
  ['-go=none', '-print'],
  ['-go=1.22x'],
  ['-go=1.23rc1', '-json'],
  ['-toolchain=go1.22.1', '-print'],
  ['-toolchain=none', '-print'],
  ['-toolchain=1.22'],
  ['-toolchain=default', '-json'],
  ['-go=1.21', '-toolchain=go1.21.1', '-print'],
  ['-godebug=panicnil=1', '-print'],
  ['-godebug=x=z', '-godebug=new=1', '-print'],
  ['-godebug=bad'],
  ['-godebug="a=b"'],
  ['-dropgodebug=panicnil', '-print'],
  ['-dropgodebug=x', '-json'],
  ['-require=rsc.io/quote@v1.6.0', '-print'],
  ['-require=new.org/x@v1.0.0', '-print'],
  ['-require=new.org/x@master', '-json'],
  ['-require=x'],
  ['-require=BAD PATH@v1'],
  ['-require=x.org/y@ v1.0.0 ', '-print'],
  ['-require=x.org/y@"v1"'],
  ['-require=a.org/a@v1.0.0', '-require=a.org/a@v1.1.0', '-print'],
  ['-droprequire=rsc.io/quote', '-print'],
  ['-droprequire=golang.org/x/text', '-json'],
  ['-droprequire=x@v1'],
  ['-droprequire=-bad'],
  ['-exclude=rsc.io/sampler@v1.3.0', '-print'],
  ['-exclude=rsc.io/sampler@v1.99.99', '-print'],
  ['-exclude=x.org/y@v1.3.0', '-print'],
  ['-exclude=x.org/y@v1'],
  ['-exclude=x.org/y/v2@v1.0.0'],
  ['-exclude=x.org/y@v2.0.0'],
  ['-exclude=gopkg.in/x.v2@v3.0.0'],
  ['-exclude=x.org/y/v2@v2'],
  ['-dropexclude=rsc.io/sampler@v1.99.99', '-print'],
  ['-dropexclude=x.org/y@v1.9.0', '-json'],
  ['-replace=a.org/a=b.org/b'],
  ['-replace=a.org/a=../b', '-print'],
  ['-replace=a.org/a@v1.0.0=b.org/b@v1.2.0', '-print'],
  ['-replace=a.org/a=>b.org/b'],
  ['-replace=a.org/a'],
  ['-replace=a.org/a=b.org/b@'],
  ['-replace=a.org/a@=./b'],
  ['-replace=Bad Path=./b'],
  ['-replace=rsc.io/quote=../q2', '-print'],
  ['-replace=rsc.io/quote@v1.5.2=example.com/fork@v1.0.0', '-json'],
  ['-replace=a.org/a = ./spa ce', '-print'],
  ['-replace=a.org/a=C:\\dir', '-print'],
  ['-dropreplace=rsc.io/quote@v1.5.2', '-print'],
  ['-dropreplace=rsc.io/quote', '-print'],
  ['-dropreplace=example.com/a', '-print'],
  ['-dropreplace=./x'],
  ['-retract=v1.0.0', '-json'],
  ['-retract=v1.0.0', '-print'],
  ['-retract=[v1.1.0,v1.2.0]', '-print'],
  ['-retract=[ v1.1.0 , v1.2.0 ]', '-print'],
  ['-retract=[v1.1.0]'],
  ['-retract=[v1.1.0,v1.2.0'],
  ['-retract=v1'],
  ['-retract=v2.0.0'],
  ['-retract=bad ver'],
  ['-dropretract=[v1.0.0,v1.0.5]', '-print'],
  ['-dropretract=v2.0.1', '-json'],
  ['-require=a.com/x@v1.0.0', '-require=b.com/y@v1.0.0', '-droprequire=a.com/x', '-exclude=c.com/z@v1.0.0', '-print'],
  ['-replace=z.org/z=./z', '-replace=a.org/a=./a', '-replace=z.org/z@v1.0.0=./z1', '-print'],
  [],
  ['-foo'],
  ['-json', '-print'],
  ['-fmt', 'a', 'b'],
  ['-h'],
  ['-help'],
  ['-fmt=maybe'],
  ['-fmt=false'],
  ['-go'],
  ['---fmt'],
  ['-=x'],
  ['--print'],
  ['-print', '--'],
  ['-n', '-x', '-print'],
  ['-modcacherw', '-print'],
  ['-fmt', '-C', 'dir'],
  ['-print=0', '-fmt'],
];

function withFile(args: string[]): string[] {
  // Name the file explicitly so go does not look for a main module.
  return args.length === 0 || args.includes('a') ? args : [...args, 'go.mod'];
}

describe('go mod edit vs real go', () => {
  it('flag table', async () => {
    const cases: Array<{ input: string; args: string[] }> = [];
    for (const input of Object.keys(INPUTS)) for (const a of ARGS) cases.push({ input, args: withFile(a) });
    await compare(cases, 'flag table');
  });

  it('seeded random flag combinations', async () => {
    const seed = 977;
    let a = seed;
    const rand = (n: number) => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return (a >>> 8) % n;
    };
    const flagPool = ARGS.flat().filter((x) => x.startsWith('-') && x.length > 2 && !x.startsWith('--') && x !== '-h' && x !== '-help' && x !== '-C');
    const valued = flagPool.filter((x) => x.includes('='));
    const cases: Array<{ input: string; args: string[] }> = [];
    const names = Object.keys(INPUTS);
    for (let i = 0; i < 150; i++) {
      const n = 1 + rand(5);
      const args: string[] = [];
      for (let k = 0; k < n; k++) args.push(valued[rand(valued.length)]);
      if (rand(3) === 0) args.push(['-print', '-json', '-fmt'][rand(3)]);
      cases.push({ input: names[rand(names.length)], args: [...args, 'go.mod'] });
    }
    await compare(cases, `random combinations (seed ${seed})`);
  });

  it('missing file and no positional file', async () => {
    // A fixed directory: go prints the absolute go.mod path, and results are cached.
    const dir = join(tmpdir(), 'modscope-modedit-fixed');
    mkdirSync(dir, { recursive: true });
    const want = await realModEdit(['-fmt', 'go.mod'], null, dir);
    const got = modEdit(['-fmt', 'go.mod'], null);
    expect({ stdout: got.stdout, stderr: got.stderr, code: got.exitCode, after: null }).toEqual(want);
    // Without a positional argument go edits the main module's go.mod (found via cwd).
    const realNoArg = await realModEdit(['-print'], INPUTS.full, dir);
    const ours = modEdit(['-print'], { name: join(dir, 'go.mod'), data: INPUTS.full });
    expect({ stdout: ours.stdout, stderr: ours.stderr, code: ours.exitCode, after: INPUTS.full }).toEqual(realNoArg);
    const realBad = await realModEdit(['-print'], INPUTS.bad, dir);
    const oursBad = modEdit(['-print'], { name: join(dir, 'go.mod'), data: INPUTS.bad }, { cwd: dir });
    expect({ stdout: oursBad.stdout, stderr: oursBad.stderr, code: oursBad.exitCode, after: INPUTS.bad }).toEqual(realBad);
  });
});

async function compare(cases: Array<{ input: string; args: string[] }>, label: string) {
  const real = await pool(cases, 2, (c, dir) => realModEdit(c.args, INPUTS[c.input], dir));
  let same = 0;
  const diffs: unknown[] = [];
  cases.forEach((c, i) => {
    const r = modEdit(c.args, { name: 'go.mod', data: INPUTS[c.input] });
    const got: Run = { stdout: r.stdout, stderr: r.stderr, code: r.exitCode, after: r.data ?? INPUTS[c.input] };
    if (JSON.stringify(got) === JSON.stringify(real[i])) same++;
    else if (diffs.length < 8) diffs.push({ input: c.input, args: c.args, want: real[i], got });
  });
  console.log(`go mod edit ${label}: ${cases.length} cases, ${same} identical, ${cases.length - same} differing`);
  expect(diffs).toEqual([]);
}
