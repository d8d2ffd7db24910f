// gotmpl (text/template + fmt) against Go's text/template over JSON-described values (oracle op
// tmpl.exec, scripts/oracle/oracle_tmpl.go): hand-picked templates (builtins, control structures,
// define/block/template, break/continue, errors), seeded random printf formats and random token
// soups and builtin calls (GOTMPL_SEED picks the seed, GOTMPL_CASES how many of each).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { rng } from './rng';
import { randomCall, randomFormat, randomSoup } from './gotmplTestkit';
import { INVALID, mapOf, sliceOf, tAny, tBool, tFloat, tInt, tString, type IntKind, type TVal } from './gotmplValues';
import { joinFunc, parseTemplate, TemplateError } from './gotmpl';

const oracle = new GoOracle();
afterAll(() => oracle.close());

/** The TVal Go's oracle builds from the same JSON (see oracle_tmpl.go). */
function conv(x: unknown): TVal | null {
  if (x === null) return null;
  if (typeof x === 'string') return { t: tString, v: x };
  if (typeof x === 'boolean') return { t: tBool, v: x };
  if (typeof x === 'number') return Number.isInteger(x) && !/[.eE]/.test(JSON.stringify(x)) ? { t: tInt, v: x } : { t: tFloat, v: x };
  if (Array.isArray(x)) return { t: sliceOf(tAny), v: x.map(conv) };
  const o = x as Record<string, unknown>;
  if (typeof o.$t === 'string') {
    const t = o.$t;
    const v = o.v;
    if (t === 'float') return { t: tFloat, v: Number(v) };
    if (t === 'bytes') return { t: sliceOf({ k: 'uint8' }), v: [...new TextEncoder().encode(v as string)] };
    if (t === 'strs') return { t: sliceOf(tString), v };
    if (t === 'nilstrs') return { t: sliceOf(tString), v: null };
    if (t === 'smap') return { t: mapOf(tString, tString), v };
    if (t === 'nilmap') return { t: mapOf(tString, tAny), v: null };
    const n = BigInt(v as string | number);
    return { t: { k: t as IntKind }, v: n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n };
  }
  return { t: mapOf(tString, tAny), v: Object.fromEntries(Object.entries(o).map(([k, e]) => [k, conv(e)])) };
}

function run(src: string, data: unknown): { out?: string; err?: string } {
  let t;
  try {
    t = parseTemplate('main', src, { join: joinFunc });
  } catch (e) {
    if (e instanceof TemplateError) return { err: e.message };
    throw e;
  }
  const root = conv(data) ?? INVALID;
  try {
    return { out: t.execute(root.v, root.t) };
  } catch (e) {
    if (e instanceof TemplateError) return { out: (e as TemplateError & { partial?: string }).partial ?? '', err: e.message };
    throw e;
  }
}

const D = {
  s: 'm',
  e: '',
  n: 42,
  z: 0,
  neg: -7,
  f: 3.14159,
  half: 2.5,
  big: 1e21,
  tiny: 1e-7,
  fz: { $t: 'float', v: 2 },
  t: true,
  fl: false,
  nil: null,
  arr: [1, 'a', null, 2.5, true],
  empty: [],
  sarr: { $t: 'strs', v: ['x', 'y z'] },
  nilstrs: { $t: 'nilstrs' },
  map: { b: 2, a: 1, c: null },
  emap: {},
  nilmap: { $t: 'nilmap' },
  smap: { $t: 'smap', v: { k: 'v', a: 'b' } },
  u8: { $t: 'uint8', v: 200 },
  i8: { $t: 'int8', v: -5 },
  u: { $t: 'uint', v: 7 },
  i64: { $t: 'int64', v: '-9223372036854775808' },
  u64: { $t: 'uint64', v: '18446744073709551615' },
  bytes: { $t: 'bytes', v: 'hi\n' },
  uni: 'héllo, 世界',
  q: 'a"b\n\t`c',
  html: `<a href='x'>&"</a>`,
  nested: { k: { k2: [1, 2] } },
  run: 0x1f600,
};

