import { useState } from 'react';

/** Copies the link of the experiment on screen (the URL always carries it). */
export function ShareButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      className="share"
      data-testid="copy-link"
      onClick={() =>
        navigator.clipboard.writeText(location.href).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }
    >
      {state === 'copied'
        ? 'Link copied'
        : state === 'failed'
          ? 'Copy failed: use the address bar'
          : 'Copy link'}
    </button>
  );
}
