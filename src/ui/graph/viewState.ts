// The graph view's state (selection, filters, focus, collapse, layout, search) and its form in
// the URL hash: "g.*" parameters of a URLSearchParams-encoded hash, so other parts of the app
// can keep their own parameters in the same hash. Pure functions (no window access).
import type { GraphFilter } from './layout';

export type LayoutKind = 'layered' | 'force';

export interface ViewState {
  selected: string | null;
  layout: LayoutKind;
  search: string;
  /** Hidden categories. */
  hide: { direct: boolean; indirect: boolean; toolchain: boolean; notSelected: boolean; unloaded: boolean };
  replacedOnly: boolean;
  maxDepth: number | null;
  focus: { id: string; mode: 'deps' | 'dependents' } | null;
  collapsed: string[];
}

export const defaultViewState: ViewState = {
  selected: null,
  layout: 'layered',
  search: '',
  hide: { direct: false, indirect: false, toolchain: false, notSelected: false, unloaded: false },
  replacedOnly: false,
  maxDepth: null,
  focus: null,
  collapsed: [],
};

const HIDE_KEYS = ['direct', 'indirect', 'toolchain', 'notSelected', 'unloaded'] as const;

/** The layout filter for a view state. */
export function filterOf(s: ViewState): GraphFilter {
  return {
    direct: !s.hide.direct,
    indirect: !s.hide.indirect,
    toolchain: !s.hide.toolchain,
    notSelected: !s.hide.notSelected,
    unloaded: !s.hide.unloaded,
    replacedOnly: s.replacedOnly,
    maxDepth: s.maxDepth,
    focus: s.focus,
    collapsed: s.collapsed,
  };
}

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** Reads the view state from a location hash ("#g.sel=...&..."); unknown or bad values fall back to defaults. */
export function decodeViewState(hash: string): ViewState {
  const p = params(hash);
  const s: ViewState = { ...defaultViewState, hide: { ...defaultViewState.hide }, collapsed: [] };
  const sel = p.get('g.sel');
  if (sel) s.selected = sel;
  if (p.get('g.layout') === 'force') s.layout = 'force';
  s.search = p.get('g.q') ?? '';
  for (const h of (p.get('g.hide') ?? '').split(',')) {
    if ((HIDE_KEYS as readonly string[]).includes(h)) s.hide[h as (typeof HIDE_KEYS)[number]] = true;
  }
  s.replacedOnly = p.get('g.replaced') === '1';
  const d = p.get('g.depth');
  if (d !== null && /^[0-9]{1,4}$/.test(d)) s.maxDepth = Number(d);
  const f = p.get('g.focus');
  const fm = p.get('g.fmode');
  if (f) s.focus = { id: f, mode: fm === 'dependents' ? 'dependents' : 'deps' };
  s.collapsed = p.getAll('g.collapse').filter((x) => x !== '');
  return s;
}

/** Writes the view state into a hash, keeping parameters that are not the graph view's. */
export function encodeViewState(s: ViewState, currentHash = ''): string {
  const p = params(currentHash);
  for (const k of [...p.keys()]) if (k.startsWith('g.')) p.delete(k);
  if (s.selected) p.set('g.sel', s.selected);
  if (s.layout !== 'layered') p.set('g.layout', s.layout);
  if (s.search) p.set('g.q', s.search);
  const hide = HIDE_KEYS.filter((k) => s.hide[k]);
  if (hide.length > 0) p.set('g.hide', hide.join(','));
  if (s.replacedOnly) p.set('g.replaced', '1');
  if (s.maxDepth !== null) p.set('g.depth', String(s.maxDepth));
  if (s.focus) {
    p.set('g.focus', s.focus.id);
    p.set('g.fmode', s.focus.mode);
  }
  for (const c of s.collapsed) p.append('g.collapse', c);
  const out = p.toString();
  return out === '' ? '' : '#' + out;
}
