import { browser } from 'wxt/browser';
import { emptyTabCallState } from '../../calls/tab-calls';
import type { LiveCall, TabCallState } from '../../calls/types';

/**
 * Per-tab call state in `storage.session`: it outlives the worker (which the browser stops when idle) but not
 * the browser session, which is the lifetime tab ids have. Each call has a key of its own (`tab-call:<tab>:<id>`)
 * beside the tab's small header (`tab-calls:<tab>`: revision, recent starts), so a signal rewrites the one call it
 * changed and the header, however many calls the tab has: a page forging calls cannot make every signal cost more.
 */
const headerKey = (tabId: number) => `tab-calls:${tabId}`;
const callPrefix = (tabId: number) => `tab-call:${tabId}:`;
const callKey = (tabId: number, callId: string) => `${callPrefix(tabId)}${callId}`;

/** The tab's state without its calls, as stored under {@link headerKey}. */
type TabHeader = Omit<TabCallState, 'calls'> & { calls?: Record<string, LiveCall> };

function headerOf({ calls: _calls, ...header }: TabCallState): Omit<TabCallState, 'calls'> {
  return header;
}

/** Reads a tab's call state from storage; an unknown tab has no calls. */
export async function loadTabCallState(tabId: number): Promise<TabCallState> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  const header = all[headerKey(tabId)] as TabHeader | undefined;
  const prefix = callPrefix(tabId);
  const calls: Record<string, LiveCall> = { ...header?.calls };
  for (const [key, value] of Object.entries(all)) if (key.startsWith(prefix)) calls[key.slice(prefix.length)] = value as LiveCall;
  if (!header && Object.keys(calls).length === 0) return emptyTabCallState(tabId);
  return { ...(header ? headerOf({ ...header, calls: {} }) : { tabId }), tabId, calls };
}

/** Writes a tab's whole call state to storage (every call; calls stored before and missing here stay). */
export async function saveTabCallState(state: TabCallState): Promise<void> {
  const items: Record<string, unknown> = { [headerKey(state.tabId)]: headerOf(state) };
  for (const call of Object.values(state.calls)) items[callKey(state.tabId, call.id)] = call;
  await browser.storage.session.set(items);
}

/** Writes what changed from `previous` to `next`: the header, the calls that are new or replaced, and removals. */
async function saveChanges(previous: TabCallState, next: TabCallState): Promise<void> {
  const items: Record<string, unknown> = { [headerKey(next.tabId)]: headerOf(next) };
  // States are replaced, never mutated (applyCallSignal is pure): an unchanged call is the same object.
  for (const call of Object.values(next.calls)) if (previous.calls[call.id] !== call) items[callKey(next.tabId, call.id)] = call;
  const gone = Object.keys(previous.calls).filter((id) => !next.calls[id]).map((id) => callKey(next.tabId, id));
  await Promise.all([browser.storage.session.set(items), gone.length > 0 ? browser.storage.session.remove(gone) : undefined]);
}

/** Forgets a closed tab. */
export async function forgetTabCallState(tabId: number): Promise<void> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  const prefix = callPrefix(tabId);
  await browser.storage.session.remove([headerKey(tabId), ...Object.keys(all).filter((key) => key.startsWith(prefix))]);
}

/** The background's access to per-tab call state, see {@link createTabCallStore}. */
export interface TabCallStore {
  /** The tab's state: from memory when this worker has seen the tab, else from storage. */
  load(tabId: number): Promise<TabCallState>;
  /**
   * Takes the new state at once (the next `load` sees it), with its revision counted up, hands it to `beforeWrite`
   * (which tells the panels) and starts writing it. Returns the state as saved and the write, which resolves when
   * storage holds it too.
   */
  save(state: TabCallState, beforeWrite?: (saved: TabCallState) => void): { state: TabCallState; written: Promise<void> };
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
    save(state, beforeWrite) {
      const cached = states.get(state.tabId);
      const saved = { ...state, revision: (cached?.revision ?? state.revision ?? 0) + 1 };
      states.set(state.tabId, saved);
      beforeWrite?.(saved);
      return { state: saved, written: cached ? saveChanges(cached, saved) : saveTabCallState(saved) };
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

/** Every tab state in storage (what a worker that has just started inherits from the earlier ones), calls included. */
export async function listStoredTabCallStates(): Promise<TabCallState[]> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  const tabIds = new Set<number>();
  for (const key of Object.keys(all)) {
    const match = /^tab-calls?:(\d+)(?::|$)/.exec(key);
    if (match) tabIds.add(Number(match[1]));
  }
  return Promise.all([...tabIds].map((tabId) => loadTabCallState(tabId)));
}

/** Whether any tab has a call that has not ended (a pack update waits for none). */
export async function anyLiveCall(): Promise<boolean> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  return Object.entries(all).some(([key, value]) => key.startsWith('tab-call:') && (value as LiveCall | undefined)?.phase !== 'ended');
}
