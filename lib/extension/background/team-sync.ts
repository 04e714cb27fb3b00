import { browser } from 'wxt/browser';
import { createHubClient, HubRequestError } from '../../../hub/api/client';
import type { FlagEvent } from '../../../hub/api/types';
import type { LoggedCall } from '../../compliance/assessment';
import {
  listCachedCounts,
  OUTBOX_STORES,
  queueOutbox,
  readOutbox,
  readTeamState,
  refuseOutboxRows,
  settleOutbox,
  writeTeamState,
} from '../../db/outbox';
import type { OnScriptDb, StoredCallRecord, StoredDoNotCallFlag } from '../../db/schema';
import type { EnrollReply, RefusedItem, TeamStatus } from '../../protocol/team-messages';
import { enrollFailureOf, parseHubUrl, readEnrollmentCode, type Enrollment } from '../../team/enrollment';
import { attemptOfCall, toHubCall } from '../../team/hub-records';
import { TEAM_WINDOW_MS } from '../../team/merge';
import {
  attemptMade,
  callChanged,
  countOutbox,
  flagChanged,
  itemsNamed,
  nextDueAt,
  preparePush,
  selectBatch,
  settledBy,
  type OutboxRefusal,
  type OutboxRequest,
  type OutboxRow,
} from '../../team/outbox';
import { applyFlagEvents, type TeamFlagRow } from '../../team/team-flags';
import type { TeamPolicy } from '../../team/policy';
import { afterFailure, afterSuccess, BATCH_LIMIT, INITIAL_SYNC_STATE, planFailure, type HubReach, type SyncState } from '../../team/sync-policy';
import type { BackgroundContext } from './feature';
import { anyLiveCall } from './tab-state-store';
import { hubClientFor, SYNC_TIMEOUT_MS, toPushFailure } from './team-access';

/** The alarm that pushes the outbox and reads the team's flag feed. */
export const TEAM_SYNC_ALARM = 'onscript:team:sync';
/** Between two runs while a call is live (Chrome's shortest alarm for a packed extension). */
const LIVE_INTERVAL_MS = 30_000;
/** Between two runs otherwise: picks up changes no call signal announced (notes, wrap-up). */
const IDLE_INTERVAL_MS = 60_000;
/** The flag feed is read at least this often when no call is live. */
const IDLE_FLAGS_MS = 5 * 60_000;
/** Pushes in one run before the next run takes over (a day offline empties in a few runs). */
const MAX_PUSHES_PER_RUN = 25;
/** Refused items listed in the status (the count covers all). */
const REFUSED_LISTED = 20;

/** What the sync needs besides the context. */
export interface TeamSyncDeps {
  policy(): Promise<TeamPolicy>;
  /** The region national numbers are read with (the calls feature's). */
  region(): Promise<string>;
  random?: () => number;
}

/** The team ledger's background work: enrollment, the push loop, the flag feed and the status the pages see. */
export interface TeamSync {
  /** Registers the alarm listener (synchronously) and makes sure an enrolled browser has its alarm. */
  start(): void;
  /** One run now (pushes what is due, reads the flag feed when due, schedules the next run). */
  run(options?: { force?: boolean }): Promise<void>;
  /** Starts a run without waiting for it (after a call ended or a flag changed). */
  kick(): void;
  status(): Promise<TeamStatus>;
  /** Tells the open panels the current status. */
  tell(): Promise<void>;
  enroll(hubUrl: string, code: string): Promise<EnrollReply>;
  leave(): Promise<TeamStatus>;
  /** Records how the hub answered a request made elsewhere (the pre-dial counts), telling the panels on a change. */
  reportReach(reach: HubReach, error?: { code: string; message: string }): Promise<void>;
}

const recordIds = (rows: readonly OutboxRow[]) => [...new Set(rows.flatMap((row) => (row.kind === 'flag' ? [] : [row.callId])))];

/**
 * One run at a time per background (the team feature and the compliance feature each hold a TeamSync over the
 * same context): a run asked for while one is going runs once more after it. Pushing twice would be harmless (the
 * hub answers `duplicate`), but wasteful.
 */
const runs = new WeakMap<BackgroundContext, { running?: Promise<void>; again: boolean; force: boolean }>();

