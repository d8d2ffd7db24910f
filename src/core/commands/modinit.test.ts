// Differential tests of `go mod init` against real go 1.23: go.mod written, messages, errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeAll, runBoth, type Scenario } from '../../cli/fetchTestHarness';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-init-'));
});
afterAll(() => removeAll(work));

const cases: (Scenario & { name: string })[] = [
  { name: 'path given, empty dir', args: ['mod', 'init', 'example.com/m'], files: { '.keep': '' } },
  { name: 'path given, go files', args: ['mod', 'init', 'example.com/m'], files: { 'main.go': 'package main\n' } },
  { name: 'subdir only', args: ['mod', 'init', 'x'], files: { 'sub/a.txt': '' } },
  { name: 'quoted path', args: ['mod', 'init', 'example.com/m~x'], files: { '.keep': '' } },
  { name: 'exists', args: ['mod', 'init', 'example.com/m'], files: { 'go.mod': 'module x\n' } },
  { name: 'two args', args: ['mod', 'init', 'a', 'b'], files: { '.keep': '' } },
  { name: 'local path', args: ['mod', 'init', './x'], files: { '.keep': '' } },
  { name: 'bad path', args: ['mod', 'init', 'example.com/a b'], files: { '.keep': '' } },
  { name: 'bad major', args: ['mod', 'init', 'example.com/m/v1'], files: { '.keep': '' } },
  { name: 'bad major 0', args: ['mod', 'init', 'example.com/m/v0.3'], files: { '.keep': '' } },
  { name: 'gopkg.in', args: ['mod', 'init', 'gopkg.in/yaml'], files: { '.keep': '' } },
  { name: 'import comment', args: ['mod', 'init'], files: { 'a.go': 'package a // import "example.com/fromcomment"\n' } },
  { name: 'import comment in subdir', args: ['mod', 'init'], files: { 'sub/a.go': 'package a // import "example.com/x/sub"\n' } },
  // strconv.Unquote of the comment's literal: escapes, and invalid UTF-8 (U+DC00+byte is a raw byte)
  { name: 'import comment with escapes', args: ['mod', 'init'], files: { 'a.go': 'package a // import "example.com/\\x61\\u0062c"\n' } },
  { name: 'import comment invalid UTF-8', args: ['mod', 'init'], files: { 'a.go': 'package a // import "example.com/\udcff"\n' } },
  { name: 'import comment bad escape', args: ['mod', 'init'], files: { 'a.go': 'package a // import "example.com/\\q"\n' } },
  { name: 'Godeps', args: ['mod', 'init'], files: { 'Godeps/Godeps.json': '{"ImportPath": "example.com/godeps"}' } },
  { name: 'cannot determine', args: ['mod', 'init'], files: { 'main.go': 'package main\n' } },
  { name: 'flag error', args: ['mod', 'init', '-zz'], files: { '.keep': '' } },
];

describe('go mod init vs real go', () => {
  const results: boolean[] = [];
  for (const c of cases) {
    test(c.name, async () => {
      const { go, ours } = await runBoth(work, 'off', c);
      const pick = (o: typeof go) => ({ stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode, files: o.files });
      results.push(JSON.stringify(pick(go)) === JSON.stringify(pick(ours)));
      expect(pick(ours)).toEqual(pick(go));
    });
  }
  afterAll(() => console.log(`go mod init differential: ${results.length} cases, ${results.filter((x) => x).length} identical`));
});
