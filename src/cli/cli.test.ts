// The modscope CLI as a whole process against the real go command: same stdout, stderr, exit
// status and resulting go.mod, including -C handling and the go.mod search in parent directories.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gomodCorpus } from '../../bench/gomodCorpus';
import { runGo } from '../../scripts/realgo';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'modscope.js');
const work = mkdtempSync(join(tmpdir(), 'modscope-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** Runs both tools on identical copies of the tree; paths are reported relative to the copy. */
function both(files: Record<string, string>, args: string[], cwd = '.') {
  const out = [];
  for (const tool of ['go', 'modscope'] as const) {
    const root = join(work, `${n}`, tool === 'go' ? 'a' : 'b');
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), data);
    }
    mkdirSync(join(root, cwd), { recursive: true });
    const dir = join(root, cwd);
    const r =
      tool === 'go'
        ? runGo(args, { cwd: dir })
        : (() => {
            const p = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
            return { stdout: p.stdout, stderr: p.stderr, exitCode: p.status ?? -1 };
          })();
    const norm = (s: string) => s.split(root).join('$ROOT');
    const after: Record<string, string> = {};
    for (const name of Object.keys(files)) after[name] = readFileSync(join(root, name), 'utf8');
    out.push({ stdout: norm(r.stdout), stderr: norm(r.stderr), exitCode: r.exitCode, after });
  }
  n++;
  return { go: out[0]!, ours: out[1]! };
}

describe('modscope mod edit (whole process) vs go mod edit', () => {
  const corpus = gomodCorpus(12, 7);
  const cases: Array<[string, Record<string, string>, string[], string?]> = [
    ...corpus.map((g, i) => [`corpus ${i} -fmt`, { 'go.mod': g }, ['mod', 'edit', '-fmt']] as [string, Record<string, string>, string[]]),
    ...corpus.map((g, i) => [`corpus ${i} -json`, { 'go.mod': g }, ['mod', 'edit', '-json']] as [string, Record<string, string>, string[]]),
    ['parse error', { 'go.mod': 'module m\n\nfoo bar\nrequire x\n' }, ['mod', 'edit', '-fmt']],
    ['no go.mod', { 'x.txt': '' }, ['mod', 'edit', '-fmt']],
    ['parent dir search', { 'go.mod': 'module example.com/m\ngo 1.22\n' }, ['mod', 'edit', '-json'], 'a/b'],
    ['-C first', { 'sub/go.mod': 'module example.com/m\n\n\ngo 1.22\n' }, ['-C', 'sub', 'mod', 'edit', '-fmt']],
    ['-C after command', { 'sub/go.mod': 'module example.com/m\ngo 1.22\n' }, ['mod', 'edit', '-C', 'sub', '-print']],
    ['-C missing dir', { 'go.mod': 'module m\n' }, ['-C', 'nope', 'mod', 'edit', '-fmt']],
    ['-C not first', { 'go.mod': 'module m\n' }, ['mod', 'edit', '-fmt', '-C', 'x']],
    ['file argument', { 'other/x.mod': 'module example.com/x\nrequire (\n\ta.b/c v1.0.0\n)\n' }, ['mod', 'edit', '-fmt', 'other/x.mod']],
    ['edits', { 'go.mod': 'module example.com/m\n\ngo 1.21\n' }, ['mod', 'edit', '-require=example.com/a@v1.2.3', '-replace=example.com/b=../b', '-exclude=example.com/c@v1.0.0', '-retract=[v1.0.0,v1.1.0]', '-toolchain=go1.23.1']],
    ['bad require', { 'go.mod': 'module example.com/m\n' }, ['mod', 'edit', '-require=example.com/a']],
    ['unknown mod command', { 'go.mod': 'module m\n' }, ['mod', 'frobnicate']],
    ['unknown command', { 'go.mod': 'module m\n' }, ['frobnicate', 'x']],
  ];
  for (const [name, files, args, cwd] of cases) {
    it(name, () => {
      const { go, ours } = both(files, args, cwd);
      expect(ours).toEqual(go);
    });
  }
});
