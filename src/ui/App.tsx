import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Progress, Touched } from '../core/workspace';
import { clearJournal, exportTxtar, exportZip, newWorkspaceId, recoverJournal, WorkspaceStore, writeJournal, type StoredWorkspace, type WorkspaceSummary } from '../io/workspaceStore';
import { WorkerClient } from '../worker/client';
import { UNIVERSE_PROXY_DIR, UPLOADED_CACHE_DIR, type CacheEntry, type CacheVerifyResult } from '../worker/protocol';
import { splitWords } from '../worker/shellwords';
import { CacheView } from './CacheView';
import { Editor } from './Editor';
import { FileTree } from './FileTree';
import { download, enc, utf8 } from './format';
import { Loaders } from './Loaders';
import { droppedFiles, loadUniverse, type Loaded } from './loadFiles';
import { ProgressBar } from './ProgressBar';
import { defaultSettings, Settings, type CacheFolderState } from './Settings';
import { droppedDirectoryHandles, hasDirectoryPicker, pickDirectory, readPermission, requestReadPermission } from '../io/folderMount';
import { decodeShare, encodeShare, withoutShare } from './share';
import { Terminal, type TermEntry } from './Terminal';
import { ThreePieces } from './ThreePieces';
import { WorkspaceBar } from './WorkspaceBar';
import { GraphPanel } from './views/GraphPanel';
import { Lessons } from './views/Lessons';
import { patchOf, Preview, type PreviewState } from './views/Preview';
import './views/views.css';

/** The environment every command sees besides the settings (fixed in the page). */
const fixedEnv = { HOME: '/home/gopher', GOPATH: '/home/gopher/go', GOMODCACHE: '/gomodcache', GOTOOLCHAIN: 'local', GOENV: 'off' };

type Tab = 'terminal' | 'cache' | 'settings';
/** What the center area shows: the file editor, or one of the wide views. */
type View = 'files' | 'graph' | 'preview' | 'learn';
const viewNames: Record<View, string> = { files: 'Files', graph: 'Graph', preview: 'Tidy / get preview', learn: 'Learn' };

