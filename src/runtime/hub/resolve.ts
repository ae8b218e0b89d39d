/**
 * Which files a hub model needs and where they live, by transformers.js's rules, so a model that loads
 * there loads here: `{host}/{model}/resolve/{revision}/{path}`, the dtype's file suffix
 * (`onnx/model_q4f16.onnx`), and external weight files (`model.onnx_data`, `_data_1`, …) as
 * `transformers.js_config.use_external_data_format` declares them. No ONNX Runtime import.
 */

/** transformers.js's dtype → file suffix (utils/dtypes.js), for the dtypes a decoder here can run. */
export const DTYPE_SUFFIX = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;

export type HubDtype = keyof typeof DTYPE_SUFFIX;

export function isHubDtype(s: string): s is HubDtype {
  return Object.prototype.hasOwnProperty.call(DTYPE_SUFFIX, s);
}

/** `org/name`, each part the hub's characters only (it becomes a URL path). */
export function checkModelId(id: string): string | null {
  return /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/.test(id) && !id.includes('..')
    ? null
    : `"${id}" is not a hub model id (org/name)`;
}

export function fileUrl(host: string, model: string, revision: string, path: string): string {
  const base = host.replace(/\/+$/, '');
  return `${base}/${model}/resolve/${encodeURIComponent(revision)}/${path}`;
}

type JsConfig = { dtype?: unknown; use_external_data_format?: unknown };

function jsConfig(config: Record<string, unknown>): JsConfig {
  const c = config['transformers.js_config'];
  return c && typeof c === 'object' ? (c as JsConfig) : {};
}

/** The dtype transformers.js would pick without being told: the config's, else fp32. */
export function defaultDtype(config: Record<string, unknown>): HubDtype {
  const d = jsConfig(config).dtype;
  return typeof d === 'string' && isHubDtype(d) ? d : 'fp32';
}

/** Chunks of external data for `model{suffix}.onnx`: per file name, or for every file (a number/boolean). */
function externalChunks(config: Record<string, unknown>, fullName: string): number {
  const spec = jsConfig(config).use_external_data_format;
  if (!spec) return 0;
  if (typeof spec === 'object') {
    const own = (k: string) => Object.prototype.hasOwnProperty.call(spec, k);
    const v = own(fullName)
      ? (spec as Record<string, unknown>)[fullName]
      : own('model')
        ? (spec as Record<string, unknown>)['model']
        : 0;
    return Number(v) || 0;
  }
  return Number(spec) || 0;
}

export interface ModelFiles {
  /** `onnx/model{suffix}.onnx` */
  graph: string;
  /** Its external data files, in order, as paths in the repo; the graph names them by file name. */
  data: string[];
}

export function modelFiles(config: Record<string, unknown>, dtype: HubDtype): ModelFiles {
  const fullName = `model${DTYPE_SUFFIX[dtype]}.onnx`;
  const chunks = externalChunks(config, fullName);
  if (chunks > 100)
    throw new Error(`config.json declares ${chunks} external data files (at most 100)`);
  return {
    graph: `onnx/${fullName}`,
    data: Array.from(
      { length: chunks },
      (_, i) => `onnx/${fullName}_data${i === 0 ? '' : `_${i}`}`,
    ),
  };
}
