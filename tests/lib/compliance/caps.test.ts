import { describe, expect, it } from 'vitest';
import { LOCAL_LOG_NOTICE, evaluateContactCaps, parseAttemptsCsv } from '../../../lib/compliance/index';
import type { ContactAttempt } from '../../../lib/compliance/index';

const utc = (iso: string): number => Date.parse(iso);
const NY = 'America/New_York';
const DEBTOR = 'ACC-1';
const HOME = '+12125550100';
const WORK = '+12125550199';

/** An attempt at local noon New York (16:00Z in summer) on a July 2026 day. */
function attempt(day: number, outcome: ContactAttempt['outcome'], phoneE164 = HOME, debtorRef: string | undefined = DEBTOR): ContactAttempt {
  const entry: ContactAttempt = { at: utc(`2026-07-${String(day).padStart(2, '0')}T16:00:00Z`), phoneE164, outcome };
  if (debtorRef !== undefined) entry.debtorRef = debtorRef;
  return entry;
}

const atJuly = (day: number, hourUtc = 17): number => utc(`2026-07-${String(day).padStart(2, '0')}T${String(hourUtc).padStart(2, '0')}:00:00Z`);

describe('Reg F 7-in-7 (US-FDCPA)', () => {
  it('allows the 7th attempt and blocks the 8th within 7 consecutive days', () => {
    const six = [1, 2, 3, 4, 5, 6].map((day) => attempt(day, 'unanswered'));
    expect(evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(7), debtorRef: DEBTOR, phone: HOME, log: six }).allowed).toBe(true);
    const seven = [...six, attempt(7, 'voicemail')];
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(7), debtorRef: DEBTOR, phone: HOME, log: seven });
    expect(result.allowed).toBe(false);
    expect(result.counts.attempts).toBe(7);
    expect(result.limit).toBe(7);
    // July 1 leaves the 7-day period when July 8 begins (local midnight, EDT).
    expect(result.nextAllowedAt).toBe(utc('2026-07-08T04:00:00Z'));
    expect(result.reasons.join('\n')).toMatch(/cap reached: Reg F: at most 7/);
  });

  it('counts across all of the debtor\'s numbers', () => {
    const log = [1, 2, 3, 4].map((day) => attempt(day, 'unanswered', HOME)).concat([5, 6, 7].map((day) => attempt(day, 'unanswered', WORK)));
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(7), debtorRef: DEBTOR, phone: HOME, log });
    expect(result.allowed).toBe(false);
    expect(result.counts.attempts).toBe(7);
  });

  it('does not count calls that did not connect, nor other debtors', () => {
    const log = [
      ...[1, 2, 3, 4, 5, 6, 7].map((day) => attempt(day, 'no-connect')),
      ...[1, 2, 3].map((day) => attempt(day, 'unanswered', '+13125550100', 'ACC-2')),
    ];
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(7), debtorRef: DEBTOR, phone: HOME, log });
    expect(result.allowed).toBe(true);
    expect(result.counts.attempts).toBe(0);
  });

  it('attempts older than 7 days drop out', () => {
    const log = [1, 2, 3, 4, 5, 6, 7].map((day) => attempt(day, 'unanswered'));
    expect(evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(8), debtorRef: DEBTOR, phone: HOME, log }).allowed).toBe(true);
  });

  it('a conversation pauses calls for 7 days, its day counted as day 1', () => {
    const log = [attempt(10, 'conversation')];
    for (const day of [10, 13, 16]) {
      const result = evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(day), debtorRef: DEBTOR, phone: WORK, log });
      expect(result.allowed).toBe(false);
      expect(result.nextAllowedAt).toBe(utc('2026-07-17T04:00:00Z'));
      expect(result.counts.conversations).toBe(1);
    }
    expect(evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(17), debtorRef: DEBTOR, phone: WORK, log }).allowed).toBe(true);
  });

  it('attempts and conversations are separate counters', () => {
    const log = [attempt(1, 'unanswered'), attempt(2, 'voicemail'), attempt(3, 'conversation')];
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(4), debtorRef: DEBTOR, phone: HOME, log });
    expect(result.counts).toEqual({ attempts: 3, conversations: 1, unansweredToNumberToday: 0 });
  });

  it('future log entries are ignored and the browser-only notice is always present', () => {
    const log = [1, 2, 3, 4, 5, 6, 7, 8].map((day) => attempt(day + 10, 'unanswered'));
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(9), debtorRef: DEBTOR, phone: HOME, log });
    expect(result.allowed).toBe(true);
    expect(result.reasons).toContain(LOCAL_LOG_NOTICE);
    expect(result.timeZone).toBe(NY);
  });

  it('without a debtor reference, counts by number and says so', () => {
    const log = [1, 2, 3, 4, 5, 6, 7].map((day) => attempt(day, 'unanswered', HOME, undefined));
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at: atJuly(7), phone: '(212) 555-0100', log });
    expect(result.allowed).toBe(false);
    expect(result.reasons.join('\n')).toMatch(/no debtor reference/);
  });
});

