// The C compiler as `go env` asks it (GOGCCFLAGS): found on $PATH as exec.LookPath finds it, run
// with no input under LC_ALL=C. Its answers are kept per compiler binary (path, size, mtime) in
// <user cache dir>/modscope/ccflags, as go keeps them in its build cache, so only the first
// `modscope env` pays for running it (MODSCOPE_CACHE=off: never kept).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CCProbe } from '../core/commands/gccflags';
import { modscopeCacheDir } from './diskModIndex';
import { lookPath } from './lookPath';

type Env = Readonly<Record<string, string | undefined>>;

export function nodeCCProbe(env: Env, cwd: string): CCProbe {
  const find = (name: string) => lookPath(name, env, cwd);
  const dir = modscopeCacheDir(env, 'ccflags');
  return {
    found: (name) => Promise.resolve(find(name) !== undefined),
    run(argv, flag) {
      const exe = find(argv[0]!);
      let file: string | undefined;
      if (exe !== undefined && dir !== undefined) {
        const st = statSync(exe);
        const key = createHash('sha256').update(JSON.stringify([exe, st.size, st.mtimeMs, flag])).digest('hex').slice(0, 32);
        file = join(dir, key);
        try {
          return Promise.resolve({ output: readFileSync(file, 'utf8'), ran: false });
        } catch {
          // not asked yet
        }
      }
      const p = spawnSync(argv[0]!, argv.slice(1), { cwd, input: '', env: { ...env, LC_ALL: 'C' }, encoding: 'utf8' });
      const output = p.error ? '' : (p.stdout ?? '') + (p.stderr ?? '');
      if (file !== undefined && !p.error) {
        try {
          mkdirSync(dir!, { recursive: true });
          const tmp = `${file}.${process.pid}.tmp`;
          writeFileSync(tmp, output);
          renameSync(tmp, file);
        } catch {
          // asked again next time
        }
      }
      return Promise.resolve({ output, ran: true });
    },
  };
}
