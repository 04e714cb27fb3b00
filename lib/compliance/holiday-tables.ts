/**
 * Public holidays outside China, as tables generated at build time from the `date-holidays` package
 * (scripts/generate-holiday-tables.ts), one JSON file per country (`public/holidays/<CC>.json`) for the years
 * {@link HOLIDAY_YEARS} names. The package itself (and the time-zone database it pulls in) stays out of the worker:
 * the worker loads the few countries a verdict needs before it evaluates ({@link loadHolidayTables}), and the day
 * rules read them synchronously ({@link shippedHolidays}). A year outside the generated range is a year without
 * data, as for China's calendar.
 *
 * Pure: where the files come from is a parameter (the worker fetches them from the package; Node reads them from
 * disk through {@link setHolidayTableSource}).
 */
import { HOLIDAY_COUNTRIES, HOLIDAY_DATA_SOURCE, HOLIDAY_YEARS } from './data/holiday-countries.generated';
import type { ComplianceProfile, HolidayType } from './profiles';

export { HOLIDAY_COUNTRIES, HOLIDAY_DATA_SOURCE, HOLIDAY_YEARS };

/** One country's generated holidays. */
export interface HolidayTable {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  firstYear: number;
  lastYear: number;
  /** Holiday names, in the country's first language as date-holidays gives them; entries point into this list. */
  names: readonly string[];
  /**
   * Year (`"2026"`) → its holidays, space-separated entries `MMDD`, a type letter ({@link TYPE_LETTERS}) and the
   * name's index, in date order: `0101p0 0317p2`. A date with two holidays has two entries.
   */
  years: Readonly<Record<string, string>>;
}

/** The type letter of each date-holidays holiday type in a table entry. */
export const TYPE_LETTERS: Readonly<Record<HolidayType, string>> = { public: 'p', bank: 'b', school: 's', optional: 'o', observance: 'v' };

/** Where a table's JSON file is inside the extension package (public/ is copied to its root). */
export function holidayTablePath(country: string): string {
  return `holidays/${country.toUpperCase()}.json`;
}

const ENTRY = /^(\d{2})(\d{2})([pbsov])(\d+)$/;
const COUNTRY = /^[A-Z]{2}$/;

/** Checks a table's shape (it is read from a file, so cheap checks only); undefined when it is not one. */
export function parseHolidayTable(value: unknown, country: string): HolidayTable | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const table = value as Partial<HolidayTable>;
  if (table.country !== country || !COUNTRY.test(country)) return undefined;
  if (!Number.isInteger(table.firstYear) || !Number.isInteger(table.lastYear)) return undefined;
  if (!Array.isArray(table.names) || !table.names.every((name) => typeof name === 'string')) return undefined;
  if (typeof table.years !== 'object' || table.years === null) return undefined;
  if (!Object.values(table.years).every((entries) => typeof entries === 'string')) return undefined;
  return table as HolidayTable;
}

const tables = new Map<string, HolidayTable>();
let source: ((country: string) => unknown) | undefined;
const byDateCache = new Map<string, ReadonlyMap<string, readonly string[]>>();

/**
 * A synchronous source of tables (Node: tests and command-line tools read the generated files from disk). Tables
 * not loaded yet are read from it on first use.
 */
export function setHolidayTableSource(read: ((country: string) => unknown) | undefined): void {
  source = read;
}

function fromSource(country: string): HolidayTable | undefined {
  if (!source) return undefined;
  const table = parseHolidayTable(source(country), country);
  if (table) tables.set(country, table);
  return table;
}

/**
 * Loads the tables of `countries` not loaded yet (countries date-holidays has no data for are skipped). A table that
 * cannot be fetched or is malformed stays unloaded, and the day rules close its days and say so; the next call tries
 * again. Resolves when every fetch has settled.
 */
export async function loadHolidayTables(countries: Iterable<string>, fetchTable: (path: string) => Promise<unknown>): Promise<void> {
  const wanted = [...new Set([...countries].map((country) => country.toUpperCase()))].filter(
    (country) => HOLIDAY_COUNTRIES.includes(country) && !tables.has(country) && !fromSource(country),
  );
  await Promise.all(
    wanted.map(async (country) => {
      try {
        const table = parseHolidayTable(await fetchTable(holidayTablePath(country)), country);
        if (!table) throw new Error('not a holiday table');
        tables.set(country, table);
      } catch (error) {
        console.warn(`OnScript could not load the ${country} holiday table:`, error);
      }
    }),
  );
}

/** The countries whose generated tables a profile's holiday rules read. */
export function holidayCountries(profile: Pick<ComplianceProfile, 'holidays'>): string[] {
  return [...new Set(profile.holidays.flatMap((rule) => (rule.source === 'date-holidays' ? [rule.country.toUpperCase()] : [])))];
}

/** What the shipped data says about one country's year. */
export type ShippedHolidays =
  /** date-holidays has no data for the country at all. */
  | { status: 'unsupported' }
  /** The year is outside the generated range. */
  | { status: 'no-data'; firstYear: number; lastYear: number }
  /** The table was not loaded (or failed to load). */
  | { status: 'not-loaded' }
  /** Holiday names by `YYYY-MM-DD`, for the types asked. */
  | { status: 'ok'; byDate: ReadonlyMap<string, readonly string[]> };

/** The shipped holidays of `types` in one country and year. */
export function shippedHolidays(country: string, year: number, types: readonly HolidayType[]): ShippedHolidays {
  const code = country.toUpperCase();
  if (!HOLIDAY_COUNTRIES.includes(code) || !COUNTRY.test(code)) return { status: 'unsupported' };
  const table = tables.get(code) ?? fromSource(code);
  if (!table) return { status: 'not-loaded' };
  const entries = table.years[String(year)];
  if (year < table.firstYear || year > table.lastYear || entries === undefined) {
    return { status: 'no-data', firstYear: table.firstYear, lastYear: table.lastYear };
  }
  const letters = new Set(types.map((type) => TYPE_LETTERS[type]));
  const key = `${code}|${year}|${[...letters].sort().join('')}`;
  let byDate = byDateCache.get(key);
  if (!byDate) {
    const map = new Map<string, string[]>();
    for (const entry of entries.split(' ')) {
      const match = ENTRY.exec(entry);
      if (!match || !letters.has(match[3]!)) continue;
      const date = `${year}-${match[1]}-${match[2]}`;
      map.set(date, [...(map.get(date) ?? []), table.names[Number(match[4])] ?? '?']);
    }
    byDate = map;
    byDateCache.set(key, byDate);
  }
  return { status: 'ok', byDate };
}
