import { useState } from 'react';
import type { Problem } from '../../core/types';
import type { Backend } from '../../runtime/browserModels';
import { useAppStore } from '../store';

type Choice = 'auto' | Backend;

/** Draws N samples of the problem from the built-in policy in a worker, as one batch. */
export function SamplePanel({ problem }: { problem: Problem }) {
  const [n, setN] = useState(16);
  const [choice, setChoice] = useState<Choice>('auto');
  const offered = useAppStore((s) => s.backend);
  const samples = useAppStore((s) => s.samples);
  const draw = useAppStore((s) => s.drawSamples);
  const cancel = useAppStore((s) => s.cancelSamples);
  // A real GPU runs WebGPU; a software adapter (SwiftShader) is ~80× slower than WASM on a CPU.
  const auto: Backend = offered?.kind === 'webgpu' && !offered.software ? 'webgpu' : 'wasm';
  const backend = choice === 'auto' ? auto : choice;
  const running = samples.status === 'running';

  return (
    <section className="samples" aria-label="Samples">
      <div className="controls-row">
        <label>
          Samples{' '}
          <input
            type="number"
            min={1}
            max={256}
            value={n}
            data-testid="sample-count"
            onChange={(e) => setN(Math.max(1, Math.min(256, Number(e.target.value) || 1)))}
          />
        </label>
        <label>
          Backend{' '}
          <select
            value={choice}
            data-testid="sample-backend"
            onChange={(e) => setChoice(e.target.value as Choice)}
          >
            <option value="auto">auto ({auto === 'webgpu' ? 'WebGPU' : 'WASM'})</option>
            <option value="wasm">WASM</option>
            <option value="webgpu" disabled={offered?.kind !== 'webgpu'}>
              WebGPU
            </option>
          </select>
        </label>
        {running ? (
          <button onClick={cancel}>Cancel</button>
        ) : (
          <button data-testid="draw-samples" onClick={() => void draw(problem, n, backend)}>
            {samples.status === 'error' ? 'Retry' : 'Draw samples'}
          </button>
        )}
      </div>
      {samples.status === 'running' && (
        <p className="meta" data-testid="sample-progress">
          {samples.progress
            ? `${samples.progress.done}/${samples.n} samples done · ${samples.progress.tokens} tokens · ${samples.progress.tokensPerSecond.toFixed(0)} tok/s`
            : 'Loading the model…'}
        </p>
      )}
      {samples.status === 'error' && (
        <p className="error" role="alert" data-testid="sample-error">
          {samples.message}
        </p>
      )}
      {samples.status === 'done' && (
        <>
          <p className="meta" data-testid="sample-summary">
            {samples.samples.filter((s) => s.grade.correct).length}/{samples.samples.length} correct
            · {samples.backend === 'webgpu' ? 'WebGPU' : 'WASM'} ·{' '}
            {samples.tokensPerSecond.toFixed(0)} tok/s
          </p>
          <ol className="sample-list" data-testid="sample-list">
            {samples.samples.map((s, i) => (
              <li key={i} className={s.grade.correct ? 'right' : 'wrong'}>
                <pre data-testid="sample-text">{s.text}</pre>
                <span className="meta">
                  {s.grade.correct ? '✓' : '✗'} {s.grade.answer ?? 'no answer'} · {s.tokens} tokens
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
