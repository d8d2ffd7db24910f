// View state <-> URL hash: round trips (including module paths with characters URLs escape),
// other hash parameters kept, bad values ignored.
import { describe, expect, it } from 'vitest';
import { decodeViewState, defaultViewState, encodeViewState, type ViewState } from './viewState';

describe('view state in the URL hash', () => {
  it('round-trips every field', () => {
    const s: ViewState = {
      selected: 'example.com/A b&c=d@v1.0.0+incompatible',
      layout: 'force',
      search: 'golang.org/x/#text',
      hide: { direct: false, indirect: true, toolchain: true, notSelected: false, unloaded: true },
      replacedOnly: true,
      maxDepth: 3,
      focus: { id: 'rsc.io/quote@v1.5.2', mode: 'dependents' },
      collapsed: ['a@v1.0.0', 'b@v2.0.0'],
    };
    const h = encodeViewState(s);
    expect(h.startsWith('#')).toBe(true);
    expect(decodeViewState(h)).toEqual(s);
  });
  it('encodes the default state as nothing and keeps foreign parameters', () => {
    expect(encodeViewState(defaultViewState)).toBe('');
    const h = encodeViewState({ ...defaultViewState, selected: 'm' }, '#tab=graph&g.sel=old');
    expect(new URLSearchParams(h.slice(1)).get('tab')).toBe('graph');
    expect(decodeViewState(h).selected).toBe('m');
  });
  it('ignores bad values', () => {
    const s = decodeViewState('#g.layout=spiral&g.depth=-1&g.hide=bogus,indirect&g.fmode=x&g.focus=m');
    expect(s.layout).toBe('layered');
    expect(s.maxDepth).toBeNull();
    expect(s.hide.indirect).toBe(true);
    expect(s.focus).toEqual({ id: 'm', mode: 'deps' });
  });
});
