import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOLIDAY_YEARS, holidayCountries, loadHolidayTables, parseHolidayTable, setHolidayTableSource, shippedHolidays } from '../../../lib/compliance/holiday-tables';
import { PROFILES } from '../../../lib/compliance/profiles';
import { readHolidayTableFromDisk } from '../../fixtures/holiday-tables';

describe('holiday tables', () => {
  afterEach(() => setHolidayTableSource(readHolidayTableFromDisk));

  it('reads a country year by date and type', () => {
    const ireland = shippedHolidays('ie', 2026, ['public']);
    expect(ireland.status === 'ok' && ireland.byDate.get('2026-03-17')).toEqual(['St. Patrick’s Day']);
    // Good Friday is a bank holiday in Ireland, not a public one.
    expect(ireland.status === 'ok' && ireland.byDate.has('2026-04-03')).toBe(false);
    const bank = shippedHolidays('IE', 2026, ['bank']);
    expect(bank.status === 'ok' && bank.byDate.get('2026-04-03')).toEqual(['Good Friday']);
  });

  it('says which years it has no data for and which countries it does not know', () => {
    expect(shippedHolidays('IE', HOLIDAY_YEARS.last + 1, ['public'])).toEqual({ status: 'no-data', firstYear: HOLIDAY_YEARS.first, lastYear: HOLIDAY_YEARS.last });
    expect(shippedHolidays('IE', HOLIDAY_YEARS.first - 1, ['public']).status).toBe('no-data');
    expect(shippedHolidays('AQ', 2026, ['public'])).toEqual({ status: 'unsupported' });
  });

  it('loads only the countries asked for, through the fetcher, and leaves a failed one unloaded', async () => {
    setHolidayTableSource(undefined);
    expect(shippedHolidays('NZ', 2026, ['public'])).toEqual({ status: 'not-loaded' });
    const fetched: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await loadHolidayTables(['NZ', 'nz', 'FJ', 'AQ'], async (path) => {
      fetched.push(path);
      if (path.includes('FJ')) throw new Error('offline');
      return readHolidayTableFromDisk('NZ');
    });
    expect(fetched.sort()).toEqual(['holidays/FJ.json', 'holidays/NZ.json']);
    expect(shippedHolidays('NZ', 2026, ['public']).status).toBe('ok');
    expect(shippedHolidays('FJ', 2026, ['public'])).toEqual({ status: 'not-loaded' });
    expect(warn).toHaveBeenCalledOnce();
    // A loaded table is not fetched again.
    await loadHolidayTables(['NZ'], async () => {
      throw new Error('fetched twice');
    });
    expect(warn).toHaveBeenCalledOnce();
  });

  it('refuses a file that is not the country’s table', () => {
    expect(parseHolidayTable(readHolidayTableFromDisk('IE'), 'IE')).toBeDefined();
    expect(parseHolidayTable(readHolidayTableFromDisk('IE'), 'GB')).toBeUndefined();
    expect(parseHolidayTable({ country: 'IE', firstYear: 2025, lastYear: 2026, names: [1], years: {} }, 'IE')).toBeUndefined();
    expect(parseHolidayTable('IE', 'IE')).toBeUndefined();
  });

  it('names the countries a profile reads', () => {
    expect(holidayCountries(PROFILES['IE-CCA'])).toEqual(['IE']);
    expect(holidayCountries(PROFILES['US-FDCPA'])).toEqual([]);
  });
});
