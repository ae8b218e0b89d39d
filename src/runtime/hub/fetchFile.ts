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

async function sha256(bytes: Uint8Array): Promise<string> {
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
    throw new HubError(`could not reach ${new URL(url).origin}: ${(e as Error).message}`);
  }
}

/** The file's size in bytes, or null when the server does not say. */
export async function fileSize(fetchFn: Fetch, url: string, path: string): Promise<number | null> {
  const res = await request(fetchFn, url, { headers: { Range: 'bytes=0-0' } });
  if (!res.ok) throw failure(url, path, res);
  await res.body?.cancel();
  const range = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
  if (res.status === 206 && range) return Number(range[1]);
  const length = res.headers.get('content-length');
  return res.status === 200 && length ? Number(length) : null;
}

export async function fetchFile(
  fetchFn: Fetch,
  url: string,
  path: string,
  onBytes?: (received: number) => void,
): Promise<FetchedFile> {
  const res = await request(fetchFn, url);
  if (!res.ok) throw failure(url, path, res);
  const commit = res.headers.get('x-repo-commit');
  let bytes: Uint8Array;
  if (res.body && onBytes) {
    const parts: Uint8Array[] = [];
    let n = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      n += value.length;
      onBytes(n);
    }
    bytes = new Uint8Array(n);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
  } else {
    bytes = new Uint8Array(await res.arrayBuffer());
  }
  return { path, bytes, sha256: await sha256(bytes), commit };
}
