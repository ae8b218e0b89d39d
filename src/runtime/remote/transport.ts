/**
 * HTTP to an OpenAI-compatible server (vLLM, SGLang, llama.cpp's server, `ttc serve`): JSON in and
 * out, with what a long sweep needs from a network — a timeout per request, retries with exponential
 * backoff and full jitter on 429, 5xx and network errors (bounded in count and in total time, and
 * honouring Retry-After), cancellation that aborts requests in flight, and bodies read up to a size
 * bound. The API key goes in the Authorization header and nowhere else: no message, URL or log
 * carries it.
 */

export type RemoteErrorKind =
  | 'http' // the server answered with an error status
  | 'unreachable' // no answer: down, refused, CORS, mixed content (a browser cannot tell which)
  | 'timeout'
  | 'invalid' // an answer that is not what the protocol says
  | 'cancelled';

export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(
    message: string,
    readonly kind: RemoteErrorKind,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface TransportOptions {
  /** The server's OpenAI base, with `/v1` (e.g. http://127.0.0.1:8000/v1). */
  baseUrl: string;
  apiKey?: string;
  /** Per request (default 120 s). */
  timeoutMs?: number;
  /** Retries after the first try (default 5). */
  retries?: number;
  /** No retry starts after this much time since the first try (default 120 s). */
  retryBudgetMs?: number;
  /** First backoff; attempt k waits a uniform draw in [0, base·2^k] (default 500 ms). */
  backoffMs?: number;
  maxBodyBytes?: number;
  /** Injected in tests so that no test waits on the clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
  now?: () => number;
  /** What to tell the user beside a failure, where they can fix it (the page: CORS, keys). */
  hints?: TransportHints;
}

export interface TransportHints {
  /** No answer from `url`. */
  unreachable?: (url: string) => string;
  /** The server answered `status`: what to change, or null. */
  status?: (status: number) => string | null;
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

const RETRIED = (status: number) => status === 429 || status >= 500;

/** The server's root: `/tokenize` and `/pooling` live beside `/v1`, not under it. */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** A URL for messages: no credentials, no query. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(a malformed URL)';
  }
}

async function readBody(res: Response, limit: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit)
    throw new RemoteError(
      `the response is ${declared} bytes, over the ${limit}-byte bound`,
      'invalid',
    );
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        void reader.cancel();
        throw new RemoteError(`the response is over the ${limit}-byte bound`, 'invalid');
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof RemoteError || signal.aborted) throw e;
    throw new RemoteError(
      `the connection dropped in the middle of the response (${size} bytes arrived)`,
      'unreachable',
    );
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** The message of an OpenAI-style error body (vLLM, SGLang, llama.cpp), or its text. */
function errorMessage(text: string): string {
  try {
    const b = JSON.parse(text) as Record<string, unknown>;
    const e = b.error;
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
      return (e as { message: string }).message;
    if (typeof b.message === 'string') return b.message;
    if (typeof b.detail === 'string') return b.detail;
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}

export interface Transport {
  readonly baseUrl: string;
  /** `path` under the base (`/completions`), or at the server's root with `root` (`/tokenize`). */
  post(path: string, body: unknown, o?: { root?: boolean; signal?: AbortSignal }): Promise<unknown>;
  get(path: string, o?: { signal?: AbortSignal }): Promise<unknown>;
}

export function transport(opts: TransportOptions): Transport {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const root = serverRoot(base);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const retries = opts.retries ?? 5;
  const budget = opts.retryBudgetMs ?? 120_000;
  const backoff = opts.backoffMs ?? 500;
  const limit = opts.maxBodyBytes ?? 64 << 20;
  const sleep = opts.sleep ?? sleepFor;
  const random = opts.random ?? Math.random;
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const now = opts.now ?? (() => Date.now());

  async function once(url: string, init: RequestInit, signal: AbortSignal | undefined) {
    const ctl = new AbortController();
    const onAbort = () => ctl.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort(new Error('timeout'));
    }, timeoutMs);
    try {
      let res: Response;
      try {
        res = await doFetch(url, { ...init, signal: ctl.signal });
      } catch {
        if (signal?.aborted) throw new RemoteError('cancelled', 'cancelled');
        if (timedOut)
          throw new RemoteError(
            `no answer from ${displayUrl(url)} in ${timeoutMs / 1000} s`,
            'timeout',
          );
        const hint = opts.hints?.unreachable?.(displayUrl(url));
        throw new RemoteError(
          `could not reach ${displayUrl(url)}${hint ? `. ${hint}` : ''}`,
          'unreachable',
        );
      }
      let text: string;
      try {
        text = await readBody(res, limit, ctl.signal);
      } catch (e) {
        if (signal?.aborted) throw new RemoteError('cancelled', 'cancelled');
        if (timedOut)
          throw new RemoteError(
            `no answer from ${displayUrl(url)} in ${timeoutMs / 1000} s`,
            'timeout',
          );
        throw e;
      }
      return { res, text };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function request(url: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
    const started = now();
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | null = null;
      let failure: RemoteError;
      try {
        const { res, text } = await once(url, init, signal);
        if (res.ok) {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            throw new RemoteError(`${displayUrl(url)} answered with malformed JSON`, 'invalid');
          }
        }
        const hint = opts.hints?.status?.(res.status);
        failure = new RemoteError(
          `${displayUrl(url)} answered ${res.status}: ${errorMessage(text)}${hint ? `. ${hint}` : ''}`,
          'http',
          res.status,
        );
        if (!RETRIED(res.status)) throw failure;
        const header = res.headers.get('retry-after');
        const ra = header === null ? NaN : Number(header);
        if (Number.isFinite(ra) && ra >= 0) retryAfterMs = ra * 1000;
      } catch (e) {
        if (!(e instanceof RemoteError)) throw e;
        if (e.kind === 'http' || e.kind === 'invalid' || e.kind === 'cancelled') throw e;
        failure = e;
      }
      const wait = retryAfterMs ?? random() * backoff * 2 ** attempt;
      if (attempt >= retries || now() - started + wait > budget)
        throw new RemoteError(
          `${failure.message} (gave up after ${attempt + 1} ${attempt === 0 ? 'try' : 'tries'})`,
          failure.kind,
          failure.status,
        );
      try {
        await sleep(wait, signal);
      } catch {
        throw new RemoteError('cancelled', 'cancelled');
      }
    }
  }

  const headers = (json: boolean): Record<string, string> => ({
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
  });

  return {
    baseUrl: base,
    post: (path, body, o = {}) =>
      request(
        `${o.root ? root : base}${path}`,
        { method: 'POST', headers: headers(true), body: JSON.stringify(body) },
        o.signal,
      ),
    get: (path, o = {}) =>
      request(`${base}${path}`, { method: 'GET', headers: headers(false) }, o.signal),
  };
}
