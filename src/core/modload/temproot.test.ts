// init.go: Init ignores a go.mod in the system temp root (os.TempDir: $TMPDIR, else /tmp):
// modscope's CLI against real go 1.23 in such a directory and below it (commands that need a
// main module; go list -m falls back to no main module there, which modscope does not model yet).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runCommand } from '../../cli/main';
import { removeAll } from '../../cli/fetchTestHarness';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../../scripts/gotool.mjs';

const work = mkdtempSync(join(tmpdir(), 'modscope-temproot-'));
afterAll(() => removeAll(work));

const cases: Array<{ name: string; args: string[]; sub: string; tmpSuffix: string; gomodHere: boolean }> = [];
for (const args of [['mod', 'tidy'], ['mod', 'graph'], ['mod', 'why', 'x'], ['mod', 'verify']])
  for (const sub of ['.', 'child'])
    for (const tmpSuffix of ['', '/'])
      for (const gomodHere of [true, false]) cases.push({ name: `${args.join(' ')} in ${sub} TMPDIR${tmpSuffix ? ' with slash' : ''}${gomodHere ? '' : ' (go.mod one level up)'}`, args, sub, tmpSuffix, gomodHere });

test('temp-root go.mod vs real go', async () => {
  let same = 0;
  let n = 0;
  for (const c of cases) {
    const root = join(work, `c${n++}`);
    const tmp = c.gomodHere ? root : join(root, 't');
    mkdirSync(join(tmp, 'child'), { recursive: true });
    writeFileSync(join(root, 'go.mod'), 'module issue51992\n\ngo 1.18\n');
    const cwd = join(tmp, c.sub);
    const env: Record<string, string> = goEnv({ TMPDIR: tmp + c.tmpSuffix, GOFLAGS: '-modcacherw' });
    const p = spawnSync(GO as string, c.args, { cwd, env, encoding: 'utf8' });
    const go = { stdout: p.stdout, stderr: p.stderr.split(root).join('$ROOT'), exit: p.status };
    let stdout = '';
    let stderr = '';
    const exit = await runCommand(c.args, { cwd, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    const ours = { stdout, stderr: stderr.split(root).join('$ROOT'), exit };
    expect({ name: c.name, ...ours }).toEqual({ name: c.name, ...go });
    same++;
  }
  console.log(`temp-root differential: ${cases.length} cases, ${same} identical, 0 differing`);
}, 60000);
