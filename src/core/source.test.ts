// Pure parts of source.ts: JSON syntax errors (vs encoding/json through the oracle), URL
// rendering and HTTP error texts (their end-to-end wording is compared with real go in
// src/io/proxyHttp.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { isPlainModulePath } from './cache';
import { escapePath } from './module';
import { checkProxyURL, formatErrorDetail, formatURL, joinPath, jsonSyntaxError, parseURL, ProxyRepo, proxyPathEscape, type GoURL, type ProxyResponse } from './source';
import { mulberry32 as rng } from './rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

describe('jsonSyntaxError', () => {
  it('matches encoding/json on corner cases and random mutations', async () => {
    const seed = 77;
    const rand = rng(seed);
    const corners = ['', ' ', 'invalid', '{', '{"a"', '{"a":', '{"a":1,}', '[1,]', '[1 2]', '{"a" 1}', '{1:2}', '"\\x"', '"\\u12g4"', '"a\x01"', '-', '-a', '01', '1.', '1.e5', '1e', '1e+', 'tru', 'nul', 'fals', 'trux', '{} x', '{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}', "'a'", '\u00e9'];
    const alphabet = ['{', '}', '[', ']', '"', ':', ',', '1', '-', '.', 'e', 't', 'n', ' ', 'a', '\\', 'u', '0'];
    const cases = [...corners];
    const base = '{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z","Origin":{"VCS":"git","N":[1,-2.5e3,true,null]}}';
    for (let i = 0; i < 300; i++) {
      const k = Math.floor(rand() * base.length);
      const op = rand();
      const c = alphabet[Math.floor(rand() * alphabet.length)]!;
      cases.push(op < 0.33 ? base.slice(0, k) : op < 0.66 ? base.slice(0, k) + c + base.slice(k + 1) : base.slice(0, k) + c + base.slice(k));
    }
    cases.push('\ufeff{}', '{}\u00a0', '\t{\r\n}\n', '{"a":"\t"}', '{"a":"\u2028"}', '-0', '"\ud800"', '{"a":1}\u0000');
    const want = await Promise.all(cases.map((c) => oracle.value<string>('source.jsonsyntax', c)));
    // parseRevInfo takes JSON.parse's success as Go's: it must accept exactly what Go accepts.
    const parses = (c: string) => {
      try {
        JSON.parse(c);
        return true;
      } catch {
        return false;
      }
    };
    let same = 0;
    cases.forEach((c, i) => {
      expect(jsonSyntaxError(c) ?? '', JSON.stringify(c)).toBe(want[i]);
      expect(parses(c), JSON.stringify(c)).toBe(want[i] === '');
      same++;
    });
    console.log(`json syntax cases (seed ${seed}): ${cases.length}, identical: ${same}`);
  });
});

describe('URLs and error details', () => {
  it('renders proxy URLs as net/url does', () => {
    // Values from real go's messages (see proxyHttp.test.ts): "!" is shown as %21.
    const u = parseURL('file:///tmp/px/proxy');
    expect(formatURL({ ...u, path: u.path + '/example.com/!a/@v/v1.0.0.info', rawPath: '/' + proxyPathEscape('example.com/!a/@v/v1.0.0.info') })).toBe(
      'file:///tmp/px/proxy/example.com/%21a/@v/v1.0.0.info',
    );
    expect(formatURL(parseURL('https://user:secret@example.com/p'))).toBe('https://user:xxxxx@example.com/p');
    expect(() => parseURL('http://h/%zz')).toThrow('parse "http://h/%zz": invalid URL escape "%zz"');
    expect(() => parseURL(':x')).toThrow('parse ":x": missing protocol scheme');
  });

  it('summarises text/plain error bodies as web.formatErrorDetail does', () => {
    const r = (body: string, contentType = 'text/plain; charset=utf-8'): ProxyResponse => ({ statusCode: 404, status: '404 Not Found', contentType, body: new TextEncoder().encode(body) });
    expect(formatErrorDetail(r('a\nb\n\nc\n'))).toBe('a\n\tb');
    expect(formatErrorDetail(r('x', 'text/html'))).toBe('');
    expect(formatErrorDetail(r('bad\x07bell'))).toBe('');
    expect(formatErrorDetail(r(Array.from({ length: 12 }, (_, i) => `l${i}`).join('\n')))).toBe('l0\n\tl1\n\tl2\n\tl3\n\tl4\n\tl5\n\tl6\n\tl7\n\t[Truncated: too many lines.]');
    expect(formatErrorDetail(r('y'.repeat(700)))).toBe('[Truncated: too long.]');
  });
});

describe('proxy request URLs', () => {
  it("take the plain-path shortcut only where it gives path.Join(base, pathEscape(rel))'s URL", () => {
    const bases = ['https://proxy.example/', 'https://proxy.example', 'https://proxy.example/a/b/', 'https://proxy.example/a/../b', 'file:///tmp/p', 'file:///tmp/p/./q/', 'https://h/x%2Fy/'];
    const rels = ['@v/list', '@v/v1.0.0.info', '@v/v1.0.0-rc.1+meta.zip', '@latest', '@v/v1.0.0~x.mod', '@v/../x', '@v/./x', '@v//x', '@v/a b', '@v/!x', '@v/x;y', '@v/é'];
    const paths = ['example.com/m', 'example.com/A/b', 'gopkg.in/yaml.v2'];
    let n = 0;
    for (const b of bases) {
      for (const p of paths) {
        const repo = new ProxyRepo(checkProxyURL(b), p, { get: async () => ({ statusCode: 404, status: '404 Not Found', body: new Uint8Array() }) });
        const url = (repo as unknown as { url: GoURL }).url;
        for (const rel of rels) {
          const want = { ...url, path: joinPath(url.path, rel), rawPath: joinPath(url.rawPath, proxyPathEscape(rel)) };
          expect(repo.target(rel), `${b} ${p} ${rel}`).toEqual(want);
          n++;
        }
      }
    }
    expect(n).toBe(bases.length * paths.length * rels.length);
  });

  it('name a plain module path unescaped, as pathEscape(escapePath(path)) does', () => {
    // Seeded paths over the plain alphabet and its neighbours; only the plain ones skip escaping.
    let a = 4242;
    const rnd = (n: number) => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const alphabet = 'abcdz0189.-_/~A!é';
    let plain = 0;
    for (let i = 0; i < 3000; i++) {
      const p = 'ex.com/' + Array.from({ length: 1 + rnd(12) }, () => alphabet[rnd(alphabet.length)]).join('');
      if (!isPlainModulePath(p)) continue;
      plain++;
      const base = checkProxyURL('https://proxy.example/a/');
      const repo = new ProxyRepo(base, p, { get: async () => ({ statusCode: 404, status: '404 Not Found', body: new Uint8Array() }) });
      const url = (repo as unknown as { url: GoURL }).url;
      expect(url.rawPath).toBe(base.rawPath.replace(/\/$/, '') + '/' + proxyPathEscape(escapePath(p)));
      expect(url.path).toBe(base.path.replace(/\/$/, '') + '/' + escapePath(p));
    }
    expect(plain).toBeGreaterThan(100);
  });
});
