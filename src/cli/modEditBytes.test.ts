// `mod edit` on go.mod files holding invalid UTF-8 (issue 7) against real go: go treats the file
// as bytes, so stdout (-print, -json), stderr and the rewritten go.mod must equal go's byte for
// byte. Inputs: the invalid-UTF-8 go.mod cases of the bad-input corpus (scripts/gen-badinput.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { utf8Encode } from '../core/gostrings';
import { runCommand } from './main';
// @ts-expect-error plain ESM helpers without types
import { badinputDir, generate } from '../../scripts/gen-badinput.mjs';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';

const { cases } = generate() as { cases: { kind: string; name: string; file: string }[] };
const inputs = cases.filter((c) => c.kind === 'gomod' && /utf8|bom|nul-byte/.test(c.name));
const edits = [['-fmt'], ['-print'], ['-json'], ['-require=example.com/z@v1.0.0'], ['-dropreplace=example.com/a', '-droprequire=example.com/b'], ['-go=1.22', '-module=example.com/n']];

const work = mkdtempSync(join(tmpdir(), 'modscope-editbytes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
  gomod: string;
}
// bytes shown as latin1 text, so a mismatch prints every byte
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

let seq = 0;
async function run(tool: 'go' | 'ours', data: Uint8Array, args: string[]): Promise<Run> {
  const dir = join(work, String(seq++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'go.mod'), data);
  let r: Omit<Run, 'gomod'>;
  if (tool === 'go') {
    const p = spawnSync(GO as string, ['mod', 'edit', ...args], { cwd: dir, env: goEnv() });
    r = { stdout: latin1(p.stdout), stderr: latin1(p.stderr), exitCode: p.status ?? -1 };
  } else {
    let out = '';
    let err = '';
    const exitCode = await runCommand(['mod', 'edit', ...args], { cwd: dir, env: goEnv(), stdout: (s) => (out += s), stderr: (s) => (err += s) });
    r = { stdout: latin1(utf8Encode(out)), stderr: latin1(utf8Encode(err)), exitCode };
  }
  const gomod = latin1(readFileSync(join(dir, 'go.mod')));
  return { ...r, stderr: r.stderr.split(dir).join('$DIR'), gomod };
}

describe('mod edit keeps invalid UTF-8 bytes as go does', () => {
  it(`${inputs.length} go.mod files x ${edits.length} edits: same stdout, stderr, exit status and go.mod bytes`, async () => {
    const diffs: string[] = [];
    let same = 0;
    for (const c of inputs) {
      const data = readFileSync(join(badinputDir as string, c.file));
      for (const args of edits) {
        const go = await run('go', data, args);
        const ours = await run('ours', data, args);
        if (JSON.stringify(ours) === JSON.stringify(go)) same++;
        else diffs.push(`${c.name} ${args.join(' ')}: ours ${JSON.stringify(ours)} go ${JSON.stringify(go)}`);
      }
    }
    console.log(`mod edit on invalid UTF-8: ${inputs.length * edits.length} runs, ${same} identical, ${diffs.length} differing`);
    expect(diffs).toEqual([]);
  }, 120_000);
});
