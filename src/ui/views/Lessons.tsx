// The Learn tab: the article's scenarios run step by step on a bundled synthetic universe, with
// modscope's output for every command next to what the real Go 1.23 printed for the same command
// on the same files (recorded by scripts/confirm-lessons.mjs in lessons/confirmed.json), and the
// three pieces — go.mod, go.sum, module cache — lighting up as each command touches them.
// Lessons use their own in-memory module cache; the workspace and its cache are left alone.
import { useCallback, useRef, useState } from 'react';
import type { Touched } from '../../core/workspace';
import type { WorkerClient } from '../../worker/client';
import { LESSON_PROXY_DIR } from '../../worker/protocol';
import { parseUniverse } from '../../worker/universe';
import { utf8 } from '../format';
import { ThreePieces } from '../ThreePieces';
import confirmedJson from '../lessons/confirmed.json';
import { confirmKey, dockerLayers, dockerPlan, lessons, parseLine, sortDownloadRuns, type Lesson, type Step } from '../lessons/lessons';
import { sideBySide } from './diffs';

interface Recorded {
  line?: string;
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  gomod?: string | null;
  gosum?: string | null;
  files?: string[];
  changed?: string;
}
const confirmed = confirmedJson as unknown as { go: string; recorded: Record<string, Recorded> };

/** The environment of lesson commands besides a step's own assignments (as confirm-lessons.mjs). */
export const lessonEnv: Record<string, string> = {
  GOPROXY: `file://${LESSON_PROXY_DIR}`,
  GOSUMDB: 'off',
  GOFLAGS: '',
  GONOPROXY: '',
  GONOSUMDB: '',
  GOPRIVATE: '',
  HOME: '/home/gopher',
  GOPATH: '/home/gopher/go',
  GOMODCACHE: '/gomodcache',
  GOTOOLCHAIN: 'local',
  GOENV: 'off',
};

interface CmdOut {
  key: string;
  line: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  touched?: Touched;
  gomodBefore: string;
  gomodAfter: string;
  gosumBefore: string;
  gosumAfter: string;
}

interface StepResult {
  cmds: CmdOut[];
  docker?: { label: string; rerun: boolean }[];
  zipFiles?: string[];
  note?: string;
}

type Files = Record<string, Uint8Array>;
const txt = (f: Files, n: string) => (f[n] ? utf8.decode(f[n]) : '');

/** Does modscope's output equal go's recorded one? (compiling steps: the exit status only;
 * parallel "go: downloading" lines in any order) */
function matches(c: CmdOut, rec: Recorded | undefined, compiles: boolean): boolean {
  if (!rec) return false;
  if (compiles) return rec.exitCode === c.exitCode;
  return rec.stdout === c.stdout && sortDownloadRuns(rec.stderr ?? '') === sortDownloadRuns(c.stderr) && rec.exitCode === c.exitCode;
}

function GoText({ rec }: { rec: Recorded }) {
  return (
    <div className="go-recorded" data-testid="go-recorded">
      <div className="muted">Go 1.23 printed (exit status {rec.exitCode}):</div>
      {rec.stdout ? <pre className="stdout" data-testid="go-stdout">{rec.stdout}</pre> : null}
      {rec.stderr ? <pre className="stderr" data-testid="go-stderr">{rec.stderr}</pre> : null}
      {!rec.stdout && !rec.stderr && <div className="muted">(nothing)</div>}
    </div>
  );
}

function FileChange({ name, before, after }: { name: string; before: string; after: string }) {
  if (before === after) return null;
  const rows = sideBySide(before, after).filter((r) => r.kind !== 'same');
  return (
    <div className="lesson-filechange" data-testid={`changed-${name}`}>
      <strong>{name} changed:</strong>
      <pre>
        {rows.map((r, i) => (
          <span key={i} className={r.kind === 'add' ? 'add' : r.kind === 'del' ? 'del' : 'chg'}>
            {r.left !== undefined ? `- ${r.left}\n` : ''}
            {r.right !== undefined ? `+ ${r.right}\n` : ''}
          </span>
        ))}
      </pre>
    </div>
  );
}

