import { useEffect, useRef, useState } from 'react';
import { browserGpu, detectBackend } from '../runtime/backend';
import { BackendBadge } from './components/BackendBadge';
import { ChartPanel } from './components/chart/ChartPanel';
import { Controls } from './components/controls/Controls';
import { DifficultyPanel } from './components/difficulty/DifficultyPanel';
import { LinkMessages } from './components/LinkMessages';
import { ModelStatus } from './components/ModelStatus';
import { OpenPool } from './components/OpenPool';
import { Panel } from './components/Panel';
import { ProblemPanel } from './components/problem/ProblemPanel';
import { SearchPanel } from './components/search/SearchPanel';
import { CleanLink } from './components/CleanLink';
import { HelpOverlay } from './components/HelpOverlay';
import { ShareButton } from './components/ShareButton';
import { SlideBar } from './components/SlideBar';
import { layoutStyle } from './layout';
import { ComputeOptimalTable } from './components/chart/ComputeOptimalTable';
import { useDeckLink } from './talk/useDeckLink';
import { resolveBackend, useAppStore } from './store';
import { linkedPool, usePoolImport } from './usePoolImport';
import { useShortcuts } from './useShortcuts';
import { useUrlState } from './useUrlState';

type BottomTab = 'difficulty' | 'compute-optimal' | 'search';
const TABS: readonly BottomTab[] = ['difficulty', 'compute-optimal', 'search'];
const TAB_LABELS: Record<BottomTab, string> = {
  difficulty: 'By difficulty',
  'compute-optimal': 'Compute-optimal',
  search: 'Tree search',
};

export function App() {
  useUrlState();
  usePoolImport();
  useShortcuts();
  useDeckLink();
  const hide = useAppStore((s) => s.experiment.hide);
  const talk = useAppStore((s) => s.experiment.talk);
  const setExperiment = useAppStore((s) => s.setExperiment);
  const setBackend = useAppStore((s) => s.setBackend);
  const started = useRef(false);
  const [tab, setBottom] = useState<BottomTab>('difficulty');
  const co = useAppStore((s) => s.experiment.computeOptimal);
  // The compute-optimal tab exists while its curve is on.
  const bottom = tab === 'compute-optimal' && !co ? 'difficulty' : tab;
  useEffect(() => {
    let live = true;
    void detectBackend(browserGpu()).then((b) => {
      if (!live) return;
      setBackend(b);
      // The first visit shows something real within seconds: the link's (or default) experiment runs.
      if (started.current || linkedPool() !== null) return;
      started.current = true;
      const { experiment, runPool } = useAppStore.getState();
      void runPool(experiment, resolveBackend(experiment.backend, b));
    });
    return () => {
      live = false;
    };
  }, [setBackend]);

  return (
    <div className={`app${talk ? ' talk' : ''}`} data-testid="app" data-talk={talk}>
      <header className="topbar">
        <h1>TTC Playground</h1>
        <span className="tagline">test-time compute, live in the browser</span>
        <ModelStatus />
        <BackendBadge />
        <OpenPool />
        {hide.length > 0 && (
          <button type="button" data-testid="show-all" onClick={() => setExperiment({ hide: [] })}>
            Show all panels
          </button>
        )}
        <CleanLink />
        <ShareButton />
      </header>
      <LinkMessages />
      <SlideBar />
      <HelpOverlay />
      <main
        className={`layout${bottom === 'search' ? ' search-open' : ''}`}
        style={layoutStyle(hide, bottom === 'search')}
      >
        {!hide.includes('controls') && (
          <Panel title="Experiment" area="controls">
            <Controls />
          </Panel>
        )}
        <Panel title="Accuracy vs compute" area="chart">
          <ChartPanel />
        </Panel>
        {!hide.includes('problem') && (
          <Panel title="Problem" area="problem">
            <ProblemPanel />
          </Panel>
        )}
        {!hide.includes('difficulty') && (
          <Panel title={TAB_LABELS[bottom]} area="difficulty">
            <div className="tabs" role="tablist">
              {(co ? TABS : TABS.filter((t) => t !== 'compute-optimal')).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  data-testid={`tab-${t}`}
                  aria-selected={bottom === t}
                  onClick={() => setBottom(t)}
                >
                  {TAB_LABELS[t]}
                </button>
              ))}
            </div>
            {bottom === 'search' ? (
              <SearchPanel />
            ) : bottom === 'compute-optimal' ? (
              <ComputeOptimalTable />
            ) : (
              <DifficultyPanel />
            )}
          </Panel>
        )}
      </main>
    </div>
  );
}
