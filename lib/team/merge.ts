/**
 * The team's counts and flags merged with this browser's own, for one verdict: what the hub counted for the debtor
 * and the number (every agent's attempts, this browser's included once they arrived) plus this browser's call log,
 * each attempt counted once, and the flags of both. Then the verdict says whose calls it counted, and, when the hub
 * could not be asked, that it used the last counts it had and what the lead's policy makes of that. Pure.
 */
import { countsToAttempts } from '../../hub/api/counts';
import type { ActiveFlag, CountsBucket, CountsRequest, CountsResponse } from '../../hub/api/types';
import type { ComplianceAssessment, LedgerScope } from '../compliance/assessment';
import { LOCAL_LOG_NOTICE, LOCAL_LOG_REASON, type ContactAttempt } from '../compliance/caps';
import { englishReason, reason, type Reason } from '../compliance/reasons';
import { isFlagActive, type DoNotCallFlag } from '../compliance/dnc';

/**
 * How far back the team's counts are asked for: the longest cap period (30 days, Massachusetts at work; a
 * calendar month) plus margin for zones, the same span this browser's own log is read over.
 */
export const TEAM_WINDOW_MS = 35 * 24 * 60 * 60 * 1000;

/** A counts answer with the query it answers (kept as is when cached). */
export interface TeamCounts {
  query: Pick<CountsRequest, 'numberE164' | 'debtorRef' | 'timeZone'>;
  response: CountsResponse;
}

/** Input to {@link mergeTeamLedger}. */
export interface LedgerInput {
  /** This browser's log: its finished calls and imported attempts (all of them, sent or not). */
  log: readonly ContactAttempt[];
  /** This browser's flags (its own and the team's it has heard of). */
  flags: readonly DoNotCallFlag[];
  /** Ids of this browser's call records: their attempts are in `log` already, whatever the hub has. */
  localCallIds: ReadonlySet<string>;
  /** The hub's answer (fresh or the last one kept); absent when there is none. */
  team?: TeamCounts;
}

/** The call id an attempt's push key names (`attempt:<callId>`, lib/team/outbox.ts). */
function callIdOfKey(key: string): string | undefined {
  return key.startsWith('attempt:') ? key.slice('attempt:'.length) : undefined;
}

/**
 * The hub's buckets without the caller's own attempts that this browser's log already holds (`own` lists them
 * with their keys). What is on the hub and not here (sent from another browser of the same agent) stays.
 */
export function bucketsWithoutLocal(response: CountsResponse, localCallIds: ReadonlySet<string>): CountsBucket[] {
  const buckets = response.buckets.map((bucket) => ({ ...bucket }));
  for (const own of response.own ?? []) {
    const callId = callIdOfKey(own.key);
    if (callId === undefined || !localCallIds.has(callId)) continue;
    const bucket = buckets.find(
      (candidate) =>
        candidate.count > 0 &&
        candidate.day === own.day &&
        candidate.outcome === own.outcome &&
        candidate.debtor === own.debtor &&
        candidate.sameNumber === own.sameNumber,
    );
    if (bucket) bucket.count -= 1;
  }
  return buckets.filter((bucket) => bucket.count > 0);
}

/** A flag in force on the hub, as lib/compliance reads flags. */
export function teamFlagToLocal(flag: ActiveFlag): DoNotCallFlag {
  const out: DoNotCallFlag = { reason: flag.reason, scope: flag.scope, setAt: flag.setAt, note: `${flag.note ? `${flag.note}; ` : ''}set by ${flag.setBy} (team)` };
  if (flag.phoneE164 !== undefined) out.phoneE164 = flag.phoneE164;
  if (flag.debtorRef !== undefined) out.debtorRef = flag.debtorRef;
  return out;
}

function sameFlag(a: DoNotCallFlag, b: DoNotCallFlag): boolean {
  return a.reason === b.reason && a.scope === b.scope && (a.scope === 'number' ? a.phoneE164 === b.phoneE164 : a.debtorRef === b.debtorRef);
}

/** One log and one list of flags for the verdict: every attempt once, every flag in force once. */
export function mergeTeamLedger(input: LedgerInput): { log: ContactAttempt[]; flags: DoNotCallFlag[] } {
  if (!input.team) return { log: [...input.log], flags: [...input.flags] };
  const { query, response } = input.team;
  const others = countsToAttempts(query, { ...response, buckets: bucketsWithoutLocal(response, input.localCallIds) });
  const log: ContactAttempt[] = [...input.log, ...others];
  const flags = [...input.flags];
  for (const flag of response.flags) {
    const local = teamFlagToLocal(flag);
    if (!flags.some((known) => sameFlag(known, local) && isFlagActive(known, response.asOf))) flags.push(local);
  }
  return { log, flags };
}

/** What the lead's policy does when the hub cannot be asked (managed key `hubUnreachable`). */
export type HubUnreachablePolicy = 'warn' | 'block';

/** The plain statement of whose calls the caps counted, replacing the local-log notice. */
export function ledgerNotice(scope: LedgerScope): string {
  return englishReason(ledgerReason(scope));
}

/** {@link ledgerNotice} as a reason, so the agent reads it in the panel's language (the record keeps the English). */
export function ledgerReason(scope: LedgerScope): Reason {
  const asOf = scope.asOf !== undefined ? new Date(scope.asOf).toISOString() : '—';
  if (scope.source === 'team') return reason('reason.caps.team', { asOf });
  const problem = scope.problem ? reason('reason.caps.teamProblem', { problem: scope.problem }) : '';
  if (scope.source === 'team-cached') return reason('reason.caps.teamCached', { problem, asOf });
  return reason('reason.caps.teamLocalOnly', { problem });
}

const SEVERITY = { none: 0, warn: 1, block: 2 } as const;

/**
 * The verdict with whose calls it counted. When the hub was asked, the caps' local-log notice becomes the team
 * notice; when it could not be, the verdict says so as a `team-unavailable` breach that warns or blocks as the
 * policy says (never loosening what the rules decided).
 */
export function withLedger(assessment: ComplianceAssessment, scope: LedgerScope, policy: HubUnreachablePolicy): ComplianceAssessment {
  const notice = ledgerNotice(scope);
  const said = ledgerReason(scope);
  const caps = {
    ...assessment.caps,
    reasons: assessment.caps.reasons.map((text) => (text === LOCAL_LOG_NOTICE ? notice : text)),
    why: assessment.caps.why.map((item) => (item.key === LOCAL_LOG_REASON ? said : item)),
  };
  if (scope.source === 'team') return { ...assessment, caps, ledger: scope };
  const wanted = policy === 'block' ? 'block' : 'warn';
  const action = SEVERITY[wanted] > SEVERITY[assessment.action] ? wanted : assessment.action;
  return {
    ...assessment,
    caps,
    ledger: scope,
    violations: [...assessment.violations, { code: 'team-unavailable', reasons: [notice] }],
    action,
  };
}