function CmdView({ c, compiles }: { c: CmdOut; compiles: boolean }) {
  const rec = confirmed.recorded[c.key];
  const ok = matches(c, rec, compiles);
  return (
    <div className="lesson-cmd" data-testid="lesson-cmd" data-key={c.key} data-match={ok ? 'yes' : 'no'} data-exit={c.exitCode}>
      <div className="term-line">$ {c.line}</div>
      <div className="cols">
        <div>
          <div className="muted">modscope in this page (exit status {c.exitCode}):</div>
          {c.stdout && <pre className="stdout" data-testid="ms-stdout">{c.stdout}</pre>}
          {c.stderr && <pre className="stderr" data-testid="ms-stderr">{c.stderr}</pre>}
          {!c.stdout && !c.stderr && <div className="muted">(nothing)</div>}
        </div>
        {rec && <GoText rec={rec} />}
      </div>
      <div className={ok ? 'ok' : 'bad'}>
        {ok ? (compiles ? 'Same exit status as Go 1.23 (real go also compiled and ran the program; modscope stops after the module checks).' : 'Same output as Go 1.23.') : 'Differs from Go 1.23.'}
      </div>
      <FileChange name="go.mod" before={c.gomodBefore} after={c.gomodAfter} />
      <FileChange name="go.sum" before={c.gosumBefore} after={c.gosumAfter} />
    </div>
  );
}

function StepText({ step }: { step: Step }) {
  const s = step as Step & { article?: string; actual?: string };
  return (
    <>
      <p>{step.say}</p>
      {s.article && (
        <p className="article-claim" data-testid="article-claim">
          <strong>The article:</strong> {s.article}
        </p>
      )}
      {s.actual && (
        <p className="go-actual" data-testid="go-actual">
          <strong>Go 1.23:</strong> {s.actual}
        </p>
      )}
    </>
  );
}

function stepTitle(step: Step): string {
  switch (step.kind) {
    case 'run':
      return step.line;
    case 'write':
      return `edit ${step.file}`;
    case 'remove':
      return `rm ${step.file}`;
    case 'tamper':
      return `damage ${step.module}@${step.version} in the module cache`;
    case 'docker':
      return 'docker build .';
    case 'zipfiles':
      return `unzip -l ${step.module}@${step.version}.zip`;
  }
}

