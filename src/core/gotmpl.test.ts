// gotmpl.ts against Go's text/template (oracle op gotmpl.exec over a ModulePublic-shaped struct): hand-picked
// templates and seeded random ones (gotmplTestkit.ts; GOTMPL_SEED, GOTMPL_STRUCT_CASES) × data.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { rng } from './rng';
import { randomCall, randomFormat, randomSoup } from './gotmplTestkit';
import { joinFunc, parseTemplate, ptrTo, sliceOf, tBool, tInt, tString, tTime, TemplateError, type TStruct } from './gotmpl';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const errT: TStruct = { k: 'struct', name: 'main.TmplErr', fields: [['Err', tString]] };
const modT: TStruct = { k: 'struct', name: 'main.TmplMod', fields: [], str: (m) => `${m.Path ?? ''}@${m.Version ?? ''}` };
modT.fields.push(
  ['Path', tString],
  ['Version', tString],
  ['Versions', sliceOf(tString)],
  ['Replace', ptrTo(modT)],
  ['Time', ptrTo(tTime)],
  ['Main', tBool],
  ['Indirect', tBool],
  ['N', tInt],
  ['Retracted', sliceOf(tString)],
  ['Error', ptrTo(errT)],
);

function run(src: string, data: object): { out: string; err?: string } {
  let t;
  try {
    t = parseTemplate('main', src, { join: joinFunc });
  } catch (e) {
    if (e instanceof TemplateError) return { out: '', err: e.message };
    throw e;
  }
  try {
    return { out: t.execute(data, ptrTo(modT)) };
  } catch (e) {
    if (e instanceof TemplateError) return { out: '', err: e.message };
    throw e;
  }
}

const datas: object[] = [
  {},
  { Path: 'example.com/a', Version: 'v1.0.0', Versions: ['v1.0.0', 'v1.1.0'], Main: true, N: 3 },
  {
    Path: 'x',
    Version: 'v0.1.0',
    Replace: { Path: 'y', Version: 'v0.2.0', Retracted: ['bad'] },
    Time: '2019-10-08T13:53:46.123Z',
    Retracted: ['r1', 'r "2"'],
    Error: { Err: 'oops\nline' },
    Indirect: true,
  },
  { Path: 'p', Time: '2024-01-02T03:04:05Z', Versions: [] },
  // Offsets are kept by time.Parse (mod_list_pseudo: .info times in -07:00).
  { Path: 'z', Time: '2019-06-18T19:04:46-07:00' },
  { Path: 'z', Time: '2019-12-31T23:30:00.5+05:30' },
  { Path: 'z', Time: '2020-01-01T00:00:00+00:00' },
];