/** Creates the team sync for one worker life. */
export function createTeamSync(context: BackgroundContext, deps: TeamSyncDeps): TeamSync {
  const random = deps.random ?? Math.random;
  const flight = runs.get(context) ?? { again: false, force: false };
  runs.set(context, flight);

  async function readRecords(database: OnScriptDb, ids: readonly string[]): Promise<Map<string, StoredCallRecord>> {
    const tx = database.transaction('calls');
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    return new Map(found.flatMap((record) => (record ? [[record.id, record] as const] : [])));
  }

  async function pushOutbox(database: OnScriptDb, enrollment: Enrollment, initial: SyncState, force: boolean): Promise<SyncState> {
    let state = initial;
    if (!force && state.nextAttemptAt !== undefined && state.nextAttemptAt > context.now()) return state;
    const client = hubClientFor(enrollment, SYNC_TIMEOUT_MS);
    const region = await deps.region();
    for (let round = 0; round < MAX_PUSHES_PER_RUN; round += 1) {
      const batch = selectBatch(await readOutbox(database), context.now(), state.batchLimit ?? BATCH_LIMIT);
      if (batch.length === 0) break;
      const records = await readRecords(database, recordIds(batch));
      const prepared = preparePush(batch, {
        calls: records,
        toHubCall,
        toAttempt: (record) => attemptOfCall(record as LoggedCall, region),
      });
      const at = context.now();
      await settleOutbox(database, prepared.dropped);
      await refuseOutboxRows(database, prepared.refused.map(({ row, message }) => ({ row, refusal: { at, code: 'local', message } })));
      if (prepared.sent.length === 0) continue;
      try {
        const answer = await client.push(prepared.request);
        await settleOutbox(database, settledBy(prepared.sent, answer));
        state = afterSuccess(state, context.now());
      } catch (error) {
        const failure = toPushFailure(error);
        const plan = planFailure(failure, prepared.sent.length, state.failures + 1, context.now(), random());
        state = afterFailure(state, failure, plan, context.now());
        const refusal: OutboxRefusal = { at: context.now(), code: failure.code, message: failure.message };
        if (plan.kind === 'refuse') {
          const named = itemsNamed(prepared.sent, plan.paths);
          const detail = (path: string) => failure.details.find((d) => d.path.startsWith(path))?.message;
          await refuseOutboxRows(
            database,
            named.map((item) => ({ row: item.row, refusal: { ...refusal, message: `${failure.message}${detail(item.path) ? `: ${detail(item.path)}` : ''}` } })),
          );
        } else if (plan.kind === 'refuse-all') {
          await refuseOutboxRows(database, prepared.sent.map((item) => ({ row: item.row, refusal })));
        } else if (plan.kind !== 'split') {
          await writeTeamState(database, 'sync', state);
          break;
        }
      }
      await writeTeamState(database, 'sync', state);
    }
    return state;
  }

  /** Reads the team's flag events since the cursor into the browser's do-not-call store. */
  async function pollFlags(database: OnScriptDb, enrollment: Enrollment, state: SyncState): Promise<SyncState> {
    const client = hubClientFor(enrollment, SYNC_TIMEOUT_MS);
    const kept = await readTeamState(database, 'flags-cursor');
    let cursor = kept?.hubUrl === enrollment.hubUrl ? kept.cursor : undefined;
    try {
      for (let page = 0; page < 20; page += 1) {
        const answer = await client.flags(cursor);
        if (answer.events.length > 0) await applyTeamFlags(database, answer.events, enrollment.agent);
        cursor = answer.cursor;
        await writeTeamState(database, 'flags-cursor', { hubUrl: enrollment.hubUrl, cursor, polledAt: context.now() });
        if (!answer.more) break;
      }
      return { ...state, hub: 'ok' };
    } catch (error) {
      const failure = toPushFailure(error);
      if (failure.code === 'revoked' || failure.code === 'unauthorized') return { ...state, stopped: failure.code, lastError: { at: context.now(), code: failure.code, message: failure.message } };
      return failure.code === 'network' || failure.code === 'unavailable' ? { ...state, hub: 'unreachable' } : state;
    }
  }

  async function applyTeamFlags(database: OnScriptDb, events: readonly FlagEvent[], agent: string): Promise<void> {
    const tx = database.transaction('doNotCall', 'readwrite');
    const all = await tx.store.getAll();
    const team = new Map(all.filter((flag): flag is StoredDoNotCallFlag & TeamFlagRow => flag.source === 'team').map((flag) => [flag.id, flag]));
    const changed = applyFlagEvents(team, events, agent, all);
    await Promise.all(changed.map((row) => tx.store.put(row)));
    await tx.done;
  }

  async function pruneCountsCache(database: OnScriptDb, state: SyncState): Promise<SyncState> {
    if (state.prunedAt !== undefined && context.now() - state.prunedAt < 86_400_000) return state;
    const old = (await listCachedCounts(database)).filter((entry) => entry.savedAt < context.now() - TEAM_WINDOW_MS);
    if (old.length > 0) {
      const tx = database.transaction('teamState', 'readwrite');
      await Promise.all(old.map((entry) => tx.store.delete(entry.key)));
      await tx.done;
    }
    return { ...state, prunedAt: context.now() };
  }

  async function schedule(when: number | undefined): Promise<void> {
    if (when === undefined) await browser.alarms.clear(TEAM_SYNC_ALARM);
    else await browser.alarms.create(TEAM_SYNC_ALARM, { when: Math.max(when, context.now() + 1_000) });
  }

  async function runOnce(force: boolean): Promise<void> {
    // Runs from alarms and the worker's start too, not only from handlers the service gates.
    await context.ready();
    const database = await context.db();
    const enrollment = await readTeamState(database, 'enrollment');
    if (!enrollment) return schedule(undefined);
    let state = (await readTeamState(database, 'sync')) ?? INITIAL_SYNC_STATE;
    if (state.stopped) {
      await schedule(undefined);
      return tell();
    }
    state = await pushOutbox(database, enrollment, state, force);
    const live = await anyLiveCall();
    const polled = (await readTeamState(database, 'flags-cursor'))?.polledAt ?? 0;
    if (!state.stopped && (force || live || context.now() - polled >= IDLE_FLAGS_MS)) state = await pollFlags(database, enrollment, state);
    state = await pruneCountsCache(database, state);
    await writeTeamState(database, 'sync', state);
    const rows = await readOutbox(database);
    const now = context.now();
    const heartbeat = now + (live ? LIVE_INTERVAL_MS : IDLE_INTERVAL_MS);
    let next: number | undefined = heartbeat;
    if (state.stopped) next = undefined;
    else if (state.failures > 0 && state.nextAttemptAt !== undefined) next = state.nextAttemptAt;
    else if (selectBatch(rows, now, 1).length > 0) next = now + 1_000;
    else next = Math.min(heartbeat, nextDueAt(rows, now) ?? heartbeat);
    await schedule(next);
    await tell();
  }

  function run(options: { force?: boolean } = {}): Promise<void> {
    flight.force ||= options.force ?? false;
    if (flight.running) {
      flight.again = true;
      return flight.running;
    }
    flight.running = (async () => {
      try {
        do {
          const force = flight.force;
          flight.again = false;
          flight.force = false;
          await runOnce(force);
        } while (flight.again);
      } finally {
        flight.running = undefined;
      }
    })();
    return flight.running;
  }

  async function status(): Promise<TeamStatus> {
    const database = await context.db();
    const [enrollment, state, rows, policy] = await Promise.all([
      readTeamState(database, 'enrollment'),
      readTeamState(database, 'sync'),
      readOutbox(database),
      deps.policy(),
    ]);
    const sync = state ?? INITIAL_SYNC_STATE;
    const refusedItems: RefusedItem[] = rows
      .filter((row) => row.refused !== undefined)
      .slice(0, REFUSED_LISTED)
      .map((row) => ({ id: row.id, kind: row.kind, at: row.refused!.at, code: row.refused!.code, message: row.refused!.message }));
    const out: TeamStatus = {
      onHubUnreachable: policy.onHubUnreachable,
      outbox: countOutbox(rows),
      refusedItems,
      sync: { hub: sync.hub },
    };
    for (const key of ['lastSyncAt', 'lastAttemptAt', 'nextAttemptAt', 'stopped', 'lastError'] as const) {
      if (sync[key] !== undefined) (out.sync as Record<string, unknown>)[key] = sync[key];
    }
    if (enrollment) {
      out.enrolled = { hubUrl: enrollment.hubUrl, agent: enrollment.agent, team: enrollment.team, role: enrollment.role, enrolledAt: enrollment.enrolledAt };
    }
    if (policy.hubUrl) out.policyHubUrl = policy.hubUrl;
    return out;
  }

  async function tell(): Promise<void> {
    await context.pushToPanels('team/status-changed', await status());
  }

  /**
   * Queues what this browser already knows for the team: its calls of the counting window (their records and
   * attempts) and its own flags in force, in one transaction with the enrollment.
   */
  async function enrollAndBackfill(database: OnScriptDb, enrollment: Enrollment): Promise<void> {
    const region = await deps.region();
    const tx = database.transaction(['calls', 'doNotCall', ...OUTBOX_STORES], 'readwrite');
    const teamState = tx.objectStore('teamState');
    const [calls, flags, sequence] = await Promise.all([
      tx.objectStore('calls').index('by-startedAt').getAll(IDBKeyRange.lowerBound(context.now() - TEAM_WINDOW_MS)),
      tx.objectStore('doNotCall').getAll(),
      teamState.get('sequence'),
    ]);
    const requests: OutboxRequest[] = [];
    for (const call of calls) {
      requests.push(callChanged(call.id));
      const attempt = attemptOfCall(call, region);
      if (attempt) requests.push(attemptMade(call, attempt));
    }
    for (const flag of flags) {
      if (flag.source === 'team') continue;
      requests.push(flagChanged(flag, 'set', flag.setAt));
      if (flag.clearedAt !== undefined) requests.push(flagChanged(flag, 'clear', flag.clearedAt));
    }
    // The sequence starts at the clock on first use, so call revisions stay above any an earlier install sent.
    await Promise.all([
      teamState.put({ key: 'enrollment', value: enrollment }),
      teamState.put({ key: 'sync', value: INITIAL_SYNC_STATE }),
      teamState.delete('flags-cursor'),
      ...(sequence ? [] : [teamState.put({ key: 'sequence', value: context.now() })]),
    ]);
    await queueOutbox(tx, requests);
    await tx.done;
  }

  async function enroll(hubUrl: string, code: string): Promise<EnrollReply> {
    const policy = await deps.policy();
    const typed = parseHubUrl(hubUrl);
    // With a policy the administrator's address is the only one (the page sends it; anything else is refused).
    if (policy.hubUrl && hubUrl.trim() !== '' && (!typed.ok || typed.baseUrl !== policy.hubUrl)) return { ok: false, failure: 'policy-url' };
    const parsed = policy.hubUrl ? parseHubUrl(policy.hubUrl) : typed;
    if (!parsed.ok) return { ok: false, failure: parsed.problem };
    const oneTimeCode = readEnrollmentCode(code);
    if (!oneTimeCode) return { ok: false, failure: 'bad-code' };
    const database = await context.db();
    if (await readTeamState(database, 'enrollment')) return { ok: false, failure: 'refused', message: 'this browser is already enrolled: leave the team first' };
    let answer;
    try {
      answer = await createHubClient({ baseUrl: parsed.baseUrl, timeoutMs: SYNC_TIMEOUT_MS }).enroll(oneTimeCode);
    } catch (error) {
      const failure = error instanceof HubRequestError ? error : undefined;
      return { ok: false, failure: enrollFailureOf(failure?.code ?? 'network'), message: failure?.message ?? String(error) };
    }
    await enrollAndBackfill(database, {
      hubUrl: parsed.baseUrl,
      token: answer.token,
      agent: answer.agent,
      team: answer.team,
      role: answer.role,
      enrolledAt: context.now(),
    });
    await run({ force: true });
    return { ok: true, status: await status() };
  }

  async function leave(): Promise<TeamStatus> {
    const database = await context.db();
    const tx = database.transaction('teamState', 'readwrite');
    const cached = await tx.store.getAllKeys(IDBKeyRange.bound('counts:', 'counts:\uffff'));
    // The outbox and its sequence stay: nothing this browser recorded is lost, and it goes out if it joins again.
    await Promise.all([...['enrollment', 'sync', 'flags-cursor', ...cached].map((key) => tx.store.delete(key))]);
    await tx.done;
    await schedule(undefined);
    await tell();
    return status();
  }

  async function reportReach(reach: HubReach, error?: { code: string; message: string }): Promise<void> {
    const database = await context.db();
    const state = (await readTeamState(database, 'sync')) ?? INITIAL_SYNC_STATE;
    const stopped = error && (error.code === 'revoked' || error.code === 'unauthorized') ? error.code : undefined;
    if (state.hub === reach && !stopped) return;
    const next: SyncState = { ...state, hub: reach };
    if (error) next.lastError = { at: context.now(), ...error };
    if (stopped) next.stopped = stopped;
    await writeTeamState(database, 'sync', next);
    await tell();
  }

  return {
    start() {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === TEAM_SYNC_ALARM) void run().catch((error: unknown) => console.error('OnScript team sync failed', error));
      });
      void (async () => {
        const database = await context.db();
        if ((await readTeamState(database, 'enrollment')) && !(await browser.alarms.get(TEAM_SYNC_ALARM))) await run();
      })().catch(() => undefined);
    },
    run,
    kick() {
      void run().catch((error: unknown) => console.error('OnScript team sync failed', error));
    },
    status,
    tell,
    enroll,
    leave,
    reportReach,
  };
}