describe('days in zones whose calendar skipped a date or ran back', () => {
  it('a pause ending on Apia’s skipped 2011-12-30 ends when 2011-12-31 begins, after the call, not before it', () => {
    // Conversation at 12:00 on Friday 2011-12-23 (UTC-10): the pause covers 23 to 29 December, local dates.
    const log: ContactAttempt[] = [{ at: utc('2011-12-23T22:00:00Z'), phoneE164: HOME, debtorRef: DEBTOR, outcome: 'conversation' }];
    const at = utc('2011-12-29T22:00:00Z'); // 12:00 Thursday 2011-12-29 in Apia
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at, debtorRef: DEBTOR, phone: HOME, log, timeZone: 'Pacific/Apia' });
    expect(result.allowed).toBe(false);
    expect(result.nextAllowedAt).toBe(utc('2011-12-30T10:00:00Z')); // 00:00 Saturday 2011-12-31, UTC+14
    expect(result.nextAllowedAt).toBeGreaterThan(at);
    expect(result.reasons.join('\n')).toMatch(/next call allowed 2011-12-31 00:00 Pacific\/Apia/);
  });

  it('a pause ending on Kiritimati’s skipped 1994-12-31 ends when 1995 begins there', () => {
    const log: ContactAttempt[] = [{ at: utc('1994-12-24T22:00:00Z'), phoneE164: HOME, debtorRef: DEBTOR, outcome: 'conversation' }];
    const at = utc('1994-12-30T22:00:00Z'); // 12:00 Friday 1994-12-30, UTC-10
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at, debtorRef: DEBTOR, phone: HOME, log, timeZone: 'Pacific/Kiritimati' });
    expect(result.nextAllowedAt).toBe(utc('1994-12-31T10:00:00Z')); // 00:00 1995-01-01, UTC+14
  });

  it('a pause does not end while the clock dips back into its last day (St John’s fell back from 00:01 to 23:01)', () => {
    const log: ContactAttempt[] = [{ at: utc('1990-10-21T14:30:00Z'), phoneE164: HOME, debtorRef: DEBTOR, outcome: 'conversation' }];
    const at = utc('1990-10-27T14:30:00Z'); // 12:00 NDT, the pause's 7th day
    const result = evaluateContactCaps({ profile: 'US-FDCPA', at, debtorRef: DEBTOR, phone: HOME, log, timeZone: 'America/St_Johns' });
    // 00:00 NDT (02:30Z) reads the 28th for one minute, then 23:01 NST on the 27th again until 00:00 NST.
    expect(result.nextAllowedAt).toBe(utc('1990-10-28T03:30:00Z'));
  });
});

