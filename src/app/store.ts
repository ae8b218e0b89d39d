import { create } from 'zustand';
import type { BackendInfo } from '../runtime/backend';

/** The app's single source of truth. It grows with the playground; views only read and dispatch. */
export interface AppState {
  backend: BackendInfo | null;
  setBackend(backend: BackendInfo): void;
}

export const useAppStore = create<AppState>((set) => ({
  backend: null,
  setBackend: (backend) => set({ backend }),
}));
