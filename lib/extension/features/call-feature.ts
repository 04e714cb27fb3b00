import { applyCallSignal, endAllCalls, toCallRecord } from '../../calls/tab-calls';
import type { CallSignal, LiveCall } from '../../calls/types';
import { listRecentCallRecords, upsertCallRecord } from '../../db/calls-repository';
import type { StoredCallRecord } from '../../db/schema';
import { cachedSetting } from '../cached-setting';
import { toE164 } from '../detection-numbers';
import { defaultRegionSetting } from '../detection-settings';
import { broadcastToExtensionPages } from '../messaging';
import type { BackgroundContext, BackgroundFeature } from './feature';

/**
 * Call tracking: folds detector signals into the tab's persisted state and the call record, and answers the
 * panel's questions about calls. `notify` passes each changed call on to the other features.
 */
export function defineCallFeature(
  { now, newId, db, inTabOrder, tabCalls }: BackgroundContext,
  notify: (call: LiveCall) => Promise<void>,
) {
  const defaultRegion = cachedSetting(defaultRegionSetting);
  const feature: BackgroundFeature = {
    handlers: {
      'call/signal': async (signal, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return { accepted: false };
        const where = { tabId, frameId: sender.frameId ?? 0, origin: safeOrigin(sender.url), receivedAt: now() };
        const changed = await inTabOrder(tabId, async () => {
          // This path is the detection latency the panel sees: both reads come from memory after the first
          // signal of the worker's life, and independent writes run together.
          const [normalized, current] = await Promise.all([withRemoteE164(signal, defaultRegion), tabCalls.load(tabId)]);
          const { state, changed } = applyCallSignal(current, normalized, where, newId);
          if (!changed) return undefined;
          const record: StoredCallRecord = toCallRecord(changed);
          if (changed.remoteE164) record.numberE164 = changed.remoteE164;
          // The panel is told while the writes are in flight rather than after them: the tab state write is
          // issued first, and the queue moves on only once both writes have landed. A worker stopped within
          // those few milliseconds loses this step at most, and the bridge's next signal repeats the whole view.
          const recordWritten = db().then((open) => upsertCallRecord(open, record));
          const stateWritten = tabCalls.save(state);
          await Promise.all([broadcastToExtensionPages('tab/state-changed', state), stateWritten, recordWritten]);
          return changed;
        });
        if (!changed) return { accepted: false };
        // The other features react outside the tab's queue, so the call's next signal (the answer after the
        // ringing) never waits behind them.
        await notify(changed);
        return { accepted: true };
      },
      'tab/get-state': async ({ tabId }) => tabCalls.load(tabId),
      'calls/list-recent': async ({ limit }) => listRecentCallRecords(await db(), limit),
      'ping': async (payload) => payload,
    },
  };

  /** A closed tab's live calls end with it; their records stay. */
  function onTabRemoved(tabId: number): Promise<void> {
    return inTabOrder(tabId, async () => {
      const { ended } = endAllCalls(await tabCalls.load(tabId), now());
      for (const call of ended) {
        await upsertCallRecord(await db(), toCallRecord(call));
        await notify(call);
      }
      await tabCalls.forget(tabId);
    });
  }

  return { feature, onTabRemoved };
}

/**
 * The page's E.164 is a claim; the background normalizes the raw number itself with the agent's region and keeps
 * the page's value only when its own attempt finds no number (a vendor may know the country when we cannot).
 */
async function withRemoteE164(signal: CallSignal, defaultRegion: () => Promise<string>): Promise<CallSignal> {
  const own = toE164(signal.remote, await defaultRegion());
  const remoteE164 = own ?? signal.remoteE164;
  const { remoteE164: _claimed, ...rest } = signal;
  return remoteE164 ? { ...rest, remoteE164 } : rest;
}

function safeOrigin(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : '';
  } catch {
    return '';
  }
}
