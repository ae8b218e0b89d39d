/**
 * Reading ONNX protobuf just deep enough for ModelProto → GraphProto → NodeProto / ValueInfoProto,
 * and splicing new graph fields in: the decoder edits the bytes it hands ONNX Runtime (new-keys
 * outputs, the sampling head) without touching the model file.
 */

import { Writer } from './onnxGraph';
export interface Field {
  no: number;
  /** Where the field starts (its tag) and ends. */
  start: number;
  end: number;
  /** Length-delimited payload, for wire type 2. */
  payload?: [number, number];
}

export function varint(buf: Uint8Array, at: number): [number, number] {
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

export function* fields(buf: Uint8Array, from: number, to: number): Generator<Field> {
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

export const text = (buf: Uint8Array, [a, b]: [number, number]) =>
  new TextDecoder().decode(buf.subarray(a, b));

/** ValueInfoProto: name (1). */
export function valueName(buf: Uint8Array, [a, b]: [number, number]): string {
  for (const f of fields(buf, a, b)) if (f.no === 1 && f.payload) return text(buf, f.payload);
  return '';
}

/** ValueInfoProto → type (2) → tensor_type (1) → elem_type (1). */
export function elemType(buf: Uint8Array, [a, b]: [number, number]): number | null {
  const sub = (range: [number, number], no: number) =>
    [...fields(buf, ...range)].find((f) => f.no === no && f.payload)?.payload;
  const type = sub([a, b], 2);
  const tensor = type && sub(type, 1);
  if (!tensor) return null;
  const e = [...fields(buf, ...tensor)].find((f) => f.no === 1 && !f.payload);
  return e ? varint(buf, varint(buf, e.start)[1])[0] : null;
}

/** The graph's byte range in the model: its field (tag included) and its payload. */
export function graphOf(model: Uint8Array): Field | null {
  return [...fields(model, 0, model.length)].find((f) => f.no === 7 && f.payload) ?? null;
}

/** The model with `extra` (encoded GraphProto fields) appended to its graph. */
export function appendToGraph(model: Uint8Array, extra: ArrayLike<number>): Uint8Array {
  const graph = graphOf(model);
  if (!graph) throw new Error('not an ONNX model (no graph)');
  const [gStart, gEnd] = graph.payload!;
  const body = new Uint8Array(gEnd - gStart + extra.length);
  body.set(model.subarray(gStart, gEnd), 0);
  body.set(extra, gEnd - gStart);
  const head = new Uint8Array(new Writer().varint((7 << 3) | 2).varint(body.length).bytes);
  const rest = model.subarray(graph.end);
  const out = new Uint8Array(graph.start + head.length + body.length + rest.length);
  out.set(model.subarray(0, graph.start), 0);
  out.set(head, graph.start);
  out.set(body, graph.start + head.length);
  out.set(rest, graph.start + head.length + body.length);
  return out;
}

/** The default-domain opset the model imports (ModelProto.opset_import: domain 1, version 2). */
export function defaultOpset(model: Uint8Array): number {
  for (const f of fields(model, 0, model.length)) {
    if (f.no !== 8 || !f.payload) continue;
    let domain = '';
    let version = 0;
    for (const g of fields(model, ...f.payload)) {
      if (g.no === 1 && g.payload) domain = text(model, g.payload);
      else if (g.no === 2 && !g.payload) version = varint(model, varint(model, g.start)[1])[0];
    }
    if (domain === '' || domain === 'ai.onnx') return version;
  }
  return 0;
}

/** The element type of the graph output `name` (ValueInfoProto in GraphProto.output), or null. */
export function outputElemType(model: Uint8Array, name: string): number | null {
  const graph = graphOf(model);
  if (!graph) return null;
  for (const f of fields(model, ...graph.payload!))
    if (f.no === 12 && f.payload && valueName(model, f.payload) === name)
      return elemType(model, f.payload);
  return null;
}
