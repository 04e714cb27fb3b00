/**
 * Wall-clock time in IANA zones, both ways: the local reading of an instant, and the instants that show a local
 * reading. Compliance judges calling hours with it ("08:00 to 21:00 where the debtor is"), notes keep follow-ups
 * and summaries by local day, exports write ISO timestamps with the offset of the moment.
 *
 * A local reading can name no instant, one, or two:
 *
 * | local reading                                   | {@link instantsAtWallTime} | {@link firstInstantAtOrAfterWallTime} |
 * | ----------------------------------------------- | -------------------------- | ------------------------------------- |
 * | ordinary                                        | `[t]`                      | `t`                                   |
 * | repeated (New York 01:30 on the fall-back day)  | `[first, second]`          | the first                             |
 * | skipped (New York 02:30 on the spring-forward   | `[]`                       | the instant the clock jumps over it   |
 * | day; any time of Pacific/Apia's 2011-12-30)     |                            | (03:00 EDT; Apia 2011-12-31 00:00)    |
 *
 * Pick the first when a wall time is a boundary to test against ("does the clock show 21:00 at some instant
 * today?"), the second when it is a moment to act at ("remind me at 02:30" means as soon as that time has come).
 * Days begin when the clock has left the previous dates for good ({@link dayStart}), which is local midnight, or
 * the jump over it; {@link dayBounds} tiles the time line date after date, and a date a zone skipped is empty
 * rather than inverted.
 */
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  civilFromDays,
  formatClockTime,
  formatIsoDate,
  pad2,
  utcMidnightOf,
  weekdayAt,
  type Weekday,
} from './calendar';
import { isValidTimeZone, offsetAt, offsetTransitions } from './zone-offsets';

/** The local reading of an instant in some zone. */
export interface WallTime {
  /** Local calendar date as `YYYY-MM-DD`. */
  date: string;
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  weekday: Weekday;
  /** 0-23. */
  hour: number;
  minute: number;
  second: number;
  /** Milliseconds since local midnight (0 to 86,399,999), fractions of a second included. */
  msOfDay: number;
  /** UTC offset in force, in ms east of Greenwich (New York in winter −18,000,000). */
  offsetMs: number;
}

/**
 * An instant that shows a given local reading lies less than this far from the reading taken as UTC: more than the
 * largest offset any zone ever had (local mean times up to ±15:57 in the 1800s).
 */
const REACH_MS = 18 * HOUR_MS;

/** The reading `wallMs` (local fields taken as UTC) with the offset it was read at. */
function readingFrom(wallMs: number, offsetMs: number): WallTime {
  const dayNumber = Math.floor(wallMs / DAY_MS);
  const msOfDay = wallMs - dayNumber * DAY_MS;
  const { year, month, day } = civilFromDays(dayNumber);
  return {
    date: formatIsoDate(year, month, day),
    year,
    month,
    day,
    weekday: weekdayAt(wallMs),
    hour: Math.floor(msOfDay / HOUR_MS),
    minute: Math.floor(msOfDay / MINUTE_MS) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    msOfDay,
    offsetMs,
  };
}

/**
 * The local reading at `epochMs` in `timeZone`.
 * @throws RangeError when `timeZone` is unknown.
 */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const offsetMs = offsetAt(epochMs, timeZone);
  return readingFrom(epochMs + offsetMs, offsetMs);
}

/** Calls `visit` for each stretch of constant offset covering `[fromMs, toMs)`, in order, until it returns true. */
function someSpan(
  fromMs: number,
  toMs: number,
  timeZone: string,
  visit: (startMs: number, endMs: number, offsetMs: number) => boolean,
): void {
  let start = fromMs;
  for (const change of offsetTransitions(fromMs, toMs, timeZone)) {
    if (visit(start, change, offsetAt(start, timeZone))) return;
    start = change;
  }
  visit(start, toMs, offsetAt(start, timeZone));
}

/**
 * Every instant at which the local reading in `timeZone` is exactly `date` at `msOfDay`, earliest first: none when
 * the reading is skipped (a DST gap, a skipped day), two when it is repeated (the hour after a fall-back).
 * `msOfDay` may reach 86,400,000 or more, which reads as the following date.
 * @throws RangeError on a malformed date or an unknown zone.
 */
export function instantsAtWallTime(date: string, msOfDay: number, timeZone: string): number[] {
  const wallMs = utcMidnightOf(date) + msOfDay;
  const found: number[] = [];
  someSpan(wallMs - REACH_MS, wallMs + REACH_MS, timeZone, (startMs, endMs, offsetMs) => {
    const instant = wallMs - offsetMs;
    if (instant >= startMs && instant < endMs) found.push(instant);
    return false;
  });
  return found;
}

/**
 * The first instant at which the local clock in `timeZone` reads `date` at `msOfDay` or later: the reading's
 * instant when it exists (the earlier of two when repeated), otherwise the end of the gap that skips it. Never
 * undefined: every reading is reached or jumped over.
 * @throws RangeError on a malformed date or an unknown zone.
 */
