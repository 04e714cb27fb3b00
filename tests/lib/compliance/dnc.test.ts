import { describe, expect, it } from 'vitest';
import { addDoNotCallFlag, clearDoNotCallFlag, evaluateDoNotCall } from '../../../lib/compliance/index';
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
