import { describe, expect, it } from 'vitest';
import { createVendorEventReader } from '../../../../lib/detection/vendor-events';
import { expectOrigins, feed } from '../../../fixtures/vendor-events';

const ZOOM = 'https://applications.zoom.us';

describe('Zoom Phone Smart Embed', () => {
  it('reads its own origins and no look-alike', () => {
    expectOrigins('zoom-phone', [ZOOM], ['http://applications.zoom.us', 'https://applications.zoom.us.evil.example']);
  });

  it('follows ringing, connected and ended with the call id', () => {
    const reader = createVendorEventReader();
    const data = { callId: 'z1', direction: 'inbound', caller: { name: 'Li Wei', phoneNumber: '+8613800138000' } };
    const signals = feed(reader, ZOOM, [
      { type: 'zp-call-ringing-event', data },
      { type: 'zp-call-connected-event', data },
      { type: 'zp-call-ended-event', data },
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['ringing', 'connected', 'ended']);
    expect(signals[0]).toMatchObject({ source: 'zoom-phone', direction: 'inbound', remote: '+8613800138000' });
  });

  it('applies events without a call id to the latest call and drops them when there is none', () => {
    const reader = createVendorEventReader();
    expect(reader.read({ origin: ZOOM, data: { type: 'zp-call-connected-event', data: {} }, at: 1 }).dropped?.reason).toBe(
      'unknown-call',
    );
    const signals = feed(reader, ZOOM, [
      { type: 'zp-call-ringing-event', data: { direction: 'outbound', callee: { phoneNumber: '+14155552671' } } },
      { type: 'zp-call-connected-event' },
    ]);
    expect(signals.map((s) => [s.phase, s.direction, s.remote])).toEqual([
      ['ringing', 'outbound', '+14155552671'],
      ['connected', 'outbound', '+14155552671'],
    ]);
  });

  it.each([
    ['non-zoom type', { type: 'rc-call-ring-notify', data: {} }, 'bad-shape'],
    ['unhandled zoom event', { type: 'zp-save-log-event', data: {} }, 'unknown-type'],
    ['data not an object', { type: 'zp-call-ringing-event', data: [1] }, 'bad-shape'],
  ])('drops %s', (_name, data, reason) => {
    expect(createVendorEventReader().read({ origin: ZOOM, data, at: 1 }).dropped?.reason).toBe(reason);
  });
});
