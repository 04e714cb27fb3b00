/**
 * Whole-day rules: days of the week and holiday calendars, evaluated on the debtor's local date. Pure: holiday
 * tables delivered by a pack or the managed policy come in as a parameter (see calendar-data.ts).
 */
import Holidays from 'date-holidays';
import chineseCalendar from 'chinese-days/dist/chinese-days.json';
import { chineseFixedDateHoliday, deliveredHoliday, type DeliveredCalendars } from './calendar-data';
import { englishReasons, reason, type Reason } from './reasons';
import type { ComplianceProfile, HolidayRule } from './profiles';
import type { Weekday } from '../time/calendar';

/** Whether a local date is closed by a profile's day rules, and why. */
export interface DayVerdict {
  closed: boolean;
  /** Why the day is closed (empty when open), in English: the evidence records keep. */
  reasons: string[];
  /** Caveats that did not close the day, e.g. a holiday calendar without data for the year, in English. */
  notes: string[];
  /** The same reasons as data, for the agent's language. */
  why: Reason[];
  /** The same notes as data. */
  noteWhy: Reason[];
}

const dateHolidayCache = new Map<string, Map<string, string[]>>();

/** China's calendar for one year, as the day rules use it. */
export interface ChineseYear {
  /** Whether any data (shipped or delivered) covers the year. */
  covered: boolean;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** Where the data came from, for the reasons. */
  source: 'shipped' | 'delivered' | 'shipped and delivered' | 'none';
}

const shippedCache = new Map<number, ChineseYear>();

/** The chinese-days tables for a year, read by date string (its functions parse dates in the runtime's zone). */
function shippedChineseYear(year: number): ChineseYear {
  let tables = shippedCache.get(year);
  if (!tables) {
    const prefix = `${year}-`;
    const holidays = new Set(Object.keys(chineseCalendar.holidays).filter((date) => date.startsWith(prefix)));
    const workdays = new Set(Object.keys(chineseCalendar.workdays).filter((date) => date.startsWith(prefix)));
    tables = { covered: holidays.size > 0, holidays, workdays, source: holidays.size > 0 ? 'shipped' : 'none' };
    shippedCache.set(year, tables);
  }
  return tables;
}

/** The last year the shipped chinese-days data covers. */
export const LAST_SHIPPED_CHINESE_YEAR: number = Math.max(...Object.keys(chineseCalendar.holidays).map((date) => Number(date.slice(0, 4))));

/**
 * China's holidays and adjusted working days for `year`: the shipped tables as the floor, with delivered holidays
 * added. Delivered working days count only for a year nothing is shipped for (they would reopen a shipped rest
 * day otherwise); a delivered holiday closes a shipped working day.
 */
export function chineseYear(year: number, delivered?: DeliveredCalendars): ChineseYear {
  const shipped = shippedChineseYear(year);
  const extra = delivered?.['CN']?.[String(year)];
  if (!extra) return shipped;
  const shippedCovers = shipped.covered;
  const holidays = new Set([...shipped.holidays, ...(extra?.holidays ?? [])]);
  const workdays = new Set([...(shippedCovers ? shipped.workdays : (extra?.workdays ?? []))].filter((date) => !holidays.has(date)));
  const source = shippedCovers ? (extra ? 'shipped and delivered' : 'shipped') : 'delivered';
  return { covered: true, holidays, workdays, source };
}

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

/** An official working day: an adjusted working day (调休), or a weekday that is not a holiday. */
function isChineseWorkday(date: string, weekday: Weekday, calendar: ChineseYear): boolean {
  if (calendar.workdays.has(date)) return true;
  return weekday !== 'sat' && weekday !== 'sun' && !calendar.holidays.has(date);
}

