/**
 * The team outbox as data: what is queued for the Team Hub, in the same IndexedDB transaction as the local write
 * it stands for (lib/db/outbox.ts writes the rows), how a batch is chosen, how it becomes one `POST /v1/push` with
 * idempotency keys, and what an answer settles. Pure: records, rows and `now` come in as parameters.
 *
 * Three kinds of rows. An **attempt** (a finished outbound call, with its outcome) is queued once, when the call
 * ends; a **call** row stands for "this call record changed" and is replaced by every later change of the same
 * call (one row per call, the newest revision), the record itself is read when the batch is sent; a **flag** row
 * is one do-not-call flag set or cleared. Each row's push key is stable, so a resend after a lost answer changes
 * nothing on the hub.
 */
import type { HubCallRecord, PushAttempt, PushCall, PushFlag, PushRequest } from '../../hub/api/types';

/** What kind of item a row queues. */
export type OutboxKind = 'attempt' | 'call' | 'flag';

/** Why an item was refused (by the hub, or before sending): kept and reported, never sent again. */
export interface OutboxRefusal {
  at: number;
  /** The hub's error code, or `local` when the browser could not form a valid item. */
  code: string;
  message: string;
}

interface OutboxRowBase {
  /** The row's key in the store: `attempt:<callId>`, `call:<callId>`, `flag:<flagId>:<op>`. */
  id: string;
  /** Position in the outbox (grows with every row queued; also a call row's revision on the hub). */
  seq: number;
  refused?: OutboxRefusal;
}

/** A dial and its outcome at hang-up (sent as the record says at sending time, when the record is still here). */
export interface AttemptOutboxRow extends OutboxRowBase {
  kind: 'attempt';
  callId: string;
  attempt: Omit<PushAttempt, 'key' | 'callId'>;
  /** Not sent before this instant: a connected call waits for its wrap-up to settle its outcome. */
  notBefore?: number;
}

/** "This call record changed": the newest version is read from the calls store when the batch is sent. */
export interface CallOutboxRow extends OutboxRowBase {
  kind: 'call';
  callId: string;
}

/** A do-not-call flag set or cleared, as it was at that moment. */
export interface FlagOutboxRow extends OutboxRowBase {
  kind: 'flag';
  flag: Omit<PushFlag, 'key'>;
}

/** One queued item. */
export type OutboxRow = AttemptOutboxRow | CallOutboxRow | FlagOutboxRow;

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** A row as a writer asks for it; the outbox gives it its sequence number inside the transaction. */
export type OutboxRequest = WithoutSeq<OutboxRow>;

/** How long a connected call's attempt waits for a disposition before it is sent as hang-up left it. */
export const SETTLE_MS = 45_000;

/** The idempotency keys the hub accepts. */
const KEY = /^[A-Za-z0-9._:-]{1,128}$/;
const E164 = /^\+[1-9][0-9]{1,14}$/;

/** Queues "this call changed". */
export function callChanged(callId: string): OutboxRequest {
  return { id: `call:${callId}`, kind: 'call', callId };
}

/** What a finished call tells the outbox about its attempt. */
export interface EndedCall {
  id: string;
  connectedAt?: number;
  endedAt?: number;
  disposition?: string;
}

/**
 * Queues a finished call's attempt. A call that connected waits {@link SETTLE_MS} for a disposition (a
 * "voicemail" wrap-up turns the signalling's conversation into a voicemail, and the hub's attempts never change
 * once stored); one that never connected, or already has its disposition, goes at once.
 */
export function attemptMade(call: EndedCall, attempt: AttemptOutboxRow['attempt']): OutboxRequest {
  const request: OutboxRequest = { id: `attempt:${call.id}`, kind: 'attempt', callId: call.id, attempt };
  if (call.connectedAt !== undefined && call.disposition === undefined && call.endedAt !== undefined) request.notBefore = call.endedAt + SETTLE_MS;
  return request;
}

/** A flag as the compliance store keeps it. */
export interface FlagFacts {
  id: string;
  reason: PushFlag['reason'];
  scope: PushFlag['scope'];
  phoneE164?: string;
  debtorRef?: string;
  note?: string;
}

/** Queues a flag set (at `setAt`) or cleared (at `clearedAt`). */
export function flagChanged(flag: FlagFacts, op: PushFlag['op'], at: number): OutboxRequest {
  const item: Omit<PushFlag, 'key'> = { op, scope: flag.scope, reason: flag.reason, at };
  if (flag.scope === 'number' && flag.phoneE164 !== undefined) item.numberE164 = flag.phoneE164;
  if (flag.scope === 'debtor' && flag.debtorRef !== undefined) item.debtorRef = flag.debtorRef;
  if (flag.note) item.note = flag.note.slice(0, 500);
  return { id: `flag:${flag.id}:${op}`, kind: 'flag', flag: item };
}

/** The key a row is pushed under: a call row's key names its revision, so each version is a distinct item. */
export function pushKeyOf(row: OutboxRow): string {
  return row.kind === 'call' ? `${row.id}:${row.seq}` : row.id;
}

/** Rows waiting to be sent (not refused), whether due yet or not. */
export function pendingRows(rows: readonly OutboxRow[]): OutboxRow[] {
  return rows.filter((row) => row.refused === undefined);
}

/**
 * The next batch: due rows (past `notBefore`), flags first (a cease request matters most), then in queue order;
 * at most `limit`.
 */
export function selectBatch(rows: readonly OutboxRow[], now: number, limit: number): OutboxRow[] {
  const due = pendingRows(rows).filter((row) => row.kind !== 'attempt' || (row.notBefore ?? 0) <= now);
  const rank = (row: OutboxRow) => (row.kind === 'flag' ? 0 : 1);
  return due.sort((a, b) => rank(a) - rank(b) || a.seq - b.seq).slice(0, Math.max(1, limit));
}

