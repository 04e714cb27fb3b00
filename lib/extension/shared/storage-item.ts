import { browser, type Browser } from 'wxt/browser';
import { dequal } from 'dequal/lite';

/** Where an item lives: `local:<key>` in `storage.local`, `session:<key>` in `storage.session`. */
export type StorageItemKey = `local:${string}` | `session:${string}`;

/**
 * One typed key in extension storage, read with its fallback when absent. The same stored format as
 * `@wxt-dev/storage`'s `defineItem` at version 1 (the bare value under the bare key, no metadata key), so values
 * written by earlier releases read back unchanged.
 */
export interface StorageItem<T> {
  /** The key with its area, as declared. */
  readonly key: StorageItemKey;
  /** What {@link StorageItem.getValue} gives when nothing is stored. */
  readonly fallback: T;
  /** The stored value, or the fallback when nothing (or `null`) is stored. */
  getValue(): Promise<T>;
  /** Stores `value`; `null` or `undefined` removes the key, as `@wxt-dev/storage` does. */
  setValue(value: T | null | undefined): Promise<void>;
  /** Removes the key: reads give the fallback again. */
  removeValue(): Promise<void>;
  /**
   * Calls `listener` after the stored value changes in any extension context (not for a write of an equal value),
   * with the fallback standing in for an absent value. Returns the function that stops listening.
   */
  watch(listener: (newValue: T, oldValue: T) => void): () => void;
}

/**
 * Declares a storage item. Nothing is read until a value is asked for: `@wxt-dev/storage`'s `defineItem` reads
 * each item once as it is declared (for its `init` option, which OnScript does not use), and every context that
 * imports the settings declares all of them, so a worker waking for one message paid a storage read per setting
 * and about 2.5 ms of its start declaring them (issue 17, `npm run bench` worker start).
 */
export function defineStorageItem<T>(key: StorageItemKey, options: { fallback: T }): StorageItem<T> {
  const separator = key.indexOf(':');
  const areaName = key.slice(0, separator) as 'local' | 'session';
  const storageKey = key.slice(separator + 1);
  const { fallback } = options;
  // Looked up when used, not when declared: content scripts, which may not use storage.session, import every item.
  const area = () => {
    const found = browser.storage[areaName] as Browser.storage.StorageArea | undefined;
    if (!found) throw new Error(`storage.${areaName} is not available here, so ${key} cannot be used`);
    return found;
  };
  const orFallback = (value: unknown): T => (value === undefined || value === null ? fallback : (value as T));
  return {
    key,
    fallback,
    async getValue() {
      const stored: Record<string, unknown> = await area().get(storageKey);
      return orFallback(stored[storageKey]);
    },
    async setValue(value) {
      if (value === undefined || value === null) await area().remove(storageKey);
      else await area().set({ [storageKey]: value });
    },
    async removeValue() {
      await area().remove(storageKey);
    },
    watch(listener) {
      const onChanged = (changes: Record<string, Browser.storage.StorageChange>) => {
        const change = changes[storageKey];
        if (change === undefined || dequal(change.newValue, change.oldValue)) return;
        listener(orFallback(change.newValue), orFallback(change.oldValue));
      };
      area().onChanged.addListener(onChanged);
      return () => area().onChanged.removeListener(onChanged);
    },
  };
}
