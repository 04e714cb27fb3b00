import { browser } from 'wxt/browser';
import { emptyTabCallState } from '../calls/tab-calls';
import type { TabCallState } from '../calls/types';

/**
 * Per-tab call state in `storage.session`: it outlives the worker (which the browser stops when idle) but not
 * the browser session, which is the lifetime tab ids have.
 */
const keyFor = (tabId: number) => `tab-calls:${tabId}`;

/** Reads a tab's call state; an unknown tab has no calls. */
export async function loadTabCallState(tabId: number): Promise<TabCallState> {
  const key = keyFor(tabId);
  const stored = (await browser.storage.session.get(key))[key] as TabCallState | undefined;
  return stored ?? emptyTabCallState(tabId);
}

/** Writes a tab's call state. */
export async function saveTabCallState(state: TabCallState): Promise<void> {
  await browser.storage.session.set({ [keyFor(state.tabId)]: state });
}

/** Forgets a closed tab. */
export async function forgetTabCallState(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyFor(tabId));
}

/** Whether any tab has a call that has not ended (a pack update waits for none). */
export async function anyLiveCall(): Promise<boolean> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  return Object.entries(all).some(
    ([key, value]) =>
      key.startsWith('tab-calls:') &&
      Object.values((value as TabCallState | undefined)?.calls ?? {}).some((call) => call.phase !== 'ended'),
  );
}
