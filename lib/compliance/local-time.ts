/**
 * Wall-clock arithmetic in IANA time zones, built only on `Intl.DateTimeFormat`.
 *
 * Windows are defined on local wall time ("08:00 to 21:00 where the debtor is"), so the engine needs both directions:
 * epoch → wall time, and wall time → the instants that show it (none in a DST gap, two in an overlap).
 */

/** Day of the week, lower-case English abbreviation; data files read better than 0-6. */
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/** All weekdays in JavaScript order (Sunday first), so `WEEKDAYS[date.getUTCDay()]` works. */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A local date and time of day in some zone. */
export interface WallTime {
  /** Local calendar date as `YYYY-MM-DD`. */
  date: string;
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  weekday: Weekday;
  /** Milliseconds since local midnight (0 to 86_399_999). */
  msOfDay: number;
}

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One (24-hour) day in milliseconds; calendar days in a zone can be 23 or 25 hours. */
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows `timeZone` as an IANA zone (or link). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local wall time as if it were UTC: `Date.UTC(local fields)`. Subtracting the instant gives the zone's offset.
 */
function naiveLocalMs(epochMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  const field = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    return part ? Number(part.value) : 0;
  };
  // Offsets are whole seconds, so the millisecond part of the instant carries over unchanged.
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'), ms);
}

/** UTC offset of `timeZone` at `epochMs`, in milliseconds (positive east of Greenwich). */
export function offsetAt(epochMs: number, timeZone: string): number {
  return naiveLocalMs(epochMs, timeZone) - epochMs;
}

/** Local wall time at `epochMs` in `timeZone`. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const naive = naiveLocalMs(epochMs, timeZone);
  const dayStart = Math.floor(naive / DAY_MS) * DAY_MS;
  const asDate = new Date(dayStart);
  return {
    date: asDate.toISOString().slice(0, 10),
    year: asDate.getUTCFullYear(),
    month: asDate.getUTCMonth() + 1,
    day: asDate.getUTCDate(),
    weekday: WEEKDAYS[asDate.getUTCDay()] ?? 'sun',
    msOfDay: naive - dayStart,
  };
}

/** `YYYY-MM-DD` shifted by whole days (pure calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Every instant whose local wall time in `timeZone` is exactly `date` at `msOfDay`, earliest first.
 * Empty inside a DST gap; two instants inside an overlap (the repeated hour).
 */
export function instantsAtWallTime(date: string, msOfDay: number, timeZone: string): number[] {
  const naive = Date.parse(`${date}T00:00:00Z`) + msOfDay;
  // The offset in force a day before and after covers both sides of any transition near this wall time.
  const offsets = new Set([offsetAt(naive - DAY_MS, timeZone), offsetAt(naive, timeZone), offsetAt(naive + DAY_MS, timeZone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = naive - offset;
    if (naiveLocalMs(candidate, timeZone) === naive) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The first instant at which the local wall time reaches `date` at `msOfDay` or later: the exact instant when that
 * wall time exists, otherwise the end of the DST gap that skips it.
 */
export function firstInstantAtOrAfterWallTime(date: string, msOfDay: number, timeZone: string): number {
  const exact = instantsAtWallTime(date, msOfDay, timeZone)[0];
  if (exact !== undefined) return exact;
  // In a gap the clock jumps forward; the jump happens within a few hours of the naive instant.
  const naive = Date.parse(`${date}T00:00:00Z`) + msOfDay;
  let low = naive - offsetAt(naive - DAY_MS, timeZone) - 6 * HOUR_MS;
  let high = naive - offsetAt(naive + DAY_MS, timeZone) + 6 * HOUR_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (naiveLocalMs(middle, timeZone) >= naive) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * Instants in `[fromMs, toMs)` at which the zone's UTC offset changes (DST starts/ends, rule changes), to the
 * millisecond. Scans in 6-hour steps, which no real zone has two transitions within.
 */
export function offsetTransitions(fromMs: number, toMs: number, timeZone: string): number[] {
  const step = 6 * HOUR_MS;
  const transitions: number[] = [];
  let previousTime = fromMs;
  let previousOffset = offsetAt(fromMs, timeZone);
  for (let time = fromMs + step; time < toMs + step; time += step) {
    const probe = Math.min(time, toMs);
    const offset = offsetAt(probe, timeZone);
    if (offset !== previousOffset) {
      let low = previousTime;
      let high = probe;
      // Transitions fall on whole minutes (whole seconds historically); search to the millisecond to be exact.
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(middle, timeZone) === previousOffset) low = middle;
        else high = middle;
      }
      if (high < toMs) transitions.push(high);
      previousOffset = offset;
    }
    previousTime = probe;
    if (probe === toMs) break;
  }
  return transitions;
}

/** Formats minutes since midnight as `HH:MM` (1440 shows as 24:00, the end of the day). */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${String(hours).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

/** Formats an instant as local `YYYY-MM-DD HH:MM` in `timeZone`, for reasons shown to people. */
export function formatLocal(epochMs: number, timeZone: string): string {
  const wall = wallTimeAt(epochMs, timeZone);
  return `${wall.date} ${formatMinutes(Math.floor(wall.msOfDay / MINUTE_MS))}`;
}
