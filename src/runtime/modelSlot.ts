/**
 * The one model a worker holds: loading another releases the previous session first (its WASM or GPU
 * memory), and calls before a load fail with a clear message.
 */
import { loadBrowserModel, type Backend, type LoadProgress } from './browserModels';
import type { ModelHandle } from './policyApi';
import type { LoadedModel } from './sweep';

export class ModelSlot {
  private model: LoadedModel | null = null;

  async load(
    id: string,
    backend: Backend,
    origin: string,
    onBytes?: LoadProgress,
  ): Promise<ModelHandle> {
    const previous = this.model;
    this.model = null;
    await previous?.decoder.release();
    const model = await loadBrowserModel(id, backend, origin, onBytes);
    this.model = model;
    return { id: model.id, hash: model.hash, parameters: model.parameters };
  }

  get(): LoadedModel {
    if (!this.model) throw new Error('no model loaded');
    return this.model;
  }
}
