import { useEffect } from 'react';
import { STRATEGY_KEYS, toggleStrategy } from './experiment/settings';
import { useAppStore } from './store';

/** Keys 1–8 toggle the strategies (in the order of the list), unless the user is typing in a field. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
        if (!(t instanceof HTMLInputElement) || t.type !== 'checkbox') return;
      }
      const i = Number(e.key) - 1;
      const key = STRATEGY_KEYS[i];
      if (!Number.isInteger(i) || !key) return;
      const { experiment, setExperiment } = useAppStore.getState();
      setExperiment({ strategies: toggleStrategy(experiment.strategies, key) });
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
