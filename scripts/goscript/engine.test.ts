// The script engine port against Go: regexp semantics (Go's regexp via the oracle) on every
// stdout/stderr/grep pattern of cmd/go's scripts plus corner cases and seeded random texts;
// $VAR expansion vs os.Expand; replace's unquoting vs strconv.Unquote; %#q and QuoteMeta;
// line parsing over every line of every cmd/go script and quoteArgs round trips; and a few
// scripts that exercise the builtins run end to end against the real go (they pass under
// Go's own harness, so they must pass here).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../oracle/client';
import { parseTxtar } from '../../src/core/txtar';
import { expandArgs, goQuoteBack, goUnquoteInner, osExpand, parseLine, quoteArgs, State, firstNonFlag } from './engine';
import { compileRE2, countAll, findIndex, matchString, quoteMeta, RegexpSyntaxError, UnsupportedRegexpError } from './re2';
import { GOROOT_SRC, REAL_GO, ScriptRunner } from './runner';
import { mulberry32 as rng } from '../../src/core/rng';

const SEED = 20230823;

const scriptDir = join(GOROOT_SRC, 'cmd/go/testdata/script');
const scripts = readdirSync(scriptDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, comment: new TextDecoder().decode(parseTxtar(readFileSync(join(scriptDir, f))).comment) }));

const sampleEnv: [string, string][] = [
  ['WORK', '/tmp/work.1+x'],
  ['GOPATH', '/tmp/work.1+x/gopath'],
  ['GOEXE', ''],
  ['goversion', '1.23.5'],
  ['GOROOT', '/usr/lib/go-1.23'],
  ['newline', '\n'],
];

/** (pattern with "(?m)", from file) for every stdout/stderr/grep line of cmd/go's scripts. */
function scriptPatterns(filter: (name: string) => boolean): { pattern: string; file: string }[] {
  const s = new State('/tmp', sampleEnv);
  const out: { pattern: string; file: string }[] = [];
  for (const sc of scripts) {
    if (!filter(sc.name)) continue;
    for (const [i, line] of sc.comment.split('\n').entries()) {
      if (line.startsWith('#')) continue;
      let cmd;
      try {
        cmd = parseLine(sc.name, i + 1, line);
      } catch {
        continue;
      }
      if (!cmd || !['stdout', 'stderr', 'grep'].includes(cmd.name)) continue;
      const raw = cmd.rawArgs.map((f) => f.map((x) => x.s).join(''));
      const idx = firstNonFlag(raw) ?? [];
      const args = expandArgs(s, cmd.rawArgs, idx);
      const k = idx[0];
      if (k === undefined || k >= args.length) continue;
      out.push({ pattern: '(?m)' + args[k], file: `${sc.name}:${i + 1}` });
    }
  }
  return out;
}

/** Texts that exercise a pattern: pieces of its literal text, separators, random runes. */
function textsFor(pattern: string, r: () => number, n: number): string[] {
  const lit = pattern.replace(/\(\?[a-zA-Z]*\)|\\[QE]/g, '').replace(/\\(.)/g, '$1').replace(/[\^$*+?()[\]{}|]/g, '');
  const pieces = ['\n', ' ', '\t', '\r', 'a', 'Z', '_', '.', '/', 'é', '世', '\v', '0', '9', 'v1.2.3', 'go: ', ':', '@', '-', '\n\n'];
  const texts = ['', lit, lit + '\n', '\n' + lit, 'x' + lit + 'y\n' + lit];
  for (let t = 0; t < n; t++) {
    let s = '';
    const len = Math.floor(r() * 8);
    for (let j = 0; j < len; j++) {
      if (r() < 0.5 && lit.length > 0) {
        const a = Math.floor(r() * lit.length);
        s += lit.slice(a, a + 1 + Math.floor(r() * 12));
      } else s += pieces[Math.floor(r() * pieces.length)];
    }
    texts.push(s);
  }
  return texts;
}

interface GoMatch {
  match: boolean;
  before: string | null;
  first: string | null;
  count: number;
}

