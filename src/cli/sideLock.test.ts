// modfetch.SideLock: go creates $GOMODCACHE/cache/lock before it writes go.mod or go.sum
// (commitRequirements — for go mod tidy even when nothing changes —, WriteGoSum, go mod edit,
// go mod init) and not for commands that only read. Compared with real go: whether the lock
// exists after each command line, from an empty module cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './main';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';

const work = mkdtempSync(join(tmpdir(), 'modscope-sidelock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const tidy = 'module example.com/c\n\ngo 1.21\n';
const cases: { name: string; gomod?: string; args: string[] }[] = [
  { name: 'mod init', args: ['mod', 'init', 'example.com/c'] },
  { name: 'mod tidy, nothing to change', gomod: tidy, args: ['mod', 'tidy'] },
  { name: 'mod tidy, dropping a requirement', gomod: tidy + '\nrequire x.com/b v1.0.0\n', args: ['mod', 'tidy'] },
  { name: 'list -m all', gomod: tidy, args: ['list', '-m', 'all'] },
  { name: 'mod graph', gomod: tidy, args: ['mod', 'graph'] },
  { name: 'mod edit -fmt', gomod: tidy, args: ['mod', 'edit', '-fmt'] },
  { name: 'mod edit -json', gomod: tidy, args: ['mod', 'edit', '-json'] },
  { name: 'mod edit -print', gomod: tidy, args: ['mod', 'edit', '-print'] },
  { name: 'build', gomod: tidy, args: ['build', '.'] },
];

let seq = 0;
async function lockAfter(tool: 'go' | 'ours', c: (typeof cases)[number]): Promise<{ exitCode: number | null; lock: boolean }> {
  const root = join(work, String(seq++));
  const dir = join(root, 'm');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.go'), 'package a\n');
  if (c.gomod !== undefined) writeFileSync(join(dir, 'go.mod'), c.gomod);
  const env = goEnv({ GOMODCACHE: join(root, 'modcache'), GOPROXY: 'off' });
  let exitCode: number | null;
  if (tool === 'go') exitCode = spawnSync(GO as string, c.args, { cwd: dir, env }).status;
  else exitCode = await runCommand(c.args, { cwd: dir, env, stdout: () => {}, stderr: () => {} });
  return { exitCode, lock: existsSync(join(root, 'modcache', 'cache', 'lock')) };
}

describe('$GOMODCACHE/cache/lock is taken where go takes it', () => {
  for (const c of cases) {
    it(c.name, async () => {
      expect(await lockAfter('ours', c)).toEqual(await lockAfter('go', c));
    });
  }
});