describe('state caps', () => {
  it('Massachusetts: 2 per 7 days', () => {
    const log = [attempt(1, 'unanswered'), attempt(3, 'voicemail')];
    const result = evaluateContactCaps({ profile: 'US-MA', at: atJuly(5), debtorRef: DEBTOR, phone: '617-555-0100', log, timeZone: NY });
    expect(result.allowed).toBe(false);
    expect(result.limit).toBe(2);
    expect(result.nextAllowedAt).toBe(utc('2026-07-08T04:00:00Z'));
    expect(evaluateContactCaps({ profile: 'US-MA', at: atJuly(5), debtorRef: DEBTOR, phone: HOME, log: log.slice(0, 1) }).allowed).toBe(true);
  });

  it('New York City: 3 per 7 days', () => {
    const log = [attempt(1, 'unanswered'), attempt(2, 'unanswered'), attempt(3, 'unanswered')];
    const result = evaluateContactCaps({ profile: 'US-NYC', at: atJuly(4), debtorRef: DEBTOR, phone: HOME, log });
    expect(result.allowed).toBe(false);
    expect(result.limit).toBe(3);
    expect(result.nextAllowedAt).toBe(utc('2026-07-08T04:00:00Z'));
  });

  it('Washington: 3 per week', () => {
    const log = [attempt(2, 'unanswered'), attempt(4, 'unanswered')];
    expect(evaluateContactCaps({ profile: 'US-WA', at: atJuly(6), debtorRef: DEBTOR, phone: '206-555-0100', log }).allowed).toBe(true);
    const full = [...log, attempt(6, 'conversation')];
    const result = evaluateContactCaps({ profile: 'US-WA', at: atJuly(6, 20), debtorRef: DEBTOR, phone: '206-555-0100', log: full });
    expect(result.allowed).toBe(false);
    expect(result.caps.find((cap) => cap.capId === 'wa-3-per-week')?.allowed).toBe(false);
  });
});

describe('China: 6 unanswered dials a day per number', () => {
  const NUMBER = '+8613800138000';
  const dial = (hourUtc: number, outcome: ContactAttempt['outcome'], phoneE164 = NUMBER): ContactAttempt => ({
    at: utc(`2026-03-10T${String(hourUtc).padStart(2, '0')}:00:00Z`),
    phoneE164,
    outcome,
    debtorRef: DEBTOR,
  });

  it('blocks the 7th unanswered dial of the local day and reopens at Shanghai midnight', () => {
    const log = [1, 2, 3, 4, 5, 6].map((hour) => dial(hour, hour % 2 ? 'unanswered' : 'no-connect'));
    const result = evaluateContactCaps({ profile: 'CN-CBA-2026', at: utc('2026-03-10T08:00:00Z'), debtorRef: DEBTOR, phone: '13800138000', log });
    expect(result.allowed).toBe(false);
    expect(result.counts.unansweredToNumberToday).toBe(6);
    expect(result.nextAllowedAt).toBe(utc('2026-03-10T16:00:00Z'));
  });

  it('counts per number, not per debtor; answered calls do not count', () => {
    const log = [
      ...[1, 2, 3].map((hour) => dial(hour, 'unanswered')),
      ...[4, 5, 6].map((hour) => dial(hour, 'unanswered', '+8613900139000')),
      dial(7, 'conversation'),
    ];
    const result = evaluateContactCaps({ profile: 'CN-CBA-2026', at: utc('2026-03-10T08:00:00Z'), debtorRef: DEBTOR, phone: NUMBER, log });
    expect(result.allowed).toBe(true);
    expect(result.counts.unansweredToNumberToday).toBe(3);
  });

  it('profiles without caps allow and say so', () => {
    const result = evaluateContactCaps({ profile: 'IN-RBI', at: utc('2026-03-10T08:00:00Z'), phone: '+91 98765 43210', log: [] });
    expect(result.allowed).toBe(true);
    expect(result.reasons.join('\n')).toMatch(/no frequency caps/);
  });
});

