import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { updateCallRecord } from '../../../db/calls-repository';
import {
  countCallsBetween,
  findHistory,
  listCallsBetween,
  listFollowUpCandidates,
  purgeCallsBefore,
  readCallsPage,
} from '../../../db/notes-repository';
import type { StoredCallRecord } from '../../../db/schema';
import { complianceFlags, createCsvExporter } from '../../../export/csv';
import { createJsonExporter } from '../../../export/json';
import { alarmNameFor, followUpsDueOn, nextFollowUpAlarms, parseAlarmName, type FollowUpKind } from '../../../notes/follow-ups';
import { redactSensitive } from '../../../notes/redact';
import { effectiveRetentionDays, retentionCutoff } from '../../../notes/retention';
import { dayBounds, summarizeDay } from '../../../notes/summary';
import { NOTES_MESSAGES, type ExportPage, type NotesHistoryEntry, type NotesRecordView, type NotesSaveResult } from '../../../protocol/notes-messages';
import { readRetentionPolicy } from '../../shared/retention-policy';
import { notesCatalog } from '../../../i18n/catalogs/notes';
import { createCatalogTranslator } from '../../../i18n/catalogs/define-catalog';
import { pickUiLanguage } from '../../../i18n/language';
import { agentNameSetting, retentionDaysSetting, uiLanguageSetting } from '../../shared/settings';
import { defineBackgroundFeature, type BackgroundContext, type BackgroundFeature } from '../feature';

/** The daily alarm that purges expired records. */
export const RETENTION_ALARM = 'onscript:notes:retention';
/** How many earlier calls the history list shows. */
export const HISTORY_SHOWN = 10;

/** The time zone days and reminders are computed in: the browser's. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True for a storage-full error from IndexedDB, however the browser wraps it. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  if (name === 'QuotaExceededError') return true;
  return isQuotaError((error as { cause?: unknown }).cause);
}

/**
 * The notes feature: saves notes and wrap-up (masked in the one writer), history, today's follow-ups, the daily
 * summary and export pages; reminders and the retention purge run on alarms.
 */
export const notesFeature = defineBackgroundFeature({
  id: 'notes',
  messages: NOTES_MESSAGES,
  catalog: notesCatalog,
  create: createNotesFeature,
});

