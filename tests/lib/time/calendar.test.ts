import { describe, expect, it } from 'vitest';
import {
  WEEKDAYS,
  addDays,
  civilFromDays,
  daysBetween,
  formatClockTime,
  formatIsoDate,
  isoDateAt,
  parseClockTime,
  parseIsoDate,
  utcMidnightOf,
  weekdayAt,
} from '../../../lib/time/calendar';

describe('parseIsoDate', () => {
  it('parses only real dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29, utcMidnight: Date.UTC(2024, 1, 29) });
    expect(parseIsoDate('2025-02-29')).toBeUndefined();
    expect(parseIsoDate('2025-13-01')).toBeUndefined();
    expect(parseIsoDate('2025-04-31')).toBeUndefined();
    expect(parseIsoDate('2025-1-01')).toBeUndefined();
    expect(parseIsoDate('28/11/2026')).toBeUndefined();
  });

  it('keeps years below 100 as written (Date.UTC would move them to the 1900s)', () => {
    expect(parseIsoDate('0099-03-01')?.utcMidnight).toBe(new Date('0099-03-01T00:00:00Z').getTime());
    expect(isoDateAt(utcMidnightOf('0099-03-01'))).toBe('0099-03-01');
  });
});

describe('day numbers', () => {
  it('agree with Date both ways from year -2000 to 7000', () => {
    for (let days = -1_450_000; days < 1_830_000; days += 97) {
      const at = new Date(days * 86_400_000);
      const expected = { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
      expect(civilFromDays(days)).toEqual(expected);
      if (expected.year >= 0 && expected.year <= 9999) expect(utcMidnightOf(isoDateAt(days * 86_400_000))).toBe(days * 86_400_000);
    }
  });

  it('know the leap days of the Gregorian rule', () => {
    expect(parseIsoDate('2000-02-29')).toBeDefined();
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2100-02-29')).toBeUndefined();
    expect(parseIsoDate('2400-02-29')).toBeDefined();
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-07-15', 0)).toBe('2026-07-15');
  });

  it('counts whole days either way', () => {
    expect(daysBetween('2026-07-01', '2026-07-08')).toBe(7);
    expect(daysBetween('2026-07-08', '2026-07-01')).toBe(-7);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('counts Apia’s skipped 2011-12-30 as a calendar date: zones are wall-clock.ts’s business', () => {
    expect(addDays('2011-12-29', 1)).toBe('2011-12-30');
    expect(daysBetween('2011-12-29', '2011-12-31')).toBe(2);
  });

  it('throws RangeError on malformed dates', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('yesterday', '2026-01-01')).toThrow(RangeError);
  });

  it('names weekdays, before 1970 too', () => {
    expect(weekdayAt(utcMidnightOf('2026-03-08'))).toBe('sun');
    expect(weekdayAt(utcMidnightOf('1970-01-01'))).toBe('thu');
    expect(weekdayAt(utcMidnightOf('1969-12-31'))).toBe('wed');
    expect(weekdayAt(Date.UTC(2026, 2, 9, 23, 59, 59, 999))).toBe('mon');
    for (let day = 0; day < 14; day += 1) {
      const at = Date.UTC(1901, 0, 1 + day);
      expect(weekdayAt(at)).toBe(WEEKDAYS[new Date(at).getUTCDay()]);
    }
  });

  it('writes years outside 0000-9999 in the expanded form', () => {
    expect(formatIsoDate(2026, 3, 8)).toBe('2026-03-08');
    expect(formatIsoDate(12, 1, 2)).toBe('0012-01-02');
    expect(formatIsoDate(10_000, 1, 1)).toBe('+010000-01-01');
    expect(formatIsoDate(-1, 12, 31)).toBe('-000001-12-31');
  });
});

describe('clock times', () => {
  it('parses H:MM and HH:MM up to 24:00', () => {
    expect(parseClockTime('08:00')).toBe(480);
    expect(parseClockTime('8:05')).toBe(485);
    expect(parseClockTime(' 21:30 ')).toBe(1290);
    expect(parseClockTime('24:00')).toBe(1440);
  });

  it('rejects anything else with a RangeError', () => {
    for (const text of ['25:00', '24:01', '8am', '08:60', '0800', '']) expect(() => parseClockTime(text)).toThrow(RangeError);
  });

  it('formats minutes as HH:MM, 1440 as 24:00', () => {
    expect(formatClockTime(0)).toBe('00:00');
    expect(formatClockTime(485)).toBe('08:05');
    expect(formatClockTime(1440)).toBe('24:00');
  });
});
