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
  it('reads the signaling when the disposition says nothing about the line', () => {
    expect(outcomeOfCall(call({ connectedAt: 2_000 }))).toBe('conversation');
    expect(outcomeOfCall(call({ connectedAt: 2_000, disposition: 'PTP' }), ['promiseToPay', 'rightPartyContact'])).toBe('conversation');
    expect(outcomeOfCall(call({ connectedAt: 2_000, disposition: 'HUNG_UP' }), [])).toBe('conversation');
    expect(outcomeOfCall(call({ endReason: 'cancelled' }))).toBe('unanswered');
    expect(outcomeOfCall(call({ endReason: 'rejected' }))).toBe('unanswered');
    expect(outcomeOfCall(call({ endReason: 'failed' }))).toBe('no-connect');
  });

  it.each([
    // [disposition flags, signaling, outcome]
    [['voicemail'], { connectedAt: 2_000 }, 'voicemail'],
    [['voicemail'], { endReason: 'cancelled' }, 'voicemail'],
    [['noAnswer'], { connectedAt: 2_000 }, 'unanswered'],
    [['noAnswer'], { endReason: 'failed' }, 'unanswered'],
    [['noConnect'], { endReason: 'failed' }, 'no-connect'],
    // The signaling saw the call reach the line: an attempt under every cap, whatever the agent picked.
    [['noConnect'], { connectedAt: 2_000 }, 'unanswered'],
    [['wrongParty'], { connectedAt: 2_000 }, 'unanswered'],
    [['rightPartyContact'], { endReason: 'cancelled' }, 'conversation'],
    [['cease', 'rightPartyContact'], { connectedAt: 2_000 }, 'conversation'],
  ] as const)('flags %j with signaling %j count as %s', (flags, signaling, outcome) => {
    expect(outcomeOfCall(call({ disposition: 'ANY_CODE', ...signaling }), flags)).toBe(outcome);
  });

  it('goes by flags, not by the code’s spelling', () => {
    // A pack's upper-case VOICEMAIL code without the flag is just a code; a lower-case spelling means nothing either.
    expect(outcomeOfCall(call({ connectedAt: 2_000, disposition: 'VOICEMAIL' }), ['voicemail'])).toBe('voicemail');
    expect(outcomeOfCall(call({ connectedAt: 2_000, disposition: 'MAILBOX' }), ['voicemail'])).toBe('voicemail');
    expect(outcomeOfCall(call({ connectedAt: 2_000, disposition: 'voicemail' }), [])).toBe('conversation');
  });

  it('keeps finished outbound calls, normalized, with their debtor', () => {
    const attempts = callsToAttempts(
      [call({ debtorRef: 'D-1' }), call({ phase: 'connected' }), call({ direction: 'inbound' }), call({ numberE164: '+8613900000000' })],
      'CN',
    );
    expect(attempts).toEqual([
      { at: 1_000, phoneE164: '+8613800138000', outcome: 'unanswered', debtorRef: 'D-1' },
      { at: 1_000, phoneE164: '+8613900000000', outcome: 'unanswered' },
    ]);
  });

  it('keeps an inbound call that reached a conversation, marked inbound; other inbound calls are not in the log', () => {
    const attempts = callsToAttempts(
      [
        call({ direction: 'inbound', connectedAt: 2_000, debtorRef: 'D-1' }),
        call({ direction: 'inbound', endReason: 'cancelled' }),
        call({ direction: 'inbound', connectedAt: 2_000, disposition: 'WRONG_NUMBER' }),
      ],
      'CN',
      (logged) => (logged.disposition === 'WRONG_NUMBER' ? ['wrongParty'] : undefined),
    );
    expect(attempts).toEqual([{ at: 1_000, phoneE164: '+8613800138000', outcome: 'conversation', direction: 'inbound', debtorRef: 'D-1' }]);
  });

  it('asks for the flags of each call’s disposition, and only when it has one', () => {
    const asked: Array<string | undefined> = [];
    callsToAttempts([call({ disposition: 'VOICEMAIL', connectedAt: 2_000 }), call({ connectedAt: 2_000 })], 'CN', (logged) => {
      asked.push(logged.disposition);
      return ['voicemail'];
    });
    expect(asked).toEqual(['VOICEMAIL']);
  });
});

