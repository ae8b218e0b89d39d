/** A labelled select over a fixed set of values, each with its display label. */
export function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  options: Readonly<Record<T, string>>;
  onChange(v: T): void;
  testId?: string;
  disabled?: (v: T) => boolean;
}) {
  return (
    <label className="row">
      {props.label}
      <select
        value={props.value}
        data-testid={props.testId}
        onChange={(ev) => props.onChange(ev.target.value as T)}
      >
        {(Object.keys(props.options) as T[]).map((v) => (
          <option key={v} value={v} disabled={props.disabled?.(v)}>
            {props.options[v]}
          </option>
        ))}
      </select>
    </label>
  );
}
