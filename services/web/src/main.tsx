import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadRuntimeConfig } from './config/runtime-config';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

loadRuntimeConfig(window.location, (url) => fetch(url).then((r) => r.json()))
  .then((config) => root.render(<StrictMode><App config={config} /></StrictMode>))
  .catch((error: unknown) => root.render(<p role="alert" className="error">{error instanceof Error ? error.message : 'The client cannot start.'}</p>));
