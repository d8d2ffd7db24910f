import { useEffect, useRef, useState } from 'react';
import { inGoOrder } from '../core/workspace';
import { allCommands } from '../worker/commandNames';

export interface TermEntry {
  id: number;
  line: string;
  stdout: string;
  stderr: string;
  /** go's stream order (CommandResult.stdoutAfter). */
  stdoutAfter?: number;
  exitCode?: number;
  note?: string;
}

const flagHints: Record<string, string[]> = {
  'go mod download': ['-json', '-x'],
  'go mod edit': ['-fmt', '-json', '-print', '-require=', '-droprequire=', '-replace=', '-dropreplace=', '-exclude=', '-go=', '-module='],
  'go mod graph': ['-go='],
  'go mod tidy': ['-e', '-v', '-go=', '-compat='],
  'go list': ['-m', '-json', '-versions', '-u', 'all'],
  'go clean': ['-modcache', '-n', '-x'],
  'go env': ['-w', '-u', '-json', 'GOPROXY', 'GOFLAGS', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB'],
};

/** Tab completion: the longest common continuation of the matching commands or flags. */
export function complete(line: string): { line: string; options: string[] } {
  const cands = allCommands.filter((c) => c.startsWith(line) && c !== line);
  let options = cands;
  if (cands.length === 0) {
    const cmd = Object.keys(flagHints).find((c) => line.startsWith(c + ' '));
    if (!cmd) return { line, options: [] };
    const words = line.split(' ');
    const last = words[words.length - 1]!;
    options = flagHints[cmd]!.filter((f) => f.startsWith(last)).map((f) => [...words.slice(0, -1), f].join(' '));
  }
  if (options.length === 0) return { line, options };
  let p = options[0]!;
  for (const o of options) while (!o.startsWith(p)) p = p.slice(0, -1);
  return { line: options.length === 1 ? p + (p.endsWith('=') ? '' : ' ') : p, options };
}

/** The go command terminal: output of each command line, history (↑/↓) and completion (Tab). */
export function Terminal(props: { entries: TermEntry[]; busy: boolean; onRun: (line: string) => void; onClear: () => void }) {
  const [line, setLine] = useState('');
  const [hist, setHist] = useState<string[]>([]);
  const [pos, setPos] = useState(-1);
  const [hint, setHint] = useState<string[]>([]);
  const out = useRef<HTMLDivElement>(null);
  useEffect(() => {
    out.current?.scrollTo({ top: out.current.scrollHeight });
  }, [props.entries]);
  return (
    <section className="terminal" aria-label="terminal">
      <div className="term-out" ref={out} aria-live="polite">
        {props.entries.map((e) => (
          <div key={e.id} className="term-entry" data-testid="term-entry" data-exit={e.exitCode ?? ''}>
            <div className="term-line">$ {e.line}</div>
            {inGoOrder(e).map((part, i) => (
              <pre key={i} className={part.stream}>
                {part.text}
              </pre>
            ))}
            {e.note && <div className="note">{e.note}</div>}
            {e.exitCode !== undefined && e.exitCode !== 0 && <div className="muted">exit status {e.exitCode}</div>}
          </div>
        ))}
      </div>
      {hint.length > 1 && <div className="muted hint">{hint.join('   ')}</div>}
      <form
        className="term-in"
        onSubmit={(e) => {
          e.preventDefault();
          const l = line.trim();
          if (!l || props.busy) return;
          setHist((h) => [...h.filter((x) => x !== l), l]);
          setPos(-1);
          setLine('');
          setHint([]);
          props.onRun(l);
        }}
      >
        <span aria-hidden="true">$</span>
        <input
          aria-label="go command"
          placeholder="go mod tidy   (Tab completes, ↑ history)"
          value={line}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Tab' && line.trim() !== '') {
              e.preventDefault();
              const c = complete(line);
              setLine(c.line);
              setHint(c.options);
            } else if (e.key === 'ArrowUp' && hist.length > 0) {
              e.preventDefault();
              const p = pos < 0 ? hist.length - 1 : Math.max(0, pos - 1);
              setPos(p);
              setLine(hist[p]!);
            } else if (e.key === 'ArrowDown' && pos >= 0) {
              e.preventDefault();
              const p = pos + 1;
              if (p >= hist.length) {
                setPos(-1);
                setLine('');
              } else {
                setPos(p);
                setLine(hist[p]!);
              }
            }
          }}
        />
        <button type="submit" disabled={props.busy}>
          Run
        </button>
        <button type="button" onClick={props.onClear}>
          Clear
        </button>
      </form>
    </section>
  );
}
