// go list -m -reuse=FILE against real go (scripts/difftest.ts DiffEnv: the same command line on
// identical fresh copies, real go and modscope in-process): where the flag is refused, and how the
// file is read — missing, a directory, not JSON, a JSON stream cut short, values of the wrong type
// at every depth of modinfo.ModulePublic, bad times — and, when it reads, the normal listing
// (no entry is ever reused without version control). Outside a module and inside one.
import { afterAll, describe, expect, it } from 'vitest';
import { DiffEnv, type Case } from '../../../scripts/difftest';

const mod = (path: string, version: string, extra = '') => [`${path.replace(/\//g, '_')}_${version}.txt`, `-- .mod --\nmodule ${path}\n${extra}-- .info --\n{"Version":"${version}","Time":"2023-01-0${version.endsWith('1.0') ? 2 : 1}T00:00:00Z"}\n-- go.mod --\nmodule ${path}\n-- p.go --\npackage p\n`] as const;

const env = new DiffEnv([mod('example.com/a', 'v1.0.0'), mod('example.com/a', 'v1.1.0')]);
afterAll(() => env.close());

const files: Record<string, string> = {
  'missing.json': '',
  'empty.json': '',
  'ws.json': ' \n\t',
  'good.json': '{"Path":"example.com/a","Version":"v1.0.0","Query":"latest","Origin":{"VCS":"git","URL":"https://example.com/a","Hash":"0123456789abcdef0123456789abcdef01234567"}}\n',
  'two.json': '{"Path":"x"}\n{"Path":"y","Version":"v1.0.0"}',
  'null.json': 'null\n{"Path":"x"}',
  'junk.json': '{"Path":"a"} xx',
  'cut.json': '{"Path":"a"}{"Path":"b"',
  'cutnum.json': '{"Path":"a"} 12',
  'cutlit.json': 'tru',
  'arr.json': '[1]',
  'num.json': '3',
  'str.json': '"x"',
  'pathnum.json': '{"Path":3}',
  'main.json': '{"Path":"a","Main":"x","Indirect":3}',
  'case.json': '{"path":3}',
  'versions.json': '{"Versions":["v1",2]}',
  'versobj.json': '{"Versions":{}}',
  'time.json': '{"Path":"a","Time":"bad"}',
  'timenum.json': '{"Time":3}',
  'time30.json': '{"Time":"2021-02-30T00:00:00Z"}',
  'timeok.json': '{"Time":"2021-02-03T4:05:06,5+24:00"}',
  'mainthentime.json': '{"Main":"x","Time":"bad"}',
  'replace.json': '{"Replace":{"Path":1}}',
  'replacearr.json': '{"Replace":[]}',
  'update.json': '{"Update":{"Time":"x"}}',
  'errstr.json': '{"Error":"boom"}',
  'errobj.json': '{"Error":{"Err":"boom"}}',
  'errnum.json': '{"Error":3}',
  'errerr.json': '{"Error":{"Err":3}}',
  'origin.json': '{"Origin":{"URL":true}}',
  'originarr.json': '{"Origin":[1]}',
  'reporigin.json': '{"Replace":{"Origin":{"Hash":2}}}',
  'unknown.json': '{"Nope":3,"Path":"a"}',
  'dup.json': '{"Path":"a","Path":2}',
  'nested.json': '{"Path":"a","Update":{"Update":{"Main":1}}}',
  'sub/x.json': '{}',
};
delete files['missing.json'];

const outside: Case[] = [];
for (const f of [...Object.keys(files), 'missing.json', 'sub', '/nonexistent/abs.json']) {
  outside.push({ files, args: ['list', '-m', `-reuse=${f}`, 'example.com/a@latest'] });
}
outside.push({ files, args: ['list', '-m', '-json', '-reuse=good.json', 'example.com/a@latest', 'example.com/a@v1.0.0'] });
outside.push({ files, args: ['list', '-m', '-e', '-reuse=missing.json', 'example.com/a@latest'] });
outside.push({ files, args: ['list', '-m', '-e', '-reuse=junk.json', 'example.com/a@latest'] });
outside.push({ files, args: ['list', '-m', '-reuse=missing.json'] });
outside.push({ files, args: ['list', '-reuse=good.json', 'example.com/a@latest'] });
outside.push({ files, args: ['list', '-m', '-u', '-reuse=good.json', 'example.com/a@v1.0.0'] });
outside.push({ files, args: ['list', '-m', '-reuse=good.json', 'example.com/a@latest'], env: { GO111MODULE: 'off' } });

const inModule = { ...files, 'go.mod': 'module example.com/m\n\ngo 1.21\n' };
const inside: Case[] = [
  { files: inModule, args: ['list', '-m', '-reuse=good.json', 'example.com/a@latest'] },
  { files: inModule, args: ['list', '-m', '-reuse=missing.json'] },
  { files: inModule, args: ['list', '-m', '-reuse=good.json', 'all'], dir: 'sub' },
  { files: { ...inModule, 'go.mod': 'module example.com/m\n\ngo 1.21\nrequire (\n' }, args: ['list', '-m', '-reuse=good.json', 'all'] },
  { files: { ...inModule, 'go.work': 'go 1.21\n' }, args: ['list', '-m', '-reuse=good.json', 'example.com/a@latest'], env: { GOWORK: '' } },
];

describe('go list -m -reuse', () => {
  for (const [name, cases] of [
    ['outside a module', outside],
    ['inside a module', inside],
  ] as const) {
    it(`${name}: ${cases.length} command lines as real go`, async () => {
      let same = 0;
      for (const c of cases) {
        const want = env.runGo(c);
        const got = await env.runOurs(c);
        if (JSON.stringify(got) === JSON.stringify(want)) same++;
        expect({ args: c.args.join(' '), ...got }).toEqual({ args: c.args.join(' '), ...want });
      }
      console.log(`go list -m -reuse ${name}: ${cases.length} cases, ${same} identical`);
    });
  }
});
