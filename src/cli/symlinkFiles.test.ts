// Differential test against real go: symlinks in package directories as go's loader sees them
// (go/build Import: a symlink to a directory is no source file, a symlink to a file is one;
// fsys.Walk does not follow symlinked directories for ./...).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../scripts/gotool.mjs';
import { removeAll } from '../../scripts/goscript/engine';
import { runModscope, runRealGo } from './compareRuns';

let work: string;
let env: Record<string, string>;

const realGo = (args: string[], cwd: string) => runRealGo(args, cwd, env);
const modscope = (args: string[], cwd: string) => runModscope(args, cwd, env);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-symlink-'));
  env = goEnv({ GOPATH: join(work, 'gopath'), GOMODCACHE: join(work, 'gopath/pkg/mod'), GO111MODULE: 'on' });
  const w = (p: string, t: string) => {
    mkdirSync(join(work, p, '..'), { recursive: true });
    writeFileSync(join(work, p), t);
  };
  w('m/go.mod', 'module example.com/m\n\ngo 1.21\n');
  w('m/p.go', 'package p\n');
  w('m/dir/README.txt', 'a directory\n');
  w('other/q.go', 'package p\n\nimport _ "strings"\n');
  w('other/sub/s.go', 'package sub\n');
  w('m/a/a.go', 'package a\n');
  symlinkSync('dir', join(work, 'm/dir.go'));
  symlinkSync('../other/q.go', join(work, 'm/q.go'));
  symlinkSync('../other/sub', join(work, 'm/linked'));
  symlinkSync('../../other/sub', join(work, 'm/a/linked.go'));
  symlinkSync('../dir', join(work, 'm/a/up'));
});
afterAll(() => removeAll(work));

describe('symlinks in package directories', () => {
  const cases: string[][] = [
    ['list', '-f', '{{.ImportPath}}: {{.GoFiles}} {{.Imports}}', './...'],
    ['list', '-f', '{{.GoFiles}}', '.'],
    ['list', '-f', '{{.GoFiles}}', './a'],
    ['list', '-deps', './...'],
    ['list', './linked'],
  ];
  for (const args of cases) {
    it(`go ${args.join(' ')}`, async () => {
      const cwd = join(work, 'm');
      const [g, m] = await Promise.all([realGo(args, cwd), modscope(args, cwd)]);
      expect({ code: m.code, stderr: m.stderr, stdout: m.stdout }).toEqual({ code: g.code, stderr: g.stderr, stdout: g.stdout });
    });
  }
});
