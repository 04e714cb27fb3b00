/**
 * The ledger's statements: push (attempts, call records, flag events, each idempotent), the counts query and the
 * team's flag feed. Each runs inside the caller's transaction (see ./db.ts), so row-level security has already
 * scoped it to the caller; the explicit `team_id = $1` conditions are what the indexes are keyed on.
 */
import type pg from 'pg';
import type { Caller } from './db.ts';
import { HUB_LIMITS } from '../api/types.ts';
import type {
  ActiveFlag,
  CountsBucket,
  CountsRequest,
  CountsResponse,
  FlagEvent,
  FlagsResponse,
  OwnAttempt,
  PushCall,
  PushRequest,
  PushResponse,
} from '../api/types.ts';

/** A request the schema let through but the hub still refuses, with the path of the offending field. */
export class LedgerInputError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Checks what JSON Schema cannot say: flag targets match their scope, keys are unique within the batch. */
export function checkPush(request: PushRequest, now: number): void {
  const seen = new Set<string>();
  const inFuture = now + 86_400_000;
  const check = (list: { key: string }[] | undefined, name: string, at: (item: never) => number) => {
    list?.forEach((item, index) => {
      if (seen.has(item.key)) throw new LedgerInputError(`key "${item.key}" appears twice in one push`, `/${name}/${index}/key`);
      seen.add(item.key);
      if (at(item as never) > inFuture) throw new LedgerInputError('more than a day in the future: is the clock right?', `/${name}/${index}`);
    });
  };
  check(request.attempts, 'attempts', (item: { at: number }) => item.at);
  check(request.calls, 'calls', (item: PushCall) => item.call.startedAt);
  check(request.flags, 'flags', (item: { at: number }) => item.at);
  const total = (request.attempts?.length ?? 0) + (request.calls?.length ?? 0) + (request.flags?.length ?? 0);
  if (total > 500) throw new LedgerInputError(`at most 500 items per push; this one has ${total}`, '');
  request.flags?.forEach((flag, index) => {
    if (flag.scope === 'number' && (flag.numberE164 === undefined || flag.debtorRef !== undefined)) {
      throw new LedgerInputError('a number flag names numberE164 and no debtorRef', `/flags/${index}`);
    }
    if (flag.scope === 'debtor' && (flag.debtorRef === undefined || flag.numberE164 !== undefined)) {
      throw new LedgerInputError('a debtor flag names debtorRef and no numberE164', `/flags/${index}`);
    }
  });
}

/** Advisory-lock class of the per-team flag feed (see migration 002, flag_events.seq). */
const FLAG_FEED_LOCK = 7_401_016;