export function Lessons({ client }: { client: WorkerClient }) {
  const [lesson, setLesson] = useState<Lesson>();
  const [files, setFiles] = useState<Files>({});
  const [results, setResults] = useState<StepResult[]>([]);
  const [touched, setTouched] = useState<{ touched: Touched; command: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const state = useRef<{ files: Files; dockerKeys?: string[] }>({ files: {} });

  const start = useCallback(
    async (l: Lesson) => {
      setBusy(true);
      setError(undefined);
      try {
        const r = await fetch(`/demo/lessons/${l.universe}.txtar`);
        if (!r.ok) throw new Error(`lesson universe: ${r.status}`);
        const u = parseUniverse(new Uint8Array(await r.arrayBuffer()));
        await client.setMount(LESSON_PROXY_DIR, u.proxyDir ? Object.fromEntries(u.proxyDir) : {});
        await client.lessonReset();
        state.current = { files: { ...u.repo } };
        setFiles(state.current.files);
        setResults([]);
        setTouched(undefined);
        setLesson(l);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [client],
  );

  const runCmd = async (key: string, line: string, f: Files): Promise<{ out: CmdOut; files: Files }> => {
    const { env, argv } = parseLine(line);
    const reply = await client.lessonRun(argv, f, { ...lessonEnv, ...env });
    const r = reply.result;
    setTouched({ touched: r.touched, command: line });
    return {
      out: {
        key,
        line,
        stdout: r.stdout,
        stderr: r.stderr,
        exitCode: r.exitCode,
        touched: r.touched,
        gomodBefore: txt(f, 'go.mod'),
        gomodAfter: txt(reply.files, 'go.mod'),
        gosumBefore: txt(f, 'go.sum'),
        gosumAfter: txt(reply.files, 'go.sum'),
      },
      files: reply.files,
    };
  };

  const step = async () => {
    if (!lesson) return;
    const i = results.length;
    const s = lesson.steps[i];
    if (!s) return;
    setBusy(true);
    setError(undefined);
    const res: StepResult = { cmds: [] };
    let f = state.current.files;
    try {
      if (s.kind === 'run') {
        const r = await runCmd(confirmKey(lesson.id, i), s.line, f);
        res.cmds.push(r.out);
        f = r.files;
      } else if (s.kind === 'write') {
        f = { ...f, [s.file]: new TextEncoder().encode(s.text) };
      } else if (s.kind === 'remove') {
        f = { ...f };
        delete f[s.file];
      } else if (s.kind === 'tamper') {
        const t = await client.lessonTamper(s.module, s.version);
        res.note = `changed ${t.changed} inside the cached zip; .ziphash now says ${t.ziphash}`;
        setTouched({ touched: { gomod: 'none', gosum: 'none', cache: 'written' }, command: stepTitle(s) });
      } else if (s.kind === 'zipfiles') {
        const d = await client.moduleDetails(s.module, s.version, true);
        res.zipFiles = d.files?.map((n) => `${s.module}@${s.version}/${n}`);
        if (d.note) res.note = d.note;
        setTouched({ touched: { gomod: 'none', gosum: 'none', cache: 'read' }, command: stepTitle(s) });
      } else if (s.kind === 'docker') {
        const texts = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, utf8.decode(v)]));
        const plan = dockerPlan(texts, state.current.dockerKeys);
        state.current.dockerKeys = plan.keys;
        res.docker = dockerLayers.map((l, li) => ({ label: l.label, rerun: plan.rerun[li]! }));
        for (const [li, l] of dockerLayers.entries()) {
          if (!plan.rerun[li]) continue;
          const names = l.copy === 'all' ? Object.keys(f) : l.copy;
          const ctxFiles: Files = {};
          for (const n of names) if (f[n]) ctxFiles[n] = f[n]!;
          res.cmds.push((await runCmd(confirmKey(lesson.id, i, li), l.run, ctxFiles)).out);
        }
      }
      state.current.files = f;
      setFiles(f);
      setResults((rs) => [...rs, res]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const done = lesson ? results.length >= lesson.steps.length : false;
  return (
    <section className="lessons" aria-label="lessons">
      <nav className="lesson-list" aria-label="lesson list">
        {lessons.map((l) => (
          <button key={l.id} type="button" aria-pressed={lesson?.id === l.id} data-lesson={l.id} disabled={busy} onClick={() => void start(l)}>
            {l.title}
          </button>
        ))}
      </nav>
      {error && (
        <div className="bad" role="alert">
          {error}
        </div>
      )}
      {!lesson && <p className="muted">Pick a scenario. Each runs real go commands in this page on a small synthetic module universe; next to each result is what Go 1.23 printed for the same command ({confirmed.go}).</p>}
      {lesson && (
        <div className="lesson" data-testid="lesson" data-id={lesson.id} data-done={done ? 'yes' : 'no'} data-steps={results.length}>
          <h3>{lesson.title}</h3>
          <p>{lesson.intro}</p>
          <ThreePieces touched={touched?.touched} command={touched?.command} />
          <p className="muted">Repository files: {Object.keys(files).sort().join(', ') || '(none)'}</p>
          <ol className="lesson-steps">
            {lesson.steps.map((s, i) => {
              const r = results[i];
              const rec = s.kind === 'zipfiles' || s.kind === 'tamper' ? confirmed.recorded[confirmKey(lesson.id, i)] : undefined;
              return (
                <li key={i} className={r ? 'done' : i === results.length ? 'next' : 'todo'} data-testid="lesson-step" data-kind={s.kind} data-state={r ? 'done' : 'todo'}>
                  <code className="step-title">{stepTitle(s)}</code>
                  <StepText step={s} />
                  {r && (
                    <div className="step-result">
                      {r.note && <div className="muted" data-testid="step-note">{r.note}</div>}
                      {r.docker && (
                        <table className="docker" data-testid="docker-layers">
                          <tbody>
                            {r.docker.map((d, li) => (
                              <tr key={li} data-rerun={d.rerun ? 'yes' : 'no'}>
                                <td>{d.rerun ? 'RUN' : 'CACHED'}</td>
                                <td>{d.label}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      )}
                      {r.zipFiles && (
                        <div className="cols">
                          <div>
                            <div className="muted">modscope’s cache holds:</div>
                            <pre data-testid="ms-zipfiles">{r.zipFiles.join('\n')}</pre>
                          </div>
                          {rec?.files && (
                            <div>
                              <div className="muted">Go 1.23’s module zip holds:</div>
                              <pre data-testid="go-zipfiles">{rec.files.join('\n')}</pre>
                            </div>
                          )}
                        </div>
                      )}
                      {r.cmds.map((c) => (
                        <CmdView key={c.key} c={c} compiles={s.kind === 'docker' ? c.line.startsWith('go build') : s.kind === 'run' && !!s.compiles} />
                      ))}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <div className="lesson-actions">
            <button type="button" disabled={busy || done} onClick={() => void step()} data-testid="next-step">
              {done ? 'Done' : busy ? 'Running…' : `Run step ${results.length + 1} of ${lesson.steps.length}`}
            </button>
            <button type="button" disabled={busy} onClick={() => void start(lesson)}>
              Restart
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
