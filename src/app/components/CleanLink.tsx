import { useState } from 'react';
import { PANELS, type PanelId } from '../experiment/settings';
import { serializeExperiment } from '../experiment/urlCodec';
import { useAppStore } from '../store';
import { useCopy } from './useCopy';

/**
 * A link for a classroom or a talk that opens with chosen panels hidden (and, if asked, in talk
 * mode): the experiment stays the same, the page shows less.
 */
export function CleanLink() {
  const [hide, setHide] = useState<PanelId[]>(['controls']);
  const [talk, setTalk] = useState(false);
  const { state, copy: copyText } = useCopy();
  const copy = () => {
    const e = useAppStore.getState().experiment;
    const link = `${location.origin}${location.pathname}?${serializeExperiment({ ...e, hide, talk })}`;
    void copyText(link);
  };
  return (
    <details className="clean-link" data-testid="clean-link">
      <summary>Clean link…</summary>
      <div className="clean-link-menu">
        <p>Hide in the link:</p>
        {(Object.keys(PANELS) as PanelId[]).map((p) => (
          <label key={p} className="check">
            <input
              type="checkbox"
              checked={hide.includes(p)}
              data-testid={`clean-hide-${p}`}
              onChange={() =>
                setHide((h) => (h.includes(p) ? h.filter((x) => x !== p) : [...h, p]))
              }
            />
            {PANELS[p]}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={talk} onChange={() => setTalk(!talk)} />
          Open in talk mode
        </label>
        <button type="button" data-testid="copy-clean-link" onClick={copy}>
          {state === 'copied'
            ? 'Clean link copied'
            : state === 'failed'
              ? 'Copy failed'
              : 'Copy clean link'}
        </button>
      </div>
    </details>
  );
}
