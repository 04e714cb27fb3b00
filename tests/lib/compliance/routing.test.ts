import { describe, expect, it } from 'vitest';
import { resolveJurisdiction } from '../../../lib/compliance/jurisdiction';
import { PROFILES } from '../../../lib/compliance/profiles';
import { combineProfiles, packTighteningOverrides, resolveEffectiveRules } from '../../../lib/compliance/routing';

const rulesFor = (phone: string, layers = {}, extra: Parameters<typeof resolveJurisdiction>[0] = { phone }) =>
  resolveEffectiveRules(resolveJurisdiction({ ...extra, phone }), layers);

describe('resolveEffectiveRules: the debtor’s jurisdiction, then layers that only tighten', () => {
  it('routes by the debtor, never by the agent’s UI language', () => {
    expect(rulesFor('+1 212 736 5000').profiles.map((p) => p.profileId)).toEqual(['US-FDCPA', 'US-NYC']);
    expect(rulesFor('+86 138 0013 8000').profile.id).toBe('CN-CBA-2026');
    expect(rulesFor('+44 20 7946 0018').profile.onViolation).toBe('warn');
    expect(rulesFor('+91 98765 43210').profile.id).toBe('IN-RBI');
  });

  it('blocks when the team pack is withheld, whatever else applies, and says why first', () => {
    const withheld = rulesFor('+86 138 0013 8000', { packWithheld: 'the stored active team pack no longer verifies (signature)' });
    expect(withheld.blockedReason).toEqual({ key: 'reason.rules.packWithheld', params: { problem: 'the stored active team pack no longer verifies (signature)' } });
    expect(withheld.blocked).toMatch(/^the team's script pack in this browser cannot be trusted \(the stored active team pack no longer verifies \(signature\)\)/);
    // The debtor's own rules still apply under the block (what the panel shows of them stays true).
    expect(withheld.profile.id).toBe('CN-CBA-2026');
    expect(rulesFor('+86 138 0013 8000').blocked).toBeUndefined();
  });

  it('adds a state’s profile to the federal rules: Washington’s 07:30 cannot undercut Reg F’s 08:00', () => {
    const washington = rulesFor('+1 509 555 0100');
    expect(washington.profiles.map((p) => p.profileId)).toEqual(['US-FDCPA', 'US-WA']);
    expect(washington.profile.hours).toEqual({ startMinute: 480, endMinute: 1260 });
    expect(washington.profile.caps.map((cap) => cap.id)).toEqual(['reg-f-7-in-7', 'reg-f-post-conversation', 'wa-3-per-week', 'wa-1-per-week-at-work']);
    expect(washington.profile.onViolation).toBe('block');
  });

  it('applies every candidate state: a Texas number with a Massachusetts address gets Massachusetts’ cap', () => {
    const both = rulesFor('+1 512 555 0100', {}, { phone: '+1 512 555 0100', crm: { region: 'MA' } });
    expect(both.profiles.map((p) => p.profileId)).toEqual(['US-FDCPA', 'US-MA']);
  });

  it('blocks a country with no rules unless the policy names a fallback', () => {
    const japan = rulesFor('+81 3 1234 5678');
    expect(japan.blocked).toMatch(/no compliance rules are set for JP/);
    const withFallback = rulesFor('+81 3 1234 5678', { policy: { fallbackProfile: 'UK-FCA' } });
    expect(withFallback.blocked).toBeUndefined();
    expect(withFallback.profile.id).toBe('UK-FCA');
  });

  it('lets the policy, the pack and the agent tighten, and never loosen', () => {
    const rules = rulesFor('+44 20 7946 0018', {
      policy: { profileId: 'IE-CCA', overrides: { hours: { endMinute: 20 * 60 } } },
      pack: { packId: 'team', overrides: { hours: { startMinute: 9 * 60 + 30 } } },
      agent: { hours: { startMinute: 7 * 60 }, onViolation: 'warn' },
    });
    // UK-FCA warns, IE-CCA blocks: the combination blocks; 09:00 from Ireland, 09:30 from the pack, 20:00 from the policy.
    expect(rules.profile.onViolation).toBe('block');
    expect(rules.profile.hours).toEqual({ startMinute: 570, endMinute: 1200 });
    expect(rules.profile.days).not.toContain('sun');
    expect(rules.tightening.find((layer) => layer.source === 'agent')?.ignored).toEqual([
      expect.stringMatching(/start 07:00 is earlier/),
      expect.stringMatching(/"warn" would let calls through/),
    ]);
  });

  it('maps jurisdictions as the policy says, with the lead’s own profiles', () => {
    const rules = rulesFor('+81 3 1234 5678', {
      policy: {
        jurisdictionProfiles: { JP: ['JP-AGENCY'] },
        customProfiles: [{ id: 'JP-AGENCY', name: 'Japan (agency policy)', country: 'JP', hours: { start: '09:00', end: '20:00' } }],
      },
    });
    expect(rules.profile).toMatchObject({ id: 'JP-AGENCY', hours: { startMinute: 540, endMinute: 1200 }, onViolation: 'block' });
  });

  it('combines profiles by the strictest of each rule', () => {
    const combined = combineProfiles([PROFILES['UK-FCA'], PROFILES['ID-OJK']]);
    expect(combined).toMatchObject({ hours: { startMinute: 480, endMinute: 1200 }, onViolation: 'block' });
    expect(combined.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
  });

  it('turns a pack’s tightening into overrides in the debtor’s countries', () => {
    expect(packTighteningOverrides({ earliestLocalTime: '09:00', maxAttemptsPerDay: 2, avoidRestDays: true }, ['CN'])).toMatchObject({
      hours: { startMinute: 540 },
      caps: [{ id: 'pack-attempts-per-day', limit: 2, days: 1 }],
      holidays: [{ source: 'chinese-days', block: 'rest-days' }],
    });
  });
});