describe('a pack’s dispositions in the caps (issue 13, item 7)', () => {
  const NY_NOON = (day: number): number => Date.parse(`2026-07-${String(day).padStart(2, '0')}T16:00:00Z`);
  // The default packs' flags for these codes.
  const FLAGS: Record<string, readonly string[]> = { VOICEMAIL: ['voicemail'], NO_ANSWER: ['noAnswer'], PTP: ['promiseToPay', 'rightPartyContact'] };
  const lookUp = (logged: LoggedCall) => (logged.disposition ? FLAGS[logged.disposition] : undefined);

  it('a voicemail the softphone saw as connected does not start Reg F’s 7-day pause (was over-blocking)', () => {
    const log = callsToAttempts(
      [call({ remoteNumber: '+12125550100', debtorRef: 'D-1', startedAt: NY_NOON(1), connectedAt: NY_NOON(1) + 5_000, disposition: 'VOICEMAIL' })],
      'US',
      lookUp,
    );
    const verdict = assessNumber({ phone: '+12125550100', at: NY_NOON(2), profile: PROFILES['US-FDCPA'], debtorRef: 'D-1', log, flags: [] });
    expect(verdict.caps.counts).toMatchObject({ attempts: 1, conversations: 0 });
    expect(verdict.violations).toEqual([]);
  });

  it('a voicemail is an unanswered dial for China’s 6 a day (was under-blocking)', () => {
    const noon = Date.parse('2026-03-10T04:00:00Z'); // 12:00 Shanghai
    const calls = [0, 1, 2, 3, 4, 5].map((index) =>
      call({ remoteNumber: '13800138000', startedAt: noon - (index + 1) * 600_000, connectedAt: noon - (index + 1) * 600_000 + 8_000, disposition: 'VOICEMAIL' }),
    );
    const log = callsToAttempts(calls, 'CN', lookUp);
    const verdict = assessNumber({ phone: '13800138000', at: noon, profile: PROFILES['CN-CBA-2026'], log, flags: [] });
    expect(verdict.caps.counts.unansweredToNumberToday).toBe(6);
    expect(verdict.violations.map((violation) => violation.code)).toEqual(['over-cap']);
    expect(verdict.caps.caps.find((cap) => cap.capId === 'cn-6-unanswered-per-day')?.allowed).toBe(false);
  });

  it('an inbound call that connected starts the 7-day pause but is not one of the 7 attempts', () => {
    const log = callsToAttempts(
      [call({ direction: 'inbound', remoteNumber: '+12125550100', debtorRef: 'D-1', startedAt: NY_NOON(10), connectedAt: NY_NOON(10) + 1_000 })],
      'US',
      lookUp,
    );
    for (const day of [10, 16]) {
      const verdict = assessNumber({ phone: '+12125550100', at: NY_NOON(day) + 3_600_000, profile: PROFILES['US-FDCPA'], debtorRef: 'D-1', log, flags: [] });
      expect(verdict.caps.counts).toMatchObject({ attempts: 0, conversations: 1 });
      expect(verdict.caps.caps.find((cap) => cap.capId === 'reg-f-post-conversation')?.allowed).toBe(false);
      expect(verdict.caps.nextAllowedAt).toBe(Date.parse('2026-07-17T04:00:00Z'));
    }
    const after = assessNumber({ phone: '+12125550100', at: NY_NOON(17), profile: PROFILES['US-FDCPA'], debtorRef: 'D-1', log, flags: [] });
    expect(after.caps.allowed).toBe(true);
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

