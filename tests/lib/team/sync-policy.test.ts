import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  afterSuccess,
  backoffDelay,
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  BATCH_LIMIT,
  INITIAL_SYNC_STATE,
  planFailure,
  type PushFailure,
} from '../../../lib/team/sync-policy';

const T = 1_750_000_000_000;
const failure = (code: PushFailure['code'], extra: Partial<PushFailure> = {}): PushFailure => ({ code, status: 0, message: code, details: [], ...extra });

describe('back-off', () => {
  it('doubles from the base to the cap, with jitter of at most a fifth either way', () => {
    expect(backoffDelay(1, 0.5)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(2, 0.5)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffDelay(4, 0.5)).toBe(8 * BACKOFF_BASE_MS);
    expect(backoffDelay(40, 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(1, 0)).toBe(0.8 * BACKOFF_BASE_MS);
    expect(backoffDelay(1, 1)).toBe(1.2 * BACKOFF_BASE_MS);
    // A day offline at the cap is a few hundred tries, never a storm.
    const day = 86_400_000;
    let elapsed = 0;
    let tries = 0;
    while (elapsed < day) elapsed += backoffDelay((tries += 1), 0.5);
    expect(tries).toBeLessThan(300);
  });
});

describe('what a failed push means', () => {
  it('retries later while the hub is down, busy or unreachable, honouring Retry-After', () => {
    expect(planFailure(failure('network'), 10, 1, T, 0.5)).toEqual({ kind: 'retry', at: T + BACKOFF_BASE_MS });
    expect(planFailure(failure('unavailable'), 10, 3, T, 0.5)).toEqual({ kind: 'retry', at: T + 4 * BACKOFF_BASE_MS });
    expect(planFailure(failure('rate-limited', { retryAfterMs: 60_000 }), 10, 1, T, 0.5)).toEqual({ kind: 'retry', at: T + 60_000 });
    expect(planFailure(failure('internal'), 10, 1, T, 0.5).kind).toBe('retry');
  });

  it('stops while the token is refused', () => {
    expect(planFailure(failure('revoked'), 10, 1, T, 0.5)).toEqual({ kind: 'stop', reason: 'revoked' });
    expect(planFailure(failure('unauthorized'), 10, 1, T, 0.5)).toEqual({ kind: 'stop', reason: 'unauthorized' });
  });

  it('sets aside the items the hub names, and halves an unnamed refusal down to the one item', () => {
    const named = failure('invalid-request', { details: [{ path: '/attempts/3/numberE164', message: 'bad' }, { path: '', message: 'x' }] });
    expect(planFailure(named, 10, 1, T, 0.5)).toEqual({ kind: 'refuse', paths: ['/attempts/3/numberE164'] });
    expect(planFailure(failure('invalid-request'), 10, 1, T, 0.5)).toEqual({ kind: 'split' });
    expect(planFailure(failure('payload-too-large'), 2, 1, T, 0.5)).toEqual({ kind: 'split' });
    expect(planFailure(failure('payload-too-large'), 1, 1, T, 0.5)).toEqual({ kind: 'refuse-all' });
  });

  it('keeps the state: failures count up and reset, the hub is unreachable only when it did not answer', () => {
    const down = afterFailure(INITIAL_SYNC_STATE, failure('network'), { kind: 'retry', at: T + 5 }, T);
    expect(down).toMatchObject({ failures: 1, nextAttemptAt: T + 5, hub: 'unreachable', lastError: { code: 'network' } });
    const busy = afterFailure(down, failure('rate-limited'), { kind: 'retry', at: T + 9 }, T);
    expect(busy).toMatchObject({ failures: 2, hub: 'ok' });
    const split = afterFailure(busy, failure('invalid-request'), { kind: 'split' }, T);
    expect(split.batchLimit).toBe(BATCH_LIMIT / 2);
    expect(afterFailure(split, failure('invalid-request'), { kind: 'split' }, T).batchLimit).toBe(BATCH_LIMIT / 4);
    expect(afterFailure(split, failure('invalid-request'), { kind: 'refuse-all' }, T)).not.toHaveProperty('batchLimit');
    const ok = afterSuccess(down, T + 10);
    expect(ok).toMatchObject({ failures: 0, hub: 'ok', lastSyncAt: T + 10 });
    expect(ok).not.toHaveProperty('nextAttemptAt');
    expect(ok).not.toHaveProperty('lastError');
    expect(afterFailure(INITIAL_SYNC_STATE, failure('revoked'), { kind: 'stop', reason: 'revoked' }, T)).toMatchObject({ stopped: 'revoked' });
  });
});