const hand = [
  // fmt widths, flags, verbs
  '{{printf "%5s|%-5s|" .s .s}}', '{{printf "%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o" .n .n .n .n .n .n .n .n .n .n}}',
  '{{printf "%c|%q|%U|%#U" .run .run .run .run}}', '{{printf "%v %d" .neg .neg}}', '{{printf "%.2f|%8.3f|%-8.2f|%e|%E|%g|%G" .f .f .f .f .f .f .f}}',
  '{{printf "%v %v %v %v" .big .tiny .fz .half}}', '{{printf "%.0f %.0f %.1f" .half 3.5 0.25}}', '{{printf "%t %v %s" .t .fl .t}}',
  '{{printf "%q %x %X % x %#x" .s .s .s .uni .s}}', '{{printf "%.2s|%.3q|%10.4v|" .uni .uni .uni}}', '{{printf "%T %T %T %T %T %T %T" .s .n .f .t .arr .map .nil}}',
  '{{printf "%v|%+v|%#v" .arr .arr .arr}}', '{{printf "%v|%#v|%d" .map .map .map}}', '{{printf "%v %#v %v %#v" .sarr .sarr .nilstrs .nilstrs}}',
  '{{printf "%v %s %x %q %#v" .bytes .bytes .bytes .bytes .bytes}}', '{{printf "%d %v %x %c" .u8 .i8 .u64 .u8}}', '{{printf "%v %#v %d" .i64 .u .u}}',
  '{{printf "%!"}} {{printf "%"}} {{printf "%z" .s}} {{printf "%d" .s}} {{printf "%s" .n}} {{printf "%s %s" .s}} {{printf "%s" .s .n .t}}',
  '{{printf "%[2]s %[1]s" .s "b"}} {{printf "%[3]s" .s}} {{printf "%[0]d" 1}} {{printf "%[1]*d|" 5 3}} {{printf "%*d|%-*d|" 4 .n 4 .n}}',
  '{{printf "%*d" .s 3}} {{printf "%.*f" 2 .f}} {{printf "%.*f" .s .f}} {{printf "%[x]d" 3}}',
  '{{printf "%v %d %s" .nil .nil .nil}}', '{{printf "%p" .s}} {{printf "%p" .nil}} {{printf "%p" .nilstrs}} {{printf "%v" .nilmap}}', '{{printf "%6.2v|%-8q|%08.3f|%+.2e|%x" .f .s .f .big .f}}',
  '{{printf "%#v %#v %#v %#v %#v" .s .n .f .t .nil}}', '{{printf "%#g %#.3g %#e %#x %#.0f" .f .f .f .f .half}}', '{{printf "%x %X %b" 1.5 -2.75 1.0}}',
  '{{printf "%.3d|%8.3d|%-08d|%+08d" 7 7 7 -7}}', '{{printf "%.0d|%5.0d|" 0 0}}', '{{printf "%s" .html}}', '{{printf "%+q %#q %#q" .uni .s .q}}',
  '{{printf "%v %v" 1e6 123456789.0}} {{printf "%v %v %v" 1e-5 0.0001 100000.0}}', '{{printf "%g %.3g %.10g" 1e21 1234.5678 1.0}}',
  '{{printf "%5t|%-6v|%05s" .t .fl .s}}', '{{printf "%v" .nested}} {{printf "%+v" .nested}}', '{{printf "%d %d" .fz .t}}', '{{printf "%s" .arr}}',
  '{{printf "%08.3f|% .2f|%+.1e|%-10g|" -3.14159 2.0 12345.678 0.000012}}', '{{printf "%c %c %q" 65 .neg .neg}}', "{{printf \"%v %q\" 'a' 'b'}}",
  '{{printf "%v %v" 1i 2+3i}} {{printf "%.1f" 1.5i}}', '{{printf "%x" .nil}} {{printf "%v" .empty}} {{printf "%q" .empty}}',
  // print / println and output of values
  '{{print .s .n .f .t "x" 1 2 "y" .nil}}', '{{println .s .n .arr}}', '{{.}}', '{{.arr}} {{.map}} {{.nil}} {{.nope}} {{.sarr}} {{.bytes}} {{.emap}} {{.nilmap}}',
  '{{.f}} {{.big}} {{.tiny}} {{.fz}} {{.u64}} {{.i64}} {{.u8}}', '{{3}} {{-3}} {{1.5}} {{1e3}} {{0x10}} {{0o17}} {{0b101}} {{1_000}} {{017}} {{\'a\'}} {{2i}} {{1+2i}} {{0x1p-2}}',
  '{{9223372036854775807}}', '{{9223372036854775808}}', '{{18446744073709551616}}', '{{08}}', '{{1e400}}', '{{0x}}', '{{1__0}}', "{{'ab'}}", "{{'\\z'}}",
  '{{"\\x41\\101\\u00e9"}}', '{{"\\z"}}', '{{`a\rb`}}',
  // builtins
  '{{index .s 0}} {{index .arr 1}} {{index .map "a"}} {{index .map "zz"}} {{index .nested "k" "k2" 1}} {{index .sarr 1}}',
  '{{index .arr 5}}', '{{index .arr -1}}', '{{index .s 1}} {{index .s 9}}', '{{index .map 1}}', '{{index .n 0}}', '{{index .nil 0}}', '{{index nil 0}}', '{{index .arr "x"}}', '{{index .arr .nil}}',
  '{{index .arr}} {{index .s}}', '{{slice .s 1}} {{slice .uni 1 2}} {{slice .arr 1 3}} {{slice .sarr 0 1}} {{slice .s}}', '{{slice .s 2 1}}', '{{slice .s 0 9}}', '{{slice .s 1 2 3}}',
  '{{slice .arr 1 2 3}}', '{{slice .arr 0 1 2 3}}', '{{slice .n 1}}', '{{slice .map 1}}', '{{slice .nil 1}}',
  '{{len .s}} {{len .uni}} {{len .arr}} {{len .map}} {{len .empty}} {{len .nilstrs}} {{len .nilmap}}', '{{len .n}}', '{{len .nil}}', '{{len 3}}', '{{len}}',
  '{{js .html}} {{html .html}} {{urlquery .html}} {{js "<a>"}} {{html "<a>"}} {{urlquery "a b"}}', '{{js .uni .n}} {{html .n "x" 1}} {{urlquery .q "é/?&="}}',
  '{{html .nil}} {{js}} {{html .arr}} {{js "\\u2028\\x01\\x7f"}}', '{{urlquery "~-_.!*\'()"}}',
  '{{and 1 0 2}} {{and 1 2}} {{or 0 "" 3}} {{or 0 ""}} {{and}} ', '{{or}}', '{{not 0}} {{not .s}} {{not .nil}} {{not .arr}} {{not .emap}}', '{{not}}', '{{not 1 2}}',
  '{{and .t .nope.x}} {{or .s .nope.x}}', '{{.n | and 1}} {{.n | or 0}}',
  '{{eq 1 1}} {{eq 1 2}} {{eq 1 2 1}} {{eq .s "m"}} {{eq .n 42}} {{eq .u8 200}} {{eq .u .n}} {{eq .f 3.14159}} {{eq .t true}}', '{{eq .s 1}}', '{{eq 1}}', '{{eq .nil .nil}} {{eq .nil 1}}',
  '{{eq .arr .arr}}', '{{eq .map .map}}', '{{ne 1 2}} {{ne .s "m"}}', '{{ne 1 "a"}}', '{{lt 1 2}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}} {{lt "a" "b"}} {{lt 1.5 2.5}} {{lt .neg .u}} {{lt .u .neg}}',
  '{{lt true false}}', '{{lt 1 "a"}}', '{{lt .arr 1}}', '{{lt 1i 2i}}', '{{gt .nil 1}}', '{{le 1 1.5}}', '{{eq 1 1.0}}', '{{lt}}',
  '{{call .s}}', '{{call .nil}}', '{{call}}', '{{call .n 1}}',
  '{{printf}}', '{{printf 3}}', '{{printf .n}}', '{{printf "%d" 3000000000}}', '{{join .sarr ", "}}', '{{join .arr ","}}', '{{join .s ","}}', '{{join .sarr}}', '{{join .sarr 1}}', '{{.sarr | join "-"}}',
  '{{len (index .nested "k")}} {{(index .nested "k").k2}} {{(.nested).k.k2}}', '{{index .nested "k" | len}}',
  // control structures
  '{{if .s}}A{{else}}B{{end}} {{if .e}}A{{else if .n}}C{{end}} {{with .map}}{{.a}}{{end}} {{with .nope}}x{{else}}y{{end}} {{with $x := .n}}{{$x}}{{end}}',
  '{{with .e}}x{{else with .n}}{{.}}{{end}}', '{{range .arr}}[{{.}}]{{end}}', '{{range $i, $e := .arr}}{{$i}}={{$e}};{{end}}', '{{range $k, $v := .map}}{{$k}}:{{$v}} {{end}}',
  '{{range .empty}}x{{else}}empty{{end}} {{range .nilmap}}x{{else}}nil{{end}} {{range .nil}}x{{else}}nothing{{end}}', '{{range .s}}x{{end}}', '{{range .n}}x{{end}}',
  '{{range $i := 3}}{{$i}}{{end}}', '{{range 3}}{{.}}{{end}}', '{{range .t}}{{end}}', '{{range .f}}{{end}}', '{{range $i, $e := .s}}{{end}}', '{{range $i, $e := .nested}}{{$i}}{{end}}',
  '{{range .arr}}{{if eq . 2.5}}{{break}}{{end}}{{.}} {{end}}', '{{range .arr}}{{if not .}}{{continue}}{{end}}{{.}} {{end}}', '{{break}}', '{{continue}}', '{{if 1}}{{break}}{{end}}',
  '{{range .arr}}{{break 1}}{{end}}', '{{range .arr}}{{continue}}{{else}}x{{break}}{{end}}', '{{range $x := .arr}}{{end}}{{$x}}',
  '{{$x := 1}}{{if .t}}{{$x = 2}}{{end}}{{$x}}', '{{$x = 1}}', '{{$y}}', '{{$x := 1}}{{$x := 2}}{{$x}}', '{{$x, $y := 1}}', '{{range $a, $b, $c := .arr}}{{end}}', '{{range $a, 1}}{{end}}',
  '{{$i := 0}}{{range $i = .sarr}}{{end}}{{$i}}', '{{$i := 0}}{{$e := 0}}{{range $i, $e = .sarr}}{{end}}{{$i}}{{$e}}', '{{$}} {{$.s}} {{range .sarr}}{{$.n}}{{end}}',
  '{{define "x"}}X{{.}}{{end}}{{template "x" .s}}{{template "x"}}', '{{template "y"}}', '{{block "b" .n}}B{{.}}{{end}}', '{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}<{{.}}>{{end}}{{template "a" 1}}',
  '{{define "x"}}1{{end}}{{define "x"}}2{{end}}', '{{define "x"}}{{.nope.x.y}}{{end}}{{template "x" .n}}', '{{define "x"}}{{$}}{{end}}{{template "x" .s}}', '{{define "x"}}{{end}}', '{{define x}}{{end}}',
  '{{define "r"}}{{template "r" .}}{{end}}{{template "r"}}', '{{define "r"}}{{if .}}{{template "r" .}}{{end}}{{end}}{{range .sarr}}{{template "r" .}}{{end}}',
  '{{define "main"}}M{{end}}', 'a{{define "main"}}M{{end}}', '{{template "x" 1 2}}', '{{template}}', '{{block}}{{end}}', '{{define "r"}}{{if .}}{{.}}{{template "r" slice . 1}}{{end}}{{end}}{{template "r" "abc"}}',
  // errors and positions
  '{{.s.x}}', '{{.n.x}}', '{{.nil.x}}', '{{.nope.x}}', '{{.map.zz.y}}', '{{.s 1}}', '{{.map.a 1}}', '{{nil}}', '{{1 2}}', '{{"a" | printf}}', '{{.s | .n}}', '{{. 1}}', '{{true | not}}',
  '{{(1).x}}', '{{nil.x}}', '{{(nil)}}', '{{$.s.x}}', '{{$x := .n}}{{$x.y}}', '{{printf "%d" (len .s) | printf "%s"}}', '{{"x" | len | printf "%03d"}}', '{{1 | 2}}',
  '{{if}}{{end}}', '{{range}}{{end}}', '{{with}}{{end}}', '{{if .s}}', '{{if .s}}{{else}}{{else}}{{end}}', '{{end}}', '{{else}}', '{{if .s}}{{end 1}}', '{{if .s}}{{else 1}}{{end}}',
  '{{.s', '{{.s}', '{{(.s}}', '{{.s)}}', '{{"a}}', '{{`a}}', "{{'a}}", '{{/* c */ .s}}', '{{/* c */}}', '{{- /* c */ -}}', '{{/* c', 'x {{- .s -}} y', 'x {{-.s}}', '{{3 -}} x',
  '{{ .s }}\n{{ .nope.x.y }}', '\n\n  {{range $i, $e := .s}}{{end}}', 'ab\n cd {{.s | printf "%d" | len}}', '{{.s.x}}\n{{', 'é {{.s.x}}', 'x\n{{if .s}}\n{{else}}\n', '{{.s\n}}', '{{.s\n.n}}',
  '{{%}}', '{{.s %}}', '{{@}}', '{{\u00e9}}', '{{.s.}}', '{{..s}}', '{{$x.}}', '{{1.5.x}}', '{{.s|}}', '{{|.s}}', '{{.s ||.n}}', '{{:=}}', '{{$x :}}', '{{$x := }}', '{{( )}}', '{{()}}',
  '{{nofunc}}', '{{.s | nofunc}}', '{{printf "%s" .s | len}}{{$x := 1 | printf "%d"}}', '{{ $x := 3 }}{{ $x }}', '{{$x:=1}}{{$x}}',
  '', 'plain', '{{"{{"}}}}', '{{`}}`}}',
];

