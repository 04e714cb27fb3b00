import { computed, signal } from '@preact/signals';
import type { NotesClient } from '../../lib/extension/pages/notes-client';
import { createAutosaveScheduler, type AutosaveScheduler } from '../../lib/notes/draft';
import type { FollowUp } from '../../lib/notes/follow-ups';
import type { RedactionFinding } from '../../lib/notes/redact';
import { dayBounds, type DaySummary } from '../../lib/notes/summary';
import { isValidPromiseToPay, type PromiseToPay } from '../../lib/notes/types';
import { zoneClock } from '../../lib/time/wall-clock';
import type { NotesDraft, NotesHistoryEntry, NotesHistoryFlag, NotesRecordView } from '../../lib/protocol/notes-messages';

/** Records per export page (about 400 KB of CSV): few round trips, and still only one page held by the worker. */
export const EXPORT_PAGE_SIZE = 2000;

/** Options for {@link createNotesState}; timers and clock are injectable for tests. */
export interface NotesStateOptions {
  client: NotesClient;
  now?: () => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** IANA zone for days, callbacks and exports; the browser's by default. */
  timeZone?: string;
  /** Hands a finished export to the browser as a download. */
  download?: (blob: Blob, fileName: string) => void;
}

/** Why the last save failed, for the message the agent sees. */
export type SaveProblem = 'quota' | 'no-record' | 'other';

/** A save the background refused because storage is full. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

class SaveRefusedError extends Error {
  constructor(readonly problem: SaveProblem) {
    super(`notes not saved: ${problem}`);
  }
}

/** Progress of a running export. */
export interface ExportProgressState {
  done: number;
  total?: number;
}

/**
 * The notes section's state: the record being edited and its draft fields, autosave status, what was masked,
 * the number's history, today's follow-ups, the daily summary and export progress. Every change to the draft
 * goes through one autosave scheduler, so it reaches IndexedDB within a second.
 */
