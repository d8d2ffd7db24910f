// Tidy and go get previews: the command runs on a copy of the workspace in the worker; this
// shows go's messages, each change with its reason, side-by-side / unified diffs of go.mod and
// go.sum, every go.sum line classified, and the CI check (`go mod tidy -diff`'s exit status).
// Apply writes the copy's files into the workspace; nothing changes before that.
import { useState } from 'react';
import type { PreviewReply } from '../../worker/protocol';
import { utf8 } from '../format';
import { DiffView } from './DiffView';
import { describeChange, describeGetChange, reasonFor, unifiedPatch } from './diffs';
import { GoSumView } from './GoSumView';
import { sumKey } from '../../core/views/sumReasons';

export interface PreviewState {
  kind: 'tidy' | 'get';
  args: string[];
  reply: PreviewReply;
  /** The workspace files the preview started from. */
  before: Record<string, Uint8Array>;
  applied?: boolean;
}

const text = (f: Record<string, Uint8Array>, n: string) => (f[n] ? utf8.decode(f[n]) : '');

/** The patch Copy patch copies: go's own -diff text for tidy, the same layout for go get. */
export function patchOf(p: PreviewState): string {
  if (p.kind === 'tidy' && p.reply.diff) return p.reply.diff.stdout;
  const parts = ['go.mod', 'go.sum'].map((n) => unifiedPatch(n, text(p.before, n), text(p.reply.files, n))).filter((s) => s !== '');
  return parts.map((s) => s + '\n').join('');
}

/** go's -diff output split per file ("diff current/go.mod tidy/go.mod" sections). */
function goDiffSection(all: string, name: string): string {
  const i = all.indexOf(`diff current/${name} `);
  if (i < 0) return '';
  const j = all.indexOf('\ndiff current/', i + 1);
  return all.slice(i, j < 0 ? all.length : j + 1);
}

export function Preview(props: {
  preview?: PreviewState;
  busy: boolean;
  hasWorkspace: boolean;
  onPreview: (kind: 'tidy' | 'get', args: string[]) => void;
  onApply: () => void;
  onDownload: () => void;
  onCopy: (patch: string) => void;
}) {
  const [getArgs, setGetArgs] = useState('example.com/text@latest');
  const p = props.preview;
  const r = p?.reply;
  const gomodB = p ? text(p.before, 'go.mod') : '';
  const gomodA = p && r ? text(r.files, 'go.mod') : '';
  const gosumB = p ? text(p.before, 'go.sum') : '';
  const gosumA = p && r ? text(r.files, 'go.sum') : '';
  const changed = gomodA !== gomodB || gosumA !== gosumB;
  const report = r?.report;
  return (
    <section className="preview" aria-label="tidy and go get preview">
      <div className="preview-controls">
        <button type="button" disabled={props.busy || !props.hasWorkspace} onClick={() => props.onPreview('tidy', [])}>
          Preview go mod tidy
        </button>
        <form
          className="get-form"
          onSubmit={(e) => {
            e.preventDefault();
            const a = getArgs.trim().split(/\s+/).filter((w) => w !== '');
            if (a.length > 0) props.onPreview('get', a);
          }}
        >
          <label>
            go get <input aria-label="go get arguments" value={getArgs} spellCheck={false} onChange={(e) => setGetArgs(e.target.value)} placeholder="module@version | @latest | @none" />
          </label>
          <button type="submit" disabled={props.busy || !props.hasWorkspace}>
            Preview go get
          </button>
        </form>
      </div>
      {!p && <p className="muted">Nothing is written until Apply: the command runs on a copy of the workspace.</p>}
      {p && r && (
        <div className="preview-body" data-testid="preview" data-kind={p.kind} data-applied={p.applied ? 'yes' : 'no'}>
          <h3>
            {p.kind === 'tidy' ? 'go mod tidy' : `go get ${p.args.join(' ')}`} — {r.result.exitCode === 0 ? (changed ? 'would change the workspace' : 'changes nothing') : `fails (exit status ${r.result.exitCode})`}
            {p.applied && ' — applied'}
          </h3>
          {p.kind === 'tidy' && r.diff && (
            <div className={`ci ${r.diff.exitCode === 0 ? 'ci-pass' : 'ci-fail'}`} data-testid="ci-check" data-exit={r.diff.exitCode}>
              CI check: <code>go mod tidy -diff</code> exits {r.diff.exitCode} —{' '}
              {r.diff.exitCode === 0 ? 'the job passes: tidy would change nothing.' : r.diff.stdout !== '' ? 'the job fails: go.mod/go.sum are not tidy.' : 'the job fails: tidy itself fails.'} (Plain <code>go mod tidy</code> rewrites the files and exits 0.)
            </div>
          )}
          {(r.result.stderr || r.result.stdout) && (
            <pre className="go-output" data-testid="preview-output">
              {r.result.stdout}
              {r.result.stderr}
            </pre>
          )}
          {report && report.changes.length > 0 && (
            <ul className="changes" aria-label="changes and reasons">
              {report.changes.map((c, i) => (
                <li key={i} data-testid="change" data-kind={c.kind}>
                  <code>{describeChange(c)}</code> <span className="muted">— {c.reason}</span>
                </li>
              ))}
            </ul>
          )}
          {r.changes && r.changes.length > 0 && (
            <ul className="changes" aria-label="go get changes">
              {r.changes.map((c, i) => (
                <li key={i} data-testid="change" data-kind={c.kind}>
                  <code>{describeGetChange(c)}</code>
                </li>
              ))}
            </ul>
          )}
          <div className="preview-actions">
            <button type="button" disabled={!changed || p.applied || r.result.exitCode !== 0} onClick={props.onApply}>
              Apply to workspace
            </button>
            <button type="button" disabled={!changed} onClick={props.onDownload}>
              Download go.mod and go.sum
            </button>
            <button type="button" disabled={!changed} onClick={() => props.onCopy(patchOf(p))}>
              Copy patch
            </button>
          </div>
          <DiffView
            name="go.mod"
            before={gomodB}
            after={gomodA}
            unified={p.kind === 'tidy' && r.diff ? goDiffSection(r.diff.stdout, 'go.mod') : unifiedPatch('go.mod', gomodB, gomodA)}
            reason={(l, s) => reasonFor(report, 'go.mod', l, s)}
          />
          <DiffView
            name="go.sum"
            before={gosumB}
            after={gosumA}
            unified={p.kind === 'tidy' && r.diff ? goDiffSection(r.diff.stdout, 'go.sum') : unifiedPatch('go.sum', gosumB, gosumA)}
            reason={(l, s) => (s === 'right' ? r.sumReasons?.reasons[sumKey(l)] : undefined) ?? reasonFor(report, 'go.sum', l, s)}
          />
          {p.kind === 'tidy' && r.diff && (
            <details>
              <summary>go mod tidy -diff output (exact)</summary>
              <pre className="unified" data-testid="tidy-diff-text">{r.diff.stdout}</pre>
            </details>
          )}
          {report && <GoSumView report={report} why={r.sumReasons} />}
        </div>
      )}
    </section>
  );
}
