/**
 * What computed the figures a link shows: the engine version, each model's content hash and the
 * backend. "Copy link" adds them; opening the link on a page with other model files, another engine
 * or another backend says so plainly (the same seeds then give different samples).
 */
import { ENGINE_VERSION } from '../../core/version';
import type { ModelRef } from '../../core/types';

export interface Provenance {
  engine: string | null;
  /** Model id → content hash (a prefix is enough to tell files apart). */
  models: Record<string, string>;
  /** Hub model id → the commit its revision resolved to (a prefix). */
  revisions: Record<string, string>;
  backend: 'wasm' | 'webgpu' | null;
}

export const PROVENANCE_KEYS = ['ev', 'mh', 'mr', 'rb'] as const;
/** A built-in id or a hub `org/name`. */
const MODEL_ID = '[A-Za-z0-9][\\w./-]{0,191}';
/** A hash's first hex digits, without its `sha256:` label: enough to tell files apart. */
const short = (hash: string) => hash.replace(/^sha256:/, '').slice(0, 12);

/** The query-string tail "Copy link" appends. */
export function provenanceQuery(models: readonly ModelRef[], backend: string | null): string {
  const q = new URLSearchParams();
  q.set('ev', ENGINE_VERSION);
  if (models.length > 0) q.set('mh', models.map((m) => `${m.id}:${short(m.hash)}`).join(','));
  const hub = models.filter((m) => m.source);
  if (hub.length > 0)
    q.set('mr', hub.map((m) => `${m.id}:${m.source!.revision.slice(0, 40)}`).join(','));
  if (backend === 'wasm' || backend === 'webgpu') q.set('rb', backend);
  return q.toString().replaceAll('%2C', ',').replaceAll('%3A', ':').replaceAll('%2F', '/');
}

/** Reads the provenance a link carries; malformed parts are dropped with a message. */
export function parseProvenance(search: string): {
  provenance: Provenance | null;
  messages: string[];
} {
  const messages: string[] = [];
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search.length > 4096 ? '' : search);
  } catch {
    return { provenance: null, messages };
  }
  if (!PROVENANCE_KEYS.some((k) => q.has(k))) return { provenance: null, messages };
  const p: Provenance = { engine: null, models: {}, revisions: {}, backend: null };
  const ev = q.get('ev');
  if (ev !== null) {
    if (/^\d+\.\d+\.\d+$/.test(ev)) p.engine = ev;
    else
      messages.push(
        `Ignored ev=${JSON.stringify(ev.slice(0, 40))}: expected a version like 1.2.3.`,
      );
  }
  const mh = q.get('mh');
  if (mh !== null) {
    for (const part of mh.split(',').slice(0, 8)) {
      const m = new RegExp(`^(${MODEL_ID}):([0-9a-f]{8,64})$`).exec(part);
      if (m && !Object.prototype.hasOwnProperty.call(p.models, m[1]!)) p.models[m[1]!] = m[2]!;
      else messages.push(`Ignored model hash ${JSON.stringify(part.slice(0, 80))}.`);
    }
  }
  const mr = q.get('mr');
  if (mr !== null) {
    for (const part of mr.split(',').slice(0, 8)) {
      const m = new RegExp(`^(${MODEL_ID}):([\\w.-]{1,64})$`).exec(part);
      if (m && !Object.prototype.hasOwnProperty.call(p.revisions, m[1]!))
        p.revisions[m[1]!] = m[2]!;
      else messages.push(`Ignored model revision ${JSON.stringify(part.slice(0, 80))}.`);
    }
  }
  const rb = q.get('rb');
  if (rb !== null) {
    if (rb === 'wasm' || rb === 'webgpu') p.backend = rb;
    else messages.push(`Ignored rb=${JSON.stringify(rb.slice(0, 40))}: expected wasm or webgpu.`);
  }
  return { provenance: p, messages };
}

/** What differs between the link's provenance and what this page computed with. */
export function provenanceMismatches(
  link: Provenance,
  models: readonly ModelRef[],
  backend: string | null,
): string[] {
  const out: string[] = [];
  if (link.engine && link.engine !== ENGINE_VERSION)
    out.push(
      `This link was made with engine ${link.engine}; this page runs ${ENGINE_VERSION}, so its figures may differ.`,
    );
  for (const [id, hash] of Object.entries(link.models)) {
    const here = models.find((m) => m.id === id);
    if (here && !short(here.hash).startsWith(hash) && !hash.startsWith(short(here.hash)))
      out.push(
        `This link's ${id} had hash ${hash}; this page's file has ${short(here.hash)}: a different model, so the samples differ.`,
      );
  }
  for (const [id, revision] of Object.entries(link.revisions)) {
    const here = models.find((m) => m.id === id)?.source?.revision;
    if (here && !here.startsWith(revision) && !revision.startsWith(here))
      out.push(
        `This link's ${id} was at commit ${revision.slice(0, 12)}; this page loaded commit ${here.slice(0, 12)} (the revision has moved), so the samples may differ.`,
      );
  }
  if (link.backend && backend && link.backend !== backend)
    out.push(
      `This link was computed on ${link.backend.toUpperCase()}; this page runs ${backend.toUpperCase()}, so samples may differ slightly.`,
    );
  return out;
}
