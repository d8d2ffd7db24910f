import { useState } from 'react';

/** The workspace's files; select one to edit; add or remove files. */
export function FileTree(props: {
  files: string[];
  selected?: string;
  onSelect: (name: string) => void;
  onAdd: (name: string) => void;
  onRemove: (name: string) => void;
}) {
  const [name, setName] = useState('');
  return (
    <nav className="filetree" aria-label="files">
      <ul>
        {props.files.map((f) => (
          <li key={f}>
            <button type="button" className={f === props.selected ? 'file selected' : 'file'} aria-current={f === props.selected} onClick={() => props.onSelect(f)}>
              {f}
            </button>
            <button type="button" className="icon" aria-label={`remove ${f}`} title={`remove ${f}`} onClick={() => props.onRemove(f)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim().replace(/^\/+/, '');
          if (n) props.onAdd(n);
          setName('');
        }}
      >
        <input aria-label="new file name" placeholder="new file (e.g. util.go)" value={name} onChange={(e) => setName(e.target.value)} />
      </form>
    </nav>
  );
}