function createNotesFeature(context: BackgroundContext): BackgroundFeature {
  const { now, db } = context;
  return {
    start: () => registerNotesBackground(context),
    handlers: {
      'notes/save': async (draft): Promise<NotesSaveResult> => {
        // Masked here, in the one writer, so no page can store a card number by skipping a check.
        const redacted = redactSensitive(draft.notes);
        const at = now();
        const agentName = await agentNameSetting.getValue().catch(() => '');
        let stored: StoredCallRecord | undefined;
        try {
          stored = await updateCallRecord(await db(), draft.callId, (record) => {
            const next: StoredCallRecord = {
              ...record,
              notes: redacted.text,
              redactions: [...(record.redactions ?? []), ...redacted.findings.map((finding) => ({ ...finding, at }))],
            };
            if (!record.agentName && agentName) next.agentName = agentName;
            if (draft.promiseToPay === null) delete next.promiseToPay;
            else if (draft.promiseToPay !== undefined) next.promiseToPay = draft.promiseToPay;
            if (draft.callbackAt === null) delete next.callbackAt;
            else if (draft.callbackAt !== undefined) next.callbackAt = draft.callbackAt;
            return next;
          });
        } catch (error) {
          if (isQuotaError(error)) return { saved: false, reason: 'quota' };
          throw error;
        }
        if (!stored) return { saved: false, reason: 'no-record' };
        await scheduleFollowUpAlarms(stored, now()).catch((error: unknown) => console.error('OnScript follow-up alarm failed', error));
        return { saved: true, notes: redacted.text, findings: redacted.findings, savedAt: at };
      },
      'notes/get': async ({ callId }) => {
        const record = await (await db()).get('calls', callId);
        return record ? toRecordView(record) : null;
      },
      'notes/history': async ({ callId }) => {
        const database = await db();
        const record = await database.get('calls', callId);
        if (!record) return { entries: [], flags: [] };
        const { records, flags } = await findHistory(
          database,
          {
            excludeId: callId,
            remoteNumber: record.remoteNumber,
            ...(record.numberE164 ? { numberE164: record.numberE164 } : {}),
            ...(record.debtorRef ? { debtorRef: record.debtorRef } : {}),
          },
          HISTORY_SHOWN,
        );
        return {
          entries: records.map(toHistoryEntry),
          flags: flags.map((flag) => ({ reason: flag.reason, scope: flag.scope, setAt: flag.setAt })),
        };
      },
      'notes/today': async ({ day, timeZone }) => {
        const [startMs, endMs] = dayBounds(day, timeZone);
        return followUpsDueOn(await listFollowUpCandidates(await db(), day, startMs, endMs), { day, timeZone });
      },
      'notes/summary': async ({ day, timeZone }) => {
        const [startMs, endMs] = dayBounds(day, timeZone);
        return summarizeDay(await listCallsBetween(await db(), startMs, endMs), { day, timeZone });
      },
      'notes/export-page': async (request): Promise<ExportPage> => {
        const database = await db();
        const first = request.written === 0 && request.after === undefined;
        const records = await readCallsPage(database, request.startMs, request.endMs, request.after, request.limit);
        const finished = records.length < request.limit;
        let text = '';
        if (request.format === 'csv') {
          const csv = createCsvExporter({ timeZone: request.timeZone });
          if (first) text += csv.header();
          for (const record of records) text += csv.row(record);
        } else {
          const json = createJsonExporter({ timeZone: request.timeZone });
          if (first) text += json.open();
          records.forEach((record, index) => (text += json.row(record, request.written + index)));
          if (finished) text += json.close();
        }
        const last = records.at(-1);
        const page: ExportPage = { text, written: request.written + records.length, finished };
        if (first) page.total = await countCallsBetween(database, request.startMs, request.endMs);
        if (last) page.after = { startedAt: last.startedAt, id: last.id };
        else if (request.after) page.after = request.after;
        return page;
      },
    },
  };
}

function toRecordView(record: StoredCallRecord): NotesRecordView {
  const view: NotesRecordView = {
    id: record.id,
    remoteNumber: record.remoteNumber,
    startedAt: record.startedAt,
    notes: record.notes ?? '',
  };
  if (record.promiseToPay) view.promiseToPay = record.promiseToPay;
  if (record.callbackAt !== undefined) view.callbackAt = record.callbackAt;
  if (record.disposition) view.disposition = record.disposition;
  if (record.debtorRef) view.debtorRef = record.debtorRef;
  return view;
}

function toHistoryEntry(record: StoredCallRecord): NotesHistoryEntry {
  const flags = complianceFlags(record.complianceEvents);
  const entry: NotesHistoryEntry = {
    id: record.id,
    startedAt: record.startedAt,
    remoteNumber: record.remoteNumber,
    flags: flags === '' ? [] : flags.split(';'),
    notes: record.notes ?? '',
  };
  if (record.debtorRef) entry.debtorRef = record.debtorRef;
  if (record.disposition) entry.disposition = record.disposition;
  if (record.promiseToPay) entry.promiseToPay = record.promiseToPay;
  if (record.callbackAt !== undefined) entry.callbackAt = record.callbackAt;
  return entry;
}

const FOLLOW_UP_KINDS: readonly FollowUpKind[] = ['callback', 'promise'];

