import { describe, expect, it } from 'vitest';
import { createRateLimiter, DEFAULT_SHAPE_LIMITS } from '../../../lib/detection/guard';
import { createVendorEventReader } from '../../../lib/detection/vendor-events';
import { vendorOf } from '../../fixtures/vendor-events';

// Shared reader behaviour; each vendor's own events are in vendors/<id>.test.ts.
const RC = 'https://apps.ringcentral.com';
const GENESYS = 'https://apps.mypurecloud.com';

describe('vendor origins', () => {
  it('gives no vendor an origin that is not one', () => {
    for (const origin of ['null', '', 'https://dialer.example.com', 'http://127.0.0.1:8080']) {
      expect(vendorOf(origin), origin).toBeUndefined();
    }
  });

  it('drops a correctly shaped event from a forged origin', () => {
    const reader = createVendorEventReader();
    const result = reader.read({
      origin: 'https://dialer.example.com',
      data: { type: 'rc-call-ring-notify', call: { id: 'c1', direction: 'Inbound', from: '+15550001', to: '+15550002' } },
      at: 1,
    });
    expect(result).toEqual({ signals: [], dropped: { reason: 'origin-not-allowed' } });
  });

  it('honours the enabled vendor list and origin overrides', () => {
    const reader = createVendorEventReader({
      vendors: ['genesys-cloud'],
      origins: { 'genesys-cloud': ['https://apps.example-region.example'] },
    });
    expect(reader.read({ origin: RC, data: {}, at: 1 }).dropped?.reason).toBe('origin-not-allowed');
    expect(reader.read({ origin: GENESYS, data: {}, at: 1 }).dropped?.reason).toBe('origin-not-allowed');
    expect(reader.read({ origin: 'https://apps.example-region.example', data: {}, at: 1 }).vendor).toBe('genesys-cloud');
  });
});

describe('untrusted input bounds', () => {
  it('drops oversize and non-plain events before any parser sees them', () => {
    const reader = createVendorEventReader();
    const big = { type: 'rc-call-ring-notify', call: { id: 'x', direction: 'Inbound', from: 'a'.repeat(10000) } };
    expect(reader.read({ origin: RC, data: big, at: 1 }).dropped).toEqual({ reason: 'too-large', detail: '$.call.from' });
    const withFunction = { type: 'rc-call-ring-notify', call: { id: 'x', direction: 'Inbound', toString: () => 'x' } };
    expect(reader.read({ origin: RC, data: withFunction, at: 1 }).dropped?.reason).toBe('bad-shape');
    expect(reader.read({ origin: RC, data: new Date(), at: 1 }).dropped?.reason).toBe('bad-shape');
  });

  it('parses string events only for a vendor that posts JSON text, within the same shape limits', () => {
    const reader = createVendorEventReader({ limits: { ...DEFAULT_SHAPE_LIMITS, maxDepth: 2 } });
    const ring = JSON.stringify({ type: 'rc-call-ring-notify', call: { id: 'x', direction: 'Inbound' } });
    expect(reader.read({ origin: RC, data: ring, at: 1 }).dropped).toEqual({ reason: 'bad-shape', detail: '$' });
    const deep = JSON.stringify({ a: { b: { c: 1 } } });
    expect(reader.read({ origin: GENESYS, data: deep, at: 1 }).dropped).toEqual({ reason: 'too-large', detail: '$.a.b' });
  });

  it('rate-limits a flood from an allowed origin', () => {
    let now = 0;
    const reader = createVendorEventReader({ rateLimiter: createRateLimiter({ perSecond: 5, burst: 5, now: () => now }) });
    const ring = (i: number) => ({ type: 'rc-call-ring-notify', call: { id: `c${i}`, direction: 'Inbound', from: '+1555' } });
    const results = Array.from({ length: 20 }, (_, i) => reader.read({ origin: RC, data: ring(i), at: i }));
    expect(results.filter((r) => r.dropped?.reason === 'rate-limited')).toHaveLength(15);
    now = 1000;
    expect(reader.read({ origin: RC, data: ring(99), at: 1000 }).dropped).toBeUndefined();
  });

  it('caps the open calls per vendor so forged call ids cannot grow memory', () => {
    const reader = createVendorEventReader({ maxCallsPerVendor: 3 });
    for (let i = 0; i < 10; i += 1) {
      reader.read({ origin: RC, data: { type: 'rc-call-ring-notify', call: { id: `c${i}`, direction: 'Inbound' } }, at: i });
    }
    expect(reader.openCallKeys('ringcentral')).toEqual(['c0', 'c1', 'c2']);
  });
});
