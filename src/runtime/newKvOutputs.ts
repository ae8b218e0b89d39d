/**
 * On the CPU (WASM) backend ONNX Runtime hands every output back as a freshly allocated array: at
 * batch 64 the `present.*` caches are ~12 MB a step, and allocating them cost about a third of the
 * step. The decoder therefore fetches only the step's *new* keys and values (the second input of each
 * `Concat` that makes a `present.*`), exposed here as extra graph outputs, and appends them to the
 * cache itself, into recycled storage. The model file is untouched; this edits the bytes handed to
 * the session (protobuf reading and splicing: onnxRead.ts).
 */
import { ELEM, valueInfo, Writer } from './onnxGraph';
import { appendToGraph, elemType, fields, graphOf, text, valueName, varint } from './onnxRead';

/**
 * The model with `present.{i}.key/value`'s new-token halves added as outputs, and their names in
 * cache order (key, value per layer); null when a `present.*` is not a Concat of past and new along
 * the sequence axis (then the decoder fetches `present.*` as usual).
 */
export function exposeNewKv(
  model: Uint8Array,
  layers: number,
): { model: Uint8Array; names: string[] } | null {
  const graph = graphOf(model);
  if (!graph) return null;
  const [gStart, gEnd] = graph.payload!;
  const newOf = new Map<string, string>();
  // The new outputs have the cache's element type (float16 in fp16 exports), read off the first past.
  let elem: 'float32' | 'float16' = 'float32';
  for (const f of fields(model, gStart, gEnd)) {
    if (f.no === 11 && f.payload && valueName(model, f.payload) === 'past_key_values.0.key') {
      if (elemType(model, f.payload) === ELEM.float16) elem = 'float16';
      continue;
    }
    if (f.no !== 1 || !f.payload) continue;
    const inputs: string[] = [];
    const outputs: string[] = [];
    let op = '';
    let axis: number | null = null;
    for (const g of fields(model, ...f.payload)) {
      if (g.no === 1 && g.payload) inputs.push(text(model, g.payload));
      else if (g.no === 2 && g.payload) outputs.push(text(model, g.payload));
      else if (g.no === 4 && g.payload) op = text(model, g.payload);
      else if (g.no === 5 && g.payload) {
        // AttributeProto: name (1), i (3).
        let name = '';
        let i: number | null = null;
        for (const h of fields(model, ...g.payload)) {
          if (h.no === 1 && h.payload) name = text(model, h.payload);
          else if (h.no === 3 && !h.payload) i = varint(model, varint(model, h.start)[1])[0];
        }
        if (name === 'axis') axis = i;
      }
    }
    const out = outputs[0];
    if (op === 'Concat' && out?.startsWith('present.') && inputs.length === 2 && axis === 2)
      newOf.set(out, inputs[1]!);
  }
  const names: string[] = [];
  for (let i = 0; i < layers; i++) {
    for (const part of ['key', 'value']) {
      const name = newOf.get(`present.${i}.${part}`);
      if (!name) return null;
      names.push(name);
    }
  }
  const extra = new Writer();
  for (const n of names) extra.msg(12, valueInfo(n, elem, 4));
  return { model: appendToGraph(model, extra.bytes), names };
}
