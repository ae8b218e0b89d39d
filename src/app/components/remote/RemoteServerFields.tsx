import { useState } from 'react';
import { useAppStore } from '../../store';
import { apiKeyFor, setApiKey } from '../../remote/apiKeys';
import { connectServer, replayNote, type ServerAnswer } from '../../remote/connect';
import { remoteUsesChat, systemPrompt } from '../../hub/policySpec';
import { verifierServer } from '../../remote/serverUrl';

const DEFAULT_URL = 'http://127.0.0.1:8000/v1';

/**
 * A model on a remote OpenAI-compatible server (vLLM, SGLang, llama.cpp's server, `ttc serve`), for
 * the policy or the verifier: its base URL, an API key (this tab's memory only), Connect, then the
 * served model and what the server was found to support. Everything shown is text.
 */
export function RemoteServerFields({ role }: { role: 'policy' | 'verifier' }) {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const current = role === 'policy' ? e.remote : verifierServer(e);
  const model = role === 'policy' ? (e.remote !== null ? e.policy : '') : e.verifierModel;
  const [url, setUrl] = useState(current ?? DEFAULT_URL);
  const [key, setKey] = useState(() => apiKeyFor(current ?? DEFAULT_URL) ?? '');
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'connecting' }
    | { status: 'error'; message: string }
    | ({ status: 'ok' } & ServerAnswer)
  >({ status: 'idle' });
  const id = `remote-${role}`;
  const pool = useAppStore((s) => s.pool);
  const far = pool.models.find((m) => m.role === 'policy')?.remote;
  const ran =
    pool.capabilities && far && far.url === current
      ? { capabilities: pool.capabilities, engine: far.engine }
      : null;

  const choose = (server: string, name: string) =>
    role === 'policy'
      ? set({ remote: server, policy: name })
      : set({
          verifier: 'remote',
          verifierServer: server === e.remote ? null : server,
          verifierModel: name,
        });

  const connect = async (name?: string) => {
    const server = url.trim();
    setApiKey(server, key);
    setState({ status: 'connecting' });
    try {
      const answer = await connectServer(server, name);
      const listed = answer.models.map((m) => m.id);
      const pick =
        name && listed.includes(name) ? name : listed.includes(model) ? model : listed[0]!;
      // The capabilities answer the probed model: ask again for another one.
      const final = pick === (name ?? listed[0]) ? answer : await connectServer(server, pick);
      setState({ status: 'ok', ...final });
      choose(server, pick);
    } catch (err) {
      setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className="remote-server" data-testid={id}>
      <label className="row">
        Server
        <input
          type="url"
          spellCheck={false}
          value={url}
          placeholder={DEFAULT_URL}
          aria-describedby={`${id}-help`}
          data-testid={`${id}-url`}
          onChange={(ev) => setUrl(ev.target.value)}
          onKeyDown={(ev) => ev.key === 'Enter' && void connect()}
        />
      </label>
      <label className="row">
        API key
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          placeholder="none"
          data-testid={`${id}-key`}
          onChange={(ev) => setKey(ev.target.value)}
        />
        <button
          type="button"
          onClick={() => void connect()}
          disabled={state.status === 'connecting'}
          data-testid={`${id}-connect`}
        >
          {state.status === 'connecting' ? 'Connecting…' : 'Connect'}
        </button>
      </label>
      <p className="hint" id={`${id}-help`}>
        An OpenAI-compatible base URL (vLLM, SGLang, llama.cpp’s server, ttc serve). The key stays
        in this tab’s memory: never in the link, storage or exports.
      </p>
      {state.status === 'error' && (
        <p className="error" role="alert" data-testid={`${id}-error`}>
          {state.message}
        </p>
      )}
      {state.status === 'ok' && (
        <>
          <label className="row">
            Model
            <select
              value={model}
              data-testid={`${id}-model`}
              onChange={(ev) => void connect(ev.target.value)}
            >
              {state.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                  {m.ownedBy ? ` (${m.ownedBy})` : ''}
                </option>
              ))}
            </select>
          </label>
          {role === 'policy' && (
            <p className="hint" data-testid={`${id}-prompt`}>
              {remoteUsesChat(e)
                ? `Prompts: the server renders the model's chat template (system message: ${systemPrompt(e) ? `“${systemPrompt(e)}”` : 'none'}); partial solutions follow as tokens.`
                : 'Prompts: the task’s text as is (the built-in models’ format).'}
            </p>
          )}
          <ul className="capabilities" data-testid={`${id}-capabilities`}>
            {state.capabilities.map((line) => (
              <li key={line}>{line}</li>
            ))}
            <li>{state.replay}</li>
          </ul>
        </>
      )}
      {state.status !== 'ok' && current !== null && model && (
        <div className="hint" data-testid={`${id}-current`}>
          <p>
            Using {model} at {current}.
          </p>
          {/* What the last run's worker found there (a link opened without connecting here). */}
          {role === 'policy' && ran && (
            <ul className="capabilities" data-testid={`${id}-capabilities`}>
              {ran.capabilities.map((line) => (
                <li key={line}>{line}</li>
              ))}
              <li>{replayNote(ran.engine)}</li>
            </ul>
          )}
        </div>
      )}
      {role === 'verifier' && (
        <label className="row">
          End-of-sequence text
          <input
            type="text"
            spellCheck={false}
            value={e.verifierEos}
            placeholder="none"
            title="Read after a finished sample, so its answer line is scored with the end of sequence (</s> for the built-ins)"
            data-testid={`${id}-eos`}
            onChange={(ev) => set({ verifierEos: ev.target.value.slice(0, 40) })}
          />
        </label>
      )}
    </div>
  );
}
