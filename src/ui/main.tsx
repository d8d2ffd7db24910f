import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkspaceStore } from '../io/workspaceStore';
import { WorkerClient } from '../worker/client';
import { App } from './App';
import './app.css';

const client = new WorkerClient();
const store = new WorkspaceStore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} store={store} />
  </StrictMode>,
);
