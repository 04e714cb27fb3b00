import { describe, expect, it } from 'vitest';
import type { CountsResponse } from '../../../hub/api/types';
import { assessNumber } from '../../../lib/compliance/assessment';
import { evaluateContactCaps, LOCAL_LOG_NOTICE, type ContactAttempt } from '../../../lib/compliance/caps';
import { getProfile } from '../../../lib/compliance/profiles';
import { renderReason } from '../../../lib/compliance/reason-text';
import type { LedgerScope } from '../../../lib/compliance/assessment';
import { bucketsWithoutLocal, ledgerNotice, ledgerReason, mergeTeamLedger, withLedger, type TeamCounts } from '../../../lib/team/merge';

const DAY = 86_400_000;
// 15:00 in New York on Tuesday 10 March 2026: inside US-FDCPA's window.
const NOW = Date.parse('2026-03-10T19:00:00Z');
const NUMBER = '+12125550100';
const ZONE = 'America/New_York';
const day = (at: number) => new Date(at - 4 * 3600_000).toISOString().slice(0, 10);

/** A counts answer for NUMBER: `theirs` attempts by other agents, `mine` by this agent with their call ids. */
function counts(theirs: number[], mine: { callId: string; at: number }[]): TeamCounts {
  const all = [...theirs.map((at) => ({ at })), ...mine];
  const buckets = new Map<string, { day: string; count: number; lastAt: number }>();
  for (const { at } of all) {
    const key = day(at);
    const bucket = buckets.get(key) ?? { day: key, count: 0, lastAt: 0 };
    bucket.count += 1;
    bucket.lastAt = Math.max(bucket.lastAt, at);
    buckets.set(key, bucket);
  }
  const response: CountsResponse = {
    buckets: [...buckets.values()].map((b) => ({ ...b, outcome: 'unanswered', debtor: 'none', sameNumber: true })),
    own: mine.map(({ callId, at }) => ({ key: `attempt:${callId}`, day: day(at), at, outcome: 'unanswered', debtor: 'none', sameNumber: true })),
    lastConversationWithDebtorAt: null,
    lastConversationOnNumberAt: null,
    flags: [],
    asOf: NOW,
  };
  return { query: { numberE164: NUMBER, timeZone: ZONE }, response };
}
const local = (ats: number[]): ContactAttempt[] => ats.map((at) => ({ at, phoneE164: NUMBER, outcome: 'unanswered' }));
const capCount = (log: readonly ContactAttempt[]) =>
  evaluateContactCaps({ profile: 'US-FDCPA', at: NOW, phone: NUMBER, timeZone: ZONE, log }).caps.find((cap) => cap.capId === 'reg-f-7-in-7')!;

describe('merging the team’s counts with this browser’s log', () => {
  it('counts every attempt once: the team’s, this browser’s sent ones (on the hub and here) and unsent ones', () => {
    const sent = [{ callId: 'mine-1', at: NOW - 2 * DAY }, { callId: 'mine-2', at: NOW - DAY }];
    const team = counts([NOW - 3 * DAY, NOW - 3 * DAY + 1000, NOW - 5 * 3600_000], sent);
    // This browser's log: the two it sent, plus one not sent yet (the hub has not heard of it).
    const log = local([NOW - 2 * DAY, NOW - DAY, NOW - 60_000]);
    const localCallIds = new Set(['mine-1', 'mine-2', 'mine-3']);
    const merged = mergeTeamLedger({ log, flags: [], localCallIds, team });
    expect(merged.log).toHaveLength(6);
    expect(capCount(merged.log)).toMatchObject({ count: 6, allowed: true });
    // One more by anyone and the seventh blocks the eighth.
    const more = mergeTeamLedger({ log: local([NOW - 2 * DAY, NOW - DAY, NOW - 60_000, NOW - 30_000]), flags: [], localCallIds, team });
    expect(capCount(more.log)).toMatchObject({ count: 7, allowed: false });
  });

  it('keeps what the agent sent from another browser (on the hub, not in this log)', () => {
    const team = counts([], [{ callId: 'other-browser', at: NOW - DAY }, { callId: 'here', at: NOW - DAY }]);
    const merged = mergeTeamLedger({ log: local([NOW - DAY]), flags: [], localCallIds: new Set(['here']), team });
    expect(merged.log).toHaveLength(2);
    expect(bucketsWithoutLocal(team.response, new Set(['here'])).reduce((n, b) => n + b.count, 0)).toBe(1);
  });

  it('adds the team’s flags in force unless this browser already has the same one', () => {
    const team = counts([], []);
    team.response.flags = [
      { reason: 'cease-request', scope: 'number', phoneE164: NUMBER, setAt: NOW - 1000, setBy: 'ana', note: 'asked to stop' },
      { reason: 'dispute-pending', scope: 'number', phoneE164: NUMBER, setAt: NOW - 1000, setBy: 'ana' },
    ];
    const own = { reason: 'dispute-pending' as const, scope: 'number' as const, phoneE164: NUMBER, setAt: NOW - 5000 };
    const merged = mergeTeamLedger({ log: [], flags: [own], localCallIds: new Set(), team });
    expect(merged.flags).toEqual([own, { reason: 'cease-request', scope: 'number', phoneE164: NUMBER, setAt: NOW - 1000, note: 'asked to stop; set by ana (team)' }]);
  });

  it('without an answer, is this browser’s log and flags as they are', () => {
    const log = local([NOW - DAY]);
    expect(mergeTeamLedger({ log, flags: [], localCallIds: new Set() })).toEqual({ log, flags: [] });
  });
});

