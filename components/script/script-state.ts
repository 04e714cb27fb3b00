import { computed, effect, signal, untracked } from '@preact/signals';
import type { PackLanguage, ScriptPack } from '../../lib/packs/types';
import type { ScriptClient } from '../../lib/extension/pages/script-client';
import type { ScriptCallView, ScriptRefusalReason } from '../../lib/protocol/script-messages';
import type { ScriptAction } from '../../lib/script/engine';
import { defaultPackFor } from '../../lib/packs/defaults';
import { DEBTOR_REF_FIELD, pageValueOffers, type PageValueOffer } from '../../lib/script/page-values';
import type { PanelState } from '../panel-state';

/** Options for {@link createScriptState}. */
export interface ScriptStateOptions {
  client: ScriptClient;
  panel: PanelState;
  /** How long the form waits after the last keystroke before saving. */
  saveDelayMs?: number;
}

/**
 * The script view's state: the focused call's script as the background stored it, the pack it runs on, the
 * per-call form being typed, the objection query and the last refusal. Every change goes to the background
 * first; the view shows what the background answered, so two panels and a restarted worker agree.
 */
export function createScriptState({ client, panel, saveDelayMs = 300 }: ScriptStateOptions) {
  const packs = signal<readonly ScriptPack[]>([]);
  const packSetting = signal('auto');
  /** The agent's own values from the settings (`agent.name`, `company.name`, …), prefilled into each call's form. */
  const variableDefaults = signal<Readonly<Record<string, string>>>({});
  const view = signal<ScriptCallView | null>(null);
  /** The call the view belongs to; `loading` while its script is fetched. */
  const callId = signal<string | undefined>(undefined);
  const loading = signal(false);
  const refusal = signal<ScriptRefusalReason | null>(null);
  const notice = signal<'pack-later' | null>(null);
  const error = signal<string | undefined>(undefined);
  const query = signal('');
  const variables = signal<Record<string, string>>({});
  const debtorRef = signal('');
  /**
   * Whether the call details form is open. Closed at first on every call, so the step and the notes share the first
   * screen; the agent opens it (or "Review" on the page's values does), and it stays as the agent leaves it.
   */
  const formOpen = signal(false);
  const cleanups: (() => void)[] = [];
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingSave: (() => Promise<void>) | undefined;

  /** The language script text is shown in: the UI language (packs fall back to their default language). */
  const language = computed<PackLanguage>(() => panel.language.value);
  /** The pack previewed before a call and given to new calls. */
  const settingPack = computed<ScriptPack>(
    () =>
      (packSetting.value !== 'auto' ? packs.value.find((pack) => pack.id === packSetting.value) : undefined) ??
      defaultPackFor(panel.language.value),
  );
  /** The pack the focused call runs on (its stamped id and version), or undefined when it is not available. */
  const pack = computed<ScriptPack | undefined>(() => {
    const current = view.value;
    if (!current) return undefined;
    return packs.value.find((candidate) => candidate.id === current.packId && candidate.version === current.packVersion);
  });

  /**
   * What the open page (a CRM, read by its DOM rule's fields) shows for this call's form and the form does not
   * hold yet: offered to the agent, never filled without their word.
   */
  const focusPageFields = computed(() => panel.focus.value?.pageFields);
  const pageOffers = computed<PageValueOffer[]>(() => {
    const current = view.value;
    const running = pack.value;
    if (!current || !running || panel.focusId.value !== current.callId) return [];
    // The page fields alone, not the call: the offers stay the same object while the call only changes phase.
    return pageValueOffers({ variables: running.variables, fields: focusPageFields.value, values: variables.value, debtorRef: debtorRef.value });
  });

  function fail(failure: unknown) {
    error.value = failure instanceof Error ? failure.message : String(failure);
  }

  // Packs arrive while the panel is open (a team pack update): a call on a pack the panel has not seen yet
  // re-reads the list once rather than saying the pack is gone.
  let refreshedFor = '';
  function refreshPacksFor(next: ScriptCallView): void {
    const key = `${next.packId}@${next.packVersion}`;
    if (refreshedFor === key || packs.value.some((p) => p.id === next.packId && p.version === next.packVersion)) return;
    refreshedFor = key;
    void client
      .listPacks()
      .then((available) => (packs.value = available))
      .catch(fail);
  }

  function show(next: ScriptCallView | null, { resetForm }: { resetForm: boolean }) {
    // An action's answer and the broadcast of a later action travel on different channels and may cross.
    const shown = view.value;
    if (next && shown && next.callId === shown.callId && (next.revision ?? 0) < (shown.revision ?? 0)) return;
    view.value = next;
    if (next) refreshPacksFor(next);
    if (!next || !resetForm) return;
    const values = { ...next.variables };
    for (const [key, value] of Object.entries(variableDefaults.value)) if (!values[key]) values[key] = value;
    variables.value = values;
    debtorRef.value = next.debtorRef;
  }

  async function flushSave(): Promise<void> {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    const save = pendingSave;
    pendingSave = undefined;
    await save?.();
  }

  async function follow(nextCallId: string | undefined): Promise<void> {
    if (nextCallId === callId.value) return;
    await flushSave();
    callId.value = nextCallId;
    view.value = null;
    formOpen.value = false;
    refusal.value = null;
    notice.value = null;
    query.value = '';
    if (nextCallId === undefined) return;
    loading.value = true;
    try {
      // The settings are read again for each call: an agent who fills in their name with the panel open gets it
      // on the next call without reopening the panel.
      const [loaded, defaults] = await Promise.all([client.getScript(nextCallId), client.loadVariableDefaults().catch(() => variableDefaults.value)]);
      variableDefaults.value = defaults;
      if (callId.value === nextCallId) show(loaded, { resetForm: true });
      error.value = undefined;
    } catch (failure) {
      fail(failure);
    } finally {
      if (callId.value === nextCallId) loading.value = false;
    }
  }

  return {
    packs,
    packSetting,
    settingPack,
    pack,
    view,
    callId,
    loading,
    refusal,
    notice,
    error,
    query,
    variables,
    debtorRef,
    formOpen,
    pageOffers,
    language,
    /** Subscribes to the extension's keyboard commands, forwarded by the background. */
    onCommand: (callback: Parameters<ScriptClient['onCommand']>[0]) => client.onCommand(callback),
    /** Loads packs and settings, subscribes to changes, and follows the panel's focused call. */
    async start(): Promise<void> {
      cleanups.push(
        client.onScriptChanged((next) => {
          if (next.callId === callId.value) show(next, { resetForm: false });
        }),
      );
      try {
        const [available, setting, defaults] = await Promise.all([client.listPacks(), client.loadPackSetting(), client.loadVariableDefaults()]);
        packs.value = available;
        packSetting.value = setting;
        variableDefaults.value = defaults;
      } catch (failure) {
        fail(failure);
      }
      cleanups.push(
        effect(() => {
          const id = panel.focusId.value;
          untracked(() => void follow(id));
        }),
      );
    },
    dispose(): void {
      void flushSave();
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
    /** Sends one engine action for the focused call; a refusal is kept for the view to explain. */
    async act(action: ScriptAction): Promise<void> {
      const id = callId.value;
      const shown = view.value;
      if (id === undefined || !shown) return;
      // A tick shows at once: the agent's next key (C for the next check) must see it before the background
      // answers. The answer, or the broadcast of the write, replaces this with what was stored.
      let optimistic: ScriptCallView | undefined;
      if (action.type === 'toggleCheck') {
        const { checked } = shown.progress;
        const next = checked.includes(action.checkId) ? checked.filter((checkId) => checkId !== action.checkId) : [...checked, action.checkId];
        optimistic = { ...shown, progress: { ...shown.progress, checked: next } };
        view.value = optimistic;
      }
      // A tick the background did not store must not stay on screen: a disclosure shown as given would be false.
      const undoUnstored = () => {
        if (optimistic && view.value === optimistic) view.value = shown;
      };
      try {
        const result = await client.act(id, action);
        if (callId.value !== id) return;
        if (result.view) show(result.view, { resetForm: false });
        else undoUnstored();
        refusal.value = result.ok ? null : result.refusal;
        error.value = undefined;
      } catch (failure) {
        undoUnstored();
        fail(failure);
      }
    },
    /** Updates one form value now and saves the form shortly after typing stops. */
    setVariable(key: string, value: string): void {
      variables.value = { ...variables.value, [key]: value };
      this.scheduleSave();
    },
    /** Takes the page's values for `keys` (all offered ones by default) into the form, as if the agent typed them. */
    acceptPageValues(keys?: readonly string[]): void {
      const taken = pageOffers.value.filter((offer) => !keys || keys.includes(offer.key));
      if (taken.length === 0) return;
      const next = { ...variables.value };
      for (const offer of taken) {
        if (offer.key === DEBTOR_REF_FIELD) debtorRef.value = offer.value;
        else next[offer.key] = offer.value;
      }
      variables.value = next;
      this.scheduleSave();
    },
    setDebtorRef(value: string): void {
      debtorRef.value = value;
      this.scheduleSave();
    },
    scheduleSave(): void {
      const id = callId.value;
      if (id === undefined) return;
      pendingSave = async () => {
        try {
          const saved = await client.setVariables(id, { ...variables.value }, debtorRef.value.trim());
          if (saved && callId.value === id) show(saved, { resetForm: false });
        } catch (failure) {
          fail(failure);
        }
      };
      if (saveTimer !== undefined) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void flushSave(), saveDelayMs);
    },
    flushSave,
    /**
     * Chooses the pack for new calls (the setting). The focused call moves to it too while its script is
     * untouched; otherwise the background refuses and the panel says it applies from the next call.
     */
    async choosePack(value: string): Promise<void> {
      packSetting.value = value;
      notice.value = null;
      try {
        await client.savePackSetting(value);
        const id = callId.value;
        if (id === undefined || !view.value) return;
        const target = settingPack.value;
        if (target.id === view.value.packId && target.version === view.value.packVersion) return;
        const result = await client.switchPack(id, target.id);
        if (result.view && callId.value === id) show(result.view, { resetForm: false });
        if (!result.ok) notice.value = 'pack-later';
      } catch (failure) {
        fail(failure);
      }
    },
  };
}

/** The script state's type. */
export type ScriptState = ReturnType<typeof createScriptState>;
