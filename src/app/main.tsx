import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TEST_BUILD } from '../runtime/testBuild';
import { App } from './App';
import { installProbes } from './testProbes';
import 'katex/dist/katex.min.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline after the first visit, and cross-origin isolated on hosts without COOP/COEP headers
// (scripts/sw-template.js). Built app only: in dev the files change under it.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

if (TEST_BUILD) installProbes();