function ours(pattern: string, texts: string[]): GoMatch[] {
  const re = compileRE2(pattern);
  return texts.map((t) => {
    const loc = findIndex(re, t);
    return {
      match: matchString(re, t),
      before: loc ? t.slice(0, loc[0]) : null,
      first: loc ? t.slice(loc[0], loc[1]) : null,
      count: countAll(re, t),
    };
  });
}

let oracle: GoOracle;
beforeAll(() => {
  oracle = new GoOracle();
});
afterAll(() => oracle.close());

describe('regexp (RE2 → JS) vs Go regexp', () => {
  const corner = [
    '(?m)^$', '(?m)$', '(?m)^', '(?m)a$', '(?m)^a', '(?m).', '(?m).+', '(?m)\\s+', '(?m)\\S+', '(?m)\\Qa.b*c\\E+', '(?m)x{,2}',
    '(?m)x{2}', '(?m)x{1,}', '(?m)x{1,2}?', '(?m)[[:alpha:]]+', '(?m)[[:^alpha:]]', '(?m)\\pL+', '(?m)\\p{Greek}', '(?m)\\PL',
    '(?m)(?i)go: Foo', '(?m)(?s)a.b', '(?m)a|', '(?m)|a', '(?m)a\\z', '(?m)\\Aa', '(?m)', '(?m)a*', '(?m)\\bv1\\b', '(?m)[^a]+',
    '(?m)(?P<x>a)+', '(?m)é.', '(?m)\\x{e9}', '(?m)[\\d\\-]+', '(?m)\\.', '(?m)[]a]+', '(?m)[^]a]', '(?m)\\$', '(?m)a{', '(?m)a}',
    '(?m)]', '(?m)[a-c-]', '(?m)\\-\\_\\@\\/\\:', '(?m)\\t', '(?m)(?:a|b)+', '(?m)(a)(b)?', '(?m)^go: .*$', '(?m)a+?', '(?m)(?s:.)',
    '(?m)(?-m:^)a', '(?m)\\d+\\.\\d+', '(?m)[\\s]', '(?m)[\\w.]+', '(?m)\\010', '(?m)[[:space:]]', '(?m)\\v', '(?m)\\f|\\a',
    '(?m)\\pN', '(?m)[\\p{Lu}]', '(?m)\\1', '(?m)a**', '(?m)(?=a)', '(?m)(?<!a)', '(?m)\\C', '(?m)(', '(?m))', '(?m)[a', '(?m)x{1001}',
  ];
  const cornerTexts = ['', 'a', 'a\n', '\na\n\nb\n', 'a\r\nb', 'aé\nb', 'Α', 'x\vy\tz', 'aaa', 'baaac', 'v1 v1.2', 'go: foo\ngo: bar', ']a]', '$', 'x{', '-_@/:', 'a.b*c', 'a.b*ca.b*c', '\x08\f\x07', 'GO: FOO'];

  it('corner cases: same matches, positions and counts, and the same compile errors', async () => {
    const r = rng(SEED);
    let compared = 0;
    for (const p of corner) {
      const texts = [...cornerTexts, ...textsFor(p, r, 20)];
      const want = await oracle.call<GoMatch[]>('goscript.regexp', p, texts);
      if (want.err !== undefined) {
        expect(() => compileRE2(p), p).toThrow(RegexpSyntaxError);
        continue;
      }
      let got: GoMatch[];
      try {
        got = ours(p, texts);
      } catch (e) {
        // Only syntax we deliberately refuse may fail, loudly.
        expect(e, p).toBeInstanceOf(UnsupportedRegexpError);
        continue;
      }
      expect(got, p).toEqual(want.ok);
      compared++;
    }
    expect(compared).toBeGreaterThan(corner.length - 15);
  });

  it('every stdout/stderr/grep pattern of the mod_*.txt scripts translates and matches as Go does', async () => {
    const r = rng(SEED + 1);
    const pats = scriptPatterns((n) => n.startsWith('mod_'));
    expect(pats.length).toBeGreaterThan(1500);
    const unique = [...new Map(pats.map((p) => [p.pattern, p])).values()];
    const results = await Promise.all(
      unique.map(async (p) => {
        const texts = textsFor(p.pattern, r, 12);
        return { p, texts, want: await oracle.call<GoMatch[]>('goscript.regexp', p.pattern, texts) };
      }),
    );
    let same = 0;
    for (const { p, texts, want } of results) {
      expect(want.err, p.file).toBeUndefined();
      expect(ours(p.pattern, texts), `${p.file}: ${p.pattern}`).toEqual(want.ok);
      same++;
    }
    console.log(`regexp: ${same} distinct mod_*.txt patterns × ~17 texts identical to Go`);
  });

  it('patterns of all other cmd/go scripts: identical, or refused loudly', async () => {
    const r = rng(SEED + 2);
    const pats = scriptPatterns((n) => !n.startsWith('mod_'));
    const unique = [...new Map(pats.map((p) => [p.pattern, p])).values()];
    const results = await Promise.all(
      unique.map(async (p) => {
        const texts = textsFor(p.pattern, r, 6);
        return { p, texts, want: await oracle.call<GoMatch[]>('goscript.regexp', p.pattern, texts) };
      }),
    );
    let refused = 0;
    for (const { p, texts, want } of results) {
      if (want.err !== undefined) continue;
      let got: GoMatch[];
      try {
        got = ours(p.pattern, texts);
      } catch (e) {
        expect(e, p.file).toBeInstanceOf(UnsupportedRegexpError);
        refused++;
        continue;
      }
      expect(got, `${p.file}: ${p.pattern}`).toEqual(want.ok);
    }
    expect(refused).toBeLessThan(unique.length / 50);
  });

  it('QuoteMeta and %#q as Go', async () => {
    const r = rng(SEED + 3);
    const alphabet = ['a', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$', '\\', '/', '`', '\n', '\t', 'é', '\x00', '"', "'", ' ', '\ufeff', '\x7f'];
    const inputs: string[] = ['', '$WORK/x.y', 'C:\\work\\go1.4'];
    for (let i = 0; i < 300; i++) {
      let s = '';
      for (let j = Math.floor(r() * 10); j > 0; j--) s += alphabet[Math.floor(r() * alphabet.length)];
      inputs.push(s);
    }
    const [metas, quotes] = await Promise.all([
      Promise.all(inputs.map((s) => oracle.value<string>('goscript.quotemeta', s))),
      Promise.all(inputs.map((s) => oracle.value<string>('goscript.quoteback', s))),
    ]);
    for (const [i, s] of inputs.entries()) {
      expect(quoteMeta(s), JSON.stringify(s)).toBe(metas[i]);
      // Our %#q covers the backquoted form exactly; the double-quoted fallback is log text only.
      if (quotes[i]!.startsWith('`')) expect(goQuoteBack(s), JSON.stringify(s)).toBe(quotes[i]);
      else expect(goQuoteBack(s).startsWith('`')).toBe(false);
      // A quoted string compiled as a regexp matches exactly itself, as in Go.
      const re = compileRE2(quoteMeta(s));
      if (s !== '') expect(findIndex(re, 'x' + s + 'y')).toEqual([1, 1 + s.length]);
    }
  });
});

