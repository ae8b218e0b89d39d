import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store';
import { splitMath } from './splitMath';

/** Longer formulas are shown as their source: KaTeX's time grows with them, and no answer needs more. */
export const MAX_FORMULA_LENGTH = 2000;

/**
 * Text from a model, a problem or a file with its LaTeX rendered by KaTeX — the only HTML the app
 * ever puts on the page, and only KaTeX's own: `trust: false` (no `\href`, `\url`, `\htmlClass`, …),
 * `maxExpand` bounded, errors shown as source. Everything else is a text node. KaTeX loads on the
 * first formula (its own chunk); until then, and with "Show LaTeX source", the source shows.
 */
export function MathText({ text }: { text: string }) {
  const raw = useAppStore((s) => s.rawMath);
  if (raw || !/[$\\]/.test(text)) return <>{text}</>;
  return (
    <>
      {splitMath(text).map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : part.tex.length > MAX_FORMULA_LENGTH ? (
          <code key={i}>{part.tex}</code>
        ) : (
          <Formula key={i} tex={part.tex} display={part.display} />
        ),
      )}
    </>
  );
}

function Formula({ tex, display }: { tex: string; display: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let live = true;
    // React renders no children here: the span is KaTeX's (the source shows until it loads).
    if (ref.current) ref.current.textContent = tex;
    void import('katex').then(({ default: katex }) => {
      const el = ref.current;
      if (!live || !el) return;
      // KaTeX builds DOM nodes itself (no innerHTML here); a formula it cannot read shows as source.
      katex.render(tex, el, {
        displayMode: display,
        trust: false,
        maxExpand: 100,
        maxSize: 10,
        throwOnError: false,
        strict: 'ignore',
        output: 'html',
      });
    });
    return () => {
      live = false;
    };
  }, [tex, display]);
  return <span ref={ref} className={display ? 'math display' : 'math'} data-testid="math" />;
}