describe('parseAttemptsCsv', () => {
  it('imports good rows with numbers normalised', () => {
    const csv = '\uFEFFat,debtor_ref,number,outcome\r\n2026-07-01T14:00:00Z,ACC-1,(212) 555-0100,unanswered\r\n2026-07-02T10:00:00-04:00,,+1 212 555 0199,Conversation\r\n';
    const result = parseAttemptsCsv(csv, { defaultCountry: 'US' });
    expect(result.errors).toEqual([]);
    expect(result.attempts).toEqual([
      { at: utc('2026-07-01T14:00:00Z'), debtorRef: 'ACC-1', phoneE164: HOME, outcome: 'unanswered' },
      { at: utc('2026-07-02T14:00:00Z'), phoneE164: WORK, outcome: 'conversation' },
    ]);
  });

  it('accepts any column order and quoted fields', () => {
    const result = parseAttemptsCsv('outcome,number,at,debtor_ref\nvoicemail,+12125550100,2026-07-01T14:00Z,"ACC, ""1"""\n');
    expect(result.errors).toEqual([]);
    expect(result.attempts[0]?.debtorRef).toBe('ACC, "1"');
  });

  it('reports each bad line with its number and keeps the good ones', () => {
    const csv = [
      'at,debtor_ref,number,outcome',
      '2026-07-01 14:00,ACC-1,+12125550100,unanswered',
      '2026-07-01T14:00:00Z,ACC-1,hello,unanswered',
      '2026-07-01T14:00:00Z,ACC-1,+12125550100,hung-up',
      '2026-07-01T14:00:00Z,ACC-1,+12125550100',
      '',
      '2026-07-01T14:00:00Z,"ACC-1,+12125550100,unanswered',
      '2026-07-01T15:00:00Z,ACC-1,+12125550100,no-connect',
    ].join('\n');
    const result = parseAttemptsCsv(csv);
    expect(result.attempts).toHaveLength(1);
    expect(result.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 7]);
    expect(result.errors[0]?.message).toMatch(/no UTC offset/);
    expect(result.errors[1]?.message).toMatch(/not a phone number/);
    expect(result.errors[2]?.message).toMatch(/"outcome" must be one of/);
    expect(result.errors[3]?.message).toMatch(/expected 4 fields, found 3/);
    expect(result.errors[4]?.message).toMatch(/unclosed double quote/);
  });

  it('rejects a missing header column and an empty file', () => {
    expect(parseAttemptsCsv('at,number,outcome\n2026-07-01T14:00:00Z,+12125550100,unanswered').errors[0]?.message).toMatch(/missing debtor_ref/);
    expect(parseAttemptsCsv('  \n').errors[0]?.message).toMatch(/empty/);
  });
});

