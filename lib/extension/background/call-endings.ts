import { browser } from 'wxt/browser';
import { activeCalls, callReporters, endAllCalls, endUnseen, leaveCalls, toCallRecord } from '../../calls/tab-calls';
import type { LiveCall, TabCallState } from '../../calls/types';
import { listUnfinishedCallRecords } from '../../db/calls-repository';
import type { StoredCallRecord } from '../../db/schema';
import { validateFrameCallReport, type FrameCallReport } from '../../protocol/call-messages';
import { envelope } from '../../protocol/envelope';
import type { BackgroundContext, CallChange } from './feature';
import { listStoredTabCallStates } from './tab-state-store';

/** How long a frame has to answer `call/probe-frame`; a frame that stays silent keeps its calls for now. */
export const FRAME_PROBE_TIMEOUT_MS = 5_000;
/** Unfinished records closed per pass (one transaction each), so a long backlog never makes one huge pass. */
export const UNFINISHED_RECORDS_PER_PASS = 100;
/** `tabs.TAB_ID_NONE`: the tab of a record no tab holds any more. */
const NO_TAB = -1;

/**
 * A frame's answer to `call/probe-frame`: the calls its page reports, `gone` when no OnScript bridge answered
 * there (the frame crashed, navigated, or the tab is closed), `silent` when nothing came back in time.
 */
export type FrameAnswer = FrameCallReport | 'gone' | 'silent';

/** Asks one frame of a tab which calls its page reports (see {@link askFrame}). */
export type AskFrame = (tabId: number, frameId: number) => Promise<FrameAnswer>;

/**
 * Pauses before a frame with no bridge is asked again. A frame between two pages has none for a moment (the old
 * page's content script is gone, the new page's not yet injected): a reload caught there is no crash, and its new
 * page's answer says when the old one went. Only after the last pause is the frame taken as gone.
 */
export const GONE_FRAME_RETRY_DELAYS_MS: readonly number[] = [250, 750, 1_500];

/**
 * Asks a dialer frame's bridge through `tabs.sendMessage` with its `frameId` (no permission is needed to reach
 * OnScript's own content scripts). A refusal (no receiving end) or an answer that is not a report means no bridge
 * of this extension lives in that frame now; it is asked again after each of `retryDelaysMs` while its tab is
 * still there, and `gone` only if it never answers.
 */
export async function askFrame(tabId: number, frameId: number, retryDelaysMs: readonly number[] = GONE_FRAME_RETRY_DELAYS_MS): Promise<FrameAnswer> {
  let answer = await askFrameOnce(tabId, frameId);
  for (const delay of retryDelaysMs) {
    if (answer !== 'gone' || !(await tabExists(tabId))) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
    answer = await askFrameOnce(tabId, frameId);
  }
  return answer;
}

async function tabExists(tabId: number): Promise<boolean> {
  try {
    return (await browser.tabs.get(tabId)) !== undefined;
  } catch {
    return false;
  }
}

