import { describe, expect, it } from 'vitest';
import { normalizeNumber } from '../../../../lib/detection/numbers';
import { createVendorEventReader } from '../../../../lib/detection/vendor-events';
import { expectOrigins, feed } from '../../../fixtures/vendor-events';

const RC = 'https://apps.ringcentral.com';

describe('RingCentral Embeddable', () => {
  it('reads its own origins and no look-alike', () => {
    expectOrigins(
      'ringcentral',
      [RC],
      ['http://apps.ringcentral.com', 'https://apps.ringcentral.com.evil.example', 'https://evilapps.ringcentral.com'],
    );
  });

  const call = (extra: Record<string, unknown> = {}) => ({
    id: 'rc-session-1',
    direction: 'Inbound',
    from: '+14155552671',
    to: '+14155550000',
    ...extra,
  });

  it('maps ring, start, hold, resume and end of an inbound call', () => {
    const reader = createVendorEventReader({ toE164: (raw) => normalizeNumber(raw, 'US').e164 });
    const signals = feed(reader, RC, [
      { type: 'rc-call-ring-notify', call: call() },
      { type: 'rc-call-start-notify', call: call() },
      { type: 'rc-call-mute-notify', call: call({ isOnMute: true }) },
      { type: 'rc-call-hold-notify', call: call() },
      { type: 'rc-call-resume-notify', call: call() },
      { type: 'rc-call-end-notify', call: call() },
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['ringing', 'connected', 'held', 'connected', 'ended']);
    expect(signals[0]).toMatchObject({
      source: 'ringcentral',
      layer: 'cti',
      confidence: 0.95,
      direction: 'inbound',
      remote: '+14155552671',
      remoteE164: '+14155552671',
    });
    expect(signals[4]).toMatchObject({ endedBy: 'unknown', endReason: 'hangup' });
  });

  it('does not take an outbound "start" for an answer (it fires while the far end rings)', () => {
    const reader = createVendorEventReader();
    const out = { id: 'o1', direction: 'Outbound', from: { phoneNumber: '+14155550000' }, to: { phoneNumber: '+442079460018' } };
    const signals = feed(reader, RC, [
      { type: 'rc-call-init-notify', call: out },
      { type: 'rc-call-start-notify', call: out },
      { type: 'rc-call-start-notify', call: { ...out, telephonyStatus: 'CallConnected' } },
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['dialing', 'ringing', 'connected']);
    expect(signals[0]!.remote).toBe('+442079460018');
  });

  it('does not duplicate a repeated event and ignores a late ring after connect', () => {
    const reader = createVendorEventReader();
    const signals = feed(reader, RC, [
      { type: 'rc-call-ring-notify', call: call() },
      { type: 'rc-call-ring-notify', call: call() },
      { type: 'rc-call-start-notify', call: call() },
      { type: 'rc-call-ring-notify', call: call() },
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['ringing', 'connected']);
  });

  it.each([
    ['unknown type', { type: 'rc-login-status-notify', loggedIn: true }, 'unknown-type'],
    ['no type', { call: {} }, 'bad-shape'],
    ['call missing', { type: 'rc-call-ring-notify' }, 'bad-shape'],
    ['call id missing', { type: 'rc-call-ring-notify', call: { direction: 'Inbound' } }, 'bad-shape'],
    ['direction invalid', { type: 'rc-call-ring-notify', call: { id: 'x', direction: 'Sideways' } }, 'bad-shape'],
    ['a string', 'rc-call-ring-notify', 'bad-shape'],
    ['inherited type name', { type: 'constructor', call: {} }, 'unknown-type'],
  ])('drops a forged shape: %s', (_name, data, reason) => {
    const reader = createVendorEventReader();
    const result = reader.read({ origin: RC, data, at: 1 });
    expect(result.signals).toEqual([]);
    expect(result.dropped?.reason).toBe(reason);
  });
});