describe('caps for work numbers (numberKind)', () => {
  const MA = (day: number) => atJuly(day);
  const work = (day: number, outcome: ContactAttempt['outcome'] = 'unanswered'): ContactAttempt => ({ ...attempt(day, outcome, WORK), numberKind: 'work' });
  const ma = (at: number, log: ContactAttempt[], numberKind?: 'work' | 'personal', phone = WORK) =>
    evaluateContactCaps({ profile: 'US-MA', at, debtorRef: DEBTOR, phone, log, timeZone: NY, ...(numberKind ? { numberKind } : {}) });

  it('Massachusetts: 2 calls per 30 days to a work number, day 30 still inside, day 31 clear', () => {
    const log = [work(1), work(2, 'voicemail')];
    const blocked = ma(MA(30), log, 'work');
    expect(blocked.allowed).toBe(false);
    const cap = blocked.caps.find((verdict) => verdict.capId === 'ma-2-per-30-days-work');
    expect(cap).toMatchObject({ allowed: false, count: 2, limit: 2 });
    // July 1 leaves the 30-day period when July 31 begins; July 2 when August 1 begins: one call left by then.
    expect(blocked.nextAllowedAt).toBe(utc('2026-07-31T04:00:00Z'));
    expect(ma(MA(31), log, 'work').allowed).toBe(true);
    expect(ma(MA(3), [work(1)], 'work').allowed).toBe(true);
  });

  it('Massachusetts counts work and personal numbers separately, and an unmarked number is personal', () => {
    const log = [work(1), work(2)];
    // Calls to the work number do not use up the personal budget (2 per 7 days) ...
    const personal = ma(MA(3), log, undefined, HOME);
    expect(personal.allowed).toBe(true);
    expect(personal.numberKind).toBe('personal');
    expect(personal.caps.map((cap) => cap.capId)).not.toContain('ma-2-per-30-days-work');
    expect(personal.reasons.join('\n')).toMatch(/not marked as a work number/);
    // ... and personal calls do not use up the work budget.
    const homeCalls = [attempt(1, 'unanswered'), attempt(2, 'unanswered')];
    expect(ma(MA(9), homeCalls, 'work').allowed).toBe(true);
    expect(ma(MA(3), homeCalls, 'personal').allowed).toBe(false);
  });

  it('Washington: 1 call a week at work; the 3-a-week cap counts every number', () => {
    const wa = (at: number, log: ContactAttempt[], numberKind?: 'work') =>
      evaluateContactCaps({ profile: 'US-WA', at, debtorRef: DEBTOR, phone: WORK, log, timeZone: 'America/Los_Angeles', ...(numberKind ? { numberKind } : {}) });
    const log = [work(1)];
    const atWork = wa(atJuly(7, 20), log, 'work');
    expect(atWork.caps.find((cap) => cap.capId === 'wa-1-per-week-at-work')).toMatchObject({ allowed: false, count: 1, limit: 1 });
    expect(atWork.nextAllowedAt).toBe(utc('2026-07-08T07:00:00Z'));
    expect(wa(atJuly(8, 20), log, 'work').allowed).toBe(true);
    // Dialling the home number: the work cap does not apply, the work call still counts towards 3 a week.
    const home = wa(atJuly(3, 20), [...log, attempt(2, 'unanswered'), attempt(3, 'unanswered')]);
    expect(home.caps.find((cap) => cap.capId === 'wa-3-per-week')).toMatchObject({ allowed: false, count: 3 });
    expect(home.caps.map((cap) => cap.capId)).not.toContain('wa-1-per-week-at-work');
  });

  it('Ireland: no call to a work number at all (s.46), and no time at which it clears', () => {
    const result = evaluateContactCaps({ profile: 'IE-CCA', at: utc('2026-07-07T11:00:00Z'), debtorRef: DEBTOR, phone: '+353 1 555 0100', numberKind: 'work', log: [] });
    expect(result.allowed).toBe(false);
    expect(result.nextAllowedAt).toBeUndefined();
    expect(result.reasons.join('\n')).toMatch(/cap reached: Ireland: no calls at the place of employment without consent: no calls to a work number/);
    expect(evaluateContactCaps({ profile: 'IE-CCA', at: utc('2026-07-07T11:00:00Z'), debtorRef: DEBTOR, phone: '+353 1 555 0100', log: [] }).allowed).toBe(true);
  });
});

describe('New York City counts failed attempts too', () => {
  it('3 dials that never connected fill the 3-per-7-days cap', () => {
    const log = [attempt(1, 'no-connect'), attempt(2, 'no-connect'), attempt(3, 'no-connect')];
    const result = evaluateContactCaps({ profile: 'US-NYC', at: atJuly(4), debtorRef: DEBTOR, phone: HOME, log });
    expect(result.caps.find((cap) => cap.capId === 'nyc-3-per-7-days')).toMatchObject({ allowed: false, count: 3 });
    // Reg F still does not count them.
    expect(result.caps.find((cap) => cap.capId === 'reg-f-7-in-7')).toMatchObject({ allowed: true, count: 0 });
    expect(result.nextAllowedAt).toBe(utc('2026-07-08T04:00:00Z'));
  });
});

