/**
 * When the outbox is pushed again and what a failed push means: back-off while the hub is down or busy, stop
 * while the token is refused, and set aside the items the hub says it will never take (kept and reported, not
 * retried forever). The state is plain data the background keeps in IndexedDB, since the worker may be stopped
 * between two alarms. Pure: `now` and the random jitter are parameters.
 */
import type { HubErrorCode, HubErrorDetail } from '../../hub/api/types';

/** First retry delay after a failure. Chrome runs a packed extension's alarms 30 s apart at the least. */
export const BACKOFF_BASE_MS = 5_000;
/** The longest wait between two tries while the hub stays unreachable (a day offline is ~300 tries). */
export const BACKOFF_MAX_MS = 5 * 60_000;
/** Items in one push (the hub takes 500; smaller keeps one request short on a slow link). */
export const BATCH_LIMIT = 200;

/** How the last contact with the hub went, as the panel shows it. */
export type HubReach = 'unknown' | 'ok' | 'unreachable';

/** Why pushing stopped until the agent acts (enrolls again). */
export type SyncStop = 'revoked' | 'unauthorized' | 'forbidden';

/** The sync loop's state, persisted between worker lives. */
export interface SyncState {
  /** Failed tries in a row (0 after a success). */
  failures: number;
  /** Not before this instant (back-off, or the hub's Retry-After). */
  nextAttemptAt?: number;
  /** The last push the hub answered (or the last time there was nothing to send and the hub answered). */
  lastSyncAt?: number;
  lastAttemptAt?: number;
  lastError?: { at: number; code: string; message: string };
  hub: HubReach;
  /** Items per push while looking for an item the hub refuses without naming it (halved each time). */
  batchLimit?: number;
  stopped?: SyncStop;
  /** When the kept counts were last pruned (daily). */
  prunedAt?: number;
}

/** A fresh state (just enrolled). */
export const INITIAL_SYNC_STATE: SyncState = { failures: 0, hub: 'unknown' };

/** The delay before try number `failures + 1`: doubling from {@link BACKOFF_BASE_MS}, capped, ±20 % jitter. */
export function backoffDelay(failures: number, random: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exponent);
  return Math.round(delay * (0.8 + 0.4 * Math.min(1, Math.max(0, random))));
}

/** A failed push as the client reports it (hub/api/client.ts `HubRequestError`). */
export interface PushFailure {
  code: HubErrorCode | 'network';
  status: number;
  message: string;
  details: readonly HubErrorDetail[];
  retryAfterMs?: number;
}

/** What to do about a failure. */
export type FailurePlan =
  /** The hub is down, busy or unreachable: try again at `at`; nothing is lost meanwhile. */
  | { kind: 'retry'; at: number }
  /** The token is refused: stop until the agent enrolls again (the items stay). */
  | { kind: 'stop'; reason: SyncStop }
  /** The hub refused these items (by the paths it named): keep them aside, send the rest at once. */
  | { kind: 'refuse'; paths: string[] }
  /** The hub refused the batch without naming an item: send it in halves to find the item. */
  | { kind: 'split' }
  /** A single item the hub refuses without naming it: keep it aside. */
  | { kind: 'refuse-all' };

/** Decides what a failed push of `batchSize` items means. `failures` counts this one. */
export function planFailure(failure: PushFailure, batchSize: number, failures: number, now: number, random: number): FailurePlan {
  switch (failure.code) {
    case 'revoked':
      return { kind: 'stop', reason: 'revoked' };
    case 'unauthorized':
      return { kind: 'stop', reason: 'unauthorized' };
    case 'forbidden':
      return { kind: 'stop', reason: 'forbidden' };
    case 'invalid-request':
    case 'payload-too-large':
    case 'unsupported-media-type': {
      const paths = failure.details.map((detail) => detail.path).filter((path) => /^\/(attempts|calls|flags)\/\d+/.test(path));
      if (failure.code === 'invalid-request' && paths.length > 0) return { kind: 'refuse', paths };
      return batchSize > 1 ? { kind: 'split' } : { kind: 'refuse-all' };
    }
    default: {
      // network, unavailable, rate-limited, internal, not-found (a proxy in the way), anything new: the hub may
      // take the same items later.
      const wait = Math.max(backoffDelay(failures, random), failure.retryAfterMs ?? 0);
      return { kind: 'retry', at: now + wait };
    }
  }
}

/** The state after a push the hub answered. */
export function afterSuccess(state: SyncState, now: number): SyncState {
  const { lastError: _lastError, nextAttemptAt: _next, stopped: _stopped, ...rest } = state;
  return { ...rest, failures: 0, hub: 'ok', lastSyncAt: now, lastAttemptAt: now };
}

/** The state after a failed push, with the plan for it. */
export function afterFailure(state: SyncState, failure: PushFailure, plan: FailurePlan, now: number): SyncState {
  const lastError = { at: now, code: failure.code, message: failure.message };
  if (plan.kind === 'retry') {
    const reachable = failure.code !== 'network' && failure.code !== 'unavailable';
    return { ...state, failures: state.failures + 1, nextAttemptAt: plan.at, lastAttemptAt: now, lastError, hub: reachable ? 'ok' : 'unreachable' };
  }
  if (plan.kind === 'stop') return { ...state, lastAttemptAt: now, lastError, hub: 'ok', stopped: plan.reason };
  // The hub answered: it is reachable, and the rest of the outbox goes on at once. Halving stops once the item
  // is found (batches start at the oldest row, so the bad one is reached before the limit grows again).
  const { batchLimit: _limit, ...rest } = state;
  const next: SyncState = { ...rest, lastAttemptAt: now, lastError, hub: 'ok' };
  if (plan.kind === 'split') next.batchLimit = Math.max(1, Math.floor((state.batchLimit ?? BATCH_LIMIT) / 2));
  return next;
}
