import { applyCallSignal, endAllCalls, toCallRecord } from '../../../calls/tab-calls';
import type { CallSignal, LiveCall } from '../../../calls/types';
import { listRecentCallRecords, upsertCallRecord } from '../../../db/calls-repository';
import type { StoredCallRecord } from '../../../db/schema';
import { cachedSetting } from '../cached-setting';
import { toE164 } from '../detection-numbers';
import { defaultRegionSetting } from '../../shared/settings';
import type { BackgroundContext, BackgroundFeature } from './feature';

/**
 * Call tracking: folds detector signals into the tab's persisted state and the call record, and answers the
 * panel's questions about calls. `notify` passes each changed call on to the other features.
 */
export function defineCallFeature(
  { now, newId, db, inTabOrder, tabCalls, pushToPanels }: BackgroundContext,
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
          // The panel is told at once: the state write is only issued before it (it stamps the revision) and
          // the record write right after, neither awaited first. The queue moves on once both have landed, and
          // the frame's signal is acknowledged after that, so a worker stopped in between gets the same signal
          // again from the frame (see ports.ts).
          const saved = tabCalls.save(state);
          const told = pushToPanels('tab/state-changed', saved.state);
          const recordWritten = db().then((open) => upsertCallRecord(open, record));
          await Promise.all([told, saved.written, recordWritten]);
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