/** Replaces a record's reminder alarms with those its current follow-ups need (none once they are past). */
export async function scheduleFollowUpAlarms(record: StoredCallRecord, now: number, timeZone = browserTimeZone()): Promise<void> {
  await Promise.all(FOLLOW_UP_KINDS.map((kind) => browser.alarms.clear(alarmNameFor(record.id, kind))));
  for (const alarm of nextFollowUpAlarms([record], { now, timeZone })) {
    await browser.alarms.create(alarm.name, { when: alarm.when });
  }
}

/** Purges records past the retention in force; returns how many went. */
export async function purgeExpiredRecords(context: BackgroundContext): Promise<number> {
  const [own, policy] = await Promise.all([retentionDaysSetting.getValue(), readRetentionPolicy()]);
  const chosen = own ?? policy.teamDays;
  const days = effectiveRetentionDays({
    ...(chosen === undefined ? {} : { days: chosen }),
    ...(policy.lockedDays === undefined ? {} : { lockedDays: policy.lockedDays }),
  });
  const purged = await purgeCallsBefore(await context.db(), retentionCutoff(context.now(), days));
  await Promise.all(
    purged.flatMap((id) => FOLLOW_UP_KINDS.map((kind) => browser.alarms.clear(alarmNameFor(id, kind)).catch(() => false))),
  );
  return purged.length;
}

/** A 16×16 square in OnScript blue: notifications need an icon and the build ships none of its own yet. */
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGUlEQVR4nGOQz9/ynxLMMGrAqAGjBgwXAwDeHkEfSgSH+gAAAABJRU5ErkJggg==';

/** Handles the notes feature's alarms: the daily purge and follow-up reminders. */
export async function onNotesAlarm(context: BackgroundContext, alarm: Browser.alarms.Alarm): Promise<void> {
  if (alarm.name === RETENTION_ALARM) {
    await purgeExpiredRecords(context);
    return;
  }
  const followUp = parseAlarmName(alarm.name);
  if (!followUp) return;
  const record = await (await context.db()).get('calls', followUp.recordId);
  if (!record) return;
  const setting = await uiLanguageSetting.getValue().catch(() => 'auto' as const);
  const t = createCatalogTranslator(notesCatalog, pickUiLanguage(globalThis.navigator?.languages ?? [], setting));
  const who = record.debtorRef ? `${record.remoteNumber} (${record.debtorRef})` : record.remoteNumber;
  const title = t(followUp.kind === 'callback' ? 'notes.reminder.callback' : 'notes.reminder.promise');
  const amount = record.promiseToPay ? ` ${record.promiseToPay.amount} ${record.promiseToPay.currency}` : '';
  await browser.notifications.create(alarm.name, {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title,
    message: followUp.kind === 'promise' ? `${who}${amount}` : who,
  });
}

/** The page a follow-up notification opens: the side panel page focused on the record. */
export function recordPageUrl(recordId: string): string {
  return browser.runtime.getURL(`/sidepanel.html?record=${encodeURIComponent(recordId)}`);
}

/** Opens the record a clicked follow-up notification is about. */
export async function onNotesNotificationClicked(notificationId: string): Promise<void> {
  const followUp = parseAlarmName(notificationId);
  if (!followUp) return;
  await browser.tabs.create({ url: recordPageUrl(followUp.recordId) });
  await browser.notifications.clear(notificationId);
}

/**
 * Registers the notes feature's listeners synchronously (so the event that woke the worker is not missed) and
 * makes sure the daily purge alarm exists. Called from the background entry point.
 */
export function registerNotesBackground(context: BackgroundContext): void {
  browser.alarms.onAlarm.addListener((alarm) => void onNotesAlarm(context, alarm).catch((error: unknown) => console.error(error)));
  browser.notifications?.onClicked.addListener((id) => void onNotesNotificationClicked(id).catch((error: unknown) => console.error(error)));
  void browser.alarms
    .get(RETENTION_ALARM)
    .then(async (existing) => {
      if (!existing) await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
    })
    .catch((error: unknown) => console.error('OnScript retention alarm failed', error));
}