/** When the first pending row that is not due yet becomes due, if any. */
export function nextDueAt(rows: readonly OutboxRow[], now: number): number | undefined {
  const waiting = pendingRows(rows)
    .map((row) => (row.kind === 'attempt' ? (row.notBefore ?? 0) : 0))
    .filter((at) => at > now);
  return waiting.length > 0 ? Math.min(...waiting) : undefined;
}

/** What the records say now, for the rows of a batch (absent: the record is gone, e.g. purged). */
export interface BatchSources<Call> {
  /** The call records the batch's attempt and call rows name, by id. */
  calls: ReadonlyMap<string, Call>;
  /** The call as the hub takes it (lib/team/hub-records.ts), or a reason it cannot be sent. */
  toHubCall(call: Call): HubCallRecord | { error: string };
  /** The attempt the record stands for now (outcome, debtor reference), if it still counts as one. */
  toAttempt(call: Call): AttemptOutboxRow['attempt'] | undefined;
}

/** One item of a push and where it sits in the request (the hub names bad items by this path). */
export interface SentItem {
  row: OutboxRow;
  key: string;
  /** `/attempts/3`, `/calls/0`, `/flags/1`. */
  path: string;
}

/** A batch made into one push request. */
export interface PreparedPush {
  request: PushRequest;
  sent: SentItem[];
  /** Rows with nothing left to send (a call row whose record is gone): dropped. */
  dropped: OutboxRow[];
  /** Rows no hub would accept (no E.164 number, a bad key): refused here, kept and reported. */
  refused: { row: OutboxRow; message: string }[];
}

/** Builds the push for a batch, reading each call's record as it is now. */
export function preparePush<Call>(batch: readonly OutboxRow[], sources: BatchSources<Call>): PreparedPush {
  const attempts: PushAttempt[] = [];
  const calls: PushCall[] = [];
  const flags: PushFlag[] = [];
  const sent: SentItem[] = [];
  const dropped: OutboxRow[] = [];
  const refused: { row: OutboxRow; message: string }[] = [];
  for (const row of batch) {
    const key = pushKeyOf(row);
    if (!KEY.test(key)) {
      refused.push({ row, message: `the item's key ${JSON.stringify(key.slice(0, 40))} is not one the hub accepts` });
      continue;
    }
    if (row.kind === 'flag') {
      if ((row.flag.numberE164 ?? row.flag.debtorRef) === undefined || (row.flag.numberE164 !== undefined && !E164.test(row.flag.numberE164))) {
        refused.push({ row, message: 'the flag names no E.164 number or debtor reference' });
        continue;
      }
      sent.push({ row, key, path: `/flags/${flags.length}` });
      flags.push({ key, ...row.flag });
      continue;
    }
    const record = sources.calls.get(row.callId);
    if (row.kind === 'call') {
      if (record === undefined) {
        dropped.push(row);
        continue;
      }
      const call = sources.toHubCall(record);
      if ('error' in call) {
        refused.push({ row, message: call.error });
        continue;
      }
      sent.push({ row, key, path: `/calls/${calls.length}` });
      calls.push({ key, revision: row.seq, call });
      continue;
    }
    // An attempt goes as its record says now (the wrap-up may have set the debtor or the outcome since hang-up),
    // or as queued when the record is gone.
    const attempt = record === undefined ? row.attempt : (sources.toAttempt(record) ?? row.attempt);
    if (!E164.test(attempt.numberE164)) {
      refused.push({ row, message: `the number ${JSON.stringify(attempt.numberE164.slice(0, 40))} could not be read as E.164` });
      continue;
    }
    sent.push({ row, key, path: `/attempts/${attempts.length}` });
    attempts.push({ key, ...attempt, callId: row.callId });
  }
  const request: PushRequest = {};
  if (attempts.length > 0) request.attempts = attempts;
  if (calls.length > 0) request.calls = calls;
  if (flags.length > 0) request.flags = flags;
  return { request, sent, dropped, refused };
}

/** The rows a successful answer settles: every key the hub named, new or duplicate, is on the hub now. */
export function settledBy(sent: readonly SentItem[], answer: { new: readonly string[]; duplicate: readonly string[] }): OutboxRow[] {
  const onHub = new Set([...answer.new, ...answer.duplicate]);
  return sent.filter((item) => onHub.has(item.key)).map((item) => item.row);
}

/** The sent items a refusal's details name (`/attempts/3/numberE164` names `/attempts/3`). */
export function itemsNamed(sent: readonly SentItem[], paths: readonly string[]): SentItem[] {
  return sent.filter((item) => paths.some((path) => path === item.path || path.startsWith(`${item.path}/`)));
}

/** How many distinct calls have something not yet sent, and how many items of each kind. */
export interface OutboxCounts {
  /** Calls with an attempt or a record change waiting. */
  calls: number;
  attempts: number;
  callChanges: number;
  flags: number;
  /** Items refused and kept. */
  refused: number;
}

/** Counts what waits in the outbox, for the panel's "3 calls not yet sent". */
export function countOutbox(rows: readonly OutboxRow[]): OutboxCounts {
  const pending = pendingRows(rows);
  const callIds = new Set(pending.flatMap((row) => (row.kind === 'flag' ? [] : [row.callId])));
  return {
    calls: callIds.size,
    attempts: pending.filter((row) => row.kind === 'attempt').length,
    callChanges: pending.filter((row) => row.kind === 'call').length,
    flags: pending.filter((row) => row.kind === 'flag').length,
    refused: rows.length - pending.length,
  };
}
