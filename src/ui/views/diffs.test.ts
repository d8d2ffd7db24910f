// The previews' diff helpers against go's own `go mod tidy -diff` text, recorded with real Go 1.23
// by scripts/confirm-lessons.mjs (src/ui/lessons/confirmed.json, lesson "ci": the drift universe
// before tidy, go's -diff output, and the files after tidy).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUniverse } from '../../worker/universe';
import confirmed from '../lessons/confirmed.json';
import { sideBySide, unifiedPatch } from './diffs';

const root = join(import.meta.dirname, '../../..');
const rec = (confirmed as unknown as { recorded: Record<string, { stdout: string; gomod: string; gosum: string }> }).recorded;
const u = parseUniverse(readFileSync(join(root, 'public/demo/lessons/drift.txtar')));
const dec = new TextDecoder();
const before = { 'go.mod': dec.decode(u.repo['go.mod']), 'go.sum': dec.decode(u.repo['go.sum']) };
const after = { 'go.mod': rec['ci/1']!.gomod, 'go.sum': rec['ci/1']!.gosum };

describe('preview diffs', () => {
  it("unifiedPatch reproduces go mod tidy -diff's text for the drift lesson (both files)", () => {
    const ours = (['go.mod', 'go.sum'] as const).map((n) => unifiedPatch(n, before[n], after[n], 'tidy') + '\n').join('');
    expect(ours).toBe(rec['ci/0']!.stdout);
  });

  it('side-by-side rows rebuild both files and pair each removed run with the added run after it', () => {
    for (const n of ['go.mod', 'go.sum'] as const) {
      const rows = sideBySide(before[n], after[n]);
      const left = rows.filter((r) => r.left !== undefined).map((r) => r.left + '\n').join('');
      const right = rows.filter((r) => r.right !== undefined).map((r) => r.right + '\n').join('');
      expect(left).toBe(before[n]);
      expect(right).toBe(after[n]);
      // the numbering is consecutive on both sides
      expect(rows.filter((r) => r.leftNo !== undefined).map((r) => r.leftNo)).toEqual(before[n].split('\n').slice(0, -1).map((_, i) => i + 1));
      expect(rows.filter((r) => r.rightNo !== undefined).map((r) => r.rightNo)).toEqual(after[n].split('\n').slice(0, -1).map((_, i) => i + 1));
    }
    expect(unifiedPatch('go.mod', after['go.mod'], after['go.mod'])).toBe('');
  });
});
