import { useMemo, useRef } from 'react';
import { checkGoMod } from './goModCheck';

/** A file's text; go.mod files are checked as go parses them, errors at go's line:col. */
export function Editor({ name, text, onChange }: { name: string; text: string; onChange: (t: string) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const isGoMod = name === 'go.mod' || name.endsWith('/go.mod');
  const diags = useMemo(() => (isGoMod ? checkGoMod(text) : []), [isGoMod, text]);
  const lines = text.split('\n').length;
  const bad = new Set(diags.map((d) => d.line));
  const jump = (line: number, col = 1) => {
    const t = ref.current;
    if (!t) return;
    const rows = text.split('\n');
    let off = 0;
    for (let i = 0; i < line - 1 && i < rows.length; i++) off += rows[i]!.length + 1;
    off += Math.max(0, col - 1);
    t.focus();
    t.setSelectionRange(off, off);
  };
  return (
    <section className="editor" aria-label={`editor: ${name}`}>
      <div className="editor-head">
        <span>{name}</span>
        {isGoMod && diags.length === 0 && <span className="ok" data-testid="gomod-ok">go.mod parses</span>}
      </div>
      <div className="editor-body">
        <pre className="gutter" aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <span key={i} className={bad.has(i + 1) ? 'bad' : undefined}>
              {i + 1}
              {'\n'}
            </span>
          ))}
        </pre>
        <textarea ref={ref} aria-label={`contents of ${name}`} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />
      </div>
      {diags.length > 0 && (
        <ul className="diags" role="alert" data-testid="gomod-errors">
          {diags.map((d, i) => (
            <li key={i}>
              <button type="button" className="link" onClick={() => jump(d.line, d.col)}>
                {d.text}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
