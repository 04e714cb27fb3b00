import Holidays from 'date-holidays';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_COUNTRIES, HOLIDAY_DATA_SOURCE, HOLIDAY_YEARS, shippedHolidays } from '../../lib/compliance/holiday-tables';
import { INDEX_FILE, dataSource, holidayCountryCodes, holidayTableFor, indexModule } from '../../scripts/generate-holiday-tables';
import { readHolidayTableFromDisk } from '../fixtures/holiday-tables';

/** What the day rules computed from date-holidays itself before the tables: public holidays by date. */
function fromPackage(country: string, year: number): Record<string, string[]> {
  const byDate: Record<string, string[]> = {};
  for (const holiday of new Holidays(country).getHolidays(year) || []) {
    if (holiday.type !== 'public') continue;
    (byDate[holiday.date.slice(0, 10)] ??= []).push(holiday.name);
  }
  return byDate;
}

describe('generate-holiday-tables', () => {
  it('the committed index names every country date-holidays knows, the years and the installed version', () => {
    expect(readFileSync(INDEX_FILE, 'utf8')).toBe(indexModule(holidayCountryCodes(), HOLIDAY_YEARS, dataSource()));
    expect(HOLIDAY_COUNTRIES).toContain('IE');
    expect(HOLIDAY_DATA_SOURCE).toMatch(/^date-holidays \d/);
  });

  // Ireland and Indonesia are the shipped profiles' countries: every year. Every other country: the range's ends
  // (recomputing all of them for every year takes ~20 s; a date-holidays upgrade changes the ends too).
  it.each(['IE', 'ID'])('the committed %s table is what date-holidays computes, every year', (country) => {
    expect(readHolidayTableFromDisk(country)).toEqual(holidayTableFor(country, HOLIDAY_YEARS.first, HOLIDAY_YEARS.last));
  });

  it('every committed table matches date-holidays in the first and the last year', () => {
    const drifted = HOLIDAY_COUNTRIES.filter((country) => {
      const table = readHolidayTableFromDisk(country) as { years: Record<string, string>; names: string[] };
      return [HOLIDAY_YEARS.first, HOLIDAY_YEARS.last].some((year) => {
        const fresh = holidayTableFor(country, year, year);
        const expand = (t: { years: Readonly<Record<string, string>>; names: readonly string[] }) =>
          (t.years[String(year)] ?? '').split(' ').map((entry) => entry.replace(/\d+$/, (index) => `:${t.names[Number(index)]}`));
        return JSON.stringify(expand(table)) !== JSON.stringify(expand(fresh));
      });
    });
    expect(drifted).toEqual([]);
  }, 60_000);

  it('the day rules read from the tables exactly the public holidays date-holidays gives', () => {
    for (const [country, year] of [['IE', 2026], ['ID', 2027], ['DE', HOLIDAY_YEARS.last], ['US', HOLIDAY_YEARS.first]] as const) {
      const shipped = shippedHolidays(country, year, ['public']);
      expect(shipped.status).toBe('ok');
      const byDate = shipped.status === 'ok' ? Object.fromEntries(shipped.byDate) : {};
      expect(byDate).toEqual(fromPackage(country, year));
    }
  });
});
