import { applyCallSignal, MAX_LIVE_CALLS_PER_TAB, MAX_NEW_CALLS_PER_MINUTE, type SignalRefusal } from '../../../calls/tab-calls';
import type { CallSignal, LiveCall, TabCallState } from '../../../calls/types';
import { toGuardVerdict, type GuardVerdict } from '../../../compliance/pre-dial';
import { listRecentCallRecords } from '../../../db/calls-repository';
import { maskVariables } from '../../../notes/redact-record';
import { CALL_MESSAGES, type CallSignalReply } from '../../../protocol/call-messages';
import { defaultRegionSetting } from '../../shared/settings';
import { cachedSetting } from '../cached-setting';
import { toE164 } from '../detection-numbers';
import { defineBackgroundFeature, type CallChange } from '../feature';

/**
 * Call tracking: folds detector signals into the tab's persisted state, commits each change in the one pass
 * every feature contributes to (see BackgroundContext.commitCallChanges), and answers the panel's questions about
 * calls. The reply to a signal carries the call's compliance verdict for the frame's pre-dial guard.
 */
export const callsFeature = defineBackgroundFeature({
  id: 'calls',
  messages: CALL_MESSAGES,
  create({ now, newId, db, inTabOrder, tabCalls, commitCallChanges, afterCallChanges }) {
    const defaultRegion = cachedSetting(defaultRegionSetting);
    return {
      handlers: {
        'call/signal': async (signal, sender): Promise<CallSignalReply> => {
          const tabId = sender.tab?.id;
          if (tabId === undefined) return { accepted: false };
          const frameId = sender.frameId ?? 0;
          const where = { tabId, frameId, origin: safeOrigin(sender.url), receivedAt: now() };
          const outcome = await inTabOrder(tabId, async (): Promise<{ refused?: SignalRefusal; change?: CallChange; call?: LiveCall }> => {
            // This path is the detection latency the panel sees: both reads come from memory after the first
            // signal of the worker's life.
            const [normalized, current] = await Promise.all([withRemoteE164(signal, defaultRegion), tabCalls.load(tabId)]);
            const { state, changed, refused } = applyCallSignal(current, normalized, where, newId);
            if (refused) return { refused };
            if (!changed) return { call: callFor(current, frameId, signal.callKey) };
            const change: CallChange = { call: changed, previous: current.calls[changed.id] };
            // The frame's signal is acknowledged after this, so a worker stopped in between gets the same
            // signal again from the frame (see shared/ports.ts), and folding it again changes nothing.
            const committed = await commitCallChanges(state, [change]);
            return { change, call: committed.calls[0] };
          });
          // Refused, not dropped: the frame's port gets `refused` back and logs it (shared/ports.ts).
          if (outcome.refused) throw new Error(SIGNAL_REFUSALS[outcome.refused]);
          // The other features' after-hooks run outside the tab's queue, so the call's next signal never waits.
          if (outcome.change) await afterCallChanges([outcome.change]);
          const reply: CallSignalReply = { accepted: outcome.change !== undefined };
          const call = outcome.call;
          if (call?.verdict && call.direction === 'outbound') reply.verdict = forTheDialerFrame(toGuardVerdict(call.verdict));
          return reply;
        },
        'call/page-fields': async ({ callKey, fields: shown }, sender) => {
          // A CRM page may show a whole card or ID number: masked before it is kept, as the form's values are.
          const fields = maskVariables(shown);
          const tabId = sender.tab?.id;
          if (tabId === undefined) return { accepted: false };
          const frameId = sender.frameId ?? 0;
          const change = await inTabOrder(tabId, async () => {
            const current = await tabCalls.load(tabId);
            const call = callFor(current, frameId, callKey);
            if (!call || call.phase === 'ended' || sameFields(call.pageFields, fields)) return undefined;
            const next: LiveCall = { ...call, pageFields: fields, updatedAt: Math.max(call.updatedAt, now()) };
            const change: CallChange = { call: next, previous: call };
            await commitCallChanges({ ...current, calls: { ...current.calls, [call.id]: next } }, [change]);
            return change;
          });
          if (change) await afterCallChanges([change]);
          return { accepted: change !== undefined };
        },
        'tab/get-state': async ({ tabId }) => tabCalls.load(tabId),
        'calls/list-recent': async ({ limit }) => listRecentCallRecords(await db(), limit),
        'ping': async (payload) => payload,
      },
    };
  },
});

/** What the frame is told when the tab's limits refuse a new call. */
const SIGNAL_REFUSALS: Record<SignalRefusal, string> = {
  'live-calls': `the tab already has ${MAX_LIVE_CALLS_PER_TAB} calls that have not ended; a new one is not recorded`,
  'new-calls': `the tab started ${MAX_NEW_CALLS_PER_MINUTE} calls within a minute; a new one is not recorded`,
};

/**
 * The verdict as the dialer frame is told it: the frame runs in someone else's page, so it gets what its guard acts
 * on and shows (the action, the next opening, the class of each broken rule) and none of the reasons, which name
 * counts, flags and debtors; those stay with the call the side panel shows.
 */
function forTheDialerFrame(verdict: GuardVerdict): GuardVerdict {
  return { ...verdict, profileName: '', violations: verdict.violations.map(({ code }) => ({ code, reasons: [] })) };
}

/** The call a frame's key names in a tab's state (its own, or one it joined from another frame). */
function callFor(state: TabCallState, frameId: number, callKey: string): LiveCall | undefined {
  const alias = `${frameId}:${callKey}`;
  return Object.values(state.calls).find(
    (call) => (call.frameId === frameId && call.callKey === callKey) || call.aliases?.includes(alias),
  );
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

function sameFields(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return a !== undefined && Object.keys(a).length === keys.length && keys.every((key) => a[key] === b[key]);
}

function safeOrigin(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : '';
  } catch {
    return '';
  }
}
