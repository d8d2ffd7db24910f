// `go list -m -f` and `go list -f` templates: real go 1.23 vs modscope's runCommand in one small
// module tree (a main module with a package, a subpackage and a directory-replaced requirement),
// over a table of templates: fmt widths and verbs, index/slice of strings, define/block/template,
// break/continue, range over an int (not in 1.23), js/html/urlquery, error positions, structs
// printed with %v/%+v/%#v. Expected output comes only from running go.
// The one normalisation: a non-nil pointer without a String method prints its address, which
// cannot be matched; go's 0xc... addresses are replaced by modscope's fixed one (gotmplFmt.ts).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../scripts/gotool.mjs';
import { runCommand } from '../cli/main';
import { removeAll } from '../cli/fetchTestHarness';

let dir: string;
let env: Record<string, string>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'modscope-tmpl-'));
  const files: Record<string, string> = {
    'm/go.mod': 'module example.com/m\n\ngo 1.23\n\nrequire example.com/r v1.0.0\n\nreplace example.com/r => ../r\n',
    'm/m.go': 'package m\n\nimport (\n\t"strings"\n\n\t"example.com/r"\n)\n\nvar _ = strings.ToUpper\nvar _ = r.X\n',
    'm/sub/s.go': 'package sub\n\nimport "errors"\n\nvar _ = errors.New\n',
    'r/go.mod': 'module example.com/r\n\ngo 1.21\n',
    'r/r.go': 'package r\n\nconst X = 1\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  env = goEnv({ GOFLAGS: '-mod=mod' });
});
afterAll(() => removeAll(dir));

// Templates for both go list -m and go list (packages).
const common = [
  '{{printf "%5s|%-5s|%.3s|%q|%x" .Path .Path .Path .Path .Path}}',
  '{{index .Path 0}} {{slice .Path 1}} {{slice .Path 2 5}} {{len .Path}}',
  '{{define "x"}}<{{.Path}}>{{end}}{{template "x" .}}',
  '{{block "b" .Path}}[{{.}}]{{end}}',
  '{{break}}',
  '{{continue}}',
  '{{range $i := 3}}{{$i}}{{end}}',
  '{{range 3}}x{{end}}',
  '{{js "<a>"}} {{html "<a>"}} {{urlquery "a b"}} {{js .Path}} {{html .Path "&"}} {{urlquery .Path}}',
  '{{range .}}{{end}}',
  '{{.}}',
  '{{printf "%v" .}}',
  '{{printf "%+v" .}}',
  '{{printf "%s" .}}',
  '{{printf "%T" .}}',
  '{{.Nope}}',
  '{{.Path.Nope}}',
  '{{nofunc .Path}}',
  '{{.Path',
  '{{if}}{{end}}',
  '{{end}}',
  '{{printf "%d" .Path}} {{printf "%s"}} {{printf "%s" .Path 1 true}}',
  '{{eq .Path "x"}} {{ne .Path "x"}} {{lt .Path "z"}}',
  '{{eq .Path 1}}',
  '{{and .Path 0}} {{or "" .Path}} {{not .Path}}',
  '{{$x := .Path}}{{with $x}}{{.}}{{end}}',
  '{{print .Path 1 2 "a" true nil}}',
  '{{println .Path 1}}',
  '{{call .Path}}',
  '{{index .Path 99}}',
  '{{slice .Path 3 1}}',
  '{{printf "%08.3f|%+d|%x|%c|%U" 3.14159 42 255 65 0x1F600}}',
  '{{printf "%v %v %v" 1e21 1e-7 2.5}}',
  '{{"a" | printf "%s-%s" "b"}}',
  '{{printf "%+v" context}}',
  '{{with module "example.com/r"}}{{.Path}} {{.Version}} {{.Replace.Dir}}{{end}} {{(module "example.com/nope").Error.Err}}',
  // an execution error after some output: go prints that output first
  '{{.Path}} {{eq .Path 1}}',
  '{{.Path}}{{define "e"}}{{.Nope}}{{end}} {{template "e" .}}',
];

