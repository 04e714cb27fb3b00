import { applyCallSignal, endAllCalls, toCallRecord } from '../../calls/tab-calls';
import type { LiveCall } from '../../calls/types';
import { listRecentCallRecords, upsertCallRecord } from '../../db/calls-repository';
import { broadcastToExtensionPages } from '../messaging';
import { forgetTabCallState, loadTabCallState, saveTabCallState } from '../tab-state-store';
import type { BackgroundContext, BackgroundFeature } from './feature';

/**
 * Call tracking: folds detector signals into the tab's persisted state and the call record, and answers the
 * panel's questions about calls. `notify` passes each changed call on to the other features.
 */
export function defineCallFeature(
  { now, newId, db, inTabOrder }: BackgroundContext,
  notify: (call: LiveCall) => Promise<void>,
) {
  const feature: BackgroundFeature = {
    handlers: {
      'call/signal': async (signal, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return { accepted: false };
        const where = { tabId, frameId: sender.frameId ?? 0, origin: safeOrigin(sender.url), receivedAt: now() };
        return inTabOrder(tabId, async () => {
          const { state, changed } = applyCallSignal(await loadTabCallState(tabId), signal, where, newId);
          if (!changed) return { accepted: false };
          await saveTabCallState(state);
          await upsertCallRecord(await db(), toCallRecord(changed));
          await broadcastToExtensionPages('tab/state-changed', state);
          await notify(changed);
          return { accepted: true };
        });
      },
      'tab/get-state': async ({ tabId }) => loadTabCallState(tabId),
      'calls/list-recent': async ({ limit }) => listRecentCallRecords(await db(), limit),
      'ping': async (payload) => payload,
    },
  };

  /** A closed tab's live calls end with it; their records stay. */
  function onTabRemoved(tabId: number): Promise<void> {
    return inTabOrder(tabId, async () => {
      const { ended } = endAllCalls(await loadTabCallState(tabId), now());
      for (const call of ended) {
        await upsertCallRecord(await db(), toCallRecord(call));
        await notify(call);
      }
      await forgetTabCallState(tabId);
    });
  }

  return { feature, onTabRemoved };
}

function safeOrigin(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : '';
  } catch {
    return '';
  }
}
