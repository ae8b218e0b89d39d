/**
 * `ttc serve`: an OpenAI-compatible HTTP server over the built-in models, answering the endpoints and
 * shapes of vLLM's (`/v1/models`, `/v1/completions`, `/tokenize`, `/detokenize`, `/health`, and
 * `/pooling` for a step-reward model served as vLLM serves one), with
 * vLLM's seeding rule, CORS (`--allowed-origins`, default all, as vLLM) and an optional API key. The
 * remote path of the playground is tested end to end against it, and a class can share one machine's
 * models through it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CompletionEngine, type JobOut } from './engine';
import {
  BadRequest,
  completionResponse,
  errorBody,
  readCompletionRequest,
  tokenizeRequest,
} from './protocol';
import { poolingResponse, readPoolingInputs, stepRows } from './pooling';
import type { ServedModel } from './servedModel';

/** The most a request body may hold. */
const MAX_BODY = 8 << 20;

/**
 * Fault injection for the client's tests (no sleeps: the test decides what happens to request k).
 * `respond` may answer a request itself (a status and body), cut it off mid-body, or let it through.
 */
export interface ServeHooks {
  respond?: (
    path: string,
    count: number,
  ) => { status: number; body: unknown; headers?: Record<string, string> } | 'drop-mid-body' | null;
  /** After each finished completion job (one prompt's choices): the test may kill the server. */
  onJobDone?: (count: number) => void;
  /** Before each decode step: the test may cancel its request and wait for the batch to see it. */
  onDecodeStep?: (step: number, batch: AbortSignal) => Promise<void> | void;
}

export interface ServeOptions {
  models: ServedModel[];
  port: number;
  host: string;
  /** Origins allowed by CORS; ['*'] allows all. */
  allowedOrigins: string[];
  apiKey?: string;
  batchWaitMs?: number;
  hooks?: ServeHooks;
}

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops at once: open connections are destroyed (a server that dies mid-sweep). */
  kill(): Promise<void>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) throw new BadRequest(`request body over ${MAX_BODY} bytes`, null, 413);
    chunks.push(c);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('the request body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new BadRequest('the request body must be a JSON object');
  return body as Record<string, unknown>;
}

export function startServe(o: ServeOptions): Promise<RunningServer> {
  const models = new Map(o.models.map((m) => [m.id, m]));
  const engine = new CompletionEngine(o.batchWaitMs, o.hooks ?? {});
  const sockets = new Set<Socket>();
  let count = 0;

  function cors(req: IncomingMessage): Record<string, string> | null {
    const origin = req.headers.origin;
    if (!origin) return {};
    const all = o.allowedOrigins.includes('*');
    if (!all && !o.allowedOrigins.includes(origin)) return null;
    return {
      'access-control-allow-origin': all ? '*' : origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '600',
      // Chromium's private-network preflight: a page elsewhere calling a server on this machine.
      'access-control-allow-private-network': 'true',
      ...(all ? {} : { vary: 'Origin' }),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]!;
    const corsHeaders = cors(req);
    // A refused origin gets no CORS headers: the browser blocks the response, as with vLLM.
    const h = corsHeaders ?? {};
    if (req.method === 'OPTIONS') {
      res.writeHead(corsHeaders ? 204 : 403, h);
      res.end();
      return;
    }
    const hook = o.hooks?.respond?.(path, ++count);
    if (hook === 'drop-mid-body') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000', ...h });
      res.write('{"id":"cmpl-cut","choices":[{"index":0,"te');
      res.socket?.destroy();
      return;
    }
    if (hook) return send(res, hook.status, hook.body, { ...h, ...hook.headers });
    if (o.apiKey && path !== '/health' && req.headers.authorization !== `Bearer ${o.apiKey}`)
      return send(res, 401, { error: 'Unauthorized' }, h);
    try {
      if (req.method === 'GET' && path === '/health') return send(res, 200, {}, h);
      if (req.method === 'GET' && path === '/v1/models') return send(res, 200, modelList(), h);
      if (req.method !== 'POST') return send(res, 404, { detail: 'Not Found' }, h);
      if (path === '/v1/completions') return await completions(req, res, h);
      if (path === '/tokenize') {
        const body = await readJson(req);
        const m = modelOf(body.model);
        const tokens = tokenizeRequest(m, body);
        return send(res, 200, { count: tokens.length, max_model_len: m.maxModelLen, tokens }, h);
      }
      if (path === '/pooling') {
        const body = await readJson(req);
        const m = modelOf(body.model);
        // vLLM's answer for a generative model: the Pooling API is a pooling runner's.
        if (!m.pooler) throw new BadRequest('The model does not support Pooling API');
        const inputs = readPoolingInputs(m, body);
        return send(
          res,
          200,
          poolingResponse(m.id, await stepRows(m, m.pooler, inputs), inputs),
          h,
        );
      }
      if (path === '/detokenize') {
        const body = await readJson(req);
        const m = modelOf(body.model);
        const ids = body.tokens;
        if (!Array.isArray(ids) || !ids.every((t) => Number.isInteger(t)))
          throw new BadRequest('tokens must be a list of token ids', 'tokens');
        return send(res, 200, { prompt: m.detokenize(ids as number[]) }, h);
      }
      return send(res, 404, { detail: 'Not Found' }, h);
    } catch (e) {
      if (e instanceof BadRequest)
        return send(res, e.status, errorBody(e.message, e.status, e.param), h);
      if (e instanceof Error && e.message === 'cancelled') return; // the client has gone
      return send(res, 500, errorBody(e instanceof Error ? e.message : String(e), 500), h);
    }
  }

  function modelOf(name: unknown): ServedModel {
    const m = name === undefined || name === null ? o.models[0] : models.get(String(name));
    if (!m) throw new BadRequest(`The model \`${String(name)}\` does not exist.`, 'model', 404);
    return m;
  }

  function modelList() {
    const created = Math.floor(Date.now() / 1000);
    return {
      object: 'list',
      data: o.models.map((m) => ({
        id: m.id,
        object: 'model',
        created,
        owned_by: 'ttc',
        root: m.id,
        parent: null,
        max_model_len: m.maxModelLen,
        permission: [],
      })),
    };
  }

  async function completions(req: IncomingMessage, res: ServerResponse, h: Record<string, string>) {
    const r = readCompletionRequest(await readJson(req), models);
    // The client hanging up cancels its jobs: the batch stops within a decode step once all are gone.
    const ctl = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) ctl.abort(new Error('cancelled'));
    });
    const seed = r.seed ?? randomInt(0, 2 ** 32 - 256);
    const outs: JobOut[] = await Promise.all(
      r.prompts.map((prompt) =>
        engine.submit({
          model: r.model,
          prompt,
          seeds: Array.from({ length: r.n }, (_, j) => (seed + j) >>> 0),
          temperature: r.temperature,
          topP: r.topP,
          topK: r.topK,
          maxTokens: r.maxTokens,
          stop: r.stop,
          includeStop: r.includeStop,
          promptLogprobs: r.promptLogprobs !== null,
          signal: ctl.signal,
        }),
      ),
    );
    send(res, 200, completionResponse(r, outs, `cmpl-${randomBytes(12).toString('hex')}`), h);
  }

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      resolve({
        url: `http://${host}:${port}`,
        server,
        kill: () =>
          new Promise((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
