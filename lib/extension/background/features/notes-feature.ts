import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { updateCallRecord } from '../../../db/calls-repository';
import {
  findHistory,
  listCallsBetween,
  listFollowUpCandidates,
  listFollowUpsBetween,
  nextCallbackAfter,
  promiseDatesFrom,
  readCallsPage,
} from '../../../db/notes-repository';
import type { StoredCallRecord } from '../../../db/schema';
import { complianceFlags, createCsvExporter } from '../../../export/csv';
import { createJsonExporter } from '../../../export/json';
import { alarmNameFor, followUpsDueOn, parseAlarmName } from '../../../notes/follow-ups';
import { addDays, dayIn, followUpsDueBetween, promiseDaysAround, promiseReminderAt } from '../../../notes/reminders';
import { redactSensitive } from '../../../notes/redact';
import { retentionCutoffs } from '../../../notes/retention';
import { dayBounds, summarizeDay } from '../../../notes/summary';
import { NOTES_MESSAGES, type ExportCursor, type ExportPage, type NotesHistoryEntry, type NotesRecordView, type NotesSaveResult } from '../../../protocol/notes-messages';
import { readRetentionPolicy } from '../../shared/retention-policy';
import { remindersCatalog } from '../../../i18n/catalogs/reminders';
import { createCatalogTranslator } from '../../../i18n/catalogs/define-catalog';
import { pickUiLanguage } from '../../../i18n/language';
import { agentNameSetting, followUpsNotifiedThroughItem, retentionDaysSetting } from '../../shared/settings';
import { readUiLanguageInForce } from '../../shared/ui-language';
import { readComplianceLogFile } from '../compliance-log';
import { purgeAllStores } from '../retention';
import { createExportReadAhead } from '../export-read-ahead';
import { createExportWindows, pageEnd, type WindowRead } from '../export-windows';
import { defineBackgroundFeature, type BackgroundContext, type BackgroundFeature } from '../feature';

/** The daily alarm that purges expired records. */
export const RETENTION_ALARM = 'onscript:notes:retention';
/** The one alarm for follow-ups: it fires when the next one comes due (see lib/notes/reminders.ts). */
export const NEXT_FOLLOW_UP_ALARM = 'onscript:follow-up:next';
/** Notifications one alarm shows at most; a browser closed for a week shows the first of what it missed. */
const MAX_NOTIFICATIONS_AT_ONCE = 20;
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
  catalog: remindersCatalog,
  create: createNotesFeature,
});

