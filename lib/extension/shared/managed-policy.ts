import { browser } from 'wxt/browser';

/**
 * Reads keys of the administrator's policy (managed storage, public/managed-schema.json). Managed storage is
 * absent outside managed browsers and throws in some, which means no policy: the result is then empty. Values
 * are whatever the administrator wrote, so each reader checks their shape.
 */
export async function readManagedPolicy(keys: readonly string[]): Promise<Record<string, unknown>> {
  try {
    return ((await browser.storage.managed.get([...keys])) as Record<string, unknown> | undefined) ?? {};
  } catch {
    return {};
  }
}

/** Calls back when the administrator's policy changes (the browser fires a `managed` storage change). */
export function watchManagedPolicy(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
