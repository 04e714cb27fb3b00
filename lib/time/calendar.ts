/**
 * Calendar arithmetic that needs no time zone: `YYYY-MM-DD` dates, weekdays and `HH:MM` times of day.
 *
 * Dates here are proleptic Gregorian calendar dates, not days in any zone: `addDays('2011-12-29', 1)` is
 * `2011-12-30` even though Pacific/Apia never had that day. Ask lib/time/wall-clock.ts (`dayBounds`) when the
 * question is which instants a date covers somewhere.
 */

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One 24-hour day in milliseconds; a calendar day in a zone can be 23, 25 or even 0 hours long. */
export const DAY_MS = 86_400_000;

/** Day of the week, lower-case English abbreviation; data files read better than 0-6. */
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/** All weekdays in JavaScript order (Sunday first), so `WEEKDAYS[date.getUTCDay()]` works. */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A calendar date read from `YYYY-MM-DD`. */
export interface CalendarDate {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  /** `Date.UTC` of the date's midnight: the date's position on a zone-free time line, 86,400,000 ms a day. */
  utcMidnight: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` strictly: four-digit years, real calendar dates only (no 2025-02-29, no 2025-13-01). */
export function parseIsoDate(date: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day, utcMidnight: daysFromCivil(year, month, day) * DAY_MS };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/*
 * Day numbers (days since 1970-01-01) to and from proleptic Gregorian dates by arithmetic: the wall-clock code
 * converts dates in its innermost loops, where allocating a Date each time showed up in profiles. Years are
 * counted from March so that the leap day ends a year, and grouped in 400-year cycles of 146,097 days.
 */
const DAYS_TO_1970_FROM_MARCH_0000 = 719_468;

function daysFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const cycle = Math.floor(marchYear / 400);
  const yearOfCycle = marchYear - cycle * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfCycle = yearOfCycle * 365 + Math.floor(yearOfCycle / 4) - Math.floor(yearOfCycle / 100) + dayOfYear;
  return cycle * 146_097 + dayOfCycle - DAYS_TO_1970_FROM_MARCH_0000;
}

/** The calendar date of day number `days` (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + DAYS_TO_1970_FROM_MARCH_0000;
  const cycle = Math.floor(shifted / 146_097);
  const dayOfCycle = shifted - cycle * 146_097;
  const yearOfCycle = Math.floor((dayOfCycle - Math.floor(dayOfCycle / 1460) + Math.floor(dayOfCycle / 36_524) - Math.floor(dayOfCycle / 146_096)) / 365);
  const dayOfYear = dayOfCycle - (365 * yearOfCycle + Math.floor(yearOfCycle / 4) - Math.floor(yearOfCycle / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  return { year: yearOfCycle + cycle * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` of a calendar date; years outside 0000-9999 in the ISO 8601 expanded form (`+010000-01-01`). */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The `Date.UTC` midnight of `date`.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD` date.
 */
export function utcMidnightOf(date: string): number {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return parsed.utcMidnight;
}

/** `YYYY-MM-DD` of the date whose `Date.UTC` midnight is at or before `utcMs` (the inverse of {@link utcMidnightOf}). */
export function isoDateAt(utcMs: number): string {
  const { year, month, day } = civilFromDays(Math.floor(utcMs / DAY_MS));
  return formatIsoDate(year, month, day);
}

/**
 * `date` shifted by whole calendar days.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD` date.
 */
export function addDays(date: string, days: number): string {
  return isoDateAt(utcMidnightOf(date) + days * DAY_MS);
}

/**
 * Whole calendar days from `from` to `to` (negative when `to` is earlier).
 * @throws RangeError when either is not a real `YYYY-MM-DD` date.
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnightOf(to) - utcMidnightOf(from)) / DAY_MS);
}

/** The weekday of the date whose `Date.UTC` midnight (or any instant of that UTC day) is `utcMs`. */
export function weekdayAt(utcMs: number): Weekday {
  // 1970-01-01 was a Thursday; the double modulo keeps dates before 1970 positive.
  const index = (((Math.floor(utcMs / DAY_MS) + 4) % 7) + 7) % 7;
  return WEEKDAYS[index] ?? 'sun';
}

/**
 * Parses a time of day `H:MM` or `HH:MM` (00:00 to 24:00, where 24:00 is the end of the day) into minutes since
 * midnight.
 * @throws RangeError on anything else.
 */
export function parseClockTime(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours * 60 + minutes > 1440) {
    throw new RangeError(`"${text}" is not a time of day (HH:MM, 00:00 to 24:00)`);
  }
  return hours * 60 + minutes;
}

/** Formats minutes since midnight as `HH:MM` (1440 shows as 24:00, the end of the day). */
export function formatClockTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Two digits, zero-padded. */
export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Four-digit years as is; years outside 0000-9999 in the ISO 8601 expanded form (`+010000`, `-000001`). */
function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
}
