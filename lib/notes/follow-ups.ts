/**
 * Follow-ups: agreed callbacks and promise-to-pay dates. Computes the "today" list and the reminder alarms
 * the background registers; each alarm's name carries the record id so the notification opens the record.
 */
import type { CallRecord } from '../calls/types.ts';
import type { CallWrapUp } from './types.ts';
import { MINUTE_MS, parseClockTime, parseIsoDate } from '../time/calendar.ts';
import { dayBounds, firstInstantAtOrAfterWallTime } from '../time/wall-clock.ts';

/** A callback the agent agreed to make, or a date the debtor promised to pay by. */
export type FollowUpKind = 'callback' | 'promise';

/** The fields follow-ups read. */
export type FollowUpInput = Pick<CallRecord, 'id' | 'remoteNumber'> &
  Partial<Pick<CallWrapUp, 'callbackAt' | 'promiseToPay' | 'debtorRef'>>;

/** One due follow-up. */
export interface FollowUp {
  recordId: string;
  kind: FollowUpKind;
  /**
   * Epoch ms it is due: the callback time, or for a promise the reminder time on the promised date
   * (promise dates have no time of day).
   */
  dueAt: number;
  remoteNumber: string;
  debtorRef?: string;
}

/** An alarm to register for a follow-up. */
export interface FollowUpAlarm extends FollowUp {
  /** Alarm name, see {@link alarmNameFor}. */
  name: string;
  /** Epoch ms the alarm fires: `dueAt` minus the lead time for callbacks. */
  when: number;
}

/** Options shared by the follow-up functions. */
export interface FollowUpOptions {
  /** IANA zone that defines days and the reminder time. */
  timeZone: string;
  /**
   * Local time `HH:MM` at which promise dates are reminded (default `09:00`). On a day that skips it (a DST gap)
   * the reminder comes when the clock jumps past it.
   */
  promiseReminderTime?: string;
}

/** Options of {@link nextFollowUpAlarms}. */
export interface FollowUpAlarmOptions extends FollowUpOptions {
  /** Epoch ms; only alarms strictly after it are returned. */
  now: number;
  /** How long before a callback its reminder fires (default 0). */
  callbackLeadMs?: number;
  /** Keep only the earliest alarms (default: all). */
  limit?: number;
}

/** The default {@link FollowUpOptions.promiseReminderTime}. */
export const DEFAULT_PROMISE_REMINDER_TIME = '09:00';

const ALARM_PREFIX = 'onscript:follow-up:';

/**
 * The alarm name for a record's follow-up: `onscript:follow-up:<kind>:<record id, URI-encoded>`. One
 * record has at most one alarm per kind, so re-registering replaces it.
 */
export function alarmNameFor(recordId: string, kind: FollowUpKind): string {
  return `${ALARM_PREFIX}${kind}:${encodeURIComponent(recordId)}`;
}

/** Reads back an {@link alarmNameFor} name; undefined for any other alarm. */
export function parseAlarmName(name: string): { recordId: string; kind: FollowUpKind } | undefined {
  if (!name.startsWith(ALARM_PREFIX)) return undefined;
  const rest = name.slice(ALARM_PREFIX.length);
  const colon = rest.indexOf(':');
  const kind = rest.slice(0, colon);
  if (colon < 0 || (kind !== 'callback' && kind !== 'promise')) return undefined;
  const encoded = rest.slice(colon + 1);
  if (encoded === '') return undefined;
  try {
    return { recordId: decodeURIComponent(encoded), kind };
  } catch {
    return undefined;
  }
}

/**
 * Every follow-up of `records`, whenever due, sorted by due time (then record id and kind, for a stable list).
 * Records with a malformed promise date are skipped.
 */
export function allFollowUps(records: Iterable<FollowUpInput>, options: FollowUpOptions): FollowUp[] {
  const reminderTime = options.promiseReminderTime ?? DEFAULT_PROMISE_REMINDER_TIME;
  const followUps: FollowUp[] = [];
  for (const record of records) {
    const base = {
      recordId: record.id,
      remoteNumber: record.remoteNumber,
      ...(record.debtorRef === undefined ? {} : { debtorRef: record.debtorRef }),
    };
    if (record.callbackAt !== undefined && Number.isFinite(record.callbackAt)) {
      followUps.push({ ...base, kind: 'callback', dueAt: record.callbackAt });
    }
    const date = record.promiseToPay?.date;
    if (date !== undefined && parseIsoDate(date)) {
      const dueAt = firstInstantAtOrAfterWallTime(date, parseClockTime(reminderTime) * MINUTE_MS, options.timeZone);
      followUps.push({ ...base, kind: 'promise', dueAt });
    }
  }
  return followUps.sort(compareFollowUps);
}

/**
 * The "today" list: follow-ups due on the local day `day` (`YYYY-MM-DD`): callbacks whose time falls within
 * the day, promises whose date is the day. Past-due ones of the day stay in the list.
 */
export function followUpsDueOn(records: Iterable<FollowUpInput>, options: FollowUpOptions & { day: string }): FollowUp[] {
  const [startMs, endMs] = dayBounds(options.day, options.timeZone);
  const byPromiseDate = new Set<string>();
  const matching: FollowUpInput[] = [];
  for (const record of records) {
    const callbackToday = record.callbackAt !== undefined && record.callbackAt >= startMs && record.callbackAt < endMs;
    const promiseToday = record.promiseToPay?.date === options.day;
    if (promiseToday) byPromiseDate.add(record.id);
    if (callbackToday || promiseToday) matching.push(record);
  }
  return allFollowUps(matching, options).filter((followUp) =>
    followUp.kind === 'promise' ? byPromiseDate.has(followUp.recordId) : followUp.dueAt >= startMs && followUp.dueAt < endMs,
  );
}

/** The alarms to register: one per follow-up whose alarm time is after `now`, earliest first. */
export function nextFollowUpAlarms(records: Iterable<FollowUpInput>, options: FollowUpAlarmOptions): FollowUpAlarm[] {
  const lead = options.callbackLeadMs ?? 0;
  const alarms: FollowUpAlarm[] = [];
  for (const followUp of allFollowUps(records, options)) {
    const when = followUp.kind === 'callback' ? followUp.dueAt - lead : followUp.dueAt;
    if (when <= options.now) continue;
    alarms.push({ ...followUp, name: alarmNameFor(followUp.recordId, followUp.kind), when });
  }
  alarms.sort((a, b) => a.when - b.when || compareFollowUps(a, b));
  return options.limit === undefined ? alarms : alarms.slice(0, Math.max(0, options.limit));
}

function compareFollowUps(a: FollowUp, b: FollowUp): number {
  if (a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  if (a.recordId !== b.recordId) return a.recordId < b.recordId ? -1 : 1;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}