describe('expansion and unquoting vs Go', () => {
  it('State.expandEnv is os.Expand', async () => {
    const r = rng(SEED + 4);
    const env: Record<string, string> = { a: 'A', B: 'bee', a1: 'A1', '/': '/', ':': ':', '1': 'one', '*': 'star', x_y: 'XY', '$': 'dollar', '{': 'brace' };
    const alphabet = ['$', '$', '{', '}', 'a', 'B', '_', '1', '/', ':', '*', '?', '-', ' ', 'x', 'y', 'é', '@'];
    const inputs = ['$', '${', '${}', '${a', '$a$', '${/}', '${:}', '$$', '$1a', '${a}b', '$a1', '${x_y}z', '$é', 'a$'];
    for (let i = 0; i < 500; i++) {
      let s = '';
      for (let j = Math.floor(r() * 12); j > 0; j--) s += alphabet[Math.floor(r() * alphabet.length)];
      inputs.push(s);
    }
    const want = await Promise.all(inputs.map((s) => oracle.value<string>('goscript.expand', s, env)));
    for (const [i, s] of inputs.entries()) expect(osExpand(s, (k) => env[k] ?? ''), JSON.stringify(s)).toBe(want[i]);
  });

  it("replace's arguments unquote as strconv.Unquote", async () => {
    const r = rng(SEED + 5);
    const alphabet = ['\\', 'n', 't', 'x', '4', '1', 'u', '0', '0', 'e', '9', 'U', '"', "'", 'a', '\n', '7', 'q', ' '];
    const inputs = ['a\\nb', '\\x41', '\\u00e9', '\\U0001F600', '\\101', '\\"', '"', '\\q', '\\', 'go 1.21\\ntoolchain', '\\t\\\\'];
    for (let i = 0; i < 500; i++) {
      let s = '';
      for (let j = Math.floor(r() * 8); j > 0; j--) s += alphabet[Math.floor(r() * alphabet.length)];
      inputs.push(s);
    }
    const want = await Promise.all(inputs.map((s) => oracle.call<string>('goscript.unquote', s)));
    let ok = 0;
    for (const [i, s] of inputs.entries()) {
      const w = want[i]!;
      if (w.err !== undefined) {
        expect(() => goUnquoteInner(s), JSON.stringify(s)).toThrow();
        continue;
      }
      // \x escapes above 0x7f are single bytes in Go: not representable as text; skip those.
      if (/\\x[89a-fA-F]/.test(s)) continue;
      expect(goUnquoteInner(s), JSON.stringify(s)).toBe(w.ok);
      ok++;
    }
    expect(ok).toBeGreaterThan(50);
  });
});

