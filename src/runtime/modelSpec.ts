/**
 * What a worker is asked to load: a built-in model (same-origin `/models/<id>/`), a hub model (host,
 * id, revision, dtype, and the chat prompt's system message), or a model on a remote
 * OpenAI-compatible server (its base URL and served name). Plain data: it crosses to workers and
 * names the loaded session, so the same spec is never loaded twice. An API key is never part of a
 * spec: it travels beside it, in memory only.
 */
import type { HubDtype } from './hub/resolve';

export type ModelSpec =
  | { kind: 'builtin'; id: string }
  | {
      kind: 'hub';
      host: string;
      model: string;
      revision: string;
      dtype: HubDtype;
      /** The chat's system message; empty: none. */
      system: string;
    }
  | {
      kind: 'remote';
      /** The server's OpenAI base, with `/v1`. */
      baseUrl: string;
      /** The served model name (`/v1/models` id). */
      model: string;
      /** Prompt in the model's chat template (rendered by the server) with this system message. */
      chat: { system: string } | null;
    };

export const builtinSpec = (id: string): ModelSpec => ({ kind: 'builtin', id });

/** A stable name for a spec on a backend (what a loaded session is keyed by). */
export const specKey = (spec: ModelSpec, backend: string): string =>
  spec.kind === 'builtin'
    ? `${spec.id}@${backend}`
    : spec.kind === 'remote'
      ? JSON.stringify(['remote', spec.baseUrl, spec.model, spec.chat])
      : JSON.stringify([spec.host, spec.model, spec.revision, spec.dtype, spec.system, backend]);

export const specLabel = (spec: ModelSpec): string =>
  spec.kind === 'builtin' ? spec.id : spec.model;
