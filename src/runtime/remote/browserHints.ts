/**
 * What a page tells the user when a server fails it, in terms of what to change. Under cross-origin
 * isolation (and in general) a browser's fetch fails the same way for a server that is down and for
 * one that refuses this page's origin (CORS), so the message names both, with the flag that fixes
 * the second.
 */
import type { TransportHints } from './transport';

export function browserHints(pageOrigin: string): TransportHints {
  return {
    unreachable: () =>
      `Either no server is answering there, or it refuses this page's origin (CORS): start it with --allowed-origins '["${pageOrigin}"]' (vLLM, ttc serve; Ollama: OLLAMA_ORIGINS=${pageOrigin}). The browser cannot tell the two apart`,
    status: (s) =>
      s === 401 || s === 403
        ? 'The server wants an API key: enter it under API key (it stays in this tab’s memory)'
        : null,
  };
}
