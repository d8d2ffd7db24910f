// cmd/go's own mod_*.txt and work_*.txt scripts run against modscope (in-process CLI, testdata/mod proxy and test
// checksum database on 127.0.0.1), conditions evaluated as without -short. passing.json lists the scripts expected to pass; every other script must
// currently fail or be not applicable — so a newly passing script forces the list to grow.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScripts, ScriptRunner } from './runner';

const passing: string[] = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'passing.json'), 'utf8'));
const names = [...listScripts([], 'mod_'), ...listScripts([], 'work_')];
let runner: ScriptRunner;

beforeAll(async () => {
  runner = await ScriptRunner.start({ mode: { kind: 'modscope' }, long: true });
});
afterAll(() => runner?.close());

describe('passing.json', () => {
  it('names existing mod_*.txt and work_*.txt scripts, sorted, without duplicates', () => {
    for (const n of passing) expect(names, n).toContain(n);
    expect([...new Set(passing)].sort()).toEqual(passing);
  });
});

describe('cmd/go testdata/script/mod_*.txt and work_*.txt on modscope', () => {
  it.each(names)('%s', async (name) => {
    const r = await runner.run(name);
    const detail = `${r.status.toUpperCase()} ${name}: ${r.reason ?? ''}\n${r.log ?? ''}`;
    if (passing.includes(name)) {
      expect(r.status, detail).toBe('pass');
    } else {
      expect(r.status, `${name} now passes: add it to scripts/goscript/passing.json`).not.toBe('pass');
    }
  });
});