const operands = ['.s', '.e', '.n', '.z', '.neg', '.f', '.half', '.big', '.tiny', '.fz', '.t', '.nil', '.arr', '.empty', '.sarr', '.map', '.u8', '.i8', '.u', '.i64', '.u64', '.bytes', '.uni', '.q', '.nested', '3', '-2', '1.5', '"str"', "'x'", 'true', 'nil', '0', '1e100', '.nilstrs', '.smap'];
// %p of a map or slice prints its address: operands for which no verb prints one
const noAddress = operands.filter((o) => !['.arr', '.empty', '.sarr', '.map', '.bytes', '.nested', '.smap'].includes(o));
const soupFields = ['.s', '.arr', '.map', '.map.a', '.nested.k', '.n', '.f', '.nil'];
const callOperands = [...operands, '.map.a', '.map.c', '.nested.k', '.nested.k.k2', '$', '.', '.nope', '0', '1', '2', '-1', '"a"', '""'];

describe('gotmpl (text/template + fmt) vs Go over JSON values', () => {
  it('matches text/template: hand-picked and seeded random printf templates', async () => {
    const seed = Number(process.env.GOTMPL_SEED ?? 1);
    const r = rng(seed);
    const count = Number(process.env.GOTMPL_CASES ?? 600);
    const random = [
      ...Array.from({ length: count }, () => randomFormat(r, operands, noAddress)),
      ...Array.from({ length: count }, () => randomSoup(r, soupFields)),
      ...Array.from({ length: count }, () => `{{${randomCall(r, callOperands)}}}`),
    ];
    const cases = [...hand, ...random];
    // A template Go's text/template panics on (e.g. `{{x | call}}`) is left out.
    const want = await Promise.all(cases.map((t) => oracle.value<{ out?: string; err?: string }>('tmpl.exec', t, D).catch(() => null)));
    const diffs: string[] = [];
    let panics = 0;
    cases.forEach((t, i) => {
      const w = want[i]!;
      if (w === null) {
        if (panics++ < 3) console.log(`Go panics: ${t}`);
        return;
      }
      const goRes = { out: w.out, err: w.err };
      const got = run(t, D);
      // Go's JSON reply shows each invalid UTF-8 byte as U+FFFD
      for (const k of ['out', 'err'] as const) if (got[k] !== undefined) got[k] = got[k]!.replace(/[\udc80-\udcff]/g, '\ufffd');
      if (JSON.stringify(got) !== JSON.stringify(goRes)) diffs.push(`${JSON.stringify(t)}\n  go: ${JSON.stringify(goRes)}\n  ts: ${JSON.stringify(got)}`);
    });
    console.log(`gotmpl fmt (seed ${seed}): ${cases.length} cases (${hand.length} hand-picked), ${cases.length - diffs.length - panics} identical, ${diffs.length} differing, ${panics} where Go panics`);
    expect(diffs.slice(0, 40)).toEqual([]);
  });
});
