import { describe, expect, it } from 'vitest';
import type { HubCallRecord } from '../../../hub/api/types';
import {
  attemptMade,
  callChanged,
  countOutbox,
  flagChanged,
  itemsNamed,
  nextDueAt,
  preparePush,
  pushKeyOf,
  selectBatch,
  settledBy,
  SETTLE_MS,
  type OutboxRequest,
  type OutboxRow,
} from '../../../lib/team/outbox';

const T = 1_750_000_000_000;
const row = (value: OutboxRequest, seq: number): OutboxRow => ({ ...value, seq }) as OutboxRow;
const attempt = { at: T, numberE164: '+12125550100', outcome: 'unanswered' as const };

interface Rec {
  id: string;
  number?: string;
  gone?: boolean;
}
const sources = (records: Rec[]) => ({
  calls: new Map(records.filter((r) => !r.gone).map((r) => [r.id, r] as const)),
  toHubCall: (r: Rec): HubCallRecord | { error: string } =>
    r.number === 'bad' ? { error: 'no start' } : { id: r.id, direction: 'outbound', remoteNumber: r.number ?? '', startedAt: T },
  toAttempt: (r: Rec) => (r.number ? { ...attempt, numberE164: r.number, debtorRef: 'NOW-KNOWN' } : undefined),
});

describe('outbox rows', () => {
  it('gives each kind a stable push key; a call row’s key names its revision', () => {
    expect(pushKeyOf(row(callChanged('c1'), 7))).toBe('call:c1:7');
    expect(pushKeyOf(row(attemptMade({ id: 'c1' }, attempt), 8))).toBe('attempt:c1');
    const flag = flagChanged({ id: 'f1', reason: 'cease-request', scope: 'number', phoneE164: '+12125550100', debtorRef: 'ignored' }, 'clear', T);
    expect(pushKeyOf(row(flag, 9))).toBe('flag:f1:clear');
    expect(flag).toMatchObject({ flag: { op: 'clear', scope: 'number', numberE164: '+12125550100', at: T } });
    expect('debtorRef' in (flag as { flag: object }).flag).toBe(false);
  });

  it('holds a connected call’s attempt for its wrap-up, and sends the others at once', () => {
    expect(attemptMade({ id: 'a', connectedAt: T, endedAt: T + 60_000 }, attempt)).toMatchObject({ notBefore: T + 60_000 + SETTLE_MS });
    expect(attemptMade({ id: 'b', connectedAt: T, endedAt: T + 60_000, disposition: 'PTP' }, attempt)).not.toHaveProperty('notBefore');
    expect(attemptMade({ id: 'c', endedAt: T + 5_000 }, attempt)).not.toHaveProperty('notBefore');
  });

  it('picks due rows, flags first then in queue order, leaving refused and waiting rows', () => {
    const rows: OutboxRow[] = [
      row(callChanged('c1'), 1),
      { ...row(attemptMade({ id: 'c2', connectedAt: T, endedAt: T }, attempt), 2) },
      row(flagChanged({ id: 'f', reason: 'wrong-number', scope: 'number', phoneE164: '+12125550100' }, 'set', T), 3),
      { ...row(callChanged('c3'), 4), refused: { at: T, code: 'local', message: 'x' } },
      row(attemptMade({ id: 'c4' }, attempt), 5),
    ];
    expect(selectBatch(rows, T, 10).map((r) => r.id)).toEqual(['flag:f:set', 'call:c1', 'attempt:c4']);
    expect(selectBatch(rows, T + SETTLE_MS, 2).map((r) => r.id)).toEqual(['flag:f:set', 'call:c1']);
    expect(selectBatch(rows, T + SETTLE_MS, 10).map((r) => r.id)).toContain('attempt:c2');
    expect(nextDueAt(rows, T)).toBe(T + SETTLE_MS);
    expect(nextDueAt(rows, T + SETTLE_MS)).toBeUndefined();
    expect(countOutbox(rows)).toEqual({ calls: 3, attempts: 2, callChanges: 1, flags: 1, refused: 1 });
  });

  it('makes a batch one push: records read as they are now, gone calls dropped, unsendable items refused here', () => {
    const batch: OutboxRow[] = [
      row(callChanged('live'), 1),
      row(callChanged('purged'), 2),
      row(callChanged('broken'), 3),
      row(attemptMade({ id: 'live' }, attempt), 4),
      row(attemptMade({ id: 'purged' }, { ...attempt, outcome: 'voicemail' }), 5),
      row(attemptMade({ id: 'nonumber' }, { ...attempt, numberE164: '13800138000' }), 6),
      row(flagChanged({ id: 'f', reason: 'cease-request', scope: 'debtor', debtorRef: 'D-9' }, 'set', T), 7),
    ];
    const prepared = preparePush(batch, sources([{ id: 'live', number: '+12125550111' }, { id: 'broken', number: 'bad' }, { id: 'nonumber' }]));
    expect(prepared.request.calls).toEqual([{ key: 'call:live:1', revision: 1, call: { id: 'live', direction: 'outbound', remoteNumber: '+12125550111', startedAt: T } }]);
    // The live record's attempt goes as the record says now (its debtor reference arrived after hang-up); the purged
    // one as it was queued.
    expect(prepared.request.attempts).toEqual([
      { key: 'attempt:live', at: T, numberE164: '+12125550111', outcome: 'unanswered', debtorRef: 'NOW-KNOWN', callId: 'live' },
      { key: 'attempt:purged', ...attempt, outcome: 'voicemail', callId: 'purged' },
    ]);
    expect(prepared.request.flags).toEqual([{ key: 'flag:f:set', op: 'set', scope: 'debtor', debtorRef: 'D-9', reason: 'cease-request', at: T }]);
    expect(prepared.dropped.map((r) => r.id)).toEqual(['call:purged']);
    expect(prepared.refused.map((r) => [r.row.id, r.message])).toEqual([
      ['call:broken', 'no start'],
      ['attempt:nonumber', 'the number "13800138000" could not be read as E.164'],
    ]);
    expect(prepared.sent.map((item) => [item.key, item.path])).toEqual([
      ['call:live:1', '/calls/0'],
      ['attempt:live', '/attempts/0'],
      ['attempt:purged', '/attempts/1'],
      ['flag:f:set', '/flags/0'],
    ]);
    // Every key the hub names, new or duplicate, is settled; the hub naming /attempts/1/numberE164 names that item.
    expect(settledBy(prepared.sent, { new: ['attempt:live'], duplicate: ['call:live:1'] }).map((r) => r.id)).toEqual(['call:live', 'attempt:live']);
    expect(itemsNamed(prepared.sent, ['/attempts/1/numberE164']).map((item) => item.key)).toEqual(['attempt:purged']);
  });

  it('refuses a key the hub would never take instead of sending it', () => {
    const prepared = preparePush([row(callChanged('has space'), 1)], sources([{ id: 'has space', number: '+1' }]));
    expect(prepared.sent).toEqual([]);
    expect(prepared.refused[0]?.message).toMatch(/key/);
  });
});
