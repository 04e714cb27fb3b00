import type { InconvenientTime } from '../compliance/restrictions';
import { accept, isBoundedString, isFiniteNumber, isRecord, refuse, unexpectedKey, type Checked } from './checks';
import { defineMessages } from './sender-rules';

/** Messages of the debtor feature: what debtors said, kept by the background. Type names are prefixed `debtor/`. */
export interface DebtorMessages {
  /** extension → background: every debtor's stated inconvenient times, by debtor reference or E.164 number. */
  'debtor/list-times': { request: Record<string, never>; response: Record<string, InconvenientTime[]> };
  /** extension → background: replaces one debtor's stated times (an empty list removes them). */
  'debtor/set-times': { request: { key: string; times: InconvenientTime[] }; response: { saved: true } };
}

/** Most rules one debtor may have stated. */
const MAX_TIMES = 20;
const WEEKDAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

function readTime(value: unknown): InconvenientTime | undefined {
  if (!isRecord(value) || unexpectedKey(value, new Set(['label', 'days', 'fromMinute', 'toMinute'])) !== undefined) return undefined;
  const { label, days, fromMinute, toMinute } = value;
  if (!isBoundedString(label, 200)) return undefined;
  const time: InconvenientTime = { label };
  if (days !== undefined) {
    if (!Array.isArray(days) || days.length > 7 || !days.every((day) => typeof day === 'string' && WEEKDAYS.has(day))) return undefined;
    time.days = days as InconvenientTime['days'];
  }
  for (const [key, minute] of [['fromMinute', fromMinute], ['toMinute', toMinute]] as const) {
    if (minute === undefined) continue;
    if (!isFiniteNumber(minute) || !Number.isInteger(minute) || minute < 0 || minute > 1440) return undefined;
    time[key] = minute;
  }
  return time;
}

function validateSetTimes(payload: unknown): Checked<{ key: string; times: InconvenientTime[] }> {
  if (!isRecord(payload) || unexpectedKey(payload, new Set(['key', 'times'])) !== undefined) return refuse('expected { key, times }');
  const { key, times } = payload;
  if (!isBoundedString(key, 128) || key.trim() === '') return refuse('bad key');
  if (!Array.isArray(times) || times.length > MAX_TIMES) return refuse('bad times');
  const read = times.map(readTime);
  if (read.some((time) => time === undefined)) return refuse('bad time');
  return accept({ key: key.trim(), times: read as InconvenientTime[] });
}

/** Each debtor message: who may send it and how its payload is checked. */
export const DEBTOR_MESSAGES = defineMessages<DebtorMessages>({
  'debtor/list-times': { senders: ['extension'], validate: () => accept({}) },
  'debtor/set-times': { senders: ['extension'], validate: validateSetTimes },
});
