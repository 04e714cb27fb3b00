import { describe, expect, it } from 'vitest';
import { defaultProfileId, resolveActiveProfile } from '../../../lib/compliance/active-profile';
import { assessNumber, callsToAttempts, outcomeOfCall, type LoggedCall } from '../../../lib/compliance/assessment';
import { PROFILES } from '../../../lib/compliance/profiles';

const call = (extra: Partial<LoggedCall> = {}): LoggedCall => ({
  direction: 'outbound',
  phase: 'ended',
  remoteNumber: '13800138000',
  startedAt: 1_000,
  ...extra,
});

describe('call log as caps attempts', () => {
  it('reads the outcome from the disposition first, then from the signaling', () => {
    expect(outcomeOfCall(call({ connectedAt: 2_000 }))).toBe('conversation');
    expect(outcomeOfCall(call({ connectedAt: 2_000, disposition: 'voicemail' }))).toBe('voicemail');
    expect(outcomeOfCall(call({ endReason: 'cancelled' }))).toBe('unanswered');
    expect(outcomeOfCall(call({ endReason: 'rejected' }))).toBe('unanswered');
    expect(outcomeOfCall(call({ endReason: 'failed' }))).toBe('no-connect');
  });

  it('keeps finished outbound calls only, normalized, with their debtor', () => {
    const attempts = callsToAttempts(
      [call({ debtorRef: 'D-1' }), call({ phase: 'connected' }), call({ direction: 'inbound' }), call({ numberE164: '+8613900000000' })],
      'CN',
    );
    expect(attempts).toEqual([
      { at: 1_000, phoneE164: '+8613800138000', outcome: 'unanswered', debtorRef: 'D-1' },
      { at: 1_000, phoneE164: '+8613900000000', outcome: 'unanswered' },
    ]);
  });
});

describe('assessNumber', () => {
  const at = Date.parse('2026-03-10T03:00:00Z');
  it('lists every broken rule and takes the action from the profile', () => {
    const flags = [{ reason: 'cease-request' as const, scope: 'number' as const, phoneE164: '+8613800138000', setAt: 0 }];
    const log = Array.from({ length: 6 }, (_, index) => ({ at: at - (index + 1) * 60_000, phoneE164: '+8613800138000', outcome: 'unanswered' as const }));
    const verdict = assessNumber({ phone: '+8613800138000', at, profile: PROFILES['CN-CBA-2026'], log, flags });
    expect(verdict.violations.map((violation) => violation.code)).toEqual(['over-cap', 'do-not-call']);
    expect(verdict.action).toBe('block');
    const warnOnly = assessNumber({ phone: '+442079460000', at: Date.parse('2026-03-10T23:00:00Z'), profile: PROFILES['UK-FCA'], log: [], flags: [] });
    expect(warnOnly.violations.map((violation) => violation.code)).toEqual(['outside-window']);
    expect(warnOnly.action).toBe('warn');
  });

  it('is clean inside the window with nothing logged', () => {
    const verdict = assessNumber({ phone: '+8613800138000', at, profile: PROFILES['CN-CBA-2026'], log: [], flags: [] });
    expect(verdict).toMatchObject({ action: 'none', violations: [] });
  });
});

describe('active profile', () => {
  it('defaults by browser language, then the setting, then the locked policy with its tightening', () => {
    expect(defaultProfileId(['zh-CN', 'en'])).toBe('CN-CBA-2026');
    expect(defaultProfileId(['en-US', 'zh-CN'])).toBe('US-FDCPA');
    expect(resolveActiveProfile(null, null, ['zh-TW']).profile.id).toBe('CN-CBA-2026');
    expect(resolveActiveProfile('IE-CCA', null, ['zh-CN'])).toMatchObject({ chosenBy: 'setting', profile: { id: 'IE-CCA' } });
    expect(resolveActiveProfile('no-such', null, ['en'])).toMatchObject({ chosenBy: 'default', profile: { id: 'US-FDCPA' } });
    const locked = resolveActiveProfile('PH-SEC', { profileId: 'US-MA', overrides: { hours: { startMinute: 9 * 60, endMinute: 22 * 60 } } }, ['en']);
    expect(locked.chosenBy).toBe('policy');
    expect(locked.profile.hours).toEqual({ startMinute: 540, endMinute: 1260 });
    expect(locked.applied).toEqual(['start moved to 09:00']);
    expect(locked.ignored).toEqual(["end 22:00 is later than US-MA's 21:00"]);
  });
});
