import { useEffect } from 'react';
import { browserGpu, detectBackend } from '../runtime/backend';
import { BackendBadge } from './components/BackendBadge';
import { ExampleProblem } from './components/ExampleProblem';
import { Panel } from './components/Panel';
import { useAppStore } from './store';

export function App() {
  const setBackend = useAppStore((s) => s.setBackend);
  useEffect(() => {
    let live = true;
    void detectBackend(browserGpu()).then((b) => live && setBackend(b));
    return () => {
      live = false;
    };
  }, [setBackend]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>TTC Playground</h1>
        <span className="tagline">test-time compute, live in the browser</span>
        <BackendBadge />
      </header>
      <main className="layout">
        <Panel title="Experiment" area="controls">
          <p className="empty">
            Task, models, verifier, strategies and the sampling budget will be set here.
          </p>
        </Panel>
        <Panel title="Accuracy vs compute" area="chart">
          <p className="empty">Curves appear here once a pool of samples has been drawn.</p>
        </Panel>
        <Panel title="Problem" area="problem">
          <ExampleProblem />
        </Panel>
        <Panel title="By difficulty" area="difficulty">
          <p className="empty">Accuracy per difficulty bin at the current budget.</p>
        </Panel>
      </main>
    </div>
  );
}
