/**
 * On the CPU (WASM) backend ONNX Runtime hands every output back as a freshly allocated array: at
 * batch 64 the `present.*` caches are ~12 MB a step, and allocating them cost about a third of the
 * step. The decoder therefore fetches only the step's *new* keys and values (the second input of each
 * `Concat` that makes a `present.*`), exposed here as extra graph outputs, and appends them to the
 * cache itself, into recycled storage. The model file is untouched; this edits the bytes handed to
 * the session. A protobuf reader just deep enough for ModelProto → GraphProto → NodeProto.
 */
import { ELEM, valueInfo, Writer } from './onnxGraph';

interface Field {
  no: number;
  /** Where the field starts (its tag) and ends. */
  start: number;
  end: number;
  /** Length-delimited payload, for wire type 2. */
  payload?: [number, number];
}

function varint(buf: Uint8Array, at: number): [number, number] {
  let v = 0;
  let scale = 1;
  for (;;) {
    const b = buf[at++];
    if (b === undefined) throw new Error('truncated protobuf');
    v += (b & 0x7f) * scale;
    if (b < 0x80) return [v, at];
    scale *= 128;
  }
}

function* fields(buf: Uint8Array, from: number, to: number): Generator<Field> {
  let at = from;
  while (at < to) {
    const start = at;
    const [tag, next] = varint(buf, at);
    at = next;
    const wire = tag % 8;
    const no = Math.floor(tag / 8);
    if (wire === 0) at = varint(buf, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const [len, body] = varint(buf, at);
      at = body + len;
      yield { no, start, end: at, payload: [body, at] };
      continue;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    yield { no, start, end: at };
  }
  if (at !== to) throw new Error('malformed protobuf');
}

const text = (buf: Uint8Array, [a, b]: [number, number]) =>
  new TextDecoder().decode(buf.subarray(a, b));

/** ValueInfoProto: name (1). */
function inputName(buf: Uint8Array, [a, b]: [number, number]): string {
  for (const f of fields(buf, a, b)) if (f.no === 1 && f.payload) return text(buf, f.payload);
  return '';
}

/** ValueInfoProto → type (2) → tensor_type (1) → elem_type (1). */
function elemType(buf: Uint8Array, [a, b]: [number, number]): number | null {
  const sub = (range: [number, number], no: number) =>
    [...fields(buf, ...range)].find((f) => f.no === no && f.payload)?.payload;
  const type = sub([a, b], 2);
  const tensor = type && sub(type, 1);
  if (!tensor) return null;
  const e = [...fields(buf, ...tensor)].find((f) => f.no === 1 && !f.payload);
  return e ? varint(buf, varint(buf, e.start)[1])[0] : null;
}

/**
 * The model with `present.{i}.key/value`'s new-token halves added as outputs, and their names in
 * cache order (key, value per layer); null when a `present.*` is not a Concat of past and new along
 * the sequence axis (then the decoder fetches `present.*` as usual).
 */
export function exposeNewKv(
  model: Uint8Array,
  layers: number,
): { model: Uint8Array; names: string[] } | null {
  const graph = [...fields(model, 0, model.length)].find((f) => f.no === 7 && f.payload);
  if (!graph) return null;
  const [gStart, gEnd] = graph.payload!;
  const newOf = new Map<string, string>();
  // The new outputs have the cache's element type (float16 in fp16 exports), read off the first past.
  let elem: 'float32' | 'float16' = 'float32';
  for (const f of fields(model, gStart, gEnd)) {
    if (f.no === 11 && f.payload && inputName(model, f.payload) === 'past_key_values.0.key') {
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
  const body = new Uint8Array(gEnd - gStart + extra.bytes.length);
  body.set(model.subarray(gStart, gEnd), 0);
  body.set(extra.bytes, gEnd - gStart);
  const head = new Uint8Array(new Writer().varint((7 << 3) | 2).varint(body.length).bytes);
  const tail = model.subarray(graph.end);
  const out = new Uint8Array(graph.start + head.length + body.length + tail.length);
  out.set(model.subarray(0, graph.start), 0);
  out.set(head, graph.start);
  out.set(body, graph.start + head.length);
  out.set(tail, graph.start + head.length + body.length);
  return { model: out, names };
}
