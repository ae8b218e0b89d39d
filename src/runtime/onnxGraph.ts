/**
 * Small ONNX graphs written in code (a minimal protobuf writer), for the KV cache's row and
 * position gathers on WebGPU: the cache stays on the GPU and is reshuffled there by ONNX Runtime's own
 * kernels, with no model files to ship. Field numbers follow onnx.proto (ModelProto, GraphProto,
 * NodeProto, AttributeProto, ValueInfoProto, TypeProto).
 */

export class Writer {
  readonly bytes: number[] = [];
  varint(n: number): this {
    let v = n;
    while (v >= 0x80) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
    return this;
  }
  int(field: number, v: number): this {
    return this.varint(field << 3).varint(v);
  }
  raw(field: number, b: ArrayLike<number>): this {
    this.varint((field << 3) | 2).varint(b.length);
    for (let i = 0; i < b.length; i++) this.bytes.push(b[i]!);
    return this;
  }
  str(field: number, s: string): this {
    return this.raw(field, new TextEncoder().encode(s));
  }
  msg(field: number, m: Writer): this {
    return this.raw(field, m.bytes);
  }
}

export const ELEM = { float32: 1, int64: 7, float16: 10 } as const;

export interface GraphInput {
  name: string;
  elem: keyof typeof ELEM;
  rank: number;
}

export function valueInfo(name: string, elem: keyof typeof ELEM, rank: number): Writer {
  const shape = new Writer();
  for (let i = 0; i < rank; i++) shape.msg(1, new Writer().str(2, `${name}_d${i}`));
  const tensor = new Writer().int(1, ELEM[elem]).msg(2, shape);
  return new Writer().str(1, name).msg(2, new Writer().msg(1, tensor));
}

export interface GraphNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Integer attributes (e.g. `axis`). */
  attributes?: Record<string, number>;
}

/** A constant tensor of the graph (TensorProto: dims, data type, name, raw little-endian data). */
export interface GraphConstant {
  name: string;
  dims: readonly number[];
  data: Float32Array | BigInt64Array;
}

function tensorProto(c: GraphConstant): Writer {
  const t = new Writer();
  for (const d of c.dims) t.int(1, d);
  t.int(2, c.data instanceof Float32Array ? ELEM.float32 : ELEM.int64);
  t.str(8, c.name);
  t.raw(9, new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength));
  return t;
}

/**
 * A model of `nodes` over `inputs`, with `outputElem` outputs of rank `outputRank` (or per output:
 * `[name, elem, rank]`), and constant tensors (`constants`) the nodes may read.
 */
export function graphModel(
  inputs: readonly GraphInput[],
  nodes: readonly GraphNode[],
  outputs: readonly (string | readonly [string, keyof typeof ELEM, number])[],
  outputRank: number,
  outputElem: keyof typeof ELEM = 'float32',
  constants: readonly GraphConstant[] = [],
): Uint8Array {
  const graph = new Writer();
  nodes.forEach((n, k) => {
    const node = new Writer();
    for (const i of n.inputs) node.str(1, i);
    for (const o of n.outputs) node.str(2, o);
    node.str(3, `${n.op.toLowerCase()}${k}`).str(4, n.op);
    for (const [name, v] of Object.entries(n.attributes ?? {})) {
      if (!Number.isInteger(v) || v < 0) throw new Error(`attribute ${name} must be a count`);
      node.msg(5, new Writer().str(1, name).int(3, v).int(20, 2 /* INT */));
    }
    graph.msg(1, node);
  });
  graph.str(2, 'kv');
  for (const c of constants) graph.msg(5, tensorProto(c));
  for (const i of inputs) graph.msg(11, valueInfo(i.name, i.elem, i.rank));
  for (const o of outputs)
    graph.msg(
      12,
      typeof o === 'string' ? valueInfo(o, outputElem, outputRank) : valueInfo(o[0], o[1], o[2]),
    );
  const model = new Writer()
    .int(1, 8) // IR version 8
    .str(2, 'ttc-playground')
    .msg(7, graph)
    .msg(8, new Writer().str(1, '').int(2, 17)); // opset 17
  return new Uint8Array(model.bytes);
}
