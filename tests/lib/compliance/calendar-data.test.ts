import { describe, expect, it } from 'vitest';
import { CALENDAR_LIMITS, mergeDeliveredCalendars, parseDeliveredCalendars } from '../../../lib/compliance/calendar-data';
import { chineseYear } from '../../../lib/compliance/day-rules';

describe('parseDeliveredCalendars', () => {
  it('reads the documented format, sorted and without duplicates', () => {
    const result = parseDeliveredCalendars({
      CN: { '2027': { holidays: ['2027-02-08', '2027-01-01', '2027-01-01'], workdays: ['2027-02-07'] } },
      IE: { '2027': { holidays: ['2027-03-17'] } },
    });
    expect(result.errors).toEqual([]);
    expect(result.calendars).toEqual({
      CN: { '2027': { holidays: ['2027-01-01', '2027-02-08'], workdays: ['2027-02-07'] } },
      IE: { '2027': { holidays: ['2027-03-17'], workdays: [] } },
    });
  });

  it('nothing delivered is no calendar and no error', () => {
    expect(parseDeliveredCalendars(undefined)).toEqual({ calendars: {}, errors: [] });
    expect(parseDeliveredCalendars(null)).toEqual({ calendars: {}, errors: [] });
  });

  it('refuses each malformed part with its path and keeps the rest', () => {
    const result = parseDeliveredCalendars({
      cn: { '2027': { holidays: [] } },
      CN: {
        '2027': { holidays: ['2027-01-01'], workdays: [] },
        '2028': { holidays: ['2027-12-31'] },
        '2029': { holidays: ['2029-02-30'] },
        '2030': { holidays: '2030-01-01' },
        '2031': { holidays: [], extra: true },
        '27': { holidays: [] },
        '1999': { holidays: [] },
        '2032': ['2032-01-01'],
      },
      IE: [],
    });
    expect(result.calendars).toEqual({ CN: { '2027': { holidays: ['2027-01-01'], workdays: [] } } });
    // Integer-like keys come in numeric order.
    expect(result.errors).toEqual([
      { path: '/cn', message: 'not an ISO country code such as CN' },
      { path: '/CN/27', message: 'the year must be four digits between 2000 and 2100' },
      { path: '/CN/1999', message: 'the year must be four digits between 2000 and 2100' },
      { path: '/CN/2028/holidays/0', message: '"2027-12-31" is not a date (YYYY-MM-DD) in 2028' },
      { path: '/CN/2029/holidays/0', message: '"2029-02-30" is not a date (YYYY-MM-DD) in 2029' },
      { path: '/CN/2030/holidays', message: 'must be a list of dates such as "2030-01-01"' },
      { path: '/CN/2031/extra', message: 'unknown field' },
      { path: '/CN/2032', message: 'must be { "holidays": [...], "workdays": [...] }' },
      { path: '/IE', message: 'must be an object of years' },
    ]);
  });

  it('a date listed as holiday and as working day stays a holiday, and says so', () => {
    const result = parseDeliveredCalendars({ CN: { '2027': { holidays: ['2027-02-07'], workdays: ['2027-02-07', '2027-02-20'] } } });
    expect(result.calendars['CN']?.['2027']).toEqual({ holidays: ['2027-02-07'], workdays: ['2027-02-20'] });
    expect(result.errors).toEqual([{ path: '/CN/2027/workdays', message: '2027-02-07 listed as holiday and as working day; kept as a holiday' }]);
  });

  it('refuses what is not plain data, and more than the limits', () => {
    expect(parseDeliveredCalendars('CN').errors[0]?.message).toMatch(/must be an object of countries/);
    expect(parseDeliveredCalendars(new Map()).errors[0]?.message).toMatch(/must be an object of countries/);
    const many = Array.from({ length: CALENDAR_LIMITS.datesPerList + 1 }, () => '2027-01-01');
    expect(parseDeliveredCalendars({ CN: { '2027': { holidays: many } } }).errors).toEqual([
      { path: '/CN/2027/holidays', message: `at most ${CALENDAR_LIMITS.datesPerList} dates` },
    ]);
    expect(parseDeliveredCalendars({ 'a/b~c': {} }).errors).toEqual([{ path: '/a~1b~0c', message: 'not an ISO country code such as CN' }]);
  });
});

describe('mergeDeliveredCalendars and chineseYear', () => {
  it('every source’s closed days count; a working day survives only where no source closes it', () => {
    const pack = { CN: { '2027': { holidays: ['2027-01-01'], workdays: ['2027-02-07', '2027-02-20'] } } };
    const policy = { CN: { '2027': { holidays: ['2027-02-20'], workdays: [] } }, IE: { '2027': { holidays: ['2027-07-07'], workdays: [] } } };
    expect(mergeDeliveredCalendars(pack, undefined, policy)).toEqual({
      CN: { '2027': { holidays: ['2027-01-01', '2027-02-20'], workdays: ['2027-02-07'] } },
      IE: { '2027': { holidays: ['2027-07-07'], workdays: [] } },
    });
  });

  it('reports where a year’s data comes from', () => {
    expect(chineseYear(2026).source).toBe('shipped');
    expect(chineseYear(2027)).toMatchObject({ covered: false, source: 'none' });
    expect(chineseYear(2027, { CN: { '2027': { holidays: [], workdays: [] } } })).toMatchObject({ covered: true, source: 'delivered' });
    expect(chineseYear(2026, { CN: { '2026': { holidays: ['2026-03-10'], workdays: [] } } }).source).toBe('shipped and delivered');
  });
});
