import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { configureOrt } from './browserModels';
import { ortWasmPaths } from './ortAssets';

describe("ORT's runtime build per backend", () => {
  it('WASM gets the plain build, WebGPU the asyncify build (which runs both)', () => {
    const plain = ortWasmPaths('http://app.test', 'wasm');
    const asyncify = ortWasmPaths('http://app.test', 'webgpu');
    expect(plain.wasm).toMatch(/ort-wasm-simd-threaded(?!\.asyncify)[^/]*\.wasm$/);
    expect(plain.mjs).toMatch(/ort-wasm-simd-threaded(?!\.asyncify)[^/]*\.mjs$/);
    expect(asyncify.wasm).toMatch(/ort-wasm-simd-threaded\.asyncify[^/]*\.wasm$/);
    expect(asyncify.mjs).toMatch(/ort-wasm-simd-threaded\.asyncify[^/]*\.mjs$/);
    expect(plain.wasm.startsWith('http://app.test/')).toBe(true);
  });

  it("a worker's first load decides its build; WebGPU after WASM asks for a fresh worker", () => {
    configureOrt('http://app.test', 'wasm');
    expect(ort.env.wasm.wasmPaths).toEqual(ortWasmPaths('http://app.test', 'wasm'));
    expect(ort.env.wasm.numThreads).toBe(1);
    configureOrt('http://app.test', 'wasm');
    expect(() => configureOrt('http://app.test', 'webgpu')).toThrow(/WebGPU needs a fresh worker/);
    expect(ort.env.wasm.wasmPaths).toEqual(ortWasmPaths('http://app.test', 'wasm'));
  });
});
