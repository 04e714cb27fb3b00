import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { chineseFixedDateHoliday } from '../../../lib/compliance/calendar-data';
import { LAST_SHIPPED_CHINESE_YEAR, evaluateDay } from '../../../lib/compliance/day-rules';
import { HOLIDAY_YEARS, setHolidayTableSource } from '../../../lib/compliance/holiday-tables';
import { PROFILES, defineCustomProfile } from '../../../lib/compliance/profiles';
import type { Weekday } from '../../../lib/time/calendar';
import { readHolidayTableFromDisk } from '../../fixtures/holiday-tables';

const restDays = defineCustomProfile({
  id: 'CN-REST',
  name: 'China, working days only',
  country: 'CN',
  hours: { start: '08:00', end: '22:00' },
  holidays: [{ source: 'chinese-days', block: 'rest-days' }],
});

/** The machine zones the suite must not depend on: far east and far west of UTC. */
const MACHINE_ZONES = ['Pacific/Kiritimati', 'America/Adak', 'UTC'];

describe('evaluateDay: the debtor’s local date decides, whatever zone the machine is in', () => {
  const original = process.env['TZ'];
  afterEach(() => {
    if (original === undefined) delete process.env['TZ'];
    else process.env['TZ'] = original;
  });

  it.each(MACHINE_ZONES)('Chinese holidays and adjusted working days hold with the machine in %s', (zone) => {
    // Node applies a changed TZ at once: Date methods that read the local zone follow it.
    process.env['TZ'] = zone;
    expect(evaluateDay(restDays, '2026-10-07', 'wed')).toMatchObject({ closed: true, reasons: ['2026-10-07 is a Chinese statutory holiday'] });
    expect(evaluateDay(restDays, '2026-10-08', 'thu').closed).toBe(false);
    expect(evaluateDay(restDays, '2026-02-14', 'sat').closed).toBe(false);
    expect(evaluateDay(restDays, '2026-03-07', 'sat')).toMatchObject({ closed: true, reasons: ['2026-03-07 is not an official working day in China'] });
    expect(evaluateDay(restDays, '2026-03-09', 'mon').closed).toBe(false);
  });
});