/** Writes a batch; a key already stored (or a call revision not newer than the stored one) changes nothing. */
export async function push(client: pg.ClientBase, caller: Caller, request: PushRequest): Promise<PushResponse> {
  const fresh = new Set<string>();
  const attempts = request.attempts ?? [];
  if (attempts.length > 0) {
    const { rows } = await client.query<{ key: string }>(
      `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, debtor_ref, outcome, call_id)
       SELECT $1, $2, r.key, onscript.from_epoch_ms(r.at), r.number, r.debtor, r.outcome, r.call
         FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
              AS r(key, at, number, debtor, outcome, call)
       ON CONFLICT DO NOTHING
       RETURNING key`,
      [
        caller.teamId,
        caller.agentId,
        attempts.map((a) => a.key),
        attempts.map((a) => a.at),
        attempts.map((a) => a.numberE164),
        attempts.map((a) => a.debtorRef ?? null),
        attempts.map((a) => a.outcome),
        attempts.map((a) => a.callId ?? null),
      ],
    );
    for (const row of rows) fresh.add(row.key);
  }

  const calls = newestRevisions(request.calls ?? []);
  if (calls.length > 0) {
    const records = calls.map((item) => ({
      key: item.key,
      revision: item.revision,
      call_id: item.call.id,
      started_at: item.call.startedAt,
      connected_at: item.call.connectedAt ?? null,
      ended_at: item.call.endedAt ?? null,
      number_e164: item.call.numberE164 ?? null,
      debtor_ref: item.call.debtorRef ?? null,
      disposition: item.call.disposition ?? null,
      promise_amount: item.call.promiseToPay?.amount ?? null,
      promise_currency: item.call.promiseToPay?.currency ?? null,
      overrides: item.call.complianceEvents?.filter((event) => event.kind === 'override').length ?? 0,
      record: item.call,
    }));
    const { rows } = await client.query<{ key: string }>(
      `INSERT INTO onscript.calls AS c (team_id, agent_id, call_id, revision, started_at, connected_at, ended_at, number_e164,
                                        debtor_ref, disposition, promise_amount, promise_currency, overrides, record)
       SELECT $1, $2, r.call_id, r.revision, onscript.from_epoch_ms(r.started_at), onscript.from_epoch_ms(r.connected_at),
              onscript.from_epoch_ms(r.ended_at), r.number_e164, r.debtor_ref, r.disposition, r.promise_amount,
              r.promise_currency, r.overrides, r.record
         FROM jsonb_to_recordset($3::jsonb) AS r(key text, revision bigint, call_id text, started_at bigint, connected_at bigint,
              ended_at bigint, number_e164 text, debtor_ref text, disposition text, promise_amount numeric,
              promise_currency text, overrides integer, record jsonb)
       ON CONFLICT (agent_id, call_id) DO UPDATE SET
              revision = excluded.revision, started_at = excluded.started_at, connected_at = excluded.connected_at,
              ended_at = excluded.ended_at, number_e164 = excluded.number_e164, debtor_ref = excluded.debtor_ref,
              disposition = excluded.disposition, promise_amount = excluded.promise_amount,
              promise_currency = excluded.promise_currency, overrides = excluded.overrides, record = excluded.record,
              received_at = now()
        WHERE c.revision < excluded.revision
       RETURNING call_id`,
      [caller.teamId, caller.agentId, JSON.stringify(records)],
    );
    const keyOf = new Map(records.map((record) => [record.call_id, record.key]));
    for (const row of rows as unknown as { call_id: string }[]) fresh.add(keyOf.get(row.call_id)!);
  }

  const flags = request.flags ?? [];
  if (flags.length > 0) {
    // Sequence order = commit order within the team, so a poller's cursor never passes a row still to commit.
    await client.query('SELECT pg_advisory_xact_lock($1, $2::integer)', [FLAG_FEED_LOCK, Number(caller.teamId) | 0]);
    const { rows } = await client.query<{ key: string }>(
      `INSERT INTO onscript.flag_events (team_id, agent_id, key, op, scope, number_e164, debtor_ref, reason, at, note)
       SELECT $1, $2, r.key, r.op, r.scope, r.number_e164, r.debtor_ref, r.reason, onscript.from_epoch_ms(r.at), r.note
         FROM jsonb_to_recordset($3::jsonb)
              AS r(key text, op text, scope text, number_e164 text, debtor_ref text, reason text, at bigint, note text, n bigint)
        ORDER BY r.n
       ON CONFLICT (agent_id, key) DO NOTHING
       RETURNING key`,
      [
        caller.teamId,
        caller.agentId,
        JSON.stringify(
          flags.map((flag, n) => ({
            n,
            key: flag.key,
            op: flag.op,
            scope: flag.scope,
            number_e164: flag.numberE164 ?? null,
            debtor_ref: flag.debtorRef ?? null,
            reason: flag.reason,
            at: flag.at,
            note: flag.note ?? null,
          })),
        ),
      ],
    );
    for (const row of rows) fresh.add(row.key);
  }

  const all = [...attempts, ...(request.calls ?? []), ...flags].map((item) => item.key);
  return { new: all.filter((key) => fresh.has(key)), duplicate: all.filter((key) => !fresh.has(key)) };
}