async function askFrameOnce(tabId: number, frameId: number): Promise<FrameAnswer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silent = new Promise<'silent'>((resolve) => {
    timer = setTimeout(() => resolve('silent'), FRAME_PROBE_TIMEOUT_MS);
  });
  const asked = browser.tabs.sendMessage(tabId, envelope('call/probe-frame', {}), { frameId }).then(
    (reply: unknown): FrameAnswer => {
      const checked = validateFrameCallReport(reply);
      return checked.ok ? checked.value : 'gone';
    },
    (): FrameAnswer => 'gone',
  );
  try {
    return await Promise.race([asked, silent]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How calls end when nobody saw them end: the tab closed, a frame's page went away (its signal port
 * disconnected), or the worker or the browser restarted with calls unfinished. Every ending takes the one pass
 * (`commitCallChanges`, then `afterCallChanges`), so the panels hear it and the other features react (a deferred
 * pack applies once the last live call has ended).
 */
export function createCallEndings(context: BackgroundContext, ask: AskFrame = askFrame) {
  /** Takes gone reporters out of a tab's live calls in the tab's order; after-hooks run outside it. */
  async function leave(
    tabId: number,
    fold: (state: TabCallState) => { state: TabCallState; ended: LiveCall[]; moved?: LiveCall[] },
    then?: () => Promise<void>,
  ): Promise<void> {
    const changes = await context.inTabOrder(tabId, async () => {
      const current = await context.tabCalls.load(tabId);
      const { state, ended, moved = [] } = fold(current);
      const changes: CallChange[] = [...ended, ...moved].map((call) => ({ call, previous: current.calls[call.id] }));
      if (changes.length > 0) await context.commitCallChanges(state, changes);
      await then?.();
      return changes;
    });
    await context.afterCallChanges(changes);
  }

  /**
   * After a worker restart: asks each frame that holds live calls which of them its page still reports, and
   * ends the ones no frame reports: the page was reloaded or navigated while no worker ran (its last word on
   * `pagehide` found no open port), or the frame crashed. A call that changed meanwhile is left alone: its frame
   * is evidently alive.
   */
  async function probeTab(tabId: number): Promise<void> {
    const snapshot = await context.inTabOrder(tabId, () => context.tabCalls.load(tabId));
    const live = activeCalls(snapshot);
    if (live.length === 0) return;
    const frames = new Set(live.flatMap((call) => callReporters(call).map((reporter) => reporter.frameId)));
    const answers = new Map(await Promise.all([...frames].map(async (frameId) => [frameId, await ask(tabId, frameId)] as const)));
    const asked = new Map(live.map((call) => [call.id, call.updatedAt]));
    const now = context.now();
    await leave(tabId, (state) =>
      leaveCalls(
        state,
        (frameId, callKey, call) => {
          if (asked.get(call.id) !== call.updatedAt) return false;
          const answer = answers.get(frameId);
          if (answer === undefined || answer === 'silent') return false;
          return answer === 'gone' || (!answer.live.includes(callKey) && !answer.ended.includes(callKey));
        },
        // A newer page in the frame started after the call's page was gone: that is when it ended at the latest.
        // A frame with no page to answer (crashed, tab gone) says nothing: the last sighting is all there is.
        (call) =>
          Math.max(
            ...callReporters(call).map(({ frameId }) => {
              const answer = answers.get(frameId);
              return typeof answer === 'object' ? Math.min(Math.max(answer.startedAt, call.updatedAt), now) : call.updatedAt;
            }),
          ),
      ),
    );
  }

  /**
   * Closes records that are not ended although no tab holds them live: calls of an earlier browser session
   * (crash, restart, the extension updated, disabled or reloaded: storage.session is empty then), or a call
   * whose tab state was lost. Records this worker holds in memory, or that a stored tab state holds live, are
   * someone's live calls and stay.
   */
  async function closeUnfinishedRecords(liveInTabs: ReadonlySet<string>): Promise<void> {
    const records = await listUnfinishedCallRecords(await context.db());
    // Checked after the read: a call this worker started meanwhile was put in its tab state before its record.
    const orphans = records.filter((record) => !liveInTabs.has(record.id) && !context.tabCalls.holds(record.id));
    for (let start = 0; start < orphans.length; start += UNFINISHED_RECORDS_PER_PASS) {
      const changes = orphans.slice(start, start + UNFINISHED_RECORDS_PER_PASS).map((record) => {
        const previous = recordAsCall(record);
        return { call: endUnseen(previous, record.updatedAt), previous };
      });
      await context.commitCallChanges(undefined, changes);
      await context.afterCallChanges(changes);
    }
  }

  return {
    /** `tabs.onRemoved`: a closed tab's live calls end with it; their records stay, the tab's state goes. */
    tabRemoved(tabId: number): Promise<void> {
      return leave(tabId, (state) => endAllCalls(state, context.now()), () => context.tabCalls.forget(tabId));
    },
    /**
     * A frame's signal port disconnected while this worker lives: its page went away (reload, navigation, crash,
     * back/forward cache). Its calls end, except those a newer page in the same frame already reports over its
     * own port (`stillReported`: the old port's disconnect can arrive after the new page's first signal).
     */
    frameGone(tabId: number, frameId: number, stillReported: ReadonlySet<string>): Promise<void> {
      const now = context.now();
      return leave(tabId, (state) =>
        leaveCalls(state, (frame, callKey) => frame === frameId && !stillReported.has(callKey), () => now),
      );
    },
    /**
     * Run once when the worker (or Firefox's background page) starts: probes the frames of the live calls the
     * stored tab states hold, and closes records no tab holds. Failures are logged, never thrown: this runs
     * beside the event that woke the worker.
     */
    async recover(): Promise<void> {
      const states = await listStoredTabCallStates();
      const liveInTabs = new Set(states.flatMap((state) => activeCalls(state).map((call) => call.id)));
      const tabs = states.filter((state) => activeCalls(state).length > 0).map((state) => state.tabId);
      const results = await Promise.allSettled([...tabs.map(probeTab), closeUnfinishedRecords(liveInTabs)]);
      for (const result of results) if (result.status === 'rejected') console.error('OnScript could not close unfinished calls', result.reason);
    },
  };
}

/** The calls' ending side, as {@link createCallEndings} builds it. */
export type CallEndings = ReturnType<typeof createCallEndings>;

/** A stored record as the call it was, for the one pass (no tab holds it: no tab, no frame, its id as key). */
function recordAsCall(record: StoredCallRecord): LiveCall {
  const call: LiveCall = { ...toCallRecord(record), tabId: NO_TAB, frameId: NO_TAB, callKey: record.id };
  if (record.numberE164) call.remoteE164 = record.numberE164;
  return call;
}
