// The graph view's toolbar: search, filters, focus / collapse, layout switch, exports.
import type { ViewState } from './viewState';

export type ExportKind = 'svg' | 'png' | 'dot' | 'json';

export interface ToolbarProps {
  state: ViewState;
  onChange: (s: ViewState) => void;
  matches: number;
  onSearchNext: () => void;
  onFit: () => void;
  onExport: (k: ExportKind) => void;
  shown: { nodes: number; edges: number };
  total: { nodes: number; edges: number };
  renderer: 'svg' | 'canvas';
}

export function Toolbar({ state, onChange, matches, onSearchNext, onFit, onExport, shown, total, renderer }: ToolbarProps) {
  const set = (patch: Partial<ViewState>) => onChange({ ...state, ...patch });
  const hide = (k: keyof ViewState['hide'], show: boolean) => set({ hide: { ...state.hide, [k]: !show } });
  const sel = state.selected;
  const collapsed = sel !== null && state.collapsed.includes(sel);
  const check = (k: keyof ViewState['hide'], text: string) => (
    <label>
      <input type="checkbox" checked={!state.hide[k]} onChange={(e) => hide(k, e.target.checked)} data-filter={k} /> {text}
    </label>
  );
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
      <span className="group">
        <input
          type="search"
          aria-label="Search modules"
          placeholder="search path@version"
          value={state.search}
          onChange={(e) => set({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onSearchNext();
          }}
        />
        <span className="count" data-testid="match-count">
          {state.search ? `${matches} match${matches === 1 ? '' : 'es'}` : ''}
        </span>
      </span>
      <span className="group">
        {check('direct', 'direct')}
        {check('indirect', 'indirect')}
        {check('notSelected', 'not selected')}
        {check('unloaded', 'not loaded')}
        {check('toolchain', 'go/toolchain')}
        <label>
          <input type="checkbox" checked={state.replacedOnly} onChange={(e) => set({ replacedOnly: e.target.checked })} data-filter="replacedOnly" /> replaced only
        </label>
        <label>
          depth{' '}
          <select
            aria-label="Maximum depth"
            value={state.maxDepth === null ? '' : String(state.maxDepth)}
            onChange={(e) => set({ maxDepth: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">all</option>
            {[1, 2, 3, 4, 5, 8].map((d) => (
              <option key={d} value={d}>
                ≤ {d}
              </option>
            ))}
          </select>
        </label>
      </span>
      <span className="group">
        <button type="button" disabled={!sel} onClick={() => sel && set({ focus: { id: sel, mode: 'deps' } })}>
          dependencies of selected
        </button>
        <button type="button" disabled={!sel} onClick={() => sel && set({ focus: { id: sel, mode: 'dependents' } })}>
          dependents of selected
        </button>
        <button type="button" disabled={!state.focus} onClick={() => set({ focus: null })}>
          show all
        </button>
        <button
          type="button"
          disabled={!sel}
          onClick={() => sel && set({ collapsed: collapsed ? state.collapsed.filter((c) => c !== sel) : [...state.collapsed, sel] })}
        >
          {collapsed ? 'expand' : 'collapse'}
        </button>
      </span>
      <span className="group">
        <label>
          layout{' '}
          <select aria-label="Layout" value={state.layout} onChange={(e) => set({ layout: e.target.value === 'force' ? 'force' : 'layered' })}>
            <option value="layered">layered</option>
            <option value="force">force</option>
          </select>
        </label>
        <button type="button" onClick={onFit}>
          fit
        </button>
      </span>
      <span className="group">
        export
        {(['svg', 'png', 'dot', 'json'] as const).map((k) => (
          <button type="button" key={k} onClick={() => onExport(k)} data-export={k}>
            {k.toUpperCase()}
          </button>
        ))}
      </span>
      <span className="count" data-testid="shown-count">
        {shown.nodes}/{total.nodes} modules, {shown.edges}/{total.edges} edges ({renderer})
      </span>
    </div>
  );
}
