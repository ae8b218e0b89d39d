/**
 * The experiment in the URL's query string: readable keys, only what differs from the defaults, and a
 * version. Both directions read the experiment table (`table.ts`). Parsing never throws: a bad value
 * falls back to its default with a specific message.
 */
import { DEFAULT_EXPERIMENT, SETTING_NAMES, SETTINGS } from './table';
import type { Experiment } from './settings';

/**
 * Version 2: tree search follows its reference code (search-and-learn, its_hub). A version-1 link
 * still replays its figure: it reads with the first wave's search variants on (`tfw`).
 */
export const URL_VERSION = 2;
const KNOWN_VERSIONS = ['1', String(URL_VERSION)];
/** Longer query strings are not read at all (a hostile link cannot make the page parse megabytes). */
export const MAX_QUERY_LENGTH = 4096;

export interface Parsed {
  experiment: Experiment;
  messages: string[];
}

const show = (raw: string) => JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + '…' : raw);

export function parseExperiment(search: string): Parsed {
  const messages: string[] = [];
  const e: Experiment = structuredClone(DEFAULT_EXPERIMENT) as Experiment;
  if (search.length > MAX_QUERY_LENGTH) {
    return {
      experiment: e,
      messages: [
        `The link's settings are too long (${search.length} characters); defaults are shown.`,
      ],
    };
  }
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    return {
      experiment: e,
      messages: ["The link's settings could not be read; defaults are shown."],
    };
  }
  const version = q.get('v');
  if (version !== null && !KNOWN_VERSIONS.includes(version)) {
    messages.push(
      `This link was made by settings version ${show(version)}; this page reads version ${URL_VERSION}, so some settings may differ.`,
    );
  }
  const get = (key: string) => q.get(key);
  const record = e as unknown as Record<keyof Experiment, unknown>;
  for (const name of SETTING_NAMES) {
    // A setting whose default depends on one read earlier (the token limit on the task) starts there.
    record[name] = SETTINGS[name].initial(e);
    const read = (SETTINGS[name] as (typeof SETTINGS)[typeof name]).read(get, e);
    if (read.value !== undefined) record[name] = read.value;
    for (const { key, raw, why } of read.ignored)
      messages.push(`Ignored ${key}=${show(raw)}: ${why}.`);
  }
  if (version === '1' && q.get('tfw') === null) e.treeFirstWave = true;
  // Where models download from is this browser's setting: a link naming a host is never followed.
  const hub = q.get('hub');
  if (hub !== null)
    messages.push(
      `Ignored hub=${show(hub)}: a link cannot choose where models download from. This page downloads hub models from its own hub host setting (Models → Hub host).`,
    );
  if (e.problem >= e.problems) e.problem = 0;
  return { experiment: e, messages };
}

/** Only the settings that differ from the defaults, in the table's order; always the version. */
export function serializeExperiment(e: Experiment): string {
  const q = new URLSearchParams();
  for (const name of SETTING_NAMES) {
    const setting = SETTINGS[name] as (typeof SETTINGS)[typeof name];
    for (const [key, value] of setting.write(e[name] as never, e)) q.set(key, value);
  }
  q.set('v', String(URL_VERSION));
  return q.toString().replaceAll('%2C', ',');
}