export function firstInstantAtOrAfterWallTime(date: string, msOfDay: number, timeZone: string): number {
  const wallMs = utcMidnightOf(date) + msOfDay;
  // Within one stretch the clock runs with time, so its first instant at or past the reading is the later of the
  // stretch's start and the reading's instant at that offset; the first stretch that has one wins.
  let first = wallMs + REACH_MS;
  someSpan(wallMs - REACH_MS, wallMs + REACH_MS, timeZone, (startMs, endMs, offsetMs) => {
    const candidate = Math.max(startMs, wallMs - offsetMs);
    if (candidate >= endMs) return false;
    first = candidate;
    return true;
  });
  return first;
}

/**
 * The instant local date `date` begins in `timeZone`: the moment after which the clock never again reads an earlier
 * date. Usually local midnight. A skipped midnight starts
 * the day at the jump (Santiago); a midnight repeated within the date starts it at the first 00:00 (Havana falls
 * back from 01:00 to 00:00); a clock that dips back into the day before (St John's fell back from 00:01 to 23:01
 * until 2011) starts it when it returns, so that hour stays with the date it reads and a cap's pause does not end
 * early. A date the zone skipped (Pacific/Apia, 2011-12-30) begins when the next one does.
 * @throws RangeError on a malformed date or an unknown zone.
 */
export function dayStart(date: string, timeZone: string): number {
  return leavesEarlierReadings(utcMidnightOf(date), timeZone);
}

/** The moment after which the clock in `timeZone` never again reads earlier than `wallMs`. */
function leavesEarlierReadings(wallMs: number, timeZone: string): number {
  let last = wallMs - REACH_MS;
  someSpan(wallMs - REACH_MS, wallMs + REACH_MS, timeZone, (startMs, endMs, offsetMs) => {
    // Within a stretch the clock reads earlier than `wallMs` from its start until the reading's instant.
    const reachesReading = wallMs - offsetMs;
    if (startMs < reachesReading) last = Math.max(last, Math.min(endMs, reachesReading));
    return false;
  });
  return last;
}

/**
 * `[startMs, endMs)` of the local calendar date `date` in `timeZone`: from {@link dayStart} of the date to that of
 * the next. Consecutive dates tile the time line in order; a skipped date is empty, `startMs === endMs`.
 * @throws RangeError on a malformed date or an unknown zone.
 */
export function dayBounds(date: string, timeZone: string): [startMs: number, endMs: number] {
  const midnight = utcMidnightOf(date);
  return [leavesEarlierReadings(midnight, timeZone), leavesEarlierReadings(midnight + DAY_MS, timeZone)];
}

/** Formats an instant as local `YYYY-MM-DD HH:MM` in `timeZone`, for reasons shown to people. */
export function formatLocal(epochMs: number, timeZone: string): string {
  const wall = wallTimeAt(epochMs, timeZone);
  return `${wall.date} ${formatClockTime(Math.floor(wall.msOfDay / MINUTE_MS))}`;
}

/**
 * `YYYY-MM-DDTHH:mm:ss±hh:mm` with the offset in force, seconds truncated, e.g. `2026-11-28T09:05:00+08:00`.
 * The string always names the instant exactly: a historic offset with seconds (Monrovia's −00:44:30 until 1972)
 * is rounded to the minute, which ISO 8601 requires, and the clock fields move with it.
 */
function isoString(epochMs: number, timeZone: string): string {
  const offsetMinutes = Math.round(offsetAt(epochMs, timeZone) / MINUTE_MS);
  const wall = readingFrom(Math.floor(epochMs / 1000) * 1000 + offsetMinutes * MINUTE_MS, offsetMinutes * MINUTE_MS);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall.date}T${pad2(wall.hour)}:${pad2(wall.minute)}:${pad2(wall.second)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The wall-clock functions bound to one zone, for code that converts many instants in the same zone. */
export interface ZoneClock {
  readonly timeZone: string;
  /** {@link wallTimeAt} in this zone. */
  parts(epochMs: number): WallTime;
  /** The local calendar date `YYYY-MM-DD` at `epochMs`. */
  toLocalDate(epochMs: number): string;
  /** ISO 8601 with the offset in force, e.g. `2026-11-28T09:05:00+08:00`; offsets with seconds round to the minute. */
  toIsoString(epochMs: number): string;
}

/**
 * The clock of `timeZone`. The zone is checked here, so a bad zone fails before any record is converted.
 * @throws RangeError when `timeZone` is not an IANA zone the runtime knows.
 */
export function zoneClock(timeZone: string): ZoneClock {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return {
    timeZone,
    parts: (epochMs) => wallTimeAt(epochMs, timeZone),
    toLocalDate: (epochMs) => wallTimeAt(epochMs, timeZone).date,
    toIsoString: (epochMs) => isoString(epochMs, timeZone),
  };
}
