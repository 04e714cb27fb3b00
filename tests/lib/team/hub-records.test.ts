import { describe, expect, it } from 'vitest';
import { attemptOfCall, HUB_CALL_LIMITS, toHubCall } from '../../../lib/team/hub-records';
import type { ExportableCall } from '../../../lib/export/types';

const T = 1_750_000_000_000;
const record = (extra: Partial<ExportableCall> = {}): ExportableCall => ({
  id: 'c1',
  origin: 'https://dialer.example',
  source: 'sip-ws',
  direction: 'outbound',
  remoteNumber: '2125550100',
  numberE164: '+12125550100',
  phase: 'ended',
  startedAt: T,
  connectedAt: T + 5_000,
  endedAt: T + 65_000,
  updatedAt: T + 65_000,
  ...extra,
});

describe('what leaves the browser for the hub', () => {
  it('sends the export’s fields of a call record, and nothing else the record holds', () => {
    const call = toHubCall({
      ...record(),
      debtorRef: ' ACC-1 ',
      agentName: 'Ana',
      disposition: 'PTP',
      promiseToPay: { amount: '120.50', currency: 'USD', date: '2026-03-20' },
      notes: 'promised Friday',
      packId: 'us-collections',
      packVersion: '2.1.0',
      complianceEvents: [{ at: T, kind: 'warning', code: 'over-cap', detail: 'd' }],
      redactions: [{ kind: 'card', masked: '••••1111' }],
      ...({ variables: { 'customer.name': 'Jane' }, pageFields: { 'location.region': 'NY' }, scriptProgress: { step: 1 } } as object),
    } as ExportableCall);
    expect(call).toEqual({
      id: 'c1',
      direction: 'outbound',
      remoteNumber: '2125550100',
      numberE164: '+12125550100',
      startedAt: T,
      connectedAt: T + 5_000,
      endedAt: T + 65_000,
      debtorRef: 'ACC-1',
      agentName: 'Ana',
      disposition: 'PTP',
      promiseToPay: { amount: '120.50', currency: 'USD', date: '2026-03-20' },
      notes: 'promised Friday',
      packId: 'us-collections',
      packVersion: '2.1.0',
      complianceEvents: [{ at: T, kind: 'warning', code: 'over-cap', detail: 'd' }],
    });
  });

  it('fits the hub’s limits instead of having the item refused', () => {
    const events = Array.from({ length: 120 }, (_, i) => ({ at: T + i, kind: 'warning' as const, code: 'c', detail: 'x'.repeat(2000) }));
    const call = toHubCall(record({ notes: 'n'.repeat(30_000), numberE164: '12125550100', promiseToPay: { amount: '1,5', currency: 'usd', date: '2026-03-20' }, complianceEvents: events }));
    if ('error' in call) throw new Error(call.error);
    expect(call.notes).toHaveLength(HUB_CALL_LIMITS.notes);
    expect(call.complianceEvents).toHaveLength(HUB_CALL_LIMITS.events);
    expect(call.complianceEvents?.[0]?.at).toBe(T + 20);
    expect(call.complianceEvents?.[0]?.detail).toHaveLength(HUB_CALL_LIMITS.eventText);
    expect(call).not.toHaveProperty('numberE164');
    expect(call).not.toHaveProperty('promiseToPay');
    expect(toHubCall(record({ startedAt: 12 }))).toEqual({ error: 'the call record has no valid start time' });
  });

  it('counts a finished outbound call as the caps do, and nothing else', () => {
    expect(attemptOfCall(record({ debtorRef: 'D-1' }), 'US')).toEqual({ at: T, numberE164: '+12125550100', outcome: 'conversation', debtorRef: 'D-1' });
    expect(attemptOfCall(record({ connectedAt: undefined, endReason: 'rejected' }), 'US')).toMatchObject({ outcome: 'unanswered' });
    expect(attemptOfCall(record({ phase: 'connected' }), 'US')).toBeUndefined();
    // An inbound conversation counts as the caps count it (a conversation starts Reg F's 7-day pause).
    expect(attemptOfCall(record({ direction: 'inbound' }), 'US')).toMatchObject({ outcome: 'conversation' });
  });
});
