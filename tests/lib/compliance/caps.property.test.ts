import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateContactCaps, getProfile } from '../../../lib/compliance/index';
import type { ContactAttempt, NumberKind } from '../../../lib/compliance/index';

const DAY = 86_400_000;
/** Profiles whose caps cover every kind: rolling, per number, per debtor, calendar month, cool-down, work numbers. */
const PROFILE_IDS = ['US-FDCPA', 'US-MA', 'US-WA', 'US-NYC', 'CN-CBA-2026', 'IE-CCA'] as const;
const NUMBERS = { 'US-FDCPA': ['+12125550100', '+12125550199'], 'US-MA': ['+16175550100', '+16175550199'], 'US-WA': ['+12065550100', '+12065550199'], 'US-NYC': ['+12125550100', '+12125550199'], 'CN-CBA-2026': ['+8613800138000', '+8613900139000'], 'IE-CCA': ['+35315550100', '+35315550199'] } as const;
// Around the end of a month and a DST change in both hemispheres of the calendar.
const BASE = Date.parse('2026-10-20T00:00:00Z');

const scenario = fc.constantFrom(...PROFILE_IDS).chain((profileId) =>
  fc.record({
    profileId: fc.constant(profileId),
    at: fc.integer({ min: BASE, max: BASE + 20 * DAY }),
    phone: fc.constantFrom(...NUMBERS[profileId]),
    numberKind: fc.option(fc.constantFrom<NumberKind>('work', 'personal'), { nil: undefined }),
    debtorRef: fc.option(fc.constantFrom('D-1', 'D-2'), { nil: undefined }),
    log: fc.array(
      fc.record({
        ago: fc.integer({ min: 0, max: 40 * DAY }),
        phoneE164: fc.constantFrom(...NUMBERS[profileId]),
        outcome: fc.constantFrom<ContactAttempt['outcome']>('unanswered', 'voicemail', 'conversation', 'no-connect'),
        inbound: fc.boolean(),
        numberKind: fc.option(fc.constantFrom<NumberKind>('work', 'personal'), { nil: undefined }),
        debtorRef: fc.option(fc.constantFrom('D-1', 'D-2'), { nil: undefined }),
      }),
      { maxLength: 14 },
    ),
  }),
);

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function logOf(s: Scenario): ContactAttempt[] {
  return s.log.map((entry) => {
    const attempt: ContactAttempt = { at: s.at - entry.ago, phoneE164: entry.phoneE164, outcome: entry.outcome };
    if (entry.inbound) attempt.direction = 'inbound';
    if (entry.numberKind) attempt.numberKind = entry.numberKind;
    if (entry.debtorRef) attempt.debtorRef = entry.debtorRef;
    return attempt;
  });
}

function evaluate(s: Scenario, log: readonly ContactAttempt[], at = s.at) {
  return evaluateContactCaps({
    profile: s.profileId,
    at,
    phone: s.phone,
    log,
    ...(s.debtorRef ? { debtorRef: s.debtorRef } : {}),
    ...(s.numberKind ? { numberKind: s.numberKind } : {}),
  });
}

describe('contact caps: invariants over random logs', () => {
  it('allowed exactly when every cap allows; a failing cap clears after the call, at its own nextAllowedAt', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const log = logOf(s);
        const result = evaluate(s, log);
        expect(result.allowed).toBe(result.caps.every((cap) => cap.allowed));
        for (const cap of result.caps) {
          if (cap.allowed || cap.nextAllowedAt === undefined) continue;
          expect(cap.nextAllowedAt).toBeGreaterThan(s.at);
          const later = evaluate(s, log, cap.nextAllowedAt).caps.find((verdict) => verdict.capId === cap.capId);
          expect(later?.allowed, `${cap.capId} at ${new Date(cap.nextAllowedAt).toISOString()}`).toBe(true);
        }
        // Only a cap that can never clear (a limit of 0) leaves no time at all.
        for (const cap of result.caps) if (!cap.allowed && cap.nextAllowedAt === undefined) expect(cap.limit).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('one more logged call never turns a blocked verdict into an allowed one', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 13 }), (s, pick) => {
        const log = logOf(s);
        if (log.length === 0) return;
        const fewer = log.filter((_, index) => index !== pick % log.length);
        const before = evaluate(s, fewer);
        const after = evaluate(s, log);
        for (const cap of before.caps) {
          if (!cap.allowed) expect(after.caps.find((verdict) => verdict.capId === cap.capId)?.allowed).toBe(false);
          expect(after.caps.find((verdict) => verdict.capId === cap.capId)?.count).toBeGreaterThanOrEqual(cap.count);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a call the debtor placed counts towards no limit: only a conversation, and only for the cool-down', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const log = logOf(s);
        const outboundOnly = log.filter((attempt) => attempt.direction !== 'inbound');
        const withInbound = evaluate(s, log);
        const without = evaluate(s, outboundOnly);
        const cooldowns = new Set(getProfile(s.profileId)?.caps.filter((cap) => cap.kind === 'cooldown-after-conversation').map((cap) => cap.id));
        for (const cap of without.caps) {
          const other = withInbound.caps.find((verdict) => verdict.capId === cap.capId);
          if (cooldowns.has(cap.capId)) continue;
          expect(other).toEqual(cap);
        }
        expect(withInbound.counts.attempts).toBe(without.counts.attempts);
        expect(withInbound.counts.unansweredToNumberToday).toBe(without.counts.unansweredToNumberToday);
      }),
      { numRuns: 300 },
    );
  });
});
