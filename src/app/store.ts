import { create } from 'zustand';
import type { BackendInfo } from '../runtime/backend';
import type { Backend } from '../runtime/browserModels';
import type { GreedyResult } from '../runtime/greedyCheck';
import { createReportSlice, type ReportSlice } from './curves/reportSlice';
import { adoptPoolProblems, importedProblems } from './experiment/problemSource';
import { provenanceMismatches, type Provenance } from './experiment/provenance';
import { presetDeck, readDeck, type Slide } from './talk/deck';
import { type BackendChoice, type Experiment } from './experiment/settings';
import { curvesKey } from './experiment/cacheKeys';
import { DEFAULT_EXPERIMENT } from './experiment/table';
import { experimentFromPool, readPoolText } from './pool/importPool';
import { createPoolSlice, type PoolSlice } from './pool/poolSlice';
import { isBundleText, readBundle } from './export/bundle';
import { isSearchResultsText, readSearchResults, searchRunsFrom } from './search/readSearchResults';
import { createSearchSlice, type SearchSlice } from './search/searchSlice';
import {
  createTreeCurvesSlice,
  treeCurvesKey,
  type TreeCurvesSlice,
} from './search/treeCurvesSlice';
import { runGreedyCheck } from './workers/greedyClient';
import { policySpec } from './hub/policySpec';
import { BUILT_IN_MODELS } from './pool/modelParameters';
import { searchPolicy } from './search/searchSettings';

export type GreedyState =
  | { status: 'idle' }
  | { status: 'running'; prompt: string }
  | { status: 'done'; prompt: string; result: GreedyResult }
  | { status: 'error'; prompt: string; message: string };

/** The app's single source of truth: views read it and dispatch; inference lives in the workers. */
export interface AppState extends PoolSlice, ReportSlice, SearchSlice, TreeCurvesSlice {
  experiment: Experiment;
  /** What was wrong with the link the page was opened with (shown until dismissed). */
  messages: string[];
  /** What computed the link's figures, checked once against this page's first pool. */
  linkProvenance: Provenance | null;
  setExperiment(patch: Partial<Experiment>): void;
  dismissMessages(): void;
  notify(message: string): void;
  /**
   * Shows a pool file's text (validated) without recomputing, or a search results file's tree curves;
   * bad files become a message.
   */
  openPoolText(text: string, name: string): void;
  backend: BackendInfo | null;
  setBackend(backend: BackendInfo): void;
  /** Answer bar selected in the vote view, and the sample opened from it. */
  selectedAnswer: string | null;
  openSample: number | null;
  selectAnswer(answer: string | null): void;
  setOpenSample(index: number | null): void;
  greedy: GreedyState;
  checkPolicy(prompt: string): Promise<void>;
  /** Talk mode: the deck of experiments stepped through with the keyboard, and the help overlay. */
  deck: { slides: Slide[]; index: number | null; name: string };
  stepDeck(delta: 1 | -1): void;
  loadDeckText(text: string, name: string): void;
  help: boolean;
  setHelp(open: boolean): void;
  /** Show LaTeX as its source instead of rendered (the sample and problem views' toggle). */
  rawMath: boolean;
  setRawMath(raw: boolean): void;
}

/** A real GPU runs WebGPU; a software adapter (SwiftShader) or none runs WASM (~80× faster on a CPU). */
export function resolveBackend(choice: BackendChoice, offered: BackendInfo | null): Backend {
  if (choice !== 'auto') return choice;
  return offered?.kind === 'webgpu' && !offered.software ? 'webgpu' : 'wasm';
}