describe('evaluateDay: years without shipped holiday data (issue 13, item 9)', () => {
  const statutory = defineCustomProfile({
    id: 'CN-HOL',
    name: 'China, no statutory holidays',
    country: 'CN',
    hours: { start: '08:00', end: '22:00' },
    holidays: [{ source: 'chinese-days', block: 'statutory-holidays' }],
  });
  const lenient = (block: 'rest-days' | 'statutory-holidays') =>
    defineCustomProfile({ id: 'CN-ALLOW', name: 'lenient', country: 'CN', hours: { start: '08:00', end: '22:00' }, holidays: [{ source: 'chinese-days', block, uncoveredYear: 'allow' }] });

  it('blocks a 2027 working day by default and says why and what to do (it used to be a note)', () => {
    for (const profile of [restDays, statutory]) {
      const verdict = evaluateDay(profile, '2027-03-10', 'wed');
      expect(verdict.closed).toBe(true);
      expect(verdict.reasons).toEqual([
        expect.stringMatching(/^no holiday\/调休 data for 2027 \(shipped data ends with 2026; deliver the year's calendar in a signed pack or the managed policy\): .* cannot be checked on 2027-03-10, so the day is closed$/),
      ]);
    }
    expect(LAST_SHIPPED_CHINESE_YEAR).toBe(2026);
  });

  it('with uncoveredYear "allow", fixed-date holidays stay closed, and weekends under rest-days', () => {
    expect(evaluateDay(lenient('statutory-holidays'), '2027-10-02', 'sat')).toMatchObject({
      closed: true,
      reasons: ['2027-10-02 is a Chinese statutory holiday (National Day (国庆节), a fixed date)'],
    });
    for (const date of ['2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-03']) {
      expect(evaluateDay(lenient('statutory-holidays'), date, 'fri').closed, date).toBe(true);
    }
    const open = evaluateDay(lenient('statutory-holidays'), '2027-03-13', 'sat');
    expect(open.closed).toBe(false);
    expect(open.notes[0]).toMatch(/no holiday\/调休 data for 2027.*fixed-date holidays only/);
    expect(evaluateDay(lenient('rest-days'), '2027-03-13', 'sat')).toMatchObject({ closed: true, reasons: [expect.stringMatching(/weekend.*counts as a rest day/)] });
    expect(evaluateDay(lenient('rest-days'), '2027-03-10', 'wed').closed).toBe(false);
    // Before the 2025 revision, 2 May was no statutory holiday (and 2004 is covered anyway).
    expect(chineseFixedDateHoliday('2024-05-02')).toBeUndefined();
    expect(chineseFixedDateHoliday('2031-05-02')).toMatch(/Labour Day/);
  });

  it('a delivered 2027 calendar covers the year: its holidays close, its 调休 weekends open', () => {
    const calendars = { CN: { '2027': { holidays: ['2027-02-08', '2027-10-04'], workdays: ['2027-02-07'] } } };
    expect(evaluateDay(restDays, '2027-02-08', 'mon', calendars)).toMatchObject({
      closed: true,
      reasons: ['2027-02-08 is a Chinese statutory holiday (delivered calendar)'],
    });
    expect(evaluateDay(restDays, '2027-02-07', 'sun', calendars).closed).toBe(false);
    expect(evaluateDay(restDays, '2027-03-10', 'wed', calendars)).toMatchObject({ closed: false, reasons: [], notes: [], why: [], noteWhy: [] });
    expect(evaluateDay(restDays, '2027-03-13', 'sat', calendars).reasons).toEqual(['2027-03-13 is not an official working day in China (delivered calendar)']);
    expect(evaluateDay(statutory, '2027-10-04', 'mon', calendars).closed).toBe(true);
    // A delivered table that forgets a fixed-date holiday does not open it.
    expect(evaluateDay(statutory, '2027-10-01', 'fri', calendars)).toMatchObject({
      closed: true,
      reasons: ['2027-10-01 is a Chinese statutory holiday (National Day (国庆节), a fixed date)'],
    });
    // Another country's data does not cover China.
    expect(evaluateDay(restDays, '2027-03-10', 'wed', { IE: { '2027': { holidays: [], workdays: [] } } }).closed).toBe(true);
  });

  it('shipped data is the floor: delivered data adds closed days and never reopens shipped ones', () => {
    const calendars = { CN: { '2026': { holidays: ['2026-03-10'], workdays: ['2026-10-07', '2026-03-07'] } } };
    expect(evaluateDay(restDays, '2026-10-07', 'wed', calendars).closed).toBe(true);
    expect(evaluateDay(restDays, '2026-03-07', 'sat', calendars).closed).toBe(true);
    expect(evaluateDay(restDays, '2026-03-10', 'tue', calendars)).toMatchObject({
      closed: true,
      reasons: ['2026-03-10 is a Chinese statutory holiday (shipped and delivered calendar)'],
    });
    // Shipped 调休 still opens its Saturday.
    expect(evaluateDay(restDays, '2026-02-14', 'sat', calendars).closed).toBe(false);
  });

  it('a delivered holiday closes a day for date-holidays countries too; their shipped holidays stay', () => {
    const ireland = PROFILES['IE-CCA'];
    const calendars = { IE: { '2026': { holidays: ['2026-07-07'], workdays: ['2026-03-17'] } } };
    expect(evaluateDay(ireland, '2026-07-07', 'tue')).toMatchObject({ closed: false });
    expect(evaluateDay(ireland, '2026-07-07', 'tue', calendars)).toMatchObject({ closed: true, reasons: ['2026-07-07 is a IE public holiday (delivered calendar)'] });
    expect(evaluateDay(ireland, '2026-03-17', 'tue', calendars).closed).toBe(true);
  });

  it('a year outside the generated date-holidays tables has no data: the day closes and says so, unless a calendar is delivered', () => {
    const ireland = PROFILES['IE-CCA'];
    const late = HOLIDAY_YEARS.last + 1;
    const uncovered = evaluateDay(ireland, `${late}-07-07`, 'tue');
    expect(uncovered.closed).toBe(true);
    expect(uncovered.reasons).toEqual([
      `no IE holiday data for ${late} (shipped data covers ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}; deliver the year's calendar in a signed pack or the managed policy): no calls on IE public holidays (date-holidays) cannot be checked on ${late}-07-07, so the day is closed`,
    ]);
    const calendars = { IE: { [String(late)]: { holidays: [`${late}-03-17`], workdays: [] } } };
    expect(evaluateDay(ireland, `${late}-07-07`, 'tue', calendars)).toMatchObject({ closed: false, reasons: [], notes: [], why: [] });
    expect(evaluateDay(ireland, `${late}-03-17`, 'tue', calendars).reasons).toEqual([`${late}-03-17 is a IE public holiday (delivered calendar)`]);
    expect(evaluateDay(ireland, `${HOLIDAY_YEARS.first - 1}-07-07`, 'mon').closed).toBe(true);
  });

  it('a date-holidays table that is not loaded closes the day; a country without data keeps delivered holidays and notes it', () => {
    const profile = (country: string) => ({ ...PROFILES['IE-CCA'], days: PROFILES['US-FDCPA'].days, holidays: [{ source: 'date-holidays' as const, country }] });
    setHolidayTableSource(undefined);
    try {
      expect(evaluateDay(profile('MT'), '2026-07-07', 'tue')).toMatchObject({
        closed: true,
        reasons: ['the MT holiday table could not be loaded: no calls on MT public holidays (date-holidays) cannot be checked on 2026-07-07, so the day is closed'],
      });
    } finally {
      setHolidayTableSource(readHolidayTableFromDisk);
    }
    expect(evaluateDay(profile('MT'), '2026-07-07', 'tue').closed).toBe(false);
    expect(evaluateDay(profile('AQ'), '2026-07-07', 'tue')).toMatchObject({
      closed: false,
      reasons: [],
      notes: ['date-holidays has no holiday data for AQ: no calls on AQ public holidays (date-holidays) applies delivered calendars only'],
    });
    expect(evaluateDay(profile('AQ'), '2026-07-07', 'tue', { AQ: { '2026': { holidays: ['2026-07-07'], workdays: [] } } }).closed).toBe(true);
  });

  it('never opens a day the shipped data closes, whatever is delivered (property)', () => {
    const date = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms - (ms % 86_400_000)));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const dayOf = (d: Date): Weekday => (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[d.getUTCDay()]!;
    const delivered = fc.dictionary(
      fc.constantFrom('2025', '2026', '2027', '2028'),
      fc.record({ holidays: fc.array(date.map(iso), { maxLength: 8 }), workdays: fc.array(date.map(iso), { maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(date, delivered, fc.constantFrom(restDays, statutory, lenient('rest-days')), (day, byYear, profile) => {
        const years = Object.fromEntries(
          Object.entries(byYear).map(([year, lists]) => [
            year,
            { holidays: lists.holidays.filter((d) => d.startsWith(year)), workdays: lists.workdays.filter((d) => d.startsWith(year)) },
          ]),
        );
        const without = evaluateDay(profile, iso(day), dayOf(day));
        const withData = evaluateDay(profile, iso(day), dayOf(day), { CN: years });
        // Covered years: delivered data only adds closed days. Uncovered years may open, but only under delivered data for that year.
        if (without.closed && Number(iso(day).slice(0, 4)) <= LAST_SHIPPED_CHINESE_YEAR) expect(withData.closed).toBe(true);
        if (without.closed && !withData.closed) expect(years[iso(day).slice(0, 4)]).toBeDefined();
        // A delivered holiday is always closed.
        if (years[iso(day).slice(0, 4)]?.holidays.includes(iso(day))) expect(withData.closed).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
