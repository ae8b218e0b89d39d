import { useEffect } from 'react';
import { MAX_SAMPLES, STRATEGY_KEYS, toggleStrategy } from './experiment/settings';
import { useAppStore } from './store';

/** Sent on `window` by the space key; the tree player plays or pauses. */
export const TREE_TOGGLE = 'ttc:tree-toggle';

/** The keyboard map (the help overlay lists it). */
export const SHORTCUTS: readonly [string, string][] = [
  ['← →', 'halve / double the budget'],
  ['1–8', 'switch a strategy on or off'],
  ['space', 'play / pause the search tree'],
  ['Page Down / n', 'next slide of the deck'],
  ['Page Up / p', 'previous slide'],
  ['t', 'talk mode (large type, high contrast)'],
  ['f', 'full screen'],
  ['?', 'this help'],
  ['Esc', 'close this help'],
];

/**
 * Presenter keys, unless the user is typing in a field (a focused checkbox still takes digit keys;
 * a focused slider keeps its own arrow keys, a focused button its space).
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      const input = t instanceof HTMLInputElement ? t.type : null;
      if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (input !== null && input !== 'checkbox' && input !== 'range') return;
      const s = useAppStore.getState();
      const e0 = s.experiment;
      const act = (): boolean => {
        switch (e.key) {
          case 'ArrowLeft':
          case 'ArrowRight': {
            if (input === 'range') return false;
            const budget = e.key === 'ArrowLeft' ? e0.budget / 2 : e0.budget * 2;
            if (budget >= 1 && budget <= MAX_SAMPLES) s.setExperiment({ budget });
            return true;
          }
          case ' ':
            if (t instanceof HTMLButtonElement || input !== null) return false;
            window.dispatchEvent(new Event(TREE_TOGGLE));
            return true;
          case 'PageDown':
          case 'n':
            s.stepDeck(1);
            return true;
          case 'PageUp':
          case 'p':
            s.stepDeck(-1);
            return true;
          case 't':
            s.setExperiment({ talk: !e0.talk });
            return true;
          case 'f':
            if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
            else void document.documentElement.requestFullscreen?.().catch(() => undefined);
            return true;
          case '?':
            s.setHelp(!s.help);
            return true;
          case 'Escape':
            if (!s.help) return false;
            s.setHelp(false);
            return true;
        }
        const key = STRATEGY_KEYS[Number(e.key) - 1];
        if (!/^[1-9]$/.test(e.key) || !key) return false;
        s.setExperiment({ strategies: toggleStrategy(e0.strategies, key) });
        return true;
      };
      if (act()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
