import { describe, expect, it } from 'vitest';
import { PROFILES, defineCustomProfile, getProfile, parseClockTime, tightenProfile } from '../../../lib/compliance/index';

describe('shipped profiles', () => {
  const expected: Record<string, { start: number; end: number; days: number; country: string }> = {
    'US-FDCPA': { start: 480, end: 1260, days: 7, country: 'US' },
    'US-FL': { start: 480, end: 1260, days: 7, country: 'US' },
    'US-WA': { start: 450, end: 1260, days: 7, country: 'US' },
    'US-MA': { start: 480, end: 1260, days: 7, country: 'US' },
    'US-NYC': { start: 480, end: 1260, days: 7, country: 'US' },
    'CN-CBA-2026': { start: 480, end: 1320, days: 7, country: 'CN' },
    'IN-RBI': { start: 480, end: 1140, days: 7, country: 'IN' },
    'PH-SEC': { start: 360, end: 1320, days: 7, country: 'PH' },
    'ID-OJK': { start: 480, end: 1200, days: 6, country: 'ID' },
    'IE-CCA': { start: 540, end: 1260, days: 6, country: 'IE' },
    'UK-FCA': { start: 480, end: 1260, days: 7, country: 'GB' },
  };

  it.each(Object.entries(expected))('%s has its hours, days, country and a cited source', (id, facts) => {
    const profile = getProfile(id);
    expect(profile?.id).toBe(id);
    expect(profile?.hours).toEqual({ startMinute: facts.start, endMinute: facts.end });
    expect(profile?.days).toHaveLength(facts.days);
    expect(profile?.country).toBe(facts.country);
    expect(profile?.source.citation.length).toBeGreaterThan(3);
    expect(['V', 'S', 'R', 'X']).toContain(profile?.source.marker);
  });

  it('ships exactly these profiles', () => {
    expect(Object.keys(PROFILES).sort()).toEqual(Object.keys(expected).sort());
  });

  it('carries the caps from the facts', () => {
    const limits = (id: string): Array<[string, number]> =>
      (getProfile(id)?.caps ?? []).flatMap((cap) => (cap.kind !== 'cooldown-after-conversation' ? [[cap.id, cap.limit] as [string, number]] : []));
    expect(limits('US-FDCPA')).toEqual([['reg-f-7-in-7', 7]]);
    expect(limits('US-MA')).toContainEqual(['ma-2-per-7-days', 2]);
    expect(limits('US-MA')).toContainEqual(['ma-2-per-30-days-work', 2]);
    expect(limits('US-NYC')).toContainEqual(['nyc-3-per-7-days', 3]);
    expect(limits('US-WA')).toContainEqual(['wa-3-per-week', 3]);
    expect(limits('US-WA')).toContainEqual(['wa-1-per-week-at-work', 1]);
    expect(limits('IE-CCA')).toEqual([['ie-3-contacts-per-month', 3], ['ie-no-calls-at-work', 0]]);
    expect(limits('CN-CBA-2026')).toEqual([['cn-6-unanswered-per-day', 6], ['cn-gbt-45251-3-connected-per-day', 3]]);
    // Every cap names its source and how sure we are of it.
    for (const profile of Object.values(PROFILES)) {
      for (const cap of profile.caps) expect(['V', 'S', 'R', 'X'], cap.id).toContain(cap.source.marker);
    }
    expect(getProfile('US-FDCPA')?.caps.some((cap) => cap.kind === 'cooldown-after-conversation' && cap.days === 7)).toBe(true);
  });
});

describe('tightenProfile', () => {
  it('applies a later start, earlier end, fewer days, stricter caps and policies', () => {
    const { profile, applied, ignored } = tightenProfile('US-FDCPA', {
      hours: { startMinute: 540, endMinute: 1200 },
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      caps: [{ ...getProfile('US-FDCPA')!.caps[0]!, kind: 'rolling-attempts', limit: 5 } as never],
      unknownZone: 'block',
      holidays: [{ source: 'date-holidays', country: 'US' }],
    });
    expect(ignored).toEqual([]);
    expect(applied.length).toBeGreaterThanOrEqual(5);
    expect(profile.hours).toEqual({ startMinute: 540, endMinute: 1200 });
    expect(profile.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(profile.caps.find((cap) => cap.id === 'reg-f-7-in-7')).toMatchObject({ limit: 5 });
    expect(profile.unknownZone).toBe('block');
    expect(profile.holidays).toHaveLength(1);
    expect(profile.derivedFrom).toBe('US-FDCPA');
  });

  it('ignores and reports every loosening attempt', () => {
    const base = getProfile('IE-CCA')!;
    const { profile, ignored } = tightenProfile(base, {
      hours: { startMinute: 420, endMinute: 1380 },
      days: ['sun', 'mon'],
      unknownZone: 'most-restrictive',
      onViolation: 'warn',
    });
    expect(profile.hours).toEqual(base.hours);
    expect(profile.days).toEqual(['mon']);
    expect(profile.onViolation).toBe('block');
    expect(ignored.join('\n')).toMatch(/start 07:00 is earlier/);
    expect(ignored.join('\n')).toMatch(/end 23:00 is later/);
    expect(ignored.join('\n')).toMatch(/days sun are not allowed/);
    expect(ignored.join('\n')).toMatch(/"warn" would let calls through/);
  });

  it('refuses a higher cap limit or a shorter cap period', () => {
    const cap = getProfile('US-MA')!.caps.find((c) => c.id === 'ma-2-per-7-days')!;
    const { profile, ignored } = tightenProfile('US-MA', { caps: [{ ...cap, limit: 5, days: 3 } as typeof cap] });
    expect(profile.caps.find((c) => c.id === 'ma-2-per-7-days')).toEqual(cap);
    expect(ignored).toHaveLength(2);
  });

  it('an unblocking unknown-zone policy cannot be re-loosened', () => {
    const strict = tightenProfile('US-FDCPA', { unknownZone: 'block' }).profile;
    const again = tightenProfile(strict, { unknownZone: 'most-restrictive' });
    expect(again.profile.unknownZone).toBe('block');
    expect(again.ignored).toHaveLength(1);
  });
});

describe('defineCustomProfile', () => {
  it('builds a strict-by-default profile from HH:MM hours', () => {
    const profile = defineCustomProfile({ id: 'BE-custom', name: 'Belgium', country: 'be', hours: { start: '08:00', end: '22:00' } });
    expect(profile).toMatchObject({ country: 'BE', hours: { startMinute: 480, endMinute: 1320 }, unknownZone: 'block', onViolation: 'block' });
    expect(profile.days).toHaveLength(7);
  });

  it('rejects bad hours', () => {
    expect(() => defineCustomProfile({ id: 'x', name: 'x', country: 'US', hours: { start: '21:00', end: '08:00' } })).toThrow(/must be after/);
    expect(() => parseClockTime('25:00')).toThrow();
    expect(() => parseClockTime('8am')).toThrow();
    expect(parseClockTime('24:00')).toBe(1440);
  });
});
