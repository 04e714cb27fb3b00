import { computed, signal } from '@preact/signals';
import { focusCall, supersedesTabState } from '../lib/calls/tab-calls';
import type { CallPhase, CallRecord, LiveCall, TabCallState } from '../lib/calls/types';
import { createTranslator, pickUiLanguage, type UiLanguage } from '../lib/i18n/ui-messages';
import type { PanelClient } from '../lib/extension/pages/panel-client';

/** Options for {@link createPanelState}. */
export interface PanelStateOptions {
  client: PanelClient;
  now?: () => number;
  browserLanguages?: readonly string[];
}

/** The panel's two views: the live call, and the agent's day (follow-ups, export, summary, recent calls). */
export type PanelView = 'call' | 'day';

/** How many past calls the panel lists. */
export const RECENT_CALLS_SHOWN = 5;

/**
 * The side panel's state: which tab it follows, that tab's calls, recent records, the clock the timers read and
 * the UI language. Components receive it through {@link PanelStateContext}; nothing here is global.
 */
export function createPanelState({ client, now = Date.now, browserLanguages = navigator.languages }: PanelStateOptions) {
  const tabId = signal<number | undefined>(undefined);
  const tabState = signal<TabCallState | undefined>(undefined);
  const recentCalls = signal<CallRecord[]>([]);
  const error = signal<string | undefined>(undefined);
  const clock = signal(now());
  const language = signal<UiLanguage>(pickUiLanguage(browserLanguages));
  const view = signal<PanelView>('call');
  const focus = computed(() => (tabState.value ? focusCall(tabState.value) : undefined));
  // Narrow views of the call in focus. A component that reads one of these re-renders when that value changes,
  // not on every change of the call: a call going from ringing to connected redraws the call card and not the
  // script, the notes and the calling rules below it (the detection latency the agent sees ends with that redraw).
  const focusId = computed(() => focus.value?.id);
  const focusPhase = computed<CallPhase | 'none'>(() => focus.value?.phase ?? 'none');
  const focusStage = computed<FocusStage>(() => (!focus.value ? 'none' : focus.value.phase === 'ended' ? 'ended' : 'live'));
  const t = computed(() => createTranslator(language.value));
  const cleanups: (() => void)[] = [];

  async function follow(nextTabId: number | undefined) {
    tabId.value = nextTabId;
    tabState.value = undefined;
    if (nextTabId === undefined) return;
    try {
      const state = await client.getTabState(nextTabId);
      if (tabId.value === nextTabId && supersedesTabState(state, tabState.value)) tabState.value = sharingUnchanged(tabState.value, state);
      error.value = undefined;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    }
  }

  async function refreshRecentCalls() {
    try {
      recentCalls.value = await client.listRecentCalls(RECENT_CALLS_SHOWN);
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    }
  }

  return {
    tabId,
    tabState,
    recentCalls,
    error,
    clock,
    language,
    /** Which view the panel shows; a call that starts or ends brings the call view back. */
    view,
    /** The call the panel shows (see focusCall). Prefer the narrow views below where they say enough. */
    focus,
    /** The id of the call in focus. */
    focusId,
    /** The phase of the call in focus, `none` without one (what the panel's `data-call-phase` says). */
    focusPhase,
    /** Whether a call is in focus, and whether it has ended: the panel's layout changes only with this. */
    focusStage,
    t,
    /** Starts following: resolves the tab, subscribes to changes, ticks the clock. Safe to call once. */
    async start(): Promise<void> {
      cleanups.push(
        client.onTabStateChanged((state) => {
          if (state.tabId !== tabId.value || !supersedesTabState(state, tabState.value)) return;
          const endedBefore = new Set(endedIds(tabState.value));
          const shownBefore = focus.value?.id;
          tabState.value = sharingUnchanged(tabState.value, state);
          // A new call takes the agent back to the call view, whatever they were reading.
          if (focus.value && focus.value.id !== shownBefore) view.value = 'call';
          // Any call of the tab that just ended (the one shown or a second line) belongs in recent calls.
          if (endedIds(state).some((id) => !endedBefore.has(id))) void refreshRecentCalls();
        }),
      );
      cleanups.push(client.onActiveTabChanged((next) => void follow(next)));
      // States told while the panel could not hear the background (its port was down) are read again.
      cleanups.push(client.onReconnected(() => void follow(tabId.value)));
      // The timer is derived from stored timestamps; the clock only decides when to redraw.
      const ticker = setInterval(() => (clock.value = now()), 1000);
      cleanups.push(() => clearInterval(ticker));
      const [setting, resolvedTab] = await Promise.all([
        client.loadLanguageSetting().catch(() => 'auto' as const),
        client.resolveTabId(),
      ]);
      language.value = pickUiLanguage(browserLanguages, setting);
      // A policy the first read did not wait for (a cold browser) still decides: applied when it answers.
      void client
        .loadLanguageSetting({ waitForPolicy: true })
        .then((inForce) => (language.value = pickUiLanguage(browserLanguages, inForce)))
        .catch(() => undefined);
      await Promise.all([follow(resolvedTab), refreshRecentCalls()]);
    },
    /** Stops every subscription. */
    dispose(): void {
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

/** No call in focus, a live one, or one that has ended (the wrap-up). */
export type FocusStage = 'none' | 'live' | 'ended';

/**
 * A tab state as received, with every call (and every part of a changed call: its verdict, page fields, location)
 * that equals the one shown before replaced by that same object. Each message from the background is a fresh copy,
 * so without this every derived value would look new on every message and redraw what reads it.
 */
export function sharingUnchanged(previous: TabCallState | undefined, next: TabCallState): TabCallState {
  if (!previous || previous.tabId !== next.tabId) return next;
  const calls: TabCallState['calls'] = {};
  for (const [id, call] of Object.entries(next.calls)) {
    const before = previous.calls[id];
    if (!before) calls[id] = call;
    else if (sameJson(before, call)) calls[id] = before;
    else {
      const shared: LiveCall = { ...call };
      if (before.verdict && sameJson(before.verdict, call.verdict)) shared.verdict = before.verdict;
      if (before.pageFields && sameJson(before.pageFields, call.pageFields)) shared.pageFields = before.pageFields;
      if (before.enteredLocation && sameJson(before.enteredLocation, call.enteredLocation)) shared.enteredLocation = before.enteredLocation;
      calls[id] = shared;
    }
  }
  return { ...next, calls };
}

/**
 * Each object's JSON, kept while the object lives: a call kept from the state before was serialised when it
 * arrived, so each message serialises only what it brings (this runs while a call connects, before the redraw).
 */
const jsonOf = new WeakMap<object, string>();

function json(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let text = jsonOf.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonOf.set(value, text);
  }
  return text;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || json(a) === json(b);
}

/** The panel state's type. */
export type PanelState = ReturnType<typeof createPanelState>;

function endedIds(state: TabCallState | undefined): string[] {
  return state ? Object.values(state.calls).filter((call) => call.phase === 'ended').map((call) => call.id) : [];
}
