import { useSyncExternalStore } from 'react';
import type { Store } from '../core/base/Store';

/** Subscribes a component to a core store; nothing more. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