function createNotesFeature(context: BackgroundContext): BackgroundFeature {
  const { now, db } = context;
  const windows = createExportWindows();
  const readAhead = createExportReadAhead(
    async ({ startMs, endMs, after, limit, untilMs }): Promise<WindowRead<StoredCallRecord>> => {
      const records = await readCallsPage(await db(), startMs, Math.min(untilMs ?? endMs, endMs), after, limit);
      if (untilMs !== undefined && records.length < limit) windows.learn(untilMs - (after?.startedAt ?? startMs), records.length);
      return { records, untilMs };
    },
    (key, read) => windows.following(key, read.records),
    now,
    (key) => windows.planned(key),
  );
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
        await rebuildFollowUpAlarm(context).catch((error: unknown) => console.error('OnScript follow-up alarm failed', error));
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
      'notes/export-log': async () => `${JSON.stringify(await readComplianceLogFile(await db()), null, 1)}\n`,
      'notes/export-page': async (request): Promise<ExportPage> => {
        const first = request.written === 0 && request.after === undefined;
        const key = { startMs: request.startMs, endMs: request.endMs, after: request.after, limit: request.limit };
        // No count of the range up front: IndexedDB counts by walking the index, as long as reading the records
        // themselves, and it runs on the same backend queue as the page reads, so it held every page back (about
        // 110 ms of a 10,000-record export's 400, bench: notes). The total is told when it costs nothing: an export
        // that fits in its first page.
        let read = await readAhead.take(key);
        let { after, finished } = pageEnd(read, request);
        // A window with no calls in it is not worth a round trip to the page: the next one is taken at once (windows
        // grow fourfold at most while they come back empty, so a sparse range takes a few of these, not many).
        while (read.records.length === 0 && !finished && after) {
          const from: ExportCursor = after;
          read = await readAhead.take({ ...key, after: from });
          ({ after, finished } = pageEnd(read, { ...request, after: from }));
          // Each empty window ends later than the one before; one that did not would be read again and again.
          if (!finished && (!after || after.startedAt <= from.startedAt)) break;
        }
        const { records } = read;
        const total = first && finished ? records.length : undefined;
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
        const page: ExportPage = { text, written: request.written + records.length, finished };
        if (total !== undefined) page.total = total;
        if (after) page.after = after;
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

/**
 * Keeps the one follow-up alarm on the next follow-up that has not been told yet, read off the indexes (a callback
 * after the last told instant, or the first promise date whose reminder is), and removes the per-record alarms an
 * older release created. Called when the worker starts, when a follow-up changes and after each alarm: browsers drop
 * alarms (Chrome on update, Firefox on restart), the indexes are the truth. A follow-up already due (missed while the
 * browser was closed) makes the alarm fire at once.
 */
export async function rebuildFollowUpAlarm(context: BackgroundContext, timeZone = browserTimeZone()): Promise<number | undefined> {
  const now = context.now();
  const legacy = (await browser.alarms.getAll()).filter((alarm) => parseAlarmName(alarm.name) !== undefined);
  await Promise.all(legacy.map((alarm) => browser.alarms.clear(alarm.name)));
  let told = await followUpsNotifiedThroughItem.getValue();
  if (told === null) {
    // First run: what came due before it was told by the alarms of the release before, or not at all.
    told = now;
    await followUpsNotifiedThroughItem.setValue(told);
  }
  const database = await context.db();
  const callback = await nextCallbackAfter(database, told);
  let promise: number | undefined;
  for (const day of await promiseDatesFrom(database, addDays(dayIn(told, timeZone), -1), 3)) {
    const at = promiseReminderAt(day, timeZone);
    if (at !== undefined && at > told) {
      promise = at;
      break;
    }
  }
  const next = [callback, promise].filter((at): at is number => at !== undefined).sort((a, b) => a - b)[0];
  if (next === undefined) {
    await browser.alarms.clear(NEXT_FOLLOW_UP_ALARM);
    return undefined;
  }
  await browser.alarms.create(NEXT_FOLLOW_UP_ALARM, { when: next > now ? next : now + 1_000 });
  return next;
}

/** Tells every follow-up due since the last told instant, once each, and moves the alarm on to the next. */
async function tellDueFollowUps(context: BackgroundContext, timeZone = browserTimeZone()): Promise<void> {
  const now = context.now();
  const told = (await followUpsNotifiedThroughItem.getValue()) ?? now;
  const { fromDay, toDay } = promiseDaysAround(told, now, timeZone);
  const records = await listFollowUpsBetween(await context.db(), told, now, fromDay, toDay);
  const due = followUpsDueBetween(records, told, now, timeZone);
  const byId = new Map(records.map((record) => [record.id, record]));
  const setting = await readUiLanguageInForce();
  const language = pickUiLanguage(globalThis.navigator?.languages ?? [], setting);
  const t = createCatalogTranslator(remindersCatalog, language);
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  // Marked told first: a worker stopped halfway repeats nothing on its next start.
  await followUpsNotifiedThroughItem.setValue(now);
  for (const followUp of due.slice(0, MAX_NOTIFICATIONS_AT_ONCE)) {
    const record = byId.get(followUp.recordId);
    if (!record) continue;
    // The lock screen shows this: what the agent needs to find the call, never its number, debtor or amount.
    await browser.notifications.create(alarmNameFor(followUp.recordId, followUp.kind), {
      type: 'basic',
      iconUrl: NOTIFICATION_ICON,
      title: t(followUp.kind === 'callback' ? 'notes.reminder.callback' : 'notes.reminder.promise'),
      message: t('notes.reminder.body', { when: format.format(record.startedAt) }),
    });
  }
  await rebuildFollowUpAlarm(context, timeZone);
}

/**
 * Purges every store past the retention in force (background/retention.ts), compliance evidence past the lead's
 * floor, which the agent's setting cannot lower; returns how many call records went.
 */
export async function purgeExpiredRecords(context: BackgroundContext): Promise<number> {
  const [own, policy] = await Promise.all([retentionDaysSetting.getValue(), readRetentionPolicy()]);
  const chosen = own ?? policy.teamDays;
  const cutoffs = retentionCutoffs(context.now(), {
    ...(chosen === undefined ? {} : { days: chosen }),
    ...(policy.lockedDays === undefined ? {} : { lockedDays: policy.lockedDays }),
    ...(policy.complianceFloorDays === undefined ? {} : { complianceFloorDays: policy.complianceFloorDays }),
  });
  const purged = await purgeAllStores(await context.db(), cutoffs);
  await rebuildFollowUpAlarm(context);
  return purged.calls.length;
}

/** A 16×16 square in OnScript blue: notifications need an icon and the build ships none of its own yet. */
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGUlEQVR4nGOQz9/ynxLMMGrAqAGjBgwXAwDeHkEfSgSH+gAAAABJRU5ErkJggg==';

/** Handles the notes feature's alarms: the daily purge and follow-up reminders. */
export async function onNotesAlarm(context: BackgroundContext, alarm: Browser.alarms.Alarm): Promise<void> {
  if (alarm.name !== RETENTION_ALARM && alarm.name !== NEXT_FOLLOW_UP_ALARM) return;
  await context.ready();
  if (alarm.name === RETENTION_ALARM) await purgeExpiredRecords(context);
  else await tellDueFollowUps(context);
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
  void rebuildFollowUpAlarm(context).catch((error: unknown) => console.error('OnScript follow-up alarm failed', error));
}
