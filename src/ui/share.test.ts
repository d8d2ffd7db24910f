// Share links and the graph's g.* view parameters in one URL hash.
import { describe, expect, it } from 'vitest';
import { decodeViewState, defaultViewState, encodeViewState } from './graph/viewState';
import { decodeShare, encodeShare, withoutShare } from './share';

const txtar = '-- go.mod --\nmodule example.com/m\n\ngo 1.22\n-- main.go --\npackage main\n';

describe('share links with graph parameters', () => {
  it('round-trips a workspace alone and next to g.* parameters, in either order', () => {
    const plain = encodeShare(txtar);
    if ('error' in plain) throw new Error(plain.error);
    expect(plain.hash).toMatch(/^#w=[A-Za-z0-9_-]+$/);
    expect(decodeShare(plain.hash)).toBe(txtar);
    const view = encodeViewState({ ...defaultViewState, selected: 'example.com/a@v1.0.0', layout: 'force' }, '');
    const both = encodeShare(txtar, view);
    if ('error' in both) throw new Error(both.error);
    expect(decodeShare(both.hash)).toBe(txtar);
    expect(decodeViewState(both.hash).selected).toBe('example.com/a@v1.0.0');
    expect(decodeViewState(both.hash).layout).toBe('force');
    const reordered = view + '&' + plain.hash.slice(1);
    expect(decodeShare(reordered)).toBe(txtar);
    // after opening, the g.* parameters stay and the workspace goes
    expect(withoutShare(both.hash)).toBe(view);
    expect(withoutShare(plain.hash)).toBe('');
  });

  it('rejects what is not a share link', () => {
    expect(decodeShare('')).toBeUndefined();
    expect(decodeShare('#g.sel=x')).toBeUndefined();
    expect(decodeShare('#w=***')).toBeUndefined();
    expect(decodeShare('#w=AAAA')).toBeUndefined();
  });
});
