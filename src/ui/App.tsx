import { useState } from 'react';
import { formatGoMod } from './formatGoMod';

const sample = `module example.com/demo

go 1.23

require (
\texample.com/b v1.2.0 // indirect
\texample.com/a v1.0.0
)
`;

/** Placeholder shell: formats a pasted go.mod with the core's modfile printer (as `go mod edit -fmt`). */
export function App() {
  const [text, setText] = useState(sample);
  const result = formatGoMod(text);
  return (
    <main>
      <header>
        <h1>modscope</h1>
        <p>Go modules — manifest (go.mod), receipt (go.sum), storage (module cache) — resolved as Go 1.23 does.</p>
      </header>
      <section className="panes">
        <label>
          go.mod
          <textarea aria-label="go.mod" value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} />
        </label>
        <div>
          <div className="label">go mod edit -fmt</div>
          {result.ok ? (
            <pre data-testid="formatted">{result.text}</pre>
          ) : (
            <pre data-testid="error" className="error">{result.error}</pre>
          )}
        </div>
      </section>
    </main>
  );
}