const templates = [
  '{{.Path}}',
  '{{.Path}} {{.Version}}',
  '{{.}}',
  '{{.Replace}}',
  '{{.Error}}',
  '{{.Versions}}',
  '{{.Retracted}}',
  '{{.Main}} {{.Indirect}} {{.N}}',
  '{{with .Replace}}{{.Path}}@{{.Version}}{{end}}',
  '{{with .Retracted}}retracted{{end}}',
  '{{with .Replace}}r{{else}}no{{end}}',
  '{{if .Main}}main{{else if .Indirect}}ind{{else}}none{{end}}',
  '{{range .Versions}} {{.}}{{end}}',
  '{{range .Versions}}{{.}}{{else}}empty{{end}}',
  '{{range $i, $v := .Retracted}}{{$i}}={{$v}};{{end}}',
  '{{.Path}}{{with .Error}}: {{printf "%q" .Err}}{{end}} {{printf "%q" .Version}}{{with .Versions}} {{.}}{{end}}',
  '{{.Error.Err}}',
  '{{.Replace.Path}}',
  '{{.Time}}',
  '{{.Time.Format "2006-01-02"}}',
  '{{with .Time}}{{.Format "Jan 2, 2006 at 3:04pm (MST) 15:04:05.000 Z07:00"}}{{end}}',
  '{{join .Versions ","}}',
  '{{.Versions | join ","}}',
  '{{if eq .Path "x" "p"}}yes{{else}}no{{end}}',
  '{{if ne .Path "x"}}ne{{end}}',
  '{{if not .Main}}notmain{{end}}',
  '{{and .Main .Path}}|{{or .Main .Path}}',
  '{{len .Versions}} {{len .Path}}',
  '{{index .Versions 0}}',
  '{{printf "%s-%v-%d-%t" .Path .Versions .N .Main}}',
  '{{printf "%q" .Retracted}}',
  '{{.Error | printf "%q"}}',
  '{{print .N .Main "s" .N}}',
  '{{println .Path .N}}',
  'a  {{- .Path -}}  b',
  '{{/* comment */}}x{{- /* c2 */ -}} y',
  '{{"\\n"}}{{`raw`}}{{"\\t\\u00e9"}}',
  '{{$.Path}}{{with .Replace}}{{$.Path}}{{end}}',
  '{{$x := .Path}}{{$x}}',
  '{{len (print .Path .N)}} {{(.Versions) | len}}',
  '{{.Nope}}',
  '{{.Path.Nope}}',
  '{{nofunc .Path}}',
  '{{if .Main}}',
  '{{end}}',
  '{{.Path',
  '{{printf "%d" .Path}}',
  '{{printf "%s"}} {{printf "%s" .Path .N}}',
  // a stray character: where the parser stops (pipeline context or operand) or the lexer ("bad character")
  '{{@}}', '{{.Path ~}}', '{{.Path | ^}}', '{{ "a" # }}', '{{if @}}x{{end}}', '{{if .Main | @}}x{{end}}',
  '{{with $x := @}}{{end}}', '{{range (@)}}{{end}}', '{{printf "%s" (.Path @)}}', '{{if .Main}}{{else if @}}{{end}}',
  '{{(.Path) @}}', '{{.Path@}}', '{{.@}}', '{{$@}}', '{{1@}}', '{{"a"@}}', '{{printf@}}', '{{.Path.Nope@}}',
  'plain text\n',
  '',
  // structs, pointers, times, nil as fmt prints them (%v, %+v, %#v, %q, %T) and in errors
  '{{printf "%v" .}}', '{{printf "%+v" .}}', '{{printf "%#v" .}}', '{{printf "%s|%q|%x" . . .}}', '{{printf "%d %x" .Main .Versions}}', '{{printf "%T %T %T %T %T" . .Time .Error .Versions .Main}}',
  '{{printf "%v|%+v|%#v" .Replace .Replace .Replace}}', '{{printf "%v|%+v|%#v|%d" .Error .Error .Error .Error}}', '{{printf "%v|%s|%#v|%.4v" .Time .Time .Time .Time}}',
  '{{range .}}{{end}}', '{{range .Replace}}{{end}}', '{{range .Error}}{{end}}', '{{range .Time}}{{end}}', '{{range $i, $e := .Path}}{{end}}', '{{range .N}}{{.}}{{end}}',
  '{{with .Replace}}{{printf "%v" .}}{{end}}', '{{with .Error}}{{.}} {{printf "%v" .}}{{end}}', '{{.String}} {{.Replace.String}}', '{{.Error.String}}', '{{.Time.Year}} {{.Time.Unix}}',
  '{{.Time.Format}}', '{{.Time.Format 1}}', '{{.Time.Nope}}', '{{.String 1}}', '{{index .Versions 5}}', '{{index .Path 0}} {{slice .Path 1}}', '{{eq .Replace .Replace}}', '{{eq .Error nil}}',
  '{{eq . .}}', '{{eq .Versions .Versions}}', '{{lt .N 3}} {{gt .N .N}}', '{{$r := .Replace}}{{$r.Path}}', '{{len .}}', '{{len .Replace}}', '{{index . 0}}', '{{slice .Versions 1}}',
  '{{js .}} {{html .Replace}} {{urlquery .Error}}', '{{print . .Replace .Time .Error .Versions}}', '{{println .Main .N}}', '{{printf "%5.1v|%-6v|" .Main .N}}',
  '{{define "m"}}<{{.Path}}>{{end}}{{template "m" .}}{{template "m" .Replace}}', '{{block "b" .Replace}}{{.}}{{end}}', '{{.Replace.Replace.Path}}', '{{.Error.Err.X}}',
];

