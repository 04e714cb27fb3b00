/**
 * Whole-day rules: days of the week and holiday calendars, evaluated on the debtor's local date.
 */
import Holidays from 'date-holidays';
import { getHolidaysInRange, isWorkday } from 'chinese-days';
import { describeHolidayRule } from './profiles';
import type { ComplianceProfile, HolidayRule } from './profiles';
import type { Weekday } from './local-time';

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

/** Dates of Chinese statutory holidays in `year`; empty when chinese-days has no data for that year. */
function chineseStatutoryHolidays(year: number): Set<string> {
  let dates = chineseCoverageCache.get(year);
  if (!dates) {
    // With includeWeekends=false only announced holidays come back, so an empty list means "no data".
    dates = new Set(getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false));
    chineseCoverageCache.set(year, dates);
  }
  return dates;
}

function evaluateHolidayRule(rule: HolidayRule, date: string, year: number, verdict: DayVerdict): void {
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
  if (!isWorkday(date)) {
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
  for (const rule of profile.holidays) evaluateHolidayRule(rule, date, year, verdict);
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
