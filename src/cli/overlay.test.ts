// Differential test against real go: -overlay (cmd/go/internal/fsys) as the package loader and
// modload see it — replaced, added and deleted files (relative and absolute paths), a go.mod
// only in the overlay, read-only overlaid go.mod/go.sum, and fsys.Init's errors.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { goEnv } from '../../scripts/gotool.mjs';
import { removeAll } from '../../scripts/goscript/engine';
import { runModscope, runRealGo, type RunOut } from './compareRuns';

let work: string;
let n = 0;

type Out = RunOut;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'modscope-overlay-'));
});
afterAll(() => removeAll(work));

const base: Record<string, string> = {
  'm/go.mod': 'module example.com/m\n\ngo 1.21\n',
  'm/p.go': 'package p\n\nimport _ "example.com/m/a"\n',
  'm/a/a.go': 'package a\n\nimport _ "strings"\n',
  'm/a/b.go': 'package a\n\nimport _ "bytes"\n',
  'm/c/c.go': 'package c\n',
  'nomod/x.go': 'package x\n\nimport _ "fmt"\n',
  'ov/a.go': 'package a\n\nimport _ "errors"\n',
  'ov/new.go': 'package n\n\nimport _ "example.com/m/c"\n',
  'ov/go.mod': 'module example.com/ov\n\ngo 1.21\n',
  'ov/bad.go': 'package a\n\nimport _ "example.com/missing/pkg"\n',
  'ov/req.mod': 'module example.com/m\n\ngo 1.21\n\nrequire example.com/unused v1.0.0\n',
  'ov/sum': 'example.com/x v1.0.0 h1:garbage=\n',
  'ov/dir/f': 'x\n',
};

/** A fresh tree (base files, the overlay JSON at m/o.json or nomod/o.json) for one run. */
function setup(json: string | null, where: string): string {
  const dir = join(work, `t${n++}`);
  for (const [name, text] of Object.entries(base)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  if (json !== null) writeFileSync(join(dir, where, 'o.json'), json.replaceAll('$DIR', dir));
  return dir;
}

const overlayEnv = () => goEnv({ GOFLAGS: '-mod=mod', GO111MODULE: 'on' });
const realGo = (args: string[], cwd: string) => runRealGo(args, cwd, overlayEnv());
const modscope = (args: string[], cwd: string) => runModscope(args, cwd, overlayEnv());

const listF = ['list', '-e', '-overlay', 'o.json', '-f', '{{.ImportPath}} {{.GoFiles}} {{.Imports}} {{if .Error}}{{.Error}}{{end}}'];
const cases: [string, string, string | null, string[]][] = [
  ['replace a file (relative)', 'm', '{"Replace": {"a/a.go": "../ov/a.go"}}', [...listF, './...']],
  ['replace a file (absolute)', 'm', '{"Replace": {"$DIR/m/a/a.go": "$DIR/ov/a.go"}}', [...listF, './...']],
  ['add a package', 'm', '{"Replace": {"n/new.go": "../ov/new.go"}}', [...listF, './...']],
  ['delete a file', 'm', '{"Replace": {"a/b.go": ""}}', [...listF, './...']],
  ['delete all files of a package', 'm', '{"Replace": {"c/c.go": ""}}', [...listF, './...']],
  ['carve out a module', 'm', '{"Replace": {"c/go.mod": "../ov/go.mod"}}', [...listF, './...']],
  ['go.mod only in the overlay', 'nomod', '{"Replace": {"go.mod": "../ov/go.mod"}}', [...listF, '.']],
  ['go.mod deleted', 'm', '{"Replace": {"go.mod": ""}}', ['list', '-overlay', 'o.json', '.']],
  ['build sees a bad import', 'm', '{"Replace": {"a/a.go": "../ov/bad.go"}}', ['build', '-overlay', 'o.json', './...']],
  ['tidy with an overlaid go.mod', 'm', '{"Replace": {"go.mod": "../ov/req.mod"}}', ['mod', 'tidy', '-overlay', 'o.json']],
  ['tidy with an overlaid go.sum', 'm', '{"Replace": {"go.sum": "../ov/sum"}}', ['mod', 'tidy', '-overlay', 'o.json']],
  ['get with an overlaid go.mod', 'm', '{"Replace": {"go.mod": "../ov/req.mod"}}', ['get', '-overlay', 'o.json', 'example.com/m/c']],
  ['missing overlay file', 'm', null, ['list', '-overlay', 'o.json', '.']],
  ['bad JSON', 'm', '{"Replace": {', ['list', '-overlay', 'o.json', '.']],
  ['not an object', 'm', '[1]', ['list', '-overlay', 'o.json', '.']],
  ['value not a string', 'm', '{"Replace": {"a/a.go": 1}}', ['list', '-overlay', 'o.json', '.']],
  ['lower-case field, null value', 'm', '{"replace": {"a/b.go": null}}', [...listF, './a']],
  ['empty key', 'm', '{"Replace": {"": "x"}}', ['list', '-overlay', 'o.json', '.']],
  ['both file and directory', 'm', '{"Replace": {"a": "../ov/a.go", "a/a.go": "../ov/a.go"}}', ['list', '-overlay', 'o.json', '.']],
  ['same path twice', 'm', '{"Replace": {"a/a.go": "../ov/a.go", "./a/a.go": "../ov/a.go"}}', ['list', '-overlay', 'o.json', '.']],
];

describe('-overlay', () => {
  for (const [name, where, json, args] of cases) {
    it(`${name}: go ${args.join(' ')}`, async () => {
      const a = setup(json, where);
      const b = setup(json, where);
      const [g, m] = await Promise.all([realGo(args, join(a, where)), modscope(args, join(b, where))]);
      const norm = (o: Out, d: string) => ({ code: o.code, stdout: o.stdout.replaceAll(d, '$DIR'), stderr: o.stderr.replaceAll(d, '$DIR') });
      if (args[0] === 'build' && g.code === 0) g.stderr = m.stderr; // modscope names what it does not do
      expect(norm(m, b)).toEqual(norm(g, a));
    });
  }
});
