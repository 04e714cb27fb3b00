import { describe, expect, it } from 'vitest';
import { addDoNotCallFlag, clearDoNotCallFlag, dispositionDoNotCallFlags, evaluateDoNotCall, planDispositionFlags } from '../../../lib/compliance/index';
import type { DoNotCallFlag } from '../../../lib/compliance/index';

const T0 = Date.parse('2026-07-01T12:00:00Z');
const DAY = 86_400_000;

describe('evaluateDoNotCall', () => {
  const flags: DoNotCallFlag[] = [
    { reason: 'wrong-number', scope: 'number', phoneE164: '+12125550100', setAt: T0 },
    { reason: 'cease-request', scope: 'debtor', debtorRef: 'ACC-9', setAt: T0, note: 'letter received' },
    { reason: 'dispute-pending', scope: 'debtor', debtorRef: 'ACC-7', setAt: T0, clearedAt: T0 + 3 * DAY },
  ];

  it('a wrong-number flag blocks that number in any format, for any debtor', () => {
    const result = evaluateDoNotCall({ phone: '(212) 555-0100', debtorRef: 'ACC-1', flags, at: T0 + DAY, defaultCountry: 'US' });
    expect(result.blocked).toBe(true);
    expect(result.reasons[0]).toMatch(/wrong number/);
  });

  it('a cease request blocks every number of the debtor', () => {
    const result = evaluateDoNotCall({ phone: '+13125550100', debtorRef: 'ACC-9', flags, at: T0 + DAY });
    expect(result.blocked).toBe(true);
    expect(result.flags).toHaveLength(1);
    expect(result.reasons[0]).toMatch(/asked to stop.*letter received/);
  });

  it('a dispute blocks only while pending', () => {
    expect(evaluateDoNotCall({ phone: '+13125550100', debtorRef: 'ACC-7', flags, at: T0 + DAY }).blocked).toBe(true);
    expect(evaluateDoNotCall({ phone: '+13125550100', debtorRef: 'ACC-7', flags, at: T0 + 4 * DAY }).blocked).toBe(false);
  });

  it('flags are not applied before they were set; clean numbers pass', () => {
    expect(evaluateDoNotCall({ phone: '+12125550100', flags, at: T0 - 1 }).blocked).toBe(false);
    const clean = evaluateDoNotCall({ phone: '+13125550100', flags, at: T0 + DAY });
    expect(clean.blocked).toBe(false);
    expect(clean.reasons.join('\n')).toMatch(/only number flags were checked/);
  });

  it('add does not duplicate an active flag; clear keeps history', () => {
    const flag: DoNotCallFlag = { reason: 'dispute-pending', scope: 'debtor', debtorRef: 'ACC-1', setAt: T0 };
    const once = addDoNotCallFlag([], flag);
    expect(addDoNotCallFlag(once, { ...flag, setAt: T0 + 1 })).toHaveLength(1);
    const cleared = clearDoNotCallFlag(once, { reason: 'dispute-pending', scope: 'debtor', debtorRef: 'ACC-1' }, T0 + DAY);
    expect(cleared[0]?.clearedAt).toBe(T0 + DAY);
    expect(evaluateDoNotCall({ phone: '+13125550100', debtorRef: 'ACC-1', flags: cleared, at: T0 + 2 * DAY }).blocked).toBe(false);
    expect(addDoNotCallFlag(cleared, { ...flag, setAt: T0 + 2 * DAY })).toHaveLength(2);
  });
});

describe('do-not-call flags from a disposition (issue 13, item 7)', () => {
  const facts = (flags: readonly string[], extra: { debtorRef?: string; phoneE164?: string } = {}) => ({
    code: 'ANY',
    flags,
    callId: 'call-1',
    at: T0,
    ...extra,
  });

  it.each([
    // [flags, debtor reference?, expected (reason, scope)]
    [['cease', 'rightPartyContact'], 'ACC-1', [['cease-request', 'debtor']]],
    [['cease'], undefined, [['cease-request', 'number']]],
    [['wrongParty'], 'ACC-1', [['wrong-number', 'number']]],
    [['wrongParty'], undefined, [['wrong-number', 'number']]],
    [['dispute', 'rightPartyContact'], 'ACC-1', [['dispute-pending', 'debtor']]],
    [['dispute'], undefined, [['dispute-pending', 'number']]],
    [['promiseToPay', 'rightPartyContact'], 'ACC-1', []],
    [['voicemail'], 'ACC-1', []],
  ] as const)('flags %j with debtor %s set %j', (flags, debtorRef, expected) => {
    const made = dispositionDoNotCallFlags(facts(flags, { phoneE164: '+12125550100', ...(debtorRef ? { debtorRef } : {}) }));
    expect(made.map((flag) => [flag.reason, flag.scope])).toEqual(expected);
    for (const flag of made) {
      expect(flag).toMatchObject({ setAt: T0, callId: 'call-1', note: 'disposition ANY' });
      if (flag.scope === 'debtor') expect(flag.debtorRef).toBe('ACC-1');
      else expect(flag.phoneE164).toBe('+12125550100');
    }
  });

  it('names the code in the note, and the flags block the next dial', () => {
    const made = dispositionDoNotCallFlags({ code: 'CEASE', flags: ['cease'], callId: 'c', at: T0, debtorRef: 'ACC-1', phoneE164: '+12125550100' });
    expect(made[0]?.note).toBe('disposition CEASE');
    const verdict = evaluateDoNotCall({ phone: '+13125550100', debtorRef: 'ACC-1', flags: made, at: T0 + 1 });
    expect(verdict.blocked).toBe(true);
    expect(verdict.reasons[0]).toMatch(/asked to stop.*disposition CEASE/);
  });

  it('a wrong party without a known number sets nothing it could not check later', () => {
    expect(dispositionDoNotCallFlags(facts(['wrongParty'], { debtorRef: 'ACC-1' }))).toEqual([]);
  });

  it('adds only what is not already active, and lifts only this call’s flags the new disposition no longer wants', () => {
    const cease = dispositionDoNotCallFlags(facts(['cease'], { debtorRef: 'ACC-1' }));
    const first = planDispositionFlags([], cease, 'call-1', T0);
    expect(first).toEqual({ add: cease, lift: [] });
    // The same disposition again: nothing to add.
    expect(planDispositionFlags(cease, cease, 'call-1', T0 + 1)).toEqual({ add: [], lift: [] });
    // The agent corrected CEASE to PTP on the same call: the cease flag is lifted, history kept.
    const corrected = planDispositionFlags(cease, [], 'call-1', T0 + 2);
    expect(corrected.add).toEqual([]);
    expect(corrected.lift).toEqual([{ ...cease[0], clearedAt: T0 + 2 }]);
    // A lead's flag on the same debtor, or another call's, is never lifted; and it is not duplicated.
    const lead: DoNotCallFlag = { reason: 'cease-request', scope: 'debtor', debtorRef: 'ACC-1', setAt: T0 - DAY, note: 'letter' };
    const other: DoNotCallFlag = { ...cease[0]!, callId: 'call-0' };
    expect(planDispositionFlags([lead, other], [], 'call-1', T0 + 3)).toEqual({ add: [], lift: [] });
    expect(planDispositionFlags([lead], cease, 'call-1', T0 + 3)).toEqual({ add: [], lift: [] });
  });
});
