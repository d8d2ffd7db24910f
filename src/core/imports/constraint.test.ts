import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import {
  ConstraintSyntaxError,
  evalExpr,
  exprString,
  goVersion,
  isGoBuild,
  isPlusBuild,
  plusBuildLines,
  tryParseConstraint,
} from './constraint';
import { Gen } from './testgen';

const oracle = new GoOracle();
afterAll(() => oracle.close());

interface GoParse {
  isGoBuild: boolean;
  isPlusBuild: boolean;
  err?: string;
  offset?: number;
  expr?: string;
  goVersion?: string;
  plusLines?: string[];
  plusErr?: string;
}

/** JSON with sorted keys and no undefined/null members. */
function canon(v: object): string {
  const o = v as Record<string, unknown>;
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined && o[k] !== null)
        .sort()
        .map((k) => [k, o[k]]),
    ),
  );
}

function ours(line: string): GoParse {
  const res: GoParse = { isGoBuild: isGoBuild(line), isPlusBuild: isPlusBuild(line) };
  const r = tryParseConstraint(line);
  if (r.error) {
    res.err = r.error.message;
    if (r.error instanceof ConstraintSyntaxError) res.offset = r.error.offset;
    return res;
  }
  res.expr = exprString(r.expr);
  res.goVersion = goVersion(r.expr);
  try {
    res.plusLines = plusBuildLines(r.expr);
  } catch (e) {
    res.plusErr = (e as Error).message;
  }
  return res;
}

const handPicked = [
  '//go:build linux',
  '//go:build linux && amd64',
  '//go:build !windows',
  '//go:build (linux || darwin) && !cgo',
  '//go:build',
  '//go:build ',
  '//go:buildlinux',
  '//go:build\tlinux',
  '//go:build linux\n',
  '//go:build linux\n//go:build x',
  ' //go:build linux',
  '//go:build !!linux',
  '//go:build ! linux',
  '//go:build linux &&',
  '//go:build linux & amd64',
  '//go:build linux | amd64',
  '//go:build (linux',
  '//go:build ((linux)',
  '//go:build linux)',
  '//go:build ()',
  '//go:build linux darwin',
  '//go:build go1.21 && !go1.23',
  '//go:build !go1.21',
  '//go:build go1.21 || go1.18',
  '//go:build xgo1.9',
  '//go:build go1.99999999999999999999',
  '//go:build go1.9223372036854775807',
  '//go:build é && ٣',
  '//go:build a-b',
  '//go:build #',
  '//go:build 日本 || €',
  '// +build linux',
  '// +build linux,amd64 darwin',
  '// +build !windows,!plan9',
  '// +build',
  '//+build linux',
  '// +buildlinux',
  '// +build !!linux',
  '// +build !',
  '// +build a-b c',
  '//  +build\tlinux',
  '/* +build linux */',
  'package main',
  '',
  '//go:build ' + Array.from({ length: 1200 }, (_, i) => 't' + i).join(' || '),
  '// +build ' + Array.from({ length: 60 }, (_, i) => `a${i},b${i}`).join(' '),
  '//go:build ' + '!(a && b)',
  '//go:build ' + '!(a || b) && c',
  '//go:build (a || b) && (c || d)',
];

describe('constraint vs go/build/constraint', () => {
  it('parses, prints and converts like Go (hand-picked + seeded)', async () => {
    const seed = 1234;
    const g = new Gen(seed);
    const lines = [...handPicked];
    for (let i = 0; i < 1500; i++) lines.push(g.constraintLine());
    const want = await Promise.all(lines.map((l) => oracle.value<GoParse>('constraint.parse', l)));
    let same = 0;
    const diffs: string[] = [];
    lines.forEach((l, i) => {
      const w = canon(want[i]);
      const o = canon(ours(l));
      if (o === w) same++;
      else diffs.push(`${JSON.stringify(l)}: ours ${JSON.stringify(o)} go ${JSON.stringify(w)}`);
    });
    console.log(`constraint.parse seed=${seed}: ${lines.length} cases, ${same} identical, ${diffs.length} differing`);
    expect(diffs.slice(0, 10)).toEqual([]);
  });

  it('evaluates like Expr.Eval', async () => {
    const seed = 99;
    const g = new Gen(seed);
    const cases: { line: string; tags: string[] }[] = [];
    while (cases.length < 600) {
      const line = '//go:build ' + g.expr();
      if (!tryParseConstraint(line).expr) continue;
      const tags = Gen.tags.filter(() => g.chance(0.4));
      cases.push({ line, tags });
    }
    const want = await Promise.all(cases.map((c) => oracle.value<boolean>('constraint.eval', c.line, c.tags)));
    const got = cases.map((c) => {
      const set = new Set(c.tags);
      return evalExpr(tryParseConstraint(c.line).expr!, (t) => set.has(t));
    });
    console.log(`constraint.eval seed=${seed}: ${cases.length} cases, ${got.filter((v, i) => v === want[i]).length} identical`);
    expect(got).toEqual(want);
  });
});
