import { describe, expect, it } from 'vitest';
import { normalizeNumber } from '../../../../lib/detection/numbers';
import { createVendorEventReader } from '../../../../lib/detection/vendor-events';
import { expectOrigins, feed } from '../../../fixtures/vendor-events';

const CONNECT = 'https://acme.my.connect.aws';

describe('Amazon Connect Streams snapshots', () => {
  it('reads its own origins and no look-alike, nor the shared awsapps.com (every company\'s AWS sign-in portal)', () => {
    expectOrigins(
      'amazon-connect',
      [CONNECT],
      ['https://acme.my.connect.aws.evil.example', 'https://my-connect.aws', 'https://acme.awsapps.com'],
    );
  });

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