describe('Ireland: 3 successful unsolicited contacts per calendar month', () => {
  const DUBLIN_PHONE = '+353 1 555 0100';
  const E164 = '+35315550100';
  const at = (iso: string): number => utc(iso);
  const contact = (iso: string, outcome: ContactAttempt['outcome'], direction?: 'inbound'): ContactAttempt => ({
    at: at(iso),
    phoneE164: E164,
    outcome,
    debtorRef: DEBTOR,
    ...(direction ? { direction } : {}),
  });
  const ie = (when: string, log: ContactAttempt[]) => evaluateContactCaps({ profile: 'IE-CCA', at: at(when), debtorRef: DEBTOR, phone: DUBLIN_PHONE, log });
  const monthCap = (result: ReturnType<typeof ie>) => result.caps.find((cap) => cap.capId === 'ie-3-contacts-per-month');

  it('counts conversations and voicemails of this calendar month in Dublin, not unanswered calls nor inbound ones', () => {
    const log = [
      contact('2026-06-30T20:00:00Z', 'conversation'), // 21:00 Dublin, 30 June: last month
      contact('2026-07-02T10:00:00Z', 'conversation'),
      contact('2026-07-03T10:00:00Z', 'unanswered'),
      contact('2026-07-06T10:00:00Z', 'voicemail'),
      contact('2026-07-08T10:00:00Z', 'conversation', 'inbound'),
      contact('2026-07-09T10:00:00Z', 'no-connect'),
    ];
    expect(monthCap(ie('2026-07-20T10:00:00Z', log))).toMatchObject({ allowed: true, count: 2, limit: 3 });
    const full = [...log, contact('2026-07-20T10:00:00Z', 'conversation')];
    const result = ie('2026-07-31T22:59:00Z', full); // 23:59 Dublin on the last day of July
    expect(monthCap(result)).toMatchObject({ allowed: false, count: 3 });
    // The month's count leaves when August begins in Dublin (UTC+1 in summer).
    expect(monthCap(result)?.nextAllowedAt).toBe(utc('2026-07-31T23:00:00Z'));
    expect(monthCap(ie('2026-07-31T23:00:00Z', full))).toMatchObject({ allowed: true, count: 0 });
  });

  it('December rolls over to January of the next year', () => {
    const log = ['2026-12-01', '2026-12-02', '2026-12-03'].map((day) => contact(`${day}T11:00:00Z`, 'conversation'));
    expect(monthCap(ie('2026-12-31T12:00:00Z', log))?.nextAllowedAt).toBe(utc('2027-01-01T00:00:00Z'));
  });
});

describe('China: GB/T 45251-2025, at most 3 connected calls a day per debtor', () => {
  const shanghai = (hour: number, minute = 0): number => utc(`2026-03-10T${String(hour - 8).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const call = (hour: number, outcome: ContactAttempt['outcome'], phoneE164 = '+8613800138000'): ContactAttempt => ({ at: shanghai(hour), phoneE164, outcome, debtorRef: DEBTOR });
  const cn = (at: number, log: ContactAttempt[], debtorRef: string | undefined = DEBTOR) =>
    evaluateContactCaps({ profile: 'CN-CBA-2026', at, phone: '13800138000', log, ...(debtorRef ? { debtorRef } : {}) });
  const gbt = (result: ReturnType<typeof cn>) => result.caps.find((cap) => cap.capId === 'cn-gbt-45251-3-connected-per-day');

  it('allows the 3rd connected call of the day and blocks the 4th, across the debtor’s numbers', () => {
    const two = [call(9, 'conversation'), call(10, 'voicemail', '+8613900139000')];
    expect(gbt(cn(shanghai(11), two))).toMatchObject({ allowed: true, count: 2, limit: 3 });
    const three = [...two, call(11, 'conversation', '+8613700137000')];
    const result = cn(shanghai(12), three);
    expect(gbt(result)).toMatchObject({ allowed: false, count: 3 });
    expect(result.allowed).toBe(false);
    // Shanghai midnight, 16:00Z.
    expect(result.nextAllowedAt).toBe(utc('2026-03-10T16:00:00Z'));
    expect(result.reasons.join('\n')).toMatch(/GB\/T 45251-2025.*; S\]/);
    expect(gbt(cn(utc('2026-03-10T16:00:00Z'), three))).toMatchObject({ allowed: true, count: 0 });
  });

  it('unanswered and failed dials, and calls the debtor made, do not count', () => {
    const log = [call(8, 'unanswered'), call(9, 'no-connect'), call(10, 'conversation'), call(11, 'conversation'), { ...call(12, 'conversation'), direction: 'inbound' as const }];
    expect(gbt(cn(shanghai(13), log))).toMatchObject({ allowed: true, count: 2 });
  });
});
