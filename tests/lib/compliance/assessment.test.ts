import { describe, expect, it } from 'vitest';
import { resolveJurisdiction } from '../../../lib/compliance/jurisdiction';
import { resolveEffectiveRules } from '../../../lib/compliance/routing';
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

describe('a verdict under the debtor’s jurisdiction', () => {
  const judge = (phone: string, at: number, layers = {}) => {
    const jurisdiction = resolveJurisdiction({ phone, defaultCountry: 'CN' });
    const rules = resolveEffectiveRules(jurisdiction, layers);
    return assessNumber({ phone, at, profile: rules.profile, rules, jurisdiction, log: [], flags: [] });
  };

  it('judges a US number by US rules for an agent whose numbers default to China: 08:00–21:00 New York, not 08:00–22:00', () => {
    // 21:30 in New York: open under CN-CBA-2026's hours, closed under US federal rules.
    const verdict = judge('+1 212 736 5000', Date.parse('2026-03-11T01:30:00Z'));
    expect(verdict.profileId).toBe('US-FDCPA+US-NYC');
    expect(verdict.action).toBe('block');
    expect(verdict.rules?.profiles.map((profile) => profile.profileId)).toEqual(['US-FDCPA', 'US-NYC']);
    expect(verdict.rules?.places).toEqual(['area code 212 (US-NY)']);
  });

  it('judges a Chinese number by China’s rules whatever the agent’s language: 21:30 in Beijing is open', () => {
    const verdict = judge('+86 138 0013 8000', Date.parse('2026-03-10T13:30:00Z'));
    expect(verdict.profileId).toBe('CN-CBA-2026');
    expect(verdict.action).toBe('none');
  });

  it('blocks, and says why, where no rules are set', () => {
    const verdict = judge('+81 3 1234 5678', Date.parse('2026-03-10T03:00:00Z'));
    expect(verdict.action).toBe('block');
    expect(verdict.violations.map((violation) => violation.code)).toContain('no-rules');
    expect(verdict.rules?.blocked).toMatch(/no compliance rules are set for JP/);
  });

  it('keeps a warn-only jurisdiction warning unless a layer makes it block', () => {
    const late = Date.parse('2026-03-10T22:30:00Z');
    expect(judge('+44 20 7946 0018', late).action).toBe('warn');
    expect(judge('+44 20 7946 0018', late, { agent: { onViolation: 'block' } }).action).toBe('block');
  });
});

