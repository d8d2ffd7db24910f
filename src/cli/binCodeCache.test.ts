// bin/modscope.js runs dist/modscope.cjs with a V8 code cache per build and command: the first
// run writes it, later runs use it, and a damaged or foreign cache only costs the compilation.
// Every run must print what real go prints.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';

const root = join(__dirname, '../..');
let out = '';

beforeAll(() => {
  // a private build (dist/ may be rebuilt by another process meanwhile), as e2e/shell.ts does
  out = mkdtempSync(join(tmpdir(), 'modscope-bin-'));
  symlinkSync(join(root, 'src'), join(out, 'src'));
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: out, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-cli: ${r.stderr}`);
  mkdirSync(join(out, 'bin'));
  for (const f of ['modscope.js', 'package.json']) cpSync(join(root, 'bin', f), join(out, 'bin', f));
  mkdirSync(join(out, 'm'));
  writeFileSync(join(out, 'm/go.mod'), 'module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.2.0 // indirect\n)\n');
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

type Out = { status: number | null; stdout: string; stderr: string };
const pick = (r: Out) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr });

function run(cmd: string[], env: Record<string, string>): Out {
  return spawnSync(cmd[0]!, cmd.slice(1), { cwd: join(out, 'm'), env, encoding: 'utf8' });
}

describe('bin/modscope.js code cache', () => {
  const lines = [['mod', 'edit', '-json'], ['mod', 'edit', '-require=bad@v1'], ['-C', '.', 'mod', 'edit', '-print']];

  it.each(lines.map((a) => [a.join(' '), a] as const))('%s: same output as go without a cache, writing it, reading it, past a damaged one', (_, args) => {
    const cache = join(out, 'cache-' + args.join('_'));
    const env = goEnv({ XDG_CACHE_HOME: cache, MODSCOPE_CACHE: '' });
    const want = pick(run([GO as string, ...args], env));
    const ms = () => pick(run([process.execPath, join(out, 'bin/modscope.js'), ...args], env));
    expect(ms()).toEqual(want); // writes the cache
    const dir = join(cache, 'modscope/v8');
    const [build] = readdirSync(dir);
    const files = readdirSync(join(dir, build!));
    expect(files).toHaveLength(1);
    const file = join(dir, build!, files[0]!);
    const written = readFileSync(file);
    expect(written.length).toBeGreaterThan(1000);
    expect(ms()).toEqual(want); // reads it
    writeFileSync(file, written.subarray(0, written.length >> 1)); // damaged: V8 rejects it
    expect(ms()).toEqual(want);
    expect(readFileSync(file).length).toBeGreaterThan(written.length >> 1); // written anew
    writeFileSync(file, 'not a code cache');
    expect(ms()).toEqual(want);
    expect(pick(run([process.execPath, join(out, 'bin/modscope.js'), ...args], { ...env, MODSCOPE_NOCODECACHE: '1' }))).toEqual(want);
    // MODSCOPE_CACHE moves it (<dir>/v8) or turns it off, as it does the module index
    const own = join(out, 'own-' + args.join('_'));
    expect(pick(run([process.execPath, join(out, 'bin/modscope.js'), ...args], { ...env, MODSCOPE_CACHE: own }))).toEqual(want);
    expect(readdirSync(join(own, 'v8'))).toHaveLength(1);
    expect(pick(run([process.execPath, join(out, 'bin/modscope.js'), ...args], { ...env, XDG_CACHE_HOME: join(out, 'none'), MODSCOPE_CACHE: 'off' }))).toEqual(want);
    expect(() => readdirSync(join(out, 'none'))).toThrow();
  });
});
