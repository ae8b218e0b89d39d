/**
 * What a worker is asked to load: a built-in model (same-origin `/models/<id>/`) or a hub model (host,
 * id, revision, dtype, and the chat prompt's system message). Plain data: it crosses to workers and
 * names the loaded session, so the same spec is never loaded twice.
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
    };

export const builtinSpec = (id: string): ModelSpec => ({ kind: 'builtin', id });

/** A stable name for a spec on a backend (what a loaded session is keyed by). */
export const specKey = (spec: ModelSpec, backend: string): string =>
  spec.kind === 'builtin'
    ? `${spec.id}@${backend}`
    : JSON.stringify([spec.host, spec.model, spec.revision, spec.dtype, spec.system, backend]);

export const specLabel = (spec: ModelSpec): string =>
  spec.kind === 'builtin' ? spec.id : spec.model;
