import { computed, signal } from '@preact/signals';
import { focusCall, supersedesTabState } from '../lib/calls/tab-calls';
import type { CallRecord, TabCallState } from '../lib/calls/types';
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
  const t = computed(() => createTranslator(language.value));
  const cleanups: (() => void)[] = [];

  async function follow(nextTabId: number | undefined) {
    tabId.value = nextTabId;
    tabState.value = undefined;
    if (nextTabId === undefined) return;
    try {
      const state = await client.getTabState(nextTabId);
      if (tabId.value === nextTabId && supersedesTabState(state, tabState.value)) tabState.value = state;
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
    focus,
    t,
    /** Starts following: resolves the tab, subscribes to changes, ticks the clock. Safe to call once. */
    async start(): Promise<void> {
      cleanups.push(
        client.onTabStateChanged((state) => {
          if (state.tabId !== tabId.value || !supersedesTabState(state, tabState.value)) return;
          const endedBefore = new Set(endedIds(tabState.value));
          const shownBefore = focus.value?.id;
          tabState.value = state;
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

/** The panel state's type. */
export type PanelState = ReturnType<typeof createPanelState>;

function endedIds(state: TabCallState | undefined): string[] {
  return state ? Object.values(state.calls).filter((call) => call.phase === 'ended').map((call) => call.id) : [];
}
