/**
 * A local stand-in for the Hugging Face Hub, answering as huggingface.co does for what transformers.js
 * and our loader ask: `GET /{org}/{name}/resolve/{revision}/{path}` with an `X-Repo-Commit` header,
 * `Range: bytes=0-0` answered 206 with the size, weight files redirected (302) to a second origin as
 * the hub redirects LFS files to its CDN, and 404 with `X-Error-Code: EntryNotFound` (or
 * `RevisionNotFound`) for what is not there. Serves a folder laid out `{org}/{name}/…` (what
 * `npm run test-model` writes). `npm run hub -- DIR [PORT]` runs it by hand.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

export interface StandInHub {
  url: string;
  /** The second origin weight files are redirected to. */
  cdnUrl: string;
  /** Every request, as "METHOD path [range]", on either origin. */
  log: string[];
  /** The commit every repo answers with (a hash of the folder listing). */
  commit(model: string): string;
  /**
   * Faults for tests, each applied once to the next download of a file whose path ends with it:
   * `cut` sends half the body and drops the connection; `corrupt` flips a byte of the body (the
   * ETag still states the true sha256, as the hub's does); `stall` sends half the body and then
   * nothing until the client gives up (a download that is certainly mid-file when a test acts).
   */
  faults: Faults;
  close(): Promise<void>;
}

type Faults = { cut: string[]; corrupt: string[]; stall: string[] };

const REDIRECTED = /\.onnx(_data(_\d+)?)?$/;

function listing(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${p.slice(dir.length)} ${statSync(p).size} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out.join('\n');
}

function listen(server: Server, port = 0): Promise<string> {
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

const digests = new Map<string, string>();
/** The file's sha256, which the hub states as the ETag of LFS files. */
function fileSha256(file: string): string {
  const key = `${file} ${statSync(file).mtimeMs}`;
  let d = digests.get(key);
  if (!d) digests.set(key, (d = createHash('sha256').update(readFileSync(file)).digest('hex')));
  return d;
}

/** Takes the first fault whose suffix `path` ends with (each fault fires once). */
function take(list: string[], path: string): boolean {
  const i = list.findIndex((s) => path.endsWith(s));
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
  faults?: Faults,
) {
  const size = statSync(file).size;
  headers = { ...headers, ETag: `"${fileSha256(file)}"` };
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    res.writeHead(206, {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': end - start + 1,
    });
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': size, 'Accept-Ranges': 'bytes' });
  if (faults && take(faults.cut, file)) {
    res.write(readFileSync(file).subarray(0, size >> 1), () => res.destroy());
    return;
  }
  if (faults && take(faults.stall, file)) {
    res.write(readFileSync(file).subarray(0, size >> 1));
    return; // the response stays open; the client's abort closes it
  }
  if (faults && take(faults.corrupt, file)) {
    const body = readFileSync(file);
    body[size >> 1] = body[size >> 1]! ^ 0xff;
    res.end(body);
    return;
  }
  createReadStream(file).pipe(res);
}

function notFound(res: ServerResponse, code: string, headers: Record<string, string> = {}) {
  res.writeHead(404, { ...headers, 'Content-Type': 'application/json', 'X-Error-Code': code });
  res.end(
    JSON.stringify({ error: code === 'RevisionNotFound' ? 'Invalid rev id' : 'Entry not found' }),
  );
}

export async function startStandInHub(root: string, port = 0, cdnPort = 0): Promise<StandInHub> {
  const log: string[] = [];
  const faults: Faults = { cut: [], corrupt: [], stall: [] };
  const commits = new Map<string, string>();
  const commit = (model: string) => {
    let c = commits.get(model);
    if (!c) {
      c = createHash('sha1')
        .update(listing(join(root, model)))
        .digest('hex');
      commits.set(model, c);
    }
    return c;
  };
  const resolvePath = (model: string, path: string): string | null => {
    const file = normalize(join(root, model, path));
    if (!file.startsWith(normalize(root) + sep)) return null;
    return existsSync(file) && statSync(file).isFile() ? file : null;
  };
  const note = (req: IncomingMessage, origin: string) =>
    log.push(
      `${origin} ${req.method} ${req.url}${req.headers.range ? ` ${req.headers.range}` : ''}`,
    );

  // The CDN origin: /{org}/{name}/{commit}/{path}, no commit header (as the hub's CDN).
  const cdn = createServer((req, res) => {
    note(req, 'cdn');
    const m = /^\/([^/]+\/[^/]+)\/([0-9a-f]{40})\/(.+)$/.exec(decodeURI(req.url ?? ''));
    const file = m && m[2] === commit(m[1]!) ? resolvePath(m[1]!, m[3]!) : null;
    if (!file) return notFound(res, 'EntryNotFound');
    sendFile(
      req,
      res,
      file,
      {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Expose-Headers': 'Content-Range, ETag',
      },
      faults,
    );
  });
  const cdnUrl = await listen(cdn, cdnPort);

  const hub = createServer((req, res) => {
    note(req, 'hub');
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'X-Repo-Commit, Content-Range, X-Error-Code, ETag',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': 'Range' });
      return res.end();
    }
    const m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(
      decodeURI((req.url ?? '').split('?')[0]!),
    );
    if (!m || req.method !== 'GET' || !existsSync(join(root, m[1]!)))
      return notFound(res, 'RepoNotFound', cors);
    const [, model, revision, path] = m as unknown as [string, string, string, string];
    const sha = commit(model);
    if (revision !== 'main' && revision !== sha) return notFound(res, 'RevisionNotFound', cors);
    const file = resolvePath(model, path);
    const headers = { ...cors, 'X-Repo-Commit': sha };
    if (!file) return notFound(res, 'EntryNotFound', headers);
    if (REDIRECTED.test(path)) {
      res.writeHead(302, { ...headers, Location: `${cdnUrl}/${model}/${sha}/${path}` });
      return res.end();
    }
    sendFile(req, res, file, headers, faults);
  });
  const url = await listen(hub, port);
  return {
    url,
    cdnUrl,
    log,
    commit,
    faults,
    close: () =>
      Promise.all([hub, cdn].map((s) => new Promise<void>((r) => s.close(() => r())))).then(
        () => undefined,
      ),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: npm run hub -- DIR [PORT]');
    process.exit(2);
  }
  const hub = await startStandInHub(dir, port ? Number(port) : 0);
  console.log(`stand-in hub at ${hub.url} (weights redirected to ${hub.cdnUrl}), serving ${dir}`);
}
