/**
 * Wall-clock arithmetic in an IANA time zone, built on `Intl` only, so exports and summaries show the
 * team's local time with the right UTC offset on either side of a DST change.
 */

/** A wall-clock reading in some zone. `month` is 1–12. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** UTC offset in effect, in minutes east of UTC (Shanghai is +480, New York in winter −300). */
  offsetMinutes: number;
}

/** Converts instants to wall-clock readings in one zone; cheap to call in a loop. */
export interface ZoneClock {
  readonly timeZone: string;
  /** UTC offset in minutes at the instant `epochMs`. */
  offsetMinutes(epochMs: number): number;
  /** Wall-clock reading at `epochMs`. */
  parts(epochMs: number): ZonedParts;
  /** `YYYY-MM-DDTHH:mm:ss±hh:mm`, seconds truncated, e.g. `2026-11-28T09:05:00+08:00`. */
  toIsoString(epochMs: number): string;
  /** The local calendar date `YYYY-MM-DD` at `epochMs`. */
  toLocalDate(epochMs: number): string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/**
 * Offsets are cached per hour. An hour whose two ends disagree holds a transition and is never cached; no
 * zone changes offset twice within an hour, so agreeing ends mean one offset throughout.
 */
const CACHE_SLOT_MS = HOUR_MS;
const CACHE_LIMIT = 4096;
/** Cache value of an hour that holds an offset change. */
const VARIES = null;

const clocks = new Map<string, ZoneClock>();

/**
 * Returns the clock for `timeZone`, shared between callers.
 * @throws RangeError when `timeZone` is not an IANA zone `Intl` knows.
 */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = createZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

function createZoneClock(timeZone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetBySlot = new Map<number, number | typeof VARIES>();

  /** The exact offset in ms from `Intl`; the slow path. */
  function exactOffsetMs(epochMs: number): number {
    const wholeSecond = Math.floor(epochMs / 1000) * 1000;
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let beforeCommonEra = false;
    for (const part of format.formatToParts(wholeSecond)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          beforeCommonEra = part.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    if (beforeCommonEra) year = 1 - year;
    const wall = new Date(0);
    wall.setUTCFullYear(year, month - 1, day);
    wall.setUTCHours(hour, minute, second, 0);
    return wall.getTime() - wholeSecond;
  }

  function offsetMinutes(epochMs: number): number {
    const slot = Math.floor(epochMs / CACHE_SLOT_MS);
    let cached = offsetBySlot.get(slot);
    if (cached === undefined) {
      const atStart = exactOffsetMs(slot * CACHE_SLOT_MS);
      const atEnd = exactOffsetMs(slot * CACHE_SLOT_MS + CACHE_SLOT_MS - 1);
      cached = atStart === atEnd ? Math.round(atStart / MINUTE_MS) : VARIES;
      if (offsetBySlot.size >= CACHE_LIMIT) offsetBySlot.clear();
      offsetBySlot.set(slot, cached);
    }
    // The hour of a DST change is computed exactly each time (a few hours a year).
    return cached === VARIES ? Math.round(exactOffsetMs(epochMs) / MINUTE_MS) : cached;
  }

  function parts(epochMs: number): ZonedParts {
    const offset = offsetMinutes(epochMs);
    const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offset * MINUTE_MS);
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      offsetMinutes: offset,
    };
  }

  function toLocalDate(epochMs: number): string {
    const p = parts(epochMs);
    return `${formatYear(p.year)}-${pad2(p.month)}-${pad2(p.day)}`;
  }

  function toIsoString(epochMs: number): string {
    const p = parts(epochMs);
    const sign = p.offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(p.offsetMinutes);
    return (
      `${formatYear(p.year)}-${pad2(p.month)}-${pad2(p.day)}` +
      `T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}` +
      `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
    );
  }

  return { timeZone, offsetMinutes, parts, toIsoString, toLocalDate };
}

/**
 * `[startMs, endMs)` of the local calendar day `day` (`YYYY-MM-DD`) in `timeZone`. The day starts at local
 * midnight; when midnight is skipped by a DST jump it starts at the jump, and when midnight happens twice
 * (a fall-back at 00:00) it starts at the second one, so consecutive days always tile the time line.
 * A day the zone skipped entirely (Pacific/Apia, 2011-12-30) comes back empty (`startMs === endMs`).
 * @throws RangeError on a malformed day or unknown zone.
 */
export function dayBounds(day: string, timeZone: string): [startMs: number, endMs: number] {
  const date = parseIsoDate(day);
  if (!date) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${day}`);
  const clock = zoneClock(timeZone);
  const start = localDayStart(clock, date.utcMidnight);
  const end = localDayStart(clock, date.utcMidnight + DAY_MS);
  return [start, Math.max(start, end)];
}

/**
 * The epoch ms at which local wall time `HH:MM` on `day` occurs in `timeZone`. A time skipped by a DST
 * jump maps to the instant of the jump; a repeated time maps to its first occurrence.
 * @throws RangeError on a malformed day or time, or an unknown zone.
 */
export function zonedTimeToEpoch(day: string, time: string, timeZone: string): number {
  const date = parseIsoDate(day);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!date || !match) throw new RangeError(`Not a local date and time: ${day} ${time}`);
  const clock = zoneClock(timeZone);
  const wallMs = date.utcMidnight + Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;
  const candidates = wallCandidates(clock, wallMs);
  if (candidates.length > 0) return Math.min(...candidates);
  return firstInstantAtOrAfterWall(clock, wallMs);
}

/** Parses `YYYY-MM-DD` strictly (real calendar dates only). */
export function parseIsoDate(day: string): { year: number; month: number; day: number; utcMidnight: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1) return undefined;
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, dayOfMonth);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== dayOfMonth) return undefined;
  return { year, month, day: dayOfMonth, utcMidnight: probe.getTime() };
}

/** Instants whose wall-clock reading is exactly `wallMs` (0, 1 or 2 of them). */
function wallCandidates(clock: ZoneClock, wallMs: number): number[] {
  // Offsets within ±36 h of the wall reading cover every instant that could show it.
  const offsets = new Set<number>();
  for (let k = -6; k <= 6; k += 1) offsets.add(clock.offsetMinutes(wallMs + k * 6 * HOUR_MS));
  const found: number[] = [];
  for (const offset of offsets) {
    const instant = wallMs - offset * MINUTE_MS;
    if (clock.offsetMinutes(instant) === offset) found.push(instant);
  }
  return found;
}

function localDayStart(clock: ZoneClock, wallMidnightMs: number): number {
  const candidates = wallCandidates(clock, wallMidnightMs);
  if (candidates.length > 0) return Math.max(...candidates);
  return firstInstantAtOrAfterWall(clock, wallMidnightMs);
}

/** For a wall time inside a DST gap: the instant of the jump over it, by bisection. */
function firstInstantAtOrAfterWall(clock: ZoneClock, wallMs: number): number {
  const wallAt = (t: number): number => t + clock.offsetMinutes(t) * MINUTE_MS;
  let low = wallMs - 26 * HOUR_MS; // wall(low) < wallMs for any offset up to +26 h
  let high = wallMs + 26 * HOUR_MS;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (wallAt(mid) >= wallMs) high = mid;
    else low = mid;
  }
  return high;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
}