// Operands for random templates. A pointer without String/Error (or a slice, under %p) prints its
// address under %p %d %x %X %o %b, and a time.Time under a verb other than v s q x X its internal
// fields {wall ext loc}: such operands are left out of formats with those verbs.
const pointerish = ['.', '$', '.Error', '.Replace', '.Time', '.Versions', '.Retracted', '.Replace.Retracted'];
const operands = [...pointerish, '.Path', '.Version', '.Main', '.Indirect', '.N', '.Error.Err', '.Replace.Path', '.Time.Year', '"x"', '1', '2.5', 'nil', 'true', '0', '-1'];
const noAddress = operands.filter((o) => !pointerish.includes(o));

describe('gotmpl vs text/template', () => {
  it('execution matches Go (templates × data)', async () => {
    const r = rng(Number(process.env.GOTMPL_SEED ?? 1));
    const n = Number(process.env.GOTMPL_STRUCT_CASES ?? 100);
    const random = [
      ...Array.from({ length: n }, () => randomFormat(r, operands, noAddress, 'pbodxXOtcUeEfFgG')),
      ...Array.from({ length: n }, () => randomSoup(r, ['.Path', '.Versions', '.Replace', '.Time', '.Error', '.Main'])),
      ...Array.from({ length: n }, () => `{{${randomCall(r, noAddress)}}}`),
    ];
    // time.Format layouts: every std chunk, its look-alikes and literal text
    const chunks = ['2006', '06', '01', '1', 'Jan', 'January', 'Janx', '02', '2', '_2', '__2', '002', '15', '3', '03', '04', '4', '05', '5', 'PM', 'pm', 'MST', 'Mon', 'Monday', 'Monx',
      '-0700', '-07:00', '-07', '-070000', '-07:00:00', 'Z0700', 'Z07:00', 'Z07', 'Z070000', 'Z07:00:00', '.000', '.999', ',000000', '.9', '.0000000000', '.99999999999', ' ', 'T', ':', 'x', '_2006', '10', '.00a', '.99'];
    const layouts = Array.from({ length: n }, () => `{{with .Time}}{{.Format ${JSON.stringify(Array.from({ length: r.int(5) + 1 }, () => r.pick(chunks)).join(''))}}}{{end}}`);
    const cases: Array<[string, object]> = [];
    for (const t of [...templates, ...random, ...layouts]) for (const d of datas) cases.push([t, d]);
    // A template Go's text/template panics on (`{{x | call}}`) is left out.
    const want = await Promise.all(cases.map(([t, d]) => oracle.call<{ out: string; err?: string }>('gotmpl.exec', t, d).catch(() => null)));
    let panics = 0;
    let differ = 0;
    const diffs: string[] = [];
    cases.forEach(([t, d], i) => {
      const w = want[i]!;
      if (w === null) {
        panics++;
        return;
      }
      // a non-nil pointer without String/Error prints its address: Go's cannot be matched (FAKE_ADDRESS)
      if (w.ok) w.ok.out = w.ok.out.replace(/0xc[0-9a-f]{9}/g, '0xc000010000');
      if (w.ok?.err) w.ok.err = w.ok.err.replace(/0xc[0-9a-f]{9}/g, '0xc000010000');
      const goRes = w.err !== undefined ? { out: '', err: w.err } : w.ok!.err !== undefined ? { out: '', err: w.ok!.err } : { out: w.ok!.out };
      const got = run(t, d);
      // An execution error: Go's partial output is not compared (go list stops at the error).
      if (JSON.stringify(got) !== JSON.stringify(goRes)) {
        differ++;
        diffs.push(`${JSON.stringify(t)} ${JSON.stringify(d)}\n  go: ${JSON.stringify(goRes)}\n  ts: ${JSON.stringify(got)}`);
      }
    });
    console.log(`gotmpl: ${cases.length} cases, ${cases.length - differ - panics} identical, ${differ} differing, ${panics} where Go panics`);
    expect(diffs).toEqual([]);
  });
});
