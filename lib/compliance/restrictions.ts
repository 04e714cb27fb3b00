/**
 * Debtor-stated inconvenient times, stored as data ("not before 10:00", "not at work on weekdays 09:00-17:00",
 * "not on Sundays"). Reg F comment 6(b)(1)-1: the debtor need not use the word "inconvenient"; what they name is
 * inconvenient until they say otherwise.
 */
import { parseClockTime, type Weekday } from '../time/calendar';

/**
 * A span of local time the debtor said not to call in: on `days` (default every day), from `fromMinute`
 * (default 00:00) to `toMinute` (default 24:00), minutes since local midnight, `[from, to)`.
 */
export interface InconvenientTime {
  /** The debtor's words or the agent's summary, shown in reasons. */
  label: string;
  days?: readonly Weekday[];
  fromMinute?: number;
  toMinute?: number;
}

const WEEKDAYS_AT_WORK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** "Not before HH:MM" (every day unless `days`). */
export function notBefore(time: string, days?: readonly Weekday[]): InconvenientTime {
  return withDays({ label: `not before ${time}`, toMinute: parseClockTime(time) }, days);
}

/** "Not after HH:MM" (every day unless `days`). */
export function notAfter(time: string, days?: readonly Weekday[]): InconvenientTime {
  return withDays({ label: `not after ${time}`, fromMinute: parseClockTime(time) }, days);
}

/** "Not between HH:MM and HH:MM" (e.g. at work); every day unless `days`. */
export function notBetween(from: string, to: string, days?: readonly Weekday[], label?: string): InconvenientTime {
  const fromMinute = parseClockTime(from);
  const toMinute = parseClockTime(to);
  if (toMinute <= fromMinute) throw new Error(`"not between ${from} and ${to}": the end must be after the start`);
  return withDays({ label: label ?? `not between ${from} and ${to}`, fromMinute, toMinute }, days);
}

/** "Not at work": weekdays between the given hours (default 09:00-17:00). */
export function notAtWork(from = '09:00', to = '17:00'): InconvenientTime {
  return notBetween(from, to, WEEKDAYS_AT_WORK, `not at work (weekdays ${from}-${to})`);
}

/** "Not on these days" (whole days). */
export function notOnDays(days: readonly Weekday[]): InconvenientTime {
  return { label: `not on ${days.join(', ')}`, days };
}

function withDays(restriction: InconvenientTime, days: readonly Weekday[] | undefined): InconvenientTime {
  return days ? { ...restriction, days } : restriction;
}

/** The restriction that covers this local moment, if any. */
export function matchingRestriction(
  restrictions: readonly InconvenientTime[],
  weekday: Weekday,
  minuteOfDay: number,
): InconvenientTime | undefined {
  return restrictions.find(
    (restriction) =>
      (restriction.days === undefined || restriction.days.includes(weekday)) &&
      minuteOfDay >= (restriction.fromMinute ?? 0) &&
      minuteOfDay < (restriction.toMinute ?? 1440),
  );
}
