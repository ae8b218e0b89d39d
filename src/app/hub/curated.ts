/**
 * Small instruction models people run in browsers, in transformers.js's ONNX layout on the Hugging
 * Face Hub. Their sizes are not written here: the picker asks the hub (`modelSizes.ts`), so what it
 * shows is what would download.
 */
export const CURATED_MODELS: readonly { id: string; note: string }[] = [
  { id: 'onnx-community/Qwen2.5-0.5B-Instruct', note: 'Qwen2.5, 0.5B' },
  { id: 'onnx-community/Qwen3-0.6B-ONNX', note: 'Qwen3, 0.6B (thinking model)' },
  { id: 'HuggingFaceTB/SmolLM2-360M-Instruct', note: 'SmolLM2, 360M' },
  { id: 'onnx-community/Llama-3.2-1B-Instruct', note: 'Llama 3.2, 1B' },
];
