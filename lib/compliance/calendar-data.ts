/**
 * Holiday and adjusted-working-day (调休) tables that can arrive without a release: from a signed pack
 * (`compliance.calendars`) or the managed policy (`holidayCalendars`), in one format:
 *
 * ```json
 * { "CN": { "2027": { "holidays": ["2027-01-01", "..."], "workdays": ["2027-02-07", "..."] } } }
 * ```
 *
 * The data shipped with OnScript (chinese-days for China, date-holidays elsewhere) is the floor: delivered data
 * may add years and add closed days, never remove shipped ones (day-rules.ts applies it). Pure, and free of the
 * shipped tables, so the pack parser can check the format without loading them: the caller reads the delivered
 * value from wherever it lives and passes it in.
 */
import { parseIsoDate } from '../time/calendar';

/** One country's tables for one year. */
export interface YearCalendar {
  /** Days off (`YYYY-MM-DD`): statutory holidays and the days bridged to them. */
  holidays: readonly string[];
  /** Weekend days made working days (调休). They open a weekend only in a year OnScript ships no data for. */
  workdays: readonly string[];
}

/** Delivered tables: ISO country (upper case) → year (`"2027"`) → tables. */
export type DeliveredCalendars = Readonly<Record<string, Readonly<Record<string, YearCalendar>>>>;

/** Limits on delivered data (it is untrusted until checked, and kept in storage). */
export const CALENDAR_LIMITS = { countries: 50, yearsPerCountry: 30, datesPerList: 400, minYear: 2000, maxYear: 2100 } as const;

/** One refused part of delivered calendar data: a JSON Pointer into the value (`''` is the whole) and why. */
export interface CalendarIssue {
  path: string;
  message: string;
}

/** What {@link parseDeliveredCalendars} returns: the good part, and one issue per refused part. */
export interface CalendarParseResult {
  calendars: DeliveredCalendars;
  errors: CalendarIssue[];
}

const COUNTRY = /^[A-Z]{2}$/;

/** A key as a JSON Pointer segment (RFC 6901), cut short: keys come from untrusted data. */
function pointer(key: string): string {
  return key.slice(0, 40).replace(/~/g, '~0').replace(/\//g, '~1');
}
const YEAR = /^\d{4}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Checks delivered calendar data. A country, year or list that is malformed is refused with a message naming its
 * path; the rest is kept. Dates must be real dates inside their year; a date listed both as a holiday and as a
 * working day is kept as a holiday (the stricter reading) and reported.
 */
export function parseDeliveredCalendars(value: unknown): CalendarParseResult {
  const errors: CalendarIssue[] = [];
  const calendars: Record<string, Record<string, YearCalendar>> = {};
  if (value === undefined || value === null) return { calendars, errors };
  if (!isPlainObject(value)) return { calendars, errors: [{ path: '', message: 'must be an object of countries, e.g. { "CN": { "2027": { … } } }' }] };
  const countries = Object.keys(value);
  if (countries.length > CALENDAR_LIMITS.countries) errors.push({ path: '', message: `at most ${CALENDAR_LIMITS.countries} countries` });
  for (const country of countries.slice(0, CALENDAR_LIMITS.countries)) {
    const years = value[country];
    const path = `/${pointer(country)}`;
    if (!COUNTRY.test(country)) {
      errors.push({ path, message: 'not an ISO country code such as CN' });
      continue;
    }
    if (!isPlainObject(years)) {
      errors.push({ path, message: 'must be an object of years' });
      continue;
    }
    const yearKeys = Object.keys(years);
    if (yearKeys.length > CALENDAR_LIMITS.yearsPerCountry) errors.push({ path, message: `at most ${CALENDAR_LIMITS.yearsPerCountry} years` });
    for (const year of yearKeys.slice(0, CALENDAR_LIMITS.yearsPerCountry)) {
      const parsed = parseYear(years[year], country, year, errors);
      if (parsed) (calendars[country] ??= {})[year] = parsed;
    }
  }
  return { calendars, errors };
}

function parseYear(value: unknown, country: string, year: string, errors: CalendarIssue[]): YearCalendar | undefined {
  const path = `/${country}/${pointer(year)}`;
  const numeric = Number(year);
  if (!YEAR.test(year) || numeric < CALENDAR_LIMITS.minYear || numeric > CALENDAR_LIMITS.maxYear) {
    errors.push({ path, message: `the year must be four digits between ${CALENDAR_LIMITS.minYear} and ${CALENDAR_LIMITS.maxYear}` });
    return undefined;
  }
  if (!isPlainObject(value)) {
    errors.push({ path, message: 'must be { "holidays": [...], "workdays": [...] }' });
    return undefined;
  }
  const unknown = Object.keys(value).find((key) => key !== 'holidays' && key !== 'workdays');
  if (unknown !== undefined) {
    errors.push({ path: `${path}/${pointer(unknown)}`, message: 'unknown field' });
    return undefined;
  }
  const holidays = parseDates(value['holidays'], `${path}/holidays`, numeric, errors);
  const workdays = parseDates(value['workdays'], `${path}/workdays`, numeric, errors);
  if (!holidays || !workdays) return undefined;
  const closed = new Set(holidays);
  const both = workdays.filter((date) => closed.has(date));
  if (both.length > 0) errors.push({ path: `${path}/workdays`, message: `${both.join(', ')} listed as holiday and as working day; kept as a holiday` });
  return { holidays, workdays: workdays.filter((date) => !closed.has(date)) };
}

function parseDates(value: unknown, path: string, year: number, errors: CalendarIssue[]): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push({ path, message: `must be a list of dates such as "${year}-01-01"` });
    return undefined;
  }
  if (value.length > CALENDAR_LIMITS.datesPerList) {
    errors.push({ path, message: `at most ${CALENDAR_LIMITS.datesPerList} dates` });
    return undefined;
  }
  const index = value.findIndex((date) => typeof date !== 'string' || parseIsoDate(date)?.year !== year);
  if (index >= 0) {
    errors.push({ path: `${path}/${index}`, message: `${JSON.stringify(String(value[index]).slice(0, 20))} is not a date (YYYY-MM-DD) in ${year}` });
    return undefined;
  }
  return [...new Set(value as string[])].sort();
}