/** Keeps, per call id, the item with the highest revision (one upsert may touch a row only once). */
function newestRevisions(calls: PushCall[]): PushCall[] {
  const newest = new Map<string, PushCall>();
  for (const item of calls) {
    const held = newest.get(item.call.id);
    if (!held || held.revision < item.revision) newest.set(item.call.id, item);
  }
  return [...newest.values()];
}

/**
 * The counts query: the team's attempts on a debtor and/or a number in a window, per local day, outcome and
 * relation to the query, the latest conversations, and the flags in force. ONE statement: the attempts part is a
 * BitmapOr of the (team, debtor, at) and (team, number, at) indexes over the partitions the window touches; the
 * flags part reads the partial flag indexes.
 */
export async function counts(client: pg.ClientBase, caller: Caller, query: CountsRequest, now: number): Promise<CountsResponse> {
  const { rows } = await client.query<{
    buckets: RawBucket[] | null;
    own: RawOwn[] | null;
    last_debtor: string | null;
    last_number: string | null;
    flags: RawFlag[] | null;
  }>({
    // Named: prepared once per connection, so planning (partition pruning over every month) is not paid per dial.
    name: 'onscript-counts-v2',
    text: `WITH hits AS (
       SELECT a.at, a.outcome, a.agent_id, a.key,
              CASE WHEN a.debtor_ref IS NULL THEN 'none' WHEN a.debtor_ref = $2 THEN 'same' ELSE 'other' END AS debtor,
              coalesce(a.number_e164 = $3, false) AS same_number
         FROM onscript.attempts a
        WHERE a.team_id = $1
          AND a.at >= onscript.from_epoch_ms($4) AND a.at < onscript.from_epoch_ms($5)
          AND (a.debtor_ref = $2 OR a.number_e164 = $3)
     ), buckets AS (
       SELECT to_char(h.at AT TIME ZONE $6, 'YYYY-MM-DD') AS day, h.outcome, h.debtor, h.same_number,
              count(*) AS count, onscript.epoch_ms(max(h.at)) AS last_at
         FROM hits h GROUP BY 1, 2, 3, 4
     ), latest_flags AS (
       SELECT DISTINCT ON (f.scope, f.number_e164, f.debtor_ref, f.reason)
              f.op, f.scope, f.number_e164, f.debtor_ref, f.reason, f.at, f.note, f.agent_id
         FROM onscript.flag_events f
        WHERE f.team_id = $1 AND f.at <= onscript.from_epoch_ms($7)
          AND ((f.scope = 'number' AND f.number_e164 = $3) OR (f.scope = 'debtor' AND f.debtor_ref = $2))
        ORDER BY f.scope, f.number_e164, f.debtor_ref, f.reason, f.at DESC, f.seq DESC
     )
     SELECT (SELECT json_agg(b ORDER BY b.day, b.outcome, b.debtor, b.same_number) FROM buckets b) AS buckets,
            (SELECT json_agg(o) FROM (
               SELECT h.key, to_char(h.at AT TIME ZONE $6, 'YYYY-MM-DD') AS day, onscript.epoch_ms(h.at) AS at, h.outcome,
                      h.debtor, h.same_number
                 FROM hits h WHERE h.agent_id = $8 ORDER BY h.at DESC LIMIT $9) o) AS own,
            (SELECT onscript.epoch_ms(max(h.at)) FROM hits h WHERE h.outcome = 'conversation' AND h.debtor = 'same') AS last_debtor,
            (SELECT onscript.epoch_ms(max(h.at)) FROM hits h WHERE h.outcome = 'conversation' AND h.same_number) AS last_number,
            (SELECT json_agg(json_build_object('scope', l.scope, 'number_e164', l.number_e164, 'debtor_ref', l.debtor_ref,
                     'reason', l.reason, 'set_at', onscript.epoch_ms(l.at), 'note', l.note, 'set_by', ag.name) ORDER BY l.at)
               FROM latest_flags l JOIN onscript.agents ag ON ag.id = l.agent_id WHERE l.op = 'set') AS flags`,
    values: [caller.teamId, query.debtorRef ?? null, query.numberE164 ?? null, query.from, query.to, query.timeZone, now, caller.agentId, HUB_LIMITS.ownAttempts],
  });
  const row = rows[0]!;
  const buckets: CountsBucket[] = (row.buckets ?? []).map((b) => ({
    day: b.day,
    outcome: b.outcome,
    debtor: b.debtor,
    sameNumber: b.same_number,
    count: Number(b.count),
    lastAt: Number(b.last_at),
  }));
  const flags: ActiveFlag[] = (row.flags ?? []).map((f) => {
    const flag: ActiveFlag = { reason: f.reason, scope: f.scope, setAt: Number(f.set_at), setBy: f.set_by };
    if (f.number_e164 !== null) flag.phoneE164 = f.number_e164;
    if (f.debtor_ref !== null) flag.debtorRef = f.debtor_ref;
    if (f.note !== null) flag.note = f.note;
    return flag;
  });
  const own: OwnAttempt[] = (row.own ?? []).map((o) => ({
    key: o.key,
    day: o.day,
    at: Number(o.at),
    outcome: o.outcome,
    debtor: o.debtor,
    sameNumber: o.same_number,
  }));
  return {
    buckets,
    own,
    lastConversationWithDebtorAt: row.last_debtor === null ? null : Number(row.last_debtor),
    lastConversationOnNumberAt: row.last_number === null ? null : Number(row.last_number),
    flags,
    asOf: now,
  };
}

