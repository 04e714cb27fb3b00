import { describe, expect, it } from 'vitest';
import { isValidTimeZone, offsetAt, offsetTransitions } from '../../../lib/time/zone-offsets';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const utc = (iso: string): number => Date.parse(iso);

const oracleFormats = new Map<string, Intl.DateTimeFormat>();

/** Independent reading: ICU's own `GMT±hh:mm[:ss]` name of the offset, not the wall-clock arithmetic under test. */
function oracleOffset(at: number, timeZone: string): number {
  let format = oracleFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    oracleFormats.set(timeZone, format);
  }
  const name = format
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  if (name === 'GMT') return 0;
  const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name ?? '');
  if (!match) throw new Error(`unexpected offset name ${name}`);
  const seconds = (Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4] ?? 0);
  return (match[1] === '-' ? -1 : 1) * seconds * 1000;
}

const ZONES = [
  'America/New_York',
  'America/Adak',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Apia',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/Dublin',
  'America/Caracas',
  'Asia/Pyongyang',
  'Africa/Casablanca',
  'UTC',
];

describe('offsetAt', () => {
  it.each(ZONES)('agrees with Intl’s offset names in %s, 1990-2040', (zone) => {
    for (let at = utc('1990-01-01T00:00:00Z'); at < utc('2040-01-01T00:00:00Z'); at += 11 * 24 * HOUR + 4_919_357) {
      expect(offsetAt(at, zone)).toBe(oracleOffset(at, zone));
    }
  });

  it('reads the fixed and half-hour offsets', () => {
    expect(offsetAt(utc('2026-01-15T00:00:00Z'), 'Asia/Kathmandu')).toBe((5 * 60 + 45) * MINUTE);
    expect(offsetAt(utc('2026-01-15T00:00:00Z'), 'Pacific/Kiritimati')).toBe(14 * HOUR);
    expect(offsetAt(utc('2026-01-15T00:00:00Z'), 'America/Adak')).toBe(-10 * HOUR);
    expect(offsetAt(utc('2026-07-15T00:00:00Z'), 'America/Adak')).toBe(-9 * HOUR);
    expect(offsetAt(utc('2026-01-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(11 * HOUR);
    expect(offsetAt(utc('2026-07-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(10.5 * HOUR);
  });

  it('keeps the seconds of a historic local mean time (Monrovia, −00:44:30 until 1972)', () => {
    expect(offsetAt(utc('1960-01-01T00:00:00Z'), 'Africa/Monrovia')).toBe(-(44 * 60 + 30) * 1000);
    expect(offsetAt(utc('1973-01-01T00:00:00Z'), 'Africa/Monrovia')).toBe(0);
  });

  it('switches on the exact millisecond of a change', () => {
    const change = utc('2026-03-08T07:00:00Z');
    expect(offsetAt(change - 1, 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetAt(change, 'America/New_York')).toBe(-4 * HOUR);
    // Lord Howe moves by half an hour at 15:30 UTC, not on a whole UTC hour.
    const lordHowe = utc('2026-10-03T15:30:00Z');
    expect(offsetAt(lordHowe - 1, 'Australia/Lord_Howe')).toBe(10.5 * HOUR);
    expect(offsetAt(lordHowe, 'Australia/Lord_Howe')).toBe(11 * HOUR);
  });

  it('is exact minute by minute through every change of 2026 in several zones', () => {
    for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'America/Adak', 'America/Havana', 'Pacific/Chatham']) {
      for (const change of offsetTransitions(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'), zone)) {
        for (let at = change - 2 * HOUR; at < change + 2 * HOUR; at += MINUTE) expect(offsetAt(at, zone)).toBe(oracleOffset(at, zone));
      }
    }
  });

  it('throws RangeError on an unknown zone', () => {
    expect(() => offsetAt(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('offsetTransitions', () => {
  const iso = (zone: string, from: string, to: string): string[] =>
    offsetTransitions(utc(from), utc(to), zone).map((at) => new Date(at).toISOString());

  it('finds DST both ways in New York, Adak and Dublin', () => {
    expect(iso('America/New_York', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2026-03-08T07:00:00.000Z', '2026-11-01T06:00:00.000Z']);
    expect(iso('America/Adak', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2026-03-08T12:00:00.000Z', '2026-11-01T11:00:00.000Z']);
    expect(iso('Europe/Dublin', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-03-29T01:00:00.000Z']);
  });

  it('finds Lord Howe’s half-hour changes', () => {
    expect(iso('Australia/Lord_Howe', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2026-04-04T15:00:00.000Z', '2026-10-03T15:30:00.000Z']);
  });

  it('finds historic moves to another offset', () => {
    // Nepal moved from +05:30 to +05:45 at the start of 1986.
    expect(iso('Asia/Kathmandu', '1984-01-01T00:00:00Z', '1988-01-01T00:00:00Z')).toEqual(['1985-12-31T18:30:00.000Z']);
    // Kiribati's Line Islands: −10:40 to −10:00 in 1979, then across the date line to +14:00, skipping 1994-12-31.
    expect(iso('Pacific/Kiritimati', '1975-01-01T00:00:00Z', '1998-01-01T00:00:00Z')).toEqual(['1979-10-01T10:40:00.000Z', '1994-12-31T10:00:00.000Z']);
    // Samoa skipped 2011-12-30, going from −10:00 (its DST) to +14:00.
    expect(iso('Pacific/Apia', '2011-06-01T00:00:00Z', '2012-01-01T00:00:00Z')).toEqual(['2011-09-24T14:00:00.000Z', '2011-12-30T10:00:00.000Z']);
    expect(iso('America/Caracas', '2005-01-01T00:00:00Z', '2018-01-01T00:00:00Z')).toEqual(['2007-12-09T07:00:00.000Z', '2016-05-01T07:00:00.000Z']);
    expect(iso('Asia/Pyongyang', '2014-01-01T00:00:00Z', '2019-01-01T00:00:00Z')).toEqual(['2015-08-14T15:00:00.000Z', '2018-05-04T15:00:00.000Z']);
    expect(iso('Africa/Monrovia', '1970-01-01T00:00:00Z', '1974-01-01T00:00:00Z')).toEqual(['1972-01-07T00:44:30.000Z']);
  });

  it('reports nothing for fixed zones', () => {
    expect(iso('Asia/Kathmandu', '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toEqual([]);
    expect(iso('UTC', '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toEqual([]);
  });

  it('covers [from, to): a change at `from` is in, a change at `to` is out', () => {
    const change = utc('2026-03-08T07:00:00Z');
    expect(offsetTransitions(change, change + HOUR, 'America/New_York')).toEqual([change]);
    expect(offsetTransitions(change - HOUR, change, 'America/New_York')).toEqual([]);
    expect(offsetTransitions(change - 1, change + 1, 'America/New_York')).toEqual([change]);
    expect(offsetTransitions(change + 1, change + 2, 'America/New_York')).toEqual([]);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and links in any case, and nothing else', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('america/new_york')).toBe(true);
    expect(isValidTimeZone('Asia/Calcutta')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
