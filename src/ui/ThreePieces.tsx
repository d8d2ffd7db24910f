import type { Touched } from '../core/workspace';

const pieces: { key: keyof Touched; label: string; role: string }[] = [
  { key: 'gomod', label: 'go.mod', role: 'manifest' },
  { key: 'gosum', label: 'go.sum', role: 'receipt' },
  { key: 'cache', label: 'module cache', role: 'storage' },
];

/** Which of the three pieces the last command read and changed. */
export function ThreePieces({ touched, command }: { touched?: Touched; command?: string }) {
  return (
    <section className="three" aria-label="what the last command touched">
      {pieces.map((p) => {
        const state = touched?.[p.key] ?? 'none';
        return (
          <div key={p.key} className={`piece piece-${state}`} data-testid={`piece-${p.key}`} data-state={state}>
            <strong>{p.label}</strong>
            <span className="muted">{p.role}</span>
            <span className="state">{state === 'none' ? '—' : state}</span>
          </div>
        );
      })}
      <div className="muted last-cmd">{command ? `after: ${command}` : 'run a command to see what it touches'}</div>
    </section>
  );
}
