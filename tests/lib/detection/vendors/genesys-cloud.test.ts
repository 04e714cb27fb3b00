import { describe, expect, it } from 'vitest';
import { createVendorEventReader } from '../../../../lib/detection/vendor-events';
import genesysCloud from '../../../../lib/detection/vendors/genesys-cloud';
import { expectOrigins, feed } from '../../../fixtures/vendor-events';

const GENESYS = 'https://apps.mypurecloud.com';

describe('Genesys Cloud embeddable framework', () => {
  it('reads its own origins and no look-alike', () => {
    expectOrigins(
      'genesys-cloud',
      [GENESYS, 'https://apps.mypurecloud.ie', 'https://apps.mypurecloud.com.au', 'https://apps.usw2.pure.cloud'],
      ['https://apps.mypurecloud.evil', 'https://apps.a.b.pure.cloud', 'https://login.mypurecloud.com', 'https://apps.someone.pure.cloud', 'https://login.usw2.pure.cloud'],
    );
  });

  it('offers each region as a known dialer of its own, so enabling one asks for one region', () => {
    expect(genesysCloud.dialers.map((dialer) => dialer.matches.length)).toEqual(genesysCloud.origins.map(() => 1));
  });

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