describe('the verdict says whose calls it counted', () => {
  const assessment = () =>
    assessNumber({ phone: NUMBER, at: NOW, profile: getProfile('US-FDCPA')!, log: [], flags: [] });

  it('with the hub’s answer: the team notice replaces the local one, nothing else changes', () => {
    const before = assessment();
    expect(before.caps.reasons).toContain(LOCAL_LOG_NOTICE);
    const after = withLedger(before, { source: 'team', asOf: NOW }, 'warn');
    expect(after.caps.reasons).not.toContain(LOCAL_LOG_NOTICE);
    expect(after.caps.reasons.some((reason) => reason.startsWith("counts cover the whole team's calls"))).toBe(true);
    expect(after).toMatchObject({ action: 'none', violations: [], ledger: { source: 'team', asOf: NOW } });
  });

  it('with the hub unreachable: says so, and warns or blocks as the policy says, never loosening', () => {
    const cached = withLedger(assessment(), { source: 'team-cached', asOf: NOW - 3600_000, problem: 'no answer' }, 'warn');
    expect(cached.action).toBe('warn');
    expect(cached.violations).toEqual([{ code: 'team-unavailable', reasons: [expect.stringContaining('as of 2026-03-10T18:00:00.000Z')] }]);
    expect(withLedger(assessment(), { source: 'local', problem: 'no answer' }, 'block')).toMatchObject({ action: 'block' });
    const blocked = { ...assessment(), action: 'block' as const };
    expect(withLedger(blocked, { source: 'local' }, 'warn').action).toBe('block');
  });

  const scopes: [string, LedgerScope][] = [
    ['team', { source: 'team', asOf: NOW }],
    ['team-cached', { source: 'team-cached', asOf: NOW - 3600_000, problem: 'HTTP 503' }],
    ['local, with a problem', { source: 'local', problem: 'HTTP 503' }],
    ['local', { source: 'local' }],
  ];

  it.each(scopes)('tells the agent whose calls counted in the panel\'s language (%s), and records the English', (_name, scope) => {
    const after = withLedger(assessment(), scope, 'warn');
    const said = after.caps.why.find((item) => item.key.startsWith('reason.caps.team'));
    expect(said).toEqual(ledgerReason(scope));
    // One statement: the English reason the record keeps is the same words the panel shows an English agent.
    expect(renderReason(said!, 'en')).toBe(ledgerNotice(scope));
    expect(after.caps.reasons).toContain(ledgerNotice(scope));
    const chinese = renderReason(said!, 'zh-CN');
    expect(chinese).toContain('团队服务器');
    expect(chinese).not.toMatch(/team hub|counts|browser/);
    if (scope.asOf !== undefined && scope.source !== 'local') expect(chinese).toContain(new Date(scope.asOf).toISOString());
    if (scope.problem) expect(chinese).toContain(`（${scope.problem}）`);
  });
});
