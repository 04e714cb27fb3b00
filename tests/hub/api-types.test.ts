import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AttemptOutcome } from '../../lib/compliance/profiles';
import type { ContactAttempt } from '../../lib/compliance/caps';
import type { DoNotCallFlag, DoNotCallReason } from '../../lib/compliance/dnc';
import type { ExportableCall } from '../../lib/export/types';
import { countsToAttempts, OTHER_DEBTOR, OTHER_NUMBER, type LedgerAttempt } from '../../hub/api/counts';
import type { ActiveFlag, HubAttemptOutcome, HubCallRecord, HubDoNotCallReason } from '../../hub/api/types';

/** The wire types line up with the extension's own, so phase 2 passes its records and flags as they are. */
describe('hub/api types against the extension’s', () => {
  it('share outcomes and reasons, and take the extension’s records and give back its flags and log entries', () => {
    expectTypeOf<HubAttemptOutcome>().toEqualTypeOf<AttemptOutcome>();
    expectTypeOf<HubDoNotCallReason>().toEqualTypeOf<DoNotCallReason>();
    expectTypeOf<ExportableCall>().toMatchTypeOf<HubCallRecord>();
    expectTypeOf<ActiveFlag>().toMatchTypeOf<DoNotCallFlag>();
    expectTypeOf<LedgerAttempt>().toMatchTypeOf<ContactAttempt>();
  });

  it('expands each bucket into its attempts, keeping how each relates to the query', () => {
    const log = countsToAttempts(
      { debtorRef: 'D', numberE164: '+12125550100' },
      {
        buckets: [
          { day: '2026-03-01', outcome: 'unanswered', debtor: 'same', sameNumber: false, count: 2, lastAt: 10 },
          { day: '2026-03-01', outcome: 'voicemail', debtor: 'other', sameNumber: true, count: 1, lastAt: 11 },
          { day: '2026-03-02', outcome: 'conversation', debtor: 'none', sameNumber: true, count: 1, lastAt: 12 },
        ],
        lastConversationOnNumberAt: 12,
        lastConversationWithDebtorAt: null,
        flags: [],
        asOf: 13,
      },
    );
    expect(log).toEqual([
      { at: 10, debtorRef: 'D', phoneE164: OTHER_NUMBER, outcome: 'unanswered' },
      { at: 10, debtorRef: 'D', phoneE164: OTHER_NUMBER, outcome: 'unanswered' },
      { at: 11, debtorRef: OTHER_DEBTOR, phoneE164: '+12125550100', outcome: 'voicemail' },
      { at: 12, phoneE164: '+12125550100', outcome: 'conversation' },
    ]);
  });
});
