import { browser } from 'wxt/browser';
import { emptyTabCallState } from '../../calls/tab-calls';
import type { TabCallState } from '../../calls/types';

/**
 * Per-tab call state in `storage.session`: it outlives the worker (which the browser stops when idle) but not
 * the browser session, which is the lifetime tab ids have.
 */
const keyFor = (tabId: number) => `tab-calls:${tabId}`;

/** Reads a tab's call state from storage; an unknown tab has no calls. */
export async function loadTabCallState(tabId: number): Promise<TabCallState> {
  const key = keyFor(tabId);
  const stored = (await browser.storage.session.get(key))[key] as TabCallState | undefined;
  return stored ?? emptyTabCallState(tabId);
}

/** Writes a tab's call state to storage. */
export async function saveTabCallState(state: TabCallState): Promise<void> {
  await browser.storage.session.set({ [keyFor(state.tabId)]: state });
}

/** Forgets a closed tab. */
export async function forgetTabCallState(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyFor(tabId));
}

/** The background's access to per-tab call state, see {@link createTabCallStore}. */
export interface TabCallStore {
  /** The tab's state: from memory when this worker has seen the tab, else from storage. */
  load(tabId: number): Promise<TabCallState>;
  /**
   * Takes the new state at once (the next `load` sees it), with its revision counted up, and starts writing it.
   * Returns the state as saved and the write, which resolves when storage holds it too.
   */
  save(state: TabCallState): { state: TabCallState; written: Promise<void> };
  /** Forgets a closed tab, in memory and in storage. */
  forget(tabId: number): Promise<void>;
  /** Whether a tab state this worker holds in memory has the call (it was loaded or saved in this worker's life). */
  holds(callId: string): boolean;
}

/**
 * A write-through cache over the stored tab states, owned by one background service instance. Storage stays
 * the truth a restarted worker starts from (its memory starts empty and fills on first read); memory only
 * spares the storage round trip on the detection path, where a read costs more than the rest of the work.
 * The background is the only writer of these keys, so memory cannot go stale while the worker lives. States
 * are replaced, never mutated (applyCallSignal is pure), so handing out the cached object is safe.
 */
export function createTabCallStore(): TabCallStore {
  const states = new Map<number, TabCallState>();
  return {
    async load(tabId) {
      const cached = states.get(tabId);
      if (cached) return cached;
      const stored = await loadTabCallState(tabId);
      // A save that landed while storage was being read is newer than what was read.
      if (!states.has(tabId)) states.set(tabId, stored);
      return states.get(tabId)!;
    },
    save(state) {
      const previous = states.get(state.tabId)?.revision ?? state.revision ?? 0;
      const saved = { ...state, revision: previous + 1 };
      states.set(state.tabId, saved);
      return { state: saved, written: saveTabCallState(saved) };
    },
    forget(tabId) {
      states.delete(tabId);
      return forgetTabCallState(tabId);
    },
    holds(callId) {
      for (const state of states.values()) if (state.calls[callId]) return true;
      return false;
    },
  };
}

/** Every tab state in storage (what a worker that has just started inherits from the earlier ones). */
export async function listStoredTabCallStates(): Promise<TabCallState[]> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  return Object.entries(all)
    .filter(([key, value]) => key.startsWith('tab-calls:') && typeof value === 'object' && value !== null)
    .map(([, value]) => value as TabCallState);
}

/** Whether any tab has a call that has not ended (a pack update waits for none). */
export async function anyLiveCall(): Promise<boolean> {
  return (await listStoredTabCallStates()).some((state) => Object.values(state.calls ?? {}).some((call) => call.phase !== 'ended'));
}
