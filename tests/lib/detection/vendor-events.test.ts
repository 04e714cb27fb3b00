import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../lib/detection/guard';
import { normalizeNumber } from '../../../lib/detection/numbers';
import {
  createVendorEventReader,
  vendorForOrigin,
  type VendorEventReader,
} from '../../../lib/detection/vendor-events';

const RC = 'https://apps.ringcentral.com';
const AIRCALL = 'https://workspace.aircall.io';
const CONNECT = 'https://acme.my.connect.aws';
const ZOOM = 'https://applications.zoom.us';
const GENESYS = 'https://apps.mypurecloud.com';

/** Reads a sequence of events from one origin and returns all signals. */
function feed(reader: VendorEventReader, origin: string, events: unknown[], start = 1000) {
  return events.flatMap((data, i) => reader.read({ origin, data, at: start + i * 10 }).signals);
}

describe('vendor origins', () => {
  it('maps each vendor origin and rejects look-alikes', () => {
    expect(vendorForOrigin(RC)).toBe('ringcentral');
    expect(vendorForOrigin(AIRCALL)).toBe('aircall');
    expect(vendorForOrigin('https://acme.my.connect.aws')).toBe('amazon-connect');
    expect(vendorForOrigin('https://acme.awsapps.com')).toBe('amazon-connect');
    expect(vendorForOrigin(ZOOM)).toBe('zoom-phone');
    expect(vendorForOrigin('https://apps.usw2.pure.cloud')).toBe('genesys-cloud');
    expect(vendorForOrigin('https://apps.mypurecloud.ie')).toBe('genesys-cloud');
    for (const forged of [
      'http://apps.ringcentral.com',
      'https://apps.ringcentral.com.evil.example',
      'https://evilapps.ringcentral.com',
      'https://acme.my.connect.aws.evil.example',
      'https://apps.mypurecloud.evil',
      'https://apps.a.b.pure.cloud',
      'null',
      '',
    ]) {
      expect(vendorForOrigin(forged), forged).toBeUndefined();
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

describe('RingCentral Embeddable', () => {
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

describe('Aircall Everywhere', () => {
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

describe('Amazon Connect Streams snapshots', () => {
  type Conn = { type: string; state: string; phone?: string; initial?: boolean };
  const snapshot = (contacts: Array<{ id: string; state: string; type?: string; connections: Conn[] }>) => ({
    event: 'agent::update',
    data: {
      snapshot: {
        state: { type: 'routable', name: 'Available' },
        contacts: contacts.map((c) => ({
          contactId: c.id,
          type: c.type ?? 'voice',
          state: { type: c.state, timestamp: '2024-05-01T08:00:00Z' },
          connections: c.connections.map((k, i) => ({
            connectionId: `${c.id}-conn-${i}`,
            type: k.type,
            initial: k.initial ?? k.type !== 'agent',
            state: { type: k.state },
            endpoint: k.phone ? { type: 'TELEPHONE_NUMBER', phoneNumber: k.phone } : { type: 'AGENT' },
          })),
        })),
      },
      configuration: { name: 'Agent' },
    },
  });
  const caller = 'sip:+14155552671@10.0.0.1';

  it('turns an inbound contact lifecycle into one signal per change, however often the snapshot repeats', () => {
    const reader = createVendorEventReader({ toE164: (raw) => normalizeNumber(raw, 'US').e164 });
    const offered = snapshot([
      { id: 'ct-1', state: 'incoming', connections: [{ type: 'agent', state: 'connecting' }, { type: 'inbound', state: 'connected', phone: caller }] },
    ]);
    const live = snapshot([
      { id: 'ct-1', state: 'connected', connections: [{ type: 'agent', state: 'connected' }, { type: 'inbound', state: 'connected', phone: caller }] },
    ]);
    const held = snapshot([
      { id: 'ct-1', state: 'connected', connections: [{ type: 'agent', state: 'connected' }, { type: 'inbound', state: 'hold', phone: caller }] },
    ]);
    const callerHungUp = snapshot([
      { id: 'ct-1', state: 'ended', connections: [{ type: 'agent', state: 'connected' }, { type: 'inbound', state: 'disconnected', phone: caller }] },
    ]);
    const signals = feed(reader, CONNECT, [offered, offered, live, live, live, held, live, callerHungUp, callerHungUp, snapshot([])]);
    expect(signals.map((s) => s.phase)).toEqual(['ringing', 'connected', 'held', 'connected', 'ended']);
    expect(signals[0]).toMatchObject({
      callKey: 'ct-1',
      source: 'amazon-connect',
      direction: 'inbound',
      remote: caller,
      remoteE164: '+14155552671',
    });
    expect(signals[4]).toMatchObject({ endedBy: 'remote', endReason: 'hangup' });
    expect(reader.openCallKeys('amazon-connect')).toEqual([]);
  });

  it('follows an outbound contact and ends a contact that disappears from the snapshot', () => {
    const reader = createVendorEventReader();
    const dialing = snapshot([
      { id: 'ct-2', state: 'connecting', connections: [{ type: 'agent', state: 'connected' }, { type: 'outbound', state: 'init', phone: '+442079460018' }] },
    ]);
    const ringing = snapshot([
      { id: 'ct-2', state: 'connecting', connections: [{ type: 'agent', state: 'connected' }, { type: 'outbound', state: 'connecting', phone: '+442079460018' }] },
    ]);
    const answered = snapshot([
      { id: 'ct-2', state: 'connected', connections: [{ type: 'agent', state: 'connected' }, { type: 'outbound', state: 'connected', phone: '+442079460018' }] },
    ]);
    const signals = feed(reader, CONNECT, [dialing, ringing, answered, snapshot([])]);
    expect(signals.map((s) => [s.phase, s.direction])).toEqual([
      ['dialing', 'outbound'],
      ['ringing', 'outbound'],
      ['connected', 'outbound'],
      ['ended', 'outbound'],
    ]);
    expect(signals[3]).toMatchObject({ endedBy: 'unknown', endReason: 'hangup' });
  });

  it('handles two contacts at once and ignores chat and task contacts', () => {
    const reader = createVendorEventReader();
    const first = snapshot([
      { id: 'a', state: 'connected', connections: [{ type: 'agent', state: 'connected' }, { type: 'inbound', state: 'hold', phone: '+15550000001' }] },
      { id: 'b', state: 'connecting', connections: [{ type: 'agent', state: 'connected' }, { type: 'outbound', state: 'connecting', phone: '+15550000002' }] },
      { id: 'chat', type: 'chat', state: 'connected', connections: [{ type: 'agent', state: 'connected' }] },
    ]);
    const signals = feed(reader, CONNECT, [first, first]);
    expect(signals.map((s) => [s.callKey, s.phase])).toEqual([
      ['a', 'held'],
      ['b', 'ringing'],
    ]);
    expect(reader.openCallKeys('amazon-connect').sort()).toEqual(['a', 'b']);
  });

  it('reports a missed and a rejected contact', () => {
    const reader = createVendorEventReader();
    const signals = feed(reader, CONNECT, [
      snapshot([{ id: 'm', state: 'incoming', connections: [{ type: 'inbound', state: 'connected', phone: '+15550000003' }] }]),
      snapshot([{ id: 'm', state: 'missed', connections: [{ type: 'inbound', state: 'connected', phone: '+15550000003' }] }]),
      snapshot([{ id: 'r', state: 'incoming', connections: [{ type: 'inbound', state: 'connected', phone: '+15550000004' }] }]),
      snapshot([{ id: 'r', state: 'rejected', connections: [{ type: 'inbound', state: 'connected', phone: '+15550000004' }] }]),
    ]);
    expect(signals.filter((s) => s.phase === 'ended').map((s) => [s.callKey, s.endReason, s.endedBy])).toEqual([
      ['m', 'cancelled', 'unknown'],
      ['r', 'rejected', 'local'],
    ]);
  });

  it.each([
    ['other conduit event', { event: 'agent::refresh', data: {} }, 'unknown-type'],
    ['no snapshot', { event: 'agent::update', data: {} }, 'bad-shape'],
    ['contacts not an array', { event: 'agent::update', data: { snapshot: { contacts: {} } } }, 'bad-shape'],
    ['contact without id', { event: 'agent::update', data: { snapshot: { contacts: [{ type: 'voice' }] } } }, 'bad-shape'],
    ['connections not an array', { event: 'agent::update', data: { snapshot: { contacts: [{ contactId: 'x', connections: 'no' }] } } }, 'bad-shape'],
    [
      'too many contacts',
      { event: 'agent::update', data: { snapshot: { contacts: Array.from({ length: 21 }, (_, i) => ({ contactId: `c${i}` })) } } },
      'too-large',
    ],
  ])('drops %s', (_name, data, reason) => {
    const reader = createVendorEventReader();
    const result = reader.read({ origin: CONNECT, data, at: 1 });
    expect(result.signals).toEqual([]);
    expect(result.dropped?.reason).toBe(reason);
  });

  it('does not end open contacts on a malformed snapshot', () => {
    const reader = createVendorEventReader();
    feed(reader, CONNECT, [
      snapshot([{ id: 'keep', state: 'connected', connections: [{ type: 'agent', state: 'connected' }, { type: 'inbound', state: 'connected' }] }]),
    ]);
    reader.read({ origin: CONNECT, data: { event: 'agent::update', data: { snapshot: { contacts: [{}] } } }, at: 2 });
    expect(reader.openCallKeys('amazon-connect')).toEqual(['keep']);
  });
});

describe('Zoom Phone Smart Embed', () => {
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

describe('Genesys Cloud embeddable framework', () => {
  const post = (category: string, interaction: Record<string, unknown>) =>
    JSON.stringify({ type: 'interactionSubscription', data: { category, interaction } });
  const base = { id: 'g-1', direction: 'Inbound', phone: 'tel:+14155552671', ani: 'tel:+14155552671', isChat: false };

  it('reads forwarded JSON strings through a call, counting each state once', () => {
    const reader = createVendorEventReader();
    const signals = feed(reader, GENESYS, [
      post('add', { ...base, state: 'ALERTING' }),
      post('update', { ...base, state: 'ALERTING' }),
      post('connect', { ...base, state: 'CONNECTED', isConnected: true }),
      post('change', { old: { ...base, state: 'CONNECTED' }, new: { ...base, state: 'HELD', isHeld: true } }),
      post('update', { ...base, state: 'CONNECTED', isHeld: false }),
      post('disconnect', { ...base, state: 'DISCONNECTED', isDisconnected: true }),
      post('deallocate', { ...base, state: 'DISCONNECTED' }),
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['ringing', 'connected', 'held', 'connected', 'ended']);
    expect(signals[0]).toMatchObject({ source: 'genesys-cloud', direction: 'inbound', remote: 'tel:+14155552671' });
  });

  it('also accepts the message as an object and reads outbound dialing', () => {
    const reader = createVendorEventReader();
    const result = reader.read({
      origin: 'https://apps.euw2.pure.cloud',
      data: { type: 'interactionSubscription', data: { category: 'add', interaction: { id: 'g-2', direction: 'Outbound', state: 'DIALING', calledNumber: '+442079460018' } } },
      at: 5,
    });
    expect(result.signals).toMatchObject([{ phase: 'dialing', direction: 'outbound', remote: '+442079460018' }]);
  });

  it.each([
    ['malformed JSON string', '{"type":"interactionSubscription",', 'malformed'],
    ['oversize string', `"${'x'.repeat(70000)}"`, 'too-large'],
    ['chat interaction', post('add', { ...base, state: 'ALERTING', isChat: true }), 'not-voice'],
    ['other framework message', JSON.stringify({ type: 'userActionSubscription', data: {} }), 'unknown-type'],
    ['no interaction id', post('add', { state: 'ALERTING' }), 'bad-shape'],
    ['unknown state on update', post('update', { id: 'g-9', state: 'WIBBLE' }), 'bad-shape'],
    ['deeply nested JSON', `${'['.repeat(50)}${']'.repeat(50)}`, 'too-large'],
  ])('drops %s', (_name, data, reason) => {
    const result = createVendorEventReader().read({ origin: GENESYS, data, at: 1 });
    expect(result.signals).toEqual([]);
    expect(result.dropped?.reason).toBe(reason);
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
