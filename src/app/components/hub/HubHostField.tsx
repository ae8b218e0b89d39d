import { useState } from 'react';
import { DEFAULT_HUB_HOST, hubHost, setHubHost } from '../../hub/hubHost';

/** The hub host: this browser's setting, never a link's (downloads go where the visitor chose). */
export function HubHostField(props: { onSaved(host: string): void }) {
  const [text, setText] = useState(hubHost());
  const [message, setMessage] = useState<string | null>(null);
  const save = () => {
    const why = setHubHost(text);
    setMessage(why ?? `Hub models now download from ${hubHost()}.`);
    if (!why) {
      setText(hubHost());
      props.onSaved(hubHost());
    }
  };
  return (
    <details className="hub-host">
      <summary>Hub host</summary>
      <div className="row">
        <input
          type="url"
          aria-label="Hub host"
          spellCheck={false}
          value={text}
          data-testid="hub-host"
          onChange={(ev) => setText(ev.target.value)}
          onKeyDown={(ev) => ev.key === 'Enter' && save()}
        />
        <button type="button" onClick={save} data-testid="hub-host-save">
          Save
        </button>
      </div>
      <p className="hint">
        Default {DEFAULT_HUB_HOST}. A mirror must also be allowed by this site&apos;s Content
        Security Policy (TTC_CONNECT_SRC when it is built); links never change this setting.
      </p>
      {message && (
        <p className="meta" role="status" data-testid="hub-host-message">
          {message}
        </p>
      )}
    </details>
  );
}