describe('parsing', () => {
  it('every line of every cmd/go script parses (as Go\'s harness parses them all)', () => {
    let lines = 0;
    let commands = 0;
    for (const sc of scripts) {
      for (const [i, line] of sc.comment.split('\n').entries()) {
        if (line.startsWith('#')) continue;
        lines++;
        const cmd = parseLine(sc.name, i + 1, line);
        if (!cmd) continue;
        commands++;
        expect(cmd.name, `${sc.name}:${i + 1}`).not.toBe('');
        // Conditions and prefixes never leak into the command name or arguments.
        expect(/^[!?[]/.test(cmd.name), `${sc.name}:${i + 1}`).toBe(false);
      }
    }
    expect(commands).toBeGreaterThan(10000);
    expect(lines).toBeGreaterThan(commands);
  });

  it('quoteArgs output parses back to the same arguments (seeded random)', () => {
    const r = rng(SEED + 6);
    const alphabet = ['a', 'b', ' ', "'", "''", '#', '\t', '\r', '&', '!', '?', '[x]', '$', 'é', '-', '"'];
    for (let i = 0; i < 2000; i++) {
      const args: string[] = [];
      for (let k = Math.floor(r() * 4) + 1; k > 0; k--) {
        let s = '';
        for (let j = Math.floor(r() * 6) + 1; j > 0; j--) s += alphabet[Math.floor(r() * alphabet.length)];
        args.push(s);
      }
      const line = 'cmd ' + quoteArgs(args);
      const cmd = parseLine('t', 1, line)!;
      let raw = cmd.rawArgs.map((f) => f.map((x) => x.s).join(''));
      // A bare trailing & is the background marker, as in Go.
      if (cmd.background) raw = [...raw, '&'];
      expect(raw, line).toEqual(args);
    }
  });
});

describe('builtins end to end against the real go', () => {
  // Scripts using cmp/cmpenv, cp stdout, env, replace, stdout -count, grep, mv, mkdir, rm,
  // exists, ! prefixes, [cond] guards, quoting with '' and ${VAR}, exec patch, redirects.
  const names = ['mod_edit', 'mod_find', 'mod_go_version_missing', 'mod_import_cycle', 'mod_goline_too_new', 'mod_download_partial', 'mod_graph_version', 'mod_tidy_diff', 'mod_download_too_many_redirects'];
  let runner: ScriptRunner;
  beforeAll(async () => {
    runner = await ScriptRunner.start({ mode: { kind: 'real', bin: REAL_GO } });
  });
  afterAll(() => runner.close());
  it.each(names)('%s passes with real go', async (name) => {
    const r = await runner.run(name);
    expect(r.status, `${r.reason}\n${r.log ?? ''}`).toBe('pass');
  });
});
