// go.mod files of unusual but valid shapes (shapesGen.ts: comments everywhere, `// indirect`
// variants, several and empty blocks, duplicated requirements, go/toolchain/godebug lines,
// exclude/replace/retract, quoted paths, CRLF, no final newline) through go mod tidy (plain,
// -diff, -go=1.21, -compat=1.17, -e) and go get (a version, @none), with real go and with
// modscope's CLI entry point (runCommand), on fresh copies of the directory and module cache:
// stdout, stderr, exit status, go.mod and go.sum compared byte for byte (the "go: downloading"
// lines, printed from parallel workers, up to their order). Half the seeds start their later
// commands with the go.sum real go's go mod tidy wrote (every other one of them reversed, with a
// line repeated and a stale line added), the others with none.
import { afterAll, describe, expect, it } from 'vitest';
import { DiffEnv, type Case } from '../../../scripts/difftest';
import { sortProgressRuns } from '../../../scripts/universe/differential';
import { generateShape, shapeArchives } from './shapesGen';

// MODSCOPE_SHAPE_SEEDS=A-B,C,... runs other seeds (a longer run by hand).
function seedList(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
  });
}
const SEEDS = process.env.MODSCOPE_SHAPE_SEEDS ? seedList(process.env.MODSCOPE_SHAPE_SEEDS) : seedList('1-32');

const TIDIES = [['mod', 'tidy'], ['mod', 'tidy', '-diff'], ['mod', 'tidy', '-go=1.21'], ['mod', 'tidy', '-compat=1.17']];

/** go prints its "go: downloading" and "finding module" lines from parallel workers. */
function progressSorted<T extends { stderr: string }>(r: T): T {
  return { ...r, stderr: sortProgressRuns(r.stderr) };
}

/**
 * A panic in go (tidyUnprunedRoots dropping the go root on go mod tidy -go=1.16: "panic: go:
 * internal error: missing go root module") ends it with exit status 2 and a goroutine trace
 * modscope cannot reproduce; modscope reports the panic's message as an error (exit 1), as in
 * scripts/universe/workspaceDiff.ts, and everything printed before it must match.
 */
function panicAsError<T extends { stderr: string; exitCode: number }>(go: T, ms: T): T {
  const panic = /^panic: (.*)\n\ngoroutine /m.exec(go.stderr);
  const same = panic && go.exitCode === 2 && ms.exitCode === 1 && ms.stderr === go.stderr.slice(0, panic.index) + `go: ${panic[1]}\n`;
  return same ? { ...ms, stderr: go.stderr, exitCode: go.exitCode } : ms;
}

/** seed % 4 === 3: go.sum's lines reversed, one repeated, plus a line for a version not used. */
function staleSum(seed: number, sum: string): string {
  if (seed % 4 !== 3 || sum === '') return sum;
  const lines = sum.trimEnd().split('\n').reverse();
  return [...lines, lines[0], 'example.com/h v0.0.1/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', ''].join('\n');
}

const results: { name: string; same: boolean; failed: boolean; rewrote: boolean }[] = [];
afterAll(() => {
  const diff = results.filter((r) => !r.same);
  const failed = results.filter((r) => r.failed).length;
  const rewrote = results.filter((r) => r.rewrote).length;
  console.log(
    `go.mod shapes differential: ${results.length} cases, ${results.length - diff.length} identical, ${diff.length} differing ` +
      `(real go: ${failed} exited non-zero, ${rewrote} rewrote go.mod)`,
  );
  for (const d of diff) console.log(`  differs: ${d.name}`);
});

describe('go.mod shapes: go mod tidy / go get vs real go', () => {
  const env = new DiffEnv(shapeArchives());
  afterAll(() => env.close());
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const sc = generateShape(seed);
      let files = sc.files;
      const cmds = [...TIDIES, ['mod', 'tidy', ...sc.tidyFlags], ...sc.gets.map((g) => ['get', ...g])];
      const outcomes: unknown[] = [];
      for (const args of cmds) {
        const c: Case = { files, args };
        const want = progressSorted(env.runGo(c));
        const got = panicAsError(want, progressSorted(await env.runOurs(c)));
        const same = JSON.stringify(want) === JSON.stringify(got);
        const rewrote = want.files['go.mod'] !== files['go.mod'];
        results.push({ name: `seed ${seed}: go ${args.join(' ')}`, same, failed: want.exitCode !== 0, rewrote });
        outcomes.push({ args, ...got }, { args, ...want });
        if (!same && process.env.MODSCOPE_SHAPE_SHOW) {
          const parts: [string, unknown, unknown][] = [['stdout', want.stdout, got.stdout], ['stderr', want.stderr, got.stderr], ['exit', want.exitCode, got.exitCode]];
          for (const k of Object.keys(want.files)) parts.push([k, want.files[k], got.files[k]]);
          const shown = parts.filter(([, w, g]) => w !== g).map(([k, w, g]) => `--- ${k} want:\n${w}\n--- ${k} got:\n${g}`);
          console.log(`seed ${seed} go ${args.join(' ')} [${sc.features.join(', ')}]\n--- go.mod\n${files['go.mod']}\n${shown.join('\n')}`);
        }
        // the first tidy's go.sum (real go's) starts the later commands of odd seeds
        if (seed % 2 === 1 && args.length === 2 && want.files['go.sum'] != null) files = { ...files, 'go.sum': staleSum(seed, want.files['go.sum']!) };
      }
      for (let i = 0; i < outcomes.length; i += 2) expect(outcomes[i]).toEqual(outcomes[i + 1]);
    }, 120_000);
  }
});
