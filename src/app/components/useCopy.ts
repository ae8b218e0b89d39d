import { useState } from 'react';

/** Copies text to the clipboard and says how it went ('copied', or 'failed' when not allowed). */
export function useCopy() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = (text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return { state, copy };
}