/**
 * Merges delivered calendars from several sources (pack, policy): every source's closed days count, so the
 * union of holidays; working days only where no source closes the date.
 */
export function mergeDeliveredCalendars(...sources: ReadonlyArray<DeliveredCalendars | undefined>): DeliveredCalendars {
  const merged: Record<string, Record<string, { holidays: Set<string>; workdays: Set<string> }>> = {};
  for (const source of sources) {
    for (const [country, years] of Object.entries(source ?? {})) {
      for (const [year, tables] of Object.entries(years)) {
        const target = ((merged[country] ??= {})[year] ??= { holidays: new Set(), workdays: new Set() });
        for (const date of tables.holidays) target.holidays.add(date);
        for (const date of tables.workdays) target.workdays.add(date);
      }
    }
  }
  return Object.fromEntries(
    Object.entries(merged).map(([country, years]) => [
      country,
      Object.fromEntries(
        Object.entries(years).map(([year, { holidays, workdays }]) => [
          year,
          { holidays: [...holidays].sort(), workdays: [...workdays].filter((date) => !holidays.has(date)).sort() },
        ]),
      ),
    ]),
  );
}

/**
 * Mainland China's fixed-date statutory holidays, which need no annual notice: 元旦 1 January, 劳动节 1–2 May,
 * 国庆节 1–3 October (《全国年节及纪念日放假办法》 as revised in 2024, in force from 2025; the shipped 2025 and 2026
 * tables carry the same day counts). The lunar holidays (春节, 清明, 端午, 中秋) move every year and are not here.
 */
const CHINESE_FIXED_DATE_HOLIDAYS: Readonly<Record<string, string>> = {
  '01-01': "New Year's Day (元旦)",
  '05-01': 'Labour Day (劳动节)',
  '05-02': 'Labour Day (劳动节)',
  '10-01': 'National Day (国庆节)',
  '10-02': 'National Day (国庆节)',
  '10-03': 'National Day (国庆节)',
};

/** The fixed-date Chinese statutory holiday on `date`, if any (from 2025). */
export function chineseFixedDateHoliday(date: string): string | undefined {
  if (Number(date.slice(0, 4)) < 2025) return undefined;
  return CHINESE_FIXED_DATE_HOLIDAYS[date.slice(5)];
}

/** Delivered holidays for a country on a date (date-holidays countries: they add closed days only). */
export function deliveredHoliday(delivered: DeliveredCalendars | undefined, country: string, date: string): boolean {
  return delivered?.[country.toUpperCase()]?.[date.slice(0, 4)]?.holidays.includes(date) ?? false;
}
