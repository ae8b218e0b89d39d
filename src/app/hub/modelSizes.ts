/**
 * What each dtype of a hub model would download, asked of the hub (config.json, then the size of
 * each graph and external-data file by a one-byte range request): the picker's sizes. A dtype the
 * model does not ship is absent. Runs on the page: plain fetches, no inference runtime.
 */
import { fetchFile, fileSize, HubError } from '../../runtime/hub/fetchFile';
import { browserFileCache } from '../../runtime/hub/fileCache';
import { fileUrl, modelFiles } from '../../runtime/hub/resolve';
import { POLICY_DTYPES, type PolicyDtype } from '../experiment/settings';

export type DtypeSizes = Partial<Record<PolicyDtype, number | null>>;

const memo = new Map<string, Promise<DtypeSizes>>();

export function modelSizes(host: string, model: string, revision: string): Promise<DtypeSizes> {
  const key = JSON.stringify([host, model, revision]);
  let p = memo.get(key);
  if (!p) {
    p = measure(host, model, revision);
    memo.set(key, p);
    p.catch(() => memo.delete(key)); // a failure is asked again next time
  }
  return p;
}

async function measure(host: string, model: string, revision: string): Promise<DtypeSizes> {
  const f = (url: string, init?: RequestInit) => fetch(url, init);
  // A model this browser holds answers from its cache: asking for sizes downloads nothing again.
  const url = fileUrl(host, model, revision, 'config.json');
  const configFile =
    (await (await browserFileCache())?.match(url)) ?? (await fetchFile(f, url, 'config.json'));
  const config = JSON.parse(new TextDecoder().decode(configFile.bytes)) as Record<string, unknown>;
  const commit = configFile.commit ?? revision;
  const out: DtypeSizes = {};
  await Promise.all(
    POLICY_DTYPES.map(async (dtype) => {
      const { graph, data } = modelFiles(config, dtype);
      try {
        const sizes = await Promise.all(
          [graph, ...data].map((p) => fileSize(f, fileUrl(host, model, commit, p), p)),
        );
        out[dtype] = sizes.every((s) => s !== null) ? sizes.reduce((a, b) => a! + b!, 0) : null;
      } catch (e) {
        if (!(e instanceof HubError && e.status === 404)) throw e;
      }
    }),
  );
  return out;
}
