/**
 * An ONNX token-classification export (a PRM with a two-way head per token, as Qwen2.5-Math-PRM is
 * exported for a runtime without a pooling server) as a rule's `RowReader`: one batched forward of
 * the right-padded sequences, p(positive) = softmax(logits)[1] at each separator position.
 */
import * as ort from 'onnxruntime-web';
import type { RowReader } from '../core/verifiers/rules/types';

export function classifierRows(session: ort.InferenceSession, padId = 0): RowReader {
  return {
    async rows(requests) {
      if (requests.length === 0) return [];
      const B = requests.length;
      const T = Math.max(...requests.map((r) => r.ids.length));
      const ids = new BigInt64Array(B * T).fill(BigInt(padId));
      const mask = new BigInt64Array(B * T);
      requests.forEach((r, b) =>
        r.ids.forEach((t, i) => {
          ids[b * T + i] = BigInt(t);
          mask[b * T + i] = 1n;
        }),
      );
      const feeds: Record<string, ort.Tensor> = {
        input_ids: new ort.Tensor('int64', ids, [B, T]),
      };
      if (session.inputNames.includes('attention_mask'))
        feeds['attention_mask'] = new ort.Tensor('int64', mask, [B, T]);
      const out = await session.run(feeds);
      const logits = out[session.outputNames[0]!]!;
      const data = logits.data as Float32Array;
      const K = logits.dims[2]!;
      if (K !== 2) throw new Error(`the classifier has ${K} labels per token, not 2`);
      return requests.map((r, b) =>
        r.at.map((p) => {
          const neg = data[(b * T + p) * 2]!;
          const pos = data[(b * T + p) * 2 + 1]!;
          return 1 / (1 + Math.exp(neg - pos));
        }),
      );
    },
  };
}
