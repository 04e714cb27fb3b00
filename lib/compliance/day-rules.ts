/**
 * Whole-day rules: days of the week and holiday calendars, evaluated on the debtor's local date.
 */
import Holidays from 'date-holidays';
import chineseCalendar from 'chinese-days/dist/chinese-days.json';
import { describeHolidayRule } from './profiles';
import type { ComplianceProfile, HolidayRule } from './profiles';
import type { Weekday } from '../time/calendar';

/** Whether a local date is closed by a profile's day rules, and why. */
export interface DayVerdict {
  closed: boolean;
  /** Why the day is closed (empty when open). */
  reasons: string[];
  /** Caveats that did not close the day, e.g. a holiday calendar without data for the year. */
  notes: string[];
}

const dateHolidayCache = new Map<string, Map<string, string[]>>();
const chineseCoverageCache = new Map<number, Set<string>>();

/** `YYYY-MM-DD` → holiday names for one country/region/year and the given types. */
function dateHolidaysFor(rule: Extract<HolidayRule, { source: 'date-holidays' }>, year: number): Map<string, string[]> {
  const types = rule.types ?? ['public'];
  const key = `${rule.country}|${rule.region ?? ''}|${year}|${[...types].sort().join(',')}`;
  let byDate = dateHolidayCache.get(key);
  if (!byDate) {
    byDate = new Map();
    const calendar = rule.region ? new Holidays(rule.country, rule.region) : new Holidays(rule.country);
    for (const holiday of calendar.getHolidays(year) || []) {
      if (!types.includes(holiday.type)) continue;
      // `date` is the holiday's local calendar date, independent of the runtime's zone.
      const date = holiday.date.slice(0, 10);
      byDate.set(date, [...(byDate.get(date) ?? []), holiday.name]);
    }
    dateHolidayCache.set(key, byDate);
  }
  return byDate;
}

/**
 * Dates of Chinese statutory holidays in `year`; empty when chinese-days has no data for that year.
 * Read from the package's data by date string: its functions parse dates in the runtime's own zone, which moved
 * holidays by a day on a machine west of UTC.
 */
function chineseStatutoryHolidays(year: number): Set<string> {
  let dates = chineseCoverageCache.get(year);
  if (!dates) {
    const prefix = `${year}-`;
    dates = new Set(Object.keys(chineseCalendar.holidays).filter((date) => date.startsWith(prefix)));
    chineseCoverageCache.set(year, dates);
  }
  return dates;
}

/** An official working day: an adjusted working day (调休), or a weekday that is not a holiday. */
function isChineseWorkday(date: string, weekday: Weekday, holidays: Set<string>): boolean {
  if (Object.hasOwn(chineseCalendar.workdays, date)) return true;
  return weekday !== 'sat' && weekday !== 'sun' && !holidays.has(date);
}

function evaluateHolidayRule(rule: HolidayRule, date: string, weekday: Weekday, year: number, verdict: DayVerdict): void {
  if (rule.source === 'date-holidays') {
    const names = dateHolidaysFor(rule, year).get(date);
    if (names) verdict.reasons.push(`${date} is a ${rule.country} public holiday (${names.join(', ')})`);
    return;
  }
  const statutory = chineseStatutoryHolidays(year);
  if (statutory.size === 0) {
    const blocks = rule.uncoveredYear === 'block';
    const message = `chinese-days has no holiday/调休 data for ${year}; ${describeHolidayRule(rule)} not applied to ${date}${
      blocks ? ', so the day is closed' : ''
    }`;
    (blocks ? verdict.reasons : verdict.notes).push(message);
    return;
  }
  if (rule.block === 'statutory-holidays') {
    if (statutory.has(date)) verdict.reasons.push(`${date} is a Chinese statutory holiday`);
    return;
  }
  if (!isChineseWorkday(date, weekday, statutory)) {
    verdict.reasons.push(
      statutory.has(date) ? `${date} is a Chinese statutory holiday` : `${date} is not an official working day in China`,
    );
  }
}

/** Evaluates days of the week and holiday rules of `profile` on a local date. */
export function evaluateDay(profile: ComplianceProfile, date: string, weekday: Weekday): DayVerdict {
  const verdict: DayVerdict = { closed: false, reasons: [], notes: [] };
  if (!profile.days.includes(weekday)) {
    verdict.reasons.push(`${profile.id} allows no calls on ${WEEKDAY_NAMES[weekday]}`);
  }
  const year = Number(date.slice(0, 4));
  for (const rule of profile.holidays) evaluateHolidayRule(rule, date, weekday, year, verdict);
  verdict.closed = verdict.reasons.length > 0;
  return verdict;
}

/** English weekday names for reasons. */
export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  sun: 'Sundays',
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
};