export const useAppStore = create<AppState>()((set, get, store) => ({
  ...createPoolSlice(set, get, store),
  ...createReportSlice(set, get, store),
  ...createSearchSlice(set, get, store),
  ...createTreeCurvesSlice(set, get, store),
  experiment: DEFAULT_EXPERIMENT,
  messages: [],
  linkProvenance: null,
  setExperiment: (patch) => {
    const experiment = { ...get().experiment, ...patch };
    // An imported set has as many problems as it has.
    const held = experiment.custom === null ? null : importedProblems();
    if (held?.hash === experiment.custom)
      experiment.problems = Math.min(experiment.problems, held.problems.length);
    if (experiment.problem >= experiment.problems) experiment.problem = 0;
    const problemChanged = experiment.problem !== get().experiment.problem;
    set({
      experiment,
      ...(problemChanged ? { selectedAnswer: null, openSample: null } : {}),
    });
  },
  dismissMessages: () => set({ messages: [] }),
  notify: (message) => set({ messages: [...get().messages, message] }),
  openPoolText: (text, name) => {
    try {
      if (isBundleText(text)) {
        const b = readBundle(text, name);
        // The pool fixes what it was drawn with; the bundle's settings fix how it is shown.
        const fromPool = experimentFromPool(b.pool, b.experiment);
        const verifierInPool =
          b.experiment.verifier === 'none' ||
          b.experiment.verifier === 'oracle' ||
          b.pool.verifiers.some(
            (v) => v.id === b.experiment.verifier || v.kind === b.experiment.verifier,
          );
        const experiment = {
          ...fromPool,
          ...(verifierInPool ? { verifier: b.experiment.verifier, noisy: b.experiment.noisy } : {}),
          budget: Math.min(b.experiment.budget, fromPool.n),
          treeCurves: [],
        };
        experiment.custom = adoptPoolProblems(
          b.pool.problems.map((p) => p.problem),
          experiment,
          name,
        );
        get().loadPool(b.pool, experiment, name);
        set({ experiment, selectedAnswer: null, openSample: null });
        if (b.searchRuns) {
          const r = searchRunsFrom(b.searchRuns, name, b.pool.seed);
          // The bundle's runs drew with its experiment's tree policy where it had one.
          const drawnBy = searchPolicy(b.experiment).policy;
          void get().showSearchResults(
            r.curves,
            r.runs,
            name,
            drawnBy !== experiment.policy ? drawnBy : undefined,
          );
          for (const m of r.messages) get().notify(m);
        }
        if (b.trace) get().showTrace(b.trace, name);
        for (const m of b.messages) get().notify(m);
        return;
      }
      if (isSearchResultsText(text)) {
        const { runs, curves, messages, policy } = readSearchResults(text, name);
        const other = policy && policy !== get().experiment.policy ? policy : undefined;
        void get().showSearchResults(curves, runs, name, other);
        if (other && !BUILT_IN_MODELS.includes(other))
          get().notify(
            `${name} was searched with ${other}, whose size this page does not know: on the FLOPs axis its lines are priced by this pool's policy.`,
          );
        set({ experiment: { ...get().experiment, treeCurves: [] } });
        for (const m of messages) get().notify(m);
        return;
      }
      const pool = readPoolText(text, name);
      const experiment = experimentFromPool(pool, get().experiment);
      experiment.custom = adoptPoolProblems(
        pool.problems.map((p) => p.problem),
        experiment,
        name,
      );
      get().loadPool(pool, experiment, name);
      set({ experiment, selectedAnswer: null, openSample: null });
    } catch (e) {
      get().notify(e instanceof Error ? e.message : String(e));
    }
  },
  backend: null,
  setBackend: (backend) => set({ backend }),
  selectedAnswer: null,
  openSample: null,
  selectAnswer: (selectedAnswer) => set({ selectedAnswer, openSample: null }),
  setOpenSample: (openSample) => set({ openSample }),
  deck: { slides: presetDeck(), index: null, name: 'presets' },
  stepDeck: (delta) => {
    const { deck, backend, setExperiment, runPool } = get();
    const index = Math.min(deck.slides.length - 1, Math.max(0, (deck.index ?? -1) + delta));
    if (index === deck.index || !backend) return;
    set({ deck: { ...deck, index } });
    // A slide is applied like a preset: what it names changes, and it runs.
    setExperiment(deck.slides[index]!.settings);
    const e = get().experiment;
    void runPool(e, resolveBackend(e.backend, backend));
  },
  loadDeckText: (text, name) => {
    try {
      const { slides, messages } = readDeck(text, name);
      set({ deck: { slides, index: null, name } });
      for (const m of messages) get().notify(m);
    } catch (e) {
      get().notify(e instanceof Error ? e.message : String(e));
    }
  },
  help: false,
  setHelp: (help) => set({ help }),
  rawMath: false,
  setRawMath: (rawMath) => set({ rawMath }),
  greedy: { status: 'idle' },
  checkPolicy: async (prompt) => {
    set({ greedy: { status: 'running', prompt } });
    try {
      const spec = policySpec(get().experiment);
      if (spec.kind === 'remote')
        throw new Error(
          'The greedy cross-check runs transformers.js on this page; this policy is on a remote server.',
        );
      const result = await runGreedyCheck(
        spec.kind === 'builtin'
          ? { model: spec.id, prompt, maxNewTokens: 96 }
          : {
              model: spec.model,
              hub: { host: spec.host, revision: spec.revision, dtype: spec.dtype },
              prompt,
              maxNewTokens: 16,
            },
      );
      if (get().greedy.status === 'running') set({ greedy: { status: 'done', prompt, result } });
    } catch (e) {
      set({
        greedy: { status: 'error', prompt, message: e instanceof Error ? e.message : String(e) },
      });
    }
  },
}));

// Curves follow the pool and the settings that change them without drawing anything (the table's
// scores and curves; fewer problems only hide some); nothing else recomputes them.
useAppStore.subscribe((s, prev) => {
  if (
    s.pool.entries !== prev.pool.entries ||
    curvesKey(s.experiment) !== curvesKey(prev.experiment)
  ) {
    s.rescore(s.experiment, s.pool);
  }
});

/** The live tree curves' inputs, once the backend is known. */
const treeKey = (s: AppState) =>
  s.backend ? treeCurvesKey(s.experiment, resolveBackend(s.experiment.backend, s.backend)) : null;

// Tree curves run when the tree strategies to draw, or what their runs depend on, change.
useAppStore.subscribe((s, prev) => {
  const key = treeKey(s);
  if (key !== null && key !== treeKey(prev))
    void s.runTreeCurves(s.experiment, resolveBackend(s.experiment.backend, s.backend));
});

// A link's provenance (engine, model hashes, backend) is compared once, when its pool is ready.
useAppStore.subscribe((s) => {
  const link = s.linkProvenance;
  if (!link || s.pool.status !== 'done' || s.pool.models.length === 0) return;
  useAppStore.setState({ linkProvenance: null });
  for (const m of provenanceMismatches(link, s.pool.models, s.pool.backend)) s.notify(m);
});
