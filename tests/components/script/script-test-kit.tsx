import { act, render } from '@testing-library/preact';
import type { ScriptState } from '../../../components/script/script-state';
import { SidePanelApp } from '../../../components/side-panel-app';
import type { LiveCall, TabCallState } from '../../../lib/calls/types';
import type { PanelClient } from '../../../lib/extension/pages/panel-client';
import type { ScriptClient } from '../../../lib/extension/pages/script-client';
import { resolveActivePack } from '../../../lib/extension/shared/script-packs';
import type { ScriptPack } from '../../../lib/packs/types';
import type { ScriptCallView, ScriptCommand } from '../../../lib/protocol/script-messages';
import { applyScriptAction, createScriptProgress } from '../../../lib/script/engine';
import { liveCallFixture } from '../../fixtures/live-call';
import { fakeSidePanelModel, idlePanelClient } from '../../fixtures/side-panel';

/**
 * A script client that plays the background in memory with the real engine: records survive a re-created
 * panel (a "reopen") because they live in the fake, not in the panel state.
 */
export function fakeScriptClient(packs: readonly ScriptPack[], setting = 'auto') {
  const records = new Map<string, ScriptCallView>();
  let clock = 1_000_000;
  let commandListener: ((command: ScriptCommand) => void) | undefined;
  let changeListener: ((view: ScriptCallView) => void) | undefined;
  /** While set, action answers wait here until the test releases them (the broadcast still goes out at once). */
  const heldAnswers: (() => void)[] = [];
  let holdAnswers = false;
  const packOf = (view: ScriptCallView) => packs.find((pack) => pack.id === view.packId && pack.version === view.packVersion);
  const state = {
    setting,
    saved: [] as { variables: Record<string, string>; debtorRef: string }[],
    /** The agent's own values in the settings, as the script client offers them. */
    defaults: { 'agent.name': 'Li Lei', 'company.name': 'Example Bank' } as Record<string, string>,
  };
  const client: ScriptClient = {
    async getScript(callId) {
      if (!records.has(callId)) {
        const pack = resolveActivePack(state.setting, 'en', packs);
        records.set(callId, {
          callId,
          packId: pack.id,
          packVersion: pack.version,
          progress: createScriptProgress(pack, clock),
          variables: {},
          debtorRef: '',
          disposition: null,
        });
      }
      return structuredClone(records.get(callId)!);
    },
    async act(callId, action) {
      const view = records.get(callId)!;
      clock += 1_000;
      const result = applyScriptAction(packOf(view)!, view.progress, action, clock);
      if (!result.ok) return { ok: false, view: structuredClone(view), refusal: result.refusal };
      const next = { ...view, progress: result.progress, disposition: result.progress.disposition?.code ?? null, revision: (view.revision ?? 0) + 1 };
      records.set(callId, next);
      changeListener?.(structuredClone(next));
      const answer = { ok: true as const, view: structuredClone(next) };
      if (!holdAnswers) return answer;
      return new Promise((resolve) => heldAnswers.push(() => resolve(answer)));
    },
    async setVariables(callId, variables, debtorRef) {
      state.saved.push({ variables, debtorRef });
      const next = { ...records.get(callId)!, variables: { ...variables }, debtorRef };
      records.set(callId, next);
      return structuredClone(next);
    },
    async switchPack(callId, packId) {
      const view = records.get(callId)!;
      if (view.progress.history.length > 0 || view.progress.checked.length > 0) {
        return { ok: false, view: structuredClone(view), refusal: { reason: 'in-progress' } };
      }
      const pack = packs.find((candidate) => candidate.id === packId)!;
      const next = { ...view, packId: pack.id, packVersion: pack.version, progress: createScriptProgress(pack, clock) };
      records.set(callId, next);
      return { ok: true, view: structuredClone(next) };
    },
    listPacks: async () => packs,
    loadPackSetting: async () => state.setting,
    savePackSetting: async (value) => {
      state.setting = value;
    },
    loadVariableDefaults: async () => ({ ...state.defaults }),
    onScriptChanged: (callback) => {
      changeListener = callback;
      return () => (changeListener = undefined);
    },
    onCommand: (callback) => {
      commandListener = callback;
      return () => (commandListener = undefined);
    },
  };
  return {
    client,
    records,
    state,
    command: (command: ScriptCommand) => act(() => commandListener?.(command)),
    /** Holds action answers from now on, as a busy channel would. */
    holdAnswers: () => void (holdAnswers = true),
    /** Delivers the held answers newest first (the oldest arrives last) and stops holding. */
    releaseAnswers: async () => {
      holdAnswers = false;
      for (const deliver of heldAnswers.splice(0).reverse()) {
        await act(async () => {
          deliver();
          await new Promise((resolve) => setTimeout(resolve, 0));
        });
      }
    },
  };
}

export const liveCall = (extra: Partial<LiveCall> = {}): LiveCall => liveCallFixture(extra);

/** A panel client for one tab whose state the test can replace (a broadcast). */
export function fakePanelClient(initial: TabCallState) {
  let broadcast: ((state: TabCallState) => void) | undefined;
  const client: PanelClient = idlePanelClient({
    resolveTabId: async () => initial.tabId,
    getTabState: async () => initial,
    onTabStateChanged: (callback) => {
      broadcast = callback;
      return () => (broadcast = undefined);
    },
  });
  return { client, push: (state: TabCallState) => act(() => broadcast?.(state)) };
}

/** Lets pending promises (client round trips) and re-renders settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/** Renders the whole side panel with the script state, as the side panel entry point does. */
export async function renderPanelWithScript(
  scriptClient: ScriptClient,
  tab: TabCallState,
  { languages = ['en-US'] }: { languages?: string[] } = {},
): Promise<{ script: ScriptState; push: (state: TabCallState) => Promise<void>; unmount: () => void }> {
  const panelFake = fakePanelClient(tab);
  const model = fakeSidePanelModel({
    clients: { panel: panelFake.client, script: scriptClient },
    now: () => 1_010_000,
    browserLanguages: languages,
    scriptSaveDelayMs: 0,
  });
  const { script } = model;
  const { unmount } = render(<SidePanelApp model={model} />);
  await settle();
  return {
    script,
    push: async (state) => {
      await panelFake.push(state);
      await settle();
    },
    unmount,
  };
}
