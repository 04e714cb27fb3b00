import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createJsonExporter, exportJsonChunks, toExportedCall, type ExportedCall } from '../../../lib/export/json.ts';
import { EXPORT_COLUMNS, type ExportableCall } from '../../../lib/export/types.ts';

const call: ExportableCall = {
  id: 'call-7',
  direction: 'inbound',
  remoteNumber: '(415) 555-0100',
  numberE164: '+14155550100',
  phase: 'ended',
  startedAt: Date.UTC(2026, 10, 2, 14, 0, 0),
  connectedAt: Date.UTC(2026, 10, 2, 14, 0, 5),
  endedAt: Date.UTC(2026, 10, 2, 14, 3, 5),
  endReason: 'hangup',
  origin: 'https://dialer.example',
  source: 'sip-ws',
  updatedAt: 0,
  agentName: 'Ana',
  disposition: 'callback',
  callbackAt: Date.UTC(2026, 10, 3, 15, 30),
  packVersion: 4,
  notes: 'Call back "after lunch", ok?\n—',
  complianceEvents: [{ at: Date.UTC(2026, 10, 2, 14, 1), kind: 'block', code: 'cease-contact', detail: 'asked to stop' }],
  redactions: [],
};

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('toExportedCall', () => {
  it('types every field and uses null for absent ones', () => {
    const exported = toExportedCall(call, 'America/New_York');
    expect(Object.keys(exported)).toEqual([...EXPORT_COLUMNS]);
    expect(exported).toEqual<ExportedCall>({
      call_id: 'call-7',
      agent: 'Ana',
      started_at: '2026-11-02T09:00:00-05:00',
      ended_at: '2026-11-02T09:03:05-05:00',
      duration_s: 180,
      end_reason: 'hangup',
      direction: 'inbound',
      number_e164: '+14155550100',
      number_raw: '(415) 555-0100',
      debtor_ref: null,
      disposition: 'callback',
      promise_amount: null,
      promise_currency: null,
      promise_date: null,
      callback_at: '2026-11-03T10:30:00-05:00',
      pack_id: null,
      pack_version: 4,
      compliance_flags: [{ at: '2026-11-02T09:01:00-05:00', kind: 'block', code: 'cease-contact', detail: 'asked to stop', reason: null }],
      notes: 'Call back "after lunch", ok?\n—',
    });
  });

  it('names a call whose end nobody saw, and no reason while a call is live', () => {
    expect(toExportedCall({ ...call, endReason: 'ended-unknown', endedBy: 'unknown' }, 'UTC').end_reason).toBe('ended-unknown');
    const { endedAt: _ended, endReason: _reason, ...live } = call;
    expect(toExportedCall({ ...live, phase: 'connected' }, 'UTC').end_reason).toBeNull();
  });

  it('keeps the promised amount as an exact decimal string', () => {
    const exported = toExportedCall({ ...call, promiseToPay: { amount: '0.10', currency: 'USD', date: '2026-11-20' } }, 'UTC');
    expect(exported.promise_amount).toBe('0.10');
    expect(exported.promise_currency).toBe('USD');
    expect(exported.promise_date).toBe('2026-11-20');
  });
});

describe('exportJsonChunks', () => {
  it('produces a JSON array that parses back, in bounded chunks', async () => {
    const calls = Array.from({ length: 300 }, (_, i) => ({ ...call, id: `call-${i}`, notes: `备注 ${i} "q"` }));
    const progress: number[] = [];
    const chunks = await collect(
      exportJsonChunks(calls, { timeZone: 'Asia/Shanghai', chunkSize: 2048, onProgress: (done) => progress.push(done) }),
    );
    expect(chunks.length).toBeGreaterThan(10);
    const parsed = JSON.parse(chunks.join('')) as ExportedCall[];
    expect(parsed).toHaveLength(300);
    expect(parsed[299]!.call_id).toBe('call-299');
    expect(parsed[0]!.notes).toBe('备注 0 "q"');
    expect(parsed[0]!.started_at).toBe('2026-11-02T22:00:00+08:00');
    expect(progress.at(-1)).toBe(300);
  });

  it('is valid JSON for zero and one record', async () => {
    expect(JSON.parse((await collect(exportJsonChunks([], { timeZone: 'UTC' }))).join(''))).toEqual([]);
    expect(JSON.parse((await collect(exportJsonChunks([call], { timeZone: 'UTC' }))).join(''))).toHaveLength(1);
  });

  it('round-trips arbitrary notes', () => {
    const exporter = createJsonExporter({ timeZone: 'UTC' });
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }), (notes) => {
        const text = exporter.open() + notes.map((note, i) => exporter.row({ ...call, notes: note }, i)).join('') + exporter.close();
        expect((JSON.parse(text) as ExportedCall[]).map((row) => row.notes)).toEqual(notes);
      }),
    );
  });
});
