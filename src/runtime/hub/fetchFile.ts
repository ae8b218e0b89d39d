/**
 * Fetching one hub file: its bytes, its sha256, and the commit the hub resolved the revision to
 * (`X-Repo-Commit`, which huggingface.co sends on every resolve; a mirror may not). Redirects are
 * followed (the hub answers large files from a CDN). Sizes come first, from `Range: bytes=0-0`
 * (206 with `Content-Range: bytes 0-0/SIZE`), so progress has a total before the download starts.
 */

export class HubError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface FetchedFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
  /** The commit header, when the server sent one. */
  commit: string | null;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function failure(url: string, path: string, res: Response): HubError {
  // The hub says which part was not found; a plain server's 404 is about the file.
  const code = res.headers.get('x-error-code');
  const revision = decodeURIComponent(url.split('/resolve/')[1]?.split('/')[0] ?? '');
  const what =
    res.status === 404 && code === 'RepoNotFound'
      ? 'is not a model there (or it is private)'
      : res.status === 404 && code === 'RevisionNotFound'
        ? `has no revision "${revision}"`
        : res.status === 404
          ? `has no file ${path}`
          : res.status === 401 || res.status === 403
            ? `refused ${path} (${res.status}: gated or private model?)`
            : `answered ${res.status} for ${path}`;
  return new HubError(`${url.split('/resolve/')[0]} ${what}`, res.status);
}

async function request(fetchFn: Fetch, url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, { redirect: 'follow', ...init });
  } catch (e) {
    if (init?.signal?.aborted) throw init.signal.reason ?? e;
    throw new HubError(`could not reach ${new URL(url).origin}: ${(e as Error).message}`);
  }
}

/** The file's size in bytes, or null when the server does not say. */
export async function fileSize(
  fetchFn: Fetch,
  url: string,
  path: string,
  signal?: AbortSignal,
): Promise<number | null> {
  const res = await request(fetchFn, url, {
    headers: { Range: 'bytes=0-0' },
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) throw failure(url, path, res);
  await res.body?.cancel();
  const range = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
  if (res.status === 206 && range) return Number(range[1]);
  const length = res.headers.get('content-length');
  return res.status === 200 && length ? Number(length) : null;
}

/** What a download is checked against, beyond arriving whole. */
export interface FetchOptions {
  onBytes?: (received: number) => void;
  signal?: AbortSignal;
}

/** A sha256 the server states for the file (the hub's ETag for LFS files), else null. */
function statedSha256(res: Response): string | null {
  const tag = res.headers.get('x-linked-etag') ?? res.headers.get('etag') ?? '';
  const m = /^(?:W\/)?"?([0-9a-f]{64})"?$/.exec(tag.trim());
  return m ? m[1]! : null;
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export async function fetchFile(
  fetchFn: Fetch,
  url: string,
  path: string,
  o: FetchOptions = {},
): Promise<FetchedFile> {
  const res = await request(fetchFn, url, o.signal ? { signal: o.signal } : undefined);
  if (!res.ok) throw failure(url, path, res);
  const commit = res.headers.get('x-repo-commit');
  const length = Number(res.headers.get('content-length')) || null;
  const parts: Uint8Array[] = [];
  let n = 0;
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        n += value.length;
        o.onBytes?.(n);
      }
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason ?? e;
      const of = length ? ` of ${mb(length)}` : '';
      throw new HubError(
        `${path}: the download broke off after ${mb(n)}${of} (${(e as Error).message})`,
      );
    }
  }
  if (length !== null && n !== length)
    throw new HubError(`${path}: the download broke off after ${mb(n)} of ${mb(length)}`);
  const bytes = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  const digest = await sha256(bytes);
  const stated = statedSha256(res);
  if (stated && stated !== digest)
    throw new HubError(
      `${path} is corrupt: its sha256 is ${digest.slice(0, 12)}…, the server states ${stated.slice(0, 12)}…`,
    );
  return { path, bytes, sha256: digest, commit };
}
