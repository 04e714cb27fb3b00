import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineCustomProfile, evaluateCallingWindow } from '../../../lib/compliance/index';
import type { Weekday } from '../../../lib/compliance/index';

const HOUR = 3_600_000;
const WEEKDAY_BY_SHORT: Record<string, Weekday> = { Sun: 'sun', Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat' };

/** Independent oracle: wall clock via toLocaleString-style parts, membership by plain comparison. */
function localMinuteAndDay(at: number, timeZone: string): { minute: number; weekday: Weekday } {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const match = /^(\w{3}),? (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`unexpected format ${text}`);
  const ms = ((at % 1000) + 1000) % 1000;
  const minute = Number(match[2]) * 60 + Number(match[3]) + (Number(match[4]) * 1000 + ms) / 60_000;
  return { minute, weekday: WEEKDAY_BY_SHORT[match[1] ?? ''] ?? 'sun' };
}

function insideEverywhere(at: number, zones: readonly string[], start: number, end: number, days: readonly Weekday[]): boolean {
  return zones.every((zone) => {
    const { minute, weekday } = localMinuteAndDay(at, zone);
    return days.includes(weekday) && minute >= start && minute < end;
  });
}

// DST transitions (UTC): New York spring/fall 2026, Dublin spring/fall 2026, Denver spring 2026 (928's Navajo Nation exchanges span Denver+Phoenix).
const TRANSITIONS = {
  newYork: [Date.parse('2026-03-08T07:00:00Z'), Date.parse('2026-11-01T06:00:00Z')],
  dublin: [Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-10-25T01:00:00Z')],
  denver: [Date.parse('2026-03-08T09:00:00Z'), Date.parse('2026-11-01T08:00:00Z')],
  boise: [Date.parse('2026-03-08T09:00:00Z'), Date.parse('2026-11-01T08:00:00Z')],
};

const numbers = [
  { phone: '+1 212 555 0100', zones: ['America/New_York'], around: TRANSITIONS.newYork },
  // libphonenumber's newest map lists +353 under London's zones, which keep Dublin's clock.
  { phone: '+353 1 234 5678', zones: ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London'], around: TRANSITIONS.dublin },
  { phone: '+1 928 674 1234', zones: ['America/Denver', 'America/Phoenix'], around: TRANSITIONS.denver },
  { phone: '+1 208 299 0100', zones: ['America/Boise', 'America/Denver', 'America/Los_Angeles'], around: TRANSITIONS.boise },
];

const ALL_DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// Hours biased towards DST hours (01:00-03:00) and midnight, where off-by-one-hour bugs live.
const minuteArb = fc.oneof(
  fc.constantFrom(0, 30, 60, 90, 120, 150, 180, 480, 1260, 1410, 1440),
  fc.integer({ min: 0, max: 1440 }),
);
const scenarioArb = fc.record({
  number: fc.constantFrom(...numbers),
  bounds: fc.tuple(minuteArb, minuteArb).filter(([a, b]) => a !== b).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
  days: fc.subarray(ALL_DAYS, { minLength: 1 }),
  transitionIndex: fc.integer({ min: 0, max: 1 }),
  offsetMs: fc.integer({ min: -36 * HOUR, max: 36 * HOUR }),
});

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

describe('evaluateCallingWindow properties around DST, midnight and multi-zone area codes', () => {
  it('allowed ⇔ inside the window in every candidate zone; closesAt/opensAt are the exact edges', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (scenario, fractions) => {
        const [start, end] = scenario.bounds;
        const profile = defineCustomProfile({
          id: 'prop',
          name: 'property profile',
          country: 'US',
          hours: { start: clock(start), end: clock(end) },
          days: scenario.days,
        });
        const at = (scenario.number.around[scenario.transitionIndex] ?? 0) + scenario.offsetMs;
        const result = evaluateCallingWindow({ phone: scenario.number.phone, at, profile });
        const zones = scenario.number.zones;
        expect(result.timeZones).toEqual(zones);
        const inside = (t: number): boolean => insideEverywhere(t, zones, start, end, scenario.days);
        expect(result.allowed).toBe(inside(at));

        const edge = result.allowed ? result.closesAt : result.opensAt;
        if (edge === undefined) return;
        expect(edge).toBeGreaterThan(at);
        // Just before the edge the state is unchanged; at the edge it has flipped.
        expect(inside(edge - 1)).toBe(result.allowed);
        expect(inside(edge)).toBe(!result.allowed);
        // And everywhere in between the state is unchanged.
        for (const fraction of fractions) {
          const probe = at + Math.floor((edge - 1 - at) * fraction);
          expect(inside(probe)).toBe(result.allowed);
        }
        // The edge is an edge of the minute grid (or an offset transition, which also falls on a whole minute).
        expect(edge % 60_000).toBe(0);
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('a window spanning midnight-to-midnight on chosen days opens and closes at local midnight', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...numbers.slice(0, 2)),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -3 * 24 * HOUR, max: 3 * 24 * HOUR }),
        (number, dayIndex, offsetMs) => {
          const days = ALL_DAYS.filter((_, index) => index !== dayIndex);
          const profile = defineCustomProfile({ id: 'midnight', name: 'all day', country: 'US', hours: { start: '00:00', end: '24:00' }, days });
          const at = (number.around[0] ?? 0) + offsetMs;
          const result = evaluateCallingWindow({ phone: number.phone, at, profile });
          const edge = result.allowed ? result.closesAt : result.opensAt;
          expect(edge).toBeDefined();
          const local = localMinuteAndDay(edge ?? 0, number.zones[0] ?? 'UTC');
          expect(local.minute).toBe(0);
          expect(local.weekday).toBe(result.allowed ? ALL_DAYS[dayIndex] : ALL_DAYS[(dayIndex + 1) % 7]);
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);

  it('the window of several zones is the intersection: never wider than any one zone alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 }), (hourOfYear) => {
        const at = Date.parse('2026-01-01T00:00:00Z') + hourOfYear * HOUR + 17 * 60_000;
        const both = evaluateCallingWindow({ phone: '+1 928 674 1234', at, profile: 'US-FDCPA' });
        const denver = evaluateCallingWindow({ phone: '+1 303 555 0100', at, profile: 'US-FDCPA' });
        const phoenix = evaluateCallingWindow({ phone: '+1 928 674 1234', at, profile: 'US-FDCPA', location: { timeZone: 'America/Phoenix' } });
        expect(denver.timeZones).toEqual(['America/Denver']);
        expect(both.allowed).toBe(denver.allowed && phoenix.allowed);
        if (both.allowed && both.closesAt !== undefined) {
          expect(both.closesAt).toBe(Math.min(denver.closesAt ?? Infinity, phoenix.closesAt ?? Infinity));
        }
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});

describe('DST examples', () => {
  it('a 02:30 opening on the spring-forward day opens at 03:00 EDT, the end of the gap', () => {
    const profile = defineCustomProfile({ id: 'gap', name: 'gap', country: 'US', hours: { start: '02:30', end: '21:00' } });
    const result = evaluateCallingWindow({ phone: '2125550100', at: Date.parse('2026-03-08T06:00:00Z'), profile });
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBe(Date.parse('2026-03-08T07:00:00Z'));
  });

  it('a 01:30 closing on the fall-back day closes twice: the repeated hour reopens the window', () => {
    const profile = defineCustomProfile({ id: 'overlap', name: 'overlap', country: 'US', hours: { start: '00:00', end: '01:30' } });
    const first = evaluateCallingWindow({ phone: '2125550100', at: Date.parse('2026-11-01T05:00:00Z'), profile }); // 01:00 EDT
    expect(first.allowed).toBe(true);
    expect(first.closesAt).toBe(Date.parse('2026-11-01T05:30:00Z'));
    const between = evaluateCallingWindow({ phone: '2125550100', at: Date.parse('2026-11-01T05:45:00Z'), profile }); // 01:45 EDT
    expect(between.allowed).toBe(false);
    expect(between.opensAt).toBe(Date.parse('2026-11-01T06:00:00Z')); // clocks fall back to 01:00 EST
    const second = evaluateCallingWindow({ phone: '2125550100', at: Date.parse('2026-11-01T06:00:00Z'), profile });
    expect(second.closesAt).toBe(Date.parse('2026-11-01T06:30:00Z'));
  });

  it('FDCPA hours keep 08:00 local across the spring change in Dublin', () => {
    const before = evaluateCallingWindow({ phone: '+353 1 234 5678', at: Date.parse('2026-03-28T22:00:00Z'), profile: 'UK-FCA' });
    expect(before.opensAt).toBe(Date.parse('2026-03-29T07:00:00Z')); // 08:00 IST = 07:00 UTC
  });
});

describe('allowed under the debtor’s jurisdiction implies allowed in every place every source names', () => {
  const numbers = ['+1 270 234 5678', '+1 212 555 0100', '+1 907 555 0100', '+1 208 299 0100', '+1 800 555 0100', '+86 138 0013 8000', '+62 812 3456 7890', '+44 20 7946 0018'];
  const regions = [undefined, 'CA', 'TX', 'FL', 'Hawaii', 'ON'];
  const zips = [undefined, '94105', '10001', '36867', '99501', '00601'];

  it('for any number, entered state, CRM ZIP and instant', async () => {
    const { resolveJurisdiction, zonesOf } = await import('../../../lib/compliance/jurisdiction');
    const { resolveEffectiveRules } = await import('../../../lib/compliance/routing');
    fc.assert(
      fc.property(
        fc.constantFrom(...numbers),
        fc.constantFrom(...regions),
        fc.constantFrom(...zips),
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
        (phone, region, postalCode, at) => {
          const jurisdiction = resolveJurisdiction({ phone, ...(region ? { entered: { region } } : {}), ...(postalCode ? { crm: { postalCode } } : {}) });
          const rules = resolveEffectiveRules(jurisdiction);
          const verdict = evaluateCallingWindow({ phone, at, profile: rules.profile, zones: zonesOf(jurisdiction) });
          if (!verdict.allowed || rules.blocked) return;
          // Every zone of every place any source names is inside the combined rules' hours and days.
          const zones = jurisdiction.places.flatMap((place) => place.timeZones);
          const { startMinute, endMinute } = rules.profile.hours;
          expect(insideEverywhere(at, zones, startMinute, endMinute, rules.profile.days)).toBe(true);
          // And the federal hours hold for every US place, whatever a state's profile says.
          const us = jurisdiction.places.filter((place) => place.country === 'US').flatMap((place) => place.timeZones);
          expect(insideEverywhere(at, us, 480, 1260, ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);
});
