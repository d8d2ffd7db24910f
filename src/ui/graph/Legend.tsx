// The graph view's legend: what node fills, outlines and edge strokes mean.
import type { ReactNode } from 'react';
import { DIFF_STROKE, KIND_FILL, MARK } from './draw';

const swatch = (fill: string, stroke: string, dash = '', width = 1) => (
  <svg width="28" height="14" aria-hidden="true">
    <rect x="1" y="1" width="26" height="12" rx="2" fill={fill} stroke={stroke} strokeWidth={width} strokeDasharray={dash || undefined} />
  </svg>
);
const line = (stroke: string, dash = '', width = 1.5) => (
  <svg width="28" height="14" aria-hidden="true">
    <line x1="1" y1="7" x2="27" y2="7" stroke={stroke} strokeWidth={width} strokeDasharray={dash || undefined} />
  </svg>
);

export function Legend() {
  const items: Array<[ReactNode, string]> = [
    [swatch(KIND_FILL.main.fill, '#000'), 'main module'],
    [swatch(KIND_FILL.direct.fill, '#000'), 'direct dependency'],
    [swatch(KIND_FILL.indirect.fill, '#000'), 'indirect dependency'],
    [swatch(KIND_FILL.toolchain.fill, '#000'), 'go / toolchain'],
    [swatch('#ffffff', KIND_FILL.direct.fill, '', 1.5), 'version not selected by MVS'],
    [swatch('#f9fafb', '#9ca3af', '4 3'), 'not in go mod graph (pruned / excluded)'],
    [swatch('#ffffff', MARK.replaced, '', 3), 'replaced'],
    [swatch('#ffffff', MARK.retracted, '', 3), 'retracted'],
    [swatch('#ffffff', MARK.excluded, '2 2', 3), 'excluded'],
    [line('#94a3b8'), 'requires the selected version'],
    [line('#94a3b8', '5 3'), 'requires an older version (MVS chose higher)'],
    [line('#c4c9d2', '1 3'), 'requirement not loaded (graph pruning)'],
    [line(MARK.excluded, '2 3'), 'requirement dropped by exclude'],
    [line(MARK.path, '', 3), 'path from the main module'],
    [swatch('#ffffff', DIFF_STROKE.added.stroke, DIFF_STROKE.added.dash, 3), 'added by the preview (after)'],
    [swatch('#ffffff', DIFF_STROKE.removed.stroke, DIFF_STROKE.removed.dash, 3), 'removed by the preview (current)'],
  ];
  return (
    <ul className="graph-legend" aria-label="Legend">
      {items.map(([sw, text]) => (
        <li key={text}>
          {sw}
          <span>{text}</span>
        </li>
      ))}
      <li>
        <span style={{ textDecoration: 'line-through' }}>module</span>
        <span>deprecated</span>
      </li>
    </ul>
  );
}
