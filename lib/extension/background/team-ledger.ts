import type { CountsRequest } from '../../../hub/api/types';
import type { ComplianceAssessment, LedgerScope } from '../../compliance/assessment';
import type { ContactAttempt } from '../../compliance/caps';
import type { DoNotCallFlag } from '../../compliance/dnc';
import { countsCacheKey, readTeamState } from '../../db/outbox';
import type { OnScriptDb, StoredDoNotCallFlag } from '../../db/schema';
import { mergeTeamLedger, TEAM_WINDOW_MS, withLedger, type TeamCounts } from '../../team/merge';
import { rowsForActiveFlags, type TeamFlagRow } from '../../team/team-flags';
import { defaultRegionSetting } from '../shared/settings';
import { cachedSetting } from './cached-setting';
import type { BackgroundContext } from './feature';
import { COUNTS_TIMEOUT_MS, createTeamPolicyReader, hubClientFor, toPushFailure } from './team-access';
import { createTeamSync } from './team-sync';

/** What the pre-dial verdict asks the team about: the debtor and the number, in the debtor's zone, at `at`. */
export interface TeamLedgerQuery {
  /** The number in E.164, when it could be read. */
  e164?: string;
  /** The number as dialled (this browser's log is also read by it). */
  raw: string;
  debtorRef?: string;
  at: number;
  /** The zone the caps count days in (the counts' buckets are days of it). */
  timeZone: string;
}

/** The team's side of one verdict, once the hub answered (or could not). */
export interface TeamLedgerView {
  /** This browser's log and flags with the team's, each attempt once. */
  merge(log: readonly ContactAttempt[], flags: readonly DoNotCallFlag[]): { log: ContactAttempt[]; flags: DoNotCallFlag[] };
  /** The verdict saying whose calls it counted (and, the hub unreachable, what the policy makes of it). */
  annotate(assessment: ComplianceAssessment): ComplianceAssessment;
}

/**
 * The team ledger at dial time: while this browser is enrolled, one `GET /v1/counts` for the debtor and the
 * number with a short time limit (the dial must not wait long), merged with this browser's own log; the answer is
 * kept per number and debtor, so with the hub unreachable the verdict judges with the last counts it had, says
 * so, and warns or blocks as the policy says. Not enrolled: nothing changes (undefined).
 */
export function createTeamLedger(context: BackgroundContext) {
  const policy = createTeamPolicyReader();
  const region = cachedSetting(defaultRegionSetting);
  const sync = createTeamSync(context, { policy: policy.load, region });

  /** Keeps the answer for when the hub cannot be asked, and the flags it says are in force. */
  async function keep(database: OnScriptDb, key: `counts:${string}`, counts: TeamCounts): Promise<void> {
    await database.put('teamState', { key, value: { savedAt: context.now(), counts } });
    if (counts.response.flags.length === 0) return;
    const tx = database.transaction('doNotCall', 'readwrite');
    const team = new Map(
      (await tx.store.getAll()).filter((flag): flag is StoredDoNotCallFlag & TeamFlagRow => flag.source === 'team').map((flag) => [flag.id, flag]),
    );
    await Promise.all(rowsForActiveFlags(team, counts.response.flags).map((row) => tx.store.put(row)));
    await tx.done;
  }

  /**
   * The ids of this browser's calls its own log holds for this number and debtor: read through the same indexes
   * as the compliance feature's log (keys only), so an attempt the hub lists as this agent's is left out exactly
   * when the local log already counts it.
   */
  async function localCallIds(database: OnScriptDb, query: TeamLedgerQuery): Promise<Set<string>> {
    const keys = await Promise.all([
      query.e164 ? database.getAllKeysFromIndex('calls', 'by-numberE164', query.e164) : [],
      database.getAllKeysFromIndex('calls', 'by-remoteNumber', query.raw),
      query.debtorRef ? database.getAllKeysFromIndex('calls', 'by-debtorRef', query.debtorRef) : [],
    ]);
    return new Set(keys.flat());
  }

  async function lookup(query: TeamLedgerQuery): Promise<TeamLedgerView | undefined> {
    if (query.e164 === undefined && query.debtorRef === undefined) return undefined;
    const database = await context.db();
    const [enrollment, state] = await Promise.all([readTeamState(database, 'enrollment'), readTeamState(database, 'sync')]);
    if (!enrollment) return undefined;
    const request: CountsRequest = { from: query.at - TEAM_WINDOW_MS, to: query.at + 1, timeZone: query.timeZone };
    if (query.e164 !== undefined) request.numberE164 = query.e164;
    if (query.debtorRef !== undefined) request.debtorRef = query.debtorRef;
    const key = countsCacheKey(query.e164, query.debtorRef);
    const [localIds, { onHubUnreachable }] = await Promise.all([localCallIds(database, query), policy.load()]);

    let team: TeamCounts | undefined;
    let scope: LedgerScope;
    let problem: string;
    if (state?.stopped) {
      problem = `the hub refused this browser's access (${state.stopped})`;
    } else {
      try {
        const response = await hubClientFor(enrollment, COUNTS_TIMEOUT_MS).counts(request);
        team = { query: { ...(request.numberE164 ? { numberE164: request.numberE164 } : {}), ...(request.debtorRef ? { debtorRef: request.debtorRef } : {}), timeZone: request.timeZone }, response };
        const kept = team;
        // Kept after the verdict: the dial waits for nothing it does not need.
        void keep(database, key, kept).catch((error: unknown) => console.error('OnScript could not keep the team counts', error));
        void sync.reportReach('ok').catch(() => undefined);
        scope = { source: 'team', asOf: response.asOf };
        return view(team, scope);
      } catch (error) {
        const failure = toPushFailure(error);
        problem = failure.code === 'network' ? `no answer within ${COUNTS_TIMEOUT_MS} ms (${failure.message})` : `${failure.code}: ${failure.message}`;
        const reach = failure.code === 'network' || failure.code === 'unavailable' ? 'unreachable' : 'ok';
        void sync.reportReach(reach, { code: failure.code, message: failure.message }).catch(() => undefined);
      }
    }
    const cached = await database.get('teamState', key);
    if (cached && cached.key.startsWith('counts:')) {
      team = (cached.value as { counts: TeamCounts }).counts;
      scope = { source: 'team-cached', asOf: team.response.asOf, problem };
    } else {
      scope = { source: 'local', problem };
    }
    return view(team, scope);

    function view(counts: TeamCounts | undefined, ledger: LedgerScope): TeamLedgerView {
      return {
        merge: (log, flags) => mergeTeamLedger({ log, flags, localCallIds: localIds, ...(counts ? { team: counts } : {}) }),
        annotate: (assessment) => withLedger(assessment, ledger, onHubUnreachable),
      };
    }
  }

  return {
    lookup,
    /** A flag was set or cleared here: send it now, so the other agents' next dials are judged with it. */
    flagsChanged: () => sync.kick(),
  };
}
