/**
 * RingCentral Embeddable: `{type: 'rc-call-*-notify', call: {id, direction, from, to, ...}}`, event names and
 * call fields as the Embeddable's documentation lists them.
 */
import type { CallPhase } from '../../calls/types';
import { isPlainRecord, ownField, ownRecord, ownString } from '../guard';
import { defineVendor, type CallUpdate, type ParseOutcome } from './define-vendor';
import { directionOf, dropped, lookUp, MAX_ID_CHARS, MAX_TYPE_CHARS, partyNumber } from './shared';

const PHASES: Readonly<Record<string, CallPhase | 'mute' | 'start'>> = {
  'rc-call-ring-notify': 'ringing',
  'rc-call-init-notify': 'dialing',
  'rc-call-start-notify': 'start',
  'rc-call-hold-notify': 'held',
  'rc-call-resume-notify': 'connected',
  'rc-call-end-notify': 'ended',
  'rc-call-mute-notify': 'mute',
};

function parse(data: unknown): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const type = ownString(data, 'type', MAX_TYPE_CHARS);
  if (type === undefined) return dropped('bad-shape', 'type');
  const mapped = lookUp(PHASES, type);
  if (!mapped) return dropped('unknown-type');
  if (mapped === 'mute') return { updates: [] };
  const call = ownRecord(data, 'call');
  if (!call) return dropped('bad-shape', 'call');
  const key =
    ownString(call, 'id', MAX_ID_CHARS) ??
    ownString(call, 'telephonySessionId', MAX_ID_CHARS) ??
    ownString(call, 'sessionId', MAX_ID_CHARS);
  if (!key) return dropped('bad-shape', 'call.id');
  const direction = directionOf(ownField(call, 'direction'));
  if (!direction) return dropped('bad-shape', 'call.direction');
  const remote = partyNumber(ownField(call, direction === 'inbound' ? 'from' : 'to'));
  let phase: CallPhase;
  if (mapped === 'start') {
    // For an outbound VoIP call RingCentral fires "start" while the far end is still ringing; only
    // an explicit telephony status says it was answered.
    const status = ownString(call, 'telephonyStatus', 32);
    phase = direction === 'inbound' || status === 'CallConnected' ? 'connected' : 'ringing';
  } else {
    phase = mapped;
  }
  const update: CallUpdate = { key, phase, direction };
  if (remote) update.remote = remote;
  return { updates: [update] };
}

/** RingCentral Embeddable, the softphone iframe CRMs embed from apps.ringcentral.com. */
export default defineVendor({
  id: 'ringcentral',
  name: 'RingCentral Embeddable',
  layer: 'cti',
  origins: ['https://apps.ringcentral.com'],
  dialers: [{ id: 'ringcentral', name: 'RingCentral Embeddable', matches: ['https://apps.ringcentral.com/*'] }],
  parse,
});

/**
 * Test pages
 *
 * - Targets: a host page with an iframe from
 *   `https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/app.html`.
 * - Fixture: an iframe served as `https://apps.ringcentral.com` (proxy or hosts mapping) posts
 *   `rc-call-ring-notify` → `rc-call-start-notify` → `rc-call-hold-notify` → `rc-call-resume-notify` →
 *   `rc-call-end-notify` for one `call.id`. tests/e2e/detection.e2e.test.ts plays it from a local origin set as
 *   RingCentral's through the vendor-origin setting.
 * - Forged: the same messages posted by the host page itself (own origin) must create no call.
 */
