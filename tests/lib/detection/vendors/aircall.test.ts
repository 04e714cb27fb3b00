import { describe, expect, it } from 'vitest';
import { createVendorEventReader } from '../../../../lib/detection/vendor-events';
import { expectOrigins, feed } from '../../../fixtures/vendor-events';

const AIRCALL = 'https://workspace.aircall.io';

describe('Aircall Everywhere', () => {
  it('reads its own origins and no look-alike', () => {
    expectOrigins('aircall', [AIRCALL], ['http://workspace.aircall.io', 'https://workspace.aircall.io.evil.example']);
  });

  it('follows an inbound call answered, then ended', () => {
    const reader = createVendorEventReader();
    const signals = feed(reader, AIRCALL, [
      { name: 'apm_phone_incoming_call', value: { from: '+33612345678', to: '+33187654321', call_id: 981 } },
      { name: 'apm_phone_call_end_ringtone', value: { answer_status: 'answered', call_id: 981 } },
      { name: 'apm_phone_call_ended', value: { duration: 42, call_id: 981 } },
    ]);
    expect(signals.map((s) => [s.phase, s.callKey])).toEqual([
      ['ringing', '981'],
      ['connected', '981'],
      ['ended', '981'],
    ]);
    expect(signals[0]).toMatchObject({ direction: 'inbound', remote: '+33612345678', source: 'aircall' });
    expect(signals[2]).toMatchObject({ endReason: 'hangup' });
  });

  it('maps a refused and a caller-abandoned ring', () => {
    const reader = createVendorEventReader();
    const refused = feed(reader, AIRCALL, [
      { name: 'apm_phone_incoming_call', value: { from: '+33600000001', to: '+33100000000', call_id: 1 } },
      // Older builds omit call_id on this event: it concerns the latest call.
      { name: 'apm_phone_call_end_ringtone', value: { answer_status: 'refused' } },
    ]);
    expect(refused[1]).toMatchObject({ phase: 'ended', endedBy: 'local', endReason: 'rejected' });
    const abandoned = feed(reader, AIRCALL, [
      { name: 'apm_phone_incoming_call', value: { from: '+33600000002', to: '+33100000000', call_id: 2 } },
      { name: 'apm_phone_call_end_ringtone', value: { answer_status: 'disconnected', call_id: 2 } },
    ]);
    expect(abandoned[1]).toMatchObject({ phase: 'ended', endedBy: 'remote', endReason: 'cancelled' });
  });

  it('drops an unknown answer status for a known call', () => {
    const reader = createVendorEventReader();
    feed(reader, AIRCALL, [{ name: 'apm_phone_incoming_call', value: { from: '+33600000009', call_id: 9 } }]);
    const result = reader.read({ origin: AIRCALL, data: { name: 'apm_phone_call_end_ringtone', value: { answer_status: 'maybe', call_id: 9 } }, at: 5 });
    expect(result.dropped).toEqual({ reason: 'bad-shape', detail: 'value.answer_status' });
    expect(reader.openCallKeys('aircall')).toEqual(['9']);
  });

  it('follows an outbound call', () => {
    const reader = createVendorEventReader();
    const signals = feed(reader, AIRCALL, [
      { name: 'apm_phone_outgoing_call', value: { from: '+33100000000', to: '+33611111111', call_id: 7 } },
      { name: 'apm_phone_outgoing_answered', value: { call_id: 7 } },
      { name: 'apm_phone_call_ended', value: { duration: 10, call_id: 7 } },
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['dialing', 'connected', 'ended']);
    expect(signals[0]).toMatchObject({ direction: 'outbound', remote: '+33611111111' });
  });

  it.each([
    ['not apm_phone', { name: 'hello', value: {} }, 'bad-shape'],
    ['unknown apm_phone event', { name: 'apm_phone_logout' }, 'unknown-type'],
    ['incoming without call id', { name: 'apm_phone_incoming_call', value: { from: '+1' } }, 'bad-shape'],
    ['value not an object', { name: 'apm_phone_incoming_call', value: 'x' }, 'bad-shape'],
    ['answer for nothing', { name: 'apm_phone_outgoing_answered', value: { call_id: 404 } }, 'unknown-call'],
    ['ringtone end with no call', { name: 'apm_phone_call_end_ringtone', value: { answer_status: 'answered' } }, 'unknown-call'],
  ])('drops %s', (_name, data, reason) => {
    const reader = createVendorEventReader();
    const result = reader.read({ origin: AIRCALL, data, at: 1 });
    expect(result.signals).toEqual([]);
    expect(result.dropped?.reason).toBe(reason);
  });
});