export function createNotesState(options: NotesStateOptions) {
  const { client } = options;
  const now = options.now ?? Date.now;
  const timeZone = options.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const clock = zoneClock(timeZone);

  /** The record whose notes are on screen. */
  const recordId = signal<string | undefined>(undefined);
  /** True once the record's stored notes are loaded (the editor stays hidden until then). */
  const loaded = signal(false);
  /** Opened from history or a notification rather than following the live call. */
  const pinned = signal(false);
  const text = signal('');
  const promiseAmount = signal('');
  const promiseCurrency = signal('CNY');
  /** The currency the debtor's country or the pack suggests (see promiseCurrencyFor); the agent confirms it. */
  const suggestedCurrency = signal<string | undefined>(undefined);
  /** Whether the record on screen has a currency of its own (stored, or typed by the agent): a suggestion leaves it. */
  let currencyChosen = false;
  const promiseDate = signal('');
  /** `YYYY-MM-DDTHH:MM` in the browser's zone, as a `datetime-local` input holds it. */
  const callbackLocal = signal('');
  const saving = signal(false);
  const dirty = signal(false);
  const lastSavedAt = signal<number | undefined>(undefined);
  const problem = signal<SaveProblem | undefined>(undefined);
  const masked = signal<RedactionFinding[]>([]);
  const history = signal<NotesHistoryEntry[]>([]);
  const flags = signal<NotesHistoryFlag[]>([]);
  const today = signal<FollowUp[]>([]);
  const summary = signal<DaySummary | undefined>(undefined);
  const exportProgress = signal<ExportProgressState | undefined>(undefined);
  const exportError = signal<string | undefined>(undefined);
  /** The stored record as loaded (number, start time), for the "editing an earlier call" banner. */
  const openedRecord = signal<NotesRecordView | undefined>(undefined);

  function promiseDraft(): PromiseToPay | null | undefined {
    const amount = promiseAmount.value.trim();
    const date = promiseDate.value;
    if (amount === '' && date === '') return null;
    const promise = { amount, currency: promiseCurrency.value.trim().toUpperCase(), date };
    // An incomplete promise is left unsaved (the stored one stays) until the agent finishes it.
    return isValidPromiseToPay(promise) ? promise : undefined;
  }

  /** True while the promise fields hold something that is not yet a complete, valid promise. */
  const promiseIncomplete = computed(() => promiseDraft() === undefined);

  function callbackDraft(): number | null | undefined {
    if (callbackLocal.value === '') return null;
    const at = new Date(callbackLocal.value).getTime();
    return Number.isFinite(at) ? at : undefined;
  }

  async function persist(): Promise<void> {
    const id = recordId.value;
    if (id === undefined) return;
    const draft: NotesDraft = { callId: id, notes: text.value };
    const promise = promiseDraft();
    if (promise !== undefined) draft.promiseToPay = promise;
    const callback = callbackDraft();
    if (callback !== undefined) draft.callbackAt = callback;
    const result = await client.save(draft);
    if (!result.saved) {
      if (result.reason === 'quota') throw new StorageFullError('storage is full');
      throw new SaveRefusedError(result.reason);
    }
    problem.value = undefined;
    if (pendingSwitch) {
      const next = pendingSwitch;
      // After this save settles, so the scheduler is idle when it is replaced.
      schedule(() => void switchTo(next.id, next.pin), 0);
    }
    if (result.findings.length > 0) {
      masked.value = result.findings;
      // Show the masked text, keeping whatever the agent typed while the save was on its way.
      if (recordId.value === id && text.value.startsWith(draft.notes)) {
        text.value = result.notes + text.value.slice(draft.notes.length);
      }
    }
    void refreshToday();
  }

  const schedule = options.setTimeout ?? ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms));
  let scheduler: AutosaveScheduler = newScheduler();
  /** The live call the editor last followed, so a re-render does not pull the agent off an opened record. */
  let followedCall: string | undefined;
  /** A switch postponed because the current draft is not saved yet. */
  let pendingSwitch: { id: string | undefined; pin: boolean } | undefined;

  function newScheduler(): AutosaveScheduler {
    return createAutosaveScheduler({
      persist,
      now,
      setTimeout: schedule,
      clearTimeout: options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)),
      onError(error) {
        problem.value =
          error instanceof StorageFullError ? 'quota' : error instanceof SaveRefusedError ? error.problem : 'other';
      },
      onStateChange(state) {
        saving.value = state.saving;
        dirty.value = state.dirty;
        if (state.lastSavedAt !== undefined) lastSavedAt.value = state.lastSavedAt;
      },
    });
  }

  async function load(id: string): Promise<void> {
    loaded.value = false;
    masked.value = [];
    problem.value = undefined;
    text.value = '';
    promiseAmount.value = '';
    promiseDate.value = '';
    callbackLocal.value = '';
    lastSavedAt.value = undefined;
    const [view, earlier] = await Promise.all([
      client.get(id).catch(() => null),
      client.history(id).catch(() => ({ entries: [], flags: [] })),
    ]);
    if (recordId.value !== id) return;
    openedRecord.value = view ?? undefined;
    currencyChosen = Boolean(view?.promiseToPay);
    if (!currencyChosen && suggestedCurrency.value) promiseCurrency.value = suggestedCurrency.value;
    if (view) {
      text.value = view.notes;
      if (view.promiseToPay) {
        promiseAmount.value = view.promiseToPay.amount;
        promiseCurrency.value = view.promiseToPay.currency;
        promiseDate.value = view.promiseToPay.date;
      }
      if (view.callbackAt !== undefined) callbackLocal.value = toLocalInput(view.callbackAt);
    }
    history.value = earlier.entries;
    flags.value = earlier.flags;
    loaded.value = true;
  }

  /** Switches the editor to another record, saving the current draft first. */
  async function switchTo(id: string | undefined, pin: boolean): Promise<void> {
    if (id === recordId.value) {
      pinned.value = pin || pinned.value;
      return;
    }
    await scheduler.flush();
    if (scheduler.dirty) {
      // The draft could not be saved (full disk): keep it on screen, and move on once a retry stores it.
      pendingSwitch = { id, pin };
      return;
    }
    pendingSwitch = undefined;
    scheduler.dispose();
    scheduler = newScheduler();
    recordId.value = id;
    pinned.value = pin;
    if (id === undefined) {
      loaded.value = false;
      history.value = [];
      flags.value = [];
      return;
    }
    await load(id);
  }

  function edit(field: 'text' | 'promiseAmount' | 'promiseCurrency' | 'promiseDate' | 'callbackLocal', value: string): void {
    const target = { text, promiseAmount, promiseCurrency, promiseDate, callbackLocal }[field];
    if (field === 'promiseCurrency') currencyChosen = true;
    target.value = value;
    scheduler.change();
  }

  function toLocalInput(epochMs: number): string {
    const p = clock.parts(epochMs);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
  }

  function todayDay(): string {
    return clock.toLocalDate(now());
  }

  async function refreshToday(): Promise<void> {
    try {
      today.value = await client.today(todayDay(), timeZone);
    } catch {
      // The list is a convenience; a sleeping worker answers on the next refresh.
    }
  }

  async function refreshSummary(day: string = todayDay()): Promise<void> {
    try {
      summary.value = await client.summary(day, timeZone);
    } catch {
      summary.value = undefined;
    }
  }

  /** Set by {@link cancelExport}; the running export stops before its next page and downloads nothing. */
  let exportCancelled = false;
  /** Whether the last export was cancelled by the agent (the view says so instead of an error). */
  const exportCancelledNotice = signal(false);

  /** Exports the calls of `[fromDay, toDay]` (inclusive, local days) as CSV or JSON and downloads the file. */
  async function exportRange(fromDay: string, toDay: string, format: 'csv' | 'json'): Promise<boolean> {
    if (exportProgress.value) return false;
    exportError.value = undefined;
    exportCancelled = false;
    exportCancelledNotice.value = false;
    let startMs: number;
    let endMs: number;
    try {
      [startMs] = dayBounds(fromDay, timeZone);
      [, endMs] = dayBounds(toDay, timeZone);
      if (endMs <= startMs) throw new RangeError('empty range');
    } catch {
      exportError.value = 'range';
      return false;
    }
    exportProgress.value = { done: 0 };
    try {
      // Chunks stay separate strings until the Blob joins them, so no single giant string is ever built.
      const chunks: string[] = [];
      let page = await client.exportPage({ format, startMs, endMs, timeZone, written: 0, limit: EXPORT_PAGE_SIZE });
      const total = page.total;
      chunks.push(page.text);
      exportProgress.value = { done: page.written, ...(total === undefined ? {} : { total }) };
      while (!page.finished) {
        if (exportCancelled) {
          exportCancelledNotice.value = true;
          return false;
        }
        page = await client.exportPage({
          format,
          startMs,
          endMs,
          timeZone,
          written: page.written,
          limit: EXPORT_PAGE_SIZE,
          ...(page.after ? { after: page.after } : {}),
        });
        chunks.push(page.text);
        exportProgress.value = { done: page.written, ...(total === undefined ? {} : { total }) };
      }
      if (exportCancelled) {
        exportCancelledNotice.value = true;
        return false;
      }
      const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json;charset=utf-8';
      const range = fromDay === toDay ? fromDay : `${fromDay}_${toDay}`;
      const download = options.download ?? downloadBlob;
      download(new Blob(chunks, { type }), `onscript-calls-${range}.${format}`);
      // The compliance log goes with every export: `npm run pack -- verify-log FILE` checks its chain.
      const log = await client.exportLog();
      download(new Blob([log], { type: 'application/json;charset=utf-8' }), `onscript-compliance-log-${range}.json`);
      return true;
    } catch (error) {
      exportError.value = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      exportProgress.value = undefined;
    }
  }

  return {
    timeZone,
    recordId,
    loaded,
    pinned,
    text,
    promiseAmount,
    promiseCurrency,
    promiseDate,
    callbackLocal,
    saving,
    dirty,
    lastSavedAt,
    problem,
    masked,
    history,
    flags,
    today,
    summary,
    exportProgress,
    exportError,
    exportCancelledNotice,
    /** Stops the running export: the pages read so far are dropped and no file is downloaded. */
    cancelExport(): void {
      if (exportProgress.value) exportCancelled = true;
    },
    openedRecord,
    promiseIncomplete,
    edit,
    switchTo,
    /**
     * Follows the live call. A record the agent opened stays open until a different call comes into focus:
     * a new call always takes over, because its notes are the ones being taken now.
     */
    followCall(callId: string | undefined): Promise<void> {
      if (callId === followedCall) return Promise.resolve();
      followedCall = callId;
      if (callId === undefined) return Promise.resolve();
      return switchTo(callId, false);
    },
    /** Opens a record from history, the today list or a notification; `liveCallId` is the call in focus now. */
    openRecord(id: string, liveCallId?: string): Promise<void> {
      if (liveCallId !== undefined) followedCall = liveCallId;
      return switchTo(id, true);
    },
    /**
     * Offers the currency the debtor's country or the pack suggests: it fills the promise's currency unless the
     * record has one stored or the agent typed one.
     */
    suggestCurrency(code: string | undefined): void {
      suggestedCurrency.value = code;
      if (code && !currencyChosen) promiseCurrency.value = code;
    },
    /** Saves now whatever is unsaved (the panel is closing). */
    flush: () => scheduler.flush(),
    refreshToday,
    refreshSummary,
    exportRange,
    todayDay,
    toLocalInput,
    dispose(): void {
      scheduler.dispose();
    },
  };
}

/** The notes section's state type. */
export type NotesState = ReturnType<typeof createNotesState>;

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; give it a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
