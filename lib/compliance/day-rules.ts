/**
 * Whole-day rules: days of the week and holiday calendars, evaluated on the debtor's local date. Pure: holiday
 * tables delivered by a pack or the managed policy come in as a parameter (see calendar-data.ts); the generated
 * date-holidays tables are loaded before evaluation (holiday-tables.ts).
 */
import { CHINESE_HOLIDAYS, CHINESE_WORKDAYS } from './data/chinese-calendar.generated';
import { chineseFixedDateHoliday, deliveredHoliday, type DeliveredCalendars } from './calendar-data';
import { englishReasons, reason, type Reason } from './reasons';
import { shippedHolidays } from './holiday-tables';
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

/** A year's `MMDD` list from the generated tables as `YYYY-MM-DD` dates. */
function datesOfYear(byYear: Readonly<Record<string, string>>, year: number): Set<string> {
  const days = byYear[String(year)];
  return new Set(days ? days.split(' ').map((day) => `${year}-${day.slice(0, 2)}-${day.slice(2, 4)}`) : []);
}

/**
 * The chinese-days tables for a year (generated from the package: scripts/generate-chinese-calendar.ts), read by
 * date string (the package's functions parse dates in the runtime's zone).
 */
function shippedChineseYear(year: number): ChineseYear {
  let tables = shippedCache.get(year);
  if (!tables) {
    const holidays = datesOfYear(CHINESE_HOLIDAYS, year);
    const workdays = datesOfYear(CHINESE_WORKDAYS, year);
    tables = { covered: holidays.size > 0, holidays, workdays, source: holidays.size > 0 ? 'shipped' : 'none' };
    shippedCache.set(year, tables);
  }
  return tables;
}

/** The last year the shipped chinese-days data covers. */
export const LAST_SHIPPED_CHINESE_YEAR: number = Math.max(...Object.keys(CHINESE_HOLIDAYS).map(Number));

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
    evaluateDateHolidaysRule(rule, date, year, verdict, calendars);
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
 * A date-holidays rule: the generated table for the country and year, with delivered holidays added. A year the
 * tables do not cover closes the day (as an uncovered Chinese year does) unless a delivered calendar covers it; a
 * table that could not be loaded closes the day too. A country date-holidays has no data for keeps only its
 * delivered holidays, and a note says so.
 */
function evaluateDateHolidaysRule(
  rule: Extract<HolidayRule, { source: 'date-holidays' }>,
  date: string,
  year: number,
  verdict: DayVerdict,
  calendars: DeliveredCalendars | undefined,
): void {
  const country = rule.country.toUpperCase();
  const shipped = shippedHolidays(country, year, rule.types ?? ['public']);
  const names = shipped.status === 'ok' ? shipped.byDate.get(date) : undefined;
  if (names) {
    verdict.why.push(reason('reason.day.holiday', { date, country: rule.country, names: names.join(', ') }));
    return;
  }
  if (deliveredHoliday(calendars, country, date)) {
    verdict.why.push(reason('reason.day.holidayDelivered', { date, country: rule.country }));
    return;
  }
  const deliveredCovers = calendars?.[country]?.[String(year)] !== undefined;
  if (shipped.status === 'unsupported') {
    verdict.noteWhy.push(reason('reason.day.unsupported', { country, rule: holidayRuleReason(rule) }));
  } else if (shipped.status === 'no-data' && !deliveredCovers) {
    verdict.why.push(
      reason('reason.day.tableNoData', { country, year, first: shipped.firstYear, last: shipped.lastYear, rule: holidayRuleReason(rule), date }),
    );
  } else if (shipped.status === 'not-loaded') {
    verdict.why.push(reason('reason.day.tableNotLoaded', { country, rule: holidayRuleReason(rule), date }));
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
    return reason('reason.day.rule.dateHolidays', { where: rule.country, types: (rule.types ?? ['public']).join('/') });
  }
  return reason(rule.block === 'rest-days' ? 'reason.day.rule.restDays' : 'reason.day.rule.statutory');
}
