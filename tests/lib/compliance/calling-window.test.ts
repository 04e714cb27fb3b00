import { describe, expect, it } from 'vitest';
import {
  defineCustomProfile,
  evaluateCallingWindow,
  notAtWork,
  notBefore,
  notOnDays,
  tightenProfile,
} from '../../../lib/compliance/index';
import type { ComplianceProfile, DeliveredCalendars } from '../../../lib/compliance/index';

const utc = (iso: string): number => Date.parse(iso);

interface WindowCase {
  name: string;
  profile: string | ComplianceProfile;
  phone: string;
  at: string;
  allowed: boolean;
  /** Expected closesAt (when allowed) or opensAt (when not), ISO. */
  edge?: string;
  zones?: string[];
  reason?: RegExp;
  /** Holiday tables delivered by a pack or the managed policy. */
  calendars?: DeliveredCalendars;
}

const cnRestDays = tightenProfile('CN-CBA-2026', {
  holidays: [{ source: 'chinese-days', block: 'rest-days' }],
}).profile;
const cnStatutory = tightenProfile('CN-CBA-2026', {
  holidays: [{ source: 'chinese-days', block: 'statutory-holidays' }],
}).profile;

// Local times in comments; 2026-03-09 is a Monday, New York on EDT (UTC-4) since 2026-03-08.
const cases: WindowCase[] = [
  // US-FDCPA, area code 212 → America/New_York
  { name: 'FDCPA one second before 08:00', profile: 'US-FDCPA', phone: '(212) 555-0100', at: '2026-03-09T11:59:59Z', allowed: false, edge: '2026-03-09T12:00:00Z', zones: ['America/New_York'], reason: /area code 212 \(US-NY\) → America\/New_York/ },
  { name: 'FDCPA at 08:00', profile: 'US-FDCPA', phone: '+1 212 555 0100', at: '2026-03-09T12:00:00Z', allowed: true, edge: '2026-03-10T01:00:00Z' },
  { name: 'FDCPA 20:59', profile: 'US-FDCPA', phone: '2125550100', at: '2026-03-10T00:59:00Z', allowed: true, edge: '2026-03-10T01:00:00Z' },
  { name: 'FDCPA at 21:00 waits for tomorrow 08:00', profile: 'US-FDCPA', phone: '212-555-0100', at: '2026-03-10T01:00:00Z', allowed: false, edge: '2026-03-10T12:00:00Z', reason: /profile US-FDCPA 08:00–21:00/ },
  { name: 'FDCPA Sunday is allowed (no federal day ban)', profile: 'US-FDCPA', phone: '2125550100', at: '2026-03-15T15:00:00Z', allowed: true },
  // US-FL: 305 → New York zone; 21:00 in Miami
  { name: 'Florida 305 at 20:30', profile: 'US-FL', phone: '305 555 0100', at: '2026-03-10T00:30:00Z', allowed: true, edge: '2026-03-10T01:00:00Z' },
  { name: 'Florida 305 at 07:00', profile: 'US-FL', phone: '305 555 0100', at: '2026-03-09T11:00:00Z', allowed: false, edge: '2026-03-09T12:00:00Z' },
  // US-WA: 206 Seattle, PDT (UTC-7); opens at 07:30
  { name: 'Washington at 07:29', profile: 'US-WA', phone: '206-555-0100', at: '2026-03-09T14:29:00Z', allowed: false, edge: '2026-03-09T14:30:00Z', zones: ['America/Los_Angeles'] },
  { name: 'Washington at 07:30', profile: 'US-WA', phone: '206-555-0100', at: '2026-03-09T14:30:00Z', allowed: true, edge: '2026-03-10T04:00:00Z' },
  // US-MA / US-NYC hours follow FDCPA
  { name: 'Massachusetts 617 at 09:00', profile: 'US-MA', phone: '617-555-0100', at: '2026-03-09T13:00:00Z', allowed: true, edge: '2026-03-10T01:00:00Z' },
  { name: 'New York City 718 at 21:30', profile: 'US-NYC', phone: '718-555-0100', at: '2026-03-10T01:30:00Z', allowed: false, edge: '2026-03-10T12:00:00Z' },
  // China: Asia/Shanghai, UTC+8; 22:00 close
  { name: 'China 21:59', profile: 'CN-CBA-2026', phone: '13800138000', at: '2026-03-10T13:59:00Z', allowed: true, edge: '2026-03-10T14:00:00Z', zones: ['Asia/Shanghai'] },
  { name: 'China 22:00', profile: 'CN-CBA-2026', phone: '+86 138 0013 8000', at: '2026-03-10T14:00:00Z', allowed: false, edge: '2026-03-11T00:00:00Z' },
  { name: 'China shipped profile allows the Spring Festival (no verified ban)', profile: 'CN-CBA-2026', phone: '13800138000', at: '2026-02-17T03:00:00Z', allowed: true },
  { name: 'China rest-days: Spring Festival closed until 2026-02-24', profile: cnRestDays, phone: '13800138000', at: '2026-02-17T03:00:00Z', allowed: false, edge: '2026-02-24T00:00:00Z', reason: /statutory holiday/ },
  { name: 'China rest-days: Saturday 2026-02-14 is an adjusted working day (调休)', profile: cnRestDays, phone: '13800138000', at: '2026-02-14T03:00:00Z', allowed: true, edge: '2026-02-14T14:00:00Z' },
  { name: 'China rest-days: ordinary Saturday closed', profile: cnRestDays, phone: '13800138000', at: '2026-03-07T03:00:00Z', allowed: false, edge: '2026-03-09T00:00:00Z', reason: /not an official working day/ },
  { name: 'China statutory-holidays: ordinary Saturday open', profile: cnStatutory, phone: '13800138000', at: '2026-03-07T03:00:00Z', allowed: true },
  { name: 'China statutory-holidays: National Day closed', profile: cnStatutory, phone: '13800138000', at: '2026-10-02T03:00:00Z', allowed: false, edge: '2026-10-08T00:00:00Z' },
  { name: 'China: a year without holiday data blocks by default and says why', profile: cnRestDays, phone: '13800138000', at: '2027-03-10T03:00:00Z', allowed: false, reason: /no holiday\/调休 data for 2027 .*deliver the year's calendar.*so the day is closed/ },
  { name: 'China: the 2027 calendar delivered by a pack or policy opens its working days', profile: cnRestDays, phone: '13800138000', at: '2027-03-10T03:00:00Z', allowed: true, calendars: { CN: { '2027': { holidays: ['2027-01-01'], workdays: [] } } }, edge: '2027-03-10T14:00:00Z' },
  // India: Asia/Calcutta UTC+5:30; 19:00 close
  { name: 'India 18:59', profile: 'IN-RBI', phone: '+91 98765 43210', at: '2026-03-10T13:29:00Z', allowed: true, edge: '2026-03-10T13:30:00Z' },
  { name: 'India 19:00', profile: 'IN-RBI', phone: '+91 98765 43210', at: '2026-03-10T13:30:00Z', allowed: false, edge: '2026-03-11T02:30:00Z' },
  // Philippines: Asia/Manila UTC+8; 06:00 open
  { name: 'Philippines 05:59', profile: 'PH-SEC', phone: '+63 917 123 4567', at: '2026-03-09T21:59:00Z', allowed: false, edge: '2026-03-09T22:00:00Z', zones: ['Asia/Manila'] },
  { name: 'Philippines 21:59', profile: 'PH-SEC', phone: '+63 917 123 4567', at: '2026-03-10T13:59:00Z', allowed: true, edge: '2026-03-10T14:00:00Z' },
  // Indonesia: Jakarta UTC+7; Mon-Sat, no national holidays
  { name: 'Indonesia Sunday closed until Monday 08:00', profile: 'ID-OJK', phone: '+62 21 555 0100', at: '2026-03-08T03:00:00Z', allowed: false, edge: '2026-03-09T01:00:00Z', zones: ['Asia/Jakarta'], reason: /no calls on Sundays/ },
  { name: 'Indonesia Independence Day (Mon 17 Aug) closed', profile: 'ID-OJK', phone: '+62 21 555 0100', at: '2026-08-17T03:00:00Z', allowed: false, edge: '2026-08-18T01:00:00Z', reason: /public holiday/ },
  { name: 'Indonesia 19:59 on a weekday', profile: 'ID-OJK', phone: '+62 21 555 0100', at: '2026-03-10T12:59:00Z', allowed: true, edge: '2026-03-10T13:00:00Z' },
  // Ireland (GMT in March until the 29th). libphonenumber's newest map lists +353 under London's and the Crown
  // dependencies' zones, which keep Dublin's clock.
  { name: 'Ireland 08:59', profile: 'IE-CCA', phone: '01 234 5678', at: '2026-03-10T08:59:00Z', allowed: false, edge: '2026-03-10T09:00:00Z', zones: ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London'] },
  { name: "Ireland St Patrick's Day closed", profile: 'IE-CCA', phone: '+353 1 234 5678', at: '2026-03-17T12:00:00Z', allowed: false, edge: '2026-03-18T09:00:00Z', reason: /public holiday/ },
  { name: 'Ireland Sunday closed', profile: 'IE-CCA', phone: '+353 1 234 5678', at: '2026-03-15T12:00:00Z', allowed: false, edge: '2026-03-16T09:00:00Z' },
  { name: 'Ireland Saturday open', profile: 'IE-CCA', phone: '+353 1 234 5678', at: '2026-03-14T12:00:00Z', allowed: true, edge: '2026-03-14T21:00:00Z' },
  // UK: Europe/London, BST from 2026-03-29
  { name: 'UK 08:00 BST', profile: 'UK-FCA', phone: '+44 20 7946 0000', at: '2026-04-01T07:00:00Z', allowed: true, edge: '2026-04-01T20:00:00Z', zones: ['Europe/London'] },
  // Multi-zone exchange: 928-674 (Navajo Nation) spans Denver (DST) and Phoenix (no DST). July: Denver UTC-6, Phoenix UTC-7.
  { name: '928 (Navajo Nation) opens when Phoenix reaches 08:00', profile: 'US-FDCPA', phone: '+1 928 674 1234', at: '2026-07-09T14:30:00Z', allowed: false, edge: '2026-07-09T15:00:00Z', zones: ['America/Denver', 'America/Phoenix'] },
  { name: '928 (Navajo Nation) closes when Denver reaches 21:00', profile: 'US-FDCPA', phone: '+1 928 674 1234', at: '2026-07-09T20:00:00Z', allowed: true, edge: '2026-07-10T03:00:00Z' },
  // Exchange-level prefix wins over the area code: 1208201 is Denver only.
  // A split area code is read as every zone under it, whatever the exchange (numbers are ported, exchanges split).
  { name: '208 (Idaho) is Boise, Denver and Los Angeles for every exchange', profile: 'US-FDCPA', phone: '+1 208 201 0100', at: '2026-07-09T20:00:00Z', allowed: true, zones: ['America/Boise', 'America/Denver', 'America/Los_Angeles'] },
  { name: '208 closes when Boise reaches 21:00', profile: 'US-FDCPA', phone: '+1 208 299 0100', at: '2026-07-10T02:30:00Z', allowed: true, edge: '2026-07-10T03:00:00Z', zones: ['America/Boise', 'America/Denver', 'America/Los_Angeles'] },
];

describe('evaluateCallingWindow: profile table', () => {
  it.each(cases)('$name', (testCase) => {
    const result = evaluateCallingWindow({ phone: testCase.phone, at: utc(testCase.at), profile: testCase.profile, ...(testCase.calendars ? { calendars: testCase.calendars } : {}) });
    expect(result.allowed).toBe(testCase.allowed);
    if (testCase.zones) expect(result.timeZones).toEqual(testCase.zones);
    if (testCase.edge) {
      const edge = testCase.allowed ? result.closesAt : result.opensAt;
      expect(edge === undefined ? undefined : new Date(edge).toISOString()).toBe(new Date(testCase.edge).toISOString());
    }
    if (testCase.allowed) expect(result.opensAt).toBeUndefined();
    else expect(result.closesAt).toBeUndefined();
    if (testCase.reason) expect(result.reasons.join('\n')).toMatch(testCase.reason);
    expect(result.reasons.length).toBeGreaterThan(0);
  });
});

describe('evaluateCallingWindow: every source counts (Reg F comment 6(b)(1)(i)-2)', () => {
  const at = utc('2026-03-09T13:30:00Z'); // 09:30 New York, 06:30 Los Angeles

  it('an entered zone adds to the area code instead of replacing it', () => {
    const result = evaluateCallingWindow({ phone: '2125550100', at, profile: 'US-FDCPA', location: { timeZone: 'America/Los_Angeles' } });
    expect(result.timeZones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBe(utc('2026-03-09T15:00:00Z'));
    expect(result.reasons.join('\n')).toMatch(/entered zone America\/Los_Angeles/);
  });

  it('a number in New York with an entered California at 23:30 New York time is not allowed', () => {
    // The old reading let the entered state replace the number's zone: 20:30 in California looked fine.
    const result = evaluateCallingWindow({ phone: '+1 212 555 0100', at: utc('2026-03-10T03:30:00Z'), profile: 'US-FDCPA', location: { region: 'CA' } });
    expect(result.allowed).toBe(false);
    expect(result.timeZones).toEqual(['America/Los_Angeles', 'America/New_York']);
  });

  it('an invalid entered zone is reported and the other clues are used', () => {
    const result = evaluateCallingWindow({ phone: '2125550100', at, profile: 'US-FDCPA', location: { timeZone: 'Mars/Olympus', region: 'CA' } });
    expect(result.timeZones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(result.reasons.join('\n')).toMatch(/not a known IANA zone/);
  });

  it('a US state spanning two zones gives both, by code or name', () => {
    for (const region of ['FL', 'Florida']) {
      const result = evaluateCallingWindow({ phone: '2125550100', at, profile: 'US-FL', location: { region } });
      expect(result.timeZones).toEqual(['America/Chicago', 'America/New_York']);
      expect(result.zoneSource).toBe('jurisdiction');
    }
  });

  it('a Canadian province is read with country CA', () => {
    const result = evaluateCallingWindow({ phone: '2125550100', at, profile: 'US-FDCPA', location: { country: 'CA', region: 'SK' } });
    expect(result.timeZones).toEqual(['America/New_York', 'America/Regina']);
  });

  it('a country stated alone adds its zones when nothing else places the debtor there', () => {
    const result = evaluateCallingWindow({ phone: '2125550100', at, profile: 'US-FDCPA', location: { country: 'IE' } });
    expect(result.timeZones).toEqual(['America/New_York', 'Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London']);
  });
});

describe('evaluateCallingWindow: unknown zone', () => {
  const at = utc('2026-07-09T16:00:00Z'); // 12:00 New York, 06:00 Honolulu

  it('US toll-free under most-restrictive: every US state zone must be open', () => {
    const result = evaluateCallingWindow({ phone: '+1 800 555 0100', at, profile: 'US-FDCPA' });
    expect(result.zoneKnown).toBe(false);
    expect(result.timeZones).toContain('Pacific/Honolulu');
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBe(utc('2026-07-09T18:00:00Z')); // 08:00 Honolulu
    expect(result.reasons.join('\n')).toMatch(/toll-free number: it says nothing about where the debtor is/);
    expect(result.reasons.join('\n')).toMatch(/most restrictive window of US/);
  });

  it('a blocking profile blocks and says so, with no opening', () => {
    const { profile } = tightenProfile('US-FDCPA', { unknownZone: 'block' });
    const result = evaluateCallingWindow({ phone: '+1 888 555 0100', at, profile });
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBeUndefined();
    expect(result.timeZones).toEqual([]);
    expect(result.reasons.join('\n')).toMatch(/blocks calls when the debtor's zone is unknown/);
  });

  it('an unreadable number is unknown', () => {
    const result = evaluateCallingWindow({ phone: 'not a number', at, profile: 'US-FDCPA' });
    expect(result.zoneKnown).toBe(false);
    expect(result.reasons.join('\n')).toMatch(/not a recognisable phone number/);
  });

  it('an unknown profile id throws', () => {
    expect(() => evaluateCallingWindow({ phone: '2125550100', at, profile: 'XX-NOPE' })).toThrow(/unknown compliance profile/);
  });
});

describe('evaluateCallingWindow: debtor-stated inconvenient times', () => {
  it('"not before 10:00" moves the opening', () => {
    const result = evaluateCallingWindow({
      phone: '2125550100',
      at: utc('2026-03-09T13:00:00Z'), // 09:00 New York
      profile: 'US-FDCPA',
      restrictions: [notBefore('10:00')],
    });
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBe(utc('2026-03-09T14:00:00Z'));
    expect(result.reasons.join('\n')).toMatch(/debtor asked: not before 10:00/);
  });

  it('"not at work" closes weekday office hours but not Saturday', () => {
    const weekday = evaluateCallingWindow({ phone: '2125550100', at: utc('2026-03-09T14:00:00Z'), profile: 'US-FDCPA', restrictions: [notAtWork()] });
    expect(weekday.allowed).toBe(false);
    expect(weekday.opensAt).toBe(utc('2026-03-09T21:00:00Z')); // 17:00 New York
    const saturday = evaluateCallingWindow({ phone: '2125550100', at: utc('2026-03-14T14:00:00Z'), profile: 'US-FDCPA', restrictions: [notAtWork()] });
    expect(saturday.allowed).toBe(true);
  });

  it('an allowed window closes where a restriction begins', () => {
    const result = evaluateCallingWindow({ phone: '2125550100', at: utc('2026-03-09T12:30:00Z'), profile: 'US-FDCPA', restrictions: [notAtWork()] });
    expect(result.allowed).toBe(true);
    expect(result.closesAt).toBe(utc('2026-03-09T13:00:00Z')); // 09:00 New York
  });

  it('"not on Sundays" skips to Monday', () => {
    const result = evaluateCallingWindow({ phone: '2125550100', at: utc('2026-03-15T15:00:00Z'), profile: 'US-FDCPA', restrictions: [notOnDays(['sun'])] });
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBe(utc('2026-03-16T12:00:00Z'));
  });
});

describe('evaluateCallingWindow: clocks with gaps, skipped days and odd offsets', () => {
  const eightToNine = defineCustomProfile({ id: 'hours-08-21', name: '08:00-21:00', country: 'US', hours: { start: '08:00', end: '21:00' } });
  const judge = (timeZone: string, at: string, restrictions = [] as ReturnType<typeof notOnDays>[]) =>
    evaluateCallingWindow({ phone: '2125550100', at: utc(at), profile: eightToNine, zones: { timeZones: [timeZone], countries: [] }, restrictions });

  it('Apia, evening of 2011-12-29: the next opening is 08:00 on 2011-12-31, the day after', () => {
    const result = judge('Pacific/Apia', '2011-12-30T07:30:00Z'); // 21:30 Thursday, UTC-10
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBe(utc('2011-12-30T18:00:00Z')); // 08:00 Saturday 2011-12-31, UTC+14
    expect(result.reasons.join('\n')).toMatch(/local time in Pacific\/Apia: Thu 2011-12-29 21:30/);
    expect(result.reasons[0]).toMatch(/next opening at 2011-12-31 08:00 Pacific\/Apia/);
  });

  it('Apia, morning of 2011-12-29: the window closes at 21:00 that day', () => {
    const result = judge('Pacific/Apia', '2011-12-29T20:00:00Z'); // 10:00 Thursday
    expect(result.allowed).toBe(true);
    expect(result.closesAt).toBe(utc('2011-12-30T07:00:00Z'));
  });

  it('Apia: a Saturday restriction lands on 2011-12-31, which followed Thursday', () => {
    const result = judge('Pacific/Apia', '2011-12-30T07:30:00Z', [notOnDays(['sat'])]);
    expect(result.opensAt).toBe(utc('2011-12-31T18:00:00Z')); // 08:00 Sunday 2012-01-01
  });

  it('Kathmandu (+05:45) opens at 08:00 local, 02:15 UTC', () => {
    const result = judge('Asia/Kathmandu', '2026-03-09T02:14:00Z');
    expect(result.allowed).toBe(false);
    expect(result.opensAt).toBe(utc('2026-03-09T02:15:00Z'));
  });

  it('Kiritimati (+14) is a day ahead of UTC', () => {
    const result = judge('Pacific/Kiritimati', '2026-01-01T17:30:00Z'); // 07:30 on 2 January
    expect(result.opensAt).toBe(utc('2026-01-01T18:00:00Z'));
  });

  it('Lord Howe opens at 08:00 after its half-hour spring-forward the same night', () => {
    const result = judge('Australia/Lord_Howe', '2026-10-03T20:00:00Z'); // 07:00 +11:00, the change was at 02:00
    expect(result.opensAt).toBe(utc('2026-10-03T21:00:00Z'));
  });

  it('New York on the fall-back day closes at 21:00 EST, 25 hours after the day began', () => {
    const result = judge('America/New_York', '2026-11-01T13:00:00Z'); // 08:00 EST
    expect(result.allowed).toBe(true);
    expect(result.closesAt).toBe(utc('2026-11-02T02:00:00Z'));
  });

  it('Alaska numbers need every zone that appears under 907 open', () => {
    // libphonenumber lists Adak, Anchorage, Juneau and (for one exchange) Honolulu under 907.
    const early = evaluateCallingWindow({ phone: '+1 907 555 0100', at: utc('2026-03-09T17:30:00Z'), profile: 'US-FDCPA' });
    expect(early.timeZones).toEqual(['America/Adak', 'America/Anchorage', 'America/Juneau', 'Pacific/Honolulu']);
    expect(early.allowed).toBe(false); // 08:30 in Adak (UTC-9), 07:30 in Honolulu (UTC-10)
    expect(early.opensAt).toBe(utc('2026-03-09T18:00:00Z'));
    const open = evaluateCallingWindow({ phone: '+1 907 555 0100', at: utc('2026-03-09T18:30:00Z'), profile: 'US-FDCPA' });
    expect(open.closesAt).toBe(utc('2026-03-10T05:00:00Z')); // 21:00 in Anchorage and Juneau comes first
  });
});

describe('evaluateCallingWindow: the compliance review’s findings (issue 13), each failing on the old reading', () => {
  it('a split area code: +1 270 (Kentucky) at 07:30 Central is closed, though its default zone is Central', () => {
    // 07:30 CST = 08:30 EST: fine in Eastern, too early in Central, which 270's exchanges also list.
    const result = evaluateCallingWindow({ phone: '+1 270 234 5678', at: utc('2026-01-15T13:30:00Z'), profile: 'US-FDCPA' });
    expect(result.allowed).toBe(false);
    expect(result.timeZones).toEqual(['America/Chicago', 'America/New_York']);
    expect(result.opensAt).toBe(utc('2026-01-15T14:00:00Z'));
  });

  it('an unknown US zone includes Puerto Rico and the Virgin Islands: +1 800 at 20:30 New York (21:30 San Juan) is closed', () => {
    const result = evaluateCallingWindow({ phone: '+1 800 555 0100', at: utc('2026-01-15T01:30:00Z'), profile: 'US-FDCPA' });
    expect(result.allowed).toBe(false);
    expect(result.timeZones).toEqual(expect.arrayContaining(['America/Puerto_Rico', 'America/St_Thomas']));
  });

  it('an Indonesian mobile is judged in all three zones: 19:30 in Jakarta is 21:30 in Jayapura', () => {
    const result = evaluateCallingWindow({ phone: '+62 812 3456 7890', at: utc('2026-03-10T12:30:00Z'), profile: 'ID-OJK' });
    expect(result.allowed).toBe(false);
    expect(result.timeZones).toEqual(['Asia/Jakarta', 'Asia/Jayapura', 'Asia/Makassar']);
  });

  it('a new area code (945, Dallas, opened 2021) is located, not unknown', () => {
    const result = evaluateCallingWindow({ phone: '+1 945 555 0100', at: utc('2026-03-10T15:00:00Z'), profile: 'US-FDCPA' });
    expect(result.zoneKnown).toBe(true);
    expect(result.timeZones).toEqual(['America/Chicago']);
  });
});
