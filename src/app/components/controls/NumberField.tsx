import { useState } from 'react';

/** A whole-number input that commits on blur or Enter, clamped to [min, max]; bad text reverts. */
export function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(v: number): void;
  testId?: string;
}) {
  const [text, setText] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const v = Number(text);
    if (/^\s*\d+\s*$/.test(text)) props.onChange(Math.min(props.max, Math.max(props.min, v)));
    setText(null);
  };
  return (
    <label className="row">
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={text ?? props.value}
        data-testid={props.testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
