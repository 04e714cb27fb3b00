import { describe, it, expect } from 'vitest';
import { dayBounds, parseIsoDate, zonedTimeToEpoch, zoneClock } from '../../../lib/notes/zoned-time.ts';

const HOUR = 3_600_000;

describe('zoneClock().toIsoString', () => {
  it('writes Shanghai time with +08:00', () => {
    expect(zoneClock('Asia/Shanghai').toIsoString(Date.UTC(2026, 10, 28, 1, 5, 0))).toBe('2026-11-28T09:05:00+08:00');
  });

  it('switches New York between -05:00 and -04:00 at the DST changes', () => {
    const ny = zoneClock('America/New_York');
    // 2026-03-08: 02:00 EST becomes 03:00 EDT, at 07:00 UTC.
    expect(ny.toIsoString(Date.UTC(2026, 2, 8, 6, 59, 59))).toBe('2026-03-08T01:59:59-05:00');
    expect(ny.toIsoString(Date.UTC(2026, 2, 8, 7, 0, 0))).toBe('2026-03-08T03:00:00-04:00');
    // 2026-11-01: 02:00 EDT becomes 01:00 EST, at 06:00 UTC; 01:30 happens twice.
    expect(ny.toIsoString(Date.UTC(2026, 10, 1, 5, 30))).toBe('2026-11-01T01:30:00-04:00');
    expect(ny.toIsoString(Date.UTC(2026, 10, 1, 6, 30))).toBe('2026-11-01T01:30:00-05:00');
  });

  it('agrees with Intl on thousands of instants across two years', () => {
    const ny = zoneClock('America/New_York');
    const reference = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * HOUR + 13_457) {
      const p = Object.fromEntries(reference.formatToParts(t).map((part) => [part.type, part.value]));
      const expected = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
      expect(ny.toIsoString(t).slice(0, 19)).toBe(expected);
    }
  });

  it('is exact minute by minute through a half-hour change that is not on a UTC hour (Lord Howe)', () => {
    const zone = 'Australia/Lord_Howe';
    const clock = zoneClock(zone);
    const reference = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    const offsets = new Set<number>();
    // 2026-10-04 02:00 +10:30 becomes 02:30 +11:00, at 15:30 UTC the day before.
    for (let t = Date.UTC(2026, 9, 3, 14); t < Date.UTC(2026, 9, 3, 17); t += 60_000) {
      const p = Object.fromEntries(reference.formatToParts(t).map((part) => [part.type, part.value]));
      expect(clock.toIsoString(t).slice(0, 16)).toBe(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`);
      offsets.add(clock.offsetMinutes(t));
    }
    expect([...offsets]).toEqual([630, 660]);
    expect(clock.toIsoString(Date.UTC(2026, 9, 3, 15, 30))).toBe('2026-10-04T02:30:00+11:00');
  });

  it('throws on an unknown zone', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('dayBounds', () => {
  it('is 24 hours in Shanghai', () => {
    expect(dayBounds('2026-11-28', 'Asia/Shanghai')).toEqual([Date.UTC(2026, 10, 27, 16), Date.UTC(2026, 10, 28, 16)]);
  });

  it('is 23 hours on the New York spring-forward day and 25 on the fall-back day', () => {
    const [springStart, springEnd] = dayBounds('2026-03-08', 'America/New_York');
    expect(springStart).toBe(Date.UTC(2026, 2, 8, 5));
    expect(springEnd - springStart).toBe(23 * HOUR);
    const [fallStart, fallEnd] = dayBounds('2026-11-01', 'America/New_York');
    expect(fallStart).toBe(Date.UTC(2026, 10, 1, 4));
    expect(fallEnd - fallStart).toBe(25 * HOUR);
  });

  it('tiles consecutive days without gaps', () => {
    const days = ['2026-10-31', '2026-11-01', '2026-11-02'];
    const bounds = days.map((day) => dayBounds(day, 'America/New_York'));
    expect(bounds[0]![1]).toBe(bounds[1]![0]);
    expect(bounds[1]![1]).toBe(bounds[2]![0]);
  });

  it('starts at the jump when midnight is skipped (Santiago spring-forward at 00:00)', () => {
    // 2026-09-06 in America/Santiago: 00:00 -04 becomes 01:00 -03.
    const [start, end] = dayBounds('2026-09-06', 'America/Santiago');
    expect(zoneClock('America/Santiago').toIsoString(start)).toBe('2026-09-06T01:00:00-03:00');
    expect(end - start).toBe(23 * HOUR);
  });

  it('returns an empty range for a day the zone skipped', () => {
    const [start, end] = dayBounds('2011-12-30', 'Pacific/Apia');
    expect(end).toBe(start);
  });

  it('rejects malformed days', () => {
    expect(() => dayBounds('2026-02-30', 'UTC')).toThrow(RangeError);
    expect(() => dayBounds('28/11/2026', 'UTC')).toThrow(RangeError);
  });
});

describe('zonedTimeToEpoch and parseIsoDate', () => {
  it('converts a local time on both sides of a DST change', () => {
    expect(zonedTimeToEpoch('2026-07-01', '09:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 13));
    expect(zonedTimeToEpoch('2026-01-05', '09:00', 'America/New_York')).toBe(Date.UTC(2026, 0, 5, 14));
    expect(zonedTimeToEpoch('2026-03-08', '02:30', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7));
    expect(zonedTimeToEpoch('2026-11-01', '01:30', 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it('parses only real dates', () => {
    expect(parseIsoDate('2024-02-29')?.utcMidnight).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDate('2025-02-29')).toBeUndefined();
    expect(parseIsoDate('2025-13-01')).toBeUndefined();
  });
});
