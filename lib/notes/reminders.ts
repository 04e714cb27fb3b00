/**
 * Follow-up reminders on one alarm: which follow-ups came due in a span of time, and when the next one does. The
 * background keeps a single "next follow-up" alarm and rebuilds it from the indexes whenever the worker starts or a
 * follow-up changes, so browsers that drop alarms (Chrome on update, Firefox on restart) lose no reminder, and a
 * thousand follow-ups cost one alarm. Pure: the records and `now` come in.
 */
import { allFollowUps, DEFAULT_PROMISE_REMINDER_TIME, type FollowUp, type FollowUpInput } from './follow-ups.ts';

/** The calendar day (`YYYY-MM-DD`) of an instant in a zone. */
export function dayIn(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMs);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * The promise dates whose reminder could fall in `(afterMs, throughMs]` in `timeZone`: the local days of both ends,
 * one day of margin each side (a reminder time is local; the instant's day in another zone may differ by one).
 */
export function promiseDaysAround(afterMs: number, throughMs: number, timeZone: string): { fromDay: string; toDay: string } {
  return { fromDay: addDays(dayIn(afterMs, timeZone), -1), toDay: addDays(dayIn(throughMs, timeZone), 1) };
}

/** The follow-ups of `records` due in `(afterMs, throughMs]`, earliest first. */
export function followUpsDueBetween(records: Iterable<FollowUpInput>, afterMs: number, throughMs: number, timeZone: string): FollowUp[] {
  return allFollowUps(records, { timeZone }).filter((followUp) => followUp.dueAt > afterMs && followUp.dueAt <= throughMs);
}

/** When a promise dated `day` is reminded in `timeZone`. */
export function promiseReminderAt(day: string, timeZone: string): number | undefined {
  return allFollowUps([{ id: '', remoteNumber: '', promiseToPay: { amount: '0', currency: 'XXX', date: day } }], {
    timeZone,
    promiseReminderTime: DEFAULT_PROMISE_REMINDER_TIME,
  })[0]?.dueAt;
}
