import { useRef } from 'react';

/**
 * A button that opens a local file and hands over its text and name (the input is hidden; tests set
 * files on it by `testId`). The same picker for pools, bundles, traces and problem lists.
 */
export function FileButton(props: {
  label: string;
  accept: string;
  testId: string;
  onText: (text: string, name: string) => void;
  title?: string;
  buttonTestId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title={props.title}
        data-testid={props.buttonTestId}
      >
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid={props.testId}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file again is a new choice
          if (file) props.onText(await file.text(), file.name);
        }}
      />
    </>
  );
}
