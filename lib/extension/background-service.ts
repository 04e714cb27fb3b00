import { browser, type Browser } from 'wxt/browser';
import { applyCallSignal, endAllCalls, toCallRecord } from '../calls/tab-calls';
import { listRecentCallRecords, upsertCallRecord } from '../db/calls-repository';
import { openOnScriptDb, type OnScriptDb } from '../db/schema';
import type { ProtocolMap } from '../protocol/messages';
import { readEnvelope, senderMayPost, validatePayload } from '../protocol/validate';
import { broadcastToExtensionPages, classifySender } from './messaging';
import { forgetTabCallState, loadTabCallState, saveTabCallState } from './tab-state-store';

/** Inputs the service takes instead of reaching for globals, so tests can drive it. */
export interface BackgroundServiceOptions {
  now?: () => number;
  newId?: () => string;
  openDb?: () => Promise<OnScriptDb>;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The background's message handling. Holds no call state of its own: every signal is folded into the state
 * persisted in `storage.session` and into IndexedDB, so a worker stopped between two signals loses nothing.
 * The only memory it keeps is a per-tab queue, so that two signals of one tab are folded in order.
 */
export function createBackgroundService(options: BackgroundServiceOptions = {}) {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const openDb = options.openDb ?? (() => openOnScriptDb());
  let dbPromise: Promise<OnScriptDb> | undefined;
  const db = () => (dbPromise ??= openDb().catch((error: unknown) => {
    dbPromise = undefined;
    throw error;
  }));
  const tabQueues = new Map<number, Promise<unknown>>();

  function inTabOrder<T>(tabId: number, work: () => Promise<T>): Promise<T> {
    const previous = tabQueues.get(tabId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.catch(() => undefined);
    tabQueues.set(tabId, settled);
    void settled.then(() => {
      if (tabQueues.get(tabId) === settled) tabQueues.delete(tabId);
    });
    return result;
  }

  async function onCallSignal(
    signal: ProtocolMap['call/signal']['request'],
    sender: Browser.runtime.MessageSender,
  ): Promise<ProtocolMap['call/signal']['response']> {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { accepted: false };
    const frameId = sender.frameId ?? 0;
    const origin = safeOrigin(sender.url);
    return inTabOrder(tabId, async () => {
      const state = await loadTabCallState(tabId);
      const where = { tabId, frameId, origin, receivedAt: now() };
      const { state: next, changed } = applyCallSignal(state, signal, where, newId);
      if (!changed) return { accepted: false };
      await saveTabCallState(next);
      await upsertCallRecord(await db(), toCallRecord(changed));
      await broadcastToExtensionPages('tab/state-changed', next);
      return { accepted: true };
    });
  }

  async function dispatch(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply | undefined> {
    const frame = readEnvelope(message);
    // Broadcasts between extension pages and foreign messages are not for the background to answer.
    if (!frame.ok || frame.value.type === 'tab/state-changed') return undefined;
    const kind = classifySender(sender, browser.runtime.getURL('/'));
    if (kind === 'unknown' || !senderMayPost(frame.value.type, kind)) {
      return { ok: false, error: `${frame.value.type} is not accepted from this sender` };
    }
    const checked = validatePayload(frame.value.type, frame.value.payload);
    if (!checked.ok) return { ok: false, error: checked.error };

    switch (frame.value.type) {
      case 'call/signal':
        return { ok: true, value: await onCallSignal(checked.value as ProtocolMap['call/signal']['request'], sender) };
      case 'tab/get-state': {
        const { tabId } = checked.value as ProtocolMap['tab/get-state']['request'];
        return { ok: true, value: await loadTabCallState(tabId) };
      }
      case 'calls/list-recent': {
        const { limit } = checked.value as ProtocolMap['calls/list-recent']['request'];
        return { ok: true, value: await listRecentCallRecords(await db(), limit) };
      }
      case 'ping':
        return { ok: true, value: checked.value };
      default:
        return undefined;
    }
  }

  return {
    /**
     * The `runtime.onMessage` listener. Returns a promise for OnScript's messages (the polyfill sends its
     * value as the response) and `undefined` for anything else, leaving it to other listeners.
     */
    onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> | undefined {
      const reply = dispatch(message, sender).catch((error: unknown): Reply => ({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }));
      return readEnvelope(message).ok ? (reply as Promise<Reply>) : undefined;
    },
    /** The `tabs.onRemoved` listener: a closed tab's live calls end with it; their records stay. */
    onTabRemoved(tabId: number): Promise<void> {
      return inTabOrder(tabId, async () => {
        const { ended } = endAllCalls(await loadTabCallState(tabId), now());
        for (const call of ended) await upsertCallRecord(await db(), toCallRecord(call));
        await forgetTabCallState(tabId);
      });
    },
  };
}

function safeOrigin(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : '';
  } catch {
    return '';
  }
}