function evaluateHolidayRule(
  rule: HolidayRule,
  date: string,
  weekday: Weekday,
  year: number,
  verdict: DayVerdict,
  calendars: DeliveredCalendars | undefined,
): void {
  if (rule.source === 'date-holidays') {
    const names = dateHolidaysFor(rule, year).get(date);
    if (names) verdict.why.push(reason('reason.day.holiday', { date, country: rule.country, names: names.join(', ') }));
    else if (deliveredHoliday(calendars, rule.country, date)) verdict.why.push(reason('reason.day.holidayDelivered', { date, country: rule.country }));
    return;
  }
  const calendar = chineseYear(year, calendars);
  if (!calendar.covered) {
    evaluateUncoveredChineseYear(rule, date, weekday, year, verdict);
    return;
  }
  const from = calendar.source === 'shipped' ? '' : reason(calendar.source === 'delivered' ? 'reason.day.fromDelivered' : 'reason.day.fromBoth');
  // A fixed-date holiday is closed by law, whatever a delivered table forgot to list.
  const fixed = calendar.holidays.has(date) ? undefined : chineseFixedDateHoliday(date);
  if (fixed) {
    verdict.why.push(reason('reason.day.cnFixed', { date, name: fixed }));
    return;
  }
  if (rule.block === 'statutory-holidays') {
    if (calendar.holidays.has(date)) verdict.why.push(reason('reason.day.cnHoliday', { date, from }));
    return;
  }
  if (!isChineseWorkday(date, weekday, calendar)) {
    verdict.why.push(reason(calendar.holidays.has(date) ? 'reason.day.cnHoliday' : 'reason.day.cnNotWorkday', { date, from }));
  }
}

/**
 * A year neither the shipped data nor a delivered calendar covers. By default the day is closed, and the reason
 * says why and how to open it (deliver the year's calendar). With `uncoveredYear: 'allow'` the day stays open
 * except what needs no annual notice: fixed-date statutory holidays, and weekends under `rest-days` (a weekend
 * is a rest day unless a notice makes it a working day, and there is none).
 */
function evaluateUncoveredChineseYear(
  rule: Extract<HolidayRule, { source: 'chinese-days' }>,
  date: string,
  weekday: Weekday,
  year: number,
  verdict: DayVerdict,
): void {
  const fixed = chineseFixedDateHoliday(date);
  if (fixed) verdict.why.push(reason('reason.day.cnFixed', { date, name: fixed }));
  const missing = reason('reason.day.noData', { year, last: LAST_SHIPPED_CHINESE_YEAR });
  const described = holidayRuleReason(rule);
  if (rule.uncoveredYear === 'allow') {
    if (rule.block === 'rest-days' && (weekday === 'sat' || weekday === 'sun')) {
      verdict.why.push(reason('reason.day.weekendNoData', { date, missing }));
    }
    verdict.noteWhy.push(reason('reason.day.fixedOnly', { missing, rule: described }));
    return;
  }
  verdict.why.push(reason('reason.day.closedNoData', { missing, rule: described, date }));
}

/**
 * Evaluates days of the week and holiday rules of `profile` on a local date. `calendars` are holiday tables
 * delivered by a signed pack or the managed policy (calendar-data.ts); the shipped data stays the floor.
 */
export function evaluateDay(profile: ComplianceProfile, date: string, weekday: Weekday, calendars?: DeliveredCalendars): DayVerdict {
  const verdict: DayVerdict = { closed: false, reasons: [], notes: [], why: [], noteWhy: [] };
  if (!profile.days.includes(weekday)) {
    verdict.why.push(reason('reason.day.weekday', { profile: profile.id, weekday: reason(`reason.weekday.${weekday}`) }));
  }
  const year = Number(date.slice(0, 4));
  for (const rule of profile.holidays) evaluateHolidayRule(rule, date, weekday, year, verdict, calendars);
  verdict.closed = verdict.why.length > 0;
  verdict.reasons = englishReasons(verdict.why);
  verdict.notes = englishReasons(verdict.noteWhy);
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

/** A holiday rule, said in the agent's language (the English twin is describeHolidayRule). */
function holidayRuleReason(rule: HolidayRule): Reason {
  if (rule.source === 'date-holidays') {
    const where = rule.region ? `${rule.country}-${rule.region}` : rule.country;
    return reason('reason.day.rule.dateHolidays', { where, types: (rule.types ?? ['public']).join('/') });
  }
  return reason(rule.block === 'rest-days' ? 'reason.day.rule.restDays' : 'reason.day.rule.statutory');
}