interface RawBucket {
  day: string;
  outcome: CountsBucket['outcome'];
  debtor: CountsBucket['debtor'];
  same_number: boolean;
  count: number | string;
  last_at: number | string;
}

interface RawOwn {
  key: string;
  day: string;
  at: number | string;
  outcome: OwnAttempt['outcome'];
  debtor: OwnAttempt['debtor'];
  same_number: boolean;
}

interface RawFlag {
  scope: ActiveFlag['scope'];
  number_e164: string | null;
  debtor_ref: string | null;
  reason: ActiveFlag['reason'];
  set_at: number | string;
  note: string | null;
  set_by: string;
}

/** The team's flag events after `after` (a cursor from an earlier page, or none for the start), oldest first. */
export async function flagsSince(client: pg.ClientBase, caller: Caller, after: string | undefined, limit: number): Promise<FlagsResponse> {
  const { rows } = await client.query<{
    seq: string; op: FlagEvent['op']; scope: FlagEvent['scope']; number_e164: string | null; debtor_ref: string | null;
    reason: FlagEvent['reason']; at: string; note: string | null; agent: string; received_at: string;
  }>(
    `SELECT f.seq, f.op, f.scope, f.number_e164, f.debtor_ref, f.reason, onscript.epoch_ms(f.at) AS at, f.note,
            a.name AS agent, onscript.epoch_ms(f.received_at) AS received_at
       FROM onscript.flag_events f JOIN onscript.agents a ON a.id = f.agent_id
      WHERE f.team_id = $1 AND f.seq > $2::bigint
      ORDER BY f.seq LIMIT $3`,
    [caller.teamId, after ?? '0', limit + 1],
  );
  const page = rows.slice(0, limit);
  const events = page.map((row) => {
    const event: FlagEvent = {
      cursor: row.seq,
      op: row.op,
      scope: row.scope,
      reason: row.reason,
      at: Number(row.at),
      agent: row.agent,
      receivedAt: Number(row.received_at),
    };
    if (row.number_e164 !== null) event.numberE164 = row.number_e164;
    if (row.debtor_ref !== null) event.debtorRef = row.debtor_ref;
    if (row.note !== null) event.note = row.note;
    return event;
  });
  return { events, cursor: page.at(-1)?.seq ?? after ?? '0', more: rows.length > limit };
}
