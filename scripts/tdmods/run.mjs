// `node scripts/tdmods/run.mjs [--from S] [--seeds N] [-v] [--dump]`: the testdata-mod differential
// (scripts/tdmods) on seeds S..S+N-1: a line per seed, a summary, and with -v each difference
// (--dump: the seed's files and every output of real go too).
import { runBundled } from '../bundleRun.mjs';

await runBundled(new URL('cli.ts', import.meta.url).pathname, 'tdmods/cli', process.argv.slice(2));