// Fields of modinfo.ModulePublic
const modTemplates = [
  ...common.map((t) => t),
  '{{range $i, $e := .GoVersion}}{{end}}',
  '{{printf "%v|%T|%+v" .Replace .Replace .Replace}}',
  '{{printf "%#v" .}}',
  '{{with .Replace}}{{.Path}} {{.Dir}} {{printf "%v" .}}{{else}}none{{end}}',
  '{{.Time}} {{printf "%v %s" .Time .Time}}',
  '{{.Error}} {{printf "%v" .Error}}',
  '{{printf "%q" .Versions}} {{.Versions}} {{len .Versions}}',
  '{{.Main}} {{.Indirect}} {{printf "%t|%5t|%v" .Main .Indirect .Main}}',
  '{{join .Retracted ","}}',
  '{{.GoMod}} {{.GoVersion}} {{.Dir}}',
  '{{.Origin}} {{.Update}} {{.Reuse}}',
  '{{range .Versions}}{{break}}{{end}}ok',
  '{{if .Main}}main{{else if .Replace}}replaced{{end}}',
  '{{context}}',
  '{{printf "%+v" context}} {{context.GOOS}} {{context.CgoEnabled}} {{join context.ReleaseTags ","}}',
  '{{module "example.com/r"}} {{(module "example.com/r").Dir}} {{with module "example.com/nope"}}{{.Error}}{{end}} {{printf "%+v" (module "example.com/m")}}',
  '{{module .Path | printf "%v"}} {{module "example.com/r@v1.0.0"}}',
  '{{module}}', '{{module 1}}',
];

// Fields of load.PackagePublic (.Path is not one: errors)
const pkgTemplates = [
  ...common.map((t) => t.replace(/\.Path/g, '.ImportPath')),
  '{{range $i, $e := .Name}}{{end}}',
  '{{printf "%-22s|%3d" .ImportPath (len .GoFiles)}}',
  '{{range $i, $f := .GoFiles}}{{$i}}:{{$f}} {{end}}',
  '{{index .Imports 0}} {{slice .Imports 1}}',
  '{{.Module}} {{printf "%v|%+v" .Module .Module}}',
  '{{with .Module}}{{.Path}} {{.Main}} {{.GoVersion}}{{end}}',
  '{{.ImportMap}} {{.Error}} {{.DepsErrors}} {{.Match}}',
  '{{range .Deps}}{{.}},{{end}}',
  '{{join .Deps " "}} {{len .Deps}}',
  '{{.Incomplete}} {{.Goroot}} {{.Standard}} {{.Name}}',
  '{{range .Imports}}{{if eq . "strings"}}{{continue}}{{end}}{{.}} {{end}}',
  '{{printf "%v" .Module.Replace}}',
  '{{.Module.Time.Year}}',
];

interface Result {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function runGo(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(GO as string, args, { cwd: join(dir, 'm'), env, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? -1) : 0;
      // go's addresses (0xc000123456 and the like) cannot be matched; ours are one fixed value.
      const addr = (s: string) => s.replace(/0xc[0-9a-f]{9}/g, '0xc000010000');
      resolve({ stdout: addr(stdout), stderr: addr(stderr), exitCode: typeof code === 'number' ? code : -1 });
    });
  });
}

async function runOurs(args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runCommand(args, { cwd: join(dir, 'm'), env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { stdout, stderr, exitCode };
}

async function pool<T, R>(xs: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < xs.length) {
        const j = i++;
        out[j] = await f(xs[j]!);
      }
    }),
  );
  return out;
}

describe('go list -f templates: modscope vs go 1.23', () => {
  it('matches go on go list -m -f and go list -f', async () => {
    const cases: string[][] = [
      ...modTemplates.map((t) => ['list', '-m', '-f', t]),
      ...modTemplates.filter((_, i) => i % 3 === 0).map((t) => ['list', '-m', '-f', t, 'all']),
      ['list', '-m', '-tags', 'a,b', '-f', '{{context.BuildTags}} {{len context.BuildTags}}'],
      ['list', '-m', '-tags', ' x  y ', '-f', '{{printf "%q" context.BuildTags}}'],
      ['list', '-m', '-tags', '', '-f', '{{printf "%#v" context.BuildTags}}'],
      ['list', '-tags', 'a,b', '-f', '{{context.BuildTags}}', '.'],
      ...pkgTemplates.map((t) => ['list', '-f', t, './...']),
    ];
    const want = await pool(cases, 4, runGo);
    const diffs: string[] = [];
    for (const [i, args] of cases.entries()) {
      const got = await runOurs(args);
      const w = want[i]!;
      if (JSON.stringify(got) !== JSON.stringify(w)) diffs.push(`go ${args.map((a) => JSON.stringify(a)).join(' ')}\n  go: ${JSON.stringify(w)}\n  ms: ${JSON.stringify(got)}`);
    }
    console.log(`go list -f templates: ${cases.length} cases, ${cases.length - diffs.length} identical, ${diffs.length} differing`);
    expect(diffs).toEqual([]);
  }, 120_000);
});