export function App({ client, store }: { client: WorkerClient; store: WorkspaceStore }) {
  const [list, setList] = useState<WorkspaceSummary[]>([]);
  const [ws, setWs] = useState<StoredWorkspace>();
  const [selected, setSelected] = useState<string>();
  const [settings, setSettings] = useState<Record<string, string>>(defaultSettings);
  const [entries, setEntries] = useState<TermEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [touched, setTouched] = useState<{ touched: Touched; command: string }>();
  const [tab, setTab] = useState<Tab>('terminal');
  const [cache, setCache] = useState<CacheEntry[]>();
  const [verify, setVerify] = useState<CacheVerifyResult[]>();
  const [notice, setNotice] = useState<string>();
  const [shareURL, setShareURL] = useState<string>();
  const [cacheFolder, setCacheFolder] = useState<CacheFolderState>();
  /** the kept folder handle waiting for a reconnect (read permission asked in a click) */
  const reconnectHandle = useRef<FileSystemDirectoryHandle>(undefined);
  const [ready, setReady] = useState(false);
  const [view, setView] = useState<View>(() => (/(^#|&)g\./.test(location.hash) ? 'graph' : 'files'));
  const [preview, setPreview] = useState<PreviewState>();
  const nextId = useRef(1);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** The workspace as last written to IndexedDB (the unload journal records what differs). */
  const savedRef = useRef<StoredWorkspace>(undefined);
  /** An edit not yet written to IndexedDB. */
  const dirty = useRef(false);

  const say = useCallback((e: Omit<TermEntry, 'id'>) => setEntries((es) => [...es, { ...e, id: nextId.current++ }]), []);

  const refreshList = useCallback(async () => setList(await store.list()), [store]);

  const open = useCallback(
    async (w: StoredWorkspace) => {
      savedRef.current = w;
      dirty.current = false;
      setWs(w);
      setShareURL(undefined);
      setPreview(undefined);
      const names = Object.keys(w.files).sort();
      setSelected(names.includes('go.mod') ? 'go.mod' : names[0]);
      await client.setMount(UNIVERSE_PROXY_DIR, w.proxy ?? null);
      await store.setCurrent(w.id);
    },
    [client, store],
  );

  const addLoaded = useCallback(
    async (l: Loaded) => {
      const w: StoredWorkspace = { id: newWorkspaceId(), name: l.name, files: l.files, proxy: l.proxy, updated: Date.now() };
      await store.save(w);
      await open(w);
      await refreshList();
      let note = `loaded ${Object.keys(l.files).length} files into workspace "${l.name}"`;
      if (l.note) note += ` (${l.note})`;
      if (l.proxy) {
        const s = { ...settings, GOPROXY: `file://${UNIVERSE_PROXY_DIR}` };
        setSettings(s);
        await store.setSettings(s);
        note += `; GOPROXY=file://${UNIVERSE_PROXY_DIR} serves its modules`;
      }
      setNotice(note);
    },
    [open, refreshList, settings, store],
  );

  // Start-up: settings, a share link in the URL, or the last workspace.
  useEffect(() => {
    client.onRestart = (reason) => {
      setBusy(false);
      setProgress(undefined);
      setNotice(`The worker stopped (${reason}) and was restarted.`);
    };
    void (async () => {
      const s = await store.getSettings();
      if (s) setSettings({ ...defaultSettings, ...s });
      const shared = decodeShare(location.hash);
      if (shared !== undefined) {
        const l = loadUniverse('shared', shared);
        const w: StoredWorkspace = { id: newWorkspaceId(), name: 'shared', files: l.files, proxy: l.proxy, updated: Date.now() };
        await store.save(w);
        history.replaceState(null, '', location.pathname + withoutShare(location.hash));
        await open(w);
        setNotice(`opened a shared workspace (${Object.keys(l.files).length} files)`);
      } else {
        // an edit journaled by a tab closed before its save finished
        await recoverJournal(store);
        const cur = await store.getCurrent();
        const w = cur ? await store.get(cur) : undefined;
        if (w) await open(w);
      }
      await refreshList();
      // "use my module cache folder", kept as a directory handle: mounted again if the browser
      // still lets the page read it, else the Settings tab offers to reconnect it.
      const cf = await store.getCacheFolder().catch(() => undefined);
      if (cf) {
        if ((await readPermission(cf.handle).catch(() => 'denied')) === 'granted') {
          await client.setLazyMount(UPLOADED_CACHE_DIR, { handle: cf.handle });
          setCacheFolder({ kind: 'handle', name: cf.name });
        } else {
          reconnectHandle.current = cf.handle;
          setCacheFolder({ kind: 'handle', name: cf.name, needsReconnect: true });
          setNotice(`Your module cache folder “${cf.name}” needs permission again: Settings (go env) → Reconnect folder.`);
        }
      }
      setReady(true);
    })();
  }, [client, open, refreshList, store]);

  /** Mounts a folder handle (picked, dropped or reconnected) and keeps it for the next visit. */
  const mountHandle = async (handle: FileSystemDirectoryHandle) => {
    reconnectHandle.current = undefined;
    await client.setLazyMount(UPLOADED_CACHE_DIR, { handle });
    await store.setCacheFolder({ handle, name: handle.name });
    setCacheFolder({ kind: 'handle', name: handle.name });
  };
  /** Mounts a folder input's (or a walked drop's) files: File objects only, nothing read now. */
  const mountFiles = async (list: Iterable<File>) => {
    const files: Record<string, Blob> = {};
    let name = '';
    for (const f of list) {
      const parts = ((f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name).split('/');
      name ||= parts[0] ?? '';
      const rel = parts.slice(1).join('/');
      if (rel !== '') files[rel] = f;
    }
    reconnectHandle.current = undefined;
    await client.setLazyMount(UPLOADED_CACHE_DIR, { files });
    await store.setCacheFolder(undefined);
    setCacheFolder({ kind: 'files', name, files: Object.keys(files).length });
  };
  const guardFolder = (p: Promise<unknown>) => void p.catch((e) => setNotice(`module cache folder: ${(e as Error)?.message ?? String(e)}`));

  const cacheFolderRef = useRef<CacheFolderState>(undefined);
  cacheFolderRef.current = cacheFolder;
  const wsRef = useRef<StoredWorkspace>(undefined);
  wsRef.current = ws;
  const updateWs = (w: StoredWorkspace) => {
    wsRef.current = w;
    dirty.current = true;
    setWs(w);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const cur = wsRef.current;
      if (cur && cur.id === w.id) void saveNow();
    }, 300);
  };
  /**
   * Saves the open workspace now (pending edits included). A failed save (quota exhausted)
   * leaves the files in the page as they are and says so; it is retried before the next command.
   */
  const saveNow = async (): Promise<boolean> => {
    clearTimeout(saveTimer.current);
    const cur = wsRef.current;
    // already saved as it is (a command that changed nothing, or none since the last save)
    if (!cur || savedRef.current === cur) return true;
    try {
      await store.save(cur);
      savedRef.current = cur;
      if (wsRef.current === cur) {
        dirty.current = false;
        clearJournal(cur.id);
      }
      void refreshList();
      return true;
    } catch (e) {
      const err = e as Error;
      const why = err?.name === 'QuotaExceededError' || /quota/i.test(String(err?.message)) ? 'the browser storage quota is exhausted' : String(err?.message ?? e);
      setNotice(`The workspace "${cur.name}" could not be saved (${why}); its files are kept in this tab — export them (txtar or zip) before reloading.`);
      return false;
    }
  };
  // Closing or hiding the tab within the save delay: the pending edit goes to a synchronous
  // localStorage journal (recovered at the next start) and its IndexedDB write is queued now.
  const saveNowRef = useRef(saveNow);
  saveNowRef.current = saveNow;
  useEffect(() => {
    const flush = () => {
      const cur = wsRef.current;
      if (!cur || !dirty.current) return;
      clearTimeout(saveTimer.current);
      writeJournal(cur, savedRef.current);
      void saveNowRef.current();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
  const updateFiles = (files: Record<string, Uint8Array>) => {
    const cur = wsRef.current;
    if (cur) updateWs({ ...cur, files });
  };

  const env = useMemo(() => ({ ...settings, ...fixedEnv }), [settings]);

  const refreshCache = useCallback(async () => {
    try {
      setCache(await client.cacheList());
    } catch (e) {
      setNotice((e as Error).message);
    }
  }, [client]);

  const run = async (line: string) => {
    const sw = splitWords(line);
    if ('error' in sw) return say({ line, stdout: '', stderr: `modscope: ${sw.error}\n`, exitCode: 2 });
    const words = sw.words;
    if (words[0] !== 'go') return say({ line, stdout: '', stderr: `modscope: only go commands run here (try "go help")\n`, exitCode: 127 });
    setBusy(true);
    setProgress(undefined);
    // The workspace is saved before the command runs: a crash or reload mid-command loses nothing.
    await saveNow();
    try {
      const reply = await client.run(words.slice(1), ws?.files ?? {}, env, (p) => setProgress(p));
      const r = reply.result;
      say({ line, stdout: r.stdout, stderr: r.stderr, stdoutAfter: r.stdoutAfter, exitCode: r.exitCode, note: reply.canceled ? 'canceled' : undefined });
      setTouched({ touched: r.touched, command: line });
      if (ws) {
        const changed = Object.keys(reply.files).length !== Object.keys(ws.files).length || Object.entries(reply.files).some(([k, v]) => utf8.decode(v) !== utf8.decode(ws.files[k] ?? new Uint8Array()));
        if (changed) updateFiles(reply.files);
      }
      if (r.envUpdates) {
        const s = { ...settings };
        for (const [k, v] of Object.entries(r.envUpdates)) s[k] = v ?? defaultSettings[k] ?? '';
        setSettings(s);
        await store.setSettings(s);
      }
      if (r.touched.cache !== 'none') void refreshCache();
    } catch (e) {
      say({ line, stdout: '', stderr: (e as Error).message + '\n', exitCode: 1 });
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  useEffect(() => {
    if (tab === 'cache') void refreshCache();
  }, [tab, refreshCache]);

  // Test and debugging hooks (plain functions; nothing evaluates strings).
  useEffect(() => {
    (window as unknown as { modscope: unknown }).modscope = { crashWorker: (m: string) => client.crash(m), stallWorker: (ms: number) => client.stall(ms), killWorker: () => client.kill(), restarts: () => client.restarts, uploadedCacheReads: () => client.lazyMountReads(UPLOADED_CACHE_DIR), cacheFolderMounted: () => !!cacheFolderRef.current && !cacheFolderRef.current.needsReconnect };
  }, [client]);

  const runPreview = async (kind: 'tidy' | 'get', args: string[]) => {
    if (!ws) return;
    setBusy(true);
    setProgress(undefined);
    await saveNow();
    const before = ws.files;
    try {
      const reply = await client.preview(kind, args, before, env, (p) => setProgress(p));
      setPreview({ kind, args, reply, before });
    } catch (e) {
      setNotice((e as Error).message);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  const fileNames = ws ? Object.keys(ws.files).sort() : [];
  const text = ws && selected && ws.files[selected] ? utf8.decode(ws.files[selected]) : '';

  return (
    <div className="app" data-ready={ready ? 'yes' : 'no'}>
      <header className="top">
        <h1>modscope</h1>
        <p className="muted">go.mod (manifest) · go.sum (receipt) · module cache (storage) — as Go 1.23 resolves them</p>
      </header>
      {notice && (
        <div className="notice" role="status" data-testid="notice">
          <span>{notice}</span>
          <button type="button" className="icon" aria-label="dismiss" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      )}
      <div className={view === 'files' ? 'layout' : 'layout wide'}>
        <aside className="left">
          <Loaders onLoad={(l) => void addLoaded(l)} onError={(m) => setNotice(m)} />
          <WorkspaceBar
            list={list}
            currentId={ws?.id}
            currentName={ws?.name}
            shareURL={shareURL}
            onSwitch={(id) => void store.get(id).then((w) => w && open(w))}
            onRename={(name) => ws && updateWs({ ...ws, name })}
            onDelete={() =>
              ws &&
              void store.delete(ws.id).then(async () => {
                clearTimeout(saveTimer.current);
                wsRef.current = undefined;
                setWs(undefined);
                const l = await store.list();
                setList(l);
                const next = l[0] && (await store.get(l[0].id));
                if (next) await open(next);
              })
            }
            onExportTxtar={() => ws && download(`${ws.name}.txtar`, exportTxtar(ws), 'text/plain')}
            onExportZip={() => ws && download(`${ws.name}.zip`, exportZip(ws), 'application/zip')}
            onShare={() => {
              if (!ws) return;
              const r = encodeShare(exportTxtar(ws), location.hash);
              if ('error' in r) setNotice(r.error);
              else setShareURL(location.origin + location.pathname + r.hash);
            }}
          />
          {ws && (
            <FileTree
              files={fileNames}
              selected={selected}
              onSelect={setSelected}
              onAdd={(n) => {
                updateFiles({ ...ws.files, [n]: ws.files[n] ?? new Uint8Array() });
                setSelected(n);
              }}
              onRemove={(n) => {
                const f = { ...ws.files };
                delete f[n];
                updateFiles(f);
                if (selected === n) setSelected(Object.keys(f).sort()[0]);
              }}
            />
          )}
        </aside>
        <main className="center">
          <div role="tablist" aria-label="views" className="viewtabs">
            {(Object.keys(viewNames) as View[]).map((v) => (
              <button key={v} role="tab" type="button" aria-selected={view === v} onClick={() => setView(v)}>
                {viewNames[v]}
              </button>
            ))}
          </div>
          {view === 'files' &&
            (ws && selected ? (
              <Editor name={selected} text={text} onChange={(t) => updateFiles({ ...ws.files, [selected]: enc.encode(t) })} />
            ) : (
              <div className="empty muted">Load the bundled demo, paste a go.mod or a txtar, or open a folder to begin.</div>
            ))}
          {view === 'graph' && (
            <div role="tabpanel" className="viewpanel">
              {ws ? <GraphPanel client={client} files={ws.files} env={env} preview={preview} onError={setNotice} /> : <p className="muted">Load a workspace to see its module graph.</p>}
            </div>
          )}
          {view === 'preview' && (
            <div role="tabpanel" className="viewpanel">
              <Preview
                preview={preview}
                busy={busy}
                hasWorkspace={!!ws}
                onPreview={(k, a) => void runPreview(k, a)}
                onApply={() => {
                  if (!preview || !ws) return;
                  updateFiles(preview.reply.files);
                  setPreview({ ...preview, applied: true });
                  setTouched({ touched: { gomod: 'written', gosum: 'written', cache: 'none' }, command: `apply: ${preview.kind === 'tidy' ? 'go mod tidy' : 'go get ' + preview.args.join(' ')}` });
                  setNotice('applied the preview to the workspace');
                }}
                onDownload={() => {
                  if (!preview) return;
                  for (const n of ['go.mod', 'go.sum']) if (preview.reply.files[n]) download(n, preview.reply.files[n]!, 'text/plain');
                }}
                onCopy={(patch) => {
                  void navigator.clipboard.writeText(patch).then(
                    () => setNotice('patch copied to the clipboard'),
                    () => {
                      download(preview?.kind === 'tidy' ? 'tidy.diff' : 'get.diff', patchOf(preview!), 'text/x-diff');
                      setNotice('the clipboard is not available here: the patch was downloaded instead');
                    },
                  );
                }}
              />
            </div>
          )}
          {view === 'learn' && (
            <div role="tabpanel" className="viewpanel">
              <Lessons client={client} />
            </div>
          )}
        </main>
        <section className="right">
          <ThreePieces touched={touched?.touched} command={touched?.command} />
          {busy && <ProgressBar progress={progress} onCancel={() => client.cancel()} />}
          <div role="tablist" aria-label="panels" className="tabs">
            {(['terminal', 'cache', 'settings'] as Tab[]).map((t) => (
              <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setTab(t)}>
                {t === 'terminal' ? 'Terminal' : t === 'cache' ? 'Module cache' : 'Settings (go env)'}
              </button>
            ))}
          </div>
          <div role="tabpanel" className="panel" hidden={tab !== 'terminal'}>
            <Terminal entries={entries} busy={busy} onRun={(l) => void run(l)} onClear={() => setEntries([])} />
          </div>
          {tab === 'cache' && (
            <div role="tabpanel" className="panel">
              <CacheView
                entries={cache}
                verify={verify}
                onRefresh={() => void refreshCache()}
                onVerify={() => void client.cacheVerify().then(setVerify, (e) => setNotice((e as Error).message))}
                onClean={() => void client.cacheClean().then(() => (setVerify(undefined), refreshCache()))}
                onExport={() => void client.cacheExportZip().then((z) => download('gomodcache-cache-download.zip', z, 'application/zip'))}
              />
            </div>
          )}
          {tab === 'settings' && (
            <div role="tabpanel" className="panel">
              <Settings
                settings={settings}
                cacheFolder={cacheFolder}
                onSave={(s) => {
                  setSettings(s);
                  void store.setSettings(s);
                  setNotice('settings saved');
                }}
                onUploadCache={(fl) => guardFolder(mountFiles(fl))}
                onPickFolder={
                  hasDirectoryPicker()
                    ? () =>
                        guardFolder(
                          pickDirectory().then((h) => h && mountHandle(h)),
                        )
                    : undefined
                }
                onDropFolder={(dt) => {
                  // directory handles where the browser has them (kept across reloads), else the
                  // dropped entries' File objects; both asked for inside the drop event
                  if (typeof DataTransferItem !== 'undefined' && 'getAsFileSystemHandle' in DataTransferItem.prototype) {
                    guardFolder(
                      droppedDirectoryHandles(dt).then((hs) => {
                        if (hs[0]) return mountHandle(hs[0]);
                        setNotice('drop a folder (your $GOMODCACHE/cache/download) here');
                      }),
                    );
                  } else guardFolder(droppedFiles(dt).then(mountFiles));
                }}
                onReconnect={() => {
                  const h = reconnectHandle.current;
                  if (!h) return;
                  guardFolder(
                    requestReadPermission(h).then((ok) => {
                      if (ok) return mountHandle(h).then(() => setNotice(`module cache folder “${h.name}” reconnected`));
                      setNotice(`the browser did not allow reading “${h.name}”; choose the folder again`);
                    }),
                  );
                }}
                onForget={() =>
                  guardFolder(
                    Promise.all([client.setLazyMount(UPLOADED_CACHE_DIR, null), store.setCacheFolder(undefined)]).then(() => {
                      reconnectHandle.current = undefined;
                      setCacheFolder(undefined);
                    }),
                  )
                }
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
