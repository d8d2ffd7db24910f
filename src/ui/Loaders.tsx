import { useState } from 'react';
import { droppedFiles, loadFileList, loadUniverse, type Loaded } from './loadFiles';
import { enc } from './format';
import { useDropZone } from './dropZone';

/** The ways to load a repository: paste files, paste a txtar, upload a zip or folder, drop, demo. */
export function Loaders({ onLoad, onError }: { onLoad: (l: Loaded) => void; onError: (msg: string) => void }) {
  const [mode, setMode] = useState<'none' | 'paste' | 'txtar'>('none');
  const [gomod, setGomod] = useState('');
  const [gosum, setGosum] = useState('');
  const [gofile, setGofile] = useState('');
  const [txtar, setTxtar] = useState('');
  const guard = async (f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      onError((e as Error).message);
    }
  };
  const drop = useDropZone((dt) => void guard(async () => onLoad(await loadFileList(await droppedFiles(dt)))));
  return (
    <section
      className={drop.over ? 'loaders drop-over' : 'loaders'}
      aria-label="load a repository"
      data-testid="dropzone"
      {...drop.props}
    >
      <div className="row wrap">
        <button
          type="button"
          onClick={() =>
            void guard(async () => {
              const r = await fetch('/demo/demo.txtar');
              if (!r.ok) throw new Error(`demo: ${r.status}`);
              onLoad(loadUniverse('demo', new Uint8Array(await r.arrayBuffer())));
            })
          }
        >
          Bundled demo
        </button>
        <button type="button" aria-expanded={mode === 'paste'} onClick={() => setMode(mode === 'paste' ? 'none' : 'paste')}>
          Paste go.mod…
        </button>
        <button type="button" aria-expanded={mode === 'txtar'} onClick={() => setMode(mode === 'txtar' ? 'none' : 'txtar')}>
          Paste txtar…
        </button>
        <label className="button">
          Upload .zip
          <input type="file" accept=".zip,.txtar" aria-label="upload zip" className="visually-hidden" onChange={(e) => e.target.files?.length && void guard(async () => onLoad(await loadFileList(e.target.files!)))} />
        </label>
        <label className="button">
          Open folder
          <input type="file" aria-label="open folder" className="visually-hidden" {...{ webkitdirectory: '' }} multiple onChange={(e) => e.target.files?.length && void guard(async () => onLoad(await loadFileList(e.target.files!)))} />
        </label>
        <span className="muted small">or drop a folder / .zip here</span>
      </div>
      {mode === 'paste' && (
        <form
          className="paste"
          onSubmit={(e) => {
            e.preventDefault();
            const files: Record<string, Uint8Array> = { 'go.mod': enc.encode(gomod) };
            if (gosum.trim()) files['go.sum'] = enc.encode(gosum);
            if (gofile.trim()) files['main.go'] = enc.encode(gofile);
            onLoad({ name: 'pasted', files });
            setMode('none');
          }}
        >
          <label>
            go.mod
            <textarea aria-label="paste go.mod" value={gomod} onChange={(e) => setGomod(e.target.value)} spellCheck={false} />
          </label>
          <label>
            go.sum (optional)
            <textarea aria-label="paste go.sum" value={gosum} onChange={(e) => setGosum(e.target.value)} spellCheck={false} />
          </label>
          <label>
            main.go (optional)
            <textarea aria-label="paste main.go" value={gofile} onChange={(e) => setGofile(e.target.value)} spellCheck={false} />
          </label>
          <button type="submit">Load pasted files</button>
        </form>
      )}
      {mode === 'txtar' && (
        <form
          className="paste"
          onSubmit={(e) => {
            e.preventDefault();
            void guard(async () => onLoad(loadUniverse('txtar', txtar)));
            setMode('none');
          }}
        >
          <label>
            txtar archive (repository files; module versions for a proxy under <code>.proxy/path@version/</code>)
            <textarea aria-label="paste txtar" value={txtar} onChange={(e) => setTxtar(e.target.value)} spellCheck={false} />
          </label>
          <button type="submit">Load txtar</button>
        </form>
      )}
    </section>
  );
}
