import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/time/calendar';
import {
  dayBounds,
  dayStart,
  firstInstantAtOrAfterWallTime,
  formatLocal,
  instantsAtWallTime,
  wallTimeAt,
  zoneClock,
} from '../../../lib/time/wall-clock';
import { offsetTransitions } from '../../../lib/time/zone-offsets';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const utc = (iso: string): number => Date.parse(iso);
const NY = 'America/New_York';
const APIA = 'Pacific/Apia';

const readers = new Map<string, Intl.DateTimeFormat>();

/** Independent reading: `Intl` parts as `YYYY-MM-DDTHH:mm:ss` and the English weekday. */
function intlReading(at: number, timeZone: string): { iso: string; weekday: string } {
  let reader = readers.get(timeZone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    readers.set(timeZone, reader);
  }
  const p = Object.fromEntries(reader.formatToParts(at).map((part) => [part.type, part.value]));
  return { iso: `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`, weekday: String(p.weekday).toLowerCase().slice(0, 3) };
}

describe('wallTimeAt', () => {
  it('reads Shanghai, every field', () => {
    expect(wallTimeAt(utc('2026-11-28T01:05:07.250Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-11-28',
      year: 2026,
      month: 11,
      day: 28,
      weekday: 'sat',
      hour: 9,
      minute: 5,
      second: 7,
      msOfDay: (9 * 60 + 5) * MINUTE + 7_250,
      offsetMs: 8 * HOUR,
    });
  });

  it('reads New York on both sides of both DST changes', () => {
    const hhmm = (iso: string) => {
      const wall = wallTimeAt(utc(iso), NY);
      return `${wall.date} ${wall.hour}:${wall.minute} ${wall.offsetMs / HOUR}`;
    };
    expect(hhmm('2026-03-08T06:59:59Z')).toBe('2026-03-08 1:59 -5');
    expect(hhmm('2026-03-08T07:00:00Z')).toBe('2026-03-08 3:0 -4');
    expect(hhmm('2026-11-01T05:30:00Z')).toBe('2026-11-01 1:30 -4');
    expect(hhmm('2026-11-01T06:30:00Z')).toBe('2026-11-01 1:30 -5');
  });

  it.each(['America/New_York', 'America/Adak', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Apia', 'America/Havana'])(
    'agrees with Intl in %s on instants across 2010-2027',
    (zone) => {
      for (let at = utc('2010-01-01T00:00:00Z'); at < utc('2027-01-01T00:00:00Z'); at += 5 * 24 * HOUR + 7 * HOUR + 13_457) {
        const wall = wallTimeAt(at, zone);
        const expected = intlReading(at, zone);
        expect(`${wall.date}T${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}:${String(wall.second).padStart(2, '0')}`).toBe(expected.iso);
        expect(wall.weekday).toBe(expected.weekday);
      }
    },
  );

  it('reads Dublin at its spring change (01:00 GMT becomes 02:00 IST)', () => {
    expect(wallTimeAt(utc('2026-03-29T01:00:00Z'), 'Europe/Dublin')).toMatchObject({ date: '2026-03-29', weekday: 'sun', msOfDay: 2 * HOUR });
  });

  it('goes from Thursday 2011-12-29 straight to Saturday 2011-12-31 in Apia', () => {
    const jump = utc('2011-12-30T10:00:00Z');
    expect(wallTimeAt(jump - 1, APIA)).toMatchObject({ date: '2011-12-29', weekday: 'thu', hour: 23, offsetMs: -10 * HOUR });
    expect(wallTimeAt(jump, APIA)).toMatchObject({ date: '2011-12-31', weekday: 'sat', hour: 0, offsetMs: 14 * HOUR });
  });

  it('reads Kathmandu’s +05:45 and Kiritimati’s +14:00', () => {
    expect(wallTimeAt(utc('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toMatchObject({ date: '2026-01-01', hour: 5, minute: 45 });
    expect(wallTimeAt(utc('2026-01-01T10:00:00Z'), 'Pacific/Kiritimati')).toMatchObject({ date: '2026-01-02', hour: 0, minute: 0 });
  });

  it('does not depend on the machine’s zone', () => {
    // The suite also runs under TZ=Pacific/Kiritimati and TZ=America/Adak; this reading must not move.
    expect(wallTimeAt(utc('2026-07-01T12:00:00Z'), 'Europe/London')).toMatchObject({ date: '2026-07-01', hour: 13 });
  });
});

describe('instantsAtWallTime and firstInstantAtOrAfterWallTime', () => {
  it('an ordinary reading has one instant', () => {
    expect(instantsAtWallTime('2026-07-01', 9 * HOUR, NY)).toEqual([utc('2026-07-01T13:00:00Z')]);
    expect(firstInstantAtOrAfterWallTime('2026-01-05', 9 * HOUR, NY)).toBe(utc('2026-01-05T14:00:00Z'));
  });

  it('a reading in the spring gap has none; the first instant after it is the jump', () => {
    expect(instantsAtWallTime('2026-03-08', 150 * MINUTE, NY)).toEqual([]);
    expect(firstInstantAtOrAfterWallTime('2026-03-08', 150 * MINUTE, NY)).toBe(utc('2026-03-08T07:00:00Z'));
    expect(instantsAtWallTime('2026-03-08', 3 * HOUR, NY)).toEqual([utc('2026-03-08T07:00:00Z')]);
    expect(instantsAtWallTime('2026-03-08', 2 * HOUR - 1, NY)).toEqual([utc('2026-03-08T07:00:00Z') - 1]);
  });

  it('a reading in the autumn overlap has two; the first instant is the earlier', () => {
    const both = [utc('2026-11-01T05:30:00Z'), utc('2026-11-01T06:30:00Z')];
    expect(instantsAtWallTime('2026-11-01', 90 * MINUTE, NY)).toEqual(both);
    expect(firstInstantAtOrAfterWallTime('2026-11-01', 90 * MINUTE, NY)).toBe(both[0]);
  });

  it('handles Adak’s changes (Hawaii–Aleutian time)', () => {
    expect(instantsAtWallTime('2026-03-08', 150 * MINUTE, 'America/Adak')).toEqual([]);
    expect(firstInstantAtOrAfterWallTime('2026-03-08', 150 * MINUTE, 'America/Adak')).toBe(utc('2026-03-08T12:00:00Z'));
    expect(instantsAtWallTime('2026-11-01', 90 * MINUTE, 'America/Adak')).toEqual([utc('2026-11-01T10:30:00Z'), utc('2026-11-01T11:30:00Z')]);
  });

  it('handles Lord Howe’s half-hour gap and overlap', () => {
    // 2026-10-04: 02:00 +10:30 becomes 02:30 +11:00.
    expect(instantsAtWallTime('2026-10-04', 2 * HOUR + 15 * MINUTE, 'Australia/Lord_Howe')).toEqual([]);
    expect(firstInstantAtOrAfterWallTime('2026-10-04', 2 * HOUR + 15 * MINUTE, 'Australia/Lord_Howe')).toBe(utc('2026-10-03T15:30:00Z'));
    // 2026-04-05: 02:00 +11:00 becomes 01:30 +10:30, so 01:45 happens twice, half an hour apart.
    expect(instantsAtWallTime('2026-04-05', HOUR + 45 * MINUTE, 'Australia/Lord_Howe')).toEqual([utc('2026-04-04T14:45:00Z'), utc('2026-04-04T15:15:00Z')]);
  });

  it('handles Kathmandu’s change from +05:30 to +05:45 (a 15-minute gap)', () => {
    expect(instantsAtWallTime('1986-01-01', 10 * MINUTE, 'Asia/Kathmandu')).toEqual([]);
    expect(firstInstantAtOrAfterWallTime('1986-01-01', 10 * MINUTE, 'Asia/Kathmandu')).toBe(utc('1985-12-31T18:30:00Z'));
    expect(instantsAtWallTime('1986-01-01', 15 * MINUTE, 'Asia/Kathmandu')).toEqual([utc('1985-12-31T18:30:00Z')]);
  });

  it('finds no instant on Apia’s skipped 2011-12-30, and the start of 2011-12-31 as the first after', () => {
    const jump = utc('2011-12-30T10:00:00Z');
    for (let minute = 0; minute < 1440; minute += 1) {
      expect(instantsAtWallTime('2011-12-30', minute * MINUTE, APIA)).toEqual([]);
      expect(firstInstantAtOrAfterWallTime('2011-12-30', minute * MINUTE, APIA)).toBe(jump);
    }
    expect(firstInstantAtOrAfterWallTime('2011-12-29', 23 * HOUR + 59 * MINUTE, APIA)).toBe(jump - MINUTE);
    expect(firstInstantAtOrAfterWallTime('2011-12-31', 8 * HOUR, APIA)).toBe(jump + 8 * HOUR);
  });

  it('finds no instant on Kiritimati’s skipped 1994-12-31', () => {
    expect(instantsAtWallTime('1994-12-31', 12 * HOUR, 'Pacific/Kiritimati')).toEqual([]);
    expect(firstInstantAtOrAfterWallTime('1994-12-31', 12 * HOUR, 'Pacific/Kiritimati')).toBe(utc('1994-12-31T10:00:00Z'));
  });

  it('round-trips every five minutes around every 2026 change in several zones', () => {
    for (const zone of [NY, 'America/Adak', 'Australia/Lord_Howe', 'America/Havana', 'America/Santiago', 'Europe/Dublin']) {
      for (const change of offsetTransitions(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'), zone)) {
        for (let at = change - 3 * HOUR; at < change + 3 * HOUR; at += 5 * MINUTE) {
          const wall = wallTimeAt(at, zone);
          expect(instantsAtWallTime(wall.date, wall.msOfDay, zone)).toContain(at);
          expect(firstInstantAtOrAfterWallTime(wall.date, wall.msOfDay, zone)).toBeLessThanOrEqual(at);
        }
      }
    }
  });

  it('reads 24:00 as the next date’s midnight', () => {
    expect(firstInstantAtOrAfterWallTime('2026-03-07', 24 * HOUR, NY)).toBe(firstInstantAtOrAfterWallTime('2026-03-08', 0, NY));
  });

  it('rejects malformed dates', () => {
    expect(() => instantsAtWallTime('2026-02-30', 0, NY)).toThrow(RangeError);
    expect(() => firstInstantAtOrAfterWallTime('tomorrow', 0, NY)).toThrow(RangeError);
  });
});

describe('dayBounds', () => {
  it('is 24 hours in Shanghai', () => {
    expect(dayBounds('2026-11-28', 'Asia/Shanghai')).toEqual([utc('2026-11-27T16:00:00Z'), utc('2026-11-28T16:00:00Z')]);
  });

  it('is 23 hours on the New York spring-forward day and 25 on the fall-back day', () => {
    const [springStart, springEnd] = dayBounds('2026-03-08', NY);
    expect(springStart).toBe(utc('2026-03-08T05:00:00Z'));
    expect(springEnd - springStart).toBe(23 * HOUR);
    const [fallStart, fallEnd] = dayBounds('2026-11-01', NY);
    expect(fallStart).toBe(utc('2026-11-01T04:00:00Z'));
    expect(fallEnd - fallStart).toBe(25 * HOUR);
  });

  it('is 23.5 and 24.5 hours on Lord Howe’s change days', () => {
    const length = (date: string) => {
      const [start, end] = dayBounds(date, 'Australia/Lord_Howe');
      return (end - start) / HOUR;
    };
    expect(length('2026-10-04')).toBe(23.5);
    expect(length('2026-04-05')).toBe(24.5);
  });

  it('starts at the jump when midnight is skipped (Santiago spring-forward at 00:00)', () => {
    const [start, end] = dayBounds('2026-09-06', 'America/Santiago');
    expect(zoneClock('America/Santiago').toIsoString(start)).toBe('2026-09-06T01:00:00-03:00');
    expect(end - start).toBe(23 * HOUR);
  });

  it('starts at the first midnight when midnight happens twice (Havana falls back from 01:00 to 00:00)', () => {
    const [start, end] = dayBounds('2026-11-01', 'America/Havana');
    expect(start).toBe(utc('2026-11-01T04:00:00Z'));
    expect(wallTimeAt(start, 'America/Havana')).toMatchObject({ date: '2026-11-01', hour: 0, offsetMs: -4 * HOUR });
    expect(end - start).toBe(25 * HOUR);
    // The first pass through 00:30 is on 1 November, so it belongs to that day, not to 31 October.
    expect(dayBounds('2026-10-31', 'America/Havana')[1]).toBe(start);
  });

  it('waits for a clock that dips back into the day before (St John’s fell back from 00:01 to 23:01 in 1990)', () => {
    const zone = 'America/St_Johns';
    // 00:00-00:01 NDT reads 28 October; then the clock goes back to 23:01 NST on the 27th for an hour.
    expect(wallTimeAt(utc('1990-10-28T02:30:30Z'), zone)).toMatchObject({ date: '1990-10-28', hour: 0 });
    expect(wallTimeAt(utc('1990-10-28T03:29:00Z'), zone)).toMatchObject({ date: '1990-10-27', hour: 23 });
    expect(dayStart('1990-10-28', zone)).toBe(utc('1990-10-28T03:30:00Z'));
    expect(dayBounds('1990-10-27', zone)).toEqual([utc('1990-10-27T02:30:00Z'), utc('1990-10-28T03:30:00Z')]);
    // The first 00:00 is still the first instant reading the 28th, for a reminder set at midnight.
    expect(firstInstantAtOrAfterWallTime('1990-10-28', 0, zone)).toBe(utc('1990-10-28T02:30:00Z'));
  });

  it('starts skipped and ordinary days where dayBounds does', () => {
    expect(dayStart('2011-12-30', APIA)).toBe(utc('2011-12-30T10:00:00Z'));
    expect(dayStart('2026-09-06', 'America/Santiago')).toBe(dayBounds('2026-09-06', 'America/Santiago')[0]);
    expect(dayStart('2026-11-01', 'America/Havana')).toBe(utc('2026-11-01T04:00:00Z'));
  });

  it('is empty for Apia’s skipped 2011-12-30, between two whole days', () => {
    const jump = utc('2011-12-30T10:00:00Z');
    expect(dayBounds('2011-12-29', APIA)).toEqual([jump - 24 * HOUR, jump]);
    expect(dayBounds('2011-12-30', APIA)).toEqual([jump, jump]);
    expect(dayBounds('2011-12-31', APIA)).toEqual([jump, jump + 24 * HOUR]);
  });

  it('tiles the time line date after date through gaps, overlaps and skipped days', () => {
    const cases = [
      [APIA, '2011-12-25', '2012-01-05'],
      ['Pacific/Kiritimati', '1994-12-25', '1995-01-05'],
      [NY, '2026-10-28', '2026-11-04'],
      ['America/Havana', '2026-03-05', '2026-03-11'],
      ['America/Havana', '2026-10-29', '2026-11-04'],
      ['Australia/Lord_Howe', '2026-10-01', '2026-10-07'],
      ['America/St_Johns', '1990-10-25', '1990-10-31'],
    ] as const;
    for (const [zone, first, last] of cases) {
      let previousEnd = dayBounds(first, zone)[0];
      for (let date: string = first; date <= last; date = addDays(date, 1)) {
        const [start, end] = dayBounds(date, zone);
        expect(start).toBe(previousEnd);
        expect(end).toBeGreaterThanOrEqual(start);
        // Every instant of a non-empty day reads that date.
        if (end > start) {
          expect(wallTimeAt(start, zone).date).toBe(date);
          expect(wallTimeAt(end - 1, zone).date).toBe(date);
        }
        previousEnd = end;
      }
    }
  });

  it('walks Apia’s days by instants without looping, going back or missing a day that happened', () => {
    const visited: string[] = [];
    let at = dayBounds('2011-12-28', APIA)[0];
    while (at < utc('2012-01-01T12:00:00Z') && visited.length < 10) {
      const date = wallTimeAt(at, APIA).date;
      const [start, end] = dayBounds(date, APIA);
      expect(start).toBe(at);
      visited.push(date);
      at = end;
    }
    expect(visited).toEqual(['2011-12-28', '2011-12-29', '2011-12-31', '2012-01-01', '2012-01-02']);
  });

  it('rejects malformed days and unknown zones', () => {
    expect(() => dayBounds('2026-02-30', 'UTC')).toThrow(RangeError);
    expect(() => dayBounds('28/11/2026', 'UTC')).toThrow(RangeError);
    expect(() => dayBounds('2026-02-03', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('writes local readings for reasons', () => {
    expect(formatLocal(utc('2026-03-08T07:00:00Z'), NY)).toBe('2026-03-08 03:00');
    expect(formatLocal(utc('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toBe('2026-01-01 05:45');
  });

  it('writes ISO 8601 with the offset of the moment, New York both ways', () => {
    const clock = zoneClock(NY);
    expect(clock.toIsoString(utc('2026-03-08T06:59:59.999Z'))).toBe('2026-03-08T01:59:59-05:00');
    expect(clock.toIsoString(utc('2026-03-08T07:00:00Z'))).toBe('2026-03-08T03:00:00-04:00');
    expect(clock.toIsoString(utc('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01:30:00-04:00');
    expect(clock.toIsoString(utc('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00-05:00');
  });

  it('writes odd offsets and offsets east of +12', () => {
    expect(zoneClock('Asia/Shanghai').toIsoString(utc('2026-11-28T01:05:00Z'))).toBe('2026-11-28T09:05:00+08:00');
    expect(zoneClock('Asia/Kathmandu').toIsoString(utc('2026-01-01T00:00:00Z'))).toBe('2026-01-01T05:45:00+05:45');
    expect(zoneClock('Pacific/Kiritimati').toIsoString(utc('2026-01-01T00:00:00Z'))).toBe('2026-01-01T14:00:00+14:00');
    expect(zoneClock('Australia/Lord_Howe').toIsoString(utc('2026-10-03T15:30:00Z'))).toBe('2026-10-04T02:30:00+11:00');
    expect(zoneClock('America/St_Johns').toIsoString(utc('2026-01-01T12:00:00Z'))).toBe('2026-01-01T08:30:00-03:30');
    expect(zoneClock(APIA).toIsoString(utc('2011-12-30T10:00:00Z'))).toBe('2011-12-31T00:00:00+14:00');
  });

  it('names the instant exactly even when the historic offset has seconds (Monrovia −00:44:30)', () => {
    const at = utc('1960-06-01T12:00:00Z');
    const text = zoneClock('Africa/Monrovia').toIsoString(at);
    expect(text).toBe('1960-06-01T11:16:00-00:44');
    expect(Date.parse(text)).toBe(at);
  });

  it('gives the clock’s reading and local date', () => {
    const clock = zoneClock('Pacific/Kiritimati');
    expect(clock.timeZone).toBe('Pacific/Kiritimati');
    expect(clock.toLocalDate(utc('2026-01-01T10:00:00Z'))).toBe('2026-01-02');
    expect(clock.parts(utc('2026-01-01T10:00:00Z'))).toMatchObject({ year: 2026, month: 1, day: 2, hour: 0 });
  });

  it('throws RangeError on an unknown zone', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
