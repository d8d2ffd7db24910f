import type { Progress } from '../core/workspace';
import { formatBytes } from './format';

/** A running command's progress (counts, bytes) and its Cancel button. */
export function ProgressBar({ progress, onCancel }: { progress?: Progress; onCancel: () => void }) {
  const total = progress?.total;
  return (
    <div className="progress" role="status" data-testid="progress">
      <progress max={total ?? undefined} value={total ? progress?.done : undefined} aria-label="command progress" />
      <span>
        {progress ? `${progress.phase} ${progress.done}${total !== undefined ? `/${total}` : ''}` : 'starting'}
        {progress?.bytes ? ` · ${formatBytes(progress.bytes)}` : ''}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
